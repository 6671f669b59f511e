"""The text a spreadsheet shows for a cell: its stored value through its number format, as Excel does.

A plan comes back from a force as workbook XML, where a cell holds only its stored value (0.75,
1200, 45984) and a number format code ('0%', '"£"#,##0.00', 'dd/mm/yyyy'). A report that quotes the
force must quote what the force saw and typed, "75%", "£1,200.00", "23/11/2025", not the storage.
openpyxl does not render number formats, so this module does, for the codes Excel and LibreOffice
write: sections and conditions, digit placeholders, thousands and scaling commas, percent,
scientific, fractions, currency and accounting, dates, times and elapsed times, and text sections.

Where Excel's text depends on the column's width, which a file reader cannot know:

* padding is stripped from both ends of the result: '_x' spaces, spaces from '?' placeholders and
  spaces in the format itself, so ``_-[$£-809]* #,##0.00_-`` gives '£1,200.00'; the text of a text
  cell shown through '@' keeps its own spaces. Padding inside is kept (Excel's '# ??/??' shows 1.5
  as '1  1/2');
* a '*x' fill (repeat x to fill the cell) is dropped;
* General shows at most 11 characters (sign not counted), as in a wide column;
* where Excel shows '#####' (a negative date, or one after 9999) the number is shown as General.

Nothing here raises for a strange code or value: the caller always gets text, General at worst.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    # 5-8 and 42, 44 are "the currency of the locale": these are Excel's codes in a UK locale.
    5: '"£"#,##0;-"£"#,##0',
    6: '"£"#,##0;[Red]-"£"#,##0',
    7: '"£"#,##0.00;-"£"#,##0.00',
    8: '"£"#,##0.00;[Red]-"£"#,##0.00',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    # 14 is "the locale's short date": Excel in a UK locale, as the forces use, shows it as dd/mm/yyyy.
    14: "dd/mm/yyyy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    # 22 is the locale's short date and time: UK again.
    22: "dd/mm/yyyy hh:mm",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    41: '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-',
    42: '_-"£"* #,##0_-;-"£"* #,##0_-;_-"£"* "-"_-;_-@_-',
    43: '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-',
    44: '_-"£"* #,##0.00_-;-"£"* #,##0.00_-;_-"£"* "-"??_-;_-@_-',
    45: "mm:ss",
    46: "[h]:mm:ss",
    # The specification writes 47 as 'mmss.0'; Excel shows it with the colon.
    47: "mm:ss.0",
    48: "##0.0E+0",
    49: "@",
}

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")  # Excel's weekday order
_DAY_MS = 86_400_000
_LAST_SERIAL = {False: 2_958_465, True: 2_957_003}  # 31 December 9999 in each date system
_CONTEXT = Context(prec=1000, rounding=ROUND_HALF_UP)  # room for any float written out in full

# ---------------------------------------------------------------------------------------------
# Reading a format code
# ---------------------------------------------------------------------------------------------

# A token is (kind, text). Kinds: "lit" shown as is, "pad" an alignment space, "digit" 0 # ?,
# "." "," "%" "@", "/" (text: a fixed denominator, or ""), "E" (text as written, "E+" or "e-"),
# "general", "cond" (text: "<= 100"), "date" (lower case: "yyyy", "mm", "[h]"; "n"/"nn" once known
# to be minutes, as VBA spells them; ".00" fractional seconds), "ampm" (as written: "AM/PM", "a/p").
_Token = tuple[str, str]

_TOKEN = re.compile(
    r'"(?P<quoted>[^"]*)"?'
    r"|\\(?P<escaped>.)"
    r"|_(?P<pad>.)"
    r"|\*(?P<fill>.)"
    r"|\[(?P<bracket>[^\]]*)\]?"
    r"|(?P<general>general)"
    r"|(?P<ampm>am/pm|a/p)"
    r"|(?P<exp>e[+-])"
    r"|(?P<slash>/[1-9][0-9]*|/)"
    r"|(?P<date>y+|m+|d+|h+|s+)"
    r"|(?P<digit>[0#?])"
    r"|(?P<other>.)",
    re.IGNORECASE | re.DOTALL,
)
_CONDITION = re.compile(r"\s*(<=|>=|<>|<|>|=)\s*(-?[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*")
_ELAPSED = re.compile(r"h+|m+|s+", re.IGNORECASE)


def _bracket(content: str) -> list[_Token]:
    """[$£-809] shows its symbol; [>=100] is a condition; [h] [mm] [ss] elapsed time; the rest
    ([Red], [Color10], [DBNum1], [$-809] locales) changes colour or script, never the text."""
    if content.startswith("$"):
        symbol = content[1:].split("-", 1)[0]
        return [("lit", symbol)] if symbol else []
    if match := _CONDITION.fullmatch(content):
        return [("cond", f"{match[1]} {match[2]}")]
    if _ELAPSED.fullmatch(content):
        return [("date", f"[{content.lower()}]")]
    return []


def _unreadable(kind: str, whole: str) -> bool:
    """An unclosed quote or bracket, or a bare letter Excel would not accept (LibreOffice's NN, QQ, WW):
    a code this module does not read, shown as General rather than guessed at."""
    if kind in ("quoted", "bracket"):
        return len(whole) < 2 or whole[-1] != ('"' if kind == "quoted" else "]")
    return kind == "other" and whole.isascii() and whole.isalpha()


@lru_cache(maxsize=256)
def _sections(code: str) -> tuple[tuple[_Token, ...], ...]:
    """The code's sections (split at ';' outside quotes and brackets), each as its tokens."""
    sections: list[list[_Token]] = [[]]
    for match in _TOKEN.finditer(code):
        kind, text = match.lastgroup or "other", match.group(match.lastgroup or 0) or ""
        if _unreadable(kind, match[0]):
            return _sections("General")
        if kind == "quoted" or kind == "escaped":
            sections[-1].append(("lit", text))
        elif kind == "pad":
            sections[-1].append(("pad", " "))
        elif kind == "bracket":
            sections[-1].extend(_bracket(text))
        elif kind == "slash":
            sections[-1].append(("/", text[1:]))
        elif kind == "exp":
            sections[-1].append(("E", text))
        elif kind == "date":
            sections[-1].append(("date", text.lower()))
        elif kind in ("general", "ampm", "digit"):
            sections[-1].append((kind, text))
        elif kind == "other" and text == ";":
            sections.append([])
        elif kind == "other":
            sections[-1].append((text, text) if text in ".,%@" else ("lit", text))
        # "fill" ('*x': repeat x to the cell's width) shows nothing without a width.
    return tuple(tuple(section) for section in sections[:4])


def _has_date(section: tuple[_Token, ...]) -> bool:
    return any(kind in ("date", "ampm") for kind, _ in section)


def is_date_format(code: str) -> bool:
    """Whether the code shows a date or time: y m d h s or AM/PM outside quotes and brackets, or [h] [m] [s]."""
    return any(_has_date(section) for section in _sections(code))


def _literal(token: _Token) -> str:
    """What a token shows where it is no placeholder: '%' and '.' as themselves; a digit or '@' nothing."""
    kind, text = token
    if kind in ("lit", "pad", "E", "%", ".", ","):
        return text
    return "/" + text if kind == "/" else ""


def _join(pieces: list[tuple[str, bool]]) -> str:
    """The pieces joined, without the padding at either end; a piece marked True (the cell's own text) is kept whole."""
    texts = [text for text, _ in pieces]
    for order, strip in ((range(len(texts)), str.lstrip), (range(len(texts) - 1, -1, -1), str.rstrip)):
        for i in order:
            if pieces[i][1]:
                break
            texts[i] = strip(texts[i])
            if texts[i]:
                break
    return "".join(texts)


# ---------------------------------------------------------------------------------------------
# Choosing the section
# ---------------------------------------------------------------------------------------------


def _text_section(sections: tuple[tuple[_Token, ...], ...]) -> tuple[_Token, ...] | None:
    """The fourth section, or a last one with '@' in it: '0.00;@' formats text with its second."""
    if len(sections) == 4:
        return sections[3]
    return sections[-1] if any(kind == "@" for kind, _ in sections[-1]) else None


def _condition(section: tuple[_Token, ...]) -> tuple[str, float] | None:
    operator, bound = next((text.split() for kind, text in section if kind == "cond"), ("", ""))
    return (operator, float(bound)) if operator else None


def _holds(condition: tuple[str, float], number: float) -> bool:
    operator, bound = condition
    tests = {"<": number < bound, "<=": number <= bound, ">": number > bound, ">=": number >= bound, "=": number == bound}
    return tests.get(operator, number != bound)


def _negative_only(condition: tuple[str, float]) -> bool:
    operator, bound = condition
    return operator == "<" and bound <= 0 or operator in ("<=", "=") and bound < 0


def _choose(sections: tuple[tuple[_Token, ...], ...], number: float) -> tuple[tuple[_Token, ...] | None, bool]:
    """The section that shows a number (None: General), and whether the number keeps its minus sign there.

    Without conditions, sections are positive;negative;zero (two: not negative;negative), and a
    section that only ever gets negative numbers shows them without the sign: it writes its own,
    '-', '(...)' or none. Conditions ([>=100]) replace the tests of the first two sections; the
    next section takes what they leave, keeping the sign unless its condition admits only negatives.
    """
    numeric = sections[:-1] if len(sections) < 4 and _text_section(sections) is not None else sections[:3]
    if len(numeric) <= 1:
        return (numeric[0] if numeric else None), True
    explicit = [_condition(section) for section in numeric[:2]]
    first = (">", 0.0) if len(numeric) > 2 else (">=", 0.0)
    second = ("<", 0.0) if len(numeric) > 2 or not any(explicit) else None
    for section, condition in zip(numeric[:2], (explicit[0] or first, explicit[1] or second), strict=True):
        if condition is None or _holds(condition, number):
            return section, condition is None or not _negative_only(condition)
    return (numeric[2], True) if len(numeric) > 2 else (None, True)


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def _decimal(number: float) -> Decimal:
    """The number as Excel holds it for display: to 15 significant digits, so 0.1+0.2 is 0.3."""
    return Decimal(f"{number:.15g}")


def _round(number: Decimal, places: int) -> Decimal:
    """Rounded half away from zero, as Excel rounds for display (2.5 -> 3), to at most 30 places as Excel allows."""
    return number.quantize(Decimal(1).scaleb(-min(places, 30)), context=_CONTEXT)


def _plain(number: Decimal) -> str:
    """Written out without exponent and without trailing zeros after the point."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _general(number: float) -> str:
    """Excel's General: up to 11 characters, sign not counted; scientific when a number needs more."""
    if not math.isfinite(number):
        return "#NUM!"
    if number == 0:
        return "0"
    sign, value = "-" if number < 0 else "", _decimal(abs(number))
    exponent = value.adjusted()
    if -5 < exponent < 11:
        text = _plain(_round(value, max(0, 9 - max(exponent, 0))))
        if len(text) <= 11:
            return sign + text
    elif -10 < exponent <= -5 and _round(value, 12) == _round(value, 9):
        return sign + _plain(_round(value, 9))  # 0.00001 fits; 0.0000123456 would lose digits
    mantissa = _round(value.scaleb(-exponent), 5)
    if mantissa >= 10:
        exponent += 1
        mantissa = _round(value.scaleb(-exponent), 5)
    return f"{sign}{_plain(mantissa)}E{'-' if exponent < 0 else '+'}{abs(exponent):02d}"


def _integer(items: tuple[_Token, ...], digits: str, *, grouping: bool) -> str:
    """Integer digits through placeholders, right to left: the leftmost placeholder takes every digit
    left over, a '0' (and every placeholder right of it) shows 0 where there is no digit, '?' a space."""
    places = [i for i, (kind, _) in enumerate(items) if kind == "digit"]
    zero_from = next((i for i in places if items[i][1] == "0"), len(items))
    rest = digits
    chunks: list[tuple[str, bool]] = []  # right to left; True: digits
    for i in reversed(range(len(items))):
        if items[i][0] != "digit":
            chunks.append((_literal(items[i]) if items[i][0] != "," else "", False))
            continue
        take, rest = (rest, "") if i == places[0] else (rest[-1:], rest[:-1])
        chunks.append((take or ("0" if i >= zero_from else " " if items[i][1] == "?" else ""), True))
    chunks.append((rest, True))  # digits of a format with no integer placeholder ('.00') still show
    shown: list[str] = []
    count = 0
    for text, is_digits in chunks:
        for char in reversed(text):
            if grouping and is_digits and char.isdigit():
                if count and count % 3 == 0:
                    shown.append(",")
                count += 1
            shown.append(char)
    return "".join(reversed(shown))


def _fraction_digits(items: tuple[_Token, ...], digits: str) -> str:
    """Decimal digits, left to right; trailing zeros at '#' vanish and at '?' become spaces."""
    chunks: list[list[str]] = []
    digit_iter = iter(digits)
    for token in items:
        chunks.append([next(digit_iter, "0"), token[1]] if token[0] == "digit" else [_literal(token), ""])
    for chunk in reversed(chunks):
        if not chunk[1]:
            continue
        if chunk[0] != "0" or chunk[1] == "0":
            break
        chunk[0] = "" if chunk[1] == "#" else " "
    return "".join(text for text, _ in chunks)


def _fixed(items: tuple[_Token, ...], value: Decimal, *, grouping: bool) -> str:
    point = next((i for i, (kind, _) in enumerate(items) if kind == "."), None)
    whole, decimals = (items, ()) if point is None else (items[:point], items[point + 1 :])
    places = sum(kind == "digit" for kind, _ in decimals)
    int_digits, _, frac_digits = f"{_round(value, places):f}".partition(".")
    text = _integer(whole, int_digits.lstrip("0"), grouping=grouping)
    return text if point is None else text + "." + _fraction_digits(decimals, frac_digits)


def _scientific(items: tuple[_Token, ...], value: Decimal, *, grouping: bool) -> str:
    """'0.00E+00': one integer digit; '##0.0E+0': as many as placeholders, the exponent a multiple of their number."""
    at = next(i for i, (kind, _) in enumerate(items) if kind == "E")
    mantissa_items, letter = items[:at], items[at][1]
    point = next((i for i, (kind, _) in enumerate(mantissa_items) if kind == "."), len(mantissa_items))
    step = max(1, sum(kind == "digit" for kind, _ in mantissa_items[:point]))
    places = sum(kind == "digit" for kind, _ in mantissa_items[point:])
    exponent, mantissa = 0, value
    if value:
        exponent = value.adjusted() - value.adjusted() % step
        mantissa = _round(value.scaleb(-exponent), places)
        if mantissa >= 10**step:
            exponent += step
            mantissa = _round(value.scaleb(-exponent), places)
    sign = "-" if exponent < 0 else "+" if letter.endswith("+") else ""
    power = _integer(items[at + 1 :], str(abs(exponent)).lstrip("0"), grouping=False)
    return _fixed(mantissa_items, mantissa, grouping=grouping) + letter[0] + sign + power


def _fraction(items: tuple[_Token, ...], value: Decimal, *, grouping: bool) -> str | None:
    """'# ?/?': whole part, numerator, denominator; the closest fraction whose denominator has as many
    digits as its placeholders ('?/4': a fixed denominator). None when the code is no fraction after all."""
    slash = next(i for i, (kind, _) in enumerate(items) if kind == "/")
    start = slash
    while start and items[start - 1][0] == "digit":
        start -= 1
    fixed, below = items[slash][1], items[slash + 1 :]
    places = len(below) if all(kind == "digit" for kind, _ in below) else 0
    if start == slash or not (fixed or places):
        return None
    before = items[:start]
    last_digit = max((i + 1 for i, (kind, _) in enumerate(before) if kind == "digit"), default=0)
    whole, rest = (math.floor(value), Fraction(value) - math.floor(value)) if last_digit else (0, Fraction(value))
    if fixed:
        denominator = int(fixed)
        numerator = math.floor(rest * denominator + Fraction(1, 2))
    else:
        approximation = rest.limit_denominator(10**places - 1)
        numerator, denominator = approximation.numerator, approximation.denominator
    if last_digit and numerator == denominator:
        whole, numerator = whole + 1, 0
    text = _integer(before[:last_digit], str(whole) if whole else "", grouping=grouping)
    if last_digit and numerator == 0:
        return text if text.strip() else "0"  # Excel blanks the fraction, and shows 0 rather than nothing
    text += "".join(_literal(token) for token in before[last_digit:])
    text += _integer(items[start:slash], str(numerator), grouping=False) + "/"
    if fixed:
        return text + fixed
    pads = [" " if char == "?" else "0" if char == "0" else "" for _, char in below]  # left aligned
    return text + str(denominator) + "".join(pads[len(str(denominator)) :])


def _number(section: tuple[_Token, ...], number: float, *, signed: bool) -> str:
    """A number through a section without date parts."""
    magnitude = abs(number)
    minus = "-" if signed and number < 0 else ""
    ends = [i for i, token in enumerate(section) if token[0] == "digit" or token[0] == "/" and token[1]]
    if not ends:  # no placeholder: the section is text ('"-"', '"n/a"'), or General with words around it
        pieces = [(_general(magnitude) if kind == "general" else _literal((kind, text)), False) for kind, text in section]
        return minus + _join(pieces)
    first, last = ends[0], ends[-1]
    if first and section[first - 1][0] == ".":  # '.00' (no integer placeholder) still rounds to two places
        first -= 1
    after = last + 1
    while after < len(section) and section[after][0] == ",":
        after += 1
    scale = 2 * sum(kind == "%" for kind, _ in section) - 3 * (after - last - 1)  # each % x100, each trailing comma /1000
    value = _decimal(magnitude).scaleb(scale, context=_CONTEXT)
    items = section[first : last + 1]
    kinds = {kind for kind, _ in items}
    grouping = "," in kinds
    body = _fraction(items, value, grouping=grouping) if "/" in kinds else None
    if body is None:
        items = tuple(("lit", "/" + text) if kind == "/" else (kind, text) for kind, text in items)
        body = (_scientific if "E" in kinds else _fixed)(items, value, grouping=grouping)
    pieces = [(_literal(token), False) for token in section[:first]]
    pieces += [(body, False)] + [(_literal(token), False) for token in section[after:]]
    return minus + _join(pieces)


# ---------------------------------------------------------------------------------------------
# Dates and times
# ---------------------------------------------------------------------------------------------


class _Moment(NamedTuple):
    """A date and time split into what a format shows; day 0 and 29 Feb 1900 are Excel's and no Python date's."""

    year: int
    month: int
    day: int
    weekday: int  # 0 = Sunday
    millis: int  # since midnight
    elapsed: int  # milliseconds in the whole value, for [h] [m] [s]


def from_serial(serial: float, *, date1904: bool = False) -> datetime:
    """The date and time of an Excel serial number, to the millisecond.

    In the 1900 system day 1 is 1 January 1900 and day 60 is 29 February 1900, a day that never was
    (Excel keeps Lotus 1-2-3's leap-year bug): it is read as 28 February, as openpyxl reads it, so
    every later serial is the true date. Day 0 is 31 December 1899. In the 1904 system (Mac Excel
    before 2011) day 0 is 1 January 1904. Raises OverflowError or ValueError outside Python's dates.
    """
    days, millis = divmod(round(serial * _DAY_MS), _DAY_MS)
    if date1904:
        base = datetime(1904, 1, 1)
    elif days > 60:
        base = datetime(1899, 12, 30)
    else:
        base, days = datetime(1899, 12, 31), min(days, 59)
    return base + timedelta(days=days, milliseconds=millis)


def _to_serial(moment: datetime, *, date1904: bool) -> float:
    """The serial of a date, the inverse of from_serial; before 1900 counted from 30 December 1899, the
    day openpyxl gives a time with no date, so such a time counts as itself in '[h]:mm'."""
    moment = moment.replace(tzinfo=None)
    serial = (moment - datetime(1899, 12, 30)) / timedelta(days=1)
    if datetime(1900, 1, 1) <= moment < datetime(1900, 3, 1):
        serial -= 1
    return serial - 1462 if date1904 else serial


def _day(days: int, *, date1904: bool) -> tuple[int, int, int, int] | None:
    """Year, month, day and weekday of a day number; None where Excel shows '#####'."""
    if not 0 <= days <= _LAST_SERIAL[date1904]:
        return None
    if date1904:
        day = date(1904, 1, 1) + timedelta(days=days)
        return day.year, day.month, day.day, (day.weekday() + 1) % 7
    weekday = (days + 6) % 7  # Excel's count, which gives its phantom days (and Jan-Feb 1900) their weekdays
    if days in (0, 60):
        return (1900, 1, 0, weekday) if days == 0 else (1900, 2, 29, weekday)
    day = date(1899, 12, 31 if days < 60 else 30) + timedelta(days=days)
    return day.year, day.month, day.day, weekday


def _moment(number: float, stamp: datetime | None, unit: int, *, date1904: bool) -> _Moment | None:
    """The moment to show, rounded to ``unit`` milliseconds (a second unless fractions of one are shown;
    a date alone is not rounded up to the next day)."""
    if not abs(number) < 1e10:  # far beyond 9999, even in elapsed hours: '#####'
        return None
    ticks = round(number * _DAY_MS)
    elapsed = (ticks + unit // 2) // unit * unit
    if stamp is not None:
        millis = ((stamp.hour * 60 + stamp.minute) * 60 + stamp.second) * 1000 + stamp.microsecond // 1000
        millis = (millis + unit // 2) // unit * unit
        day = stamp.date() + timedelta(days=millis // _DAY_MS)
        return _Moment(day.year, day.month, day.day, (day.weekday() + 1) % 7, millis % _DAY_MS, elapsed)
    days, millis = divmod(elapsed, _DAY_MS)
    ymd = _day(days, date1904=date1904)
    return None if ymd is None else _Moment(*ymd, millis=millis, elapsed=elapsed)


def _date_tokens(section: tuple[_Token, ...]) -> list[_Token]:
    """Tell minutes from months (m or mm right after an hour or right before a second is minutes),
    and '.0' to '.000' after seconds from a literal point."""
    tokens = list(section)
    dated = [i for i, (kind, _) in enumerate(tokens) if kind == "date"]
    for before, after in zip(dated, dated[1:], strict=False):
        first, second = tokens[before][1], tokens[after][1]
        if first.lstrip("[")[0] == "h" and second in ("m", "mm"):
            tokens[after] = ("date", second.replace("m", "n"))
        if second.lstrip("[")[0] == "s" and first in ("m", "mm"):
            tokens[before] = ("date", first.replace("m", "n"))
    for i in reversed(dated):
        if tokens[i][1].lstrip("[")[0] == "s" and tokens[i + 1 : i + 2] == [(".", ".")]:
            zeros = 0
            while tokens[i + 2 + zeros : i + 3 + zeros] == [("digit", "0")]:
                zeros += 1
            if zeros:
                tokens[i + 1 : i + 2 + zeros] = [("date", "." + "0" * min(zeros, 3))]
    return tokens


def _date_part(text: str, moment: _Moment, *, twelve: bool) -> str:
    """One date token's text: y m d h n s, [h] [m] [s], and .00 fractional seconds."""
    width = len(text)
    if text.startswith("["):
        per = {"h": 3_600_000, "m": 60_000, "s": 1000}[text[1]]
        return str(moment.elapsed // per).zfill(width - 2)
    if text.startswith("."):
        return "." + f"{moment.millis % 1000:03d}"[: width - 1]
    letter = text[0]
    if letter == "y":
        return f"{moment.year % 100:02d}" if width <= 2 else f"{moment.year:04d}"
    names = {"m": _MONTHS, "d": _DAYS}.get(letter)
    if names is not None and width >= 3:
        name = names[moment.month - 1 if letter == "m" else moment.weekday]
        return name[:3] if width == 3 else name[0] if width == 5 and letter == "m" else name
    hour, minute, second = moment.millis // 3_600_000, moment.millis // 60_000 % 60, moment.millis // 1000 % 60
    if twelve:
        hour = hour % 12 or 12
    number = {"m": moment.month, "d": moment.day, "h": hour, "n": minute, "s": second}[letter]
    return f"{number:02d}" if width >= 2 else str(number)


def _date(section: tuple[_Token, ...], number: float, stamp: datetime | None, *, date1904: bool) -> str | None:
    """A date or time through a section; None where Excel shows '#####'."""
    tokens = _date_tokens(section)
    dated = [text for kind, text in tokens if kind in ("date", "ampm")]
    decimals = max((len(text) - 1 for text in dated if text.startswith(".")), default=0)
    timed = any(text[0] in "[hnsaA." for text in dated)  # elapsed, hours, minutes, seconds, AM/PM, fractions
    moment = _moment(number, stamp, 10 ** (3 - decimals) if timed else 1, date1904=date1904)
    if moment is None:
        return None
    afternoon = moment.millis >= 12 * 3_600_000
    twelve = any(kind == "ampm" for kind, _ in tokens)
    pieces: list[tuple[str, bool]] = []
    for kind, text in tokens:
        if kind == "ampm":
            # In the case written: AM/PM gives PM, am/pm pm, A/P P.
            shown = (text[3:] if afternoon else text[:2]) if len(text) == 5 else text[2 if afternoon else 0]
        elif kind == "date":
            shown = _date_part(text, moment, twelve=twelve)
        else:
            shown = text if kind == "digit" else _literal((kind, text))
        pieces.append((shown, False))
    return _join(pieces)


# ---------------------------------------------------------------------------------------------
# The cell
# ---------------------------------------------------------------------------------------------


_CellValue = float | int | bool | str | datetime | date | time | timedelta | None


def _as_number(value: float | datetime | date | time | timedelta, *, date1904: bool) -> tuple[float, datetime | None]:
    """The serial number of a value, and the date and time it is when it is one."""
    if isinstance(value, date):  # a datetime too
        stamp = value if isinstance(value, datetime) else datetime.combine(value, time())
        return _to_serial(stamp, date1904=date1904), stamp.replace(tzinfo=None)
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400, None
    if isinstance(value, timedelta):
        return value / timedelta(days=1), None
    return float(value), None


def _shown(value: float | str | datetime | date | time | timedelta, code: str, *, date1904: bool) -> str:
    sections = _sections(code if code.strip() else "General")
    if isinstance(value, str):
        text_section = _text_section(sections)
        if text_section is None:
            return value
        return _join([(value, True) if kind == "@" else (_literal((kind, text)), False) for kind, text in text_section])
    number, stamp = _as_number(value, date1904=date1904)
    if not math.isfinite(number):
        return _general(number)
    section, signed = _choose(sections, number)
    if section is None:
        return _general(number)
    if _has_date(section):
        text = _date(section, number, stamp, date1904=date1904)
        return _general(number) if text is None else text
    return _number(section, number, signed=signed)


def shown(value: _CellValue, code: str, *, date1904: bool = False) -> str:
    """The text Excel shows for a stored value under a number format code.

    ``value`` is what the cell holds: a number (a date as its serial, counted in the 1904 system when
    ``date1904``), a bool, text, or a datetime/date/time/timedelta as openpyxl returns them. '', 'General'
    (any case) and anything this cannot read show General. See the module docstring for padding.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # a format never applies to a logical value
    try:
        return _shown(value, code, date1904=date1904)
    except (ArithmeticError, ValueError, IndexError, KeyError, StopIteration):
        # A last resort for what the code above did not foresee: a report must not fail over a display nicety.
        if isinstance(value, str):
            return value
        try:
            return _general(_as_number(value, date1904=date1904)[0])
        except (ArithmeticError, ValueError):
            return str(value)
