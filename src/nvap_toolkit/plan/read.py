"""Read a filled realisation plan back, from any format version that shipped, losing nothing.

The file is opened as a ``Book`` (``sheets.files``): every cell as the force's
program shows it, values hidden in merged ranges, notes and formulas kept.  Every
input is read by its defined name (``plan.format``), as the force saw it, its
stored value kept beside it when that differs (``75%`` stored as ``0.75``).  The
hidden metadata sheet helps but is not needed: without it the plan is read by its
cell names, with a warning saying what was assumed.

A value that cannot be read as what its cell wants (a date) is kept as text with
a warning; a formula's value is read with a note, an error or a formula never
calculated is reported by cell and label; a plan made from an earlier edition of
a toolkit is read, its answers placed by id, with a warning naming each wording
that changed.  Only what makes the answers impossible to place is an error (the
file is then not counted, but whatever could be read is still returned): a file
that is no plan, a plan made by a newer nvap, an action or objective the content
no longer has, inputs deleted or moved, a force other than the plan's own.
Words written outside the inputs are returned too (``ReadResult.outside``).  An
input file is only ever read, and nothing in it raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NvapError, display_path
from ..issues import Issue, Location, sheet_ref
from ..sheets.book import Book, Cell, Sheet, cells_between, split_coord
from . import format as fmt
from .dates import HINT, parse_date
from .model import FilledAction, FilledObjective, FilledPlan, OutsideText, Value

if TYPE_CHECKING:
    from ..content.project import Project
    from ..records.content import Action
    from .form import ActionForm


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
    unreadable: str | None = None
    """What the file is when it cannot be read as a workbook (``password-protected``, ``xls``, ``empty``...)."""
    saved: datetime | None = None
    """When the file was last saved, from its document properties."""
    book_kind: str | None = None
    """What the file was read as (``Excel workbook``, ``OpenDocument spreadsheet``...)."""
    outside: list[OutsideText] = field(default_factory=list)
    """Words written outside the form's inputs: beside the form, on added sheets, in notes."""

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


def as_text(cell: Cell | None) -> str | None:
    """A cell's text as the force saw it: None for an empty cell (or only spaces).

    Word's manual line break (``_x000B_`` in the file) is shown as the line break it is.
    """
    if cell is None:
        return None
    text = cell.shown.replace("\x0b", "\n")
    return text if text.strip() else None


_GONE_AFTER = (
    "Run 'nvap plan --upgrade FILE' to carry the answers that are left into a fresh plan, "
    "and ask the force to fill in the rest again"
)


