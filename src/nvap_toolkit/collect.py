"""``nvap collect``: read the realisation plans forces returned, check them, and summarise them.

Every plan is read by the defined names ``nvap plan`` wrote (``plans.read_plan``);
an input file is only ever read.  A plan is counted only if it has no problem at
all: a workbook that is no nvap plan, a plan made from another edition of a
toolkit, a sheet whose layout was changed, a date that is not a date or a force
other than the one the plan was made for each reject the whole file, and every
problem of every file is reported (``file Sheet!Cell: message``).  Of two plans
from one force, the one prepared last counts (on a tie, the one whose file name
sorts last); the other is rejected with a problem naming both.

The summary counts, per action, objective, dropdown (activity, impact measurement,
risks) and impact column, the forces that chose each option (matched case and
spacing aside), the forces that wrote their own entry instead (each listed) and
the forces that left it blank; per force, how many of each action's inputs are
filled and the date it was prepared; and the forces in the reference data that
sent no file at all (a force whose file was rejected sent one: it is listed
under the rejections, not as missing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, computed_field

from .errors import NvapError, UsageError, display_path
from .writer import Output

if TYPE_CHECKING:
    from .plans import FilledAction, FilledPlan
    from .project import Project

FORMATS = ("xlsx", "html", "csv", "json")
"""The summary's formats, each written to ``summary.<format>``."""
SUMMARY_STEM = "summary"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True)


class Rejection(_Data):
    """One problem of a file that was not counted."""

    file: str
    """The file as the user named it (relative to the working directory when inside it)."""
    problem: str
    """``Sheet!Cell: message``, or ``file: message`` where no cell is to blame."""

    @property
    def line(self) -> str:
        """The problem as one line: ``file Sheet!Cell: message`` (``file: message`` for the whole file)."""
        return self.problem if self.problem != self.detail else f"{self.file} {self.problem}"

    @property
    def detail(self) -> str:
        """The problem without the file's name: ``Sheet!Cell: message``, or the message alone."""
        return self.problem.removeprefix(f"{self.file}: ")


class ActionProgress(_Data):
    """How far a force's plan for one action is filled in."""

    action: str
    date_prepared: date | None
    filled: int
    inputs: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percent(self) -> int:
        """The share of inputs filled, in whole percent (halves rounded up)."""
        return (200 * self.filled + self.inputs) // (2 * self.inputs) if self.inputs else 0


class Response(_Data):
    """A force's plan that was counted."""

    force: str
    """The force's key in the reference data."""
    force_name: str
    file: str
    date_prepared: date | None
    """The latest date prepared of the plan's action sheets."""
    actions: tuple[ActionProgress, ...]


class Choice(_Data):
    """A dropdown option and the forces that chose it, by name."""

    text: str
    forces: tuple[str, ...]


class FreeText(_Data):
    """What a force wrote instead of choosing an option."""

    force: str
    text: str


class Tally(_Data):
    """One dropdown of one objective in one impact column, over every plan for its action."""

    action: str
    objective: str
    field: str
    """``activity``, ``impact_measurement`` or ``risks``."""
    column: str
    """``organisational`` or ``external``."""
    plans: int
    """How many plans counted for this action (the options, free text and blanks add up to it)."""
    options: tuple[Choice, ...]
    """In the dropdown's order."""
    free_text: tuple[FreeText, ...]
    """By force name."""
    blank: int


class MissingForce(_Data):
    """A force in the reference data that sent no file."""

    force: str
    force_name: str


class Duplicate(_Data):
    """A force that sent more than one plan: the one counted and the others."""

    force: str
    force_name: str
    kept: str
    dropped: tuple[str, ...]


