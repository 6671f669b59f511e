"""``content/nvap.yaml``: what every toolkit of the plan shares.

The guidance notes, contact, attribution, the realisation-plan form's labels
and prompts, and the headings the templates print.  Templates hold structure
only; every word a force reads comes from here or from an action file.
"""

from __future__ import annotations

from pydantic import Field

from .common import Attribution, Key, Model, Section, Text


class Contact(Model):
    """Who to ask about the toolkit."""

    heading: Text
    text: Text
    email: Text


class FormField(Model):
    """A label of the realisation-plan form, with the prompt shown when its cell is selected."""

    label: Text
    prompt: Text | None = None


class RealisationPlanForm(Model):
    """The Impact Realisation Plan form: labels and prompts, shared by every action."""

    sheet_title: Text
    heading: Text
    subheading: Text
    title: Text
    instructions_heading: Text
    instructions: list[Text] = Field(description="The questions to ask before filling in the plan.")
    instructions_intro: Text
    reporting_period: FormField
    project_lead: FormField
    prepared_by: FormField
    date_prepared: FormField
    force: FormField
    objective: FormField
    impact_owner: FormField
    impact_description: FormField
    organisational: FormField
    external: FormField
    activity: FormField
    output: FormField
    impact_measurement: FormField
    progress: FormField
    next_steps: FormField
    risks: FormField
    risk_mitigation: FormField
    additional_comments: FormField
    example_prefix: Text = Field(description="Put before a progress example, e.g. 'Example:'.")
    kept_sheet_title: Text = Field(
        description="The sheet of an upgraded plan (nvap plan --upgrade) that keeps the answers whose objective or field the new edition no longer has."
    )
    kept_cell: Text = Field(description="Heads the column of that sheet giving where each kept answer was in the earlier plan.")


class Labels(Model):
    """Headings and labels the rendered toolkits print."""

    toolkit: Text
    page_numbers: Text = Field(
        description="Printed page numbers, e.g. 'Page {page} of {pages}' ({page} and {pages} are filled in)."
    )
    contents: Text
    skip_to_content: Text = Field(
        description="The first link of every web page, shown when it has the keyboard's focus: it skips to the main content."
    )
    action: Text
    objective: Text
    impact_statement: Text
    impact_statement_heading: Text
    logic_model: Text
    supporting_information: Text
    supporting_information_heading: Text
    realisation_plan: Text
    action_detail: Text
    objectives: Text
    long_term_impacts: Text
    organisational: Text
    external: Text
    organisational_impact: Text
    external_impact: Text
    organisational_impact_long_term: Text
    external_impact_long_term: Text
    what_we_mean: Text
    what_we_need: Text
    how_we_know: Text
    situation: Text
    activities: Text
    outputs: Text
    impacts: Text
    impact_assessment: Text
    suggested_measures: Text
    peel_measures: Text
    other_measures: Text
    unintended_consequences: Text
    evidence: Text
    impact: Text
    potential_measures: Text
    perennial_challenges: Text
    useful_links: Text
    references: Text
    related_actions: Text
    covenant_priorities: Text
    glossary: Text
    attribution: Text
    no_url: Text = Field(description="Shown where a link has no address in the source.")
    edition: Text = Field(description="Put before the edition's version and date.")
    changes: Text = Field(description='Heading of the edition\'s change notes ("What has changed in this edition").')
    affects_plans: Text = Field(description="Marks a change note that affects realisation plans made from the last edition.")
    draft: Text = Field(description="Marks every output of a toolkit whose status is draft.")
    draft_banner: Text = Field(
        description="The banner on every page, sheet and plan of a draft toolkit, so that a draft is never taken for guidance."
    )