class _Cells:
    """Reads the named cells of one workbook, collecting located issues and the cells read."""

    def __init__(self, book: Book, result: ReadResult, labels: dict[str, str]) -> None:
        self.book = book
        self.result = result
        self.labels = labels
        self.read: set[tuple[str, int, int]] = set()
        """(sheet, row, column) of every named cell read: the form's inputs, not words outside it."""
        self.gone: list[tuple[str, str]] = []
        """(name, field) of inputs whose cells are gone (rows or columns deleted, names removed)."""

    def issue(
        self,
        message: str,
        *,
        sheet: str = "",
        cell: str = "",
        field_name: str = "",
        severity: str = "error",
        upgradable: bool = False,
    ) -> None:
        label = self.labels.get(field_name, "") if field_name else ""
        where = Location(self.result.file, sheet=sheet, cell=cell, label=label)
        self.result.issues.append(Issue(where, message, severity, upgradable=upgradable))

    def locate(self, name: str, *, quiet: bool = False, field_name: str = "") -> tuple[Sheet, str] | None:
        """The sheet and cell ``name`` refers to; None (noted as gone, unless ``quiet``) when it refers to no cell."""
        found = self.book.destination(name)
        if found is None or found[1] != found[2]:
            if not quiet:
                self.gone.append((name, field_name))
            return None
        sheet, coord, _ = found
        return sheet, coord

    def raw(self, name: str, *, quiet: bool = False, field_name: str = "") -> tuple[Cell | None, Sheet, str] | None:
        """``(cell, sheet, coord)`` of a named cell (the cell None when empty)."""
        where = self.locate(name, quiet=quiet, field_name=field_name)
        if where is None:
            return None
        sheet, coord = where
        row, col = split_coord(coord)
        self.read.add((sheet.title, row, col))
        return sheet.cell(row, col), sheet, coord

    def meta(self, name: str, *, quiet: bool = True) -> str | None:
        found = self.raw(name, quiet=quiet)
        return None if found is None else (as_text(found[0]) or "").strip() or None

    def value(self, name: str, field_name: str) -> Value | None:
        """An input as the force saw it; a date input read as a date too (kept as text when it is none)."""
        found = self.raw(name, field_name=field_name)
        if found is None:
            return None
        cell, sheet, coord = found
        if cell is None:
            return None

        def warn(message: str) -> None:
            self.issue(message, sheet=sheet.title, cell=coord, field_name=field_name, severity="warning")

        text = as_text(cell)
        if cell.uncalculated:
            text = f"={cell.formula}"
            warn(
                f"holds a formula whose value was never calculated ({_shown(text)}): reported as the formula; "
                "open the plan in Excel or LibreOffice and save it again to calculate it"
            )
        elif cell.error is not None:
            typed = f" (its formula: ={_shown(cell.formula)})" if cell.formula else ""
            warn(f"shows the error {cell.error}{typed}: reported as shown; ask the force what it meant")
        elif cell.formula is not None and text is not None:
            warn(f"holds a formula (={_shown(cell.formula)}): its calculated value '{_shown(text)}' was read")
        if cell.hidden_by is not None and text is not None:
            warn(
                f"is hidden inside cells merged from {cell.hidden_by}: its text was read from the file "
                "(unmerge the cells to see it)"
            )
        if text is None:
            return None
        stored = cell.stored if cell.stored != text and not cell.uncalculated else None
        formula = cell.formula
        ref = sheet_ref(sheet.title, coord)
        if field_name not in fmt.DATE_FIELDS:
            return Value(text, ref, stored=stored, formula=formula)
        day = _date_of(cell, text)
        if day is None:
            warn(f"'{_shown(text)}' is not a date ({HINT}): kept as text")
        return Value(text, ref, day, stored=stored, formula=formula)


def _date_of(cell: Cell, text: str) -> date | None:
    """The date a date input holds: a real date (its serial number), else text read the British way."""
    if cell.is_date and cell.number is not None:
        return parse_date(cell.number)
    if cell.is_date and cell.stored[:4].isdigit():  # Strict Open XML stores dates as ISO text
        try:
            return datetime.fromisoformat(cell.stored.removesuffix("Z")).date()
        except ValueError:
            pass
    return parse_date(text)


def _load(path: Path, result: ReadResult) -> Book | None:
    from ..sheets.files import Unreadable, open_book

    try:
        return open_book(path)
    except Unreadable as exc:
        result.unreadable = exc.what
        result.issues.append(Issue(Location(result.file), exc.message))
    except OSError as exc:
        result.unreadable = "unreadable"
        result.issues.append(Issue(Location(result.file), f"cannot be read ({exc.strerror or exc})"))
    return None


def read_plan(path: Path, project: Project | None = None) -> ReadResult:
    """Read the filled plan at ``path``; never modifies the file and never raises on its contents.

    With ``project``, the plan is also placed against the content: its actions,
    objectives and editions, and the force it names.
    """
    result = ReadResult(file=display_path(path))
    book = _load(path, result)
    if book is None:
        result.force_key = _force_from_filename(project, path)
        return result
    result.saved = book.modified
    result.book_kind = book.kind
    cells = _Cells(book, result, {})
    kind = cells.meta(fmt.KIND_NAME)
    if kind == fmt.SUMMARY_KIND:
        result.own_output = True
        return result
    inferred = None
    if kind != fmt.KIND:
        inferred = _infer(book, project) if kind is None else None
        if inferred is None:
            what = f" (its nvap_kind is '{_shown(kind)}')" if kind else ""
            result.issues.append(Issue(Location(result.file), f"not an nvap realisation plan{what}: make plans with 'nvap plan'"))
            result.force_key = _force_from_cells(project, book, cells) or _force_from_filename(project, path)
            return result
    _read(result, book, cells, project, path, inferred)
    return result


@dataclass(frozen=True)
class _Inferred:
    """What a plan without its metadata sheet was taken to be, from its cell names."""

    action_ids: list[str]
    objectives: dict[str, list[str]]


def _infer(book: Book, project: Project | None) -> _Inferred | None:
    """A plan whose metadata sheet was cleared or deleted, read by its input names; None when it has none."""
    if project is None:
        return None
    actions = [a for a in project.actions.values() if fmt.header_name(a.id, "force") in book.names]
    if not actions:
        return None
    objectives = {
        a.id: [o.id for o in a.objectives if fmt.objective_name(a.id, o.id, "impact_owner") in book.names] for a in actions
    }
    return _Inferred([a.id for a in actions], objectives)


