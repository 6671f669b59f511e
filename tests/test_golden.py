"""Golden Markdown: a fresh build of the shipped content equals the committed files.

Regenerate with `make golden` (pytest --regen-golden) after an intended change, and
review the diff like any other change.
"""

from __future__ import annotations

from pathlib import Path

from support import SHIPPED

from nvap_toolkit.build import build
from nvap_toolkit.content.load import load_valid_project

EXPECTED = Path(__file__).parent / "fixtures" / "shipped" / "expected"


def test_markdown_matches_golden(tmp_path, request):
    project = load_valid_project(SHIPPED)
    build(project, [], ["md"], tmp_path)
    made = sorted(p.name for p in tmp_path.glob("*.md"))
    if request.config.getoption("--regen-golden"):
        for old in EXPECTED.glob("*.md"):
            old.unlink()
        for name in made:
            (EXPECTED / name).write_bytes((tmp_path / name).read_bytes())
    assert made == sorted(p.name for p in EXPECTED.glob("*.md"))
    for name in made:
        assert (tmp_path / name).read_text(encoding="utf-8") == (EXPECTED / name).read_text(encoding="utf-8"), name


def test_markdown_tables_are_intact():
    """Every table line is inside a table and every row has as many cells as its header."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    for path in EXPECTED.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        tokens = md.parse(text)
        inside: set[int] = set()
        for i, tok in enumerate(tokens):
            if tok.type == "table_open" and tok.map:
                inside.update(range(*tok.map))
                widths, cells, header_cells = [], 0, 0
                for t in tokens[i:]:
                    if t.type in ("th_open", "td_open"):
                        cells += 1
                        header_cells += t.type == "th_open"
                    elif t.type == "tr_close":
                        widths.append(cells)
                        cells = 0
                    elif t.type == "table_close":
                        break
                assert len(set(widths)) == 1, (path.name, tok.map, widths)
                # A table has a header row, and only that row is header cells.
                assert header_cells == widths[0] > 0, (path.name, tok.map)
        for n, line in enumerate(text.splitlines()):
            if line.startswith("|"):
                assert n in inside, f"{path.name}:{n + 1}: a table line outside a table"
