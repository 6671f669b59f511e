"""``nvap plan``: a fillable Impact Realisation Plan workbook per force (format ``plan.format.VERSION``).

The workbook holds, in order: the instructions (the toolkit's questions to ask
before planning, the contents and the contact), one plan sheet per action
(drawn by ``render.form``), then the hidden ``nvap_lists`` and ``nvap``
(metadata) sheets that ``plan.format`` describes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import NvapError, UsageError
from . import format as fmt

if TYPE_CHECKING:
    from openpyxl import Workbook

    from ..models import Action
    from ..models.reference import Force
    from ..content.project import Project
    from ..render.views import ActionForm, InstructionsForm
    from ..render.prose import Prose
    from ..writer import Output

Spec = tuple["ActionForm", str, "Action"]
"""What one action's sheet shows, the toolkit's edition, and the action."""


def choose_forces(project: Project, force_names: list[str] | None, *, all_forces: bool = False) -> list[tuple[str, Force]]:
    """The forces asked for, each once, in the order given (all of them with ``all_forces``)."""
    from ..content.forces import find_force

    if all_forces and force_names:
        raise UsageError("give --force NAME or --all-forces, not both")
    if all_forces:
        return list(project.forces.forces.items())
    if not force_names:
        raise UsageError("give --force NAME (a police force, e.g. Norfolk) or --all-forces")
    chosen: dict[str, Force] = {}
    for name in force_names:
        key, force = find_force(project.forces, name)
        chosen.setdefault(key, force)
    return list(chosen.items())


def choose_actions(project: Project, action_ids: list[str] | None) -> list[Action]:
    """The actions asked for, in the content's order (all of them when none are named)."""
    from ..content.forces import shown

    if not project.actions:
        raise NvapError("the content has no action toolkits to make plans from")
    if not action_ids:
        return list(project.actions.values())
    for action_id in action_ids:
        if action_id.strip() not in project.actions:
            raise UsageError(
                f"unknown action '{shown(action_id)}': the content has toolkits for " + ", ".join(project.actions)
            )
    wanted = {a.strip() for a in action_ids}
    return [a for a in project.actions.values() if a.id in wanted]


def plan_outputs(
    project: Project,
    out_dir: Path,
    force_names: list[str] | None = None,
    *,
    all_forces: bool = False,
    action_ids: list[str] | None = None,
) -> list[Output]:
    """Render one plan workbook per chosen force, in memory (nothing is written)."""
    from ..content.forces import plan_filename
    from ..render.views import action_form, instructions_form
    from ..render.prose import Prose
    from ..writer import Output

    forces = choose_forces(project, force_names, all_forces=all_forces)
    actions = choose_actions(project, action_ids)
    prose = Prose(project)
    # Everything a sheet shows is rendered once per action, then written into each force's workbook.
    specs: list[Spec] = [(action_form(project, action, prose), project.content_hash(action), action) for action in actions]
    instructions = instructions_form(project, actions[0], prose)
    titles = _sheet_titles(specs, prose, instructions)
    outputs: list[Output] = []
    names: dict[str, str] = {}
    for key, force in forces:
        filename = plan_filename(force)
        if filename in names:
            raise NvapError(f"the forces {names[filename]} and {key} would share the file name {filename}")
        names[filename] = key
        outputs.append(Output(out_dir / filename, plan_workbook_bytes(key, force, specs, instructions, titles)))
    return outputs


def _sheet_titles(specs: list[Spec], prose: Prose, instructions: InstructionsForm) -> list[str]:
    """The plan sheets' titles: '<id> <title>', valid, and unique beside the other sheets."""
    from ..render.xlsx.cells import sheet_title

    taken = {sheet_title(instructions.instructions_heading), fmt.LISTS_SHEET, fmt.META_SHEET}
    titles = []
    for _, _, action in specs:
        title = sheet_title(f"{action.id} {prose.plain(action.title)}", taken)
        taken.add(title)
        titles.append(title)
    return titles


