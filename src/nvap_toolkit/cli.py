"""The ``nvap`` command: parse options, call the core, print, exit.

Heavy libraries (Pydantic, Jinja, openpyxl) are imported inside the commands
that need them, so ``nvap --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
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
    from .content.load import default_content_root

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
        console.message(
            f"{exc.message}: {console.plural(errors, 'error')}, {console.plural(len(exc.issues) - errors, 'warning')}; nothing was written",
            "red",
            console.err,
        )
        return int(exc.exit_code)
    except NvapError as exc:
        console.error(exc.message)
        return int(exc.exit_code)
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if _state["debug"]:
            raise
        console.error(
            f"nvap failed unexpectedly ({type(exc).__name__}: {exc}). This is a bug in nvap: please report it, "
            "with the command you ran and the output of the same command with --debug"
        )
        return int(Exit.BUG)


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]], typer.Argument(help="Files or folders to check (default: all of the content).", metavar="PATH")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check the content: YAML, fields, ids and every reference. Exit 0 clean, 1 on errors."""

    def run() -> int:
        from . import console
        from .content.check import validate_content

        report = validate_content(_root(), paths or [], strict=strict)
        console.issues(report.shown)
        console.summary(report.errors, report.warnings, report.files, strict=strict)
        return report.exit_code

    raise typer.Exit(_run(run))


@app.command()
def build(
    names: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Documents: action ids (2.6.2), 'covenant' or 'covenant-2024' (default: all).",
            show_default=False,
            metavar="DOCUMENT",
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Build every document.")] = False,
    formats: Annotated[
        Optional[list[str]],
        typer.Option(
            "--format",
            "-f",
            help="md, html, pdf or xlsx; repeat for several (default: md, html and xlsx; pdf needs Pango).",
            metavar="FORMAT",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.", file_okay=False)] = Path("build"),
    strict: Annotated[bool, typer.Option("--strict", help="Treat content warnings as errors.")] = False,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            help="Languages, comma separated: en, cy, en,cy (default: en). Another language is built from content/translations/<lang>/ as ID.<lang>.md...",
            show_default=False,
            metavar="CODES",
        ),
    ] = None,
) -> None:
    """Render toolkits and Covenant reports to Markdown, HTML, Excel and PDF."""

    def run() -> int:
        from . import console
        from .build import build as build_documents
        from .build import remove_stale, up_to_date
        from .content.load import load_valid_project
        from .errors import display_path
        from .i18n.languages import languages_option

        langs = languages_option(lang, _root())
        fresh = up_to_date(_root(), [] if everything else names or [], formats or [], out, strict=strict, langs=langs)
        if fresh is not None:
            remove_stale(_root(), out)  # what a killed build left (build_documents does it too)
            console.message(f"{console.plural(len(fresh), 'document')}: up to date in {display_path(out)}/", "green")
            return 0
        project = load_valid_project(_root(), strict=strict)
        documents = len(project.actions) + len(project.reports) if (everything or not names) else len(names or [])
        with console.progress(documents * len(langs), "Building") as tick:
            report = build_documents(project, names or [], formats or [], out, everything=everything, tick=tick, langs=langs)
        console.message(
            f"{console.plural(len(report.documents), 'document')}: {len(report.written.created)} created, "
            f"{len(report.written.updated)} updated, {len(report.written.identical)} unchanged in {display_path(out)}/",
            "green",
        )
        for (
            fallback
        ) in report.fallbacks:  # a translation's strings still in English: "2.6.2 cy: 3 strings in English, 1 out of date"
            console.message(f"warning: {fallback}", "yellow", console.err)
        return 0

    raise typer.Exit(_run(run))


