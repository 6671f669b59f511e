"""The ``nvap`` command: parse options, call the core, print, exit.

Heavy libraries (Pydantic, Jinja, openpyxl) are imported inside the commands
that need them, so ``nvap --help`` stays fast. No ``from __future__ import annotations``:
Typer reads every command's annotations on each run, and string annotations it would evaluate.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .formats import BUILD, COLLECT, DIFF, PLAN, STATS

if TYPE_CHECKING:
    from .writer import WriteReport

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


DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Say what would be created, updated or left unchanged; write nothing.")
]


def _choice(check: Callable[[str], str]) -> Callable[[str], str]:
    """An option's parser from a check of ``formats`` (the registry): a wrong value is a usage error (exit 2) naming the valid ones."""

    def parse(value: str) -> str:
        from .errors import UsageError

        try:
            return check(value)
        except UsageError as exc:
            raise typer.BadParameter(exc.message) from None

    return parse


def _languages(text: str) -> str:
    """``--lang en,cy``: each one of English and the languages with catalogues in the content (``formats.check_languages``)."""
    from .formats import check_languages

    return ",".join(check_languages(text, _root()))


def _translation_language(lang: str) -> str:
    """``translate --lang cy``: a language catalogues can be kept for (``formats.check_translation_language``)."""
    from .formats import check_translation_language

    return check_translation_language(lang)


def _dry_run(lines: list[str]) -> int:
    """Print what a dry run found (``WriteReport.dry_run_lines``): nothing was written."""
    from . import console

    for line in lines:
        console.message(line)
    return 0


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
        from .validate import validate_content

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
            help=f"{BUILD.described('; repeat for several')}; pdf needs Pango.",
            metavar="FORMAT",
            parser=_choice(BUILD.check),
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
            parser=_choice(_languages),
        ),
    ] = None,
    require_complete: Annotated[
        bool,
        typer.Option(
            "--require-complete",
            help="Refuse to build (exit 1) unless every string of each --lang language is translated, current and valid.",
        ),
    ] = False,
    dry_run: DryRunOpt = False,
) -> None:
    """Render toolkits and Covenant reports to Markdown, HTML, Excel and PDF."""

    def run() -> int:
        from . import console
        from .content.load import load_valid_project
        from .errors import display_path
        from .i18n.languages import languages_option
        from .manifest import manifest_files, remove_stale, up_to_date
        from .writer import WriteReport, write_outputs

        langs = languages_option(lang, _root())
        if require_complete and _translation_gate(langs, console.err):  # issue 25: before anything is built
            return 1
        fresh = up_to_date(_root(), [] if everything else names or [], formats or [], out, strict=strict, langs=langs)
        if fresh is not None and dry_run:
            unchanged = manifest_files(out, fresh)
            return _dry_run(WriteReport(identical=unchanged, planned=[("identical", p) for p in unchanged]).dry_run_lines())
        if fresh is not None:
            remove_stale(_root(), out)  # what a killed build left (prepare_build does it too)
            console.message(f"{console.plural(len(fresh), 'document')}: up to date in {display_path(out)}/", "green")
            return 0
        from .build import prepare_build

        project = load_valid_project(_root(), strict=strict)
        documents = len(project.actions) + len(project.reports) if (everything or not names) else len(names or [])
        with console.progress(documents * len(langs), "Building") as tick:
            planned = prepare_build(
                project, names or [], formats or [], out, everything=everything, tick=tick, langs=langs, dry_run=dry_run
            )
            report = planned.report(write_outputs(planned.outputs, dry_run=dry_run))
        if dry_run:
            _dry_run(report.written.dry_run_lines())
        else:
            console.message(
                f"{console.plural(len(report.documents), 'document')}: {len(report.written.created)} created, "
                f"{len(report.written.updated)} updated, {len(report.written.identical)} unchanged in {display_path(out)}/",
                "green",
            )
        # A translation's strings still in English: "2.6.2 cy: 3 strings in English, 1 out of date".
        for fallback in report.fallbacks:
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
            parser=_choice(_languages),
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
            help=f"{PLAN.described()}: Excel or OpenDocument; with --upgrade, the filled plan's own by default.",
            show_default=False,
            metavar="FORMAT",
            parser=_choice(PLAN.check),
        ),
    ] = None,
    dry_run: DryRunOpt = False,
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

            result = upgrade_plan(project, upgrade, out, file_format)
            written = write_outputs([result.output], protect=True, overwrite=overwrite, dry_run=dry_run)
            if dry_run:
                _dry_run(written.dry_run_lines())
            else:
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
            from .content.forces import force_names

            rows: list[tuple[str, ...]] = [
                (f.name, ", ".join(n for n in dict.fromkeys(force_names(f)) if n != f.name))
                for f in project.forces.forces.values()
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
                file_format=file_format or PLAN.default[0],
            )
            outputs.extend(made)
            kept.extend(left)

        _say_plans(write_outputs(outputs, protect=True, overwrite=overwrite, dry_run=dry_run))
        for path in kept:
            console.message(f"kept {display_path(path)} as it is (it exists and may hold a force's work)")
        from .plan.languages import plan_fallbacks

        # What each translated plan prints in English, as build says it: "2.6.2 cy: 3 strings in English, 1 out of date".
        for plan_lang in languages_option(lang, project.root):
            for fallback in plan_fallbacks(project, plan_lang, actions, programme, include_drafts=include_drafts):
                console.message(f"warning: {fallback}", "yellow", console.err)
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


