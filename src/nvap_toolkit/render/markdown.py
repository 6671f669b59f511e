"""Documents to Markdown (CommonMark with GFM tables)."""

from __future__ import annotations

import re

from ..models import Action, CovenantReport
from ..project import Project
from .env import environment
from .prose import Prose
from .view import covenant_context, toolkit_context

_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"


def toolkit_md(project: Project, action: Action, link_action=None) -> str:  # type: ignore[no-untyped-def]
    """The four-part toolkit of ``action`` as Markdown."""
    prose = Prose(project, link_action=link_action)
    template = environment("md").get_template("md/toolkit.md.j2")
    return _tidy(template.render(toolkit_context(project, action, prose)))


def covenant_md(project: Project, report: CovenantReport) -> str:
    """A Police Covenant report as Markdown."""
    prose = Prose(project)
    template = environment("md").get_template("md/covenant.md.j2")
    return _tidy(template.render(covenant_context(project, report, prose)))
