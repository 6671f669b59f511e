"""``content/actions/<id>.yaml``: one NVAP Action Impact Toolkit."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .common import Attribution, Block, Edition, Key, Model, NonEmpty, Text

ActionId = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]
"""An NVAP action number such as ``2.6.2``."""


class Needs(Model):
    """ "What do we need?": an introduction and its points."""

    intro: Text
    items: NonEmpty[Text]


class MeasureRefs(Model):
    """Measures by reference: PEEL codes and keys of the objective's other measures."""

    peel: list[Key] = Field(default_factory=list)
    other: list[Key] = Field(default_factory=list)


class Activity(Model):
    """A logic-model activity with its evidence (a row of the supporting information)."""

    id: Key
    title: Text
    outputs: list[Text] = Field(default_factory=list)
    evidence: list[Block] = Field(default_factory=list)
    impacts: list[Text] = Field(default_factory=list, description="Short to medium term impacts.")
    assessment_questions: list[Text] = Field(default_factory=list)
    potential_measures: MeasureRefs = Field(default_factory=MeasureRefs)


class PlanExamples(Model):
    """The 'Progress' examples of the realisation plan, per impact."""

    organisational: Text
    external: Text


class Objective(Model):
    """One objective of the action: its logic model and evidence."""

    id: Key
    short_name: Text
    statement: Text
    what_we_mean: Text
    what_we_need: Needs
    situation: NonEmpty[Text]
    measures: dict[Key, Text] = Field(
        default_factory=dict, description="The objective's non-PEEL measures, written once, referred to by key."
    )
    suggested_measures: MeasureRefs
    activities: NonEmpty[Activity]
    unintended_consequences: list[Text] = Field(default_factory=list)
    plan_examples: PlanExamples


class Impacts(Model):
    """The long-term impacts: one organisational, one external."""

    organisational: Text
    external: Text


class ChallengeLink(Model):
    """How the action links to one perennial challenge."""

    challenge: Key
    intro: Text
    issues: NonEmpty[Text]


class ActionChallenges(Model):
    """The perennial challenges the action links to."""

    intro: Text
    links: NonEmpty[ChallengeLink]


class Action(Model):
    """An NVAP Action Impact Toolkit."""

    id: ActionId
    title: Text
    plan: Key = Field(description="The programme file this action belongs to (content/<plan>.yaml).")
    status: Literal["draft", "published"] = Field(
        "published",
        description="A draft may be incomplete (empty text and lists are warnings, not errors) and every output is marked as one.",
    )
    attribution: Attribution | None = Field(None, description="Overrides the programme's attribution.")
    detail: Text
    impacts: Impacts
    outputs_note: Text | None = Field(
        None,
        description="Set when the source gives no outputs for the activities: the logic model then leaves its "
        "Outputs column out and prints this note in its place, in every format.",
    )
    how_we_know: NonEmpty[Key] = Field(description="PEEL codes of the impact statement.")
    objectives: NonEmpty[Objective]
    perennial_challenges: ActionChallenges
    useful_links: list[Key] = Field(default_factory=list)
    references: list[Key] = Field(default_factory=list, description="The reference list: bibliography keys.")
    related_actions: list[ActionId] = Field(default_factory=list)
    covenant_priorities: list[Key] = Field(default_factory=list)
    edition: Edition = Field(description="Which edition of the toolkit this is, and what changed since the last one.")
