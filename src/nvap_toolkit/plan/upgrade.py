"""``nvap plan --upgrade``: a force's filled plan carried over to the current edition of the toolkits.

The filled plan is read (``plan.read``, any format that shipped); the current
edition's plan is made for the same force and the same actions (``plan.write``);
every answer is written into the new plan by its stable ids (action, objective,
impact column, field), exactly as typed. An answer whose action, objective or
field the current edition no longer has is never dropped: it goes on a sheet of
its own (titled from the content), with where it was. The input is only read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentError, NvapError, UsageError, display_path
from . import format as fmt

if TYPE_CHECKING:
    from openpyxl import Workbook

    from ..content.project import Project
    from ..writer import Output
    from .model import FilledPlan, Value


@dataclass(frozen=True)
class KeptAnswer:
    """An answer the current edition has no place for."""

    action: str
    objective: str
    field: str
    column: str
    value: Value


@dataclass
class Upgrade:
    """What upgrading one plan gives: the new plan, the answers placed and the answers kept aside."""

    output: Output
    placed: int = 0
    kept: list[KeptAnswer] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _answers(plan: FilledPlan) -> list[tuple[str, str, str, str, Value]]:
    """Every answer of a filled plan: (action, objective, field, column, value); objective '' for a header field."""
    found = []
    for action in plan.actions.values():
        for name, value in action.header.items():
            if value is not None:
                found.append((action.id, "", name, "", value))
        for objective in action.objectives.values():
            if objective.impact_owner is not None:
                found.append((action.id, objective.id, "impact_owner", "", objective.impact_owner))
            for column, fields in objective.impacts.items():
                for name, value in fields.items():
                    if value is not None:
                        found.append((action.id, objective.id, name, column, value))
    return found


def _defined_name(action: str, objective: str, field_name: str, column: str) -> str:
    if not objective:
        return fmt.header_name(action, field_name)
    if not column:
        return fmt.objective_name(action, objective, field_name)
    return fmt.objective_name(action, objective, field_name, fmt.column_part(column))


def upgrade_plan(project: Project, filled: Path, out_dir: Path, file_format: str | None = None) -> Upgrade:
    """The current edition's plan for the force of the plan at ``filled``, with its answers carried over (nothing is written).

    ``file_format``: ``xlsx`` or ``ods``; by default the format the filled plan was sent in.
    """
    from ..sheets.workbook import workbook_bytes
    from ..writer import Output, check_out_dir
    from .read import read_plan
    from .write import plan_outputs

    check_out_dir(out_dir)
    if not filled.is_file():
        raise UsageError(f"no such file: {display_path(filled)}")
    read = read_plan(filled, project)
    fatal = [i for i in read.issues if i.is_error and not i.upgradable]
    plan = read.plan
    force_key = plan.force_key if plan is not None else None
    if plan is None or force_key is None or force_key not in project.forces.forces:
        raise ContentError(f"{display_path(filled)} cannot be upgraded", fatal or read.issues)
    actions = [a for a in plan.actions if a in project.actions]
    if not actions:
        raise NvapError(f"{display_path(filled)} holds none of the actions the content has toolkits for: nothing to upgrade to")
    programmes = {project.actions[a].plan for a in actions}
    from ..i18n.layout import languages

    lang = plan.lang if plan.lang in languages(project.root) else "en"  # a Welsh plan is upgraded to a Welsh plan
    kind = file_format or ("ods" if read.book_kind == "OpenDocument spreadsheet" else "xlsx")
    (output,) = plan_outputs(
        project,
        out_dir,
        [force_key],
        action_ids=actions,
        programme=programmes.pop() if len(programmes) == 1 else None,
        lang=lang,
        include_drafts=True,  # the filled plan had these actions: its answers are carried over, drafts or not
    )
    final_path = output.path.with_suffix(".ods") if kind == "ods" else output.path
    if final_path.resolve() == filled.resolve():
        raise UsageError(
            f"the upgraded plan would replace {display_path(filled)}: give --out another folder (the filled plan is never modified)"
        )
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(output.data))
    result = Upgrade(output=output, warnings=[str(i) for i in read.issues if not i.is_error or i.upgradable])
    result.warnings += [
        f"{read.file} {o.ref}: warning: not carried over: '{o.text}' was written outside the form's inputs ({o.kind})"
        for o in read.outside
    ]
    for action, objective, field_name, column, value in _answers(plan):
        name = _defined_name(action, objective, field_name, column)
        if name in wb.defined_names and _fill(wb, name, value):
            result.placed += 1
        else:
            result.kept.append(KeptAnswer(action, objective, field_name, column, value))
    if result.kept:
        _kept_sheet(project, wb, result.kept)
    if kind == "ods":
        from ..sheets.ods import ods_bytes

        result.output = Output(final_path, ods_bytes(wb, lang=lang))
    else:
        result.output = Output(output.path, workbook_bytes(wb))
    return result


def _fill(wb: Workbook, name: str, value: Value) -> bool:
    """Write ``value`` into the cell behind ``name``: a date as a date, anything else as the text typed."""
    from ..sheets.cells import put_text

    destinations = list(wb.defined_names[name].destinations)
    if len(destinations) != 1:
        return False
    sheet, coord = destinations[0]
    cell = wb[sheet][coord.replace("$", "")]
    if value.date is not None:
        cell.value = value.date
    else:
        put_text(cell, value.text)
    return True


def _kept_sheet(project: Project, wb: Workbook, kept: list[KeptAnswer]) -> None:
    """The answers with no place in the current edition, as typed, with where each was."""
    from ..render.prose import Prose
    from ..render.xlsx.layout import table_sheet

    plain = Prose(project).plain
    programme = project.programme_of_actions([k.action for k in kept])
    form, labels, collect = programme.realisation_plan, programme.labels, programme.collect_labels
    field_labels = {name: plain(getattr(form, name).label) for name in ("impact_owner", *fmt.HEADER_FIELDS, *fmt.IMPACT_FIELDS)}
    column_labels = {attr: plain(getattr(form, attr).label) for _, attr in fmt.COLUMNS}
    rows = [
        (
            k.action,
            k.objective,
            field_labels.get(k.field, k.field),
            column_labels.get(k.column, k.column),
            k.value.text,
            k.value.ref,
        )
        for k in kept
    ]
    headers = (labels.action, labels.objective, collect.field, collect.column, collect.entry, form.kept_cell)
    table_sheet(wb, plain(form.kept_sheet_title), [plain(h) for h in headers], rows, widths=(12, 28, 24, 18, 60, 28))
    # Keep the hidden sheets last, as plan.write lays them out.
    for name in (fmt.LISTS_SHEET, fmt.META_SHEET):
        if name in wb.sheetnames:
            wb.move_sheet(wb[name], offset=len(wb.sheetnames) - 1 - wb.index(wb[name]))
