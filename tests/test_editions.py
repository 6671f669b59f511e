"""Editions and authoring (issue 12): nvap diff, edition notes, nvap new, plan --upgrade, every problem in one run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support import MINIMAL_ACTION, ROOT, copy_fixture, retitle

TOOLKIT = "actions/1.1.1.yaml"


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return result.output.strip().splitlines()


def swap_objectives(text: str) -> str:
    first = text.index("  - id: objective-one")
    second = text.index("  - id: objective-two")
    end = text.index("\nperennial_challenges:")
    return text[:first] + text[second:end].rstrip("\n") + "\n\n" + text[first:second].rstrip("\n") + "\n" + text[end:]


@pytest.fixture
def two_editions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    copy_fixture(old)
    copy_fixture(new)
    path = new / TOOLKIT
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Fixture Action", "title: Sample Action")  # a changed title
    text = text.replace("Fixture meaning of objective one", "Fixture sense of objective one")  # reworded
    text = text.replace("        - Fixture need two\n", "")  # a removed item
    path.write_text(swap_objectives(text), encoding="utf-8")  # a reordered list
    monkeypatch.chdir(tmp_path)
    return old, new


def test_diff_reports_exactly_the_changes(two_editions, nvap):
    result = nvap("diff", "old", "new")
    assert lines(result) == [
        "actions/1.1.1: objectives[objective-one].what_we_mean: reworded: Fixture [-meaning-]{+sense+} of objective one",
        "actions/1.1.1: objectives[objective-one].what_we_need.items[2]: removed: Fixture need two",
        "actions/1.1.1: objectives[objective-two]: moved: from 2 to 1",
        "actions/1.1.1: title: reworded: [-Fixture-]{+Sample+} Action",
        "4 changes in 1 document",
    ]
    assert result.exit_code == 0


def test_diff_exit_code_and_formats(two_editions, nvap):
    assert nvap("diff", "old", "new", "--exit-code").exit_code == 1
    same = nvap("diff", "old", "old", "--exit-code")
    assert (same.exit_code, lines(same)) == (0, ["no changes"])
    data = json.loads(nvap("diff", "old", "new", "--format", "json").output)
    assert [(c["section"], c["kind"]) for c in data["changes"]] == [
        ("objectives", "reworded"),
        ("objectives", "removed"),
        ("objectives", "moved"),
        ("title", "reworded"),
    ]
    assert data["changes"][3]["words"] == [["-", "Fixture"], ["+", "Sample"], ["=", " Action"]]
    page = nvap("diff", "old", "new", "--format", "html").output
    assert "<del>Fixture</del><ins>Sample</ins> Action" in page
    md = nvap("diff", "old", "new", "--format", "md").output
    assert "| title | reworded | ~~Fixture~~**Sample** Action |" in md.splitlines()
    bad = nvap("diff", "old", "new", "--format", "pdf")
    assert (bad.exit_code, bad.output.splitlines()[-1]) == (
        2,
        "Error: Invalid value for '--format' / '-f': 'pdf' is not one of text, md, html, json",
    )


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(content: Path) -> Path:
    top = content.parent
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "content")
    git(top, "commit", "-q", "-m", "edition 1")
    return top


def test_diff_against_a_git_revision(repo, nvap):
    path = repo / "content" / TOOLKIT
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Fixture Action", "title: Fixture Standards"), encoding="utf-8"
    )
    result = nvap("diff", "HEAD", ".")
    assert lines(result) == ["actions/1.1.1: title: reworded: Fixture [-Action-]{+Standards+}", "1 change in 1 document"]
    missing = nvap("diff", "v9.9", ".")
    assert (missing.exit_code, missing.output) == (
        2,
        "Error: 'v9.9' is neither a content folder nor a revision of the git repository that holds the content\n",
    )


def test_validate_warns_of_a_change_no_note_explains(repo, nvap):
    path = repo / "content" / TOOLKIT
    retitle(repo / "content", "Officer/Staff Standards")
    result = nvap("validate")
    assert lines(result) == [
        "content/actions/1.1.1.yaml:6:1: warning: the content differs from edition 1 as last committed, and no change "
        "note says why: add one under edition.changes (with a new version or date)",
        "9 files checked: 0 errors, 1 warning",
    ]
    noted = path.read_text(encoding="utf-8").replace(
        '  date: "2025-01-01"\n',
        '  date: "2025-01-01"\n  changes:\n    - text: The title is now Officer/Staff Standards.\n      affects_plans: false\n',
    )
    path.write_text(noted, encoding="utf-8")
    assert lines(nvap("validate")) == ["9 files checked: no problems"]


def test_the_readme_diff_examples_run_as_written(repo, nvap):
    """Every `nvap diff ...` the README shows runs in a repository with two commits; long texts are never cut."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = [e for e in re.findall(r"`nvap diff ([^`<>]+)`", readme) if e != "OLD NEW"]
    assert examples == ["HEAD .", "HEAD~1 HEAD"]
    path = repo / "content" / TOOLKIT
    long = "A sentence that goes on " + "and on " * 60 + "to its very end."
    path.write_text(
        path.read_text(encoding="utf-8").replace("detail: Fixture action detail", f"detail: {long} Fixture action detail", 1),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "a long change")
    for example in examples:
        result = nvap("diff", *example.split())
        assert result.exit_code == 0, (example, result.output)
        assert lines(result)[-1] in ("1 change in 1 document", "no changes"), (example, result.output)
    (reworded,) = lines(nvap("diff", "HEAD~1", "HEAD"))[:-1]
    assert reworded.endswith("to its very end.+} Fixture action detail")
    from nvap_toolkit.diff import _summary

    items = [f"item {n} of a long list that a reader must see whole" for n in range(12)]
    assert _summary({"items": items}) == '{"items": [' + ", ".join(f'"{i}"' for i in items) + "]}"
    for fmt, said in (("md", "No changes."), ("html", "<p>No changes.</p>"), ("json", '"summary": "no changes"')):
        assert said in nvap("diff", "HEAD", ".", "-f", fmt).output, fmt


def test_a_committed_draft_needs_no_change_notes(repo, nvap):
    """Change notes are for published editions: editing a committed draft, or publishing it, warns of nothing."""
    assert nvap("new", "2.6.4", "--title", "Supervision").exit_code == 0
    git(repo, "add", "content")
    git(repo, "commit", "-q", "-m", "a draft")
    draft = repo / "content" / "actions" / "2.6.4.yaml"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace('detail: ""', "detail: A first sentence"), encoding="utf-8")
    assert "differs from edition" not in nvap("validate").output
    assert nvap("validate", "--strict", "content/actions/1.1.1.yaml").exit_code == 0
    draft.write_text(text.replace('detail: ""', "detail: A first sentence").replace("status: draft", "status: published"))
    assert "differs from edition" not in nvap("validate").output


def test_change_notes_are_printed(content, tmp_path):
    from nvap_toolkit.build import build
    from nvap_toolkit.content.load import load_valid_project

    path = content / TOOLKIT
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '  date: "2025-01-01"\n',
            '  date: "2025-01-01"\n  changes:\n    - text: Objective 2 gains an activity.\n      affects_plans: true\n',
        ),
        encoding="utf-8",
    )
    build(load_valid_project(content), ["1.1.1"], ["md", "html"], tmp_path / "out")
    md = (tmp_path / "out" / "1.1.1.md").read_text(encoding="utf-8").splitlines()
    assert md[2:9] == [
        "Edition 1 (2025-01-01)",
        "",
        "The text of this toolkit is fixture text written for nvap's tests.",
        "",
        "## What has changed in this edition",
        "",
        "- Objective 2 gains an activity. (affects realisation plans made from the last edition)",
    ]
    html = (tmp_path / "out" / "1.1.1.html").read_text(encoding="utf-8")
    assert '<h2 id="changes">What has changed in this edition</h2>' in html
    assert '<p class="edition">Edition 1 (<time datetime="2025-01-01">2025-01-01</time>)</p>' in html


# -- nvap new ------------------------------------------------------------------------------------


def test_new_refuses_an_existing_id(content, nvap):
    result = nvap("new", "1.1.1", "--title", "Anything")
    assert (result.exit_code, result.output) == (
        2,
        "Error: the action 1.1.1 exists already (content/actions/1.1.1.yaml): choose another id\n",
    )
    bad = nvap("new", "two", "--title", "Anything")
    assert (bad.exit_code, bad.output) == (2, "Error: 'two' is not an action number such as 2.6.2\n")


def test_new_scaffold_validates_and_builds_as_a_draft(content, nvap, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01
    result = nvap("new", "2.6.4", "--title", 'Supervision: "care" & #1')
    assert (result.exit_code, lines(result)) == (
        0,
        ["wrote content/actions/2.6.4.yaml: a draft (nvap validate lists what is left to fill in)"],
    )
    text = (content / "actions" / "2.6.4.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/action.schema.json\n")
    assert 'id: "2.6.4"\ntitle: "Supervision: \\"care\\" & #1"\n' in text
    assert "status: draft\n" in text and '  date: "2025-12-01"\n' in text
    check = nvap("validate", "content/actions/2.6.4.yaml")
    assert check.exit_code == 0
    hint = "(a draft may leave it for now: fill it in before publishing)"
    assert lines(check) == [
        f"content/actions/2.6.4.yaml:13:9: warning: 'detail': must not be empty {hint}",
        f"content/actions/2.6.4.yaml:18:19: warning: 'organisational': must not be empty {hint}",
        f"content/actions/2.6.4.yaml:19:13: warning: 'external': must not be empty {hint}",
        f"content/actions/2.6.4.yaml:26:14: warning: 'how_we_know': needs at least 1 item {hint}",
        f"content/actions/2.6.4.yaml:32:13: warning: 'objectives': needs at least 1 item {hint}",
        "content/actions/2.6.4.yaml:32:13: warning: no activity gives outputs: the logic model's Outputs column would be "
        "empty; add outputs_note saying why (it then leaves the column out)",
        f"content/actions/2.6.4.yaml:37:10: warning: 'intro': must not be empty {hint}",
        f"content/actions/2.6.4.yaml:38:10: warning: 'links': needs at least 1 item {hint}",
        f"content/actions/2.6.4.yaml:54:11: warning: 'author': must not be empty {hint}",
        f"content/actions/2.6.4.yaml:55:14: warning: 'statement': must not be empty {hint}",
        "1 file checked: 0 errors, 10 warnings",
    ]
    again = nvap("new", "2.6.4", "--title", "Again")
    assert again.exit_code == 2
    built = nvap("build", "2.6.4", "--out", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output
    md = (tmp_path / "out" / "2.6.4.md").read_text(encoding="utf-8").splitlines()
    assert md[:5] == [
        '# Fixture Programme: Action Impact Toolkit 2.6.4 Supervision: "care" & #1',
        "",
        "> **Draft – not for use**",
        "",
        "Edition 1 (2025-12-01)",
    ]
    html = (tmp_path / "out" / "2.6.4.html").read_text(encoding="utf-8")
    assert "<title>Draft – not for use: Fixture Programme" in html
    assert '<p class="draft" role="note"><strong>Draft – not for use</strong></p>' in html
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "out" / "2.6.4.xlsx")
    assert [c.value for c in wb.worksheets[0]["A"][:3]] == [
        'Draft – not for use: Fixture Programme: Action Impact Toolkit 2.6.4 Supervision: "care" & #1',
        "Draft – not for use",
        "Edition 1 (2025-12-01)",
    ]


# -- every problem in one run ----------------------------------------------------------------------


def test_a_missing_field_does_not_hide_a_dangling_citation(write, nvap):
    text = (
        MINIMAL_ACTION.replace("    short_name: First\n", "")
        .replace("[@smith2020]", "[@smith2002]")
        .replace('peel: ["1.1"]', 'peel: ["1.1.2"]')
    )
    write("actions/9.9.9.yaml", text)
    result = nvap("validate", "content/actions/9.9.9.yaml")
    assert lines(result) == [
        "content/actions/9.9.9.yaml:4:38: unknown citation key 'smith2002'; did you mean 'smith2020'? (keys are those of content/reference/bibliography.yaml)",
        "content/actions/9.9.9.yaml:10:5: missing required field 'short_name'",
        "content/actions/9.9.9.yaml:20:14: unknown PEEL code '1.1.2'; did you mean '1.1.1'?",
        "1 file checked: 3 errors, 0 warnings",
    ]


def test_ignored_files_and_empty_documents_are_reported(write, nvap):
    write("actions/9.1.1.YAML", MINIMAL_ACTION)
    write("actions/9.1.1.yaml.txt", MINIMAL_ACTION)
    write("notes.md", "# notes\n")
    write("actions/9.9.8.yaml", "~\n")
    write("actions/9.9.7.yaml", "null  # not yet\n")
    result = nvap("validate")
    fields = "(id, title, plan, detail, impacts, how_we_know, ...)"
    assert lines(result) == [
        "content/actions/9.1.1.YAML:1:1: warning: nvap ignores this file (it reads only files ending in .yaml): did you mean 9.1.1.yaml?",
        "content/actions/9.1.1.yaml.txt:1:1: warning: nvap ignores this file (it reads only files ending in .yaml): did you mean 9.1.1.yaml?",
        f"content/actions/9.9.7.yaml:1:1: the file holds only 'null' (nothing): it should hold a mapping of fields {fields}",
        f"content/actions/9.9.8.yaml:1:1: the file holds only '~' (nothing): it should hold a mapping of fields {fields}",
        "content/notes.md:1:1: warning: nvap ignores this file (it reads only files ending in .yaml)",
        "11 files checked: 2 errors, 3 warnings",
    ]
    assert result.exit_code == 1


def test_field_reference_is_current():
    import runpy

    helpers = runpy.run_path(str(ROOT / "scripts" / "fields_doc.py"), run_name="fields_doc")
    assert helpers["fields_markdown"]() == (ROOT / "docs" / "fields.md").read_text(encoding="utf-8"), (
        "docs/fields.md is stale: run `make fields`"
    )


# -- plan --upgrade --------------------------------------------------------------------------------

V1_PLAN = ROOT / "tests" / "fixtures" / "plans" / "v1" / "norfolk-openpyxl.xlsx"
"""A plan of format 1 made from the shipped content's 2.6.2: these tests upgrade it against the shipped content."""


def test_upgrade_carries_every_answer_and_collects_cleanly(shipped, nvap, tmp_path):
    copy = tmp_path / "filled.xlsx"
    shutil.copyfile(V1_PLAN, copy)
    before = copy.read_bytes()
    result = nvap("plan", "--upgrade", str(copy), "--out", "upgraded")
    # --upgrade says what reading the filled plan noticed, as collect does.
    earlier = (
        "filled.xlsx: warning: the plan was made from an earlier edition of the toolkit for action 2.6.2: its wording "
        "differs in what the plan does not show. Its answers were placed by their ids"
    )
    assert (result.exit_code, lines(result)) == (
        0,
        ["wrote upgraded/norfolk-constabulary-realisation-plan.xlsx: 38 answers carried over by id", earlier],
    )
    assert copy.read_bytes() == before
    again = nvap("plan", "--upgrade", str(copy), "--out", "upgraded")
    assert lines(again) == [
        "unchanged upgraded/norfolk-constabulary-realisation-plan.xlsx: 38 answers carried over by id",
        earlier,
    ]
    other = tmp_path / "other"
    other.mkdir()
    (other / "norfolk-constabulary-realisation-plan.xlsx").write_bytes(b"a force's work")
    refused = nvap("plan", "--upgrade", str(copy), "--out", "other")
    assert (refused.exit_code, refused.output) == (
        1,
        (
            "Error: other/norfolk-constabulary-realisation-plan.xlsx already exists and may hold a force's work: nothing was "
            "written (use --overwrite to replace it, or --skip-existing to keep it)\n"
        ),
    )
    assert (other / "norfolk-constabulary-realisation-plan.xlsx").read_bytes() == b"a force's work"
    collected = nvap("collect", "upgraded", "--out", "summary", "-f", "json")
    assert (collected.exit_code, lines(collected)) == (0, ["1 plan read, 0 rejected, 45 forces missing"])
    summary = json.loads((tmp_path / "summary" / "summary.json").read_text(encoding="utf-8"))
    assert summary["problems"] == []
    answers = {(a["objective"], a["column"]): a for a in summary["answers"]}
    assert (
        answers[("training-and-briefings", "organisational")]["output"] == "=SUM(A1:A2) is what the trainer typed, not a formula"
    )
    assert answers[("training-and-briefings", "external")]["additional_comments"] == "Tabs\tand  double  spaces stay as typed."


def test_upgrade_keeps_answers_the_new_edition_has_no_place_for(shipped, nvap, tmp_path):
    path = shipped / "actions" / "2.6.2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: supervision-and-leadership", "  - id: leadership"), encoding="utf-8")
    result = nvap("plan", "--upgrade", str(V1_PLAN), "--out", "upgraded")
    assert result.exit_code == 0, result.output
    assert lines(result)[0] == "wrote upgraded/norfolk-constabulary-realisation-plan.xlsx: 21 answers carried over by id"
    assert len(lines(result)) == 1 + 2 + 17
    assert lines(result)[1].endswith(
        "objective 'supervision-and-leadership' of action 2.6.2 is no longer in the toolkit: "
        "its answers are reported under that objective but the plan is not counted"
    )
    assert lines(result)[2].endswith(
        "warning: objective 2 ('leadership') of action 2.6.2 was added after this plan was made: it has no answers in this plan"
    )
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "upgraded" / "norfolk-constabulary-realisation-plan.xlsx")
    kept = wb["Answers kept (earlier plan)"]
    rows = [[c.value for c in row] for row in kept.iter_rows()]
    assert rows[0][0] == "Answers kept (earlier plan)"  # the sheet's title in A1, then one table
    assert rows[1] == ["Action", "Objective", "Field", "Impact column", "Entry", "Cell in the earlier plan"]
    assert rows[2][:5] == ["2.6.2", "supervision-and-leadership", "Impact Owner", None, "ACC Jane Smith"]
    assert len(rows) == 2 + 17
    assert wb.sheetnames[-2:] == ["nvap_lists", "nvap"]


# -- several programmes ------------------------------------------------------------------------------


def test_a_second_programme_built_from_scaffolds(content, nvap, tmp_path):
    text = (content / "nvap.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "id: nvap\nname: Fixture Programme\nshort_name: FXP\n",
        "id: strategy\nname: Successor Strategy\nshort_name: SS\n",
    )
    text = text.replace("  action: Action\n", "  action: Strategy action\n", 1)
    index = text[text.index("actions:\n") : text.index("\n\n", text.index("actions:\n"))]
    text = text.replace(index, 'actions:\n  "7.1": First')
    (content / "strategy.yaml").write_text(text, encoding="utf-8")
    assert nvap("new", "7.1", "--title", "First").output == (
        "Error: the content holds several programmes (nvap, strategy): choose one with --programme ID\n"
    )
    assert nvap("new", "7.1", "--title", "First", "--programme", "strategy").exit_code == 0
    assert nvap("new", "7.2", "--title", "Second", "--programme", "strategy").exit_code == 0
    second_file = content / "actions" / "7.2.yaml"
    second_file.write_text(
        second_file.read_text(encoding="utf-8").replace('detail: ""', 'detail: "Follows [action:7.1]."'), encoding="utf-8"
    )
    assert nvap("new", "1.1.2", "--title", "Recruitment", "--programme", "strategy").output == (
        "Error: the action 1.1.2 is in the index of the programme nvap: give --programme nvap or another id\n"
    )
    checked = nvap("validate")
    assert checked.exit_code == 0, checked.output
    assert lines(checked)[-1] == "12 files checked: 0 errors, 19 warnings"
    built = nvap("build", "7.2", "1.1.1", "-f", "md", "--out", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output
    second = (tmp_path / "out" / "7.2.md").read_text(encoding="utf-8").splitlines()
    assert second[0] == "# Successor Strategy: Action Impact Toolkit 7.2 Second"
    assert "Follows [Strategy action 7.1 First](<7.1.md>)." in second
    assert (tmp_path / "out" / "1.1.1.md").read_text(encoding="utf-8").startswith("# Fixture Programme: ")
    # The strategy programme's toolkits are drafts: a plan leaves them out unless asked for.
    several = nvap("plan", "--force", "Norfolk", "--out", "plans", "--include-drafts")
    assert (several.exit_code, several.output) == (
        2,
        (
            "Error: the actions belong to several programmes (nvap, strategy): a plan holds one programme's actions; "
            "choose one with --programme ID (or --action ID)\n"
        ),
    )
    one = nvap("plan", "--force", "Norfolk", "--programme", "nvap", "--out", "plans")
    assert lines(one) == ["wrote plans/norfolk-constabulary-realisation-plan.xlsx"]


def test_action_ids_stay_unique_across_programmes(content, nvap):
    text = (content / "nvap.yaml").read_text(encoding="utf-8")
    (content / "strategy.yaml").write_text(text.replace("id: nvap\n", "id: strategy\n"), encoding="utf-8")
    result = nvap("validate")
    assert result.exit_code == 1
    assert lines(result) == [
        "content/strategy.yaml:33:3: the action '1.1.1' is also in the index of content/nvap.yaml: an action belongs to one programme",
        "content/strategy.yaml:34:3: the action '1.1.2' is also in the index of content/nvap.yaml: an action belongs to one programme",
        "10 files checked: 2 errors, 0 warnings",
    ]
