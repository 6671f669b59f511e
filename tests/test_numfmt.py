"""A cell's value through its number format, as Excel shows it: every expectation is what Excel displays.

The expectations are written by hand from Excel's behaviour (UK locale), never computed by the code
under test. Where Excel pads to the column width, the module strips the padding at both ends: the
expectations are Excel's text so trimmed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nvap_toolkit.sheets.numfmt import BUILTIN_FORMATS, from_serial, is_date_format, shown

# 23 November 2025 (a Sunday) is serial 45984 in the 1900 system; 14:30 is 0.6041666... of a day.
SUNDAY = 45984
HALF_TWO = 0.6041666666666666
ACCOUNTING = '_-[$£-809]* #,##0.00_-;-[$£-809]* #,##0.00_-;_-[$£-809]* "-"??_-;_-@_-'


def check(cases: list[tuple[object, str, str]]) -> None:
    for value, code, expected in cases:
        assert shown(value, code) == expected, (value, code)  # type: ignore[arg-type]


def test_builtin_formats_are_excels_with_uk_dates() -> None:
    assert BUILTIN_FORMATS[0] == "General"
    assert BUILTIN_FORMATS[4] == "#,##0.00"
    assert BUILTIN_FORMATS[9] == "0%"
    assert BUILTIN_FORMATS[14] == "dd/mm/yyyy"
    assert BUILTIN_FORMATS[49] == "@"
    check(
        [
            (SUNDAY, BUILTIN_FORMATS[14], "23/11/2025"),
            (SUNDAY, BUILTIN_FORMATS[15], "23-Nov-25"),
            (SUNDAY + HALF_TWO, BUILTIN_FORMATS[22], "23/11/2025 14:30"),
            (HALF_TWO, BUILTIN_FORMATS[18], "2:30 PM"),
            (1.25, BUILTIN_FORMATS[46], "30:00:00"),
            (0.1234, BUILTIN_FORMATS[10], "12.34%"),
            (-1234.5, BUILTIN_FORMATS[39], "(1,234.50)"),
            (1234, BUILTIN_FORMATS[37], "1,234"),
        ]
    )


@pytest.mark.parametrize("code", ["General", "general", "GENERAL", ""])
def test_general_shows_integers_as_integers_in_any_spelling(code: str) -> None:
    assert shown(1200, code) == "1200"
    assert shown(1200.0, code) == "1200"
    assert shown(-7, code) == "-7"
    assert shown(0, code) == "0"


def test_general_shows_at_most_eleven_characters_without_float_noise() -> None:
    check(
        [
            (0.1 + 0.2, "General", "0.3"),
            (1 / 3, "General", "0.333333333"),
            (2 / 3, "General", "0.666666667"),
            (123456.789012345, "General", "123456.789"),
            (0.75, "General", "0.75"),
            (1.5e-5, "General", "0.000015"),
            (99999999999, "General", "99999999999"),
        ]
    )


def test_general_turns_scientific_for_very_large_and_very_small_numbers() -> None:
    check(
        [
            (float(12345678901234567890), "General", "1.23457E+19"),
            (100000000000, "General", "1E+11"),
            (123456789012, "General", "1.23457E+11"),
            (0.000000000123, "General", "1.23E-10"),
            (0.0000123456, "General", "1.23456E-05"),  # 0.000012346 would lose digits
            (-0.000000000123, "General", "-1.23E-10"),
        ]
    )


def test_logical_values_text_and_empty_cells() -> None:
    check([(True, "General", "TRUE"), (False, "0.00", "FALSE"), ("Norfolk", "General", "Norfolk"), (None, "0%", "")])
    assert shown("text with a number format", "0.00") == "text with a number format"


def test_digit_placeholders_decimal_point_and_rounding() -> None:
    check(
        [
            (3.14159, "0.00", "3.14"),
            (2.5, "0", "3"),  # half away from zero, not to even
            (-2.5, "0", "-3"),
            (2.675, "0.00", "2.68"),  # as typed, not as the nearest binary float
            (7, "000", "007"),
            (0.5, "#.00", ".50"),
            (0.5, ".00", ".50"),
            (1.5, ".00", "1.50"),  # no integer placeholder: the integer digits still show
            (0.5, "0.00", "0.50"),
            (5, "#.##", "5."),
            (5.1, "#.##", "5.1"),
            (1.5, "0.0##", "1.5"),
            (0, "#", ""),
            (5551234, "###-####", "555-1234"),
        ]
    )


def test_question_mark_pads_with_spaces_inside_but_not_at_the_ends() -> None:
    check([(1.5, "0.0??", "1.5"), (12, "???", "12"), (1.25, '0.0?" kg"', "1.25 kg"), (1.2, '0.0?" kg"', "1.2  kg")])


def test_thousands_separator_and_trailing_commas_scaling() -> None:
    check(
        [
            (1234567.891, "#,##0", "1,234,568"),
            (1234567.891, "#,##0.00", "1,234,567.89"),
            (999, "#,##0", "999"),
            (0, "#,##0", "0"),
            (1234567, '#,##0,"K"', "1,235K"),
            (1234567, '0.0,,"M"', "1.2M"),
            (-1234567, "#,##0", "-1,234,567"),
        ]
    )


def test_percent_multiplies_by_one_hundred() -> None:
    check([(0.75, "0%", "75%"), (0.125, "0.0%", "12.5%"), (1, "0%", "100%"), (-0.05, "0%", "-5%"), (0.07, "0.00%", "7.00%")])


def test_scientific() -> None:
    check(
        [
            (12345, "0.00E+00", "1.23E+04"),
            (0.000123, "0.00E+00", "1.23E-04"),
            (0, "0.00E+00", "0.00E+00"),
            (12345, "0.00E-00", "1.23E04"),
            (9.999, "0.00E+00", "1.00E+01"),
            (12345, "##0.0E+0", "12.3E+3"),
            (-12345, "0.0E+00", "-1.2E+04"),
        ]
    )


def test_literals_quotes_escapes_space_widths_and_fills() -> None:
    check(
        [
            (5, '0" hrs"', "5 hrs"),
            (5, '"Total: "0', "Total: 5"),
            (5, r"0\h", "5h"),
            (5, "0.00_)", "5.00"),
            (5, "(0)", "(5)"),
            (5, "0_)_)", "5"),
            (5, "**0", "5"),
            (5, "0 \\k\\m", "5 km"),
        ]
    )


def test_currency_symbols() -> None:
    check(
        [
            (1200, '"£"#,##0.00', "£1,200.00"),
            (1200, "£#,##0.00", "£1,200.00"),
            (1200, "[$£-809]#,##0.00", "£1,200.00"),
            (1200, "[$€-x-euro2] #,##0.00", "€ 1,200.00"),
            (1200, "#,##0.00 [$EUR]", "1,200.00 EUR"),
            (1200, "[$$-409]#,##0", "$1,200"),
            (-1200, '"£"#,##0.00', "-£1,200.00"),
        ]
    )


def test_excel_accounting_format() -> None:
    check([(1200, ACCOUNTING, "£1,200.00"), (-1200, ACCOUNTING, "-£1,200.00"), (0, ACCOUNTING, "£-"), ("n/a", ACCOUNTING, "n/a")])
    assert shown(0.5, '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-') == "0.50"


def test_sections_positive_negative_zero_text() -> None:
    code = '0.0;(0.0);"nil";"text: "@'
    check([(5, code, "5.0"), (-5, code, "(5.0)"), (0, code, "nil"), ("abc", code, "text: abc")])
    check([(-5, "0;0", "5"), (-5, "0;-0", "-5"), (-5, "0;[Red]-0", "-5"), (-5, "#,##0;[Red]#,##0", "5"), (0, "0;-0", "0")])
    check([(-5, "0", "-5"), (0, "0;-0;", ""), (5, ";;;", ""), ("hidden", ";;;", "")])


def test_text_placeholder() -> None:
    check([("Norfolk", "@", "Norfolk"), ("Norfolk", '"Force: "@', "Force: Norfolk"), ("  spaced  ", "@", "  spaced  ")])
    assert shown("  spaced  ", "_-@_-") == "  spaced  "  # the padding goes, the cell's own spaces stay
    assert shown(1200, "@") == "1200"  # a number in a text-formatted cell shows as General
    assert shown(1200, "0.00;@") == "1200.00"


def test_conditions_choose_the_section_and_colours_do_nothing() -> None:
    code = '[>=100][Red]"big "0;[<0]"minus "0;"small "0'
    check([(150, code, "big 150"), (100, code, "big 100"), (-5, code, "minus 5"), (5, code, "small 5")])
    check([(1234567, "[<=9999999]###-####;(###) ###-####", "123-4567"), (5, "[Blue]0.0", "5.0"), (5, "[Color10]0", "5")])


def test_fractions() -> None:
    check(
        [
            (1.5, "# ?/?", "1 1/2"),
            (0.75, "# ?/?", "3/4"),
            (0.1, "# ?/?", "1/9"),  # one digit of denominator: 1/10 cannot be shown
            (0.333, "# ??/??", "1/3"),
            (1.5, "# ??/??", "1  1/2"),  # Excel right-aligns the numerator in its two places
            (3.14159, "# ?/?", "3 1/7"),
            (3.14159, "# ??/??", "3 14/99"),
            (2, "# ?/?", "2"),
            (0, "# ?/?", "0"),
            (-1.5, "# ?/?", "-1 1/2"),
            (1.5, "?/?", "3/2"),
            (0.3, "?/4", "1/4"),
            (1.3, "# ?/4", "1 1/4"),
            (0.625, "# ?/8", "5/8"),
        ]
    )


def test_dates() -> None:
    check(
        [
            (SUNDAY, "dd/mm/yyyy", "23/11/2025"),
            (SUNDAY, "d/m/yy", "23/11/25"),
            (SUNDAY, "d mmm yy", "23 Nov 25"),
            (SUNDAY, "mmm yyyy", "Nov 2025"),
            (SUNDAY, "dddd d mmmm yyyy", "Sunday 23 November 2025"),
            (SUNDAY, "ddd dd-mmm-yyyy", "Sun 23-Nov-2025"),
            (SUNDAY, "mmmmm", "N"),
            (SUNDAY, "yyyy-mm-dd", "2025-11-23"),
            (SUNDAY + 0.9, "dd/mm/yyyy", "23/11/2025"),  # the time is not shown, and does not round up the day
            (45658, "d/m/yyyy", "1/1/2025"),
        ]
    )


def test_times() -> None:
    check(
        [
            (HALF_TWO, "h:mm", "14:30"),
            (HALF_TWO, "hh:mm:ss", "14:30:00"),
            (HALF_TWO, "h:mm AM/PM", "2:30 PM"),
            (HALF_TWO, "h:mm am/pm", "2:30 pm"),
            (HALF_TWO, "h:mm A/P", "2:30 P"),
            (0.375, "h:mm AM/PM", "9:00 AM"),
            (0, "h:mm AM/PM", "12:00 AM"),
            (0.5, "h AM/PM", "12 PM"),
            (SUNDAY + HALF_TWO, "dd/mm/yyyy hh:mm", "23/11/2025 14:30"),
            (0.25 / 24, "mm:ss", "15:00"),  # minutes before seconds, not the month
            (0.25 / 24, "h:m:s", "0:15:0"),
        ]
    )


def test_seconds_round_to_the_nearest_unless_fractions_are_shown() -> None:
    almost = (14 * 3600 + 29 * 60 + 59.6) / 86400  # 14:29:59.6
    check(
        [
            (almost, "hh:mm:ss", "14:30:00"),
            (almost, "h:mm", "14:30"),
            ((14 * 3600 + 29 * 60 + 40) / 86400, "h:mm", "14:29"),  # minutes are not rounded
            (almost, "hh:mm:ss.0", "14:29:59.6"),
            (12.346 / 86400, "ss.00", "12.35"),
            (12.345 / 86400, "[ss].000", "12.345"),
            (8.64 / 86400, "mm:ss.0", "00:08.6"),
        ]
    )


def test_elapsed_time() -> None:
    check(
        [
            (1.5, "[h]:mm:ss", "36:00:00"),
            (1.5, "[h]:mm", "36:00"),
            (0.0625, "[mm]:ss", "90:00"),
            (1 / 1440, "[ss]", "60"),
            (0.25, "[hh]", "06"),
            (2.75, "h:mm", "18:00"),  # without brackets the days are not counted
        ]
    )


def test_libreoffice_date_codes() -> None:
    check(
        [
            (SUNDAY, "DD/MM/YYYY", "23/11/2025"),
            (HALF_TWO, "HH:MM", "14:30"),
            (SUNDAY, "[$-809]DD/MM/YYYY", "23/11/2025"),
            (SUNDAY, "MMMM D, YYYY", "November 23, 2025"),
            (SUNDAY, "DD.MM.YYYY", "23.11.2025"),
        ]
    )


def test_date_and_time_values_as_openpyxl_returns_them() -> None:
    check(
        [
            (datetime(2025, 11, 23, 14, 30), "dd/mm/yyyy hh:mm", "23/11/2025 14:30"),
            (datetime(2025, 11, 23), "d mmm yyyy", "23 Nov 2025"),
            (date(2025, 11, 23), "dd/mm/yyyy", "23/11/2025"),
            (time(14, 30), "h:mm", "14:30"),
            (datetime(1899, 12, 30, 14, 30), "h:mm", "14:30"),  # openpyxl's reading of a time with no date
            (timedelta(hours=30), "[h]:mm", "30:00"),
            (datetime(1850, 6, 1), "dd/mm/yyyy", "01/06/1850"),  # before Excel's calendar, from an ISO date cell
            (datetime(2025, 11, 23, 23, 59, 59, 700000), "dd/mm/yyyy hh:mm:ss", "24/11/2025 00:00:00"),
        ]
    )


def test_excels_1900_leap_year_and_the_1904_system() -> None:
    check([(60, "dd/mm/yyyy", "29/02/1900"), (61, "dd/mm/yyyy", "01/03/1900"), (1, "dd/mm/yyyy", "01/01/1900")])
    check([(0, "dd/mm/yyyy", "00/01/1900"), (1, "dddd", "Sunday"), (61, "dddd", "Thursday")])
    assert shown(SUNDAY - 1462, "dd/mm/yyyy", date1904=True) == "23/11/2025"
    assert shown(0, "dd/mm/yyyy", date1904=True) == "01/01/1904"
    assert shown(0, "dddd", date1904=True) == "Friday"


def test_dates_excel_cannot_show_fall_back_to_general() -> None:
    check([(-1, "dd/mm/yyyy", "-1"), (3000000, "dd/mm/yyyy", "3000000"), (2958465, "dd/mm/yyyy", "31/12/9999")])


def test_from_serial() -> None:
    assert from_serial(SUNDAY) == datetime(2025, 11, 23)
    assert from_serial(SUNDAY + HALF_TWO) == datetime(2025, 11, 23, 14, 30)
    assert from_serial(1) == datetime(1900, 1, 1)
    assert from_serial(59) == datetime(1900, 2, 28)
    assert from_serial(60) == datetime(1900, 2, 28)  # Excel's 29 February 1900 never was
    assert from_serial(61) == datetime(1900, 3, 1)
    assert from_serial(0) == datetime(1899, 12, 31)
    assert from_serial(0, date1904=True) == datetime(1904, 1, 1)
    assert from_serial(44522, date1904=True) == datetime(2025, 11, 23)
    assert from_serial(1.0000000001) == datetime(1900, 1, 1)  # float noise is not a millisecond


def test_is_date_format() -> None:
    dates = ["dd/mm/yyyy", "h:mm", "[h]:mm:ss", "mmm-yy", "[$-809]DD/MM/YYYY", "HH:MM", "h AM/PM", "[ss]", "AM/PM"]
    others = ["General", "0.00", "0.00E+00", "[Red]0", '0" days"', "#,##0.00 [$EUR]", '"£"#,##0', "@", "# ?/?", ""]
    assert [code for code in dates if not is_date_format(code)] == []
    assert [code for code in others if is_date_format(code)] == []
    assert all(is_date_format(BUILTIN_FORMATS[number]) for number in (14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47))
    assert not any(is_date_format(BUILTIN_FORMATS[number]) for number in (0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 48, 49))


def test_unreadable_codes_fall_back_to_general_and_never_raise() -> None:
    check([(1200, "[", "1200"), (1200, '"unclosed', "1200"), (1200, "0.0[Red", "1200"), (SUNDAY, "NN QQ", "45984")])
    check([(1 / 3, "xyz", "0.333333333"), (float("nan"), "0.00", "#NUM!"), ("text", '"unclosed @', "text")])
    assert shown(float("inf"), "dd/mm/yyyy") == "#NUM!"
    assert shown(10**400, "0.00").startswith("1000")  # no float holds it: shown as written, not an error


CODE_CHARS = st.sampled_from(list('0#?.,%E+-;@"\\_*[]$<>=/ ymdhsAMP:') + ["General", "[Red]", "[>=5]", "[h]", "AM/PM"])


@given(
    value=st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.datetimes(), st.dates(), st.times(), st.timedeltas()
    ),
    code=st.one_of(st.text(max_size=30), st.lists(CODE_CHARS, max_size=20).map("".join)),
    date1904=st.booleans(),
)
def test_any_value_through_any_code_gives_text(value: object, code: str, date1904: bool) -> None:
    assert isinstance(shown(value, code, date1904=date1904), str)  # type: ignore[arg-type]


@given(text=st.text(), code=st.sampled_from(["General", "0.00", "dd/mm/yyyy", "#,##0", "0%", ""]))
def test_text_without_a_text_section_shows_as_typed(text: str, code: str) -> None:
    assert shown(text, code) == text
