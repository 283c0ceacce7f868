"""The reading view's data: one shape, from a stored article or from a fresh pipeline result.

``reading_from_article`` (the article page) and ``reading_from_result`` (the admin preview,
nothing saved) both reduce their input to the pipeline's own dataclasses plus a fragment key
per annotation, then build the same ``Reading``. Templates only lay it out; every piece of
ingested text in it is either a plain string (escaped by the template) or HTML made by
``articles.highlight``. On the article page a ``ReaderState`` (what the URL has open) adds
the links that change that state; the preview has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.annotate.types import STORY_SEGMENTS, Result
from articles.reading.body import Block, BodyLinks, build_body, find_link_sentences
from articles.reading.parts import Meta, Parts, parts_from_article, parts_from_result
from articles.reading.sidebar import (
    EntityGroup,
    EntitySummary,
    FigureCard,
    LegendItem,
    TimelineEntry,
    build_cards,
    build_entities,
    build_entry,
    build_legend,
    sort_events,
)
from articles.reading.state import ReaderState
from articles.reading.trails import Trail, build_trails

__all__ = ["ReaderState", "Reading", "reading_from_article", "reading_from_result"]


@dataclass(frozen=True, slots=True)
class Reading:
    meta: Meta
    blocks: list[Block]
    legend: list[LegendItem]
    timeline: list[TimelineEntry]
    figures: list[FigureCard]
    trails: list[Trail]
    entities: list[EntityGroup]
    lead: str = ""  # the first story paragraph as plain text, for link previews
    state: ReaderState | None = None

    @property
    def entity_count(self) -> int:
        return sum(len(group.entities) for group in self.entities)

    def find_entity(self, slug: str) -> EntitySummary | None:
        return next((e for g in self.entities for e in g.entities if e.slug == slug), None)

    def find_figure(self, key: str) -> FigureCard | None:
        """The card of the count that ``key`` (any of its mentions) tells."""
        return next((c for c in self.figures if any(m.key == key for m in c.mentions)), None)


def reading_from_article(article, state: ReaderState | None = None) -> Reading:
    """The article page's data. Expects segments, mentions (with entity), events, figures
    and attributions (with their entities) prefetched: this function makes no query."""
    return build_reading(parts_from_article(article), state)


def reading_from_result(text: str, result: Result) -> Reading:
    """The admin preview's data, straight from ``articles.annotate.annotate(text)``."""
    return build_reading(parts_from_result(text.replace("\r\n", "\n"), result), None)


def build_reading(parts: Parts, state: ReaderState | None) -> Reading:
    sentences = find_link_sentences(parts)
    language = parts.meta.language
    trails = build_trails(parts.text, parts.attributions, sentences, parts.meta.outlet)
    source_keys = frozenset(hop.key for trail in trails for hop in trail.hops if hop.key)
    body = build_body(parts, sentences, BodyLinks(state, source_keys))
    selected_figure = state.figure if state else ""
    return Reading(
        meta=parts.meta,
        blocks=body.blocks,
        legend=build_legend(parts, state),
        timeline=[build_entry(key, e, language) for key, e in sort_events(parts.events)],
        figures=build_cards(parts.figures, sentences, language, selected_figure),
        trails=trails,
        entities=build_entities(parts, body.marked, state),
        lead=find_lead(parts),
        state=state,
    )


def find_lead(parts: Parts) -> str:
    """The first story segment's words (the dateline is its own segment, so it stays out)."""
    for segment in sorted(parts.segments, key=lambda s: s.start):
        if segment.type in STORY_SEGMENTS:
            return " ".join(parts.text[segment.start : segment.end].split())
    return ""
