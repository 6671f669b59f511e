"""Ctrl-C stops a build at once, workers included, and leaves no temporary file; a build removes a killed one's."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import copy_fixture, ctrl_c_as_in_a_terminal

from nvap_toolkit.workers import cores
from nvap_toolkit.writer import TMP_SUFFIX, claim_folder

NVAP = Path(sys.executable).with_name("nvap")
"""The console script installed beside this Python (``make`` installs nvap into the venv)."""

posix_build = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or not NVAP.exists(), reason="needs Linux's /proc and the installed nvap script"
)


def many_actions(root: Path, n: int = 150) -> Path:
    """A content folder with ``n`` more actions, copies of 1.1.1 under ids 9.1.1 ... 9.1.n."""
    copy_fixture(root)
    base = (root / "actions" / "1.1.1.yaml").read_text(encoding="utf-8")
    for i in range(1, n + 1):
        text, found = re.subn(r"""(?m)^id:\s*["']?1\.1\.1["']?\s*$""", f'id: "9.1.{i}"', base, count=1)
        assert found == 1
        (root / "actions" / f"9.1.{i}.yaml").write_text(text, encoding="utf-8")
    return root


def temporaries(folder: Path) -> list[str]:
    """nvap's temporary files in ``folder``, of either naming."""
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith(TMP_SUFFIX) or (p.name.startswith(".") and p.name.endswith(".tmp"))
    )


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields after the command name; None once the process is gone (a zombie counts as gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return None if fields[0] in ("Z", "X") else fields


def children(pid: int) -> list[tuple[int, str]]:
    """The live child processes of ``pid``, each as (pid, start time): a reused pid is not taken for the same process."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == pid:
                found.append((int(entry.name), fields[19]))
    return found


def alive(process: tuple[int, str]) -> bool:
    fields = _stat(process[0])
    return fields is not None and fields[19] == process[1]


@posix_build
@pytest.mark.slow  # two parallel builds of 150 actions, each stopped: the make test-slow set (.ci/run runs it)
@pytest.mark.skipif(cores() < 2, reason="a build uses worker processes given a second core")
@pytest.mark.parametrize("to", ["process group", "parent"])
def test_ctrl_c_stops_a_parallel_build_at_once_and_leaves_nothing(tmp_path, nvap, to):
    """'process group' is what a terminal's Ctrl-C does (every process gets SIGINT); 'parent' is kill -INT."""
    content = many_actions(tmp_path / "content")
    checked = nvap("--content", str(content), "validate")
    assert checked.exit_code == 0, checked.output
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [str(NVAP), "--content", str(content), "build", "--out", str(out)],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as in a terminal (and to clean up after a failure)
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        # Under way: the workers run and the first outputs are staged.
        deadline = time.monotonic() + 120
        workers: list[tuple[int, str]] = []
        while time.monotonic() < deadline and proc.poll() is None:
            workers = children(proc.pid)
            if workers and temporaries(out):
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"the build ended before it could be interrupted: {proc.communicate()}"
        assert workers and temporaries(out), "the build never got under way"

        if to == "parent":
            os.kill(proc.pid, signal.SIGINT)
        else:
            os.killpg(proc.pid, signal.SIGINT)
        sent = time.monotonic()
        code = proc.wait(timeout=10)
        took = time.monotonic() - sent
        stdout, stderr = proc.communicate(timeout=10)

        assert code == 130, (stdout, stderr)
        assert took < 5, f"took {took:.1f} s to stop"
        assert "interrupted" in stderr.decode().splitlines(), stderr
        assert "Traceback" not in stderr.decode(), stderr
        assert temporaries(out) == []
        assert not out.exists(), "an interrupted build writes nothing, not even the folder it made"
        deadline = time.monotonic() + 5  # a worker ends as the parent exits, or it was left behind
        while time.monotonic() < deadline and any(alive(w) for w in workers):
            time.sleep(0.05)
        assert [w for w in workers if alive(w)] == [], "worker processes left running"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_an_interrupted_serial_build_writes_nothing_and_removes_its_temporary_files(content, nvap, monkeypatch):
    from nvap_toolkit import document

    real = document.render_document
    rendered = []

    def render_then_interrupt(project, ref, formats, out, *, earlier=None):
        if rendered:
            raise KeyboardInterrupt
        rendered.append(ref)
        return real(project, ref, formats, out, earlier=earlier)

    monkeypatch.setattr(document, "render_document", render_then_interrupt)
    result = nvap("build", "--out", "out")
    assert result.exit_code == 130
    assert rendered, "the first document was rendered and staged"
    assert not Path("out").exists() or list(Path("out").iterdir()) == []


_INTERRUPTED = """
import sys
from nvap_toolkit import document

rendered = []

def render_then_interrupt(project, ref, formats, out, **kwargs):
    if rendered:  # the second document: the first is staged
        raise KeyboardInterrupt
    rendered.append(ref)
    return real(project, ref, formats, out, **kwargs)

real, document.render_document = document.render_document, render_then_interrupt
from nvap_toolkit.cli import main

sys.argv[0] = "nvap"
main()
"""


def test_nvap_interrupted_as_a_process_says_so_exits_130_and_writes_nothing(content, tmp_path):
    """The console script's entry point (``cli.main``) as a process, Ctrl-C falling while it renders."""
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, "build", "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines() == ["interrupted"]
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


STALE = [
    ".1.1.1.md.k3j9x0a2.nvap-tmp",
    ".covenant-2024.xlsx.ab_c1234.nvap-tmp",
    ".1.1.1.html.q8w_e7r1.tmp",
    "..nvap-build.json.zz9a8b7c.tmp",
    "..nvap-build.json.0a1b2c3d.nvap-tmp",
]
"""Temporary files of a killed build: nvap's own suffix, and the older .tmp naming for files nvap writes."""
KEPT = [".notes.txt.abcd1234.tmp", ".1.1.1.md.tmp", "draft.nvap-tmp", ".vimrc.tmp", "1.1.1.md.k3j9x0a2.tmp"]
"""Not nvap's: another name, another shape."""


def _litter(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in STALE + KEPT:
        (folder / name).write_bytes(b"half-written")


def test_a_build_removes_the_temporary_files_a_killed_build_left(content, nvap):
    _litter(Path("out"))
    result = nvap("build", "--out", "out")
    assert result.exit_code == 0, result.output
    names = {p.name for p in Path("out").iterdir()}
    assert names.isdisjoint(STALE)
    assert names.issuperset(KEPT)
    assert {"1.1.1.md", "1.1.1.html", "1.1.1.xlsx", "covenant-2024.md"} <= names


def test_a_build_with_nothing_to_do_removes_them_too(content, nvap):
    assert nvap("build", "--out", "out").exit_code == 0
    _litter(Path("out"))
    result = nvap("build", "--out", "out")
    assert result.output.strip().splitlines()[-1] == "2 documents: up to date in out/"
    names = {p.name for p in Path("out").iterdir()}
    assert names.isdisjoint(STALE)
    assert names.issuperset(KEPT)


def test_the_temporary_files_of_a_build_still_running_are_left_alone(content, nvap):
    _litter(Path("out"))
    with claim_folder(Path("out")) as sole:  # another build writing into out/
        assert sole
        result = nvap("build", "1.1.1", "--out", "out")
    assert result.exit_code == 0, result.output
    assert {p.name for p in Path("out").iterdir()}.issuperset(STALE + KEPT)
