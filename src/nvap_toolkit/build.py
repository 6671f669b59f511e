"""``nvap build``: choose documents, render every format in memory; the outputs go to ``writer.write_outputs``.

Nothing is written if the content has errors or any rendering fails.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, clock, document, manifest
from .content.digests import templates_digest
from .content.project import Project
from .document import DocumentRef, EarlierPdf, Rendered
from .errors import UsageError
from .formats import BUILD
from .writer import Output, WriteReport, check_out_dir, claim_folder, remove_stale_temporaries, write_outputs

if TYPE_CHECKING:
    from .i18n.apply import Fallbacks


@dataclass
class BuildReport:
    """What a build produced."""

    documents: list[DocumentRef]
    outputs: list[Output] = field(default_factory=list)
    """The files rendered (paths only: the bytes went straight to disk)."""
    written: WriteReport = field(default_factory=WriteReport)
    fallbacks: list[Fallbacks] = field(default_factory=list)
    """Of a build in another language (--lang cy): what each catalogue it used left in English."""


@dataclass
class Build:
    """A build about to be written: its documents, and its outputs as they are rendered (for ``writer.write_outputs``)."""

    documents: list[DocumentRef]
    outputs: Iterator[Output]
    """Every file, rendered as it is asked for: the documents not up to date, the index, then the manifest."""
    out: Path
    fallbacks: list[Fallbacks] = field(default_factory=list)
    fresh: list[Path] = field(default_factory=list)
    """The files of the documents found up to date, not rendered again (known once ``outputs`` is consumed)."""
    rendered: list[Output] = field(default_factory=list)
    """The files rendered (paths only: the bytes went to the writer)."""

    def report(self, written: WriteReport) -> BuildReport:
        """The build's report, from what the writer did with ``outputs`` (the manifest not counted)."""
        hidden = (self.out / manifest.MANIFEST).resolve()
        shown = WriteReport(dry_run=written.dry_run)
        shown.identical.extend(self.fresh)
        shown.planned.extend(("identical", p) for p in self.fresh)
        shown.created.extend(p for p in written.created if p.resolve() != hidden)
        shown.updated.extend(p for p in written.updated if p.resolve() != hidden)
        shown.identical.extend(p for p in written.identical if p.resolve() != hidden)
        shown.planned.extend((a, p) for a, p in written.planned if p.resolve() != hidden)
        return BuildReport(documents=self.documents, outputs=self.rendered, written=shown, fallbacks=self.fallbacks)


def select_documents(project: Project, names: list[str], *, everything: bool = False) -> list[DocumentRef]:
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


def build(
    project: Project,
    names: list[str],
    formats: list[str],
    out: Path,
    *,
    everything: bool = False,
    tick: Callable[[str], None] | None = None,
    langs: list[str] | None = None,
    dry_run: bool = False,
) -> BuildReport:
    """Render the chosen documents and write them all at once (``prepare_build``, then ``writer.write_outputs``)."""
    planned = prepare_build(project, names, formats, out, everything=everything, tick=tick, langs=langs, dry_run=dry_run)
    return planned.report(write_outputs(planned.outputs, dry_run=dry_run))


def prepare_build(
    project: Project,
    names: list[str],
    formats: list[str],
    out: Path,
    *,
    everything: bool = False,
    tick: Callable[[str], None] | None = None,
    langs: list[str] | None = None,
    dry_run: bool = False,
) -> Build:
    """The build of the chosen documents, its outputs rendered as the writer takes them.

    A document whose inputs are unchanged since the last build into ``out`` (per the
    manifest there) and whose files are intact is not rendered again; the writer
    leaves files whose bytes are unchanged alone. Temporary files that a killed build
    left in ``out`` are removed first (not in a ``dry_run``, which changes nothing).
    """
    formats = BUILD.chosen(formats)
    check_out_dir(out)
    documents = select_documents(project, names, everything=everything)
    # --lang: each document in each language (English as ever; another from its catalogues).
    langs = langs or ["en"]
    documents = [DocumentRef(d.kind, d.key, lang) for d in documents for lang in langs]
    # Before anything is written: a broken catalogue stops the build.
    projects, fallbacks = _translations(project, documents)
    planned = Build(documents=documents, outputs=iter(()), out=out, fallbacks=fallbacks)
    planned.outputs = _outputs(projects, planned, formats, tick, dry_run=dry_run)
    return planned


