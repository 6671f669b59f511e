"""``content/covenant/<year>/report.yaml``: a Police Covenant annual report."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Attribution, Block, Edition, Key, Model, NonEmpty, Section, Text

Status = Literal["completed", "in-progress", "new"]


class Priority(Model):
    """A Covenant priority as one year's report gives it. Its id is stable across years."""

    id: Key
    title: Text
    status: Status
    summary: NonEmpty[Block]
    progress: NonEmpty[Block]
    planned: NonEmpty[Block]


class LinkGroup(Model):
    """A group of Annex A links."""

    heading: Text
    links: NonEmpty[Key]


class LinksAnnex(Model):
    """Annex A: relevant links."""

    heading: Text
    groups: NonEmpty[LinkGroup]


class GlossaryAnnex(Model):
    """Annex B: the acronyms the report defines (keys of the shared glossary)."""

    heading: Text
    terms: NonEmpty[Key]


class StatusLabels(Model):
    """How the report names each status group."""

    completed: Text
    in_progress: Text = Field(alias="in-progress")
    new: Text


class CovenantLabels(Model):
    """Headings the report prints."""

    summary: Text
    progress: Text
    planned: Text
    status: Text
    priority: Text
    year: Text
    related_actions: Text
    planned_item: Text
    priority_id: Text
    contents: Text
    notes: Text
    page_numbers: Text = Field(
        description="Printed page numbers, e.g. 'Page {page} of {pages}' ({page} and {pages} are filled in)."
    )
    isbn: Text
    edition: Text = Field(description="Put before the edition's version and date.")
    changes: Text = Field(description="Heading of the edition's change notes.")
    affects_plans: Text = Field(description="Marks a change note that affects trackers or plans made from the last edition.")


class CovenantReport(Model):
    """One year's Police Covenant report to Parliament."""

    year: int
    title: Text
    subtitle: Text
    published: Text = Field(description="As printed, e.g. 'March 2024'.")
    presented: Text = Field(description="The statutory basis on which it was laid before Parliament.")
    copyright: Text
    front_matter: list[Block] = Field(description="Licence, availability, enquiries and printing notes.")
    isbn: Text
    edition: Edition
    reference: Text = Field(description="The printer's reference, e.g. 'E03096655 03/24'.")
    attribution: Attribution
    executive_summary: Section
    status_labels: StatusLabels
    status_names: StatusLabels = Field(
        description="A priority's status as a table's Status column shows it: Completed, In progress, New."
    )
    labels: CovenantLabels
    priorities: NonEmpty[Priority]
    sections: list[Section] = Field(default_factory=list, description="Sections after the priorities.")
    annex_links: LinksAnnex
    annex_glossary: GlossaryAnnex
    annex_background: Section