def _read(result: ReadResult, book: Book, cells: _Cells, project: Project | None, path: Path, inferred: _Inferred | None) -> None:
    if inferred is None:
        version_text = cells.meta(fmt.FORMAT_NAME)
        version = int(version_text) if version_text and version_text.isdigit() else (1 if version_text is None else 0)
    else:
        version_text, version = str(fmt.VERSION), fmt.VERSION
    force_key = cells.meta(fmt.FORCE_NAME, quiet=inferred is not None)
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
        result.force_key = result.force_key or _force_from_cells(project, book, cells) or _force_from_filename(project, path)
        return
    if inferred is not None:
        force_key = _force_from_cells(project, book, cells) or _force_from_filename(project, path)
        result.force_key = force_key
        force_name = project.forces.forces[force_key].name if project and force_key else None
        action_ids = inferred.action_ids
    else:
        force_name = cells.meta(fmt.FORCE_NAME_NAME, quiet=False)
        action_ids = (cells.meta(fmt.ACTIONS_NAME, quiet=False) or "").split()
    cells.labels = _labels(project, action_ids)
    if not action_ids:
        cells.issue("the plan lists no actions (its nvap_actions cell is empty)")
    lang = (cells.meta(fmt.LANG_NAME) if inferred is None else None) or "en"
    actions = {
        a: _read_action(cells, project, a, force_key, force_name, lang=lang, inferred=inferred is not None) for a in action_ids
    }
    result.plan = FilledPlan(
        format=version,
        lang=lang,
        nvap_version=cells.meta(fmt.VERSION_NAME),
        force_key=force_key,
        force_name=force_name,
        actions=actions,
    )
    if inferred is not None:
        assumed = ", ".join(f"action {a} ({len(inferred.objectives[a])} objectives)" for a in action_ids)
        whose = f"for {force_name} (named on its sheet or in its file name)" if force_name else "for no force it names"
        result.issues.append(
            Issue(
                Location(result.file, sheet=fmt.META_SHEET if fmt.META_SHEET in book.sheets else ""),
                f"the plan's hidden '{fmt.META_SHEET}' sheet was cleared or deleted: the plan was read by its cell names, "
                f"as a plan {whose} of {assumed}, made from the current edition",
                "warning",
            )
        )
    if project is not None and force_key is not None and force_key not in project.forces.forces:
        cells.issue(f"the plan is for the force '{_shown(force_key)}', which the reference data does not list")
    if result.force_key is None:
        result.force_key = _force_from_cells(project, book, cells) or _force_from_filename(project, path)
    _outside(result, book, cells, project, action_ids, lang=lang)


def _outside(
    result: ReadResult, book: Book, cells: _Cells, project: Project | None, action_ids: list[str], lang: str = "en"
) -> None:
    from .outside import outside_texts

    force = project.forces.forces.get(result.force_key or "") if project is not None else None
    result.outside = outside_texts(book, cells.read, project, action_ids, lang=lang, force=force)


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
    cells: _Cells,
    project: Project | None,
    action_id: str,
    force_key: str | None,
    force_name: str | None,
    *,
    lang: str = "en",
    inferred: bool = False,
) -> FilledAction:
    if inferred:
        assert project is not None
        edition: str | None = project.content_hash(project.actions[action_id])
        objective_ids = [
            o.id
            for o in project.actions[action_id].objectives
            if fmt.objective_name(action_id, o.id, "impact_owner") in cells.book.names
        ]
    else:
        edition = cells.meta(fmt.meta_name(action_id, "hash"), quiet=False)
        objective_ids = (cells.meta(fmt.meta_name(action_id, "objectives"), quiet=False) or "").split()
    gone_before = len(cells.gone)
    force_found = cells.raw(fmt.header_name(action_id, "force"), field_name="force")
    force = None
    sheet = ""
    if force_found is not None:
        raw, found_sheet, coord = force_found
        sheet = found_sheet.title
        text = as_text(raw)
        force = Value(text, sheet_ref(sheet, coord)) if text else None
        _check_force(cells, project, force, sheet, coord, force_key, force_name)
    header = {f: cells.value(fmt.header_name(action_id, f), f) for f in fmt.HEADER_FIELDS}
    objectives = {o: _read_objective(cells, action_id, o) for o in objective_ids}
    sheet = sheet or _sheet_of(cells, action_id, objective_ids)
    _report_gone(cells, project, action_id, sheet, cells.gone[gone_before:])
    if project is not None:
        _place(cells, project, action_id, edition, objective_ids, lang)
    return FilledAction(id=action_id, edition=edition, sheet=sheet, force=force, header=header, objectives=objectives)


