"""Pydantic models of nvap's content, one module per content kind.

Each module is imported when one of its models is first asked for (``from nvap_toolkit.models
import Action``, or ``content.kinds.Kind.model_class``): validating a report builds the report's
models alone.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .action import Action
    from .covenant import CovenantReport
    from .programme import Programme
    from .reference import Bibliography, Forces, Glossary, Links, PeelFramework, PerennialChallenges

_MODULES = {
    "Action": "action",
    "Bibliography": "reference",
    "CovenantReport": "covenant",
    "Forces": "reference",
    "Glossary": "reference",
    "Links": "reference",
    "PeelFramework": "reference",
    "PerennialChallenges": "reference",
    "Programme": "programme",
}
MODULES = ("common", "action", "programme", "covenant", "reference")
"""Every module of models, the shared blocks first."""

__all__ = [
    "Action",
    "Bibliography",
    "CovenantReport",
    "Forces",
    "Glossary",
    "Links",
    "PeelFramework",
    "PerennialChallenges",
    "Programme",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)


def every_model() -> None:
    """Import every module of models (what walks every model class needs: ``Model.__subclasses__``)."""
    for module in MODULES:
        import_module(f"{__name__}.{module}")
