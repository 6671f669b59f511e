"""Plans in another language, read back: the sheet a plan's language shows, and its dropdown options.

A plan's words are in its language (``nvap_lang``), its defined names and edition are
the English plan's. So reading one compares its sheet with what that language's
catalogues make of the content now, and ``nvap collect`` counts an option chosen on a
Welsh plan as the English option in the same place of the same list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n.apply import in_language
from . import format as fmt

if TYPE_CHECKING:
    from ..content.project import Project
    from ..i18n.apply import Fallbacks
    from .model import FilledPlan


def in_plan_language(project: Project, lang: str | None) -> Project:
    """The project a plan in ``lang`` was made from: translated when the content has catalogues for ``lang``."""
    return in_language(project, lang)


def plan_fallbacks(
    project: Project, lang: str, action_ids: list[str] | None, programme: str | None = None, *, include_drafts: bool = False
) -> list[Fallbacks]:
    """What a plan in ``lang`` of the actions asked for prints in English, counted as ``nvap build`` counts it:
    each action's catalogue, then the shared ones; only those with English left (none for English)."""
    from ..i18n.apply import fallbacks_of, translated
    from .write import choose_actions

    if lang == "en":
        return []
    chosen = choose_actions(project, action_ids, programme, include_drafts=include_drafts)
    return fallbacks_of(translated(project, lang), [a.id for a in chosen])


def field_labels(project: Project, shown: Project, action_id: str) -> dict[str, set[str]]:
    """Each field of ``action_id``'s plan sheet with its labels, English and as ``shown`` (a translation) has them."""
    from ..render.prose import Prose
    from .form import action_form

    names: dict[str, set[str]] = {}
    for each in (project, shown):
        form = action_form(each, each.actions[action_id], Prose(each))
        for name, label in form.labels.items():
            names.setdefault(name, set()).add(" ".join(label.split()))
    return names


def option_texts(project: Project, plans: list[FilledPlan], action_id: str) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    """Every dropdown's options in each language of ``plans`` other than English, by (objective, field).

    For each list, one tuple of options per language, in the English list's order (the
    same place is the same option).
    """
    from ..render.prose import Prose
    from .form import action_form

    found: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for lang in sorted({p.lang for p in plans if p.lang and p.lang != "en"}):
        shown = in_language(project, lang)
        if shown is project or action_id not in shown.actions:
            continue
        form = action_form(shown, shown.actions[action_id], Prose(shown))
        for objective in form.objectives:
            for field_name in fmt.LIST_FIELDS:
                found.setdefault((objective.id, field_name), []).append(objective.options[field_name])
    return found
