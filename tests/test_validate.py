"""nvap validate: the shipped and fixture content are clean; every kind of problem is one exact, located line.

The cases break the fixture content (tests/fixtures/content): their suggestions name its keys."""

from __future__ import annotations

import re

import pytest
from support import MINIMAL_ACTION


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return result.output.strip().splitlines()


def test_shipped_content_is_clean(shipped, nvap):
    result = nvap("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert lines(result)[-1].endswith("files checked: no problems")


def test_fixture_content_is_clean(content, nvap):
    result = nvap("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert lines(result) == ["9 files checked: no problems"]


def test_minimal_action_is_valid(write, nvap):
    write("actions/9.9.9.yaml", MINIMAL_ACTION)
    result = nvap("validate", "content/actions/9.9.9.yaml")
    assert result.exit_code == 0, result.output
    assert lines(result) == ["1 file checked: no problems"]


P = "content/actions/9.9.9.yaml"

CASES = {
    "yaml syntax": (
        MINIMAL_ACTION.replace("title: Test Action", "title: [Test Action"),
        [
            f"{P}:3:5: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence started at line 2, column 8)"
        ],
    ),
    # The usual YAML slips, in plain words, at the line to fix, with the fix.
    "a tab": (
        MINIMAL_ACTION.replace("  - id: first\n", "\t- id: first\n"),
        [f"{P}:10:1: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"],
    ),
    "unclosed quote": (
        MINIMAL_ACTION.replace("title: Test Action", 'title: "Test Action'),
        [
            f'{P}:2:8: the text that starts with " here is never closed: end it with " on the same line '
            '(a quote inside the text is written twice in single quotes, or as \\" in double quotes)'
        ],
    ),
    "colon in a value": (
        MINIMAL_ACTION.replace("title: Test Action", "title: Test: Action"),
        [
            f"{P}:2:12: a colon and a space inside a value make YAML read a field name: put the value in quotes: "
            'title: "Test: Action"'
        ],
    ),
    "colon in a list item": (
        MINIMAL_ACTION.replace(
            "    unintended_consequences: [Slower work]\n", "    unintended_consequences:\n      - Note: protected time\n"
        ),
        [
            f"{P}:28:9: 'unintended_consequences': expected text, got a mapping (a colon and a space make YAML read a "
            'field name): put the text in quotes: - "Note: protected time"'
        ],
    ),
    "a number for text": (
        MINIMAL_ACTION.replace("title: Test Action", "title: 1.10"),
        [
            f"{P}:2:8: 'title': expected text, got the number 1.1 (YAML reads it as a number): put it in quotes to keep "
            'it as written, e.g. "1.10"'
        ],
    ),
    "indented too far": (
        MINIMAL_ACTION.replace("    short_name: First\n", "     short_name: First\n"),
        [
            f"{P}:11:6: this line is indented more than the line before it, which holds a value, not fields or a list: "
            "indent it as far as the field it belongs beside"
        ],
    ),
    "a list item out of line": (
        MINIMAL_ACTION.replace("        title: Write tests\n", "        title: Write tests\n     - id: more\n"),
        [
            f"{P}:26:6: this line is not indented like the lines around it (the block it is in starts at line 10): give "
            "the items of one list, and the fields of one mapping, the same number of spaces"
        ],
    ),
    "a key at the wrong level": (
        MINIMAL_ACTION.replace("detail: Recognise", "what_we_mean: Tests\ndetail: Recognise"),
        [
            f"{P}:4:1: unknown field 'what_we_mean' here: it is a field of each item of 'objectives'; is it indented "
            "to the right level?"
        ],
    ),
    "duplicate key": (
        MINIMAL_ACTION.replace("plan: nvap\n", "plan: nvap\nplan: other\n"),
        [f"{P}:4:1: duplicate key 'plan' (first given on line 3): YAML would silently keep only the last one"],
    ),
    "unknown key": (
        MINIMAL_ACTION.replace("detail:", "detial:"),
        [f"{P}:1:1: missing required field 'detail'", f"{P}:4:1: unknown field 'detial'; did you mean 'detail'?"],
    ),
    "wrong type": (
        MINIMAL_ACTION.replace("situation: [Things are untested]", "situation: {a: b}"),
        [f"{P}:17:16: 'situation': expected a list, got a mapping"],
    ),
    "missing field": (
        MINIMAL_ACTION.replace("    short_name: First\n", ""),
        [f"{P}:10:5: missing required field 'short_name'"],
    ),
    "bad id": (
        MINIMAL_ACTION.replace('id: "9.9.9"', 'id: "nine"'),
        [f"{P}:1:5: 'id': 'nine' is not an action number such as 2.6.2"],
    ),
    "unknown citation": (
        MINIMAL_ACTION.replace("[@smith2020]", "[@smith2002]"),
        [
            f"{P}:4:38: unknown citation key 'smith2002'; did you mean 'smith2020'? (keys are those of content/reference/bibliography.yaml)"
        ],
    ),
    "two bad citations on one line": (
        MINIMAL_ACTION.replace("[@smith2020]", "[@smith2002] and again [@smith2002]"),
        [
            f"{P}:4:38: unknown citation key 'smith2002'; did you mean 'smith2020'? (keys are those of content/reference/bibliography.yaml)",
            f"{P}:4:61: unknown citation key 'smith2002'; did you mean 'smith2020'? (keys are those of content/reference/bibliography.yaml)",
        ],
    ),
    "unknown peel code": (
        MINIMAL_ACTION.replace('peel: ["1.1"]', 'peel: ["1.1.2"]'),
        [f"{P}:21:14: unknown PEEL code '1.1.2'; did you mean '1.1.1'?"],
    ),
    "unknown related action": (
        MINIMAL_ACTION + 'related_actions: ["1.1.20"]\n',
        [f"{P}:39:19: unknown action '1.1.20'; did you mean '1.1.2'?"],
    ),
    "unknown link": (
        MINIMAL_ACTION + "useful_links: [fixture-lnk]\n",
        [f"{P}:39:16: unknown link 'fixture-lnk'; did you mean 'fixture-link'?"],
    ),
    "unknown perennial challenge": (
        MINIMAL_ACTION.replace("challenge: second-challenge", "challenge: second-challange"),
        [f"{P}:34:18: unknown perennial challenge 'second-challange'; did you mean 'second-challenge'?"],
    ),
    "unknown measure key": (
        MINIMAL_ACTION.replace("other: [sickness]", "other: [sicknes]"),
        [
            f"{P}:19:7: warning: the measure 'sickness' is used by no suggested or potential measures",
            f"{P}:22:15: unknown measure 'sicknes'; did you mean 'sickness'? (other measures are defined once in the objective's 'measures')",
        ],
    ),
    "unknown inline action": (
        MINIMAL_ACTION.replace("Tests are written", "See [action:7.7.7]"),
        [f"{P}:13:23: unknown action '7.7.7' (name it in the plan's 'actions' index or add its toolkit)"],
    ),
    "bad citation item": (
        MINIMAL_ACTION.replace("[@fixtureorg2022]", "[@fixtureorg2022; smith]"),
        [f"{P}:26:32: a citation lists 'smith': write each item as @key, e.g. [@graham2019; @smith2022]"],
    ),
    "undefined acronym": (
        MINIMAL_ACTION.replace("Slower work", "Slower XYZ work"),
        [f"{P}:27:38: warning: the acronym 'XYZ' is not in the glossary: add it to content/reference/glossary.yaml"],
    ),
    "id does not match file name": (
        MINIMAL_ACTION.replace('id: "9.9.9"', 'id: "9.9.8"'),
        [f"{P}:1:5: the action id '9.9.8' does not match its file name 9.9.9.yaml: name the file 9.9.8.yaml"],
    ),
    "unknown covenant priority": (
        MINIMAL_ACTION + "covenant_priorities: [fixture-priority-tow]\n",
        [f"{P}:39:23: unknown Police Covenant priority 'fixture-priority-tow'; did you mean 'fixture-priority-two'?"],
    ),
    "anchor": (
        MINIMAL_ACTION.replace("title: Test Action", "title: &t Test Action"),
        [f"{P}:2:8: anchors (&t) are not allowed in content: write the value out, or refer to it by key"],
    ),
    "empty file": ("", [f"{P}:1:1: the file is empty: it should hold a mapping of fields"]),
    "comments only": ("# nothing yet\n", [f"{P}:1:1: the file is empty: it should hold a mapping of fields"]),
    "not a mapping": (
        "- a\n- b\n",
        [f"{P}:1:1: the file should hold a mapping of fields (id, title, plan, detail, impacts, how_we_know, ...), not a list"],
    ),
    "two documents": (
        MINIMAL_ACTION + "---\nid: x\n",
        [f"{P}:39:1: the file holds more than one YAML document ('---'): keep one per file"],
    ),
    "python tag": (
        MINIMAL_ACTION.replace("title: Test Action", "title: !!python/object:os.system x"),
        [f"{P}:2:8: the tag tag:yaml.org,2002:python/object:os.system is not allowed in content: remove it"],
    ),
    "deep nesting": (
        MINIMAL_ACTION + "x: " + "[" * 100_000 + "]" * 100_000 + "\n",
        [f"{P}:39:67: the content is nested too deeply (more than 64 levels)"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_problem_is_reported_exactly(case, write, nvap):
    text, expected = CASES[case]
    write("actions/9.9.9.yaml", text)
    result = nvap("validate", P)
    shown = lines(result)
    assert shown[:-1] == expected, result.output
    errors = sum(": warning: " not in line for line in expected)
    assert result.exit_code == (1 if errors else 0)
    assert "Traceback" not in result.output


def test_all_problems_of_all_files_in_one_run(write, nvap):
    write("actions/9.9.9.yaml", MINIMAL_ACTION.replace("detail:", "detial:"))
    write(
        "actions/9.9.8.yaml",
        MINIMAL_ACTION.replace('id: "9.9.9"', 'id: "9.9.8"').replace("plan: nvap\n", "plan: nvap\nplan: x\n"),
    )
    result = nvap("validate")
    assert result.exit_code == 1
    shown = lines(result)
    assert shown[:-1] == [
        "content/actions/9.9.8.yaml:4:1: duplicate key 'plan' (first given on line 3): YAML would silently keep only the last one",
        f"{P}:1:1: missing required field 'detail'",
        f"{P}:4:1: unknown field 'detial'; did you mean 'detail'?",
    ]
    assert re.fullmatch(r"\d+ files checked: 3 errors, 0 warnings", shown[-1])


def test_duplicate_ids(write, nvap):
    second = MINIMAL_ACTION.split("perennial_challenges:")[0].split("objectives:\n", 1)[1]
    write("actions/9.9.9.yaml", MINIMAL_ACTION.replace("perennial_challenges:", second + "perennial_challenges:"))
    result = nvap("validate", P)
    assert lines(result)[:-1] == [
        f"{P}:31:9: duplicate objective id 'first' (also objective 1)",
        f"{P}:45:13: duplicate activity id 'write-tests'",
    ]
    assert result.exit_code == 1


def test_uncited_reference_is_a_warning_and_strict_makes_it_fatal(content, nvap):
    bib = content / "reference" / "bibliography.yaml"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "  unused2020:\n    type: book\n    author: [{literal: Nobody}]\n    year: 2020\n    title: Unused\n",
        encoding="utf-8",
    )
    line = len(bib.read_text(encoding="utf-8").splitlines()) - 4
    result = nvap("validate")
    assert lines(result)[:-1] == [
        f"content/reference/bibliography.yaml:{line}:3: warning: the reference 'unused2020' is cited by no document"
    ]
    assert result.exit_code == 0
    strict = nvap("validate", "--strict")
    assert strict.exit_code == 1
    assert lines(strict)[-1].endswith("0 errors, 1 warning (--strict: warnings are errors)")


def test_unknown_glossary_term_in_annex(content, nvap):
    report = content / "covenant" / "2024" / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("    - FXB\n", "    - FXBX\n", 1), encoding="utf-8")
    result = nvap("validate")
    assert "content/covenant/2024/report.yaml:109:7: unknown glossary term 'FXBX'; did you mean 'FXB'?" in lines(result)
    assert result.exit_code == 1


def test_duplicate_force_name(content, nvap):
    forces = content / "reference" / "forces.yaml"
    text = forces.read_text(encoding="utf-8")
    forces.write_text(text.replace("short_name: Suffolk", "short_name: Norfolk", 1), encoding="utf-8")
    result = nvap("validate")
    assert (
        "content/reference/forces.yaml:61:17: 'Norfolk' also names the force 'norfolk-constabulary': a name must find one force"
        in lines(result)
    )


def test_non_utf8_file(content, nvap):
    (content / "actions" / "9.9.9.yaml").write_bytes(b"id: '9.9.9'\ntitle: caf\xe9\n")
    result = nvap("validate", P)
    assert lines(result)[0] == f"{P}:2:11: the file is not UTF-8 text (byte 0xe9 cannot be read): save it as UTF-8"
    assert result.exit_code == 1


def test_huge_file_is_refused_quickly(content, nvap):
    path = content / "actions" / "9.9.9.yaml"
    with path.open("w") as fh:
        fh.write("id: x\nnote: " + "a" * (5 * 1024 * 1024) + "\n")
    result = nvap("validate", P)
    assert lines(result)[0] == f"{P}:1:1: the file is too large (5.0 MB; content files may be at most 4 MB)"


def test_alias_bomb_is_refused(content, nvap):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (content / "actions" / "9.9.9.yaml").write_text(bomb, encoding="utf-8")
    result = nvap("validate", P)
    assert lines(result)[0] == f"{P}:1:4: anchors (&a) are not allowed in content: write the value out, or refer to it by key"
    assert result.exit_code == 1


def test_unknown_file_kind(write, nvap):
    write("stray/notes.yaml", "a: 1\n")
    result = nvap("validate")
    assert lines(result)[0].startswith("content/stray/notes.yaml:1:1: nvap does not know what this file holds")
    assert result.exit_code == 1


def test_missing_path_is_a_usage_error(content, nvap):
    result = nvap("validate", "content/nope.yaml")
    assert result.exit_code == 2
    assert "no such file or folder: content/nope.yaml" in result.output


def test_missing_content_folder_is_a_usage_error(tmp_path, monkeypatch, nvap):
    monkeypatch.chdir(tmp_path)
    result = nvap("--content", "missing", "validate")
    assert result.exit_code == 2
    assert "no content folder at missing (use --content DIR)" in result.output


def test_an_action_has_one_title(content, nvap):
    """The programme's index and the toolkit must not name an action differently: the error names both places."""
    index = content / "nvap.yaml"
    index.write_text(
        index.read_text(encoding="utf-8").replace('  "1.1.1": Fixture Action', '  "1.1.1": Fixture Norms'), encoding="utf-8"
    )
    result = nvap("validate")
    assert result.exit_code == 1
    assert lines(result) == [
        "content/nvap.yaml:33:12: the title of action 1.1.1 here, 'Fixture Norms', differs from its toolkit's title "
        "'Fixture Action' (content/actions/1.1.1.yaml:4:8): an action has one title, so make them the same",
        "9 files checked: 1 error, 0 warnings",
    ]


def test_a_bare_address_ends_before_closing_quotes_and_brackets_of_any_script():
    from nvap_toolkit.content.inline import URL

    for text, address in [
        ("see https://example.org/a-b’s", "https://example.org/a-b"),
        ("«https://example.org/x»", "https://example.org/x"),
        ("⟦https://www.gov.uk/guidance⟧", "https://www.gov.uk/guidance"),
        ("(https://example.org/page).", "https://example.org/page"),
        ("https://example.org/path/", "https://example.org/path/"),
    ]:
        found = URL.search(text)
        assert found is not None and found.group(0) == address, text


def test_messages_name_the_reference_files_of_the_content_checked(content, nvap):
    """With --content elsewhere, the file to add a key to is that content's own, not ./content's."""
    content.rename(content.parent / "drafts")
    action = content.parent / "drafts" / "actions" / "9.9.9.yaml"
    action.write_text(
        MINIMAL_ACTION.replace("Tests are written", "XYZ tests are written [@smith2002] [link:nope]"), encoding="utf-8"
    )
    result = nvap("--content", "drafts", "validate", "drafts/actions/9.9.9.yaml")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("drafts/")] == [
        "drafts/actions/9.9.9.yaml:13:19: warning: the acronym 'XYZ' is not in the glossary: add it to drafts/reference/glossary.yaml",
        "drafts/actions/9.9.9.yaml:13:42: unknown citation key 'smith2002'; did you mean 'smith2020'? (keys are those of drafts/reference/bibliography.yaml)",
        "drafts/actions/9.9.9.yaml:13:54: unknown link 'nope' (keys are those of drafts/reference/links.yaml)",
    ]