class CollectLabels(Model):
    """The words of ``nvap collect``'s summary of the plans forces returned (HTML and Excel)."""

    title: Text
    intro: Text
    responses: Text = Field(description="Heading of the counts of plans read, rejected and missing.")
    plans_read: Text
    rejected: Text = Field(description="Heading of the files that were not counted, and their problems.")
    none_rejected: Text
    missing: Text = Field(description="Heading of the forces in the reference data that returned no plan.")
    none_missing: Text
    completeness: Text = Field(description="Heading of each force's plan: inputs filled, date prepared.")
    file: Text
    inputs_filled: Text
    inputs: Text
    complete: Text = Field(description="The share of a plan's inputs that are filled in.")
    choices: Text = Field(description="The sheet of how many forces chose each dropdown option.")
    chart: Text = Field(description="Ends a chart's caption: what its bars count.")
    option: Text
    forces: Text = Field(description="Heads a count of forces.")
    chosen_by: Text
    free_text: Text = Field(description="Entries forces wrote instead of choosing from a dropdown.")
    left_blank: Text
    field: Text = Field(description="Heads the plan field (Activity, Risks, ...) a row is about.")
    column: Text = Field(description="Heads the impact column (organisational or external) a row is about.")
    entry: Text
    problem: Text
    answers: Text = Field(description="Heading of every answer each force typed, as typed.")
    answers_intro: Text = Field(description="Says under the answers heading which plans they come from.")
    returns: Text = Field(description="Heading of each force's return: counted, rejected, unreadable or missing.")
    status: Text = Field(description="Heads a return's status.")
    status_counted: Text = Field(description="The status of a plan that was counted.")
    status_superseded: Text = Field(description="The status of a plan set aside for a later plan of the same force.")
    status_rejected: Text = Field(description="The status of a plan read but not counted (its answers are still shown).")
    status_unreadable: Text = Field(description="The status of a file that names a force but could not be read as a plan.")
    status_missing: Text = Field(description="The status of a force that sent no file.")
    warnings: Text = Field(description="Heading of what was noticed in plans that were still counted.")
    none_warnings: Text
    duplicates: Text = Field(description="Heading of the forces that sent more than one plan.")
    none_duplicates: Text
    kept: Text = Field(description="Heads the plan of a force that was counted.")
    set_aside: Text = Field(description="Heads the plans of a force that were not counted.")
    reason: Text = Field(description="Heads why one plan of a force was counted.")
    reason_later: Text = Field(description="Why: its date prepared is later.")
    reason_saved_later: Text = Field(description="Why: the dates are the same and it was saved later.")
    reason_file_name: Text = Field(description="Why: dates and times saved are the same; its file name sorts last.")
    outside: Text = Field(description="Heading of the words forces wrote outside the plan's inputs.")
    outside_intro: Text = Field(description="Says under that heading what is listed there and why.")
    none_outside: Text
    where: Text = Field(description="Heads the cell (Sheet!Cell) a text was found in.")
    text: Text = Field(description="Heads a text found outside the inputs.")
    kind: Text = Field(description="Heads where a text outside the inputs was: beside them, a note, hidden.")
    kind_cell: Text = Field(description="A text in a cell that is not an input.")
    kind_note: Text = Field(description="A note (comment) on a cell.")
    kind_hidden: Text = Field(description="A value hidden inside merged cells, read from the file.")
    skipped: Text = Field(description="Heading of the files found among the returns but not read.")
    none_skipped: Text
    reason_skipped: Text = Field(description="Heads why a file was not read.")
    as_typed: Text = Field(description="Follows a date's label for the date as the force typed it.")
    yes: Text
    no: Text
    counted: Text = Field(description="Heads whether a plan's answers were counted.")