class Collection(_Data):
    """Everything ``nvap collect`` found: what ``collect_outputs`` writes and the CLI prints."""

    files: int
    responses: tuple[Response, ...]
    """By force name, then file name."""
    rejections: tuple[Rejection, ...]
    """By file name, each file's problems in the order found."""
    tallies: tuple[Tally, ...]
    """In the content's order of actions, objectives, fields and columns."""
    missing: tuple[MissingForce, ...]
    duplicates: tuple[Duplicate, ...]

    @property
    def rejected_files(self) -> list[str]:
        """The files that were not counted, each once."""
        return list(dict.fromkeys(r.file for r in self.rejections))

    @property
    def summary(self) -> str:
        """The closing line: ``N plans read, M rejected, K forces missing``."""
        return (
            f"{_plural(len(self.responses), 'plan')} read, {len(self.rejected_files)} rejected, "
            f"{_plural(len(self.missing), 'force')} missing"
        )

    @property
    def exit_code(self) -> int:
        """0 when every file was counted, 1 when any was rejected."""
        return 1 if self.rejections else 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- reading -----------------------------------------------------------------------------------


def plan_files(inputs: list[Path]) -> list[Path]:
    """The files to read: each file named, and every ``.xlsx`` in each folder named (and below it).

    A folder's files are in name order; a file reached twice is read once; Excel's
    lock files (``~$name.xlsx``) and hidden files are skipped.  A path that does not
    exist is a usage error, raised before anything is read.
    """
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {display_path(missing[0])}")
    found: dict[Path, Path] = {}
    for path in inputs:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.xlsx") if p.is_file() and not p.name.startswith(("~$", ".")))
        else:
            inside = [path]
        for file in inside:
            found.setdefault(file.resolve(), file)
    return list(found.values())


def collect(project: Project, inputs: list[Path], tick: Callable[[str], None] | None = None) -> Collection:
    """Read and check every plan in ``inputs`` (files or folders), then summarise the ones that pass.

    ``tick`` is called with each file's name once it has been read (a progress bar).
    """
    from .plans import read_plan

    if not project.actions:
        raise NvapError("the content has no action toolkits to collect plans for")
    files = plan_files(inputs)
    forces = project.forces.forces
    rejections: dict[str, list[str]] = {}
    counted: list[tuple[str, str, FilledPlan]] = []
    sent: set[str] = set()
    for path in files:
        shown = display_path(path)
        plan, problems = read_plan(path, project)
        if plan is not None and not problems and plan.force_key not in forces:
            problems = [f"{shown}: the plan is for a force the reference data does not list"]
        if plan is not None and plan.force_key in forces:
            sent.add(plan.force_key)
        if problems:
            rejections.setdefault(shown, []).extend(problems)
        elif plan is not None and plan.force_key is not None:
            counted.append((plan.force_key, shown, plan))
        if tick:
            tick(shown)

    by_force: dict[str, list[tuple[str, FilledPlan]]] = {}
    for key, shown, plan in counted:
        by_force.setdefault(key, []).append((shown, plan))
    responses: list[Response] = []
    duplicates: list[Duplicate] = []
    kept_plans: list[tuple[str, FilledPlan]] = []
    for key, plans in by_force.items():
        ranked = sorted(plans, key=lambda item: (_prepared(item[1]) or date.min, item[0]))
        shown, plan = ranked[-1]
        name = forces[key].name
        if len(ranked) > 1:
            dropped = tuple(s for s, _ in ranked[:-1])
            duplicates.append(Duplicate(force=key, force_name=name, kept=shown, dropped=dropped))
            for other, other_plan in ranked[:-1]:
                rejections.setdefault(other, []).append(
                    f"{other}: {name} sent another plan, {shown} ({_when(plan)}), "
                    f"which was counted instead of this one ({_when(other_plan)})"
                )
        kept_plans.append((name, plan))
        progress = tuple(_progress(plan.actions[a]) for a in project.actions if a in plan.actions)
        responses.append(Response(force=key, force_name=name, file=shown, date_prepared=_prepared(plan), actions=progress))

    responses.sort(key=lambda r: (r.force_name.casefold(), r.file))
    duplicates.sort(key=lambda d: (d.force_name.casefold(), d.kept))
    kept_plans.sort(key=lambda item: item[0].casefold())
    missing = sorted(
        (MissingForce(force=k, force_name=f.name) for k, f in forces.items() if k not in sent),
        key=lambda m: m.force_name.casefold(),
    )
    return Collection(
        files=len(files),
        responses=tuple(responses),
        rejections=tuple(Rejection(file=f, problem=p) for f in sorted(rejections) for p in rejections[f]),
        tallies=tuple(_tallies(project, kept_plans)),
        missing=tuple(missing),
        duplicates=tuple(duplicates),
    )


