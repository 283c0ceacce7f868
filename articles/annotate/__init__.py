"""The annotation pipeline: pasted news text in, typed spans out.

Plain Python, no Django. Each stage is a module with one public function; this file only
runs them in order. See README.md in this folder for the result schema.

Each stage runs guarded: when one raises, its layer is left empty (or falls back to a plain
reading: every line a body paragraph), the failure is logged and recorded in
``Result.errors``, and the later stages still run on what the earlier ones found.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from .attributions import find_attributions
from .dates import find_events
from .entities import find_entities
from .figures import find_figures
from .metadata import find_metadata, plain_metadata
from .segments import find_segments, plain_segments
from .text import find_sentences, normalize_newlines, replace_surrogates
from .types import STORY_SEGMENTS, KnownEntity, Result, StageError

__all__ = ["KnownEntity", "Result", "StageError", "annotate"]

logger = logging.getLogger(__name__)
T = TypeVar("T")


def annotate(
    text: str,
    *,
    published: date | str | None = None,
    language: str | None = None,
    known_entities: Iterable[KnownEntity | dict] = (),
    url: str | None = None,
    year_hint: int | None = None,
) -> Result:
    """Annotate one article. Offsets index into ``text`` with CRLF turned into LF (and a lone
    surrogate, which no stage can read, as U+FFFD: the same length).

    ``published`` wins; without it the date comes from ``url``, then from the text;
    ``year_hint`` (the year a batch of articles was written in, ``metadata.collection_year``)
    places a day named with its weekday but no year (``Senin (4/9)``) in an article that names
    no year.
    """
    text = replace_surrogates(normalize_newlines(text))
    errors: list[StageError] = []

    def run(stage: str, step: Callable[[], T], fallback: Callable[[], T]) -> T:
        try:
            return step()
        except Exception as error:  # one stage's bug must not lose the other layers
            errors.append(StageError(stage, describe_error(error)))
            logger.warning("annotation stage %s failed", stage, exc_info=True)
            return fallback()

    published = _as_date(published)
    language = language if language in ("id", "en") else None
    segments = run("segments", lambda: find_segments(text), lambda: plain_segments(text))
    metadata = run(
        "metadata",
        lambda: find_metadata(
            text, segments, published=published, language=language, url=url, year_hint=year_hint
        ),
        lambda: plain_metadata(published, language),
    )
    known = _as_known(known_entities)
    entities, mentions, dateline = run(
        "entities",
        lambda: find_entities(text, segments, metadata, known_entities=known),
        lambda: ([], [], metadata.dateline),
    )
    sentences = run("sentences", lambda: find_sentences(text, segments, STORY_SEGMENTS), lambda: [])
    events = run(
        "events", lambda: find_events(text, sentences, published=metadata.published), lambda: []
    )
    attributions = run(
        "attributions",
        lambda: find_attributions(text, segments, sentences, mentions, metadata),
        lambda: [],
    )
    figures = run(
        "figures",
        lambda: find_figures(
            text, sentences, events=events, attributions=attributions, published=metadata.published
        ),
        lambda: [],
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
        title_proposed=metadata.title_proposed,
        published_from=metadata.published_from,
        errors=errors,
    )


def describe_error(error: BaseException) -> str:
    """``IndexError in attribution_text.trim_words: list index out of range``."""
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        module = frames[-1].filename.rsplit("/", 1)[-1].removesuffix(".py")
        where = f" in {module}.{frames[-1].name}"
    return f"{type(error).__name__}{where}: {error}" if str(error) else type(error).__name__ + where


def _as_date(published: date | str | None) -> date | None:
    if isinstance(published, str):
        return date.fromisoformat(published)
    return published


def _as_known(items: Iterable[KnownEntity | dict]) -> tuple[KnownEntity, ...]:
    return tuple(
        item
        if isinstance(item, KnownEntity)
        else KnownEntity(item["name"], item["label"], tuple(item.get("aliases", ())))
        for item in items
    )
