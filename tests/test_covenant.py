"""The Police Covenant Report 2024 as content: its priorities, statuses, glossary and cross-links."""

from __future__ import annotations

from collections import Counter

from support import SHIPPED

from nvap_toolkit.content.load import load_valid_project

PROJECT = load_valid_project(SHIPPED)
REPORT = PROJECT.reports[2024]


def test_fifteen_priorities_with_the_reports_statuses():
    assert len(REPORT.priorities) == 15
    assert Counter(p.status for p in REPORT.priorities) == {"completed": 3, "in-progress": 8, "new": 4}
    assert [p.title for p in REPORT.priorities if p.status == "completed"] == [
        "Chief Medical Officer",
        "Training for General Practitioners",
        "Officer and Staff Roadside Safety",
    ]
    assert len({p.id for p in REPORT.priorities}) == 15


def test_annex_b_glossary_has_all_25_acronyms_in_the_shared_glossary():
    terms = REPORT.annex_glossary.terms
    assert len(terms) == 25
    assert terms[0] == "APP" and terms[-1] == "SISR"
    assert all(t in PROJECT.glossary.terms for t in terms)
    assert PROJECT.glossary.terms["LSGCM"].expansion == "[Police] Long Service Good Conduct Medal"


def test_toolkit_acronyms_share_the_one_glossary():
    for acronym in ("PEEL", "NPWS", "CPD", "EMDR", "NVAP", "VKPP"):
        assert acronym in PROJECT.glossary.terms


def test_cross_links_resolve_both_ways():
    action = PROJECT.actions["2.6.2"]
    ids = {p.id for p in REPORT.priorities}
    assert action.covenant_priorities and set(action.covenant_priorities) <= ids
    for pid in action.covenant_priorities:
        assert PROJECT.related_actions(pid) == ["2.6.2"]
    assert PROJECT.related_actions("roadside-safety") == []