def _prepared(plan: FilledPlan) -> date | None:
    dates = [a.date_prepared for a in plan.actions.values() if a.date_prepared is not None]
    return max(dates) if dates else None


def _when(plan: FilledPlan) -> str:
    day = _prepared(plan)
    return f"prepared {day.strftime('%d/%m/%Y')}" if day else "no date prepared"


def _progress(action: FilledAction) -> ActionProgress:
    """How many of an action's inputs are filled: the header's and every objective's."""
    from .render.form import HEADER_FIELDS

    values: list[object] = [getattr(action, f) for f in HEADER_FIELDS]
    for objective in action.objectives.values():
        values.append(objective.impact_owner)
        for impact in (objective.organisational, objective.external):
            values.extend(impact.model_dump().values())
    return ActionProgress(
        action=action.id,
        date_prepared=action.date_prepared,
        filled=sum(v is not None for v in values),
        inputs=len(values),
    )


def _matching(text: str) -> str:
    """Text as compared with a dropdown option: case and runs of spaces aside."""
    return " ".join(text.split()).casefold()


def _tallies(project: Project, plans: list[tuple[str, FilledPlan]]) -> list[Tally]:
    """Each dropdown of each objective and column, counted over ``plans`` (force name, plan)."""
    from .render.form import COLUMNS, IMPACT_FIELDS, LIST_FIELDS, action_form
    from .render.prose import Prose

    prose = Prose(project)
    tallies = []
    for action in project.actions.values():
        form = action_form(project, action, prose)
        filled = [(name, plan.actions[action.id]) for name, plan in plans if action.id in plan.actions]
        for objective in form.objectives:
            for field_name in (f for f in IMPACT_FIELDS if f in LIST_FIELDS):
                options = objective.options[field_name]
                index: dict[str, int] = {}
                for i, option in enumerate(options):
                    index.setdefault(_matching(option), i)
                for _, attr in COLUMNS:
                    chosen: list[list[str]] = [[] for _ in options]
                    free: list[FreeText] = []
                    blank = 0
                    for name, action_plan in filled:
                        value = getattr(getattr(action_plan.objectives[objective.id], attr), field_name)
                        if value is None:
                            blank += 1
                        elif _matching(value) in index:
                            chosen[index[_matching(value)]].append(name)
                        else:
                            free.append(FreeText(force=name, text=value))
                    tallies.append(
                        Tally(
                            action=action.id,
                            objective=objective.id,
                            field=field_name,
                            column=attr,
                            plans=len(filled),
                            options=tuple(Choice(text=o, forces=tuple(f)) for o, f in zip(options, chosen)),
                            free_text=tuple(free),
                            blank=blank,
                        )
                    )
    return tallies


# -- writing -------------------------------------------------------------------------------


def collect_outputs(project: Project, collection: Collection, out_dir: Path, formats: list[str]) -> list[Output]:
    """The summary in each of ``formats`` (default: all of ``FORMATS``), rendered in memory."""
    from .render import summary

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}' (use {', '.join(FORMATS)})")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {display_path(out_dir)} is a file, not a folder")
    chosen = [f for f in FORMATS if f in formats] if formats else list(FORMATS)
    render = {
        "xlsx": lambda: summary.summary_xlsx(project, collection),
        "html": lambda: summary.summary_html(project, collection).encode(),
        "csv": lambda: summary.summary_csv(collection),
        "json": lambda: summary.summary_json(collection),
    }
    return [Output(out_dir / f"{SUMMARY_STEM}.{fmt}", render[fmt]()) for fmt in chosen]
