"""What ``nvap collect`` found: every file, every force's return, every answer, the counts.

The models are frozen Pydantic models so that ``summary.json`` is their dump.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

Status = Literal["counted", "superseded", "rejected", "unreadable", "missing"]
"""A return's status: counted; set aside for a later plan of the same force; read but not
counted (an objective that no longer exists, a moved cell...); a file naming the force that
could not be read as a plan; no file at all."""


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True)


class Problem(_Data):
    """One issue of one file: an error (the file is not counted) or a warning (it still is)."""

    file: str
    """The file as the user named it (relative to the working directory when inside it)."""
    where: str
    """``Sheet!Cell (label)``, or '' when the whole file is meant."""
    message: str
    severity: Literal["error", "warning"]

    @property
    def line(self) -> str:
        """The problem as one line: ``file Sheet!Cell (label): message`` (``file: message`` for the whole file)."""
        prefix = "warning: " if self.severity == "warning" else ""
        place = f"{self.file} {self.where}" if self.where else self.file
        return f"{place}: {prefix}{self.message}"

    @property
    def detail(self) -> str:
        """The problem without the file's name: ``Sheet!Cell (label): message``, or the message alone."""
        return f"{self.where}: {self.message}" if self.where else self.message


class ActionProgress(_Data):
    """How far a force's plan for one action is filled in."""

    action: str
    date_prepared: date | None
    filled: int
    inputs: int
    edition: str | None = Field(default=None, exclude=True)
    """The content hash of the toolkit the sheet was made from (the feedback packs say which edition; not in summary.json)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percent(self) -> int:
        """The share of inputs filled, in whole percent (halves rounded up)."""
        return (200 * self.filled + self.inputs) // (2 * self.inputs) if self.inputs else 0


class Return(_Data):
    """One file a force sent, and what became of it."""

    file: str
    force: str | None
    """The force's key, when the file names one nvap knows."""
    force_name: str | None
    status: Status
    format: int | None = None
    """The plan's format version (None for a file that is no plan)."""
    date_prepared: date | None = None
    """The latest date prepared of the plan's action sheets."""
    filled: int = 0
    actions: tuple[ActionProgress, ...] = ()


class Response(_Data):
    """A force's plan that was counted."""

    force: str
    """The force's key in the reference data."""
    force_name: str
    file: str
    date_prepared: date | None
    """The latest date prepared of the plan's action sheets."""
    actions: tuple[ActionProgress, ...]


class ForceReturn(_Data):
    """A force of the reference data, and what it returned."""

    force: str
    force_name: str
    status: Status
    """The status of the force's counted plan, else of its best file, else missing."""
    files: tuple[str, ...]


class Answer(_Data):
    """Every input of one objective in one impact column of one force's plan, exactly as typed.

    The plan's header (reporting period, project lead, prepared by, date
    prepared) and the objective's impact owner are repeated on each row, so a
    row holds everything the force wrote about that objective and column.
    """

    force: str | None
    force_name: str | None
    file: str
    status: Status
    action: str
    objective: str
    column: str
    """``organisational`` or ``external``."""
    reporting_period: str | None = None
    project_lead: str | None = None
    prepared_by: str | None = None
    date_prepared: date | None = None
    """The date prepared, when what was typed reads as a date."""
    date_prepared_as_typed: str | None = None
    """What the cell held: text as typed, a real date as dd/mm/yyyy."""
    impact_owner: str | None = None
    activity: str | None = None
    output: str | None = None
    impact_measurement: str | None = None
    progress: str | None = None
    next_steps: str | None = None
    risks: str | None = None
    risk_mitigation: str | None = None
    additional_comments: str | None = None
    stored: dict[str, str] = {}
    """Field -> the value as stored in the file, where it differs from what the cell showed (``0.75`` for ``75%``)."""


ANSWER_FIELDS = tuple(f for f in Answer.model_fields if f != "stored")
"""The answers' columns, in order (CSV header); the JSON has ``stored`` too."""


class Choice(_Data):
    """A dropdown option and the forces that chose it, by name."""

    text: str
    forces: tuple[str, ...]


class FreeText(_Data):
    """What a force wrote instead of choosing an option."""

    force: str
    text: str


class Tally(_Data):
    """One dropdown of one objective in one impact column, over every counted plan for its action."""

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
    """A force that sent more than one plan: the one counted, the others, and why."""

    force: str
    force_name: str
    kept: str
    dropped: tuple[str, ...]
    reason: Literal["later", "saved_later", "file_name"]
    """Why ``kept`` counts (``tally.DUPLICATE_RULE``): its date prepared is later; same date, saved later; its name sorts last."""


class Outside(_Data):
    """Words a force wrote outside its plan's inputs: beside the form, on an added sheet, hidden in merged cells, a note."""

    file: str
    force: str | None
    force_name: str | None
    where: str
    """``Sheet!Cell``."""
    text: str
    """As the cell shows it (a note: its text)."""
    kind: Literal["cell", "note", "hidden"]
    """A cell's text; a note on a cell; a value hidden inside merged cells (read from the file)."""


class Skipped(_Data):
    """A file found among the returns but not read, and why (a lock file, the summary itself)."""

    file: str
    reason: str


class Collection(_Data):
    """Everything ``nvap collect`` found: what ``summary`` renders and the CLI prints."""

    files: int
    returns: tuple[Return, ...]
    """Every file read, by file name."""
    responses: tuple[Response, ...]
    """The counted plans, by force name."""
    forces: tuple[ForceReturn, ...]
    """Every force of the reference data, by name, with what it returned."""
    problems: tuple[Problem, ...]
    """By file name, each file's problems in the order found."""
    answers: tuple[Answer, ...]
    """Every answer of every plan read, by force name, file, action, objective and column."""
    tallies: tuple[Tally, ...]
    """In the content's order of actions, objectives, fields and columns."""
    missing: tuple[MissingForce, ...]
    duplicates: tuple[Duplicate, ...]
    skipped: tuple[Skipped, ...] = ()
    """Files found but not read, with why: lock and hidden files, summaries nvap collect wrote."""
    outside: tuple[Outside, ...] = ()
    """Every word written outside the forms' inputs, by file and place."""

    @property
    def rejections(self) -> tuple[Problem, ...]:
        """The problems that stopped a file from counting."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def rejected_files(self) -> list[str]:
        """The files that were returned but not counted (rejected or unreadable), each once."""
        return [r.file for r in self.returns if r.status in ("rejected", "unreadable")]

    @property
    def summary(self) -> str:
        """The closing line: ``N plans read, M rejected, K forces missing``."""
        text = (
            f"{_plural(len(self.responses), 'plan')} read, {len(self.rejected_files)} rejected, "
            f"{_plural(len(self.missing), 'force')} missing"
        )
        superseded = sum(r.status == "superseded" for r in self.returns)
        if superseded:
            text += f", {superseded} set aside for a later plan"
        if self.warnings:
            text += f" ({_plural(len(self.warnings), 'warning')})"
        return text

    @property
    def exit_code(self) -> int:
        """0 when every file was counted (warnings aside), 1 when any was not, or none was found."""
        return 1 if self.rejected_files or not self.returns else 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
