"""Find a police force by the name a user types, and name its files.

``--force`` names a police force, never a file: the name is matched against the
forces reference data (official name, short name, abbreviations, key), case and
punctuation aside, and nothing the user typed ever becomes part of a path.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import NvapError

if TYPE_CHECKING:
    from ..records.content import Force, Forces


def force_names(force: Force) -> list[str]:
    """Every name the force is known by: official, short, abbreviations, aliases, Welsh."""
    return [force.name, force.short_name, *force.abbreviations, *force.aliases, *([force.welsh_name] if force.welsh_name else [])]


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
_CONNECTORS = frozenset({"the", "of", "and"})
"""Generic words that join a name's words; the rest of ``_GENERIC`` say what kind of body it is."""
_SUFFIXES = ("", " police", " constabulary", " police service", " police force")
_MIN_PREFIX = 4
"""A word cut short keeps at least this many letters ('Leic', 'Warw'), else it could be many words."""
_MIN_CONTRACTION = 3
"""Letters a county contraction keeps before its 's' ('Beds', 'Glos', 'West Mids')."""
_MIN_INITIALISM = 3
"""Letters of an initialism made from an official name ('DCP'); two letters are too many forces' ('NC', 'SP')."""


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


def _initialisms(name: str) -> set[str]:
    """The initialisms of an official name: 'Devon and Cornwall Police' -> 'dacp', 'dcp'.

    The first letters of its words, with and without each of the words that join
    ('and', 'of'): 'City of London Police' -> 'colp', 'clp'.  Without the word
    that says it is a police force ('Police', 'Constabulary', 'Heddlu') too, but
    only from four letters: 'Hampshire and Isle of Wight Constabulary' -> 'hiow',
    while 'col' and 'mod' are words of their own more often than forces.
    """
    words = normalise(name).split()
    kinds = _GENERIC - _CONNECTORS
    found = set()
    for count in range(len(_CONNECTORS) + 1):
        for joins in itertools.combinations(sorted(_CONNECTORS), count):
            kept = [w for w in words if w not in joins]
            found.add("".join(w[0] for w in kept))
            if len(unnamed := "".join(w[0] for w in kept if w not in kinds)) > _MIN_INITIALISM:
                found.add(unnamed)
    return {initials for initials in found if len(initials) >= _MIN_INITIALISM}


def _shortens(short: str, word: str, *, contraction_only: bool = False) -> bool:
    """Whether ``short`` is ``word`` shortened as people shorten it.

    Cut short ('leic' for 'leicestershire', 'northumb' for 'northumbria'), or
    contracted as counties are: its first letters and the 's' of '-shire' or of
    the word's own end ('notts', 'yorks', 'mids' for 'midlands').  Generic words
    ('police', 'and') are not shortened: 'Norfolk Poli' is no force's name.
    """
    if word in _GENERIC or len(short) >= len(word):
        return False
    if len(short) >= _MIN_PREFIX and word.startswith(short) and not contraction_only:
        return True
    head = short.removesuffix("s")
    return (
        len(head) >= _MIN_CONTRACTION
        and head != short
        and word.startswith(head)
        and (word.endswith("shire") or word.endswith("s"))
    )


