"""A feedback pack for every force whose plan was counted (``nvap collect --feedback``).

Each pack sets one force's plan beside the national picture:

* the force's name, and per action the plan's edition, date prepared and who prepared it;
* its completeness (inputs answered out of inputs) beside the national median and range;
* per action and objective, every answer exactly as typed (every field, as in the summary),
  and per dropdown the force's choice beside how many forces chose each option nationally
  (an SVG chart and a table of the same numbers);
* the inputs it left empty, and what was noticed reading its plan (with the cells);
* how many forces returned a plan, and how many were counted.

**No league tables, no disclosure.** A pack names no other force and ranks no one: the
national figures are counts, a median and a range. A national count below the content's
threshold (``feedback_labels.threshold``, 3 by default) is shown as "fewer than 3", the
count of no option, own entry or blank excepted (0 too: that a list was left alone by every
force but one is as telling as one name). When a column's counts hide exactly one such count,
that count could be worked out from the number of plans: the smallest count shown is then
withheld as well ("fewer than" is never written of a count that is not).

Every word comes from the content (``feedback_labels``, the form's labels, the actions'
titles and options), but a force's answers and nvap's own messages on its plan. With
``--lang cy`` the forces of Wales also get a pack in Welsh (``<force>.cy.html``) from the
catalogues, English where a translation is missing marked ``lang="en"``.  Packs go to
``OUT/feedback/<force-slug>.html`` (``.md`` with ``-f md``, ``.pdf`` with ``-f pdf``), with an
``index.html`` listing them; all are returned as outputs for the one writer.
"""

from __future__ import annotations

import statistics
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n.fallback import English
from ..plan import format as fmt
from ..plan.format import COLUMNS, name_part
from .model import Answer, Collection, Problem, Response, Tally
from .summary import _COLOURS, CHART_WIDTH, Chart, ChartBar, ChartText

if TYPE_CHECKING:
    from ..content.project import Project
    from ..records.content import CollectLabels, FeedbackLabels, Force, Labels, Programme, RealisationPlanForm
    from ..writer import Output

FEEDBACK_DIR = "feedback"
"""The folder of the packs, inside the collection's output folder."""
PACK_FORMATS = ("html", "md", "pdf")
"""A pack's formats: HTML always, Markdown and PDF when collect is asked for them."""
INDEX = "index.html"
LANGUAGE_COUNTRY = {"cy": "Wales"}
"""A language other than English, and the country whose forces get a pack in it."""


def pack_formats(formats: Sequence[str]) -> list[str]:
    """The packs' formats for collect's ``--format`` list: HTML, and Markdown and PDF when asked for."""
    return [f for f in PACK_FORMATS if f == "html" or f in formats]


def pack_languages(force: Force, langs: Sequence[str]) -> list[str]:
    """The languages of ``force``'s packs: English, and each of ``langs`` spoken in its country."""
    return ["en", *(lang for lang in langs if lang != "en" and LANGUAGE_COUNTRY.get(lang) == force.country)]


def pack_stem(force_name: str, lang: str) -> str:
    """``gwent-police``, ``gwent-police.cy``: from the force's canonical name, never from what was typed."""
    from ..content.forces import slug

    return slug(force_name) + ("" if lang == "en" else f".{lang}")


def feedback_paths(project: Project, out_dir: Path, formats: Sequence[str], langs: Sequence[str]) -> list[Path]:
    """Every file the packs could be written to (any force of the reference data): never read as returns."""
    folder = out_dir / FEEDBACK_DIR
    paths = [folder / INDEX]
    for force in project.forces.forces.values():
        for lang in pack_languages(force, langs):
            paths += [folder / f"{pack_stem(force.name, lang)}.{f}" for f in pack_formats(formats)]
    return paths


