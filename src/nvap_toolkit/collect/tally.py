"""Read every file forces returned, choose each force's plan, and count what they chose.

Every file in a return folder is accounted for: each is read by
``plan.read.read_plan`` (an input file is only ever read), or listed as skipped
with the reason (a lock file, a hidden file, the summary this collection writes).
A plan counts unless an error stops it (see ``plan.read``); its warnings (a date
kept as text, an earlier edition) are reported and it still counts.  Every
answer of every plan that could be read is kept, counted or not, and so is every
word written outside the form's inputs.  A file that names a force but cannot be
read is that force's return ("returned, unreadable"), never "missing"; a file
that nvap fails on is reported as that file's problem, and the rest are collected.

Of two plans from one force, one counts, by the rule ``DUPLICATE_RULE`` states:
the latest date prepared; on a tie, the file saved last (its document
properties); on a tie again, the file whose name sorts last.  The others are set
aside with a warning naming both files and the step of the rule that decided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NvapError, UsageError, display_path
from ..plan import format as fmt
from ..plan.dates import uk_date
from .model import (
    ActionProgress,
    Answer,
    Choice,
    Collection,
    Duplicate,
    ForceReturn,
    FreeText,
    MissingForce,
    Outside,
    Problem,
    Response,
    Return,
    Skipped,
    Status,
    Tally,
)

if TYPE_CHECKING:
    from ..content.project import Project
    from ..plan.model import FilledPlan, Value
    from ..plan.read import ReadResult


def plan_files(inputs: list[Path], exclude: Sequence[Path] = ()) -> tuple[list[Path], list[Skipped]]:
    """The files to read, and the files found but not read with why: every file named, and every file in each folder.

    A folder's files are in name order, whatever their name or extension (a
    spreadsheet is told by its bytes); a file reached twice is read once; lock
    files, hidden files and ``exclude`` (the outputs this collection writes) are
    skipped, each with its reason.  A path that does not exist is a usage error,
    raised before anything is read.
    """
    from ..sheets.files import is_skippable, returned_files

    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {display_path(missing[0])}")
    ours = {p.resolve() for p in exclude}
    found: dict[Path, Path] = {}
    skipped: dict[Path, Skipped] = {}
    for path in inputs:
        if path.is_dir() and path.suffix.lower() != ".numbers":
            for file in returned_files(path):
                why = "a summary this collection writes" if file.resolve() in ours else is_skippable(file)
                if why is None:
                    found.setdefault(file.resolve(), file)
                else:
                    skipped.setdefault(file.resolve(), Skipped(file=display_path(file), reason=why))
        else:
            found.setdefault(path.resolve(), path)
    return list(found.values()), list(skipped.values())


def read_one(path: Path, project: Project) -> ReadResult:
    """Read one returned file; a fault of nvap's on it is that file's problem, never the collection's."""
    from ..plan.read import ReadResult, read_plan

    try:
        return read_plan(path, project)
    except Exception as exc:  # one file must not sink the collection: reported with the file, the rest go on
        from ..issues import Issue, Location

        result = ReadResult(file=display_path(path), unreadable="fault")
        result.issues.append(
            Issue(
                Location(result.file),
                f"nvap failed while reading this file ({type(exc).__name__}: {exc}): the other files were collected; "
                "please report this fault in nvap, with the file if the force agrees",
            )
        )
        return result


