"""A real distribution: the sdist holds the content and templates, the wheel built from that sdist
ships them inside the package, and nvap installed from it works in an empty folder.

One slow test (about half a minute once pip's cache is warm): `python -m build` with build
isolation, as a release is made, then a fresh virtual environment. It needs PyPI (setuptools for
the build, nvap's dependencies for the install; pip's cache is reused): without it the test is
skipped, except in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from support import ROOT

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
SHIPPED = ("content", "templates")  # installed as nvap_toolkit/data/<name>/
WHERE = """
import pathlib, nvap_toolkit
from nvap_toolkit.resources import packaged_dir
print(pathlib.Path(nvap_toolkit.__file__).parent / "data")
print(packaged_dir("content"))
print(packaged_dir("templates"))
"""


def _index_reachable() -> str | None:
    """None when pip's index answers, else why not."""
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{index}/setuptools/", method="HEAD"), timeout=15):
            return None
    except urllib.error.HTTPError:  # it answered
        return None
    except OSError as error:
        return f"{index} is unreachable ({error})"


def _copy_source(dest: Path) -> list[str]:
    """Copy the project's files (not build/, .venv, caches) to ``dest``; return them, relative."""
    try:
        listed = (
            subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=ROOT,
                capture_output=True,
                check=True,
                timeout=60,
            )
            .stdout.decode()
            .split("\0")
        )
    except (OSError, subprocess.CalledProcessError):  # an unpacked sdist: no git
        ignore = shutil.ignore_patterns(".*", "build", "dist", "node_modules", "*.egg-info", "__pycache__", "*.py[cod]")
        shutil.copytree(ROOT, dest, ignore=ignore)
        return sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    files = sorted(f for f in listed if f and (ROOT / f).is_file())  # not files deleted in the work tree
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return files


def _run(args: list[str | Path], *, timeout: int, **kwargs) -> subprocess.CompletedProcess[str]:
    run = subprocess.run([str(a) for a in args], check=False, capture_output=True, text=True, timeout=timeout, **kwargs)
    assert run.returncode == 0, f"{' '.join(map(str, args))} exited {run.returncode}\n{run.stdout}\n{run.stderr}"
    return run


@pytest.mark.slow
def test_sdist_then_wheel_from_it_installs_and_works_in_an_empty_folder(tmp_path):
    if not os.environ.get("CI") and (why := _index_reachable()):
        pytest.skip(f"needs PyPI to build with isolation and install the wheel: {why}")
    # Nothing of this process's set-up leaks into the build or the installed nvap.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "NVAP_CONTENT")}
    # pip keeps its usual cache (a second run is quick); the installed nvap gets its own Jinja cache.
    nvap_env = env | {"XDG_CACHE_HOME": str(tmp_path / "cache")}

    source = tmp_path / "source"
    files = _copy_source(source)
    expected_data = {f for f in files if f.split("/", 1)[0] in SHIPPED and not f.endswith((".pyc", ".pyo"))}
    modules = {f.removeprefix("src/") for f in files if f.startswith("src/nvap_toolkit/") and f.endswith(".py")}
    assert {"content/actions/2.6.2.yaml", "content/covenant/2024/report.yaml", "templates/html/style.css"} <= expected_data
    # pyproject.toml lists the packages (the data packages make find impossible): every
    # package under src/ must be there, or the wheel would lack it.
    packages = set(tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {str(Path(f).parent).replace("/", ".") for f in modules if f.endswith("/__init__.py")}
    assert on_disk <= packages, f"add {sorted(on_disk - packages)} to [tool.setuptools] packages in pyproject.toml"

    # Neither --sdist nor --wheel: build makes the sdist, then the wheel from the unpacked sdist.
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "build", "--outdir", dist, source], cwd=tmp_path, env=env, timeout=900)
    log = built.stdout + built.stderr  # build reports its steps on stderr
    assert "Building sdist" in log and "Building wheel from sdist" in log, log
    sdist = dist / f"nvap_toolkit-{VERSION}.tar.gz"
    wheel = dist / f"nvap_toolkit-{VERSION}-py3-none-any.whl"
    assert sorted(p.name for p in dist.iterdir()) == sorted([sdist.name, wheel.name])

    prefix = f"nvap_toolkit-{VERSION}/"
    with tarfile.open(sdist) as tar:
        in_sdist = {m.name.removeprefix(prefix) for m in tar.getmembers() if m.isfile()}
    assert expected_data <= in_sdist, sorted(expected_data - in_sdist)
    assert not any("__pycache__" in n or n.startswith((".venv/", "build/")) for n in in_sdist), sorted(in_sdist)

    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    assert {f"nvap_toolkit/data/{f}" for f in expected_data} == {n for n in in_wheel if n.startswith("nvap_toolkit/data/")}
    assert modules <= in_wheel, sorted(modules - in_wheel)

    # A fresh environment with only the wheel (and its dependencies, from PyPI or pip's cache).
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], env=env, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    _run([python, "-m", "pip", "install", "--quiet", "-c", source / "constraints.txt", wheel], env=env, timeout=900)

    empty = tmp_path / "empty"
    empty.mkdir()
    # The installed nvap finds the data shipped inside the package, in site-packages.
    found = _run([python, "-c", WHERE], cwd=empty, env=env, timeout=120).stdout.splitlines()
    assert found[1:] == [str(Path(found[0]) / "content"), str(Path(found[0]) / "templates")], found

    nvap = bin_dir / "nvap"
    _run([nvap, "build", "2.6.2", "--out", "out"], cwd=empty, env=nvap_env, timeout=300)
    _run([nvap, "plan", "--force", "Norfolk", "--out", "plans"], cwd=empty, env=nvap_env, timeout=300)
    for made in ("out/2.6.2.md", "out/2.6.2.html", "out/2.6.2.xlsx", "plans/norfolk-constabulary-realisation-plan.xlsx"):
        assert (empty / made).is_file(), made
    assert (empty / "out" / "2.6.2.md").read_text(encoding="utf-8").startswith("# National Vulnerability Action Plan")
    assert sorted(p.name for p in empty.iterdir()) == ["out", "plans"]  # no content/ or templates/ needed
