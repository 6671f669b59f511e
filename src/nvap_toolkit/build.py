"""``nvap build``: choose documents, render every format in memory, then write.

Nothing is written if the content has errors or any rendering fails.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import UsageError
from .project import Project
from .writer import Output, Staging, WriteReport, check_out_dir

FORMATS = ("md", "html", "xlsx")


@dataclass(frozen=True)
class DocumentRef:
    """A document to build: an action's toolkit or a year's Covenant report."""

    kind: str
    key: str

    @property
    def stem(self) -> str:
        return self.key if self.kind == "toolkit" else f"covenant-{self.key}"


@dataclass
class BuildReport:
    """What a build produced."""

    documents: list[DocumentRef]
    outputs: list[Output] = field(default_factory=list)
    """The files rendered (paths only: the bytes went straight to disk)."""
    written: WriteReport = field(default_factory=WriteReport)


def select_documents(project: Project, names: list[str], everything: bool) -> list[DocumentRef]:
    """Documents named on the command line (action ids, 'covenant', 'covenant-2024'); all by default."""
    every = [DocumentRef("toolkit", a) for a in project.actions] + [DocumentRef("covenant", str(y)) for y in project.reports]
    if everything or not names:
        return every
    chosen: list[DocumentRef] = []
    for name in names:
        if name in project.actions:
            found = [DocumentRef("toolkit", name)]
        elif name == "covenant":
            found = [DocumentRef("covenant", str(y)) for y in project.reports]
        elif name.startswith("covenant-") and name.removeprefix("covenant-").isdigit() and int(name[9:]) in project.reports:
            found = [DocumentRef("covenant", name[9:])]
        else:
            known = ", ".join(d.stem for d in every) or "none"
            raise UsageError(f"no document '{name}' (known: {known}, covenant)")
        chosen.extend(d for d in found if d not in chosen)
    return chosen


def render_document(project: Project, ref: DocumentRef, formats: list[str], out: Path) -> list[Output]:
    """Render one document in each format, in memory."""
    outputs = []
    if ref.kind == "toolkit":
        action = project.actions[ref.key]
        for fmt in formats:
            if fmt == "md":
                from .render.markdown import toolkit_md

                data = toolkit_md(project, action, link_action=lambda a: f"{a}.md" if a in project.actions else None).encode()
            elif fmt == "html":
                from .render.html import toolkit_html

                data = toolkit_html(project, action).encode()
            else:
                from .render.xlsx import toolkit_xlsx

                data = toolkit_xlsx(project, action)
            outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    else:
        report = project.reports[int(ref.key)]
        for fmt in formats:
            if fmt == "md":
                from .render.markdown import covenant_md

                data = covenant_md(project, report).encode()
            elif fmt == "html":
                from .render.html import covenant_html

                data = covenant_html(project, report).encode()
            else:
                from .render.tracker import covenant_tracker_xlsx

                data = covenant_tracker_xlsx(project, report)
            outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    return outputs


def build(
    project: Project,
    names: list[str],
    formats: list[str],
    out: Path,
    everything: bool = False,
    tick: Callable[[str], None] | None = None,
) -> BuildReport:
    """Render the chosen documents and write them atomically.

    A document whose inputs are unchanged since the last build into ``out`` (per the
    manifest there) and whose files are intact is not rendered again; files whose
    bytes are unchanged are never rewritten.
    """
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    formats = [f for f in FORMATS if f in formats] if formats else list(FORMATS)
    check_out_dir(out)
    documents = select_documents(project, names, everything)
    report = BuildReport(documents=documents)
    manifest = _read_manifest(out).get("documents", {})
    shared = _shared_digest(project)
    keys = {ref.stem: _input_key(project, ref, formats, shared) for ref in documents}
    todo = []
    for ref in documents:
        if _fresh(manifest.get(ref.stem), keys[ref.stem], out):
            report.written.identical.extend(out / name for name in manifest[ref.stem]["files"])
            if tick:
                tick(ref.stem)
        else:
            todo.append(ref)
    with Staging() as staging:
        for ref, outputs in zip(todo, _render_all(project, todo, formats, out, tick)):
            for output in outputs:
                staging.add(output)
            report.outputs.extend(Output(o.path, b"") for o in outputs)
            manifest[ref.stem] = {
                "key": keys[ref.stem],
                "formats": formats,
                "files": {o.path.name: hashlib.sha256(o.data).hexdigest() for o in outputs},
            }
        body = {
            "nvap": __version__,
            "content": content_digest(project.root),
            "warnings": len(project.warnings),
            "documents": dict(sorted(manifest.items())),
        }
        staging.add(Output(out / MANIFEST, json.dumps(body, indent=1, sort_keys=True).encode() + b"\n"))
        written = staging.commit()
    hidden = {out / MANIFEST}
    report.written.created = [p for p in written.created if p not in hidden]
    report.written.updated = [p for p in written.updated if p not in hidden]
    report.written.identical.extend(p for p in written.identical if p not in hidden)
    return report


MANIFEST = ".nvap-build.json"
PARALLEL_FROM = 8
"""Render in worker processes from this many documents on: below, start-up costs more than it saves."""


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and data.get("nvap") == __version__ and isinstance(data.get("documents"), dict) else {}
    except (OSError, ValueError):
        return {}


def content_digest(root: Path) -> str:
    """A digest of every content file and template, by path and bytes."""
    from .kinds import content_files

    digest = hashlib.sha256(_templates_digest().encode())
    for path in content_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def up_to_date(root: Path, names: list[str], formats: list[str], out: Path, strict: bool = False) -> list[str] | None:
    """The documents' stems if the last build into ``out`` used exactly this content and its files are intact.

    Lets a rebuild with nothing changed skip reading the content at all (like make).
    None means: build as usual.
    """
    manifest = _read_manifest(out)
    if not manifest or manifest.get("content") != content_digest(root) or (strict and manifest.get("warnings")):
        return None
    documents = manifest["documents"]
    stems = names or _all_stems(root)
    formats = [f for f in FORMATS if f in formats] if formats else list(FORMATS)
    for stem in stems:
        entry = documents.get(stem) or (documents.get(f"covenant-{stem}") if stem.isdigit() else None)
        if not isinstance(entry, dict) or entry.get("formats") != formats or not _fresh(entry, entry.get("key"), out):
            return None
    return stems


def _all_stems(root: Path) -> list[str]:
    actions = [p.stem for p in sorted((root / "actions").glob("*.yaml"))]
    reports = [f"covenant-{p.parent.name}" for p in sorted((root / "covenant").glob("*/report.yaml"))]
    return actions + reports


def _fresh(entry: Any, key: str, out: Path) -> bool:
    if not isinstance(entry, dict) or entry.get("key") != key:
        return False
    for name, digest in entry.get("files", {}).items():
        path = out / name
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                return False
        except OSError:
            return False
    return bool(entry.get("files"))


def _input_key(project: Project, ref: DocumentRef, formats: list[str], shared: str) -> str:
    """A digest of everything the document's outputs are made from (``shared``: see below)."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}|{','.join(formats)}|{ref.kind}|{ref.key}|{shared}".encode())
    if ref.kind == "toolkit":
        own = project.action_docs[ref.key]
        digest.update(own.shown.encode() + b"\0" + own.text.encode())
    else:
        # A report lists the actions related to each priority: every action file counts.
        for doc in project.action_docs.values():
            digest.update(doc.shown.encode() + b"\0" + doc.text.encode())
    return digest.hexdigest()