def collect(
    project: Project,
    inputs: list[Path],
    tick: Callable[[str], None] | None = None,
    *,
    exclude: Sequence[Path] = (),
    found: tuple[list[Path], list[Skipped]] | None = None,
) -> Collection:
    """Read and check every file in ``inputs`` (files or folders), then summarise them.

    ``tick`` is called with each file's name once it has been read (a progress bar);
    ``exclude``: files not to read (the outputs the collection is about to write);
    ``found``: what ``plan_files(inputs, exclude)`` gave, when the caller has it already.
    """
    if not project.actions:
        raise NvapError("the content has no action toolkits to collect plans for")
    forces = project.forces.forces
    results: list[ReadResult] = []
    files, skipped = found if found is not None else plan_files(inputs, exclude)
    skipped = list(skipped)
    for path in files:
        result = read_one(path, project)
        if result.own_output:
            skipped.append(Skipped(file=result.file, reason="a summary written by nvap collect"))
        else:
            results.append(result)
        if tick:
            tick(result.file)

    status: dict[str, Status] = {}
    extra: dict[str, list[Problem]] = {}
    by_force: dict[str, list[ReadResult]] = {}
    for result in results:
        if result.plan is None:
            status[result.file] = "unreadable"
        elif result.errors or result.force_key is None:
            status[result.file] = "rejected"
        else:
            status[result.file] = "counted"
            by_force.setdefault(result.force_key, []).append(result)
    duplicates: list[Duplicate] = []
    for key, candidates in by_force.items():
        if len(candidates) < 2:
            continue
        ranked = sorted(candidates, key=_rank, reverse=True)
        kept, others = ranked[0], ranked[1:]
        reason = _reason(kept, others[0])
        duplicates.append(
            Duplicate(
                force=key,
                force_name=forces[key].name,
                kept=kept.file,
                dropped=tuple(sorted(o.file for o in others)),
                reason=reason,
            )
        )
        for other in others:
            status[other.file] = "superseded"
            extra.setdefault(other.file, []).append(
                Problem(
                    file=other.file,
                    where="",
                    severity="warning",
                    message=f"{forces[key].name} sent another plan, {kept.file} ({_when(kept, reason)}), which was counted "
                    f"instead of this one ({_when(other, reason)}): {_REASONS[reason]} ({DUPLICATE_RULE})",
                )
            )

    returns = sorted((_return(r, status[r.file], project) for r in results), key=lambda r: r.file)
    counted = [r for r in results if status[r.file] == "counted"]
    responses = sorted((_response(r, project) for r in counted), key=lambda r: (r.force_name.casefold(), r.file))
    problems = [
        Problem(file=r.file, where=i.location.where, message=i.message, severity="warning" if not i.is_error else "error")
        for r in sorted(results, key=lambda r: r.file)
        for i in r.issues
    ]
    for result in sorted(results, key=lambda r: r.file):
        if result.plan is not None and result.force_key is None and not result.errors:
            problems.append(
                Problem(
                    file=result.file, where="", severity="error", message="the plan names no force that the reference data lists"
                )
            )
        problems.extend(extra.get(result.file, []))
    problems.sort(key=lambda p: p.file)
    answers = [a for r in results for a in _answers(r, status[r.file], project)]
    answers.sort(key=lambda a: ((a.force_name or "~").casefold(), a.file))
    sent: dict[str, list[Return]] = {}
    for ret in returns:
        if ret.force is not None:
            sent.setdefault(ret.force, []).append(ret)
    force_returns = sorted(
        (_force_return(key, force.name, sent.get(key, [])) for key, force in forces.items()),
        key=lambda f: f.force_name.casefold(),
    )
    missing = [MissingForce(force=f.force, force_name=f.force_name) for f in force_returns if f.status == "missing"]
    outside = [
        Outside(file=r.file, force=r.force_key, force_name=_force_name(r, project), where=o.ref, text=o.text, kind=o.kind)
        for r in sorted(results, key=lambda r: r.file)
        for o in r.outside
    ]
    kept_plans = sorted(
        ((forces[r.force_key].name, r.plan) for r in counted if r.force_key and r.plan), key=lambda item: item[0].casefold()
    )
    return Collection(
        files=len(results),
        returns=tuple(returns),
        responses=tuple(responses),
        forces=tuple(force_returns),
        problems=tuple(problems),
        answers=tuple(answers),
        tallies=tuple(_tallies(project, kept_plans)),
        missing=tuple(missing),
        duplicates=tuple(sorted(duplicates, key=lambda d: d.force_name.casefold())),
        skipped=tuple(sorted(skipped, key=lambda s: s.file)),
        outside=tuple(outside),
    )


DUPLICATE_RULE = (
    "of two plans from one force, the one with the latest date prepared counts; on the same date, the one saved last; "
    "then the one whose file name sorts last"
)
"""The rule that chooses between two plans from one force, as every message states it."""

_REASONS = {
    "later": "its date prepared is later",
    "saved_later": "the dates prepared are the same and it was saved later",
    "file_name": "the dates prepared and the times saved are the same, and its file name sorts last",
}


def _rank(result: ReadResult) -> tuple[date, datetime, str]:
    """A plan's place by ``DUPLICATE_RULE``: the greatest counts."""
    plan = result.plan
    assert plan is not None
    saved = result.saved.replace(tzinfo=None) if result.saved else datetime.min
    return (plan.date_prepared or date.min, saved, result.file)


def _reason(kept: ReadResult, runner_up: ReadResult) -> str:
    a, b = _rank(kept), _rank(runner_up)
    if a[0] != b[0]:
        return "later"
    return "saved_later" if a[1] != b[1] else "file_name"


def _when(result: ReadResult, reason: str) -> str:
    """The facts the rule weighed: the date prepared, and the time saved when the dates were the same."""
    day = result.plan.date_prepared if result.plan else None
    when = f"prepared {uk_date(day)}" if day else "no date prepared"
    if reason != "later":
        when += f", saved {result.saved.strftime('%d/%m/%Y %H:%M:%S')}" if result.saved else ", no time saved"
    return when


def _progress(plan: FilledPlan, project: Project) -> tuple[ActionProgress, ...]:
    order = {a: i for i, a in enumerate(project.actions)}
    actions = sorted(plan.actions.values(), key=lambda a: (order.get(a.id, len(order)), a.id))
    return tuple(
        ActionProgress(action=a.id, date_prepared=a.date_prepared, filled=a.filled, inputs=a.inputs, edition=a.edition)
        for a in actions
    )


def _force_name(result: ReadResult, project: Project) -> str | None:
    if result.force_key in project.forces.forces:
        return project.forces.forces[result.force_key].name
    return result.plan.force_name if result.plan else None


