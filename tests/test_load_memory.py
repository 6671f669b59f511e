"""What reading the content keeps: a validated document's node tree goes once it is validated, and a problem
the cross-check finds in the document is placed exactly all the same (its tree is parsed again for that)."""

from __future__ import annotations

from pathlib import Path

from nvap_toolkit.content.load import load_project

TOOLKIT = "actions/1.1.1.yaml"


def test_a_validated_document_keeps_no_node_tree(content: Path) -> None:
    project = load_project(content)
    assert project.errors == []
    assert project.loaded and all(item.doc.node is None for item in project.loaded)


def test_a_problem_in_a_validated_document_is_placed_exactly(content: Path) -> None:
    path = content / TOOLKIT
    text = path.read_text(encoding="utf-8")
    # In a list in a list item: a warning (the document stays valid) on the second of two lines of a folded value.
    edited = text.replace(
        "      - Fixture situation two with FXA.\n", "      - >-\n        Fixture situation two\n        with QQZ and [@nokey].\n"
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    project = load_project(content)
    assert any(i.doc.path == path for i in project.loaded)  # valid: its problems are the cross-check's
    found = [str(i) for i in project.issues if i.path.endswith(TOOLKIT)]
    line = edited.splitlines().index("        with QQZ and [@nokey].") + 1
    assert [f.split(": ", 1)[0] for f in found] == [f"content/{TOOLKIT}:{line}:14", f"content/{TOOLKIT}:{line}:23"]
    assert "the acronym 'QQZ'" in found[0] and "unknown citation key 'nokey'" in found[1]
