"""The content as plain records: what renderers and commands read (``content.project.Project``).

Generated from the models (``nvap_toolkit.models``) by ``scripts/records.py`` (``make records``):
do not edit by hand; a test checks it is current. Each record has its model's name and fields, in
the same order, without the model's constraints: it is made from a validated model
(``content.validate.as_record``). Importing it imports no Pydantic and builds no class at run time.
"""

# ruff: noqa: FBT001

from __future__ import annotations

from typing import Final, Literal

from . import Record


class Section(Record):
    """A headed piece of prose with optional sub-sections."""

    __slots__ = ("heading", "body", "sections")
    TEXT = {"heading": "text", "body": "blocks"}

    heading: Final[str]
    body: Final[list[str | list[str]]]
    sections: Final[list[Section]]

    def __init__(self, heading: str, body: list[str | list[str]], sections: list[Section]) -> None:
        self.heading = heading
        self.body = body
        self.sections = sections


class ChangeNote(Record):
    """One change an edition makes, in a reader's words."""

    __slots__ = ("text", "affects_plans")
    TEXT = {"text": "text"}

    text: Final[str]
    """What changed, as readers of the document are told."""
    affects_plans: Final[bool]
    """Whether forces' realisation plans (or trackers) made from the last edition need revisiting."""

    def __init__(self, text: str, affects_plans: bool) -> None:
        self.text = text
        self.affects_plans = affects_plans


class Edition(Record):
    """Which edition of a document this is, and what changed since the last one."""

    __slots__ = ("version", "date", "changes")

    version: Final[str]
    """The edition's version as the source states it (or as nvap first published it), e.g. '1' or '2.1'."""
    date: Final[str]
    """The edition's date: YYYY-MM-DD, or YYYY-MM where the source gives no day."""
    changes: Final[list[ChangeNote]]
    """What changed since the last edition; printed in every output when present."""

    def __init__(self, version: str, date: str, changes: list[ChangeNote]) -> None:
        self.version = version
        self.date = date
        self.changes = changes


class Attribution(Record):
    """Who wrote a document and under which terms it may be reused."""

    __slots__ = ("author", "statement", "licence", "licence_url")
    TEXT = {"author": "text", "statement": "text", "licence": "optional text", "licence_url": "optional text"}

    author: Final[str]
    """The organisation that wrote the source text."""
    statement: Final[str]
    """The attribution line printed in every output."""
    licence: Final[str | None]
    licence_url: Final[str | None]

    def __init__(self, author: str, statement: str, licence: str | None, licence_url: str | None) -> None:
        self.author = author
        self.statement = statement
        self.licence = licence
        self.licence_url = licence_url


class Needs(Record):
    """ "What do we need?": an introduction and its points."""

    __slots__ = ("intro", "items")
    TEXT = {"intro": "text", "items": "texts"}

    intro: Final[str]
    items: Final[list[str]]

    def __init__(self, intro: str, items: list[str]) -> None:
        self.intro = intro
        self.items = items


class MeasureRefs(Record):
    """Measures by reference: PEEL codes and keys of the objective's other measures."""

    __slots__ = ("peel", "other")

    peel: Final[list[str]]
    other: Final[list[str]]

    def __init__(self, peel: list[str], other: list[str]) -> None:
        self.peel = peel
        self.other = other


class Activity(Record):
    """A logic-model activity with its evidence (a row of the supporting information)."""

    __slots__ = ("id", "title", "outputs", "evidence", "impacts", "assessment_questions", "potential_measures")
    TEXT = {"title": "text", "outputs": "texts", "evidence": "blocks", "impacts": "texts", "assessment_questions": "texts"}

    id: Final[str]
    title: Final[str]
    outputs: Final[list[str]]
    evidence: Final[list[str | list[str]]]
    impacts: Final[list[str]]
    """Short to medium term impacts."""
    assessment_questions: Final[list[str]]
    potential_measures: Final[MeasureRefs]

    def __init__(
        self,
        id: str,
        title: str,
        outputs: list[str],
        evidence: list[str | list[str]],
        impacts: list[str],
        assessment_questions: list[str],
        potential_measures: MeasureRefs,
    ) -> None:
        self.id = id
        self.title = title
        self.outputs = outputs
        self.evidence = evidence
        self.impacts = impacts
        self.assessment_questions = assessment_questions
        self.potential_measures = potential_measures


class PlanExamples(Record):
    """The 'Progress' examples of the realisation plan, per impact."""

    __slots__ = ("organisational", "external")
    TEXT = {"organisational": "text", "external": "text"}

    organisational: Final[str]
    external: Final[str]

    def __init__(self, organisational: str, external: str) -> None:
        self.organisational = organisational
        self.external = external


class Objective(Record):
    """One objective of the action: its logic model and evidence."""

    __slots__ = (
        "id",
        "short_name",
        "statement",
        "what_we_mean",
        "what_we_need",
        "situation",
        "measures",
        "suggested_measures",
        "activities",
        "unintended_consequences",
        "plan_examples",
    )
    TEXT = {
        "short_name": "text",
        "statement": "text",
        "what_we_mean": "text",
        "situation": "texts",
        "measures": "text map",
        "unintended_consequences": "texts",
    }

    id: Final[str]
    short_name: Final[str]
    statement: Final[str]
    what_we_mean: Final[str]
    what_we_need: Final[Needs]
    situation: Final[list[str]]
    measures: Final[dict[str, str]]
    """The objective's non-PEEL measures, written once, referred to by key."""
    suggested_measures: Final[MeasureRefs]
    activities: Final[list[Activity]]
    unintended_consequences: Final[list[str]]
    plan_examples: Final[PlanExamples]

    def __init__(
        self,
        id: str,
        short_name: str,
        statement: str,
        what_we_mean: str,
        what_we_need: Needs,
        situation: list[str],
        measures: dict[str, str],
        suggested_measures: MeasureRefs,
        activities: list[Activity],
        unintended_consequences: list[str],
        plan_examples: PlanExamples,
    ) -> None:
        self.id = id
        self.short_name = short_name
        self.statement = statement
        self.what_we_mean = what_we_mean
        self.what_we_need = what_we_need
        self.situation = situation
        self.measures = measures
        self.suggested_measures = suggested_measures
        self.activities = activities
        self.unintended_consequences = unintended_consequences
        self.plan_examples = plan_examples


class Impacts(Record):
    """The long-term impacts: one organisational, one external."""

    __slots__ = ("organisational", "external")
    TEXT = {"organisational": "text", "external": "text"}

    organisational: Final[str]
    external: Final[str]

    def __init__(self, organisational: str, external: str) -> None:
        self.organisational = organisational
        self.external = external


class ChallengeLink(Record):
    """How the action links to one perennial challenge."""

    __slots__ = ("challenge", "intro", "issues")
    TEXT = {"intro": "text", "issues": "texts"}

    challenge: Final[str]
    intro: Final[str]
    issues: Final[list[str]]

    def __init__(self, challenge: str, intro: str, issues: list[str]) -> None:
        self.challenge = challenge
        self.intro = intro
        self.issues = issues


class ActionChallenges(Record):
    """The perennial challenges the action links to."""

    __slots__ = ("intro", "links")
    TEXT = {"intro": "text"}

    intro: Final[str]
    links: Final[list[ChallengeLink]]

    def __init__(self, intro: str, links: list[ChallengeLink]) -> None:
        self.intro = intro
        self.links = links


