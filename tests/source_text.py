"""Read the shared source texts as sentences, to prove the outputs hold every one of them.

The sources are text extracted from the original workbook and report: table
cells are tab-separated and still hold HTML. Both the source and an output are
normalised the same way (citations removed, since nvap renders them from the
bibliography; markup and punctuation that only lays text out dropped) and every
source sentence must then appear in the output.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

# Citations in parentheses: "(Graham et al., 2019)", "(2018)", "(Home Office, n.d.)",
# "(Edwards & Kotera; 2020; Evans et al., 2013)". nvap renders these from the bibliography,
# correcting the years and authors the source gets wrong, so they are compared without.
_CITATION = re.compile(r"\((?:[^()]*?(?:\b(?:19|20)\d\d[a-z]?|n\.d\.))[^()]*\)")
_TAGS = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:<([^>]*)>|([^)]*))\)")
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z“\"'‘(])")
_PEEL_ITEM = re.compile(r"\s(?=\d{1,2}\.\d(?:\.\d)?\s[A-Z])")

# Where the source contradicts itself, the content chose one wording (see the YAML comments);
# the source is read with the same choice.
REWRITES = [
    # The printed report's page references name their sections in nvap's outputs (content/covenant/2024/report.yaml).
    ("(See Page 15)", "(see Support Model for Families, under Priorities in Progress)"),
    ("(See Page 24)", "(under Priorities in Progress)"),
    ("Action 2.6.1 Recruitment", "Action 2.6.3 Recruitment"),
    (
        "to recognise and respond to vulnerability appropriately",
        "to recognise individuals at risk of harm and respond to their vulnerability appropriately",
    ),
    (
        "re-set their thresholds and thus recognise and respond to vulnerability consistently",
        "re-set their thresholds of acceptability and thus recognise and respond to vulnerability-related risk consistently",
    ),
    ("respond to vulnerability related risk consistently", "respond to vulnerability-related risk consistently"),
    ("Engagement levels of Wellbeing practices", "Engagement levels of wellbeing practices"),
    ("as well as Wellbeing", "as well as wellbeing"),
    # Three priorities print "Summary of Priority", the other twelve "Summary of priority".
    ("Summary of Priority", "Summary of priority"),
    # One link title for one document: Annex A's (footnote 3 adds "(accessible)").
    ("Police Covenant annual report 2023 (accessible)", "Police Covenant annual report 2023"),
    # The plan form prints each impact's label once, as its column heading.
    ("<i>Organisational Impact: A supported", "<i>A supported"),
    ("<p>Organisational Impact: A supported", "<p>A supported"),
    ("<i>External Impact: Victims", "<i>Victims"),
    ("<p>External Impact: Victims", "<p>Victims"),
]


def normalise(text: str) -> str:
    """Comparable text: no citations, markup, colons, bullets or repeated spaces."""
    text = html.unescape(text)
    text = _CITATION.sub(" ", text)
    text = text.replace("**", "").replace(":", " ").replace("|", " ")
    # Footnote markers: the source prints superscript digits, nvap numbers its notes itself.
    text = re.sub("[\u00b9\u00b2\u00b3\u2070-\u2079]", "", text)
    text = re.sub(r"[\s\u00a0]+", " ", text)
    text = re.sub(r"\s+([.,;?!])", r"\1", text)
    return text.strip()


def _segments(raw: str) -> list[str]:
    out = []
    for line in raw.splitlines():
        for cell in line.split("\t"):
            cell = cell.replace("\\(", "(").replace("\\)", ")").replace("\\[", "[").replace("\\]", "]")
            for old, new in REWRITES:
                cell = cell.replace(old, new)
            while _MD_LINK.search(cell):  # links nest in the report's Annex A
                cell = _MD_LINK.sub(lambda m: m.group(1), cell)
            cell = re.sub(r"<(https?://[^>]+)>", r"\1", cell)
            for part in re.split(r"</?(?:p|li|ul|i)[^>]*>", cell):
                part = _TAGS.sub(" ", part).strip()
                part = re.sub(r"^(?:[-•]|\d+\.)\s+", "", part)
                if not part:
                    continue
                for item in part.split("▪"):
                    out.extend(p for p in _PEEL_ITEM.split(item) if p.strip())
    return out


def source_sentences(path: Path, start: str | None = None, cut: tuple[str, str] | None = None) -> list[str]:
    """Every sentence of a source (from the line ``start`` on, less the part between ``cut``), normalised."""
    raw = path.read_text(encoding="utf-8")
    if start:
        raw = raw[raw.index(start) :]
    if cut:
        raw = raw[: raw.index(cut[0])] + raw[raw.index(cut[1]) :]
    for old, new in REWRITES:
        raw = raw.replace(old, new)
    sentences = []
    for segment in _segments(raw):
        for sentence in _SENTENCE.split(segment):
            text = normalise(sentence).removesuffix(".")
            if len(text) > 2:
                sentences.append(text)
    return sentences


def html_text(page: str) -> str:
    """The visible text of an HTML page."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<sup>.*?</sup>", "", page)  # footnote numbers
    page = re.sub(r"</?(?:abbr|a|strong|i|b|em|span)\b[^>]*>", "", page)
    return normalise(_TAGS.sub(" ", page))


def md_text(doc: str) -> str:
    """The text of a Markdown document, escapes and markup removed."""
    doc = re.sub(r"\[\^\d+\]:?", "", doc)  # footnote numbers
    doc = re.sub(r"\\(.)", r"\1", doc)
    doc = _MD_LINK.sub(lambda m: f"{m.group(1)} {m.group(2) or m.group(3)}", doc)
    doc = doc.replace("<br>", " ").replace("|", " ")
    doc = re.sub(r"<(https?://[^>\s]+|[^>\s]+@[^>\s]+)>", r"\1", doc)
    doc = re.sub(r"(?m)^\s*(?:#+|[-*]|\d+\.)\s+", " ", doc)
    doc = doc.replace("*", "")
    return normalise(doc)


def xlsx_text(data: bytes) -> str:
    """Every cell of a workbook, row by row, as text."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    parts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            parts.extend(str(v) for v in row if v is not None)
        # A form's prompts are input messages, shown when the cell is selected.
        for dv in ws.data_validations.dataValidation:
            parts.extend(p for p in (dv.promptTitle, dv.prompt) if p)
    return normalise("\n".join(parts))


def missing(sentences: list[str], text: str) -> list[str]:
    """The sentences not found in ``text``."""
    return [s for s in sentences if s not in text]


def ods_text(data: bytes) -> str:
    """Every cell of an OpenDocument spreadsheet, sheet by sheet and row by row, as text (read as nvap reads returned plans)."""
    import io
    import zipfile
    from xml.etree import ElementTree

    from nvap_toolkit.sheets.files import open_book_bytes

    book = open_book_bytes(data)
    parts = [cell.shown for sheet in book.sheets.values() for _, cell in sorted(sheet.cells.items())]
    # A form's prompts are its validations' input help (table:help-message), shown when the cell is selected.
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    for help_message in root.iter(f"{{{table}}}help-message"):
        parts.append(help_message.get(f"{{{table}}}title", ""))
        parts.extend("".join(p.itertext()) for p in help_message.iter(f"{{{text}}}p"))
    return normalise("\n".join(p for p in parts if p))
