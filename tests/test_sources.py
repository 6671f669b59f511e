"""Every sentence of the source texts is in every output of its document."""

from __future__ import annotations

import os

import pytest
from source_text import html_text, md_text, missing, ods_text, source_sentences, xlsx_text
from support import SHIPPED, SOURCES

from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.render.html import covenant_html, toolkit_html
from nvap_toolkit.render.markdown import covenant_md, toolkit_md

if not SOURCES.is_dir() and not os.environ.get("CI"):
    # A clone on its own has no source texts to compare with; CI always has them (and fails without).
    pytest.skip(f"the source texts are not at {SOURCES} (set NVAP_SOURCES)", allow_module_level=True)

TOOLKIT_SOURCE = SOURCES / "004_b979efec25969804.txt"
COVENANT_SOURCE = SOURCES / "000_b8371bb5de8d4e59.txt"


@pytest.fixture(scope="module")
def project():
    return load_valid_project(SHIPPED)


@pytest.fixture(scope="module")
def toolkit_sentences():
    # The reference list is compared entry by entry below: nvap formats it from the bibliography.
    found = source_sentences(TOOLKIT_SOURCE, cut=("\nReferences\n", "\nVKPP NVAP Impact\n"))
    assert len(found) > 400
    return found


@pytest.fixture(scope="module")
def covenant_sentences():
    found = source_sentences(COVENANT_SOURCE, start="\nExecutive Summary\n\nThe Police")
    assert len(found) > 400
    return found


def test_toolkit_markdown_holds_every_sentence(project, toolkit_sentences):
    assert missing(toolkit_sentences, md_text(toolkit_md(project, project.actions["2.6.2"]))) == []


def test_toolkit_html_holds_every_sentence(project, toolkit_sentences):
    assert missing(toolkit_sentences, html_text(toolkit_html(project, project.actions["2.6.2"]))) == []


def test_toolkit_workbook_holds_every_sentence(project, toolkit_sentences):
    from nvap_toolkit.document import toolkit_xlsx

    assert missing(toolkit_sentences, xlsx_text(toolkit_xlsx(project, project.actions["2.6.2"]))) == []


def test_toolkit_opendocument_holds_every_sentence(project, toolkit_sentences):
    from nvap_toolkit.document import toolkit_ods

    assert missing(toolkit_sentences, ods_text(toolkit_ods(project, project.actions["2.6.2"]))) == []


def test_toolkit_reference_list_in_every_format(project):
    from nvap_toolkit.document import toolkit_ods, toolkit_xlsx

    action = project.actions["2.6.2"]
    texts = {
        "md": md_text(toolkit_md(project, action)),
        "html": html_text(toolkit_html(project, action)),
        "xlsx": xlsx_text(toolkit_xlsx(project, action)),
        "ods": ods_text(toolkit_ods(project, action)),
    }
    for key in action.references:
        ref = project.bibliography.references[key]
        for fmt, text in texts.items():
            for part in filter(None, (ref.title, ref.container, ref.url)):
                assert md_text(part) in text, (fmt, key, part)


def test_covenant_markdown_holds_every_sentence(project, covenant_sentences):
    assert missing(covenant_sentences, md_text(covenant_md(project, project.reports[2024]))) == []


def test_covenant_html_holds_every_sentence(project, covenant_sentences):
    assert missing(covenant_sentences, html_text(covenant_html(project, project.reports[2024]))) == []


def test_the_check_can_fail(project, toolkit_sentences):
    """A sentence dropped from the content is reported missing."""
    text = md_text(toolkit_md(project, project.actions["2.6.2"]))
    sentence = next(s for s in toolkit_sentences if "succinctly rebuts" in s)
    assert missing(toolkit_sentences, text.replace(sentence, "")) == [sentence]
