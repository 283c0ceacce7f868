"""The typed spans the pipeline produces. Plain dataclasses, no Django.

Every ``start``/``end`` pair indexes into the text as given to ``annotate`` after
``\\r\\n`` -> ``\\n`` only, so ``text[start:end]`` is always the annotated surface.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SEGMENT_TYPES = (
    "title",
    "dateline",
    "body",
    "related_link",
    "caption",
    "signoff",
    "source_footer",
    "other",
)
# Segments whose text is the story: entities, dates, figures and attributions come from these.
STORY_SEGMENTS = frozenset({"body"})

ATTRIBUTION_KINDS = (
    "publisher",
    "reported_by",
    "relayed_from",
    "quote",
    "according_to",
    "source_footer",
)
QUALIFIERS = ("exact", "about", "more_than", "less_than", "at_least", "at_most", "range")
CATEGORIES = ("killed", "wounded", "displaced", "missing", "arrested", "other")
CASUALTY_CATEGORIES = frozenset(CATEGORIES) - {"other"}
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """``BEIRUT (ANTARA):``: the whole dateline, its place and its outlet."""

    start: int
    end: int
    text: str
    place: str | None
    place_span: Span | None
    outlet: str | None
    outlet_span: Span | None
    entity: str | None = None  # id of the place's entity, filled in by the entity stage


@dataclass(frozen=True, slots=True)
class Metadata:
    language: str
    title: str | None
    title_span: Span | None
    published: date | None
    published_inferred: bool
    dateline: Dateline | None
    title_proposed: bool = False  # a phrase from the lead, not a headline line
    published_from: str | None = None  # given, url, text


@dataclass(slots=True)
class Entity:
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    entity: str  # Entity.id


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity confirmed by an editor, recognised in every later article."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # the cue: `mengatakan`, `lansir`, `Sumber:`, the quote marks...
    end: int
    kind: str
    source: str | None  # entity id or a plain descriptor ("TV rezim Suriah")
    speaker: str | None
    via: str | None
    content: Span | None


@dataclass(frozen=True, slots=True)
class Event:
    start: int
    end: int
    text: str
    value: str  # ISO: 2015-09-30, 2017-11 or 2017
    precision: str  # day, month, year
    relative: bool
    sentence: Span
    summary: str
    main: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    qualifier: str
    unit: str | None
    category: str
    as_of: str | None  # ISO date
    source: str | None  # entity id or descriptor
    group: int = 0  # mentions of one count share it: 1, 2, … by first mention; 0 = not grouped


@dataclass(frozen=True, slots=True)
class StageError:
    """A stage that failed on this text: the rest of the result holds what the others found."""

    stage: str  # segments, metadata, entities, sentences, events, attributions, figures
    reason: str  # for developers and editors: the error's type, where it was raised, message


def is_yearless(value: str) -> bool:
    """``--09-04``: a day whose year neither the text nor a publication date gives."""
    return value.startswith("--")


@dataclass(slots=True)
class Result:
    language: str
    title: str | None
    published: date | None
    published_inferred: bool
    dateline: Dateline | None
    outlet: str | None
    segments: list[Segment]
    entities: list[Entity]
    mentions: list[Mention]
    attributions: list[Attribution]
    events: list[Event]
    figures: list[Figure]
    # True when ``title`` is a phrase proposed from the lead, not a headline line of the text.
    title_proposed: bool = False
    # Where ``published`` comes from: ``given``, ``url`` (the original URL), ``text`` or None.
    published_from: str | None = None
    errors: list[StageError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data
