"""The ``nvap`` command: parse options, call the core, print, exit.

Heavy libraries (Pydantic, Jinja, openpyxl) are imported inside the commands
that need them, so ``nvap --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="nvap",
    help="Single-sourced NVAP Action Impact Toolkits and Police Covenant reports: "
    "YAML content to Markdown, accessible HTML and Excel.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state: dict[str, object] = {"content": None, "debug": False}

ContentOpt = Annotated[
    Optional[Path],
    typer.Option("--content", help="Content folder (default: ./content, else the content shipped with nvap).", file_okay=False),
]


@app.callback()
def _main(
    content: ContentOpt = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")] = False,
) -> None:
    _state["content"] = content
    _state["debug"] = debug


def _root() -> Path:
    from .project import default_content_root

    content = _state["content"]
    return content if isinstance(content, Path) else default_content_root()


def _run(func: Callable[[], int]) -> int:
    """Call the core; turn nvap's errors into messages and exit codes, never a traceback.

    Every command maps the same kind of problem to the same code: 0 ok, 1 a content
    or data problem, 2 a usage error, 70 a bug in nvap (with a request to report it).
    """
    from . import console
    from .errors import ContentError, Exit, NvapError

    try:
        return func()
    except ContentError as exc:
        console.issues(exc.issues, console.err)
        errors = sum(i.is_error for i in exc.issues)
        console.message(f"{exc.message}: {console.plural(errors, 'error')}, {console.plural(len(exc.issues) - errors, 'warning')}; nothing was written", "red", console.err)
        return int(exc.exit_code)
    except NvapError as exc:
        console.error(exc.message)
        return int(exc.exit_code)
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if _state["debug"]:
            raise
        console.error(
            f"nvap failed unexpectedly ({type(exc).__name__}: {exc}). This is a bug in nvap: please report it, "
            "with the command you ran and the output of the same command with --debug"
        )
        return int(Exit.BUG)


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders to check (default: all of the content).", metavar="PATH")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check the content: YAML, fields, ids and every reference. Exit 0 clean, 1 on errors."""

    def run() -> int:
        from . import console
        from .commands import validate_content

        report = validate_content(_root(), paths or [], strict=strict)
        console.issues(report.shown)
        console.summary(report.errors, report.warnings, report.files, strict)
        return report.exit_code

    raise typer.Exit(_run(run))