def _return(result: ReadResult, status: Status, project: Project) -> Return:
    plan = result.plan
    return Return(
        file=result.file,
        force=result.force_key,
        force_name=_force_name(result, project),
        status=status,
        format=plan.format if plan else None,
        date_prepared=plan.date_prepared if plan else None,
        filled=plan.filled if plan else 0,
        actions=_progress(plan, project) if plan else (),
    )


def _response(result: ReadResult, project: Project) -> Response:
    assert result.plan is not None and result.force_key is not None
    return Response(
        force=result.force_key,
        force_name=project.forces.forces[result.force_key].name,
        file=result.file,
        date_prepared=result.plan.date_prepared,
        actions=_progress(result.plan, project),
    )


_STATUS_ORDER: dict[Status, int] = {"counted": 0, "superseded": 1, "rejected": 2, "unreadable": 3, "missing": 4}


def _force_return(key: str, name: str, returns: list[Return]) -> ForceReturn:
    best = min((r.status for r in returns), key=_STATUS_ORDER.__getitem__, default="missing")
    return ForceReturn(
        force=key, force_name=name, status="counted" if best == "superseded" else best, files=tuple(r.file for r in returns)
    )


def _text(value: Value | None) -> str | None:
    return value.text if value else None


def _stored(fields: dict[str, Value | None]) -> dict[str, str]:
    return {name: value.stored for name, value in fields.items() if value is not None and value.stored is not None}


def _answers(result: ReadResult, status: Status, project: Project) -> list[Answer]:
    """A row per action, objective and impact column of a plan that could be read: every field as typed."""
    plan = result.plan
    if plan is None:
        return []
    order = {a: i for i, a in enumerate(project.actions)}
    rows = []
    for action in sorted(plan.actions.values(), key=lambda a: (order.get(a.id, len(order)), a.id)):
        header = {f: _text(action.header.get(f)) for f in fmt.HEADER_FIELDS if f != "date_prepared"}
        date_value = action.header.get("date_prepared")
        for objective in action.objectives.values():
            for _, column in fmt.COLUMNS:
                rows.append(
                    Answer(
                        force=result.force_key,
                        force_name=_force_name(result, project),
                        file=result.file,
                        status=status,
                        action=action.id,
                        objective=objective.id,
                        column=column,
                        date_prepared=date_value.date if date_value else None,
                        date_prepared_as_typed=_text(date_value),
                        impact_owner=_text(objective.impact_owner),
                        **header,
                        **{f: _text(objective.value(column, f)) for f in fmt.IMPACT_FIELDS},
                        stored=_stored(
                            {
                                **{f: action.header.get(f) for f in fmt.HEADER_FIELDS},
                                "impact_owner": objective.impact_owner,
                                **{f: objective.value(column, f) for f in fmt.IMPACT_FIELDS},
                            }
                        ),
                    )
                )
    return rows


def _matching(text: str) -> str:
    """Text as compared with a dropdown option: case and runs of spaces aside."""
    return " ".join(text.split()).casefold()


def _tallies(project: Project, plans: list[tuple[str, FilledPlan]]) -> list[Tally]:
    """Each dropdown of each objective and column, counted over ``plans`` (force name, plan)."""
    from ..plan.form import action_form
    from ..plan.languages import option_texts
    from ..render.prose import Prose

    prose = Prose(project)
    tallies = []
    for action in project.actions.values():
        form = action_form(project, action, prose)
        filled = [(name, plan.actions[action.id]) for name, plan in plans if action.id in plan.actions]
        # Plans in another language (a Welsh plan) offer the same lists translated: an option counts by its place.
        translated = option_texts(project, [plan for _, plan in plans if action.id in plan.actions], action.id)
        for objective in form.objectives:
            for field_name in (f for f in fmt.IMPACT_FIELDS if f in fmt.LIST_FIELDS):
                options = objective.options[field_name]
                index: dict[str, int] = {}
                for i, option in enumerate(options):
                    index.setdefault(_matching(option), i)
                for other in translated.get((objective.id, field_name), []):
                    for i, option in enumerate(other[: len(options)]):
                        index.setdefault(_matching(option), i)
                for _, column in fmt.COLUMNS:
                    chosen: list[list[str]] = [[] for _ in options]
                    free: list[FreeText] = []
                    blank = 0
                    for name, action_plan in filled:
                        filled_objective = action_plan.objectives.get(objective.id)
                        value = filled_objective.value(column, field_name) if filled_objective else None
                        if value is None:
                            blank += 1
                        elif _matching(value.text) in index:
                            chosen[index[_matching(value.text)]].append(name)
                        else:
                            free.append(FreeText(force=name, text=value.text))
                    tallies.append(
                        Tally(
                            action=action.id,
                            objective=objective.id,
                            field=field_name,
                            column=column,
                            plans=len(filled),
                            options=tuple(Choice(text=o, forces=tuple(f)) for o, f in zip(options, chosen, strict=True)),
                            free_text=tuple(free),
                            blank=blank,
                        )
                    )
    return tallies