@app.command()
def plan(
    force: Annotated[
        Optional[list[str]],
        typer.Option(
            "--force",
            help="A police force as people name it (Norfolk, Hants, the Met, BTP, Heddlu Gwent); repeat for several.",
            show_default=False,
            metavar="NAME",
        ),
    ] = None,
    all_forces: Annotated[bool, typer.Option("--all-forces", help="A plan for every force in the reference data.")] = False,
    list_forces: Annotated[
        bool, typer.Option("--list-forces", help="List the forces and the names nvap knows them by, then stop.")
    ] = False,
    actions: Annotated[
        Optional[list[str]],
        typer.Option(
            "--action", help="An action id; repeat for several (default: every action).", show_default=False, metavar="ID"
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.", file_okay=False)] = Path("plans"),
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace existing plans (they may hold a force's work).")
    ] = False,
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="Keep existing plans as they are; write only the missing ones.")
    ] = False,
    programme: Annotated[
        Optional[str],
        typer.Option(
            "--programme",
            help="The programme whose actions the plan holds (needed when the content has several).",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
    upgrade: Annotated[
        Optional[Path],
        typer.Option(
            "--upgrade",
            help="A filled plan: write the current edition's plan for its force, every answer carried over.",
            show_default=False,
            metavar="FILLED.xlsx",
            dir_okay=False,
        ),
    ] = None,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            help="Languages, comma separated: en, cy, en,cy (default: en). A Welsh plan is <force>-realisation-plan.cy.xlsx.",
            show_default=False,
            metavar="CODES",
        ),
    ] = None,
    include_drafts: Annotated[
        bool,
        typer.Option("--include-drafts", help="Put draft toolkits in the plan too (marked 'not for use'); left out by default."),
    ] = False,
    file_format: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help="xlsx (Excel, the default) or ods (OpenDocument); with --upgrade, the filled plan's own by default.",
            show_default=False,
            metavar="FORMAT",
        ),
    ] = None,
) -> None:
    """Write a force's fillable Excel Impact Realisation Plan (one workbook per force)."""

    def run() -> int:
        from . import console
        from .content.load import load_valid_project
        from .errors import UsageError, display_path
        from .plan.write import write_plans
        from .writer import write_outputs

        project = load_valid_project(_root())
        if upgrade is not None:
            if force or all_forces or list_forces or actions or skip_existing or programme or lang or include_drafts:
                raise UsageError(
                    "--upgrade takes the force, actions and language from the filled plan: give it with --out and --overwrite only"
                )
            from .plan.upgrade import upgrade_plan

            result = upgrade_plan(project, upgrade, out, _plan_format(file_format))
            written = write_outputs([result.output], protect=True, overwrite=overwrite)
            verb = "unchanged" if written.identical else "wrote"
            console.message(
                f"{verb} {display_path(result.output.path)}: {console.plural(result.placed, 'answer')} carried over by id"
            )
            for warning in result.warnings:
                console.message(warning, "yellow", console.err)
            for answer in result.kept:
                where = " ".join(p for p in (answer.action, answer.objective, answer.field, answer.column) if p)
                console.message(
                    f"kept {where}: no place in the current edition; it is on its own sheet (it was at {answer.value.ref})",
                    "yellow",
                    console.err,
                )
            return 0
        if list_forces:
            rows: list[tuple[str, ...]] = [
                (f.name, ", ".join(dict.fromkeys(f.names()[1:]))) for f in project.forces.forces.values()
            ]
            console.table(["Force", "Also known as"], rows)
            return 0
        from .i18n.languages import languages_option

        outputs, kept = [], []
        for plan_lang in languages_option(lang, project.root):  # one workbook per force and language
            made, left = write_plans(
                project,
                out,
                force,
                all_forces=all_forces,
                action_ids=actions,
                overwrite=overwrite,
                skip_existing=skip_existing,
                programme=programme,
                lang=plan_lang,
                include_drafts=include_drafts,
                file_format=_plan_format(file_format) or "xlsx",
            )
            outputs.extend(made)
            kept.extend(left)

        report = write_outputs(outputs, protect=True, overwrite=overwrite)
        for path in report.created + report.updated:
            console.message(f"wrote {display_path(path)}")
        if report.identical:
            console.message(f"{console.plural(len(report.identical), 'plan')} unchanged")
        for path in kept:
            console.message(f"kept {display_path(path)} as it is (it exists and may hold a force's work)")
        if not include_drafts:
            from .plan.write import left_out_drafts

            for draft in left_out_drafts(project, actions, programme):
                console.message(
                    f"left out action {draft.id}: it is a draft (give --include-drafts to put drafts in a plan, marked as not for use)",
                    "yellow",
                    console.err,
                )
        return 0

    raise typer.Exit(_run(run))


def _plan_format(file_format: str | None) -> str | None:
    """A plan's --format: xlsx or ods (None when not given)."""
    from .errors import UsageError

    if file_format is None:
        return None
    if file_format not in ("xlsx", "ods"):
        raise UsageError(f"--format {file_format}: a plan is xlsx (Excel) or ods (OpenDocument)")
    return file_format


