"""Documents to self-contained, accessible HTML (inline CSS, no external request)."""

from __future__ import annotations

from markupsafe import Markup

from ..content.project import Project
from ..records.content import Action, CovenantReport
from .env import environment, lang_suffix
from .prose import Prose
from .views import covenant_view, toolkit_view


def _page(project: Project, page: str) -> str:
    """A rendered page with the English of a translated one marked ``lang="en"`` (see ``i18n.fallback``)."""
    from ..i18n.fallback import PAGE_LANG, place_marks

    return place_marks(page) if page_language(project) != PAGE_LANG else page


def page_language(project: Project) -> str:
    """The ``lang`` of the page: ``en-GB``, or the language of a translated project (``cy``)."""
    return "en-GB" if project.lang == "en" else project.lang.replace("_", "-")


def stylesheet() -> Markup:
    """The shared stylesheet, inline (nvap's own template: it goes in unescaped)."""
    # The stylesheet is the project's own template, not content: it goes in unescaped.
    env = environment("html")
    source, _, _ = env.loader.get_source(env, "html/style.css")  # type: ignore[union-attr]
    return Markup(source.strip())


def toolkit_html(project: Project, action: Action) -> str:
    """The four-part toolkit of ``action`` as one HTML page."""
    suffix = lang_suffix(project)
    prose = Prose(project, link_action=lambda a: f"{a}{suffix}.html" if a in project.actions else None)
    template = environment("html").get_template("html/toolkit.html.j2")
    context = toolkit_view(project, action, prose).context()
    return _page(project, template.render(context, css=stylesheet(), lang=page_language(project), lang_suffix=suffix))


def covenant_html(project: Project, report: CovenantReport) -> str:
    """A Police Covenant report as one HTML page."""
    suffix = lang_suffix(project)
    prose = Prose(project, link_action=lambda a: f"{a}{suffix}.html" if a in project.actions else None)
    template = environment("html").get_template("html/covenant.html.j2")
    context = covenant_view(project, report, prose).context()
    # The report's own labels are the printed original's; the web page's skip link is the programme's.
    skip = next(iter(project.programmes.values())).labels.skip_to_content
    return _page(
        project,
        template.render(context, css=stylesheet(), lang=page_language(project), lang_suffix=suffix, skip_to_content=skip),
    )
