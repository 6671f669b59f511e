"""Read a filled realisation plan back, from any format version that shipped, losing nothing.

Every input is read by its defined name (``plan.format``), exactly as typed.  A
value that cannot be read as what its cell wants (a date) is kept as text with a
warning; a plan made from an earlier edition of a toolkit is read, its answers
placed by id, with a warning naming each wording that changed.  Only what makes
the answers impossible to place is an error (the file is then not counted, but
whatever could be read is still returned): a file that is no plan, a plan made
by a newer nvap, an action or objective the content no longer has, a sheet whose
cells were moved, a force other than the plan's own.  An input file is only
ever read.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Issue, Location, NvapError, display_path, sheet_ref
from . import format as fmt
from .dates import HINT, parse_date, uk_date
from .model import FilledAction, FilledObjective, FilledPlan, Value

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ..content.project import Project
    from ..models import Action
    from ..render.views import ActionForm


@dataclass
class ReadResult:
    """What reading one file gave: the plan (when it is one), its issues, and the force it names."""

    file: str
    """The file as the user named it."""
    plan: FilledPlan | None = None
    issues: list[Issue] = field(default_factory=list)
    force_key: str | None = None
    """The force the file names anywhere (metadata, its Force cell, its file name), even when unreadable."""
    own_output: bool = False
    """The file is a summary ``nvap collect`` wrote: never a plan, skipped."""

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def counts(self) -> bool:
        """True when the plan can be counted: it was read and no error stops it."""
        return self.plan is not None and not self.errors


def _shown(text: str, limit: int = 60) -> str:
    from ..content.forces import shown

    return shown(text, limit)


def as_text(value: Any) -> str | None:
    """A cell's value as the text a force typed: None for an empty cell (or only spaces)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return uk_date(value.date()) if value.time() == datetime.min.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return uk_date(value)
    return str(value)


class _Cells:
    """Reads the named cells of one workbook, collecting located issues."""

    def __init__(self, wb: Workbook, result: ReadResult, labels: dict[str, str]) -> None:
        self.wb = wb
        self.result = result
        self.labels = labels

    def issue(self, message: str, *, sheet: str = "", cell: str = "", field_name: str = "", severity: str = "error") -> None:
        label = self.labels.get(field_name, "") if field_name else ""
        self.result.issues.append(Issue(Location(self.result.file, sheet=sheet, cell=cell, label=label), message, severity))

    def locate(self, name: str, *, quiet: bool = False) -> tuple[Worksheet, str] | None:
        """The sheet and cell ``name`` refers to; None (and an error, unless ``quiet``) when it is gone."""
        defined = self.wb.defined_names.get(name)
        if defined is None:
            if not quiet:
                self.issue(f"no cell is named {name}: was the plan made by nvap, or the name deleted?")
            return None
        try:
            destinations = list(defined.destinations)
        except Exception:
            destinations = []
        sheet, coord = destinations[0] if len(destinations) == 1 else ("", "")
        sheet = sheet.replace("''", "'")
        coord = coord.replace("$", "")
        if sheet not in self.wb.sheetnames or not coord or ":" in coord:
            if not quiet:
                self.issue(f"the name {name} no longer refers to one cell")
            return None
        return self.wb[sheet], coord

    def raw(self, name: str, *, quiet: bool = False) -> tuple[Any, str, str] | None:
        """``(value, sheet, cell)`` of a named cell."""
        where = self.locate(name, quiet=quiet)
        if where is None:
            return None
        ws, coord = where
        return ws[coord].value, ws.title, coord

    def meta(self, name: str, *, quiet: bool = False) -> str | None:
        found = self.raw(name, quiet=quiet)
        return None if found is None else (as_text(found[0]) or "").strip() or None

    def value(self, name: str, field_name: str) -> Value | None:
        """An input, exactly as typed; a date input read as a date too (kept as text when it is none)."""
        found = self.raw(name)
        if found is None:
            return None
        raw, sheet, coord = found
        text = as_text(raw)
        if text is None:
            return None
        ref = sheet_ref(sheet, coord)
        if field_name not in fmt.DATE_FIELDS:
            return Value(text, ref)
        day = parse_date(raw)
        if day is None:
            self.issue(
                f"'{_shown(text)}' is not a date ({HINT}): kept as text",
                sheet=sheet,
                cell=coord,
                field_name=field_name,
                severity="warning",
            )
        return Value(uk_date(day) if day and not isinstance(raw, str) else text, ref, day)


