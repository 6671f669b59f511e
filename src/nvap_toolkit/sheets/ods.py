"""Every workbook nvap writes, also as an OpenDocument spreadsheet (``.ods``), from the same openpyxl ``Workbook``.

``ods_bytes(wb)`` writes the in-memory workbook that the Excel writers build
(before ``workbook_bytes`` saves it) as an ODF 1.3 spreadsheet, with the
standard library only: the XML is written as text, every value escaped, so no
ODF library is needed at run time and the bytes are the same for the same
workbook (fixed dates, zip entries and style names).

Carried over: sheets in order with their titles and visibility (``veryHidden``
becomes hidden: ODF has no stronger state), every cell's value (text always as
text, never a formula; numbers, dates, times, booleans) with the text it shows,
lines (a paragraph each) and runs of spaces, merged ranges, column widths and row heights,
fonts, fills, borders, alignment, wrapping and number formats (dates,
percentages, fixed decimals) as deduplicated automatic styles, hyperlinks,
notes, sheet protection (no password) with unlocked cells, data validations
(lists from a range, a name or inline; dates, numbers, text lengths; input help
and error messages), defined names (workbook and sheet scope), autofilters,
print areas, print titles, page setup (paper, orientation, margins, fit to
width, centring, header and footer), page breaks, frozen panes and hidden grid
lines (``settings.xml``), and the document's title, subject, creator and
language.  Not carried over: charts, images, conditional formats, tables
(``ws.tables``), custom validations (a formula), theme colours, rich text runs
inside a cell, and validation ranges beyond a sheet's used area.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
ODF_VERSION = "1.3"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "of": "urn:oasis:names:tc:opendocument:xmlns:of:1.2",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_DOC_NS = ("office", "style", "text", "table", "fo", "xlink", "dc", "meta", "number", "svg", "of")


def _xmlns(prefixes: Iterable[str]) -> str:
    return "".join(f' xmlns:{p}="{_NS[p]}"' for p in prefixes)


# -- text -----------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _esc(text: str) -> str:
    """Text for an element's content: characters XML cannot hold are dropped, markup escaped."""
    return _NOT_XML.sub("", text).translate(_TEXT_ESCAPES)


def _attr(text: object) -> str:
    """A value for a double-quoted attribute."""
    return _NOT_XML.sub("", str(text)).translate(_ATTR_ESCAPES)


_SPACES = re.compile(r"( +|\t)")


def _line(text: str) -> str:
    """One line of a paragraph: runs of spaces as ``text:s`` (ODF collapses them), tabs as ``text:tab``."""
    out: list[str] = []
    pos = 0
    for match in _SPACES.finditer(text):
        out.append(_esc(text[pos : match.start()]))
        run = match.group(0)
        if run == "\t":
            out.append("<text:tab/>")
        elif match.start() == 0 or match.end() == len(text):  # readers drop leading and trailing spaces unless marked
            out.append(_spaces(len(run)))
        else:
            out.append(" " + (_spaces(len(run) - 1) if len(run) > 1 else ""))
        pos = match.end()
    out.append(_esc(text[pos:]))
    return "".join(out)


def _spaces(n: int) -> str:
    return "<text:s/>" if n == 1 else f'<text:s text:c="{n}"/>'


def _paragraph(text: str, href: str | None = None) -> str:
    """A cell's text: a ``text:p`` per line, as LibreOffice writes it (its Calc drops a ``text:line-break`` in a cell)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if href:
        link = f'<text:a xlink:href="{_attr(href)}" xlink:type="simple">'
        return "".join(f"<text:p>{link}{_line(line)}</text:a></text:p>" if line else "<text:p/>" for line in lines)
    return "".join(f"<text:p>{_line(line)}</text:p>" if line else "<text:p/>" for line in lines)


# -- references -----------------------------------------------------------------------------------

_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EXCEL_REF = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?$")
_NAME = re.compile(r"^[A-Za-z_\\][A-Za-z0-9_.\\]*$")


def _sheet(title: str, *, absolute: bool = True) -> str:
    """A sheet's name in an ODF address: quoted unless it is a plain word."""
    name = title if _PLAIN_SHEET.match(title) else "'" + title.replace("'", "''") + "'"
    return ("$" if absolute else "") + name


def _excel_ref(text: str) -> tuple[str, str, str | None] | None:
    """``'Sheet'!$A$1:$A$4`` -> ``("Sheet", "$A$1", "$A$4")``; None when ``text`` is not a sheet reference."""
    match = _EXCEL_REF.match(text.strip())
    if match is None:
        return None
    quoted, plain, first, last = match.groups()
    return (quoted.replace("''", "'") if quoted is not None else plain), first.upper(), last.upper() if last else None


def _odf_range(text: str) -> str | None:
    """An Excel reference as an ODF cell range address (``$nvap_lists.$A$1:.$A$4``), as LibreOffice writes it."""
    ref = _excel_ref(text)
    if ref is None:
        return None
    sheet, first, last = ref
    return f"{_sheet(sheet)}.{first}" + (f":.{last}" if last else "")


# -- values ---------------------------------------------------------------------------------------


def _shown(value: Any, code: str) -> str:
    from .numfmt import shown

    return shown(value, code)


