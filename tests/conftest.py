"""Shared fixtures: a copy of the shipped content to break, and the CLI run in-process."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from support import CONTENT
from typer.testing import CliRunner

from nvap_toolkit.cli import app


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
