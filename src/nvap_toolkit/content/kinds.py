"""Which model a content file holds, from where it lies under ``content/``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models.common import Model


@dataclass(frozen=True)
class Kind:
    """A kind of content file: its name (and schema file), where it lies, and its model.

    The model is named, and imported when asked for (``models`` imports the module of a
    model it is asked for): knowing the kinds (``nvap --help``, the build's up-to-date
    check) never imports Pydantic, and validating a report imports the report's model alone.
    """

    name: str
    where: str
    model: str
    """The model's name in ``nvap_toolkit.models``: ``Action``."""

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    def model_class(self) -> type[Model]:
        from .. import models

        found: type[Model] = getattr(models, self.model)
        return found

    def __reduce__(self) -> tuple[Callable[[str], Kind], tuple[str]]:
        # Pickled by name (a build's worker processes get the project pickled): the same object
        # comes back, as the look-ups (``kind is ACTION``) expect.
        return kind_named, (self.name,)


PROGRAMME = Kind("programme", "content/<plan>.yaml", "Programme")
ACTION = Kind("action", "content/actions/<id>.yaml", "Action")
COVENANT = Kind("covenant-report", "content/covenant/<year>/report.yaml", "CovenantReport")
REFERENCE = {
    "peel": Kind("peel", "content/reference/peel.yaml", "PeelFramework"),
    "bibliography": Kind("bibliography", "content/reference/bibliography.yaml", "Bibliography"),
    "links": Kind("links", "content/reference/links.yaml", "Links"),
    "perennial-challenges": Kind("perennial-challenges", "content/reference/perennial-challenges.yaml", "PerennialChallenges"),
    "forces": Kind("forces", "content/reference/forces.yaml", "Forces"),
    "glossary": Kind("glossary", "content/reference/glossary.yaml", "Glossary"),
}
ALL_KINDS = [PROGRAMME, ACTION, COVENANT, *REFERENCE.values()]


def kind_named(name: str) -> Kind:
    """The kind called ``name``."""
    return next(kind for kind in ALL_KINDS if kind.name == name)


def kind_of(path: Path, root: Path) -> Kind | None:
    """The kind of ``path``, judged by its place relative to the content ``root``."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        parts = path.parts[-3:]
    if path.suffix not in (".yaml", ".yml"):
        return None
    if len(parts) == 1:
        return PROGRAMME
    if len(parts) >= 2 and parts[-2] == "actions":
        return ACTION
    if len(parts) >= 3 and parts[-3] == "covenant" and path.stem == "report":
        return COVENANT
    if len(parts) >= 2 and parts[-2] == "reference":
        return REFERENCE.get(path.stem)
    return None


def content_files(root: Path) -> list[Path]:
    """Every YAML file under ``root``, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def ignored_files(root: Path) -> list[Path]:
    """Every file under ``root`` that nvap does not read, in a stable order (hidden files and folders aside)."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix not in (".yaml", ".yml")
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.relative_to(root).parts[0] != "translations"  # the catalogues: i18n.check reads them
        and p.is_file()
    )