def _translations(project: Project, documents: list[DocumentRef]) -> tuple[dict[str, Project], list[Fallbacks]]:
    """The content in each language of ``documents`` (English under ``en``), translated once and handed to the
    renderers; what each translation leaves in English."""
    projects: dict[str, Project] = {"en": project}
    found: list[Fallbacks] = []
    for lang in dict.fromkeys(d.lang for d in documents if d.lang != "en"):
        from .i18n.apply import fallbacks_of, translated  # the catalogues' libraries, for a translation only

        made = projects[lang] = translated(project, lang)
        found.extend(fallbacks_of(made, [DocumentRef(d.kind, d.key).stem for d in documents if d.lang == lang]))
    return projects, found


def _outputs(
    projects: dict[str, Project], planned: Build, formats: list[str], tick: Callable[[str], None] | None, *, dry_run: bool
) -> Generator[Output, None, None]:
    """Every output of the build (from ``projects``: the content in each of its languages), rendered as it is asked
    for; the manifest last."""
    out, documents = planned.out, planned.documents
    project = projects["en"]
    if not dry_run:
        with claim_folder(out) as sole:  # the writer claims it again while it stages
            if sole:
                every = select_documents(project, [], everything=True)
                remove_stale_temporaries(
                    out, manifest.output_names(manifest.language_stems([d.stem for d in every], project.root))
                )
    entries = manifest.read_manifest(out).get("documents", {})
    shared = _shared_digest(project)
    keys = {ref.stem: _input_key(project, ref, formats, shared) for ref in documents}
    todo = []
    for ref in documents:
        if manifest.fresh(entries.get(ref.stem), keys[ref.stem], out):
            planned.fresh.extend(out / name for name in entries[ref.stem]["files"])
            if tick:
                tick(ref.stem)
        else:
            todo.append(ref)
    earlier = {ref.stem: found for ref in todo if "pdf" in formats and (found := _earlier_pdf(entries.get(ref.stem), ref, out))}
    # What exists now (modules, the content) lives to the end: frozen, the garbage
    # collector skips it (it spent a tenth of a build walking it again and again).
    gc.freeze()
    rendered = _render_all(projects, todo, formats, out, earlier, tick)
    try:
        for ref, done in rendered:
            yield from done.outputs
            planned.rendered.extend(Output(o.path, b"") for o in done.outputs)
            entries[ref.stem] = {
                "key": keys[ref.stem],
                "formats": formats,
                "files": {o.path.name: hashlib.sha256(o.data).hexdigest() for o in done.outputs},
            }
            if done.pdf_key is not None:
                entries[ref.stem]["pdf"] = done.pdf_key
    finally:
        rendered.close()  # now, not when collected: it stops the workers
        gc.unfreeze()
    if len(documents) > 1:
        # The index lists what is in the folder: this build's formats, and those an earlier build left there.
        present = {ref.stem: [f for f in BUILD.names if f in formats or (out / f"{ref.stem}.{f}").is_file()] for ref in documents}
        yield from index_outputs(projects, documents, present, out)
    yield Output(out / manifest.MANIFEST, manifest.manifest_bytes(project.root, len(project.warnings), entries))


def _earlier_pdf(entry: Any, ref: DocumentRef, out: Path) -> EarlierPdf | None:
    """The document's PDF in ``out`` as the last build wrote it (its bytes unchanged since), with the key of its page."""
    name = f"{ref.stem}.pdf"
    if not isinstance(entry, dict) or not isinstance(entry.get("pdf"), str) or name not in entry.get("files", {}):
        return None
    try:
        data = (out / name).read_bytes()
    except OSError:
        return None
    return EarlierPdf(entry["pdf"], data) if hashlib.sha256(data).hexdigest() == entry["files"][name] else None


