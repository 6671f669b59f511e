"""The realisation plan's form as text: every string one action's plan sheet shows, rendered to plain text once.

What ``plan.sheet`` draws (in a force's plan and in the toolkit workbook), what
``plan.read`` compares a returned plan's labels with, and what ``nvap collect``
counts dropdown answers against. Every word comes from the content (the
programme's ``realisation_plan`` and the action).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import NvapError
from .format import COLUMNS, HEADER_FIELDS, IMPACT_FIELDS, name_part

if TYPE_CHECKING:
    from ..content.project import Project
    from ..records.content import Action
    from ..render.prose import Prose


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
    fields = (
        "force",
        "objective",
        "impact_owner",
        "impact_description",
        *HEADER_FIELDS,
        *IMPACT_FIELDS,
        *(attr for _, attr in COLUMNS),
    )
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
        examples = {col: f"{plain(form.example_prefix)} {plain(getattr(objective.plan_examples, attr))}" for col, attr in COLUMNS}
        objectives.append(ObjectiveForm(objective.id, number, plain(objective.statement), examples, options))
    return ActionForm(
        id=action.id,
        heading=plain(form.heading),
        subheading=plain(form.subheading),
        action_line=(f"{plain(programme.labels.draft_banner)}: " if action.status == "draft" else "")
        + f"{plain(programme.labels.action)} {action.id} {plain(action.title)}",
        title=plain(form.title),
        labels=labels,
        prompts=prompts,
        impacts={col: plain(getattr(action.impacts, attr)) for col, attr in COLUMNS},
        objectives=tuple(objectives),
    )


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
    editions: tuple[str, ...] = ()
    """Each action's edition line ("Action 2.6.2 Officer/Staff Norms: Edition 1 (2026-11-23)"), "Draft" before a draft's."""


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
