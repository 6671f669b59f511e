"""The summary of the plans forces returned (``nvap collect``): Excel, HTML, CSV and JSON.

Every word a reader sees comes from the content (``collect_labels``, the plan
form's labels, the actions' titles); this module holds structure only.  Each
format holds the same views of one ``collect.model.Collection``:

* returns: every force of the reference data, with the status of what it sent
  (counted, not counted for a later plan, returned but not counted, returned
  unreadable, missing) and its files;
* completeness: per counted plan and action, the inputs filled, and the date prepared;
* answers: every input of every plan that could be read, exactly as typed, a row per
  force, action, objective and impact column (``answers.csv``; the "Answers" sheet;
  a section per force in HTML; ``answers`` in JSON);
* choices: per action, objective, dropdown and impact column, how many forces chose
  each option, wrote their own entry instead, or left it blank;
* free text, missing forces, forces that sent two plans, notes (warnings) and
  rejections (each problem of each file not counted).

``summary.csv`` is one long table for analysts, a row per fact, with the columns
``view, action, objective, field, column, force, file, value, count, total``:

=============  ==============================================================================
view           a row holds
=============  ==============================================================================
completeness   force, file, action; value: date prepared (yyyy-mm-dd); count of total inputs filled
choice         action, objective, field, column; value: the option; count of total plans chose it;
               force: the forces that did, separated by "; "
free_text      action, objective, field, column, force; value: what the force wrote
blank          action, objective, field, column; count of total plans left it blank
return         force, file; value: the status (counted, superseded, rejected, unreadable, missing)
missing        force
warning        file; value: the note (``Sheet!Cell (label): message``, or the message alone)
rejected       file; value: the problem (``Sheet!Cell (label): message``, or the message alone)
outside        force, file, where (``Sheet!Cell``); field: cell, note or hidden; value: the text written
skipped        file; value: why it was not read (a lock file, a summary nvap wrote)
=============  ==============================================================================

``answers.csv`` has the columns of ``collect.model.Answer``.  Objectives and
actions are ids, fields and columns the plan's names for them (``activity``,
``organisational``).  In both CSV files a text cell that starts like a
spreadsheet formula (``=``, ``+``, ``-``, ``@``, a tab or carriage return) or
with ``'`` gets one leading ``'``, so no spreadsheet runs it and removing one
``'`` gives the text exactly; the first line of each file says so (``CSV_NOTE``),
and the JSON holds every text exactly as read.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..formats import COLLECT
from ..plan import format as fmt
from ..plan.dates import uk_date
from ..plan.format import COLUMNS, name_part
from ..render.prose import Prose
from ..sheets.files import CSV_MARK
from .model import ANSWER_FIELDS, Answer, Collection, Tally

if TYPE_CHECKING:
    from ..content.project import Project
    from ..records.content import CollectLabels, Labels, RealisationPlanForm
    from ..writer import Output

SUMMARY_STEM = "summary"
ANSWERS_CSV = "answers.csv"

# -- names a reader sees, from the content ----------------------------------------------------


@dataclass(frozen=True)
class _Names:
    """The labels of one summary: the collect labels, the form's, and each action's and objective's name."""

    collect: CollectLabels
    labels: Labels
    form: RealisationPlanForm
    actions: dict[str, str]
    objectives: dict[tuple[str, str], tuple[int, str, str]]
    """(action, objective) -> number, short name, statement."""

    def field(self, name: str) -> str:
        """The plan's label of a field (``activity`` -> "Activity")."""
        return str(getattr(self.form, name).label)

    def column(self, attr: str) -> str:
        """The plan's label of an impact column (``organisational`` -> "Organisational Impact")."""
        return str(getattr(self.form, attr).label)

    def status(self, status: str) -> str:
        """A return's status in the reader's words."""
        return str(getattr(self.collect, f"status_{status}"))

    def reason(self, reason: str) -> str:
        """Why one of a force's plans was counted, in the reader's words."""
        return str(getattr(self.collect, f"reason_{reason}"))

    def outside_kind(self, kind: str) -> str:
        """Where a text outside the inputs was, in the reader's words."""
        return str(getattr(self.collect, f"kind_{kind}"))

    def answer_headers(self) -> list[str]:
        """The answers table's headers, in ``answer_row``'s order."""
        c, form = self.collect, self.form
        return [
            form.force.label,
            c.file,
            c.status,
            self.labels.action,
            *(self.field(f) for f in fmt.HEADER_FIELDS),
            f"{form.date_prepared.label} ({c.as_typed})",
            self.labels.objective,
            form.impact_owner.label,
            c.column,
            *(self.field(f) for f in fmt.IMPACT_FIELDS),
        ]

    def answer_row(self, a: Answer) -> list[Any]:
        """One answer as the answers table shows it: every value as typed (and the date read, as a date)."""
        objective = self.objective(a.action, a.objective) if (a.action, a.objective) in self.objectives else a.objective
        return [
            a.force_name or "",
            a.file,
            self.status(a.status),
            self.actions.get(a.action, a.action),
            a.reporting_period,
            a.project_lead,
            a.prepared_by,
            a.date_prepared,
            a.date_prepared_as_typed,
            objective,
            a.impact_owner,
            self.column(a.column),
            *(getattr(a, f) for f in fmt.IMPACT_FIELDS),
        ]

    def objective(self, action: str, objective: str) -> str:
        """ "Objective 1: Training and Briefings"."""
        number, short_name, _ = self.objectives[(action, objective)]
        return f"{self.labels.objective} {number}: {short_name}"


