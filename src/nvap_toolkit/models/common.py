"""Building blocks shared by every content kind.

Prose in content is plain text with a deliberately tiny inline syntax (see
``nvap_toolkit.inline``): ``**strong**``, citations ``[@key]``, ``[-@key]``
and ``[@a; @b]``, action references ``[action:2.6.1]``, link references
``[link:key]`` and footnotes ``[^key]``.  Everything else is inert text.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty piece of prose."""

Key = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80),
]
"""An identifier used to refer to reference data: letters, digits, '.', '_', '-'."""

Block = Text | list[Text]
"""A paragraph (a string) or a bulleted list (a list of strings)."""


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, models are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Section(Model):
    """A headed piece of prose with optional sub-sections."""

    heading: Text
    body: list[Block] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


class Attribution(Model):
    """Who wrote a document and under which terms it may be reused."""

    author: Text = Field(description="The organisation that wrote the source text.")
    statement: Text = Field(description="The attribution line printed in every output.")
    licence: Text | None = None
    licence_url: Text | None = None
