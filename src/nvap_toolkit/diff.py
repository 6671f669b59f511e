"""``nvap diff``: what changed between two editions of the content.

OLD and NEW are content folders or git revisions (the content/ tree of a commit,
read with ``git archive`` into a temporary folder). Each document is compared as
its author wrote it (the YAML, so a file that does not validate is compared too),
with DeepDiff matching list items by their stable ids (objective, activity and
priority ids, perennial-challenge keys; keys and texts match themselves), so an
item reordered is *moved*, not changed; a text that changed is *reworded*, shown
word by word (difflib). An item whose number changed only because items before it
were added or removed is *renumbered*.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError, display_path

ID_FIELDS = ("id", "challenge")
"""The fields that identify an item of a list (objectives, activities, priorities; perennial-challenge links)."""
KINDS = ("added", "removed", "reworded", "changed", "moved", "renumbered")


@dataclass(frozen=True)
class Change:
    """One difference: in which document, where in it, of what kind, and the values."""

    document: str
    """The file, relative to the content folder and without .yaml: ``actions/2.6.2``."""
    where: str
    """The place in the document: ``objectives[training-and-briefings].statement``."""
    kind: str
    """One of ``KINDS``."""
    old: str | None = None
    new: str | None = None
    words: tuple[tuple[str, str], ...] = ()
    """For a reworded text: the word diff, as (op, text) with op '=', '-' or '+'."""

    @property
    def section(self) -> str:
        """The document's top-level field the change is in."""
        return re.split(r"[.\[]", self.where, maxsplit=1)[0]

    def detail(self) -> str:
        """The change in words, for a terminal or Markdown: ``[-old-]{+new+}`` marks a rewording."""
        if self.kind == "reworded":
            return "".join(t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}" for op, t in self.words)
        if self.kind in ("moved", "renumbered"):
            what = f"{self.words[0][1]} " if self.words else ""
            return f"{what}from {self.old} to {self.new}"
        if self.kind == "changed":
            return f"{self.old} -> {self.new}"
        return (self.new if self.kind == "added" else self.old) or ""


@dataclass
class ContentDiff:
    """Every change between two editions of the content."""

    old: str
    new: str
    changes: list[Change] = field(default_factory=list)

    @property
    def differ(self) -> bool:
        return bool(self.changes)

    def by_document(self) -> dict[str, list[Change]]:
        grouped: dict[str, list[Change]] = {}
        for change in self.changes:
            grouped.setdefault(change.document, []).append(change)
        return grouped


# -- where the two editions are ------------------------------------------------------------------


