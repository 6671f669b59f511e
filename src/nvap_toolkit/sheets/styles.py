"""Fonts, fills, borders and named styles: defined once for every workbook nvap writes.

Every font is named: a nameless font renders as a serif font in LibreOffice.
Style objects are immutable in openpyxl and shared between cells, so each one
is made once here (or once per distinct set of arguments) rather than per cell.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

FONT_NAME = "Arial"
BODY_SIZE = 10
LINK_COLOUR = "0563C1"


@cache
def font(
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = BODY_SIZE,
    colour: str | None = None,
    underline: Literal["single"] | None = None,
) -> Font:
    """A named font (one object per distinct set of arguments)."""
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=colour, underline=underline)


@cache
def fill(colour: str) -> PatternFill:
    """A solid fill."""
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


@cache
def alignment(*, wrap: bool = True, vertical: str = "top", indent: int = 0, horizontal: str | None = None) -> Alignment:
    """A cell alignment (one object per distinct set of arguments)."""
    return Alignment(wrap_text=wrap, vertical=vertical, indent=indent, horizontal=horizontal)


BODY = font()
BOLD = font(bold=True)
HEADER = font(bold=True, colour="FFFFFF")
"""A table's header row: white on ``HEADER_FILL``."""
HEADER_FILL = fill("1F4E79")
BAND_FILL = fill("DDEBF7")
LABEL_FILL = fill("F2F2F2")
STATUS_FILLS = {"completed": fill("E2EFDA"), "in-progress": fill("FFF2CC"), "new": fill("DDEBF7")}
"""The Covenant tracker's status colours."""

TABLE_EDGE = Side(style="thin", color="8EA9C1")
"""The edge of a table cell in the documents (toolkit, tracker)."""
NO_EDGE = Side(style=None)
FORM_EDGE = Side(style="thin", color="808080")
"""The edge of a cell of the fillable plan form: darker, so inputs stand out when printed."""


@cache
def border(*, top: bool = True, bottom: bool = True, edge: Side = TABLE_EDGE) -> Border:
    """A cell border with left and right edges, and top and bottom as asked."""
    return Border(left=edge, right=edge, top=edge if top else NO_EDGE, bottom=edge if bottom else NO_EDGE)


TABLE_BOX = border()
FORM_BOX = border(edge=FORM_EDGE)

# -- the plan form's named styles ---------------------------------------------------------------

FORM_LABEL_FILL = "D9E1F2"
FORM_INPUT_FILL = "FFF2CC"
"""An input cell's colour: tests and users recognise inputs by it."""
FORM_TITLE_FILL = "1F4E79"
DATE_FORMAT = "dd/mm/yyyy"


def _form_styles() -> list[NamedStyle]:
    wrap_top = Alignment(wrap_text=True, vertical="top")
    locked = Protection(locked=True)
    unlocked = Protection(locked=False)

    def style(name: str, font_: Font, **kw: Any) -> NamedStyle:
        kw.setdefault("alignment", wrap_top)
        kw.setdefault("protection", locked)
        return NamedStyle(name=name, font=font_, **kw)

    return [
        style("nvap heading", font(size=14, bold=True, colour="1F3864"), alignment=Alignment(vertical="center")),
        style("nvap subheading", font(size=11, bold=True), alignment=Alignment(vertical="center")),
        style(
            "nvap title",
            font(size=12, bold=True, colour="FFFFFF"),
            fill=fill(FORM_TITLE_FILL),
            border=FORM_BOX,
            alignment=Alignment(vertical="center"),
        ),
        style("nvap label", font(bold=True), fill=fill(FORM_LABEL_FILL), border=FORM_BOX),
        style(
            "nvap column",
            font(bold=True),
            fill=fill(FORM_LABEL_FILL),
            border=FORM_BOX,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
        ),
        style("nvap text", font(), border=FORM_BOX),
        style("nvap strong", font(bold=True), border=FORM_BOX),
        style("nvap input", font(), fill=fill(FORM_INPUT_FILL), border=FORM_BOX, protection=unlocked),
        style(
            "nvap input date",
            font(),
            fill=fill(FORM_INPUT_FILL),
            border=FORM_BOX,
            protection=unlocked,
            number_format=DATE_FORMAT,
            alignment=Alignment(vertical="top", horizontal="left"),
        ),
        style("nvap prose", font()),
        style("nvap prose heading", font(size=12, bold=True, colour="1F3864")),
        style("nvap link", font(underline="single", colour=LINK_COLOUR)),
    ]


def ensure_form_styles(wb: Any) -> None:
    """Add the form's named styles to ``wb`` unless it has them already."""
    have = set(wb.named_styles)
    for style in _form_styles():
        if style.name not in have:
            wb.add_named_style(style)
