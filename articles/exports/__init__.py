"""Exports: one article, or a set of articles streamed, in every format readers take away.

Every export starts from one shape, an ``Item``: the stored article, its annotations read
back as the pipeline's ``KeyedResult`` (``articles.mapping.result_from_article``: editors'
rejections applied, stable keys), the entity rows it names and its absolute permalink. Each
format is a pair of functions in its own module: ``one(item) -> str`` for a single article
and ``many(items) -> Iterator[str]`` for a set, which yields as it goes so a download of the
whole collection never holds more than one chunk of articles in memory.

| name | what |
|---|---|
| ``annotations.jsonld`` | W3C Web Annotation: an ``AnnotationCollection`` per article |
| ``pipeline.json`` | the pipeline's JSON with keys (``pipeline.py``); a set is JSON Lines |
| ``figures.csv``, ``entities.csv``, ``timeline.csv`` | one row per figure, per mention, per event |
| ``timeline.json`` | the timeline as TimelineJS3 JSON |
| ``article.md`` | Markdown with entity links, sources and figures as footnotes |
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles import mapping, models
from articles.exports import markdown, pipeline, tables, timeline, webannotation
from articles.exports.item import Item

__all__ = ["FORMATS", "Format", "Item", "build_item", "stream_items"]

# Articles fetched (with their annotations, one query per table) per round trip.
CHUNK_SIZE = 200


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # also the file name's end: <slug>.<name>
    media_type: str
    label: str  # shown in the Download menu
    one: Callable[[Item], str]
    many: Callable[[Iterable[Item]], Iterator[str]]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "annotations.jsonld",
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            _("Web Annotation (JSON-LD)"),
            webannotation.one,
            webannotation.many,
        ),
        Format(
            "pipeline.json", "application/json", _("Pipeline JSON"), pipeline.one, pipeline.many
        ),
        Format(
            "figures.csv", "text/csv", _("Figures (CSV)"), tables.figures_one, tables.figures_many
        ),
        Format(
            "entities.csv",
            "text/csv",
            _("Entities (CSV)"),
            tables.entities_one,
            tables.entities_many,
        ),
        Format(
            "timeline.csv",
            "text/csv",
            _("Timeline (CSV)"),
            tables.timeline_one,
            tables.timeline_many,
        ),
        Format("timeline.json", "application/json", _("TimelineJS"), timeline.one, timeline.many),
        Format("article.md", "text/markdown", _("Markdown"), markdown.one, markdown.many),
    )
}


def build_item(article: models.Article, base_url: str) -> Item:
    """``article`` with its annotations loaded (``mapping.annotation_lookups()``); ``base_url``
    the site's address without a trailing slash (``https://news.example.com``)."""
    rows = mapping.entity_rows(article)
    return Item(
        article=article,
        result=mapping.result_from_article(article),
        entities=rows,
        url=base_url + article.get_absolute_url(),
        entity_urls={slug: base_url + entity_path(slug) for slug in rows},
    )


@functools.lru_cache(maxsize=4096)
def entity_path(slug: str) -> str:
    """An entity page's path; the same slugs come back in article after article."""
    return reverse("articles:entity", kwargs={"slug": slug})


def stream_items(articles: QuerySet[models.Article], base_url: str) -> Iterator[Item]:
    """Every article of ``articles`` as an ``Item``, fetched ``CHUNK_SIZE`` at a time."""
    loaded = articles.select_related("dateline_entity").prefetch_related(
        *mapping.annotation_lookups()
    )
    for article in loaded.iterator(chunk_size=CHUNK_SIZE):
        yield build_item(article, base_url)