@app.command()
def collect(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Returned plans: files, or folders whose every file is read (.xlsx, .xlsm, .ods; others are reported).",
            metavar="DIR_OR_FILE",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Output folder for the summary (may be the input folder).", file_okay=False)
    ] = Path("collected"),
    formats: Annotated[
        Optional[list[str]],
        typer.Option(
            "--format",
            "-f",
            help="xlsx, ods, html, pdf, csv or json; repeat for several (default: xlsx, html, csv and json).",
            metavar="FORMAT",
        ),
    ] = None,
) -> None:
    """Read the forces' filled plans into a national summary (exit 1 if any plan was not counted, or none was found)."""

    def run() -> int:
        from . import console
        from .collect.summary import collect_outputs, summary_paths
        from .collect.tally import collect as collect_plans
        from .collect.tally import plan_files
        from .content.load import load_valid_project
        from .errors import display_path
        from .writer import check_out_dir, write_outputs

        check_out_dir(out)
        ours = summary_paths(out, formats or [])
        project = load_valid_project(_root())
        files, _ = plan_files(inputs, ours)
        with console.progress(len(files), "Reading") as tick:
            collection = collect_plans(project, inputs, tick, exclude=ours)
        write_outputs(collect_outputs(project, collection, out, formats or []))
        for problem in collection.problems:
            console.message(problem.line, "red" if problem.severity == "error" else "yellow", console.err)
        for skipped in collection.skipped:
            console.message(f"{skipped.file}: skipped ({skipped.reason})")
        if collection.outside:
            places = sorted({o.file for o in collection.outside})
            console.message(
                f"note: {console.plural(len(collection.outside), 'text')} written outside the forms' inputs in "
                f"{console.plural(len(places), 'file')}: listed in the summary ('Words outside the form')",
                "yellow",
                console.err,
            )
        if not collection.returns:
            shown = ", ".join(display_path(p) for p in inputs)
            console.message(
                f"warning: no plans found in {shown} (plans are the workbooks 'nvap plan' makes, as .xlsx, .xlsm or .ods)",
                "yellow",
                console.err,
            )
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
        from .schema import write_schemas

        changed = write_schemas(out, check=check)
        if check and changed:
            console.error(f"{out} is stale: {', '.join(changed)} (run 'nvap schema')")
            return 1
        console.message(f"{out}: {len(changed)} schema(s) written" if changed else f"{out}: up to date")
        return 0

    raise typer.Exit(_run(run))


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="The earlier edition: a content folder or a git revision (HEAD~3, v1.0).", metavar="OLD", show_default=False
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="The later edition: a content folder ('.' for this one) or a git revision.", metavar="NEW", show_default=False
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md, html or json.", metavar="FORMAT")] = "text",
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the editions differ (as git diff --exit-code).")
    ] = False,
) -> None:
    """List what changed between two editions of the content: added, removed, reworded, moved, renumbered."""

    def run() -> int:
        from . import console
        from .diff import FORMATS, as_html, as_json, as_lines, as_markdown, run_diff, summary_line
        from .errors import UsageError

        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
        result = run_diff(old, new, _root())
        if fmt == "text":
            for line in as_lines(result):
                console.message(line)
            console.message(summary_line(result), "yellow" if result.differ else "green")
        else:
            text = {"md": as_markdown, "html": as_html, "json": as_json}[fmt](result)
            console.out.file.write(text)
        return 1 if exit_code and result.differ else 0

    raise typer.Exit(_run(run))


