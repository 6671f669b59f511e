"""One registry of formats and languages: the choices in --help, one usage error for a wrong value, and build -f ods."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nvap_toolkit.errors import UsageError
from nvap_toolkit.formats import BUILD, COLLECT, PLAN, check_languages, languages
from nvap_toolkit.sheets.files import open_book_bytes


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.output.splitlines() if line.strip()]


def test_the_registry_orders_checks_and_defaults():
    assert BUILD.chosen([]) == ["md", "html", "xlsx"]
    assert BUILD.chosen(["ods", "md", "ods"]) == ["md", "ods"]
    assert COLLECT.chosen([]) == ["xlsx", "html", "csv", "json"]
    assert PLAN.chosen([]) == ["xlsx"]
    with pytest.raises(UsageError, match=r"^'docx' is not one of md, html, pdf, xlsx, ods$"):
        BUILD.chosen(["md", "docx"])


@pytest.mark.parametrize(
    ("command", "listed"),
    [
        (["build"], "md, html, pdf, xlsx or ods; repeat for several (default: md, html and xlsx)"),
        (["collect"], "xlsx, ods, html, pdf, csv, json or md; repeat for several (default: xlsx, html, csv and json)"),
        (["plan"], "xlsx or ods (default: xlsx)"),
        (["diff"], "text, md, html or json (default: text)"),
        (["translate", "stats"], "text or json (default: text)"),
    ],
)
def test_help_lists_the_choices(nvap, command, listed):
    result = nvap(*command, "--help")
    assert result.exit_code == 0
    assert listed in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("command", "error"),
    [
        (["build", "-f", "docx"], "Error: Invalid value for '--format' / '-f': 'docx' is not one of md, html, pdf, xlsx, ods"),
        (
            ["collect", "returned", "-f", "xls"],
            "Error: Invalid value for '--format' / '-f': 'xls' is not one of xlsx, ods, html, pdf, csv, json, md",
        ),
        (
            ["plan", "--force", "Norfolk", "--format", "pdf"],
            "Error: Invalid value for '--format' / '-f': 'pdf' is not one of xlsx, ods",
        ),
        (["diff", "a", "b", "-f", "xml"], "Error: Invalid value for '--format' / '-f': 'xml' is not one of text, md, html, json"),
        (["translate", "stats", "--format", "xml"], "Error: Invalid value for '--format': 'xml' is not one of text, json"),
        (
            ["build", "--lang", "en,fr"],
            "Error: Invalid value for '--lang': 'fr' is not one of en, cy ('nvap translate update --lang fr' writes its catalogues)",
        ),
        (["plan", "--force", "Norfolk", "--lang", "../cy"], "Error: Invalid value for '--lang': '../cy' is not one of en, cy"),
        (
            ["translate", "update", "--lang", "en"],
            "Error: Invalid value for '--lang': 'en' is the language the content is written in: "
            "name the language to translate it into (e.g. cy)",
        ),
    ],
)
def test_a_wrong_value_is_one_usage_error(content, nvap, command, error):
    result = nvap(*command)
    assert (result.exit_code, lines(result)[-1]) == (2, error)
    assert lines(result)[0].startswith(f"Usage: nvap {command[0]} ")


def test_the_languages_are_those_of_the_content(content, nvap):
    assert languages(content) == ["en", "cy"]
    assert check_languages("cy, en,cy", content) == ["cy", "en"]
    shutil.rmtree(content / "translations")
    assert languages(content) == ["en"]
    result = nvap("build", "1.1.1", "--lang", "cy")
    assert (result.exit_code, lines(result)[-1]) == (
        2,
        "Error: Invalid value for '--lang': 'cy' is not one of en ('nvap translate update --lang cy' writes its catalogues)",
    )
    other = content.parent / "other"
    shutil.copytree(content, other)
    (other / "translations/fr").mkdir(parents=True)
    assert nvap("--content", str(other), "build", "1.1.1", "--lang", "fr", "--dry-run").exit_code == 0


def test_build_ods_writes_every_workbook_as_opendocument(content, nvap):
    result = nvap("build", "--out", "out", "-f", "ods", "-f", "xlsx")
    assert (result.exit_code, lines(result)) == (0, ["2 documents: 6 created, 0 updated, 0 unchanged in out/"])
    assert sorted(p.name for p in Path("out").iterdir()) == [
        ".nvap-build.json",
        "1.1.1.ods",
        "1.1.1.xlsx",
        "covenant-2024.ods",
        "covenant-2024.xlsx",
        "index.html",
        "index.md",
    ]
    for stem in ("1.1.1", "covenant-2024"):
        ods = open_book_bytes(Path(f"out/{stem}.ods").read_bytes())
        xlsx = open_book_bytes(Path(f"out/{stem}.xlsx").read_bytes())
        assert ods.kind == "OpenDocument spreadsheet"
        assert list(ods.sheets) == list(xlsx.sheets)
    assert "[OpenDocument spreadsheet](<1.1.1.ods>)" in Path("out/index.md").read_text(encoding="utf-8")
    manifest = json.loads(Path("out/.nvap-build.json").read_text(encoding="utf-8"))
    assert manifest["documents"]["1.1.1"]["formats"] == ["xlsx", "ods"]
    assert sorted(manifest["documents"]["covenant-2024"]["files"]) == ["covenant-2024.ods", "covenant-2024.xlsx"]
    again = nvap("build", "--out", "out", "-f", "xlsx", "-f", "ods")
    assert lines(again) == ["2 documents: up to date in out/"]


def test_ods_is_not_built_by_default(content, nvap):
    assert nvap("build", "1.1.1", "--out", "out").exit_code == 0
    assert sorted(p.name for p in Path("out").iterdir()) == [".nvap-build.json", "1.1.1.html", "1.1.1.md", "1.1.1.xlsx"]
