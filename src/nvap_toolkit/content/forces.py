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

from ..errors import NvapError

if TYPE_CHECKING:
    from ..models.reference import Force, Forces

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


_GENERIC = frozenset({"police", "constabulary", "service", "force", "the", "of", "and", "heddlu"})
"""Words that do not tell one force from another (they are not counted as shared)."""
_SUFFIXES = ("", " police", " constabulary", " police service", " police force")


def normalise(name: str) -> str:
    """A name reduced for comparison: case, '&', punctuation and a leading 'the' aside."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    text = _NOT_WORD.sub(" ", text).strip()
    return text.removeprefix("the ").strip()


def _variants(name: str) -> list[str]:
    """A name and the ways people add to it: 'Norfolk' -> 'norfolk', 'norfolk police', 'norfolk constabulary'...

    'X Police' and 'X Constabulary' are both understood whichever the force's
    official name uses ("Kent Constabulary" finds Kent Police).
    """
    base = normalise(name)
    for suffix in _SUFFIXES[1:]:
        if base.endswith(suffix):
            base = base.removesuffix(suffix).strip()
            break
    return [base + suffix for suffix in _SUFFIXES if base + suffix]


def _index(forces: Forces) -> dict[str, set[str]]:
    by_name: dict[str, set[str]] = {}
    for key, force in forces.forces.items():
        for alias in [*force.names(), key]:
            for variant in [normalise(alias), *_variants(alias)]:
                by_name.setdefault(variant, set()).add(key)
    return by_name


def _words(text: str) -> set[str]:
    return {w for w in text.split() if w not in _GENERIC}


def suggest(forces: Forces, name: str) -> str | None:
    """The force a mistyped name most likely means: most distinctive words shared, then the closest spelling."""
    wanted = normalise(name)
    words = _words(wanted)
    best: tuple[int, float, str] | None = None
    for alias, keys in _index(forces).items():
        if len(keys) != 1:
            continue
        shared = len(words & _words(alias))
        ratio = difflib.SequenceMatcher(None, wanted, alias).ratio()
        if not shared and ratio < 0.6:
            continue
        (key,) = keys
        score = (shared, ratio, forces.forces[key].name)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def find_force(forces: Forces, name: str) -> tuple[str, Force]:
    """The force called ``name`` as people type it: ``(key, force)``.

    Understood: the official name, short name, abbreviations (Hants, Met, BTP),
    aliases and Welsh name of the reference data, each with or without 'Police',
    'Constabulary' or a leading 'the', case and punctuation aside.  Raises
    UsageError (exit 2) for a name that looks like a path, for an unknown name
    (suggesting the closest force) and for a force outside nvap's scope.
    """
    from ..errors import UsageError

    if not name.strip():
        raise UsageError("give the name of a police force, e.g. --force Norfolk")
    if _PATHLIKE.search(name.strip()) or _CONTROL.search(name):
        raise UsageError(
            f"'{shown(name)}' is not the name of a police force: --force takes a force's name "
            "(e.g. Norfolk), never a file or folder (use --out DIR to choose where plans go)"
        )
    wanted = normalise(name)
    by_name = _index(forces)
    keys = by_name.get(wanted, set())
    if len(keys) == 1:
        (key,) = keys
        return key, forces.forces[key]
    if len(keys) > 1:
        choices = " or ".join(sorted(forces.forces[k].name for k in keys))
        raise UsageError(f"'{shown(name)}' could be {choices}: give the official name")
    for outside in forces.outside_scope:
        if wanted in {v for n in (outside.name, *outside.names) for v in [normalise(n), *_variants(n)]}:
            named = outside.name if wanted == normalise(outside.name) else f"'{shown(name)}' ({outside.name})"
            raise UsageError(
                f"{named} is outside nvap's scope: nvap covers the police forces of England and Wales "
                "and the national forces (nvap plan --list-forces lists them)"
            )
    suggestion = suggest(forces, name)
    if suggestion:
        raise UsageError(f"unknown police force '{shown(name)}': did you mean {suggestion}? (nvap plan --list-forces lists them)")
    example = next(iter(forces.forces.values()), None)
    hint = f" (e.g. '{example.short_name}' or '{example.name}'; nvap plan --list-forces lists them)" if example else ""
    raise UsageError(f"unknown police force '{shown(name)}': give a force's name, short name or abbreviation{hint}")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': 'Avon & Somerset' -> 'avon-and-somerset'."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("&", " and ")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plan_filename(key_or_force: str | Force, lang: str = "en") -> str:
    """The file name of a force's realisation plan, from its canonical name (or key), in English whatever ``lang``.

    ``plan_filename(force)`` -> ``norfolk-constabulary-realisation-plan.xlsx``; a plan in another
    language has it before the extension, so both sit side by side:
    ``dyfed-powys-police-realisation-plan.cy.xlsx``.
    """
    text = key_or_force if isinstance(key_or_force, str) else key_or_force.name
    stem = slug(text)
    if not stem:
        raise NvapError(f"cannot make a file name from the force name '{shown(text)}'")
    return stem + (PLAN_SUFFIX if lang == "en" else PLAN_SUFFIX.replace(".xlsx", f".{lang}.xlsx"))


def name_in(force: Force, lang: str) -> str:
    """The force's name as a plan in ``lang`` shows it: its official Welsh name on a Welsh plan, else its name."""
    return force.welsh_name if lang == "cy" and force.welsh_name else force.name
