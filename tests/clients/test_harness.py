"""Prove the clients harness itself: every program runs here, and every check can fail.

The fixtures are small pages and a workbook made in tmp_path, not nvap's outputs, so a
failure here means the harness (or an install) is broken, not the toolkit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import (
    audit_html,
    libreoffice_convert,
    pdf_info,
    pdf_pages,
    pdf_text,
    pdf_to_png,
    vnu_errors,
)
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

ACCESSIBLE_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Accessible page</title>
<style>h1 { border-bottom: 6px solid #005ea5; } th { background: #f3f2f1; }</style>
</head>
<body>
<main>
<h1>Accessible page</h1>
<table>
<caption>Officers trained</caption>
<thead><tr><th scope="col">Force</th><th scope="col">Officers</th></tr></thead>
<tbody><tr><th scope="row">North</th><td>12</td></tr></tbody>
</table>
</main>
</body>
</html>
"""

INACCESSIBLE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Inaccessible page</title></head>
<body>
<main>
<h1>Inaccessible page</h1>
<img src="chart.png">
<input type="text" name="force">
<p style="color: #d0d0d0; background: #ffffff">Faint text</p>
</main>
</body>
</html>
"""

REMOTE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Remote image</title></head>
<body><main><h1>Remote image</h1>
<img src="https://example.com/x.png" alt="Logo">
</main></body>
</html>
"""