class Action(Record):
    """An NVAP Action Impact Toolkit."""

    __slots__ = (
        "id",
        "title",
        "plan",
        "status",
        "attribution",
        "detail",
        "impacts",
        "outputs_note",
        "how_we_know",
        "objectives",
        "perennial_challenges",
        "useful_links",
        "references",
        "related_actions",
        "covenant_priorities",
        "edition",
    )
    TEXT = {"title": "text", "detail": "text", "outputs_note": "optional text"}

    id: Final[str]
    title: Final[str]
    plan: Final[str]
    """The programme file this action belongs to (content/<plan>.yaml)."""
    status: Final[Literal["draft", "published"]]
    """A draft may be incomplete (empty text and lists are warnings, not errors) and every output is marked as one."""
    attribution: Final[Attribution | None]
    """Overrides the programme's attribution."""
    detail: Final[str]
    impacts: Final[Impacts]
    outputs_note: Final[str | None]
    """Set when the source gives no outputs for the activities: the logic model then leaves its Outputs column out and prints this note in its place, in every format."""
    how_we_know: Final[list[str]]
    """PEEL codes of the impact statement."""
    objectives: Final[list[Objective]]
    perennial_challenges: Final[ActionChallenges]
    useful_links: Final[list[str]]
    references: Final[list[str]]
    """The reference list: bibliography keys."""
    related_actions: Final[list[str]]
    covenant_priorities: Final[list[str]]
    edition: Final[Edition]
    """Which edition of the toolkit this is, and what changed since the last one."""

    def __init__(
        self,
        id: str,
        title: str,
        plan: str,
        status: Literal["draft", "published"],
        attribution: Attribution | None,
        detail: str,
        impacts: Impacts,
        outputs_note: str | None,
        how_we_know: list[str],
        objectives: list[Objective],
        perennial_challenges: ActionChallenges,
        useful_links: list[str],
        references: list[str],
        related_actions: list[str],
        covenant_priorities: list[str],
        edition: Edition,
    ) -> None:
        self.id = id
        self.title = title
        self.plan = plan
        self.status = status
        self.attribution = attribution
        self.detail = detail
        self.impacts = impacts
        self.outputs_note = outputs_note
        self.how_we_know = how_we_know
        self.objectives = objectives
        self.perennial_challenges = perennial_challenges
        self.useful_links = useful_links
        self.references = references
        self.related_actions = related_actions
        self.covenant_priorities = covenant_priorities
        self.edition = edition


class Contact(Record):
    """Who to ask about the toolkit."""

    __slots__ = ("heading", "text", "email")
    TEXT = {"heading": "text", "text": "text", "email": "text"}

    heading: Final[str]
    text: Final[str]
    email: Final[str]

    def __init__(self, heading: str, text: str, email: str) -> None:
        self.heading = heading
        self.text = text
        self.email = email


class FormField(Record):
    """A label of the realisation-plan form, with the prompt shown when its cell is selected."""

    __slots__ = ("label", "prompt")
    TEXT = {"label": "text", "prompt": "optional text"}

    label: Final[str]
    prompt: Final[str | None]

    def __init__(self, label: str, prompt: str | None) -> None:
        self.label = label
        self.prompt = prompt


class RealisationPlanForm(Record):
    """The Impact Realisation Plan form: labels and prompts, shared by every action."""

    __slots__ = (
        "sheet_title",
        "heading",
        "subheading",
        "title",
        "instructions_heading",
        "instructions",
        "instructions_intro",
        "reporting_period",
        "project_lead",
        "prepared_by",
        "date_prepared",
        "force",
        "objective",
        "impact_owner",
        "impact_description",
        "organisational",
        "external",
        "activity",
        "output",
        "impact_measurement",
        "progress",
        "next_steps",
        "risks",
        "risk_mitigation",
        "additional_comments",
        "example_prefix",
        "kept_sheet_title",
        "kept_cell",
    )
    TEXT = {
        "sheet_title": "text",
        "heading": "text",
        "subheading": "text",
        "title": "text",
        "instructions_heading": "text",
        "instructions": "texts",
        "instructions_intro": "text",
        "example_prefix": "text",
        "kept_sheet_title": "text",
        "kept_cell": "text",
    }

    sheet_title: Final[str]
    heading: Final[str]
    subheading: Final[str]
    title: Final[str]
    instructions_heading: Final[str]
    instructions: Final[list[str]]
    """The questions to ask before filling in the plan."""
    instructions_intro: Final[str]
    reporting_period: Final[FormField]
    project_lead: Final[FormField]
    prepared_by: Final[FormField]
    date_prepared: Final[FormField]
    force: Final[FormField]
    objective: Final[FormField]
    impact_owner: Final[FormField]
    impact_description: Final[FormField]
    organisational: Final[FormField]
    external: Final[FormField]
    activity: Final[FormField]
    output: Final[FormField]
    impact_measurement: Final[FormField]
    progress: Final[FormField]
    next_steps: Final[FormField]
    risks: Final[FormField]
    risk_mitigation: Final[FormField]
    additional_comments: Final[FormField]
    example_prefix: Final[str]
    """Put before a progress example, e.g. 'Example:'."""
    kept_sheet_title: Final[str]
    """The sheet of an upgraded plan (nvap plan --upgrade) that keeps the answers whose objective or field the new edition no longer has."""
    kept_cell: Final[str]
    """Heads the column of that sheet giving where each kept answer was in the earlier plan."""

    def __init__(
        self,
        sheet_title: str,
        heading: str,
        subheading: str,
        title: str,
        instructions_heading: str,
        instructions: list[str],
        instructions_intro: str,
        reporting_period: FormField,
        project_lead: FormField,
        prepared_by: FormField,
        date_prepared: FormField,
        force: FormField,
        objective: FormField,
        impact_owner: FormField,
        impact_description: FormField,
        organisational: FormField,
        external: FormField,
        activity: FormField,
        output: FormField,
        impact_measurement: FormField,
        progress: FormField,
        next_steps: FormField,
        risks: FormField,
        risk_mitigation: FormField,
        additional_comments: FormField,
        example_prefix: str,
        kept_sheet_title: str,
        kept_cell: str,
    ) -> None:
        self.sheet_title = sheet_title
        self.heading = heading
        self.subheading = subheading
        self.title = title
        self.instructions_heading = instructions_heading
        self.instructions = instructions
        self.instructions_intro = instructions_intro
        self.reporting_period = reporting_period
        self.project_lead = project_lead
        self.prepared_by = prepared_by
        self.date_prepared = date_prepared
        self.force = force
        self.objective = objective
        self.impact_owner = impact_owner
        self.impact_description = impact_description
        self.organisational = organisational
        self.external = external
        self.activity = activity
        self.output = output
        self.impact_measurement = impact_measurement
        self.progress = progress
        self.next_steps = next_steps
        self.risks = risks
        self.risk_mitigation = risk_mitigation
        self.additional_comments = additional_comments
        self.example_prefix = example_prefix
        self.kept_sheet_title = kept_sheet_title
        self.kept_cell = kept_cell


