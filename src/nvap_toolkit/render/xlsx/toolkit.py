"""The Action Impact Toolkit as an accessible Excel workbook.

Sheets, in order: a cover (title, edition, every sheet with what it holds and a
link to it, the hidden sheet explained, the notes), the guidance notes, the
impact statement (both one column of text), the logic model and its
objectives, the supporting information (each one Excel table of one header
row), further information (text), the glossary (a table) and the fillable
realisation plan, then the very hidden sheet of the plan's dropdown options. The
plan's form is the plan's own (``plan.sheet``, the same form ``nvap plan``
writes): the caller hands it in (``document.toolkit_workbook``), so the
renderers never import the plan.
Following the Government Analysis Function's "Releasing statistics in
spreadsheets": a title in A1 of every sheet, no merged cells, no blank rows in
a table, notes as ``[note N]``, printed text never below 8 pt.

Every word comes from content (``programme.labels``, ``programme.workbook_labels``
and the models); this module holds structure only: layout, styles, widths and
print setup. Text is written through :func:`put`, which keeps it a string
(never a formula) whatever it starts with. Row heights are estimated from the
text, so wrapped text shows in full in programs that do not fit rows themselves.
"""

from __future__ import annotations

from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...content.project import Project
from ...records import Block
from ...records.content import Action, Section
from ...sheets.cells import hyperlink, sheet_title
from ...sheets.styles import BOLD
from ..prose import Prose
from ..views import ToolkitView, edition_line, toolkit_view
from .cover import Cover, SheetProse, set_properties, write_cover
from .layout import BULLET, Sheet, add_table, attribution_footer, table_sheet

# -- content to text -------------------------------------------------------------------------


def block_text(block: Block, prose: Prose) -> str:
    """A paragraph, or a bulleted list as one line per bullet."""
    if isinstance(block, str):
        return prose.plain(block)
    return "\n".join(BULLET + prose.plain(item) for item in block)


# -- the toolkit ----------------------------------------------------------------------------


TEXT_WIDTHS = (80,)
"""A sheet of text: one column, a portrait A4 page wide."""
LOGIC_WIDTHS = (22, 28, 36, 40, 40)
LOGIC_WIDTHS_NO_OUTPUTS = (24, 40, 50, 52)
"""The logic model without its Outputs column (``outputs_note``)."""
OBJECTIVES_WIDTHS = (24, 50, 50, 46)
SUPPORT_WIDTHS = (24, 56, 28, 30, 34)
GLOSSARY_WIDTHS = (20, 75)


class PlanForm(Protocol):
    """Draws the fillable realisation plan of ``action`` into ``wb`` as a sheet titled ``title`` (the force an
    input), and any helper sheet it needs after it, very hidden (``plan.sheet.add_plan_sheet``)."""

    def __call__(self, wb: Workbook, project: Project, action: Action, prose: Prose, *, title: str) -> object: ...


