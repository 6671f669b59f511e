"""The command line: help, exit codes, start-up imports, schema drift, build behaviour."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, retitle

from nvap_toolkit.schema import stale_schemas


def listing(folder: str) -> list[str]:
    """The outputs in a folder (the build manifest is a hidden file)."""
    return sorted(p.name for p in Path(folder).iterdir() if not p.name.startswith("."))


def test_help_lists_every_command_with_help_text(nvap):
    result = nvap("--help")
    assert result.exit_code == 0
    for command in ("validate", "build", "plan", "collect", "schema"):
        assert command in result.output
        sub = nvap(command, "--help")
        assert sub.exit_code == 0
        assert "Usage: nvap " + command in " ".join(sub.output.split())


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from nvap_toolkit.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openpyxl', 'jinja2', 'pydantic', 'yaml', 'babel') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY []"


def test_unknown_command_is_a_usage_error(nvap):
    assert nvap("frobnicate").exit_code == 2


def test_schemas_are_current():
    assert stale_schemas(ROOT / "schemas") == [], "schemas/ is stale: run `make schemas`"


def test_schema_check_detects_drift(tmp_path, nvap):
    out = tmp_path / "schemas"
    assert nvap("schema", "--out", str(out)).exit_code == 0
    assert nvap("schema", "--out", str(out), "--check").exit_code == 0
    (out / "action.schema.json").write_text("{}", encoding="utf-8")
    result = nvap("schema", "--out", str(out), "--check")
    assert result.exit_code == 1
    assert "action.schema.json" in result.output


def test_every_content_file_names_its_schema():
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), (path, target)


def test_build_writes_every_format_and_reports(content, nvap):
    result = nvap("build", "1.1.1", "--out", "out")
    assert result.exit_code == 0, result.output
    assert listing("out") == ["1.1.1.html", "1.1.1.md", "1.1.1.xlsx"]
    assert result.output.strip().splitlines()[-1] == "1 document: 3 created, 0 updated, 0 unchanged in out/"
    again = nvap("build", "1.1.1", "--out", "out")
    assert again.output.strip().splitlines()[-1] == "1 document: up to date in out/"


def test_build_is_byte_identical_and_leaves_unchanged_files_alone(content, nvap):
    assert nvap("build", "--out", "one").exit_code == 0
    stamps = {name: (Path("one") / name).stat().st_mtime_ns for name in listing("one")}
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    assert nvap("build", "--out", "two").exit_code == 0
    for name in stamps:
        assert (Path("one") / name).read_bytes() == (Path("two") / name).read_bytes(), name
    assert nvap("build", "--out", "one").exit_code == 0
    assert {name: (Path("one") / name).stat().st_mtime_ns for name in listing("one")} == stamps


def test_failed_build_writes_nothing_and_keeps_earlier_outputs(content, nvap):
    assert nvap("build", "--format", "md", "--out", "out").exit_code == 0
    before = {p.name: p.read_bytes() for p in Path("out").iterdir()}
    action = content / "actions" / "1.1.1.yaml"
    action.write_text(action.read_text(encoding="utf-8").replace("title: Fixture Action", "titel: x", 1), encoding="utf-8")
    result = nvap("build", "--out", "out")
    assert result.exit_code == 1
    assert "content/actions/1.1.1.yaml:" in result.output
    assert "nothing was written" in result.output
    assert {p.name: p.read_bytes() for p in Path("out").iterdir()} == before


def test_build_unknown_document_and_format(content, nvap):
    result = nvap("build", "9.9.9")
    assert result.exit_code == 2
    assert "no document '9.9.9'" in result.output
    result = nvap("build", "--format", "docx")
    assert result.exit_code == 2
    assert (
        result.output.splitlines()[-1]
        == "Error: Invalid value for '--format' / '-f': 'docx' is not one of md, html, pdf, xlsx, ods"
    )


def test_build_covenant_only(content, nvap):
    result = nvap("build", "covenant", "--out", "out")
    assert result.exit_code == 0, result.output
    assert listing("out") == ["covenant-2024.html", "covenant-2024.md", "covenant-2024.xlsx"]


def test_rebuild_renders_again_when_an_output_was_changed_by_hand(content, nvap):
    assert nvap("build", "1.1.1", "-f", "md", "--out", "out").exit_code == 0
    good = Path("out/1.1.1.md").read_bytes()
    Path("out/1.1.1.md").write_text("edited by hand", encoding="utf-8")
    result = nvap("build", "1.1.1", "-f", "md", "--out", "out")
    assert result.output.strip().splitlines()[-1] == "1 document: 0 created, 1 updated, 0 unchanged in out/"
    assert Path("out/1.1.1.md").read_bytes() == good


def test_rebuild_after_a_content_change(content, nvap):
    assert nvap("build", "1.1.1", "-f", "md", "--out", "out").exit_code == 0
    retitle(content, "Officer and Staff Norms")
    result = nvap("build", "1.1.1", "-f", "md", "--out", "out")
    assert result.output.strip().splitlines()[-1] == "1 document: 0 created, 1 updated, 0 unchanged in out/"
    assert "Officer and Staff Norms" in Path("out/1.1.1.md").read_text(encoding="utf-8")


def test_plan_for_a_force_and_never_overwritten(content, nvap):
    from openpyxl import load_workbook

    result = nvap("plan", "--force", "norfolk", "--out", "plans")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "wrote plans/norfolk-constabulary-realisation-plan.xlsx"
    path = Path("plans/norfolk-constabulary-realisation-plan.xlsx")
    blank = path.read_bytes()
    # The force fills in its plan.
    wb = load_workbook(path)
    ((sheet, coord),) = wb.defined_names["p_1_1_1_project_lead"].destinations
    wb[sheet][coord.replace("$", "")].value = "DCI Jones"
    wb.save(path)
    filled = path.read_bytes()
    assert filled != blank
    again = nvap("plan", "--force", "Norfolk Constabulary", "--out", "plans")
    assert again.exit_code == 1
    assert again.output == (
        "Error: plans/norfolk-constabulary-realisation-plan.xlsx already exists and may hold a force's work: "
        "nothing was written (use --overwrite to replace it, or --skip-existing to keep it)\n"
    )
    assert path.read_bytes() == filled
    kept = nvap("plan", "--force", "Norfolk", "--force", "Suffolk", "--out", "plans", "--skip-existing")
    assert kept.exit_code == 0
    assert kept.output.splitlines() == [
        "wrote plans/suffolk-constabulary-realisation-plan.xlsx",
        "kept plans/norfolk-constabulary-realisation-plan.xlsx as it is (it exists and may hold a force's work)",
    ]
    assert path.read_bytes() == filled
    assert nvap("plan", "--force", "Norfolk", "--out", "plans", "--overwrite").exit_code == 0
    assert path.read_bytes() == blank


def test_plan_typo_and_path_like_force(content, nvap):
    result = nvap("plan", "--force", "Norflok", "--out", "plans")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: unknown police force 'Norflok': did you mean Norfolk Constabulary? (nvap plan --list-forces lists them)"
    )
    result = nvap("plan", "--force", "../../x", "--out", "plans")
    assert result.exit_code == 2
    assert "is not the name of a police force" in result.output
    assert not Path("plans").exists()


def test_plan_lists_the_forces(content, nvap):
    result = nvap("plan", "--list-forces")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Force\tAlso known as"
    # In the order of the fixture's forces.yaml.
    assert lines[1:] == [
        "Cumbria Constabulary\tCumbria",
        "Devon and Cornwall Police\tDevon and Cornwall, D&C",
        "Dorset Police\tDorset",
        "Durham Constabulary\tDurham",
        "Essex Police\tEssex",
        "Hampshire and Isle of Wight Constabulary\tHampshire and Isle of Wight, Hants, HIOWC",
        "Kent Police\tKent",
        "Lancashire Constabulary\tLancashire, Lancs",
        "Metropolitan Police Service\tMetropolitan Police, Met, MPS",
        "Norfolk Constabulary\tNorfolk",
        "Suffolk Constabulary\tSuffolk",
        "Wiltshire Police\tWiltshire, Wilts",
        "Gwent Police\tGwent, Heddlu Gwent",
        # Its short name is its name: not listed again as another name (as for the shipped national forces).
        "British Transport Police\tBTP",
    ]


def test_demo_keeps_a_filled_demo_plan(content, nvap):
    """``make demo``'s own plan command, run again over a plan a user filled, leaves that plan as it is."""
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    (line,) = [ln.split("$(BIN)/nvap ", 1)[1] for ln in makefile.splitlines() if "$(BIN)/nvap plan" in ln]
    args = line.replace("$(OUT)", "out").split()
    assert nvap(*args).exit_code == 0
    plan = Path("out/plans/norfolk-constabulary-realisation-plan.xlsx")
    plan.write_bytes(b"a force's filled plan")
    again = nvap(*args)
    assert again.exit_code == 0, again.output
    assert plan.read_bytes() == b"a force's filled plan"