class Labels(Record):
    """Headings and labels the rendered toolkits print."""

    __slots__ = (
        "toolkit",
        "page_numbers",
        "contents",
        "skip_to_content",
        "action",
        "objective",
        "impact_statement",
        "impact_statement_heading",
        "logic_model",
        "supporting_information",
        "supporting_information_heading",
        "realisation_plan",
        "action_detail",
        "objectives",
        "long_term_impacts",
        "organisational",
        "external",
        "organisational_impact",
        "external_impact",
        "organisational_impact_long_term",
        "external_impact_long_term",
        "what_we_mean",
        "what_we_need",
        "how_we_know",
        "situation",
        "activities",
        "outputs",
        "impacts",
        "impact_assessment",
        "suggested_measures",
        "peel_measures",
        "other_measures",
        "unintended_consequences",
        "evidence",
        "impact",
        "potential_measures",
        "perennial_challenges",
        "useful_links",
        "references",
        "related_actions",
        "covenant_priorities",
        "glossary",
        "attribution",
        "no_url",
        "edition",
        "changes",
        "affects_plans",
        "draft",
        "draft_banner",
    )
    TEXT = {
        "toolkit": "text",
        "page_numbers": "text",
        "contents": "text",
        "skip_to_content": "text",
        "action": "text",
        "objective": "text",
        "impact_statement": "text",
        "impact_statement_heading": "text",
        "logic_model": "text",
        "supporting_information": "text",
        "supporting_information_heading": "text",
        "realisation_plan": "text",
        "action_detail": "text",
        "objectives": "text",
        "long_term_impacts": "text",
        "organisational": "text",
        "external": "text",
        "organisational_impact": "text",
        "external_impact": "text",
        "organisational_impact_long_term": "text",
        "external_impact_long_term": "text",
        "what_we_mean": "text",
        "what_we_need": "text",
        "how_we_know": "text",
        "situation": "text",
        "activities": "text",
        "outputs": "text",
        "impacts": "text",
        "impact_assessment": "text",
        "suggested_measures": "text",
        "peel_measures": "text",
        "other_measures": "text",
        "unintended_consequences": "text",
        "evidence": "text",
        "impact": "text",
        "potential_measures": "text",
        "perennial_challenges": "text",
        "useful_links": "text",
        "references": "text",
        "related_actions": "text",
        "covenant_priorities": "text",
        "glossary": "text",
        "attribution": "text",
        "no_url": "text",
        "edition": "text",
        "changes": "text",
        "affects_plans": "text",
        "draft": "text",
        "draft_banner": "text",
    }

    toolkit: Final[str]
    page_numbers: Final[str]
    """Printed page numbers, e.g. 'Page {page} of {pages}' ({page} and {pages} are filled in)."""
    contents: Final[str]
    skip_to_content: Final[str]
    """The first link of every web page, shown when it has the keyboard's focus: it skips to the main content."""
    action: Final[str]
    objective: Final[str]
    impact_statement: Final[str]
    impact_statement_heading: Final[str]
    logic_model: Final[str]
    supporting_information: Final[str]
    supporting_information_heading: Final[str]
    realisation_plan: Final[str]
    action_detail: Final[str]
    objectives: Final[str]
    long_term_impacts: Final[str]
    organisational: Final[str]
    external: Final[str]
    organisational_impact: Final[str]
    external_impact: Final[str]
    organisational_impact_long_term: Final[str]
    external_impact_long_term: Final[str]
    what_we_mean: Final[str]
    what_we_need: Final[str]
    how_we_know: Final[str]
    situation: Final[str]
    activities: Final[str]
    outputs: Final[str]
    impacts: Final[str]
    impact_assessment: Final[str]
    suggested_measures: Final[str]
    peel_measures: Final[str]
    other_measures: Final[str]
    unintended_consequences: Final[str]
    evidence: Final[str]
    impact: Final[str]
    potential_measures: Final[str]
    perennial_challenges: Final[str]
    useful_links: Final[str]
    references: Final[str]
    related_actions: Final[str]
    covenant_priorities: Final[str]
    glossary: Final[str]
    attribution: Final[str]
    no_url: Final[str]
    """Shown where a link has no address in the source."""
    edition: Final[str]
    """Put before the edition's version and date."""
    changes: Final[str]
    """Heading of the edition's change notes ("What has changed in this edition")."""
    affects_plans: Final[str]
    """Marks a change note that affects realisation plans made from the last edition."""
    draft: Final[str]
    """Marks every output of a toolkit whose status is draft."""
    draft_banner: Final[str]
    """The banner on every page, sheet and plan of a draft toolkit, so that a draft is never taken for guidance."""

    def __init__(
        self,
        toolkit: str,
        page_numbers: str,
        contents: str,
        skip_to_content: str,
        action: str,
        objective: str,
        impact_statement: str,
        impact_statement_heading: str,
        logic_model: str,
        supporting_information: str,
        supporting_information_heading: str,
        realisation_plan: str,
        action_detail: str,
        objectives: str,
        long_term_impacts: str,
        organisational: str,
        external: str,
        organisational_impact: str,
        external_impact: str,
        organisational_impact_long_term: str,
        external_impact_long_term: str,
        what_we_mean: str,
        what_we_need: str,
        how_we_know: str,
        situation: str,
        activities: str,
        outputs: str,
        impacts: str,
        impact_assessment: str,
        suggested_measures: str,
        peel_measures: str,
        other_measures: str,
        unintended_consequences: str,
        evidence: str,
        impact: str,
        potential_measures: str,
        perennial_challenges: str,
        useful_links: str,
        references: str,
        related_actions: str,
        covenant_priorities: str,
        glossary: str,
        attribution: str,
        no_url: str,
        edition: str,
        changes: str,
        affects_plans: str,
        draft: str,
        draft_banner: str,
    ) -> None:
        self.toolkit = toolkit
        self.page_numbers = page_numbers
        self.contents = contents
        self.skip_to_content = skip_to_content
        self.action = action
        self.objective = objective
        self.impact_statement = impact_statement
        self.impact_statement_heading = impact_statement_heading
        self.logic_model = logic_model
        self.supporting_information = supporting_information
        self.supporting_information_heading = supporting_information_heading
        self.realisation_plan = realisation_plan
        self.action_detail = action_detail
        self.objectives = objectives
        self.long_term_impacts = long_term_impacts
        self.organisational = organisational
        self.external = external
        self.organisational_impact = organisational_impact
        self.external_impact = external_impact
        self.organisational_impact_long_term = organisational_impact_long_term
        self.external_impact_long_term = external_impact_long_term
        self.what_we_mean = what_we_mean
        self.what_we_need = what_we_need
        self.how_we_know = how_we_know
        self.situation = situation
        self.activities = activities
        self.outputs = outputs
        self.impacts = impacts
        self.impact_assessment = impact_assessment
        self.suggested_measures = suggested_measures
        self.peel_measures = peel_measures
        self.other_measures = other_measures
        self.unintended_consequences = unintended_consequences
        self.evidence = evidence
        self.impact = impact
        self.potential_measures = potential_measures
        self.perennial_challenges = perennial_challenges
        self.useful_links = useful_links
        self.references = references
        self.related_actions = related_actions
        self.covenant_priorities = covenant_priorities
        self.glossary = glossary
        self.attribution = attribution
        self.no_url = no_url
        self.edition = edition
        self.changes = changes
        self.affects_plans = affects_plans
        self.draft = draft
        self.draft_banner = draft_banner


