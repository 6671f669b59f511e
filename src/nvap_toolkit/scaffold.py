"""``nvap new``: the scaffold of a new action toolkit, a draft to fill in.

The scaffold holds every field of an action file, in the order authors meet them,
each with a comment saying what goes there; text is left empty and lists empty, so
nothing a reader sees is made up. ``status: draft`` lets it validate while incomplete
(each empty field is a warning) and marks every output as a draft.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from .errors import UsageError, display_path

if TYPE_CHECKING:
    from .content.project import Project
    from .writer import Output

ACTION_ID = re.compile(r"^\d+(\.\d+)*$")

_SCAFFOLD = """\
# yaml-language-server: $schema={schema}
# Action Impact Toolkit {id}: a draft made by `nvap new`. Fill in each field from the source;
# the comments say what each holds (docs/fields.md has them all). While `status` is draft,
# an empty field is a warning, not an error, and every output is marked as a draft: set
# `status: published` once `nvap validate` reports nothing for this file.
id: {id_yaml}
title: {title_yaml}
# The programme this action belongs to: a file content/<plan>.yaml.
plan: {plan_yaml}
status: draft

# The action's detail, as the impact statement gives it.
detail: ""

# The long-term impacts: one on the organisation and its workforce, one external (victims,
# communities and the public).
impacts:
  organisational: ""
  external: ""

# Leave out while activities give outputs; set it when the source gives none (the logic model
# then leaves its Outputs column out and prints this note in its place).
# outputs_note:

# "How do we know?": PEEL codes of content/reference/peel.yaml, e.g. ["9.1", "9.3"].
how_we_know: []

# One mapping per objective: id, short_name, statement, what_we_mean,
# what_we_need (intro, items), situation, measures (key: text), suggested_measures (peel, other),
# activities (each: id, title, outputs, evidence, impacts, assessment_questions,
# potential_measures), unintended_consequences, plan_examples (organisational, external).
objectives: []

# The perennial challenges the action links to: an introduction, then per challenge its key
# (content/reference/perennial-challenges.yaml), an introduction and the issues.
perennial_challenges:
  intro: ""
  links: []

# Keys of content/reference/links.yaml.
useful_links: []
# The reference list: keys of content/reference/bibliography.yaml (works cited as [@key] are listed too).
references: []
# Other NVAP actions this one links to, by id.
related_actions: []
# Police Covenant priorities the action serves, by id.
covenant_priorities: []

# Who wrote this toolkit's text and on what terms it may be reused: every output prints the
# statement. Left empty, the toolkit credits nobody (a draft may leave it for now; a published
# toolkit must fill it in): e.g. author: Vulnerability Knowledge and Practice Programme (VKPP),
# statement: The text of this toolkit was written by ..., and licence / licence_url if it has one.
attribution:
  author: ""
  statement: ""

# This edition of the toolkit: its version and date (YYYY-MM-DD, or YYYY-MM) as the source
# states them, and from the second edition on what changed, e.g.
#   - text: Objective 2 gains an activity on supervision.
#     affects_plans: true
edition:
  version: "1"
  date: "{today}"
  changes: []
"""


def today() -> str:
    """Today's date, or the day of ``SOURCE_DATE_EPOCH`` when set (reproducible scaffolds and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return date.today().isoformat()


def scaffold_text(action_id: str, title: str, programme: str, schema: str = "../../schemas/action.schema.json") -> str:
    """The YAML text of a new draft toolkit (JSON strings are YAML too: the title goes in quoted and escaped)."""
    return _SCAFFOLD.format(
        schema=schema,
        id=action_id,
        id_yaml=json.dumps(action_id),
        title_yaml=json.dumps(title, ensure_ascii=False),
        plan_yaml=json.dumps(programme),
        today=today(),
    )


def new_action(project: Project, action_id: str, title: str, programme: str | None = None) -> Output:
    """The scaffold of toolkit ``action_id`` as an output at content/actions/<id>.yaml (nothing is written).

    Refuses an id the content already has (a toolkit, or another programme's index), and
    a programme the content does not have; with several programmes, one must be named.
    """
    from .content.forces import shown
    from .writer import Output

    action_id = action_id.strip()
    if not ACTION_ID.fullmatch(action_id):
        raise UsageError(f"'{shown(action_id)}' is not an action number such as 2.6.2")
    if not title.strip():
        raise UsageError("give the toolkit a title: --title TITLE")
    if programme is None:
        if len(project.programmes) != 1:
            raise UsageError(
                "the content holds several programmes (" + ", ".join(project.programmes) + "): choose one with --programme ID"
            )
        programme = next(iter(project.programmes))
    if programme not in project.programmes:
        raise UsageError(f"unknown programme '{shown(programme)}': the content has " + ", ".join(project.programmes))
    path = project.root / "actions" / f"{action_id}.yaml"
    if action_id in project.actions or path.exists():
        where = project.action_docs[action_id].shown if action_id in project.action_docs else display_path(path)
        raise UsageError(f"the action {action_id} exists already ({where}): choose another id")
    owner = project.programme_for(action_id)
    if owner is not None and owner.id != programme:
        raise UsageError(
            f"the action {action_id} is in the index of the programme {owner.id}: give --programme {owner.id} or another id"
        )
    return Output(path, scaffold_text(action_id, title.strip(), programme).encode("utf-8"))
