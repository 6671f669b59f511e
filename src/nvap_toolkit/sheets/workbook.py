"""Save openpyxl workbooks byte for byte the same for the same content.

openpyxl stamps the document properties with the current time, its zip entries
with the wall clock, and writes each sheet to a temporary file first. Here the
workbook is written once, in memory: every entry goes straight into a zip whose
dates and modes are pinned, with the properties set to ``clock.build_time``, so
two builds of the same content are identical.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from typing import Any

from ..clock import build_time

PINNED_DATE = (1980, 1, 1, 0, 0, 0)
"""The date of every entry: the earliest a zip can hold."""


def workbook_bytes(wb: Any) -> bytes:
    """Serialise ``wb`` deterministically."""
    stamp = build_time().replace(tzinfo=None)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = wb.properties.creator or "nvap"
    wb.properties.lastModifiedBy = None
    out = io.BytesIO()
    archive = _PinnedZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    _in_memory_writer()(wb, archive).save()  # save() closes the archive
    return out.getvalue()


class _PinnedZip(zipfile.ZipFile):
    """A zip whose entries all carry the same date and mode, whatever the clock says."""

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, *_: Any, **__: Any) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        entry = zipfile.ZipInfo(name, date_time=PINNED_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        super().writestr(entry, data)

    def write(self, filename: Any, arcname: Any = None, *_: Any, **__: Any) -> None:
        # openpyxl hands over each sheet this way; here the sheet is in memory (see _in_memory_writer).
        if isinstance(filename, io.BytesIO):
            self.writestr(arcname, filename.getvalue())
        else:
            with open(filename, "rb") as src:
                self.writestr(arcname or str(filename), src.read())


@cache
def _in_memory_writer() -> type:
    """openpyxl's ExcelWriter, with each sheet serialised into memory instead of a temporary file."""
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemoryWriter(ExcelWriter):
        def write_worksheet(self, ws: Any) -> None:
            # openpyxl's own write_worksheet (3.1.5, pinned), but into a BytesIO: same parts, same order.
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels  # type: ignore[attr-defined]
            self._archive.write(  # type: ignore[attr-defined]
                writer.out, ws.path[1:]
            )
            self.manifest.append(ws)

    return InMemoryWriter