class CollectLabels(Record):
    """The words of ``nvap collect``'s summary of the plans forces returned (HTML and Excel)."""

    __slots__ = (
        "title",
        "intro",
        "responses",
        "plans_read",
        "rejected",
        "none_rejected",
        "missing",
        "none_missing",
        "completeness",
        "file",
        "inputs_filled",
        "inputs",
        "complete",
        "choices",
        "chart",
        "option",
        "forces",
        "chosen_by",
        "free_text",
        "left_blank",
        "field",
        "column",
        "entry",
        "problem",
        "answers",
        "answers_intro",
        "returns",
        "status",
        "status_counted",
        "status_superseded",
        "status_rejected",
        "status_unreadable",
        "status_missing",
        "warnings",
        "none_warnings",
        "duplicates",
        "none_duplicates",
        "kept",
        "set_aside",
        "reason",
        "reason_later",
        "reason_saved_later",
        "reason_file_name",
        "outside",
        "outside_intro",
        "none_outside",
        "where",
        "text",
        "kind",
        "kind_cell",
        "kind_note",
        "kind_hidden",
        "skipped",
        "none_skipped",
        "reason_skipped",
        "as_typed",
        "yes",
        "no",
        "counted",
    )
    TEXT = {
        "title": "text",
        "intro": "text",
        "responses": "text",
        "plans_read": "text",
        "rejected": "text",
        "none_rejected": "text",
        "missing": "text",
        "none_missing": "text",
        "completeness": "text",
        "file": "text",
        "inputs_filled": "text",
        "inputs": "text",
        "complete": "text",
        "choices": "text",
        "chart": "text",
        "option": "text",
        "forces": "text",
        "chosen_by": "text",
        "free_text": "text",
        "left_blank": "text",
        "field": "text",
        "column": "text",
        "entry": "text",
        "problem": "text",
        "answers": "text",
        "answers_intro": "text",
        "returns": "text",
        "status": "text",
        "status_counted": "text",
        "status_superseded": "text",
        "status_rejected": "text",
        "status_unreadable": "text",
        "status_missing": "text",
        "warnings": "text",
        "none_warnings": "text",
        "duplicates": "text",
        "none_duplicates": "text",
        "kept": "text",
        "set_aside": "text",
        "reason": "text",
        "reason_later": "text",
        "reason_saved_later": "text",
        "reason_file_name": "text",
        "outside": "text",
        "outside_intro": "text",
        "none_outside": "text",
        "where": "text",
        "text": "text",
        "kind": "text",
        "kind_cell": "text",
        "kind_note": "text",
        "kind_hidden": "text",
        "skipped": "text",
        "none_skipped": "text",
        "reason_skipped": "text",
        "as_typed": "text",
        "yes": "text",
        "no": "text",
        "counted": "text",
    }

    title: Final[str]
    intro: Final[str]
    responses: Final[str]
    """Heading of the counts of plans read, rejected and missing."""
    plans_read: Final[str]
    rejected: Final[str]
    """Heading of the files that were not counted, and their problems."""
    none_rejected: Final[str]
    missing: Final[str]
    """Heading of the forces in the reference data that returned no plan."""
    none_missing: Final[str]
    completeness: Final[str]
    """Heading of each force's plan: inputs filled, date prepared."""
    file: Final[str]
    inputs_filled: Final[str]
    inputs: Final[str]
    complete: Final[str]
    """The share of a plan's inputs that are filled in."""
    choices: Final[str]
    """The sheet of how many forces chose each dropdown option."""
    chart: Final[str]
    """Ends a chart's caption: what its bars count."""
    option: Final[str]
    forces: Final[str]
    """Heads a count of forces."""
    chosen_by: Final[str]
    free_text: Final[str]
    """Entries forces wrote instead of choosing from a dropdown."""
    left_blank: Final[str]
    field: Final[str]
    """Heads the plan field (Activity, Risks, ...) a row is about."""
    column: Final[str]
    """Heads the impact column (organisational or external) a row is about."""
    entry: Final[str]
    problem: Final[str]
    answers: Final[str]
    """Heading of every answer each force typed, as typed."""
    answers_intro: Final[str]
    """Says under the answers heading which plans they come from."""
    returns: Final[str]
    """Heading of each force's return: counted, rejected, unreadable or missing."""
    status: Final[str]
    """Heads a return's status."""
    status_counted: Final[str]
    """The status of a plan that was counted."""
    status_superseded: Final[str]
    """The status of a plan set aside for a later plan of the same force."""
    status_rejected: Final[str]
    """The status of a plan read but not counted (its answers are still shown)."""
    status_unreadable: Final[str]
    """The status of a file that names a force but could not be read as a plan."""
    status_missing: Final[str]
    """The status of a force that sent no file."""
    warnings: Final[str]
    """Heading of what was noticed in plans that were still counted."""
    none_warnings: Final[str]
    duplicates: Final[str]
    """Heading of the forces that sent more than one plan."""
    none_duplicates: Final[str]
    kept: Final[str]
    """Heads the plan of a force that was counted."""
    set_aside: Final[str]
    """Heads the plans of a force that were not counted."""
    reason: Final[str]
    """Heads why one plan of a force was counted."""
    reason_later: Final[str]
    """Why: its date prepared is later."""
    reason_saved_later: Final[str]
    """Why: the dates are the same and it was saved later."""
    reason_file_name: Final[str]
    """Why: dates and times saved are the same; its file name sorts last."""
    outside: Final[str]
    """Heading of the words forces wrote outside the plan's inputs."""
    outside_intro: Final[str]
    """Says under that heading what is listed there and why."""
    none_outside: Final[str]
    where: Final[str]
    """Heads the cell (Sheet!Cell) a text was found in."""
    text: Final[str]
    """Heads a text found outside the inputs."""
    kind: Final[str]
    """Heads where a text outside the inputs was: beside them, a note, hidden."""
    kind_cell: Final[str]
    """A text in a cell that is not an input."""
    kind_note: Final[str]
    """A note (comment) on a cell."""
    kind_hidden: Final[str]
    """A value hidden inside merged cells, read from the file."""
    skipped: Final[str]
    """Heading of the files found among the returns but not read."""
    none_skipped: Final[str]
    reason_skipped: Final[str]
    """Heads why a file was not read."""
    as_typed: Final[str]
    """Follows a date's label for the date as the force typed it."""
    yes: Final[str]
    no: Final[str]
    counted: Final[str]
    """Heads whether a plan's answers were counted."""

    def __init__(
        self,
        title: str,
        intro: str,
        responses: str,
        plans_read: str,
        rejected: str,
        none_rejected: str,
        missing: str,
        none_missing: str,
        completeness: str,
        file: str,
        inputs_filled: str,
        inputs: str,
        complete: str,
        choices: str,
        chart: str,
        option: str,
        forces: str,
        chosen_by: str,
        free_text: str,
        left_blank: str,
        field: str,
        column: str,
        entry: str,
        problem: str,
        answers: str,
        answers_intro: str,
        returns: str,
        status: str,
        status_counted: str,
        status_superseded: str,
        status_rejected: str,
        status_unreadable: str,
        status_missing: str,
        warnings: str,
        none_warnings: str,
        duplicates: str,
        none_duplicates: str,
        kept: str,
        set_aside: str,
        reason: str,
        reason_later: str,
        reason_saved_later: str,
        reason_file_name: str,
        outside: str,
        outside_intro: str,
        none_outside: str,
        where: str,
        text: str,
        kind: str,
        kind_cell: str,
        kind_note: str,
        kind_hidden: str,
        skipped: str,
        none_skipped: str,
        reason_skipped: str,
        as_typed: str,
        yes: str,
        no: str,
        counted: str,
    ) -> None:
        self.title = title
        self.intro = intro
        self.responses = responses
        self.plans_read = plans_read
        self.rejected = rejected
        self.none_rejected = none_rejected
        self.missing = missing
        self.none_missing = none_missing
        self.completeness = completeness
        self.file = file
        self.inputs_filled = inputs_filled
        self.inputs = inputs
        self.complete = complete
        self.choices = choices
        self.chart = chart
        self.option = option
        self.forces = forces
        self.chosen_by = chosen_by
        self.free_text = free_text
        self.left_blank = left_blank
        self.field = field
        self.column = column
        self.entry = entry
        self.problem = problem
        self.answers = answers
        self.answers_intro = answers_intro
        self.returns = returns
        self.status = status
        self.status_counted = status_counted
        self.status_superseded = status_superseded
        self.status_rejected = status_rejected
        self.status_unreadable = status_unreadable
        self.status_missing = status_missing
        self.warnings = warnings
        self.none_warnings = none_warnings
        self.duplicates = duplicates
        self.none_duplicates = none_duplicates
        self.kept = kept
        self.set_aside = set_aside
        self.reason = reason
        self.reason_later = reason_later
        self.reason_saved_later = reason_saved_later
        self.reason_file_name = reason_file_name
        self.outside = outside
        self.outside_intro = outside_intro
        self.none_outside = none_outside
        self.where = where
        self.text = text
        self.kind = kind
        self.kind_cell = kind_cell
        self.kind_note = kind_note
        self.kind_hidden = kind_hidden
        self.skipped = skipped
        self.none_skipped = none_skipped
        self.reason_skipped = reason_skipped
        self.as_typed = as_typed
        self.yes = yes
        self.no = no
        self.counted = counted


