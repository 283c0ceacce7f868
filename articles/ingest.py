"""The one write path: pasted text in, an annotated, stored Article out.

`ingest_article` checks the text, annotates it (recognising every editor-confirmed entity),
and stores the article with all its annotations in one transaction. The text is stored
exactly as given. Two pastes of the same text, even one with CRLF and one with LF line
ends, are one article: the content hash is taken over the text with CRLF turned into LF,
which is also the text every offset indexes into.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import textwrap
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles.annotate import KnownEntity, Result, annotate, types
from articles.annotate.text import normalize_newlines
from articles.keys import (
    entity_slug,
    keyed_attributions,
    keyed_events,
    keyed_figures,
    shorten_slug,
)
from articles.models import (
    Article,
    Attribution,
    Entity,
    Event,
    Figure,
    Mention,
    Segment,
)

# About 30,000 words: several times the longest news article, small enough to annotate in
# a few seconds inside a web request.
MAX_TEXT_CHARS = 200_000
# Control characters that never occur in pasted prose (tab, newlines and form feed may).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.001
TITLE_FALLBACK_CHARS = 80
ARTICLE_SLUG_MAX = 120  # Article.slug max_length


class IngestError(ValueError):
    """The text cannot become an article; the message says why, for the editor."""


@dataclass(frozen=True, slots=True)
class IngestResult:
    article: Article
    created: bool


def check_text(text: str) -> None:
    """Raise IngestError unless `text` is non-empty text within the size limit."""
    if not text or not text.strip():
        raise IngestError("The text is empty: paste the article's text.")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            f"The text is too long: {len(text):,} characters, the limit is {MAX_TEXT_CHARS:,}."
        )
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > len(text) * MAX_CONTROL_SHARE:
        raise IngestError(
            "This does not look like text: it contains binary control characters. "
            "Paste the article's text, not a file's bytes."
        )


def hash_text(text: str) -> str:
    return hashlib.sha256(normalize_newlines(text).encode("utf-8")).hexdigest()


def find_existing(text: str) -> Article | None:
    return Article.objects.filter(content_hash=hash_text(text)).first()


def confirmed_entities() -> list[KnownEntity]:
    rows = Entity.objects.filter(confirmed=True).values_list("name", "label", "aliases")
    return [KnownEntity(name, label, tuple(aliases)) for name, label, aliases in rows]


def annotate_text(text: str, *, published: date | None = None, language: str = "") -> Result:
    """Run the pipeline with what editors have confirmed so far."""
    return annotate(
        text,
        published=published,
        language=language or None,
        known_entities=confirmed_entities(),
    )


def ingest_article(
    *,
    text: str,
    title: str = "",
    outlet: str = "",
    url: str = "",
    published: date | None = None,
    language: str = "",
    status: str = Article.Status.PUBLISHED,
) -> IngestResult:
    """Store `text` as an annotated article, or return the one already holding it.

    Blank optional fields are filled in from what the pipeline proposes.
    """
    check_text(text)
    existing = find_existing(text)
    if existing:
        return IngestResult(existing, created=False)
    with transaction.atomic():
        result = annotate_text(text, published=published, language=language)
        try:
            with transaction.atomic():
                article = create_article(
                    text,
                    result,
                    title=title,
                    outlet=outlet,
                    url=url,
                    published=published,
                    status=status,
                )
        except IntegrityError:
            # Another process stored the same text while this one was annotating.
            existing = find_existing(text)
            if existing is None:
                raise
            return IngestResult(existing, created=False)
        store_annotations(article, result)
    return IngestResult(article, created=True)


def propose_title(text: str, result: Result) -> str:
    if result.title:
        return result.title
    first_line = next(line for line in text.splitlines() if line.strip())
    return textwrap.shorten(first_line, TITLE_FALLBACK_CHARS, placeholder=" …")


def create_article(
    text: str,
    result: Result,
    *,
    title: str,
    outlet: str,
    url: str,
    published: date | None,
    status: str,
) -> Article:
    title = clip(title.strip() or propose_title(text, result), 300)
    return Article.objects.create(
        text=text,
        content_hash=hash_text(text),
        title=title,
        slug=shorten_slug(slugify(title), ARTICLE_SLUG_MAX) or "article",
        language=result.language,
        published_on=published or result.published,
        published_inferred=False if published else result.published_inferred,
        outlet=clip(outlet.strip() or result.outlet or "", 200),
        dateline_place=clip(result.dateline.place or "", 200) if result.dateline else "",
        url=url.strip(),
        status=status,
        annotated_at=timezone.now(),
    )


def store_annotations(article: Article, result: Result) -> None:
    entities = resolve_entities(result.entities)
    if result.dateline and result.dateline.entity in entities:
        article.dateline_entity = entities[result.dateline.entity]
        article.save(update_fields=["dateline_entity"])
    Segment.objects.bulk_create(
        Segment(article=article, start=s.start, end=s.end, kind=s.type) for s in result.segments
    )
    Mention.objects.bulk_create(build_mentions(article, result.mentions, entities))
    Attribution.objects.bulk_create(build_attributions(article, result.attributions, entities))
    Event.objects.bulk_create(build_events(article, result.events))
    Figure.objects.bulk_create(build_figures(article, result.figures, entities))


# Entities are shared by all articles: one row per (label, canonical name).


def resolve_entities(found: list[types.Entity]) -> dict[str, Entity]:
    """Map the pipeline's entity ids to stored entities, creating the new ones.

    A found entity is the stored one with the same type and name, or failing that the one
    that already lists its name among its aliases. Newly seen surface forms are added to the
    stored entity's aliases.
    """
    stored = find_stored_entities(found)
    resolved: dict[str, Entity] = {}
    changed: list[Entity] = []
    for item in found:
        entity = stored.get((item.label, item.name.casefold()))
        if entity is None:
            entity = create_entity(item)
        elif merge_aliases(entity, [item.name, *item.aliases]):
            changed.append(entity)
        resolved[item.id] = entity
    Entity.objects.bulk_update(changed, ["aliases"])
    return resolved


def find_stored_entities(found: list[types.Entity]) -> dict[tuple[str, str], Entity]:
    if not found:
        return {}
    names = {item.name for item in found}
    # `icontains` on the JSON text only narrows the rows down; the match is checked below.
    # SQLite keeps that text ASCII-escaped (`Erdo\u011fan`), PostgreSQL does not: try both.
    alias_filter = Q()
    for name in names:
        alias_filter |= Q(aliases__icontains=name) | Q(aliases__icontains=json.dumps(name)[1:-1])
    rows = Entity.objects.filter(label__in={item.label for item in found}).filter(
        Q(name__in=names) | alias_filter
    )
    by_name: dict[tuple[str, str], Entity] = {}
    for entity in rows:
        for form in entity.aliases:
            by_name.setdefault((entity.label, form.casefold()), entity)
    for entity in rows:
        by_name[(entity.label, entity.name.casefold())] = entity
    return by_name


def create_entity(item: types.Entity) -> Entity:
    aliases = unique_forms(item.name, item.aliases)
    entity, _ = Entity.objects.get_or_create(
        label=item.label,
        name=clip(item.name, 200),
        defaults={
            "slug": entity_slug(item.name, item.label, is_slug_taken),
            "aliases": aliases,
        },
    )
    return entity


def is_slug_taken(slug: str) -> bool:
    return Entity.objects.filter(slug=slug).exists()


def unique_forms(name: str, forms: list[str]) -> list[str]:
    """The surface forms other than the name itself, each once, in first-seen order."""
    seen = {name.casefold()}
    unique = []
    for form in forms:
        if form.casefold() not in seen:
            seen.add(form.casefold())
            unique.append(form)
    return unique


def merge_aliases(entity: Entity, forms: list[str]) -> bool:
    """Add the forms the entity does not list yet; True when something was added."""
    known = {alias.casefold() for alias in entity.aliases}
    new = [form for form in unique_forms(entity.name, forms) if form.casefold() not in known]
    entity.aliases = [*entity.aliases, *new]
    return bool(new)


# Rows for one article.


def build_mentions(
    article: Article, mentions: list[types.Mention], entities: dict[str, Entity]
) -> list[Mention]:
    return [
        Mention(
            article=article,
            entity=entities[m.entity],
            start=m.start,
            end=m.end,
            text=clip(m.text, 300),
            label=m.label,
        )
        for m in mentions
        if m.entity in entities
    ]


def build_attributions(
    article: Article, attributions: list[types.Attribution], entities: dict[str, Entity]
) -> list[Attribution]:
    def who(ref: str | None) -> tuple[str, Entity | None]:
        entity = entities.get(ref or "")
        return (entity.name, entity) if entity else (clip(ref or "", 300), None)

    rows = []
    slug_of = functools.partial(entity_key_part, entities=entities)
    for key, item in keyed_attributions(attributions, slug_of):
        source, source_entity = who(item.source)
        speaker, speaker_entity = who(item.speaker)
        via, via_entity = who(item.via)
        rows.append(
            Attribution(
                article=article,
                key=key,
                start=item.start,
                end=item.end,
                kind=item.kind,
                source=source,
                source_entity=source_entity,
                speaker=speaker,
                speaker_entity=speaker_entity,
                via=via,
                via_entity=via_entity,
                content_start=item.content.start if item.content else None,
                content_end=item.content.end if item.content else None,
            )
        )
    return rows


def entity_key_part(ref: str, entities: dict[str, Entity]) -> str:
    """A source's part of a key: its entity's slug, or the descriptor itself."""
    entity = entities.get(ref)
    return entity.slug if entity else ref


def build_events(article: Article, events: list[types.Event]) -> list[Event]:
    return [
        Event(
            article=article,
            key=key,
            start=e.start,
            end=e.end,
            text=clip(e.text, 300),
            value=e.value,
            date=first_day(e.value),
            precision=e.precision,
            relative=e.relative,
            sentence_start=e.sentence.start,
            sentence_end=e.sentence.end,
            summary=clip(e.summary, 300),
            main=e.main,
        )
        for key, e in keyed_events(events)
    ]


def build_figures(
    article: Article, figures: list[types.Figure], entities: dict[str, Entity]
) -> list[Figure]:
    return [
        Figure(
            article=article,
            key=key,
            start=f.start,
            end=f.end,
            text=clip(f.text, 300),
            value=f.value,
            value_max=f.value_max,
            qualifier=f.qualifier,
            unit=clip(f.unit or "", 50),
            category=f.category,
            as_of=first_day(f.as_of) if f.as_of else None,
            source=entities[f.source].name if f.source in entities else clip(f.source or "", 300),
            source_entity=entities.get(f.source or ""),
            group=f.group,
        )
        for key, f in keyed_figures(figures)
    ]


def first_day(value: str) -> date:
    """`2017-11` → 1 November 2017; `2017` → 1 January 2017; full dates stay as they are."""
    year, month, day = [*map(int, value.split("-")), 1, 1][:3]
    return date(year, month, day)


def clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
