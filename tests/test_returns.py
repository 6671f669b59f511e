"""Every return counts: plans as forces really send them, collected against hand-written expectations.

``tests/fixtures/returns/`` holds files re-saved by LibreOffice, with merged cells,
number formats, formulas, notes, inserted rows, a cleared or deleted metadata
sheet, Strict Open XML, a deleted column, a password, an empty and a cut-short
file, .xlsm, an upper-case name, other formats and two plans from one force.
``expected.yaml`` says, by hand, what each force typed and saw.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import SHIPPED

from nvap_toolkit.collect.model import Collection
from nvap_toolkit.collect.tally import collect
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.plan import format as fmt
from nvap_toolkit.plan.model import FilledPlan, Value
from nvap_toolkit.plan.read import ReadResult, read_plan

RETURNS = Path(__file__).parent / "fixtures" / "returns"
EXPECTED: dict[str, Any] = yaml.safe_load((RETURNS / "expected.yaml").read_text(encoding="utf-8"))["files"]
READABLE = sorted(name for name, e in EXPECTED.items() if e["readable"])


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(SHIPPED)


@pytest.fixture(scope="module")
def results(project: Project) -> dict[str, ReadResult]:
    """Each file read as ``returns/<name>`` (messages name the file as the user gave it)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(RETURNS.parent)
        return {name: read_plan(Path("returns") / name, project) for name in EXPECTED}


