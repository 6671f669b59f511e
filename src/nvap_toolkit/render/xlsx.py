"""The Action Impact Toolkit as an Excel workbook, sheet for sheet like the original.

Sheets, in the original's order: the guidance notes, the impact statement, the
logic model, the supporting information and the fillable realisation plan
(written by ``form.add_plan_sheet``, the same form ``nvap plan`` writes).

Every word comes from content (``programme.labels`` and the models); this module
holds structure only: layout, styles, widths and print setup. Text is written
through :func:`put`, which keeps it a string (never a formula) whatever it
starts with. Row heights are estimated from the text, so wrapped text shows in
full in programs that do not fit rows themselves (LibreOffice, or Excel for
merged cells).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ..models import Action
from ..models.common import Attribution, Block, Section
from ..project import Project
from .cells import clean, sheet_title, write_text
from .form import LISTS_SHEET, add_plan_sheet
from .prose import Prose
from .view import toolkit_context
from .workbook import workbook_bytes

# -- styles ---------------------------------------------------------------------------------

FONT_NAME = "Arial"
"""Every font is named: a nameless font renders as a serif font in LibreOffice."""
BODY_SIZE = 10
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
BAND_FILL = PatternFill("solid", fgColor="DDEBF7")
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_EDGE = Side(style="thin", color="8EA9C1")
_NONE = Side(style=None)
LINK_COLOUR = "0563C1"
BULLET = "\u2022 "

MAX_ROW_PT = 409.0
"""Excel's tallest row."""
SPLIT_PT = 380.0
"""A table row taller than this is split over several rows (see :meth:`Sheet.table_row`)."""
CHARS_PER_UNIT = 1.2
"""Characters of Arial 10 per unit of column width: a little under what Excel fits (LibreOffice fits more), so rows err tall."""
PARAGRAPH = "\n\n"


def font(*, bold: bool = False, italic: bool = False, size: float = BODY_SIZE, colour: str | None = None,
         underline: str | None = None) -> Font:
    """A named font."""
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=colour, underline=underline)


BODY = font()
BOLD = font(bold=True)
HEADER = font(bold=True, colour="FFFFFF")


# -- text that stays text -------------------------------------------------------------------


def put(ws: Worksheet, row: int, column: int, value: Any, *, style: Font | None = None,
        fill: PatternFill | None = None, wrap: bool = True, indent: int = 0,
        horizontal: str | None = None) -> Cell:
    """Write one cell. A str is always a string cell: '=1+1' is shown, never calculated."""
    cell: Cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        write_text(cell, value)
    elif value is not None:
        cell.value = value
    cell.font = style or BODY
    cell.alignment = Alignment(wrap_text=wrap, vertical="top", indent=indent, horizontal=horizontal)
    if fill is not None:
        cell.fill = fill
    return cell


def hyperlink(cell: Cell, url: str) -> None:
    """Make a cell a link to ``url`` (its text stays what it is)."""
    cell.hyperlink = url
    cell.font = font(colour=LINK_COLOUR, underline="single", bold=bool(cell.font and cell.font.b))


def footer_text(text: str) -> str:
    """Text for a print header or footer: '&' is a control character there."""
    return clean(text).replace("&", "&&")


# -- row heights ----------------------------------------------------------------------------


def line_height(size: float = BODY_SIZE) -> float:
    return round(size * 1.3, 2)


