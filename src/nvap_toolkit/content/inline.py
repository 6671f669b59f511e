"""The tiny inline syntax of content prose, parsed into tokens every renderer shares.

``**strong**``, citations ``[@key]`` / ``[-@key]`` / ``[@a; @b]``, action references
``[action:2.6.1]``, link references ``[link:key]`` and footnotes ``[^key]``; and the rule
of what an acronym is (``ACRONYM``).
Everything else is plain text, escaped by each renderer for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(
    r"\*\*(?P<strong>.+?)\*\*"
    r"|\[(?P<cite>-?@[^\[\]]+)\]"
    r"|\[action:(?P<action>[^\[\]\s]+)\]"
    r"|\[link:(?P<link>[^\[\]\s]+)\]"
    r"|\[\^(?P<note>[^\[\]\s]+)\]"
)
_CITE_ITEM = re.compile(r"^(-?)@([A-Za-z0-9][A-Za-z0-9._:-]*)$")
URL = re.compile(r"https?://[^\s<>\"'()\u2018-\u201f\u00ab\u00bb\u27e6-\u27ef]*[\w/#=&%~+-]")
"""A bare web address: it ends before a space, a quote or bracket of any script (’ » ⟧), and before closing punctuation."""
ACRONYM = re.compile(r"(?<![\w/.@-])([A-Z](?:[a-z]?[A-Z])+)(?:s)?(?![\w@]|\.[A-Za-z])")
"""An acronym in prose (``PEEL``, ``CoP``, ``HMICFRS``; a plural ``s`` is not part of it): the one rule by which
the content check warns of one missing from the glossary and the renderers expand one (HTML ``<abbr>``, a glossary)."""


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    parts: tuple[Token, ...]


@dataclass(frozen=True)
class Cite:
    items: tuple[tuple[str, bool], ...]
    """(bibliography key, author suppressed)."""
    raw: str


@dataclass(frozen=True)
class ActionRef:
    id: str


@dataclass(frozen=True)
class LinkRef:
    key: str


@dataclass(frozen=True)
class Footnote:
    key: str


Token = Text | Strong | Cite | ActionRef | LinkRef | Footnote


@lru_cache(maxsize=8192)
def parse(text: str) -> tuple[Token, ...]:
    """Split prose into tokens."""
    out: list[Token] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos : m.start()]))
        if m.group("strong") is not None:
            out.append(Strong(parse(m.group("strong"))))
        elif m.group("cite") is not None:
            items = []
            for raw_item in m.group("cite").split(";"):
                im = _CITE_ITEM.match(raw_item.strip())
                items.append((im.group(2), im.group(1) == "-") if im else ("", False))
            out.append(Cite(tuple(items), m.group(0)))
        elif m.group("action") is not None:
            out.append(ActionRef(m.group("action")))
        elif m.group("link") is not None:
            out.append(LinkRef(m.group("link")))
        else:
            out.append(Footnote(m.group("note")))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def references(text: str) -> list[tuple[str, str, int]]:
    """Every reference in ``text`` as (kind, key, offset); kind is cite/action/link/note/bad-cite."""
    found = []
    for m in _TOKEN.finditer(text):
        if m.group("cite") is not None:
            for raw_item in m.group("cite").split(";"):
                im = _CITE_ITEM.match(raw_item.strip())
                if im:
                    found.append(("cite", im.group(2), m.start()))
                else:
                    found.append(("bad-cite", raw_item.strip(), m.start()))
        elif m.group("strong") is not None:
            found.extend((k, key, m.start(1) + off) for k, key, off in references(m.group("strong")))
        else:
            for kind in ("action", "link", "note"):
                if m.group(kind) is not None:
                    found.append((kind, m.group(kind), m.start()))
    return found
