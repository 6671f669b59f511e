"""Paths and sample content shared by the tests (imported as `support`, not `conftest`)."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The code tests' content: a small tree of fixture wording (tests/fixtures/content/README.md).
FIXTURE = ROOT / "tests" / "fixtures" / "content"
# The shipped content: only for the tests about it (golden files, source coverage, the
# shipped Welsh edition, the committed plans and returns made from it).
SHIPPED = ROOT / "content"
# The source texts the content was transcribed from: beside the repository in CI and for
# the project's developers; NVAP_SOURCES points elsewhere.
SOURCES = Path(os.environ.get("NVAP_SOURCES", ROOT.parent / "shared" / "sources"))


def ctrl_c_as_in_a_terminal() -> None:
    """For ``subprocess.Popen(preexec_fn=...)``: Ctrl-C at its default in the command, as a terminal gives it.

    Run in the background (a shell's ``&``), the tests inherit SIGINT ignored, and nvap, like
    any program, keeps what it is given: a test's Ctrl-C then stopped nothing.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def copy_fixture(dest: Path) -> Path:
    """Copy the fixture content to ``dest`` (its README, which nvap would warn it ignores, left out)."""
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("README.md"))
    return dest


# A small, valid action toolkit used as the base of many invalid cases (line numbers matter); its
# references are the fixture tree's.
MINIMAL_ACTION = """\
id: "9.9.9"
title: Test Action
plan: nvap
detail: Recognise that tests matter [@smith2020]
impacts:
  organisational: A tested workforce
  external: A tested public
how_we_know: ["2.1"]
objectives:
  - id: first
    short_name: First
    statement: To test things
    what_we_mean: Tests are written
    what_we_need:
      intro: "We need:"
      items: [Tests]
    situation: [Things are untested]
    measures:
      sickness: Sickness rates
    suggested_measures:
      peel: ["1.1"]
      other: [sickness]
    activities:
      - id: write-tests
        title: Write tests
        evidence: ["Tests help [@fixtureorg2022]"]
    unintended_consequences: [Slower work]
    plan_examples:
      organisational: Tests written
      external: Fewer bugs
perennial_challenges:
  intro: Linked to one challenge.
  links:
    - challenge: second-challenge
      intro: "Issues:"
      issues: [Stress]
outputs_note: No outputs are given.
edition: {version: "1", date: "2024-01-01"}
"""


def retitle(content: Path, title_yaml: str) -> None:
    """Give the fixture's action 1.1.1 a new title (``title_yaml``, as YAML writes it) in its toolkit and in its programme's index."""
    action = content / "actions" / "1.1.1.yaml"
    action.write_text(
        action.read_text(encoding="utf-8").replace("title: Fixture Action", f"title: {title_yaml}", 1), encoding="utf-8"
    )
    index = content / "nvap.yaml"
    index.write_text(
        index.read_text(encoding="utf-8").replace('  "1.1.1": Fixture Action', f'  "1.1.1": {title_yaml}', 1),
        encoding="utf-8",
    )