def _say_plans(report: "WriteReport") -> None:
    """Each plan written and how many were unchanged; in a dry run, what would be (``_dry_run``)."""
    from . import console
    from .errors import display_path

    if report.dry_run:
        _dry_run(report.dry_run_lines())
        return
    for path in report.created + report.updated:
        console.message(f"wrote {display_path(path)}")
    if report.identical:
        console.message(f"{console.plural(len(report.identical), 'plan')} unchanged")


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
            help=f"{COLLECT.described('; repeat for several')}. "
            "With --feedback, pdf and md are the packs' formats too (md is theirs only).",
            metavar="FORMAT",
            parser=_choice(COLLECT.check),
        ),
    ] = None,
    feedback: Annotated[
        bool,
        typer.Option(
            "--feedback",
            help="Also write a feedback pack for every force whose plan was counted: OUT/feedback/<force>.html and index.html.",
        ),
    ] = False,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            help="With --feedback: cy also writes the Welsh forces' packs in Welsh (<force>.cy.html).",
            show_default=False,
            metavar="CODES",
            parser=_choice(_languages),
        ),
    ] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Read the forces' filled plans into a national summary (exit 1 if any plan was not counted, or none was found)."""

    def run() -> int:
        from . import console
        from .collect.summary import collect_outputs, summary_paths
        from .collect.tally import collect as collect_plans
        from .collect.tally import plan_files
        from .content.load import load_valid_project
        from .errors import UsageError, display_path
        from .i18n.languages import languages_option
        from .writer import check_out_dir, write_outputs

        if not feedback and ("md" in (formats or []) or lang is not None):
            raise UsageError("-f md and --lang are for the feedback packs: give --feedback too")
        langs = languages_option(lang, _root())
        summary_formats = [f for f in formats or [] if f != "md"]  # md: the packs' format only
        check_out_dir(out)
        ours = summary_paths(out, summary_formats)
        project = load_valid_project(_root())
        if feedback:
            from .collect.feedback import feedback_paths

            ours += feedback_paths(project, out, formats or [], langs)
        found = plan_files(inputs, ours)  # the folders are walked once: for the progress bar and to read
        with console.progress(len(found[0]), "Reading") as tick:
            collection = collect_plans(project, inputs, tick, exclude=ours, found=found)
        outputs = collect_outputs(project, collection, out, summary_formats)
        if feedback:
            from .collect.feedback import feedback_outputs

            outputs += feedback_outputs(project, collection, out, formats or [], langs)
        written = write_outputs(outputs, dry_run=dry_run)
        if dry_run:
            _dry_run(written.dry_run_lines())
        if feedback:
            packs = sum(o.path.parent.name == "feedback" and o.path.suffix == ".html" for o in outputs) - 1
            console.message(f"{console.plural(packs, 'feedback pack')} in {display_path(out / 'feedback')}/")
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
    dry_run: DryRunOpt = False,
) -> None:
    """Write a JSON Schema per content kind, for editors and CI."""

    def run() -> int:
        from . import console
        from .schema import schema_outputs, stale_schemas
        from .writer import write_outputs

        if check:
            stale = stale_schemas(out)
            if stale:
                console.error(f"{out} is stale: {', '.join(stale)} (run 'nvap schema')")
                return 1
            console.message(f"{out}: up to date")
            return 0
        report = write_outputs(schema_outputs(out), dry_run=dry_run)
        if dry_run:
            return _dry_run(report.dry_run_lines())
        changed = report.written
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
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help=f"{DIFF.described()}.", metavar="FORMAT", show_default=False, parser=_choice(DIFF.check)
        ),
    ] = DIFF.default[0],
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the editions differ (as git diff --exit-code).")
    ] = False,
) -> None:
    """List what changed between two editions of the content: added, removed, reworded, moved, renumbered."""

    def run() -> int:
        from . import console
        from .diff import as_html, as_json, as_lines, as_markdown, run_diff, summary_line

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
    dry_run: DryRunOpt = False,
) -> None:
    """Write a draft toolkit to fill in: content/actions/ACTION_ID.yaml, every field present and empty."""

    def run() -> int:
        from . import console
        from .content.load import load_project
        from .errors import display_path
        from .scaffold import new_action
        from .writer import write_outputs

        output = new_action(load_project(_root()), action_id, title, programme)
        report = write_outputs([output], protect=True, dry_run=dry_run)
        if dry_run:
            return _dry_run(report.dry_run_lines())
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
        str,
        typer.Option(
            "--lang",
            help="The language: an ISO 639 code, e.g. cy (Welsh).",
            show_default=False,
            metavar="CODE",
            parser=_choice(_translation_language),
        ),
    ],
    dry_run: DryRunOpt = False,
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
        report = write_outputs([u.output for u in updated], dry_run=dry_run)
        if dry_run:
            return _dry_run(report.dry_run_lines())
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
            "--lang",
            help="One language (default: every language with catalogues).",
            show_default=False,
            metavar="CODE",
            parser=_choice(_translation_language),
        ),
    ] = None,
    minimum: Annotated[
        Optional[float],
        typer.Option(
            "--min", help="Exit 1 if a document is less than PCT% translated.", show_default=False, metavar="PCT", min=0, max=100
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=f"{STATS.described()}: a table, or JSON.",
            metavar="FORMAT",
            show_default=False,
            parser=_choice(STATS.check),
        ),
    ] = STATS.default[0],
) -> None:
    """Per document: strings translated, fuzzy (out of date) and untranslated, and the share done."""

    def run() -> int:
        import json

        from . import console
        from .content.load import load_valid_project
        from .i18n.layout import languages
        from .i18n.stats import totals, translation_stats

        root = _root()
        langs = [lang] if lang else languages(root)
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