def text_lines(text: str, width: float, *, size: float = BODY_SIZE, bold: bool = False, indent: int = 0) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide (an estimate that errs high)."""
    per_line = width * CHARS_PER_UNIT * (BODY_SIZE / size) * (0.9 if bold else 1.0) - 2 - 2 * indent
    per_line = max(4, int(per_line))
    lines = 0
    for para in text.split("\n"):
        lines += max(1, len(textwrap.wrap(para, per_line, break_on_hyphens=False))) if para.strip() else 1
    return lines


def text_height(text: str, width: float, *, size: float = BODY_SIZE, bold: bool = False, indent: int = 0) -> float:
    """The row height in points that shows all of ``text`` wrapped in ``width``."""
    return text_lines(text, width, size=size, bold=bold, indent=indent) * line_height(size) + 4


# -- content to text -------------------------------------------------------------------------


def block_text(block: Block, prose: Prose) -> str:
    """A paragraph, or a bulleted list as one line per bullet."""
    if isinstance(block, str):
        return prose.plain(block)
    return "\n".join(BULLET + prose.plain(item) for item in block)


def cell_text(items: Iterable[str]) -> str:
    """Paragraphs in one cell, a blank line between them."""
    return PARAGRAPH.join(i for i in items if i)


# -- a sheet laid out row by row ------------------------------------------------------------


@dataclass
class Sheet:
    """A worksheet filled from the top: prose rows span every column, tables use them one by one."""

    ws: Worksheet
    widths: Sequence[float]
    row: int = 1
    table_headers: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for i, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        print_setup(self.ws)

    @property
    def last(self) -> int:
        return len(self.widths)

    def span(self, first: int, last: int) -> float:
        return sum(self.widths[first - 1 : last])

    def _height(self, row: int, points: float) -> None:
        current = self.ws.row_dimensions[row].height or 0
        self.ws.row_dimensions[row].height = min(MAX_ROW_PT, max(current, round(points, 2)))

    def _merge(self, row: int, first: int, last: int, rows: int = 1) -> None:
        if last > first or rows > 1:
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row + rows - 1, end_column=last)

    def text(self, value: str, *, first: int = 1, style: Font = BODY, fill: PatternFill | None = None,
             indent: int = 0) -> Cell:
        """One row of text spanning columns ``first`` to the last."""
        r = self.row
        cell = put(self.ws, r, first, value, style=style, fill=fill, indent=indent)
        if fill is not None:
            for c in range(first + 1, self.last + 1):
                self.ws.cell(row=r, column=c).fill = fill
        self._merge(r, first, self.last)
        size = style.sz or BODY_SIZE
        self._height(r, text_height(value, self.span(first, self.last), size=size, bold=bool(style.b), indent=indent))
        self.row += 1
        return cell

    def banner(self, value: str) -> Cell:
        """The sheet's title row: white on dark blue."""
        return self.text(value, style=font(bold=True, size=13, colour="FFFFFF"), fill=HEADER_FILL)

    def heading(self, value: str, *, level: int = 1) -> Cell:
        if level == 1:
            return self.text(value, style=font(bold=True, size=12), fill=BAND_FILL)
        return self.text(value, style=BOLD)

    def para(self, value: str, *, first: int = 1, italic: bool = False) -> Cell:
        return self.text(value, first=first, style=font(italic=True) if italic else BODY)

    def bullet(self, value: str, *, first: int = 1) -> Cell:
        return self.text(BULLET + value, first=first, indent=1)

    def blocks(self, blocks: Iterable[Block], prose: Prose, *, first: int = 1) -> None:
        """Paragraphs and bulleted lists, one row each paragraph or bullet."""
        for block in blocks:
            if isinstance(block, str):
                self.para(prose.plain(block), first=first)
            else:
                for item in block:
                    self.bullet(prose.plain(item), first=first)

    def label(self, value: str | None) -> None:
        """The label cell (column 1) of the current row."""
        put(self.ws, self.row, 1, value or None, style=BOLD, fill=LABEL_FILL)
        if value:
            self._height(self.row, text_height(value, self.widths[0], bold=True))

    def pair(self, label: str | None, value: str, *, style: Font = BODY, indent: int = 0) -> Cell:
        """A label in column 1 and its text over the other columns."""
        self.label(label)
        return self.text(value, first=2, style=style, indent=indent)

    def pairs(self, label: str | None, values: Sequence[str], *, bullets: bool = False) -> None:
        """A label beside the first of several rows of text."""
        for i, value in enumerate(values):
            self.pair(label if i == 0 else None, (BULLET + value) if bullets else value, indent=1 if bullets else 0)

    def gap(self) -> None:
        self.ws.row_dimensions[self.row].height = 6
        self.row += 1

    def page_break(self) -> None:
        """Start a new printed page at the current row."""
        if self.row > 1:
            self.ws.row_breaks.append(Break(id=self.row - 1))

    # -- tables ------------------------------------------------------------------------------

    def table_header(self, labels: Sequence[str]) -> None:
        r = self.row
        for c, value in enumerate(labels, start=1):
            cell = put(self.ws, r, c, value, style=HEADER, fill=HEADER_FILL)
            cell.border = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)
            self._height(r, text_height(value, self.widths[c - 1], bold=True))
        self.table_headers.append((r, tuple(labels)))
        self.row += 1

    def table_row(self, cells: Sequence[Sequence[str]]) -> None:
        """One table row; each cell a list of paragraphs.

        A row taller than Excel allows is split: the tallest cell's paragraphs go one
        group a row, and the other cells are merged down beside them.
        """
        texts = [cell_text(c) for c in cells]
        heights = [text_height(t, self.widths[i]) if t else 0.0 for i, t in enumerate(texts)]
        tall = max(range(len(texts)), key=lambda i: heights[i])
        groups = [list(cells[tall])]
        if heights[tall] > SPLIT_PT and len(cells[tall]) > 1:
            groups = _group(list(cells[tall]), lambda paras: text_height(cell_text(paras), self.widths[tall]))
        rows = len(groups)
        r = self.row
        row_heights = [text_height(cell_text(g), self.widths[tall]) if cell_text(g) else line_height() + 4 for g in groups]
        for c, text in enumerate(texts, start=1):
            if c - 1 == tall and rows > 1:
                for k, g in enumerate(groups):
                    cell = put(self.ws, r + k, c, cell_text(g))
                    cell.border = Border(left=_EDGE, right=_EDGE, top=_EDGE if k == 0 else _NONE,
                                         bottom=_EDGE if k == rows - 1 else _NONE)
                continue
            put(self.ws, r, c, text or None)
            for k in range(rows):
                self.ws.cell(row=r + k, column=c).border = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)
            self._merge(r, c, c, rows)
            # A merged cell must fit in the rows beside it: spread any shortfall over them.
            short = heights[c - 1] - sum(row_heights)
            if short > 0:
                row_heights = [h + short / rows for h in row_heights]
        for k, h in enumerate(row_heights):
            self._height(r + k, h)
        self.row += rows

    def finish(self, *, freeze: str | None, repeat: str | None) -> None:
        """Freeze the panes above ``freeze`` and repeat the rows ``repeat`` ('3:3') on every printed page."""
        self.ws.freeze_panes = freeze
        if repeat:
            self.ws.print_title_rows = repeat

    def repeat_rows(self, fallback: str) -> str:
        """The table header to print on every page, if every table of the sheet has the same one."""
        if self.table_headers and len({labels for _, labels in self.table_headers}) == 1:
            r = self.table_headers[0][0]
            return f"{r}:{r}"
        return fallback


