"""The PO catalogues: read them (with their problems located), merge the current English in, write them.

Babel reads and writes the files. Around it, nvap adds what gettext's own tools do
and Babel does not: a line-by-line check of the quoting (Babel reads a string
without its closing quote silently), the ``#|`` previous msgid of a fuzzy entry read
back (Babel takes it for a translator's comment) and written one quoted line at a
time (Babel wraps it like prose, splitting quoted strings), and entries matched by
msgctxt, the field's stable path, rather than by similar English.

The output is deterministic: entries in the order of the YAML file, obsolete ones
sorted by msgctxt, Babel's default width, no ``Generated-By`` header, and the
POT-Creation-Date kept while the English is unchanged (SOURCE_DATE_EPOCH, else a
fixed date, when it changes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, denormalize, normalize, unescape, write_po

from ..errors import ContentError, UsageError, display_path
from ..issues import Issue
from ..writer import Output
from . import layout

if TYPE_CHECKING:  # the extraction needs Pydantic: only an update imports it, not a check of the catalogues
    from ..content.project import Project
    from .extract import Entry, Source

WIDTH = 76
"""Babel's (and xgettext's) default line width."""

_BABEL_HEADERS = frozenset(
    {
        "project-id-version", "report-msgid-bugs-to", "pot-creation-date", "po-revision-date", "last-translator",
        "language", "language-team", "plural-forms", "mime-version", "content-type", "content-transfer-encoding",
    }
)  # fmt: skip
_DROPPED_HEADERS = frozenset({"generated-by"})
"""Babel writes its version here: a Babel upgrade would otherwise rewrite every catalogue."""

_HEADER = """\
# {language} ({lang}) translation of {source}.
# Written by `nvap translate update --lang {lang}`, which keeps the
# translations when the English changes. Translate each msgstr; keep
# msgctxt, msgid and the inline forms ([@key], **strong**, [link:key],
# {{page}}...) as they are. See docs/translation.md.
#"""


class Catalogue(Catalog):
    """Babel's catalogue, keeping the headers a translator's tool adds (``X-Generator``...), without ``Generated-By``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.extra_headers: list[tuple[str, str]] = []
        super().__init__(*args, **kwargs)

    def _headers(self) -> list[tuple[str, str]]:
        kept = [(k, v.rstrip("\n")) for k, v in Catalog._get_mime_headers(self) if k.lower() not in _DROPPED_HEADERS]
        headers = kept + [(k, v.rstrip("\n")) for k, v in self.extra_headers]
        # Babel joins the headers with newlines: the last one ends with its own, as gettext writes it.
        return [*headers[:-1], (headers[-1][0], headers[-1][1] + "\n")] if headers else headers

    def _set_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        Catalog._set_mime_headers(self, headers)
        self.extra_headers = [(k, v) for k, v in headers if k.lower() not in _BABEL_HEADERS | _DROPPED_HEADERS]

    mime_headers = property(_headers, _set_headers)


@dataclass
class Read:
    """A catalogue file as read: the catalogue (None if it cannot be read), its problems, where each msgstr is."""

    path: Path
    shown: str
    catalogue: Catalogue | None = None
    issues: list[Issue] = field(default_factory=list)
    msgstr_lines: dict[int, int] = field(default_factory=dict)
    """The line of each entry's msgstr, by the line of its msgid (Babel's ``Message.lineno``)."""

    def issue(self, line: int, col: int, message: str, severity: str = "error") -> None:
        self.issues.append(Issue.at(self.shown, line, col, message, severity))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    def messages(self) -> dict[str, Message]:
        """The catalogue's current (not obsolete) entries, by msgctxt."""
        if self.catalogue is None:
            return {}
        return {m.context: m for m in self.catalogue if m.id and m.context}


def read_catalogue(path: Path) -> Read:
    """Read a PO file; every problem of its syntax is in ``Read.issues``, never raised."""
    read = Read(path, display_path(path))
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        read.issue(1, 1, f"cannot read the file: {(exc.strerror or str(exc)).lower()}")
        return read
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        line = raw.count(b"\n", 0, exc.start) + 1
        read.issue(line, exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1, "the file is not UTF-8 text: save it as UTF-8")
        return read
    return read_text(read, text.removeprefix("\ufeff"))