@app.command()
def build(
    names: Annotated[Optional[list[str]], typer.Argument(help="Documents: action ids (2.6.2), 'covenant' or 'covenant-2024' (default: all).", show_default=False, metavar="DOCUMENT")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Build every document.")] = False,
    formats: Annotated[Optional[list[str]], typer.Option("--format", "-f", help="md, html or xlsx; repeat for several (default: all three).", metavar="FORMAT")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.", file_okay=False)] = Path("build"),
    strict: Annotated[bool, typer.Option("--strict", help="Treat content warnings as errors.")] = False,
) -> None:
    """Render toolkits and Covenant reports to Markdown, HTML and Excel."""

    def run() -> int:
        from . import console
        from .build import build as build_documents
        from .build import up_to_date
        from .errors import display_path
        from .project import load_valid_project

        fresh = up_to_date(_root(), [] if everything else names or [], formats or [], out, strict)
        if fresh is not None:
            console.message(f"{console.plural(len(fresh), 'document')}: up to date in {display_path(out)}/", "green")
            return 0
        project = load_valid_project(_root(), strict=strict)
        documents = len(project.actions) + len(project.reports) if (everything or not names) else len(names or [])
        with console.progress(documents, "Building") as tick:
            report = build_documents(project, names or [], formats or [], out, everything=everything, tick=tick)
        console.message(
            f"{console.plural(len(report.documents), 'document')}: {len(report.written.created)} created, "
            f"{len(report.written.updated)} updated, {len(report.written.identical)} unchanged in {display_path(out)}/",
            "green",
        )
        return 0

    raise typer.Exit(_run(run))


@app.command()
def plan(
    force: Annotated[Optional[list[str]], typer.Option("--force", help="A police force as people name it (Norfolk, Hants, the Met, BTP, Heddlu Gwent); repeat for several.", show_default=False, metavar="NAME")] = None,
    all_forces: Annotated[bool, typer.Option("--all-forces", help="A plan for every force in the reference data.")] = False,
    list_forces: Annotated[bool, typer.Option("--list-forces", help="List the forces and the names nvap knows them by, then stop.")] = False,
    actions: Annotated[Optional[list[str]], typer.Option("--action", help="An action id; repeat for several (default: every action).", show_default=False, metavar="ID")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.", file_okay=False)] = Path("plans"),
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace existing plans (they may hold a force's work).")] = False,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="Keep existing plans as they are; write only the missing ones.")] = False,
) -> None:
    """Write a force's fillable Excel Impact Realisation Plan (one workbook per force)."""

    def run() -> int:
        from . import console
        from .errors import display_path
        from .plan.write import write_plans
        from .project import load_valid_project
        from .writer import write_outputs

        project = load_valid_project(_root())
        if list_forces:
            rows = [(f.name, ", ".join(dict.fromkeys(n for n in f.names()[1:]))) for f in project.forces.forces.values()]
            console.table(["Force", "Also known as"], rows)
            return 0
        outputs, kept = write_plans(project, out, force, all_forces, actions, overwrite=overwrite, skip_existing=skip_existing)
        report = write_outputs(outputs, protect=True, overwrite=overwrite)
        for path in report.created + report.updated:
            console.message(f"wrote {display_path(path)}")
        if report.identical:
            console.message(f"{console.plural(len(report.identical), 'plan')} unchanged")
        for path in kept:
            console.message(f"kept {display_path(path)} as it is (it exists and may hold a force's work)")
        return 0

    raise typer.Exit(_run(run))


@app.command()
def collect(
    inputs: Annotated[list[Path], typer.Argument(help="Filled plans: .xlsx files or folders to search.", metavar="DIR_OR_FILE")],
    out: Annotated[Path, typer.Option("--out", help="Output folder for the summary (may be the input folder).", file_okay=False)] = Path("collected"),
    formats: Annotated[Optional[list[str]], typer.Option("--format", "-f", help="xlsx, html, csv or json; repeat for several (default: all four).", metavar="FORMAT")] = None,
) -> None:
    """Read the forces' filled plans into a national summary (exit 1 if any plan was not counted, or none was found)."""

    def run() -> int:
        from . import console
        from .collect.summary import collect_outputs
        from .collect.tally import collect as collect_plans
        from .collect.tally import plan_files
        from .errors import display_path
        from .project import load_valid_project
        from .writer import check_out_dir, write_outputs

        check_out_dir(out)
        project = load_valid_project(_root())
        files = plan_files(inputs)
        with console.progress(len(files), "Reading") as tick:
            collection = collect_plans(project, files, tick)
        write_outputs(collect_outputs(project, collection, out, formats or []))
        for problem in collection.problems:
            console.message(problem.line, "red" if problem.severity == "error" else "yellow", console.err)
        for skipped in collection.skipped:
            console.message(f"{skipped}: skipped (a summary written by nvap collect)")
        if not collection.returns:
            shown = ", ".join(display_path(p) for p in inputs)
            console.message(f"warning: no plans found in {shown} (plans are .xlsx files made by 'nvap plan')", "yellow", console.err)
        console.message(collection.summary, "green" if not collection.exit_code else "yellow")
        return int(collection.exit_code)

    raise typer.Exit(_run(run))


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", help="Folder for the JSON Schemas.", file_okay=False)] = Path("schemas"),
    check: Annotated[bool, typer.Option("--check", help="Only check that the folder is up to date (exit 1 if not).")] = False,
) -> None:
    """Write a JSON Schema per content kind, for editors and CI."""

    def run() -> int:
        from . import console
        from .commands import write_schemas

        changed = write_schemas(out, check=check)
        if check and changed:
            console.error(f"{out} is stale: {', '.join(changed)} (run 'nvap schema')")
            return 1
        console.message(f"{out}: {len(changed)} schema(s) written" if changed else f"{out}: up to date")
        return 0

    raise typer.Exit(_run(run))


def main() -> None:
    """Console-script entry point."""
    app()
