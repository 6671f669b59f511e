"""The parts of a string a translation must keep exactly: the inline forms of prose and ``{names}``.

A translation may move them (Welsh word order is not English word order) but not
drop, add or change one: ``[@graham2019]`` must stay ``[@graham2019]``, a
``**strong**`` pair stays a pair, ``{page}`` stays ``{page}``.
"""

from __future__ import annotations

import re
from collections import Counter

_FORM = re.compile(
    r"\[-?@[^\[\]]+\]"  # citations: [@key], [-@key], [@a; @b]
    r"|\[action:[^\[\]\s]+\]"
    r"|\[link:[^\[\]\s]+\]"
    r"|\[\^[^\[\]\s]+\]"  # footnotes
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"  # what a label's code fills in: {page}, {pages}
)
STRONG = "**"


def placeholders(text: str) -> Counter[str]:
    """The inline forms and ``{names}`` in ``text``, counted."""
    return Counter(m.group() for m in _FORM.finditer(text))


def problems(english: str, translation: str) -> list[str]:
    """What ``translation`` breaks of ``english``'s placeholders, in words; empty when it keeps them all."""
    found = []
    want, have = placeholders(english), placeholders(translation)
    missing = sorted((want - have).elements())
    extra = sorted((have - want).elements())
    if missing and extra:
        found.append(
            f"{_list(missing)} of the English {'is' if len(missing) == 1 else 'are'} missing and {_list(extra)} {'is' if len(extra) == 1 else 'are'} not in the English"
        )
    elif missing:
        found.append(f"{_list(missing)} of the English {'is' if len(missing) == 1 else 'are'} missing")
    elif extra:
        found.append(f"{_list(extra)} {'is' if len(extra) == 1 else 'are'} not in the English")
    strong_en, strong_tr = english.count(STRONG), translation.count(STRONG)
    if strong_en != strong_tr:
        found.append(f"the English has '**' {_times(strong_en)}, the translation {_times(strong_tr)} (keep each **strong** pair)")
    return found


def _list(items: list[str]) -> str:
    return ", ".join(items)


def _times(n: int) -> str:
    return {0: "not at all", 1: "once", 2: "twice"}.get(n, f"{n} times")
