"""Reading a filled plan back: every value as typed, British dates, bad cells, editions, files that are no plan."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import plan_names as names
import pytest
import yaml
from openpyxl import Workbook, load_workbook
from support import FIXTURE, copy_fixture

from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.plan.dates import parse_date
from nvap_toolkit.plan.read import read_plan
from nvap_toolkit.plan.write import plan_outputs

ACTION = "1.1.1"
SHEET = "'1.1.1 Fixture Action'"


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


@pytest.fixture(scope="module")
def blank(project: Project) -> bytes:
    (output,) = plan_outputs(project, Path("."), ["Norfolk"])
    return output.data


def cell_of(wb: Workbook, name: str):  # type: ignore[no-untyped-def]
    ((sheet, coord),) = wb.defined_names[name].destinations
    return wb[sheet][coord.replace("$", "")]


def fill(source: bytes, target: Path, values: dict[str, object]) -> Path:
    """Fill a plan the way a force's script would: by defined names."""
    wb = load_workbook(io.BytesIO(source))
    for name, value in values.items():
        cell = cell_of(wb, name)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    wb.save(target)
    return target


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(i) for i in result.issues]


def test_every_input_reads_back_exactly_as_typed(project: Project, blank: bytes, tmp_path: Path) -> None:
    values: dict[str, object] = {name: f"  {name}\nline two — ŵ ŷ  " for name in names.inputs()}
    values[names.header("date_prepared")] = datetime(2024, 3, 14)
    path = fill(blank, tmp_path / "filled.xlsx", values)
    before = path.read_bytes()
    result = read_plan(path, project)
    assert result.issues == [] and result.counts
    assert path.read_bytes() == before
    sheet = result.plan.actions[ACTION]
    assert sheet.header["date_prepared"].date == date(2024, 3, 14)
    assert sheet.header["date_prepared"].text == "14/03/2024"
    assert sheet.header["project_lead"].text == f"  {names.header('project_lead')}\nline two — ŵ ŷ  "
    for objective_id in names.OBJECTIVES:
        objective = sheet.objectives[objective_id]
        assert objective.impact_owner.text == f"  {names.objective(objective_id, 'impact_owner')}\nline two — ŵ ŷ  "
        for column in names.COLUMNS:
            for field in names.IMPACT_FIELDS:
                assert (
                    objective.value(column, field).text == f"  {names.objective(objective_id, field, column)}\nline two — ŵ ŷ  "
                )


