"""Drafts stay drafts: a draft toolkit never reaches a force's plan by accident, and says so when asked for."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.output.splitlines() if line.strip()]


PLAN = "plans/norfolk-constabulary-realisation-plan.xlsx"


def test_a_plan_leaves_out_draft_toolkits_and_says_so(content, nvap):
    assert nvap("new", "2.6.4", "--title", "Supervision").exit_code == 0
    result = nvap("plan", "--force", "Norfolk")
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        "wrote plans/norfolk-constabulary-realisation-plan.xlsx",
        "left out action 2.6.4: it is a draft (give --include-drafts to put drafts in a plan, marked as not for use)",
    ]
    wb = load_workbook(PLAN)
    assert wb.sheetnames == ["Cover", "1.1.1 Fixture Action", "nvap_lists", "nvap"]
    assert wb["nvap"]["B7"].value == "1.1.1"


def test_a_draft_asked_for_is_marked_not_for_use(content, nvap):
    assert nvap("new", "2.6.4", "--title", "Supervision").exit_code == 0
    named = nvap("plan", "--force", "Norfolk", "--action", "2.6.4")
    assert named.exit_code == 2
    assert lines(named) == [
        "Error: action 2.6.4 is a draft: give --include-drafts to put it in a plan (its sheet will say it is a draft, not for use)"
    ]
    result = nvap("plan", "--force", "Norfolk", "--include-drafts", "--overwrite")
    assert result.exit_code == 0, result.output
    wb = load_workbook(io.BytesIO(Path(PLAN).read_bytes()))
    assert wb.sheetnames[:3] == ["Cover", "1.1.1 Fixture Action", "2.6.4 Supervision"]
    assert wb["2.6.4 Supervision"]["A1"].value == "Impact Realisation Plan: Draft – not for use: Action 2.6.4 Supervision"
    assert wb["1.1.1 Fixture Action"]["A1"].value == "Impact Realisation Plan: Action 1.1.1 Fixture Action"
    instructions = [c.value for c in wb["Cover"]["A"] if c.value]
    assert any(str(v).startswith("Draft – not for use: Action 2.6.4 Supervision") for v in instructions)


def test_only_drafts_is_an_error_without_include_drafts(content, nvap):
    (content / "actions" / "1.1.1.yaml").unlink()
    for po in (content / "translations").rglob("1.1.1.po"):
        po.unlink()
    assert nvap("new", "2.6.4", "--title", "Supervision").exit_code == 0
    result = nvap("plan", "--force", "Norfolk")
    assert (result.exit_code, lines(result)) == (
        1,
        ["Error: every action toolkit is a draft: give --include-drafts to make a plan of drafts (not for forces)"],
    )


def test_a_new_toolkit_credits_nobody_until_its_attribution_is_filled_in(content, nvap):
    assert nvap("new", "2.6.4", "--title", "Supervision").exit_code == 0
    text = (content / "actions" / "2.6.4.yaml").read_text(encoding="utf-8")
    assert '\nattribution:\n  author: ""\n  statement: ""\n' in text
    draft = lines(nvap("validate", "content/actions/2.6.4.yaml"))
    assert (
        "content/actions/2.6.4.yaml:54:11: warning: 'author': must not be empty (a draft may leave it for now: fill it in before publishing)"
        in draft
    )
    assert nvap("build", "2.6.4", "-f", "md", "--out", "out").exit_code == 0
    assert "fixture text written for nvap's tests" not in Path("out/2.6.4.md").read_text(encoding="utf-8")
    (content / "actions" / "2.6.4.yaml").write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    published = lines(nvap("validate", "content/actions/2.6.4.yaml"))
    assert "content/actions/2.6.4.yaml:54:11: 'author': must not be empty" in published
    assert "content/actions/2.6.4.yaml:55:14: 'statement': must not be empty" in published


def test_every_output_of_a_draft_says_it_is_not_for_use(content, nvap):
    assert nvap("new", "2.6.4", "--title", "Supervision").exit_code == 0
    assert nvap("build", "-f", "md", "-f", "html", "-f", "xlsx", "--out", "out").exit_code == 0
    banner = "Draft – not for use"
    page = Path("out/2.6.4.html").read_text(encoding="utf-8")
    assert f'<p class="draft" role="note"><strong>{banner}</strong></p>' in page
    assert f"<title>{banner}: Fixture Programme" in page  # and on every printed page: the running header
    assert f"> **{banner}**" in Path("out/2.6.4.md").read_text(encoding="utf-8")
    assert f"[{banner}: Action Impact Toolkit 2.6.4 Supervision](<2.6.4.md>)" in Path("out/index.md").read_text(encoding="utf-8")
    assert banner not in Path("out/1.1.1.md").read_text(encoding="utf-8")
    wb = load_workbook("out/2.6.4.xlsx")
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            assert banner in str(ws["A1"].value) and ws.oddHeader.center.text == banner, ws.title
