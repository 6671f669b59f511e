"""``nvap plan``: a fillable Impact Realisation Plan workbook per force, and reading one back.

A plan workbook holds, in order: the instructions (the toolkit's questions to
ask before planning, the contents and the contact), one plan sheet per action
(``render.form``), then two hidden sheets: ``nvap_lists`` (dropdown options) and
``nvap``, the metadata that makes a filled plan readable later.  Each metadata
value is in column B beside its name in column A, behind a defined name::

    nvap_kind              "nvap-realisation-plan": what the file is
    nvap_version           the nvap version that made it
    nvap_force             the force's key in content/reference/forces.yaml
    nvap_force_name        the force's official name
    nvap_actions           the action ids, space separated, in sheet order
    nvap_<a>_hash          per action: Project.content_hash of the toolkit it was made from
    nvap_<a>_objectives    per action: its objective ids, space separated

(``<a>`` is the action id as in ``render.form.name_part``: ``2_6_2``.)  The inputs
are read by the names ``render.form`` documents, with the prefix ``p``.
"""

from __future__ import annotations

import io
import re
import warnings
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from . import __version__
from .errors import NvapError, UsageError, display_path
from .forces import find_force, normalise, plan_filename, shown
from .writer import ExistsError, Output, WriteReport, write_outputs

if TYPE_CHECKING:
    from openpyxl import Workbook

    from .models import Action
    from .models.reference import Force
    from .project import Project
    from .render.form import ActionForm, InstructionsForm
    from .render.prose import Prose

PLAN_KIND = "nvap-realisation-plan"
META_SHEET = "nvap"
PREFIX = "p"
"""The prefix of the plan's input names (see ``render.form``)."""


def meta_name(action_id: str, what: str) -> str:
    """The metadata name of an action's ``hash`` or ``objectives``."""
    from .render.form import name_part

    return f"nvap_{name_part(action_id)}_{what}"


# -- making plans ---------------------------------------------------------------------------


def choose_forces(project: Project, force_names: list[str] | None, all_forces: bool) -> list[tuple[str, Force]]:
    """The forces asked for, each once, in the order given (all of them with ``all_forces``)."""
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
    if not project.actions:
        raise NvapError("the content has no action toolkits to make plans from")
    if not action_ids:
        return list(project.actions.values())
    for action_id in action_ids:
        if action_id.strip() not in project.actions:
            raise NvapError(
                f"unknown action '{shown(action_id)}': the content has toolkits for "
                + ", ".join(project.actions)
            )
    wanted = {a.strip() for a in action_ids}
    return [a for a in project.actions.values() if a.id in wanted]


def plan_outputs(
    project: Project,
    out_dir: Path,
    force_names: list[str] | None,
    all_forces: bool,
    action_ids: list[str] | None,
) -> list[Output]:
    """Render one plan workbook per chosen force, in memory (nothing is written)."""
    from .render.form import action_form, instructions_form
    from .render.prose import Prose

    forces = choose_forces(project, force_names, all_forces)
    actions = choose_actions(project, action_ids)
    prose = Prose(project)
    # Everything a sheet shows is rendered once per action, then written into each force's workbook.
    specs = [(action_form(project, action, prose), project.content_hash(action), action) for action in actions]
    instructions = instructions_form(project, actions[0], prose)
    titles = _sheet_titles(specs, prose, instructions)
    outputs: list[Output] = []
    names: dict[str, str] = {}
    for key, force in forces:
        filename = plan_filename(force)
        if filename in names:
            raise NvapError(f"the forces {names[filename]} and {key} would share the file name {filename}")
        names[filename] = key
        data = plan_workbook_bytes(key, force, specs, instructions, titles)
        outputs.append(Output(out_dir / filename, data))
    return outputs


def _sheet_titles(
    specs: list[tuple[ActionForm, str, Action]], prose: Prose, instructions: InstructionsForm
) -> list[str]:
    """The plan sheets' titles: '<id> <title>', valid, and unique beside the other sheets."""
    from .render.cells import sheet_title
    from .render.form import LISTS_SHEET

    taken = {sheet_title(instructions.instructions_heading), LISTS_SHEET, META_SHEET}
    titles = []
    for _, _, action in specs:
        title = sheet_title(f"{action.id} {prose.plain(action.title)}", taken)
        taken.add(title)
        titles.append(title)
    return titles


