"""Where the catalogues lie: one PO file per content document, under ``content/translations/<lang>/``.

Known without reading the content (no Pydantic, no Babel), so the check of the
catalogues can tell a catalogue whose document is gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..content.kinds import ACTION, COVENANT, PROGRAMME, REFERENCE, content_files, kind_of
from ..errors import UsageError

TRANSLATIONS = "translations"
"""The folder of the content root that holds the catalogues, one sub-folder per language."""

SOURCE_LANGUAGE = "en"
"""The language the content is written in: it has no catalogue."""

UNTRANSLATED_KINDS = frozenset({"bibliography", "forces"})
"""Reference data that is not translated: references' bibliographic data, and forces' names
(forces.yaml holds the Welsh names of the Welsh forces as data)."""

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")


@dataclass(frozen=True)
class Document:
    """A content file that has a catalogue: its name (the msgctxt prefix) and catalogue path."""

    name: str
    """``2.6.2``, ``nvap``, ``covenant-2024``, ``glossary``: the first part of every msgctxt of its strings."""
    source: Path
    """The YAML file."""
    catalogue: PurePosixPath
    """The catalogue's path inside a language folder: ``actions/2.6.2.po``."""


def document_of(path: Path, root: Path) -> Document | None:
    """The translatable document ``path`` (a content file under ``root``) is, or None if it has no catalogue."""
    kind = kind_of(path, root)
    if kind is PROGRAMME:
        return Document(path.stem, path, PurePosixPath(f"{path.stem}.po"))
    if kind is ACTION:
        return Document(path.stem, path, PurePosixPath("actions", f"{path.stem}.po"))
    if kind is COVENANT:
        year = path.parent.name
        return Document(f"covenant-{year}", path, PurePosixPath("covenant", f"{year}.po"))
    if kind is not None and kind.name in REFERENCE and kind.name not in UNTRANSLATED_KINDS:
        return Document(kind.name, path, PurePosixPath("reference", f"{kind.name}.po"))
    return None


def documents(root: Path) -> list[Document]:
    """Every translatable document of the content under ``root``, in the order of its files."""
    found = [document_of(path, root) for path in content_files(root)]
    return [d for d in found if d is not None]


def translations_dir(root: Path) -> Path:
    return root / TRANSLATIONS


def language_dir(root: Path, lang: str) -> Path:
    return translations_dir(root) / lang


def catalogue_path(root: Path, lang: str, document: Document) -> Path:
    """The file of ``document``'s catalogue for ``lang``: ``content/translations/cy/actions/2.6.2.po``."""
    return language_dir(root, lang).joinpath(*document.catalogue.parts)


def check_language(lang: str) -> str:
    """``lang`` if it is a language code nvap can keep catalogues for; a usage error otherwise."""
    if lang == SOURCE_LANGUAGE:
        raise UsageError(
            f"--lang {lang}: the content is written in English; name the language to translate it into (e.g. --lang cy)"
        )
    if not _LANGUAGE.fullmatch(lang):
        raise UsageError(f"--lang {lang!r} is not a language code: use an ISO 639 code such as 'cy' (Welsh)")
    return lang


def languages(root: Path) -> list[str]:
    """The languages that have a folder of catalogues under ``root``, sorted."""
    folder = translations_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and _LANGUAGE.fullmatch(p.name) and p.name != SOURCE_LANGUAGE)
