"""Welsh equal to English: the Welsh outputs have the English ones' headings, tables, links and plan inputs (issue 25).

The Welsh is a pseudo-translation (each English string between ⟦ ⟧, inline forms kept):
nvap never ships Welsh it did not get from a translator. What is compared is the
structure a reader, a screen reader or a force's return relies on, never the words.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from openpyxl import load_workbook
from support import SHIPPED
from typer.testing import CliRunner

from nvap_toolkit.cli import app
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.i18n.catalogue import update_catalogues
from nvap_toolkit.writer import write_outputs

_TRANSLATED_FILE = re.compile(r"\.cy(\.[a-z]+)\b")


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        app, ["--content", str(root), *args], catch_exceptions=False, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    )


def pseudo(english: str) -> str:
    """⟦English⟧; with a space before ⟧ after a web address, which would otherwise take the ⟧ into the link
    (``content.inline.URL`` stops at ASCII punctuation only: a closing ’ or » after an address is taken too)."""
    return f"⟦{english} ⟧" if re.search(r"https?://\S+$", english) else f"⟦{english}⟧"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document and a plan, in English and in a complete pseudo-Welsh."""
    base = tmp_path_factory.mktemp("parity")
    root = base / "content"
    shutil.copytree(SHIPPED, root)
    write_outputs([u.output for u in update_catalogues(load_valid_project(root), "cy")])
    for po in sorted((root / "translations/cy").rglob("*.po")):
        with po.open("rb") as fh:
            catalogue = read_po(fh)
        for message in catalogue:
            if message.id:
                message.string = pseudo(message.id)
        with po.open("wb") as fh:
            write_po(fh, catalogue)
    assert run(root, "translate", "check", "--lang", "cy").exit_code == 0
    out = base / "out"
    result = run(root, "build", "--all", "--lang", "en,cy", "-f", "md", "-f", "html", "--out", str(out), "--require-complete")
    assert result.exit_code == 0, result.output
    result = run(root, "plan", "--force", "Gwent", "--lang", "en,cy", "--out", str(out / "plans"))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    return out


def pairs(out: Path, suffix: str) -> list[tuple[Path, Path]]:
    """Each English document of ``suffix`` with its Welsh twin (the index is one page for both languages)."""
    english = sorted(p for p in out.glob(f"*.{suffix}") if not p.name.endswith(f".cy.{suffix}") and p.stem != "index")
    found = [(p, p.with_name(p.name.removesuffix(f".{suffix}") + f".cy.{suffix}")) for p in english]
    assert found and all(cy.is_file() for _, cy in found), found
    return found


class Structure(HTMLParser):
    """A page's headings (level and id), tables (each row's header and data cells) and links (targets, .cy dropped)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.landmarks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((tag, found.get("id") or ""))
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(f"{tag}:{found.get('scope') or ''}:{found.get('colspan') or 1}")
        elif tag == "a" and found.get("href"):
            self.links.append(_TRANSLATED_FILE.sub(r"\1", found["href"] or ""))
        elif tag in ("main", "nav", "header", "footer", "section", "aside") or found.get("role"):
            self.landmarks.append(f"{tag}:{found.get('role') or ''}")


def structure(path: Path) -> Structure:
    parser = Structure()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_welsh_html_has_the_english_headings_tables_and_links(built: Path) -> None:
    for english, welsh in pairs(built, "html"):
        en, cy = structure(english), structure(welsh)
        assert en.headings, english
        assert cy.headings == en.headings, welsh
        assert cy.tables == en.tables, welsh
        assert cy.links == en.links, welsh
        assert cy.landmarks == en.landmarks, welsh


def markdown_structure(path: Path) -> tuple[list[str], list[int]]:
    """A Markdown file's heading levels (with their anchors, if any) and each table row's number of cells."""
    headings: list[str] = []
    rows: list[int] = []
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        heading = re.match(r"(#{1,6}) .*?(\{#[^}]+\})?$", line)
        if heading:
            headings.append(heading.group(1) + (heading.group(2) or ""))
        elif line.startswith("|"):
            rows.append(len(re.findall(r"(?<!\\)\|", line)) - 1)
    return headings, rows


def test_welsh_markdown_has_the_english_headings_and_tables(built: Path) -> None:
    for english, welsh in pairs(built, "md"):
        en_headings, en_rows = markdown_structure(english)
        cy_headings, cy_rows = markdown_structure(welsh)
        assert en_headings, english
        assert cy_headings == en_headings, welsh
        assert cy_rows == en_rows, welsh
        en_links = re.findall(r"\]\(([^)\s]+)", english.read_text(encoding="utf-8"))
        cy_links = [_TRANSLATED_FILE.sub(r"\1", link) for link in re.findall(r"\]\(([^)\s]+)", welsh.read_text(encoding="utf-8"))]
        assert cy_links == en_links, welsh


def test_a_welsh_plan_has_the_english_plans_inputs(built: Path) -> None:
    (english,) = sorted((built / "plans").glob("*-plan.xlsx"))
    welsh = english.with_name(english.name.removesuffix(".xlsx") + ".cy.xlsx")
    en, cy = load_workbook(english), load_workbook(welsh)
    assert len(cy.sheetnames) == len(en.sheetnames)
    assert all(len(title) <= 31 for title in cy.sheetnames)
    position = {cy_title: en_title for en_title, cy_title in zip(en.sheetnames, cy.sheetnames, strict=True)}

    def names(wb, sheet_of=lambda title: title):  # type: ignore[no-untyped-def]
        found = {}
        for name, defined in wb.defined_names.items():
            found[name] = [(sheet_of(title), ref) for title, ref in defined.destinations]
        return found

    en_names = names(en)
    assert en_names
    assert names(cy, lambda title: position[title]) == en_names  # every input at the same cell of the same sheet

    def inputs(wb):  # type: ignore[no-untyped-def]
        return [
            sorted((str(dv.sqref), dv.type or "") for dv in ws.data_validations.dataValidation)
            + sorted(c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False)
            for ws in wb.worksheets
        ]

    assert inputs(cy) == inputs(en)  # the same unlocked cells and the same dropdowns and checks