def feedback_outputs(
    project: Project, collection: Collection, out_dir: Path, formats: Sequence[str], langs: Sequence[str] = ("en",)
) -> list[Output]:
    """Every counted force's pack in each of its languages and ``pack_formats(formats)``, and the index, in memory."""
    from ..writer import Output

    folder = out_dir / FEEDBACK_DIR
    chosen = pack_formats(formats)
    national = _national(collection)
    outputs: list[Output] = []
    listed: list[tuple[Response, str, Pack, list[str]]] = []
    for response in collection.responses:
        force = project.forces.forces[response.force]
        for lang in pack_languages(force, langs):
            shown = _in_language(project, lang)
            pack = pack_view(shown, collection, response, national, lang)
            stem = pack_stem(force.name, lang)
            html = pack_html(pack)
            for name in chosen:
                if name == "html":
                    outputs.append(Output(folder / f"{stem}.html", html.encode("utf-8")))
                elif name == "md":
                    outputs.append(Output(folder / f"{stem}.md", pack_markdown(pack).encode("utf-8")))
                else:
                    from ..render.pdf import html_to_pdf

                    outputs.append(Output(folder / f"{stem}.pdf", html_to_pdf(html, identifier=f"feedback-{stem}")))
            listed.append((response, lang, pack, chosen))
    outputs.append(Output(folder / INDEX, index_html(project, listed).encode("utf-8")))
    return outputs


def _in_language(project: Project, lang: str) -> Project:
    from ..i18n.apply import in_language

    return in_language(project, lang)


# -- the national picture, worked out once for every pack -------------------------------------------


@dataclass(frozen=True)
class National:
    """What every pack shows of the country: the counts by dropdown, completeness, returns."""

    tallies: dict[tuple[str, str, str, str], Tally]
    """(action, objective, field, column) -> the tally."""
    percents: tuple[int, ...]
    """Each counted plan's share of inputs answered, sorted (no force attached)."""
    returned: int
    """Forces that returned a plan, counted or not."""
    counted: int


def _national(collection: Collection) -> National:
    percents = sorted(_percent(*_answered(r)) for r in collection.responses)
    return National(
        tallies={(t.action, t.objective, t.field, t.column): t for t in collection.tallies},
        percents=tuple(percents),
        returned=sum(f.status != "missing" for f in collection.forces),
        counted=len(collection.responses),
    )


def _answered(response: Response) -> tuple[int, int]:
    return sum(a.filled for a in response.actions), sum(a.inputs for a in response.actions)


def _percent(filled: int, inputs: int) -> int:
    """In whole percent, halves rounded up (as the summary's completeness)."""
    return (200 * filled + inputs) // (2 * inputs) if inputs else 0


def shown_counts(counts: Sequence[int], threshold: int) -> list[int | None]:
    """``counts`` (one column's options, own entries and blanks, which add up to its plans) as a pack may show them.

    A count below ``threshold`` is None ("fewer than"). When that hides exactly one count
    which the others would give away (the total is known) and it is not 0, the smallest
    count shown (the last of equals) is withheld too: a negative number (``-count``).
    """
    shown: list[int | None] = [c if c >= threshold else None for c in counts]
    hidden = [i for i, c in enumerate(shown) if c is None]
    if len(hidden) == 1 and counts[hidden[0]] > 0:
        candidates = [i for i, c in enumerate(shown) if c is not None]
        if candidates:
            smallest = min(candidates, key=lambda i: (counts[i], -i))
            shown[smallest] = -counts[smallest]
    return shown


# -- the view a pack's templates receive ------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One action of the force's plan: its edition, date prepared (as typed) and who prepared it."""

    action: str
    edition: str
    date_prepared: str
    prepared_by: str


@dataclass(frozen=True)
class ChoiceRow:
    """One row of a dropdown's national counts: an option (own entries, blanks), a cell per impact column."""

    text: str
    cells: tuple[str, ...]
    """The count as shown: a number, "fewer than 3" or "not shown"; the force's own choice marked."""
    mine: tuple[bool, ...]
    bars: tuple[int, ...]
    """The length of each column's bar: the count when it is shown, else 0 (no bar)."""


@dataclass(frozen=True)
class DropdownView:
    """One dropdown of one objective: the force's choice per column, and the national counts as a chart and table."""

    id: str
    label: str
    caption: str
    chosen: tuple[tuple[str, str], ...]
    """(column label, what the force typed or chose; '' when blank)."""
    rows: tuple[ChoiceRow, ...]
    chart: Chart


@dataclass(frozen=True)
class ObjectiveView:
    id: str
    heading: str
    statement: str
    impact_owner: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """(field label, the force's value in each impact column, as typed)."""
    dropdowns: tuple[DropdownView, ...]


