"""Prose tokens to plain text, Markdown and HTML. Content is text: every format escapes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markupsafe import Markup

from ..content.inline import ACRONYM, URL, ActionRef, Cite, LinkRef, Strong, Text, Token, parse
from ..content.project import Project
from ..i18n.fallback import English, marked
from .citations import cite_item

_SPACE = re.compile(r"\s+")
# Characters that could start Markdown syntax anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
# ...and at the start of a line (headings, quotes, lists, setext underlines).
_MD_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+\s*$)")


def md_escape(text: str) -> str:
    """Escape text so CommonMark/GFM shows it literally."""
    text = _MD_INLINE.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    # '1.' must become '1\.', '-' must become '\-'.
    return lead + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)


class Md(Markup):
    """Markdown already escaped and formatted: templates print it as it is.

    A Markup subclass so Jinja's autoescaping machinery passes it through untouched.
    """


@dataclass
class Prose:
    """Renders content prose for one document; collects its footnotes as it goes."""

    project: Project
    link_action: Any = None
    """Optional callable: action id -> href of its built toolkit, or None."""
    notes: list[str] = field(default_factory=list)

    # -- shared ----------------------------------------------------------------

    def tokens(self, text: str) -> tuple[Token, ...]:
        return parse(_SPACE.sub(" ", text.strip()))

    def cite(self, token: Cite) -> str:
        refs = self.project.bibliography.references
        return "(" + "; ".join(cite_item(refs[k], suppress_author=s) for k, s in token.items) + ")"

    def action(self, token: ActionRef) -> str:
        label = self.project.programme_of_actions([token.id]).labels.action
        return f"{label} {token.id} {self.project.action_title(token.id)}"

    def note_number(self, key: str) -> int:
        if key not in self.notes:
            self.notes.append(key)
        return self.notes.index(key) + 1

    # -- plain text (workbooks) -------------------------------------------------------

    def plain(self, text: str) -> str:
        return "".join(self._plain(t) for t in self.tokens(text))

    def _plain(self, token: Token) -> str:
        if isinstance(token, Text):
            return token.text
        if isinstance(token, Strong):
            return "".join(self._plain(t) for t in token.parts)
        if isinstance(token, Cite):
            return self.cite(token)
        if isinstance(token, ActionRef):
            return self.action(token)
        link = self.project.links.links[token.key]
        if isinstance(token, LinkRef):
            return f"{link.title} ({link.url})" if link.url else link.title
        number = self.note_number(token.key)
        return f"[{number}]"

    # -- Markdown ---------------------------------------------------------------------

    def md(self, text: str) -> Md:
        return Md("".join(self._md(t) for t in self.tokens(text)))

    def _md(self, token: Token) -> str:
        if isinstance(token, Text):
            return _md_autolink(token.text)
        if isinstance(token, Strong):
            return "**" + "".join(self._md(t) for t in token.parts) + "**"
        if isinstance(token, Cite):
            return md_escape(self.cite(token))
        if isinstance(token, ActionRef):
            href = self.link_action(token.id) if self.link_action else None
            label = md_escape(self.action(token))
            return f"[{label}](<{href}>)" if href else label
        link = self.project.links.links[token.key]
        if isinstance(token, LinkRef):
            return md_link(link.title, link.url)
        return f"[^{self.note_number(token.key)}]"

    # -- HTML ----------------------------------------------------------------------------

    def html(self, text: str) -> Markup:
        inner = "".join(self._html(t) for t in self.tokens(text))
        # English in a translated document (its translation is missing or out of date): marked lang="en".
        return Markup(marked(inner) if isinstance(text, English) else inner)

    def _html(self, token: Token) -> str:
        if isinstance(token, Text):
            return self._html_text(token.text)
        if isinstance(token, Strong):
            return "<strong>" + "".join(self._html(t) for t in token.parts) + "</strong>"
        if isinstance(token, Cite):
            refs = "".join(f"#ref-{k}" for k, _ in token.items[:1])
            return f'<a class="cite" href="{escape(refs)}">{escape(self.cite(token))}</a>'
        if isinstance(token, ActionRef):
            href = self.link_action(token.id) if self.link_action else None
            word = self.project.programme_of_actions([token.id]).labels.action
            title = self.project.action_title(token.id)
            label = f"{self._html_part(word)} {escape(token.id)} {self._html_part(title)}"
            return f'<a href="{escape(href)}">{label}</a>' if href else label
        link = self.project.links.links[token.key]
        if isinstance(token, LinkRef):
            made = html_link(link.title, link.url)
            return marked(made) if isinstance(link.title, English) else made
        n = self.note_number(token.key)
        return f'<sup><a href="#note-{n}" id="noteref-{n}" aria-describedby="notes-heading">{n}</a></sup>'

    def _html_part(self, text: str | None) -> str:
        """A name inside prose (an action's label or title), marked when it is English in a translated document."""
        made = self._html_text(str(text))
        return marked(made) if isinstance(text, English) else made

    def _html_text(self, text: str) -> str:
        out = []
        pos = 0
        for m in URL.finditer(text):
            out.append(self._abbr(text[pos : m.start()]))
            out.append(f'<a href="{escape(m.group(0))}">{escape(m.group(0))}</a>')
            pos = m.end()
        out.append(self._abbr(text[pos:]))
        return "".join(out)

    def _abbr(self, text: str) -> str:
        terms = self.project.glossary.terms
        out = []
        pos = 0
        for m in ACRONYM.finditer(text):
            word = m.group(1)
            term = terms.get(word)
            if term is None:
                continue
            out.append(escape(text[pos : m.start(1)]))
            out.append(f'<abbr title="{escape(term.expansion)}">{escape(word)}</abbr>')
            pos = m.end(1)
        out.append(escape(text[pos:]))
        return "".join(out)


def _md_autolink(text: str) -> str:
    out = []
    pos = 0
    for m in URL.finditer(text):
        out.append(md_escape(text[pos : m.start()]))
        out.append(f"<{m.group(0)}>")
        pos = m.end()
    out.append(md_escape(text[pos:]))
    return "".join(out)


def md_link(title: str, url: str | None) -> str:
    """A Markdown link, or the escaped title alone where there is no url."""
    return f"[{md_escape(title)}](<{url}>)" if url else md_escape(title)


def html_link(title: str, url: str | None) -> str:
    """An HTML link, or the escaped title alone where there is no url."""
    return f'<a href="{escape(url)}">{escape(title)}</a>' if url else escape(title)


def acronyms_in(*models: Any) -> list[str]:
    """The glossary acronyms used anywhere in the given models' text, sorted."""
    from ..records import strings_in

    found = {m.group(1) for text in strings_in(models) for m in ACRONYM.finditer(text)}
    return sorted(found, key=str.casefold)
