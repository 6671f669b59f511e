"""The realisation plan's file format: kind, versions, defined names and metadata.

This module is the one place that knows how a plan workbook is laid out for
reading back; the writer (``plan.write``, ``plan.sheet``) and the reader
(``plan.read``) both take every name from here, and the tests read committed
plans of every version (``tests/fixtures/plans/v<N>/``) with hand-written
expectations, so a change that breaks a plan already with forces fails.

A plan workbook holds a cover (the instructions sheet until format 2), one
fillable sheet per action, and two hidden sheets ("very hidden" from format 3):
``nvap_lists`` (dropdown options) and ``nvap``, the metadata.  Each metadata value is in column B beside its name in column A,
behind a workbook-scope defined name of that name::

    nvap_kind              "nvap-realisation-plan": what the file is
    nvap_format            the format version (from 2; a plan without it is format 1)
    nvap_lang              the language of the plan's labels, e.g. "en" (from 2)
    nvap_version           the nvap version that made it
    nvap_force             the force's key in content/reference/forces.yaml
    nvap_force_name        the force's official name
    nvap_actions           the action ids, space separated, in sheet order
    nvap_<a>_hash          per action: the edition (content hash) of the toolkit it was made from
    nvap_<a>_objectives    per action: its objective ids, space separated

The inputs (``p`` is ``PREFIX``; ``<a>`` the action id and ``<o>`` the objective
id, each as ``name_part`` makes it: ``2.6.2`` -> ``2_6_2``)::

    p_<a>_force                       the force (prefilled and locked)
    p_<a>_<header field>              reporting_period, project_lead, prepared_by, date_prepared
    p_<a>_<o>_impact_owner            per objective
    p_<a>_<o>_<col>_<field>           per objective and impact column (col: org, ext)
    p_<a>_<o>_list_<field>            the options of a dropdown (a column range of nvap_lists)

Versions:

* **1** (nvap 0.1.0): the layout above without ``nvap_format`` and ``nvap_lang``.
* **2** (nvap 0.2.0): adds ``nvap_format`` and ``nvap_lang``; names and cells as in 1.
* **3** (nvap 0.3.0): the accessible layout; names, metadata and the label beside each
  input (column A of its row) as in 2, but cells move: no merged cells (a header input is
  column B alone, no longer B:C), three title rows (A1 says what the sheet is) instead of
  four, so the header inputs are B4:B8 (B5:B9 before), and no blank row before an
  objective.  The first sheet is a cover (its title ``workbook_labels.cover``), the
  hidden sheets are very hidden, and the workbook has a title, subject and language.

Answers are matched by these stable ids (action, objective, impact column,
field), never by the wording a sheet shows, so a plan made from an earlier
edition of a toolkit is still read.  Change a name only with a new version,
and keep ``plan.read`` reading every earlier one.
"""

from __future__ import annotations

import re

KIND = "nvap-realisation-plan"
"""``nvap_kind`` of a plan."""
SUMMARY_KIND = "nvap-collect-summary"
"""``nvap_kind`` of the summary workbook ``nvap collect`` writes (never read as a plan)."""
VERSION = 3
"""The format this nvap writes."""
VERSIONS = {1: "nvap 0.1.0", 2: "nvap 0.2.0", 3: "nvap 0.3.0"}
"""Every format version that shipped, and the release that introduced it: ``plan.read`` reads them all."""

META_SHEET = "nvap"
LISTS_SHEET = "nvap_lists"
PREFIX = "p"
"""The prefix of every input's name."""

HEADER_FIELDS = ("reporting_period", "project_lead", "prepared_by", "date_prepared")
"""The plan's header inputs, named as the fields of ``RealisationPlanForm``."""
DATE_FIELDS = ("date_prepared",)
"""Inputs that want a date (read as a date when they hold one, kept as text when not)."""
IMPACT_FIELDS = (
    "activity",
    "output",
    "impact_measurement",
    "progress",
    "next_steps",
    "risks",
    "risk_mitigation",
    "additional_comments",
)
"""The rows of an objective's block, each with an organisational and an external input."""
COLUMNS = (("org", "organisational"), ("ext", "external"))
"""The impact columns: their part of a name, and their id (the ``RealisationPlanForm`` field)."""
LIST_FIELDS = ("activity", "risks", "impact_measurement")
"""The inputs that offer a dropdown (which still accepts free text)."""
DATE_FORMAT = "dd/mm/yyyy"

KIND_NAME = "nvap_kind"
FORMAT_NAME = "nvap_format"
LANG_NAME = "nvap_lang"
VERSION_NAME = "nvap_version"
FORCE_NAME = "nvap_force"
FORCE_NAME_NAME = "nvap_force_name"
ACTIONS_NAME = "nvap_actions"


def name_part(text: str) -> str:
    """An id as part of a defined name: lower case, runs of other characters made one '_'."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def header_name(action_id: str, field_name: str, prefix: str = PREFIX) -> str:
    """The defined name of a header cell (``force`` or one of ``HEADER_FIELDS``)."""
    return f"{prefix}_{name_part(action_id)}_{field_name}"


def objective_name(action_id: str, objective_id: str, field_name: str, column: str | None = None, prefix: str = PREFIX) -> str:
    """The defined name of an objective's input: ``impact_owner``, or an impact field in ``column`` (org, ext)."""
    base = f"{prefix}_{name_part(action_id)}_{name_part(objective_id)}"
    return f"{base}_{field_name}" if column is None else f"{base}_{column}_{field_name}"


def list_name(action_id: str, objective_id: str, field_name: str, prefix: str = PREFIX) -> str:
    """The defined name of an objective's dropdown options for ``field_name``."""
    return f"{prefix}_{name_part(action_id)}_{name_part(objective_id)}_list_{field_name}"


def meta_name(action_id: str, what: str) -> str:
    """The metadata name of an action's ``hash`` or ``objectives``."""
    return f"nvap_{name_part(action_id)}_{what}"


def column_part(column_id: str) -> str:
    """``organisational`` -> ``org``: an impact column's part of a name."""
    return dict((attr, part) for part, attr in COLUMNS)[column_id]
