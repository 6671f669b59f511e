"""The reader's polish: faults a reader found in the outputs, each checked where it occurs."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from support import FIXTURE

from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.document import toolkit_xlsx
from nvap_toolkit.render.html import covenant_html, toolkit_html
from nvap_toolkit.render.markdown import covenant_md, toolkit_md
from nvap_toolkit.render.xlsx.tracker import covenant_tracker_xlsx


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


@pytest.fixture(scope="module")
def html(project: Project) -> str:
    return toolkit_html(project, project.actions["1.1.1"])


def test_contents_number_the_parts_as_their_headings_do(html: str) -> None:
    nav = html.split('<nav aria-labelledby="contents-heading">')[1].split("</nav>")[0]
    assert '<ol>\n<li><a href="#guidance">' not in nav  # the guidance notes are no numbered part
    entries = re.findall(r'<a href="#([a-z-]+)">(?:<span class="part">(\d)\.</span> )?', nav)
    numbered = {anchor: number for anchor, number in entries if number}
    assert numbered == {"impact-statement": "1", "logic-model": "2", "supporting-information": "3", "realisation-plan": "4"}
    for anchor, number in numbered.items():
        assert re.search(rf'<h2 id="{anchor}"><span class="part">{number}\.</span>', html), anchor


def test_the_plan_header_gives_its_inputs_the_width(html: str) -> None:
    header = html.split('<table class="form plan-header">')[1].split("</table>")[0]
    assert '<colgroup><col class="label"><col></colgroup>' in header
    css = html.split("<style>")[1].split("</style>")[0]
    assert "table.plan-header { table-layout: fixed; }" in css
    assert "table.plan-header col.label { width: 14rem; }" in css


class _Headers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headers: list[list[str]] = []
        self._row: list[str] | None = None
        self._in_th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self._row = []
            self.headers.append(self._row)
        if tag == "th" and self._row is not None:
            self._in_th = True
            self._row.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._row = None
        if tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        if self._in_th and self._row is not None:
            self._row[-1] += data


def test_no_empty_outputs_column_and_the_note_instead(project: Project, html: str) -> None:
    note = "Fixture note that no outputs are given."
    parser = _Headers()
    parser.feed(html)
    logic = [h for h in parser.headers if h and h[0] == "Activities" and h[-1] == "Impact Assessment"]
    assert logic and all("Outputs" not in h for h in logic)
    section = html.split('id="logic-model"')[1].split('id="supporting-information"')[0]
    assert section.count(f'<p class="note">{note}</p>') == 2
    md = toolkit_md(project, project.actions["1.1.1"])
    assert "| Activities | Short to Medium Term Impacts | Impact Assessment |" in md
    assert "| Outputs |" not in md and md.count(note) == 2
    wb = load_workbook(io.BytesIO(toolkit_xlsx(project, project.actions["1.1.1"])))
    cells = [c.value for row in wb["Logic Model"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Outputs" not in cells and cells.count(note) == 1  # one Logic Model table, a row per activity: the note once


def test_an_outputs_note_beside_outputs_is_an_error(write, nvap) -> None:  # type: ignore[no-untyped-def]
    from support import MINIMAL_ACTION

    write(
        "actions/9.9.9.yaml",
        MINIMAL_ACTION.replace("        title: Write tests\n", "        title: Write tests\n        outputs: [Tests]\n"),
    )
    result = nvap("validate")
    assert result.exit_code == 1
    assert (
        "content/actions/9.9.9.yaml:26:18: this activity gives outputs, but outputs_note says the source gives none: "
        "remove one of them"
    ) in result.output.splitlines()


def test_covenant_statuses_are_statuses(project: Project) -> None:
    report = project.reports[2024]
    html = covenant_html(project, report)
    table = html.split('<table class="status">')[1].split("</table>")[0]
    statuses = re.findall(r"</a></th><td>([^<]+)</td>", table)
    assert sorted(set(statuses)) == ["Completed", "In progress", "New"]
    md = covenant_md(project, report)
    assert "| Priorities Completed |" not in md and "| Completed |" in md
    wb = load_workbook(io.BytesIO(covenant_tracker_xlsx(project, report)))
    ws = wb["Priorities"]
    assert ws.cell(row=2, column=2).value == "Status"
    assert {ws.cell(row=r, column=2).value for r in range(3, ws.max_row + 1)} == {"Completed", "In progress", "New"}


def test_a_note_mark_stays_against_its_word(project: Project) -> None:
    html = covenant_html(project, project.reports[2024])
    assert "Fixture summary paragraph with a footnote<sup><a" in html
    css = html.split("<style>")[1].split("</style>")[0]
    # No box around the mark: a 24px-wide inline block set it apart from its word ("2022 ¹ ,").
    assert not re.search(r"sup a[^{]*\{[^}]*min-width", css)
