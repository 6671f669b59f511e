"""Write src/nvap_toolkit/records/content.py, the plain records of the content, from the models (a test checks it is current).

Each Pydantic model of ``nvap_toolkit.models`` has a record of the same name and fields, in
the same order: a class with ``__slots__`` and an ``__init__`` written out, so that importing
the records, or unpickling a project made of them, imports neither Pydantic nor the models and
builds no class at run time. A field's type is the model's with its constraints left out
(``Text`` is ``str``, ``NonEmpty[Text]`` is ``list[str]``): a record is made from a validated model
(``content.validate.as_record``), never from raw data.

Run by `make records`; `--check` exits 1 when the file is stale.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import types
import typing
from importlib import import_module
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from nvap_toolkit import models
from nvap_toolkit.models import common

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "nvap_toolkit" / "records" / "content.py"
MODULES = tuple(import_module(f"nvap_toolkit.models.{name}") for name in models.MODULES)
"""In the models' order (the shared blocks first): a record's module reads as the models do."""

HEADER = '''\
"""The content as plain records: what renderers and commands read (``content.project.Project``).

Generated from the models (``nvap_toolkit.models``) by ``scripts/records.py`` (``make records``):
do not edit by hand; a test checks it is current. Each record has its model's name and fields, in
the same order, without the model's constraints: it is made from a validated model
(``content.validate.as_record``). Importing it imports no Pydantic and builds no class at run time.
"""

# ruff: noqa: FBT001

from __future__ import annotations

from typing import Final, Literal

from . import Record
'''


def _type(annotation: Any) -> str:
    """``annotation`` as the record's type: constraints and metadata left out, models by name."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if annotation is type(None):
        return "None"
    if annotation in (str, int, float, bool):
        return str(annotation.__name__)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type(arm) for arm in typing.get_args(annotation))
    if origin is typing.Literal:
        return f"Literal[{', '.join(json.dumps(v) for v in typing.get_args(annotation))}]"
    if origin is list:
        return f"list[{_type(typing.get_args(annotation)[0])}]"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"dict[{_type(key)}, {_type(value)}]"
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return annotation.__name__
    raise SystemExit(f"records.py: no record type for {annotation!r}")


def _doc(text: str | None, indent: str) -> list[str]:
    """A docstring's lines (its first paragraph), or none."""
    if not text:
        return []
    first = inspect.cleandoc(text).split("\n\n")[0].replace('"""', "'''").replace("\\", "\\\\")
    lines = first.splitlines()
    if len(lines) == 1:
        return [f'{indent}"""{lines[0].strip()}"""']
    return [
        f'{indent}"""{lines[0].strip()}',
        *(f"{indent}{line.rstrip()}" if line.strip() else "" for line in lines[1:]),
        f'{indent}"""',
    ]


def _shapes(model: type[BaseModel]) -> dict[str, str]:
    """The fields of ``model`` that hold free text alone (``records.edited`` may put an edit of them in place)."""
    hints = typing.get_type_hints(model, include_extras=True)
    text, block = common.Text, common.Block
    shapes = {
        "text": (text,),
        "optional text": (text | None,),
        "texts": (list[text], common.NonEmpty[text]),
        "block": (block,),
        "blocks": (list[block], common.NonEmpty[block]),
        "text map": (dict[common.Key, text],),
    }
    found = {}
    for name in model.model_fields:
        for shape, types_ in shapes.items():
            if any(hints[name] == t for t in types_):
                found[name] = shape
    return found


def _checks(model: type[BaseModel]) -> bool:
    """Whether ``model`` has validators of its own (a record of it then has no ``TEXT``: it is always validated)."""
    found = model.__pydantic_decorators__
    return bool(found.model_validators or found.field_validators or found.validators or found.root_validators)


def _record(model: type[BaseModel]) -> list[str]:
    fields = model.model_fields
    lines = ["", "", f"class {model.__name__}(Record):"]
    lines += _doc(model.__doc__, "    ") or [f'    """``{model.__module__}.{model.__name__}``."""']
    names = ", ".join(json.dumps(name) for name in fields)
    lines += ["", f"    __slots__ = ({names}{',' if len(fields) == 1 else ''})"]
    aliases = {name: info.alias for name, info in fields.items() if info.alias and info.alias != name}
    if aliases:
        lines.append(f"    ALIASES = {json.dumps(aliases)}")
    if not _checks(model) and (shapes := _shapes(model)):  # a model with validators of its own is always validated
        lines.append(f"    TEXT = {json.dumps(shapes)}")
    lines.append("")
    for name, info in fields.items():
        lines.append(f"    {name}: Final[{_type(info.annotation)}]")
        lines += _doc(info.description, "    ")
    params = ", ".join(f"{name}: {_type(info.annotation)}" for name, info in fields.items())
    lines += ["", f"    def __init__(self, {params}) -> None:"]
    lines += [f"        self.{name} = {name}" for name in fields]
    return lines


def models_in_order() -> list[type[BaseModel]]:
    """Every model, module by module (``MODULES``), in the order each module defines them."""
    found = []
    for module in MODULES:
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, common.Model) and value is not common.Model:
                if value.__module__ == module.__name__:
                    found.append(value)
    return found


def render() -> str:
    every = models_in_order()
    names = [m.__name__ for m in every]
    if len(set(names)) != len(names):
        raise SystemExit("records.py: two models share a name; records are named as their models")
    missing = {m.__name__ for m in _subclasses(common.Model)} - set(names)
    if missing:
        raise SystemExit(f"records.py: models outside {', '.join(m.__name__ for m in MODULES)}: {sorted(missing)}")
    lines = HEADER.splitlines()
    for model in every:
        lines += _record(model)
    lines += ["", "", "RECORDS: Final = {", *(f"    {json.dumps(name)}: {name}," for name in names), "}"]
    lines.append('"""Every record, by its (and its model\'s) name."""')
    # As `make lint` formats it (long signatures folded): the file is the same however it was made.
    text = "\n".join(lines) + "\n"
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(OUT), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return formatted.stdout


def _subclasses(cls: type) -> list[type]:
    return [s for sub in cls.__subclasses__() for s in (sub, *_subclasses(sub))]


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run `make records`", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