def _names(project: Project, collection: Collection) -> _Names:
    prose = Prose(project)
    collected = [a.action for a in collection.answers] or list(project.actions)
    programme = project.programme_of_actions(collected)
    return _Names(
        collect=programme.collect_labels,
        labels=programme.labels,
        form=programme.realisation_plan,
        actions={a.id: f"{a.id} {prose.plain(a.title)}" for a in project.actions.values()},
        objectives={
            (a.id, o.id): (n, prose.plain(o.short_name), prose.plain(o.statement))
            for a in project.actions.values()
            for n, o in enumerate(a.objectives, start=1)
        },
    )


def _uk_date(day: date | None) -> str:
    return uk_date(day)


def _chosen(formats: list[str]) -> list[str]:
    """The summary's formats (``formats.COLLECT``): ``summary.<format>`` each, and ``answers.csv`` with csv."""
    return COLLECT.chosen(formats)


def summary_paths(out_dir: Path, formats: list[str]) -> list[Path]:
    """The files ``collect_outputs`` writes for ``formats``: never read as returns when ``out_dir`` is among them."""
    paths = [out_dir / f"{SUMMARY_STEM}.{f}" for f in _chosen(formats)]
    return paths + ([out_dir / ANSWERS_CSV] if "csv" in _chosen(formats) else [])


def collect_outputs(project: Project, collection: Collection, out_dir: Path, formats: list[str]) -> list[Output]:
    """The summary in each of ``formats`` (default: ``formats.COLLECT.default``), rendered in memory."""
    from ..writer import Output

    chosen = _chosen(formats)
    outputs = []
    for fmt_name in chosen:
        if fmt_name == "xlsx":
            outputs.append(Output(out_dir / f"{SUMMARY_STEM}.xlsx", summary_xlsx(project, collection)))
        elif fmt_name == "ods":
            outputs.append(Output(out_dir / f"{SUMMARY_STEM}.ods", summary_ods(project, collection)))
        elif fmt_name == "html":
            outputs.append(Output(out_dir / f"{SUMMARY_STEM}.html", summary_html(project, collection).encode()))
        elif fmt_name == "pdf":
            from ..render.pdf import html_to_pdf

            outputs.append(
                Output(out_dir / f"{SUMMARY_STEM}.pdf", html_to_pdf(summary_html(project, collection), identifier=SUMMARY_STEM))
            )
        elif fmt_name == "csv":
            outputs.append(Output(out_dir / f"{SUMMARY_STEM}.csv", summary_csv(collection)))
            outputs.append(Output(out_dir / ANSWERS_CSV, answers_csv(collection)))
        else:
            outputs.append(Output(out_dir / f"{SUMMARY_STEM}.json", summary_json(collection)))
    return outputs


# -- Excel --------------------------------------------------------------------------------------


def summary_xlsx(project: Project, collection: Collection) -> bytes:
    """The summary workbook, as Excel saves it."""
    from ..sheets.workbook import workbook_bytes

    return workbook_bytes(summary_workbook(project, collection))


def summary_ods(project: Project, collection: Collection) -> bytes:
    """The summary workbook as OpenDocument: the same sheets and text."""
    from ..sheets.ods import ods_bytes

    names = _names(project, collection)
    return ods_bytes(summary_workbook(project, collection), title=str(names.collect.title), lang="en")