def test_an_empty_plan_reads_back_empty(project: Project, blank: bytes, tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    path.write_bytes(blank)
    result = read_plan(path, project)
    assert result.issues == [] and result.counts
    sheet = result.plan.actions[ACTION]
    assert sheet.date_prepared is None and sheet.filled == 0 and sheet.inputs == 38


@pytest.mark.parametrize(
    "typed",
    [
        "23/11/2025",
        "23/11/25",
        "23.11.2025",
        "23-11-2025",
        "23 November 2025",
        "23 Nov 2025",
        "2025-11-23",
        " 23 november 2025 ",
        "Sunday 23rd November 2025",
        "23 nov. 2025",
        datetime(2025, 11, 23),
        date(2025, 11, 23),
        45984,
    ],
)
def test_dates_typed_the_british_way(typed: object) -> None:
    assert parse_date(typed) == date(2025, 11, 23)


@pytest.mark.parametrize("typed", ["next Tuesday", "11/23/2025", "31/02/2025", "23 Novembre 2025", "", True, -4])
def test_things_that_are_no_date(typed: object) -> None:
    assert parse_date(typed) is None


def test_a_bad_date_is_kept_as_text_and_the_rest_counts(project: Project, blank: bytes, tmp_path: Path) -> None:
    path = fill(
        blank,
        tmp_path / "late.xlsx",
        {
            names.header("date_prepared"): "next Tuesday",
            names.header("project_lead"): "DCI Jones",
        },
    )
    result = read_plan(path, project)
    assert lines(result) == [
        f"{path} {SHEET}!B8 (Date Prepared): warning: 'next Tuesday' is not a date "
        "(write it as dd/mm/yyyy, e.g. 23/11/2025): kept as text"
    ]
    assert result.counts
    sheet = result.plan.actions[ACTION]
    assert (sheet.header["date_prepared"].text, sheet.header["date_prepared"].date) == ("next Tuesday", None)
    assert sheet.header["project_lead"].text == "DCI Jones"


def test_a_date_typed_as_text_is_read_and_kept_as_typed(project: Project, blank: bytes, tmp_path: Path) -> None:
    path = fill(blank, tmp_path / "typed.xlsx", {names.header("date_prepared"): "23 November 2025"})
    result = read_plan(path, project)
    assert result.issues == []
    value = result.plan.actions[ACTION].header["date_prepared"]
    assert (value.text, value.date) == ("23 November 2025", date(2025, 11, 23))


def test_another_name_of_the_same_force_is_fine_and_another_force_is_not(project: Project, blank: bytes, tmp_path: Path) -> None:
    same = read_plan(fill(blank, tmp_path / "short.xlsx", {names.header("force"): "Norfolk Police"}), project)
    assert same.issues == []
    other = fill(blank, tmp_path / "other.xlsx", {names.header("force"): "Suffolk Constabulary"})
    result = read_plan(other, project)
    assert lines(result) == [
        f"{other} {SHEET}!B4 (Force): names the force 'Suffolk Constabulary', but the plan was made for Norfolk Constabulary"
    ]
    assert not result.counts and result.plan is not None and result.force_key == "norfolk-constabulary"


def edited_project(tmp_path: Path, change) -> Project:  # type: ignore[no-untyped-def]
    root = tmp_path / "content"
    copy_fixture(root)
    path = root / "actions" / f"{ACTION}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_valid_project(root)


def test_a_plan_from_an_earlier_edition_is_read_with_a_warning_naming_the_change(blank: bytes, tmp_path: Path) -> None:
    def reword(data: dict) -> None:  # type: ignore[type-arg]
        data["impacts"]["external"] = "Victims and the public are treated with dignity and respect."
        data["objectives"][1]["statement"] = "To lead with compassion"

    newer = edited_project(tmp_path, reword)
    path = fill(blank, tmp_path / "old.xlsx", {names.objective("objective-two", "output", "external"): "Toolkit"})
    result = read_plan(path, newer)
    assert lines(result) == [
        f"{path}: warning: the plan was made from an earlier edition of the toolkit for action 1.1.1: "
        "the External Impact description was reworded; the statement of objective 2 ('objective-two') "
        "was reworded. Its answers were placed by their ids"
    ]
    assert result.counts
    assert result.plan.actions[ACTION].objectives["objective-two"].value("external", "output").text == "Toolkit"


def test_a_plan_whose_objective_is_gone_is_rejected_but_its_answers_are_kept(blank: bytes, tmp_path: Path) -> None:
    def drop(data: dict) -> None:  # type: ignore[type-arg]
        data["objectives"] = data["objectives"][:1]

    newer = edited_project(tmp_path, drop)
    path = fill(blank, tmp_path / "gone.xlsx", {names.objective("objective-two", "progress", "organisational"): "Done"})
    result = read_plan(path, newer)
    assert lines(result) == [
        f"{path}: objective 'objective-two' of action 1.1.1 is no longer in the toolkit: "
        "its answers are reported under that objective but the plan is not counted"
    ]
    assert not result.counts
    gone = result.plan.actions[ACTION].objectives["objective-two"]
    assert gone.value("organisational", "progress").text == "Done"


def test_a_moved_cell_in_a_current_plan_is_an_error(project: Project, blank: bytes, tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(blank))
    cell = cell_of(wb, names.header("prepared_by"))
    cell.parent.cell(row=cell.row, column=1).value = "Something else"
    path = tmp_path / "moved.xlsx"
    wb.save(path)
    result = read_plan(path, project)
    assert lines(result) == [
        f"{path} {SHEET}!B7: the sheet's layout was changed: the cell named p_1_1_1_prepared_by should be beside "
        f"'Prepared By', but its row is labelled 'Something else': check the answers beside their labels, then run "
        f"'nvap plan --upgrade {path}' to carry them into a fresh plan"
    ]


def test_files_that_are_no_plan(project: Project, blank: bytes, tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    result = read_plan(text, project)
    assert (lines(result), result.plan, result.force_key) == (
        [
            f"{text}: a text file, not a spreadsheet: ask the force to save its plan as an Excel workbook (.xlsx) and send it again"
        ],
        None,
        None,
    )

    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    assert lines(read_plan(other, project)) == [f"{other}: not an nvap realisation plan: make plans with 'nvap plan'"]

    # A damaged plan still says whose it is: by its Force cell, or by its file name.
    wb = load_workbook(io.BytesIO(blank))
    del wb.defined_names["nvap_kind"]
    del wb.defined_names["nvap_force"]
    damaged = tmp_path / "damaged.xlsx"
    wb.save(damaged)
    assert read_plan(damaged, project).force_key == "norfolk-constabulary"
    corrupt = tmp_path / "gwent-police-realisation-plan.xlsx"
    corrupt.write_bytes(blank[:2000])
    result = read_plan(corrupt, project)
    assert result.plan is None and result.force_key == "gwent-police"


def test_a_plan_from_a_newer_nvap(project: Project, blank: bytes, tmp_path: Path) -> None:
    path = fill(blank, tmp_path / "future.xlsx", {"nvap_format": "9"})
    result = read_plan(path, project)
    assert lines(result) == [
        f"{path}: the plan is in format 9, made by a newer nvap than this one (which reads formats up to 3): update nvap"
    ]
    assert result.force_key == "norfolk-constabulary"


def test_a_missing_name_is_reported_and_the_rest_read(project: Project, blank: bytes, tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(blank))
    name = names.objective("objective-one", "risks", "external")
    del wb.defined_names[name]
    cell_of(wb, names.header("project_lead")).value = "DCI Jones"
    path = tmp_path / "renamed.xlsx"
    wb.save(path)
    result = read_plan(path, project)
    assert lines(result) == [
        f"{path} {SHEET}: an input cell of action 1.1.1 no longer exists (rows or columns were deleted, or names removed), "
        "so its answer cannot be read: Risks, objective 1, External Impact. "
        f"Run 'nvap plan --upgrade {path}' to carry the answers that are left into a fresh plan, and ask the force to "
        "fill in the rest again"
    ]
    assert result.plan.actions[ACTION].header["project_lead"].text == "DCI Jones"
