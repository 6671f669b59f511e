"""Dates as forces type them: the British way, in any of its common forms, or a real Excel date."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s\-]+(?:of\s+)?([a-z]+)\.?,?[\s\-]+(\d{4}|\d{2})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.?,?[\s\-]+(\d{4}|\d{2})")
_EXCEL_MAX = 2958466
"""The serial number of 1 January 10000: Excel's dates stop before it."""

HINT = "write it as dd/mm/yyyy, e.g. 23/11/2025"


def parse_date(value: object) -> date | None:
    """The date a cell holds, or None when it holds none (an empty cell, or text that is no date).

    Read: real Excel dates (and their serial numbers), and text in the British
    order: 23/11/2025, 23/11/25, 23.11.2025, 23-11-2025, 23 November 2025,
    23 Nov 2025, 23 Nov 25, 23-Nov-25, Sunday 23rd November 2025, ISO 2025-11-23,
    and a month alone, Nov 2025 or November 25 (read as its first day).  A
    two-digit year is 20yy.  Day and month are never swapped: 11/23/2025 is no date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < _EXCEL_MAX:
            from ..sheets.numfmt import from_serial

            return from_serial(float(value)).date()
        return None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).casefold()
    if m := _ISO.fullmatch(text):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC.fullmatch(text):
        year = int(m.group(4))
        return _make(year + 2000 if len(m.group(4)) == 2 else year, int(m.group(3)), int(m.group(1)))
    if (m := _WORDS.fullmatch(text)) and m.group(2) in _MONTHS:
        return _make(_year(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    if (m := _MONTH_YEAR.fullmatch(text)) and m.group(1) in _MONTHS:
        return _make(_year(m.group(2)), _MONTHS[m.group(1)], 1)
    return None


def _year(digits: str) -> int:
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def uk_date(day: date | None) -> str:
    """``23/11/2025``; empty for no date."""
    return day.strftime("%d/%m/%Y") if day else ""