class FeedbackLabels(Model):
    """The words of the feedback packs ``nvap collect --feedback`` writes: each force's answers beside the national picture.

    ``{force}``, ``{answered}``, ``{inputs}``, ``{low}``, ``{high}`` and ``{threshold}`` are filled in by nvap.
    """

    threshold: int = Field(
        default=3,
        ge=1,
        description="A national count below this is shown as 'fewer than' it (fewer_than), so no force can be identified by its choices.",
    )
    title: Text = Field(description="The pack's title, e.g. 'Feedback for {force}'.")
    intro: Text = Field(description="Under the title: what the pack holds, and that it names no other force.")
    plan: Text = Field(description="Heading of the plan's details: edition, date prepared, prepared by.")
    earlier_edition: Text = Field(description="The edition of a plan made from an earlier edition of the toolkit.")
    completeness: Text = Field(description="Heading of the force's completeness beside the national median and range.")
    answered: Text = Field(description="The force's inputs answered: '{answered} of {inputs} inputs answered'.")
    yours: Text = Field(description="Heads the force's own figure (completeness, choice).")
    national_median: Text
    national_range: Text
    range: Text = Field(description="A range of percentages: '{low}% to {high}%'.")
    returns: Text = Field(description="Heading of how many forces returned a plan and how many were counted.")
    forces_returned: Text = Field(description="How many forces returned a plan (counted or not).")
    plans_counted: Text = Field(description="How many plans were counted nationally.")
    answers: Text = Field(description="Heading of the force's answers, as typed, per action and objective.")
    answers_intro: Text
    choices: Text = Field(description="Heading, under an objective, of its dropdowns beside the national counts.")
    your_choice: Text = Field(description="Marks the force's own choice in a chart and its table.")
    chart: Text = Field(description="Ends a chart's caption: what its bars count.")
    fewer_than: Text = Field(description="A national count below the threshold: 'fewer than {threshold}'.")
    withheld: Text = Field(
        description="A national count withheld so that a count below the threshold cannot be worked out from the total."
    )
    own_entry: Text = Field(description="The row of entries typed instead of chosen from the list.")
    left_blank: Text
    empty: Text = Field(description="Heading of the inputs the force left empty.")
    none_empty: Text
    problems: Text = Field(description="Heading of what was noticed reading the force's plan, with the cells.")
    none_problems: Text
    whole_plan: Text = Field(description="Stands for a cell where what was noticed is about the whole plan, not one cell.")
    index_title: Text = Field(description="The title of the page listing every pack (feedback/index.html).")
    index_intro: Text


class IndexLabels(Model):
    """The words of the index page a build writes beside the documents (index.html, index.md)."""

    title: Text
    intro: Text
    document: Text = Field(description="Heads the column of the documents' titles.")
    edition: Text
    date: Text
    formats: Text = Field(description="Heads the column of links to each format built.")
    md: Text = Field(description="The name of the Markdown format, as a link's text.")
    html: Text
    xlsx: Text
    pdf: Text
    ods: Text = Field(description="The name of the OpenDocument spreadsheet format (nvap build -f ods).")


class WorkbookLabels(Model):
    """The words of every workbook's cover sheet and the titles of the sheets the documents do not name."""

    cover: Text = Field(description="The cover sheet's tab name.")
    contents: Text = Field(description="Heading of the cover's table of the sheets.")
    sheet: Text = Field(description="Heads the column of sheet names (each a link to its sheet).")
    holds: Text = Field(description="Heads the column saying what each sheet holds.")
    hidden: Text = Field(description="Heading of the cover's list of hidden sheets.")
    hidden_intro: Text = Field(description="Says what the hidden sheets are for.")
    notes: Text = Field(description="Heading of a workbook's notes ([note 1], [note 2]).")
    term: Text = Field(description="Heads the glossary's column of acronyms.")
    meaning: Text = Field(description="Heads the glossary's column of what each acronym stands for.")
    objectives_sheet: Text = Field(description="The toolkit sheet of each objective's situation, measures and consequences.")
    further_information: Text = Field(description="The toolkit sheet of challenges, links and references.")
    priorities: Text = Field(description="The Covenant tracker's sheet of priorities.")
    guidance: Text
    impact_statement: Text
    logic_model: Text
    objectives: Text
    supporting_information: Text
    further: Text
    glossary: Text
    realisation_plan: Text
    lists_sheet: Text
    plan_meta_sheet: Text
    summary_meta_sheet: Text
    tracker: Text
    returns: Text
    completeness: Text
    choices: Text
    free_text: Text
    answers: Text
    missing: Text
    duplicates: Text
    warnings: Text
    rejected: Text
    outside: Text
    skipped: Text


class Programme(Model):
    """The action plan every toolkit belongs to (the NVAP)."""

    id: Key
    name: Text
    short_name: Text
    attribution: Attribution
    contact: Contact
    guidance: Section
    actions: dict[str, Text] = Field(description="Index of the plan's actions that toolkits refer to: id -> title.")
    unintended_consequences_note: Text
    realisation_plan: RealisationPlanForm
    labels: Labels
    collect_labels: CollectLabels
    feedback_labels: FeedbackLabels
    index_labels: IndexLabels
    workbook_labels: WorkbookLabels