def plan_workbook(key: str, force: Force, specs: list[Spec], instructions: InstructionsForm, titles: list[str]) -> Workbook:
    """One force's plan workbook: instructions, a sheet per action, hidden lists and metadata."""
    from openpyxl import Workbook

    from ..render.xlsx.plan_form import write_instructions_sheet, write_plan_sheet

    wb = Workbook()
    first = wb.active
    assert first is not None
    for (spec, _, _), title in zip(specs, titles, strict=True):
        write_plan_sheet(wb, spec, force_name=force.name, title=title)
    write_instructions_sheet(
        first,
        instructions,
        force_name=force.name,
        sheets=[(spec.action_line, t) for (spec, _, _), t in zip(specs, titles, strict=True)],
    )
    if fmt.LISTS_SHEET in wb.sheetnames:
        lists = wb[fmt.LISTS_SHEET]
        wb.move_sheet(lists, offset=len(wb.sheetnames) - 1 - wb.index(lists))
    _write_metadata(wb, key, force, specs)
    wb.active = 0
    return wb


def plan_workbook_bytes(key: str, force: Force, specs: list[Spec], instructions: InstructionsForm, titles: list[str]) -> bytes:
    """``plan_workbook`` saved deterministically."""
    from ..render.xlsx.workbook import workbook_bytes

    return workbook_bytes(plan_workbook(key, force, specs, instructions, titles))


def metadata_rows(key: str, force: Force, specs: list[Spec], lang: str = "en") -> list[tuple[str, str]]:
    """The ``nvap`` sheet's rows, name and value, in the order ``plan.format`` documents."""
    rows = [
        (fmt.KIND_NAME, fmt.KIND),
        (fmt.FORMAT_NAME, str(fmt.VERSION)),
        (fmt.LANG_NAME, lang),
        (fmt.VERSION_NAME, __version__),
        (fmt.FORCE_NAME, key),
        (fmt.FORCE_NAME_NAME, force.name),
        (fmt.ACTIONS_NAME, " ".join(spec.id for spec, _, _ in specs)),
    ]
    for spec, content_hash, _ in specs:
        rows.append((fmt.meta_name(spec.id, "hash"), content_hash))
        rows.append((fmt.meta_name(spec.id, "objectives"), " ".join(o.id for o in spec.objectives)))
    return rows


def _write_metadata(wb: Workbook, key: str, force: Force, specs: list[Spec]) -> None:
    from ..render.xlsx.cells import add_name, put_text
    from ..render.xlsx.styles import ensure_form_styles

    ensure_form_styles(wb)
    ws = wb.create_sheet(fmt.META_SHEET)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    for row, (name, value) in enumerate(metadata_rows(key, force, specs), start=1):
        put_text(ws.cell(row=row, column=1), name, "nvap prose")
        put_text(ws.cell(row=row, column=2), value, "nvap prose")
        add_name(wb, name, ws.title, f"$B${row}")


def write_plans(
    project: Project,
    out_dir: Path,
    force_names: list[str] | None = None,
    *,
    all_forces: bool = False,
    action_ids: list[str] | None = None,
    overwrite: bool = False,
    skip_existing: bool = False,
) -> tuple[list[Output], list[Path]]:
    """The plans to write, and the existing plans left alone (with ``skip_existing``).

    A plan on disk may hold a force's work, so without ``overwrite`` or
    ``skip_existing`` any existing plan (even one nvap would write byte for byte
    the same) stops the run before anything is written (ExistsError, exit 1).
    """
    from ..writer import ExistsError, check_out_dir

    if overwrite and skip_existing:
        raise UsageError("give --overwrite or --skip-existing, not both")
    check_out_dir(out_dir)
    outputs = plan_outputs(project, out_dir, force_names, all_forces=all_forces, action_ids=action_ids)
    existing = [o.path for o in outputs if o.path.exists()]
    if skip_existing:
        return [o for o in outputs if not o.path.exists()], existing
    if existing and not overwrite:
        raise ExistsError.for_paths(existing)
    return outputs, []
