"""Project-wide rules, checked after every file has been read: ids are unique and every reference resolves."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import display_path
from ..issues import Issue
from .inline import ACRONYM, references
from .kinds import ACTION, COVENANT, PROGRAMME, REFERENCE
from .loader import locate, tree_of
from .project import Loaded, Project
from .source import Document

# Fields whose values are identifiers, addresses or names, not prose.
_NOT_PROSE = {"url", "licence_url", "email", "id", "isbn", "reference", "abbreviations", "plan", "type", "challenge"}


class _Checker:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.issues: list[Issue] = []
        self.cited: set[str] = set()
        self.partial = False
        """The document being checked failed validation: only what could be read of it is checked."""
        self._parsed: tuple[Document, Node | None] | None = None
        """The last document whose node tree was parsed again, and that tree (see ``tree``)."""

    def tree(self, doc: Document) -> Node | None:
        """The document's node tree: a validated document keeps none, and is parsed again (only to place a problem)."""
        if doc.node is not None:
            return doc.node
        if self._parsed is None or self._parsed[0] is not doc:
            self._parsed = (doc, tree_of(doc))
        return self._parsed[1]

    def at(self, doc: Document, loc: tuple[Any, ...], message: str, severity: str = "error", *, at_key: bool = False) -> None:
        node = locate(self.tree(doc), loc, at_key=at_key)
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.issues.append(Issue.at(doc.shown, line, col, message, severity))

    def at_offset(
        self, doc: Document, where: ScalarNode | tuple[Any, ...], needle: str, offset: int, message: str, severity: str = "error"
    ) -> None:
        # Find the reference in the file's own text, so folded and quoted scalars point at the right column:
        # the same occurrence as at ``offset`` of the value (a second bad citation on a line is not the first).
        # ``where``: the value's node, or its place in the document's data (its node is then found in the tree).
        node = where if isinstance(where, ScalarNode) else locate(self.tree(doc), where)
        if not isinstance(node, ScalarNode):
            self.at(doc, where if isinstance(where, tuple) else (), message, severity)
            return
        raw = doc.text[node.start_mark.index : node.end_mark.index]
        nth = str(node.value)[:offset].count(needle)
        index = -1
        for _ in range(nth + 1):
            index = raw.find(needle, index + 1)
            if index < 0:
                break
        if index < 0:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        else:
            line, col = doc.position(node.start_mark.index + index)
        self.issues.append(Issue.at(doc.shown, line, col, message, severity))

    def reference_file(self, name: str) -> str:
        """Where the content being checked keeps the reference data ``name`` (``content/reference/glossary.yaml``)."""
        return display_path(self.project.root / "reference" / f"{name}.yaml")

    def unknown(self, what: str, key: str, known: Any) -> str:
        close = difflib.get_close_matches(key, [str(k) for k in known], n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown {what} '{key}'{hint}"

    # -- prose -----------------------------------------------------------------

    def prose(self, item: Loaded) -> None:
        doc = item.doc
        terms = self.project.glossary.terms
        ignore = set(self.project.glossary.not_acronyms)
        for node, text, key in _prose_of(doc):
            if key in _NOT_PROSE:
                continue
            for kind, ref, offset in references(text):
                token = text[offset:].split("]", 1)[0] + "]"
                if kind == "bad-cite":
                    self.at_offset(
                        doc,
                        node,
                        token,
                        offset,
                        f"a citation lists '{ref}': write each item as @key, e.g. [@graham2019; @smith2022]",
                    )
                elif kind == "cite":
                    self.cited.add(ref)
                    if ref not in self.project.bibliography.references:
                        self.at_offset(
                            doc,
                            node,
                            "@" + ref,
                            offset,
                            self.unknown("citation key", ref, self.project.bibliography.references)
                            + f" (keys are those of {self.reference_file('bibliography')})",
                        )
                elif kind == "action":
                    if self.project.action_title(ref) is None:
                        self.at_offset(
                            doc,
                            node,
                            token,
                            offset,
                            self.unknown("action", ref, self._action_ids())
                            + " (name it in the plan's 'actions' index or add its toolkit)",
                        )
                elif kind in ("link", "note"):
                    if ref not in self.project.links.links:
                        self.at_offset(
                            doc,
                            node,
                            token,
                            offset,
                            self.unknown("link", ref, self.project.links.links)
                            + f" (keys are those of {self.reference_file('links')})",
                        )
            if item.kind.name in ("glossary", "forces", "links", "bibliography") or text.isupper():
                # A heading set in capitals ('VKPP IMPACT STATEMENT') is not a run of acronyms.
                continue
            for m in ACRONYM.finditer(text):
                word = m.group(1)
                if word not in terms and word not in ignore and m.group(0) not in terms:
                    self.at_offset(
                        doc,
                        node,
                        m.group(0),
                        m.start(),
                        f"the acronym '{word}' is not in the glossary: add it to {self.reference_file('glossary')}",
                        "warning",
                    )

    def _action_ids(self) -> list[str]:
        ids = set(self.project.actions)
        for p in self.project.programmes.values():
            ids.update(p.actions)
        return sorted(ids)

    # -- kinds ------------------------------------------------------------------

    def action(self, item: Loaded) -> None:
        doc, action = item.doc, item.model
        if action.id is not None and doc.path.stem != action.id:
            self.at(
                doc,
                ("id",),
                f"the action id '{action.id}' does not match its file name {doc.path.name}: name the file {action.id}.yaml",
            )
        if action.plan is not None and action.plan not in self.project.programmes:
            self.at(
                doc,
                ("plan",),
                self.unknown("plan", action.plan, self.project.programmes) + " (a plan is a file content/<plan>.yaml)",
            )
        peel = self.project.peel.measures
        for i, code in enumerate(action.how_we_know):
            if code not in peel:
                self.at(doc, ("how_we_know", i), self.unknown("PEEL code", code, peel))
        self._objectives(doc, action)
        with_outputs = [
            (o, a) for o, objective in enumerate(action.objectives) for a, act in enumerate(objective.activities) if act.outputs
        ]
        if action.outputs_note and with_outputs:
            o, a = with_outputs[0]
            self.at(
                doc,
                ("objectives", o, "activities", a, "outputs"),
                "this activity gives outputs, but outputs_note says the source gives none: remove one of them",
            )
        elif not self.partial and not action.outputs_note and not with_outputs:
            self.at(
                doc,
                ("objectives",),
                "no activity gives outputs: the logic model's Outputs column would be empty; add outputs_note saying why (it then leaves the column out)",
                "warning",
            )
        challenges = self.project.challenges.challenges
        for i, link in enumerate(action.perennial_challenges.links):
            if link.challenge is not None and link.challenge not in challenges:
                self.at(
                    doc,
                    ("perennial_challenges", "links", i, "challenge"),
                    self.unknown("perennial challenge", link.challenge, challenges),
                )
        for i, key in enumerate(action.useful_links):
            if key not in self.project.links.links:
                self.at(doc, ("useful_links", i), self.unknown("link", key, self.project.links.links))
        for i, key in enumerate(action.references):
            self.cited.add(key)
            if key not in self.project.bibliography.references:
                self.at(doc, ("references", i), self.unknown("reference", key, self.project.bibliography.references))

    def _measure_refs(self, doc: Document, objective: Any, refs: list[tuple[tuple[str | int, ...], Any]]) -> set[str]:
        """Every PEEL code and other measure that ``refs`` name resolves; the other measures used."""
        peel = self.project.peel.measures
        used: set[str] = set()
        for loc, measures in refs:
            for i, code in enumerate(measures.peel):
                if code not in peel:
                    self.at(doc, (*loc, "peel", i), self.unknown("PEEL code", code, peel))
            for i, key in enumerate(measures.other):
                used.add(key)
                if key not in objective.measures:
                    self.at(
                        doc,
                        (*loc, "other", i),
                        self.unknown("measure", key, objective.measures)
                        + " (other measures are defined once in the objective's 'measures')",
                    )
        return used

    def _objectives(self, doc: Document, action: Any) -> None:
        """Unique objective and activity ids; every measure an objective names is defined, and used."""
        objective_ids: dict[str, int] = {}
        activity_ids: dict[str, tuple[int, int]] = {}
        for o, objective in enumerate(action.objectives):
            if objective.id is not None and objective.id in objective_ids:
                self.at(
                    doc,
                    ("objectives", o, "id"),
                    f"duplicate objective id '{objective.id}' (also objective {objective_ids[objective.id] + 1})",
                )
            objective_ids.setdefault(objective.id, o)
            refs: list[tuple[tuple[str | int, ...], Any]] = [
                (("objectives", o, "suggested_measures"), objective.suggested_measures)
            ]
            for a, activity in enumerate(objective.activities):
                if activity.id is not None and activity.id in activity_ids:
                    self.at(doc, ("objectives", o, "activities", a, "id"), f"duplicate activity id '{activity.id}'")
                activity_ids.setdefault(activity.id, (o, a))
                refs.append((("objectives", o, "activities", a, "potential_measures"), activity.potential_measures))
            used = self._measure_refs(doc, objective, refs)
            for key in objective.measures:
                if key not in used and not self.partial:
                    self.at(
                        doc,
                        ("objectives", o, "measures", key),
                        f"the measure '{key}' is used by no suggested or potential measures",
                        "warning",
                        at_key=True,
                    )
        for i, ref in enumerate(action.related_actions):
            if self.project.action_title(ref) is None:
                self.at(doc, ("related_actions", i), self.unknown("action", ref, self._action_ids()))
        priorities = {p.id for r in self.project.reports.values() for p in r.priorities}
        for i, ref in enumerate(action.covenant_priorities):
            if ref not in priorities:
                self.at(doc, ("covenant_priorities", i), self.unknown("Police Covenant priority", ref, priorities))

    def covenant(self, item: Loaded) -> None:
        doc, report = item.doc, item.model
        if report.year is not None and doc.path.parent.name != str(report.year):
            self.at(doc, ("year",), f"the report's year {report.year} does not match its folder {doc.path.parent.name}/")
        seen: dict[str, int] = {}
        for i, priority in enumerate(report.priorities):
            if priority.id is not None and priority.id in seen:
                self.at(
                    doc, ("priorities", i, "id"), f"duplicate priority id '{priority.id}' (also priority {seen[priority.id] + 1})"
                )
            seen.setdefault(priority.id, i)
        for g, group in enumerate(report.annex_links.groups):
            for i, key in enumerate(group.links):
                if key not in self.project.links.links:
                    self.at(doc, ("annex_links", "groups", g, "links", i), self.unknown("link", key, self.project.links.links))
        for i, key in enumerate(report.annex_glossary.terms):
            if key not in self.project.glossary.terms:
                self.at(doc, ("annex_glossary", "terms", i), self.unknown("glossary term", key, self.project.glossary.terms))

    def programme(self, item: Loaded) -> None:
        doc, programme = item.doc, item.model
        if programme.id is not None and programme.id != doc.path.stem:
            self.at(doc, ("id",), f"the plan id '{programme.id}' does not match its file name {doc.path.name}")

    def programme_ids(self, items: list[Loaded]) -> None:
        """Action ids stay unique across programmes: each is in one programme's index, the one its toolkit names."""
        listed: dict[str, Loaded] = {}
        for item in items:
            if item.kind is not PROGRAMME or item.model is None:
                continue
            for action_id in item.model.actions:
                if action_id in listed:
                    other = listed[action_id]
                    self.at(
                        item.doc,
                        ("actions", action_id),
                        f"the action '{action_id}' is also in the index of {other.doc.shown}: an action belongs to one programme",
                        at_key=True,
                    )
                listed.setdefault(action_id, item)
        for item in items:
            if item.kind is ACTION and _identified(item) and item.model.id in listed and item.model.plan is not None:
                owner = listed[item.model.id]
                if owner.doc.path.stem != item.model.plan:
                    self.at(
                        item.doc,
                        ("plan",),
                        f"the action {item.model.id} is in the index of {owner.doc.shown}, not of plan '{item.model.plan}': name the plan '{owner.doc.path.stem}' or move it",
                    )
                title = owner.model.actions[item.model.id]
                if item.model.title is not None and " ".join(title.split()) != " ".join(item.model.title.split()):
                    where = locate(self.tree(item.doc), ("title",))
                    there = (
                        f"{item.doc.shown}:{where.start_mark.line + 1}:{where.start_mark.column + 1}" if where else item.doc.shown
                    )
                    self.at(
                        owner.doc,
                        ("actions", item.model.id),
                        f"the title of action {item.model.id} here, '{title}', differs from its toolkit's title "
                        f"'{item.model.title}' ({there}): an action has one title, so make them the same",
                    )

    def forces(self, item: Loaded) -> None:
        from .forces import normalise

        seen: dict[str, str] = {}
        for key, force in item.model.forces.items():
            places: list[tuple[str, tuple[str | int, ...]]] = [
                (force.name, ("name",)),
                (force.short_name, ("short_name",)),
                *((n, ("abbreviations", i)) for i, n in enumerate(force.abbreviations)),
                *((n, ("aliases", i)) for i, n in enumerate(force.aliases)),
                *([(force.welsh_name, ("welsh_name",))] if force.welsh_name else []),
            ]
            for name, where in places:
                if name is None:  # unreadable, in a file that failed validation
                    continue
                folded = normalise(name)
                if folded in seen and seen[folded] != key:
                    self.at(
                        item.doc,
                        ("forces", key, *where),
                        f"'{name}' also names the force '{seen[folded]}': a name must find one force",
                    )
                seen.setdefault(folded, key)
        for i, outside in enumerate(item.model.outside_scope):
            for name in (n for n in (outside.name, *outside.names) if n is not None):
                if normalise(name) in seen:
                    self.at(
                        item.doc, ("outside_scope", i), f"'{name}' names the force '{seen[normalise(name)]}', which nvap serves"
                    )

    def uncited(self) -> None:
        item = next(i for i in self.project.loaded if i.kind is REFERENCE["bibliography"])
        for key in item.model.references:
            if key not in self.cited:
                self.at(item.doc, ("references", key), f"the reference '{key}' is cited by no document", "warning", at_key=True)


def _prose_of(doc: Document) -> Iterator[tuple[ScalarNode | tuple[Any, ...], str, str | None]]:
    """Each text value of ``doc`` in file order: its node (or, when the document keeps no node tree, its place in
    the data), the text and the name of the field it is in."""
    if doc.node is not None:
        for node, key in _scalars(doc.node):
            yield node, node.value, key
        return
    pending: list[tuple[Any, tuple[Any, ...], str | None]] = [(doc.data, (), None)]
    while pending:
        value, loc, name = pending.pop()
        if isinstance(value, str):
            yield loc, value, name
        elif isinstance(value, dict):
            pending.extend((v, (*loc, k), k) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            pending.extend((v, (*loc, i), name) for i, v in reversed(list(enumerate(value))))


def _scalars(node: Node | None, key: str | None = None) -> Iterator[tuple[ScalarNode, str | None]]:
    pending: list[tuple[Node | None, str | None]] = [(node, key)]
    while pending:
        current, name = pending.pop()
        if isinstance(current, ScalarNode):
            if current.tag == "tag:yaml.org,2002:str":
                yield current, name
        elif isinstance(current, MappingNode):
            pending.extend((v, str(k.value)) for k, v in reversed(current.value))
        elif isinstance(current, SequenceNode):
            pending.extend((v, name) for v in reversed(current.value))


def crosscheck(project: Project, partial: list[Loaded] | None = None, *, every_file_read: bool = True) -> list[Issue]:
    """Every project-wide problem: duplicate ids, unresolved references, unused entries.

    ``partial``: what could be read of the documents that failed validation (``model`` None
    when nothing but their YAML could be); their prose and whatever of their fields could be
    read are checked too, so one run reports every problem. Checks that a thing is *unused*
    are made only when ``every_file_read`` (nothing unread could be using it).
    """
    partial = partial or []
    identified = [i for i in partial if i.model is not None and _identified(i)]
    view = Project(root=project.root, loaded=[*project.loaded, *identified]) if identified else project
    checker = _Checker(view)
    actions: dict[str, Loaded] = {}
    years: dict[int, Loaded] = {}
    failed = {id(i) for i in partial}
    for item in [*project.loaded, *partial]:
        checker.partial = id(item) in failed
        checker.prose(item)
        if item.model is None or not _identified(item):
            continue
        if item.kind is ACTION:
            if item.model.id in actions:
                checker.at(
                    item.doc, ("id",), f"duplicate action id '{item.model.id}' (also in {actions[item.model.id].doc.shown})"
                )
            actions.setdefault(item.model.id, item)
            checker.action(item)
        elif item.kind is COVENANT:
            if item.model.year in years:
                checker.at(
                    item.doc, ("year",), f"a second report for {item.model.year} (also {years[item.model.year].doc.shown})"
                )
            years.setdefault(item.model.year, item)
            checker.covenant(item)
        elif item.kind is PROGRAMME:
            checker.programme(item)
        elif item.kind is REFERENCE["forces"]:
            checker.forces(item)
    checker.programme_ids([*project.loaded, *identified])
    if every_file_read:
        checker.uncited()
    return checker.issues


def _identified(item: Loaded) -> bool:
    """The document's own id (an action's, a report's year) could be read: it can be checked against the rest."""
    if item.model is None:
        return False
    if item.kind is ACTION:
        return item.model.id is not None
    if item.kind is COVENANT:
        return item.model.year is not None
    return True