def _translation_gate(langs: list[str], stream: object) -> bool:
    """Print every string not done in ``langs`` (``path:line:col: message``) and a summary line per language;
    True when a language is incomplete. English, the content's own language, is always complete."""
    from . import console
    from .content.load import load_valid_project
    from .i18n.gate import completeness

    assert isinstance(stream, console.Stream)
    others = [lang for lang in langs if lang != "en"]
    if not others:
        return False
    found = completeness(load_valid_project(_root()), others)
    console.issues(found.issues, stream)
    for lang in others:
        complete = found.complete and not any(s.lang == lang and s.translated < s.strings for s in found.stats)
        console.message(found.summary(lang), "green" if complete else "red", stream)
    return not found.complete


@translate_app.command("check")
def translate_check(
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            help="Languages, comma separated (default: every language with catalogues).",
            show_default=False,
            metavar="CODES",
        ),
    ] = None,
) -> None:
    """A release gate: exit 1 unless every string is translated, not fuzzy and keeps the English's placeholders."""

    def run() -> int:
        from . import console
        from .i18n.languages import languages_option
        from .i18n.layout import languages

        root = _root()
        langs = languages_option(lang, root) if lang else languages(root)
        if not langs:
            console.message("no catalogues yet: 'nvap translate update --lang cy' writes the Welsh ones", "red", console.err)
            return 1
        return 1 if _translation_gate(langs, console.out) else 0

    raise typer.Exit(_run(run))


