"""The release gate of a translation: every string of every catalogue translated, current and valid.

``nvap translate stats --min 100`` says how much is done; this says *what* is not,
located as ``nvap validate`` locates a problem (the ``.po`` line of the entry to
fix), so that a pipeline can refuse a release, and ``nvap build --require-complete``
an edition, whose Welsh is not equal to its English. The rule is the one of
``stats`` and of a translated build (``stats.state``): a string is done when its
translation is there, not fuzzy, made from the English the content holds now and
keeps every placeholder, citation and link of that English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import display_path
from ..issues import Issue
from . import layout
from .catalogue import read_catalogue
from .extract import extract
from .placeholders import problems as broken_placeholders
from .stats import DocumentStats, state

if TYPE_CHECKING:
    from ..content.project import Project

UPDATE = "nvap translate update --lang {lang}"


@dataclass
class Completeness:
    """What a language lacks: one located issue per string not done, and each document's counts."""

    langs: list[str]
    issues: list[Issue] = field(default_factory=list)
    stats: list[DocumentStats] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not any(i.is_error for i in self.issues)

    def summary(self, lang: str) -> str:
        """One line for ``lang``: complete, or how many strings are not, of what kind and in which documents."""
        mine = [s for s in self.stats if s.lang == lang]
        strings = sum(s.strings for s in mine)
        catalogues = f"{len(mine)} catalogue{'' if len(mine) == 1 else 's'}"
        missing = [s for s in mine if s.translated < s.strings or not s.exists]
        if not missing and not [i for i in self.issues if i.is_error and _lang_of(i) == lang]:
            return f"{lang}: complete: every one of {strings} strings in {catalogues} is translated"
        kinds = [
            f"{n} {word}"
            for n, word in (
                (sum(s.untranslated for s in mine), "untranslated"),
                (sum(s.fuzzy for s in mine), "fuzzy or out of date"),
                (sum(s.invalid for s in mine), "invalid"),
            )
            if n
        ]
        where = ", ".join(f"{s.document} {s.strings - s.translated}" for s in missing)
        not_done = sum(s.strings - s.translated for s in mine)
        return f"{lang}: not complete: {not_done} of {strings} strings not done ({', '.join(kinds) or 'unreadable'}): {where}"


def _lang_of(issue: Issue) -> str:
    """The language folder an issue's catalogue is in (``.../translations/cy/...``); '' for another file."""
    parts = issue.path.replace("\\", "/").split("/")
    if layout.TRANSLATIONS in parts:
        at = parts.index(layout.TRANSLATIONS)
        return parts[at + 1] if at + 1 < len(parts) else ""
    return ""


def completeness(project: Project, langs: list[str]) -> Completeness:
    """Every string of ``project`` not done in each of ``langs``, located at its catalogue entry.

    A catalogue that cannot be read gives its own errors; a missing catalogue one
    error naming it; a string the catalogue does not hold yet (it was not updated since
    the English was added) an error at the string's YAML line.
    """
    found = Completeness(langs)
    sources = extract(project)
    for lang in langs:
        layout.check_language(lang)
        for source in sources:
            path = layout.catalogue_path(project.root, lang, source.document)
            shown = display_path(path)
            total = len(source.entries)
            if not path.exists():
                found.issues.append(
                    Issue.at(
                        shown,
                        0,
                        0,
                        f"no catalogue: {total} strings of {source.name} not translated (run '{UPDATE.format(lang=lang)}')",
                    )
                )
                found.stats.append(
                    DocumentStats(lang, source.name, shown, exists=False, translated=0, fuzzy=0, untranslated=total)
                )
                continue
            read = read_catalogue(path)
            if read.errors:
                found.issues.extend(read.errors)
            messages = read.messages()
            counts = {"translated": 0, "fuzzy": 0, "untranslated": 0, "invalid": 0}
            for entry in source.entries:
                message = messages.get(entry.context)
                status = state(message, entry.text)
                if message is None:
                    found.issues.append(
                        Issue.at(
                            source.shown,
                            entry.line,
                            1,
                            f"{entry.context} is not in {shown} (the catalogue is older than the English: run '{UPDATE.format(lang=lang)}')",
                        )
                    )
                    counts["untranslated"] += 1
                    continue
                line = read.msgstr_lines.get(message.lineno or 0, message.lineno or 1)
                if status == "untranslated":
                    found.issues.append(Issue.at(shown, line, 1, f"{entry.context} is not translated"))
                elif status == "fuzzy" and message.id != entry.text:
                    found.issues.append(
                        Issue.at(
                            shown,
                            line,
                            1,
                            f"{entry.context} was translated from an earlier English (run '{UPDATE.format(lang=lang)}', then check it)",
                        )
                    )
                elif status == "fuzzy":
                    found.issues.append(
                        Issue.at(
                            shown,
                            line,
                            1,
                            f"{entry.context} is fuzzy: the English changed since it was translated (check it, then clear the fuzzy mark)",
                        )
                    )
                else:
                    broken = broken_placeholders(entry.text, str(message.string))
                    if broken:
                        found.issues.append(
                            Issue.at(
                                shown, line, 1, f"{entry.context} must keep the inline forms of the English: {'; '.join(broken)}"
                            )
                        )
                        counts["invalid"] += 1
                        continue
                counts[status] += 1
            found.stats.append(
                DocumentStats(
                    lang,
                    source.name,
                    shown,
                    exists=True,
                    translated=counts["translated"],
                    fuzzy=counts["fuzzy"],
                    untranslated=counts["untranslated"],
                    invalid=counts["invalid"],
                )
            )
    return found