@contextmanager
def content_folder(spec: str, content_root: Path) -> Iterator[Path]:
    """The content folder ``spec`` names: a folder (its ``content/`` when it has one), or a git revision.

    For a revision, the content/ tree of that commit (the folder ``content_root`` is, in
    its repository) is extracted into a temporary folder, removed afterwards.
    """
    from . import git

    folder = Path(spec)
    if folder.is_dir():
        yield folder / "content" if (folder / "content").is_dir() else folder
        return
    top = git.top(content_root if content_root.is_dir() else Path.cwd())
    if top is None:
        raise UsageError(f"'{spec}' is neither a content folder nor a git revision (no git repository here)")
    revision = git.text(top, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if revision is None:
        raise UsageError(f"'{spec}' is neither a content folder nor a revision of the git repository that holds the content")
    try:
        rel = content_root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            f"the content folder {display_path(content_root)} is not in the git repository {display_path(top)}"
        ) from None
    archive = git.output(top, "archive", "--format=tar", revision.strip(), "--", rel)
    if archive is None:
        raise UsageError(f"the revision '{spec}' has no {rel}/ folder")
    with tempfile.TemporaryDirectory(prefix="nvap-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp) / rel


# -- comparing -------------------------------------------------------------------------------------


def documents(root: Path) -> dict[str, Any]:
    """Every content file under ``root`` as its author wrote it (plain data), by ``actions/2.6.2``-style name."""
    from .content.kinds import content_files
    from .content.loader import read_document

    found = {}
    for path in content_files(root):
        doc = read_document(path, root)
        found[path.relative_to(root).with_suffix("").as_posix()] = doc.data
    return found


def diff_content(old_root: Path, new_root: Path, *, old_name: str = "OLD", new_name: str = "NEW") -> ContentDiff:
    """Every change from the content at ``old_root`` to that at ``new_root``."""
    old, new = documents(old_root), documents(new_root)
    result = ContentDiff(old_name, new_name)
    for name in sorted(set(old) | set(new)):
        if name not in new:
            result.changes.append(Change(name, "", "removed", old=_summary(old[name])))
        elif name not in old:
            result.changes.append(Change(name, "", "added", new=_summary(new[name])))
        else:
            result.changes.extend(diff_document(name, old[name], new[name]))
    return result


def run_diff(old: str, new: str, content_root: Path) -> ContentDiff:
    """``nvap diff OLD NEW``: each a content folder or a git revision of ``content_root``'s repository."""
    with ExitStack() as stack:
        old_root = stack.enter_context(content_folder(old, content_root))
        new_root = stack.enter_context(content_folder(new, content_root))
        return diff_content(old_root, new_root, old_name=old, new_name=new)


def _identity(item: Any) -> Any:
    if isinstance(item, dict):
        for key in ID_FIELDS:
            if isinstance(item.get(key), (str, int)):
                return (key, item[key])
        return None
    if isinstance(item, (str, int, float, bool)):
        return ("value", item)
    return None


def _same_item(x: Any, y: Any, _level: Any = None) -> bool:
    """DeepDiff's keyed comparison: items of a list are the same item when their ids (or texts) are equal."""
    from deepdiff.helper import CannotCompare

    a, b = _identity(x), _identity(y)
    if a is None or b is None:
        raise CannotCompare() from None
    return bool(a == b)


def diff_document(name: str, old: Any, new: Any) -> list[Change]:
    """The changes within one document (plain data, as read from its YAML)."""
    from deepdiff import DeepDiff

    found = DeepDiff(
        old,
        new,
        iterable_compare_func=_same_item,
        view="tree",
        cutoff_intersection_for_pairs=1,
        cutoff_distance_for_pairs=1,
        threshold_to_diff_deeper=0,
    )
    changes: list[Change] = []
    moves: dict[int, list[Any]] = {}
    for report, levels in found.items():
        for level in levels:
            if report in ("values_changed", "type_changes"):
                changes.append(_value_change(name, _where(level), level.t1, level.t2))
            elif report in ("dictionary_item_added", "iterable_item_added", "attribute_added"):
                changes.append(Change(name, _where(level), "added", new=_summary(level.t2)))
            elif report in ("dictionary_item_removed", "iterable_item_removed", "attribute_removed"):
                changes.append(Change(name, _where(level), "removed", old=_summary(level.t1)))
            elif report == "iterable_item_moved" and level.up is not None:
                moves.setdefault(id(level.up.t1), []).append(level)
    for levels in moves.values():
        changes.extend(_moves(name, levels))
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(changes, key=lambda c: (c.where, order[c.kind]))


def _value_change(name: str, where: str, before: Any, after: Any) -> Change:
    if isinstance(before, str) and isinstance(after, str):
        return Change(name, where, "reworded", old=before, new=after, words=tuple(word_diff(before, after)))
    return Change(name, where, "changed", old=_summary(before), new=_summary(after))


def _moves(name: str, levels: list[Any]) -> list[Change]:
    """Moved items (their order among the others changed) and renumbered ones (shifted by additions or removals).

    DeepDiff reports every item whose index changed; only those out of the longest run kept
    in order are moved, the others merely shifted.
    """
    parent = levels[0].up
    old_list, new_list = parent.t1, parent.t2
    if not isinstance(old_list, list) or not isinstance(new_list, list):
        return []
    old_ids = [_identity(x) for x in old_list]
    new_ids = [_identity(x) for x in new_list]
    common = [i for i in old_ids if i in new_ids]
    reordered = [i for i in new_ids if i in old_ids]
    matcher = difflib.SequenceMatcher(None, common, reordered, autojunk=False)
    kept = {common[b.a + k] for b in matcher.get_matching_blocks() for k in range(b.size)}
    shifted = len(common) != len(old_ids) or len(reordered) != len(new_ids)
    prefix = _where(parent)
    changes = []
    for level in levels:
        ident = _identity(level.t1)
        if ident is None or ident not in old_ids or ident not in new_ids:
            continue
        before, after = old_ids.index(ident), new_ids.index(ident)
        where = f"{prefix}[{after + 1}]" if ident[0] == "value" else f"{prefix}[{ident[1]}]"
        if ident not in kept:
            value = (("=", _summary(level.t1) or ""),) if ident[0] == "value" else ()
            changes.append(Change(name, where, "moved", old=str(before + 1), new=str(after + 1), words=value))
        elif shifted and before != after and ident[0] != "value":
            # Numbered by position (Objective 2): an item shifted by additions or removals before it.
            changes.append(Change(name, where, "renumbered", old=str(before + 1), new=str(after + 1)))
    return changes


def _chain(level: Any) -> list[Any]:
    found = []
    while level is not None:
        found.append(level)
        level = level.up
    return found[::-1]


def _where(level: Any) -> str:
    """``objectives[training-and-briefings].statement``: list items named by their id, else by their number.

    Built from DeepDiff's chain of levels (the objects at each depth), not from its indices,
    which for an item that also moved name the other side's position.
    """
    from deepdiff.helper import notpresent

    levels = _chain(level)
    parts = list(level.path(output_format="list"))
    text = ""
    for depth, part in enumerate(parts):
        if not isinstance(part, int):
            text += f".{part}" if text else str(part)
            continue
        parent, child = levels[depth], levels[depth + 1]
        old_side = child.t1 is not notpresent
        item = child.t1 if old_side else child.t2
        container = parent.t1 if old_side else parent.t2
        ident = _identity(item) if isinstance(item, dict) else None
        if ident is not None:
            text += f"[{ident[1]}]"
        else:
            index = next((i for i, x in enumerate(container) if x is item), part) if isinstance(container, list) else part
            text += f"[{index + 1}]"
    return text


def _summary(value: Any) -> str | None:
    """A value in a few words: a text or number as it is, an item by its id, a list or mapping by size."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return None if value is None else str(value)
    ident = _identity(value)
    if ident is not None:
        return str(ident[1])
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)  # whole: a diff never cuts text


_WORD = re.compile(r"\S+")


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The word-level difference of two texts: runs of equal ('='), removed ('-') and added ('+') words."""
    a, b = _WORD.findall(before), _WORD.findall(after)
    segments: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("+", " ".join(b[j1:j2])))
    runs: list[tuple[str, str]] = []

    def push(op: str, text: str) -> None:
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for n, (op, text) in enumerate(segments):
        if n and not (op == "+" and segments[n - 1][0] == "-"):
            push("=", " ")  # words apart, but a replacement's old and new side by side
        push(op, text)
    return runs


