"""``nvap collect``: a dozen forces' plans of the fixture content filled by script, read back, checked and summarised."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import plan_names as names
import pytest
import yaml
from openpyxl import Workbook, load_workbook
from support import FIXTURE, copy_fixture

from nvap_toolkit.collect.model import Collection
from nvap_toolkit.collect.summary import collect_outputs
from nvap_toolkit.collect.tally import collect, plan_files
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.errors import UsageError
from nvap_toolkit.plan.write import plan_outputs

COLUMNS = [("org", "organisational"), ("ext", "external")]
IMPACT_FIELDS, LIST_FIELDS = names.IMPACT_FIELDS, names.LIST_FIELDS


def header_name(_prefix: str, _action: str, field: str) -> str:
    return names.header(field)


def objective_name(_prefix: str, _action: str, objective_id: str, field: str, col: str | None = None) -> str:
    return names.objective(objective_id, field, dict(COLUMNS)[col] if col else None)


ACTION = "1.1.1"
SHEET = "'1.1.1 Fixture Action'"
T, S = "objective-one", "objective-two"
HEADER = {"reporting_period": "2024/25", "project_lead": "A. Lead", "prepared_by": "B. Writer"}


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


def cell_of(wb: Workbook, name: str):  # type: ignore[no-untyped-def]
    ((sheet, coord),) = wb.defined_names[name].destinations
    return wb[sheet][coord.replace("$", "")]


def option(project: Project, objective_id: str, field_name: str, index: int) -> str:
    """The dropdown option ``index`` of an objective's field, as the plan offers it."""
    return names.OPTIONS[objective_id][field_name][index]


def pick(project: Project, objective_id: str, field_name: str, col: str, index: int) -> dict[str, object]:
    return {objective_name("p", ACTION, objective_id, field_name, col): option(project, objective_id, field_name, index)}


def every_dropdown(project: Project, index: int) -> dict[str, object]:
    """Option ``index`` chosen in every dropdown of both objectives and columns."""
    values: dict[str, object] = {}
    for objective in (T, S):
        for field_name in LIST_FIELDS:
            for col, _ in COLUMNS:
                values |= pick(project, objective, field_name, col, index)
    return values


def everything(project: Project) -> dict[str, object]:
    """Every input of the plan filled: option 0 in each dropdown, text elsewhere."""
    values: dict[str, object] = {header_name("p", ACTION, f): v for f, v in HEADER.items()}
    for objective in (T, S):
        values[objective_name("p", ACTION, objective, "impact_owner")] = "C. Owner"
        for field_name in IMPACT_FIELDS:
            for col, _ in COLUMNS:
                values[objective_name("p", ACTION, objective, field_name, col)] = f"{field_name} text"
    return values | every_dropdown(project, 0)


def dated(day: object) -> dict[str, object]:
    return {header_name("p", ACTION, "date_prepared"): day}


def write_plan(data: bytes, path: Path, values: dict[str, object], insert_row_at: str | None = None) -> None:
    """Fill a plan by its defined names, as a force's script would, and save it at ``path``."""
    wb = load_workbook(io.BytesIO(data))
    for name, value in values.items():
        cell = cell_of(wb, name)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    if insert_row_at:
        # A script that inserts a row leaves the names where they were: the sheet's layout no longer matches them.
        cell = cell_of(wb, insert_row_at)
        cell.parent.insert_rows(cell.row)
    wb.save(path)