class FeedbackLabels(Record):
    """The words of the feedback packs ``nvap collect --feedback`` writes: each force's answers beside the national picture."""

    __slots__ = (
        "threshold",
        "title",
        "intro",
        "plan",
        "earlier_edition",
        "completeness",
        "answered",
        "yours",
        "national_median",
        "national_range",
        "range",
        "returns",
        "forces_returned",
        "plans_counted",
        "answers",
        "answers_intro",
        "choices",
        "your_choice",
        "chart",
        "fewer_than",
        "withheld",
        "own_entry",
        "left_blank",
        "empty",
        "none_empty",
        "problems",
        "none_problems",
        "whole_plan",
        "index_title",
        "index_intro",
    )
    TEXT = {
        "title": "text",
        "intro": "text",
        "plan": "text",
        "earlier_edition": "text",
        "completeness": "text",
        "answered": "text",
        "yours": "text",
        "national_median": "text",
        "national_range": "text",
        "range": "text",
        "returns": "text",
        "forces_returned": "text",
        "plans_counted": "text",
        "answers": "text",
        "answers_intro": "text",
        "choices": "text",
        "your_choice": "text",
        "chart": "text",
        "fewer_than": "text",
        "withheld": "text",
        "own_entry": "text",
        "left_blank": "text",
        "empty": "text",
        "none_empty": "text",
        "problems": "text",
        "none_problems": "text",
        "whole_plan": "text",
        "index_title": "text",
        "index_intro": "text",
    }

    threshold: Final[int]
    """A national count below this is shown as 'fewer than' it (fewer_than), so no force can be identified by its choices."""
    title: Final[str]
    """The pack's title, e.g. 'Feedback for {force}'."""
    intro: Final[str]
    """Under the title: what the pack holds, and that it names no other force."""
    plan: Final[str]
    """Heading of the plan's details: edition, date prepared, prepared by."""
    earlier_edition: Final[str]
    """The edition of a plan made from an earlier edition of the toolkit."""
    completeness: Final[str]
    """Heading of the force's completeness beside the national median and range."""
    answered: Final[str]
    """The force's inputs answered: '{answered} of {inputs} inputs answered'."""
    yours: Final[str]
    """Heads the force's own figure (completeness, choice)."""
    national_median: Final[str]
    national_range: Final[str]
    range: Final[str]
    """A range of percentages: '{low}% to {high}%'."""
    returns: Final[str]
    """Heading of how many forces returned a plan and how many were counted."""
    forces_returned: Final[str]
    """How many forces returned a plan (counted or not)."""
    plans_counted: Final[str]
    """How many plans were counted nationally."""
    answers: Final[str]
    """Heading of the force's answers, as typed, per action and objective."""
    answers_intro: Final[str]
    choices: Final[str]
    """Heading, under an objective, of its dropdowns beside the national counts."""
    your_choice: Final[str]
    """Marks the force's own choice in a chart and its table."""
    chart: Final[str]
    """Ends a chart's caption: what its bars count."""
    fewer_than: Final[str]
    """A national count below the threshold: 'fewer than {threshold}'."""
    withheld: Final[str]
    """A national count withheld so that a count below the threshold cannot be worked out from the total."""
    own_entry: Final[str]
    """The row of entries typed instead of chosen from the list."""
    left_blank: Final[str]
    empty: Final[str]
    """Heading of the inputs the force left empty."""
    none_empty: Final[str]
    problems: Final[str]
    """Heading of what was noticed reading the force's plan, with the cells."""
    none_problems: Final[str]
    whole_plan: Final[str]
    """Stands for a cell where what was noticed is about the whole plan, not one cell."""
    index_title: Final[str]
    """The title of the page listing every pack (feedback/index.html)."""
    index_intro: Final[str]

    def __init__(
        self,
        threshold: int,
        title: str,
        intro: str,
        plan: str,
        earlier_edition: str,
        completeness: str,
        answered: str,
        yours: str,
        national_median: str,
        national_range: str,
        range: str,
        returns: str,
        forces_returned: str,
        plans_counted: str,
        answers: str,
        answers_intro: str,
        choices: str,
        your_choice: str,
        chart: str,
        fewer_than: str,
        withheld: str,
        own_entry: str,
        left_blank: str,
        empty: str,
        none_empty: str,
        problems: str,
        none_problems: str,
        whole_plan: str,
        index_title: str,
        index_intro: str,
    ) -> None:
        self.threshold = threshold
        self.title = title
        self.intro = intro
        self.plan = plan
        self.earlier_edition = earlier_edition
        self.completeness = completeness
        self.answered = answered
        self.yours = yours
        self.national_median = national_median
        self.national_range = national_range
        self.range = range
        self.returns = returns
        self.forces_returned = forces_returned
        self.plans_counted = plans_counted
        self.answers = answers
        self.answers_intro = answers_intro
        self.choices = choices
        self.your_choice = your_choice
        self.chart = chart
        self.fewer_than = fewer_than
        self.withheld = withheld
        self.own_entry = own_entry
        self.left_blank = left_blank
        self.empty = empty
        self.none_empty = none_empty
        self.problems = problems
        self.none_problems = none_problems
        self.whole_plan = whole_plan
        self.index_title = index_title
        self.index_intro = index_intro


class IndexLabels(Record):
    """The words of the index page a build writes beside the documents (index.html, index.md)."""

    __slots__ = ("title", "intro", "document", "edition", "date", "formats", "md", "html", "xlsx", "pdf", "ods")
    TEXT = {
        "title": "text",
        "intro": "text",
        "document": "text",
        "edition": "text",
        "date": "text",
        "formats": "text",
        "md": "text",
        "html": "text",
        "xlsx": "text",
        "pdf": "text",
        "ods": "text",
    }

    title: Final[str]
    intro: Final[str]
    document: Final[str]
    """Heads the column of the documents' titles."""
    edition: Final[str]
    date: Final[str]
    formats: Final[str]
    """Heads the column of links to each format built."""
    md: Final[str]
    """The name of the Markdown format, as a link's text."""
    html: Final[str]
    xlsx: Final[str]
    pdf: Final[str]
    ods: Final[str]
    """The name of the OpenDocument spreadsheet format (nvap build -f ods)."""

    def __init__(
        self,
        title: str,
        intro: str,
        document: str,
        edition: str,
        date: str,
        formats: str,
        md: str,
        html: str,
        xlsx: str,
        pdf: str,
        ods: str,
    ) -> None:
        self.title = title
        self.intro = intro
        self.document = document
        self.edition = edition
        self.date = date
        self.formats = formats
        self.md = md
        self.html = html
        self.xlsx = xlsx
        self.pdf = pdf
        self.ods = ods


