"""The languages a command is asked for (``--lang en,cy``): known without reading the content, for a fast start.

``formats`` (the registry of formats and languages) gives these to every command.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from . import layout


def known_languages(root: Path) -> list[str]:
    """The languages a document or plan can be made in: English, then each with catalogues under ``root``, sorted."""
    return [layout.SOURCE_LANGUAGE, *layout.languages(root)]


def languages_option(text: str | None, root: Path) -> list[str]:
    """The languages of ``--lang`` (``cy``, ``en,cy``), each once, in the order given; English when it is not given.

    Each must be one of ``known_languages(root)``: a usage error naming them otherwise.
    """
    if text is None:
        return [layout.SOURCE_LANGUAGE]
    known = known_languages(root)
    langs: list[str] = []
    for part in text.split(","):
        lang = part.strip()
        if lang and lang not in known:
            hint = f" ('nvap translate update --lang {lang}' writes its catalogues)" if _is_code(lang) else ""
            raise UsageError(f"{lang!r} is not one of {', '.join(known)}{hint}")
        if lang and lang not in langs:
            langs.append(lang)
    if not langs:
        raise UsageError(f"name the languages, one or more of {', '.join(known)} (e.g. cy or en,cy)")
    return langs


def translation_language(lang: str) -> str:
    """``lang`` if catalogues can be kept for it (an ISO 639 code, not English); a usage error otherwise."""
    if lang == layout.SOURCE_LANGUAGE:
        raise UsageError(f"{lang!r} is the language the content is written in: name the language to translate it into (e.g. cy)")
    if not _is_code(lang):
        raise UsageError(f"{lang!r} is not a language code: use an ISO 639 code such as 'cy' (Welsh)")
    return lang


def _is_code(lang: str) -> bool:
    """``lang`` is a code nvap can keep catalogues for (``cy``, ``pt_BR``), English aside."""
    try:
        layout.check_language(lang)
    except UsageError:
        return False
    return True