def test_collect_into_its_own_input_folder(content, nvap):
    assert nvap("plan", "--force", "Norfolk", "--force", "Kent", "--out", "returns").exit_code == 0
    first = nvap("collect", "returns", "--out", "returns")
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == "2 plans read, 0 rejected, 12 forces missing"
    # Read again, the folder holds the summary too: every file is accounted for, nvap's own outputs skipped.
    Path("returns", "covering letter.docx").write_bytes(b"PK")
    again = nvap("collect", "returns", "--out", "elsewhere")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines() == [
        "returns/answers.csv: skipped (a summary written by nvap collect)",
        "returns/covering letter.docx: skipped (not a spreadsheet (.docx): not read as a plan)",
        "returns/summary.csv: skipped (a summary written by nvap collect)",
        "returns/summary.html: skipped (a summary written by nvap collect)",
        "returns/summary.json: skipped (a summary written by nvap collect)",
        "returns/summary.xlsx: skipped (a summary written by nvap collect)",
        "2 plans read, 0 rejected, 12 forces missing",
    ]


def test_collect_with_nothing_to_read_warns_and_exits_1(content, nvap):
    Path("empty").mkdir()
    result = nvap("collect", "empty")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "warning: no plans found in empty (plans are the workbooks 'nvap plan' makes, as .xlsx, .xlsm or .ods)",
        "0 plans read, 0 rejected, 14 forces missing",
    ]