class _Names:
    """Every name of every force, built once per ``Forces`` (see ``_names``) for quick look-ups.

    ``known``: the names of the reference data, each with its variants, to the
    forces they name (a name two forces share names both).  ``outside``: the
    names of forces outside nvap's scope, to their official name.  ``initialisms``:
    the initialisms of official names, looked up after ``known`` (the reference
    data's 'WMP' is West Midlands Police, though West Mercia Police's initials are
    WMP too).  ``phrases``: the words of each name, by their first
    letters, for a name some of whose words are shortened.
    """

    def __init__(self, forces: Forces) -> None:
        self.known: dict[str, set[str]] = {}
        self.outside: dict[str, str] = {}
        self.initialisms: dict[str, set[str]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, force in forces.forces.items():
            for alias in [*force_names(force), key]:
                for variant in [normalise(alias), *_variants(alias)]:
                    self.known.setdefault(variant, set()).add(key)
            for official in [force.name, *([force.welsh_name] if force.welsh_name else [])]:
                for initials in _initialisms(official):
                    self.initialisms.setdefault(initials, set()).add(key)
            names = [force.name, force.short_name, *force.aliases, *([force.welsh_name] if force.welsh_name else [])]
            for variant in {v for name in names for v in _variants(name)}:
                words = tuple(variant.split())
                self.phrases.setdefault("".join(w[0] for w in words), []).append((words, key))
        for outside in forces.outside_scope:
            for name in (outside.name, *outside.names):
                for variant in [normalise(name), *_variants(name)]:
                    self.outside.setdefault(variant, outside.name)
        self.longest = max((len(words) for phrases in self.phrases.values() for words, _ in phrases), default=1)

    def understood(self, wanted: str, *, shortened: bool = True, contraction_only: bool = False) -> set[str]:
        """The forces a normalised name not in ``known`` can mean: an initialism, or (``shortened``) a name with shortened words.

        ``contraction_only``: a shortened word counts only as a county contraction ('Derbys', 'Staffs'), not cut short.
        """
        typed = wanted.split()
        letters = "".join(typed) if all(len(w) == 1 for w in typed) else wanted  # 'S.W.P.' is 'swp'
        keys = set(self.initialisms.get(letters, ()))
        for words, key in self.phrases.get("".join(w[0] for w in typed), ()) if shortened else ():
            if len(words) == len(typed) and all(
                t == w or _shortens(t, w, contraction_only=contraction_only) for t, w in zip(typed, words, strict=True)
            ):
                keys.add(key)
        return keys


_BUILT: dict[int, tuple[weakref.ref[Forces], _Names]] = {}
"""The ``_Names`` of each live ``Forces`` (frozen, so built once), by its id."""


def _names(forces: Forces) -> _Names:
    built = _BUILT.get(id(forces))
    if built is not None and built[0]() is forces:
        return built[1]
    names = _Names(forces)

    def forget(ref: weakref.ref[Forces], ident: int = id(forces)) -> None:
        if _BUILT.get(ident, (None,))[0] is ref:
            del _BUILT[ident]

    _BUILT[id(forces)] = (weakref.ref(forces, forget), names)
    return names


def _index(forces: Forces) -> Mapping[str, set[str]]:
    """Each name of the reference data, with its variants, to the keys of the forces it names (not to be changed)."""
    return _names(forces).known


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
    'Constabulary' or a leading 'the', case and punctuation aside; then, where
    none of those is meant, the initialisms of the official name ('DCP', 'NYP')
    and any of these names with words shortened as people shorten them ('Leic',
    'North Yorks', 'West Mids').  Raises UsageError (exit 2) for a name that
    looks like a path, for a name that fits two forces, for an unknown name
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
    names = _names(forces)
    outside = names.outside.get(wanted)
    keys = names.known.get(wanted) or (set() if outside else names.understood(wanted))
    if len(keys) == 1:
        (key,) = keys
        return key, forces.forces[key]
    if len(keys) > 1:
        choices = " or ".join(sorted(forces.forces[k].name for k in keys))
        raise UsageError(f"'{shown(name)}' could be {choices}: give the official name")
    if outside:
        named = outside if wanted == normalise(outside) else f"'{shown(name)}' ({outside})"
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


def force_in_name(forces: Forces, text: str) -> str | None:
    """The key of the one force a free text such as a file name names: 'GMP return FINAL v2.xlsm' -> greater-manchester-police.

    The text's words are read from the left, the longest run of them that
    ``find_force`` understands taken first ('South Wales Police', not 'Wales');
    words no force's name has ('plan', 'copy', 'v2', dates, the extension) are
    passed over.  None when the text names no force ('Yorkshire' and 'Wales'
    alone are none), two ('Norfolk and Suffolk'), or a name that fits two
    ('Nort Police').  Generic words ('police', 'heddlu') and words of one or two
    letters never name a force; nor does a single word cut short, as ordinary
    words begin counties' names ('Officer-Staff Norms' is not Staffordshire's),
    though shortened words of a longer name do ('West Yorks').
    """
    names = _names(forces)
    words = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")).split()
    keys: set[str] = set()
    start = 0
    while start < len(words):
        for end in range(min(len(words), start + names.longest), start, -1):
            run = words[start:end]
            if all(w in _GENERIC for w in run) or (len(run) == 1 and len(run[0]) < _MIN_INITIALISM):
                continue
            wanted = normalise(" ".join(run))
            # A single word cut short is no force ('Staff' begins Staffordshire); a county contraction is ('Derbys').
            if found := names.known.get(wanted) or names.understood(wanted, contraction_only=" " not in wanted):
                keys |= found
                start = end
                break
        else:
            start += 1
    return next(iter(keys)) if len(keys) == 1 else None


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': 'Avon & Somerset' -> 'avon-and-somerset'."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("&", " and ")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plan_filename(key_or_force: str | Force, lang: str = "en", extension: str = "xlsx") -> str:
    """The file name of a force's realisation plan, from its canonical name (or key), in English whatever ``lang``.

    ``plan_filename(force)`` -> ``norfolk-constabulary-realisation-plan.xlsx``; a plan in another
    language has it before the extension, so both sit side by side:
    ``dyfed-powys-police-realisation-plan.cy.xlsx``; an OpenDocument plan ends ``.ods``.
    """
    text = key_or_force if isinstance(key_or_force, str) else key_or_force.name
    stem = slug(text)
    if not stem:
        raise NvapError(f"cannot make a file name from the force name '{shown(text)}'")
    suffix = PLAN_SUFFIX if lang == "en" else PLAN_SUFFIX.replace(".xlsx", f".{lang}.xlsx")
    return stem + suffix.replace(".xlsx", f".{extension}")


def name_in(force: Force, lang: str) -> str:
    """The force's name as a plan in ``lang`` shows it: its official Welsh name on a Welsh plan, else its name."""
    return force.welsh_name if lang == "cy" and force.welsh_name else force.name
