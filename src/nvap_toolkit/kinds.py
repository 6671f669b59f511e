"""Which model a content file holds, from where it lies under ``content/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Kind:
    """A kind of content file: its name (and schema file) and its model's import path."""

    name: str
    model: str
    where: str

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    def model_class(self) -> type:
        from . import models

        return getattr(models, self.model)  # type: ignore[no-any-return]


PROGRAMME = Kind("programme", "Programme", "content/<plan>.yaml")
ACTION = Kind("action", "Action", "content/actions/<id>.yaml")
COVENANT = Kind("covenant-report", "CovenantReport", "content/covenant/<year>/report.yaml")
REFERENCE = {
    "peel": Kind("peel", "PeelFramework", "content/reference/peel.yaml"),
    "bibliography": Kind("bibliography", "Bibliography", "content/reference/bibliography.yaml"),
    "links": Kind("links", "Links", "content/reference/links.yaml"),
    "perennial-challenges": Kind("perennial-challenges", "PerennialChallenges", "content/reference/perennial-challenges.yaml"),
    "forces": Kind("forces", "Forces", "content/reference/forces.yaml"),
    "glossary": Kind("glossary", "Glossary", "content/reference/glossary.yaml"),
}
ALL_KINDS = [PROGRAMME, ACTION, COVENANT, *REFERENCE.values()]


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