@pytest.fixture(scope="module")
def old_edition(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The content before the toolkit's detail was reworded."""
    root = tmp_path_factory.mktemp("old") / "content"
    copy_fixture(root)
    path = root / "actions" / f"{ACTION}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["detail"] = data["detail"] + " (draft)"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_valid_project(root)


FORCES = ["Norfolk", "Wiltshire", "Kent", "BTP", "Suffolk", "Met", "Lancashire", "Essex", "Durham", "Cumbria", "Dorset", "Gwent"]


@pytest.fixture(scope="module")
def base(project: Project, old_edition: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder ``returned/`` of what a dozen forces sent back, plus a duplicate and a stray workbook."""
    base = tmp_path_factory.mktemp("collect")
    returned = base / "returned"
    returned.mkdir()
    plans = {o.path.name: o.data for o in plan_outputs(project, returned, FORCES)}

    def plan(stem: str, values: dict[str, object], **kw: str) -> None:
        write_plan(plans[f"{stem}-realisation-plan.xlsx"], returned / f"{stem}-realisation-plan.xlsx", values, **kw)

    plan("norfolk-constabulary", everything(project) | dated(datetime(2024, 3, 14)))
    plan("wiltshire-police", every_dropdown(project, 0) | dated(datetime(2024, 3, 20)))
    # Typed rather than chosen: case and spacing aside, it is the first option.
    typed = "  " + option(project, T, "activity", 0).upper().replace(" ", "  ") + " "
    plan("kent-police", {objective_name("p", ACTION, T, "activity", "org"): typed} | dated("14/03/2024"))
    plan(
        "british-transport-police",
        pick(project, T, "activity", "org", 1)
        | pick(project, T, "activity", "ext", 1)
        | pick(project, S, "risks", "org", 2)
        | {header_name("p", ACTION, "prepared_by"): "D. Writer"}
        | dated(datetime(2024, 4, 2)),
    )
    plan(
        "suffolk-constabulary",
        {
            objective_name("p", ACTION, T, "activity", "org"): "Peer support circles",
            objective_name("p", ACTION, T, "risks", "org"): "Loss of trust",
        }
        | pick(project, T, "activity", "ext", 1)
        | pick(project, S, "impact_measurement", "ext", 0)
        | dated(datetime(2024, 3, 1)),
    )
    plan(
        "metropolitan-police-service",
        {objective_name("p", ACTION, T, "activity", "org"): "- weekly huddles"} | dated(datetime(2024, 2, 28)),
    )
    plan("lancashire-constabulary", {header_name("p", ACTION, f): v for f, v in HEADER.items()} | dated(datetime(2024, 1, 31)))
    plan("essex-police", {})
    plan("cumbria-constabulary", dated("next week"))
    plan("dorset-police", {header_name("p", ACTION, "force"): "Devon and Cornwall Police"} | dated(datetime(2024, 3, 3)))
    plan("gwent-police", dated(datetime(2024, 3, 5)), insert_row_at=objective_name("p", ACTION, T, "impact_owner"))
    (durham,) = plan_outputs(old_edition, returned, ["Durham"])
    write_plan(durham.data, durham.path, every_dropdown(project, 1) | dated(datetime(2024, 3, 9)))
    # Norfolk's earlier draft, sent as well, and a workbook that is no plan.
    write_plan(
        plans["norfolk-constabulary-realisation-plan.xlsx"],
        returned / "norfolk-draft.xlsx",
        pick(project, T, "activity", "org", 1) | dated(datetime(2024, 2, 1)),
    )
    notes = Workbook()
    notes.active["A1"] = "Notes from the regional meeting"  # type: ignore[index]
    notes.save(returned / "notes.xlsx")
    return base


@pytest.fixture(scope="module")
def before(base: Path) -> dict[Path, tuple[bytes, int]]:
    """Every input's bytes and modification time, before anything reads it."""
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted((base / "returned").iterdir())}


@pytest.fixture
def in_base(base: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(base)
    return base


@pytest.fixture(scope="module")
def collection(project: Project, base: Path, before: dict[Path, tuple[bytes, int]]) -> Iterator[Collection]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        ticks: list[str] = []
        found = collect(project, [Path("returned")], ticks.append)
        assert ticks == sorted(ticks) and len(ticks) == found.files == 14
        yield found


@pytest.fixture(scope="module")
def outputs(project: Project, collection: Collection, base: Path) -> dict[str, bytes]:
    return {o.path.name: o.data for o in collect_outputs(project, collection, base / "collected", [])}


REJECTED_FILES = [
    "returned/dorset-police-realisation-plan.xlsx",
    "returned/gwent-police-realisation-plan.xlsx",
    "returned/notes.xlsx",
]


# -- what was read, rejected and missing -----------------------------------------------------------


def test_counts_and_the_closing_line(collection: Collection) -> None:
    assert len(collection.responses) == 10
    assert collection.rejected_files == REJECTED_FILES
    assert len(collection.missing) == 2
    assert collection.summary == "10 plans read, 3 rejected, 2 forces missing, 1 set aside for a later plan (3 warnings)"
    assert collection.exit_code == 1


def test_each_rejection_names_the_file_and_the_cell(project: Project, old_edition: Project, collection: Collection) -> None:
    blank = load_workbook(io.BytesIO(plan_outputs(project, Path("."), ["Essex"])[0].data))

    def at(name: str) -> str:
        cell = cell_of(blank, name)
        return f"{SHEET if cell.parent.title != 'nvap' else 'nvap'}!{cell.coordinate}"

    impact_owner = objective_name("p", ACTION, T, "impact_owner")
    assert [r.line for r in collection.problems] == [
        (
            f"returned/cumbria-constabulary-realisation-plan.xlsx {at(header_name('p', ACTION, 'date_prepared'))} "
            "(Date Prepared): warning: 'next week' is not a date (write it as dd/mm/yyyy, e.g. 23/11/2025): kept as text"
        ),
        (
            f"returned/dorset-police-realisation-plan.xlsx {at(header_name('p', ACTION, 'force'))} (Force): "
            "names the force 'Devon and Cornwall Police', but the plan was made for Dorset Police"
        ),
        (
            "returned/durham-constabulary-realisation-plan.xlsx: warning: the plan was made from an earlier edition of "
            "the toolkit for action 1.1.1: its wording differs in what the plan does not show. Its answers were placed by their ids"
        ),
        (
            f"returned/gwent-police-realisation-plan.xlsx {at(impact_owner)}: the sheet's layout was changed: the cell "
            f"named {impact_owner} should be beside 'Impact Owner', but its row has no label: check the answers beside "
            "their labels, then run 'nvap plan --upgrade returned/gwent-police-realisation-plan.xlsx' to carry them "
            "into a fresh plan"
        ),
        (
            "returned/norfolk-draft.xlsx: warning: Norfolk Constabulary sent another plan, "
            "returned/norfolk-constabulary-realisation-plan.xlsx (prepared 14/03/2024), which was counted instead "
            "of this one (prepared 01/02/2024): its date prepared is later (of two plans from one force, the one with the "
            "latest date prepared counts; on the same date, the one saved last; then the one whose file name sorts last)"
        ),
        "returned/notes.xlsx: not an nvap realisation plan: make plans with 'nvap plan'",
    ]
    (duplicate,) = collection.duplicates
    assert (duplicate.force_name, duplicate.kept, duplicate.dropped, duplicate.reason) == (
        "Norfolk Constabulary",
        "returned/norfolk-constabulary-realisation-plan.xlsx",
        ("returned/norfolk-draft.xlsx",),
        "later",
    )
    statuses = {r.file.removeprefix("returned/"): r.status for r in collection.returns}
    assert statuses == {
        "british-transport-police-realisation-plan.xlsx": "counted",
        "cumbria-constabulary-realisation-plan.xlsx": "counted",
        "dorset-police-realisation-plan.xlsx": "rejected",
        "durham-constabulary-realisation-plan.xlsx": "counted",
        "essex-police-realisation-plan.xlsx": "counted",
        "gwent-police-realisation-plan.xlsx": "rejected",
        "kent-police-realisation-plan.xlsx": "counted",
        "lancashire-constabulary-realisation-plan.xlsx": "counted",
        "metropolitan-police-service-realisation-plan.xlsx": "counted",
        "norfolk-constabulary-realisation-plan.xlsx": "counted",
        "norfolk-draft.xlsx": "superseded",
        "notes.xlsx": "unreadable",
        "suffolk-constabulary-realisation-plan.xlsx": "counted",
        "wiltshire-police-realisation-plan.xlsx": "counted",
    }
    by_force = {f.force_name: (f.status, len(f.files)) for f in collection.forces}
    assert by_force["Dorset Police"] == ("rejected", 1)
    assert by_force["Norfolk Constabulary"] == ("counted", 2)
    assert by_force["Devon and Cornwall Police"] == ("missing", 0)


def test_missing_forces_are_those_that_sent_nothing(project: Project, collection: Collection) -> None:
    sent = {
        "Norfolk Constabulary",
        "Wiltshire Police",
        "Kent Police",
        "British Transport Police",
        "Suffolk Constabulary",
        "Metropolitan Police Service",
        "Lancashire Constabulary",
        "Essex Police",
        "Durham Constabulary",
        "Cumbria Constabulary",
        "Dorset Police",
        "Gwent Police",
    }
    assert sent.isdisjoint(m.force_name for m in collection.missing)
    # Dorset's plan named Devon and Cornwall: that does not make it Devon and Cornwall's.
    assert [m.force_name for m in collection.missing] == ["Devon and Cornwall Police", "Hampshire and Isle of Wight Constabulary"]


def test_completeness_and_date_prepared_per_force(collection: Collection) -> None:
    assert [(r.force_name, r.file.removeprefix("returned/"), r.date_prepared) for r in collection.responses] == [
        ("British Transport Police", "british-transport-police-realisation-plan.xlsx", date(2024, 4, 2)),
        ("Cumbria Constabulary", "cumbria-constabulary-realisation-plan.xlsx", None),
        ("Durham Constabulary", "durham-constabulary-realisation-plan.xlsx", date(2024, 3, 9)),
        ("Essex Police", "essex-police-realisation-plan.xlsx", None),
        ("Kent Police", "kent-police-realisation-plan.xlsx", date(2024, 3, 14)),
        ("Lancashire Constabulary", "lancashire-constabulary-realisation-plan.xlsx", date(2024, 1, 31)),
        ("Metropolitan Police Service", "metropolitan-police-service-realisation-plan.xlsx", date(2024, 2, 28)),
        ("Norfolk Constabulary", "norfolk-constabulary-realisation-plan.xlsx", date(2024, 3, 14)),
        ("Suffolk Constabulary", "suffolk-constabulary-realisation-plan.xlsx", date(2024, 3, 1)),
        ("Wiltshire Police", "wiltshire-police-realisation-plan.xlsx", date(2024, 3, 20)),
    ]
    assert [(p.action, p.filled, p.inputs, p.percent) for r in collection.responses for p in r.actions] == [
        (ACTION, 5, 38, 13),
        (ACTION, 1, 38, 3),
        (ACTION, 13, 38, 34),
        (ACTION, 0, 38, 0),
        (ACTION, 2, 38, 5),
        (ACTION, 4, 38, 11),
        (ACTION, 2, 38, 5),
        (ACTION, 38, 38, 100),
        (ACTION, 5, 38, 13),
        (ACTION, 13, 38, 34),
    ]


BTP, ESSEX, KENT, LANCS = "British Transport Police", "Essex Police", "Kent Police", "Lancashire Constabulary"
MET, NORFOLK, SUFFOLK, WILTS = "Metropolitan Police Service", "Norfolk Constabulary", "Suffolk Constabulary", "Wiltshire Police"
DURHAM = "Durham Constabulary"


def test_dropdown_choices_free_text_and_blanks(collection: Collection) -> None:
    found = {
        (t.objective, t.field, t.column): (
            {i: o.forces for i, o in enumerate(t.options) if o.forces},
            [(f.force, f.text) for f in t.free_text],
            t.blank,
            len(t.options),
            t.plans,
        )
        for t in collection.tallies
    }
    sizes = {
        (T, "activity"): 2,
        (T, "impact_measurement"): 4,
        (T, "risks"): 2,
        (S, "activity"): 2,
        (S, "impact_measurement"): 3,
        (S, "risks"): 3,
    }
    # Norfolk and Wiltshire chose the first option everywhere, Durham the second; the others as listed.
    expected = {
        key: ({0: (NORFOLK, WILTS), 1: (DURHAM,)}, [], 7, sizes[key[:2]], 10)
        for key in [
            (o, f, c) for o in (T, S) for f in ("activity", "impact_measurement", "risks") for c in ("organisational", "external")
        ]
    }
    expected[(T, "activity", "organisational")] = (
        {0: (KENT, NORFOLK, WILTS), 1: (BTP, DURHAM)},
        [(MET, "- weekly huddles"), (SUFFOLK, "Peer support circles")],
        3,
        2,
        10,
    )
    expected[(T, "activity", "external")] = ({0: (NORFOLK, WILTS), 1: (BTP, DURHAM, SUFFOLK)}, [], 5, 2, 10)
    expected[(T, "risks", "organisational")] = ({0: (NORFOLK, WILTS), 1: (DURHAM,)}, [(SUFFOLK, "Loss of trust")], 6, 2, 10)
    expected[(S, "risks", "organisational")] = ({0: (NORFOLK, WILTS), 1: (DURHAM,), 2: (BTP,)}, [], 6, 3, 10)
    expected[(S, "impact_measurement", "external")] = ({0: (NORFOLK, SUFFOLK, WILTS), 1: (DURHAM,)}, [], 6, 3, 10)
    assert found == expected
    assert list(found) == list(expected)  # actions, objectives, fields and columns in the content's order
    for t in collection.tallies:
        assert sum(len(o.forces) for o in t.options) + len(t.free_text) + t.blank == t.plans


# -- files and folders, inputs untouched, determinism ----------------------------------------------


def test_plan_files(in_base: Path) -> None:
    returned = Path("returned")
    (returned / "sub").mkdir(exist_ok=True)
    try:
        (returned / "sub" / "~$kent-police-realisation-plan.xlsx").write_bytes(b"lock")
        (returned / "sub" / "readme.txt").write_text("not a plan")
        (returned / "sub" / ".DS_Store").write_bytes(b"\0")
        files, skipped = plan_files([returned, returned / "kent-police-realisation-plan.xlsx"])
        # Every file is a return, whatever its name; lock and hidden files are skipped, each with why.
        assert len(files) == 14 and files == sorted(files)
        assert [(s.file, s.reason) for s in skipped] == [
            ("returned/sub/.DS_Store", "a hidden file"),
            ("returned/sub/readme.txt", "not a spreadsheet (.txt): not read as a plan"),
            ("returned/sub/~$kent-police-realisation-plan.xlsx", "Excel's lock file of an open workbook (not a plan)"),
        ]
        assert plan_files([returned / "sub" / "readme.txt"]) == ([returned / "sub" / "readme.txt"], [])
        with pytest.raises(UsageError, match=r"^no such file or folder: nowhere$"):
            plan_files([returned, Path("nowhere")])
    finally:
        shutil.rmtree(returned / "sub")


def test_inputs_are_never_modified(
    project: Project, base: Path, before: dict[Path, tuple[bytes, int]], collection: Collection, outputs: dict[str, bytes]
) -> None:
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted((base / "returned").iterdir())}
    assert after == before


def test_two_runs_are_byte_identical(project: Project, in_base: Path, outputs: dict[str, bytes]) -> None:
    again = collect(project, [Path("returned")])
    second = {o.path.name: o.data for o in collect_outputs(project, again, Path("elsewhere"), [])}
    assert second == outputs
    assert sorted(outputs) == ["answers.csv", "summary.csv", "summary.html", "summary.json", "summary.xlsx"]


def test_formats_are_checked(project: Project, collection: Collection, tmp_path: Path) -> None:
    (only,) = collect_outputs(project, collection, tmp_path, ["json"])
    assert only.path == tmp_path / "summary.json"
    with pytest.raises(UsageError, match=r"^'docx' is not one of xlsx, ods, html, pdf, csv, json, md$"):
        collect_outputs(project, collection, tmp_path, ["json", "docx"])


# -- the outputs --------------------------------------------------------------------------------


def test_summary_workbook(project: Project, outputs: dict[str, bytes]) -> None:
    wb = load_workbook(io.BytesIO(outputs["summary.xlsx"]))
    assert wb.sheetnames == [
        "Cover",
        "Returns by force",
        "Completeness",
        "Choices",
        "Free-text entries",
        "Answers",
        "Forces that returned no plan",
        "Forces that sent more than one",
        "Notes on counted plans",
        "Rejected files",
        "Words outside the form",
        "Files not read",
        "nvap",
    ]
    assert wb["nvap"].sheet_state == "veryHidden"
    # Each view: its title in A1, then one table (an Excel table) whose header row is row 2, frozen above the data.
    rows = {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()][1:] for ws in wb.worksheets[1:-1]}
    for ws in wb.worksheets[1:-1]:
        assert ws["A1"].value.startswith(ws.title)  # the whole heading; a sheet name holds 31 characters
        assert ws.freeze_panes == "A3"
        # An empty view has no Excel table (one needs a row of data): its header row has a filter instead.
        refs = [t.ref for t in ws.tables.values()] or [ws.auto_filter.ref]
        assert refs == [f"A2:{ws.cell(row=2, column=ws.max_column).column_letter}{ws.max_row}"], ws.title
        assert all(c.font.b for c in ws[2])
    assert rows["Completeness"][0] == ("Force", "File", "Action", "Date Prepared", "Inputs filled", "Inputs", "Complete")
    assert rows["Completeness"][8] == (
        "Norfolk Constabulary",
        "returned/norfolk-constabulary-realisation-plan.xlsx",
        "1.1.1 Fixture Action",
        datetime(2024, 3, 14),
        38,
        38,
        1,
    )
    assert rows["Free-text entries"][1:] == [
        (
            "1.1.1 Fixture Action",
            "Objective 1: Objective One",
            "Activity",
            "Organisational Impact",
            MET,
            "- weekly huddles",
        ),
        (
            "1.1.1 Fixture Action",
            "Objective 1: Objective One",
            "Activity",
            "Organisational Impact",
            SUFFOLK,
            "Peer support circles",
        ),
        (
            "1.1.1 Fixture Action",
            "Objective 1: Objective One",
            "Risks",
            "Organisational Impact",
            SUFFOLK,
            "Loss of trust",
        ),
    ]
    choices = rows["Choices"]
    assert choices[0] == ("Action", "Objective", "Field", "Impact column", "Choice", "Forces", "Plans read", "Chosen by")
    assert choices[1][4:] == ("Fixture activity one", 3, 10, f"{KENT}; {NORFOLK}; {WILTS}")
    assert choices[2][4:] == ("Fixture activity two", 2, 10, f"{BTP}; {DURHAM}")
    assert choices[3][4:] == ("Free-text entries", 2, 10, f"{MET}; {SUFFOLK}")
    assert choices[4][4:] == ("Left blank", 3, 10, None)
    assert rows["Forces that returned no plan"][1:] == [
        ("Devon and Cornwall Police",),
        ("Hampshire and Isle of Wight Constabulary",),
    ]
    assert [r[0] for r in rows["Rejected files"][1:]] == REJECTED_FILES
    assert rows["Rejected files"][-1][1] == "not an nvap realisation plan: make plans with 'nvap plan'"
    answers = rows["Answers"]
    assert answers[0] == (
        "Force",
        "File",
        "Status",
        "Action",
        "Reporting Period",
        "Project Lead",
        "Prepared By",
        "Date Prepared",
        "Date Prepared (as typed)",
        "Objective",
        "Impact Owner",
        "Impact column",
        "Activity",
        "Output",
        "Impact Measurement",
        "Progress",
        "Next steps",
        "Risks",
        "Risk Mitigation Strategy",
        "Additional Comments",
    )
    cumbria = [r for r in answers if r[0] == "Cumbria Constabulary"]
    assert len(cumbria) == 4 and cumbria[0][7:9] == (None, "next week")
    assert len(answers) == 1 + 4 * 13  # every plan that could be read: 13 files, 2 objectives x 2 columns