def index_outputs(
    projects: dict[str, Project], documents: list[DocumentRef], formats: list[str] | dict[str, list[str]], out: Path
) -> list[Output]:
    """index.html and index.md: every document built, its edition, and a link to each format (each document's own, by stem).

    ``projects``: the content in each language of ``documents`` (English under ``en``)."""
    from .render.index import index_html, index_md, index_view

    view = index_view(projects, [(d.kind, d.key, d.lang) for d in documents], formats)
    return [Output(out / manifest.INDEX[0], index_html(view).encode()), Output(out / manifest.INDEX[1], index_md(view).encode())]


PARALLEL_FROM = 24
"""Render in worker processes from this many documents on, given a second core. A spawned worker
starts in about half a second (it imports the libraries and gets the project): on two cores a
build of 10 actions took 1.5x as long in workers as here, of 30 about as long, of 100 0.75x."""
WORKER_TIMEOUT = 300.0
"""Seconds a worker may take over one document (its first includes its start-up) before the build stops."""


def _input_key(project: Project, ref: DocumentRef, formats: list[str], shared: str) -> str:
    """A digest of everything the document's outputs are made from (``shared``: see below)."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}|{','.join(formats)}|{ref.kind}|{ref.key}|{clock.setting()}|{shared}".encode())
    if ref.lang != "en":  # a translated document is made from its language's catalogues too
        digest.update(f"|{ref.lang}|{manifest.catalogues_digest(project.root, ref.lang)}".encode())
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
    digest = hashlib.sha256(templates_digest().encode())
    for item in project.loaded:
        if item.kind.name != "action":
            digest.update(item.doc.shown.encode() + b"\0" + item.doc.text.encode())
    digest.update(json.dumps({a: x.title for a, x in project.actions.items()}, sort_keys=True).encode())
    return digest.hexdigest()


def _render_all(
    projects: dict[str, Project],
    refs: list[DocumentRef],
    formats: list[str],
    out: Path,
    earlier: dict[str, EarlierPdf],
    tick: Callable[[str], None] | None,
) -> Generator[tuple[DocumentRef, Rendered], None, None]:
    """Render documents in order: here, or in worker processes (every core) when there are many.

    Closing the generator early (Ctrl-C, a failure) stops the workers at once.
    """
    from .workers import cores, in_workers

    workers = min(cores(), len(refs) // (PARALLEL_FROM // 2))
    if len(refs) < PARALLEL_FROM or workers < 2:
        for ref in refs:
            yield ref, document.render_document(projects[ref.lang], ref, formats, out, earlier=earlier.get(ref.stem))
            if tick:
                tick(ref.stem)
        return
    import pickle
    import tempfile

    # The workers are spawned (not forked): each reads the validated content (in each language), pickled once here into a
    # temporary file (streamed, and given to each worker by its name: the bytes are never copied into
    # the workers' start-up data, which held a copy per worker at once in this process).
    with tempfile.TemporaryDirectory(prefix="nvap-workers-") as folder:
        shared = Path(folder, "project.pickle")
        with shared.open("wb") as file:
            pickle.dump(projects, file, protocol=pickle.HIGHEST_PROTOCOL)
        jobs = [(ref, formats, out, earlier.get(ref.stem)) for ref in refs]
        results = in_workers(
            _render_in_worker, jobs, workers=workers, setup=_receive, shared=bytes(shared), timeout=WORKER_TIMEOUT
        )
        try:
            for ref, done in zip(refs, results, strict=True):
                yield ref, done
                if tick:
                    tick(ref.stem)
        finally:
            results.close()


_WORKER_PROJECTS: dict[str, Project] = {}
"""In a worker process: the content its documents are rendered from, in each language (``_receive``)."""


def _receive(shared: bytes) -> None:
    """A worker's set-up: the content in each language (from the file ``shared`` names), and the garbage collector tuned as the parent's."""
    import pickle

    global _WORKER_PROJECTS
    gc.set_threshold(50_000, 20, 10)
    with open(os.fsdecode(shared), "rb") as file:
        _WORKER_PROJECTS = pickle.load(file)
    gc.freeze()


def _render_in_worker(job: tuple[DocumentRef, list[str], Path, EarlierPdf | None]) -> Rendered:
    assert _WORKER_PROJECTS, "_receive first"
    ref, formats, out, earlier = job
    return document.render_document(_WORKER_PROJECTS[ref.lang], ref, formats, out, earlier=earlier)
