"""Find the content and templates shipped inside the package (or the repository's)."""

from __future__ import annotations

from pathlib import Path


def packaged_dir(name: str) -> Path:
    """The packaged ``content`` or ``templates`` folder; the repository's when running from source."""
    # nvap is installed as files (it reads its data with pathlib): beside this module, without
    # importlib.resources, whose import took a tenth of a rebuild that finds nothing to do.
    shipped = Path(__file__).resolve().parent / "data" / name
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
