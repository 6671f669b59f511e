"""The layers point one way: each part of nvap imports only the parts on the floors below it.

The floors are written here by hand (docs/architecture.md draws the same house);
every import in ``src/`` is read with ``ast``, the ones inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "nvap_toolkit"

FLOORS = [
    {"__init__", "errors", "clock", "git", "resources", "models"},
    {"content", "sheets", "writer", "console"},
    {"i18n", "schema", "scaffold", "workers"},
    {"render", "formats", "validate"},
    {"plan", "diff"},
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
