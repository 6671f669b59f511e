"""Rewrite the README's command reference from `nvap --help` (run by `make readme`; a test checks it)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from nvap_toolkit.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- help:start -->", "<!-- help:end -->"
COMMANDS = [
    [],
    ["validate"],
    ["build"],
    ["plan"],
    ["collect"],
    ["schema"],
    ["diff"],
    ["new"],
    ["serve"],
    ["translate", "update"],
    ["translate", "stats"],
    ["translate", "check"],
    ["translate", "export"],
    ["translate", "import"],
]


def help_block() -> str:
    """Every command's --help at a fixed width, as Markdown."""
    runner = CliRunner()
    parts = []
    for command in COMMANDS:
        result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "88", "NO_COLOR": "1", "TERM": "dumb"})
        if result.exit_code != 0:
            continue
        parts.append(f"```\n$ nvap {' '.join([*command, '--help'])}\n{result.output.rstrip()}\n```")
    return "\n\n".join(parts)


def updated(text: str) -> str:
    block = f"{START}\n{help_block()}\n{END}"
    return re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else "README.md's command reference is stale: run `make readme`")
    README.write_text(new, encoding="utf-8")
