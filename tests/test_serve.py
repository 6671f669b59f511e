"""nvap serve: the live preview rebuilds as the content changes, shows content errors on the page, stops on Ctrl-C."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from support import CONTENT


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


def test_serve_rebuilds_shows_errors_and_stops(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    toolkit = tmp_path / "content" / "actions" / "2.6.2.yaml"
    text = toolkit.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-c", "from nvap_toolkit.process import main; main()", "serve", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.fullmatch(r"serving (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)\n", first)
        assert found, first
        base = found.group(1)

        index = fetch(base)
        # The build's index (or, without one, the preview's own list), with the reload script.
        assert 'href="2.6.2.html"' in index and 'href="covenant-2024.html"' in index
        assert 'fetch("/__nvap/wait?v="' in index
        page = fetch(base + "2.6.2.html")
        assert "<h1>Action Impact Toolkit 2.6.2 Officer/Staff Norms</h1>" in page
        assert 'fetch("/__nvap/wait?v="' in page  # the reload script, served from here only
        assert "http" not in page.split('fetch("', 1)[1].split('"', 1)[0]

        toolkit.write_text(text.replace("title: Officer/Staff Norms", "title: Officer/Staff Standards"), encoding="utf-8")
        until(base + "2.6.2.html", lambda p: "<h1>Action Impact Toolkit 2.6.2 Officer/Staff Standards</h1>" in p)

        toolkit.write_text(text.replace("title: Officer/Staff Norms\n", ""), encoding="utf-8")
        broken = until(base + "2.6.2.html", lambda p: "nvap-errors" in p)
        assert "content/actions/2.6.2.yaml:5:1: missing required field &#x27;title&#x27;" in broken

        toolkit.write_text(text, encoding="utf-8")
        until(base + "2.6.2.html", lambda p: "<h1>Action Impact Toolkit 2.6.2 Officer/Staff Norms</h1>" in p)
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    assert server.returncode == 130, err
    assert err == "interrupted\n"
    assert not list(Path("/tmp").glob(f"nvap-serve-*/{tmp_path.name}"))