def test_summary_csv_and_json(outputs: dict[str, bytes]) -> None:
    note, table = outputs["summary.csv"].decode("utf-8").split("\r\n", 1)
    # The first line says how a guarded text differs from what was typed.
    assert note == (
        "# nvap collect: a text that begins with =, +, -, @, a tab, a carriage return or ' is written with one ' before it, "
        "so that no spreadsheet runs it as a formula; remove that one ' to get the text exactly as the force typed it "
        "(summary.json holds every text exactly). The header row follows this line."
    )
    assert outputs["answers.csv"].decode("utf-8").split("\r\n", 1)[0] == note
    rows = list(csv.DictReader(io.StringIO(table)))
    views = [r["view"] for r in rows]
    options = 2 * (2 + 4 + 2 + 2 + 3 + 3)
    assert {v: views.count(v) for v in dict.fromkeys(views)} == {
        "completeness": 10,
        "choice": options,
        "free_text": 3,
        "blank": 12,
        "return": 15,  # every force once, Norfolk twice (two files)
        "missing": 2,
        "warning": 3,
        "rejected": 3,
    }
    met = [r for r in rows if r["view"] == "free_text" and r["force"] == MET]
    # A cell that starts like a formula is never run by a spreadsheet that opens the CSV.
    assert [(r["objective"], r["field"], r["column"], r["value"]) for r in met] == [
        (T, "activity", "organisational", "'- weekly huddles")
    ]
    first = next(r for r in rows if r["view"] == "choice")
    assert (first["count"], first["total"], first["force"]) == ("3", "10", f"{KENT}; {NORFOLK}; {WILTS}")
    norfolk = next(r for r in rows if r["view"] == "completeness" and r["force"] == NORFOLK)
    assert (norfolk["value"], norfolk["count"], norfolk["total"]) == ("2024-03-14", "38", "38")

    data = json.loads(outputs["summary.json"])
    assert (data["plans_read"], data["rejected"], data["missing_forces"], data["files"]) == (10, 3, 2, 14)
    assert data["tallies"][0]["free_text"][0] == {"force": MET, "text": "- weekly huddles"}
    assert data["responses"][7]["actions"] == [
        {"action": ACTION, "date_prepared": "2024-03-14", "filled": 38, "inputs": 38, "percent": 100}
    ]