def summary_workbook(project: Project, collection: Collection) -> Any:
    """The summary workbook: a cover, then a sheet per view, each its title in A1 and one Excel table
    (one header row, frozen and printed on every page), then the very hidden ``nvap`` sheet."""
    from openpyxl import Workbook

    from ..render.views import edition_line
    from ..render.xlsx.cover import Cover, set_properties, write_cover
    from ..render.xlsx.layout import table_sheet as _table_sheet

    names = _names(project, collection)
    c, form = names.collect, names.form
    programme = project.programme_of_actions([a.action for a in collection.answers] or list(project.actions))
    words = programme.workbook_labels
    contents: list[tuple[str, str]] = []
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)

    def table_sheet(wb: Any, title: str, *args: Any, holds: str, **kw: Any) -> None:
        ws = _table_sheet(wb, title, *args, **kw)
        contents.append((ws.title, holds))

    table_sheet(
        wb,
        c.returns,
        [form.force.label, c.status, c.file],
        [[f.force_name, names.status(f.status), "\n".join(f.files)] for f in collection.forces],
        widths=[40, 36, 60],
        holds=words.returns,
    )
    table_sheet(
        wb,
        c.completeness,
        [form.force.label, c.file, names.labels.action, form.date_prepared.label, c.inputs_filled, c.inputs, c.complete],
        [
            [
                r.force_name,
                r.file,
                names.actions[p.action],
                p.date_prepared,
                p.filled,
                p.inputs,
                p.filled / p.inputs if p.inputs else 0,
            ]
            for r in collection.responses
            for p in r.actions
        ],
        widths=[34, 44, 30, 14, 12, 10, 10],
        formats={3: "dd/mm/yyyy", 6: "0%"},
        holds=words.completeness,
    )
    where = [names.labels.action, names.labels.objective, c.field, c.column]
    choices: list[list[Any]] = []
    free: list[list[Any]] = []
    for t in collection.tallies:
        at = [names.actions[t.action], names.objective(t.action, t.objective), names.field(t.field), names.column(t.column)]
        choices += [[*at, o.text, len(o.forces), t.plans, "; ".join(o.forces)] for o in t.options]
        choices.append([*at, c.free_text, len(t.free_text), t.plans, "; ".join(f.force for f in t.free_text)])
        choices.append([*at, c.left_blank, t.blank, t.plans, ""])
        free += [[*at, f.force, f.text] for f in t.free_text]
    table_sheet(
        wb,
        c.choices,
        [*where, c.option, c.forces, c.plans_read, c.chosen_by],
        choices,
        widths=[20, 24, 14, 16, 40, 8, 8, 30],
        holds=words.choices,
    )
    table_sheet(
        wb, c.free_text, [*where, form.force.label, c.entry], free, widths=[20, 24, 14, 16, 28, 56], holds=words.free_text
    )
    table_sheet(
        wb,
        c.answers,
        names.answer_headers(),
        [names.answer_row(a) for a in collection.answers],
        widths=[30, 40, 22, 24, 20, 20, 20, 14, 16, 26, 22, 20, *([40] * len(fmt.IMPACT_FIELDS))],
        formats={7: "dd/mm/yyyy"},
        holds=words.answers,
    )
    table_sheet(wb, c.missing, [form.force.label], [[m.force_name] for m in collection.missing], widths=[40], holds=words.missing)
    table_sheet(
        wb,
        c.duplicates,
        [form.force.label, c.kept, c.set_aside, c.reason],
        [[d.force_name, d.kept, "\n".join(d.dropped), names.reason(d.reason)] for d in collection.duplicates],
        widths=[34, 44, 44, 50],
        holds=words.duplicates,
    )
    table_sheet(
        wb,
        c.warnings,
        [c.file, c.problem],
        [[r.file, r.detail] for r in collection.warnings],
        widths=[44, 120],
        holds=words.warnings,
    )
    table_sheet(
        wb,
        c.rejected,
        [c.file, c.problem],
        [[r.file, r.detail] for r in collection.rejections],
        widths=[44, 120],
        holds=words.rejected,
    )
    table_sheet(
        wb,
        c.outside,
        [form.force.label, c.file, c.where, c.kind, c.text],
        [[o.force_name or "", o.file, o.where, names.outside_kind(o.kind), o.text] for o in collection.outside],
        widths=[30, 40, 20, 20, 64],
        holds=words.outside,
    )
    table_sheet(
        wb,
        c.skipped,
        [c.file, c.reason_skipped],
        [[k.file, k.reason] for k in collection.skipped],
        widths=[60, 100],
        holds=words.skipped,
    )
    _mark_as_summary(wb)
    prose = Prose(project)
    editions = [
        f"{names.labels.action} {names.actions[a.id]}: {edition_line(names.labels.edition, a.edition)}"
        for a in project.actions.values()
        if a.plan == programme.id
    ]
    write_cover(
        wb,
        Cover(
            words,
            str(c.title),
            lines=[prose.plain(c.intro), *editions],
            sheets=contents,
            hidden=[(fmt.META_SHEET, words.summary_meta_sheet)],
        ),
    )
    set_properties(wb, title=str(c.title), subject=programme.name, lang=project.lang)
    wb.active = 0
    return wb


