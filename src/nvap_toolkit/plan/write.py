"""``nvap plan``: a fillable Impact Realisation Plan workbook per force (format ``plan.format.VERSION``).

The workbook holds, in order: the cover (the title, the editions, the toolkit's
questions to ask before planning, every sheet with what it holds and a link to
it, the hidden sheets explained, the contact), one plan sheet per action (drawn
by ``plan.sheet``), then the very hidden ``nvap_lists`` and ``nvap``
(metadata) sheets that ``plan.format`` describes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import NvapError, UsageError
from . import format as fmt

if TYPE_CHECKING:
    from openpyxl import Workbook

    from ..content.project import Project
    from ..records.content import Action, Force, WorkbookLabels
    from ..render.prose import Prose
    from ..writer import Output
    from .form import ActionForm, InstructionsForm

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


def left_out_drafts(project: Project, action_ids: list[str] | None, programme: str | None = None) -> list[Action]:
    """The draft actions a plan leaves out (all of them, when no action is named and drafts are not asked for)."""
    if action_ids:
        return []
    return [a for a in project.actions.values() if a.status == "draft" and (programme is None or a.plan == programme)]


def choose_actions(
    project: Project, action_ids: list[str] | None, programme: str | None = None, *, include_drafts: bool = False
) -> list[Action]:
    """The actions asked for, in the content's order (all of them, or all of ``programme``'s, when none are named).

    A plan holds the actions of one programme (its instructions and labels are that programme's).
    A draft toolkit goes into a plan only with ``include_drafts`` (its sheet then says
    "Draft – not for use"): drafts must not reach forces by accident.
    """
    from ..content.forces import shown

    if programme is not None and programme not in project.programmes:
        raise UsageError(f"unknown programme '{shown(programme)}': the content has " + ", ".join(project.programmes))
    drafts = [a.id for a in project.actions.values() if a.status == "draft"]
    named_drafts = [a.strip() for a in action_ids or [] if a.strip() in drafts]
    if named_drafts and not include_drafts:
        raise UsageError(
            f"action {named_drafts[0]} is a draft: give --include-drafts to put it in a plan "
            "(its sheet will say it is a draft, not for use)"
        )
    candidates = [
        a
        for a in project.actions.values()
        if (programme is None or a.plan == programme) and (include_drafts or a.status != "draft")
    ]
    if not candidates and drafts:
        raise NvapError("every action toolkit is a draft: give --include-drafts to make a plan of drafts (not for forces)")
    if not candidates:
        raise NvapError(
            "the content has no action toolkits to make plans from" + (f" in the programme {programme}" if programme else "")
        )
    if not action_ids:
        chosen = candidates
    else:
        for action_id in action_ids:
            if action_id.strip() not in {a.id for a in candidates}:
                raise UsageError(
                    f"unknown action '{shown(action_id)}': the content has toolkits for " + ", ".join(a.id for a in candidates)
                )
        wanted = {a.strip() for a in action_ids}
        chosen = [a for a in candidates if a.id in wanted]
    programmes = sorted({a.plan for a in chosen})
    if len(programmes) > 1:
        raise UsageError(
            "the actions belong to several programmes (" + ", ".join(programmes) + "): a plan holds one programme's actions; "
            "choose one with --programme ID (or --action ID)"
        )
    return chosen


def plan_outputs(
    project: Project,
    out_dir: Path,
    force_names: list[str] | None = None,
    *,
    all_forces: bool = False,
    action_ids: list[str] | None = None,
    programme: str | None = None,
    lang: str = "en",
    include_drafts: bool = False,
    file_format: str = "xlsx",
) -> list[Output]:
    """Render one plan workbook per chosen force, in memory (nothing is written).

    ``file_format``: ``xlsx`` (Excel) or ``ods`` (OpenDocument, the same form: protection,
    dropdowns, input help and the same defined names, so both are read back alike).

    ``lang``: the language of the plan's words (``cy``: from the catalogues, the force's Welsh name). Its
    defined names and metadata are the English plan's but for ``nvap_lang``: its edition (content hash) is
    the English content's, so ``nvap collect`` reads both languages' plans together.
    """
    from ..content.forces import name_in, plan_filename
    from ..render.prose import Prose
    from ..writer import Output
    from .form import action_form, instructions_form

    forces = choose_forces(project, force_names, all_forces=all_forces)
    chosen = choose_actions(project, action_ids, programme, include_drafts=include_drafts)
    shown = _in_language(project, lang)
    actions = [shown.actions[a.id] for a in chosen]
    prose = Prose(shown)
    # Everything a sheet shows is rendered once per action, then written into each force's workbook.
    specs: list[Spec] = [
        (action_form(shown, action, prose), project.content_hash(english), action)
        for action, english in zip(actions, chosen, strict=True)
    ]
    instructions = replace(
        instructions_form(shown, actions[0], prose), editions=tuple(_edition(shown, a, prose) for a in actions)
    )
    words = shown.programme_of(actions[0]).workbook_labels
    titles = _sheet_titles(specs, prose, words)
    outputs: list[Output] = []
    names: dict[str, str] = {}
    for key, force in forces:
        filename = plan_filename(force, lang, file_format)
        if filename in names:
            raise NvapError(f"the forces {names[filename]} and {key} would share the file name {filename}")
        names[filename] = key
        if file_format == "ods":
            from ..sheets.ods import ods_bytes

            wb = plan_workbook(key, force, specs, instructions, titles, lang=lang, words=words)
            data = ods_bytes(wb, title=f"{instructions.instructions_heading}: {name_in(force, lang)}", lang=lang)
        else:
            data = plan_workbook_bytes(key, force, specs, instructions, titles, lang=lang, words=words)
        outputs.append(Output(out_dir / filename, data))
    return outputs


def _in_language(project: Project, lang: str) -> Project:
    """The project a plan in ``lang`` is made from: itself for English, else its translation."""
    if lang == "en":
        return project
    from ..i18n.apply import translated

    return translated(project, lang)


def _edition(project: Project, action: Action, prose: Prose) -> str:
    """The edition a plan sheet was made from, as its instructions list it."""
    from ..render.views import edition_line

    labels = project.programme_of(action).labels
    line = f"{labels.action} {action.id} {prose.plain(action.title)}: {edition_line(labels.edition, action.edition)}"
    return f"{labels.draft_banner}: {line}" if action.status == "draft" else line


def _sheet_titles(specs: list[Spec], prose: Prose, words: WorkbookLabels) -> list[str]:
    """The plan sheets' titles: '<id> <title>', valid, and unique beside the other sheets."""
    from ..sheets.cells import sheet_title

    taken = {sheet_title(words.cover), fmt.LISTS_SHEET, fmt.META_SHEET}
    titles = []
    for _, _, action in specs:
        title = sheet_title(f"{action.id} {prose.plain(action.title)}", taken)
        taken.add(title)
        titles.append(title)
    return titles


