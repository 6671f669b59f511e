"""Feedback packs (``nvap collect --feedback``) in the programs people use: Chromium + axe-core at 1280 and
320 px, the Nu checker, and page-validation's PDF/UA-1 profile on the PDF packs.

Screenshots and PDFs are kept in build/clients-feedback/ to look at.
"""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from helpers import PROJECT_ROOT, audit_html, vnu_errors
from openpyxl import load_workbook

from nvap_toolkit.collect.feedback import feedback_outputs
from nvap_toolkit.collect.tally import collect
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.plan.write import plan_outputs
from nvap_toolkit.writer import write_outputs

KEEP = PROJECT_ROOT / "build" / "clients-feedback"
ACTION = "2.6.2"


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """The packs (HTML and PDF, Gwent's in Welsh too) of four filled plans."""
    project = load_valid_project(PROJECT_ROOT / "content")
    base = tmp_path_factory.mktemp("feedback")
    returned = base / "returned"
    returned.mkdir()
    first = project.actions[ACTION].objectives[0].activities[0].title
    entries = {
        "Norfolk": ('Peer support circles <weekly> & "open"', "=1+1"),
        "Suffolk": (first, "Loss of trust"),
        "Gwent": (first, "Cymraeg ŵ ŷ\nail linell"),
        "Kent": None,
    }
    for force, output in zip(entries, plan_outputs(project, returned, list(entries)), strict=True):
        wb = load_workbook(io.BytesIO(output.data))
        if entries[force] is not None:
            values = {"p_2_6_2_date_prepared": date(2026, 11, 2)}
            for objective in project.actions[ACTION].objectives:
                for field_name, value in zip(("activity", "risks"), entries[force], strict=True):
                    values[f"p_2_6_2_{objective.id.replace('-', '_')}_org_{field_name}"] = value
            for defined, value in values.items():
                ((sheet, coord),) = wb.defined_names[defined].destinations
                cell = wb[sheet][coord.replace("$", "")]
                cell.value = value
                cell.data_type = "s" if isinstance(value, str) else cell.data_type
        wb.save(output.path)
    collection = collect(project, [returned])
    out = base / "collected"
    write_outputs(feedback_outputs(project, collection, out, ["pdf"], ["en", "cy"]))
    if KEEP.exists():
        shutil.rmtree(KEEP)
    KEEP.mkdir(parents=True)
    return out / "feedback"


def _pages(folder):
    return sorted(folder.glob("*.html"))


@pytest.mark.parametrize("width", [None, 320], ids=["1280px", "320px"])
def test_packs_pass_axe_at_1280_and_320_px(packs, width):
    pages = _pages(packs)
    assert [p.name for p in pages] == [
        "gwent-police.cy.html",
        "gwent-police.html",
        "index.html",
        "kent-police.html",
        "norfolk-constabulary.html",
        "suffolk-constabulary.html",
    ]
    for page, result in audit_html(pages, KEEP, width=width).items():
        assert result["violations"] == [], (page.name, result["violations"])
        assert result["requests"] == [], page.name
        if width:
            assert result["scroll_width"] <= result["client_width"], (page.name, result["wider"])


def test_packs_are_valid_html(packs):
    assert vnu_errors(_pages(packs)) == []


def test_pdf_packs_are_pdf_ua_1(packs):
    page = pytest.importorskip("page", reason="page-validation is in the test extras")
    pdfs = sorted(packs.glob("*.pdf"))
    assert len(pdfs) == 5
    for pdf in pdfs:
        report = page.validate_pdf(pdf, profile="ua1")
        assert report.is_compliant, (pdf.name, [(f.rule_id, f.message) for f in report.failures])
