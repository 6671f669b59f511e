"""``nvap collect --feedback``: a pack per counted force, its own answers beside the national picture.

Six forces' plans are filled by script, every typed text carrying its force's mark
(``NORFOLK-7Q``...), so that a pack holding another force's words is caught by a search.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import plan_names as names
import pytest
from openpyxl import load_workbook
from support import FIXTURE

from nvap_toolkit.collect.feedback import feedback_outputs, shown_counts
from nvap_toolkit.collect.model import Collection
from nvap_toolkit.collect.tally import collect
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.plan.write import plan_outputs

T, S = names.OBJECTIVES
MARKS = {
    "Norfolk": "NORFOLK-7Q",
    "Kent": "KENT-3X",
    "Suffolk": "SUFFOLK-9B",
    "Essex": "ESSEX-4W",
    "Gwent": "GWENT-8J",
    "Cumbria": "CUMBRIA-2M",
    "Dorset": "DORSET-5K",
}
"""Each force's mark, in every text it types (Essex types nothing: its plan is empty)."""
STEMS = {
    "Norfolk": "norfolk-constabulary",
    "Kent": "kent-police",
    "Suffolk": "suffolk-constabulary",
    "Essex": "essex-police",
    "Gwent": "gwent-police",
    "Cumbria": "cumbria-constabulary",
    "Dorset": "dorset-police",
}


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


def option(project: Project, objective_id: str, field_name: str, index: int) -> str:
    """The dropdown option ``index`` of an objective's field, as the fixture plan offers it (written out by hand)."""
    return names.OPTIONS[objective_id][field_name][index]


def fill(data: bytes, path: Path, values: dict[str, object]) -> None:
    """Fill a plan by its defined names, as a force's script would."""
    wb = load_workbook(io.BytesIO(data))
    for name, value in values.items():
        ((sheet, coord),) = wb.defined_names[name].destinations
        cell = wb[sheet][coord.replace("$", "")]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    wb.save(path)


def every_input(mark: str, project: Project) -> dict[str, object]:
    """Every input typed with ``mark`` (the date a date), option 0 in every dropdown."""
    values: dict[str, object] = {names.header(f): f"{mark} {f}" for f in names.HEADER_FIELDS}
    values[names.header("date_prepared")] = datetime(2026, 3, 14)
    for o in names.OBJECTIVES:
        values[names.objective(o, "impact_owner")] = f"{mark} owner {o}"
        for column in names.COLUMNS:
            for f in names.IMPACT_FIELDS:
                values[names.objective(o, f, column)] = (
                    option(project, o, f, 0) if f in names.LIST_FIELDS else f"{mark} {f} {column} {o}"
                )
    return values


