"""The one Jinja environment factory: strict, escaping for its format, local templates first."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..resources import template_dirs
from .prose import Md, md_escape


def _md_finalize(value: Any) -> Markup:
    # Markdown has no autoescape of its own: every value printed by a template is
    # escaped unless it was rendered (and escaped) by Prose or a macro already.
    if isinstance(value, Markup):
        return value
    return Md(md_escape(str(value)))


def environment(fmt: str) -> Environment:
    """A Jinja environment for ``fmt`` ('md' or 'html'), shared per template folders."""
    return _environment(fmt, tuple(template_dirs()))


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    # Compiling the templates costs more than rendering a toolkit: keep the compiled
    # code between runs (Jinja keys it by the template's source, so edits are seen).
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "nvap" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None
    except OSError:
        return None


@lru_cache(maxsize=8)
def _environment(fmt: str, dirs: tuple[Path, ...]) -> Environment:
    loader = ChoiceLoader([FileSystemLoader(str(d)) for d in dirs])
    cache = _bytecode_cache()
    if fmt == "html":
        env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=cache)
    else:
        # autoescape=True so macros return safe text; _md_finalize does the Markdown escaping
        # (it runs before Jinja's HTML escape, which then leaves the Md value alone).
        env = Environment(loader=loader, autoescape=True, finalize=_md_finalize, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=cache)
    env.filters["md_url"] = lambda url: Md(f"<{url}>") if not any(c in url for c in " <>\n") else Md(md_escape(url))
    env.filters["md_cell"] = _md_cell
    return env


def _md_cell(value: Any) -> Md:
    """Text for a GFM table cell: one line, pipes escaped."""
    if isinstance(value, Markup):
        return Md(str(value).replace("\n", " "))
    return Md(md_escape(str(value)))
