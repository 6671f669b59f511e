"""Welsh outputs and plans, from a pseudo-translation of the catalogues.

nvap never ships Welsh it did not get from a translator: these tests fill a copy of
the catalogues with each English string between ⟦ ⟧ (inline forms kept), so that
every word a reader sees can be traced to a catalogue, and so can every word that
bypasses one.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import plan_names as names
import pytest
from babel.messages.pofile import read_po, write_po
from openpyxl import load_workbook
from support import FIXTURE, SHIPPED, SOURCES, copy_fixture
from typer.testing import CliRunner

from nvap_toolkit.cli import app
from nvap_toolkit.collect.tally import collect
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.i18n.catalogue import update_catalogues
from nvap_toolkit.writer import write_outputs

OPEN, CLOSE = "⟦", "⟧"
ACTION = "1.1.1"
OUTPUTS_NOTE = "outputs_note: Fixture note that no outputs are given."
CHANGED_NOTE = "Fixture note that no outputs are given, reworded."


def pseudo_translate(root: Path, change: Callable[[str, str], str] | None = None) -> None:
    """Update the Welsh catalogues of the content at ``root``, then set every msgstr to ⟦English⟧ (or ``change``'s)."""
    write_outputs([u.output for u in update_catalogues(load_valid_project(root), "cy")])
    for po in sorted((root / "translations/cy").rglob("*.po")):
        with po.open("rb") as fh:
            catalogue = read_po(fh)
        for message in catalogue:
            if message.id:
                message.string = change(message.context, message.id) if change else f"{OPEN}{message.id}{CLOSE}"
        with po.open("wb") as fh:
            write_po(fh, catalogue)


@pytest.fixture(scope="module")
def welsh_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture content whose Welsh catalogues are a full pseudo-translation."""
    root = tmp_path_factory.mktemp("welsh") / "content"
    copy_fixture(root)
    pseudo_translate(root)
    return root


@pytest.fixture(scope="module")
def shipped_welsh_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped content whose Welsh catalogues are a full pseudo-translation: for the source texts' check."""
    root = tmp_path_factory.mktemp("welsh-shipped") / "content"
    shutil.copytree(SHIPPED, root)
    pseudo_translate(root)
    return root


@pytest.fixture
def root(welsh_root: Path, tmp_path: Path) -> Path:
    """A private copy of the pseudo-translated content, to change."""
    dest = tmp_path / "content"
    shutil.copytree(welsh_root, dest)
    return dest


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        app, ["--content", str(root), *args], catch_exceptions=False, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    )
    return result


def outside_markers(text: str) -> str:
    """``text`` without what is between ⟦ and ⟧ (markers nest: a translated title inside a translated sentence)."""
    out, depth = [], 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def reference_entries(project: Project) -> list[str]:
    """The reference list's entries: cited as published, never translated (their titles share words with the toolkit)."""
    from nvap_toolkit.render.citations import reference_runs

    return ["".join(text for text, _ in reference_runs(ref)) for ref in project.bibliography.references.values()]


# -- every word a reader sees goes through a catalogue ------------------------------------------


needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason=f"the source texts are not at {SOURCES} (set NVAP_SOURCES)")


