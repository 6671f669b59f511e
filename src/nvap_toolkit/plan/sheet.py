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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..render.xlsx.cover import Cover, write_cover
from ..render.xlsx.layout import print_setup, protect, text_height
from ..sheets.cells import absolute, add_name, clean, clip, put_text, sheet_title
from ..sheets.styles import ensure_form_styles
from .form import ActionForm, InstructionsForm, action_form
from .format import (
    COLUMNS,
    HEADER_FIELDS,
    IMPACT_FIELDS,
    LIST_FIELDS,
    LISTS_SHEET,
    PREFIX,
    header_name,
    list_name,
    objective_name,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from ..content.project import Project
    from ..records.content import Action, Force, WorkbookLabels
    from ..render.prose import Prose

PROMPT_MAX = 255
PROMPT_TITLE_MAX = 32

# Layout: label column, then the organisational and external input columns.
_WIDTHS = {"A": 26.0, "B": 62.0, "C": 62.0}
_TITLE_ROWS = 3
_INPUT_HEIGHT = 48.0
_HEADER_HEIGHT = 20.0


def row_height(text: str, width: float, minimum: float = _HEADER_HEIGHT) -> float:
    """A row height that shows ``text`` wrapped in a column ``width`` characters wide (at least ``minimum``)."""
    return min(409.0, max(minimum, text_height(text, width)))


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
                options.update(
                    showInputMessage=True,
                    promptTitle=clip(clean(title), PROMPT_TITLE_MAX),
                    prompt=clip(clean(prompt), PROMPT_MAX),
                )
            if kind == "list":
                # A suggestion, not a rule: free text stays allowed.
                options.update(type="list", formula1=formula, allow_blank=True, showErrorMessage=False, errorStyle="information")
            elif kind == "date":
                options.update(
                    type="date",
                    operator="greaterThanOrEqual",
                    formula1="1",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="stop",
                )
            dv = DataValidation(**options)
            self.ws.add_data_validation(dv)
            self.by_rule[key] = dv
        dv.add(cell)


def _lists_sheet(wb: Workbook) -> Worksheet:
    if LISTS_SHEET in wb.sheetnames:
        return wb[LISTS_SHEET]
    ws: Worksheet = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "veryHidden"  # named and explained on the workbook's cover
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


def write_plan_sheet(wb: Workbook, spec: ActionForm, *, force_name: str | None, title: str, prefix: str = PREFIX) -> list[str]:
    """Write ``spec`` as a fillable plan sheet titled ``title``; return the defined names of its inputs.

    ``force_name`` is prefilled (locked); with None the force is an input.
    """
    ensure_form_styles(wb)
    ws = wb.create_sheet(sheet_title(title, set(wb.sheetnames)))
    for letter, width in _WIDTHS.items():
        ws.column_dimensions[letter].width = width
    labels, prompts = spec.labels, spec.prompts
    dvs = _Validations(ws)
    inputs: list[str] = []
    heights = ws.row_dimensions

    def name(cell: Cell, defined: str, *, is_input: bool = True) -> None:
        add_name(wb, defined, ws.title, absolute(cell.coordinate))
        if is_input:
            inputs.append(defined)

    def wide(row: int, text: str | None, style: str) -> Cell:
        """A cell of the header: in column B (never merged with C: a merged range hides the form's shape)."""
        return put_text(ws.cell(row=row, column=2), text, style)

    # Title rows, frozen and printed on every page: A1 says what the sheet is. Each is one line that
    # runs over the empty cells beside it (not merged).
    for row, (text, style, height) in enumerate(
        [
            (f"{spec.title}: {spec.action_line}", "nvap heading", 24.0),
            (spec.heading, "nvap subheading", 18.0),
            (spec.subheading, "nvap subheading", 18.0),
        ],
        start=1,
    ):
        put_text(ws.cell(row=row, column=1), text, style)
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
        put_text(ws.cell(row=row, column=1), f"{labels['objective']} {objective.number}", "nvap label")
        wide(row, objective.statement, "nvap strong")
        heights[row].height = row_height(objective.statement, _WIDTHS["B"])
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
    print_setup(ws, list(_WIDTHS.values()), landscape=True)
    protect(ws)
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


# -- the instructions sheet -------------------------------------------------------------------


def write_instructions_sheet(
    ws: Worksheet,
    spec: InstructionsForm,
    *,
    force_name: str | None,
    sheets: list[tuple[str, str]],
    words: WorkbookLabels,
    shown: dict[str, str] | None = None,
    hidden: Sequence[tuple[str, str]] = (),
) -> None:
    """Fill ``ws`` as the plan's cover: its title, the instructions, the contents (``sheets``: sheet title and
    what it holds, each a link, shown as ``shown`` gives), the ``hidden`` sheets explained, the contact and the
    attribution.

    The force's name is a line of its own: every other line is the same in every force's plan
    (``plan.outside`` knows nvap's own words by them).
    """
    wb = ws.parent
    assert wb is not None
    ensure_form_styles(wb)
    cover = Cover(
        words,
        spec.instructions_heading,
        lines=[spec.heading, spec.subheading, *([force_name] if force_name else []), *spec.editions],
        before=[
            (spec.instructions_heading, spec.instructions_intro, None),
            *((None, f"\u2022 {question}", None) for question in spec.instructions),
        ],
        sheets=sheets,
        shown=shown or {},
        hidden=list(hidden),
        after=[
            (spec.contact_heading, spec.contact_text, None),
            (None, spec.contact_email, f"mailto:{spec.contact_email}"),
            (None, spec.attribution, None),
        ],
    )
    write_cover(wb, cover, ws)
    protect(ws)