class WorkbookLabels(Record):
    """The words of every workbook's cover sheet and the titles of the sheets the documents do not name."""

    __slots__ = (
        "cover",
        "contents",
        "sheet",
        "holds",
        "hidden",
        "hidden_intro",
        "notes",
        "term",
        "meaning",
        "objectives_sheet",
        "further_information",
        "priorities",
        "guidance",
        "impact_statement",
        "logic_model",
        "objectives",
        "supporting_information",
        "further",
        "glossary",
        "realisation_plan",
        "lists_sheet",
        "plan_meta_sheet",
        "summary_meta_sheet",
        "tracker",
        "returns",
        "completeness",
        "choices",
        "free_text",
        "answers",
        "missing",
        "duplicates",
        "warnings",
        "rejected",
        "outside",
        "skipped",
    )
    TEXT = {
        "cover": "text",
        "contents": "text",
        "sheet": "text",
        "holds": "text",
        "hidden": "text",
        "hidden_intro": "text",
        "notes": "text",
        "term": "text",
        "meaning": "text",
        "objectives_sheet": "text",
        "further_information": "text",
        "priorities": "text",
        "guidance": "text",
        "impact_statement": "text",
        "logic_model": "text",
        "objectives": "text",
        "supporting_information": "text",
        "further": "text",
        "glossary": "text",
        "realisation_plan": "text",
        "lists_sheet": "text",
        "plan_meta_sheet": "text",
        "summary_meta_sheet": "text",
        "tracker": "text",
        "returns": "text",
        "completeness": "text",
        "choices": "text",
        "free_text": "text",
        "answers": "text",
        "missing": "text",
        "duplicates": "text",
        "warnings": "text",
        "rejected": "text",
        "outside": "text",
        "skipped": "text",
    }

    cover: Final[str]
    """The cover sheet's tab name."""
    contents: Final[str]
    """Heading of the cover's table of the sheets."""
    sheet: Final[str]
    """Heads the column of sheet names (each a link to its sheet)."""
    holds: Final[str]
    """Heads the column saying what each sheet holds."""
    hidden: Final[str]
    """Heading of the cover's list of hidden sheets."""
    hidden_intro: Final[str]
    """Says what the hidden sheets are for."""
    notes: Final[str]
    """Heading of a workbook's notes ([note 1], [note 2])."""
    term: Final[str]
    """Heads the glossary's column of acronyms."""
    meaning: Final[str]
    """Heads the glossary's column of what each acronym stands for."""
    objectives_sheet: Final[str]
    """The toolkit sheet of each objective's situation, measures and consequences."""
    further_information: Final[str]
    """The toolkit sheet of challenges, links and references."""
    priorities: Final[str]
    """The Covenant tracker's sheet of priorities."""
    guidance: Final[str]
    impact_statement: Final[str]
    logic_model: Final[str]
    objectives: Final[str]
    supporting_information: Final[str]
    further: Final[str]
    glossary: Final[str]
    realisation_plan: Final[str]
    lists_sheet: Final[str]
    plan_meta_sheet: Final[str]
    summary_meta_sheet: Final[str]
    tracker: Final[str]
    returns: Final[str]
    completeness: Final[str]
    choices: Final[str]
    free_text: Final[str]
    answers: Final[str]
    missing: Final[str]
    duplicates: Final[str]
    warnings: Final[str]
    rejected: Final[str]
    outside: Final[str]
    skipped: Final[str]

    def __init__(
        self,
        cover: str,
        contents: str,
        sheet: str,
        holds: str,
        hidden: str,
        hidden_intro: str,
        notes: str,
        term: str,
        meaning: str,
        objectives_sheet: str,
        further_information: str,
        priorities: str,
        guidance: str,
        impact_statement: str,
        logic_model: str,
        objectives: str,
        supporting_information: str,
        further: str,
        glossary: str,
        realisation_plan: str,
        lists_sheet: str,
        plan_meta_sheet: str,
        summary_meta_sheet: str,
        tracker: str,
        returns: str,
        completeness: str,
        choices: str,
        free_text: str,
        answers: str,
        missing: str,
        duplicates: str,
        warnings: str,
        rejected: str,
        outside: str,
        skipped: str,
    ) -> None:
        self.cover = cover
        self.contents = contents
        self.sheet = sheet
        self.holds = holds
        self.hidden = hidden
        self.hidden_intro = hidden_intro
        self.notes = notes
        self.term = term
        self.meaning = meaning
        self.objectives_sheet = objectives_sheet
        self.further_information = further_information
        self.priorities = priorities
        self.guidance = guidance
        self.impact_statement = impact_statement
        self.logic_model = logic_model
        self.objectives = objectives
        self.supporting_information = supporting_information
        self.further = further
        self.glossary = glossary
        self.realisation_plan = realisation_plan
        self.lists_sheet = lists_sheet
        self.plan_meta_sheet = plan_meta_sheet
        self.summary_meta_sheet = summary_meta_sheet
        self.tracker = tracker
        self.returns = returns
        self.completeness = completeness
        self.choices = choices
        self.free_text = free_text
        self.answers = answers
        self.missing = missing
        self.duplicates = duplicates
        self.warnings = warnings
        self.rejected = rejected
        self.outside = outside
        self.skipped = skipped


class Programme(Record):
    """The action plan every toolkit belongs to (the NVAP)."""

    __slots__ = (
        "id",
        "name",
        "short_name",
        "attribution",
        "contact",
        "guidance",
        "actions",
        "unintended_consequences_note",
        "realisation_plan",
        "labels",
        "collect_labels",
        "feedback_labels",
        "index_labels",
        "workbook_labels",
    )
    TEXT = {"name": "text", "short_name": "text", "unintended_consequences_note": "text"}

    id: Final[str]
    name: Final[str]
    short_name: Final[str]
    attribution: Final[Attribution]
    contact: Final[Contact]
    guidance: Final[Section]
    actions: Final[dict[str, str]]
    """Index of the plan's actions that toolkits refer to: id -> title."""
    unintended_consequences_note: Final[str]
    realisation_plan: Final[RealisationPlanForm]
    labels: Final[Labels]
    collect_labels: Final[CollectLabels]
    feedback_labels: Final[FeedbackLabels]
    index_labels: Final[IndexLabels]
    workbook_labels: Final[WorkbookLabels]

    def __init__(
        self,
        id: str,
        name: str,
        short_name: str,
        attribution: Attribution,
        contact: Contact,
        guidance: Section,
        actions: dict[str, str],
        unintended_consequences_note: str,
        realisation_plan: RealisationPlanForm,
        labels: Labels,
        collect_labels: CollectLabels,
        feedback_labels: FeedbackLabels,
        index_labels: IndexLabels,
        workbook_labels: WorkbookLabels,
    ) -> None:
        self.id = id
        self.name = name
        self.short_name = short_name
        self.attribution = attribution
        self.contact = contact
        self.guidance = guidance
        self.actions = actions
        self.unintended_consequences_note = unintended_consequences_note
        self.realisation_plan = realisation_plan
        self.labels = labels
        self.collect_labels = collect_labels
        self.feedback_labels = feedback_labels
        self.index_labels = index_labels
        self.workbook_labels = workbook_labels


class Priority(Record):
    """A Covenant priority as one year's report gives it. Its id is stable across years."""

    __slots__ = ("id", "title", "status", "summary", "progress", "planned")
    TEXT = {"title": "text", "summary": "blocks", "progress": "blocks", "planned": "blocks"}

    id: Final[str]
    title: Final[str]
    status: Final[Literal["completed", "in-progress", "new"]]
    summary: Final[list[str | list[str]]]
    progress: Final[list[str | list[str]]]
    planned: Final[list[str | list[str]]]

    def __init__(
        self,
        id: str,
        title: str,
        status: Literal["completed", "in-progress", "new"],
        summary: list[str | list[str]],
        progress: list[str | list[str]],
        planned: list[str | list[str]],
    ) -> None:
        self.id = id
        self.title = title
        self.status = status
        self.summary = summary
        self.progress = progress
        self.planned = planned


class LinkGroup(Record):
    """A group of Annex A links."""

    __slots__ = ("heading", "links")
    TEXT = {"heading": "text"}

    heading: Final[str]
    links: Final[list[str]]

    def __init__(self, heading: str, links: list[str]) -> None:
        self.heading = heading
        self.links = links


