"""The Welsh pages in the programs people use: axe-core in Chromium, and the Nu HTML checker.

Two Welsh builds: from the shipped catalogues (every msgstr empty, so every string is
English marked lang="en" inside a lang="cy" page), and from a pseudo-translation (each
msgstr the English between ⟦ ⟧). Screenshots and print PDFs are kept in
build/clients/welsh/ to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from helpers import PROJECT_ROOT, audit_html, vnu_errors

from nvap_toolkit.build import build
from nvap_toolkit.content.load import load_valid_project

KEEP = PROJECT_ROOT / "build" / "clients" / "welsh"


def _pseudo(root: Path) -> None:
    for po in sorted((root / "translations/cy").rglob("*.po")):
        with po.open("rb") as fh:
            catalogue = read_po(fh)
        for message in catalogue:
            if message.id:
                message.string = f"⟦{message.id}⟧"
        with po.open("wb") as fh:
            write_po(fh, catalogue)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    found = []
    for name, translate in (("english", False), ("pseudo", True)):
        root = tmp_path_factory.mktemp(name) / "content"
        shutil.copytree(PROJECT_ROOT / "content", root)
        if translate:
            _pseudo(root)
        out = tmp_path_factory.mktemp(f"{name}-out")
        build(load_valid_project(root), [], ["html"], out, langs=["cy"])
        for page in sorted(out.glob("*.cy.html")):
            # The names must differ for audit_html: 2.6.2.cy.english.html, ...
            found.append(page.rename(out / f"{page.stem}.{name}.html"))
    if KEEP.exists():
        shutil.rmtree(KEEP)
    KEEP.mkdir(parents=True)
    return found


def test_the_welsh_pages_pass_axe(pages: list[Path]) -> None:
    assert sorted(p.name for p in pages) == [
        "2.6.2.cy.english.html", "2.6.2.cy.pseudo.html", "covenant-2024.cy.english.html", "covenant-2024.cy.pseudo.html",
    ]  # fmt: skip
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="cy">' in text
        assert ('<span lang="en">' in text) == ("english" in page.name), page.name
    for page, result in audit_html(pages, KEEP).items():
        assert result["violations"] == [], (page.name, result["violations"])
        assert result["best_practice"] == [], (page.name, result["best_practice"])
        assert result["requests"] == [], (page.name, result["requests"])


def test_the_welsh_pages_are_valid_html(pages: list[Path]) -> None:
    assert vnu_errors(pages) == []