# -- the outputs -------------------------------------------------------------------------------------


def as_json(diff: ContentDiff) -> str:
    """The diff as JSON: old, new, and every change with its document, section, place, kind and values."""
    body = {
        "old": diff.old,
        "new": diff.new,
        "summary": summary_line(diff),
        "changes": [{"section": c.section, **asdict(c), "words": [list(w) for w in c.words]} for c in diff.changes],
    }
    return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def summary_line(diff: ContentDiff) -> str:
    """``3 changes in 1 document``, or ``no changes``: the same words in every format."""
    if not diff.changes:
        return "no changes"
    n, documents = len(diff.changes), len(diff.by_document())
    return f"{n} change{'' if n == 1 else 's'} in {documents} document{'' if documents == 1 else 's'}"


def as_lines(diff: ContentDiff) -> list[str]:
    """The diff as text lines: ``document: place: kind: detail``."""
    lines = []
    for change in diff.changes:
        where = f"{change.where}: " if change.where else ""
        detail = change.detail()
        lines.append(f"{change.document}: {where}{change.kind}" + (f": {detail}" if detail else ""))
    return lines


def as_markdown(diff: ContentDiff) -> str:
    """The diff as Markdown: a table per document."""
    from .render.prose import md_escape

    out = [f"# {md_escape(diff.old)} → {md_escape(diff.new)}", "", f"{summary_line(diff).capitalize()}.", ""]
    for document, changes in diff.by_document().items():
        out += [f"## {md_escape(document)}", "", "| where | change | detail |", "| --- | --- | --- |"]
        for c in changes:
            detail = (
                "".join(
                    md_escape(t) if op == "=" else f"~~{md_escape(t)}~~" if op == "-" else f"**{md_escape(t)}**"
                    for op, t in c.words
                )
                if c.kind == "reworded"
                else md_escape(c.detail())
            )
            out.append(f"| {md_escape(c.where)} | {c.kind} | {detail.replace(chr(10), ' ').replace('|', chr(92) + '|')} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def as_html(diff: ContentDiff) -> str:
    """The diff as one self-contained HTML page: a table per document, rewordings in <del> and <ins>."""
    from markupsafe import escape

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(diff.old)} → {escape(diff.new)}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.3rem;text-align:left;vertical-align:top}"
        "del{background:#fdd;color:#600}ins{background:#dfd;color:#060;text-decoration:underline}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(diff.old)} → {escape(diff.new)}</h1>",
        f"<p>{escape(summary_line(diff).capitalize())}.</p>",
    ]
    for document, changes in diff.by_document().items():
        parts += [
            f"<h2>{escape(document)}</h2>",
            "<table>",
            '<thead><tr><th scope="col">where</th><th scope="col">change</th><th scope="col">detail</th></tr></thead>',
            "<tbody>",
        ]
        for c in changes:
            if c.kind == "reworded":
                detail = "".join(
                    str(escape(t)) if op == "=" else f"<del>{escape(t)}</del>" if op == "-" else f"<ins>{escape(t)}</ins>"
                    for op, t in c.words
                )
            else:
                detail = str(escape(c.detail()))
            parts.append(f"<tr><td>{escape(c.where)}</td><td>{escape(c.kind)}</td><td>{detail}</td></tr>")
        parts += ["</tbody>", "</table>"]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)