@app.command()
def new(
    action_id: Annotated[
        str, typer.Argument(help="The new action's number, e.g. 2.6.4.", metavar="ACTION_ID", show_default=False)
    ],
    title: Annotated[
        str, typer.Option("--title", help="The action's title, e.g. 'Supervision'.", show_default=False, metavar="TITLE")
    ],
    programme: Annotated[
        Optional[str],
        typer.Option(
            "--programme",
            help="The programme it belongs to (content/<ID>.yaml; needed when there are several).",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
) -> None:
    """Write a draft toolkit to fill in: content/actions/ACTION_ID.yaml, every field present and empty."""

    def run() -> int:
        from . import console
        from .content.load import load_project
        from .errors import display_path
        from .scaffold import new_action
        from .writer import write_outputs

        output = new_action(load_project(_root()), action_id, title, programme)
        write_outputs([output], protect=True)
        console.message(f"wrote {display_path(output.path)}: a draft (nvap validate lists what is left to fill in)", "green")
        return 0

    raise typer.Exit(_run(run))


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", help="The port on 127.0.0.1 (0: any free port).", metavar="N")] = 8000,
) -> None:
    """Preview the documents in a browser, rebuilt and reloaded as the content and templates change (Ctrl-C stops)."""

    def run() -> int:
        from . import console
        from .serve import serve as serve_preview

        serve_preview(
            _root(),
            port,
            lambda url: console.message(f"serving {url} (Ctrl-C stops)", "green"),
            lambda line: console.message(line, None, console.err),
        )
        return 0

    raise typer.Exit(_run(run))


translate_app = typer.Typer(
    name="translate",
    help="Translation catalogues of the content: gettext PO files under content/translations/<lang>/.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(translate_app)


@translate_app.command("update")
def translate_update(
    lang: Annotated[
        str, typer.Option("--lang", help="The language: an ISO 639 code, e.g. cy (Welsh).", show_default=False, metavar="CODE")
    ],
) -> None:
    """Write or update every document's catalogue for a language: translations kept, changed English marked fuzzy."""

    def run() -> int:
        from . import console
        from .content.load import load_valid_project
        from .errors import display_path
        from .i18n.catalogue import update_catalogues
        from .i18n.layout import language_dir
        from .writer import write_outputs

        project = load_valid_project(_root())
        updated = update_catalogues(project, lang)
        report = write_outputs([u.output for u in updated])
        written = {p.resolve() for p in report.written}
        for item in updated:
            if item.path.resolve() in written:
                console.message(f"{'created' if item.created else 'updated'} {display_path(item.path)}: {item.changes}")
        console.message(
            f"{console.plural(len(updated), 'catalogue')}: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.identical)} unchanged in {display_path(language_dir(project.root, lang))}/",
            "green",
        )
        return 0

    raise typer.Exit(_run(run))


@translate_app.command("stats")
def translate_stats(
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang", help="One language (default: every language with catalogues).", show_default=False, metavar="CODE"
        ),
    ] = None,
    minimum: Annotated[
        Optional[float],
        typer.Option(
            "--min", help="Exit 1 if a document is less than PCT% translated.", show_default=False, metavar="PCT", min=0, max=100
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text (a table) or json.", metavar="FORMAT")] = "text",
) -> None:
    """Per document: strings translated, fuzzy (out of date) and untranslated, and the share done."""

    def run() -> int:
        import json

        from . import console
        from .content.load import load_valid_project
        from .errors import UsageError
        from .i18n.layout import check_language, languages
        from .i18n.stats import totals, translation_stats

        if output_format not in ("text", "json"):
            raise UsageError(f"--format {output_format}: use text or json")
        root = _root()
        langs = [check_language(lang)] if lang else languages(root)
        stats = translation_stats(load_valid_project(root), langs)
        below = [s for s in stats if minimum is not None and s.below(minimum)]
        if output_format == "json":
            console.message(
                json.dumps(
                    {"documents": [s.as_json() for s in stats], "languages": [t.as_json() for t in totals(stats)]},
                    indent=2,
                    ensure_ascii=False,
                )
            )
        elif not langs:
            console.message("no catalogues yet: 'nvap translate update --lang cy' writes the Welsh ones")
        else:
            rows: list[tuple[str, ...]] = [
                (
                    s.lang,
                    s.document,
                    s.catalogue if s.exists else f"{s.catalogue} (not written yet)",
                    str(s.translated),
                    str(s.fuzzy),
                    str(s.untranslated),
                    str(s.invalid),
                    f"{s.percent:.1f}%",
                )
                for s in stats
            ]
            console.table(["Language", "Document", "Catalogue", "Translated", "Fuzzy", "Untranslated", "Invalid", "Done"], rows)
            for total in totals(stats):
                console.message(
                    f"{total.lang}: {total.translated} of {console.plural(total.strings, 'string')} translated ({total.percent:.1f}%), "
                    f"{total.fuzzy} fuzzy, {total.untranslated} untranslated, {total.invalid} invalid"
                )
        if minimum is not None and (below or not langs):
            shown = ", ".join(f"{s.lang} {s.document} ({s.percent:.1f}%)" for s in below) or "no catalogues"
            console.message(f"under --min {minimum:g}%: {shown}", "red", console.err)
            return 1
        return 0

    raise typer.Exit(_run(run))


def main() -> None:
    """The ``nvap`` console script: ``app`` as a process (the tests call ``app`` in-process).

    Ctrl-C stops any command: its clean-up runs (temporary files removed, worker
    processes ended), "interrupted" goes to standard error and the exit code is 130.
    """
    import gc
    import signal
    import sys

    # nvap makes many long-lived objects (modules, models, the content) and little cyclic
    # garbage: collect young objects less often. With the default (700) a build of 2.6.2
    # spent 0.12 s in 133 collections, one of 100 actions 1.7 s (0.06 s and 0.5 s so).
    gc.set_threshold(50_000, 20, 10)

    def interrupted(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with Ctrl-C ignored
        signal.signal(signal.SIGINT, interrupted)
    code: str | int | None
    try:
        code = app()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # outside the command (Typer turns one inside it into exit 130)
        code = 130
    if code == 130:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr.write("interrupted\n")
    # The interpreter's exit runs as usual (exit handlers, buffers flushed), but its last
    # garbage collections skip what is frozen: walking every object once more was a
    # quarter of a rebuild with nothing changed (60 ms of 0.26 s on one core).
    gc.freeze()
    sys.exit(code)
