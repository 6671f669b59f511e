"""Raw documents to models: Pydantic's errors become located issues in an author's words."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..models.common import INCOMPLETE
from ..records import Record, fields_of
from .loader import locate
from .source import Document

# Pydantic names the branches of a union in the error location ('str', 'list[...]').
_UNION_TAG = re.compile(r"^(str|int|float|bool|none|constrained-str|function-\w+|[\w-]+\[.*\])$")


def validate_document(doc: Document, model: type[BaseModel]) -> BaseModel | None:
    """Validate ``doc.data`` into ``model``; on failure add one issue per problem and return None.

    A document whose ``status`` is ``draft`` may be incomplete: an empty text or list is a
    warning, and the model is made with it left empty.
    """
    if doc.data is None:
        if doc.node is not None and not doc.issues:
            # '~' or 'null' alone: YAML reads it as nothing, which must not pass for an empty document.
            doc.issue(
                doc.node,
                f"the file holds only '{doc.node.value or '~'}' (nothing): it should hold a mapping of fields ({_fields_hint(model)})",
            )
        return None
    if not isinstance(doc.data, dict):
        doc.issue(doc.node, f"the file should hold a mapping of fields ({_fields_hint(model)}), not {_describe(doc.data)}")
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    draft = doc.data.get("status") == "draft" and "status" in model.model_fields
    incomplete = [e for e in errors if draft and e["type"] in INCOMPLETE]
    for loc, message, at_key in _merge([e for e in errors if e not in incomplete], model):
        doc.issue(locate(doc.node, loc, at_key=at_key), message)
    for loc, message, at_key in _merge(incomplete, model):
        doc.issue(
            locate(doc.node, loc, at_key=at_key),
            f"{message} (a draft may leave it for now: fill it in before publishing)",
            "warning",
        )
    if len(incomplete) < len(errors):
        return None
    return model.model_validate(doc.data, context={"draft": True})


def _merge(errors: list[Any], model: type[BaseModel]) -> list[tuple[tuple[Any, ...], str, bool]]:
    """Group union-branch errors under one location and phrase each group once."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for err in errors:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and _UNION_TAG.match(p)))
        groups.setdefault(loc, []).append(err)
    out = []
    for loc, errs in groups.items():
        if len(errs) > 1 and all(e["type"].endswith("_type") or e["type"] in ("literal_error", "int_parsing") for e in errs):
            wanted = " or ".join(dict.fromkeys(_wanted(e) for e in errs))
            hint = _quote_hint(errs[0]["input"], loc) if "text" in wanted else ""
            out.append((loc, f"{_where(loc)}expected {wanted}, got {_describe(errs[0]['input'])}{hint}", False))
        else:
            out.extend((loc, _message(e, loc, model), e["type"] == "extra_forbidden" or loc[-1:] == ("[key]",)) for e in errs)
    return out


def _where(loc: tuple[Any, ...]) -> str:
    parts = [p for p in loc if p != "[key]"]
    if not parts:
        return ""
    name = next((p for p in reversed(parts) if isinstance(p, str)), None)
    return f"'{name}': " if name else ""


def _wanted(err: Any) -> str:
    kind = str(err["type"])
    return {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "list_type": "a list",
        "dict_type": "a mapping of fields",
        "model_type": "a mapping of fields",
        "model_attributes_type": "a mapping of fields",
        "bool_type": "yes or no",
        "literal_error": "one of " + str(err.get("ctx", {}).get("expected", "")).replace("'", ""),
    }.get(kind, kind.replace("_", " "))


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _quote_hint(value: Any, loc: tuple[Any, ...]) -> str:
    """How to write as text what YAML read as something else: the usual slips, with the fix."""
    item = "- " if loc and isinstance(loc[-1], int) else ""
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if isinstance(key, str) and isinstance(inner, (str, int, float)) and not isinstance(inner, bool):
            text = f"{key}: {inner}".replace('"', '\\"')
            return f' (a colon and a space make YAML read a field name): put the text in quotes: {item}"{text}"'
    if isinstance(value, bool):
        return ' (YAML reads yes, no, on, off, true and false as yes/no): put the text in quotes, e.g. "yes"'
    if isinstance(value, (int, float)):
        return ' (YAML reads it as a number): put it in quotes to keep it as written, e.g. "1.10"'
    return ""