def _load(path: Path, result: ReadResult) -> Workbook | None:
    from openpyxl import load_workbook

    try:
        data = path.read_bytes()
    except OSError as exc:
        result.issues.append(Issue(Location(result.file), f"cannot be read ({exc.strerror or exc})"))
        return None
    try:
        with warnings.catch_warnings():
            # Workbooks saved by Excel carry extensions openpyxl warns about and ignores.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        result.issues.append(
            Issue(Location(result.file), "not an Excel workbook (.xlsx), or a damaged one: the plan cannot be read")
        )
        return None


def read_plan(path: Path, project: Project | None = None) -> ReadResult:
    """Read the filled plan at ``path``; never modifies the file and never raises on its contents.

    With ``project``, the plan is also placed against the content: its actions,
    objectives and editions, and the force it names.
    """
    result = ReadResult(file=display_path(path))
    wb = _load(path, result)
    if wb is None:
        result.force_key = _force_from_filename(project, path)
        return result
    cells = _Cells(wb, result, {})
    kind = cells.meta(fmt.KIND_NAME, quiet=True)
    if kind == fmt.SUMMARY_KIND:
        result.own_output = True
        return result
    if kind != fmt.KIND:
        what = f" (its nvap_kind is '{_shown(kind)}')" if kind else ""
        result.issues.append(Issue(Location(result.file), f"not an nvap realisation plan{what}: make plans with 'nvap plan'"))
        result.force_key = _force_from_cells(project, wb, cells) or _force_from_filename(project, path)
        return result
    version_text = cells.meta(fmt.FORMAT_NAME, quiet=True)
    version = int(version_text) if version_text and version_text.isdigit() else (1 if version_text is None else 0)
    force_key = cells.meta(fmt.FORCE_NAME)
    result.force_key = force_key if project is None or force_key in project.forces.forces else None
    if version not in fmt.VERSIONS:
        newer = version > fmt.VERSION
        result.issues.append(
            Issue(
                Location(result.file),
                (
                    f"the plan is in format {_shown(version_text or '')}, made by a newer nvap than this one (which reads formats "
                    f"up to {fmt.VERSION}): update nvap"
                    if newer
                    else f"the plan's format '{_shown(version_text or '')}' is not one nvap knows"
                ),
            )
        )
        result.force_key = result.force_key or _force_from_cells(project, wb, cells) or _force_from_filename(project, path)
        return result
    force_name = cells.meta(fmt.FORCE_NAME_NAME)
    action_ids = (cells.meta(fmt.ACTIONS_NAME) or "").split()
    cells.labels = _labels(project, action_ids)
    if not action_ids:
        cells.issue("the plan lists no actions (its nvap_actions cell is empty)")
    lang = cells.meta(fmt.LANG_NAME, quiet=True) or "en"
    actions = {a: _read_action(cells, project, a, force_key, force_name, lang=lang) for a in action_ids}
    result.plan = FilledPlan(
        format=version,
        lang=lang,
        nvap_version=cells.meta(fmt.VERSION_NAME),
        force_key=force_key,
        force_name=force_name,
        actions=actions,
    )
    if project is not None and force_key is not None and force_key not in project.forces.forces:
        cells.issue(f"the plan is for the force '{_shown(force_key)}', which the reference data does not list")
    if result.force_key is None:
        result.force_key = _force_from_cells(project, wb, cells)
    return result


def _labels(project: Project | None, action_ids: list[str]) -> dict[str, str]:
    """Each field's label as a force sees it on the plan ("Date Prepared"), for locating issues.

    The labels of the programme the plan's actions belong to.
    """
    if project is None or not project.programmes:
        return {}
    from ..render.prose import Prose

    plain = Prose(project).plain
    form = project.programme_of_actions(action_ids).realisation_plan
    names = ("force", *fmt.HEADER_FIELDS, "impact_owner", *fmt.IMPACT_FIELDS)
    return {name: plain(getattr(form, name).label) for name in names}


def _read_action(
    cells: _Cells, project: Project | None, action_id: str, force_key: str | None, force_name: str | None, *, lang: str = "en"
) -> FilledAction:
    edition = cells.meta(fmt.meta_name(action_id, "hash"))
    objective_ids = (cells.meta(fmt.meta_name(action_id, "objectives")) or "").split()
    force_found = cells.raw(fmt.header_name(action_id, "force"))
    force = None
    sheet = ""
    if force_found is not None:
        raw, sheet, coord = force_found
        text = as_text(raw)
        force = Value(text, sheet_ref(sheet, coord)) if text else None
        _check_force(cells, project, force, sheet, coord, force_key, force_name)
    header = {f: cells.value(fmt.header_name(action_id, f), f) for f in fmt.HEADER_FIELDS}
    objectives = {o: _read_objective(cells, action_id, o) for o in objective_ids}
    if project is not None:
        _place(cells, project, action_id, edition, objective_ids, lang)
    return FilledAction(id=action_id, edition=edition, sheet=sheet, force=force, header=header, objectives=objectives)


