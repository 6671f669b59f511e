"""The ``nvap`` process: its entry point, and what happens around the command.

The command line is parsed in ``cli``; this sets the process up before it (garbage
collection, Ctrl-C, a build's workbook process, started before Typer is even
imported) and ends it after, without the interpreter's teardown.
"""

from __future__ import annotations


def _slow_formats(args: list[str]) -> tuple[str, ...]:
    """The slow formats (``aside.SLOW``) the command line builds: a guess, on which nothing depends but speed."""
    rest = list(args)
    while rest and rest[0].startswith("-"):  # nvap's own options (--content DIR, --debug)
        if rest.pop(0) == "--content" and rest:
            rest.pop(0)
    if not rest or rest[0] != "build" or "--help" in rest:
        return ()
    formats = []
    for i, arg in enumerate(rest):
        if arg in ("-f", "--format") and i + 1 < len(rest):
            formats.append(rest[i + 1])
        elif arg.startswith("--format="):
            formats.append(arg.removeprefix("--format="))
        elif arg.startswith("-f") and len(arg) > 2 and not arg.startswith("--"):
            formats.append(arg[2:])
    from .aside import SLOW
    from .render.document import DEFAULT_FORMATS

    return tuple(f for f in SLOW if f in (formats or DEFAULT_FORMATS))


def main() -> None:
    """Console-script entry point: ``cli.app`` as a process (tests call ``app`` in-process instead).

    Ctrl-C stops any command: it runs the command's clean-up (temporary files removed,
    worker processes ended), prints "interrupted" on standard error and exits 130.
    Once the output is flushed the process exits at once, skipping the interpreter's
    teardown (freeing every object one by one), which nothing here needs.
    """
    import gc
    import os
    import signal
    import sys

    # nvap makes many long-lived objects (modules, models, the content) and little
    # cyclic garbage: collect young objects less often (the default, 700, runs a
    # collection hundreds of times in one build).
    gc.set_threshold(50_000, 20, 10)
    interrupted = False

    def on_interrupt(_signum: int, _frame: object) -> None:
        nonlocal interrupted
        interrupted = True
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with Ctrl-C ignored
        signal.signal(signal.SIGINT, on_interrupt)
    try:
        try:
            slow = _slow_formats(sys.argv[1:])
            if slow:
                from . import aside

                aside.start(slow)  # openpyxl or WeasyPrint is imported on the other core while this one reads the content
            from .cli import app  # Typer, now: after the fork, so the workbook process need not import it

            app()
            code: object = 0
        except SystemExit as exc:
            code = exc.code
    except KeyboardInterrupt:  # outside the command (Typer turns one inside into exit 130)
        interrupted = True
        code = 130
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # done: only the exit is left
    if "nvap_toolkit.aside" in sys.modules:
        from . import aside

        aside.stop()
    if interrupted or code == 130:
        code = 130
        sys.stderr.write("interrupted\n")
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 120  # as Python does when it cannot flush at exit
    os._exit(code)
