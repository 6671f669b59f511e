"""Write docs/fields.md, the field reference of every content kind, from the models (a test checks it is current).

Each field: its place (``objectives[].activities[].title``), type, whether it is required,
its description (from the model), and an example taken from the shipped content.
Run by `make fields`; `--check` exits 1 when the file is stale.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from nvap_toolkit.content.kinds import ALL_KINDS
from nvap_toolkit.diff import documents

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "fields.md"
CONTENT = ROOT / "content"

HEADER = """\
# Content field reference

Every field of every kind of content file, generated from the models (`src/nvap_toolkit/models/`)
by `scripts/fields_doc.py` (`make fields`); a test checks it is current, so do not edit it by hand.
A place such as `objectives[].activities[].title` is the `title` of each activity of each
objective; `measures.<key>` is each entry of a mapping. Examples come from the shipped content.
See [content.md](content.md) for how to write prose.
"""


def _constraint(metadata: list[Any]) -> str | None:
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if pattern:
            if "\\d+(\\.\\d+)*" in pattern:
                return "action number"
            if pattern.startswith("^\\d{4}"):
                return "date"
            return "key"
        if getattr(item, "min_length", None) and getattr(item, "strip_whitespace", None):
            return "text"
    return None


def type_name(tp: Any, metadata: list[Any] | None = None) -> str:
    """A field's type in an author's words."""
    named = _constraint(metadata or [])
    if named:
        return named
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return type_name(args[0], list(args[1:]))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(dict.fromkeys(type_name(a) for a in args if a is not type(None)))
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin is list:
        inner = type_name(args[0])
        return f"list of ({inner})" if " or " in inner else f"list of {inner}"
    if origin is dict:
        return f"mapping of {type_name(args[0])} to {type_name(args[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "fields (below)"
    return {str: "text", int: "whole number", bool: "yes or no", float: "number"}.get(tp, getattr(tp, "__name__", str(tp)))


def _inner_model(tp: Any) -> tuple[type[BaseModel] | None, str]:
    """The model a field holds (directly, in a list, or as a mapping's values) and the place suffix."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _inner_model(args[0])
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            found = _inner_model(arg)
            if found[0] is not None:
                return found
        return None, ""
    if origin is list:
        model, suffix = _inner_model(args[0])
        return model, "[]" + suffix
    if origin is dict:
        model, suffix = _inner_model(args[1])
        return model, ".<key>" + suffix
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp, ""
    return None, ""


def _rows(model: type[BaseModel], prefix: str, seen: tuple[type[BaseModel], ...]) -> list[tuple[str, str, bool, str]]:
    rows = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        place = f"{prefix}{key}"
        tp = info.rebuild_annotation()
        rows.append((place, type_name(tp), info.is_required(), " ".join((info.description or "").split())))
        inner, suffix = _inner_model(tp)
        if inner is not None and inner not in seen:
            rows.extend(_rows(inner, f"{place}{suffix}.", (*seen, inner)))
        elif inner is not None:
            rows.append(
                (f"{place}{suffix}.…", "fields as above", False, f"Each holds the fields of `{prefix.rstrip('.') or key}`.")
            )
    return rows


def _examples(data: Any, place: str) -> Any:
    """The first value at ``place`` in ``data`` (``[]`` any list item, ``<key>`` any mapping entry)."""
    parts = place.replace("[]", ".[]").split(".")
    pending: list[tuple[Any, int]] = [(data, 0)]
    while pending:
        current, at = pending.pop(0)
        if at == len(parts):
            if current not in (None, "", [], {}):
                return current
            continue
        part = parts[at]
        if part == "[]" and isinstance(current, list):
            pending.extend((item, at + 1) for item in current)
        elif part == "<key>" and isinstance(current, dict):
            pending.extend((value, at + 1) for value in current.values())
        elif isinstance(current, dict) and part in current:
            pending.append((current[part], at + 1))
    return None


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        if not all(isinstance(v, (str, int, float)) for v in value.values()):
            return ""
        value = [f"{k}: {v}" for k, v in value.items()]
    if value is None or isinstance(value, list) and not all(isinstance(v, (str, int, float)) for v in value):
        return ""
    text = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    text = text if len(text) <= 60 else text[:57] + "…"
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def fields_markdown() -> str:
    """The whole of docs/fields.md."""
    shipped = documents(CONTENT)
    parts = [HEADER]
    for kind in ALL_KINDS:
        model = kind.model_class()
        samples = [data for name, data in sorted(shipped.items()) if _kind_of(name) == kind.name]
        parts.append(f"## {kind.name}: `{kind.where}`\n")
        parts.append(" ".join((model.__doc__ or "").split()) + f" JSON Schema: `schemas/{kind.schema_file}`.\n")
        parts.append("| field | type | required | description | example |")
        parts.append("| --- | --- | --- | --- | --- |")
        for place, tp, required, description in _rows(model, "", (model,)):
            example = next((e for e in (_examples(s, place) for s in samples) if e is not None), None)
            cells = [f"`{place}`", tp, "yes" if required else "no", description.replace("|", "\\|"), _shown(example)]
            parts.append("| " + " | ".join(cells) + " |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _kind_of(name: str) -> str:
    from nvap_toolkit.content.kinds import kind_of

    path = CONTENT / f"{name}.yaml"
    found = kind_of(path, CONTENT)
    return found.name if found else ""


if __name__ == "__main__":
    text = fields_markdown()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.is_file() and DOC.read_text(encoding="utf-8") == text else "docs/fields.md is stale: run `make fields`")
    DOC.write_text(text, encoding="utf-8")