def _mark_as_summary(wb: Any) -> None:
    """A hidden ``nvap`` sheet naming the workbook's kind, so ``nvap collect`` never reads its own summary as a plan."""
    from openpyxl.utils import quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    from ..sheets.cells import write_text

    ws = wb.create_sheet(fmt.META_SHEET)
    ws.sheet_state = "veryHidden"  # named and explained on the cover
    write_text(ws.cell(row=1, column=1), fmt.KIND_NAME)
    write_text(ws.cell(row=1, column=2), fmt.SUMMARY_KIND)
    wb.defined_names[fmt.KIND_NAME] = DefinedName(fmt.KIND_NAME, attr_text=f"{quote_sheetname(ws.title)}!$B$1")


# -- CSV and JSON ---------------------------------------------------------------------------------

CSV_COLUMNS = ("view", "action", "objective", "field", "column", "force", "file", "value", "count", "total", "where")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
"""A text starting so gets one ``'`` before it in CSV: no spreadsheet runs it, and removing one ``'`` is exact."""
CSV_NOTE = (
    f"{CSV_MARK} a text that begins with =, +, -, @, a tab, a carriage return or ' is written with one ' before it, "
    "so that no spreadsheet runs it as a formula; remove that one ' to get the text exactly as the force typed it "
    "(summary.json holds every text exactly). The header row follows this line.\r\n"
)
"""The first line of each CSV file: how a guarded text differs from what was typed."""


