"""The Impact Realisation Plan form: one action's fillable sheet in an openpyxl workbook.

Used by ``nvap plan`` (one workbook per force, a sheet per action) and by the
toolkit workbook of ``nvap build`` (its "Impact Realisation Plan" sheet, where
the force is an input).  Every word on the sheet comes from the content (the
programme's ``realisation_plan`` labels and prompts, the action's statements);
this module holds structure only.

The form is real: labels are locked and the sheet is protected without a
password (a force can unprotect and adapt it); input cells are unlocked and
filled in a light colour; the source's prompts and examples are input messages,
never pre-filled text; "Activity", "Risks" and "Impact Measurement" offer the
objective's activities, unintended consequences and suggested measures as a
dropdown that still accepts free text.  The lists live on a hidden sheet
(``nvap_lists``) behind defined names: Excel limits an inline list to 255
characters, and an inline list cannot hold an item with a comma.

Every input and dropdown is behind a defined name that ``plan.format`` gives:
the names are the plan's file format, read back by ``plan.read``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties

from ..errors import NvapError
from ..plan.format import (
    COLUMNS,
    DATE_FORMAT,
    HEADER_FIELDS,
    IMPACT_FIELDS,
    LIST_FIELDS,
    LISTS_SHEET,
    PREFIX,
    header_name,
    list_name,
    name_part,
    objective_name,
)
from .cells import sheet_title, write_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from ..models import Action
    from ..models.reference import Force
    from ..project import Project
    from .prose import Prose

PROMPT_MAX = 255
PROMPT_TITLE_MAX = 32

# Layout: label column, then the organisational and external input columns.
_WIDTHS = {"A": 26.0, "B": 62.0, "C": 62.0}
_TITLE_ROWS = 4
_INPUT_HEIGHT = 48.0
_HEADER_HEIGHT = 20.0
_LINE = 13.0

# -- names ----------------------------------------------------------------------------------


def add_name(wb: Workbook, name: str, ws_title: str, ref: str) -> None:
    """Define ``name`` (workbook scope) for ``ref`` on the sheet ``ws_title``; names are unique."""
    if name.casefold() in {n.casefold() for n in wb.defined_names}:
        raise NvapError(f"the workbook already has a cell named {name}: is the same plan in it twice?")
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws_title)}!{ref}")


def absolute(coordinate: str) -> str:
    """'B12' -> '$B$12'."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", coordinate)
    assert m, coordinate
    return f"${m.group(1)}${m.group(2)}"


# -- cells ----------------------------------------------------------------------------------