def toolkit_workbook(project: Project, action: Action, plan_form: PlanForm) -> Workbook:
    """The toolkit workbook, unsaved, its realisation plan drawn by ``plan_form``."""
    prose = SheetProse(project)
    view = toolkit_view(project, action, prose)
    labels = view.labels
    programme = view.programme
    words = programme.workbook_labels
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)
    wb.remove(first)
    action_line = f"{labels.action} {action.id} {prose.plain(action.title)}"
    title = f"{programme.name}: {labels.toolkit} {action.id} {prose.plain(action.title)}"

    def new_sheet(name: str) -> Worksheet:
        created: Worksheet = wb.create_sheet(sheet_title(name, wb.sheetnames))
        return created

    contents: list[tuple[str, str]] = []
    parts = [
        (programme.guidance.heading, words.guidance, _guidance),
        (labels.impact_statement, words.impact_statement, _impact_statement),
        (labels.logic_model, words.logic_model, _logic_model),
        (words.objectives_sheet, words.objectives, _objectives),
    ]
    for name, holds, write in parts:
        ws = new_sheet(name)
        write(ws, view, action_line)
        attribution_footer(ws, view.attribution)
        contents.append((ws.title, holds))
    for ws in _supporting(wb, view):
        attribution_footer(ws, view.attribution)
        contents.append((ws.title, words.supporting_information))
    ws = new_sheet(words.further_information)
    _further(ws, view, action_line)
    attribution_footer(ws, view.attribution)
    contents.append((ws.title, words.further))
    if view.glossary:
        ws = table_sheet(
            wb, labels.glossary, [words.term, words.meaning], [[t, e] for t, e in view.glossary], widths=GLOSSARY_WIDTHS
        )
        attribution_footer(ws, view.attribution)
        contents.append((ws.title, words.glossary))

    # The realisation plan: the fillable form of `nvap plan`, the force an input. The form adds
    # its sheet (and a very hidden sheet of dropdown options after it).
    before = set(wb.sheetnames)
    plan_form(wb, project, action, prose, title=programme.realisation_plan.sheet_title)
    hidden: list[tuple[str, str]] = []
    for name in wb.sheetnames:
        if name in before:
            continue
        if wb[name].sheet_state == "veryHidden":
            hidden.append((name, words.lists_sheet))
        else:
            attribution_footer(wb[name], view.attribution)
            contents.append((name, words.realisation_plan))

    attribution = view.attribution
    cover = Cover(
        words,
        title,
        lines=[
            *([labels.draft_banner] if action.status == "draft" else []),
            edition_line(labels.edition, action.edition),
            *(
                prose.plain(note.text) + (f" {labels.affects_plans}" if note.affects_plans else "")
                for note in action.edition.changes
            ),
        ],
        sheets=contents,
        hidden=hidden,
        notes=[(project.links.links[key].title, project.links.links[key].url) for key in prose.notes],
        after=[
            (labels.attribution, attribution.statement, None),
            *(
                [
                    (
                        None,
                        f"{attribution.licence} ({attribution.licence_url})" if attribution.licence_url else attribution.licence,
                        attribution.licence_url,
                    )
                ]
                if attribution.licence
                else []
            ),
        ],
    )
    attribution_footer(write_cover(wb, cover), attribution)
    if action.status == "draft":
        _mark_draft(wb, prose.plain(labels.draft_banner))
    set_properties(wb, title=title, subject=programme.name, lang=project.lang)
    wb.active = 0
    return wb


def _mark_draft(wb: Workbook, banner: str) -> None:
    """A draft toolkit says so on every sheet: before the title in A1, and at the top of every printed page."""
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        title = ws["A1"].value
        if isinstance(title, str) and banner not in title:
            ws["A1"].value = f"{banner}: {title}"
        header = ws.oddHeader
        if header is not None:
            header.center.text = banner


def _guidance(ws: Worksheet, view: ToolkitView, _action_line: str) -> None:
    programme, labels, prose, action = view.programme, view.labels, view.prose, view.action
    s = Sheet(ws, TEXT_WIDTHS, landscape=False)
    s.banner(f"{programme.guidance.heading}: {labels.toolkit} {action.id} {prose.plain(action.title)}")
    if action.status == "draft":
        s.text(labels.draft_banner, style=BOLD)
    guidance: Section = programme.guidance
    s.blocks(guidance.body, prose)
    for number, part in enumerate(guidance.sections, start=1):
        s.heading(f"{number}. {part.heading}", level=2)
        _section_body(s, part, prose)
    # The questions to ask before filling in the plan close the guidance on part 4.
    form = programme.realisation_plan
    s.para(prose.plain(form.instructions_intro))
    for question in form.instructions:
        s.bullet(prose.plain(question))
    s.heading(programme.contact.heading)
    cell = s.para(f"{prose.plain(programme.contact.text)} {programme.contact.email}")
    hyperlink(cell, f"mailto:{programme.contact.email}")
    if view.related or view.priorities:
        s.heading(labels.related_actions)
        for action_id, title in view.related:
            s.bullet(f"{labels.action} {action_id} {title}")
        if view.priorities:
            s.heading(labels.covenant_priorities, level=2)
            for year, priority in view.priorities:
                s.bullet(f"{priority.title} ({year})")
    s.finish(freeze=None, repeat=None)


