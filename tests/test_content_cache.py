"""The cache of validated content, the cache folder and its pruning, and the edition check's one git call."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import nvap_toolkit
from nvap_toolkit import git
from nvap_toolkit.content import cache, digests, load
from nvap_toolkit.content.kinds import ACTION, REFERENCE, Kind
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.errors import ContentError
from nvap_toolkit.validate import validate_content

TOOLKIT = "actions/1.1.1.yaml"
IGNORED = "content/notes.md:1:1: warning: nvap ignores this file (it reads only files ending in .yaml)"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own cache folder."""
    where = tmp_path / "cache"
    monkeypatch.setenv("NVAP_CACHE_DIR", str(where))
    monkeypatch.delenv("NVAP_NO_CACHE", raising=False)
    return where


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The content folders validated (not taken from the cache), in order."""
    seen: list[Path] = []
    real = load.load_project

    def counted(root: Path, extra: list[Path] | None = None, **kwargs: Any) -> Any:
        seen.append(root)
        return real(root, extra, **kwargs)

    monkeypatch.setattr(load, "load_project", counted)
    return seen


def entries(folder: Path) -> list[str]:
    return sorted(p.suffix for p in (folder / "content").iterdir())


# -- a hit is the result of validating ---------------------------------------------------------------


def test_a_hit_returns_an_equal_project_with_the_same_warnings(content, folder, loads):
    (content / "notes.md").write_text("# notes\n", encoding="utf-8")
    first = load_valid_project(content)
    assert [str(i) for i in first.issues] == [IGNORED]
    assert entries(folder) == [".project"]
    second = load_valid_project(content)
    assert loads == [content]  # validated once
    assert second is not first and second == first
    assert [str(i) for i in second.issues] == [IGNORED]
    # The look-ups work on what came back: kinds are the very objects the project compares with `is`.
    assert second.actions["1.1.1"].title == "Fixture Action"
    assert [i.kind for i in second.loaded if i.doc.path.name == "1.1.1.yaml"] == [ACTION]
    assert second.glossary == first.glossary
    with pytest.raises(ContentError) as strict:
        load_valid_project(content, strict=True)
    assert [str(i) for i in strict.value.issues] == [IGNORED]
    assert loads == [content]


def test_a_build_from_the_cache_reads_no_yaml_and_imports_no_pydantic(content, folder, tmp_path):
    """With nothing changed, a build takes the validated content as it is: its records need no YAML library,
    no catalogue library, no Pydantic and no model (a model's class is built when its module is imported)."""
    code = (
        "import sys\n"
        "from nvap_toolkit.cli import app\n"
        f"try:\n    app(['--content', {str(content)!r}, 'build', '1.1.1', '--out', sys.argv[1]])\n"
        "except SystemExit as stop:\n    assert not stop.code, stop.code\n"
        "print('LOADED', [m for m in ('yaml', 'babel', 'pydantic', 'nvap_toolkit.models') if m in sys.modules])\n"
    )
    env = {**os.environ, "NVAP_CACHE_DIR": str(folder)}
    runs = [
        subprocess.run([sys.executable, "-c", code, str(tmp_path / out)], capture_output=True, text=True, env=env, check=True)
        for out in ("first", "second")
    ]
    assert runs[0].stdout.splitlines()[-1] == "LOADED ['yaml', 'pydantic', 'nvap_toolkit.models']"  # it validated
    assert runs[1].stdout.splitlines()[-1] == "LOADED []"
    assert sorted(p.name for p in (tmp_path / "first").iterdir()) == sorted(p.name for p in (tmp_path / "second").iterdir())
    for made in (tmp_path / "first").iterdir():
        assert made.read_bytes() == (tmp_path / "second" / made.name).read_bytes(), made.name


def test_content_with_errors_is_cached_as_its_errors(content, folder, loads):
    (content / "actions" / "9.9.9.yaml").write_text("id: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError) as failed:
            load_valid_project(content)
        assert {i.path for i in failed.value.issues if i.is_error} == {"content/actions/9.9.9.yaml"}
    assert loads == [content]


def test_validate_hit_reports_the_same(content, folder, loads, nvap):
    (content / "notes.md").write_text("# notes\n", encoding="utf-8")
    for _ in range(2):
        result = nvap("validate")
        assert result.output.splitlines() == [IGNORED, "9 files checked: 0 errors, 1 warning"]
    assert len(loads) == 1
    assert entries(folder) == [".project", ".validate"]
    assert load_valid_project(Path.cwd() / "content").issues[0].message.startswith("nvap ignores this file")
    assert len(loads) == 1  # validate left the project for a build


# -- what makes it miss ------------------------------------------------------------------------------------


def _comment(content: Path, tmp_path: Path) -> None:
    path = content / TOOLKIT
    path.write_bytes(path.read_bytes() + b"# a comment changes no model\n")


def _template(content: Path, tmp_path: Path) -> None:
    (tmp_path / "templates" / "md").mkdir(parents=True)
    (tmp_path / "templates" / "md" / "note.md.j2").write_text("x\n", encoding="utf-8")


def _other_file(content: Path, tmp_path: Path) -> None:
    (content / "notes.md").write_text("# notes\n", encoding="utf-8")


def _catalogue(content: Path, tmp_path: Path) -> None:
    (content / "translations" / "cy").mkdir(parents=True, exist_ok=True)
    (content / "translations" / "cy" / "x.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")


@pytest.mark.parametrize("change", [_comment, _template, _other_file, _catalogue])
def test_any_byte_of_content_or_templates_misses(content, folder, loads, tmp_path, change):
    load_valid_project(content)
    change(content, tmp_path)
    load_valid_project(content)
    load_valid_project(content)
    # A second entry, written by the second load and read by the third. (A comment or a template
    # changes no file's data: the content is then not validated again, see below.)
    assert entries(folder) == [".project", ".project"]
    assert loads == [content, content] if change in (_other_file, _catalogue) else loads == [content]


def test_another_nvap_version_misses(content, folder, loads, monkeypatch):
    load_valid_project(content)
    monkeypatch.setattr(nvap_toolkit, "__version__", "0.0.1")
    load_valid_project(content)
    assert loads == [content, content]


def test_an_edited_nvap_module_misses(content, folder, loads, tmp_path, monkeypatch):
    # A checkout being worked on is another nvap: its edited code may validate otherwise.
    package = tmp_path / "nvap_toolkit"
    (package / "content").mkdir(parents=True)
    (package / "errors.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(digests, "__file__", str(package / "content" / "digests.py"))
    digests._code_digest.cache_clear()
    load_valid_project(content)
    load_valid_project(content)
    (package / "errors.py").write_text("# edited\n", encoding="utf-8")
    digests._code_digest.cache_clear()  # the next nvap run: a new process (one runs the code it imported)
    load_valid_project(content)
    assert loads == [content, content]


def test_the_cache_can_be_turned_off(content, folder, loads, monkeypatch):
    monkeypatch.setenv("NVAP_NO_CACHE", "1")
    load_valid_project(content)
    load_valid_project(content)
    monkeypatch.delenv("NVAP_NO_CACHE")
    monkeypatch.setenv("NVAP_CACHE_DIR", "")
    load_valid_project(content)
    assert loads == [content, content, content]
    assert not folder.exists()


# -- entries that cannot be trusted ------------------------------------------------------------------------


def _framed(payload: bytes) -> bytes:
    import hashlib

    return cache.MAGIC + hashlib.sha256(payload).digest() + payload


CORRUPTIONS = {
    "cut short": lambda raw, _key: raw[: len(raw) // 2],
    "a byte flipped": lambda raw, _key: raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
    "empty": lambda _raw, _key: b"",
    "another format": lambda raw, _key: raw.replace(cache.MAGIC, b"nvap content cache 0\n", 1),
    "not a pickle": lambda _raw, _key: _framed(b"not a pickle at all"),
    "a pickle of a class that is gone": lambda _raw, _key: _framed(b"cnvap_toolkit.gone\nGone\n."),
    "another key's entry": lambda _raw, _key: _framed(pickle.dumps({"key": "0" * 64, "part": "project", "issues": []})),
    "a project that does not unpickle": lambda _raw, key: _framed(
        pickle.dumps({"key": key, "part": "project", "issues": [], "project": b"\x80\x04junk"})
    ),
    "issues that are not issues": lambda _raw, key: _framed(
        pickle.dumps({"key": key, "part": "project", "issues": ["oops"], "project": None})
    ),
}


@pytest.mark.parametrize("damage", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_entry_is_ignored_and_written_again(content, folder, loads, damage):
    first = load_valid_project(content)
    (entry,) = (folder / "content").iterdir()
    entry.write_bytes(damage(entry.read_bytes(), entry.stem))
    assert load_valid_project(content) == first
    assert len(loads) == 2
    assert load_valid_project(content) == first  # written again, and read
    assert len(loads) == 2


def test_an_unreadable_entry_is_ignored(content, folder, loads):
    first = load_valid_project(content)
    (entry,) = (folder / "content").iterdir()
    entry.unlink()
    entry.mkdir()  # reading it fails, and so does replacing it
    assert load_valid_project(content) == first
    assert load_valid_project(content) == first
    assert len(loads) == 3


def test_the_cache_does_not_depend_on_how_kinds_pickle(content, folder, monkeypatch):
    project = load_valid_project(content)

    def refuse(self: Kind) -> Any:
        raise TypeError("kinds are not pickled")

    monkeypatch.setattr(Kind, "__reduce__", refuse)
    project.derived[("a form",)] = lambda: None  # worked out later, and not picklable: not kept
    key = cache.inputs(content).project_key
    cache.write_project(key, project)
    found = cache.read_project(key)
    assert found is not None
    issues, back = found
    assert back == project and issues == []
    assert back is not None and back.derived == {}
    assert next(i.kind for i in back.loaded if i.doc.path.name == "peel.yaml") is REFERENCE["peel"]


def test_an_entry_of_the_format_before_is_not_read(content, folder):
    # Format 1 held the project as pickled bytes within the pickled entry: an entry of it is not this format's.
    import hashlib

    project = load_valid_project(content)
    key = cache.inputs(content).project_key
    inner = pickle.dumps(cache.pack(project), protocol=pickle.HIGHEST_PROTOCOL)
    payload = pickle.dumps({"key": key, "part": "project", "issues": [], "project": inner})
    (folder / "content" / f"{key}.project").write_bytes(b"nvap content cache 1\n" + hashlib.sha256(payload).digest() + payload)
    assert cache.read(key, "project") is None
    assert cache.read_project(key) is None


def test_an_entry_is_written_without_its_bytes_held_in_memory(content, folder):
    # The pickle goes to the file as it is made: writing a large entry needs far less memory than its size.
    import tracemalloc

    big = {"issues": [], "blocks": [os.urandom(64 * 1024).hex() for _ in range(64)]}  # 8 MB of text
    tracemalloc.start()
    try:
        cache.write("0" * 64, "validate", big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = (folder / "content" / f"{'0' * 64}.validate").stat().st_size
    assert size > 8_000_000
    assert peak < size / 4
    assert cache.read("0" * 64, "validate") == {**big, "key": "0" * 64, "part": "validate"}


# -- the folder and its bounds -------------------------------------------------------------------------------


def test_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("NVAP_NO_CACHE", raising=False)
    monkeypatch.delenv("NVAP_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "nvap"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "nvap"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "nvap"
    monkeypatch.setenv("NVAP_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("NVAP_NO_CACHE", "0")
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("NVAP_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_the_tests_keep_out_of_the_developers_cache():
    assert Path(os.environ["NVAP_CACHE_DIR"]).name.startswith("nvap-test-cache-")


def _aged(folder: Path, names: list[str], size: int = 10) -> None:
    """Files made in order, a second apart (the first the least recently used)."""
    folder.mkdir(parents=True, exist_ok=True)
    start = time.time() - 10_000
    for i, name in enumerate(names):
        (folder / name).write_bytes(b"x" * size)
        os.utime(folder / name, (start + i, start + i))


def test_pruning_keeps_the_most_recently_used(tmp_path):
    where = tmp_path / "c"
    _aged(where, [f"{i:02}.project" for i in range(40)] + [".tmp-killed"])
    (where / ".tmp-writing").write_bytes(b"")  # another process's write, now
    cache.touch(where / "03.project")  # used a moment ago
    cache.prune(where, keep=32, max_bytes=10_000)
    kept = sorted(p.name for p in where.iterdir())
    assert kept == [".tmp-writing", "03.project"] + [f"{i:02}.project" for i in range(9, 40)]
    cache.prune(where, keep=32, max_bytes=55)  # five files of ten bytes
    assert sorted(p.name for p in where.iterdir()) == [
        ".tmp-writing",
        "03.project",
        "36.project",
        "37.project",
        "38.project",
        "39.project",
    ]


def test_writing_an_entry_prunes_the_folder(content, folder, monkeypatch, loads):
    monkeypatch.setattr(cache, "CONTENT_ENTRIES", 5)
    load_valid_project(content)
    (used,) = (folder / "content").iterdir()
    os.utime(used, (time.time() - 20_000, time.time() - 20_000))  # made long ago ...
    _aged(folder / "content", [f"{i:02}.validate" for i in range(40)])
    load_valid_project(content)  # ... and used now
    (content / "notes.md").write_text("# notes\n", encoding="utf-8")
    load_valid_project(content)  # another entry written: the folder pruned
    names = sorted(p.name for p in (folder / "content").iterdir())
    assert [n for n in names if n.endswith(".validate")] == ["37.validate", "38.validate", "39.validate"]
    assert used.name in names and len(names) == 5
    assert len(loads) == 2


@pytest.fixture
def fresh_environments():
    from nvap_toolkit.render import env

    env._environment.cache_clear()
    yield env
    env._environment.cache_clear()


def test_compiled_templates_live_in_the_cache_folder_pruned(folder, fresh_environments, monkeypatch):
    fresh_environments.environment("md").get_template("md/toolkit.md.j2")
    (compiled,) = (folder / "jinja").iterdir()
    os.utime(compiled, (time.time() - 20_000, time.time() - 20_000))  # compiled long ago ...
    _aged(folder / "jinja", [f"__nvap_md_finalize_{i:03}.cache" for i in range(100)])
    fresh_environments._environment.cache_clear()
    fresh_environments.environment("md").get_template("md/toolkit.md.j2")  # ... and used now
    monkeypatch.setattr(fresh_environments, "JINJA_FILES", 50)
    fresh_environments._environment.cache_clear()
    fresh_environments.environment("md")  # the folder pruned as an environment is made
    names = {p.name for p in (folder / "jinja").iterdir()}
    assert names == {compiled.name} | {f"__nvap_md_finalize_{i:03}.cache" for i in range(51, 100)}


def test_compiled_templates_are_not_kept_with_the_cache_off(tmp_path, fresh_environments, monkeypatch):
    monkeypatch.setenv("NVAP_NO_CACHE", "1")
    assert fresh_environments.environment("md").bytecode_cache is None


# -- the edition check asks git once ------------------------------------------------------------------------


_run = subprocess.run
"""Not the one the tests count."""


def run_git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    _run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(content: Path) -> Path:
    run_git(content.parent, "init", "-q", "-b", "main")
    run_git(content.parent, "add", "content")
    run_git(content.parent, "commit", "-q", "-m", "edition 1")
    return content.parent


@pytest.fixture
def git_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    real = subprocess.run

    def counted(args: list[str], **kwargs: Any) -> Any:
        if args[0] == "git":
            calls.append(args)
        return real(args, **kwargs)

    monkeypatch.setattr(git.subprocess, "run", counted)
    return calls


def reworded(repo: Path) -> None:
    path = repo / "content" / TOOLKIT
    text = path.read_text(encoding="utf-8")
    assert "what_we_mean: Fixture meaning of objective one\n" in text
    path.write_text(text.replace("Fixture meaning of objective one", "Fixture sense of objective one"), encoding="utf-8")


def test_unchanged_documents_are_not_read_again(repo, folder, git_calls, monkeypatch):
    from nvap_toolkit.content import loader

    validate_content(repo / "content", [])  # the content validated and cached
    git_calls.clear()

    def refuse(*args: Any) -> Any:
        raise AssertionError("a document whose blob is committed was parsed again")

    monkeypatch.setattr(loader, "read_text", refuse)
    report = validate_content(repo / "content", [])
    assert report.shown == []
    assert [c[3:] for c in git_calls] == [["cat-file", "--batch"]]


def test_git_is_asked_once_and_head_is_never_cached(repo, folder, git_calls, loads):
    warning = (
        "content/actions/1.1.1.yaml:6:1: warning: the content differs from edition 1 as last committed, "
        "and no change note says why: add one under edition.changes (with a new version or date)"
    )
    path = repo / "content" / TOOLKIT
    committed = path.read_bytes()
    reworded(repo)
    first = validate_content(repo / "content", [])
    assert [str(i) for i in first.shown] == [warning]
    assert len(git_calls) == 1
    run_git(repo, "commit", "-q", "-am", "the change, committed")
    second = validate_content(repo / "content", [])  # the same bytes: from the cache, checked against the new HEAD
    assert second.shown == []
    assert len(git_calls) == 2
    changed = path.read_bytes()
    path.write_bytes(committed)
    run_git(repo, "commit", "-q", "-am", "the change undone")
    path.write_bytes(changed)
    third = validate_content(repo / "content", [])  # the bytes of the first run again, and HEAD differs from them
    assert [str(i) for i in third.shown] == [warning]
    assert len(git_calls) == 3 and len(loads) == 1


def test_outside_a_repository_the_check_is_quiet(content, folder, git_calls):
    reworded(content.parent)
    assert validate_content(content, []).shown == []
    assert len(git_calls) == 1


def test_committed_reads_each_file_at_head(repo):
    (repo / "content" / "a b.yaml").write_bytes(b"a\n")
    run_git(repo, "add", "content")
    run_git(repo, "commit", "-q", "-m", "a file with a space")
    found = git.committed(repo / "content", ["a b.yaml", "new.yaml", "actions", "../outside.yaml", "a b.yaml"])
    assert found == {"a b.yaml": git.Blob("78981922613b2afb6025042ff6bd878ac1994e85", b"a\n")}
    assert git.blob_id(b"a\n", "0" * 40) == "78981922613b2afb6025042ff6bd878ac1994e85"
    assert git.committed(repo.parent, ["content/a b.yaml"]) == {}  # no repository there


# -- an edit validates what it changed -------------------------------------------------------------------

REPORT = "covenant/2024/report.yaml"


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files validated into their models, in order."""
    from nvap_toolkit.content import validate

    seen: list[str] = []
    real = validate.validate_document

    def counted(doc: Any, model: Any) -> Any:
        seen.append(doc.path.name)
        return real(doc, model)

    monkeypatch.setattr(validate, "validate_document", counted)
    return seen


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed by the YAML reader as they were read, in order (not again to place a problem)."""
    from nvap_toolkit.content import loader

    seen: list[str] = []
    real = loader._parse

    def counted(doc: Any) -> Any:
        seen.append(doc.path.name)
        return real(doc)

    monkeypatch.setattr(loader, "_parse", counted)
    return seen


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_comment_added_to_a_file_validates_nothing_again(content, folder, loads, validated):
    first = load_valid_project(content)
    assert len(validated) == 9  # every file of the fixture content once
    report = content / REPORT
    report.write_text(report.read_text(encoding="utf-8") + "# edit 1\n", encoding="utf-8")
    second = load_valid_project(content)
    assert loads == [content] and len(validated) == 9
    assert second.issues == first.issues and second.reports == first.reports and second.actions == first.actions
    # What the build keys its documents by is the file as it is now.
    (doc,) = [i.doc for i in second.loaded if i.doc.path == report]
    assert doc.text.endswith("# edit 1\n")
    # A second edit starts from the first.
    report.write_text(report.read_text(encoding="utf-8") + "# edit 2\n", encoding="utf-8")
    assert load_valid_project(content).reports == first.reports
    assert loads == [content] and len(validated) == 9


def test_an_edited_file_is_validated_alone_and_the_whole_cross_checked(content, folder, loads, validated, parsed):
    load_valid_project(content)
    assert len(parsed) == 9
    del validated[:], parsed[:]
    # The report no longer has the priority the action names: an error in the action's file, which did not change.
    _replace(content / REPORT, "- id: fixture-priority-two", "- id: fixture-priority-2")
    with pytest.raises(ContentError) as failed:
        load_valid_project(content)
    assert validated == ["report.yaml"]
    assert parsed == ["report.yaml"]  # once; the files as they were are not parsed again (their data is kept)
    action = (content / TOOLKIT).read_text(encoding="utf-8").splitlines()
    line = action.index("  - fixture-priority-two") + 1
    (issue,) = failed.value.issues
    assert str(issue).startswith(f"content/{TOOLKIT}:{line}:5: unknown Police Covenant priority 'fixture-priority-two'")
    # Put back: the content of the first load, taken from its entry.
    _replace(content / REPORT, "- id: fixture-priority-2", "- id: fixture-priority-two")
    assert load_valid_project(content).issues == []
    assert validated == ["report.yaml"]
    # Edited again (its words): the report alone is read again, against the last clean content, and not validated:
    # a text edited into another valid text is put in place (records.edited).
    _replace(content / REPORT, "Fixture front matter line.", "Fixture front matter line, edited.")
    assert load_valid_project(content).issues == []
    assert validated == ["report.yaml"]
    assert parsed == ["report.yaml"] * 2  # put back, the content was the first load's: taken whole from its entry


def test_a_comment_above_a_warning_moves_the_warning(content, folder, loads):
    report = content / REPORT
    _replace(report, "Fixture front matter line.", "Fixture front matter line of the QZX.")
    written = "  - Fixture front matter line of the QZX."
    line, col = report.read_text(encoding="utf-8").splitlines().index(written) + 1, written.index("QZX") + 1
    warning = "the acronym 'QZX' is not in the glossary: add it to content/reference/glossary.yaml"
    assert [str(i) for i in load_valid_project(content).issues] == [f"content/{REPORT}:{line}:{col}: warning: {warning}"]
    report.write_text("# a comment on top\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    assert [str(i) for i in load_valid_project(content).issues] == [f"content/{REPORT}:{line + 1}:{col}: warning: {warning}"]


def test_validating_an_edited_report_builds_the_report_models_alone(content, folder):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from nvap_toolkit.content.load import load_valid_project\n"
        "load_valid_project(Path(sys.argv[1]))\n"
        "print(sorted(m for m in sys.modules if m.startswith('nvap_toolkit.models.')))\n"
    )
    env = {**os.environ, "NVAP_CACHE_DIR": str(folder)}
    first = subprocess.run([sys.executable, "-c", code, str(content)], capture_output=True, text=True, env=env, check=True)
    every = "['nvap_toolkit.models.action', 'nvap_toolkit.models.common', 'nvap_toolkit.models.covenant', "
    assert first.stdout.strip() == every + "'nvap_toolkit.models.programme', 'nvap_toolkit.models.reference']"
    _replace(content / REPORT, "    status: completed", "    status: new")  # not free text: validated
    again = subprocess.run([sys.executable, "-c", code, str(content)], capture_output=True, text=True, env=env, check=True)
    assert again.stdout.strip() == "['nvap_toolkit.models.common', 'nvap_toolkit.models.covenant']"


def test_validate_after_an_edit_reads_and_validates_the_edited_file_alone(content, folder, nvap, validated, parsed, monkeypatch):
    assert nvap("validate").output.splitlines() == ["9 files checked: no problems"]
    del validated[:], parsed[:]
    _replace(content / REPORT, "- id: fixture-priority-two", "- id: fixture-priority-2")
    action = (content / TOOLKIT).read_text(encoding="utf-8").splitlines()
    line = action.index("  - fixture-priority-two") + 1
    result = nvap("validate")
    assert validated == ["report.yaml"] and parsed == ["report.yaml"]
    problem = f"content/{TOOLKIT}:{line}:5: unknown Police Covenant priority 'fixture-priority-two'"
    assert result.output.splitlines()[0].startswith(problem)
    assert result.output.splitlines()[-1] == "9 files checked: 1 error, 0 warnings"
    # What validating everything anew reports.
    monkeypatch.setenv("NVAP_NO_CACHE", "1")
    assert nvap("validate").output == result.output
