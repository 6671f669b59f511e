"""The build folder: the files a build may write there, and its record of what it holds.

The record (``.nvap-build.json``, the manifest) gives each document's files with their
digests and the digest of everything they were made from: a rebuild with nothing
changed is decided here, from the content's bytes and the files' own, before the
content is read or anything rendered (like make), and without importing the renderers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__, clock
from .formats import BUILD
from .writer import claim_folder, remove_stale_temporaries

INDEX = ("index.html", "index.md")
"""The index a build of several documents writes beside them."""
MANIFEST = ".nvap-build.json"
"""The build's record of what the folder holds (``manifest_bytes``, ``read_manifest``)."""


def output_names(stems: Iterable[str]) -> list[str]:
    """The names of the files a build may write into its folder."""
    return [f"{stem}.{fmt}" for stem in stems for fmt in BUILD.names] + [MANIFEST, *INDEX]


def language_stems(stems: list[str], root: Path) -> list[str]:
    """``stems`` and their variants in each language the content has catalogues for (``2.6.2``, ``2.6.2.cy``)."""
    from .i18n.layout import languages

    return stems + [f"{stem}.{lang}" for lang in languages(root) for stem in stems]


def all_stems(root: Path) -> list[str]:
    """Every document's stem, from the content's file names alone (nothing is read)."""
    actions = [p.stem for p in sorted((root / "actions").glob("*.yaml"))]
    reports = [f"covenant-{p.parent.name}" for p in sorted((root / "covenant").glob("*/report.yaml"))]
    return actions + reports


def remove_stale(root: Path, out: Path) -> list[Path]:
    """Remove the temporary files a killed build left in ``out`` (unless another build is writing there now).

    ``build`` does this itself; this is for a build that finds everything up to date
    (``root``: the content, which names the documents).
    """
    with claim_folder(out) as sole:
        return remove_stale_temporaries(out, output_names(language_stems(all_stems(root), root))) if sole else []


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest in ``out``, if this nvap (its version and code) wrote it; else empty."""
    from .content.digests import code_digest

    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return (
            data
            if isinstance(data, dict)
            and data.get("nvap") == __version__
            and data.get("code") == code_digest()  # an edited nvap (a checkout) renders everything again
            and isinstance(data.get("documents"), dict)
            else {}
        )
    except (OSError, ValueError):
        return {}


def manifest_bytes(root: Path, warnings: int, documents: dict[str, Any]) -> bytes:
    """The manifest of a build of the content under ``root`` (with ``warnings``): ``documents`` by stem, each its
    input key, formats and files' digests (and its PDF's key), as ``read_manifest`` and ``up_to_date`` read them."""
    from .content.digests import code_digest

    body = {
        "nvap": __version__,
        "code": code_digest(),
        "content": content_digest(root),
        "warnings": warnings,
        "documents": dict(sorted(documents.items())),
    }
    return json.dumps(body, indent=1, sort_keys=True).encode() + b"\n"


def content_digest(root: Path) -> str:
    """A digest of every content file and template, by path and bytes."""
    from .content.digests import templates_digest
    from .content.kinds import content_files

    digest = hashlib.sha256(f"{clock.setting()}|{templates_digest()}".encode())
    for path in content_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(catalogues_digest(root).encode())
    return digest.hexdigest()


def catalogues_digest(root: Path, lang: str | None = None) -> str:
    """A digest of the translation catalogues (of ``lang``, else of every language), by path and bytes."""
    from .i18n.layout import language_dir, translations_dir

    folder = language_dir(root, lang) if lang else translations_dir(root)
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.po")) if folder.is_dir() else []:
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def up_to_date(
    root: Path, names: list[str], formats: list[str], out: Path, *, strict: bool = False, langs: list[str] | None = None
) -> list[str] | None:
    """The documents' stems if the last build into ``out`` used exactly this content and its files are intact.

    Lets a rebuild with nothing changed skip reading the content at all (like make).
    None means: build as usual.
    """
    manifest = read_manifest(out)
    if not manifest or manifest.get("content") != content_digest(root) or (strict and manifest.get("warnings")):
        return None
    documents = manifest["documents"]
    stems = names or all_stems(root)
    formats = BUILD.chosen(formats)
    found = []
    for stem in stems:
        for lang in langs or ["en"]:
            suffix = "" if lang == "en" else f".{lang}"
            entry = documents.get(stem + suffix) or (documents.get(f"covenant-{stem}{suffix}") if stem.isdigit() else None)
            if not isinstance(entry, dict) or entry.get("formats") != formats or not fresh(entry, entry.get("key"), out):
                return None
            found.append(stem + suffix)
    return found


def manifest_files(out: Path, stems: list[str]) -> list[Path]:
    """The files the manifest in ``out`` lists for the documents ``stems`` (as ``up_to_date`` gives them)."""
    documents = read_manifest(out).get("documents", {})
    entries = [documents.get(stem) or documents.get(f"covenant-{stem}") or {} for stem in stems]
    return [out / name for entry in entries for name in entry.get("files", {})]


def fresh(entry: Any, key: str | None, out: Path) -> bool:
    """The document's entry is for ``key`` and its files in ``out`` are byte for byte those it lists."""
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
