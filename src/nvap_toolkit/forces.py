"""Find a police force by the name a user types, and name its files.

``--force`` names a police force, never a file: the name is matched against the
forces reference data (official name, short name, abbreviations, key), case and
punctuation aside, and nothing the user typed ever becomes part of a path.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TYPE_CHECKING

from .errors import NvapError

if TYPE_CHECKING:
    from .models.reference import Force, Forces

PLAN_SUFFIX = "-realisation-plan.xlsx"
"""What follows the force's slug in the file name of its realisation plan."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_NOT_WORD = re.compile(r"[\W_]+")
_PATHLIKE = re.compile(r"[/\\]|^~|^\.{1,2}$|\.(xlsx|xlsm|xls|yaml|yml)$", re.IGNORECASE)


def shown(text: str, limit: int = 60) -> str:
    """``text`` safe to print in a message: control characters escaped, long text shortened."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def normalise(name: str) -> str:
    """A name reduced for comparison: case, '&' and punctuation aside."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    return _NOT_WORD.sub(" ", text).strip()


def _names(key: str, force: Force) -> list[str]:
    return [force.name, force.short_name, *force.abbreviations, key]


def find_force(forces: Forces, name: str) -> tuple[str, Force]:
    """The force called ``name`` (official name, short name, abbreviation or key): ``(key, force)``.

    Raises NvapError (exit 1) for a name that looks like a path, and for an unknown
    name, suggesting the closest force ("did you mean Norfolk Constabulary?").
    """
    if not name.strip():
        raise NvapError("give the name of a police force, e.g. --force Norfolk")
    if _PATHLIKE.search(name.strip()) or _CONTROL.search(name):
        raise NvapError(
            f"'{shown(name)}' is not the name of a police force: --force takes a force's name "
            "(e.g. Norfolk), never a file or folder (use --out DIR to choose where plans go)"
        )
    wanted = normalise(name)
    by_name: dict[str, set[str]] = {}
    for key, force in forces.forces.items():
        for alias in _names(key, force):
            by_name.setdefault(normalise(alias), set()).add(key)
    keys = by_name.get(wanted, set())
    if len(keys) == 1:
        (key,) = keys
        return key, forces.forces[key]
    if len(keys) > 1:
        choices = " or ".join(sorted(forces.forces[k].name for k in keys))
        raise NvapError(f"'{shown(name)}' could be {choices}: give the official name")
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.6)
    if close:
        suggestion = sorted(forces.forces[k].name for k in by_name[close[0]])[0]
        raise NvapError(f"unknown police force '{shown(name)}': did you mean {suggestion}?")
    example = next(iter(forces.forces.values()), None)
    hint = f" (e.g. '{example.short_name}' or '{example.name}')" if example else ""
    raise NvapError(f"unknown police force '{shown(name)}': give a force's name, short name or abbreviation{hint}")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': 'Avon & Somerset' -> 'avon-and-somerset'."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("&", " and ")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plan_filename(key_or_force: str | Force) -> str:
    """The file name of a force's realisation plan, from its canonical name (or key).

    ``plan_filename(force)`` -> ``norfolk-constabulary-realisation-plan.xlsx``.
    """
    text = key_or_force if isinstance(key_or_force, str) else key_or_force.name
    stem = slug(text)
    if not stem:
        raise NvapError(f"cannot make a file name from the force name '{shown(text)}'")
    return stem + PLAN_SUFFIX
