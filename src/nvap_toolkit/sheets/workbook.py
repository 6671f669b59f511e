"""Save openpyxl workbooks byte for byte the same for the same content.

openpyxl stamps the document properties with the current time and its zip
entries with the wall clock; both are pinned here (to ``clock.build_time``),
so two builds of the same content are identical.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..clock import build_time


def workbook_bytes(wb: Any) -> bytes:
    """Serialise ``wb`` deterministically."""
    stamp = build_time().replace(tzinfo=None)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = wb.properties.creator or "nvap"
    wb.properties.lastModifiedBy = None
    raw = io.BytesIO()
    wb.save(raw)
    # Rewrite every entry with a fixed date and mode, in the order openpyxl wrote them.
    # openpyxl writes docProps/core.xml with "now" for modified whatever we set: replace it.
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _pin_core(data, iso)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def _pin_core(data: bytes, iso: str) -> bytes:
    import re

    text = data.decode("utf-8")
    text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{iso}\g<2>", text)
    text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", rf"\g<1>{iso}\g<2>", text)
    return text.encode("utf-8")
