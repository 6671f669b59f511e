"""The wheel ships the content and templates, so an installed nvap works outside the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from support import ROOT


def test_wheel_ships_content_and_templates_and_works_anywhere(tmp_path):
    # Build from a copy: setuptools builds in the source tree and would leave build/ behind.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "build", "node_modules", "*.egg-info", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("nvap_toolkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("content/actions/2.6.2.yaml", "content/covenant/2024/report.yaml", "templates/html/style.css", "templates/md/toolkit.md.j2"):
        assert f"nvap_toolkit/data/{shipped}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", "from nvap_toolkit.cli import main; main()", "build", "2.6.2", "-f", "md", "--out", "out"],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr + run.stdout
    assert (elsewhere / "out" / "2.6.2.md").read_text(encoding="utf-8").startswith("# National Vulnerability Action Plan")