def _group(paras: list[str], height: Any) -> list[list[str]]:
    """Consecutive paragraphs packed into groups no taller than SPLIT_PT (a lone paragraph may be)."""
    groups: list[list[str]] = [[]]
    for p in paras:
        if groups[-1] and height(groups[-1] + [p]) > SPLIT_PT:
            groups.append([])
        groups[-1].append(p)
    return groups


def print_setup(ws: Worksheet) -> None:
    """A4 landscape, every column on one page width, narrow margins."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True


def attribution_footer(ws: Worksheet, attribution: Attribution) -> None:
    """The attribution at the foot of every printed page, with the page number."""
    statement = footer_text(attribution.statement)
    if len(statement) <= 200:  # Excel allows 255 characters for a whole header or footer.
        ws.oddFooter.left.text = statement
        ws.oddFooter.left.size = 8
        ws.oddFooter.left.font = f"{FONT_NAME},Regular"
    ws.oddFooter.right.text = "&P / &N"
    ws.oddFooter.right.size = 8
    ws.oddFooter.right.font = f"{FONT_NAME},Regular"


def write_attribution(sheet: Sheet, heading: str | None, attribution: Attribution) -> None:
    """The attribution statement and licence, with a link to the licence where there is one."""
    if heading:
        sheet.heading(heading)
    sheet.para(attribution.statement)
    if attribution.licence:
        url = attribution.licence_url
        cell = sheet.para(f"{attribution.licence} ({url})" if url else attribution.licence)
        if url:
            hyperlink(cell, url)


# -- the toolkit ----------------------------------------------------------------------------


GUIDANCE_WIDTHS = (26, 104)
STATEMENT_WIDTHS = (30, 100)
LOGIC_WIDTHS = (34, 30, 46, 42)
SUPPORT_WIDTHS = (30, 66, 36, 32, 38)


def toolkit_xlsx(project: Project, action: Action) -> bytes:
    """The toolkit of ``action`` as an Excel workbook (bytes, the same for the same content)."""
    return workbook_bytes(toolkit_workbook(project, action))


def toolkit_workbook(project: Project, action: Action) -> Workbook:
    """The toolkit workbook, unsaved (for callers that add to it)."""
    prose = Prose(project)
    ctx = toolkit_context(project, action, prose)
    labels = ctx["labels"]
    programme = ctx["programme"]
    wb = Workbook()
    titles: list[str] = []

    def new_sheet(title: str) -> Worksheet:
        name = sheet_title(title, titles)
        titles.append(name)
        if len(titles) == 1:
            ws = wb.active
            ws.title = name
            return ws
        return wb.create_sheet(name)

    action_line = f"{labels.action} {action.id} {action.title}"
    parts = [
        (programme.guidance.heading, _guidance),
        (labels.impact_statement, _impact_statement),
        (labels.logic_model, _logic_model),
        (labels.supporting_information, _supporting),
    ]
    sheets = []
    for title, write in parts:
        ws = new_sheet(title)
        sheet = write(ws, ctx, action_line)
        attribution_footer(ws, ctx["attribution"])
        sheets.append(sheet)

    # The realisation plan: the fillable form of `nvap plan`, the force an input. The form adds
    # its sheet (and a hidden sheet of dropdown options after it).
    before = set(wb.sheetnames)
    add_plan_sheet(wb, project, action, prose, force=None, title=programme.realisation_plan.sheet_title)
    for name in wb.sheetnames:
        if name not in before and name != LISTS_SHEET:
            attribution_footer(wb[name], ctx["attribution"])

    # Footnotes ([^key]) anywhere in the toolkit, numbered in order of use, after the references.
    if prose.notes:
        support = sheets[3]
        support.gap()
        for n, key in enumerate(prose.notes, start=1):
            link = project.links.links[key]
            cell = support.para(f"[{n}] {link.title}" + (f" ({link.url})" if link.url else ""))
            if link.url:
                hyperlink(cell, link.url)
    wb.active = 0
    return wb


def _guidance(ws: Worksheet, ctx: dict[str, Any], action_line: str) -> Sheet:
    programme, labels, prose, action = ctx["programme"], ctx["labels"], ctx["prose"], ctx["action"]
    s = Sheet(ws, GUIDANCE_WIDTHS)
    s.banner(f"{programme.name}: {labels.toolkit} {action.id} {action.title}")
    s.para(ctx["attribution"].statement, italic=True)
    s.gap()
    guidance: Section = programme.guidance
    s.heading(guidance.heading)
    s.blocks(guidance.body, prose)
    for number, part in enumerate(guidance.sections, start=1):
        s.heading(f"{number}. {part.heading}", level=2)
        _section_body(s, part, prose)
    # The questions to ask before filling in the plan close the guidance on part 4.
    form = programme.realisation_plan
    s.para(prose.plain(form.instructions_intro))
    for question in form.instructions:
        s.bullet(prose.plain(question))
    s.gap()
    s.heading(programme.contact.heading)
    cell = s.para(f"{prose.plain(programme.contact.text)} {programme.contact.email}")
    hyperlink(cell, f"mailto:{programme.contact.email}")
    if ctx["related"] or ctx["priorities"]:
        s.gap()
        s.heading(labels.related_actions)
        for action_id, title in ctx["related"]:
            s.bullet(f"{labels.action} {action_id} {title}")
        if ctx["priorities"]:
            s.heading(labels.covenant_priorities, level=2)
            for year, priority in ctx["priorities"]:
                s.bullet(f"{priority.title} ({year})")
    if ctx["glossary"]:
        s.gap()
        s.heading(labels.glossary)
        for term, expansion in ctx["glossary"]:
            s.pair(term, expansion)
    s.gap()
    write_attribution(s, labels.attribution, ctx["attribution"])
    s.finish(freeze="A2", repeat="1:1")
    return s


def _section_body(s: Sheet, section: Section, prose: Prose) -> None:
    s.blocks(section.body, prose)
    for sub in section.sections:
        s.heading(sub.heading, level=2)
        _section_body(s, sub, prose)


def _impact_statement(ws: Worksheet, ctx: dict[str, Any], action_line: str) -> Sheet:
    labels, prose, action, peel = ctx["labels"], ctx["prose"], ctx["action"], ctx["peel"]
    s = Sheet(ws, STATEMENT_WIDTHS)
    s.banner(labels.impact_statement_heading)
    s.text(action_line, style=font(bold=True, size=12))
    s.para(prose.plain(action.detail))
    for number, objective in enumerate(action.objectives, start=1):
        s.gap()
        s.heading(f"{labels.objective} {number}: {prose.plain(objective.statement)}")
        s.pair(labels.what_we_mean, prose.plain(objective.what_we_mean))
        s.pair(labels.what_we_need, prose.plain(objective.what_we_need.intro))
        s.pairs(None, [prose.plain(i) for i in objective.what_we_need.items], bullets=True)
    s.gap()
    s.pairs(labels.how_we_know, [_measure(peel(code), prose) for code in action.how_we_know], bullets=True)
    s.gap()
    s.pair(labels.organisational_impact, prose.plain(action.impacts.organisational))
    s.pair(labels.external_impact, prose.plain(action.impacts.external))
    s.finish(freeze="A3", repeat="1:2")
    return s


def _measure(measure: Any, prose: Prose) -> str:
    text = prose.plain(measure.text)
    return f"{measure.code} {text}" if measure.code else text


def _measures_lines(labels: Any, found: dict[str, list[Any]], prose: Prose) -> list[str]:
    """Measures as paragraphs of one cell: the PEEL codes with their text, then the others."""
    parts = []
    if found["peel"]:
        parts.append("\n".join([labels.peel_measures] + [_measure(m, prose) for m in found["peel"]]))
    if found["other"]:
        parts.append("\n".join([labels.other_measures] + [BULLET + _measure(m, prose) for m in found["other"]]))
    return parts


def _logic_model(ws: Worksheet, ctx: dict[str, Any], action_line: str) -> Sheet:
    labels, prose, action, programme = ctx["labels"], ctx["prose"], ctx["action"], ctx["programme"]
    measures = ctx["measures"]
    s = Sheet(ws, LOGIC_WIDTHS)
    s.banner(labels.logic_model)
    s.text(action_line, style=font(bold=True, size=12))
    s.pair(labels.action_detail, prose.plain(action.detail))
    s.pairs(labels.objectives, [f"{n}. {prose.plain(o.statement)}" for n, o in enumerate(action.objectives, start=1)])
    s.pairs(labels.long_term_impacts, [
        f"{labels.organisational}: {prose.plain(action.impacts.organisational)}",
        f"{labels.external}: {prose.plain(action.impacts.external)}",
    ])
    for number, objective in enumerate(action.objectives, start=1):
        s.gap()
        s.heading(f"{labels.objective} {number} - {objective.short_name}")
        s.pairs(labels.situation, [prose.plain(t) for t in objective.situation], bullets=True)
        s.table_header([labels.activities, labels.outputs, labels.impacts, labels.impact_assessment])
        for activity in objective.activities:
            s.table_row([
                [prose.plain(activity.title)],
                [prose.plain(t) for t in activity.outputs],
                [prose.plain(t) for t in activity.impacts],
                [prose.plain(t) for t in activity.assessment_questions],
            ])
        s.gap()
        suggested = measures(objective, objective.suggested_measures)
        first = True
        if suggested["peel"]:
            s.pair(labels.suggested_measures, labels.peel_measures, style=BOLD)
            first = False
            for m in suggested["peel"]:
                s.pair(None, _measure(m, prose), indent=1)
        if suggested["other"]:
            s.pair(labels.suggested_measures if first else None, labels.other_measures, style=BOLD)
            for m in suggested["other"]:
                s.pair(None, BULLET + _measure(m, prose), indent=1)
        s.gap()
        s.pairs(labels.unintended_consequences, [prose.plain(t) for t in objective.unintended_consequences], bullets=True)
        s.pair(None if objective.unintended_consequences else labels.unintended_consequences,
               prose.plain(programme.unintended_consequences_note), style=font(italic=True))
    s.finish(freeze="A3", repeat=s.repeat_rows("1:2"))
    return s


def _supporting(ws: Worksheet, ctx: dict[str, Any], action_line: str) -> Sheet:
    labels, prose, action, project = ctx["labels"], ctx["prose"], ctx["action"], ctx["project"]
    measures, link = ctx["measures"], ctx["link"]
    s = Sheet(ws, SUPPORT_WIDTHS)
    s.banner(labels.supporting_information_heading)
    s.text(action_line, style=font(bold=True, size=12))
    s.para(prose.plain(action.detail))
    s.pair(labels.organisational_impact_long_term, prose.plain(action.impacts.organisational))
    s.pair(labels.external_impact_long_term, prose.plain(action.impacts.external))
    s.gap()
    s.heading(labels.perennial_challenges)
    s.para(f"{prose.plain(project.challenges.intro)} {prose.plain(action.perennial_challenges.intro)}")
    for challenge in action.perennial_challenges.links:
        s.para(prose.plain(challenge.intro))
        for issue in challenge.issues:
            s.bullet(prose.plain(issue))
    if action.useful_links:
        s.gap()
        s.heading(labels.useful_links)
        for key in action.useful_links:
            found = link(key)
            s.label(found.title)
            if found.url:
                hyperlink(s.ws.cell(row=s.row, column=1), found.url)
                hyperlink(s.text(found.url, first=2), found.url)
            else:
                s.text(labels.no_url, first=2, style=font(italic=True))
    for number, objective in enumerate(action.objectives, start=1):
        s.gap()
        s.page_break()
        s.heading(f"{labels.objective} {number}")
        s.para(prose.plain(objective.statement))
        s.table_header([labels.activities, labels.evidence, labels.impact, labels.impact_assessment,
                        f"{labels.potential_measures} {number}"])
        for activity in objective.activities:
            s.table_row([
                [prose.plain(activity.title)],
                [block_text(b, prose) for b in activity.evidence],
                [prose.plain(t) for t in activity.impacts],
                [prose.plain(t) for t in activity.assessment_questions],
                _measures_lines(labels, measures(objective, activity.potential_measures), prose),
            ])
    s.gap()
    s.heading(labels.references)
    for key, runs in ctx["references"]:
        cell = s.para("".join(text for text, _italic in runs))
        url = project.bibliography.references[key].url
        if url:
            cell.hyperlink = url
    s.finish(freeze="A3", repeat=s.repeat_rows("1:2"))
    return s


__all__ = [
    "Sheet",
    "attribution_footer",
    "clean",
    "font",
    "hyperlink",
    "print_setup",
    "put",
    "sheet_title",
    "text_height",
    "toolkit_workbook",
    "toolkit_xlsx",
    "write_attribution",
]
