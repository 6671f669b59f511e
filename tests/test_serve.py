"""nvap serve: the live preview rebuilds as the content changes, shows content errors on the page, stops on Ctrl-C."""

from __future__ import annotations

import re
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from support import copy_fixture, ctrl_c_as_in_a_terminal


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def until(url: str, wanted: Callable[[str], bool], seconds: float = 20.0) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        page = fetch(url)
        if wanted(page):
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed what was wanted; last page:\n{page[:2000]}")


@pytest.mark.slow
def test_serve_rebuilds_shows_errors_and_stops(tmp_path: Path) -> None:
    copy_fixture(tmp_path / "content")
    toolkit = tmp_path / "content" / "actions" / "1.1.1.yaml"
    text = toolkit.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "nvap"), "serve", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.fullmatch(r"serving (http://(127\.0\.0\.1):(\d+)/) \(Ctrl-C stops\)\n", first)
        assert found, first
        base = found.group(1)

        index = fetch(base)
        # The build's index (or, without one, the preview's own list), with the reload script.
        assert 'href="1.1.1.html"' in index and 'href="covenant-2024.html"' in index
        assert 'fetch("/__nvap/wait?v="' in index
        page = fetch(base + "1.1.1.html")
        assert "<h1>Action Impact Toolkit 1.1.1 Fixture Action</h1>" in page
        assert 'fetch("/__nvap/wait?v="' in page  # the reload script, served from here only
        assert "http" not in page.split('fetch("', 1)[1].split('"', 1)[0]

        # Browser tabs that wait for a change and go away: no traceback, ever.
        waiting = []
        version = re.search(r"var version = (\d+);", page)
        assert version
        for _ in range(3):
            sock = socket.create_connection((found.group(2), int(found.group(3))), timeout=5)
            sock.sendall(f"GET /__nvap/wait?v={version.group(1)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            waiting.append(sock)
        time.sleep(0.3)
        for sock in waiting:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, as a closed tab does
            sock.close()

        toolkit.write_text(
            text.replace("detail: Fixture action detail", "detail: Fixture action detail, edited", 1), encoding="utf-8"
        )
        until(base + "1.1.1.html", lambda p: "Fixture action detail, edited" in p)

        toolkit.write_text(text.replace("title: Fixture Action\n", ""), encoding="utf-8")
        broken = until(base + "1.1.1.html", lambda p: "nvap-errors" in p)
        assert "<title>nvap: 1 error in 1 file</title>" in broken and "<h1>1 error in 1 file</h1>" in broken
        assert "<code>content/actions/1.1.1.yaml:3:1</code>: missing required field &#x27;title&#x27;" in broken

        toolkit.write_text(text, encoding="utf-8")
        until(base + "1.1.1.html", lambda p: "<h1>Action Impact Toolkit 1.1.1 Fixture Action</h1>" in p)
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    assert server.returncode == 130, err
    assert "Traceback" not in err and "Error" not in err, err
    log = err.splitlines()
    assert len(log) == 4, err
    assert re.fullmatch(r"built 2 documents after content/actions/1\.1\.1\.yaml changed, no errors \(\d+\.\d s\)", log[0]), log
    assert re.fullmatch(
        r"1 error in 1 file after content/actions/1\.1\.1\.yaml changed: the preview shows them \(\d+\.\d s\)", log[1]
    ), log
    assert re.fullmatch(r"built 2 documents after content/actions/1\.1\.1\.yaml changed, no errors \(\d+\.\d s\)", log[2]), log
    assert log[3] == "interrupted"
    assert not list(Path("/tmp").glob(f"nvap-serve-*/{tmp_path.name}"))
