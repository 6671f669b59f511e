"""Documents to self-contained, accessible HTML (inline CSS, no external request)."""

from __future__ import annotations

from markupsafe import Markup

from ..models import Action, CovenantReport
from ..content.project import Project
from .env import environment
from .prose import Prose
from .views import covenant_view, toolkit_view


def stylesheet() -> Markup:
    """The shared stylesheet, inline (nvap's own template: it goes in unescaped)."""
    # The stylesheet is the project's own template, not content: it goes in unescaped.
    env = environment("html")
    source, _, _ = env.loader.get_source(env, "html/style.css")  # type: ignore[union-attr]
    return Markup(source.strip())


def toolkit_html(project: Project, action: Action) -> str:
    """The four-part toolkit of ``action`` as one HTML page."""
    prose = Prose(project, link_action=lambda a: f"{a}.html" if a in project.actions else None)
    template = environment("html").get_template("html/toolkit.html.j2")
    return template.render(toolkit_view(project, action, prose).context(), css=stylesheet())


def covenant_html(project: Project, report: CovenantReport) -> str:
    """A Police Covenant report as one HTML page."""
    prose = Prose(project, link_action=lambda a: f"{a}.html" if a in project.actions else None)
    template = environment("html").get_template("html/covenant.html.j2")
    return template.render(covenant_view(project, report, prose).context(), css=stylesheet())
