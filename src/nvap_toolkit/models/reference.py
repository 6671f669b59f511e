"""Reference data kept once under ``content/reference/`` and referred to by key."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import Key, Model, NonEmpty, Text


class PeelMeasure(Model):
    """One question or measure of HMICFRS's PEEL Assessment Framework."""

    text: Text


class PeelFramework(Model):
    """``content/reference/peel.yaml``: PEEL codes (``"9.1.2"``) and their text."""

    name: Text = Field(description="The framework's name, as printed beside its codes.")
    measures: dict[Key, PeelMeasure]


class Name(Model):
    """An author: a person (family and given names) or an organisation (literal)."""

    family: Text | None = None
    given: Text | None = None
    literal: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Name:
        if (self.literal is None) == (self.family is None):
            raise ValueError("give either 'family' (a person) or 'literal' (an organisation)")
        if self.literal is not None and self.given is not None:
            raise ValueError("'given' belongs with 'family', not with 'literal'")
        return self


class Reference(Model):
    """One bibliography entry, cited in prose as ``[@key]``."""

    type: Literal["article", "report", "book", "webpage"] = Field(
        description="article: the container (journal) is italic; otherwise the title is."
    )
    author: NonEmpty[Name]
    year: int | Literal["n.d."]
    date: Text | None = Field(None, description="More of the date after the year, e.g. 'August 17'.")
    title: Text
    container: Text | None = Field(None, description="The journal or series the work appeared in.")
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    publisher: Text | None = None
    note: Text | None = Field(None, description="e.g. '[Unpublished report.]'")
    retrieved: Text | None = Field(None, description="When a web page was read, e.g. 'June 22, 2022'.")
    url: Text | None = None


class Bibliography(Model):
    """``content/reference/bibliography.yaml``."""

    references: dict[Key, Reference]


class Link(Model):
    """A useful link. ``url`` is left out where the source gives none."""

    title: Text
    url: Text | None = None


class Links(Model):
    """``content/reference/links.yaml``."""

    links: dict[Key, Link]


class PerennialChallenge(Model):
    """One of the College of Policing's perennial challenges in policing."""

    name: Text


class PerennialChallenges(Model):
    """``content/reference/perennial-challenges.yaml``."""

    intro: Text = Field(description="What the perennial challenges are, printed before an action's links to them.")
    challenges: dict[Key, PerennialChallenge]


class Force(Model):
    """A police force of England and Wales, territorial or national."""

    name: Text = Field(description="The official name, e.g. 'Norfolk Constabulary'.")
    short_name: Text = Field(description="The everyday name, e.g. 'Norfolk'.")
    abbreviations: list[Text] = Field(default_factory=list, description="e.g. 'BTP', 'Met', 'Hants'.")
    aliases: list[Text] = Field(
        default_factory=list,
        description="Other names people use for the force, e.g. 'Hampshire' or 'Metropolitan Police'. "
        "'X Police' and 'X Constabulary' of each name are understood without listing them.",
    )
    welsh_name: Text | None = Field(default=None, description="The force's official Welsh name, e.g. 'Heddlu Gwent'.")
    kind: Literal["territorial", "national"]
    country: Literal["England", "Wales", "England and Wales", "Great Britain", "United Kingdom"]


class OutsideForce(Model):
    """A police force outside nvap's scope (Scotland, Northern Ireland), named so that users are told so."""

    name: Text
    names: list[Text] = Field(default_factory=list, description="Other names and abbreviations, e.g. 'PSNI'.")


class Forces(Model):
    """``content/reference/forces.yaml``."""

    forces: dict[Key, Force]
    outside_scope: list[OutsideForce] = Field(
        default_factory=list, description="Forces nvap does not serve: a user who names one is told nvap's scope."
    )


class Term(Model):
    """An acronym and what it stands for."""

    expansion: Text


class Glossary(Model):
    """``content/reference/glossary.yaml``: one glossary for every document."""

    heading: Text
    terms: dict[Key, Term]
    not_acronyms: list[Text] = Field(
        default_factory=list,
        description="Words in capitals that are names, not acronyms (e.g. UNISON): no warning for them.",
    )
