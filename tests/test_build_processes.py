"""A build of many documents in worker processes: the bytes and the errors of a build here, and no process left behind.

The workers are spawned (a fresh interpreter each) on every platform, so nothing
here assumes Linux: processes are counted with ``multiprocessing.active_children``.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from test_interrupt import many_actions

from nvap_toolkit import build as building
from nvap_toolkit import workers
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.errors import NvapError


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Builds of 4 documents or more use 2 workers, whatever the machine; the worker counts of each pool started."""
    started: list[int] = []
    real = workers.in_workers

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(kwargs["workers"])
        return real(*args, **kwargs)

    monkeypatch.setattr(building, "PARALLEL_FROM", 4)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers, "in_workers", spy)
    return started


def here_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(building, "PARALLEL_FROM", 10**9)


def test_a_build_in_worker_processes_gives_the_bytes_of_one_here(tmp_path, monkeypatch, pooled):
    project = load_valid_project(many_actions(tmp_path / "content", n=5))
    building.build(project, [], ["md", "html", "xlsx"], tmp_path / "workers")
    assert pooled == [2], "no worker processes were used"
    assert multiprocessing.active_children() == []
    here_only(monkeypatch)
    building.build(project, [], ["md", "html", "xlsx"], tmp_path / "here")
    assert files(tmp_path / "workers") == files(tmp_path / "here")
    documents = building.select_documents(project, [], everything=True)
    assert len(documents) == 7
    assert {f"{d.stem}.{fmt}" for d in documents for fmt in ("md", "html", "xlsx")} <= set(files(tmp_path / "here"))


def test_one_core_or_few_documents_are_built_here(tmp_path, monkeypatch, pooled):
    project = load_valid_project(many_actions(tmp_path / "content", n=5))
    monkeypatch.setattr(workers, "cores", lambda: 1)
    building.build(project, [], ["md"], tmp_path / "one-core")
    monkeypatch.setattr(workers, "cores", lambda: 2)
    building.build(project, ["1.1.1", "9.1.1"], ["md"], tmp_path / "few")
    assert pooled == []
    assert len(files(tmp_path / "one-core")) == 7 + 3  # and the manifest and index.html, index.md


def test_a_document_that_fails_in_a_worker_fails_the_build_as_it_does_here(tmp_path, monkeypatch, pooled):
    """The worker's exception is the build's, as itself; nothing is written and no worker is left."""
    project = load_valid_project(many_actions(tmp_path / "content", n=5))
    # A template of the working directory's templates/ (the workers' too) that fails for one action.
    packaged = (Path(building.__file__).parents[2] / "templates" / "md" / "toolkit.md.j2").read_text(encoding="utf-8")
    (tmp_path / "templates" / "md").mkdir(parents=True)
    broken = '{% if action.id == "9.1.4" %}{{ no_such_value }}{% endif %}' + packaged
    (tmp_path / "templates" / "md" / "toolkit.md.j2").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UndefinedError) as in_workers:
        building.build(project, [], ["md", "html"], tmp_path / "workers")
    assert pooled == [2]
    assert files(tmp_path / "workers") == {}
    assert multiprocessing.active_children() == []
    here_only(monkeypatch)
    with pytest.raises(UndefinedError) as here:
        building.build(project, [], ["md", "html"], tmp_path / "here")
    assert str(in_workers.value) == str(here.value) == "'no_such_value' is undefined"


# Jobs for the pool itself: module-level, so that a spawned worker imports them from here.


def _setup(shared: bytes) -> None:
    global _SHARED
    _SHARED = shared


_SHARED = b""


def _square(n: int) -> tuple[int, bytes, int]:
    return n * n, _SHARED, os.getpid()


def _fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError(f"job {n} failed")
    return n


def _hang_on_three(n: int) -> int:
    if n == 3:
        time.sleep(60)
    return n


def _die_on_three(n: int) -> int:
    if n == 3:
        time.sleep(1)  # the jobs before it done
        os._exit(3)  # a worker that crashes
    return n


def test_the_pool_gives_each_result_in_order_from_workers_set_up_once():
    results = list(workers.in_workers(_square, list(range(8)), workers=2, setup=_setup, shared=b"shared", timeout=60))
    assert [r[:2] for r in results] == [(n * n, b"shared") for n in range(8)]
    assert os.getpid() not in {r[2] for r in results}
    assert len({r[2] for r in results}) <= 2
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("job", "timeout", "error", "message"),
    [
        (_fail_on_three, 60, ValueError, "^job 3 failed$"),
        pytest.param(_hang_on_three, 8, NvapError, r"^a worker process gave no result in 8 s: stopped$", marks=pytest.mark.slow),
        pytest.param(_die_on_three, 60, NvapError, "^a worker process ended unexpectedly", marks=pytest.mark.slow),
    ],
)
def test_a_failing_hanging_or_dying_worker_stops_the_pool_with_an_error(job, timeout, error, message):
    seen = []
    with pytest.raises(error, match=message):
        for result in workers.in_workers(job, list(range(6)), workers=2, setup=_setup, shared=b"", timeout=timeout):
            seen.append(result)
    assert seen == [0, 1, 2]
    assert multiprocessing.active_children() == []


def test_a_pool_left_early_ends_its_workers_at_once():
    started = time.monotonic()
    results = workers.in_workers(_hang_on_three, list(range(6)), workers=2, setup=_setup, shared=b"", timeout=60)
    assert [next(results), next(results), next(results)] == [0, 1, 2]
    results.close()
    assert time.monotonic() - started < 20
    assert multiprocessing.active_children() == []


def test_content_kinds_come_back_from_a_pickle_as_themselves():
    """The workers get the project pickled: its look-ups compare kinds by identity (``kind is ACTION``)."""
    import pickle

    from nvap_toolkit.content.kinds import ALL_KINDS

    assert all(pickle.loads(pickle.dumps(kind)) is kind for kind in ALL_KINDS)
