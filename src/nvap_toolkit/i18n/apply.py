"""A project in another language: every translatable string replaced by its catalogue's translation.

The strings are found by the very walk that writes the catalogues (``extract``): each
``Entry`` carries its msgctxt and where its value is in the model, so the context a
translation is looked up by can never differ from the one it was extracted under.
A string whose translation is missing, fuzzy or made from another English (the rule
of ``stats``) stays English, as an ``English`` (``i18n.fallback``), and is counted.

Nothing here writes a file, and nothing is kept here: the caller translates and hands
the translated project to the renderers as it would the English one (a plan's content
hash, its edition, is always the English one's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content.kinds import ACTION, COVENANT
from ..content.project import Loaded, Project
from ..errors import ContentError, UsageError
from ..issues import Issue
from ..records import Record, replace
from . import layout
from .catalogue import read_catalogue
from .check import placeholder_issues
from .extract import Source, extract
from .fallback import CLOSE, OPEN, English
from .stats import state

if TYPE_CHECKING:
    from babel.messages.catalog import Message


@dataclass(frozen=True)
class Fallbacks:
    """How much of one catalogue's document a translated build prints in English."""

    document: str
    """The catalogue's document: ``2.6.2``, ``covenant-2024``, ``nvap``, ``glossary``..."""
    lang: str
    english: int
    """Strings printed in English: not translated, fuzzy, or translated from an English that has since changed."""
    out_of_date: int
    """Of those, the ones with a translation of an older English (fuzzy): a translator has to look at them again."""
    own: bool
    """A document of its own (a toolkit, a report); else shared by every document (labels, reference data)."""

    def __str__(self) -> str:
        strings = "1 string" if self.english == 1 else f"{self.english} strings"
        return f"{self.document} {self.lang}: {strings} in English, {self.out_of_date} out of date"


@dataclass
class TranslatedProject(Project):
    """A project whose models hold the translations of ``lang`` (and ``English`` where there is none)."""

    fallbacks: dict[str, Fallbacks] = field(default_factory=dict)
    """By catalogue document name, every catalogue's count of strings left in English."""


def translate(project: Project, lang: str) -> TranslatedProject:
    """``project`` in ``lang``, from the catalogues under ``content/translations/<lang>/``.

    A catalogue that cannot be read, or a translation it would use that breaks a
    placeholder of its English, is a ContentError (located at the .po line): a
    translated document is built from sound catalogues or not at all.
    """
    layout.check_language(lang)
    if not layout.language_dir(project.root, lang).is_dir():
        raise UsageError(
            f"--lang {lang}: the content has no catalogues for '{lang}' ('nvap translate update --lang {lang}' writes them)"
        )
    sources = {str(s.document.source): s for s in extract(project)}
    loaded: list[Loaded] = []
    fallbacks: dict[str, Fallbacks] = {}
    problems: list[Issue] = []
    for item in project.loaded:
        source = sources.get(str(item.doc.path))
        if source is None:  # not translated: the bibliography, the forces
            loaded.append(item)
            continue
        messages, issues = _messages(project.root, lang, source)
        problems.extend(issues)
        changes, counts = _changes(source, messages)
        fallbacks[source.name] = Fallbacks(source.name, lang, *counts, own=item.kind in (ACTION, COVENANT))
        loaded.append(Loaded(item.doc, item.kind, _rebuild(item.model, changes)))
    if problems:
        raise ContentError(f"the '{lang}' catalogues cannot be used", problems)
    return TranslatedProject(project.root, loaded, list(project.issues), lang=lang, fallbacks=fallbacks)


def translated(project: Project, lang: str) -> TranslatedProject:
    """``translate(project, lang)``, made once per project and language and kept with the project
    (``Project.derived``, as all that is worked out from it), never in this module: a build renders each
    format from it, ``nvap collect`` reads every plan in a language against it."""
    key = ("translated", lang)
    made = project.derived.get(key)
    if not isinstance(made, TranslatedProject):
        made = project.derived[key] = translate(project, lang)
    return made


def in_language(project: Project, lang: str | None) -> Project:
    """``project`` as a reader of ``lang`` sees it: translated when the content has catalogues for ``lang``, else itself.

    For what nvap reads back (a plan's language is whatever its metadata says): an
    unknown language is read against the English.
    """
    if not lang or lang == layout.SOURCE_LANGUAGE or lang not in layout.languages(project.root):
        return project
    return translated(project, lang)


def fallbacks_of(made: TranslatedProject, documents: list[str]) -> list[Fallbacks]:
    """What ``documents`` (their catalogue names: ``2.6.2``, ``covenant-2024``) in ``made``'s language print in
    English: each document's own count, then each shared catalogue's; only those with English left."""
    own = [made.fallbacks[d] for d in documents if d in made.fallbacks]
    shared = [f for f in made.fallbacks.values() if not f.own]
    return [f for f in [*own, *shared] if f.english]


def _messages(root: Path, lang: str, source: Source) -> tuple[dict[str, Message], list[Issue]]:
    """The entries of ``source``'s catalogue for ``lang`` by msgctxt (none if it has none yet), and its problems."""
    path = layout.catalogue_path(root, lang, source.document)
    if not path.exists():
        return {}, []
    read = read_catalogue(path)
    return read.messages(), [*read.errors, *placeholder_issues(read)]


def _changes(source: Source, messages: dict[str, Message]) -> tuple[dict[tuple[Any, ...], str], tuple[int, int]]:
    """The text to put at each string's place, and (strings left in English, of which out of date)."""
    changes: dict[tuple[Any, ...], str] = {}
    english = out_of_date = 0
    for entry in source.entries:
        message = messages.get(entry.context)
        found = state(message, entry.text)
        if found == "translated" and message is not None and isinstance(message.string, str):
            changes[entry.steps] = _unmarked(message.string.strip())
        else:
            changes[entry.steps] = English(_unmarked(entry.text))
            english += 1
            out_of_date += found == "fuzzy"
    return changes, (english, out_of_date)


def _unmarked(text: str) -> str:
    """``text`` without the two characters that mark English in a translated page (no one types them; never let them pair up wrongly)."""
    return text.replace(OPEN, "").replace(CLOSE, "") if OPEN in text or CLOSE in text else text


def _rebuild(value: Any, changes: dict[tuple[Any, ...], str]) -> Any:
    """A copy of ``value`` with the text at each place of ``changes`` (steps from ``value`` down) replaced."""
    if () in changes:
        return changes[()]
    if not changes:
        return value
    below: dict[Any, dict[tuple[Any, ...], str]] = {}
    for steps, text in changes.items():
        below.setdefault(steps[0], {})[steps[1:]] = text
    if isinstance(value, Record):
        # Records are copied with the new values, never validated (an English must stay one).
        return replace(value, **{name: _rebuild(getattr(value, name), inner) for name, inner in below.items()})
    if isinstance(value, (list, tuple)):
        items = list(value)
        for index, inner in below.items():
            items[index] = _rebuild(items[index], inner)
        return type(value)(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        copied = dict(value)
        for key, inner in below.items():
            copied[key] = _rebuild(copied[key], inner)
        return copied
    raise TypeError(f"cannot place a translation inside a {type(value).__name__}")
