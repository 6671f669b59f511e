"""``nvap build -f pdf``: tagged, A4 PDF/UA-1 files that carry every source sentence.

Checked with pikepdf (structure, metadata, page size) and poppler (text, pictures of
the first pages, kept in build/clients/pdf/ to look at).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from helpers import PROJECT_ROOT, pdf_to_png

sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from source_text import normalise, source_sentences
from support import SOURCES

KEEP = PROJECT_ROOT / "build" / "clients" / "pdf"
NVAP = Path(sys.executable).with_name("nvap")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [NVAP, "--content", PROJECT_ROOT / "content", "build", "2.6.2", "covenant", "-f", "pdf", "--out", out],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    if KEEP.exists():
        shutil.rmtree(KEEP)
    KEEP.mkdir(parents=True)
    found = {p.stem: p for p in out.glob("*.pdf")}
    assert sorted(found) == ["2.6.2", "covenant-2024"]
    for stem, pdf in found.items():
        shutil.copy(pdf, KEEP / pdf.name)
        pages = pdf_to_png(pdf, KEEP / stem)
        for extra in pages[3:]:
            extra.unlink()
    return found


def tags(pdf: pikepdf.Pdf) -> list[str]:
    """Every structure element's type, in document order."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append(str(node.S))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("2.6.2", "National Vulnerability Action Plan: Action Impact Toolkit 2.6.2 Officer/Staff Norms"),
        ("covenant-2024", "Police Covenant Report 2024"),
    ],
)
def test_tagged_a4_pdf_ua_with_language_title_and_structure(pdfs: dict[str, Path], stem: str, title: str) -> None:
    with pikepdf.open(pdfs[stem]) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "en-GB"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
            assert meta.get("dc:title") == title
        for page in pdf.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            assert (round(width), round(height)) == (595, 842)
        found = tags(pdf)
        assert found.count("/H1") == 1 and found.count("/H2") >= 4
        assert "/Table" in found and "/TH" in found and "/TD" in found
        assert "/Link" in found
        assert "/Outlines" in pdf.Root  # bookmarks from the headings


def test_running_header_and_page_numbers(pdfs: dict[str, Path]) -> None:
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", pdfs["2.6.2"], "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "National Vulnerability Action Plan: Action Impact Toolkit 2.6.2 Officer/Staff Norms · Edition 1 (" in text
    with pikepdf.open(pdfs["2.6.2"]) as pdf:
        assert f"Page 2 of {len(pdf.pages)}" in text


