"""The committed plans of every released format read back with every answer, exactly as typed.

The expectations are the hand-written ``tests/fixtures/plans/answers.yaml``; the
plans were made by the release named in ``tests/fixtures/plans/README.md``.  A
change that stops nvap reading a plan already in a force's hands fails here.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from support import ROOT, SHIPPED

from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.plan.read import read_plan

FIXTURES = ROOT / "tests" / "fixtures" / "plans"
ANSWERS = yaml.safe_load((FIXTURES / "answers.yaml").read_text(encoding="utf-8"))
SHEET = "'2.6.2 Officer-Staff Norms'"
PLANS = [
    (1, "norfolk-openpyxl.xlsx", "norfolk-constabulary", "Norfolk Constabulary"),
    (1, "gwent-libreoffice.xlsx", "gwent-police", "Gwent Police"),
    (2, "norfolk-openpyxl.xlsx", "norfolk-constabulary", "Norfolk Constabulary"),
    (2, "gwent-libreoffice.xlsx", "gwent-police", "Gwent Police"),
    (3, "norfolk-openpyxl.xlsx", "norfolk-constabulary", "Norfolk Constabulary"),
    (3, "gwent-libreoffice.xlsx", "gwent-police", "Gwent Police"),
]
DATE_PREPARED = {1: "B9", 2: "B9", 3: "B8"}
"""Where each format put Date Prepared (format 3 has three title rows, not four)."""


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(SHIPPED)


def test_every_released_format_has_fixtures() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == ["v1", "v2", "v3"]


@pytest.mark.parametrize(("version", "name", "key", "force"), PLANS)
def test_a_committed_plan_reads_back_exactly(project: Project, version: int, name: str, key: str, force: str) -> None:
    path = FIXTURES / f"v{version}" / name
    before = path.read_bytes()
    result = read_plan(path, project)
    assert path.read_bytes() == before
    assert result.errors == []
    plan = result.plan
    assert plan is not None
    assert (plan.format, plan.lang, plan.force_key, plan.force_name) == (version, "en", key, force)
    assert result.force_key == key
    assert list(plan.actions) == ["2.6.2"]
    sheet = plan.actions["2.6.2"]
    assert sheet.force is not None and sheet.force.text == force
    expected = ANSWERS["2.6.2"]
    for field in ("reporting_period", "project_lead", "prepared_by"):
        value = sheet.header[field]
        assert value is not None and value.text == expected[field], field
    day = sheet.header["date_prepared"]
    assert day is not None
    assert (day.text, day.date, day.ref) == ("23/11/2025", date(2025, 11, 23), f"{SHEET}!{DATE_PREPARED[version]}")
    assert list(sheet.objectives) == ["training-and-briefings", "supervision-and-leadership"]
    for objective_id, answers in expected["objectives"].items():
        objective = sheet.objectives[objective_id]
        assert objective.impact_owner is not None and objective.impact_owner.text == answers["impact_owner"]
        for column in ("organisational", "external"):
            for field, typed in answers[column].items():
                value = objective.value(column, field)
                assert value is not None and value.text == typed, (objective_id, column, field)
    assert sheet.filled == sheet.inputs == 38