def _number_text(value: float | int | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def _duration(value: time | timedelta) -> str:
    """A time of day or a duration as an ISO 8601 duration (``PT14H30M00S``)."""
    if isinstance(value, time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    else:
        seconds = value.total_seconds()
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return (
        f"{sign}PT{int(hours)}H{int(minutes):02d}M{secs:02.0f}S"
        if secs == int(secs)
        else f"{sign}PT{int(hours)}H{int(minutes):02d}M{secs:09.6f}S"
    )


def _value_attrs(value: Any, code: str) -> tuple[str, str] | None:
    """A cell value's ``office:`` attributes and the text it shows; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return ' office:value-type="string"', value
    if isinstance(value, bool):
        return f' office:value-type="boolean" office:boolean-value="{str(value).lower()}"', "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        stamp = value.replace(tzinfo=None).isoformat()
        return f' office:value-type="date" office:date-value="{stamp}"', _shown(value.replace(tzinfo=None), code)
    if isinstance(value, date):
        return f' office:value-type="date" office:date-value="{value.isoformat()}"', _shown(value, code)
    if isinstance(value, time | timedelta):
        return f' office:value-type="time" office:time-value="{_duration(value)}"', _shown(value, code)
    if isinstance(value, int | float | Decimal) and math.isfinite(float(value)):
        kind = "percentage" if code.rstrip().endswith("%") else "float"
        return f' office:value-type="{kind}" office:value="{_number_text(value)}"', _shown(float(value), code)
    return ' office:value-type="string"', str(value)


# -- styles ---------------------------------------------------------------------------------------


def _colour(colour: Any) -> str | None:
    """An openpyxl colour as ``#rrggbb``; None for a theme colour or none."""
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    if kind == "rgb":
        rgb = str(colour.rgb)
    elif kind == "indexed":
        from openpyxl.styles.colors import COLOR_INDEX

        index = int(colour.indexed)
        if index >= len(COLOR_INDEX) or index >= 64:
            return None
        rgb = COLOR_INDEX[index]
    else:
        return None
    if not re.fullmatch(r"[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?", rgb):
        return None
    return "#" + rgb[-6:].lower()


def _font_props(font: Any, fonts: set[str]) -> str:
    props = []
    if font.name:
        fonts.add(str(font.name))
        props.append(f'style:font-name="{_attr(font.name)}"')
    if font.sz:
        size = f"{float(font.sz):g}pt"
        props += [f'fo:font-size="{size}"', f'style:font-size-asian="{size}"', f'style:font-size-complex="{size}"']
    weight = "bold" if font.b else "normal"
    posture = "italic" if font.i else "normal"
    props += [f'fo:font-weight="{weight}"', f'style:font-weight-asian="{weight}"', f'style:font-weight-complex="{weight}"']
    props += [f'fo:font-style="{posture}"', f'style:font-style-asian="{posture}"', f'style:font-style-complex="{posture}"']
    colour = _colour(font.color)
    if colour:
        props.append(f'fo:color="{colour}"')
    if font.u and font.u != "none":
        kind = "double" if str(font.u).startswith("double") else "single"
        props.append(f'style:text-underline-style="solid" style:text-underline-type="{kind}" style:text-underline-width="auto"')
        props.append('style:text-underline-color="font-color"')
    if font.strike:
        props.append('style:text-line-through-style="solid" style:text-line-through-type="single"')
    if font.vertAlign in ("superscript", "subscript"):
        props.append(f'style:text-position="{"super" if font.vertAlign == "superscript" else "sub"} 58%"')
    return " ".join(props)


_BORDER_LINES = {
    "hair": "0.26pt solid",
    "thin": "0.74pt solid",
    "medium": "1.76pt solid",
    "thick": "2.49pt solid",
    "double": "2.01pt double",
    "dotted": "0.74pt dotted",
    "dashed": "0.74pt dashed",
    "mediumDashed": "1.76pt dashed",
    "dashDot": "0.74pt dashed",
    "mediumDashDot": "1.76pt dashed",
    "dashDotDot": "0.74pt dotted",
    "mediumDashDotDot": "1.76pt dotted",
    "slantDashDot": "1.76pt dashed",
}


def _border_props(border: Any) -> list[str]:
    sides = {}
    for name in ("top", "bottom", "left", "right"):
        side = getattr(border, name, None)
        line = _BORDER_LINES.get(getattr(side, "style", None) or "")
        sides[name] = f"{line} {_colour(side.color) or '#000000'}" if line and side is not None else "none"
    if len(set(sides.values())) == 1:
        return [] if sides["top"] == "none" else [f'fo:border="{sides["top"]}"']
    return [f'fo:border-{name}="{value}"' for name, value in sides.items()]


_HORIZONTAL = {
    "left": "start",
    "center": "center",
    "centerContinuous": "center",
    "right": "end",
    "justify": "justify",
    "distributed": "justify",
    "fill": "start",
}
_VERTICAL = {"top": "top", "center": "middle", "bottom": "bottom", "justify": "middle", "distributed": "middle"}
INDENT_PT = 10.0
"""The width of one step of indent (Excel's is about three characters)."""


def _cell_props(cell: Any) -> tuple[list[str], list[str]]:
    """A cell's ``table-cell-properties`` and ``paragraph-properties`` attributes."""
    cell_props: list[str] = []
    para: list[str] = []
    fill = cell.fill
    if getattr(fill, "fill_type", None) not in (None, "none"):
        colour = _colour(fill.fgColor) or _colour(fill.bgColor)
        if colour:
            cell_props.append(f'fo:background-color="{colour}"')
    cell_props += _border_props(cell.border)
    align = cell.alignment
    horizontal = _HORIZONTAL.get(align.horizontal or "")
    if horizontal:
        cell_props.append('style:text-align-source="fix"')
        para.append(f'fo:text-align="{horizontal}"')
    vertical = _VERTICAL.get(align.vertical or "")
    if vertical:
        cell_props.append(f'style:vertical-align="{vertical}"')
    if align.wrap_text:
        cell_props.append('fo:wrap-option="wrap"')
    if align.shrink_to_fit:
        cell_props.append('style:shrink-to-fit="true"')
    rotation = int(align.text_rotation or 0)
    if 0 < rotation <= 180:
        cell_props.append(f'style:rotation-angle="{rotation if rotation <= 90 else 450 - rotation}"')
    if align.indent:
        para.append(f'fo:margin-left="{float(align.indent) * INDENT_PT:g}pt"')
    protection = cell.protection
    locked = protection.locked is not False
    hidden = bool(protection.hidden)
    if not locked or hidden:
        protect = " ".join(p for p, on in (("protected", locked), ("formula-hidden", hidden)) if on) or "none"
        cell_props.append(f'style:cell-protect="{protect}"')
    return cell_props, para


_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM|[^a-zA-Z"\\]+', re.IGNORECASE)


def _date_style(name: str, code: str) -> str | None:
    """A ``number:date-style`` for a simple Excel date format (``dd/mm/yyyy``, ``d mmmm yyyy``, ``hh:mm``)."""
    parts: list[str] = []
    after_hour = False
    for match in _DATE_TOKEN.finditer(code):
        token = match.group(0)
        lower = token.lower()
        if lower in ("yyyy", "yy"):
            parts.append(f'<number:year number:style="{"long" if lower == "yyyy" else "short"}"/>')
        elif lower in ("mmmm", "mmm"):
            parts.append(f'<number:month number:textual="true" number:style="{"long" if lower == "mmmm" else "short"}"/>')
        elif lower in ("mm", "m") and after_hour:
            parts.append(f'<number:minutes number:style="{"long" if lower == "mm" else "short"}"/>')
        elif lower in ("mm", "m"):
            parts.append(f'<number:month number:style="{"long" if lower == "mm" else "short"}"/>')
        elif lower in ("dddd", "ddd"):
            parts.append(f'<number:day-of-week number:style="{"long" if lower == "dddd" else "short"}"/>')
        elif lower in ("dd", "d"):
            parts.append(f'<number:day number:style="{"long" if lower == "dd" else "short"}"/>')
        elif lower in ("hh", "h"):
            parts.append(f'<number:hours number:style="{"long" if lower == "hh" else "short"}"/>')
        elif lower in ("ss", "s"):
            parts.append(f'<number:seconds number:style="{"long" if lower == "ss" else "short"}"/>')
        elif lower == "am/pm":
            parts.append("<number:am-pm/>")
        elif re.fullmatch(r"[a-z]", lower):
            return None  # a letter this does not know: leave the cell to the program's default format
        else:
            literal = token.strip('"').removeprefix("\\")
            parts.append(f"<number:text>{_esc(literal)}</number:text>")
        after_hour = lower in ("hh", "h") or (after_hour and not lower.isalpha())
    if not parts:
        return None
    return f'<number:date-style style:name="{name}">{"".join(parts)}</number:date-style>'


_FIXED = re.compile(r"^(#,##0|0)(?:\.(0+))?(%?)$")


def _data_style(name: str, code: str) -> str | None:
    """A data style for ``code`` (a fixed or percentage number, or a date/time); None for General and the rest."""
    from .numfmt import is_date_format

    code = code.strip()
    if not code or code.lower() == "general":
        return None
    fixed = _FIXED.match(code)
    if fixed:
        grouping, decimals, percent = fixed.groups()
        places = len(decimals or "")
        number = (
            f'<number:number number:decimal-places="{places}" number:min-decimal-places="{places}" number:min-integer-digits="1"'
            + (' number:grouping="true"' if grouping.startswith("#") else "")
            + "/>"
        )
        if percent:
            return f'<number:percentage-style style:name="{name}">{number}<number:text>%</number:text></number:percentage-style>'
        return f'<number:number-style style:name="{name}">{number}</number:number-style>'
    if code == "@":
        return f'<number:text-style style:name="{name}"><number:text-content/></number:text-style>'
    if is_date_format(code) and ";" not in code and "[" not in code:
        return _date_style(name, code)
    return None


@dataclass
class _Styles:
    """Automatic styles, each distinct one written once and named in order of first use."""

    fonts: set[str] = field(default_factory=set)
    cells: dict[str, str] = field(default_factory=dict)
    """A cell style's properties -> its name."""
    by_key: dict[tuple[int, ...], str] = field(default_factory=dict)
    """openpyxl's style ids of a cell -> the cell style's name."""
    data: dict[str, str | None] = field(default_factory=dict)
    """A number format code -> its data style's name (None: no data style)."""
    data_xml: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    rows: dict[str, str] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    """A master page's XML (less its name) -> its name."""
    layouts: dict[str, str] = field(default_factory=dict)
    paragraphs: dict[str, str] = field(default_factory=dict)

    def cell(self, cell: Any) -> str:
        key = tuple(getattr(cell, "_style", ()))
        name = self.by_key.get(key)
        if name is None:
            name = self.by_key[key] = self._cell_style(cell)
        return name

    def _cell_style(self, cell: Any) -> str:
        cell_props, para = _cell_props(cell)
        text = _font_props(cell.font, self.fonts)
        data = self.data_style(str(cell.number_format or "General"))
        body = (
            (f' style:data-style-name="{data}"' if data else "")
            + ">"
            + (f"<style:table-cell-properties {' '.join(cell_props)}/>" if cell_props else "")
            + (f"<style:paragraph-properties {' '.join(para)}/>" if para else "")
            + (f"<style:text-properties {text}/>" if text else "")
        )
        return self.cells.setdefault(body, f"ce{len(self.cells) + 1}")

    def data_style(self, code: str) -> str | None:
        if code not in self.data:
            name = f"N{len(self.data_xml) + 1}"
            xml = _data_style(name, code)
            self.data[code] = name if xml else None
            if xml:
                self.data_xml.append(xml)
        return self.data[code]

    def column(self, width_in: float) -> str:
        body = f'><style:table-column-properties fo:break-before="auto" style:column-width="{width_in:.4f}in"/>'
        return self.columns.setdefault(body, f"co{len(self.columns) + 1}")

    def row(self, height_pt: float | None, *, page_break: bool) -> str:
        size = (
            f'style:row-height="{height_pt:g}pt" style:use-optimal-row-height="false"'
            if height_pt is not None
            else 'style:row-height="15pt" style:use-optimal-row-height="true"'
        )
        body = f'><style:table-row-properties {size} fo:break-before="{"page" if page_break else "auto"}"/>'
        return self.rows.setdefault(body, f"ro{len(self.rows) + 1}")

    def table(self, *, visible: bool, page: str) -> str:
        body = (
            f' style:master-page-name="{page}"><style:table-properties table:display="{str(visible).lower()}"'
            ' style:writing-mode="lr-tb"/>'
        )
        return self.tables.setdefault(body, f"ta{len(self.tables) + 1}")

    def paragraph(self, size: float | None, *, bold: bool, font: str | None) -> str:
        props = []
        if font:
            self.fonts.add(font)
            props.append(f'style:font-name="{_attr(font)}"')
        if size:
            props.append(f'fo:font-size="{size:g}pt"')
        if bold:
            props.append('fo:font-weight="bold"')
        body = f"<style:text-properties {' '.join(props)}/>" if props else ""
        return self.paragraphs.setdefault(body, f"MP{len(self.paragraphs) + 1}")

    def master_page(self, layout: str, regions: str) -> str:
        layout_name = self.layouts.setdefault(layout, f"Mpm{len(self.layouts) + 1}")
        body = f' style:page-layout-name="{layout_name}">{regions}'
        return self.pages.setdefault(body, f"mp{len(self.pages) + 1}")

    def automatic_content(self) -> str:
        out = [*self.data_xml]
        for family, found in (
            ("table-column", self.columns),
            ("table-row", self.rows),
            ("table", self.tables),
            ("table-cell", self.cells),
        ):
            parent = ' style:parent-style-name="Default"' if family == "table-cell" else ""
            out += [
                f'<style:style style:name="{name}" style:family="{family}"{parent}{body}</style:style>'
                for body, name in found.items()
            ]
        return "".join(out)


# -- page setup -----------------------------------------------------------------------------------

_PAPER_IN = {1: (8.5, 11.0), 5: (8.5, 14.0), 8: (11.6929, 16.5354), 9: (8.2677, 11.6929), 11: (5.8268, 8.2677)}
"""openpyxl's paper sizes (Letter, Legal, A3, A4, A5) in inches, portrait."""


def _page_layout(ws: Worksheet) -> str:
    setup, margins, options = ws.page_setup, ws.page_margins, ws.print_options
    width, height = _PAPER_IN.get(int(setup.paperSize or 9), _PAPER_IN[9])
    landscape = setup.orientation == "landscape"
    if landscape:
        width, height = height, width
    props = [
        f'fo:page-width="{width:g}in" fo:page-height="{height:g}in"',
        f'style:print-orientation="{"landscape" if landscape else "portrait"}"',
    ]
    has_header = _has_text(ws.oddHeader)
    has_footer = _has_text(ws.oddFooter)
    # Excel measures a header from the page's edge and the cells from the edge too; ODF puts the header inside the margin.
    top = (margins.header if has_header else margins.top) or 0.0
    bottom = (margins.footer if has_footer else margins.bottom) or 0.0
    props.append(f'fo:margin-top="{top:g}in" fo:margin-bottom="{bottom:g}in"')
    props.append(f'fo:margin-left="{margins.left or 0:g}in" fo:margin-right="{margins.right or 0:g}in"')
    fit = ws.sheet_properties.pageSetUpPr
    if fit is not None and fit.fitToPage:
        props.append(f'style:scale-to-X="{int(setup.fitToWidth or 0)}"' if setup.fitToWidth else "")
        props.append(f'style:scale-to-Y="{int(setup.fitToHeight or 0)}"' if setup.fitToHeight else "")
    elif setup.scale:
        props.append(f'style:scale-to="{int(setup.scale)}%"')
    centring = {(True, False): "horizontal", (False, True): "vertical", (True, True): "both"}.get(
        (bool(options.horizontalCentered), bool(options.verticalCentered))
    )
    if centring:
        props.append(f'style:table-centering="{centring}"')
    grid = "grid " if options.gridLines else ""
    props.append(f'style:print="{grid}charts drawings objects zero-values" style:print-page-order="ttb"')
    header = _header_footer_style("header", max(0.1, (margins.top or 0) - (margins.header or 0)) if has_header else None)
    footer = _header_footer_style("footer", max(0.1, (margins.bottom or 0) - (margins.footer or 0)) if has_footer else None)
    return f"<style:page-layout-properties {' '.join(p for p in props if p)}/>{header}{footer}"


def _header_footer_style(kind: str, space: float | None) -> str:
    if space is None:
        return ""
    gap = "margin-bottom" if kind == "header" else "margin-top"
    return (
        f'<style:{kind}-style><style:header-footer-properties fo:min-height="0in" fo:{gap}="{space:.3f}in"/></style:{kind}-style>'
    )


def _has_text(part: Any) -> bool:
    return part is not None and any(getattr(getattr(part, region, None), "text", None) for region in ("left", "center", "right"))


_HF_CODE = re.compile(r'&(&|P|N|A|F|D|T|"[^"]*"|\d+|[BIUSXYEZGHO]|K[0-9A-Fa-f]{6}|.)')


def _header_text(text: str, sheet_title: str) -> str:
    """Excel's header or footer codes (``&P / &N``) as ODF text and fields."""
    out: list[str] = []
    pos = 0
    fields = {
        "P": "<text:page-number>1</text:page-number>",
        "N": "<text:page-count>1</text:page-count>",
        "A": f"<text:sheet-name>{_esc(sheet_title)}</text:sheet-name>",
        "F": "<text:file-name/>",
        "D": "<text:date/>",
        "T": "<text:time/>",
    }
    for match in _HF_CODE.finditer(text):
        out.append(_line(text[pos : match.start()]))
        code = match.group(1)
        out.append("&amp;" if code == "&" else fields.get(code, ""))
        pos = match.end()
    out.append(_line(text[pos:]))
    return "".join(out)


def _region(part: Any, styles: _Styles, sheet_title: str) -> str:
    regions = []
    for region, tag in (("left", "region-left"), ("center", "region-center"), ("right", "region-right")):
        found = getattr(part, region, None)
        text = getattr(found, "text", None)
        if found is None or not text:
            continue
        font = str(found.font or "")
        name = styles.paragraph(
            float(found.size) if found.size else None, bold="bold" in font.lower(), font=font.split(",")[0] or None
        )
        regions.append(f'<style:{tag}><text:p text:style-name="{name}">{_header_text(text, sheet_title)}</text:p></style:{tag}>')
    return "".join(regions)


def _master_page(ws: Worksheet, styles: _Styles) -> str:
    regions = ""
    for kind, part in (("header", ws.oddHeader), ("footer", ws.oddFooter)):
        inner = _region(part, styles, ws.title) if _has_text(part) else ""
        regions += f"<style:{kind}>{inner}</style:{kind}>" if inner else f'<style:{kind} style:display="false"/>'
    return styles.master_page(_page_layout(ws), regions)


# -- sheets ---------------------------------------------------------------------------------------


POINTS_PER_WIDTH = 7.0
"""Points per unit of an Excel column width, as LibreOffice converts an .xlsx: the .ods looks as the .xlsx does there.

Excel draws a unit as 7 pixels (5.25 pt at 96 dpi), a quarter narrower; nvap's row heights are estimated for
LibreOffice's wider columns (and its substitute fonts), so the narrower width would clip wrapped text.
"""


def _column_width_in(width: float) -> float:
    """An Excel column width (characters of the default font) in inches."""
    return width * POINTS_PER_WIDTH / 72


DEFAULT_WIDTH = 8.43
"""Excel's default column width, in characters."""


@dataclass
class _Validation:
    name: str
    xml: str


@dataclass
class _Book:
    """What the whole document gathers while its sheets are written."""

    styles: _Styles = field(default_factory=_Styles)
    validations: list[_Validation] = field(default_factory=list)
    databases: list[str] = field(default_factory=list)
    cell_count: int = 0


def _merges(ws: Worksheet) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Merged ranges: each first cell's (columns, rows) spanned, and every other cell of a range."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (merged.max_col - merged.min_col + 1, merged.max_row - merged.min_row + 1)
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    covered.add((row, col))
    return spans, covered


def _title_rows(ws: Worksheet) -> tuple[int, int] | None:
    found = re.fullmatch(r"\$?(\d+):\$?(\d+)", (ws.print_title_rows or "").strip())
    return (int(found.group(1)), int(found.group(2))) if found else None


def _print_range(ws: Worksheet) -> str | None:
    """The print area as LibreOffice writes it (``'Sheet'.A1:'Sheet'.C35``), several ranges separated by spaces."""
    area = ws.print_area
    if not area:
        return None
    ranges = []
    for part in area.split(","):
        ref = _excel_ref(part)
        if ref is None:
            continue
        sheet, first, last = ref
        name = _sheet(sheet, absolute=False)
        ranges.append(f"{name}.{first.replace('$', '')}" + (f":{name}.{last.replace('$', '')}" if last else ""))
    return " ".join(ranges) or None


class _SheetWriter:
    """One worksheet as a ``table:table``."""

    def __init__(self, ws: Worksheet, book: _Book, index: int) -> None:
        self.ws, self.book, self.index = ws, book, index
        self.styles = book.styles
        self.cells: dict[tuple[int, int], Any] = ws._cells
        self.spans, self.covered = _merges(ws)
        self.max_row = max([1, ws.max_row, *(r for r, _ in self.covered)])
        self.max_col = max([1, ws.max_column, *(c for _, c in self.covered)])
        self.validation_of = self._validations()
        self.breaks = {int(b.id) + 1 for b in ws.row_breaks.brk if b.id}

    # - validations
    def _validations(self) -> dict[tuple[int, int], str]:
        found: dict[tuple[int, int], str] = {}
        for dv in self.ws.data_validations.dataValidation:
            ranges = list(dv.sqref.ranges)
            if not ranges:
                continue
            first = ranges[0]
            base = f"{_sheet(self.ws.title, absolute=False)}.{first.coord.split(':')[0]}"
            xml = _validation_xml(dv, base)
            if xml is None:
                continue
            name = f"val{len(self.book.validations) + 1}"
            self.book.validations.append(_Validation(name, f'<table:content-validation table:name="{name}"{xml}'))
            for cells in ranges:
                for row in range(cells.min_row, min(cells.max_row, self.max_row) + 1):
                    for col in range(cells.min_col, min(cells.max_col, self.max_col) + 1):
                        found.setdefault((row, col), name)
        return found

    # - the table
    def xml(self) -> str:
        ws = self.ws
        visible = ws.sheet_state == "visible"
        style = self.styles.table(visible=visible, page=_master_page(ws, self.styles))
        attrs = f' table:name="{_attr(ws.title)}" table:style-name="{style}"'
        if ws.protection.sheet:
            attrs += ' table:protected="true"'
        prints = _print_range(ws)
        if prints:
            attrs += f' table:print-ranges="{_attr(prints)}"'
        self._database()
        return f"<table:table{attrs}>{self._columns()}{self._rows()}{self._local_names()}</table:table>"

    def _database(self) -> None:
        # A sheet's filter, or its Excel table (which filters its header row): one filtered range in ODF.
        tables = list(self.ws.tables.values())
        ref = self.ws.auto_filter.ref or (tables[0].ref if tables else None)
        if not ref:
            return
        first, _, last = ref.replace("$", "").partition(":")
        name = _sheet(self.ws.title, absolute=False)
        target = f"{name}.{first}:{name}.{last or first}"
        self.book.databases.append(
            f'<table:database-range table:name="__Anonymous_Sheet_DB__{self.index}" table:target-range-address="{_attr(target)}"'
            ' table:display-filter-buttons="true"/>'
        )

    def _columns(self) -> str:
        from openpyxl.utils.cell import column_index_from_string

        default = self.ws.sheet_format.defaultColWidth or (self.ws.sheet_format.baseColWidth or 8) + 0.43
        widths: list[tuple[str, bool]] = []
        dims = self.ws.column_dimensions
        by_index: dict[int, Any] = {}
        for letter, declared in sorted(dims.items()):
            # min and max are set when openpyxl saves or loads; in a workbook being built only the key tells.
            first = declared.min or column_index_from_string(letter)
            for col in range(first, (declared.max or first) + 1):
                by_index.setdefault(col, declared)
        for col in range(1, self.max_col + 1):
            dim = by_index.get(col)
            width = dim.width if dim is not None and dim.width else default
            widths.append((self.styles.column(_column_width_in(width)), bool(dim is not None and dim.hidden)))
        out = []
        for (style, hidden), count in _runs(widths):
            repeat = f' table:number-columns-repeated="{count}"' if count > 1 else ""
            shown = ' table:visibility="collapse"' if hidden else ""
            out.append(f'<table:table-column table:style-name="{style}"{repeat}{shown} table:default-cell-style-name="Default"/>')
        return "".join(out)

    def _rows(self) -> str:
        titles = _title_rows(self.ws)
        last_row = max(self.max_row, titles[1] if titles else 0)
        filled = {row for row, _ in self.cells} | {row for row, _ in self.covered}
        rows = [(self._row(row, has_cells=row in filled), row) for row in range(1, last_row + 1)]
        if titles is None:
            return _join_rows(rows)
        first, last = titles
        head = [r for r in rows if first <= r[1] <= last]
        return (
            _join_rows([r for r in rows if r[1] < first])
            + f"<table:table-header-rows>{_join_rows(head)}</table:table-header-rows>"
            + _join_rows([r for r in rows if r[1] > last])
        )

    def _row(self, row: int, *, has_cells: bool) -> str:
        dim = self.ws.row_dimensions.get(row)
        height = float(dim.ht) if dim is not None and dim.ht is not None else None
        style = self.styles.row(height, page_break=row in self.breaks)
        hidden = ' table:visibility="collapse"' if dim is not None and dim.hidden else ""
        if not has_cells and not any((row, c) in self.validation_of for c in range(1, self.max_col + 1)):
            cells = (
                f'<table:table-cell table:number-columns-repeated="{self.max_col}"/>'
                if self.max_col > 1
                else "<table:table-cell/>"
            )
        else:
            cells = self._cells_of(row)
        return f'<table:table-row table:style-name="{style}"{hidden}>{cells}</table:table-row>'

    def _cells_of(self, row: int) -> str:
        out: list[tuple[str, str]] = []
        for col in range(1, self.max_col + 1):
            out.append(self._cell(row, col))
        parts = []
        for (open_tag, inner), count in _runs(out):
            if inner or count == 1 or "spanned" in open_tag:
                parts += [f"{open_tag}>{inner}{_close(open_tag)}" if inner else f"{open_tag}/>"] * count
            else:
                parts.append(f'{open_tag} table:number-columns-repeated="{count}"/>')
        return "".join(parts)

    def _cell(self, row: int, col: int) -> tuple[str, str]:
        cell = self.cells.get((row, col))
        tag = "table:covered-table-cell" if (row, col) in self.covered else "table:table-cell"
        attrs = f' table:style-name="{self.styles.cell(cell)}"' if cell is not None and cell.has_style else ""
        validation = self.validation_of.get((row, col))
        if validation:
            attrs += f' table:content-validation-name="{validation}"'
        span = self.spans.get((row, col))
        if span and tag == "table:table-cell":
            attrs += f' table:number-columns-spanned="{span[0]}" table:number-rows-spanned="{span[1]}"'
        inner = ""
        if cell is not None:
            inner_attrs, inner = self._content(cell)
            attrs += inner_attrs
        return f"<{tag}{attrs}", inner

    def _content(self, cell: Any) -> tuple[str, str]:
        note = ""
        if cell.comment is not None and cell.comment.text:
            author = f"<dc:creator>{_esc(cell.comment.author)}</dc:creator>" if cell.comment.author else ""
            paras = _paragraph(str(cell.comment.text))
            note = f"<office:annotation>{author}{paras}</office:annotation>"
        found = _value_attrs(cell.value, str(cell.number_format or "General"))
        if found is None:
            return "", note
        self.book.cell_count += 1
        attrs, text = found
        link = cell.hyperlink
        href = None
        if link is not None:
            if link.target:
                href = str(link.target)
            elif link.location:
                href = "#" + _internal(str(link.location))
        return attrs, note + _paragraph(text, href)

    def _local_names(self) -> str:
        names = []
        for name, defined in sorted(self.ws.defined_names.items()):
            named = _named_range(name, str(defined.attr_text or ""))
            if named:
                names.append(named)
        return f"<table:named-expressions>{''.join(names)}</table:named-expressions>" if names else ""


def _close(open_tag: str) -> str:
    return "</" + open_tag[1:].split(" ", 1)[0] + ">"


def _runs(items: list[Any]) -> list[tuple[Any, int]]:
    """Consecutive equal items, each with how many times it repeats."""
    runs: list[tuple[Any, int]] = []
    for item in items:
        if runs and runs[-1][0] == item:
            runs[-1] = (item, runs[-1][1] + 1)
        else:
            runs.append((item, 1))
    return runs


def _join_rows(rows: list[tuple[str, int]]) -> str:
    out = []
    for xml, count in _runs([r for r, _ in rows]):
        if count > 1:
            xml = xml.replace("<table:table-row ", f'<table:table-row table:number-rows-repeated="{count}" ', 1)
        out.append(xml)
    return "".join(out)


def _internal(location: str) -> str:
    """An Excel link inside the workbook (``'Sheet'!A1``) as ODF's (``'Sheet'.A1``)."""
    ref = _excel_ref(location)
    if ref is None:
        return location
    sheet, first, last = ref
    name = _sheet(sheet, absolute=False)
    return f"{name}.{first.replace('$', '')}" + (f":{name}.{last.replace('$', '')}" if last else "")


# -- validations and names ------------------------------------------------------------------------

_OPERATORS = {
    "equal": "=",
    "notEqual": "!=",
    "greaterThan": ">",
    "lessThan": "<",
    "greaterThanOrEqual": ">=",
    "lessThanOrEqual": "<=",
}
_TESTS = {
    "whole": "cell-content-is-whole-number()",
    "decimal": "cell-content-is-decimal-number()",
    "date": "cell-content-is-date()",
    "time": "cell-content-is-time()",
}


def _operand(formula: str | None) -> str | None:
    """A validation's operand: a number or a text as written; a cell reference as ODF's; anything else None."""
    if formula is None:
        return None
    text = formula.strip().removeprefix("=")
    if re.fullmatch(r"-?\d+(\.\d+)?", text) or re.fullmatch(r'"(?:[^"]|"")*"', text):
        return text
    odf = _odf_range(text)
    if odf is not None:
        return f"[{odf}]"
    if re.fullmatch(r"\$?[A-Z]{1,3}\$?\d+", text):
        return f"[.{text}]"
    return None


def _list_source(formula: str) -> str | None:
    text = formula.strip().removeprefix("=")
    if text.startswith('"') and text.endswith('"'):
        items = text[1:-1].replace('""', '"').split(",")
        return ";".join('"' + item.strip().replace('"', '""') + '"' for item in items)
    odf = _odf_range(text)
    if odf is not None:
        return f"[{odf}]"
    if _NAME.match(text):
        return text
    return None


def _condition(dv: Any) -> str | None:
    kind = dv.type
    if kind == "list":
        source = _list_source(dv.formula1 or "")
        return f"of:cell-content-is-in-list({source})" if source else None
    if kind not in _TESTS and kind != "textLength":
        return None
    first, second = _operand(dv.formula1), _operand(dv.formula2)
    operator = dv.operator or "between"
    if first is None or (operator in ("between", "notBetween") and second is None):
        return None
    if kind == "textLength":
        if operator in ("between", "notBetween"):
            word = "is-between" if operator == "between" else "is-not-between"
            return f"of:cell-content-text-length-{word}({first},{second})"
        return f"of:cell-content-text-length(){_OPERATORS[operator]}{first}"
    if operator in ("between", "notBetween"):
        word = "between" if operator == "between" else "not-between"
        return f"of:{_TESTS[kind]} and cell-content-is-{word}({first},{second})"
    return f"of:{_TESTS[kind]} and cell-content(){_OPERATORS[operator]}{first}"


def _validation_xml(dv: Any, base: str) -> str | None:
    """A ``table:content-validation``'s attributes and children (after its name); None when it holds nothing."""
    condition = _condition(dv)
    attrs = ""
    if condition:
        attrs += f' table:condition="{_attr(condition)}" table:allow-empty-cell="{str(bool(dv.allow_blank)).lower()}"'
        if dv.type == "list":
            attrs += f' table:display-list="{"none" if dv.showDropDown else "unsorted"}"'
    attrs += f' table:base-cell-address="{_attr(base)}"'
    inner = ""
    if dv.prompt or dv.promptTitle:
        title = f' table:title="{_attr(dv.promptTitle)}"' if dv.promptTitle else ""
        paras = _paragraph(str(dv.prompt)) if dv.prompt else ""
        inner += (
            f'<table:help-message{title} table:display="{str(bool(dv.showInputMessage)).lower()}">{paras}</table:help-message>'
        )
    if condition and dv.showErrorMessage:
        style = {"stop": "stop", "warning": "warning", "information": "information"}.get(dv.errorStyle or "stop", "stop")
        title = f' table:title="{_attr(dv.errorTitle)}"' if dv.errorTitle else ""
        paras = _paragraph(str(dv.error)) if dv.error else ""
        inner += f'<table:error-message table:message-type="{style}"{title} table:display="true">{paras}</table:error-message>'
    if not condition and not inner:
        return None
    return f"{attrs}>{inner}</table:content-validation>"


def _named_range(name: str, target: str) -> str | None:
    """A defined name as a ``table:named-range``; None for a name that is not a sheet reference."""
    address = _odf_range(target)
    if address is None:
        return None
    base = address.split(":", 1)[0]
    return (
        f'<table:named-range table:name="{_attr(name)}" table:base-cell-address="{_attr(base)}"'
        f' table:cell-range-address="{_attr(address)}"/>'
    )


# -- the document ---------------------------------------------------------------------------------


def _font_decls(fonts: set[str]) -> str:
    decls = "".join(
        f'<style:font-face style:name="{_attr(f)}" svg:font-family="{_attr(_quoted_family(f))}"/>' for f in sorted(fonts)
    )
    return f"<office:font-face-decls>{decls}</office:font-face-decls>"


def _quoted_family(name: str) -> str:
    return f"'{name}'" if " " in name else name


def _content(wb: Workbook, book: _Book) -> str:
    from openpyxl.worksheet.worksheet import Worksheet

    tables = []
    for index, sheet in enumerate(wb[name] for name in wb.sheetnames):
        if isinstance(sheet, Worksheet):
            tables.append(_SheetWriter(sheet, book, index).xml())
        else:  # a chart sheet: kept in its place, empty
            style = book.styles.table(visible=sheet.sheet_state == "visible", page="Default")
            tables.append(
                f'<table:table table:name="{_attr(sheet.title)}" table:style-name="{style}"><table:table-column/>'
                "<table:table-row><table:table-cell/></table:table-row></table:table>"
            )
    names = [n for name, d in sorted(wb.defined_names.items()) if (n := _named_range(name, str(d.attr_text or "")))]
    validations = "".join(v.xml for v in book.validations)
    body = (
        (f"<table:content-validations>{validations}</table:content-validations>" if validations else "")
        + "".join(tables)
        + (f"<table:named-expressions>{''.join(names)}</table:named-expressions>" if names else "")
        + (f"<table:database-ranges>{''.join(book.databases)}</table:database-ranges>" if book.databases else "")
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content{_xmlns(_DOC_NS)} office:version="{ODF_VERSION}">'
        f"<office:scripts/>{_font_decls(book.styles.fonts)}"
        f"<office:automatic-styles>{book.styles.automatic_content()}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    )


def _language(lang: str | None) -> tuple[str, str] | None:
    if not lang:
        return None
    language, _, country = lang.replace("_", "-").partition("-")
    return language.lower(), (country or "GB").upper()


def _styles_xml(wb: Workbook, styles: _Styles, lang: str | None) -> str:
    default_font = (getattr(wb, "_fonts", None) or [None])[0]
    text = _font_props(default_font, styles.fonts) if default_font is not None else ""
    language = _language(lang)
    if language:
        text += f' fo:language="{language[0]}" fo:country="{language[1]}"'
    layouts = "".join(
        f'<style:page-layout style:name="{name}">{body}</style:page-layout>' for body, name in styles.layouts.items()
    )
    paragraphs = "".join(
        f'<style:style style:name="{name}" style:family="paragraph">{body}</style:style>'
        for body, name in styles.paragraphs.items()
    )
    masters = "".join(f'<style:master-page style:name="{name}"{body}</style:master-page>' for body, name in styles.pages.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles{_xmlns(_DOC_NS)} office:version="{ODF_VERSION}">'
        f"{_font_decls(styles.fonts)}"
        "<office:styles>"
        f'<style:default-style style:family="table-cell"><style:text-properties {text}/></style:default-style>'
        '<style:style style:name="Default" style:family="table-cell"/>'
        "</office:styles>"
        f'<office:automatic-styles><style:page-layout style:name="pmDefault"/>{layouts}{paragraphs}</office:automatic-styles>'
        f'<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pmDefault"/>{masters}'
        "</office:master-styles></office:document-styles>"
    )


def _meta(wb: Workbook, book: _Book, title: str | None, lang: str | None) -> str:
    from .. import __version__
    from ..clock import build_time

    props = wb.properties
    stamp = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")
    creator = props.creator or "nvap"
    items = [
        f"<meta:generator>nvap-toolkit/{_esc(__version__)}</meta:generator>",
        f"<dc:title>{_esc(title or props.title or '')}</dc:title>" if (title or props.title) else "",
        f"<dc:subject>{_esc(props.subject)}</dc:subject>" if props.subject else "",
        f"<dc:description>{_esc(props.description)}</dc:description>" if props.description else "",
        f"<meta:keyword>{_esc(props.keywords)}</meta:keyword>" if props.keywords else "",
        f"<meta:initial-creator>{_esc(creator)}</meta:initial-creator><dc:creator>{_esc(creator)}</dc:creator>",
        f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date>",
    ]
    language = _language(lang or props.language)
    if language:
        items.append(f"<dc:language>{language[0]}-{language[1]}</dc:language>")
    items.append(f'<meta:document-statistic meta:table-count="{len(wb.sheetnames)}" meta:cell-count="{book.cell_count}"/>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta{_xmlns(("office", "meta", "dc"))} office:version="{ODF_VERSION}">'
        f"<office:meta>{''.join(items)}</office:meta></office:document-meta>"
    )


def _config(name: str, kind: str, value: object) -> str:
    return f'<config:config-item config:name="{name}" config:type="{kind}">{_attr(value)}</config:config-item>'


def _view_of(ws: Worksheet) -> str | None:
    """A sheet's frozen panes and grid lines as LibreOffice's view settings; None when it has neither."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    items = []
    if ws.freeze_panes:
        letters, row = coordinate_from_string(ws.freeze_panes)
        cols, rows = column_index_from_string(letters) - 1, row - 1
        items += [
            _config("HorizontalSplitMode", "short", 2 if cols else 0),
            _config("VerticalSplitMode", "short", 2 if rows else 0),
            _config("HorizontalSplitPosition", "int", cols),
            _config("VerticalSplitPosition", "int", rows),
            _config("ActiveSplitRange", "short", 3 if cols and rows else (2 if rows else 1)),
            _config("PositionLeft", "int", 0),
            _config("PositionRight", "int", cols),
            _config("PositionTop", "int", 0),
            _config("PositionBottom", "int", rows),
        ]
    if ws.sheet_view.showGridLines is False:
        items.append(_config("ShowGrid", "boolean", "false"))
    if not items:
        return None
    return f'<config:config-item-map-entry config:name="{_attr(ws.title)}">{"".join(items)}</config:config-item-map-entry>'


def _settings(wb: Workbook) -> str:
    from openpyxl.worksheet.worksheet import Worksheet

    sheets = [wb[name] for name in wb.sheetnames]
    tables = "".join(v for ws in sheets if isinstance(ws, Worksheet) and (v := _view_of(ws)))
    active = wb.active
    view = (
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        + _config("ViewId", "string", "view1")
        + (f'<config:config-item-map-named config:name="Tables">{tables}</config:config-item-map-named>' if tables else "")
        + (_config("ActiveTable", "string", active.title) if active is not None else "")
        + "</config:config-item-map-entry></config:config-item-map-indexed>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings{_xmlns(("office", "config"))} office:version="{ODF_VERSION}">'
        f'<office:settings><config:config-item-set config:name="ooo:view-settings">{view}</config:config-item-set>'
        "</office:settings></office:document-settings>"
    )


_PARTS = ("content.xml", "styles.xml", "meta.xml", "settings.xml")


def _manifest() -> str:
    entries = "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="text/xml"/>' for p in _PARTS)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest{_xmlns(("manifest",))} manifest:version="{ODF_VERSION}">'
        f'<manifest:file-entry manifest:full-path="/" manifest:version="{ODF_VERSION}" manifest:media-type="{MIMETYPE}"/>'
        f"{entries}</manifest:manifest>"
    )


def _entry(name: str, *, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # the same bytes whatever system writes them
    return info


def ods_bytes(wb: Workbook, *, title: str | None = None, lang: str | None = None) -> bytes:
    """``wb`` as an OpenDocument spreadsheet: the same bytes for the same workbook (and ``SOURCE_DATE_EPOCH``).

    Args:
        wb: The workbook as the Excel writers build it (it is read, never changed).
        title: The document's title (else the workbook's own title, if any).
        lang: The document's language (``en``, ``cy``, ``en-GB``): metadata, and the cells' language for spelling.
    """
    book = _Book()
    content = _content(wb, book)  # first: it gathers the styles the other parts list
    parts = {
        "content.xml": content,
        "styles.xml": _styles_xml(wb, book.styles, lang),
        "meta.xml": _meta(wb, book, title, lang),
        "settings.xml": _settings(wb),
        "META-INF/manifest.xml": _manifest(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype first and stored, so a program can tell the file by its first bytes.
        archive.writestr(_entry("mimetype", compress=False), MIMETYPE.encode("ascii"))
        for name, text in parts.items():
            archive.writestr(_entry(name, compress=True), text.encode("utf-8"))
    return out.getvalue()
