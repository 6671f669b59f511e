"""Every Markdown file nvap builds renders on GitHub: tables with a real header row, links between documents kept.

Checked with markdown-it-py's CommonMark parser with GFM tables (a renderer nvap did not write):
a broken table silently becomes a paragraph and extra cells are dropped, so the tokens are read.
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from support import SHIPPED

from nvap_toolkit.build import build
from nvap_toolkit.content.load import load_valid_project


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = load_valid_project(SHIPPED)
    out = tmp_path_factory.mktemp("md")
    build(project, [], ["md"], out / "en")
    build(project, [], ["md"], out / "cy", langs=["cy"])
    return {f"{p.parent.name}/{p.name}": p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.md"))}


def _table_problems(text: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines = text.splitlines()
    inside: set[int] = set()
    problems = []
    for i, token in enumerate(tokens):
        if token.type != "table_open":
            continue
        start, end = token.map or (0, 0)
        inside.update(range(start, end))
        close = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
        rows: list[list[str]] = []
        for t in tokens[i:close]:
            if t.type == "tr_open":
                rows.append([])
            elif t.type in ("th_open", "td_open"):
                rows[-1].append(t.type)
        head, *body = rows
        if not any(_cell_text(tokens, i, close)):
            problems.append(f"line {start + 1}: a header row with no words")
        problems.extend(
            f"line {start + 1}: a row of {len(row)} cells under a header of {len(head)}" for row in body if len(row) != len(head)
        )
    problems.extend(
        f"line {n + 1}: not in a table: {line[:60]}" for n, line in enumerate(lines) if line.startswith("|") and n not in inside
    )
    return problems


def _cell_text(tokens: list, start: int, end: int) -> list[str]:
    """The words of the header row's cells."""
    words = []
    in_head = False
    for t in tokens[start:end]:
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            break
        elif in_head and t.type == "inline":
            words.append(t.content.strip())
    return [w for w in words if w]


def test_every_markdown_table_has_a_header_and_whole_rows(documents: dict[str, str]) -> None:
    assert {
        "en/2.6.2.md",
        "en/covenant-2024.md",
        "en/index.md",
        "cy/2.6.2.cy.md",
        "cy/covenant-2024.cy.md",
        "cy/index.md",
    } <= set(documents)
    problems = {name: found for name, text in documents.items() if (found := _table_problems(text))}
    assert problems == {}


def test_links_between_documents_go_to_markdown(documents: dict[str, str]) -> None:
    for name, text in documents.items():
        html = MarkdownIt("commonmark").enable("table").render(text)
        local = [h for h in re.findall(r'href="([^"]+)"', html) if not re.match(r"[a-z]+:|#", h)]
        assert [h for h in local if not h.split("#")[0].endswith((".md", ".pdf", ".xlsx", ".ods"))] == [], name
    assert "(<2.6.2.md>)" in documents["en/index.md"]
    assert re.search(r"\]\(<?2\.6\.2\.md", documents["en/covenant-2024.md"]), "the report's related action links to its toolkit"