def read_text(read: Read, text: str) -> Read:
    """Parse ``text`` as the PO file of ``read``."""
    _lex(read, text)
    if read.errors:
        return read
    catalogue = Catalogue(fuzzy=False)
    try:
        PoFileParser(catalogue, abort_invalid=True).parse(io.StringIO(text))
    except PoFileError as exc:
        read.issue(exc.lineno + 1, 1, f"PO syntax error: {exc.args[0].rsplit(' on ', 1)[0]}")
        return read
    for message in [*catalogue, *catalogue.obsolete.values()]:
        _take_previous(message)
        message.flags.discard("python-format")  # Babel guesses it from any '%': content is not Python
    read.catalogue = catalogue
    return read


# --- merging ---------------------------------------------------------------------------------


@dataclass
class Changes:
    """What an update changed in one catalogue."""

    added: int = 0
    """New English strings (untranslated)."""
    changed: int = 0
    """Translated strings whose English changed: marked fuzzy, the English they were translated from kept."""
    rewritten: int = 0
    """Untranslated strings whose English changed (nothing to mark)."""
    moved: int = 0
    """Translated strings whose place changed (an item added or removed before them in a list): kept as they were."""
    renamed: int = 0
    """Translated strings found under another path (an id renamed): kept, marked fuzzy for review."""
    obsoleted: int = 0
    """Translated strings no longer in the content: moved to the obsolete section (``#~``)."""
    restored: int = 0
    """Strings back in the content whose translation was in the obsolete section."""
    dropped: int = 0
    """Untranslated strings no longer in the content (nothing to keep)."""

    def __str__(self) -> str:
        parts = [
            f"{self.added} new" if self.added else "",
            f"{self.changed} changed (now fuzzy)" if self.changed else "",
            f"{self.rewritten} changed (untranslated)" if self.rewritten else "",
            f"{self.moved} moved" if self.moved else "",
            f"{self.renamed} found under another path (now fuzzy)" if self.renamed else "",
            f"{self.obsoleted} obsolete" if self.obsoleted else "",
            f"{self.restored} restored from obsolete" if self.restored else "",
            f"{self.dropped} removed" if self.dropped else "",
        ]
        return ", ".join(p for p in parts if p) or "no string changed (only their YAML lines or comments)"


def new_catalogue(source: Source, lang: str, created: datetime) -> Catalogue:
    """An empty catalogue of ``source`` for ``lang``, with nvap's header."""
    locale = _locale(lang)
    header = _HEADER.format(language=locale.english_name, lang=lang, source=source.shown)
    return Catalogue(locale=lang, header_comment=header, project="nvap", version=source.name, creation_date=created, fuzzy=False)


_POSITION = re.compile(r"\[\d+\]")


def _shape(context: str) -> str:
    """A path with its list positions blanked: ``...items[3]`` and ``...items[2]`` have one shape."""
    return _POSITION.sub("[#]", context)


@dataclass
class _Old:
    """An entry of the catalogue being updated, current or obsolete, and whether a new entry took it."""

    message: Message
    obsolete: bool = field(kw_only=True)
    taken: bool = False

    @property
    def context(self) -> str:
        return self.message.context or ""

    @property
    def translated(self) -> bool:
        return bool(self.message.string)