@needs_sources
@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_every_sentence_of_the_welsh_toolkit_comes_from_a_catalogue(shipped_welsh_root: Path, tmp_path: Path, fmt: str) -> None:
    from source_text import html_text, missing, normalise, source_sentences, xlsx_text

    sentences = source_sentences(SOURCES / "004_b979efec25969804.txt", cut=("\nReferences\n", "\nVKPP NVAP Impact\n"))
    assert len(sentences) > 400
    result = run(shipped_welsh_root, "build", "2.6.2", "--lang", "cy", "--format", fmt, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # nothing is left in English
    data = (tmp_path / f"2.6.2.cy.{fmt}").read_bytes()
    if fmt == "html":
        page = data.decode()
        assert page.startswith('<!DOCTYPE html>\n<html lang="cy">')
        references = re.compile(r'<li id="ref-[^"]+" lang="en">.*?</li>')
        assert len(references.findall(page)) == 22  # the reference list of 2.6.2
        page = references.sub(" ", page)
        assert 'lang="en"' not in page  # only the references are in English
        text = html_text(page)
    else:
        text = xlsx_text(data)
    # Nothing is lost: with the markers dropped, the Welsh toolkit holds every sentence of the source...
    assert missing(sentences, normalise(text.replace(OPEN, "").replace(CLOSE, ""))) == []
    # ...and each one only between markers: no sentence reaches the page without its catalogue.
    rest = normalise(outside_markers(text))
    for entry in reference_entries(load_valid_project(shipped_welsh_root)):
        rest = rest.replace(normalise(entry), " ")
    assert [s for s in sentences if s in rest] == []
    # Nor does any other word: outside the markers only numbers, codes, acronyms, addresses and punctuation are left.
    assert re.findall(r"[A-Za-z]*[a-z]{2,}[A-Za-z]*", re.sub(r"https?://\S+|\S+@\S+", " ", rest)) == []


def test_the_check_can_fail(welsh_root: Path) -> None:
    """A sentence printed without its catalogue is found outside the markers."""
    sentence = "Current training programmes tend to focus on the extreme signs of secondary trauma"
    text = f"{OPEN}Heading{OPEN}2{CLOSE}{CLOSE} {sentence}. {OPEN}{sentence}{CLOSE}"
    assert outside_markers(text).strip() == f"{sentence}."


def test_stats_report_every_string_translated(welsh_root: Path) -> None:
    result = run(welsh_root, "translate", "stats", "--lang", "cy", "--min", "100")
    assert result.exit_code == 0, result.output
    (total,) = [line for line in result.output.splitlines() if line.startswith("cy: ")]
    counted = re.fullmatch(r"cy: (\d+) of (\d+) strings translated \(100\.0%\), 0 fuzzy, 0 untranslated, 0 invalid", total)
    assert counted is not None, total
    assert counted.group(1) == counted.group(2)


# -- an English change: fuzzy, shown in English, said so -------------------------------------------


def test_an_english_change_is_fuzzy_shown_in_english_and_counted(root: Path, tmp_path: Path) -> None:
    source = root / "actions/1.1.1.yaml"
    text = source.read_text(encoding="utf-8")
    assert text.count(OUTPUTS_NOTE) == 1
    source.write_text(text.replace(OUTPUTS_NOTE, f"outputs_note: {CHANGED_NOTE}"), encoding="utf-8")

    result = run(root, "translate", "update", "--lang", "cy")
    assert result.exit_code == 0, result.output
    assert f"updated {root}/translations/cy/actions/1.1.1.po: 1 changed (now fuzzy)" in result.output
    fuzzy = []
    for po in (root / "translations/cy").rglob("*.po"):
        with po.open("rb") as fh:
            fuzzy += [m.context for m in read_po(fh) if m.id and m.fuzzy]
    assert fuzzy == ["1.1.1:outputs_note"]

    out = tmp_path / "out"
    result = run(root, "build", ACTION, "--lang", "cy", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if "warning" in line] == [
        "warning: 1.1.1 cy: 1 string in English, 1 out of date"
    ]
    page = (out / "1.1.1.cy.html").read_text(encoding="utf-8")
    spans = re.findall(r'<span lang="en">(.*?)</span>', page)
    assert spans and set(spans) == {CHANGED_NOTE}
    assert page.count(CHANGED_NOTE) == len(spans)  # every time it is printed, it is marked
    assert CHANGED_NOTE in (out / "1.1.1.cy.md").read_text(encoding="utf-8")  # Markdown and Excel: simply the English
    cells = [c.value for ws in load_workbook(out / "1.1.1.cy.xlsx").worksheets for row in ws.iter_rows() for c in row]
    assert CHANGED_NOTE in cells
    assert f"{OPEN}{CHANGED_NOTE}{CLOSE}" not in page and "Fixture note that no outputs are given." not in page


def test_changing_a_translation_rebuilds_the_welsh_document_only(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(root, "build", ACTION, "--lang", "en,cy", "--out", str(out)).exit_code == 0
    result = run(root, "build", ACTION, "--lang", "en,cy", "--out", str(out))
    assert result.output.splitlines()[-1] == f"2 documents: up to date in {out}/"
    english = (out / "1.1.1.html").stat().st_mtime_ns
    po = root / "translations/cy/actions/1.1.1.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{OPEN}Fixture Action{CLOSE}"', 'msgstr "X"'), encoding="utf-8")
    result = run(root, "build", ACTION, "--lang", "en,cy", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "<h1>⟦Action Impact Toolkit⟧ 1.1.1 X</h1>" in (out / "1.1.1.cy.html").read_text(encoding="utf-8")
    assert (out / "1.1.1.html").stat().st_mtime_ns == english


def test_a_broken_placeholder_stops_the_welsh_build_at_its_line(root: Path, tmp_path: Path) -> None:
    context = "1.1.1:objectives[objective-one].activities[activity-one].evidence[1]"

    def change(ctx: str, english: str) -> str:
        return f"{OPEN}{english.replace('[@smith2020]', '[@smith2002]')}{CLOSE}" if ctx == context else f"{OPEN}{english}{CLOSE}"

    pseudo_translate(root, change)
    po = root / "translations/cy/actions/1.1.1.po"
    with po.open("rb") as fh:
        msgid = next(m.lineno for m in read_po(fh) if m.context == context)  # Babel gives the line of its msgid
    lines = po.read_text(encoding="utf-8").splitlines()
    line = next(i for i in range(msgid - 1, len(lines)) if lines[i].startswith("msgstr ")) + 1
    result = run(root, "build", ACTION, "--lang", "cy", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (
        f"{po}:{line}:1: the translation of {context} must keep the inline forms of the English: "
        "[@smith2020] of the English is missing and [@smith2002] is not in the English"
    ) in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# -- English where the catalogues are empty: marked, and the HTML stays sound ------------------------


class _Unmarked(HTMLParser):
    """The text of a page's body that no ``lang="en"`` element holds."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: English, or inside English
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "meta", "link", "img", "input", "hr", "col"):
            self.stack.append(bool(self.stack and self.stack[-1]) or ("lang", "en") in attrs or tag in ("head", "style"))

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def unmarked_words(page: str) -> list[str]:
    """Words of the page outside every ``lang="en"`` element (and its head); addresses aside."""
    parser = _Unmarked()
    parser.feed(page)
    text = re.sub(r"https?://\S+|\S+@\S+", " ", " ".join(parser.text))
    return re.findall(r"[A-Za-z]*[a-z]{2,}[A-Za-z]*", text)


def test_untranslated_strings_are_english_marked_where_html_allows(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        FIXTURE, "build", ACTION, "covenant", "--lang", "cy", "--format", "html", "--out", str(out)
    )  # the fixture's empty catalogues
    assert result.exit_code == 0, result.output
    assert "warning: 1.1.1 cy: " in result.output and ", 0 out of date" in result.output
    for name in ("1.1.1.cy.html", "covenant-2024.cy.html"):  # every word a reader sees is marked English: none is left
        assert unmarked_words((out / name).read_text(encoding="utf-8")) == [], name
    page = (out / "1.1.1.cy.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in page
    assert '<h1><span lang="en">Action Impact Toolkit</span> 1.1.1 <span lang="en">Fixture Action</span></h1>' in page
    # A title or an attribute cannot hold an element: the English is there, unmarked.
    assert "<title>Fixture Programme: Action Impact Toolkit 1.1.1 Fixture Action</title>" in page
    assert '<abbr title="Fixture Acronym">FXA</abbr>' in page
    assert re.findall(r'="[^"]*<', page) == []  # no markup inside an attribute value
    assert "\ue000" not in page and "\ue001" not in page
    assert '<span lang="en"><span' not in page  # an English title in an English sentence: one span


def test_the_index_lists_both_languages(welsh_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(welsh_root, "build", ACTION, "--lang", "en,cy", "--format", "md", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "1.1.1.cy.md", "1.1.1.md", "index.html", "index.md",
    ]  # fmt: skip
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| [Action Impact Toolkit 1.1.1 Fixture Action](<1.1.1.md>) | 1 | 2025-01-01 | [Markdown](<1.1.1.md>) |" in index
    assert (
        "| [⟦Action Impact Toolkit⟧ 1.1.1 ⟦Fixture Action⟧](<1.1.1.cy.md>) | 1 | 2025-01-01 | [⟦Markdown⟧](<1.1.1.cy.md>) |"
        in index
    )
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<tr lang="cy"><th scope="row"><a href="1.1.1.cy.md">⟦Action Impact Toolkit⟧ 1.1.1 ⟦Fixture Action⟧</a>' in html


# -- Welsh plans --------------------------------------------------------------------------------------


COLUMN_NAMES = ("organisational", "external")


def cell(wb, name: str):  # type: ignore[no-untyped-def]
    ((sheet, coord),) = wb.defined_names[name].destinations
    return wb[sheet][coord.replace("$", "")]


def options(wb, objective: str, field: str) -> list[str]:  # type: ignore[no-untyped-def]
    """A dropdown's options as the plan offers them (its list on the hidden sheet)."""
    ((sheet, ref),) = wb.defined_names[names.listed(objective, field)].destinations
    return [row[0].value for row in wb[sheet][ref.replace("$", "")]]


def fill(path: Path, tag: str, choice: int) -> dict[tuple[str, str, str], str]:
    """Fill every input of a plan as a force would: option ``choice`` of each dropdown, ``tag``-ed text elsewhere.

    Returns what was typed, by (objective, column, field).
    """
    wb = load_workbook(path)
    for field in ("reporting_period", "project_lead", "prepared_by"):
        cell(wb, names.header(field)).value = f"{tag} {field}"
    cell(wb, names.header("date_prepared")).value = "01/06/2025"
    typed = {}
    for objective in names.OBJECTIVES:
        cell(wb, names.objective(objective, "impact_owner")).value = f"{tag} {objective} owner"
        for column in COLUMN_NAMES:
            for field in names.IMPACT_FIELDS:
                value = (
                    options(wb, objective, field)[choice] if field in names.LIST_FIELDS else f"{tag} {objective} {column} {field}"
                )
                cell(wb, names.objective(objective, field, column)).value = value
                typed[(objective, column, field)] = value
    wb.save(path)
    return typed


def test_a_welsh_plan_has_the_english_plans_names_and_metadata(welsh_root: Path, tmp_path: Path) -> None:
    result = run(welsh_root, "plan", "--force", "Gwent", "--lang", "en,cy", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    english = load_workbook(tmp_path / "gwent-police-realisation-plan.xlsx")
    welsh = load_workbook(tmp_path / "gwent-police-realisation-plan.cy.xlsx")
    assert sorted(welsh.defined_names) == sorted(english.defined_names)
    for name in english.defined_names:  # the same cells, on sheets of other titles
        assert [d[1] for d in welsh.defined_names[name].destinations] == [d[1] for d in english.defined_names[name].destinations]
    meta = {r[0].value: r[1].value for r in english["nvap"].iter_rows()}
    assert {r[0].value: r[1].value for r in welsh["nvap"].iter_rows()} == meta | {"nvap_lang": "cy"}
    assert meta["nvap_lang"] == "en" and meta["nvap_force_name"] == "Gwent Police"
    assert cell(welsh, "p_1_1_1_force").value == "Heddlu Gwent"
    assert cell(english, "p_1_1_1_force").value == "Gwent Police"
    assert welsh.sheetnames[:2] == ["⟦Cover⟧", "1.1.1 ⟦Fixture Action⟧"]
    assert options(welsh, names.OBJECTIVES[0], "activity") == [
        f"{OPEN}{o}{CLOSE}" for o in options(english, names.OBJECTIVES[0], "activity")
    ]


def test_welsh_and_english_plans_collect_together(welsh_root: Path, tmp_path: Path) -> None:
    for force, lang in (("Gwent", "cy"), ("Norfolk", "en")):
        result = run(welsh_root, "plan", "--force", force, "--lang", lang, "--out", str(tmp_path))
        assert result.exit_code == 0, result.output
    welsh_file = tmp_path / "gwent-police-realisation-plan.cy.xlsx"
    english_file = tmp_path / "norfolk-constabulary-realisation-plan.xlsx"
    typed = {"Gwent Police": fill(welsh_file, "dp", 1), "Norfolk Constabulary": fill(english_file, "nf", 1)}
    assert typed["Gwent Police"][(names.OBJECTIVES[0], "organisational", "activity")].startswith(OPEN)

    project = load_valid_project(welsh_root)
    collection = collect(project, [tmp_path])
    assert [(r.file.rsplit("/", 1)[-1], r.status) for r in collection.returns] == [
        ("gwent-police-realisation-plan.cy.xlsx", "counted"),
        ("norfolk-constabulary-realisation-plan.xlsx", "counted"),
    ]
    assert [p.line for p in collection.problems] == []
    got = {
        (a.force_name, a.objective, a.column, field): getattr(a, field)
        for a in collection.answers
        for field in names.IMPACT_FIELDS
    }
    assert got == {(force, *key): value for force, values in typed.items() for key, value in values.items()}
    for answer in collection.answers:
        tag = "dp" if answer.force_name == "Gwent Police" else "nf"
        assert (answer.action, answer.reporting_period, answer.impact_owner) == (
            ACTION,
            f"{tag} reporting_period",
            f"{tag} {answer.objective} owner",
        )
    # Option 2 of every list, chosen in Welsh on one plan and in English on the other: one option, two forces.
    english_options = load_workbook(english_file)
    for tally in collection.tallies:
        assert tally.plans == 2 and tally.free_text == () and tally.blank == 0, tally
        assert tally.options[1].text == options(english_options, tally.objective, tally.field)[1]
        assert tally.options[1].forces == ("Gwent Police", "Norfolk Constabulary"), tally
        assert [c.forces for i, c in enumerate(tally.options) if i != 1] == [()] * (len(tally.options) - 1)
    assert len(collection.tallies) == len(names.OBJECTIVES) * len(names.LIST_FIELDS) * len(COLUMN_NAMES)


def test_a_welsh_plan_with_a_changed_translation_is_still_read(welsh_root: Path, root: Path, tmp_path: Path) -> None:
    """The Welsh of a label changed after the plan was made: its cells have not moved, it counts."""
    assert run(welsh_root, "plan", "--force", "Gwent", "--lang", "cy", "--out", str(tmp_path)).exit_code == 0
    po = root / "translations/cy/nvap.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{OPEN}Prepared By{CLOSE}"', 'msgstr "Y"'), encoding="utf-8")
    collection = collect(load_valid_project(root), [tmp_path])
    assert [(r.status, [p.line for p in collection.problems]) for r in collection.returns] == [("counted", [])]


def test_the_plan_read_check_of_moved_cells_still_works_in_welsh(welsh_root: Path, tmp_path: Path) -> None:
    assert run(welsh_root, "plan", "--force", "Gwent", "--lang", "cy", "--out", str(tmp_path)).exit_code == 0
    path = tmp_path / "gwent-police-realisation-plan.cy.xlsx"
    wb = load_workbook(path)
    moved = cell(wb, names.header("project_lead"))
    moved.parent.insert_rows(moved.row)  # a script that inserts a row leaves the names behind
    wb.save(path)
    collection = collect(load_valid_project(welsh_root), [tmp_path])
    assert [r.status for r in collection.returns] == ["rejected"]
    assert any("the sheet's layout was changed" in p.message for p in collection.problems)


def test_a_welsh_plan_named_by_its_file_when_it_cannot_be_read(welsh_root: Path, tmp_path: Path) -> None:
    broken = tmp_path / "gwent-police-realisation-plan.cy.xlsx"
    broken.write_bytes(b"not a workbook")
    collection = collect(load_valid_project(welsh_root), [tmp_path])
    assert [(r.force, r.status) for r in collection.returns] == [("gwent-police", "unreadable")]


def test_upgrading_a_welsh_plan_keeps_it_welsh(welsh_root: Path, tmp_path: Path) -> None:
    assert run(welsh_root, "plan", "--force", "Gwent", "--lang", "cy", "--out", str(tmp_path / "old")).exit_code == 0
    typed = fill(tmp_path / "old/gwent-police-realisation-plan.cy.xlsx", "dp", 0)
    result = run(
        welsh_root,
        "plan",
        "--upgrade",
        str(tmp_path / "old/gwent-police-realisation-plan.cy.xlsx"),
        "--out",
        str(tmp_path / "new"),
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(io.BytesIO((tmp_path / "new/gwent-police-realisation-plan.cy.xlsx").read_bytes()))
    assert {r[0].value: r[1].value for r in wb["nvap"].iter_rows()}["nvap_lang"] == "cy"
    for (objective, column, field), value in typed.items():
        assert cell(wb, names.objective(objective, field, column)).value == value


def test_marks_become_spans_only_where_html_can_hold_them() -> None:
    from nvap_toolkit.i18n.fallback import CLOSE as C
    from nvap_toolkit.i18n.fallback import OPEN as O
    from nvap_toolkit.i18n.fallback import place_marks

    page = (
        f"<title>{O}Plan{C}</title><style>a::after {{ content: '{O}x{C}'; }}</style>"
        f'<p title="{O}Expansion{C}">{O}An {O}English{C} title{C}, then <a href="#">{O}a link{C}</a></p>'
        f"<p>{O}one <strong>strong</strong> sentence{C}</p>"
    )
    assert place_marks(page) == (
        "<title>Plan</title><style>a::after { content: 'x'; }</style>"
        '<p title="Expansion"><span lang="en">An English title</span>, then <a href="#"><span lang="en">a link</span></a></p>'
        '<p><span lang="en">one <strong>strong</strong> sentence</span></p>'
    )
    assert place_marks("<p>no marks</p>") == "<p>no marks</p>"
