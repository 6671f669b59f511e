"""Every output of the shipped content, byte for byte as the release before made it.

The golden Markdown (``test_golden.py``) can be read in a diff; the other formats are
held here by their SHA-256, in ``fixtures/shipped/expected/digests.json``: each
toolkit and report in HTML, Excel and OpenDocument, in English and Welsh, with its
index, and a force's plan as Excel, OpenDocument and in Welsh. A change that alters any
byte fails here, naming the file; after an intended change, regenerate with
``make golden`` (pytest --regen-golden) and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from support import SHIPPED

from nvap_toolkit.build import build
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.plan.write import plan_outputs

DIGESTS = Path(__file__).parent / "fixtures" / "shipped" / "expected" / "digests.json"


def _made(tmp_path: Path) -> dict[str, str]:
    project = load_valid_project(SHIPPED)
    build(project, [], ["md", "html", "xlsx", "ods"], tmp_path / "en")
    build(project, [], ["md", "html", "xlsx", "ods"], tmp_path / "cy", langs=["cy"])
    files = {f"{p.parent.name}/{p.name}": p.read_bytes() for p in sorted(tmp_path.glob("*/*")) if p.name[0] != "."}
    for fmt, lang in (("xlsx", "en"), ("ods", "en"), ("xlsx", "cy")):
        for output in plan_outputs(project, tmp_path, ["Norfolk"], lang=lang, file_format=fmt):
            files[f"plans/{lang}/{output.path.name}"] = output.data
    return {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}


@pytest.mark.slow
def test_every_output_is_the_release_befores(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    made = _made(tmp_path)
    if request.config.getoption("--regen-golden"):
        DIGESTS.write_text(json.dumps(made, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert sorted(made) == sorted(expected)
    assert [name for name in made if made[name] != expected[name]] == []