def merge(source: Source, lang: str, old: Catalogue | None, created: datetime) -> tuple[Catalogue, Changes]:
    """The catalogue of ``source`` for ``lang``: the current English, with ``old``'s translations kept.

    Each string takes, in this order, an entry of the old catalogue (current, else
    obsolete) that no other string took: of the same msgctxt and English (kept as it
    was); of the same English at a path that differs only in list positions (moved:
    kept); of the same msgctxt (the English changed: the translation is kept, marked
    fuzzy, the English it was made from kept as the previous msgid); of the same
    English anywhere (kept, marked fuzzy). An old translated entry no string took
    goes to the obsolete section; an untranslated one has nothing to keep.
    """
    out = new_catalogue(source, lang, created)
    changes = Changes()
    olds: list[_Old] = []
    if old is not None:
        _keep_header(out, old)
        olds = [_Old(m, obsolete=False) for m in old if m.id] + [_Old(m, obsolete=True) for m in old.obsolete.values() if m.id]
        english = {(m.context, m.id) for m in old if m.id}
        if english == {(e.context, e.text) for e in source.entries}:
            out.creation_date = old.creation_date  # the English is unchanged: so is the date it was extracted
    chosen = _choose(source.entries, olds)
    for entry in source.entries:
        taken, how = chosen.get(entry.context, (None, "new"))
        before = taken.message if taken is not None else None
        if taken is None:
            changes.added += 1
        elif taken.obsolete and taken.translated:
            changes.restored += 1
        elif how == "moved":
            changes.moved += 1
        elif how == "renamed":
            changes.renamed += 1
        elif how == "changed" and taken.translated:
            changes.changed += 1
        elif how == "changed":
            changes.rewritten += 1
        out[entry.text] = _merged(entry, source.shown, before, review=how == "renamed")
    for message in _left_over(olds, changes):
        out.obsolete[out._key_for(message.id, message.context)] = message
    return out, changes


def _choose(entries: list[Entry], olds: list[_Old]) -> dict[str, tuple[_Old, str]]:
    """The old entry each string takes (by msgctxt), and how it matched: see ``merge``."""
    passes: list[tuple[str, Callable[[Entry, _Old], bool]]] = [
        ("same", lambda e, o: o.context == e.context and o.message.id == e.text),
        ("moved", lambda e, o: o.translated and o.message.id == e.text and _shape(o.context) == _shape(e.context)),
        ("changed", lambda e, o: o.context == e.context),
        ("renamed", lambda e, o: o.translated and o.message.id == e.text),
    ]
    ordered = sorted(olds, key=lambda o: (o.obsolete, o.context))  # current entries before obsolete ones
    chosen: dict[str, tuple[_Old, str]] = {}
    for how, fits in passes:
        for entry in entries:
            if entry.context in chosen:
                continue
            found = next((o for o in ordered if not o.taken and fits(entry, o)), None)
            if found is not None:
                found.taken = True
                chosen[entry.context] = (found, how)
    return chosen


def _left_over(olds: list[_Old], changes: Changes) -> list[Message]:
    """The obsolete section: the translated old entries no string took, sorted by msgctxt (counted in ``changes``)."""
    obsolete: dict[tuple[str, str], Message] = {}
    for item in olds:
        if item.taken:
            continue
        if not item.translated:
            changes.dropped += not item.obsolete
            continue
        changes.obsoleted += not item.obsolete
        message = item.message
        obsolete[(item.context, str(message.id))] = Message(
            message.id, message.string, user_comments=message.user_comments, context=message.context
        )
    return [obsolete[key] for key in sorted(obsolete)]


def _merged(entry: Entry, shown: str, before: Message | None, *, review: bool = False) -> Message:
    """The entry for ``entry``, keeping what a translator did to ``before`` (the old entry it took).

    ``review``: the translation comes from another path; it is marked fuzzy for a translator to confirm.
    """
    message = Message(
        entry.text, locations=[(shown, entry.line)], auto_comments=[entry.comment] if entry.comment else [], context=entry.context
    )
    if before is not None:
        message.user_comments = list(before.user_comments)
        if before.string:
            message.string = before.string
            message.flags = set(before.flags)
            if before.id == entry.text:
                message.previous_id = list(before.previous_id) if "fuzzy" in before.flags else []
            else:
                # Still fuzzy from an earlier change: the translation was made from that English.
                message.previous_id = (
                    list(before.previous_id) if ("fuzzy" in before.flags and before.previous_id) else [str(before.id)]
                )
            if before.id != entry.text or review:
                message.flags.add("fuzzy")
    message.flags.discard("python-format")
    if "{" not in entry.text:
        message.flags.discard("python-brace-format")
    return message


def _keep_header(out: Catalogue, old: Catalogue) -> None:
    """Keep what a translator (or their tool) set in the header."""
    out.header_comment = old._header_comment or out._header_comment
    out.revision_date = old.revision_date
    out.last_translator = old.last_translator
    out.language_team = old.language_team
    out.fuzzy = old.fuzzy
    if old.locale_identifier == out.locale_identifier:
        out.mime_headers = [("Plural-Forms", old.plural_forms)]
    out.extra_headers = list(old.extra_headers)


