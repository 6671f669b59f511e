"""Citations and reference-list entries, formatted from the bibliography (APA-like)."""

from __future__ import annotations

from ..records.content import Name, Reference


def _name_short(name: Name) -> str:
    return name.literal or name.family or ""


def author_short(ref: Reference) -> str:
    """'Graham et al.', 'Bradford & Quinton', 'Police Foundation'."""
    names = ref.author
    if len(names) == 1:
        return _name_short(names[0])
    if len(names) == 2:
        return f"{_name_short(names[0])} & {_name_short(names[1])}"
    return f"{_name_short(names[0])} et al."


def cite_item(ref: Reference, *, suppress_author: bool) -> str:
    """One item of a parenthetical citation: 'Graham et al., 2019' or just '2019'."""
    return str(ref.year) if suppress_author else f"{author_short(ref)}, {ref.year}"


def _name_long(name: Name) -> str:
    if name.literal:
        return name.literal
    return f"{name.family}, {name.given}" if name.given else str(name.family)


def _authors_long(names: list[Name]) -> str:
    parts = [_name_long(n) for n in names]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ", & " + parts[-1]


def _stop(text: str) -> str:
    return text if text.endswith((".", "?", "!", ".]")) else text + "."


def reference_runs(ref: Reference) -> list[tuple[str, bool]]:
    """A reference-list entry as (text, italic) runs; the url is the last run, alone."""
    runs: list[tuple[str, bool]] = []
    authors = _stop(_authors_long(ref.author))
    date = f"{ref.year}, {ref.date}" if ref.date else str(ref.year)
    runs.append((f"{authors} ({date}). ", False))
    if ref.type == "article":
        runs.append((_stop(ref.title) + " ", False))
        if ref.container:
            runs.append((ref.container, True))
            if ref.volume:
                runs.append((", ", False))
                runs.append((ref.volume, True))
            if ref.issue:
                runs.append((f" ({ref.issue})", False))
            if ref.pages:
                runs.append((f", {ref.pages}", False))
            runs.append((". ", False))
    else:
        runs.append((_stop(ref.title), True))
        runs.append((" ", False))
        if ref.container:
            runs.append((_stop(ref.container) + " ", False))
    for extra in (ref.publisher, ref.note):
        if extra:
            runs.append((_stop(extra) + " ", False))
    if ref.retrieved and ref.url:
        runs.append((f"Retrieved {ref.retrieved}, from ", False))
    if ref.url:
        runs.append((ref.url, False))
    text_runs = [(t, i) for t, i in runs if t]
    if text_runs and not ref.url:
        last, italic = text_runs[-1]
        text_runs[-1] = (last.rstrip(), italic)
    return text_runs
