"""Shared fixtures: a copy of the fixture content (or of the shipped content) to break, and the CLI run in-process."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from support import SHIPPED, copy_fixture
from typer.testing import CliRunner

from nvap_toolkit.cli import app


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", help="Rewrite the golden files from the current output.")


_CACHE = pytest.StashKey[tuple[str, "str | None"]]()


def pytest_configure(config: pytest.Config) -> None:
    # nvap's caches (docs/environment.md) go to a folder of the run's own, removed after it: never the
    # developer's. Set here, not in a fixture, because some modules load the content as they are
    # collected; commands the tests start as processes inherit it.
    folder = tempfile.mkdtemp(prefix="nvap-test-cache-")
    config.stash[_CACHE] = (folder, os.environ.get("NVAP_CACHE_DIR"))
    os.environ["NVAP_CACHE_DIR"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder, before = config.stash.get(_CACHE, ("", None))
    if not folder:
        return
    if before is None:
        os.environ.pop("NVAP_CACHE_DIR", None)
    else:
        os.environ["NVAP_CACHE_DIR"] = before
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the fixture content (tests/fixtures/content) as ./content of a fresh working directory."""
    dest = tmp_path / "content"
    copy_fixture(dest)
    monkeypatch.chdir(tmp_path)
    return dest


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped content as ./content of a fresh working directory: for tests about it."""
    dest = tmp_path / "content"
    shutil.copytree(SHIPPED, dest)
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
