"""Words a force wrote outside its plan's inputs: beside the form, in inserted rows, on added sheets, in notes.

Nothing typed is dropped silently: every non-empty cell of a returned plan that is
neither one of its inputs nor text nvap itself wrote there, every value hidden
inside merged cells, and every note on a cell is returned, so that ``nvap
collect`` shows it to the national team.  What nvap wrote is known by rendering
the blank plan for the same actions and language once (its texts do not depend
on the force but for the force's name), so that inserted rows and moved cells
change nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import NvapError
from ..sheets.book import Book, column_letter
from . import format as fmt
from .model import OutsideText

if TYPE_CHECKING:
    from ..content.project import Project
    from ..records.content import Force


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def blank_texts(project: Project, action_ids: list[str], lang: str) -> frozenset[str]:
    """Every text a blank plan of ``action_ids`` in ``lang`` shows, whitespace and case aside."""
    key = ("blank texts", lang, *action_ids)
    if key not in project.derived:
        from ..sheets.files import open_book_bytes
        from .write import plan_outputs

        texts: set[str] = set()
        try:
            (output,) = plan_outputs(project, project.root, [next(iter(project.forces.forces))], action_ids=action_ids, lang=lang)
        except NvapError:  # actions of several programmes: nothing is known as nvap's
            output = None
        if output is not None:
            book = open_book_bytes(output.data)
            texts = {_normal(c.shown) for s in book.sheets.values() for c in s.cells.values() if c.shown.strip()}
        project.derived[key] = frozenset(texts)
    known: frozenset[str] = project.derived[key]
    return known


def outside_texts(
    book: Book,
    inputs: set[tuple[str, int, int]],
    project: Project | None,
    action_ids: list[str],
    *,
    lang: str = "en",
    force: Force | None = None,
) -> list[OutsideText]:
    """Every text of ``book`` that is not an input (``inputs``: sheet, row, column) nor nvap's own, and every note."""
    known: set[str] = set()
    if project is not None:
        valid = [a for a in action_ids if a in project.actions]
        if valid:
            known |= blank_texts(project, valid, lang)
        if force is not None:
            from ..content.forces import name_in

            known |= {_normal(force.name), _normal(name_in(force, lang))}
    found: list[OutsideText] = []
    for sheet in book.sheets.values():
        if sheet.title in (fmt.META_SHEET, fmt.LISTS_SHEET):
            continue
        for (row, col), cell in sorted(sheet.cells.items()):
            if (sheet.title, row, col) in inputs:
                continue
            text = cell.shown.replace("\x0b", "\n")
            if cell.uncalculated:
                text = f"={cell.formula}"
            if not text.strip() or (_normal(text) in known and cell.hidden_by is None):
                continue
            found.append(OutsideText(sheet.ref(cell.coord), text, "hidden" if cell.hidden_by else "cell"))
        for (row, col), note in sorted(sheet.notes.items()):
            found.append(OutsideText(sheet.ref(f"{column_letter(col)}{row}"), note, "note"))
    return found
