"""Typed views: what the renderers of each document receive (templates, workbooks).

The realisation plan's form has its own view, with the plan (``plan.form``)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..content.project import Project
from ..records import dump
from ..records.content import (
    Action,
    Attribution,
    CovenantLabels,
    CovenantReport,
    Edition,
    Labels,
    Link,
    MeasureRefs,
    Objective,
    PerennialChallenge,
    Priority,
    Programme,
    RealisationPlanForm,
    Reference,
)
from .citations import reference_runs
from .prose import Prose, acronyms_in


def edition_line(label: str, edition: Edition) -> str:
    """``Edition 1 (2026-11-23)``: the label from the content, the version and the date."""
    return f"{label} {edition.version} ({edition.date})"


@dataclass(frozen=True)
class Measure:
    """A measure as printed: a PEEL code with its text, or another measure's text."""

    code: str | None
    text: str


@dataclass(frozen=True)
class ToolkitView:
    """Everything a toolkit's renderers use (templates get ``context()``; the workbook reads the attributes)."""

    project: Project
    action: Action
    programme: Programme
    labels: Labels
    form: RealisationPlanForm
    attribution: Attribution
    prose: Prose
    references: list[tuple[str, list[tuple[str, bool]]]]
    """Each cited or listed reference: its key and its formatted runs (text, italic)."""
    related: list[tuple[str, str | None]]
    """Related actions: id and title."""
    priorities: list[tuple[int, Priority]]
    """The Covenant priorities the action serves: (report year, priority)."""
    glossary: list[tuple[str, str]]
    """The acronyms the toolkit uses, with their expansions."""

    def peel(self, code: str) -> Measure:
        """A PEEL measure by its code."""
        return Measure(code, self.project.peel.measures[code].text)

    def measures(self, objective: Objective, refs: MeasureRefs) -> dict[str, list[Measure]]:
        """An objective's measures named by ``refs``: the PEEL ones, then the others."""
        return {
            "peel": [self.peel(code) for code in refs.peel],
            "other": [Measure(None, objective.measures[key]) for key in refs.other],
        }

    def challenge(self, key: str) -> PerennialChallenge:
        return self.project.challenges.challenges[key]

    def link(self, key: str) -> Link:
        return self.project.links.links[key]

    def context(self) -> dict[str, Any]:
        """The template context: every field, and the look-ups as functions."""
        names = {f.name: getattr(self, f.name) for f in fields(self)}
        return names | {"peel": self.peel, "measures": self.measures, "challenge": self.challenge, "link": self.link}


def toolkit_view(project: Project, action: Action, prose: Prose) -> ToolkitView:
    """The view of ``action``'s toolkit."""
    programme = project.programme_of(action)
    # What the walks over every string of the action find is the same for each format: found once.
    memo = ("toolkit walks", action.id)
    if memo not in project.derived:
        project.derived[memo] = (_cited_keys(action), acronyms_in(action, programme))
    cited, acronyms = project.derived[memo]
    keys = sorted(set(action.references) | cited, key=lambda k: _ref_sort(project.bibliography.references[k]))
    return ToolkitView(
        project=project,
        action=action,
        programme=programme,
        labels=programme.labels,
        form=programme.realisation_plan,
        attribution=action.attribution or programme.attribution,
        prose=prose,
        references=[(k, reference_runs(project.bibliography.references[k])) for k in keys],
        related=[(a, project.action_title(a)) for a in action.related_actions],
        priorities=served_priorities(project, action),
        glossary=[(t, project.glossary.terms[t].expansion) for t in acronyms if t in project.glossary.terms],
    )


@dataclass(frozen=True)
class CovenantView:
    """Everything a Covenant report's renderers use."""

    project: Project
    report: CovenantReport
    labels: CovenantLabels
    groups: list[tuple[str, list[Priority]]]
    """The priorities by status: completed, in progress, new."""
    prose: Prose
    glossary: list[tuple[str, str]]
    glossary_heading: str
    action_label: str
    """How an action is named ("Action"), from the programme the related actions belong to."""

    def status_label(self, status: str) -> str:
        """A status group's heading ("Priorities Completed")."""
        label: str = dump(self.report.status_labels)[status]  # a str: English in a translation stays marked
        return label

    def status_name(self, status: str) -> str:
        """A priority's status in a table ("Completed")."""
        name: str = dump(self.report.status_names)[status]
        return name

    def link(self, key: str) -> Link:
        return self.project.links.links[key]

    def related(self, priority_id: str) -> list[tuple[str, str | None]]:
        """The actions that serve a priority: id and title."""
        return [(a, self.project.action_title(a)) for a in self.project.related_actions(priority_id)]

    def context(self) -> dict[str, Any]:
        names = {f.name: getattr(self, f.name) for f in fields(self)}
        return names | {
            "status_label": self.status_label,
            "status_name": self.status_name,
            "link": self.link,
            "related": self.related,
        }


def covenant_view(project: Project, report: CovenantReport, prose: Prose) -> CovenantView:
    """The view of a Police Covenant report."""
    groups = [(status, [p for p in report.priorities if p.status == status]) for status in ("completed", "in-progress", "new")]
    programme = project.programme_of_actions([a for p in report.priorities for a in project.related_actions(p.id)])
    return CovenantView(
        project=project,
        report=report,
        labels=report.labels,
        groups=groups,
        prose=prose,
        glossary=[(t, project.glossary.terms[t].expansion) for t in acronyms_in(report) if t in project.glossary.terms],
        glossary_heading=project.glossary.heading,
        action_label=programme.labels.action,
    )


def served_priorities(project: Project, action: Action) -> list[tuple[int, Priority]]:
    """The Covenant priorities ``action`` serves, each with its report's year (the latest report's, by id)."""
    found = {p.id: (report.year, p) for report in project.reports.values() for p in report.priorities}
    return [found[p] for p in action.covenant_priorities]


def page_reads(project: Project, kind: str, key: str) -> tuple[list[str], Any]:
    """What a document's page is made from: the files read whole (by path) and the parts of the rest, as plain data.

    A toolkit's page reads its action's file, the programmes and the reference data whole, and
    of the rest: each action's id, title and programme (related actions, links to an action)
    and the Covenant priorities the action serves (``served_priorities``). A report's page reads its
    file, the programmes and the reference data whole, and each action's id, title, programme
    and the priorities it serves. Kept in step with ``toolkit_view``, ``covenant_view``, ``Prose``
    and the templates (what they reach through ``project``): a page made before from the same
    reads is that page again (``document``); a test edits what a page does not read and checks
    the page is the same.
    """
    from ..content.kinds import PROGRAMME, REFERENCE

    own = project.action_docs[key].path if kind == "toolkit" else project.report_docs[int(key)].path
    whole = [str(i.doc.path) for i in project.loaded if i.doc.path == own or i.kind is PROGRAMME or i.kind.name in REFERENCE]
    actions = [[a.id, a.title, a.plan] for a in project.actions.values()]
    if kind == "toolkit":
        served = served_priorities(project, project.actions[key])
        rest: Any = {"actions": actions, "priorities": [[year, dump(priority)] for year, priority in served]}
    else:
        rest = {"actions": [[*row, a.covenant_priorities] for row, a in zip(actions, project.actions.values(), strict=True)]}
    return whole, rest


def _cited_keys(action: Action) -> set[str]:
    from ..content.inline import references
    from ..records import strings_in

    return {key for text in strings_in(action) for kind, key, _ in references(text) if kind == "cite"}


def _ref_sort(ref: Reference) -> tuple[str, str]:
    first = ref.author[0]
    return ((first.literal or first.family or "").casefold(), str(ref.year))
