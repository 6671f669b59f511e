"""How much of each document is translated: counted against the current English, not the catalogue alone.

A string counts as translated when its catalogue entry has a translation, is not
fuzzy and was made from the English the content holds now; a translation of an
older English (fuzzy, or a catalogue not updated since the English changed) counts
as fuzzy; no entry or an empty msgstr, as untranslated; a translation that breaks
an inline form or placeholder of its English (a citation key, a link), which
``nvap validate`` and a Welsh build reject, as invalid, never as translated. That
is what a Welsh build will print in Welsh, and what it will fall back to English for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..content.project import Project
from ..errors import ContentError, display_path
from ..issues import Issue
from . import layout
from .catalogue import read_catalogue
from .extract import extract
from .placeholders import problems as broken_placeholders

if TYPE_CHECKING:
    from babel.messages.catalog import Message


@dataclass(frozen=True)
class DocumentStats:
    """One document's catalogue for one language, counted."""

    lang: str
    document: str
    catalogue: str
    """The catalogue file as shown to the user."""
    exists: bool
    translated: int
    fuzzy: int
    untranslated: int
    invalid: int = 0
    """Translations that ``nvap validate`` rejects (a placeholder, citation or link of the English broken)."""

    @property
    def strings(self) -> int:
        return self.translated + self.fuzzy + self.untranslated + self.invalid

    @property
    def percent(self) -> float:
        """The share translated, rounded down to a tenth (99.96% is not shown as 100%)."""
        if not self.strings:
            return 100.0
        return (self.translated * 1000 // self.strings) / 10

    def below(self, minimum: float) -> bool:
        """Whether less than ``minimum`` percent is translated (exactly, not as rounded)."""
        return self.translated * 100 < minimum * self.strings

    def as_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "document": self.document,
            "catalogue": self.catalogue,
            "exists": self.exists,
            "strings": self.strings,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "invalid": self.invalid,
            "percent": self.percent,
        }


def translation_stats(project: Project, langs: list[str]) -> list[DocumentStats]:
    """Every document's counts for each of ``langs``, in the order of the content files.

    A catalogue that cannot be read is an error (with its located problems).
    """
    sources = extract(project)
    found: list[DocumentStats] = []
    problems: list[Issue] = []
    for lang in langs:
        layout.check_language(lang)
        for source in sources:
            path = layout.catalogue_path(project.root, lang, source.document)
            messages = {}
            if path.exists():
                read = read_catalogue(path)
                problems.extend(read.errors)
                messages = read.messages()
            translated = fuzzy = invalid = 0
            for entry in source.entries:
                message = messages.get(entry.context)
                status = state(message, entry.text)
                if status == "translated" and message is not None and broken_placeholders(entry.text, str(message.string)):
                    invalid += 1
                    continue
                translated += status == "translated"
                fuzzy += status == "fuzzy"
            untranslated = len(source.entries) - translated - fuzzy - invalid
            found.append(
                DocumentStats(lang, source.name, display_path(path), path.exists(), translated, fuzzy, untranslated, invalid)
            )
    if problems:
        raise ContentError("a catalogue cannot be read", problems)
    return found


def state(message: Message | None, english: str) -> Literal["translated", "fuzzy", "untranslated"]:
    """What a catalogue entry gives the string ``english``: a translation to use, one of an older English
    (fuzzy, or made from other English), or nothing. The one rule of ``stats`` and of a translated build."""
    if message is None or not (isinstance(message.string, str) and message.string.strip()):
        return "untranslated"
    if message.fuzzy or message.id != english:
        return "fuzzy"
    return "translated"


def totals(stats: list[DocumentStats]) -> list[DocumentStats]:
    """One line per language adding up its documents."""
    out = []
    for lang in dict.fromkeys(s.lang for s in stats):
        mine = [s for s in stats if s.lang == lang]
        out.append(
            DocumentStats(
                lang, "all", "", all(s.exists for s in mine),
                sum(s.translated for s in mine), sum(s.fuzzy for s in mine), sum(s.untranslated for s in mine),
                sum(s.invalid for s in mine),
            )
        )  # fmt: skip
    return out
