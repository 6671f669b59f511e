"""Hostile input: mutated content never gives a traceback, markup stays text, failures lose nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURE, copy_fixture, retitle

from nvap_toolkit.build import build
from nvap_toolkit.content.load import load_project, load_valid_project
from nvap_toolkit.errors import NvapError

ACTION = yaml.safe_load((FIXTURE / "actions" / "1.1.1.yaml").read_text(encoding="utf-8"))
LOCATED = re.compile(r"^content/actions/1\.1\.1\.yaml:[1-9]\d*:[1-9]\d*: .+")
_ROOTS: dict[str, Path] = {}


def _content_copy(factory) -> Path:  # type: ignore[no-untyped-def]
    """One copy of the content per test run; each example rewrites only the action file."""
    if "root" not in _ROOTS:
        root = factory.mktemp("hostile") / "content"
        copy_fixture(root)
        _ROOTS["root"] = root
    return _ROOTS["root"]


odd_text = st.one_of(
    st.text(min_size=0, max_size=40),
    st.sampled_from(
        ["", " ", "\u202e", "\x00", "\ufeff", "😀" * 3, "a" * 20_000, "[@", "[@]", "**", "[action:]", "[^]", "- x", "=1+1"]
    ),
)
scalars = st.one_of(odd_text, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())


def _paths(value, prefix=()):  # type: ignore[no-untyped-def]
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


PATHS = [p for p in _paths(ACTION) if p]


def _mutate(data, path, how, new):  # type: ignore[no-untyped-def]
    import copy

    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "replace":
        parent[last] = new
    elif how == "nest":
        deep = new
        for _ in range(80):
            deep = [deep]
        parent[last] = deep
    elif how == "wrap":
        parent[last] = {"unexpected": parent[last]}
    return data


@pytest.mark.slow
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), how=st.sampled_from(["delete", "replace", "nest", "wrap"]), new=scalars)
def test_mutated_action_never_tracebacks(tmp_path_factory, path, how, new):
    root = _content_copy(tmp_path_factory)
    mutated = _mutate(ACTION, path, how, new)
    text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
    (root / "actions" / "1.1.1.yaml").write_text(text, encoding="utf-8")
    import os

    cwd = os.getcwd()
    os.chdir(root.parent)
    try:
        project = load_project(Path(root.name))
        for issue in project.issues:
            assert issue.line >= 1 and issue.col >= 1
            assert issue.message and "Traceback" not in issue.message
        if not project.errors:
            # Valid after all (odd but allowed text): it must build in every format.
            build(project, ["1.1.1"], [], tmp_path_factory.mktemp("out"))
        else:
            shown = [str(i) for i in project.errors if i.path.endswith("1.1.1.yaml")]
            assert shown and all(LOCATED.match(line) for line in shown), shown
    finally:
        os.chdir(cwd)


@settings(max_examples=40, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_random_bytes_never_traceback(tmp_path_factory, raw):
    root = _content_copy(tmp_path_factory)
    (root / "actions" / "1.1.1.yaml").write_bytes(raw)
    project = load_project(root)
    assert project.errors, "random bytes are never a valid toolkit"


HOSTILE = "<script>alert(1)</script> &amp; *not em* _x_ | # [link](http://evil) `code`"


@pytest.fixture
def hostile_project(content):
    retitle(content, f"'=HYPERLINK(\"http://evil\") {HOSTILE}'")
    action = content / "actions" / "1.1.1.yaml"
    text = action.read_text(encoding="utf-8")
    text = text.replace("    short_name: Objective One", "    short_name: '- # =1+2 <b>bold</b>'", 1)
    action.write_text(text, encoding="utf-8")
    return load_valid_project(content)


def test_markup_and_formulas_stay_text_in_every_format(hostile_project, tmp_path):
    from markdown_it import MarkdownIt
    from openpyxl import load_workbook

    build(hostile_project, ["1.1.1"], [], tmp_path)
    page = (tmp_path / "1.1.1.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;" in page
    rendered = MarkdownIt("commonmark").enable("table").render((tmp_path / "1.1.1.md").read_text(encoding="utf-8"))
    assert "<script>" not in rendered and "<b>bold</b>" not in rendered
    assert "<em>not em</em>" not in rendered and "<code>" not in rendered
    assert 'href="http://evil"' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; *not em* _x_ | # [link](http://evil) `code`" in rendered
    wb = load_workbook(io.BytesIO((tmp_path / "1.1.1.xlsx").read_bytes()))
    cells = [
        c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells and all(c.data_type == "s" for c in cells)
    formulas = [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_a_build_that_fails_half_way_writes_nothing(content, tmp_path, monkeypatch):
    project = load_valid_project(content)
    out = tmp_path / "out"
    build(project, [], ["md", "html"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    retitle(content, "Changed")
    changed = load_valid_project(content)

    def broken(*args, **kwargs):
        raise NvapError("renderer failed")

    monkeypatch.setattr("nvap_toolkit.render.html.covenant_html", broken)
    with pytest.raises(NvapError):
        build(changed, [], ["md", "html"], out)
    # The changed toolkit was rendered and staged before the report failed: none of it shows.
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_plan_run_that_fails_leaves_filled_plans_alone(content, tmp_path):
    from nvap_toolkit.plan.write import write_plans
    from nvap_toolkit.writer import ExistsError, write_outputs

    project = load_valid_project(content)
    write_outputs(write_plans(project, tmp_path / "plans", ["Norfolk"])[0])
    plan = tmp_path / "plans" / "norfolk-constabulary-realisation-plan.xlsx"
    plan.write_bytes(plan.read_bytes() + b"force's work")
    filled = plan.read_bytes()
    with pytest.raises(ExistsError):
        write_plans(project, tmp_path / "plans", ["Suffolk", "Norfolk"])
    assert plan.read_bytes() == filled
    assert not (tmp_path / "plans" / "suffolk-constabulary-realisation-plan.xlsx").exists()