def _shared_digest(project: Project) -> str:
    """The templates, every file but the action files, and the actions' titles (toolkits print them)."""
    digest = hashlib.sha256(_templates_digest().encode())
    for item in project.loaded:
        if item.kind.name != "action":
            digest.update(item.doc.shown.encode() + b"\0" + item.doc.text.encode())
    digest.update(json.dumps({a: x.title for a, x in project.actions.items()}, sort_keys=True).encode())
    return digest.hexdigest()


def _templates_digest() -> str:
    from .resources import template_dirs

    digest = hashlib.sha256()
    for folder in template_dirs():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _render_all(
    project: Project, refs: list[DocumentRef], formats: list[str], out: Path, tick: Callable[[str], None] | None
) -> Iterator[list[Output]]:
    """Render documents in order; in worker processes (both cores) when there are many."""
    workers = min(cpu_count(), len(refs) // (PARALLEL_FROM // 2) or 1)
    if len(refs) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        for ref in refs:
            yield render_document(project, ref, formats, out)
            if tick:
                tick(ref.stem)
        return
    # fork: the workers inherit the validated project instead of loading the content again.
    global _WORKER_PROJECT
    _WORKER_PROJECT = project
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as pool:
            jobs = [(ref, formats, out) for ref in refs]
            for ref, outputs in zip(refs, pool.map(_render_in_worker, jobs, chunksize=4)):
                yield outputs
                if tick:
                    tick(ref.stem)
    finally:
        _WORKER_PROJECT = None


_WORKER_PROJECT: Project | None = None


def _render_in_worker(job: tuple[DocumentRef, list[str], Path]) -> list[Output]:
    assert _WORKER_PROJECT is not None
    ref, formats, out = job
    return render_document(_WORKER_PROJECT, ref, formats, out)


def cpu_count() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
