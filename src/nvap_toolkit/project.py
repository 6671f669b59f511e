"""The validated content and its look-ups: what renderers and commands receive."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError, Issue, UsageError, display_path
from .kinds import ACTION, COVENANT, PROGRAMME, REFERENCE, Kind, content_files, kind_of
from .loader import Document, read_document

if TYPE_CHECKING:
    from .models import (
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


@dataclass
class Loaded:
    """A validated document: its file and its model."""

    doc: Document
    kind: Kind
    model: Any


@dataclass
class Project:
    """Every content file, validated and cross-checked."""

    root: Path
    loaded: list[Loaded]
    issues: list[Issue] = field(default_factory=list)

    def _one(self, name: str) -> Any:
        for item in self.loaded:
            if item.kind is REFERENCE[name]:
                return item.model
        raise LookupError(name)

    @cached_property
    def peel(self) -> PeelFramework:
        return self._one("peel")  # type: ignore[no-any-return]

    @cached_property
    def bibliography(self) -> Bibliography:
        return self._one("bibliography")  # type: ignore[no-any-return]

    @cached_property
    def links(self) -> Links:
        return self._one("links")  # type: ignore[no-any-return]

    @cached_property
    def challenges(self) -> PerennialChallenges:
        return self._one("perennial-challenges")  # type: ignore[no-any-return]

    @cached_property
    def forces(self) -> Forces:
        return self._one("forces")  # type: ignore[no-any-return]

    @cached_property
    def glossary(self) -> Glossary:
        return self._one("glossary")  # type: ignore[no-any-return]

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

    def programme_of(self, action: Action) -> Programme:
        return self.programmes[action.plan]

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
        digest = hashlib.sha256()
        for part in (action, self.programme_of(action).realisation_plan, self.peel):
            digest.update(json.dumps(part.model_dump(mode="json", by_alias=True), sort_keys=True).encode())
        return digest.hexdigest()[:16]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


def action_sort_key(action_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in action_id.split("."))


def default_content_root() -> Path:
    """``./content`` when the working directory has one, else the content shipped in the package."""
    env = os.environ.get("NVAP_CONTENT")
    if env:
        return Path(env)
    local = Path.cwd() / "content"
    if local.is_dir():
        return local
    from .resources import packaged_dir

    return packaged_dir("content")


def load_project(root: Path, extra: list[Path] | None = None) -> Project:
    """Read, validate and cross-check the content under ``root``.

    ``extra`` files (outside ``root``) take the place of the same file inside it.
    Never raises on bad content: every problem is in ``Project.issues``.
    """
    from .crosscheck import crosscheck
    from .validate import validate_document

    if not root.is_dir():
        raise UsageError(f"no content folder at {display_path(root)} (use --content DIR)")
    files = content_files(root)
    for path in extra or []:
        kind = kind_of(path, root)
        files = [f for f in files if not (f.name == path.name and kind_of(f, root) == kind)] + [path]
    loaded: list[Loaded] = []
    issues: list[Issue] = []
    seen_kinds: dict[str, Loaded] = {}
    for path in files:
        kind = kind_of(path, root)
        doc = read_document(path)
        if kind is None:
            issues.append(
                Issue.at(doc.shown, 1, 1, "nvap does not know what this file holds: content files go in "
                      + ", ".join(k.where for k in (PROGRAMME, ACTION, COVENANT)) + " or content/reference/<kind>.yaml")
            )
            continue
        model = validate_document(doc, kind.model_class())
        issues.extend(doc.issues)
        if model is None:
            continue
        item = Loaded(doc, kind, model)
        if kind.name in REFERENCE and kind.name in seen_kinds:
            doc.issue(doc.node, f"a second {kind.name} file: keep {kind.where} once")
            issues.extend(doc.issues[-1:])
            continue
        seen_kinds[kind.name] = item
        loaded.append(item)
    missing = [k for k in REFERENCE.values() if k.name not in seen_kinds]
    for kind in missing:
        if not any(i.path.endswith(f"{kind.name}.yaml") for i in issues):
            issues.append(Issue.at(display_path(root), 1, 1, f"missing reference file {kind.where}"))
    project = Project(root=root, loaded=loaded, issues=issues)
    if not missing and not any(i.is_error for i in issues):
        project.issues.extend(crosscheck(project))
    project.issues.sort(key=lambda i: (i.path, i.line, i.col, i.message))
    return project


def load_valid_project(root: Path, strict: bool = False) -> Project:
    """Load the content and raise ContentError (with every issue) unless it is clean."""
    project = load_project(root)
    failing = project.issues if strict else project.errors
    if failing:
        raise ContentError("the content has errors", project.issues)
    for item in project.loaded:
        # Node trees only serve to locate problems; a clean project no longer needs them.
        item.doc.node = None
        item.doc.data = None
    return project
