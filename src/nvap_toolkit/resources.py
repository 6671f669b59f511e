"""Find the content and templates shipped inside the package (or the repository's)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def packaged_dir(name: str) -> Path:
    """The packaged ``content`` or ``templates`` folder; the repository's when running from source."""
    shipped = Path(str(resources.files("nvap_toolkit"))) / "data" / name
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / name


def template_dirs() -> list[Path]:
    """``./templates`` of the working directory (if any) ahead of the packaged templates."""
    found: list[Path] = []
    for folder in (Path.cwd() / "templates", packaged_dir("templates")):
        if folder.is_dir() and folder.resolve() not in [f.resolve() for f in found]:
            found.append(folder)
    return found