def plan_workbook(
    key: str,
    force: Force,
    specs: list[tuple[ActionForm, str, Action]],
    instructions: InstructionsForm,
    titles: list[str],
) -> Workbook:
    """One force's plan workbook: instructions, a sheet per action, hidden lists and metadata."""
    from openpyxl import Workbook

    from .render.form import LISTS_SHEET, write_instructions_sheet, write_plan_sheet

    wb = Workbook()
    first = wb.active
    assert first is not None
    for (spec, _, _), title in zip(specs, titles):
        write_plan_sheet(wb, spec, force_name=force.name, title=title, prefix=PREFIX)
    write_instructions_sheet(
        first, instructions, force_name=force.name, sheets=[(spec.action_line, t) for (spec, _, _), t in zip(specs, titles)]
    )
    if LISTS_SHEET in wb.sheetnames:
        lists = wb[LISTS_SHEET]
        wb.move_sheet(lists, offset=len(wb.sheetnames) - 1 - wb.index(lists))
    _write_metadata(wb, key, force, specs)
    wb.active = 0
    return wb


def plan_workbook_bytes(
    key: str,
    force: Force,
    specs: list[tuple[ActionForm, str, Action]],
    instructions: InstructionsForm,
    titles: list[str],
) -> bytes:
    """``plan_workbook`` saved deterministically."""
    from .render.workbook import workbook_bytes

    return workbook_bytes(plan_workbook(key, force, specs, instructions, titles))


def _write_metadata(wb: Workbook, key: str, force: Force, specs: list[tuple[ActionForm, str, Action]]) -> None:
    from .render.form import add_name, ensure_styles, put_text

    ensure_styles(wb)
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    rows = [
        ("nvap_kind", PLAN_KIND),
        ("nvap_version", __version__),
        ("nvap_force", key),
        ("nvap_force_name", force.name),
        ("nvap_actions", " ".join(spec.id for spec, _, _ in specs)),
    ]
    for spec, content_hash, _ in specs:
        rows.append((meta_name(spec.id, "hash"), content_hash))
        rows.append((meta_name(spec.id, "objectives"), " ".join(o.id for o in spec.objectives)))
    for row, (name, value) in enumerate(rows, start=1):
        put_text(ws.cell(row=row, column=1), name, "nvap prose")
        put_text(ws.cell(row=row, column=2), value, "nvap prose")
        add_name(wb, name, ws.title, f"$B${row}")


def write_plans(
    project: Project,
    out_dir: Path,
    force_names: list[str] | None,
    all_forces: bool,
    action_ids: list[str] | None,
    overwrite: bool = False,
) -> WriteReport:
    """Render every chosen plan, then write them; an existing plan is replaced only with ``overwrite``.

    A plan on disk may hold a force's work, so without ``overwrite`` any existing
    plan (even one nvap would write byte for byte the same) stops the run before
    anything is written (ExistsError, exit 1).
    """
    outputs = plan_outputs(project, out_dir, force_names, all_forces, action_ids)
    if out_dir.exists() and not out_dir.is_dir():
        raise NvapError(f"{display_path(out_dir)} is a file, not a folder (--out takes a folder)")
    if not overwrite:
        existing = [o.path for o in outputs if o.path.exists()]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise ExistsError(
                f"{display_path(existing[0])}{more} already exists and may hold a force's work: "
                "nothing was written (use --overwrite to replace it)"
            )
    return write_outputs(outputs, protect=True, overwrite=overwrite)


# -- reading a filled plan back ------------------------------------------------------------


