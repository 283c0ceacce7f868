"""The annotation pipeline: pasted news text in, typed spans out.

Plain Python, no Django. Each stage is a module with one public function; this file only
runs them in order. See README.md in this folder for the result schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .attributions import find_attributions
from .dates import find_events
from .entities import find_entities
from .figures import find_figures
from .metadata import find_metadata
from .segments import find_segments
from .text import find_sentences, normalize_newlines
from .types import STORY_SEGMENTS, KnownEntity, Result

__all__ = ["KnownEntity", "Result", "annotate"]


def annotate(
    text: str,
    *,
    published: date | str | None = None,
    language: str | None = None,
    known_entities: Iterable[KnownEntity | dict] = (),
) -> Result:
    """Annotate one article. Offsets index into ``text`` with CRLF turned into LF."""
    text = normalize_newlines(text)
    if isinstance(published, str):
        published = date.fromisoformat(published)
    segments = find_segments(text)
    metadata = find_metadata(text, segments, published=published, language=language)
    entities, mentions, dateline = find_entities(
        text, segments, metadata, known_entities=_as_known(known_entities)
    )
    sentences = find_sentences(text, segments, STORY_SEGMENTS)
    events = find_events(text, sentences, published=metadata.published)
    attributions = find_attributions(text, segments, sentences, mentions, metadata)
    figures = find_figures(
        text,
        sentences,
        events=events,
        attributions=attributions,
        published=metadata.published,
    )
    return Result(
        language=metadata.language,
        title=metadata.title,
        published=metadata.published,
        published_inferred=metadata.published_inferred,
        dateline=dateline,
        outlet=dateline.outlet if dateline else None,
        segments=segments,
        entities=entities,
        mentions=mentions,
        attributions=attributions,
        events=events,
        figures=figures,
    )


def _as_known(items: Iterable[KnownEntity | dict]) -> tuple[KnownEntity, ...]:
    return tuple(
        item
        if isinstance(item, KnownEntity)
        else KnownEntity(item["name"], item["label"], tuple(item.get("aliases", ())))
        for item in items
    )
