"""Metadata: language, title, dateline and publication date, from what the segments found.

The publication date is the caller's when given. Otherwise it is inferred from the top of the
article (a timestamp line, the dateline, the first two paragraphs): the first absolute date
there with a day is taken, as news leads date the event of the day (``Kamis (25/9/2014)``).
"""

from __future__ import annotations

import re
from datetime import date

from . import lexicon
from .dates import find_events
from .lexicon import alternation
from .segments import match_dateline
from .text import split_sentences
from .types import Dateline, Metadata, Segment, Span

_ID_WORDS = alternation(lexicon.LANGUAGE_MARKERS_ID)
_EN_WORDS = alternation(lexicon.LANGUAGE_MARKERS_EN)
_ID_STOPWORD = re.compile(rf"\b(?:{_ID_WORDS})\b", re.IGNORECASE)
_EN_STOPWORD = re.compile(rf"\b(?:{_EN_WORDS})\b", re.IGNORECASE)
_LEAD_PARAGRAPHS = 2


def find_metadata(
    text: str, segments: list[Segment], *, published: date | None, language: str | None
) -> Metadata:
    title = next((s for s in segments if s.type == "title"), None)
    inferred = None if published else infer_published(text, segments)
    return Metadata(
        language=language or detect_language(text),
        title=text[title.start : title.end] if title else None,
        title_span=Span(title.start, title.end) if title else None,
        published=published or inferred,
        published_inferred=inferred is not None,
        dateline=find_dateline(text, segments),
    )


def detect_language(text: str) -> str:
    """``id`` or ``en`` by which language's commonest words occur more; Indonesian on a tie."""
    english = len(_EN_STOPWORD.findall(text))
    return "en" if english > len(_ID_STOPWORD.findall(text)) else "id"


def find_dateline(text: str, segments: list[Segment]) -> Dateline | None:
    segment = next((s for s in segments if s.type == "dateline"), None)
    if segment is None:
        return None
    # Read the whole line again: the place-only form looks at what follows its dash.
    line_end = text.find("\n", segment.start)
    return match_dateline(text, segment.start, len(text) if line_end < 0 else line_end)


def infer_published(text: str, segments: list[Segment]) -> date | None:
    """The first day-precision absolute date at the top of the article, or None."""
    events = find_events(text, _lead_sentences(text, segments), published=None)
    for event in events:
        if event.precision == "day" and not event.relative:
            return date.fromisoformat(event.value)
    return None


def _lead_sentences(text: str, segments: list[Segment]) -> list[Span]:
    """Timestamp lines before the story, the dateline and the first paragraphs' sentences."""
    sentences: list[Span] = []
    paragraphs = 0
    for segment in segments:
        if segment.type == "body":
            sentences.extend(split_sentences(text, Span(segment.start, segment.end)))
            paragraphs += 1
            if paragraphs == _LEAD_PARAGRAPHS:
                break
        elif segment.type == "dateline" or (segment.type == "other" and paragraphs == 0):
            sentences.append(Span(segment.start, segment.end))
    return sentences