@pytest.fixture(scope="module")
def collection(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Collection:
    folder = tmp_path_factory.mktemp("returns") / "returns"
    shutil.copytree(RETURNS, folder)
    return collect(project, [folder])


def by_name(plan: FilledPlan) -> dict[str, Value]:
    """Every answer of a plan by the defined name of its input."""
    found: dict[str, Value] = {}
    for action in plan.actions.values():
        for name, value in action.header.items():
            if value is not None:
                found[fmt.header_name(action.id, name)] = value
        for objective in action.objectives.values():
            if objective.impact_owner is not None:
                found[fmt.objective_name(action.id, objective.id, "impact_owner")] = objective.impact_owner
            for part, column in fmt.COLUMNS:
                for field_name in fmt.IMPACT_FIELDS:
                    value = objective.value(column, field_name)
                    if value is not None:
                        found[fmt.objective_name(action.id, objective.id, field_name, part)] = value
    return found


def test_every_file_is_in_the_expectations() -> None:
    assert sorted(p.name for p in RETURNS.iterdir() if p.name not in ("expected.yaml", "README.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", READABLE)
def test_every_typed_value_is_read_as_the_force_saw_it(results: dict[str, ReadResult], name: str) -> None:
    expected = EXPECTED[name]
    result = results[name]
    assert result.plan is not None, [str(i) for i in result.issues]
    read = by_name(result.plan)
    wanted = {**expected.get("values", {}), **expected.get("hidden", {})}
    assert {n: read[n].text if n in read else None for n in wanted} == wanted
    # Nothing else was typed in an input.
    assert sorted(read) == sorted(wanted)
    # The stored value, where it differs from what was shown, is kept exactly as the file holds it.
    assert {n: read[n].stored for n in expected.get("stored", {})} == expected.get("stored", {})
    assert result.force_key == expected["force"]


@pytest.mark.parametrize("name", READABLE)
def test_words_outside_the_inputs_and_notes_are_kept(results: dict[str, ReadResult], name: str) -> None:
    expected = EXPECTED[name]
    found = {(o.ref.replace("'", ""), o.kind): o.text for o in results[name].outside}
    wanted = {(ref, "hidden" if name.startswith("kent") else "cell"): text for ref, text in expected.get("outside", {}).items()}
    wanted |= {(ref, "note"): text for ref, text in expected.get("notes", {}).items()}
    assert found == wanted


def test_what_each_unreadable_file_is_and_whose_it_is(results: dict[str, ReadResult]) -> None:
    for name, expected in EXPECTED.items():
        if expected["readable"]:
            continue
        result = results[name]
        assert (result.plan, result.force_key) == (None, expected["force"]), name
    messages = {name: [str(i) for i in results[name].issues] for name, e in EXPECTED.items() if not e["readable"]}
    f = "returns"
    assert messages == {
        "sussex-police-realisation-plan.xlsx": [
            f"{f}/sussex-police-realisation-plan.xlsx: the plan is protected by a password to open, so nvap cannot read it: "
            "ask the force for a copy saved without the password"
        ],
        "thames-valley-police-realisation-plan.xlsx": [
            f"{f}/thames-valley-police-realisation-plan.xlsx: the file is empty (0 bytes): ask the force to send its plan again"
        ],
        "west-mercia-police-realisation-plan.xlsx": [
            f"{f}/west-mercia-police-realisation-plan.xlsx: the file is cut short or damaged (it is not a complete workbook): "
            "ask the force to send it again"
        ],
        "GMP return.xls": [
            f"{f}/GMP return.xls: saved as an Excel 97-2003 workbook (.xls), which nvap does not read: ask the force to open it "
            "and save it as an Excel workbook (.xlsx), then send it again"
        ],
        "Derbys return.csv": [
            f"{f}/Derbys return.csv: a CSV file holds one sheet's text without the plan's named cells, so its answers cannot "
            "be placed: ask the force to send the plan workbook (.xlsx) itself"
        ],
        "Dorset plan.numbers": [
            f"{f}/Dorset plan.numbers: an Apple Numbers document, which nvap cannot read: ask the force to export it from "
            "Numbers as Excel (File > Export To > Excel) and send the .xlsx"
        ],
    }


def test_a_deleted_column_is_one_message_naming_what_was_lost_and_the_way_forward(results: dict[str, ReadResult]) -> None:
    result = results["surrey-police-realisation-plan.xlsx"]
    (error,) = result.errors
    f = "returns/surrey-police-realisation-plan.xlsx"
    assert str(error) == (
        f"{f} '2.6.2 Officer-Staff Norms': 16 input cells of action 2.6.2 no longer exist (rows or columns were deleted, "
        "or names removed), so their answers cannot be read: Activity, objective 1, External Impact; Output, objective 1, "
        "External Impact; Impact Measurement, objective 1, External Impact; Progress, objective 1, External Impact; "
        "Next steps, objective 1, External Impact; Risks, objective 1, External Impact; Risk Mitigation Strategy, "
        "objective 1, External Impact; Additional Comments, objective 1, External Impact; and 8 more. "
        f"Run 'nvap plan --upgrade {f}' to carry the answers that are left into a fresh plan, and ask the force to fill "
        "in the rest again"
    )
    gone = EXPECTED["surrey-police-realisation-plan.xlsx"]["gone"]
    assert len(gone) == 16


def test_formulas_errors_and_merged_values_are_reported_by_cell_and_label(results: dict[str, ReadResult]) -> None:
    def warnings(name: str) -> list[str]:
        """The file's warnings, but that the shipped toolkit changed since the fixtures were made (an editorial change)."""
        return [
            f"{i.location.where}: {i.message}"
            for i in results[name].issues
            if not i.is_error and "earlier edition" not in i.message
        ]

    sheet = "'2.6.2 Officer-Staff Norms'"
    assert warnings("lancashire-constabulary-realisation-plan.xlsx") == [
        f"{sheet}!B16 (Output): holds a formula (=2+3): its calculated value '5' was read",
        f"{sheet}!B18 (Progress): shows the error #VALUE! (its formula: =(1)(2)): reported as shown; ask the force what it meant",
        f'{sheet}!C16 (Output): shows the error #VALUE! (its formula: ="Lancs: five"+1): reported as shown; '
        "ask the force what it meant",
    ]
    assert warnings("lincolnshire-police-realisation-plan.xlsx") == [
        f"{sheet}!B16 (Output): holds a formula whose value was never calculated (=6*7): reported as the formula; "
        "open the plan in Excel or LibreOffice and save it again to calculate it",
        f'{sheet}!C16 (Output): holds a formula whose value was never calculated (=LEN("Lincs: seven")): reported as the '
        "formula; open the plan in Excel or LibreOffice and save it again to calculate it",
    ]
    assert warnings("kent-police-realisation-plan.xlsx") == [
        f"{sheet}!C16 (Output): is hidden inside cells merged from B16: its text was read from the file "
        "(unmerge the cells to see it)"
    ]


def test_a_plan_without_its_metadata_sheet_is_read_by_its_names(results: dict[str, ReadResult]) -> None:
    for name, whose in (
        ("northumbria-police-realisation-plan.xlsx", "Northumbria Police"),
        ("nottinghamshire-police-realisation-plan.xlsx", "Nottinghamshire Police"),
    ):
        result = results[name]
        assert result.counts, [str(i) for i in result.issues]
        (warning,) = [i for i in result.issues if "hidden 'nvap' sheet" in i.message]
        assert warning.message == (
            f"the plan's hidden 'nvap' sheet was cleared or deleted: the plan was read by its cell names, as a plan for "
            f"{whose} (named on its sheet or in its file name) of action 2.6.2 (2 objectives), made from the current edition"
        )


def test_the_collection_counts_every_return_and_sinks_nothing(collection: Collection) -> None:
    statuses = {r.file.rsplit("/", 1)[-1]: r.status for r in collection.returns}
    assert statuses == {
        "Cumbria plan.ods": "counted",
        "Derbys return.csv": "unreadable",
        "Dorset plan.numbers": "unreadable",
        "GMP return.xls": "unreadable",
        "Herts plan FINAL.xlsx": "counted",
        "Herts plan v2.xlsx": "superseded",
        "WARKS-PLAN.XLSX": "counted",
        "WMP plan.xlsm": "counted",
        "essex-police-realisation-plan.xlsx": "counted",
        "gloucestershire-constabulary-realisation-plan.xlsx": "counted",
        "humberside-police-realisation-plan.xlsx": "counted",
        "kent-police-realisation-plan.xlsx": "counted",
        "lancashire-constabulary-realisation-plan.xlsx": "counted",
        "leicestershire-police-realisation-plan.xlsx": "counted",
        "lincolnshire-police-realisation-plan.xlsx": "counted",
        "merseyside-police-realisation-plan.xlsx": "counted",
        "northumbria-police-realisation-plan.xlsx": "counted",
        "nottinghamshire-police-realisation-plan.xlsx": "counted",
        "staffordshire-police-realisation-plan.xlsx": "counted",
        "suffolk-constabulary-realisation-plan.xlsx": "counted",
        "surrey-police-realisation-plan.xlsx": "rejected",
        "sussex-police-realisation-plan.xlsx": "unreadable",
        "thames-valley-police-realisation-plan.xlsx": "unreadable",
        "west-mercia-police-realisation-plan.xlsx": "unreadable",
    }
    # Every unreadable file is listed under its force, never as missing.
    by_force = {f.force: f.status for f in collection.forces}
    for name, expected in EXPECTED.items():
        assert by_force[expected["force"]] != "missing", name
    assert by_force["sussex-police"] == "unreadable" and by_force["greater-manchester-police"] == "unreadable"


def test_two_plans_of_one_date_the_one_saved_last_counts_and_the_message_says_why(collection: Collection) -> None:
    (herts,) = [d for d in collection.duplicates if d.force == "hertfordshire-constabulary"]
    assert (herts.kept.rsplit("/", 1)[-1], [d.rsplit("/", 1)[-1] for d in herts.dropped], herts.reason) == (
        "Herts plan FINAL.xlsx",
        ["Herts plan v2.xlsx"],
        "saved_later",
    )
    (message,) = [p.message for p in collection.problems if p.file.endswith("Herts plan v2.xlsx") and "another plan" in p.message]
    assert message.endswith(
        "(prepared 28/11/2025, saved 28/11/2025 16:05:00), which was counted instead of this one (prepared 28/11/2025, "
        "saved 28/11/2025 09:12:00): the dates prepared are the same and it was saved later (of two plans from one force, "
        "the one with the latest date prepared counts; on the same date, the one saved last; then the one whose file name "
        "sorts last)"
    )


def test_british_text_dates_are_read_as_dates(results: dict[str, ReadResult]) -> None:
    from datetime import date

    assert results["humberside-police-realisation-plan.xlsx"].plan is not None
    humberside = results["humberside-police-realisation-plan.xlsx"].plan
    gloucestershire = results["gloucestershire-constabulary-realisation-plan.xlsx"].plan
    assert humberside is not None and gloucestershire is not None
    assert (humberside.date_prepared, gloucestershire.date_prepared) == (date(2025, 11, 23), date(2025, 11, 1))


def test_the_summary_names_each_of_two_plans_from_one_force_by_its_file(project: Project, collection: Collection) -> None:
    from nvap_toolkit.collect.summary import summary_html

    page = summary_html(project, collection)
    assert ">Hertfordshire Constabulary (Herts plan FINAL.xlsx)</h3>" in page
    assert ">Hertfordshire Constabulary (Herts plan v2.xlsx)</h3>" in page
    outside = page.split('id="outside"')[1].split("</section>")[0]
    assert outside.count("<tr>") == 1 + 7  # the header, and the seven texts written outside the forms
    assert "Merseyside: row we added for the budget" in outside and "Kent: typed beside the form, then merged away" in outside


def test_a_fault_of_nvap_on_one_file_sinks_nothing(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong reading one file is that file's problem: the rest are collected, exit 1, never 70."""
    from typer.testing import CliRunner

    import nvap_toolkit.plan.read as reader
    from nvap_toolkit.cli import app

    folder = tmp_path / "returns"
    folder.mkdir()
    for name in ("WARKS-PLAN.XLSX", "essex-police-realisation-plan.xlsx"):
        shutil.copyfile(RETURNS / name, folder / name)
    real = reader.read_plan

    def faulty(path: Path, project: Project | None = None) -> ReadResult:
        if path.name == "WARKS-PLAN.XLSX":
            raise KeyError("a bug")
        return real(path, project)

    monkeypatch.setattr(reader, "read_plan", faulty)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--content", str(SHIPPED), "collect", "returns", "--out", "out", "-f", "json"])
    assert result.exit_code == 1, result.output
    said = result.output.splitlines()
    assert said[0] == (
        "returns/WARKS-PLAN.XLSX: nvap failed while reading this file (KeyError: 'a bug'): the other files were collected; "
        "please report this fault in nvap, with the file if the force agrees"
    )
    assert said[-1].startswith("1 plan read, 1 rejected, 45 forces missing")
    assert (tmp_path / "out" / "summary.json").is_file()


def test_a_feedback_pack_names_a_problem_of_the_whole_plan_as_such(project: Project, collection: Collection) -> None:
    from nvap_toolkit.collect.feedback import feedback_outputs

    packs = {o.path.name: o.data.decode("utf-8") for o in feedback_outputs(project, collection, Path("out"), ["html"], ["en"])}
    notts = packs["nottinghamshire-police.html"]
    problems = notts.split('id="problems-table"')[1].split("</table>")[0]
    assert '<th scope="row">The whole plan</th><td>the plan&#39;s hidden &#39;nvap&#39; sheet was cleared or deleted' in problems


def test_a_plan_with_a_deleted_column_is_upgraded_with_the_answers_left(project: Project, tmp_path: Path) -> None:
    from nvap_toolkit.plan.upgrade import upgrade_plan

    result = upgrade_plan(project, RETURNS / "surrey-police-realisation-plan.xlsx", tmp_path)
    assert result.output.path.name == "surrey-police-realisation-plan.xlsx"
    assert result.placed == 2  # the reporting period and the organisational activity: the external column is gone
    assert any("16 input cells of action 2.6.2 no longer exist" in w for w in result.warnings)
