"""Building blocks shared by every content kind.

Prose in content is plain text with a deliberately tiny inline syntax (see
``nvap_toolkit.inline``): ``**strong**``, citations ``[@key]``, ``[-@key]``
and ``[@a; @b]``, action references ``[action:2.6.1]``, link references
``[link:key]`` and footnotes ``[^key]``.  Everything else is inert text.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from annotated_types import MinLen
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
)
from pydantic_core import CoreSchema, core_schema

INCOMPLETE = frozenset({"string_too_short", "too_short"})
"""Pydantic's error types for an empty text or list: warnings, not errors, in a draft."""


def _draft_may_be_empty(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    # A draft (validated with context {"draft": True}) may leave text and lists empty:
    # the field keeps its empty value; content.validate reports each as a warning.
    try:
        return handler(value)
    except ValidationError as exc:
        if info.context and info.context.get("draft") and all(e["type"] in INCOMPLETE for e in exc.errors()):
            return value
        raise


class _DraftMayBeEmpty:
    """Marks a text or list that must not be empty, except in a draft (see ``Text`` and ``NonEmpty``).

    The type carries it, built once into its schema: a validator on every field of
    every model made Pydantic inspect it once a field, a quarter of the models' set-up.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.with_info_wrap_validator_function(_draft_may_be_empty, handler(source))


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), _DraftMayBeEmpty()]
"""A non-empty piece of prose."""

T = TypeVar("T")
NonEmpty = Annotated[list[T], MinLen(1), _DraftMayBeEmpty()]
"""A list of at least one item."""

Key = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80),
]
"""An identifier used to refer to reference data: letters, digits, '.', '_', '-'."""

Block = Text | list[Text]
"""A paragraph (a string) or a bulleted list (a list of strings)."""


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, models are frozen."""

    # defer_build: a model's validator is built when content is first validated, not when the
    # module is imported; a build from the cache (nothing changed) then builds none at all.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class Section(Model):
    """A headed piece of prose with optional sub-sections."""

    heading: Text
    body: list[Block] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


EditionDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")]
"""An ISO 8601 date, or a year and month where the source gives no day: ``2024-03-21``, ``2024-03``."""


class ChangeNote(Model):
    """One change an edition makes, in a reader's words."""

    text: Text = Field(description="What changed, as readers of the document are told.")
    affects_plans: bool = Field(
        description="Whether forces' realisation plans (or trackers) made from the last edition need revisiting."
    )


class Edition(Model):
    """Which edition of a document this is, and what changed since the last one."""

    version: Key = Field(
        description="The edition's version as the source states it (or as nvap first published it), e.g. '1' or '2.1'."
    )
    date: EditionDate = Field(description="The edition's date: YYYY-MM-DD, or YYYY-MM where the source gives no day.")
    changes: list[ChangeNote] = Field(
        default_factory=list, description="What changed since the last edition; printed in every output when present."
    )


class Attribution(Model):
    """Who wrote a document and under which terms it may be reused."""

    author: Text = Field(description="The organisation that wrote the source text.")
    statement: Text = Field(description="The attribution line printed in every output.")
    licence: Text | None = None
    licence_url: Text | None = None
