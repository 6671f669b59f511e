"""Writing content into worksheet cells safely, shared by every workbook nvap makes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

SHEET_TITLE_MAX = 31
_SLASH = re.compile(r"[/\\]")
_BAD_TITLE = re.compile(r"[\[\]:*?]")


def clean(text: str) -> str:
    """Text a worksheet can hold: control characters (which openpyxl refuses) are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def write_text(cell: Cell, text: str) -> Cell:
    """Put content text in ``cell`` as a string: '=1+1', '+44', '@x' are shown, never calculated."""
    cell.value = clean(text)
    # openpyxl makes a formula of any str starting with '=': content is always text.
    cell.data_type = "s"
    return cell


def sheet_title(text: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique sheet title from content: at most 31 characters, none of []:*?/\\.

    A slash becomes a hyphen ('Officer/Staff' -> 'Officer-Staff'), the other forbidden
    characters spaces; a long title is cut at a word; a taken one gets ' (2)'.
    """
    title = _BAD_TITLE.sub(" ", _SLASH.sub("-", clean(text)))
    title = " ".join(title.split()).strip("'").strip()
    if len(title) > SHEET_TITLE_MAX:
        head = title[: SHEET_TITLE_MAX + 1]
        title = (head.rsplit(" ", 1)[0] if " " in head else head)[:SHEET_TITLE_MAX].rstrip()
    title = title or "1"
    used = {t.casefold() for t in taken} | {"history"}
    base, n = title, 1
    while title.casefold() in used:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix
    return title