def _message(err: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind == "missing":
        return f"missing required field '{loc[-1]}'"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = ""
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        elsewhere = _field_of(model, str(loc[-1]))
        if close:
            hint = f"; did you mean '{close[0]}'?"
        elif elsewhere is not None and elsewhere != loc[:-1]:
            owner = next((p for p in reversed(elsewhere) if isinstance(p, str)), None)
            where = f"of each item of '{owner}'" if elsewhere and elsewhere[-1] == 0 else f"of '{owner}'"
            hint = f" here: it is a field {where if owner else 'of the top level'}; is it indented to the right level?"
        elif allowed:
            hint = f" (allowed here: {', '.join(allowed)})"
        return f"unknown field '{loc[-1]}'{hint}"
    if loc and loc[-1] == "[key]":
        return f"'{loc[-2]}' is not a valid key: use letters, digits, '.', '_' and '-' (starting with a letter or digit)"
    where = _where(loc)
    if kind.endswith("_type") or kind in ("int_parsing", "int_from_float"):
        hint = _quote_hint(value, loc) if _wanted(err) == "text" else ""
        return f"{where}expected {_wanted(err)}, got {_describe(value)}{hint}"
    if kind == "string_too_short":
        return f"{where}must not be empty"
    if kind == "string_too_long":
        return f"{where}is too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_pattern_mismatch":
        if "\\d+" in str(ctx.get("pattern", "")):
            return f"{where}'{value}' is not an action number such as 2.6.2"
        return f"{where}'{value}' is not a valid key: use letters, digits, '.', '_' and '-'"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{where}needs at least {n} item{'s' if n != 1 else ''}"
    if kind == "literal_error":
        return f"{where}must be {_wanted(err)} (got {_describe(value)})"
    if kind == "value_error":
        return f"{where}{str(err['msg']).removeprefix('Value error, ')}"
    return f"{where}{err['msg']}"


def _fields_hint(model: type[BaseModel]) -> str:
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    return ", ".join(required[:6]) + (", ..." if len(required) > 6 else "")


def _field_of(model: type[BaseModel], name: str, depth: int = 0) -> tuple[Any, ...] | None:
    """Where in ``model`` a field called ``name`` is allowed: its path (0 for any item of a list), or None."""
    if name in model.model_fields:
        return ()
    if depth > 4:
        return None
    for field_name, info in model.model_fields.items():
        inner = _model_in(info.annotation)
        if inner is None:
            continue
        found = _field_of(inner, name, depth + 1)
        if found is not None:
            listed = typing.get_origin(info.annotation) in (list, tuple) or "list[" in str(info.annotation)
            return (field_name, *((0,) if listed else ()), *found)
    return None


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    target: Any = model
    for part in loc:
        target = _step(target, part)
        if target is None:
            return []
    target = _model_in(target)
    return list(target.model_fields) if target else []


def _model_in(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _model_in(arg)
        if found:
            return found
    return None


def _step(tp: Any, part: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _step(typing.get_args(tp)[0], part)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            got = _step(arg, part)
            if got is not None:
                return got
        return None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = tp.model_fields.get(str(part)) or next((f for f in tp.model_fields.values() if f.alias == part), None)
        return field.annotation if field else None
    if origin is list and isinstance(part, int):
        return typing.get_args(tp)[0]
    if origin is dict and isinstance(part, str):
        return typing.get_args(tp)[1]
    return None


def as_record(model: BaseModel) -> Record:
    """``model`` as its record (``records.content``): the same fields and values, nested models as their records.

    What renderers and commands read, and the cache keeps, is records: they need neither Pydantic
    nor the models (a model's class is built when its module is imported, and Pydantic's import is
    a fifth of a build's time).
    """
    record: Record = _record_of(model)
    return record


def _record_of(value: Any) -> Any:
    if isinstance(value, BaseModel):
        record, names = _RECORD_CLASSES.get(type(value)) or _record_class(type(value))
        return record(*[_record_of(getattr(value, name)) for name in names])
    if isinstance(value, list):
        return [_record_of(item) for item in value]
    if isinstance(value, dict):
        return {key: _record_of(item) for key, item in value.items()}
    return value


_RECORD_CLASSES: dict[type[BaseModel], tuple[type[Record], tuple[str, ...]]] = {}


def _record_class(model: type[BaseModel]) -> tuple[type[Record], tuple[str, ...]]:
    from ..records.content import RECORDS

    record = RECORDS[model.__name__]
    names = tuple(model.model_fields)
    if names != fields_of(record):  # records.content is generated from the models: `make records`
        raise AssertionError(f"the record {model.__name__} has other fields than its model: run `make records`")
    _RECORD_CLASSES[model] = (record, names)
    return record, names


# -- what can be read of a document that failed -------------------------------------------------

_NOTHING: Any = object()


def partial_model(data: Any, model: type[BaseModel]) -> BaseModel | None:
    """What can be read of a document that failed validation, so that the cross-check still sees it.

    Each field whose value validates on its own is kept (for a list or mapping, each item
    that does; for a sub-model, each of its fields); the rest are left at their defaults,
    empty, or None. The result is built without validation: it is only ever cross-checked,
    never rendered.
    """
    return _partial(model, data) if isinstance(data, dict) else None


def _partial(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    from pydantic_core import PydanticUndefined

    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        got = _partial_value(info.rebuild_annotation(), data[key]) if key in data else _NOTHING
        if got is _NOTHING:
            got = (
                info.get_default(call_default_factory=True)
                if info.default is not PydanticUndefined or info.default_factory
                else _empty(info.annotation)
            )
        values[name] = got
    return model.model_construct(**values)


def _empty(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _empty(typing.get_args(tp)[0])
    if origin is list:
        return []
    if origin is dict:
        return {}
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _partial(tp, {})
    return None


def _partial_value(tp: Any, value: Any) -> Any:
    """``value`` as ``tp`` when it validates, else what of it can be read, else _NOTHING."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        valid = _valid(tp, value)
        inner = typing.get_args(tp)[0]
        # A constrained text that fails is nothing; a constrained list or mapping keeps what it can.
        return _partial_value(inner, value) if valid is _NOTHING and typing.get_origin(inner) in (list, dict) else valid
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            got = _partial_value(arg, value)
            if got is not _NOTHING:
                return got
        return _NOTHING
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _partial(tp, value) if isinstance(value, dict) else _NOTHING
    if origin is list:
        if not isinstance(value, list):
            return _NOTHING
        items = [_partial_value(typing.get_args(tp)[0], v) for v in value]
        return [v for v in items if v is not _NOTHING]
    if origin is dict:
        if not isinstance(value, dict):
            return _NOTHING
        key_type, value_type = typing.get_args(tp)
        pairs = {k: _partial_value(value_type, v) for k, v in value.items() if _valid(key_type, k) is not _NOTHING}
        return {k: v for k, v in pairs.items() if v is not _NOTHING}
    return _valid(tp, value)


def _valid(tp: Any, value: Any) -> Any:
    from pydantic import TypeAdapter

    try:
        return TypeAdapter(tp).validate_python(value)
    except (ValidationError, TypeError, ValueError):
        return _NOTHING