def _sheet_of(cells: _Cells, action_id: str, objective_ids: list[str]) -> str:
    """The sheet an action's inputs are on, from any of its names that still refers to a cell."""
    names = [fmt.header_name(action_id, f) for f in fmt.HEADER_FIELDS]
    names += [fmt.objective_name(action_id, o, "impact_owner") for o in objective_ids]
    for name in names:
        found = cells.book.destination(name)
        if found is not None:
            return found[0].title
    return ""


def _report_gone(cells: _Cells, project: Project | None, action_id: str, sheet: str, gone: list[tuple[str, str]]) -> None:
    """One error for every input of an action's sheet whose cell is gone, saying which and what to do."""
    if not gone:
        return
    described = [_describe(project, action_id, name, field_name) for name, field_name in gone]
    shown = "; ".join(described[:8]) + (f"; and {len(described) - 8} more" if len(described) > 8 else "")
    cells.issue(
        (
            f"{len(gone)} input cells of action {action_id} no longer exist"
            if len(gone) > 1
            else f"an input cell of action {action_id} no longer exists"
        )
        + f" (rows or columns were deleted, or names removed), so {'their answers' if len(gone) > 1 else 'its answer'} "
        f"cannot be read: {shown}. {_GONE_AFTER.replace('FILE', cells.result.file)}",
        sheet=sheet,
        upgradable=True,
    )


def _describe(project: Project | None, action_id: str, name: str, field_name: str) -> str:
    """An input as the force knows it: its label, and its objective and column ("Activity, objective 1, External")."""
    label = field_name or name
    if project is None or not project.programmes or action_id not in project.actions:
        return f"{label} ({name})"
    from ..render.prose import Prose

    plain = Prose(project).plain
    form = project.programme_of_actions([action_id]).realisation_plan
    if field_name and hasattr(form, field_name):
        label = plain(getattr(form, field_name).label)
    parts = [label]
    for number, objective in enumerate(project.actions[action_id].objectives, start=1):
        if name.startswith(fmt.objective_name(action_id, objective.id, "")):
            parts.append(f"objective {number}")
            for part, attr in fmt.COLUMNS:
                if name.endswith(f"_{part}_{field_name}"):
                    parts.append(plain(getattr(form, attr).label))
    return ", ".join(parts)


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
    action = project.actions.get(action_id)
    if action is None:
        cells.issue(
            f"the plan is for action {_shown(action_id)}, which the content no longer has a toolkit for: "
            "its answers are reported under that action but not counted",
            upgradable=True,
        )
        return
    current = {o.id: n for n, o in enumerate(action.objectives, start=1)}
    gone = [o for o in objective_ids if o not in current]
    for objective_id in gone:
        cells.issue(
            f"objective '{_shown(objective_id)}' of action {action_id} is no longer in the toolkit: "
            "its answers are reported under that objective but the plan is not counted",
            upgradable=True,
        )
    for objective_id, number in current.items():
        if objective_id not in objective_ids:
            cells.issue(
                f"objective {number} ('{objective_id}') of action {action_id} was added after this plan was made: "
                "it has no answers in this plan",
                severity="warning",
            )
    form, translated = _form(project, action_id, lang)
    if edition == project.content_hash(action):
        # The edition is the English content's: a plan in another language may show an older translation.
        _check_layout(cells, action, form, objective_ids, translated)
    elif not gone:
        changes = _changes(cells, form, [o for o in objective_ids if o in current])
        listed = "; ".join(changes) if changes else "its wording differs in what the plan does not show"
        cells.issue(
            f"the plan was made from an earlier edition of the toolkit for action {action_id}: {listed}. "
            "Its answers were placed by their ids",
            severity="warning",
        )


