"""The validated content and its look-ups: what renderers and commands receive."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..issues import Issue
from .kinds import ACTION, COVENANT, PROGRAMME, REFERENCE, Kind
from .source import Document

if TYPE_CHECKING:
    from ..records.content import (
        Action,
        Bibliography,
        CovenantReport,
        Forces,
        Glossary,
        Links,
        PeelFramework,
        PerennialChallenges,
        Programme,
    )


M = TypeVar("M")


@dataclass
class Loaded:
    """A validated document: its file and its model, as a record (``records.content``)."""

    doc: Document
    kind: Kind
    model: Any


@dataclass(frozen=True)
class Sources:
    """What the documents of a project are made from, as digests."""

    context: str
    """The content folder's other files (catalogues...), the templates, where it lies and nvap."""
    files: dict[str, str]
    """What each content file holds (``cache.data_digest``), by its path: its record is made from this alone."""


@dataclass
class Project:
    """Every content file, validated and cross-checked."""

    root: Path
    loaded: list[Loaded]
    issues: list[Issue] = field(default_factory=list)
    lang: str = "en"
    """The language its models are in: ``en``, or a translation's (``i18n.apply.translate``)."""
    sources: Sources | None = None
    """What its documents are rendered from, as digests (``cache.sources``), when known: by it a document's page
    made before is that page again (``document``). Only a load that validates or takes the cache sets it (a
    translated project has none)."""

    def _one(self, name: str, model: type[M]) -> M:
        """The one reference file of kind ``name``, as its model."""
        for item in self.loaded:
            if item.kind is REFERENCE[name]:
                assert isinstance(item.model, model), name
                return item.model
        raise LookupError(name)

    @cached_property
    def derived(self) -> dict[tuple[str, ...], Any]:
        """Things worked out from the content once and kept as long as the project (a blank plan's texts, a form).

        Keyed by what was worked out and from what: ``("blank texts", "2.6.2", "en")``.
        """
        return {}

    @cached_property
    def peel(self) -> PeelFramework:
        from ..records.content import PeelFramework

        return self._one("peel", PeelFramework)

    @cached_property
    def bibliography(self) -> Bibliography:
        from ..records.content import Bibliography

        return self._one("bibliography", Bibliography)

    @cached_property
    def links(self) -> Links:
        from ..records.content import Links

        return self._one("links", Links)

    @cached_property
    def challenges(self) -> PerennialChallenges:
        from ..records.content import PerennialChallenges

        return self._one("perennial-challenges", PerennialChallenges)

    @cached_property
    def forces(self) -> Forces:
        from ..records.content import Forces

        return self._one("forces", Forces)

    @cached_property
    def glossary(self) -> Glossary:
        from ..records.content import Glossary

        return self._one("glossary", Glossary)

    @cached_property
    def programmes(self) -> dict[str, Programme]:
        return {i.doc.path.stem: i.model for i in self.loaded if i.kind is PROGRAMME}

    @cached_property
    def actions(self) -> dict[str, Action]:
        found = {i.model.id: i.model for i in self.loaded if i.kind is ACTION}
        return dict(sorted(found.items(), key=lambda kv: action_sort_key(kv[0])))

    @cached_property
    def reports(self) -> dict[int, CovenantReport]:
        found = {i.model.year: i.model for i in self.loaded if i.kind is COVENANT}
        return dict(sorted(found.items()))

    @cached_property
    def action_docs(self) -> dict[str, Document]:
        """Each action's source file, by action id."""
        return {i.model.id: i.doc for i in self.loaded if i.kind is ACTION}

    @cached_property
    def report_docs(self) -> dict[int, Document]:
        """Each Covenant report's source file, by year."""
        return {i.model.year: i.doc for i in self.loaded if i.kind is COVENANT}

    def programme_of(self, action: Action) -> Programme:
        return self.programmes[action.plan]

    def programme_for(self, action_id: str) -> Programme | None:
        """The programme an action belongs to: its toolkit's plan, else the programme whose index lists it."""
        if action_id in self.actions:
            return self.programmes.get(self.actions[action_id].plan)
        return next((p for p in self.programmes.values() if action_id in p.actions), None)

    def programme_of_actions(self, action_ids: list[str]) -> Programme:
        """The programme most of ``action_ids`` belong to (ties: the first by id); any programme when none is known.

        A collection or a plan normally holds the actions of one programme; its labels are that programme's.
        """
        counts: dict[str, int] = {}
        for action_id in action_ids:
            found = self.programme_for(action_id)
            if found is not None:
                counts[found.id] = counts.get(found.id, 0) + 1
        if not counts:
            return self.programmes[min(self.programmes)]
        best = max(sorted(counts), key=lambda p: counts[p])
        return next(p for p in self.programmes.values() if p.id == best)

    def action_title(self, action_id: str) -> str | None:
        """The title of an action: from its toolkit, else from its plan's index of actions."""
        if action_id in self.actions:
            return self.actions[action_id].title
        for programme in self.programmes.values():
            if action_id in programme.actions:
                return programme.actions[action_id]
        return None

    def related_actions(self, priority_id: str) -> list[str]:
        """The actions that name a Covenant priority (the report's side of the cross-link)."""
        return [a.id for a in self.actions.values() if priority_id in a.covenant_priorities]

    def content_hash(self, action: Action) -> str:
        """A short hash of what an action's realisation plan is made from: its edition.

        The action, the plan form's labels and prompts, and the PEEL texts its dropdowns
        offer; a changed heading elsewhere does not make the forces' plans out of date.
        """
        from ..records import dump

        digest = hashlib.sha256()
        for part in (action, self.programme_of(action).realisation_plan, self.peel):
            digest.update(json.dumps(dump(part), sort_keys=True).encode())
        return digest.hexdigest()[:16]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


def action_sort_key(action_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in action_id.split("."))
