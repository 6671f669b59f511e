"""The plain records renderers read: made from validated models, compared, pickled, copied and dumped as plain data."""

from __future__ import annotations

import pickle
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from nvap_toolkit.content.validate import as_record
from nvap_toolkit.models.common import Edition as EditionModel
from nvap_toolkit.models.covenant import StatusLabels as StatusLabelsModel
from nvap_toolkit.records import dump, replace, strings_in
from nvap_toolkit.records.content import ChangeNote, Edition, StatusLabels

ROOT = Path(__file__).resolve().parents[1]


def test_the_records_are_current():
    helpers = runpy.run_path(str(ROOT / "scripts" / "records.py"), run_name="records")
    assert helpers["render"]() == (ROOT / "src" / "nvap_toolkit" / "records" / "content.py").read_text(encoding="utf-8"), (
        "src/nvap_toolkit/records/content.py is stale: run `make records`"
    )


def test_a_record_holds_what_its_model_was_validated_into():
    model = EditionModel.model_validate(
        {"version": " 2 ", "date": "2024-03", "changes": [{"text": "Measures added.", "affects_plans": True}]}
    )
    record = as_record(model)
    assert type(record) is Edition
    assert (record.version, record.date) == ("2", "2024-03")  # stripped by the model
    assert record.changes == [ChangeNote("Measures added.", affects_plans=True)]
    assert (
        repr(record) == "Edition(version='2', date='2024-03', changes=[ChangeNote(text='Measures added.', affects_plans=True)])"
    )


def test_a_record_is_dumped_by_the_names_of_the_content_file():
    record = as_record(StatusLabelsModel.model_validate({"completed": "Done", "in-progress": "Under way", "new": "New"}))
    assert dump(record) == {"completed": "Done", "in-progress": "Under way", "new": "New"}
    assert list(strings_in(record)) == ["Done", "Under way", "New"]


def test_records_compare_by_class_and_fields():
    assert StatusLabels("a", "b", "c") == StatusLabels("a", "b", "c")
    assert StatusLabels("a", "b", "c") != StatusLabels("a", "b", "d")
    assert ChangeNote("a", affects_plans=False) != ("a", False)
    with pytest.raises(TypeError):
        hash(StatusLabels("a", "b", "c"))  # like their lists: not hashable


def test_a_copy_with_changes_leaves_the_record_as_it_was():
    before = StatusLabels("a", "b", "c")
    after = replace(before, in_progress="B")
    assert (after.completed, after.in_progress, after.new) == ("a", "B", "c")
    assert before.in_progress == "b"
    with pytest.raises(TypeError, match="StatusLabels has no field progress"):
        replace(before, progress="B")


def test_a_pickled_record_needs_no_pydantic_to_be_read():
    data = pickle.dumps(Edition("1", "2024-03-21", [ChangeNote("x", affects_plans=False)]))
    code = "import pickle, sys\nvalue = pickle.loads(sys.stdin.buffer.read())\nprint(value.changes[0].text, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True)
    assert out.stdout.decode().split() == ["x", "False"]
