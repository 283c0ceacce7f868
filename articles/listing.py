"""What article and entity lists show without reading any article's text.

- ``lead_sentence``: the story's first sentence, stored on the article when it is ingested.
- ``reachable_mentions``: the mentions a reader can step to (not rejected, not in the title,
  which the page shows as its heading), the one rule every count uses.
- ``refresh_entity_counts``: keeps ``Entity.mention_count``/``article_count`` (published
  articles only) up to date. Call it with the entities whose mentions changed, from every
  write path: ingest, corrections, publishing or removing an article.
- ``kept_until_change``: what a page reads across many articles (the front page's menus, an
  entity page's chart and count), kept in the cache until any article changes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.text import Truncator

from articles.annotate.types import STORY_SEGMENTS, Segment
from articles.models import Article, Entity, Mention
from articles.models import Segment as SegmentRow

LEAD_CHARS = 400
# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a space and a
# capital letter or an opening quote: `3/4/2019.` ends one, `Rp 1.5 juta` does not.
SENTENCE_END = re.compile(r"[.!?][”\"’)]?(?=\s+[“\"‘(]?[A-Z])")
COUNT_BATCH = 1000
# A deletion moves neither stamp that kept results are keyed by: it moves a generation kept in
# the cache (at once wherever the cache is shared, as with Redis), and kept results are made
# again at least this often (seconds) anyway.
KEPT_FOR = 600
GENERATION = "collection-generation"

T = TypeVar("T")


def kept_until_change(
    name: str, parts: tuple, make: Callable[[], T], stamp: tuple | None = None
) -> T:
    """``make()``'s result, kept in the cache under ``name``, ``parts`` (what else it depends
    on: the audience, the language, an entity) and the collection's stamp: the newest
    ``updated_at`` and the highest id of all articles, both read from the end of an index in
    one small query (or given, when one view keeps several results). Any saved, published or
    corrected article moves the stamp, so the next view makes it again."""
    stamp = collection_stamp() if stamp is None else stamp
    key_parts = (name, *parts, *stamp, cache.get(GENERATION, 0))
    key = f"{name}:" + hashlib.blake2b(repr(key_parts).encode(), digest_size=16).hexdigest()
    kept = cache.get(key)
    if kept is None:
        kept = make()
        cache.set(key, kept, KEPT_FOR)
    return kept


def collection_stamp() -> tuple:
    """The newest ``updated_at`` and the highest id of all articles (one maximum per subquery:
    SQLite reads an index for a lone MAX only)."""
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:
        newest = f"(SELECT MAX(updated_at) FROM {table}), (SELECT MAX(id) FROM {table})"
        cursor.execute(f"SELECT {newest}")
        return cursor.fetchone()


def forget_kept() -> None:
    """After a deletion: every kept result is made again on its next view."""
    try:
        cache.incr(GENERATION)
    except ValueError:  # not in the cache yet
        cache.set(GENERATION, 1, None)


def lead_sentence(text: str, segments: Sequence[Segment]) -> str:
    """The first sentence of the first story paragraph (the dateline is its own segment)."""
    for segment in sorted(segments, key=lambda s: s.start):
        if segment.type in STORY_SEGMENTS:
            paragraph = " ".join(text[segment.start : segment.end].split())
            end = SENTENCE_END.search(paragraph)
            sentence = paragraph[: end.end()] if end else paragraph
            return Truncator(sentence).chars(LEAD_CHARS)
    return ""


def reachable_mentions() -> QuerySet[Mention]:
    in_title = SegmentRow.objects.filter(
        article=OuterRef("article"),
        kind="title",
        start__lte=OuterRef("start"),
        end__gte=OuterRef("end"),
    )
    return Mention.objects.exclude(status=Mention.Status.REJECTED).exclude(Exists(in_title))


def refresh_entity_counts(entity_ids: Iterable[int] | None = None) -> int:
    """Recount the given entities (all of them when None); returns how many were updated.
    Two queries per thousand entities: the counts, then the update."""
    entities = Entity.objects.order_by("pk").only("pk", "mention_count", "article_count")
    if entity_ids is not None:
        entities = entities.filter(pk__in=set(entity_ids))
    updated = 0
    batch: list[Entity] = []
    for entity in entities.iterator(chunk_size=COUNT_BATCH):
        batch.append(entity)
        if len(batch) == COUNT_BATCH:
            updated += recount(batch)
            batch = []
    return updated + (recount(batch) if batch else 0)


def recount(entities: list[Entity]) -> int:
    published = reachable_mentions().filter(article__status=Article.Status.PUBLISHED)
    rows = (
        published.filter(entity__in=[entity.pk for entity in entities])
        .order_by()
        .values("entity")
        .annotate(mentions=Count("pk"), articles=Count("article", distinct=True))
    )
    counts = {row["entity"]: (row["mentions"], row["articles"]) for row in rows}
    changed = []
    for entity in entities:
        new = counts.get(entity.pk, (0, 0))
        if (entity.mention_count, entity.article_count) != new:
            entity.mention_count, entity.article_count = new
            changed.append(entity)
    Entity.objects.bulk_update(changed, ["mention_count", "article_count"])
    return len(changed)