def put_text(cell: Cell, text: str | None, style: str | None = None) -> Cell:
    """Write content text into ``cell`` as text: never a formula, whatever it starts with."""
    if text is not None:
        write_text(cell, text)
    if style is not None:
        cell.style = style
    return cell


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (Excel's limits on prompts and titles)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def row_height(text: str, width: float, minimum: float = _HEADER_HEIGHT) -> float:
    """A row height that shows ``text`` wrapped in a column ``width`` characters wide."""
    per_line = max(1.0, width * 1.05)
    lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
    return min(409.0, max(minimum, lines * _LINE + 5))


# -- styles ---------------------------------------------------------------------------------

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Arial"
_LABEL_FILL = "D9E1F2"
_INPUT_FILL = "FFF2CC"
_TITLE_FILL = "1F4E79"


def _named_styles() -> list[NamedStyle]:
    wrap_top = Alignment(wrap_text=True, vertical="top")
    locked = Protection(locked=True)
    unlocked = Protection(locked=False)

    def style(name: str, font: Font, **kw: Any) -> NamedStyle:
        kw.setdefault("alignment", wrap_top)
        kw.setdefault("protection", locked)
        return NamedStyle(name=name, font=font, **kw)

    def fill(colour: str) -> PatternFill:
        return PatternFill(fill_type="solid", start_color=colour, end_color=colour)

    return [
        style("nvap heading", Font(name=_FONT, size=14, bold=True, color="1F3864"), alignment=Alignment(vertical="center")),
        style("nvap subheading", Font(name=_FONT, size=11, bold=True), alignment=Alignment(vertical="center")),
        style("nvap title", Font(name=_FONT, size=12, bold=True, color="FFFFFF"), fill=fill(_TITLE_FILL), border=_BOX,
              alignment=Alignment(vertical="center")),
        style("nvap label", Font(name=_FONT, size=10, bold=True), fill=fill(_LABEL_FILL), border=_BOX),
        style("nvap column", Font(name=_FONT, size=10, bold=True), fill=fill(_LABEL_FILL), border=_BOX,
              alignment=Alignment(wrap_text=True, vertical="center", horizontal="center")),
        style("nvap text", Font(name=_FONT, size=10), border=_BOX),
        style("nvap strong", Font(name=_FONT, size=10, bold=True), border=_BOX),
        style("nvap input", Font(name=_FONT, size=10), fill=fill(_INPUT_FILL), border=_BOX, protection=unlocked),
        style("nvap input date", Font(name=_FONT, size=10), fill=fill(_INPUT_FILL), border=_BOX, protection=unlocked,
              number_format=DATE_FORMAT, alignment=Alignment(vertical="top", horizontal="left")),
        style("nvap prose", Font(name=_FONT, size=10)),
        style("nvap prose heading", Font(name=_FONT, size=12, bold=True, color="1F3864")),
        style("nvap link", Font(name=_FONT, size=10, underline="single", color="0563C1")),
    ]


def ensure_styles(wb: Workbook) -> None:
    """Add the form's named styles to ``wb`` unless it has them already."""
    have = set(wb.named_styles)
    for style in _named_styles():
        if style.name not in have:
            wb.add_named_style(style)


# -- what the sheet shows, computed once per action ----------------------------------------------


@dataclass(frozen=True)
class ObjectiveForm:
    """One objective's block: its statement, progress examples and dropdown options (plain text)."""

    id: str
    number: int
    statement: str
    examples: dict[str, str]
    options: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class ActionForm:
    """Every string one action's plan sheet shows, rendered to plain text once."""

    id: str
    heading: str
    subheading: str
    action_line: str
    title: str
    labels: dict[str, str]
    prompts: dict[str, str | None]
    impacts: dict[str, str]
    objectives: tuple[ObjectiveForm, ...]


def action_form(project: Project, action: Action, prose: Prose) -> ActionForm:
    """The plain text of ``action``'s plan sheet."""
    programme = project.programme_of(action)
    form = programme.realisation_plan
    plain = prose.plain
    fields = ("force", "objective", "impact_owner", "impact_description", *HEADER_FIELDS, *IMPACT_FIELDS,
              *(attr for _, attr in COLUMNS))
    labels = {f: plain(getattr(form, f).label) for f in fields}
    prompts = {f: (plain(p) if (p := getattr(form, f).prompt) else None) for f in fields}
    peel = project.peel.measures
    objectives = []
    seen: dict[str, str] = {}
    for number, objective in enumerate(action.objectives, start=1):
        part = name_part(objective.id)
        if part in seen or not part:
            raise NvapError(
                f"action {action.id}: objective ids '{seen.get(part, objective.id)}' and '{objective.id}' "
                "give the same name in the plan workbook: make them differ in letters or digits"
            )
        seen[part] = objective.id
        measures = [f"{code} {plain(peel[code].text)}" for code in objective.suggested_measures.peel]
        measures += [plain(objective.measures[key]) for key in objective.suggested_measures.other]
        options = {
            "activity": tuple(plain(a.title) for a in objective.activities),
            "risks": tuple(plain(c) for c in objective.unintended_consequences),
            "impact_measurement": tuple(measures),
        }
        examples = {col: f"{plain(form.example_prefix)} {plain(getattr(objective.plan_examples, attr))}"
                    for col, attr in COLUMNS}
        objectives.append(ObjectiveForm(objective.id, number, plain(objective.statement), examples, options))
    return ActionForm(
        id=action.id,
        heading=plain(form.heading),
        subheading=plain(form.subheading),
        action_line=f"{plain(programme.labels.action)} {action.id} {plain(action.title)}",
        title=plain(form.title),
        labels=labels,
        prompts=prompts,
        impacts={col: plain(getattr(action.impacts, attr)) for col, attr in COLUMNS},
        objectives=tuple(objectives),
    )


# -- the sheet ------------------------------------------------------------------------------


class _Validations:
    """Data validations of one sheet, one object per distinct rule (cells share it)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.by_rule: dict[tuple[Any, ...], DataValidation] = {}

    def add(self, cell: Cell, *, title: str, prompt: str | None, kind: str | None = None, formula: str | None = None) -> None:
        if prompt is None and kind is None:
            return
        key = (kind, formula, title, prompt)
        dv = self.by_rule.get(key)
        if dv is None:
            options: dict[str, Any] = {}
            if prompt is not None:
                options.update(showInputMessage=True, promptTitle=clip(title, PROMPT_TITLE_MAX), prompt=clip(prompt, PROMPT_MAX))
            if kind == "list":
                # A suggestion, not a rule: free text stays allowed.
                options.update(type="list", formula1=formula, allow_blank=True, showErrorMessage=False,
                               errorStyle="information")
            elif kind == "date":
                options.update(type="date", operator="greaterThanOrEqual", formula1="1", allow_blank=True,
                               showErrorMessage=True, errorStyle="stop")
            dv = DataValidation(**options)
            self.ws.add_data_validation(dv)
            self.by_rule[key] = dv
        dv.add(cell)


def _lists_sheet(wb: Workbook) -> Worksheet:
    if LISTS_SHEET in wb.sheetnames:
        return wb[LISTS_SHEET]
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return ws


def _add_list(wb: Workbook, name: str, options: tuple[str, ...]) -> str:
    """Put ``options`` in the next free column of the hidden lists sheet, behind ``name``."""
    ws = _lists_sheet(wb)
    column = 1
    while ws.cell(row=1, column=column).value is not None:
        column += 1
    for row, text in enumerate(options, start=1):
        put_text(ws.cell(row=row, column=column), text, "nvap prose")
    letter = get_column_letter(column)
    add_name(wb, name, ws.title, f"${letter}$1:${letter}${len(options)}")
    return name


def write_plan_sheet(
    wb: Workbook, spec: ActionForm, *, force_name: str | None, title: str, prefix: str = PREFIX
) -> list[str]:
    """Write ``spec`` as a fillable plan sheet titled ``title``; return the defined names of its inputs.

    ``force_name`` is prefilled (locked); with None the force is an input.
    """
    ensure_styles(wb)
    ws = wb.create_sheet(sheet_title(title, set(wb.sheetnames)))
    for letter, width in _WIDTHS.items():
        ws.column_dimensions[letter].width = width
    labels, prompts = spec.labels, spec.prompts
    dvs = _Validations(ws)
    inputs: list[str] = []
    heights = ws.row_dimensions

    def name(cell: Cell, defined: str, is_input: bool = True) -> None:
        add_name(wb, defined, ws.title, absolute(cell.coordinate))
        if is_input:
            inputs.append(defined)

    def wide(row: int, text: str | None, style: str) -> Cell:
        """A cell spanning the two impact columns (B:C)."""
        cell = put_text(ws.cell(row=row, column=2), text, style)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        return cell

    # Title rows, frozen and printed on every page.
    for row, (text, style, height) in enumerate(
        [(spec.heading, "nvap heading", 24.0), (spec.subheading, "nvap subheading", 18.0),
         (spec.action_line, "nvap subheading", 18.0), (spec.title, "nvap title", 22.0)], start=1
    ):
        put_text(ws.cell(row=row, column=1), text, style)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        heights[row].height = height
    row = _TITLE_ROWS + 1

    # Header: the force, then the plan's own inputs.
    put_text(ws.cell(row=row, column=1), labels["force"], "nvap label")
    if force_name is None:
        cell = wide(row, None, "nvap input")
        dvs.add(cell, title=labels["force"], prompt=prompts["force"])
        name(cell, header_name(spec.id, "force", prefix))
    else:
        cell = wide(row, force_name, "nvap strong")
        name(cell, header_name(spec.id, "force", prefix), is_input=False)
    heights[row].height = _HEADER_HEIGHT
    row += 1
    for field_name in HEADER_FIELDS:
        put_text(ws.cell(row=row, column=1), labels[field_name], "nvap label")
        is_date = field_name == "date_prepared"
        cell = wide(row, None, "nvap input date" if is_date else "nvap input")
        dvs.add(cell, title=labels[field_name], prompt=prompts[field_name], kind="date" if is_date else None)
        name(cell, header_name(spec.id, field_name, prefix))
        heights[row].height = _HEADER_HEIGHT
        row += 1

    for objective in spec.objectives:
        row += 1
        put_text(ws.cell(row=row, column=1), f"{labels['objective']} {objective.number}", "nvap label")
        wide(row, objective.statement, "nvap strong")
        heights[row].height = row_height(objective.statement, _WIDTHS["B"] + _WIDTHS["C"])
        row += 1

        put_text(ws.cell(row=row, column=1), labels["impact_owner"], "nvap label")
        cell = wide(row, None, "nvap input")
        dvs.add(cell, title=labels["impact_owner"], prompt=prompts["impact_owner"])
        name(cell, objective_name(spec.id, objective.id, "impact_owner", prefix=prefix))
        heights[row].height = _HEADER_HEIGHT
        row += 1

        put_text(ws.cell(row=row, column=1), None, "nvap label")
        for column, (_, attr) in enumerate(COLUMNS, start=2):
            put_text(ws.cell(row=row, column=column), labels[attr], "nvap column")
        heights[row].height = _HEADER_HEIGHT
        row += 1

        put_text(ws.cell(row=row, column=1), labels["impact_description"], "nvap label")
        for column, (col, _) in enumerate(COLUMNS, start=2):
            put_text(ws.cell(row=row, column=column), spec.impacts[col], "nvap text")
        heights[row].height = max(row_height(spec.impacts[col], _WIDTHS["B"]) for col, _ in COLUMNS)
        row += 1

        lists = {
            f: _add_list(wb, list_name(spec.id, objective.id, f, prefix=prefix), objective.options[f])
            for f in LIST_FIELDS
            if objective.options[f]
        }
        for field_name in IMPACT_FIELDS:
            put_text(ws.cell(row=row, column=1), labels[field_name], "nvap label")
            for column, (col, _) in enumerate(COLUMNS, start=2):
                cell = put_text(ws.cell(row=row, column=column), None, "nvap input")
                prompt = objective.examples[col] if field_name == "progress" else prompts[field_name]
                if field_name in lists:
                    dvs.add(cell, title=labels[field_name], prompt=prompt, kind="list", formula=lists[field_name])
                else:
                    dvs.add(cell, title=labels[field_name], prompt=prompt)
                name(cell, objective_name(spec.id, objective.id, field_name, col, prefix=prefix))
            heights[row].height = _INPUT_HEIGHT
            row += 1

    last = row - 1
    ws.freeze_panes = ws.cell(row=_TITLE_ROWS + 1, column=1).coordinate
    ws.print_title_rows = f"1:{_TITLE_ROWS}"
    ws.print_area = f"A1:C{last}"
    _print_setup(ws, landscape=True)
    _protect(ws)
    return inputs


def add_plan_sheet(
    wb: Workbook,
    project: Project,
    action: Action,
    prose: Prose,
    *,
    force: Force | None,
    title: str,
    prefix: str = PREFIX,
) -> list[str]:
    """Write ``action``'s fillable realisation-plan sheet into ``wb``; return its inputs' defined names.

    With ``force`` the force is prefilled; with None it is an input.  ``title`` is
    the sheet's title (made valid and unique); ``prefix`` starts every defined name.
    """
    spec = action_form(project, action, prose)
    return write_plan_sheet(wb, spec, force_name=force.name if force else None, title=title, prefix=prefix)


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5


def _protect(ws: Worksheet) -> None:
    """Protect the sheet without a password; rows and columns may still be resized."""
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False


# -- the instructions sheet -------------------------------------------------------------------


@dataclass(frozen=True)
class InstructionsForm:
    """The plain text of a plan workbook's first sheet."""

    heading: str
    subheading: str
    instructions_heading: str
    instructions_intro: str
    instructions: tuple[str, ...]
    contact_heading: str
    contact_text: str
    contact_email: str
    attribution: str
    contents_heading: str


def instructions_form(project: Project, action: Action, prose: Prose) -> InstructionsForm:
    """The instructions of ``action``'s programme, as plain text."""
    programme = project.programme_of(action)
    form = programme.realisation_plan
    plain = prose.plain
    attribution = action.attribution or programme.attribution
    return InstructionsForm(
        heading=plain(form.heading),
        subheading=plain(form.subheading),
        instructions_heading=plain(form.instructions_heading),
        instructions_intro=plain(form.instructions_intro),
        instructions=tuple(plain(q) for q in form.instructions),
        contact_heading=plain(programme.contact.heading),
        contact_text=plain(programme.contact.text),
        contact_email=programme.contact.email.strip(),
        attribution=plain(attribution.statement),
        contents_heading=plain(programme.labels.contents),
    )


def write_instructions_sheet(
    ws: Worksheet, spec: InstructionsForm, *, force_name: str | None, sheets: list[tuple[str, str]]
) -> None:
    """Fill ``ws`` with the plan's instructions; ``sheets`` lists (text, sheet title) to link to."""
    ensure_styles(ws.parent)
    ws.title = sheet_title(spec.instructions_heading, set(ws.parent.sheetnames) - {ws.title})
    ws.column_dimensions["A"].width = 100.0
    row = 1

    def line(text: str | None, style: str = "nvap prose", height: float | None = None) -> Cell:
        nonlocal row
        cell = put_text(ws.cell(row=row, column=1), text, style)
        if text:
            ws.row_dimensions[row].height = height or row_height(text, 100.0, minimum=15.0)
        row += 1
        return cell

    line(spec.heading, "nvap heading", 24.0)
    line(spec.subheading, "nvap subheading", 18.0)
    if force_name:
        line(force_name, "nvap subheading", 18.0)
    row += 1
    line(spec.instructions_heading, "nvap prose heading", 18.0)
    line(spec.instructions_intro)
    for question in spec.instructions:
        line(f"\u2022 {question}")
    if sheets:
        row += 1
        line(spec.contents_heading, "nvap prose heading", 18.0)
        for text, title in sheets:
            cell = line(text, "nvap link")
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(title)}!A1", display=text)
    row += 1
    line(spec.contact_heading, "nvap prose heading", 18.0)
    line(spec.contact_text)
    cell = line(spec.contact_email, "nvap link")
    cell.hyperlink = f"mailto:{spec.contact_email}"
    row += 1
    line(spec.attribution)
    ws.print_area = f"A1:A{row - 1}"
    _print_setup(ws, landscape=False)
    _protect(ws)
