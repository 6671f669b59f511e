"""Builds that render in other processes give the same bytes and the same errors as rendering here, and leave no process behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_interrupt import children, many_actions

from nvap_toolkit import aside
from nvap_toolkit import build as building
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.errors import NvapError
from nvap_toolkit.render import document

forks = pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/stat").exists(), reason="needs fork and Linux's /proc")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def nvap_process(content: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``nvap --content CONTENT build --out OUT`` as a process, through the console script's entry point."""
    entry = "from nvap_toolkit.process import main; main()"
    return subprocess.run(
        [sys.executable, "-c", entry, "--content", str(content), "build", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


def here_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render everything in this process."""
    monkeypatch.setattr(building, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr(aside.Aside, "wanted", staticmethod(lambda *_: False))


@forks
def test_workbooks_rendered_aside_are_those_rendered_here(content, tmp_path, monkeypatch):
    project = load_valid_project(content)
    forked = []
    real = aside.Aside.__init__

    def spy(self, *args, **kwargs):
        forked.append(True)
        real(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(aside, "cpu_count", lambda: 2)
        patch.setattr(aside.Aside, "__init__", spy)
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
    real = document.render_document

    def broken_workbooks(project, ref, formats, out, *, page=None):
        if "xlsx" in formats and ref.kind == "covenant":
            raise NvapError("the tracker failed")
        return real(project, ref, formats, out, page=page)

    monkeypatch.setattr(document, "render_document", broken_workbooks)
    monkeypatch.setattr(aside, "cpu_count", lambda: 2)
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


@forks
def test_the_workbook_process_started_first_renders_the_build_s_workbooks(content, tmp_path, monkeypatch):
    monkeypatch.setattr(aside, "cpu_count", lambda: 2)
    aside.start(("xlsx",))  # as the entry point does, before the content is read
    early = aside.Aside._early
    assert early is not None and early.pid
    given = []
    real = aside.Aside.submit

    def spy(self, *args):
        given.append(self)
        real(self, *args)

    monkeypatch.setattr(aside.Aside, "submit", spy)
    project = load_valid_project(content)
    building.build(project, [], [], tmp_path / "early")
    assert given == [early], "the build did not use the process started first"
    assert aside.Aside._early is None
    assert children(os.getpid()) == []
    here_only(monkeypatch)
    building.build(project, [], [], tmp_path / "here")
    assert files(tmp_path / "early") == files(tmp_path / "here")


@forks
def test_a_workbook_process_a_build_does_not_need_is_ended(content, tmp_path, monkeypatch):
    monkeypatch.setattr(aside, "cpu_count", lambda: 2)
    aside.start(("xlsx",))
    assert children(os.getpid()) != []
    building.build(load_valid_project(content), [], ["md"], tmp_path / "md")
    assert aside.Aside._early is None
    assert children(os.getpid()) == []
    assert sorted(files(tmp_path / "md")) == [".nvap-build.json", "2.6.2.md", "covenant-2024.md", "index.html", "index.md"]


@forks
def test_a_workbook_process_that_died_before_its_job_is_rendered_for_here(content, tmp_path, monkeypatch):
    import signal

    monkeypatch.setattr(aside, "cpu_count", lambda: 2)
    aside.start(("xlsx",))
    early = aside.Aside._early
    assert early is not None
    os.kill(early.pid, signal.SIGKILL)
    project = load_valid_project(content)
    building.build(project, [], [], tmp_path / "died")
    assert children(os.getpid()) == []
    here_only(monkeypatch)
    building.build(project, [], [], tmp_path / "here")
    assert files(tmp_path / "died") == files(tmp_path / "here")


def test_the_entry_point_starts_the_aside_process_for_builds_of_slow_formats():
    from nvap_toolkit.process import _slow_formats

    assert _slow_formats(["build"]) == ("xlsx",)  # the default formats: md, html and xlsx
    assert _slow_formats(["build", "2.6.2", "--out", "x"]) == ("xlsx",)
    assert _slow_formats(["--content", "c", "--debug", "build", "-f", "md", "-f", "xlsx"]) == ("xlsx",)
    assert _slow_formats(["build", "--format=xlsx"]) == ("xlsx",)
    assert _slow_formats(["build", "-fxlsx", "-f", "pdf"]) == ("pdf", "xlsx")
    assert _slow_formats(["build", "--format=pdf"]) == ("pdf",)
    assert _slow_formats(["build", "-f", "md"]) == ()
    assert _slow_formats(["build", "--help"]) == ()
    assert _slow_formats(["plan", "--force", "Norfolk"]) == ()
    assert _slow_formats(["--content", "build"]) == ()
    assert _slow_formats([]) == ()


def test_content_kinds_come_back_from_a_pickle_as_themselves():
    import pickle

    from nvap_toolkit.content.kinds import ALL_KINDS

    assert [pickle.loads(pickle.dumps(kind)) for kind in ALL_KINDS] == ALL_KINDS
    assert all(pickle.loads(pickle.dumps(kind)) is kind for kind in ALL_KINDS)


@forks
def test_nvap_build_as_a_process_writes_the_bytes_of_a_build_here(content, tmp_path, monkeypatch):
    out = tmp_path / "process"
    done = nvap_process(content, out)
    assert done.returncode == 0, done.stderr
    here_only(monkeypatch)
    building.build(load_valid_project(content), [], [], tmp_path / "here")
    assert files(out) == files(tmp_path / "here")


@forks
def test_nvap_as_a_process_leaves_no_process_behind(content, tmp_path):
    """A build, then a build with nothing to do: the workbook process started first is ended either way."""
    import ctypes

    subreaper = 36  # PR_SET_CHILD_SUBREAPER: what nvap leaves running is re-parented here, to be seen
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(subreaper, 1, 0, 0, 0) == 0
    try:
        for _ in range(2):
            done = nvap_process(content, tmp_path / "out")
            assert done.returncode == 0, done.stderr
            assert children(os.getpid()) == []
        assert "up to date" in done.stdout
    finally:
        libc.prctl(subreaper, 0, 0, 0, 0)


def test_the_aside_process_makes_the_models_without_their_validators():
    """What the aside process sets before it imports the models is what the models read (so they skip their set-up)."""
    probe = (
        "from nvap_toolkit.models import Action, Programme; print(Action.__pydantic_complete__, Programme.__pydantic_complete__)"
    )
    env = {**os.environ, aside.DEFER_MODELS: "1"}
    deferred = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert deferred.stdout.split() == ["False", "False"]
    env.pop(aside.DEFER_MODELS)
    built = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert built.stdout.split() == ["True", "True"]