def _read_objective(cells: _Cells, action_id: str, objective_id: str) -> FilledObjective:
    impacts = {
        attr: {f: cells.value(fmt.objective_name(action_id, objective_id, f, part), f) for f in fmt.IMPACT_FIELDS}
        for part, attr in fmt.COLUMNS
    }
    owner = cells.value(fmt.objective_name(action_id, objective_id, "impact_owner"), "impact_owner")
    return FilledObjective(id=objective_id, impact_owner=owner, impacts=impacts)


def _check_force(
    cells: _Cells, project: Project | None, written: Value | None, sheet: str, coord: str, key: str | None, name: str | None
) -> None:
    """The force on a sheet must be the plan's own (a force's name for itself is fine)."""
    from ..content.forces import find_force, normalise

    made_for = name or key
    if made_for is None:
        return
    if written is None:
        cells.issue(f"the force is blank (the plan was made for {_shown(made_for)})", sheet=sheet, cell=coord, field_name="force")
        return
    if project is not None and key is not None and key in project.forces.forces:
        try:
            same = find_force(project.forces, written.text)[0] == key
        except NvapError:
            same = False
    else:
        same = normalise(written.text) == normalise(name or "")
    if not same:
        cells.issue(
            f"names the force '{_shown(written.text)}', but the plan was made for {_shown(made_for)}",
            sheet=sheet,
            cell=coord,
            field_name="force",
        )


# -- placing the answers against the content ------------------------------------------------------


def _place(
    cells: _Cells, project: Project, action_id: str, edition: str | None, objective_ids: list[str], lang: str = "en"
) -> None:
    """Check that every answer has a place in the current content, and say what changed since the plan was made.

    A plan in another language (``nvap_lang``) is compared with the sheet its language's catalogues make now.
    """
    from ..render.prose import Prose
    from ..render.views import action_form

    action = project.actions.get(action_id)
    if action is None:
        cells.issue(
            f"the plan is for action {_shown(action_id)}, which the content no longer has a toolkit for: "
            "its answers are reported under that action but not counted"
        )
        return
    current = {o.id: n for n, o in enumerate(action.objectives, start=1)}
    gone = [o for o in objective_ids if o not in current]
    for objective_id in gone:
        cells.issue(
            f"objective '{_shown(objective_id)}' of action {action_id} is no longer in the toolkit: "
            "its answers are reported under that objective but the plan is not counted"
        )
    for objective_id, number in current.items():
        if objective_id not in objective_ids:
            cells.issue(
                f"objective {number} ('{objective_id}') of action {action_id} was added after this plan was made: "
                "it has no answers in this plan",
                severity="warning",
            )
    from ..i18n.plans import field_labels, in_plan_language

    shown = in_plan_language(project, lang)
    form = action_form(shown, shown.actions[action_id], Prose(shown))
    if edition == project.content_hash(action):
        # The edition is the English content's: a plan in another language may show an older translation.
        translated = field_labels(project, shown, action_id) if shown is not project else None
        _check_layout(cells, action, form, objective_ids, translated)
    elif not gone:
        changes = _changes(cells, form, [o for o in objective_ids if o in current])
        listed = "; ".join(changes) if changes else "its wording differs in what the plan does not show"
        cells.issue(
            f"the plan was made from an earlier edition of the toolkit for action {action_id}: {listed}. "
            "Its answers were placed by their ids",
            severity="warning",
        )


def _label_beside(ws: Worksheet, coord: str) -> str | None:
    found = as_text(ws.cell(row=ws[coord].row, column=1).value)
    return " ".join(found.split()) if found else None


def _check_layout(
    cells: _Cells, action: Action, form: ActionForm, objective_ids: list[str], translated: dict[str, set[str]] | None = None
) -> None:
    """Of a plan of the current edition: the first input whose row no longer carries its label.

    Excel and LibreOffice move a defined name with its cell, so rows a force
    inserts or deletes are harmless; a sheet changed any other way (cells moved
    by a script, labels overwritten) leaves names pointing at the wrong inputs.
    """
    expected = [(fmt.header_name(action.id, f), f) for f in ("force", *fmt.HEADER_FIELDS)]
    for objective_id in objective_ids:
        expected.append((fmt.objective_name(action.id, objective_id, "impact_owner"), "impact_owner"))
        expected += [
            (fmt.objective_name(action.id, objective_id, f, part), f) for f in fmt.IMPACT_FIELDS for part, _ in fmt.COLUMNS
        ]
    for name, field_name in expected:
        where = cells.locate(name, quiet=True)  # a name that is gone is reported when its cell is read
        if where is None:
            continue
        ws, coord = where
        found = _label_beside(ws, coord)
        label = " ".join(form.labels[field_name].split())
        if (
            found != label
            and translated is not None
            and found
            and not any(found in names for other, names in translated.items() if other != field_name)
        ):
            continue  # a label the translation has changed since (or English then): not another field's, so not moved
        if found != label:
            beside = f"is labelled '{_shown(found)}'" if found else "has no label"
            cells.issue(
                f"the sheet's layout was changed: the cell named {name} should be beside '{_shown(label)}', but its row "
                f"{beside} (copy the entries into a new plan from 'nvap plan')",
                sheet=ws.title,
                cell=coord,
            )
            return


