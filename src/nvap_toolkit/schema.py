"""Export each content kind's model as a JSON Schema for authors' editors."""

from __future__ import annotations

import json
from pathlib import Path

from .content.kinds import ALL_KINDS


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text, stable byte for byte."""
    texts = {}
    for kind in ALL_KINDS:
        schema = kind.model_class().model_json_schema(by_alias=True)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": kind.schema_file, **schema}
        texts[kind.schema_file] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def stale_schemas(folder: Path) -> list[str]:
    """The schema files in ``folder`` that differ from the models (or are missing)."""
    stale = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path, *, check: bool = False) -> list[str]:
    """Write (or with ``check`` only list) the schema files that differ from the models."""
    from .writer import Output, write_outputs

    stale = stale_schemas(folder)
    if not check and stale:
        texts = schema_texts()
        write_outputs([Output(folder / name, texts[name].encode()) for name in stale])
    return stale