# --- writing ---------------------------------------------------------------------------------


def catalogue_bytes(catalogue: Catalogue) -> bytes:
    """The PO file of ``catalogue``."""
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=WIDTH, include_previous=True)
    text = buffer.getvalue().decode(catalogue.charset)
    return _previous_lines(text, [m for m in catalogue if m.id and m.previous_id]).encode(catalogue.charset)


def _previous_lines(text: str, messages: list[Message]) -> str:
    """Rewrite each ``#|`` block Babel wrote (wrapped like prose) as gettext writes it: one quoted line at a time."""
    lines = text.split("\n")
    out: list[str] = []
    pending = iter(messages)
    i = 0
    while i < len(lines):
        if lines[i].startswith("#|"):
            while i < len(lines) and lines[i].startswith("#|"):
                i += 1
            # Babel's normalize() counts a prefix once per word: wrap for the width left after '#| ' instead.
            first, *rest = normalize(str(next(pending).previous_id[0]), width=WIDTH - 3).split("\n")
            out.extend([f"#| msgid {first}", *(f"#| {line}" for line in rest)])
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


# --- updating --------------------------------------------------------------------------------


@dataclass
class Updated:
    """One catalogue an update made: its file, its bytes and what changed."""

    path: Path
    source: Source
    changes: Changes
    created: bool
    output: Output


def update_catalogues(project: Project, lang: str, created: datetime | None = None) -> list[Updated]:
    """Every catalogue of ``project``'s documents for ``lang``, merged with the catalogues already there.

    Nothing is written here: each ``Updated.output`` is for ``writer.write_outputs``.
    A catalogue that cannot be read is an error (its translations must not be lost).
    """
    from ..clock import build_time
    from .extract import extract

    layout.check_language(lang)
    _locale(lang)
    when = created or build_time()
    done: list[Updated] = []
    problems: list[Issue] = []
    for source in extract(project):
        path = layout.catalogue_path(project.root, lang, source.document)
        old: Catalogue | None = None
        if path.exists():
            read = read_catalogue(path)
            if read.errors:
                problems.extend(read.errors)
                continue
            old = read.catalogue
        catalogue, changes = merge(source, lang, old, when)
        done.append(Updated(path, source, changes, old is None, Output(path, catalogue_bytes(catalogue))))
    if problems:
        raise ContentError("a catalogue cannot be read (fix it, so that its translations are kept)", problems)
    return done


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"--lang {lang}: not a language nvap knows (use an ISO 639 code such as 'cy' for Welsh)") from None


# --- reading, the parts Babel leaves out -------------------------------------------------------

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:[ \t]+(.*))?")
_ESCAPES = frozenset('\\"ntr')
"""The escapes Babel reads back (``\\n``, ``\\t``, ``\\r``, ``\\"``, ``\\\\``)."""


@dataclass
class _Lexed:
    """Where an entry's parts are, as the line check saw them."""

    context: list[str] | None
    first_line: int
    obsolete: bool
    msgid: list[str] = field(default_factory=list)
    msgid_line: int = 0
    msgstr_line: int = 0


def _lex(read: Read, text: str) -> None:
    """Check every line's keyword and quoting; note each entry's msgctxt and lines; report duplicate msgctxt."""
    entries: list[_Lexed] = []
    current: _Lexed | None = None
    part = ""
    for n, raw in enumerate(text.splitlines(), 1):
        lexed = _line(read, n, raw)
        if lexed is None:
            continue
        keyword, value, obsolete = lexed
        if keyword == "msgctxt":
            current = _Lexed([value], n, obsolete)
            entries.append(current)
        elif keyword == "msgid":
            if current is None or current.msgid_line or part != "msgctxt":
                current = _Lexed(None, n, obsolete)
                entries.append(current)
            current.msgid, current.msgid_line = [value], n
        elif keyword.startswith("msgstr"):
            if current is not None and not current.msgstr_line:
                current.msgstr_line = n
        elif not keyword and current is not None:  # a quoted line continuing the one above
            if part == "msgctxt" and current.context is not None:
                current.context.append(value)
            elif part == "msgid":
                current.msgid.append(value)
        part = keyword or part
    _check_entries(read, entries)


