"""What ``nvap validate`` checks of the catalogues: their syntax, and the placeholders of every translation."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..issues import Issue
from . import layout
from .catalogue import Read, read_catalogue
from .placeholders import problems


def catalogue_issues(root: Path) -> list[Issue]:
    """Every problem of every catalogue under ``root``/translations/, located at its .po file and line.

    Errors: a line that is not PO syntax, two entries of one msgctxt, a translation
    that drops, adds or changes an inline form or ``{name}`` of its English. Warnings:
    a catalogue whose content file is gone, an entry without msgctxt, a header that
    names another language than the folder. Fuzzy and obsolete entries are not checked:
    nvap does not use them.
    """
    folder = layout.translations_dir(root)
    if not folder.is_dir():
        return []
    known = {d.catalogue for d in layout.documents(root)}
    found: list[Issue] = []
    for path in sorted(folder.rglob("*.po")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        read = read_catalogue(path)
        found.extend(read.issues)
        if len(parts) < 2:
            found.append(
                Issue.at(
                    read.shown,
                    1,
                    1,
                    f"a catalogue goes in the folder of its language: {layout.TRANSLATIONS}/<lang>/{parts[0]}",
                    "warning",
                )
            )
            continue
        lang, inside = parts[0], PurePosixPath(*parts[1:])
        if inside not in known:
            found.append(
                Issue.at(
                    read.shown,
                    1,
                    1,
                    "no content file has this catalogue (its document was removed or renamed): remove it, or run 'nvap translate update'",
                    "warning",
                )
            )
        if read.catalogue is None:
            continue
        said = read.catalogue.locale_identifier
        if said and said.split("_")[0] != lang.split("_")[0]:
            found.append(
                Issue.at(
                    read.shown,
                    1,
                    1,
                    f"the header says 'Language: {said}' but the catalogue is in the folder of '{lang}'",
                    "warning",
                )
            )
        found.extend(placeholder_issues(read))
    return sorted(found, key=lambda i: (i.path, i.line, i.col, i.message))


def placeholder_issues(read: Read) -> list[Issue]:
    """A located error for each used translation (not fuzzy, not obsolete) that breaks a placeholder of its English."""
    found: list[Issue] = []
    if read.catalogue is None:
        return found
    for message in read.catalogue:
        if not message.id or not message.context or message.fuzzy:
            continue
        english, translation = message.id, message.string
        if not isinstance(english, str) or not isinstance(translation, str) or not translation:
            continue
        broken = problems(english, translation)
        if broken:
            line = read.msgstr_lines.get(message.lineno or 0, message.lineno or 1)
            found.append(
                Issue.at(
                    read.shown,
                    line,
                    1,
                    f"the translation of {message.context} must keep the inline forms of the English: {'; '.join(broken)}",
                )
            )
    return found