def test_summary_html_pairs_each_chart_with_a_table(outputs: dict[str, bytes]) -> None:
    html = outputs["summary.html"].decode("utf-8")
    charts = re.findall(r'<svg [^>]*role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) == 6 == html.count("<svg ")
    for label in charts:
        assert html.count(f'id="{label}"') == 1
        caption = re.search(f'<figcaption id="{label}">([^<]+)</figcaption>', html)
        assert caption and re.search(f'<caption id="[^"]+">{re.escape(caption.group(1))}</caption>', html)
    # returns, completeness, a table per chart, free text twice, per plan read a header and two objectives,
    # duplicates, warnings, rejections
    assert html.count("<table>") == 1 + 1 + 6 + 2 + 13 * 3 + 1 + 1 + 1
    assert "<script" not in html and "<link" not in html and "src=" not in html
    missing = html.split('id="missing"')[1].split("</section>")[0]
    assert missing.count("<li>") == 2
    assert "&lt;" not in html.split("<main")[0]  # nothing in the head was escaped twice


# -- the command line (once `nvap collect` is wired) --------------------------------------------------


def test_cli_reports_rejections_and_exits_1(nvap, in_base: Path, collection: Collection) -> None:  # type: ignore[no-untyped-def]
    result = nvap("--content", str(FIXTURE), "collect", "returned")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for problem in collection.problems:
        assert problem.line in lines
    assert lines[-1] == "10 plans read, 3 rejected, 2 forces missing, 1 set aside for a later plan (3 warnings)"
    assert sorted(p.name for p in Path("collected").iterdir()) == [
        "answers.csv",
        "summary.csv",
        "summary.html",
        "summary.json",
        "summary.xlsx",
    ]


def test_cli_exits_0_when_every_plan_was_read(nvap, in_base: Path) -> None:  # type: ignore[no-untyped-def]
    result = nvap(
        "--content",
        str(FIXTURE),
        "collect",
        "returned/norfolk-constabulary-realisation-plan.xlsx",
        "--out",
        "one",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "1 plan read, 0 rejected, 13 forces missing"
    assert [p.name for p in Path("one").iterdir()] == ["summary.json"]
    assert nvap("--content", str(FIXTURE), "collect", "nowhere").exit_code == 2