def _line(read: Read, n: int, raw: str) -> tuple[str, str, bool] | None:
    """(keyword or '' for a continuation, the unquoted text, obsolete) of line ``n``; None for a comment, a blank or a problem."""
    line = raw.strip()
    if not line or (line.startswith("#") and not line.startswith("#~")):
        return None
    obsolete = line.startswith("#~")
    body = line[2:].strip() if obsolete else line
    if not body:
        return None
    col = raw.find(body) + 1
    match = _KEYWORD.fullmatch(body)
    if match:
        keyword, quoted = match.group(1), match.group(2) or ""
        at = col + (match.start(2) if match.group(2) is not None else len(body))
    elif body.startswith('"'):
        keyword, quoted, at = "", body, col
    else:
        read.issue(
            n, col, f"'{body.split()[0]}' is not a PO keyword: a line holds msgctxt, msgid or msgstr with a quoted text, "
            "a quoted text continuing the line above, or a # comment",
        )  # fmt: skip
        return None
    problem = _quoting(quoted)
    if problem is not None:
        read.issue(n, at + problem[0], problem[1])
        return None
    return keyword, unescape(quoted), obsolete


def _check_entries(read: Read, entries: list[_Lexed]) -> None:
    """Note where each msgstr is; report entries without msgctxt and second entries of one msgctxt."""
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.msgid_line and entry.msgstr_line:
            read.msgstr_lines[entry.msgid_line] = entry.msgstr_line
        if entry.obsolete:
            continue
        if entry.context is None:
            if "".join(entry.msgid) and entry.msgid_line:
                read.issue(
                    entry.msgid_line,
                    1,
                    "this entry has no msgctxt: nvap finds each translation by its msgctxt, so it is never used",
                    "warning",
                )
            continue
        context = "".join(entry.context)
        if context in seen:
            read.issue(
                entry.first_line, 1, f"a second entry for msgctxt '{context}' (the first is at line {seen[context]}): keep one"
            )
        else:
            seen[context] = entry.first_line


_QUOTED = re.compile(r'"(?:[^"\\]|\\["\\ntr])*"')
"""One quoted PO string with only the escapes Babel reads (the usual case: checked at once)."""


def _quoting(quoted: str) -> tuple[int, str] | None:
    """(offset, problem) of a PO string that is not exactly one ``"quoted text"``, else None."""
    if _QUOTED.fullmatch(quoted):
        return None
    if not quoted.startswith('"'):
        return 0, 'expected a text in "double quotes" here'
    i = 1
    while i < len(quoted):
        char = quoted[i]
        if char == "\\":
            if i + 1 < len(quoted) and quoted[i + 1] in _ESCAPES:
                i += 2
                continue
            shown = quoted[i : i + 2]
            return i, f"unknown escape '{shown}' in a quoted text: write \\\\ for a backslash, \\\" for a quote"
        if char == '"':
            if i != len(quoted) - 1:
                return i + 1, 'text after the closing quote: write \\" for a quote inside the text'
            return None
        i += 1
    return len(quoted), 'the quoted text has no closing quote (")'


def _take_previous(message: Message) -> None:
    """Move a ``#|`` previous msgid, which Babel reads as a translator's comment, into ``previous_id``."""
    kept: list[str] = []
    parts: list[str] = []
    part = ""
    for comment in message.user_comments:
        if not comment.startswith("|"):
            kept.append(comment)
            continue
        line = comment[1:].strip()
        for keyword in ("msgctxt", "msgid_plural", "msgid"):
            if line.startswith(keyword + " "):
                part, line = keyword, line[len(keyword) :].strip()
                break
        if part == "msgid" and line.startswith('"') and _quoting(line) is None:
            parts.append(line)
    message.user_comments = kept
    if parts and not message.previous_id:
        message.previous_id = [denormalize("\n".join(parts)) if len(parts) > 1 else unescape(parts[0])]