def test_plan_needs_a_force(content, nvap):
    result = nvap("plan")
    assert result.exit_code == 2
    assert "give --force NAME" in result.output


def test_strict_rebuild_is_not_skipped_when_the_content_has_warnings(content, nvap):
    bib = content / "reference" / "bibliography.yaml"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "  unused2020:\n    type: book\n    author: [{literal: Nobody}]\n    year: 2020\n    title: Unused\n",
        encoding="utf-8",
    )
    assert nvap("build", "-f", "md", "--out", "out").exit_code == 0
    assert nvap("build", "-f", "md", "--out", "out").output.strip().endswith("up to date in out/")
    strict = nvap("build", "-f", "md", "--out", "out", "--strict")
    assert strict.exit_code == 1
    assert "warning: the reference 'unused2020' is cited by no document" in strict.output


def test_readme_command_reference_is_current():
    import runpy

    helpers = runpy.run_path(str(ROOT / "scripts" / "readme_help.py"), run_name="readme_help")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert helpers["updated"](text) == text, "README.md's command reference is stale: run `make readme`"


def test_pdf_without_its_system_libraries_is_a_usage_error_saying_what_to_install(content, nvap, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when Pango is missing: the import fails
    result = nvap("build", "1.1.1", "-f", "pdf", "--out", "out")
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: PDF output needs WeasyPrint's system libraries (Pango): on Debian or Ubuntu, "
        "'apt-get install libpango-1.0-0 libpangoft2-1.0-0' (make test-clients installs them)"
    )
    assert not Path("out/1.1.1.pdf").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick import is for Linux")
def test_weasyprint_is_imported_as_usual_when_its_import_without_ctypes_search_fails(monkeypatch, capsys):
    import ctypes.util

    from nvap_toolkit.render import pdf

    for name in [n for n in sys.modules if n.startswith("weasyprint")]:
        monkeypatch.setitem(sys.modules, name, sys.modules[name])  # put back after the test
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    search = ctypes.util.find_library
    searching = []

    def import_html():
        searching.append(ctypes.util.find_library is search)
        if len(searching) == 1:
            print("WeasyPrint could not import some external libraries.")  # as WeasyPrint does, before it fails
            sys.modules["weasyprint.urls"] = sys  # imported before the failure
            raise OSError("cannot load library 'libgobject-2.0-0'")
        return "HTML"

    monkeypatch.setattr(pdf, "_import_html", import_html)
    assert pdf.weasyprint_html() == "HTML"
    assert searching == [False, True]  # once without ctypes' search, then as usual
    assert ctypes.util.find_library is search
    assert "weasyprint.urls" not in sys.modules  # the failed import forgotten
    assert capsys.readouterr().out == ""


def test_a_build_of_several_documents_writes_an_index(content, nvap):
    result = nvap("build", "--out", "out", "-f", "md", "-f", "html")
    assert result.exit_code == 0, result.output
    assert listing("out") == ["1.1.1.html", "1.1.1.md", "covenant-2024.html", "covenant-2024.md", "index.html", "index.md"]
    md = Path("out/index.md").read_text(encoding="utf-8")
    assert "| [Action Impact Toolkit 1.1.1 Fixture Action](<1.1.1.md>) | 1 |" in md
    assert "[Markdown](<1.1.1.md>), [Web page](<1.1.1.html>)" in md
    assert "[Markdown](<covenant-2024.md>), [Web page](<covenant-2024.html>)" in md
    html = Path("out/index.html").read_text(encoding="utf-8")
    for name in ("1.1.1.md", "1.1.1.html", "covenant-2024.md", "covenant-2024.html"):
        assert f'href="{name}"' in html
    one = nvap("build", "1.1.1", "--out", "one", "-f", "md")
    assert one.exit_code == 0 and listing("one") == ["1.1.1.md"]


def test_the_index_lists_every_format_in_the_folder(content, nvap):
    """A build's index lists what is in the output folder, the formats an earlier build left there too."""
    assert nvap("build", "-f", "md", "--out", "out").exit_code == 0
    for name in ("1.1.1.pdf", "covenant-2024.pdf"):  # as an earlier `nvap build 1.1.1 covenant -f pdf` left them
        Path("out", name).write_bytes(b"%PDF-1.7 an earlier build's")
    assert nvap("build", "-f", "md", "-f", "html", "--out", "out").exit_code == 0
    index = Path("out/index.html").read_text(encoding="utf-8")
    assert 'href="1.1.1.pdf"' in index and 'href="covenant-2024.pdf"' in index
    assert 'href="1.1.1.xlsx"' not in index  # never built here
    assert "1.1.1.pdf" in Path("out/index.md").read_text(encoding="utf-8")
