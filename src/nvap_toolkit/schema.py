"""Export each content kind's model as a JSON Schema for authors' editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .content.kinds import ALL_KINDS

if TYPE_CHECKING:
    from .writer import Output


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text, stable byte for byte."""
    texts = {}
    for kind in ALL_KINDS:
        schema = kind.model_class().model_json_schema(by_alias=True)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": kind.schema_file, **schema}
        texts[kind.schema_file] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def schema_outputs(folder: Path) -> list[Output]:
    """Every schema file in ``folder`` as the models give it (for ``writer.write_outputs``)."""
    from .writer import Output

    return [Output(folder / name, text.encode()) for name, text in schema_texts().items()]


def stale_schemas(folder: Path) -> list[str]:
    """The schema files in ``folder`` that differ from the models (or are missing)."""
    stale = []
    for output in schema_outputs(folder):
        path = output.path
        if not path.is_file() or path.read_bytes() != output.data:
            stale.append(path.name)
    return stale