def _form(project: Project, action_id: str, lang: str) -> tuple[ActionForm, dict[str, set[str]] | None]:
    """What the sheet of ``action_id`` shows in ``lang`` now, and (in another language) each field's labels; worked out once."""
    key = ("plan form", action_id, lang)
    if key not in project.derived:
        from ..render.prose import Prose
        from .form import action_form
        from .languages import field_labels, in_plan_language

        shown = in_plan_language(project, lang)
        form = action_form(shown, shown.actions[action_id], Prose(shown))
        project.derived[key] = (form, field_labels(project, shown, action_id) if shown is not project else None)
    found: tuple[ActionForm, dict[str, set[str]] | None] = project.derived[key]
    return found


def _label_beside(sheet: Sheet, coord: str) -> str | None:
    found = as_text(sheet.cell(split_coord(coord)[0], 1))
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
                f"{beside}: check the answers beside their labels, then run 'nvap plan --upgrade {cells.result.file}' "
                "to carry them into a fresh plan",
                sheet=ws.title,
                cell=coord,
                upgradable=True,
            )
            return


def _changes(cells: _Cells, form: ActionForm, objective_ids: list[str]) -> list[str]:
    """What the plan's sheet shows that the current toolkit words differently, each named."""
    changes: list[str] = []
    by_id = {o.id: o for o in form.objectives}

    def differs(shown_cell: Cell | None, now: str) -> bool:
        return " ".join((as_text(shown_cell) or "").split()) != " ".join(now.split())

    for objective_id in objective_ids:
        objective = by_id[objective_id]
        what = f"objective {objective.number} ('{objective_id}')"
        owner = cells.locate(fmt.objective_name(form.id, objective_id, "impact_owner"), quiet=True)
        if owner is not None:
            ws, coord = owner
            if differs(ws.cell(split_coord(coord)[0] - 1, 2), objective.statement):
                changes.append(f"the statement of {what} was reworded")
        first = cells.locate(fmt.objective_name(form.id, objective_id, fmt.IMPACT_FIELDS[0], fmt.COLUMNS[0][0]), quiet=True)
        if first is not None:
            ws, coord = first
            for offset, (part, _) in enumerate(fmt.COLUMNS):
                if differs(ws.cell(split_coord(coord)[0] - 1, 2 + offset), form.impacts[part]):
                    changes.append(f"the {form.labels[fmt.COLUMNS[offset][1]]} description was reworded")
        for field_name in fmt.LIST_FIELDS:
            shown_options = _list_options(cells, fmt.list_name(form.id, objective_id, field_name))
            if shown_options is not None and [" ".join(o.split()) for o in shown_options] != [
                " ".join(o.split()) for o in objective.options[field_name]
            ]:
                changes.append(f"the {form.labels[field_name]} choices of {what} changed")
    return list(dict.fromkeys(changes))


def _list_options(cells: _Cells, name: str) -> list[str] | None:
    found = cells.book.destination(name)
    if found is None:
        return None
    sheet, first, last = found
    return [as_text(sheet.cells.get(rc)) or "" for rc in cells_between(first, last)]


# -- which force a file that cannot be read names --------------------------------------------------


_FORCE_CELL = re.compile(rf"{fmt.PREFIX}_[a-z0-9_]+_force")


def _force_from_cells(project: Project | None, book: Book, cells: _Cells) -> str | None:
    """The force a workbook names in its metadata or on a sheet's Force cell, if any."""
    if project is None:
        return None
    from ..content.forces import find_force

    key = cells.meta(fmt.FORCE_NAME, quiet=True)
    if key in project.forces.forces:
        return key
    names = [cells.meta(fmt.FORCE_NAME_NAME, quiet=True)]
    names += [cells.meta(n, quiet=True) for n in sorted(book.names) if _FORCE_CELL.fullmatch(n)]
    for name in names:
        if name:
            try:
                return find_force(project.forces, name)[0]
            except NvapError:
                continue
    return None


def _force_from_filename(project: Project | None, path: Path) -> str | None:
    """The force a file's name names: its plan's own name (``norfolk-constabulary-realisation-plan.xlsx``), or as people name it."""
    if project is None:
        return None
    from ..content.forces import force_in_name, plan_filename, slug

    name = re.sub(r"\.[a-z]{2,3}(?:_[a-z]{2})?(?=\.(?:xlsx|ods)$)", "", path.name.lower())  # another language: .cy.xlsx
    name = re.sub(r"\.ods$", ".xlsx", name)
    stem = slug(Path(name).stem)
    for key, force in project.forces.forces.items():
        if name == plan_filename(force) or stem == slug(force.name):
            return key
    return force_in_name(project.forces, Path(path.name).stem)