class LinksAnnex(Record):
    """Annex A: relevant links."""

    __slots__ = ("heading", "groups")
    TEXT = {"heading": "text"}

    heading: Final[str]
    groups: Final[list[LinkGroup]]

    def __init__(self, heading: str, groups: list[LinkGroup]) -> None:
        self.heading = heading
        self.groups = groups


class GlossaryAnnex(Record):
    """Annex B: the acronyms the report defines (keys of the shared glossary)."""

    __slots__ = ("heading", "terms")
    TEXT = {"heading": "text"}

    heading: Final[str]
    terms: Final[list[str]]

    def __init__(self, heading: str, terms: list[str]) -> None:
        self.heading = heading
        self.terms = terms


class StatusLabels(Record):
    """How the report names each status group."""

    __slots__ = ("completed", "in_progress", "new")
    ALIASES = {"in_progress": "in-progress"}
    TEXT = {"completed": "text", "in_progress": "text", "new": "text"}

    completed: Final[str]
    in_progress: Final[str]
    new: Final[str]

    def __init__(self, completed: str, in_progress: str, new: str) -> None:
        self.completed = completed
        self.in_progress = in_progress
        self.new = new


class CovenantLabels(Record):
    """Headings the report prints."""

    __slots__ = (
        "summary",
        "progress",
        "planned",
        "status",
        "priority",
        "year",
        "related_actions",
        "planned_item",
        "priority_id",
        "contents",
        "notes",
        "page_numbers",
        "isbn",
        "edition",
        "changes",
        "affects_plans",
    )
    TEXT = {
        "summary": "text",
        "progress": "text",
        "planned": "text",
        "status": "text",
        "priority": "text",
        "year": "text",
        "related_actions": "text",
        "planned_item": "text",
        "priority_id": "text",
        "contents": "text",
        "notes": "text",
        "page_numbers": "text",
        "isbn": "text",
        "edition": "text",
        "changes": "text",
        "affects_plans": "text",
    }

    summary: Final[str]
    progress: Final[str]
    planned: Final[str]
    status: Final[str]
    priority: Final[str]
    year: Final[str]
    related_actions: Final[str]
    planned_item: Final[str]
    priority_id: Final[str]
    contents: Final[str]
    notes: Final[str]
    page_numbers: Final[str]
    """Printed page numbers, e.g. 'Page {page} of {pages}' ({page} and {pages} are filled in)."""
    isbn: Final[str]
    edition: Final[str]
    """Put before the edition's version and date."""
    changes: Final[str]
    """Heading of the edition's change notes."""
    affects_plans: Final[str]
    """Marks a change note that affects trackers or plans made from the last edition."""

    def __init__(
        self,
        summary: str,
        progress: str,
        planned: str,
        status: str,
        priority: str,
        year: str,
        related_actions: str,
        planned_item: str,
        priority_id: str,
        contents: str,
        notes: str,
        page_numbers: str,
        isbn: str,
        edition: str,
        changes: str,
        affects_plans: str,
    ) -> None:
        self.summary = summary
        self.progress = progress
        self.planned = planned
        self.status = status
        self.priority = priority
        self.year = year
        self.related_actions = related_actions
        self.planned_item = planned_item
        self.priority_id = priority_id
        self.contents = contents
        self.notes = notes
        self.page_numbers = page_numbers
        self.isbn = isbn
        self.edition = edition
        self.changes = changes
        self.affects_plans = affects_plans


class CovenantReport(Record):
    """One year's Police Covenant report to Parliament."""

    __slots__ = (
        "year",
        "title",
        "subtitle",
        "published",
        "presented",
        "copyright",
        "front_matter",
        "isbn",
        "edition",
        "reference",
        "attribution",
        "executive_summary",
        "status_labels",
        "status_names",
        "labels",
        "priorities",
        "sections",
        "annex_links",
        "annex_glossary",
        "annex_background",
    )
    TEXT = {
        "title": "text",
        "subtitle": "text",
        "published": "text",
        "presented": "text",
        "copyright": "text",
        "front_matter": "blocks",
        "isbn": "text",
        "reference": "text",
    }

    year: Final[int]
    title: Final[str]
    subtitle: Final[str]
    published: Final[str]
    """As printed, e.g. 'March 2024'."""
    presented: Final[str]
    """The statutory basis on which it was laid before Parliament."""
    copyright: Final[str]
    front_matter: Final[list[str | list[str]]]
    """Licence, availability, enquiries and printing notes."""
    isbn: Final[str]
    edition: Final[Edition]
    reference: Final[str]
    """The printer's reference, e.g. 'E03096655 03/24'."""
    attribution: Final[Attribution]
    executive_summary: Final[Section]
    status_labels: Final[StatusLabels]
    status_names: Final[StatusLabels]
    """A priority's status as a table's Status column shows it: Completed, In progress, New."""
    labels: Final[CovenantLabels]
    priorities: Final[list[Priority]]
    sections: Final[list[Section]]
    """Sections after the priorities."""
    annex_links: Final[LinksAnnex]
    annex_glossary: Final[GlossaryAnnex]
    annex_background: Final[Section]

    def __init__(
        self,
        year: int,
        title: str,
        subtitle: str,
        published: str,
        presented: str,
        copyright: str,
        front_matter: list[str | list[str]],
        isbn: str,
        edition: Edition,
        reference: str,
        attribution: Attribution,
        executive_summary: Section,
        status_labels: StatusLabels,
        status_names: StatusLabels,
        labels: CovenantLabels,
        priorities: list[Priority],
        sections: list[Section],
        annex_links: LinksAnnex,
        annex_glossary: GlossaryAnnex,
        annex_background: Section,
    ) -> None:
        self.year = year
        self.title = title
        self.subtitle = subtitle
        self.published = published
        self.presented = presented
        self.copyright = copyright
        self.front_matter = front_matter
        self.isbn = isbn
        self.edition = edition
        self.reference = reference
        self.attribution = attribution
        self.executive_summary = executive_summary
        self.status_labels = status_labels
        self.status_names = status_names
        self.labels = labels
        self.priorities = priorities
        self.sections = sections
        self.annex_links = annex_links
        self.annex_glossary = annex_glossary
        self.annex_background = annex_background


class PeelMeasure(Record):
    """One question or measure of HMICFRS's PEEL Assessment Framework."""

    __slots__ = ("text",)
    TEXT = {"text": "text"}

    text: Final[str]

    def __init__(self, text: str) -> None:
        self.text = text


class PeelFramework(Record):
    """``content/reference/peel.yaml``: PEEL codes (``"9.1.2"``) and their text."""

    __slots__ = ("name", "measures")
    TEXT = {"name": "text"}

    name: Final[str]
    """The framework's name, as printed beside its codes."""
    measures: Final[dict[str, PeelMeasure]]

    def __init__(self, name: str, measures: dict[str, PeelMeasure]) -> None:
        self.name = name
        self.measures = measures


class Name(Record):
    """An author: a person (family and given names) or an organisation (literal)."""

    __slots__ = ("family", "given", "literal")

    family: Final[str | None]
    given: Final[str | None]
    literal: Final[str | None]

    def __init__(self, family: str | None, given: str | None, literal: str | None) -> None:
        self.family = family
        self.given = given
        self.literal = literal


