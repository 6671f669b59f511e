"""The round trip a force makes: ``nvap plan`` -> every input filled -> ``nvap collect``, losing nothing.

Four forces fill every input of their plan by script, with text that is hard to
keep (line breaks, Welsh letters, long entries, text that looks like a formula or
like markup); every typed value must then be found, byte for byte, in the CSV,
JSON, Excel and HTML summaries.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import plan_names as names
import pytest
from openpyxl import load_workbook
from support import FIXTURE

from nvap_toolkit.collect.summary import collect_outputs
from nvap_toolkit.collect.tally import collect
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.plan.write import plan_outputs

FORCES = {"Norfolk": "NOR", "Heddlu Gwent": "GWE", "Hants": "HAM", "the Met": "MET"}
HARD = [
    "line one\nline two\n\nafter a blank line",
    "Ŵ ŷ â ê î ô û ŵ — Cymraeg “quoted” ‘single’",
    "=SUM(A1:A9) typed as text",
    "+44 1603 000000",
    "-5% on last year",
    "@everyone",
    "<b>not bold</b> & <script>alert(1)</script>",
    "  leading and trailing spaces  ",
    "x" * 3000,
]


def typed(tag: str, name: str, i: int) -> str:
    """What a force typed into input ``name``: its tag, the name, and one of the hard texts."""
    return f"{tag} {name} {HARD[i % len(HARD)]}"


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, bytes]]:
    project = load_valid_project(FIXTURE)
    returned = tmp_path_factory.mktemp("returned")
    values: dict[str, str] = {}
    for tag, output in zip(FORCES.values(), plan_outputs(project, returned, list(FORCES)), strict=True):
        wb = load_workbook(io.BytesIO(output.data))
        for i, name in enumerate(names.inputs()):
            value = "23 November 2025" if name == names.header("date_prepared") else typed(tag, name, i)
            ((sheet, coord),) = wb.defined_names[name].destinations
            cell = wb[sheet][coord.replace("$", "")]
            cell.value = value
            cell.data_type = "s"
            values[f"{tag} {name}"] = value
        wb.save(output.path)
    collection = collect(project, [returned])
    assert collection.problems == () and len(collection.responses) == 4
    outputs = {o.path.name: o.data for o in collect_outputs(project, collection, returned / "out", [])}
    return values, outputs


def defused(text: str) -> str:
    """How a CSV cell holds text that starts like a formula: behind a leading apostrophe."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r", "'")) else text


def test_every_value_is_in_the_json_exactly(round_trip: tuple[dict[str, str], dict[str, bytes]]) -> None:
    values, outputs = round_trip
    answers = json.loads(outputs["summary.json"])["answers"]
    found = {v for row in answers for v in row.values() if isinstance(v, str)}
    missing = [k for k, v in values.items() if v not in found]
    assert missing == []
    assert len(answers) == 4 * 2 * 2


def test_every_value_is_in_the_csv(round_trip: tuple[dict[str, str], dict[str, bytes]]) -> None:
    values, outputs = round_trip
    note, table = outputs["answers.csv"].decode("utf-8").split("\r\n", 1)
    assert note.startswith("# nvap collect: a text that begins with")
    rows = list(csv.DictReader(io.StringIO(table, newline="")))
    found = {v for row in rows for v in row.values()}
    assert [k for k, v in values.items() if defused(v) not in found] == []
    assert rows[0]["date_prepared"] == "2025-11-23" and rows[0]["date_prepared_as_typed"] == "23 November 2025"


def test_every_value_is_in_the_excel_summary(round_trip: tuple[dict[str, str], dict[str, bytes]]) -> None:
    values, outputs = round_trip
    ws = load_workbook(io.BytesIO(outputs["summary.xlsx"]))["Answers"]
    cells = [c for row in ws.iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)  # never a formula
    found = {c.value for c in cells}
    assert [k for k, v in values.items() if v not in found] == []
    ((table,),) = [list(ws.tables.values())]  # the sheet's title in A1, then one table from row 2
    assert ws.freeze_panes == "A3" and table.ref == f"A2:T{ws.max_row}"


class _Cells(HTMLParser):
    """The text of every answer cell (``class="typed"``) of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td" and ("class", "typed") in attrs:
            self._in = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.cells[-1] += data


def test_every_value_is_in_the_html_summary(round_trip: tuple[dict[str, str], dict[str, bytes]]) -> None:
    values, outputs = round_trip
    html = outputs["summary.html"].decode("utf-8")
    parser = _Cells()
    parser.feed(html)
    found = set(parser.cells)
    assert [k for k, v in values.items() if v not in found] == []
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
