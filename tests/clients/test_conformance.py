"""What the README claims of nvap's PDFs and pages, proved by checkers nvap did not write.

- Every PDF nvap writes (toolkit, Covenant report, their Welsh editions, the collect summary)
  passes ``page-validation``'s PDF/UA-1 profile with no failed rule.
- Every page passes axe-core (WCAG 2.x A/AA and best practice) in a viewport 320 CSS px wide
  (WCAG 1.4.10 reflow: a phone, or 400% zoom) and 1280 px wide, and at 320 px never scrolls
  sideways (``scrollWidth <= clientWidth``).

Screenshots at 320 px (and in forced colours) are kept in build/clients-reflow/ to look at (build/clients/ is emptied by test_outputs).
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import page
import pytest
from helpers import PROJECT_ROOT, audit_html
from openpyxl import load_workbook

from nvap_toolkit.build import build
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.writer import write_outputs

KEEP = PROJECT_ROOT / "build" / "clients-reflow"


def _summary(project, base: Path) -> Path:
    """The collect summary (html, pdf) of three filled plans and an empty one."""
    from nvap_toolkit.collect.summary import collect_outputs
    from nvap_toolkit.collect.tally import collect
    from nvap_toolkit.plan.write import plan_outputs

    returned = base / "returned"
    returned.mkdir()
    long_entry = "Peer support circles, see https://www.example.org/a/very/long/address/without/any/space/to/break/at"
    entries = {"Norfolk": (long_entry, "=1+1"), "Suffolk": ("", "Loss of trust"), "BTP": ("Briefings", ""), "Kent": None}
    for force, output in zip(entries, plan_outputs(project, returned, list(entries)), strict=True):
        wb = load_workbook(io.BytesIO(output.data))
        if entries[force] is not None:
            values: dict[str, object] = {"p_2_6_2_date_prepared": date(2026, 11, 2)}
            for objective in project.actions["2.6.2"].objectives:
                for field_name, value in zip(("activity", "risks"), entries[force], strict=True):
                    values[f"p_2_6_2_{objective.id.replace('-', '_')}_org_{field_name}"] = value or None
            for defined, value in values.items():
                ((sheet, coord),) = wb.defined_names[defined].destinations
                cell = wb[sheet][coord.replace("$", "")]
                cell.value = value
                cell.data_type = "s" if isinstance(value, str) else cell.data_type
        wb.save(output.path)
    out = base / "collected"
    write_outputs(collect_outputs(project, collect(project, [returned]), out, ["html", "pdf"]))
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every page and PDF nvap writes, by a name of its own: English and Welsh documents and indexes, the summary."""
    project = load_valid_project(PROJECT_ROOT / "content")
    base = tmp_path_factory.mktemp("conformance")
    found: dict[str, Path] = {}
    for lang in ("en", "cy"):
        out = base / lang
        build(project, [], ["html", "pdf"], out, **({"langs": ["cy"]} if lang == "cy" else {}))
        for path in sorted(out.glob("*.html")) + sorted(out.glob("*.pdf")):
            name = path.name if lang == "en" or ".cy." in path.name else path.name.replace(".", ".cy.", 1)
            found[name] = path
    summary = _summary(project, base)
    for path in sorted(summary.glob("summary.*")):
        found[path.name] = path
    feedback = [p for p in summary.rglob("*.pdf") if p.name != "summary.pdf"]  # the feedback packs, when collect writes them
    for path in feedback:
        found[f"feedback-{path.name}"] = path
    if KEEP.exists():
        shutil.rmtree(KEEP)
    KEEP.mkdir(parents=True)
    return found


def test_every_document_is_built(outputs: dict[str, Path]) -> None:
    assert {name for name in outputs if name.endswith(".pdf")} >= {
        "2.6.2.pdf", "covenant-2024.pdf", "2.6.2.cy.pdf", "covenant-2024.cy.pdf", "summary.pdf",
    }  # fmt: skip
    assert {name for name in outputs if name.endswith(".html")} >= {
        "2.6.2.html", "covenant-2024.html", "index.html", "2.6.2.cy.html", "covenant-2024.cy.html", "index.cy.html", "summary.html",
    }  # fmt: skip


def test_every_pdf_is_pdf_ua_1_by_page_validation(outputs: dict[str, Path]) -> None:
    failed = {}
    for name, path in sorted(outputs.items()):
        if name.endswith(".pdf"):
            result = page.validate_pdf(str(path), profile="ua1")
            if not result.is_compliant or result.failures:
                failed[name] = [(f.rule_id, f.message) for f in result.failures]
    assert failed == {}


def _pages(outputs: dict[str, Path], base: Path) -> list[Path]:
    """The pages, each copied under its own name (audit_html names its files after the page)."""
    base.mkdir(parents=True, exist_ok=True)
    pages = []
    for name, path in sorted(outputs.items()):
        if name.endswith(".html"):
            copy = base / name
            shutil.copy(path, copy)
            pages.append(copy)
    return pages


@pytest.mark.parametrize("width", [320, 1280])
def test_every_page_passes_axe_and_reflows(outputs: dict[str, Path], tmp_path: Path, width: int) -> None:
    pages = _pages(outputs, tmp_path / "pages")
    results = audit_html(pages, KEEP, width=width)
    problems = {}
    for path, result in results.items():
        found = {
            "violations": result["violations"],
            "best_practice": result["best_practice"],
            "requests": result["requests"],
            "sideways": [] if result["scroll_width"] <= result["client_width"] else [result["scroll_width"], result["wider"]],
        }
        if any(found.values()):
            problems[path.name] = found
        assert (KEEP / f"{path.stem}.{width}.png").stat().st_size > 5_000
    assert problems == {}


def test_every_table_region_is_focusable_and_named(outputs: dict[str, Path]) -> None:
    import re

    for name, path in outputs.items():
        if name.endswith(".html"):
            html = path.read_text(encoding="utf-8")
            wraps = re.findall(r'<div class="table-wrap"[^>]*>\s*<table[^>]*>\s*<caption id="([^"]+)"', html)
            assert html.count('<div class="table-wrap"') == len(wraps), name
            for caption in wraps:
                assert f'<div class="table-wrap" tabindex="0" role="group" aria-labelledby="{caption}">' in html, (name, caption)
            assert '<a class="skip-link" href="#main">' in html and '<main id="main">' in html, name