class _Filled(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FilledImpact(_Filled):
    """One impact column of an objective, as the force filled it in."""

    activity: str | None = None
    output: str | None = None
    impact_measurement: str | None = None
    progress: str | None = None
    next_steps: str | None = None
    risks: str | None = None
    risk_mitigation: str | None = None
    additional_comments: str | None = None


class FilledObjective(_Filled):
    """An objective's block of a filled plan."""

    id: str
    impact_owner: str | None = None
    organisational: FilledImpact = FilledImpact()
    external: FilledImpact = FilledImpact()


class FilledAction(_Filled):
    """One action's sheet of a filled plan."""

    id: str
    content_hash: str | None = None
    force: str | None = None
    reporting_period: str | None = None
    project_lead: str | None = None
    prepared_by: str | None = None
    date_prepared: date | None = None
    objectives: dict[str, FilledObjective] = {}


class FilledPlan(_Filled):
    """A force's filled Impact Realisation Plan."""

    kind: str
    nvap_version: str | None = None
    force_key: str | None = None
    force_name: str | None = None
    """The force as written on the plan (its first action sheet)."""
    actions: dict[str, FilledAction] = {}


class _Reader:
    """Reads named cells of one workbook, collecting ``Sheet!Cell: message`` problems."""

    def __init__(self, wb: Workbook, shown_path: str) -> None:
        self.wb = wb
        self.path = shown_path
        self.problems: list[str] = []

    def locate(self, name: str, required: bool = True, quiet: bool = False) -> tuple[Any, str] | None:
        """The sheet and cell ``name`` refers to; None (and a problem, unless ``quiet``) if it is gone."""
        defined = self.wb.defined_names.get(name)
        if defined is None:
            if required and not quiet:
                self.problems.append(f"{self.path}: no cell is named {name}: was the plan made by nvap?")
            return None
        try:
            destinations = list(defined.destinations)
        except Exception:  # noqa: BLE001 - a damaged name is reported, never a crash
            destinations = []
        sheet, coord = destinations[0] if len(destinations) == 1 else ("", "")
        sheet = sheet.replace("''", "'")
        coord = coord.replace("$", "")
        if sheet not in self.wb.sheetnames or not coord or ":" in coord:
            if not quiet:
                self.problems.append(f"{self.path}: the name {name} no longer refers to one cell")
            return None
        return self.wb[sheet], coord

    def ref(self, ws: Any, coord: str) -> str:
        title = ws.title if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", ws.title) else "'" + ws.title.replace("'", "''") + "'"
        return f"{shown(title)}!{coord}"

    def raw(self, name: str, required: bool = True) -> tuple[Any, str | None]:
        where = self.locate(name, required)
        if where is None:
            return None, None
        ws, coord = where
        return ws[coord].value, self.ref(ws, coord)

    def text(self, name: str, required: bool = True) -> tuple[str | None, str | None]:
        value, ref = self.raw(name, required)
        return as_text(value), ref

    def date(self, name: str) -> date | None:
        value, ref = self.raw(name)
        result, problem = as_date(value)
        if problem:
            self.problems.append(f"{ref}: {problem}")
        return result


def as_text(value: Any) -> str | None:
    """A cell's value as text: None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def as_date(value: Any) -> tuple[date | None, str | None]:
    """A cell's value as a date, or the problem with it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        from openpyxl.utils.datetime import from_excel

        converted = from_excel(value)
        return (converted.date() if isinstance(converted, datetime) else None), None
    if isinstance(value, str):
        text = value.strip()
        for parse in (date.fromisoformat, lambda s: datetime.strptime(s, "%d/%m/%Y").date()):
            try:
                return parse(text), None
            except ValueError:
                pass
    return None, f"'{shown(as_text(value) or '')}' is not a date (write it as dd/mm/yyyy)"


def read_plan(path: Path, project: Project | None = None) -> tuple[FilledPlan | None, list[str]]:
    """Read a filled plan by its defined names: ``(plan, problems)``; never modifies the file.

    ``plan`` is None when the file is not an nvap plan at all.  Each problem reads
    ``Sheet!Cell: message`` (or ``file: message`` where no cell is to blame).  With
    ``project``, the plan is also checked against the content: its actions and their
    editions (content hashes), and the force named on each sheet.
    """
    from openpyxl import load_workbook

    from .render.form import HEADER_FIELDS, header_name

    where = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [f"{where}: cannot be read ({exc.strerror or exc})"]
    try:
        with warnings.catch_warnings():
            # Workbooks saved by Excel carry extensions openpyxl warns about and ignores.
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # noqa: BLE001 - any file that openpyxl cannot open is "not a workbook"
        return None, [f"{where}: not an Excel workbook (.xlsx)"]

    reader = _Reader(wb, where)
    kind, kind_ref = reader.text("nvap_kind", required=False)
    if kind_ref is None:
        return None, [f"{where}: not an nvap realisation plan (make one with 'nvap plan')"]
    if kind != PLAN_KIND:
        return None, [f"{kind_ref}: not an nvap realisation plan ('{shown(kind or '')}')"]
    version, _ = reader.text("nvap_version")
    force_key, _ = reader.text("nvap_force")
    force_name, _ = reader.text("nvap_force_name")
    action_ids_text, actions_ref = reader.text("nvap_actions")
    action_ids = (action_ids_text or "").split()
    if actions_ref and not action_ids:
        reader.problems.append(f"{actions_ref}: the plan lists no actions")

    actions: dict[str, FilledAction] = {}
    written_force: str | None = None
    for number, action_id in enumerate(action_ids):
        content_hash, hash_ref = reader.text(meta_name(action_id, "hash"))
        objective_ids = (reader.text(meta_name(action_id, "objectives"))[0] or "").split()
        if project is not None and hash_ref is not None and _check_edition(reader, project, action_id, content_hash, hash_ref):
            _check_layout(reader, project, action_id, objective_ids)
        force, force_ref = reader.text(header_name(PREFIX, action_id, "force"))
        if number == 0:
            written_force = force
        if force_ref is not None:
            _check_force(reader, project, force, force_ref, force_key, force_name)
        header: dict[str, Any] = {
            f: reader.text(header_name(PREFIX, action_id, f))[0] for f in HEADER_FIELDS if f != "date_prepared"
        }
        header["date_prepared"] = reader.date(header_name(PREFIX, action_id, "date_prepared"))
        objectives = {o: _read_objective(reader, action_id, o) for o in objective_ids}
        actions[action_id] = FilledAction(
            id=action_id, content_hash=content_hash, force=force, objectives=objectives, **header
        )
    plan = FilledPlan(
        kind=PLAN_KIND,
        nvap_version=version,
        force_key=force_key,
        force_name=written_force,
        actions=actions,
    )
    return plan, reader.problems


def _read_objective(reader: _Reader, action_id: str, objective_id: str) -> FilledObjective:
    from .render.form import COLUMNS, IMPACT_FIELDS, objective_name

    def text(field_name: str, column: str | None = None) -> str | None:
        return reader.text(objective_name(PREFIX, action_id, objective_id, field_name, column))[0]

    columns = {attr: FilledImpact(**{f: text(f, col) for f in IMPACT_FIELDS}) for col, attr in COLUMNS}
    return FilledObjective(id=objective_id, impact_owner=text("impact_owner"), **columns)


def _check_edition(reader: _Reader, project: Project, action_id: str, content_hash: str | None, ref: str) -> bool:
    """Report a plan made from another edition of the toolkit; True when it is the current one."""
    action = project.actions.get(action_id)
    if action is None:
        reader.problems.append(f"{ref}: the plan is for action {shown(action_id)}, which this content has no toolkit for")
        return False
    current = project.content_hash(action)
    if content_hash != current:
        reader.problems.append(
            f"{ref}: the plan was made from another edition of the toolkit for action {action_id} "
            f"(content {shown(content_hash or '')}, now {current})"
        )
        return False
    return True


def _check_layout(reader: _Reader, project: Project, action_id: str, objective_ids: list[str]) -> None:
    """Report the first input of an action's sheet whose row no longer carries its label.

    Excel and LibreOffice move a defined name with its cell, so rows a force inserts
    or deletes there are harmless; a sheet changed any other way (cells moved by a
    script, labels overwritten) leaves names pointing at the wrong inputs.  Only a
    plan of the current edition can be checked: its labels are the content's.
    """
    from .render.form import COLUMNS, HEADER_FIELDS, IMPACT_FIELDS, header_name, objective_name
    from .render.prose import Prose

    form = project.programme_of(project.actions[action_id]).realisation_plan
    plain = Prose(project).plain
    expected = [(header_name(PREFIX, action_id, f), f) for f in ("force", *HEADER_FIELDS)]
    for objective_id in objective_ids:
        expected.append((objective_name(PREFIX, action_id, objective_id, "impact_owner"), "impact_owner"))
        expected += [
            (objective_name(PREFIX, action_id, objective_id, f, col), f) for f in IMPACT_FIELDS for col, _ in COLUMNS
        ]
    labels = {f: plain(getattr(form, f).label) for _, f in expected}
    for name, field_name in expected:
        where = reader.locate(name, quiet=True)  # a name that is gone is reported when its cell is read
        if where is None:
            continue
        ws, coord = where
        found = as_text(ws.cell(row=ws[coord].row, column=1).value)
        if found != labels[field_name]:
            beside = f"is labelled '{shown(found)}'" if found else "has no label"
            reader.problems.append(
                f"{reader.ref(ws, coord)}: the sheet's layout was changed: the cell named {name} should be beside "
                f"'{shown(labels[field_name])}', but its row {beside} (copy the entries into a new plan from 'nvap plan')"
            )
            return


def _check_force(
    reader: _Reader, project: Project | None, written: str | None, ref: str, key: str | None, name: str | None
) -> None:
    if key is None and name is None:
        return
    made_for = name or key
    if written is None:
        reader.problems.append(f"{ref}: the force is blank (the plan was made for {shown(made_for or '')})")
        return
    if project is not None and key is not None:
        try:
            same = find_force(project.forces, written)[0] == key
        except NvapError:
            same = False
    else:
        same = normalise(written) == normalise(name or "")
    if not same:
        reader.problems.append(f"{ref}: names the force '{shown(written)}', but the plan was made for {shown(made_for or '')}")