def _csv_text(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def summary_csv(collection: Collection) -> bytes:
    """Every view as one long table (see the module's docstring for its rows)."""
    rows: list[dict[str, object]] = []
    for r in collection.responses:
        for p in r.actions:
            rows.append(
                {
                    "view": "completeness",
                    "action": p.action,
                    "force": r.force_name,
                    "file": r.file,
                    "value": p.date_prepared.isoformat() if p.date_prepared else "",
                    "count": p.filled,
                    "total": p.inputs,
                }
            )
    for t in collection.tallies:
        at = {"action": t.action, "objective": t.objective, "field": t.field, "column": t.column}
        for o in t.options:
            rows.append(
                {"view": "choice", **at, "value": o.text, "count": len(o.forces), "total": t.plans, "force": "; ".join(o.forces)}
            )
        rows += [{"view": "free_text", **at, "force": f.force, "value": f.text} for f in t.free_text]
        rows.append({"view": "blank", **at, "count": t.blank, "total": t.plans})
    rows += [
        {"view": "return", "force": f.force_name, "file": file, "value": f.status}
        for f in collection.forces
        for file in (f.files or ("",))
    ]
    rows += [{"view": "missing", "force": m.force_name} for m in collection.missing]
    rows += [{"view": "warning", "file": r.file, "value": r.detail} for r in collection.warnings]
    rows += [{"view": "rejected", "file": r.file, "value": r.detail} for r in collection.rejections]
    rows += [
        {"view": "outside", "force": o.force_name or "", "file": o.file, "where": o.where, "field": o.kind, "value": o.text}
        for o in collection.outside
    ]
    rows += [{"view": "skipped", "file": k.file, "value": k.reason} for k in collection.skipped]
    return _csv(CSV_COLUMNS, rows)


def answers_csv(collection: Collection) -> bytes:
    """Every answer of every plan read, a row per force, action, objective and impact column (``collect.model.Answer``)."""
    rows = [
        {
            k: ("" if v is None else v.isoformat() if isinstance(v, date) else v)
            for k, v in a.model_dump().items()
            if k != "stored"
        }
        for a in collection.answers
    ]
    return _csv(ANSWER_FIELDS, rows)


def _csv(columns: Sequence[str], rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    out.write(CSV_NOTE)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_text(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def summary_json(collection: Collection) -> bytes:
    """The whole collection, with the counts of the closing line, as JSON."""
    data = {
        "plans_read": len(collection.responses),
        "rejected": len(collection.rejected_files),
        "missing_forces": len(collection.missing),
        **collection.model_dump(mode="json"),
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# -- HTML ------------------------------------------------------------------------------------------

CHART_WIDTH = 640
_LINE = 18
_BAR = 16
_GAP = 4
_ROW_GAP = 12
_CHAR_PX = 7.0
"""An upper estimate of one character's width at the chart's 13px: wrapping errs early."""
_COLOURS = {"organisational": "#1d4f91", "external": "#00703c"}
"""Both at least 3:1 against white (8.6:1 and 6.1:1); each bar is labelled with its column too."""


@dataclass(frozen=True)
class ChartText:
    """A line of a chart: an option's text (``option``), a bar's column (``column``) or its count (``count``)."""

    x: float
    y: float
    text: str
    kind: str


@dataclass(frozen=True)
class ChartBar:
    """One bar: where it starts, how long it is, its column's colour."""

    x: float
    y: float
    width: float
    colour: str


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart laid out for inline SVG: each row's text, then a bar per impact column."""

    width: int
    height: int
    texts: tuple[ChartText, ...]
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class FieldView:
    """One dropdown of one objective: its chart and table (a row per option, then free text and blanks)."""

    id: str
    label: str
    caption: str
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    free_text: tuple[tuple[str, str, str], ...]
    """(force, column label, entry)."""
    chart: Chart


def _chart(rows: Sequence[tuple[str, Sequence[int]]], columns: Sequence[tuple[str, str]], scale: int) -> Chart:
    """Lay out ``rows`` (label, a count per column) as bars against ``scale`` forces."""
    label_width = min(max(len(label) for label, _ in columns) * _CHAR_PX + 12, CHART_WIDTH / 2)
    bar_room = CHART_WIDTH - label_width - 40
    per_line = int(CHART_WIDTH / _CHAR_PX)
    texts: list[ChartText] = []
    bars: list[ChartBar] = []
    y = 0.0
    for text, counts in rows:
        for line in textwrap.wrap(text, per_line, break_on_hyphens=False) or [text]:
            y += _LINE
            texts.append(ChartText(0, y - 4, line, "option"))
        for (label, attr), count in zip(columns, counts, strict=True):
            top = y + _GAP
            width = round(bar_room * count / scale, 1) if scale else 0.0
            texts.append(ChartText(0, top + _BAR - 4, label, "column"))
            bars.append(ChartBar(label_width, top, width, _COLOURS.get(attr, "#1d4f91")))
            texts.append(ChartText(round(label_width + width + 6, 1), top + _BAR - 4, str(count), "count"))
            y = top + _BAR
        y += _ROW_GAP
    return Chart(CHART_WIDTH, int(y), tuple(texts), tuple(bars))


def _field_views(names: _Names, tallies: Sequence[Tally]) -> list[FieldView]:
    """The tallies of one objective, a view per dropdown (both impact columns together)."""
    c = names.collect
    by_field: dict[str, list[Tally]] = {}
    for t in tallies:
        by_field.setdefault(t.field, []).append(t)
    views = []
    for field_name, per_column in by_field.items():
        first = per_column[0]
        number, _, _ = names.objectives[(first.action, first.objective)]
        columns = [(names.column(t.column), t.column) for t in per_column]
        rows: list[tuple[str, tuple[int, ...]]] = [
            (option.text, tuple(len(t.options[i].forces) for t in per_column)) for i, option in enumerate(first.options)
        ]
        rows.append((c.free_text, tuple(len(t.free_text) for t in per_column)))
        rows.append((c.left_blank, tuple(t.blank for t in per_column)))
        free = tuple((f.force, names.column(t.column), f.text) for t in per_column for f in t.free_text)
        views.append(
            FieldView(
                id=f"a{name_part(first.action)}-{name_part(first.objective)}-{name_part(field_name)}",
                label=names.field(field_name),
                caption=f"{names.field(field_name)}, {names.labels.objective} {number}: {c.chart}",
                rows=tuple(rows),
                free_text=tuple(sorted(free, key=lambda f: (f[0].casefold(), f[1]))),
                chart=_chart(rows, columns, first.plans),
            )
        )
    return views


@dataclass(frozen=True)
class ObjectiveAnswers:
    """One objective of one plan, as the answers section shows it: the impact owner, then a row per field."""

    heading: str
    impact_owner: str | None
    rows: tuple[tuple[str, tuple[str | None, ...]], ...]
    """(field label, the value in each impact column)."""


@dataclass(frozen=True)
class ActionAnswers:
    """One action of one plan: its header inputs, then its objectives."""

    heading: str
    header: tuple[tuple[str, str | None], ...]
    objectives: tuple[ObjectiveAnswers, ...]


@dataclass(frozen=True)
class ReturnAnswers:
    """Everything one file held, for the answers section."""

    id: str
    force_name: str
    file: str
    status: str
    actions: tuple[ActionAnswers, ...]


def _answer_views(names: _Names, answers: Sequence[Answer]) -> list[ReturnAnswers]:
    """The answers grouped by file, then action, then objective, with both impact columns side by side."""
    by_file: dict[str, dict[str, dict[str, dict[str, Answer]]]] = {}
    first: dict[tuple[str, ...], Answer] = {}
    """The first row of each file, and of each file's action: the file's and the action's header are on every row."""
    for a in answers:
        by_file.setdefault(a.file, {}).setdefault(a.action, {}).setdefault(a.objective, {})[a.column] = a
        first.setdefault((a.file,), a)
        first.setdefault((a.file, a.action), a)
    views = []
    files_of: dict[str, int] = {}
    for file in by_file:
        name = first[(file,)].force_name or file
        files_of[name] = files_of.get(name, 0) + 1
    for number, (file, actions) in enumerate(by_file.items(), start=1):
        sample = first[(file,)]
        # A force that sent two plans has two sections: each is named by its file too, so no two share a name.
        shown_as = sample.force_name or file
        if files_of[shown_as] > 1:
            shown_as = f"{shown_as} ({file.rsplit('/', 1)[-1]})"
        action_views = []
        for action_id, objectives in actions.items():
            one = first[(file, action_id)]
            header = [(names.field(f), getattr(one, f)) for f in fmt.HEADER_FIELDS if f != "date_prepared"]
            header.append((names.field("date_prepared"), one.date_prepared_as_typed))
            objective_views = []
            for objective_id, columns in objectives.items():
                cells = [columns.get(attr) for _, attr in COLUMNS]
                owner = next((c.impact_owner for c in cells if c is not None), None)
                rows = tuple((names.field(f), tuple(getattr(c, f) if c else None for c in cells)) for f in fmt.IMPACT_FIELDS)
                heading = (
                    names.objective(action_id, objective_id) if (action_id, objective_id) in names.objectives else objective_id
                )
                objective_views.append(ObjectiveAnswers(heading, owner, rows))
            action_views.append(
                ActionAnswers(
                    f"{names.labels.action} {names.actions.get(action_id, action_id)}", tuple(header), tuple(objective_views)
                )
            )
        views.append(ReturnAnswers(f"return-{number}", shown_as, file, names.status(sample.status), tuple(action_views)))
    return views


def summary_html(project: Project, collection: Collection) -> str:
    """The summary as one self-contained, accessible HTML page with inline SVG charts."""
    from ..render.env import environment
    from ..render.html import stylesheet

    names = _names(project, collection)
    actions = []
    for action in project.actions.values():
        objectives = []
        for objective in action.objectives:
            tallies = [t for t in collection.tallies if t.action == action.id and t.objective == objective.id]
            objectives.append(
                {
                    "id": f"a{name_part(action.id)}-{name_part(objective.id)}",
                    "heading": names.objective(action.id, objective.id),
                    "statement": names.objectives[(action.id, objective.id)][2],
                    "fields": _field_views(names, tallies),
                }
            )
        plans = next((t.plans for t in collection.tallies if t.action == action.id), 0)
        actions.append(
            {
                "id": f"a{name_part(action.id)}",
                "heading": f"{names.labels.action} {names.actions[action.id]}",
                "plans": plans,
                "objectives": objectives,
            }
        )
    template = environment("html").get_template("html/collect.html.j2")
    return template.render(
        css=stylesheet(),
        c=names.collect,
        returns=_answer_views(names, collection.answers),
        status=names.status,
        reason=names.reason,
        outside_kind=names.outside_kind,
        labels=names.labels,
        form=names.form,
        programme=project.programme_of_actions([a.action for a in collection.answers] or list(project.actions)),
        collection=collection,
        action_names=names.actions,
        actions=actions,
        columns=[(names.column(attr), attr) for _, attr in COLUMNS],
        uk_date=_uk_date,
    )
