"""``nvap collect``'s summary in the programs people use: Chromium + axe-core, the Nu checker, LibreOffice.

Screenshots and PDFs are kept in build/clients-collect/ to look at.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date

import pytest
from helpers import PROJECT_ROOT, audit_html, libreoffice_convert, pdf_info, pdf_pages, vnu_errors
from openpyxl import load_workbook

from nvap_toolkit.collect.summary import collect_outputs
from nvap_toolkit.collect.tally import collect
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.plan.write import plan_outputs
from nvap_toolkit.writer import write_outputs

KEEP = PROJECT_ROOT / "build" / "clients-collect"
ACTION = "2.6.2"


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    """The summary of three filled plans, an empty one and a workbook that is no plan."""
    project = load_valid_project(PROJECT_ROOT / "content")
    base = tmp_path_factory.mktemp("collect")
    returned = base / "returned"
    returned.mkdir()
    # Each force's entry in the organisational Activity and Risks of every objective (Kent's plan stays empty).
    entries = {
        "Norfolk": ('Peer support circles <weekly> & "open"', "=1+1"),
        "Suffolk": ("", "Loss of trust"),
        "BTP": (project.actions[ACTION].objectives[0].activities[0].title, ""),
        "Kent": None,
    }
    for force, output in zip(entries, plan_outputs(project, returned, list(entries)), strict=True):
        wb = load_workbook(io.BytesIO(output.data))
        if entries[force] is not None:
            values = {"p_2_6_2_date_prepared": date(2026, 11, 2)}
            for objective in project.actions[ACTION].objectives:
                for field_name, value in zip(("activity", "risks"), entries[force], strict=True):
                    values[f"p_2_6_2_{objective.id.replace('-', '_')}_org_{field_name}"] = value or None
            for defined, value in values.items():
                ((sheet, coord),) = wb.defined_names[defined].destinations
                cell = wb[sheet][coord.replace("$", "")]
                cell.value = value
                cell.data_type = "s" if isinstance(value, str) else cell.data_type  # '=1+1' as typed text
        wb.save(output.path)
    (returned / "notes.xlsx").write_bytes(b"not a workbook")
    collection = collect(project, [returned])
    out = base / "collected"
    write_outputs(collect_outputs(project, collection, out, []))
    if KEEP.exists():
        shutil.rmtree(KEEP)
    KEEP.mkdir(parents=True)
    return out


def test_summary_page_passes_axe_and_is_self_contained(summary):
    page = summary / "summary.html"
    (result,) = audit_html([page], KEEP).values()
    assert result["violations"] == [], result["violations"]
    assert result["best_practice"] == [], result["best_practice"]
    assert result["requests"] == [], result["requests"]
    assert (KEEP / "summary.png").stat().st_size > 10_000
    assert pdf_info(KEEP / "summary.pdf")["Page size"].startswith(("595", "596"))  # A4


def test_summary_page_is_valid_html(summary):
    assert vnu_errors([summary / "summary.html"]) == []


def test_summary_workbook_opens_in_libreoffice(summary):
    path = summary / "summary.xlsx"
    sheets = load_workbook(path).sheetnames
    pdf = libreoffice_convert(path, KEEP / "xlsx", "pdf")[0]
    assert pdf_pages(pdf) >= len(sheets)
    csvs = libreoffice_convert(path, KEEP / "xlsx" / "csv", "csv")
    assert {p.stem.removeprefix("summary-") for p in csvs} == set(sheets)
    text = "\n".join(" ".join(row) for p in csvs for row in csv.reader(io.StringIO(p.read_text(encoding="utf-8"))))
    for expected in ("Norfolk Constabulary", 'Peer support circles <weekly> & "open"', "=1+1", "notes.xlsx"):
        assert expected in text


def test_a_plan_filled_and_saved_in_libreoffice_collects_every_value(tmp_path):
    """Every input of a plan that went through LibreOffice reaches the summary, byte for byte."""
    import json

    project = load_valid_project(PROJECT_ROOT / "content")
    (output,) = plan_outputs(project, tmp_path, ["Gwent"])
    wb = load_workbook(io.BytesIO(output.data))
    typed = {}
    inputs = [n for n in wb.defined_names if n.startswith("p_2_6_2_") and "_list_" not in n and not n.endswith("_force")]
    assert len(inputs) == 38
    for i, name in enumerate(sorted(inputs)):
        value = "23/11/2025" if name == "p_2_6_2_date_prepared" else f"{name}: Cymraeg ŵ ŷ\nline {i} =not a formula"
        ((sheet, coord),) = wb.defined_names[name].destinations
        cell = wb[sheet][coord.replace("$", "")]
        cell.value = value
        cell.data_type = "s"
        typed[name] = value
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    returned = tmp_path / "returned"
    saved = libreoffice_convert(filled, returned, "xlsx")[0]
    collection = collect(project, [returned])
    assert [p.line for p in collection.problems] == [] and len(collection.responses) == 1
    outputs = {o.path.name: o.data for o in collect_outputs(project, collection, tmp_path / "out", ["json"])}
    found = {v for row in json.loads(outputs["summary.json"])["answers"] for v in row.values() if isinstance(v, str)}
    assert [n for n, v in typed.items() if v not in found] == []
    assert saved.exists()
