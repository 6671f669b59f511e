"""Documents to Markdown (CommonMark with GFM tables)."""

from __future__ import annotations

import re

from ..content.project import Project
from ..records.content import Action, CovenantReport
from .env import environment, lang_suffix
from .prose import Prose
from .views import covenant_view, toolkit_view

_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"


def toolkit_md(project: Project, action: Action, link_action=None) -> str:  # type: ignore[no-untyped-def]
    """The four-part toolkit of ``action`` as Markdown."""
    prose = Prose(project, link_action=link_action)
    template = environment("md").get_template("md/toolkit.md.j2")
    return _tidy(template.render(toolkit_view(project, action, prose).context(), lang_suffix=lang_suffix(project)))


def covenant_md(project: Project, report: CovenantReport) -> str:
    """A Police Covenant report as Markdown."""
    prose = Prose(project)
    template = environment("md").get_template("md/covenant.md.j2")
    return _tidy(template.render(covenant_view(project, report, prose).context(), lang_suffix=lang_suffix(project)))
