"""The fixture plan's defined names (action 1.1.1 of tests/fixtures/content), written out by hand from the format's documentation.

Tests name cells with these, never with nvap's own naming helpers, so a change to
the naming scheme that would break the plans forces hold fails the tests.
"""

from __future__ import annotations

ACTION = "1.1.1"
OBJECTIVES = ("objective-one", "objective-two")
HEADER_FIELDS = ("reporting_period", "project_lead", "prepared_by", "date_prepared")
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
COLUMNS = {"organisational": "org", "external": "ext"}
LIST_FIELDS = ("activity", "risks", "impact_measurement")
OPTIONS = {
    "objective-one": {
        "activity": ["Fixture activity one", "Fixture activity two"],
        "risks": ["Fixture consequence one", "Fixture consequence two"],
        "impact_measurement": [
            "1.1 Fixture measure one",
            "1.1.1 Fixture measure one point one",
            "Fixture measure alpha",
            "Fixture measure beta",
        ],
    },
    "objective-two": {
        "activity": ["Fixture activity three", "Fixture activity four"],
        "risks": ["Fixture consequence three", "Fixture consequence four", "Fixture consequence five"],
        "impact_measurement": ["2.1 Fixture measure two", "2.2 Fixture measure two point two", "Fixture measure gamma"],
    },
}
"""Each objective's dropdown options, written out from the fixture's actions/1.1.1.yaml: its activities, its
unintended consequences, its PEEL codes with their text, then its other measures."""


def header(field: str, prefix: str = "p") -> str:
    """``p_1_1_1_date_prepared``."""
    return f"{prefix}_1_1_1_{field}"


def objective(objective_id: str, field: str, column: str | None = None, prefix: str = "p") -> str:
    """``p_1_1_1_objective_one_org_activity`` (column: organisational or external)."""
    part = objective_id.replace("-", "_")
    if column is None:
        return f"{prefix}_1_1_1_{part}_{field}"
    return f"{prefix}_1_1_1_{part}_{COLUMNS[column]}_{field}"


def listed(objective_id: str, field: str, prefix: str = "p") -> str:
    """``p_1_1_1_objective_one_list_activity``."""
    return f"{prefix}_1_1_1_{objective_id.replace('-', '_')}_list_{field}"


def inputs(prefix: str = "p") -> list[str]:
    """Every input of the 1.1.1 sheet (the force aside), in sheet order."""
    names = [header(f, prefix) for f in HEADER_FIELDS]
    for o in OBJECTIVES:
        names.append(objective(o, "impact_owner", prefix=prefix))
        names += [objective(o, f, c, prefix) for f in IMPACT_FIELDS for c in COLUMNS]
    return names
