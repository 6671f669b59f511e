"""The index a build of several documents writes beside them: every document, its edition, a link per format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n.fallback import English, marked, place_marks
from .env import environment
from .html import stylesheet
from .prose import Prose

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..content.project import Project
    from ..records.content import IndexLabels, Programme


@dataclass(frozen=True)
class IndexEntry:
    """One document of the index."""

    stem: str
    title: str
    edition: str | None
    date: str | None
    links: tuple[tuple[str, str], ...]
    """(format's name, file name), in the build's order of formats."""

    @property
    def page(self) -> str | None:
        """Where the title links to: the web page when one was built, else the first format."""
        return next((href for _, href in self.links if href.endswith(".html")), self.links[0][1] if self.links else None)

    lang: str | None = None
    """The document's language when it is a translation (``cy``: its row is marked so); None for the English."""

    marked_title: str = ""
    """The title with the English a translation falls back to between ``i18n.fallback``'s marks (HTML marks it ``lang="en"``)."""

    @property
    def md_page(self) -> str | None:
        """Where the title links to in Markdown: the Markdown file when one was built, else the first format."""
        return next((href for _, href in self.links if href.endswith(".md")), self.page)


@dataclass(frozen=True)
class IndexView:
    """What the index templates receive."""

    programme: Programme
    labels: IndexLabels
    entries: tuple[IndexEntry, ...]

    def context(self) -> dict[str, Any]:
        return {"programme": self.programme, "labels": self.labels, "entries": self.entries}


def index_view(
    projects: Mapping[str, Project],
    documents: list[tuple[str, str]] | list[tuple[str, str, str]],
    formats: list[str] | dict[str, list[str]],
) -> IndexView:
    """The index of ``documents`` ((kind, key[, lang]): ("toolkit", "2.6.2"), ("covenant", "2024", "cy")) built in ``formats``.

    ``projects``: the content in each language of ``documents``, English under ``en`` (the caller translates).
    ``formats``: the same for every document, or each document's own by its stem (``2.6.2``, ``covenant-2024.cy``).

    A translated document has a row of its own, in its language (its title and format names from its catalogues).
    """
    project = projects["en"]
    prose = Prose(project)
    first = next(iter(project.actions.values()), None)
    programme = project.programme_of(first) if first else next(iter(project.programmes.values()))
    labels = programme.index_labels
    entries = []
    for kind, key, *language in documents:
        lang = language[0] if language and language[0] != "en" else None
        shown, shown_prose, shown_labels = (project, prose, labels) if lang is None else _in(projects[lang])
        if kind == "toolkit":
            action = shown.actions[key]
            doc_programme = shown.programme_of(action)
            parts = [(doc_programme.labels.toolkit, str(doc_programme.labels.toolkit)), (key, key)]
            parts.append((action.title, shown_prose.plain(action.title)))
            if action.status == "draft":  # a draft's row says it is not for use
                parts.insert(0, (doc_programme.labels.draft_banner, f"{shown_prose.plain(doc_programme.labels.draft_banner)}:"))
            stem, edition = key, getattr(action, "edition", None)
        else:
            report = shown.reports[int(key)]
            parts = [(report.title, shown_prose.plain(report.title))]
            stem, edition = f"covenant-{key}", getattr(report, "edition", None)
        title = " ".join(text for _, text in parts)
        marked_title = " ".join(marked(text) if isinstance(value, English) else text for value, text in parts)
        stem = f"{stem}.{lang}" if lang else stem
        own = formats.get(stem, []) if isinstance(formats, dict) else formats
        links = tuple((str(getattr(shown_labels, fmt)), f"{stem}.{fmt}") for fmt in own)
        entries.append(
            IndexEntry(
                stem=stem,
                title=title,
                edition=str(edition.version) if edition is not None else None,
                date=str(edition.date) if edition is not None else None,
                links=links,
                lang=lang,
                marked_title=marked_title,
            )
        )
    return IndexView(programme=programme, labels=labels, entries=tuple(entries))


def _in(shown: Project) -> tuple[Project, Prose, IndexLabels]:
    """The project in a language, its prose and its index labels (of the programme the English index uses)."""
    first = next(iter(shown.actions.values()), None)
    programme = shown.programme_of(first) if first else next(iter(shown.programmes.values()))
    return shown, Prose(shown), programme.index_labels


def index_html(view: IndexView) -> str:
    """The index as an accessible HTML page (a translation's English marked ``lang="en"``)."""
    return place_marks(environment("html").get_template("html/index.html.j2").render(view.context(), css=stylesheet()))


def index_md(view: IndexView) -> str:
    """The index as Markdown."""
    return environment("md").get_template("md/index.md.j2").render(view.context()).strip() + "\n"
