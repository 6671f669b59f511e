"""All terminal output: the only module that imports rich."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console

from .errors import Issue

out = Console(soft_wrap=True, highlight=False)
err = Console(soft_wrap=True, highlight=False, stderr=True)


def issues(found: Iterable[Issue], stream: Console = out) -> None:
    """Print each issue as one ``path:line:col: message`` line."""
    for issue in found:
        style = "yellow" if not issue.is_error else "red"
        stream.print(str(issue), style=style, markup=False)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(errors: int, warnings: int, files: int, strict: bool, stream: Console = out) -> None:
    """The closing line of a check."""
    if errors == 0 and warnings == 0:
        stream.print(f"{plural(files, 'file')} checked: no problems", style="green", markup=False)
        return
    text = f"{plural(files, 'file')} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if warnings and strict:
        text += " (--strict: warnings are errors)"
    stream.print(text, style="red" if errors or strict else "yellow", markup=False)


def message(text: str, style: str | None = None, stream: Console = out) -> None:
    stream.print(text, style=style, markup=False)


def error(text: str) -> None:
    err.print(f"Error: {text}", style="red", markup=False)


@contextmanager
def progress(total: int, label: str) -> Iterator[Any]:
    """A progress bar on a terminal when there is much to do; a no-op callable otherwise."""
    if total < 4 or not sys.stderr.isatty():
        yield lambda description="": None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda description="": bar.update(task, advance=1, description=description or label)


def table(headers: list[str], rows: list[tuple[str, ...]], stream: Console = out) -> None:
    """A table: rich's on a terminal, tab-separated lines otherwise (for scripts and pipes)."""
    if not stream.is_terminal:
        stream.file.write("".join("\t".join(row) + "\n" for row in [tuple(headers), *rows]))
        return
    from rich.table import Table

    grid = Table(*headers)
    for row in rows:
        grid.add_row(*row)
    stream.print(grid)
