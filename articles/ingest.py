"""The one write path: pasted text in, an annotated, stored Article out.

`ingest_article` checks the text, annotates it (recognising every editor-confirmed entity),
and stores the article with all its annotations in one transaction. The text is stored
exactly as given. Two pastes of the same text, even one with CRLF and one with LF line
ends, are one article: the content hash is taken over the text with CRLF turned into LF,
which is also the text every offset indexes into.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
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
from articles.keys import entity_slug, shorten_slug
from articles.listing import lead_sentence, refresh_entity_counts
from articles.mapping import (
    build_attributions,
    build_events,
    build_figures,
    build_mentions,
    clip,
    max_length,
    segment_row,
)
from articles.models import Article, Attribution, Entity, Event, Figure, Mention, Segment

# About 30,000 words: several times the longest news article, small enough to annotate in
# a few seconds inside a web request.
MAX_TEXT_CHARS = 200_000
# Control characters that never occur in pasted prose (tab, newlines and form feed may).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.001
TITLE_FALLBACK_CHARS = 80
LANGUAGES = ("id", "en")
_SURROGATE = re.compile("[\ud800-\udfff]")

logger = logging.getLogger(__name__)


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
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise IngestError(
            f"The text is not valid Unicode: character {surrogate.start() + 1:,} is half of a "
            f"surrogate pair (U+{ord(surrogate.group()):04X}). Copy the article again from its "
            "source."
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


def check_fields(*, title: str = "", outlet: str = "", url: str = "", language: str = "") -> None:
    """Raise IngestError for a field the article cannot store (the form checks these too)."""
    url_max = max_length(Article, "url")
    if len(url.strip()) > url_max:
        raise IngestError(
            f"The URL is too long: {len(url.strip()):,} characters, the limit is {url_max}."
        )
    for name, value in (("title", title), ("outlet", outlet), ("URL", url)):
        if _SURROGATE.search(value):
            raise IngestError(f"The {name} is not valid Unicode text.")
    if language and language not in LANGUAGES:
        raise IngestError(f"Unknown language {language[:20]!r}: use one of {', '.join(LANGUAGES)}.")


def annotate_text(
    text: str,
    *,
    published: date | None = None,
    language: str = "",
    url: str = "",
    year_hint: int | None = None,
) -> Result:
    """Run the pipeline with what editors have confirmed so far. ``year_hint``: the year a
    batch of articles was written in (``metadata.collection_year``), for a day named with its
    weekday but no year in an article that names no year."""
    result = annotate(
        text,
        published=published,
        language=language or None,
        known_entities=confirmed_entities(),
        url=url or None,
        year_hint=year_hint,
    )
    for error in result.errors:
        logger.warning("annotation stage %s failed: %s", error.stage, error.reason)
    return result


def ingest_article(
    *,
    text: str,
    title: str = "",
    outlet: str = "",
    url: str = "",
    published: date | None = None,
    language: str = "",
    status: str = Article.Status.PUBLISHED,
    year_hint: int | None = None,
) -> IngestResult:
    """Store `text` as an annotated article, or return the one already holding it.

    Blank optional fields are filled in from what the pipeline proposes; ``year_hint`` (a
    batch's year, see ``annotate_text``) helps it read the publication date from the text.
    """
    check_text(text)
    check_fields(title=title, outlet=outlet, url=url, language=language)
    existing = find_existing(text)
    if existing:
        return IngestResult(existing, created=False)
    # Annotate before the transaction: on SQLite a transaction holds the write lock from
    # its start (IMMEDIATE), and other writers should not wait seconds for the pipeline.
    result = annotate_text(
        text, published=published, language=language, url=url, year_hint=year_hint
    )
    with transaction.atomic():
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
        store_guarded(article, result)
        refresh_entity_counts(article.mentions.values_list("entity", flat=True))
    return IngestResult(article, created=True)


def store_guarded(article: Article, result: Result) -> None:
    """Store the annotation rows; when that fails, keep the article and say why."""
    try:
        with transaction.atomic():
            store_annotations(article, result)
    except Exception as error:  # the article is kept, marked for editors
        logger.exception("storing the annotations of article %s failed", article.pk)
        reason = f"{type(error).__name__}: {error}"[:300]
        article.annotation_errors = [
            *article.annotation_errors,
            {"stage": "storage", "reason": reason},
        ]
        article.save(update_fields=["annotation_errors"])


def propose_title(text: str, result: Result) -> str:
    """The pipeline's title (a headline line or a phrase from the lead), else the first line."""
    if result.title and result.title.strip():
        return result.title
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return textwrap.shorten(first_line, TITLE_FALLBACK_CHARS, placeholder=" …") or "Untitled"


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
    title = clip(title.strip() or propose_title(text, result), Article, "title")
    place = (result.dateline.place or "") if result.dateline else ""
    return Article.objects.create(
        text=text,
        content_hash=hash_text(text),
        title=title,
        slug=shorten_slug(slugify(title), max_length(Article, "slug")) or "article",
        language=result.language,
        published_on=published or result.published,
        published_inferred=False if published else result.published_inferred,
        annotation_errors=[dataclasses.asdict(error) for error in result.errors],
        outlet=clip(outlet.strip() or result.outlet or "", Article, "outlet"),
        lead=lead_sentence(normalize_newlines(text), result.segments),
        dateline_place=clip(place, Article, "dateline_place"),
        url=url.strip()[: max_length(Article, "url")],
        status=status,
        annotated_at=timezone.now(),
    )


def store_annotations(article: Article, result: Result) -> None:
    entities = resolve_entities(result.entities)
    if result.dateline and result.dateline.entity in entities:
        article.dateline_entity = entities[result.dateline.entity]
        article.save(update_fields=["dateline_entity"])
    Segment.objects.bulk_create(segment_row(article, s) for s in result.segments)
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
        name=clip(item.name, Entity, "name"),
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


# Re-annotation (articles.corrections.reannotate applies the editors' decisions after it).


def reannotate_article(article: Article) -> Result:
    """Run the pipeline again over a stored article and replace its annotation rows with the
    fresh result, in one transaction. The editor's metadata stays: a publication date that
    was given (not inferred) and the language anchor the pipeline, so dates are re-resolved
    against them; an inferred date is proposed again."""
    published = None if article.published_inferred else article.published_on
    # A date read from the text with a batch's year keeps that year when it is read again.
    inferred = published is None and article.published_on is not None
    inferred_year = article.published_on.year if inferred else None
    result = annotate_text(
        article.text,
        published=published,
        language=article.language,
        url=article.url,
        year_hint=inferred_year,
    )
    with transaction.atomic():
        for rows in (Segment, Mention, Attribution, Event, Figure):
            rows.objects.filter(article=article).delete()
        if published is None:
            article.published_on = result.published
            article.published_inferred = result.published_inferred
        article.dateline_place = (
            clip(result.dateline.place or "", Article, "dateline_place") if result.dateline else ""
        )
        article.dateline_entity = None
        article.annotated_at = timezone.now()
        article.annotation_errors = [dataclasses.asdict(error) for error in result.errors]
        article.lead = lead_sentence(article.body_text, result.segments)
        article.save()
        store_annotations(article, result)
    return result