@pytest.fixture(scope="module")
def base(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("feedback")
    returned = base / "returned"
    returned.mkdir()
    plans = {o.path.name: o.data for o in plan_outputs(project, returned, list(MARKS))}

    def plan(force: str, values: dict[str, object]) -> None:
        name = f"{STEMS[force]}-realisation-plan.xlsx"
        fill(plans[name], returned / name, values)

    org_activity = names.objective(T, "activity", "organisational")
    plan("Norfolk", every_input(MARKS["Norfolk"], project))
    plan(
        "Kent",
        {
            org_activity: option(project, T, "activity", 0),
            names.objective(T, "output", "organisational"): f"{MARKS['Kent']} output\nsecond line  kept",
            names.header("prepared_by"): f"{MARKS['Kent']} preparer",
            names.header("date_prepared"): datetime(2026, 2, 1),
        },
    )
    plan(
        "Suffolk",
        {
            org_activity: option(project, T, "activity", 0),
            names.objective(T, "activity", "external"): option(project, T, "activity", 1),
            names.objective(T, "risks", "organisational"): f"{MARKS['Suffolk']} own risk",
        },
    )
    plan("Essex", {})
    plan(
        "Gwent",
        {
            org_activity: f"{MARKS['Gwent']} own activity",
            names.header("prepared_by"): f"{MARKS['Gwent']} paratowyd",
            names.header("date_prepared"): datetime(2026, 3, 1),
        },
    )
    plan(
        "Cumbria",
        {org_activity: option(project, T, "activity", 1), names.header("date_prepared"): f"{MARKS['Cumbria']} next week"},
    )
    # Not counted: the plan names another force. Its words must reach no pack.
    plan(
        "Dorset",
        {names.header("force"): "Devon and Cornwall Police", org_activity: f"{MARKS['Dorset']} activity"},
    )
    return base


@pytest.fixture(scope="module")
def collection(project: Project, base: Path) -> Iterator[Collection]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        yield collect(project, [Path("returned")])


@pytest.fixture(scope="module")
def packs(project: Project, collection: Collection, base: Path) -> dict[str, str]:
    outputs = feedback_outputs(project, collection, base / "out", ["md"], ["en", "cy"])
    assert all(o.path.parent == base / "out" / "feedback" for o in outputs)
    return {o.path.name: o.data.decode("utf-8") for o in outputs}


def text_of(html: str) -> str:
    """The page's text: tags dropped, entities decoded, runs of spaces one."""
    import html as html_module

    body = re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def section(html: str, heading_id: str) -> str:
    return html.split(f'<h2 id="{heading_id}">', 1)[1].split("</section>", 1)[0]


def table(html: str, caption_start: str) -> list[list[str]]:
    """The rows of the table whose caption starts so, as text."""
    found = re.split(f'<caption id="[^"]+">{re.escape(caption_start)}', html, maxsplit=1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", found, flags=re.DOTALL)
    return [[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, flags=re.DOTALL)] for r in rows]


COUNTED = ["Cumbria", "Essex", "Gwent", "Kent", "Norfolk", "Suffolk"]


def test_a_pack_per_counted_force_and_an_index(packs: dict[str, str]) -> None:
    assert sorted(packs) == sorted(
        [f"{STEMS[f]}.{x}" for f in COUNTED for x in ("html", "md")]
        + ["gwent-police.cy.html", "gwent-police.cy.md", "index.html"]
    )
    index = packs["index.html"]
    links = re.findall(r'<a href="([^"]+)">', index)
    assert links == [
        link
        for stem in ["cumbria-constabulary", "essex-police", "gwent-police", "gwent-police.cy", "kent-police"]
        + ["norfolk-constabulary", "suffolk-constabulary"]
        for link in (f"{stem}.html", f"{stem}.html", f"{stem}.md")
    ]
    assert '<tr lang="cy"><th scope="row"><a href="gwent-police.cy.html">Heddlu Gwent</a>' in index


def test_each_pack_holds_only_its_own_force(project: Project, packs: dict[str, str]) -> None:
    forces = project.forces.forces
    for force in COUNTED:
        key = STEMS[force]
        own = forces[key]
        for name in (f"{key}.html", f"{key}.md"):
            text = text_of(packs[name]) if name.endswith(".html") else packs[name]
            assert own.name in text
            if force != "Essex":
                assert MARKS[force] in text, name
            for other, mark in MARKS.items():
                if other != force:
                    assert mark not in text, (name, other)
            for other_key, other in forces.items():
                if other_key != key:
                    for word in {other.name, other.short_name, *(other.abbreviations), *([other.welsh_name] or [])}:
                        if word:
                            assert not re.search(rf"\b{re.escape(word)}\b", text), (name, word)


def test_answers_exactly_as_typed(packs: dict[str, str]) -> None:
    kent = packs["kent-police.html"]
    rows = table(kent, "Your answers beside the national picture: Objective 1")
    assert rows[0] == ["Field", "Organisational Impact", "External Impact"]
    assert rows[2] == ["Activity", "Fixture activity one", ""]
    # The line break and the two spaces are kept as typed (the cell shows them: white-space: pre-wrap).
    assert '<td class="typed">KENT-3X output\nsecond line  kept</td>' in kent
    assert table(kent, "Your plan") == [
        ["Action", "Edition", "Date Prepared", "Prepared By"],
        ["1.1.1 Fixture Action", "Edition 1 (2025-01-01)", "01/02/2026", "KENT-3X preparer"],
    ]
    assert table(packs["cumbria-constabulary.html"], "Your plan")[1][2] == "CUMBRIA-2M next week"
    norfolk = packs["norfolk-constabulary.html"]
    for column in names.COLUMNS:
        for f in ("output", "progress", "next_steps", "risk_mitigation", "additional_comments"):
            assert f"NORFOLK-7Q {f} {column} {T}" in norfolk


def test_national_counts_beside_the_force_choice_with_the_threshold(packs: dict[str, str]) -> None:
    kent = packs["kent-police.html"]
    caption = "Activity, Objective 1: Objective One: number of forces nationally for each choice"
    assert f'<figcaption id="a1_1_1-objective_one-activity-chart">{caption}</figcaption>' in kent
    # Organisational: Norfolk, Kent, Suffolk chose the first option; Cumbria the second; Gwent typed its own;
    # Essex left it blank. External: Norfolk the first, Suffolk the second, four left it blank.
    few = "fewer than 3"
    assert table(kent, caption)[1:] == [
        ["Fixture activity one", "3 (your choice)", few],
        ["Fixture activity two", few, few],
        ["Own entry (not from the list)", few, few],
        ["Left blank", few, "4 (your choice)"],
    ]
    gwent = table(packs["gwent-police.html"], caption)
    assert gwent[3] == ["Own entry (not from the list)", "fewer than 3 (your choice)", few]
    # The force's own entry, as typed, beside its label.
    assert '<dt>Organisational Impact</dt><dd class="typed">GWENT-8J own activity</dd>' in packs["gwent-police.html"]
    # The chart draws a bar for a count shown, none for one below the threshold, and says the same words.
    chart = kent.split('aria-labelledby="a1_1_1-objective_one-activity-chart"', 1)[1].split("</svg>", 1)[0]
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([0-9.]+)"', chart)]
    assert [w > 0 for w in widths] == [True, False, False, False, False, False, False, True]
    assert re.findall(r'class="count">([^<]+)<', chart) == [c for row in table(kent, caption)[1:] for c in row[1:]]


def test_a_count_that_would_give_one_away_is_withheld() -> None:
    assert shown_counts([5, 3, 1], 3) == [5, -3, None]  # 1 = 9 - 5 - 3: the smallest shown is withheld too
    assert shown_counts([4, 0, 3], 3) == [4, None, 3]  # a 0 worked out discloses no one
    assert shown_counts([4, 1, 1, 3], 3) == [4, None, None, 3]
    assert shown_counts([2, 2], 3) == [None, None]


def test_completeness_beside_the_national_median_and_range(packs: dict[str, str]) -> None:
    # Norfolk 38 of 38 (100%), Kent 4 (11%), Suffolk 3 (8%), Essex 0, Gwent 3 (8%), Cumbria 2 (5%): median 8%.
    norfolk = text_of(section(packs["norfolk-constabulary.html"], "completeness"))
    assert norfolk == ("Completeness Your force 100% 38 of 38 inputs answered National median 8% National range 0% to 100%")
    essex = text_of(section(packs["essex-police.html"], "completeness"))
    assert "Your force 0% 0 of 38 inputs answered National median 8%" in essex
    returns = text_of(section(packs["essex-police.html"], "returns"))
    assert returns.endswith("Forces that returned a plan 7 Plans counted 6")


def test_what_the_force_left_empty(packs: dict[str, str]) -> None:
    assert text_of(section(packs["norfolk-constabulary.html"], "empty")).endswith(
        "What your plan left empty Every input was answered."
    )
    kent = re.findall(r"<li>(.*?)</li>", section(packs["kent-police.html"], "empty"))
    fields = "Activity, Output, Impact Measurement, Progress, Next steps, Risks, Risk Mitigation Strategy, Additional Comments"
    assert kent == [
        "Action 1.1.1 Fixture Action: Reporting Period, Project Lead",
        "Objective 1: Objective One: Impact Owner",
        "Objective 1: Objective One, Organisational Impact: Impact Measurement, Progress, Next steps, Risks, "
        "Risk Mitigation Strategy, Additional Comments",
        f"Objective 1: Objective One, External Impact: {fields}",
        "Objective 2: Objective Two: Impact Owner",
        f"Objective 2: Objective Two, Organisational Impact: {fields}",
        f"Objective 2: Objective Two, External Impact: {fields}",
    ]


def test_problems_reading_the_plan_with_their_cells(project: Project, packs: dict[str, str]) -> None:
    blank = load_workbook(io.BytesIO(plan_outputs(project, Path("."), ["Cumbria"])[0].data))
    ((sheet, coord),) = blank.defined_names[names.header("date_prepared")].destinations
    rows = table(packs["cumbria-constabulary.html"], "What we noticed reading your plan")
    assert rows == [
        ["Cell", "Problem"],
        [
            f"'{sheet}'!{coord.replace('$', '')} (Date Prepared)",
            "'CUMBRIA-2M next week' is not a date (write it as dd/mm/yyyy, e.g. 23/11/2025): kept as text",
        ],
    ]
    assert text_of(section(packs["kent-police.html"], "problems")).endswith("Nothing to note.")


def test_welsh_pack(packs: dict[str, str]) -> None:
    welsh = packs["gwent-police.cy.html"]
    assert welsh.startswith('<!DOCTYPE html>\n<html lang="cy">')
    # The catalogue has no Welsh for the pack's words yet: they are marked as English, the force's Welsh name is not.
    assert '<h1><span lang="en">Feedback for </span>Heddlu Gwent</h1>' in welsh
    assert '<dt><span lang="en">National median</span></dt>' in welsh
    assert "GWENT-8J own activity" in welsh


def test_charts_are_described_by_their_captions_and_tables(packs: dict[str, str]) -> None:
    html = packs["norfolk-constabulary.html"]
    charts = re.findall(r'<svg [^>]*role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) == 6 == html.count("<svg ")
    for label in charts:
        caption = re.search(f'<figcaption id="{label}">([^<]+)</figcaption>', html)
        assert caption and len(re.findall(f'<caption id="[^"]+">{re.escape(caption.group(1))}</caption>', html)) == 1
    assert "<script" not in html and "<link" not in html and "src=" not in html


def test_two_runs_are_byte_identical(project: Project, base: Path, packs: dict[str, str]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        again = collect(project, [Path("returned")])
    second = {o.path.name: o.data.decode("utf-8") for o in feedback_outputs(project, again, base / "out", ["md"], ["en", "cy"])}
    assert second == packs


def test_cli_writes_the_packs_with_the_summary(nvap, base: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(base)
    result = nvap("--content", str(FIXTURE), "collect", "returned", "--out", "cli", "--feedback")
    assert result.exit_code == 1  # Dorset's plan was not counted
    assert "6 feedback packs in cli/feedback/" in result.output.splitlines()
    assert sorted(p.name for p in (base / "cli" / "feedback").iterdir()) == sorted(
        [f"{STEMS[f]}.html" for f in COUNTED] + ["index.html"]
    )
    assert (base / "cli" / "summary.html").exists()
    # The packs are not read back as returns when the output folder is the input folder.
    again = nvap("--content", str(FIXTURE), "collect", "returned", "--out", "returned", "--feedback", "-f", "md")
    assert again.exit_code == 1 and "skipped" not in again.output
    assert nvap("collect", "returned", "-f", "md").exit_code == 2
