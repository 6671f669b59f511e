"""The one Jinja environment factory: strict, escaping for its format, local templates first."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from ..content.cache import JINJA_BYTES, JINJA_FILES, prune, subfolder, touch
from ..i18n.fallback import English, marked
from ..resources import template_dirs
from .prose import Md, md_escape

if TYPE_CHECKING:
    from ..content.project import Project


def _md_finalize(value: Any) -> Markup:
    # Markdown has no autoescape of its own: every value printed by a template is
    # escaped unless it was rendered (and escaped) by Prose or a macro already.
    if isinstance(value, Markup):
        return value
    return Md(md_escape(str(value)))


def _html_finalize(value: Any) -> Any:
    # A translated page's English (a missing or out-of-date translation) is marked wherever a
    # template prints it; i18n.fallback.place_marks makes the marks lang="en" spans.
    return marked(value) if isinstance(value, English) else value


def environment(fmt: str) -> Environment:
    """A Jinja environment for ``fmt`` ('md' or 'html'), shared per template folders."""
    return _environment(fmt, tuple(template_dirs()))


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, each file marked when used so that pruning keeps the ones in use."""

    def load_bytecode(self, bucket: Bucket) -> None:
        super().load_bytecode(bucket)
        if bucket.code is not None:
            touch(Path(self.directory) / (self.pattern % (bucket.key,)))


def _bytecode_cache(fmt: str) -> FileSystemBytecodeCache | None:
    # Compiling the templates costs more than rendering a toolkit: keep the compiled
    # code between runs (Jinja keys it by the template's source, so edits are seen), in
    # nvap's cache folder (docs/environment.md), pruned: every other folder of templates
    # (a test's, an author's) adds files.
    folder = subfolder("jinja")
    if folder is None:
        return None
    prune(folder, keep=JINJA_FILES, max_bytes=JINJA_BYTES)
    # Compiled code calls the environment's finalize or not: one set of files per format (the HTML's
    # finalize marks English in translated pages; code compiled before it had none).
    return _BytecodeCache(str(folder), f"__nvap_{fmt}_finalize_%s.cache")


@lru_cache(maxsize=8)
def _environment(fmt: str, dirs: tuple[Path, ...]) -> Environment:
    loader = ChoiceLoader([FileSystemLoader(str(d)) for d in dirs])
    cache = _bytecode_cache(fmt)
    # autoescape=True for both: in Markdown it makes macros return safe text, and _md_finalize
    # does the Markdown escaping (it runs before Jinja's HTML escape, which then leaves the Md
    # value alone); in HTML, _html_finalize marks English fallbacks of a translation.
    env = Environment(
        loader=loader,
        autoescape=True,
        finalize=_html_finalize if fmt == "html" else _md_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=cache,
    )
    env.filters["md_url"] = lambda url: Md(f"<{url}>") if not any(c in url for c in " <>\n") else Md(md_escape(url))
    env.filters["md_cell"] = _md_cell
    env.filters["css_page_numbers"] = css_page_numbers
    env.filters["css_string"] = css_string
    return env


def lang_suffix(project: Project) -> str:
    """What a translated document's file names add before the format (``.cy``: 2.6.2.cy.html); its links go to its language's files."""
    return "" if project.lang == "en" else f".{project.lang}"


def css_string(text: str) -> Markup:
    """Content text as a CSS string literal: inert inside a <style> element (quotes, backslashes and '<' escaped)."""
    escaped = "".join(f"\\{ord(c):X} " if c in '"\\<>\n\r' else c for c in str(text))
    return Markup(f'"{escaped}"')


def css_page_numbers(label: str) -> Markup:
    """A page-number label ("Page {page} of {pages}") as CSS generated content for a page margin box."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", str(label)):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(str(css_string(piece)))
    return Markup(" ".join(parts) or '""')


def _md_cell(value: Any) -> Md:
    """Text for a GFM table cell: one line, pipes escaped."""
    if isinstance(value, Markup):
        return Md(str(value).replace("\n", " "))
    return Md(md_escape(str(value)))