@dataclass(frozen=True)
class ActionView:
    id: str
    heading: str
    header: tuple[tuple[str, str], ...]
    """The plan's header inputs, as typed."""
    objectives: tuple[ObjectiveView, ...]


@dataclass(frozen=True)
class Pack:
    """Everything one force's pack shows: what its templates receive."""

    lang: str
    """``en-GB``, or the language of a translated pack (``cy``)."""
    force_name: str
    title: str
    heading: tuple[str, str]
    """The title's words before and after the force's name: a translation's English is marked, never the name."""
    intro: str
    programme: Programme
    f: FeedbackLabels
    c: CollectLabels
    labels: Labels
    form: RealisationPlanForm
    plan: tuple[PlanRow, ...]
    answered: str
    yours: str
    median: str
    range: str
    returned: int
    counted: int
    actions: tuple[ActionView, ...]
    columns: tuple[str, ...]
    empty: tuple[tuple[str, tuple[str, ...]], ...]
    """(where: an action, or an objective and impact column; the labels of the inputs left empty there)."""
    problems: tuple[tuple[str, str], ...]
    """(cell and label, or ''; the message), in the order found."""

    def context(self) -> dict[str, Any]:
        return {"p": self, "f": self.f, "c": self.c, "labels": self.labels, "form": self.form, "programme": self.programme}


def fill(label: str, **values: object) -> str:
    """A label with its ``{names}`` filled in; English stays marked as English in a translated pack."""
    text = str(label)
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return English(text) if isinstance(label, English) else text


