"""The formats each command writes or prints, and the languages a build or plan is made in: declared once.

The command line takes its choices, help and errors from here, and the core checks
what it is given with the same functions, so a wrong value is the same usage error
(exit 2, naming the valid values) wherever it is given. Known without reading the
content (no Pydantic, no Babel): ``nvap --help`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError


@dataclass(frozen=True)
class Choices:
    """The formats of one command: every one, in the order its files are made, and those made by default."""

    names: tuple[str, ...]
    default: tuple[str, ...]

    def check(self, value: str) -> str:
        """``value`` if it is one of the formats; a usage error naming them otherwise."""
        if value not in self.names:
            raise UsageError(f"{value!r} is not one of {', '.join(self.names)}")
        return value

    def chosen(self, given: list[str] | tuple[str, ...]) -> list[str]:
        """The formats ``given`` (each checked), in the order of ``names``; the default when none is given."""
        for value in given:
            self.check(value)
        return [f for f in self.names if f in given] if given else list(self.default)

    def described(self, what: str = "") -> str:
        """The formats for ``--help``: ``md, html, pdf, xlsx or ods``, then which are the default."""
        listed = f"{', '.join(self.names[:-1])} or {self.names[-1]}" if len(self.names) > 1 else self.names[0]
        if self.default and self.default != self.names:
            default = self.default[0] if len(self.default) == 1 else f"{', '.join(self.default[:-1])} and {self.default[-1]}"
            return f"{listed}{what} (default: {default})"
        return f"{listed}{what}"


BUILD = Choices(("md", "html", "pdf", "xlsx", "ods"), default=("md", "html", "xlsx"))
"""``nvap build``: a document in each format (this order is its files' order in the manifest and the index).
PDF (the slow one) and OpenDocument only on request."""

COLLECT = Choices(("xlsx", "ods", "html", "pdf", "csv", "json", "md"), default=("xlsx", "html", "csv", "json"))
"""``nvap collect``: the national summary (csv is ``summary.csv`` and ``answers.csv``); with ``--feedback`` the packs
too, as HTML and in pdf and md when asked (md is the packs' only: ``collect.feedback.pack_formats``)."""

PLAN = Choices(("xlsx", "ods"), default=("xlsx",))
"""``nvap plan``: a force's fillable plan, as Excel or OpenDocument."""

DIFF = Choices(("text", "md", "html", "json"), default=("text",))
"""``nvap diff``: the changes between two editions, printed."""

STATS = Choices(("text", "json"), default=("text",))
"""``nvap translate stats``: a table, or JSON."""


def languages(root: Path) -> list[str]:
    """The languages a document or plan can be made in: ``en``, then each with catalogues under ``root``."""
    from .i18n.languages import known_languages

    return known_languages(root)


def check_languages(text: str | None, root: Path) -> list[str]:
    """The languages of ``--lang`` (``cy``, ``en,cy``); English when not given; a usage error naming ``languages(root)``."""
    from .i18n.languages import languages_option

    return languages_option(text, root)


def check_translation_language(lang: str) -> str:
    """``lang`` if catalogues can be kept for it (``translate update --lang``); a usage error otherwise."""
    from .i18n.languages import translation_language

    return translation_language(lang)
