"""``--dry-run`` on every command that writes: what would be created, updated or left unchanged, and nothing written."""

from __future__ import annotations

from pathlib import Path

SUMMARY = "dry run: {} would be created, {} updated, {} unchanged; nothing was written"


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.output.splitlines() if line.strip()]


def tree(folder: Path = Path(".")) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, and every folder (as None): what a dry run must leave as it is."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        found[str(path)] = path.read_bytes() if path.is_file() else b"<folder>"
    return found


def test_build_dry_run_into_a_fresh_folder_writes_nothing(content, nvap):
    before = tree()
    result = nvap("build", "1.1.1", "--out", "out", "-f", "md", "-f", "ods", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        ["would create out/1.1.1.md", "would create out/1.1.1.ods", SUMMARY.format("2 files", 0, 0)],
    )
    assert not Path("out").exists()  # not even the folder, nor the build's manifest in it
    assert tree() == before


def test_build_dry_run_says_what_would_change(content, nvap):
    assert nvap("build", "--out", "out", "-f", "md", "-f", "html").exit_code == 0
    Path("out/1.1.1.md").write_text("edited by hand\n", encoding="utf-8")
    before = tree()
    result = nvap("build", "--out", "out", "-f", "md", "-f", "html", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        [
            "unchanged out/covenant-2024.html",
            "unchanged out/covenant-2024.md",
            "would update out/1.1.1.md",
            "unchanged out/1.1.1.html",
            "unchanged out/index.html",
            "unchanged out/index.md",
            SUMMARY.format("0 files", 1, 5),
        ],
    )
    assert tree() == before


def test_build_dry_run_with_everything_up_to_date(content, nvap):
    assert nvap("build", "1.1.1", "--out", "out", "-f", "md", "-f", "xlsx").exit_code == 0
    before = tree()
    result = nvap("build", "1.1.1", "--out", "out", "-f", "md", "-f", "xlsx", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        ["unchanged out/1.1.1.md", "unchanged out/1.1.1.xlsx", SUMMARY.format("0 files", 0, 2)],
    )
    assert tree() == before


def test_a_dry_run_leaves_a_killed_builds_temporary_files_alone(content, nvap):
    Path("out").mkdir()
    Path("out/.1.1.1.md.0a1b2c3d.nvap-tmp").write_bytes(b"half")
    before = tree()
    assert nvap("build", "1.1.1", "--out", "out", "-f", "md", "--dry-run").exit_code == 0
    assert tree() == before


def test_plan_dry_run(content, nvap):
    before = tree()
    result = nvap("plan", "--force", "Norfolk", "--force", "BTP", "--out", "plans", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        [
            "would create plans/norfolk-constabulary-realisation-plan.xlsx",
            "would create plans/british-transport-police-realisation-plan.xlsx",
            SUMMARY.format("2 files", 0, 0),
        ],
    )
    assert tree() == before


def test_plan_dry_run_keeps_the_protection_of_a_forces_plan(content, nvap):
    assert nvap("plan", "--force", "Norfolk", "--out", "plans", "--format", "ods").exit_code == 0
    plan = Path("plans/norfolk-constabulary-realisation-plan.ods")
    plan.write_bytes(b"a force's work")
    before = tree()
    refused = nvap("plan", "--force", "Norfolk", "--out", "plans", "--format", "ods", "--dry-run")
    assert refused.exit_code == 1
    assert lines(refused)[-1].endswith(
        "already exists and may hold a force's work: nothing was written (use --overwrite to replace it, or --skip-existing to keep it)"
    )
    asked = nvap("plan", "--force", "Norfolk", "--out", "plans", "--format", "ods", "--overwrite", "--dry-run")
    assert (asked.exit_code, lines(asked)) == (
        0,
        ["would update plans/norfolk-constabulary-realisation-plan.ods", SUMMARY.format("0 files", 1, 0)],
    )
    assert tree() == before


def test_collect_dry_run(content, nvap):
    assert nvap("plan", "--force", "Norfolk", "--out", "returned").exit_code == 0
    before = tree()
    result = nvap("collect", "returned", "--out", "collected", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        [
            "would create collected/summary.xlsx",
            "would create collected/summary.html",
            "would create collected/summary.csv",
            "would create collected/answers.csv",
            "would create collected/summary.json",
            SUMMARY.format("5 files", 0, 0),
            "1 plan read, 0 rejected, 13 forces missing",
        ],
    )
    assert tree() == before


def test_schema_dry_run(content, nvap):
    before = tree()
    result = nvap("schema", "--out", "schemas", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        [
            "would create schemas/programme.schema.json",
            "would create schemas/action.schema.json",
            "would create schemas/covenant-report.schema.json",
            "would create schemas/peel.schema.json",
            "would create schemas/bibliography.schema.json",
            "would create schemas/links.schema.json",
            "would create schemas/perennial-challenges.schema.json",
            "would create schemas/forces.schema.json",
            "would create schemas/glossary.schema.json",
            SUMMARY.format("9 files", 0, 0),
        ],
    )
    assert tree() == before
    assert nvap("schema", "--out", "schemas").exit_code == 0
    again = nvap("schema", "--out", "schemas", "--dry-run")
    assert lines(again)[-1] == SUMMARY.format("0 files", 0, 9)


def test_translate_update_dry_run(content, nvap):
    before = tree()
    result = nvap("translate", "update", "--lang", "fr", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        [
            "would create content/translations/fr/actions/1.1.1.po",
            "would create content/translations/fr/covenant/2024.po",
            "would create content/translations/fr/nvap.po",
            "would create content/translations/fr/reference/glossary.po",
            "would create content/translations/fr/reference/links.po",
            "would create content/translations/fr/reference/peel.po",
            "would create content/translations/fr/reference/perennial-challenges.po",
            SUMMARY.format("7 files", 0, 0),
        ],
    )
    assert tree() == before


def test_new_dry_run(content, nvap):
    before = tree()
    result = nvap("new", "2.6.4", "--title", "Supervision", "--dry-run")
    assert (result.exit_code, lines(result)) == (
        0,
        ["would create content/actions/2.6.4.yaml", SUMMARY.format("1 file", 0, 0)],
    )
    assert tree() == before
