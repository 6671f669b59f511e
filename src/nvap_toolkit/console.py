"""All terminal output: the only module that imports rich.

rich is imported only when it has something to do: when a stream is a terminal
(colour, progress bars, tables) or a line holds what rich would rewrite (tabs,
control codes). Anything else, the usual case for pipes, files and tests, is
written as plain text, exactly as rich would write it there.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from .issues import Issue

_REWRITTEN = frozenset("\t\x07\x08\x0b\x0c\r")
"""Characters rich changes in a printed line (tabs expanded, these control codes stripped)."""


class Stream:
    """Standard output or standard error, printed to by the functions below.

    It has the part of rich's ``Console`` that nvap uses (``print``, ``file``,
    ``is_terminal``), and ``rich``, the Console itself, made on first use. The
    file is looked up at each call, so a test harness that swaps ``sys.stdout``
    is followed.
    """

    def __init__(self, *, stderr: bool = False) -> None:
        self.stderr = stderr
        self._rich: Console | None = None

    @property
    def file(self) -> TextIO:
        return sys.stderr if self.stderr else sys.stdout

    @property
    def is_terminal(self) -> bool:
        """What rich's ``Console.is_terminal`` says (TTY_COMPATIBLE and FORCE_COLOR honoured), without rich."""
        if "get_ipython" in vars(builtins):
            return self.rich.is_terminal
        compatible = os.environ.get("TTY_COMPATIBLE", "")
        if compatible in ("0", "1"):
            return compatible == "1"
        force = os.environ.get("FORCE_COLOR")
        if force is not None:
            return force != ""
        isatty = getattr(self.file, "isatty", None)
        try:
            return bool(isatty and isatty())
        except ValueError:
            return False

    @property
    def rich(self) -> Console:
        """rich's Console for this stream."""
        if self._rich is None:
            from rich.console import Console

            # emoji=False: a line like 'a.yaml:100:3: ...' must not become 'a.yaml💯3: ...'.
            self._rich = Console(soft_wrap=True, highlight=False, emoji=False, stderr=self.stderr)
        return self._rich

    def print(self, *objects: Any, style: str | None = None, markup: bool | None = None, **options: Any) -> None:
        """Like rich's ``Console.print``; plain text written directly when rich would write just that."""
        if (
            len(objects) == 1
            and type(objects[0]) is str
            and markup is False
            and not options
            and _REWRITTEN.isdisjoint(objects[0])
            and not self.is_terminal
        ):
            file = self.file
            file.write(objects[0] + "\n")
            file.flush()  # as rich does: lines on the two streams stay in the order written
            return
        self.rich.print(*objects, style=style, markup=markup, **options)


out = Stream()
err = Stream(stderr=True)


def issues(found: Iterable[Issue], stream: Stream = out) -> None:
    """Print each issue as one ``path:line:col: message`` line."""
    for issue in found:
        style = "yellow" if not issue.is_error else "red"
        stream.print(str(issue), style=style, markup=False)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(errors: int, warnings: int, files: int, *, strict: bool, stream: Stream = out) -> None:
    """The closing line of a check."""
    if errors == 0 and warnings == 0:
        stream.print(f"{plural(files, 'file')} checked: no problems", style="green", markup=False)
        return
    text = f"{plural(files, 'file')} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if warnings and strict:
        text += " (--strict: warnings are errors)"
    stream.print(text, style="red" if errors or strict else "yellow", markup=False)


def message(text: str, style: str | None = None, stream: Stream = out) -> None:
    stream.print(text, style=style, markup=False)


def error(text: str) -> None:
    err.print(f"Error: {text}", style="red", markup=False)


@contextmanager
def progress(total: int, label: str) -> Iterator[Any]:
    """A progress bar on a terminal when there is much to do; a no-op callable otherwise."""
    if total < 4 or not sys.stderr.isatty():
        yield lambda *_: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err.rich, transient=True
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda description="": bar.update(task, advance=1, description=description or label)


def table(headers: list[str], rows: list[tuple[str, ...]], stream: Stream = out) -> None:
    """A table: rich's on a terminal, tab-separated lines otherwise (for scripts and pipes)."""
    if not stream.is_terminal:
        stream.file.write("".join("\t".join(row) + "\n" for row in [tuple(headers), *rows]))
        return
    from rich.table import Table

    grid = Table(*headers)
    for row in rows:
        grid.add_row(*row)
    stream.print(grid)
