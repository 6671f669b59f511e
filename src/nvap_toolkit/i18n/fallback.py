"""English shown in a translated document, and its ``lang="en"`` marks in HTML.

A translated project (``i18n.apply``) holds, where a string has no usable
translation, the English as an ``English``: a ``str`` that says so. Markdown and
the workbooks print it as any text. The HTML renderers put it between two
private-use characters (``OPEN``, ``CLOSE``) wherever they print it, without
knowing where they print it; ``place_marks`` then makes each mark in running text a
``<span lang="en">`` and drops the marks where an element cannot hold one (an
attribute, ``<title>``, ``<style>``). So a template may print a value anywhere.

Light on purpose (no Babel, no Pydantic): the HTML environment imports it.
"""

from __future__ import annotations

import re

SOURCE_LANG = "en"
"""The language of the content, as an HTML ``lang`` marks the English a translation falls back to."""
PAGE_LANG = "en-GB"
"""The ``lang`` of an English page."""

OPEN = "\ue000"
CLOSE = "\ue001"
"""Private-use characters around English printed in a translated page. They mean nothing in any language or
font, so no content holds them; ``place_marks`` runs on translated pages only, so an English page is never touched."""

SPAN_OPEN = f'<span lang="{SOURCE_LANG}">'
SPAN_CLOSE = "</span>"


class English(str):
    """A string printed in English in a translated document: its translation is missing, fuzzy or out of date."""

    __slots__ = ()


def marked(text: str) -> str:
    """``text`` between the marks ``place_marks`` turns into ``<span lang="en">``."""
    return f"{OPEN}{text}{CLOSE}"


# A comment, an element whose content is raw text (no elements inside: no span either), or a tag.
_NO_SPAN = re.compile(r"<!--.*?-->|<(script|style|title|textarea)\b[^>]*>.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


def place_marks(page: str) -> str:
    """``page`` with each marked run of text a ``<span lang="en">``; marks inside a tag or a raw-text element dropped.

    Marks nest (an English title inside an English paragraph): only the outermost becomes a span.
    """
    if OPEN not in page:
        return page
    out: list[str] = []
    depth = 0
    pos = 0
    for match in _NO_SPAN.finditer(page):
        depth = _text(page[pos : match.start()], depth, out)
        out.append(match.group(0).replace(OPEN, "").replace(CLOSE, ""))
        pos = match.end()
    _text(page[pos:], depth, out)
    return "".join(out)


def _text(text: str, depth: int, out: list[str]) -> int:
    """Append running ``text`` with its marks as spans; the nesting depth after it."""
    if OPEN not in text and CLOSE not in text:
        out.append(text)
        return depth
    for piece in _MARK.split(text):
        if piece == OPEN:
            depth += 1
            if depth == 1:
                out.append(SPAN_OPEN)
        elif piece == CLOSE:
            if depth == 1:
                out.append(SPAN_CLOSE)
            depth = max(depth - 1, 0)
        else:
            out.append(piece)
    return depth


_MARK = re.compile(f"([{OPEN}{CLOSE}])")
