"""The Action Impact Toolkit as an Excel workbook, sheet for sheet like the original.

Sheets, in the original's order: the guidance notes, the impact statement, the
logic model, the supporting information and the fillable realisation plan
(written by ``plan_form.add_plan_sheet``, the same form ``nvap plan`` writes).

Every word comes from content (``programme.labels`` and the models); this module
holds structure only: layout, styles, widths and print setup. Text is written
through :func:`put`, which keeps it a string (never a formula) whatever it
starts with. Row heights are estimated from the text, so wrapped text shows in
full in programs that do not fit rows themselves (LibreOffice, or Excel for
merged cells).
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...content.project import Project
from ...models import Action
from ...models.common import Block, Section
from ...plan.format import LISTS_SHEET
from ..prose import Prose
from ..views import ToolkitView, edition_line, toolkit_view
from .cells import hyperlink, sheet_title
from .layout import BULLET, Sheet, attribution_footer, write_attribution
from .plan_form import add_plan_sheet
from .styles import BOLD, font
from .workbook import workbook_bytes

# -- content to text -------------------------------------------------------------------------


def block_text(block: Block, prose: Prose) -> str:
    """A paragraph, or a bulleted list as one line per bullet."""
    if isinstance(block, str):
        return prose.plain(block)
    return "\n".join(BULLET + prose.plain(item) for item in block)


# -- the toolkit ----------------------------------------------------------------------------


GUIDANCE_WIDTHS = (26, 104)
STATEMENT_WIDTHS = (30, 100)
LOGIC_WIDTHS = (34, 30, 46, 42)
LOGIC_WIDTHS_NO_OUTPUTS = (38, 56, 58)
"""The logic model without its Outputs column (``outputs_note``)."""
SUPPORT_WIDTHS = (30, 66, 36, 32, 38)


def toolkit_xlsx(project: Project, action: Action) -> bytes:
    """The toolkit of ``action`` as an Excel workbook (bytes, the same for the same content)."""
    return workbook_bytes(toolkit_workbook(project, action))


def toolkit_workbook(project: Project, action: Action) -> Workbook:
    """The toolkit workbook, unsaved (for callers that add to it)."""
    prose = Prose(project)
    view = toolkit_view(project, action, prose)
    labels = view.labels
    programme = view.programme
    wb = Workbook()
    titles: list[str] = []

    def new_sheet(title: str) -> Worksheet:
        name = sheet_title(title, titles)
        titles.append(name)
        if len(titles) == 1:
            first = wb.active
            assert isinstance(first, Worksheet)
            first.title = name
            return first
        created: Worksheet = wb.create_sheet(name)
        return created

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
        sheet = write(ws, view, action_line)
        attribution_footer(ws, view.attribution)
        sheets.append(sheet)

    # The realisation plan: the fillable form of `nvap plan`, the force an input. The form adds
    # its sheet (and a hidden sheet of dropdown options after it).
    before = set(wb.sheetnames)
    add_plan_sheet(wb, project, action, prose, force=None, title=programme.realisation_plan.sheet_title)
    for name in wb.sheetnames:
        if name not in before and name != LISTS_SHEET:
            attribution_footer(wb[name], view.attribution)

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


def _guidance(ws: Worksheet, view: ToolkitView, _action_line: str) -> Sheet:
    programme, labels, prose, action = view.programme, view.labels, view.prose, view.action
    s = Sheet(ws, GUIDANCE_WIDTHS)
    s.banner(f"{programme.name}: {labels.toolkit} {action.id} {action.title}")
    if action.status == "draft":
        s.text(labels.draft, style=BOLD)
    s.para(edition_line(labels.edition, action.edition))
    s.para(view.attribution.statement, italic=True)
    if action.edition.changes:
        s.gap()
        s.heading(labels.changes)
        for note in action.edition.changes:
            s.bullet(prose.plain(note.text) + (f" {labels.affects_plans}" if note.affects_plans else ""))
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
    if view.related or view.priorities:
        s.gap()
        s.heading(labels.related_actions)
        for action_id, title in view.related:
            s.bullet(f"{labels.action} {action_id} {title}")
        if view.priorities:
            s.heading(labels.covenant_priorities, level=2)
            for year, priority in view.priorities:
                s.bullet(f"{priority.title} ({year})")
    if view.glossary:
        s.gap()
        s.heading(labels.glossary)
        for term, expansion in view.glossary:
            s.pair(term, expansion)
    s.gap()
    write_attribution(s, labels.attribution, view.attribution)
    s.finish(freeze="A2", repeat="1:1")
    return s


def _section_body(s: Sheet, section: Section, prose: Prose) -> None:
    s.blocks(section.body, prose)
    for sub in section.sections:
        s.heading(sub.heading, level=2)
        _section_body(s, sub, prose)


def _impact_statement(ws: Worksheet, view: ToolkitView, action_line: str) -> Sheet:
    labels, prose, action, peel = view.labels, view.prose, view.action, view.peel
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


def _logic_model(ws: Worksheet, view: ToolkitView, action_line: str) -> Sheet:
    labels, prose, action, programme = view.labels, view.prose, view.action, view.programme
    measures = view.measures
    s = Sheet(ws, LOGIC_WIDTHS_NO_OUTPUTS if action.outputs_note else LOGIC_WIDTHS)
    s.banner(labels.logic_model)
    s.text(action_line, style=font(bold=True, size=12))
    s.pair(labels.action_detail, prose.plain(action.detail))
    s.pairs(labels.objectives, [f"{n}. {prose.plain(o.statement)}" for n, o in enumerate(action.objectives, start=1)])
    s.pairs(
        labels.long_term_impacts,
        [
            f"{labels.organisational}: {prose.plain(action.impacts.organisational)}",
            f"{labels.external}: {prose.plain(action.impacts.external)}",
        ],
    )
    for number, objective in enumerate(action.objectives, start=1):
        s.gap()
        s.heading(f"{labels.objective} {number} - {objective.short_name}")
        s.pairs(labels.situation, [prose.plain(t) for t in objective.situation], bullets=True)
        with_outputs = not action.outputs_note
        s.table_header([labels.activities, *([labels.outputs] if with_outputs else []), labels.impacts, labels.impact_assessment])
        for activity in objective.activities:
            s.table_row(
                [
                    [prose.plain(activity.title)],
                    *([[prose.plain(t) for t in activity.outputs]] if with_outputs else []),
                    [prose.plain(t) for t in activity.impacts],
                    [prose.plain(t) for t in activity.assessment_questions],
                ]
            )
        if action.outputs_note:
            s.para(prose.plain(action.outputs_note), italic=True)
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
        s.pair(
            None if objective.unintended_consequences else labels.unintended_consequences,
            prose.plain(programme.unintended_consequences_note),
            style=font(italic=True),
        )
    s.finish(freeze="A3", repeat=s.repeat_rows("1:2"))
    return s


def _supporting(ws: Worksheet, view: ToolkitView, action_line: str) -> Sheet:
    labels, prose, action, project = view.labels, view.prose, view.action, view.project
    measures, link = view.measures, view.link
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
    s.gap()
    s.heading(labels.references)
    for key, runs in view.references:
        cell = s.para("".join(text for text, _italic in runs))
        url = project.bibliography.references[key].url
        if url:
            cell.hyperlink = url
    s.finish(freeze="A3", repeat=s.repeat_rows("1:2"))
    return s
