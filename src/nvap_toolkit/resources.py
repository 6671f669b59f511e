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
