"""Worker processes, for work that pays to spread over the cores (a build of many documents).

One way to run them on every platform: a pool of *spawned* processes (a fresh
interpreter each, never a fork of this one, which may run threads: ``nvap serve``
builds from its watcher thread). Each worker is set up once with what the jobs
share (``setup``, given pickled), then runs jobs in order of submission; the
results come back in that order. A job's exception is raised here, as itself; a
worker that dies, or a result not back in ``timeout`` seconds, stops the lot with
an ``NvapError``. Leaving early (Ctrl-C, an error, the caller stopping) ends every
worker at once: none is left running.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, TypeVar

from .errors import NvapError
from .writer import interrupts_held

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

WINDOW = 3
"""Jobs submitted ahead per worker: enough to keep each busy, few enough to keep memory flat."""
J = TypeVar("J")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may use (``taskset`` counts)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def in_workers(
    run: Callable[[J], R],
    jobs: list[J],
    *,
    workers: int,
    setup: Callable[[bytes], None],
    shared: bytes,
    timeout: float,
) -> Generator[R, None, None]:
    """``run(job)`` for each of ``jobs`` in ``workers`` spawned processes; each result in the order of ``jobs``.

    ``run`` and ``setup`` are module-level functions (the workers import them);
    ``setup(shared)`` runs once in each worker before its first job. ``timeout`` is
    how long one result may take after the one before it (a worker that hangs).
    Close the generator to stop early: the workers are ended, not waited for.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = None
    try:
        # Ctrl-C is held while the workers start (the signal mask is inherited), until
        # each ignores it: a terminal's Ctrl-C reaches every process of its group, and
        # only this one stops the build (see ``_stop``); the others would print tracebacks.
        with interrupts_held():
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_started,
                initargs=(setup, shared),
            )
        # A few jobs ahead of the one awaited, not all: results waiting to be taken in order,
        # and the futures holding them, would keep every document's bytes in memory at once.
        ahead = deque(pool.submit(run, job) for job in jobs[: workers * WINDOW])
        queued = iter(jobs[workers * WINDOW :])
        while ahead:
            future = ahead.popleft()
            try:
                result = future.result(timeout=timeout)
            except TimeoutError:
                raise NvapError(f"a worker process gave no result in {timeout:g} s: stopped") from None
            except BrokenProcessPool as exc:
                raise NvapError(f"a worker process ended unexpectedly ({exc})") from None
            del future
            following = next(queued, None)
            if following is not None:
                ahead.append(pool.submit(run, following))
            yield result
            del result
    except BaseException:  # Ctrl-C, a job's error, or the caller stopping early
        if pool is not None:
            _stop(pool)
        raise
    else:
        pool.shutdown()


def _started(setup: Callable[[bytes], None], shared: bytes) -> None:
    """In each worker, first: ignore Ctrl-C (the parent stops the workers), then the caller's set-up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    setup(shared)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Drop the jobs not yet run and end the workers now, without waiting for them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=2)
        if process.is_alive():
            process.kill()
            process.join(timeout=1)
    if manager is not None:
        manager.join(timeout=2)
