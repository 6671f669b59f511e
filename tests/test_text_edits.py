"""An edit of free text is put in place without validating: exactly what validating the edited file makes of it.

Each edit below is applied to the plain data of a shipped document; the record ``records.edited``
gives is compared with the one Pydantic validates from the same data (the oracle), and every edit
that is not free text, or not valid as it is, must be left to validation (None).
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nvap_toolkit.content.loader import read_document
from nvap_toolkit.content.validate import as_record
from nvap_toolkit.models import Action, Bibliography, CovenantReport
from nvap_toolkit.records import edited

SHIPPED = Path(__file__).resolve().parents[1] / "content"
Edit = Callable[[Any], None]


def _data(relative: str) -> Any:
    doc = read_document(SHIPPED / relative)
    assert not doc.issues
    return doc.data


def _set(*steps: Any, value: Any) -> Edit:
    def apply(data: Any) -> None:
        for step in steps[:-1]:
            data = data[step]
        data[steps[-1]] = value

    return apply


ACTION = "actions/2.6.2.yaml"
REPORT = "covenant/2024/report.yaml"

VALID_TEXT_EDITS = [
    (ACTION, Action, _set("title", value="Officer and Staff Norms, edited")),
    (ACTION, Action, _set("detail", value="  A detail with spaces and a line end around it \n")),
    (ACTION, Action, _set("objectives", 0, "situation", 1, value="A situation rewritten.")),
    (ACTION, Action, _set("objectives", 0, "activities", 0, "title", value="An activity renamed [@unknown-key]")),
    (ACTION, Action, _set("objectives", 0, "activities", 0, "evidence", 0, value="A paragraph of evidence.")),
    (ACTION, Action, _set("impacts", "external", value="An impact, in other words.")),
    (REPORT, CovenantReport, _set("priorities", 0, "title", value="A priority's new title")),
    (REPORT, CovenantReport, _set("priorities", 0, "summary", 0, value="A summary.\n")),
]


@pytest.mark.parametrize(("relative", "model", "edit"), VALID_TEXT_EDITS)
def test_a_text_edited_into_valid_text_is_what_validating_makes_of_it(relative: str, model: Any, edit: Edit) -> None:
    old = _data(relative)
    new = copy.deepcopy(old)
    edit(new)
    assert new != old
    record = as_record(model.model_validate(old))
    assert edited(record, old, new) == as_record(model.model_validate(new))


def _measures_key(data: Any) -> Any:
    return next(k for o in data["objectives"] for k in o.get("measures", {}))


LEFT_TO_VALIDATION = [
    (ACTION, Action, _set("title", value="")),  # empty: an error to report
    (ACTION, Action, _set("title", value="   \n")),  # empty once stripped
    (ACTION, Action, _set("title", value=12)),  # a number where a text was
    (ACTION, Action, _set("title", value="Ends in a control\x1f")),  # stripped otherwise by Python than by Pydantic
    (ACTION, Action, _set("id", value="2.6.3")),  # a key, with a pattern
    (ACTION, Action, _set("status", value="draft")),  # one of a list of values
    (ACTION, Action, lambda d: d["objectives"][0]["situation"].append("A new point.")),  # a list grown
    (ACTION, Action, lambda d: d.update(attribution={"author": "A", "statement": "B"})),  # a field added
    (REPORT, CovenantReport, _set("priorities", 0, "status", value="new")),
]


@pytest.mark.parametrize(("relative", "model", "edit"), LEFT_TO_VALIDATION)
def test_what_is_not_an_edit_of_valid_free_text_is_left_to_validation(relative: str, model: Any, edit: Edit) -> None:
    old = _data(relative)
    new = copy.deepcopy(old)
    edit(new)
    assert new != old
    assert edited(as_record(model.model_validate(old)), old, new) is None


def test_a_model_that_checks_its_fields_together_is_always_validated() -> None:
    old = _data("reference/bibliography.yaml")
    new = copy.deepcopy(old)
    first = next(iter(new["references"].values()))
    first["author"][0]["family"] = "Bradfield"
    assert edited(as_record(Bibliography.model_validate(old)), old, new) is None  # a Name has a validator of its own


def test_a_words_edit_is_loaded_without_pydantic(content: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from nvap_toolkit.content.load import load_valid_project\n"
        "project = load_valid_project(Path(sys.argv[1]))\n"
        "print('pydantic' in sys.modules, project.reports[2024].priorities[0].title)\n"
    )
    env = {**os.environ, "NVAP_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code, str(content)], capture_output=True, text=True, env=env, check=True)
    assert first.stdout.split() == ["True", "Fixture", "Priority", "One"]
    report = content / "covenant" / "2024" / "report.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("Fixture Priority One", "Fixture Priority Uno"), encoding="utf-8"
    )
    again = subprocess.run([sys.executable, "-c", code, str(content)], capture_output=True, text=True, env=env, check=True)
    assert again.stdout.split() == ["False", "Fixture", "Priority", "Uno"]


def test_an_edit_that_empties_a_text_is_reported_at_its_line(content: Path, tmp_path: Path, monkeypatch) -> None:
    from nvap_toolkit.content.load import load_valid_project
    from nvap_toolkit.errors import ContentError

    monkeypatch.setenv("NVAP_CACHE_DIR", str(tmp_path / "cache"))
    load_valid_project(content)
    report = content / "covenant" / "2024" / "report.yaml"
    lines = report.read_text(encoding="utf-8").splitlines()
    at = lines.index("    title: Fixture Priority One")
    lines[at] = '    title: ""'
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        load_valid_project(content)
    assert [str(i) for i in failed.value.issues] == [f"content/covenant/2024/report.yaml:{at + 1}:12: 'title': must not be empty"]