def _section_body(s: Sheet, section: Section, prose: Prose) -> None:
    s.blocks(section.body, prose)
    for sub in section.sections:
        s.heading(sub.heading, level=2)
        _section_body(s, sub, prose)


def _impact_statement(ws: Worksheet, view: ToolkitView, action_line: str) -> None:
    labels, prose, action, peel = view.labels, view.prose, view.action, view.peel
    s = Sheet(ws, TEXT_WIDTHS, landscape=False)
    s.banner(f"{labels.impact_statement_heading}: {action_line}")
    s.para(prose.plain(action.detail))
    for number, objective in enumerate(action.objectives, start=1):
        s.heading(f"{labels.objective} {number}: {prose.plain(objective.statement)}")
        s.heading(labels.what_we_mean, level=2)
        s.para(prose.plain(objective.what_we_mean))
        s.heading(labels.what_we_need, level=2)
        s.para(prose.plain(objective.what_we_need.intro))
        for item in objective.what_we_need.items:
            s.bullet(prose.plain(item))
    s.heading(labels.how_we_know)
    for code in action.how_we_know:
        s.bullet(_measure(peel(code), prose))
    s.heading(labels.organisational_impact)
    s.para(prose.plain(action.impacts.organisational))
    s.heading(labels.external_impact)
    s.para(prose.plain(action.impacts.external))
    s.finish(freeze=None, repeat=None)


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


def _objective_name(labels: Any, number: int, short_name: str) -> str:
    return f"{labels.objective} {number} - {short_name}"


def _logic_model(ws: Worksheet, view: ToolkitView, action_line: str) -> None:
    """One table: a row per activity of every objective."""
    labels, prose, action = view.labels, view.prose, view.action
    with_outputs = not action.outputs_note
    widths = LOGIC_WIDTHS if with_outputs else LOGIC_WIDTHS_NO_OUTPUTS
    s = Sheet(ws, widths)
    s.banner(f"{labels.logic_model}: {action_line}")
    if action.outputs_note:
        s.para(prose.plain(action.outputs_note), italic=True)
    top = s.row
    s.table_header(
        [
            labels.objective,
            labels.activities,
            *([labels.outputs] if with_outputs else []),
            labels.impacts,
            labels.impact_assessment,
        ]
    )
    for number, objective in enumerate(action.objectives, start=1):
        for activity in objective.activities:
            s.table_row(
                [
                    [_objective_name(labels, number, prose.plain(objective.short_name))],
                    [prose.plain(activity.title)],
                    *([[prose.plain(t) for t in activity.outputs]] if with_outputs else []),
                    [prose.plain(t) for t in activity.impacts],
                    [prose.plain(t) for t in activity.assessment_questions],
                ],
                keys=2,
            )
    add_table(ws, top, s.row - 1, len(widths), f"{labels.logic_model} {action.id}")
    s.finish(freeze=f"A{top + 1}", repeat=f"{top}:{top}")


