"""The layers point one way: each part of nvap imports only the parts on the floors below it.

The floors are written here by hand (docs/architecture.md draws the same house);
every import in ``src/`` is read with ``ast``, the ones inside functions too.
"""

from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "nvap_toolkit"

FLOORS = [
    {"issues"},
    {"__init__", "errors", "clock", "git", "resources", "models", "records"},
    {"content", "sheets", "writer", "console"},
    {"i18n", "schema", "scaffold", "workers"},
    {"render", "formats", "validate"},
    {"plan", "diff", "manifest"},
    {"document", "collect"},
    {"build"},
    {"serve"},
    {"cli"},
]
FLOOR = {part: number for number, parts in enumerate(FLOORS) for part in parts}


def _part(module: list[str]) -> str:
    """The part a module of nvap belongs to: its package under nvap_toolkit, or its own name."""
    return module[0] if module else "__init__"


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    """Every module of nvap that ``path`` imports, as its parts under nvap_toolkit, with the line."""
    here = list(path.relative_to(SRC).with_suffix("").parts)
    package = here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "nvap_toolkit":
                target = node.module.split(".")[1:]
            else:
                continue
            found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name.split(".")[1:]) for a in node.names if a.name.split(".")[0] == "nvap_toolkit")
    return found


def test_every_part_is_on_a_floor() -> None:
    parts = {_part(list(p.relative_to(SRC).with_suffix("").parts)) for p in SRC.rglob("*.py")}
    assert sorted(parts - set(FLOOR)) == []


def test_no_import_runs_up_or_across_a_floor() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        own = _part(list(path.relative_to(SRC).with_suffix("").parts))
        for line, target in _imports(path):
            other = _part(target)
            if other != own and FLOOR[other] >= FLOOR[own]:
                wrong.append(f"{path.relative_to(SRC)}:{line}: {own} (floor {FLOOR[own]}) imports {other} (floor {FLOOR[other]})")
    assert wrong == []


def test_a_document_is_rendered_from_the_content_in_its_language(tmp_path: Path) -> None:
    """Translation is passed in: a Welsh document handed the English content is refused, never built in English."""
    import pytest
    from support import SHIPPED

    from nvap_toolkit.content.load import load_valid_project
    from nvap_toolkit.document import DocumentRef, render_document
    from nvap_toolkit.i18n.apply import translate

    project = load_valid_project(SHIPPED)
    with pytest.raises(ValueError, match=r"^2\.6\.2\.cy: rendered from the content in 'en', not in 'cy'$"):
        render_document(project, DocumentRef("toolkit", "2.6.2", "cy"), ["md"], tmp_path)
    [made] = render_document(translate(project, "cy"), DocumentRef("toolkit", "2.6.2", "cy"), ["md"], tmp_path).outputs
    assert made.path == tmp_path / "2.6.2.cy.md"
    digests = json.loads((Path(__file__).parent / "fixtures" / "shipped" / "expected" / "digests.json").read_text())
    assert hashlib.sha256(made.data).hexdigest() == digests["cy/2.6.2.cy.md"]  # the Welsh edition, as built before
