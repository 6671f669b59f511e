"""What a template receives for one document: the models plus the look-ups templates need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Action, CovenantReport
from ..models.action import MeasureRefs, Objective
from ..models.reference import Reference
from ..project import Project
from .citations import reference_runs
from .prose import Prose, acronyms_in


@dataclass(frozen=True)
class Measure:
    """A measure as printed: a PEEL code with its text, or another measure's text."""

    code: str | None
    text: str


def toolkit_context(project: Project, action: Action, prose: Prose) -> dict[str, Any]:
    """Everything the toolkit templates use."""
    programme = project.programme_of(action)
    peel = project.peel.measures

    def measures(objective: Objective, refs: MeasureRefs) -> dict[str, list[Measure]]:
        return {
            "peel": [Measure(code, peel[code].text) for code in refs.peel],
            "other": [Measure(None, objective.measures[key]) for key in refs.other],
        }

    cited = _cited_keys(action)
    keys = sorted(set(action.references) | cited, key=lambda k: _ref_sort(project.bibliography.references[k]))
    priorities = {p.id: (report.year, p) for report in project.reports.values() for p in report.priorities}
    return {
        "project": project,
        "action": action,
        "programme": programme,
        "labels": programme.labels,
        "form": programme.realisation_plan,
        "attribution": action.attribution or programme.attribution,
        "prose": prose,
        "peel": lambda code: Measure(code, peel[code].text),
        "measures": measures,
        "challenge": lambda key: project.challenges.challenges[key],
        "link": lambda key: project.links.links[key],
        "references": [(k, reference_runs(project.bibliography.references[k])) for k in keys],
        "related": [(a, project.action_title(a)) for a in action.related_actions],
        "priorities": [priorities[p] for p in action.covenant_priorities],
        "glossary": [(t, project.glossary.terms[t].expansion) for t in acronyms_in(action, programme) if t in project.glossary.terms],
    }


def covenant_context(project: Project, report: CovenantReport, prose: Prose) -> dict[str, Any]:
    """Everything the Covenant report templates use."""
    groups = [(status, [p for p in report.priorities if p.status == status]) for status in ("completed", "in-progress", "new")]
    labels = report.status_labels.model_dump(by_alias=True)
    return {
        "project": project,
        "report": report,
        "labels": report.labels,
        "status_label": lambda status: labels[status],
        "groups": groups,
        "prose": prose,
        "link": lambda key: project.links.links[key],
        "related": lambda pid: [(a, project.action_title(a)) for a in project.related_actions(pid)],
        "glossary": [(t, project.glossary.terms[t].expansion) for t in acronyms_in(report) if t in project.glossary.terms],
        "glossary_heading": project.glossary.heading,
        "action_label": next(iter(project.programmes.values())).labels.action,
    }


def _cited_keys(action: Action) -> set[str]:
    from ..inline import references

    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(key for kind, key, _ in references(value) if kind == "cite")
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(action.model_dump())
    return found


def _ref_sort(ref: Reference) -> tuple[str, str]:
    first = ref.author[0]
    return ((first.literal or first.family or "").casefold(), str(ref.year))