def test_an_evidence_activity_follows_the_one_before_on_its_page(pdfs: dict[str, Path]) -> None:
    """Pages break between an activity's paragraphs: an activity does not wait for a fresh page (each once did, leaving half pages empty)."""
    text = subprocess.run(["pdftotext", pdfs["2.6.2"], "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    evidence = next(i for i, page in enumerate(pages) if "Objective 1 - Training and Briefings: Evidence" in page)
    second = "Officers/staff receive regular training in recognising"
    page = next(page for page in pages[evidence:] if second in page)
    assert "Potential Measures for Objective 1" in page.split(second)[0]  # the first activity's end, above it


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the source texts are not beside the repository")
@pytest.mark.parametrize(
    ("stem", "source", "kw"),
    [
        ("2.6.2", "004_b979efec25969804.txt", {"cut": ("\nReferences\n", "\nVKPP NVAP Impact\n")}),
        ("covenant-2024", "000_b8371bb5de8d4e59.txt", {"start": "\nExecutive Summary\n\nThe Police"}),
    ],
)
def test_every_source_sentence_is_in_the_pdf(pdfs: dict[str, Path], stem: str, source: str, kw: dict[str, object]) -> None:
    sentences = source_sentences(SOURCES / source, **kw)  # type: ignore[arg-type]

    def text(*mode: str) -> str:
        found = subprocess.run(
            ["pdftotext", *mode, "-enc", "UTF-8", pdfs[stem], "-"], capture_output=True, text=True, check=True
        ).stdout
        # The running header and page numbers sit between a page's last line and the next page's first.
        lines = [
            line
            for line in found.splitlines()
            if not line.startswith(("Page ", "National Vulnerability Action Plan: Action", "Police Covenant Report 2024"))
        ]
        return comparable(re.sub(r"(?<=[/-])\n", "", "\n".join(lines)))  # a URL or word broken after '/' or '-'

    def comparable(t: str) -> str:
        # Print styles set some headings in capitals; a note mark is a plain number in the text layer.
        return _NOTE_MARK.sub("", normalise(t)).casefold()

    # The text as drawn, cell after cell (-raw: tables whole), and as laid out (prose with its note marks apart).
    raw, flow = text("-raw"), text()
    assert [s for s in sentences if comparable(s) not in raw and comparable(s) not in flow] == []


_NOTE_MARK = re.compile(r"(?<=\w) \d{1,2}(?=[ ,;:)]|\.(?!\d)|$)")


def test_two_builds_are_byte_identical(pdfs: dict[str, Path], tmp_path: Path) -> None:
    result = subprocess.run(
        [NVAP, "--content", PROJECT_ROOT / "content", "build", "2.6.2", "-f", "pdf", "--out", tmp_path],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "2.6.2.pdf").read_bytes() == pdfs["2.6.2"].read_bytes()


def _font_times(pdf: bytes) -> list[int]:
    """The ``head.modified`` of each font embedded in ``pdf`` (seconds since 1904, as fonts count them)."""
    import io

    from fontTools.ttLib import TTFont

    found = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" and "/FontFile2" in obj:
                found.append(TTFont(io.BytesIO(obj.FontFile2.read_bytes()))["head"].modified)
    return found


SINCE_1904 = 2_082_844_800
"""Seconds from 1904-01-01 (when a font's clock starts) to 1970-01-01."""


@pytest.mark.parametrize("epoch", [None, "1700000000", "not a number"])
def test_the_fonts_carry_the_build_time_whenever_and_however_they_are_subset(
    monkeypatch: pytest.MonkeyPatch, epoch: str | None
) -> None:
    """fontTools stamps a font it saves with the time it saves it (WeasyPrint subsets with it when it has no HarfBuzz
    subsetter): two builds at two times give the same bytes all the same, the fonts dated as the PDF is."""
    import os
    import types

    import weasyprint.pdf.fonts
    from fontTools.misc import timeTools

    from nvap_toolkit.render.pdf import html_to_pdf

    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)  # as where HarfBuzz's subsetter is missing
    page = '<html lang="en-GB"><head><title>Fonts</title></head><body><h1>Fonts</h1><p>Dated, not timed.</p></body></html>'
    made = []
    for now in (1_800_000_000.0, 1_900_000_000.0):
        monkeypatch.setattr(timeTools, "time", types.SimpleNamespace(time=lambda now=now: now))
        made.append(html_to_pdf(page, identifier="fonts"))
    assert made[0] == made[1]
    # 2024-01-01T00:00:00Z (nvap's date when SOURCE_DATE_EPOCH is not a number of seconds), or SOURCE_DATE_EPOCH's.
    expected = 1_700_000_000 if epoch == "1700000000" else 1_704_067_200
    times = _font_times(made[0])
    assert times and set(times) == {expected + SINCE_1904}
    assert os.environ.get("SOURCE_DATE_EPOCH") == epoch  # as it was


def test_the_pdf_of_an_unchanged_page_is_reused_by_the_next_build(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """Only the Covenant report edited: ``nvap build 2.6.2 -f pdf`` keeps the toolkit's PDF, laid out by WeasyPrint before."""
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    out = tmp_path / "out"
    build = [NVAP, "--content", content, "build", "2.6.2", "-f", "pdf", "--out", out]
    assert subprocess.run(build, capture_output=True, text=True, timeout=600, check=False).returncode == 0
    report = content / "covenant" / "2024" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("40% recycled", "50% recycled"), encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(build, capture_output=True, text=True, timeout=600, check=False)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert "1 unchanged" in result.stdout
    assert (out / "2.6.2.pdf").read_bytes() == pdfs["2.6.2"].read_bytes()
    assert took < 1.5, f"{took:.2f} s: laid out again?"  # WeasyPrint's import alone takes longer


def test_a_pdf_and_a_workbook_built_together_are_those_rendered_alone(pdfs: dict[str, Path], tmp_path: Path) -> None:
    from nvap_toolkit.content.load import load_valid_project
    from nvap_toolkit.document import DocumentRef, render_document

    result = subprocess.run(
        [NVAP, "--content", PROJECT_ROOT / "content", "build", "2.6.2", "-f", "xlsx", "-f", "pdf", "--out", tmp_path],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    project = load_valid_project(PROJECT_ROOT / "content")
    [workbook] = render_document(project, DocumentRef("toolkit", "2.6.2"), ["xlsx"], tmp_path).outputs
    assert (tmp_path / "2.6.2.xlsx").read_bytes() == workbook.data
    assert (tmp_path / "2.6.2.pdf").read_bytes() == pdfs["2.6.2"].read_bytes()


@pytest.mark.parametrize("stem", ["2.6.2", "covenant-2024"])
def test_each_object_serialised_once_gives_the_file_pydyf_writes(
    pdfs: dict[str, Path], stem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finisher that serialises each object once (compressing streams beside) changes no byte of WeasyPrint's file."""
    from nvap_toolkit.content.load import load_valid_project
    from nvap_toolkit.document import DocumentRef, render_document
    from nvap_toolkit.render import pdf as pdf_module

    project = load_valid_project(PROJECT_ROOT / "content")
    kind = "toolkit" if stem == "2.6.2" else "covenant"
    [page] = render_document(project, DocumentRef(kind, stem.removeprefix("covenant-")), ["html"], Path(".")).outputs
    monkeypatch.setattr(pdf_module, "serialise_once", lambda _document, _pdf: None)  # pydyf's own two passes
    assert pdf_module.html_to_pdf(page.data.decode(), identifier=stem) == pdfs[stem].read_bytes()


_LIBRARIES = """
import ctypes.util, re, sys
searched = []
search = ctypes.util.find_library
ctypes.util.find_library = lambda name: searched.append(name) or search(name)
if sys.argv[1] == "quick":
    from nvap_toolkit.render.pdf import weasyprint_html
    weasyprint_html()
else:
    import weasyprint
maps = open("/proc/self/maps").read()
print(sorted(set(re.findall(r"/\\S*lib(?:gobject|pango|harfbuzz|fontconfig)\\S*", maps))))
print(len(searched))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick import is for Linux")
def test_weasyprint_imported_without_searching_loads_the_libraries_it_loads_as_usual() -> None:
    def loaded(how: str) -> list[str]:
        result = subprocess.run([sys.executable, "-c", _LIBRARIES, how], capture_output=True, text=True, check=True)
        return result.stdout.splitlines()

    [usual, usual_searches], [quick, quick_searches] = loaded("usual"), loaded("quick")
    assert "libpango-1.0.so" in usual and "libharfbuzz-subset.so" in usual
    assert quick == usual
    assert int(usual_searches) > 0
    assert quick_searches == "0"  # ctypes was never asked: no ldconfig, gcc or ld run


def test_a_build_of_html_and_pdf_renders_each_page_once(
    pdfs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML page a PDF is made from is the build's HTML file too."""
    from nvap_toolkit import build as building
    from nvap_toolkit import document
    from nvap_toolkit.content.load import load_valid_project

    rendered: list[str] = []
    real = document._html
    monkeypatch.setattr(document, "_html", lambda project, ref: rendered.append(ref.stem) or real(project, ref))
    project = load_valid_project(PROJECT_ROOT / "content")
    building.build(project, ["2.6.2"], ["html", "pdf"], tmp_path)
    assert rendered == ["2.6.2"]
    assert (tmp_path / "2.6.2.pdf").read_bytes() == pdfs["2.6.2"].read_bytes()
    building.build(project, ["2.6.2"], ["html"], tmp_path / "alone")
    assert (tmp_path / "2.6.2.html").read_bytes() == (tmp_path / "alone" / "2.6.2.html").read_bytes()
