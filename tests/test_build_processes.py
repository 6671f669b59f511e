"""Builds that render in other processes give the same bytes and the same errors as rendering here, and leave no process behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_interrupt import children, many_actions

from nvap_toolkit import build as building
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.errors import NvapError

forks = pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/stat").exists(), reason="needs fork and Linux's /proc")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def here_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render everything in this process."""
    monkeypatch.setattr(building, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr(building._Workbooks, "wanted", staticmethod(lambda *_: False))


@forks
def test_workbooks_rendered_aside_are_those_rendered_here(content, tmp_path, monkeypatch):
    project = load_valid_project(content)
    forked = []
    real = building._Workbooks.__init__

    def spy(self, *args, **kwargs):
        forked.append(True)
        real(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(building, "cpu_count", lambda: 2)
        patch.setattr(building._Workbooks, "__init__", spy)
        building.build(project, [], [], tmp_path / "aside")
    assert forked, "the workbooks were not rendered aside"
    assert children(os.getpid()) == []
    here_only(monkeypatch)
    building.build(project, [], [], tmp_path / "here")
    assert files(tmp_path / "aside") == files(tmp_path / "here")
    assert {"2.6.2.xlsx", "covenant-2024.xlsx"} <= set(files(tmp_path / "here"))


@forks
def test_a_workbook_that_fails_aside_fails_as_it_does_here(content, tmp_path, monkeypatch):
    project = load_valid_project(content)
    real = building.render_document

    def broken_workbooks(project, ref, formats, out):
        if "xlsx" in formats and ref.kind == "covenant":
            raise NvapError("the tracker failed")
        return real(project, ref, formats, out)

    monkeypatch.setattr(building, "render_document", broken_workbooks)
    monkeypatch.setattr(building, "cpu_count", lambda: 2)
    with pytest.raises(NvapError, match="^the tracker failed$"):
        building.build(project, [], [], tmp_path / "out")
    assert not (tmp_path / "out").exists() or files(tmp_path / "out") == {}
    assert children(os.getpid()) == []


@forks
def test_a_build_in_worker_processes_gives_the_bytes_of_one_here(tmp_path, monkeypatch):
    project = load_valid_project(many_actions(tmp_path / "content", n=9))
    monkeypatch.setattr(building, "cpu_count", lambda: 2)
    pools = []

    import concurrent.futures

    made = concurrent.futures.ProcessPoolExecutor.__init__

    def spy(self, *args, **kwargs):
        pools.append(self)
        made(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(concurrent.futures.ProcessPoolExecutor, "__init__", spy)
        building.build(project, [], ["md", "html"], tmp_path / "workers")
    assert pools, "no worker processes were used"
    assert children(os.getpid()) == []
    here_only(monkeypatch)
    building.build(project, [], ["md", "html"], tmp_path / "here")
    assert files(tmp_path / "workers") == files(tmp_path / "here")
    documents = building.select_documents(project, [], everything=True)
    assert len(documents) >= 8  # the worker processes' threshold
    assert {f"{d.stem}.{fmt}" for d in documents for fmt in ("md", "html")} <= set(files(tmp_path / "here"))