INVALID_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Invalid page</title></head>
<body>
<main>
<h1 id="top">Invalid page</h1>
<p id="top">A paragraph <div>with a block inside</div></p>
</main>
</body>
</html>
"""

# A4 is 595.28 x 841.89 pt; Chromium rounds to whole device pixels: allow 2 pt.
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture pages, written to disk, by name."""
    folder = tmp_path_factory.mktemp("pages")
    sources = {
        "accessible": ACCESSIBLE_PAGE,
        "inaccessible": INACCESSIBLE_PAGE,
        "remote": REMOTE_PAGE,
        "invalid": INVALID_PAGE,
    }
    paths = {name: folder / f"{name}.html" for name in sources}
    for name, path in paths.items():
        path.write_text(sources[name], encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser writes screenshots, PDFs and axe results."""
    return tmp_path_factory.mktemp("audit")


@pytest.fixture(scope="module")
def audit(pages: dict[str, Path], audit_dir: Path) -> dict[str, dict]:
    """The browser's summary of three pages, by page name, from one browser launch."""
    names = ["accessible", "inaccessible", "remote"]
    results = audit_html([pages[name] for name in names], audit_dir)
    return {name: results[pages[name]] for name in names}


def test_accessible_page_passes_axe(audit: dict[str, dict]) -> None:
    assert audit["accessible"]["violations"] == []
    assert audit["accessible"]["requests"] == []


def test_inaccessible_page_fails_axe_with_each_rule(audit: dict[str, dict]) -> None:
    found = {rule["id"]: rule for rule in audit["inaccessible"]["violations"]}
    assert {"image-alt", "label", "color-contrast"} <= found.keys()
    assert found["image-alt"]["nodes"] == [["img"]]
    assert found["label"]["impact"] == "critical"


def test_request_leaving_the_file_is_recorded(audit: dict[str, dict]) -> None:
    assert audit["remote"]["requests"] == ["https://example.com/x.png"]
    assert audit["remote"]["violations"] == []


def test_browser_writes_screenshots_a4_pdf_and_axe_results(audit: dict[str, dict], audit_dir: Path) -> None:
    styled = (audit_dir / "accessible.png").read_bytes()
    unstyled = (audit_dir / "accessible.nocss.png").read_bytes()
    assert styled.startswith(b"\x89PNG") and unstyled.startswith(b"\x89PNG")
    assert styled != unstyled, "removing the style sheet changed nothing on screen"

    pdf = audit_dir / "accessible.pdf"
    width, _, height, *_ = pdf_info(pdf)["Page size"].split()
    assert float(width) == pytest.approx(A4_POINTS[0], abs=2)
    assert float(height) == pytest.approx(A4_POINTS[1], abs=2)
    assert "Officers trained" in pdf_text(pdf)

    axe = json.loads((audit_dir / "accessible.axe.json").read_text(encoding="utf-8"))
    assert axe["wcag"]["violations"] == []
    assert axe["wcag"]["passes"], "axe ran no WCAG rule"
    assert "best-practice" in axe["best_practice"]["toolOptions"]["runOnly"]["values"]


def test_vnu_flags_the_invalid_page_only(pages: dict[str, Path]) -> None:
    errors = vnu_errors([pages["accessible"], pages["invalid"]])
    assert not [error for error in errors if str(pages["accessible"]) in error]
    invalid = [error for error in errors if str(pages["invalid"]) in error]
    assert any("Duplicate ID" in error for error in invalid), errors
    assert any("No “p” element in scope" in error for error in invalid), errors


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-sheet workbook shaped like a fillable plan: protected, with one input."""
    wb = Workbook()
    plan = wb.active
    plan.title = "Plan"
    plan["A1"] = "Café – ü"
    plan["A1"].font = Font(name="Arial", bold=True)
    plan["A2"] = "Status"
    plan["B2"].protection = Protection(locked=False)
    status = DataValidation(type="list", formula1='"Open,Closed"', allow_blank=True)
    status.add("B2")
    plan.add_data_validation(status)
    plan.protection.sheet = True
    wb.defined_names["status_input"] = DefinedName("status_input", attr_text="Plan!$B$2")
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Straße, naïve"
    path = tmp_path_factory.mktemp("workbook") / "plan.xlsx"
    wb.save(path)
    return path


def test_libreoffice_prints_every_sheet_to_pdf(workbook: Path, tmp_path: Path) -> None:
    (pdf,) = libreoffice_convert(workbook, tmp_path, "pdf")
    assert pdf == tmp_path / "plan.pdf"
    assert pdf_pages(pdf) >= 2
    text = pdf_text(pdf)
    assert "Café – ü" in text
    assert "Straße, naïve" in text
    pngs = pdf_to_png(pdf, tmp_path / "plan")
    assert len(pngs) == pdf_pages(pdf)
    assert all(png.read_bytes().startswith(b"\x89PNG") for png in pngs)


def test_libreoffice_writes_one_utf8_csv_per_sheet(workbook: Path, tmp_path: Path) -> None:
    csvs = libreoffice_convert(workbook, tmp_path, "csv")
    assert [csv.name for csv in csvs] == ["plan-Notes.csv", "plan-Plan.csv"]
    assert "Café – ü" in (tmp_path / "plan-Plan.csv").read_text(encoding="utf-8")
    assert "Straße, naïve" in (tmp_path / "plan-Notes.csv").read_text(encoding="utf-8")


def test_libreoffice_round_trip_keeps_the_form(workbook: Path, tmp_path: Path) -> None:
    (saved,) = libreoffice_convert(workbook, tmp_path, "xlsx")
    wb = load_workbook(saved)
    plan = wb["Plan"]
    assert plan["A1"].value == "Café – ü"
    assert plan.protection.sheet
    assert plan["B2"].protection.locked is False
    assert plan["A2"].protection.locked is True
    ((sheet, coord),) = wb.defined_names["status_input"].destinations
    assert (sheet, coord) == ("Plan", "$B$2")
    (status,) = plan.data_validations.dataValidation
    assert status.type == "list"
    assert status.formula1 == '"Open,Closed"'
    assert str(status.sqref) == "B2"


def test_helpers_fail_loudly(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="pdfinfo .* exited"):
        pdf_pages(tmp_path / "missing.pdf")
    with pytest.raises(AssertionError, match="LibreOffice wrote no pdf"):
        libreoffice_convert(tmp_path / "missing.xlsx", tmp_path / "out", "pdf")
