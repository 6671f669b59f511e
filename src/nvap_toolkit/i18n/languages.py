"""The languages a command is asked for (``--lang en,cy``): known without reading the content, for a fast start."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from . import layout


def languages_option(text: str | None, root: Path) -> list[str]:
    """The languages of ``--lang`` (``cy``, ``en,cy``), each once, in the order given; English when it is not given.

    Every language but English must have catalogues under ``root`` (``content/translations/<lang>/``).
    """
    if text is None:
        return [layout.SOURCE_LANGUAGE]
    langs: list[str] = []
    for part in text.split(","):
        lang = part.strip()
        if lang and lang != layout.SOURCE_LANGUAGE:
            layout.check_language(lang)
            if not layout.language_dir(root, lang).is_dir():
                raise UsageError(
                    f"--lang {lang}: the content has no catalogues for '{lang}' ('nvap translate update --lang {lang}' writes them)"
                )
        if lang and lang not in langs:
            langs.append(lang)
    if not langs:
        raise UsageError("--lang: name the languages, e.g. --lang cy or --lang en,cy")
    return langs