def pack_view(project: Project, collection: Collection, response: Response, national: National, lang: str) -> Pack:
    """One force's pack, in the words of ``project`` (translated for a pack in another language)."""
    from ..content.forces import name_in
    from ..plan.form import action_form
    from ..render.prose import Prose
    from ..render.views import edition_line

    prose = Prose(project)
    programme = project.programme_of_actions([a.action for a in response.actions] or list(project.actions))
    f, c, labels, form = programme.feedback_labels, programme.collect_labels, programme.labels, programme.realisation_plan
    force_name = name_in(project.forces.forces[response.force], lang)
    answers: dict[str, dict[str, dict[str, Answer]]] = {}
    for a in collection.answers:
        if a.file == response.file:
            answers.setdefault(a.action, {}).setdefault(a.objective, {})[a.column] = a
    columns = [(str(getattr(form, attr).label), attr) for _, attr in COLUMNS]

    def field_label(name: str) -> str:
        return str(getattr(form, name).label)

    def count_text(value: int | None, *, mine: bool) -> str:
        text = fill(f.fewer_than, threshold=f.threshold) if value is None else str(value) if value >= 0 else f.withheld
        return f"{text} ({f.your_choice})" if mine else text

    plan_rows, action_views, empty = [], [], []
    for progress in response.actions:
        action = project.actions.get(progress.action)
        title = f"{progress.action} {prose.plain(action.title)}" if action else progress.action
        heading = f"{labels.action} {title}"
        objectives_of = answers.get(progress.action, {})
        first = next((a for by_column in objectives_of.values() for a in by_column.values()), None)
        current = action is not None and progress.edition == project.content_hash(action)
        edition = edition_line(labels.edition, action.edition) if action is not None and current else str(f.earlier_edition)
        plan_rows.append(
            PlanRow(
                title, edition, (first.date_prepared_as_typed or "") if first else "", (first.prepared_by or "") if first else ""
            )
        )
        header = [(field_label(h), _typed(first, h)) for h in fmt.HEADER_FIELDS if h != "date_prepared"]
        header.append((field_label("date_prepared"), (first.date_prepared_as_typed or "") if first else ""))
        left = tuple(label for label, value in header if not value)
        if left:
            empty.append((heading, left))
        form_of = action_form(project, action, prose) if action is not None else None
        objective_views = []
        for number, (objective_id, by_column) in enumerate(objectives_of.items(), start=1):
            objective = next((o for o in action.objectives if o.id == objective_id), None) if action else None
            short = prose.plain(objective.short_name) if objective else objective_id
            statement = prose.plain(objective.statement) if objective else ""
            objective_heading = f"{labels.objective} {number}: {short}"
            cells = [by_column.get(attr) for _, attr in columns]
            owner = next((a.impact_owner for a in cells if a is not None and a.impact_owner), None) or ""
            rows = tuple((field_label(n), tuple(_typed(a, n) for a in cells)) for n in fmt.IMPACT_FIELDS)
            if not owner:
                empty.append((objective_heading, (str(form.impact_owner.label),)))
            for (column_label, _), column_cells in zip(columns, zip(*(values for _, values in rows), strict=True), strict=True):
                blank = tuple(label for (label, _), value in zip(rows, column_cells, strict=True) if not value)
                if blank:
                    empty.append((f"{objective_heading}, {column_label}", blank))
            options_of = next((o.options for o in form_of.objectives if o.id == objective_id), {}) if form_of else {}
            dropdowns = []
            for field_name in (n for n in fmt.IMPACT_FIELDS if n in fmt.LIST_FIELDS):
                tallies = [national.tallies.get((progress.action, objective_id, field_name, attr)) for _, attr in columns]
                if any(t is None for t in tallies):
                    continue
                present = [t for t in tallies if t is not None]
                texts = list(options_of.get(field_name, ())) or [o.text for o in present[0].options]
                per_column: list[list[int | None]] = []
                mine_per_column: list[list[bool]] = []
                for t in present:
                    counts = [len(o.forces) for o in t.options] + [len(t.free_text), t.blank]
                    per_column.append(shown_counts(counts, f.threshold))
                    chose = [response.force_name in o.forces for o in t.options]
                    chose += [any(e.force == response.force_name for e in t.free_text), False]
                    chose[-1] = not any(chose)
                    mine_per_column.append(chose)
                names = [*texts[: len(present[0].options)], str(f.own_entry), str(f.left_blank)]
                choice_rows = tuple(
                    ChoiceRow(
                        text,
                        tuple(count_text(col[i], mine=mine[i]) for col, mine in zip(per_column, mine_per_column, strict=True)),
                        tuple(mine[i] for mine in mine_per_column),
                        tuple(max(col[i] or 0, 0) for col in per_column),
                    )
                    for i, text in enumerate(names)
                )
                label = field_label(field_name)
                view_id = f"a{name_part(progress.action)}-{name_part(objective_id)}-{name_part(field_name)}"
                dropdowns.append(
                    DropdownView(
                        id=view_id,
                        label=label,
                        caption=f"{label}, {objective_heading}: {f.chart}",
                        chosen=tuple((col, _typed(a, field_name)) for (col, _), a in zip(columns, cells, strict=True)),
                        rows=choice_rows,
                        chart=_chart(choice_rows, [attr for _, attr in columns], present[0].plans),
                    )
                )
            objective_views.append(
                ObjectiveView(
                    id=f"a{name_part(progress.action)}-{name_part(objective_id)}",
                    heading=objective_heading,
                    statement=statement,
                    impact_owner=owner,
                    rows=rows,
                    dropdowns=tuple(dropdowns),
                )
            )
        action_views.append(ActionView(f"a{name_part(progress.action)}", heading, tuple(header), tuple(objective_views)))
    filled, inputs = _answered(response)
    percents = national.percents
    median = statistics.median(percents) if percents else 0
    problems = tuple((p.where, English(p.message) if lang != "en" else p.message) for p in _problems(collection, response))
    return Pack(
        lang="en-GB" if lang == "en" else lang,
        force_name=force_name,
        title=fill(f.title, force=force_name),
        heading=_around(f.title, "{force}"),
        intro=fill(f.intro, threshold=f.threshold),
        programme=programme,
        f=f,
        c=c,
        labels=labels,
        form=form,
        plan=tuple(plan_rows),
        answered=fill(f.answered, answered=filled, inputs=inputs),
        yours=f"{_percent(filled, inputs)}%",
        median=f"{int(median + 0.5)}%",
        range=fill(f.range, low=percents[0] if percents else 0, high=percents[-1] if percents else 0),
        returned=national.returned,
        counted=national.counted,
        actions=tuple(action_views),
        columns=tuple(label for label, _ in columns),
        empty=tuple(empty),
        problems=problems,
    )


def _around(label: str, name: str) -> tuple[str, str]:
    """``label``'s text before and after ``name``, each still English when ``label`` is."""
    before, _, after = str(label).partition(name)
    if isinstance(label, English):
        return English(before) if before else "", English(after) if after else ""
    return before, after