def _changes(cells: _Cells, form: ActionForm, objective_ids: list[str]) -> list[str]:
    """What the plan's sheet shows that the current toolkit words differently, each named."""
    changes: list[str] = []
    by_id = {o.id: o for o in form.objectives}

    def differs(shown_text: Any, now: str) -> bool:
        return " ".join((as_text(shown_text) or "").split()) != " ".join(now.split())

    for objective_id in objective_ids:
        objective = by_id[objective_id]
        what = f"objective {objective.number} ('{objective_id}')"
        owner = cells.locate(fmt.objective_name(form.id, objective_id, "impact_owner"), quiet=True)
        if owner is not None:
            ws, coord = owner
            if differs(ws.cell(row=ws[coord].row - 1, column=2).value, objective.statement):
                changes.append(f"the statement of {what} was reworded")
        first = cells.locate(fmt.objective_name(form.id, objective_id, fmt.IMPACT_FIELDS[0], fmt.COLUMNS[0][0]), quiet=True)
        if first is not None:
            ws, coord = first
            for offset, (part, _) in enumerate(fmt.COLUMNS):
                if differs(ws.cell(row=ws[coord].row - 1, column=2 + offset).value, form.impacts[part]):
                    changes.append(f"the {form.labels[fmt.COLUMNS[offset][1]]} description was reworded")
        for field_name in fmt.LIST_FIELDS:
            shown_options = _list_options(cells, fmt.list_name(form.id, objective_id, field_name))
            if shown_options is not None and [" ".join(o.split()) for o in shown_options] != [
                " ".join(o.split()) for o in objective.options[field_name]
            ]:
                changes.append(f"the {form.labels[field_name]} choices of {what} changed")
    return list(dict.fromkeys(changes))


def _list_options(cells: _Cells, name: str) -> list[str] | None:
    defined = cells.wb.defined_names.get(name)
    if defined is None:
        return None
    try:
        ((sheet, ref),) = list(defined.destinations)
    except Exception:
        return None
    sheet = sheet.replace("''", "'")
    if sheet not in cells.wb.sheetnames:
        return None
    ws = cells.wb[sheet]
    rows = ws[ref.replace("$", "")]
    rows = rows if isinstance(rows, tuple) else ((rows,),)
    return [as_text(row[0].value) or "" for row in rows if isinstance(row, tuple)]


# -- which force a file that cannot be read names --------------------------------------------------


_FORCE_CELL = re.compile(rf"{fmt.PREFIX}_[a-z0-9_]+_force")


def _force_from_cells(project: Project | None, wb: Workbook, cells: _Cells) -> str | None:
    """The force a workbook names in its metadata or on a sheet's Force cell, if any."""
    if project is None:
        return None
    from ..content.forces import find_force

    key = cells.meta(fmt.FORCE_NAME, quiet=True)
    if key in project.forces.forces:
        return key
    names = [cells.meta(fmt.FORCE_NAME_NAME, quiet=True)]
    names += [cells.meta(n, quiet=True) for n in sorted(wb.defined_names) if _FORCE_CELL.fullmatch(n)]
    for name in names:
        if name:
            try:
                return find_force(project.forces, name)[0]
            except NvapError:
                continue
    return None


def _force_from_filename(project: Project | None, path: Path) -> str | None:
    """The force whose plan file name this is (``norfolk-constabulary-realisation-plan.xlsx``), if any."""
    if project is None:
        return None
    from ..content.forces import plan_filename, slug

    name = re.sub(r"\.[a-z]{2,3}(?:_[a-z]{2})?(?=\.xlsx$)", "", path.name.lower())  # a plan in another language: .cy.xlsx
    stem = slug(Path(name).stem)
    for key, force in project.forces.forces.items():
        if name == plan_filename(force) or stem == slug(force.name):
            return key
    return None
