"""Shared fixtures: a copy of the shipped content to break, and the CLI run in-process."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nvap_toolkit.cli import app

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SOURCES = ROOT.parent / "shared" / "sources"

# A small, valid action toolkit used as the base of many invalid cases (line numbers matter).
MINIMAL_ACTION = """\
id: "9.9.9"
title: Test Action
plan: nvap
detail: Recognise that tests matter [@graham2019]
impacts:
  organisational: A tested workforce
  external: A tested public
how_we_know: ["2.1"]
objectives:
  - id: first
    short_name: First
    statement: To test things
    what_we_mean: Tests are written
    what_we_need:
      intro: "We need:"
      items: [Tests]
    situation: [Things are untested]
    measures:
      sickness: Sickness rates
    suggested_measures:
      peel: ["9.1"]
      other: [sickness]
    activities:
      - id: write-tests
        title: Write tests
        evidence: ["Tests help [@policefoundation2022]"]
    unintended_consequences: [Slower work]
    plan_examples:
      organisational: Tests written
      external: Fewer bugs
perennial_challenges:
  intro: Linked to one challenge.
  links:
    - challenge: staff-wellbeing
      intro: "Issues:"
      issues: [Stress]
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", help="Rewrite the golden files from the current output.")


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped content as ./content of a fresh working directory."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    monkeypatch.chdir(tmp_path)
    return dest


@pytest.fixture
def write(content: Path) -> Callable[[str, str], Path]:
    """Write a file (dedented) under the content copy; returns its path."""

    def _write(rel: str, text: str) -> Path:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def nvap() -> Callable[..., object]:
    """Run the CLI in-process; returns the click Result (exit_code, output)."""
    runner = CliRunner()

    def _run(*args: str) -> object:
        return runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})

    return _run