class Reference(Record):
    """One bibliography entry, cited in prose as ``[@key]``."""

    __slots__ = (
        "type",
        "author",
        "year",
        "date",
        "title",
        "container",
        "volume",
        "issue",
        "pages",
        "publisher",
        "note",
        "retrieved",
        "url",
    )
    TEXT = {
        "date": "optional text",
        "title": "text",
        "container": "optional text",
        "volume": "optional text",
        "issue": "optional text",
        "pages": "optional text",
        "publisher": "optional text",
        "note": "optional text",
        "retrieved": "optional text",
        "url": "optional text",
    }

    type: Final[Literal["article", "report", "book", "webpage"]]
    """article: the container (journal) is italic; otherwise the title is."""
    author: Final[list[Name]]
    year: Final[int | Literal["n.d."]]
    date: Final[str | None]
    """More of the date after the year, e.g. 'August 17'."""
    title: Final[str]
    container: Final[str | None]
    """The journal or series the work appeared in."""
    volume: Final[str | None]
    issue: Final[str | None]
    pages: Final[str | None]
    publisher: Final[str | None]
    note: Final[str | None]
    """e.g. '[Unpublished report.]'"""
    retrieved: Final[str | None]
    """When a web page was read, e.g. 'June 22, 2022'."""
    url: Final[str | None]

    def __init__(
        self,
        type: Literal["article", "report", "book", "webpage"],
        author: list[Name],
        year: int | Literal["n.d."],
        date: str | None,
        title: str,
        container: str | None,
        volume: str | None,
        issue: str | None,
        pages: str | None,
        publisher: str | None,
        note: str | None,
        retrieved: str | None,
        url: str | None,
    ) -> None:
        self.type = type
        self.author = author
        self.year = year
        self.date = date
        self.title = title
        self.container = container
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.publisher = publisher
        self.note = note
        self.retrieved = retrieved
        self.url = url


class Bibliography(Record):
    """``content/reference/bibliography.yaml``."""

    __slots__ = ("references",)

    references: Final[dict[str, Reference]]

    def __init__(self, references: dict[str, Reference]) -> None:
        self.references = references


class Link(Record):
    """A useful link. ``url`` is left out where the source gives none."""

    __slots__ = ("title", "url")
    TEXT = {"title": "text", "url": "optional text"}

    title: Final[str]
    url: Final[str | None]

    def __init__(self, title: str, url: str | None) -> None:
        self.title = title
        self.url = url


class Links(Record):
    """``content/reference/links.yaml``."""

    __slots__ = ("links",)

    links: Final[dict[str, Link]]

    def __init__(self, links: dict[str, Link]) -> None:
        self.links = links


class PerennialChallenge(Record):
    """One of the College of Policing's perennial challenges in policing."""

    __slots__ = ("name",)
    TEXT = {"name": "text"}

    name: Final[str]

    def __init__(self, name: str) -> None:
        self.name = name


class PerennialChallenges(Record):
    """``content/reference/perennial-challenges.yaml``."""

    __slots__ = ("intro", "challenges")
    TEXT = {"intro": "text"}

    intro: Final[str]
    """What the perennial challenges are, printed before an action's links to them."""
    challenges: Final[dict[str, PerennialChallenge]]

    def __init__(self, intro: str, challenges: dict[str, PerennialChallenge]) -> None:
        self.intro = intro
        self.challenges = challenges


class Force(Record):
    """A police force of England and Wales, territorial or national."""

    __slots__ = ("name", "short_name", "abbreviations", "aliases", "welsh_name", "kind", "country")
    TEXT = {"name": "text", "short_name": "text", "abbreviations": "texts", "aliases": "texts", "welsh_name": "optional text"}

    name: Final[str]
    """The official name, e.g. 'Norfolk Constabulary'."""
    short_name: Final[str]
    """The everyday name, e.g. 'Norfolk'."""
    abbreviations: Final[list[str]]
    """e.g. 'BTP', 'Met', 'Hants'."""
    aliases: Final[list[str]]
    """Other names people use for the force, e.g. 'Hampshire' or 'Metropolitan Police'. 'X Police' and 'X Constabulary' of each name are understood without listing them."""
    welsh_name: Final[str | None]
    """The force's official Welsh name, e.g. 'Heddlu Gwent'."""
    kind: Final[Literal["territorial", "national"]]
    country: Final[Literal["England", "Wales", "England and Wales", "Great Britain", "United Kingdom"]]

    def __init__(
        self,
        name: str,
        short_name: str,
        abbreviations: list[str],
        aliases: list[str],
        welsh_name: str | None,
        kind: Literal["territorial", "national"],
        country: Literal["England", "Wales", "England and Wales", "Great Britain", "United Kingdom"],
    ) -> None:
        self.name = name
        self.short_name = short_name
        self.abbreviations = abbreviations
        self.aliases = aliases
        self.welsh_name = welsh_name
        self.kind = kind
        self.country = country


class OutsideForce(Record):
    """A police force outside nvap's scope (Scotland, Northern Ireland), named so that users are told so."""

    __slots__ = ("name", "names")
    TEXT = {"name": "text", "names": "texts"}

    name: Final[str]
    names: Final[list[str]]
    """Other names and abbreviations, e.g. 'PSNI'."""

    def __init__(self, name: str, names: list[str]) -> None:
        self.name = name
        self.names = names


class Forces(Record):
    """``content/reference/forces.yaml``."""

    __slots__ = ("forces", "outside_scope")

    forces: Final[dict[str, Force]]
    outside_scope: Final[list[OutsideForce]]
    """Forces nvap does not serve: a user who names one is told nvap's scope."""

    def __init__(self, forces: dict[str, Force], outside_scope: list[OutsideForce]) -> None:
        self.forces = forces
        self.outside_scope = outside_scope


class Term(Record):
    """An acronym and what it stands for."""

    __slots__ = ("expansion",)
    TEXT = {"expansion": "text"}

    expansion: Final[str]

    def __init__(self, expansion: str) -> None:
        self.expansion = expansion


class Glossary(Record):
    """``content/reference/glossary.yaml``: one glossary for every document."""

    __slots__ = ("heading", "terms", "not_acronyms")
    TEXT = {"heading": "text", "not_acronyms": "texts"}

    heading: Final[str]
    terms: Final[dict[str, Term]]
    not_acronyms: Final[list[str]]
    """Words in capitals that are names, not acronyms (e.g. UNISON): no warning for them."""

    def __init__(self, heading: str, terms: dict[str, Term], not_acronyms: list[str]) -> None:
        self.heading = heading
        self.terms = terms
        self.not_acronyms = not_acronyms


RECORDS: Final = {
    "Section": Section,
    "ChangeNote": ChangeNote,
    "Edition": Edition,
    "Attribution": Attribution,
    "Needs": Needs,
    "MeasureRefs": MeasureRefs,
    "Activity": Activity,
    "PlanExamples": PlanExamples,
    "Objective": Objective,
    "Impacts": Impacts,
    "ChallengeLink": ChallengeLink,
    "ActionChallenges": ActionChallenges,
    "Action": Action,
    "Contact": Contact,
    "FormField": FormField,
    "RealisationPlanForm": RealisationPlanForm,
    "Labels": Labels,
    "CollectLabels": CollectLabels,
    "FeedbackLabels": FeedbackLabels,
    "IndexLabels": IndexLabels,
    "WorkbookLabels": WorkbookLabels,
    "Programme": Programme,
    "Priority": Priority,
    "LinkGroup": LinkGroup,
    "LinksAnnex": LinksAnnex,
    "GlossaryAnnex": GlossaryAnnex,
    "StatusLabels": StatusLabels,
    "CovenantLabels": CovenantLabels,
    "CovenantReport": CovenantReport,
    "PeelMeasure": PeelMeasure,
    "PeelFramework": PeelFramework,
    "Name": Name,
    "Reference": Reference,
    "Bibliography": Bibliography,
    "Link": Link,
    "Links": Links,
    "PerennialChallenge": PerennialChallenge,
    "PerennialChallenges": PerennialChallenges,
    "Force": Force,
    "OutsideForce": OutsideForce,
    "Forces": Forces,
    "Term": Term,
    "Glossary": Glossary,
}
"""Every record, by its (and its model's) name."""
