"""Pydantic models of nvap's content, one module per content kind."""

from .action import Action
from .covenant import CovenantReport
from .programme import Programme
from .reference import Bibliography, Forces, Glossary, Links, PeelFramework, PerennialChallenges

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
