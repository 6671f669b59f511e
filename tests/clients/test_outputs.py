"""nvap's own outputs in the programs people use: Chromium + axe-core, the Nu checker, LibreOffice.

Screenshots, print PDFs and LibreOffice PDFs/PNGs are kept in build/clients/ to look at.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest
from helpers import PROJECT_ROOT, audit_html, libreoffice_convert, pdf_info, pdf_pages, pdf_text, pdf_to_png, vnu_errors
from openpyxl import load_workbook

from nvap_toolkit.build import build
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.plan.read import read_plan
from nvap_toolkit.plan.write import write_plans
from nvap_toolkit.writer import write_outputs

KEEP = PROJECT_ROOT / "build" / "clients"


@pytest.fixture(scope="module")
def project():
    return load_valid_project(PROJECT_ROOT / "content")


@pytest.fixture(scope="module")
def outputs(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    build(project, [], [], out)
    write_outputs(write_plans(project, out / "plans", ["Norfolk", "BTP"])[0])
    if KEEP.exists():
        shutil.rmtree(KEEP)
    KEEP.mkdir(parents=True)
    return out


def test_every_page_passes_axe_and_is_self_contained(outputs):
    pages = sorted(outputs.glob("*.html"))
    assert [p.name for p in pages] == ["2.6.2.html", "covenant-2024.html", "index.html"]
    results = audit_html(pages, KEEP)
    for page, result in results.items():
        assert result["violations"] == [], (page.name, result["violations"])
        assert result["best_practice"] == [], (page.name, result["best_practice"])
        assert result["requests"] == [], (page.name, result["requests"])
        stem = page.stem
        assert (KEEP / f"{stem}.png").stat().st_size > 10_000
        assert (KEEP / f"{stem}.nocss.png").stat().st_size > 10_000
        info = pdf_info(KEEP / f"{stem}.pdf")
        assert info["Page size"].startswith(("595", "596")), info["Page size"]  # A4


def test_pages_are_valid_html(outputs):
    assert vnu_errors(sorted(outputs.glob("*.html"))) == []


def _visible_sheets(path: Path) -> list[str]:
    wb = load_workbook(path)
    return [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]


@pytest.mark.parametrize("name", ["2.6.2.xlsx", "covenant-2024.xlsx", "plans/norfolk-constabulary-realisation-plan.xlsx"])
def test_workbook_opens_in_libreoffice_with_every_sheet(outputs, project, name):
    path = outputs / name
    pdf = libreoffice_convert(path, KEEP, "pdf")[0]
    assert pdf_pages(pdf) >= len(_visible_sheets(path))
    pdf_to_png(pdf, KEEP / f"{path.stem}-page")
    csvs = libreoffice_convert(path, KEEP / "csv", "csv")
    sheets = {p.stem.removeprefix(path.stem + "-"): p for p in csvs}
    assert set(_visible_sheets(path)) <= set(sheets)
    text = "\n".join(" ".join(row) for p in csvs for row in csv.reader(p.read_text(encoding="utf-8").splitlines()))
    if name.startswith("2.6.2"):
        for objective in project.actions["2.6.2"].objectives:
            for activity in objective.activities:
                assert activity.title.replace("[action:2.6.3]", "Action 2.6.3 Recruitment") in text
    elif name.startswith("covenant"):
        for priority in project.reports[2024].priorities:
            assert priority.title in text
    else:
        assert "Norfolk Constabulary" in text
        # Printed, every line is on the page: its text is whole, no part of it cut off at a margin.
        form = project.programme_of(project.actions["2.6.2"]).realisation_plan
        printed = pdf_text(pdf)
        for line in (form.heading, form.subheading, "Norfolk Constabulary", form.instructions_intro):
            assert line in printed, line


def test_plan_survives_a_libreoffice_round_trip(outputs, project, tmp_path):
    path = outputs / "plans" / "norfolk-constabulary-realisation-plan.xlsx"
    wb = load_workbook(path)
    names = sorted(wb.defined_names)
    prefix = "p_2_6_2_"
    # Fill some inputs as a force would, then let LibreOffice open and save the file.
    ((ws, cell),) = wb.defined_names[prefix + "project_lead"].destinations
    wb[ws][cell] = "A. Lead"
    ((ws, cell),) = wb.defined_names[prefix + "date_prepared"].destinations
    wb[ws][cell] = date(2026, 11, 2)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    saved = libreoffice_convert(filled, tmp_path / "lo", "xlsx")[0]
    after = load_workbook(saved)
    assert sorted(after.defined_names) == names
    sheet = after["2.6.2 Officer-Staff Norms"] if "2.6.2 Officer-Staff Norms" in after.sheetnames else after.worksheets[1]
    assert sheet.protection.sheet
    validations = [dv for dv in sheet.data_validations.dataValidation]
    assert any(dv.type == "list" for dv in validations)
    assert any(dv.type == "date" for dv in validations)
    assert any(dv.prompt for dv in validations)
    ((ws, cell),) = after.defined_names[prefix + "project_lead"].destinations
    assert after[ws][cell].protection.locked is False
    result = read_plan(saved, project)
    assert result.issues == []
    plan = result.plan
    assert plan is not None
    assert plan.force_key == "norfolk-constabulary"