def _typed(answer: Answer | None, name: str) -> str:
    value = getattr(answer, name) if answer is not None else None
    return value if isinstance(value, str) else ""


def _problems(collection: Collection, response: Response) -> list[Problem]:
    """What was noticed reading the force's counted plan (its own file only: no other force's file or words)."""
    return [p for p in collection.problems if p.file == response.file]


# -- the chart -----------------------------------------------------------------------------------

_LINE = 18
_BAR = 16
_GAP = 4
_ROW_GAP = 12
_CHAR_PX = 7.0


def _chart(rows: Sequence[ChoiceRow], attrs: Sequence[str], scale: int) -> Chart:
    """The rows as horizontal bars against ``scale`` plans; a count not shown has no bar, only its words.

    Its texts are plain (an ``English`` unmarked): SVG text can hold no ``<span lang>``, and the chart is an
    image named by its caption, its words read from the table beside it.
    """
    label_width = 12.0
    bar_room = CHART_WIDTH - label_width - 200
    per_line = int(CHART_WIDTH / _CHAR_PX)
    texts: list[ChartText] = []
    bars: list[ChartBar] = []
    y = 0.0
    for row in rows:
        for line in textwrap.wrap(row.text, per_line, break_on_hyphens=False) or [row.text]:
            y += _LINE
            texts.append(ChartText(0, y - 4, str(line), "option"))
        for attr, cell, count in zip(attrs, row.cells, row.bars, strict=True):
            top = y + _GAP
            width = round(bar_room * count / scale, 1) if scale else 0.0
            bars.append(ChartBar(label_width, top, width, _COLOURS.get(attr, "#1d4f91")))
            texts.append(ChartText(round(label_width + width + 6, 1), top + _BAR - 4, str(cell), "count"))
            y = top + _BAR
        y += _ROW_GAP
    return Chart(CHART_WIDTH, int(y), tuple(texts), tuple(bars))


# -- rendering -------------------------------------------------------------------------------------


def pack_html(pack: Pack) -> str:
    """The pack as one self-contained, accessible HTML page (translated: its English marked ``lang="en"``)."""
    from ..i18n.fallback import place_marks
    from ..render.env import environment
    from ..render.html import stylesheet

    template = environment("html").get_template("html/feedback.html.j2")
    page = template.render(pack.context(), css=stylesheet())
    return page if pack.lang == "en-GB" else place_marks(page)


def pack_markdown(pack: Pack) -> str:
    """The pack as Markdown: the same sections, each chart as its table."""
    from ..render.env import environment

    return environment("md").get_template("md/feedback.md.j2").render(pack.context())


def index_html(project: Project, listed: Sequence[tuple[Response, str, Pack, Sequence[str]]]) -> str:
    """``feedback/index.html``: every pack written, a row per force and language, a link per format (the build's index page)."""
    from ..render.env import environment
    from ..render.html import stylesheet
    from ..render.index import IndexEntry

    programme = project.programme_of_actions([a.action for r, *_ in listed for a in r.actions] or list(project.actions))
    f, names = programme.feedback_labels, programme.index_labels
    entries = []
    for response, lang, pack, formats in listed:
        stem = pack_stem(project.forces.forces[response.force].name, lang)
        entries.append(
            IndexEntry(
                stem=stem,
                title=pack.force_name,
                edition="; ".join(dict.fromkeys(r.edition for r in pack.plan)) or None,
                date="; ".join(dict.fromkeys(r.date_prepared for r in pack.plan if r.date_prepared)) or None,
                links=tuple((str(getattr(names, x)), f"{stem}.{x}") for x in formats),
                lang=None if lang == "en" else lang,
                marked_title=pack.force_name,
            )
        )
    labels = _IndexWords(
        title=str(f.index_title),
        intro=str(f.index_intro),
        document=str(programme.realisation_plan.force.label),
        edition=str(names.edition),
        date=str(programme.realisation_plan.date_prepared.label),
        formats=str(names.formats),
    )
    template = environment("html").get_template("html/index.html.j2")
    return template.render(programme=programme, labels=labels, entries=entries, css=stylesheet())


@dataclass(frozen=True)
class _IndexWords:
    """The index page's headings for the list of packs (the build index's template, the feedback words)."""

    title: str
    intro: str
    document: str
    edition: str
    date: str
    formats: str