def _objectives(ws: Worksheet, view: ToolkitView, action_line: str) -> None:
    """One table: a row per objective, its situation, suggested measures and unintended consequences."""
    labels, prose, action, programme, measures = view.labels, view.prose, view.action, view.programme, view.measures
    s = Sheet(ws, OBJECTIVES_WIDTHS)
    s.banner(f"{programme.workbook_labels.objectives_sheet}: {action_line}")
    s.para(prose.plain(programme.unintended_consequences_note), italic=True)
    top = s.row
    s.table_header([labels.objective, labels.situation, labels.suggested_measures, labels.unintended_consequences])
    for number, objective in enumerate(action.objectives, start=1):
        s.table_row(
            [
                [_objective_name(labels, number, prose.plain(objective.short_name)), prose.plain(objective.statement)],
                [BULLET + prose.plain(t) for t in objective.situation],
                _measures_lines(labels, measures(objective, objective.suggested_measures), prose),
                [BULLET + prose.plain(t) for t in objective.unintended_consequences],
            ]
        )
    add_table(ws, top, s.row - 1, len(OBJECTIVES_WIDTHS), f"{programme.workbook_labels.objectives_sheet} {action.id}")
    s.finish(freeze=f"A{top + 1}", repeat=f"{top}:{top}")


def _supporting(wb: Workbook, view: ToolkitView) -> list[Worksheet]:
    """A sheet per objective, each one table: a row per activity, with its evidence."""
    labels, prose, action, measures = view.labels, view.prose, view.action, view.measures
    sheets = []
    for number, objective in enumerate(action.objectives, start=1):
        ws: Worksheet = wb.create_sheet(sheet_title(f"{labels.supporting_information} {number}", wb.sheetnames))
        s = Sheet(ws, SUPPORT_WIDTHS)
        s.banner(f"{labels.supporting_information_heading}: {_objective_name(labels, number, prose.plain(objective.short_name))}")
        top = s.row
        s.table_header(
            [labels.activities, labels.evidence, labels.impact, labels.impact_assessment, f"{labels.potential_measures} {number}"]
        )
        for activity in objective.activities:
            s.table_row(
                [
                    [prose.plain(activity.title)],
                    [block_text(b, prose) for b in activity.evidence],
                    [prose.plain(t) for t in activity.impacts],
                    [prose.plain(t) for t in activity.assessment_questions],
                    _measures_lines(labels, measures(objective, activity.potential_measures), prose),
                ]
            )
        add_table(ws, top, s.row - 1, len(SUPPORT_WIDTHS), f"{labels.supporting_information} {action.id} {number}")
        s.finish(freeze=f"A{top + 1}", repeat=f"{top}:{top}")
        sheets.append(ws)
    return sheets


def _further(ws: Worksheet, view: ToolkitView, action_line: str) -> None:
    """The long term impacts, perennial challenges, useful links and references: one column of text."""
    labels, prose, action, project, link = view.labels, view.prose, view.action, view.project, view.link
    s = Sheet(ws, TEXT_WIDTHS, landscape=False)
    s.banner(f"{view.programme.workbook_labels.further_information}: {action_line}")
    s.heading(labels.action_detail, level=2)
    s.para(prose.plain(action.detail))
    s.heading(labels.long_term_impacts, level=2)
    s.para(f"{labels.organisational}: {prose.plain(action.impacts.organisational)}")
    s.para(f"{labels.external}: {prose.plain(action.impacts.external)}")
    s.heading(labels.organisational_impact_long_term, level=2)
    s.para(prose.plain(action.impacts.organisational))
    s.heading(labels.external_impact_long_term, level=2)
    s.para(prose.plain(action.impacts.external))
    s.heading(labels.perennial_challenges)
    s.para(f"{prose.plain(project.challenges.intro)} {prose.plain(action.perennial_challenges.intro)}")
    for challenge in action.perennial_challenges.links:
        s.para(prose.plain(challenge.intro))
        for issue in challenge.issues:
            s.bullet(prose.plain(issue))
    if action.useful_links:
        s.heading(labels.useful_links)
        for key in action.useful_links:
            found = link(key)
            if found.url:
                hyperlink(s.para(f"{found.title} ({found.url})"), found.url)
            else:
                s.para(f"{found.title} {labels.no_url}")
    s.heading(labels.references)
    for key, runs in view.references:
        cell = s.para("".join(text for text, _italic in runs))
        url = project.bibliography.references[key].url
        if url:
            cell.hyperlink = url
    s.finish(freeze=None, repeat=None)
