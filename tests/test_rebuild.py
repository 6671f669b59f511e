"""A rebuild does only what changed: nothing is read or rendered when nothing changed, and an unchanged page's PDF is reused."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from nvap_toolkit import build as building
from nvap_toolkit import document
from nvap_toolkit.content import load
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.render import pdf as pdf_module


def test_a_rebuild_with_nothing_changed_is_decided_before_the_content_is_read(content, nvap, monkeypatch):
    assert nvap("build", "--out", "out").exit_code == 0

    def never(*_args, **_kwargs):
        raise AssertionError("read or rendered again")

    monkeypatch.setattr(load, "load_valid_project", never)
    monkeypatch.setattr(document, "render_document", never)
    result = nvap("build", "--out", "out")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "2 documents: up to date in out/"


def test_a_rebuild_by_an_edited_nvap_renders_again(content, nvap, monkeypatch, tmp_path):
    # A checkout being worked on is another nvap: what its edited code renders may differ, so nothing is taken as done.
    from nvap_toolkit.content import digests

    package = tmp_path / "nvap_toolkit"
    (package / "content").mkdir(parents=True)
    (package / "render.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(digests, "__file__", str(package / "content" / "digests.py"))
    assert nvap("build", "--out", "out").exit_code == 0
    assert nvap("build", "--out", "out").output.strip().splitlines()[-1] == "2 documents: up to date in out/"
    (package / "render.py").write_text("# edited\n", encoding="utf-8")
    digests._code_digest.cache_clear()  # the next nvap run: a new process
    rendered: list[str] = []
    real = document.render_document
    monkeypatch.setattr(
        document, "render_document", lambda project, ref, *a, **k: rendered.append(ref.stem) or real(project, ref, *a, **k)
    )
    result = nvap("build", "--out", "out")
    assert result.exit_code == 0, result.output
    assert rendered == ["1.1.1", "covenant-2024"]
    assert nvap("build", "--out", "out").output.strip().splitlines()[-1] == "2 documents: up to date in out/"


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """WeasyPrint replaced by a stand-in (a "PDF" of the page's digest); the pages it was given."""
    pages: list[str] = []

    def html_to_pdf(html: str, *, identifier: str) -> bytes:
        pages.append(html)
        return f"%PDF {identifier} {hashlib.sha256(html.encode()).hexdigest()}".encode()

    monkeypatch.setattr(pdf_module, "html_to_pdf", html_to_pdf)
    return pages


def _build_pdf(root: Path, out: Path) -> bytes:
    building.build(load_valid_project(root), ["1.1.1"], ["pdf"], out)
    return (out / "1.1.1.pdf").read_bytes()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_pdf_of_an_unchanged_page_is_reused(content, tmp_path, laid_out):
    out = tmp_path / "out"
    first = _build_pdf(content, out)
    assert len(laid_out) == 1
    # The Covenant report changes (the toolkit's inputs with it), not the toolkit's page.
    _edit(content / "covenant" / "2024" / "report.yaml", "Fixture front matter line.", "Fixture front matter line, edited.")
    assert _build_pdf(content, out) == first
    assert len(laid_out) == 1, "the unchanged page was laid out again"


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose HTML page was rendered, in order."""
    pages: list[str] = []
    real = document._html

    def counted(project, ref):  # type: ignore[no-untyped-def]
        pages.append(ref.stem)
        return real(project, ref)

    monkeypatch.setattr(document, "_html", counted)
    return pages


def _page(root: Path, out: Path) -> bytes:
    building.build(load_valid_project(root), ["1.1.1"], ["html"], out)
    return (out / "1.1.1.html").read_bytes()


def test_a_page_made_from_what_it_was_made_from_before_is_not_rendered_again(content, tmp_path, laid_out, rendered):
    out = tmp_path / "out"
    first = _build_pdf(content, out)
    page = _page(content, tmp_path / "page")
    assert rendered == ["1.1.1", "1.1.1"] and len(laid_out) == 1
    report = content / "covenant" / "2024" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert _build_pdf(content, out) == first
    assert rendered == ["1.1.1"] * 2 and len(laid_out) == 1, "the page was rendered again"
    # The report's words changed, not a priority the toolkit serves: the page is as it was, not rendered.
    _edit(report, "Fixture front matter line.", "Fixture front matter line, edited.")
    _edit(report, "title: Fixture Priority One", "title: Fixture Priority One, edited")
    assert _build_pdf(content, out) == first
    assert rendered == ["1.1.1"] * 2 and len(laid_out) == 1, "the page was rendered again"
    assert _page(content, tmp_path / "page") == page  # what the key says: the page made now is that page
    # A priority the toolkit serves changed: the page is rendered again (and differs), its PDF laid out again.
    _edit(report, "title: Fixture Priority Two", "title: Fixture Priority Two, edited")
    assert _build_pdf(content, out) != first
    assert rendered == ["1.1.1"] * 4 and len(laid_out) == 2
    assert _page(content, tmp_path / "page") != page
    # The toolkit itself changed: rendered and laid out anew.
    _edit(content / "actions" / "1.1.1.yaml", "Fixture action is linked to", "Fixture action is tied to")
    _build_pdf(content, out)
    assert rendered == ["1.1.1"] * 6 and len(laid_out) == 3
    # A template changed: rendered again.
    (tmp_path / "templates" / "html").mkdir(parents=True)
    (tmp_path / "templates" / "html" / "unused.html.j2").write_text("x\n", encoding="utf-8")
    _build_pdf(content, out)
    assert rendered == ["1.1.1"] * 7


def test_a_toolkit_page_reads_every_action_title_and_a_report_page_what_each_action_serves(content):
    from nvap_toolkit.render.views import page_reads

    project = load_valid_project(content)
    files, rest = page_reads(project, "toolkit", "1.1.1")
    shown = sorted(Path(f).relative_to(content).as_posix() for f in files)
    assert shown == [
        "actions/1.1.1.yaml",
        "nvap.yaml",
        "reference/bibliography.yaml",
        "reference/forces.yaml",
        "reference/glossary.yaml",
        "reference/links.yaml",
        "reference/peel.yaml",
        "reference/perennial-challenges.yaml",
    ]
    assert rest["actions"] == [["1.1.1", "Fixture Action", "nvap"]]
    assert [(year, p["id"]) for year, p in rest["priorities"]] == [
        (2024, "fixture-priority-two"),
        (2024, "fixture-priority-three"),
    ]
    files, rest = page_reads(project, "covenant", "2024")
    assert "covenant/2024/report.yaml" in {Path(f).relative_to(content).as_posix() for f in files}
    assert "actions/1.1.1.yaml" not in {Path(f).relative_to(content).as_posix() for f in files}
    assert rest == {"actions": [["1.1.1", "Fixture Action", "nvap", ["fixture-priority-two", "fixture-priority-three"]]]}


def test_a_changed_page_a_changed_clock_or_a_changed_file_is_laid_out_again(content, tmp_path, laid_out, monkeypatch):
    out = tmp_path / "out"
    first = _build_pdf(content, out)
    _edit(content / "actions" / "1.1.1.yaml", "Fixture action is linked to", "Fixture action is tied to")
    changed = _build_pdf(content, out)
    assert len(laid_out) == 2
    assert changed != first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the PDF's dates
    _build_pdf(content, out)
    assert len(laid_out) == 3
    (out / "1.1.1.pdf").write_bytes(b"edited by hand")
    assert _build_pdf(content, out) != b"edited by hand"
    assert len(laid_out) == 4


def test_the_key_of_a_pdf_is_its_page_its_dates_and_its_name(monkeypatch):
    page = "<html><head><title>T</title></head><body>x</body></html>"
    key = pdf_module.pdf_key(page, identifier="1.1.1")
    assert key == pdf_module.pdf_key(page, identifier="1.1.1")
    assert key != pdf_module.pdf_key(page.replace("x", "y"), identifier="1.1.1")
    assert key != pdf_module.pdf_key(page, identifier="2.6.3")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert key != pdf_module.pdf_key(page, identifier="1.1.1")


def test_the_templates_digest_follows_every_write_of_a_template(tmp_path, monkeypatch):
    from nvap_toolkit.content import digests

    template = tmp_path / "templates" / "html" / "toolkit.html.j2"
    template.parent.mkdir(parents=True)
    template.write_text("<p>one</p>\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # its own templates come first
    real = digests.time.time_ns
    monkeypatch.setattr(digests.time, "time_ns", lambda: real() + 10_000_000_000)  # written long ago: kept
    first = digests.templates_digest()
    assert digests.templates_digest() == first
    # The same size and, put back, the same modification time: the change time still moves.
    times = template.stat()
    template.write_text("<p>two</p>\n", encoding="utf-8")
    os.utime(template, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert template.stat().st_mtime_ns == times.st_mtime_ns
    assert digests.templates_digest() != first
    template.write_text("<p>one</p>\n", encoding="utf-8")
    assert digests.templates_digest() == first


def test_a_template_written_in_the_last_two_seconds_is_digested_again(tmp_path, monkeypatch):
    from nvap_toolkit.content import digests

    template = tmp_path / "templates" / "html" / "toolkit.html.j2"
    template.parent.mkdir(parents=True)
    template.write_text("<p>one</p>\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = digests.templates_digest()
    read: list[Path] = []
    real = digests.file
    monkeypatch.setattr(digests, "file", lambda digest, tag, name, path: read.append(path) or real(digest, tag, name, path))
    assert digests.templates_digest() == first
    assert template in read  # not taken as it was: it may be written again within the same tick
