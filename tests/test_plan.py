"""``nvap plan``'s core: finding forces (the shipped forces), the fillable workbook (the fixture content), safe writes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import plan_names as names
import pytest
import yaml
from openpyxl import Workbook, load_workbook
from plan_names import header as header_name
from support import FIXTURE, SHIPPED, copy_fixture

from nvap_toolkit.content.forces import find_force
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.errors import NvapError, UsageError
from nvap_toolkit.models.reference import Forces
from nvap_toolkit.plan.sheet import add_plan_sheet
from nvap_toolkit.plan.write import plan_outputs, write_plans
from nvap_toolkit.render.prose import Prose
from nvap_toolkit.writer import ExistsError, write_outputs

LISTS_SHEET = "nvap_lists"
PLAN_KIND = "nvap-realisation-plan"

ACTION = "1.1.1"
SHEET = "1.1.1 Fixture Action"
NORFOLK = "norfolk-constabulary-realisation-plan.xlsx"
EXCEL_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
CELL_LIKE = re.compile(r"^[a-z]{1,3}\d+$|^r\d*c\d*$", re.IGNORECASE)


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


@pytest.fixture(scope="module")
def forces() -> Forces:
    """The shipped forces: finding a force is tested on the real names people type for the real forces."""
    return load_valid_project(SHIPPED).forces


@pytest.fixture(scope="module")
def all_plans(project: Project, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("all")
    return {o.path.name: o.data for o in plan_outputs(project, out, None, all_forces=True)}


@pytest.fixture(scope="module")
def norfolk_bytes(all_plans: dict[str, bytes]) -> bytes:
    return all_plans[NORFOLK]


@pytest.fixture(scope="module")
def norfolk(norfolk_bytes: bytes) -> Workbook:
    return load_workbook(io.BytesIO(norfolk_bytes))


def cell_of(wb: Workbook, name: str):  # type: ignore[no-untyped-def]
    ((sheet, coord),) = wb.defined_names[name].destinations
    return wb[sheet][coord.replace("$", "")]


def range_values(wb: Workbook, name: str) -> list[str]:
    ((sheet, ref),) = wb.defined_names[name].destinations
    return [row[0].value for row in wb[sheet][ref.replace("$", "")]]


# -- finding forces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Met", "metropolitan-police-service"),
        ("met", "metropolitan-police-service"),
        ("BTP", "british-transport-police"),
        ("norfolk", "norfolk-constabulary"),
        ("Norfolk Constabulary", "norfolk-constabulary"),
        ("  NORFOLK   constabulary ", "norfolk-constabulary"),
        ("norfolk-constabulary", "norfolk-constabulary"),
        ("Avon & Somerset", "avon-and-somerset-constabulary"),
        # As people type them: "X Police" / "X Constabulary" either way round, county abbreviations,
        # "the Met", Welsh names.
        ("Hampshire", "hampshire-and-isle-of-wight-constabulary"),
        ("Hants", "hampshire-and-isle-of-wight-constabulary"),
        ("Hampshire Constabulary", "hampshire-and-isle-of-wight-constabulary"),
        ("Met Police", "metropolitan-police-service"),
        ("the Met", "metropolitan-police-service"),
        ("Metropolitan Police", "metropolitan-police-service"),
        ("Northants", "northamptonshire-police"),
        ("Notts", "nottinghamshire-police"),
        ("Herts", "hertfordshire-constabulary"),
        # Words shortened as people shorten them (a prefix, a county contraction), and initialisms.
        ("Northampton", "northamptonshire-police"),
        ("West Yorks", "west-yorkshire-police"),
        ("Warks", "warwickshire-police"),
        ("GMP", "greater-manchester-police"),
        ("BTP", "british-transport-police"),
        ("Norfolk Police", "norfolk-constabulary"),
        ("Kent Constabulary", "kent-police"),
        ("Police Norfolk", None),
        ("Heddlu Gwent", "gwent-police"),
        ("Heddlu Gogledd Cymru", "north-wales-police"),
        ("Heddlu De Cymru", "south-wales-police"),
        ("Heddlu Dyfed Powys", "dyfed-powys-police"),
    ],
)
def test_find_force_by_any_of_its_names(forces: Forces, name: str, key: str | None) -> None:
    if key is None:
        with pytest.raises(UsageError, match="did you mean Norfolk Constabulary"):
            find_force(forces, name)
        return
    found_key, force = find_force(forces, name)
    assert found_key == key
    assert force is forces.forces[key]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Norflok", "Norfolk Constabulary"),
        ("Metropolitan Polce", "Metropolitan Police Service"),
        ("BPT", "British Transport Police"),
        ("Hampshire Isle", "Hampshire and Isle of Wight Constabulary"),
        ("Nortahmptonshire", "Northamptonshire Police"),
        ("West Yorkshrie", "West Yorkshire Police"),
    ],
)
def test_a_typo_gets_a_suggestion(forces: Forces, typed: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_force(forces, typed)
    assert caught.value.message == (
        f"unknown police force '{typed}': did you mean {message}? (nvap plan --list-forces lists them)"
    )
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("PSNI", "'PSNI' (Police Service of Northern Ireland)"),
        ("Police Scotland", "Police Scotland"),
        ("Northern Ireland Police", "'Northern Ireland Police' (Police Service of Northern Ireland)"),
    ],
)
def test_a_force_outside_england_and_wales_is_told_the_scope(forces: Forces, typed: str, named: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_force(forces, typed)
    assert caught.value.message == (
        f"{named} is outside nvap's scope: nvap covers the police forces of England and Wales and the national "
        "forces (nvap plan --list-forces lists them)"
    )


def test_a_name_like_no_force_gets_no_wrong_suggestion(forces: Forces) -> None:
    with pytest.raises(NvapError, match=r"^unknown police force 'Qqqqzzz': give a force's name"):
        find_force(forces, "Qqqqzzz")


@pytest.mark.parametrize("typed", ["../../x", "/etc/passwd", "plans\\norfolk", "norfolk.xlsx", "~/x", ".."])
def test_a_path_is_not_a_force_and_nothing_is_written(project: Project, tmp_path: Path, typed: str) -> None:
    out = tmp_path / "out" / "deeper"
    with pytest.raises(UsageError) as caught:
        write_plans(project, out, [typed])
    assert "is not the name of a police force" in caught.value.message
    assert caught.value.exit_code == 2
    assert list(tmp_path.rglob("*")) == []


def test_control_characters_are_never_echoed_raw(forces: Forces) -> None:
    with pytest.raises(NvapError) as caught:
        find_force(forces, "Nor\x1b[31mfolk\n")
    assert "\x1b" not in caught.value.message and "\n" not in caught.value.message
    assert "\\x1b" in caught.value.message


def test_force_and_all_forces_are_exclusive(project: Project, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        plan_outputs(project, tmp_path, ["Norfolk"], all_forces=True)
    with pytest.raises(UsageError):
        plan_outputs(project, tmp_path, [])


def test_unknown_action(project: Project, tmp_path: Path) -> None:
    with pytest.raises(NvapError, match=r"^unknown action '9\.9': the content has toolkits for 1\.1\.1$"):
        plan_outputs(project, tmp_path, ["Norfolk"], action_ids=["9.9"])


def test_the_same_force_twice_is_one_plan(project: Project, tmp_path: Path) -> None:
    outputs = plan_outputs(project, tmp_path, ["Norfolk", "norfolk constabulary"], action_ids=[ACTION, ACTION])
    assert [o.path.name for o in outputs] == [NORFOLK]


# -- every force, file names, determinism ------------------------------------------------------------


def test_every_force_gets_a_plan_with_a_distinct_file_name(all_plans: dict[str, bytes]) -> None:
    # The force's canonical name, as a user would expect to find the file: the fixture's fourteen forces.
    assert sorted(all_plans) == [
        "british-transport-police-realisation-plan.xlsx",
        "cumbria-constabulary-realisation-plan.xlsx",
        "devon-and-cornwall-police-realisation-plan.xlsx",
        "dorset-police-realisation-plan.xlsx",
        "durham-constabulary-realisation-plan.xlsx",
        "essex-police-realisation-plan.xlsx",
        "gwent-police-realisation-plan.xlsx",
        "hampshire-and-isle-of-wight-constabulary-realisation-plan.xlsx",
        "kent-police-realisation-plan.xlsx",
        "lancashire-constabulary-realisation-plan.xlsx",
        "metropolitan-police-service-realisation-plan.xlsx",
        "norfolk-constabulary-realisation-plan.xlsx",
        "suffolk-constabulary-realisation-plan.xlsx",
        "wiltshire-police-realisation-plan.xlsx",
    ]


def test_each_plan_names_its_own_force(project: Project, all_plans: dict[str, bytes]) -> None:
    named = {}
    for file, data in all_plans.items():
        wb = load_workbook(io.BytesIO(data))
        named[file] = (cell_of(wb, "nvap_force").value, cell_of(wb, header_name("force")).value)
    assert sorted(key for key, _ in named.values()) == sorted(project.forces.forces)  # each force once
    assert named["norfolk-constabulary-realisation-plan.xlsx"] == ("norfolk-constabulary", "Norfolk Constabulary")
    assert named["gwent-police-realisation-plan.xlsx"] == ("gwent-police", "Gwent Police")


def test_two_builds_are_byte_identical(project: Project, tmp_path: Path, norfolk_bytes: bytes) -> None:
    (again,) = plan_outputs(project, tmp_path, ["Norfolk"])
    assert again.data == norfolk_bytes
    assert again.path == tmp_path / NORFOLK


# -- safe writes ------------------------------------------------------------------------------


def write(project: Project, out: Path, forces: list[str], **options: bool) -> tuple[list[Path], list[Path]]:
    outputs, kept = write_plans(project, out, forces, **options)
    report = write_outputs(outputs, protect=True, overwrite=options.get("overwrite", False))
    return report.created + report.updated, kept


def test_an_existing_plan_is_never_replaced_without_overwrite(project: Project, tmp_path: Path) -> None:
    path = tmp_path / NORFOLK
    assert write(project, tmp_path, ["Norfolk"]) == ([path], [])
    first = path.read_bytes()

    with pytest.raises(ExistsError) as caught:
        write(project, tmp_path, ["Norfolk"])
    assert caught.value.exit_code == 1
    assert caught.value.message == (
        f"{path} already exists and may hold a force's work: nothing was written "
        "(use --overwrite to replace it, or --skip-existing to keep it)"
    )
    assert path.read_bytes() == first

    path.write_bytes(b"a force's work")
    with pytest.raises(ExistsError):
        write(project, tmp_path, ["Norfolk", "Suffolk"])
    assert path.read_bytes() == b"a force's work"
    assert sorted(p.name for p in tmp_path.iterdir()) == [NORFOLK]

    suffolk = tmp_path / "suffolk-constabulary-realisation-plan.xlsx"
    assert write(project, tmp_path, ["Norfolk", "Suffolk"], skip_existing=True) == ([suffolk], [path])
    assert path.read_bytes() == b"a force's work"

    assert write(project, tmp_path, ["Norfolk"], overwrite=True) == ([path], [])
    assert path.read_bytes() == first


# -- the workbook -------------------------------------------------------------------------------


def test_sheets_in_order_and_protected_without_password(norfolk: Workbook) -> None:
    assert norfolk.sheetnames == ["Cover", SHEET, LISTS_SHEET, "nvap"]
    assert [ws.sheet_state for ws in norfolk.worksheets] == ["visible", "visible", "veryHidden", "veryHidden"]
    assert norfolk.active.title == "Cover"
    props = norfolk.properties
    assert (props.title, props.subject, props.language) == (
        "Impact Realisation Plan: Norfolk Constabulary",
        "Fixture Plan Heading",
        "en",
    )
    for ws in norfolk.worksheets:
        assert ws.protection.sheet is True
        assert not ws.protection.password


def test_instructions_sheet_comes_from_the_content(norfolk: Workbook) -> None:
    texts = [c.value for row in norfolk["Cover"].iter_rows() for c in row if c.value]
    assert texts[:4] == ["Impact Realisation Plan", "Fixture Plan Heading", "Fixture plan subheading", "Norfolk Constabulary"]
    for expected in [
        "Fixture questions to ask:",
        "\u2022 Fixture question one?",
        "\u2022 Fixture question two?",
        "fixture@example.org",
        "The text of this toolkit is fixture text written for nvap's tests.",
    ]:
        assert expected in texts
    assert texts[texts.index(f"Action {ACTION} Fixture Action") + 1] == (
        "The plan to fill in: the header, then each objective's impacts, organisational and external."
    )
    assert "nvap_lists: The options of the plan's dropdown lists." in texts
    assert (
        "nvap: What the file is, for nvap to read the plan back: its format, language, force and the edition of each toolkit."
        in texts
    )
    (link,) = [c.hyperlink for row in norfolk["Cover"].iter_rows() for c in row if c.hyperlink and c.hyperlink.location]
    assert link.location == f"'{SHEET}'!A1"


def test_plan_sheet_prefills_and_locks_the_labels(norfolk: Workbook) -> None:
    ws = norfolk[SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert texts[:3] == [
        "Impact Realisation Plan: Action 1.1.1 Fixture Action",
        "Fixture Plan Heading",
        "Fixture plan subheading",
    ]
    assert not ws.merged_cells.ranges
    assert "Fixture objective one statement" in texts and "Fixture objective two statement" in texts
    assert texts.count("Fixture organisational impact.") == 2  # once per objective
    assert texts.count("Fixture external impact.") == 2
    for label in ("Reporting Period", "Impact Owner", "Activity", "Risk Mitigation Strategy", "Additional Comments"):
        assert label in texts
    # Every non-empty cell is locked content; the prompts are not pre-filled text.
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                assert cell.protection.locked, cell.coordinate
    assert "Fixture prompt for the activity." not in texts
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$1:$3"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_every_font_has_a_name(norfolk_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(norfolk_bytes)) as z:
        styles = z.read("xl/styles.xml").decode()
    fonts = re.findall(r"<font>.*?</font>|<font/>", styles, re.S)
    assert fonts and all("<name " in f for f in fonts)


def input_names(project: Project, prefix: str = "p") -> list[str]:
    assert [o.id for o in project.actions[ACTION].objectives] == list(names.OBJECTIVES)
    return names.inputs(prefix)


def test_every_input_is_named_unlocked_empty_and_styled(project: Project, norfolk: Workbook) -> None:
    inputs = input_names(project)
    assert len(inputs) == 4 + 2 * 17
    coordinates = set()
    for name in inputs:
        cell = cell_of(norfolk, name)
        assert cell.parent.title == SHEET
        assert cell.value is None
        assert cell.protection.locked is False, name
        assert cell.fill.fgColor.rgb.endswith("FFF2CC")
        coordinates.add(cell.coordinate)
    assert len(coordinates) == len(inputs)
    force = cell_of(norfolk, header_name("force"))
    assert force.value == "Norfolk Constabulary" and force.protection.locked


def test_defined_names_are_valid_excel_names(norfolk: Workbook) -> None:
    defined = list(norfolk.defined_names)
    assert len({n.casefold() for n in defined}) == len(defined)
    for name in defined:
        assert EXCEL_NAME.match(name) and not CELL_LIKE.match(name), name


def validation_of(ws, coordinate: str):  # type: ignore[no-untyped-def]
    found = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, coordinate
    return found[0]


PROMPTS = {
    "activity": ("Activity", "Fixture prompt for the activity."),
    "risks": ("Risks", "Fixture prompt for the risks."),
    "impact_measurement": ("Impact Measurement", "Fixture prompt for the impact measurement."),
}
EXAMPLES = {
    ("objective-one", "organisational"): "Example: Fixture example one",
    ("objective-one", "external"): "Example: Fixture example two",
    ("objective-two", "organisational"): "Example: Fixture example three",
    ("objective-two", "external"): "Example: Fixture example four",
}


def test_dropdowns_offer_the_logic_model_and_allow_free_text(norfolk: Workbook) -> None:
    ws = norfolk[SHEET]
    for objective_id, expected in names.OPTIONS.items():
        for field_name, options in expected.items():
            listed = names.listed(objective_id, field_name)
            assert range_values(norfolk, listed) == options
            for attr in names.COLUMNS:
                cell = cell_of(norfolk, names.objective(objective_id, field_name, attr))
                dv = validation_of(ws, cell.coordinate)
                assert (dv.type, dv.formula1) == ("list", listed)
                assert dv.showErrorMessage is False and dv.errorStyle == "information"
                assert dv.showInputMessage is True
                assert (dv.promptTitle, dv.prompt) == PROMPTS[field_name]
        for attr in names.COLUMNS:
            progress = cell_of(norfolk, names.objective(objective_id, "progress", attr))
            dv = validation_of(ws, progress.coordinate)
            assert dv.type is None
            assert dv.prompt == EXAMPLES[(objective_id, attr)]
    output = cell_of(norfolk, names.objective("objective-one", "output", "organisational"))
    assert validation_of(ws, output.coordinate).prompt == "Fixture prompt for the output."


def test_prompts_fit_excels_limits(norfolk: Workbook) -> None:
    for dv in norfolk[SHEET].data_validations.dataValidation:
        assert len(dv.prompt or "") <= 255 and len(dv.promptTitle or "") <= 32


def test_date_prepared_is_validated_as_a_date(norfolk: Workbook) -> None:
    cell = cell_of(norfolk, header_name("date_prepared"))
    dv = validation_of(norfolk[SHEET], cell.coordinate)
    assert dv.type == "date" and dv.showErrorMessage is True
    assert cell.number_format == "dd/mm/yyyy"


def test_metadata(norfolk: Workbook) -> None:
    assert cell_of(norfolk, "nvap_kind").value == PLAN_KIND
    assert cell_of(norfolk, "nvap_format").value == "3"
    assert cell_of(norfolk, "nvap_lang").value == "en"
    assert cell_of(norfolk, "nvap_version").value == __import__("nvap_toolkit").__version__
    assert cell_of(norfolk, "nvap_force").value == "norfolk-constabulary"
    assert cell_of(norfolk, "nvap_force_name").value == "Norfolk Constabulary"
    assert cell_of(norfolk, "nvap_actions").value == ACTION
    assert re.fullmatch(r"[0-9a-f]{16}", str(cell_of(norfolk, "nvap_1_1_1_hash").value))  # the edition: a digest of the content
    assert cell_of(norfolk, "nvap_1_1_1_objectives").value == "objective-one objective-two"
    assert all(cell_of(norfolk, n).parent.title == "nvap" for n in ("nvap_kind", "nvap_1_1_1_hash"))


def test_add_plan_sheet_for_the_toolkit_workbook(project: Project) -> None:
    """``nvap build`` calls the same function with no force: the force becomes an input."""
    wb = Workbook()
    action = project.actions[ACTION]
    written = add_plan_sheet(wb, project, action, Prose(project), force=None, title="Impact Realisation Plan", prefix="t")
    assert written[0] == header_name("force", "t")
    assert set(written) == {header_name("force", "t"), *input_names(project, prefix="t")}
    force = cell_of(wb, written[0])
    assert force.value is None and force.protection.locked is False
    assert "Impact Realisation Plan" in wb.sheetnames
    # A second sheet in the same workbook reuses the hidden lists sheet.
    add_plan_sheet(wb, project, action, Prose(project), force=None, title="Impact Realisation Plan", prefix="u")
    assert wb.sheetnames.count(LISTS_SHEET) == 1
    assert range_values(wb, names.listed(action.objectives[0].id, "activity", "u")) == range_values(
        wb, names.listed(action.objectives[0].id, "activity", "t")
    )
    with pytest.raises(NvapError, match="twice"):
        add_plan_sheet(wb, project, action, Prose(project), force=None, title="x", prefix="u")


# -- content is text, never a formula ------------------------------------------------------------


@pytest.fixture(scope="module")
def formula_like_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("content") / "content"
    copy_fixture(root)
    path = root / "actions" / f"{ACTION}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    objective = data["objectives"][0]
    objective["statement"] = "=1+1 statement"
    objective["activities"][0]["title"] = '=HYPERLINK("http://example.org","x")'
    objective["activities"][1]["title"] = "+SUM(A1:A2)"
    objective["unintended_consequences"][0] = "-2 risks"
    objective["plan_examples"]["organisational"] = "@example"
    data["impacts"]["organisational"] = "=organisational"
    data["title"] = "=Norms"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    index = root / "nvap.yaml"  # an action has one title: its programme's index says the same
    index.write_text(
        index.read_text(encoding="utf-8").replace('  "1.1.1": Fixture Action', '  "1.1.1": "=Norms"'), encoding="utf-8"
    )
    forces = root / "reference" / "forces.yaml"
    forces.write_text(
        forces.read_text(encoding="utf-8").replace("name: Norfolk Constabulary", 'name: "=Norfolk Constabulary"'),
        encoding="utf-8",
    )
    return load_valid_project(root)


def test_content_starting_like_a_formula_stays_text(formula_like_project: Project, tmp_path: Path) -> None:
    (output,) = plan_outputs(formula_like_project, tmp_path, ["Norfolk"])
    assert output.path.name == NORFOLK
    with zipfile.ZipFile(io.BytesIO(output.data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    wb = load_workbook(io.BytesIO(output.data))
    values = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in (
        "=1+1 statement",
        '=HYPERLINK("http://example.org","x")',
        "+SUM(A1:A2)",
        "-2 risks",
        "=organisational",
        "=Norfolk Constabulary",
        "Impact Realisation Plan: Action 1.1.1 =Norms",
    ):
        assert values.get(text) == "s", text
    objective = formula_like_project.actions[ACTION].objectives[0]
    dv = validation_of(wb[wb.sheetnames[1]], cell_of(wb, names.objective(objective.id, "progress", "organisational")).coordinate)
    assert dv.prompt == "Example: @example"