def plan_workbook(
    key: str,
    force: Force,
    specs: list[Spec],
    instructions: InstructionsForm,
    titles: list[str],
    *,
    lang: str = "en",
    words: WorkbookLabels,
) -> Workbook:
    """One force's plan workbook: the cover, a sheet per action, the very hidden lists and metadata."""
    from openpyxl import Workbook

    from ..content.forces import name_in
    from ..render.xlsx.cover import set_properties
    from .sheet import write_instructions_sheet, write_plan_sheet

    wb = Workbook()
    first = wb.active
    assert first is not None
    for (spec, _, _), title in zip(specs, titles, strict=True):
        write_plan_sheet(wb, spec, force_name=name_in(force, lang), title=title)
    hidden = [(fmt.LISTS_SHEET, words.lists_sheet)] if fmt.LISTS_SHEET in wb.sheetnames else []
    write_instructions_sheet(
        first,
        instructions,
        force_name=name_in(force, lang),
        sheets=[(t, words.realisation_plan) for t in titles],
        words=words,
        # Each link shows the action line, alone in its cell as every earlier format had it, so that
        # plan.outside knows that text as nvap's in a returned plan of any format.
        shown={t: spec.action_line for (spec, _, _), t in zip(specs, titles, strict=True)},
        hidden=[*hidden, (fmt.META_SHEET, words.plan_meta_sheet)],
    )
    if fmt.LISTS_SHEET in wb.sheetnames:
        lists = wb[fmt.LISTS_SHEET]
        wb.move_sheet(lists, offset=len(wb.sheetnames) - 1 - wb.index(lists))
    _write_metadata(wb, key, force, specs, lang)
    set_properties(
        wb, title=f"{instructions.instructions_heading}: {name_in(force, lang)}", subject=instructions.heading, lang=lang
    )
    wb.active = 0
    return wb


def plan_workbook_bytes(
    key: str,
    force: Force,
    specs: list[Spec],
    instructions: InstructionsForm,
    titles: list[str],
    *,
    lang: str = "en",
    words: WorkbookLabels,
) -> bytes:
    """``plan_workbook`` saved deterministically."""
    from ..sheets.workbook import workbook_bytes

    return workbook_bytes(plan_workbook(key, force, specs, instructions, titles, lang=lang, words=words))


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


def _write_metadata(wb: Workbook, key: str, force: Force, specs: list[Spec], lang: str = "en") -> None:
    from ..sheets.cells import add_name, put_text
    from ..sheets.styles import ensure_form_styles

    ensure_form_styles(wb)
    ws = wb.create_sheet(fmt.META_SHEET)
    ws.sheet_state = "veryHidden"  # named and explained on the cover
    ws.protection.sheet = True
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    for row, (name, value) in enumerate(metadata_rows(key, force, specs, lang), start=1):
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
    programme: str | None = None,
    lang: str = "en",
    include_drafts: bool = False,
    file_format: str = "xlsx",
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
    outputs = plan_outputs(
        project,
        out_dir,
        force_names,
        all_forces=all_forces,
        action_ids=action_ids,
        programme=programme,
        lang=lang,
        include_drafts=include_drafts,
        file_format=file_format,
    )
    existing = [o.path for o in outputs if o.path.exists()]
    if skip_existing:
        return [o for o in outputs if not o.path.exists()], existing
    if existing and not overwrite:
        raise ExistsError.for_paths(existing)
    return outputs, []