@translate_app.command("export")
def translate_export(
    lang: Annotated[
        str, typer.Option("--lang", help="The language: an ISO 639 code, e.g. cy (Welsh).", show_default=False, metavar="CODE")
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="The workbook to write: FILE.xlsx (Excel) or FILE.ods (OpenDocument).", dir_okay=False, metavar="FILE"
        ),
    ],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing workbook (it may hold a translator's work).")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be written; write nothing.")] = False,
) -> None:
    """Write a language's catalogues as a workbook for translators: a sheet per document, a row per string."""

    def run() -> int:
        from . import console
        from .errors import NvapError, display_path
        from .i18n.languages import languages_option
        from .i18n.sheet import export_output
        from .writer import write_outputs

        root = _root()
        languages_option(lang, root)  # a language with catalogues, not English
        output, sheets = export_output(root, lang, out)
        if out.exists() and not overwrite and not dry_run and out.read_bytes() != output.data:
            raise NvapError(
                f"{display_path(out)} already exists and may hold a translator's work: nothing was written (use --overwrite to replace it)"
            )
        report = write_outputs([output], dry_run=dry_run)
        if dry_run:
            for line in report.dry_run_lines():
                console.message(line)
            return 0
        strings = sum(len(s.rows) for s in sheets)
        todo = sum(len(s.rows) - s.count("done") for s in sheets)
        verb = "unchanged" if report.identical else "wrote"
        console.message(
            f"{verb} {display_path(out)}: {console.plural(len(sheets), 'document')}, {console.plural(strings, 'string')}, {todo} to translate or check",
            "green",
        )
        return 0

    raise typer.Exit(_run(run))


@translate_app.command("import")
def translate_import(
    workbook: Annotated[
        Path,
        typer.Argument(
            help="A workbook 'nvap translate export' wrote, filled in (.xlsx or .ods).", dir_okay=False, metavar="FILE"
        ),
    ],
    lang: Annotated[
        Optional[str],
        typer.Option("--lang", help="The language (default: the one the workbook says).", show_default=False, metavar="CODE"),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be written; write nothing.")] = False,
) -> None:
    """Put the translations of a workbook back into the catalogues, by place (exit 1 if a row could not be placed)."""

    def run() -> int:
        from . import console
        from .i18n.sheet import import_file
        from .writer import write_outputs

        report = import_file(_root(), workbook, lang)
        written = write_outputs(report.outputs, dry_run=dry_run)
        console.issues(report.issues, console.err)
        if dry_run:
            for line in written.dry_run_lines():
                console.message(line)
        else:
            for item in report.catalogues:
                if item.output is not None:
                    console.message(f"updated {item.catalogue}: {item.translated} translated, {item.fuzzy} imported as fuzzy")
        translated = sum(c.translated for c in report.catalogues)
        fuzzy = sum(c.fuzzy for c in report.catalogues)
        unplaced = len(report.unplaced)
        console.message(
            f"{console.plural(report.rows, 'row')}: {translated} translated, {fuzzy} imported as fuzzy (the English changed since the export), "
            f"{unplaced} not placed; {console.plural(len(written.written), 'catalogue')} {'would be ' if dry_run else ''}updated",
            "yellow" if unplaced or fuzzy else "green",
        )
        return 1 if unplaced else 0

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
