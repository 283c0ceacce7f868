"""One mapping between the pipeline's spans and the stored rows, both ways, type by type.

Ingest turns a pipeline ``Result`` into rows with the ``*_row`` builders; everything that
reads a stored article (the article page, exports, the API) turns its rows back into the
pipeline's own ``Result`` with ``result_from_article``. Each type's two directions sit side by
side so a new field is added to both at once; text lengths come from the models' fields.

A stored article reads back as a ``KeyedResult``: the pipeline's ``Result`` (entity ids are
the stored entities' slugs, editors' rejected mentions left out) plus the stable fragment key
of every event, figure and attribution, parallel to those lists. A fresh pipeline result gets
the same shape from ``keyed_result``, so the admin preview reads like a stored article.

Adding an annotation type touches: its dataclass in ``annotate/types.py`` and the stage that
finds it; its model (and a migration); here its ``*_row`` and ``*_from_row`` and its line in
``result_from_article`` and ``annotation_lookups``; its key in ``keys.py``; its marks and
cards in ``reading/``; its annotations in ``exports/webannotation.py`` (and a CSV or
footnote if readers want one). The pipeline JSON, the API and bundles follow on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Model, Prefetch, prefetch_related_objects

from articles import keys, models
from articles.annotate import types
from articles.annotate.types import Result, Span

EntityRows = dict[str, models.Entity]  # the pipeline's entity id -> stored entity


@dataclass(slots=True)
class KeyedResult(Result):
    """The pipeline's result with the fragment key of each event, figure and attribution
    (same order as ``events``, ``figures``, ``attributions``)."""

    event_keys: list[str] = field(default_factory=list)
    figure_keys: list[str] = field(default_factory=list)
    attribution_keys: list[str] = field(default_factory=list)

    def keyed_events(self) -> list[tuple[str, types.Event]]:
        return list(zip(self.event_keys, self.events, strict=True))

    def keyed_figures(self) -> list[tuple[str, types.Figure]]:
        return list(zip(self.figure_keys, self.figures, strict=True))

    def keyed_attributions(self) -> list[tuple[str, types.Attribution]]:
        return list(zip(self.attribution_keys, self.attributions, strict=True))

    def entity_names(self) -> dict[str, str]:
        return {entity.id: entity.name for entity in self.entities}


def max_length(model: type[Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def clip(value: str, model: type[Model], name: str) -> str:
    """``value`` cut to fit the field, with an ellipsis when it was cut."""
    limit = max_length(model, name)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def first_day(value: str) -> date | None:
    """`2017-11` → 1 November 2017; `2017` → 1 January 2017; full dates stay as they are;
    `--09-04` (year unknown) → None."""
    if types.is_yearless(value):
        return None
    year, month, day = [*map(int, value.split("-")), 1, 1][:3]
    return date(year, month, day)


# --- segments -------------------------------------------------------------------------------


def segment_row(article: models.Article, span: types.Segment) -> models.Segment:
    return models.Segment(article=article, start=span.start, end=span.end, kind=span.type)


def segment_from_row(row: models.Segment) -> types.Segment:
    return types.Segment(row.start, row.end, row.kind)


# --- mentions -------------------------------------------------------------------------------


def mention_row(
    article: models.Article, span: types.Mention, entities: EntityRows
) -> models.Mention:
    return models.Mention(
        article=article,
        entity=entities[span.entity],
        start=span.start,
        end=span.end,
        text=clip(span.text, models.Mention, "text"),
        label=span.label,
    )


def mention_from_row(row: models.Mention) -> types.Mention:
    return types.Mention(row.start, row.end, row.text, row.label, row.entity.slug)


# --- attributions ---------------------------------------------------------------------------


def attribution_row(
    article: models.Article, key: str, span: types.Attribution, entities: EntityRows
) -> models.Attribution:
    source, source_entity = party_columns(span.source, entities)
    speaker, speaker_entity = party_columns(span.speaker, entities)
    via, via_entity = party_columns(span.via, entities)
    return models.Attribution(
        article=article,
        key=key,
        start=span.start,
        end=span.end,
        kind=span.kind,
        source=source,
        source_entity=source_entity,
        speaker=speaker,
        speaker_entity=speaker_entity,
        via=via,
        via_entity=via_entity,
        content_start=span.content.start if span.content else None,
        content_end=span.content.end if span.content else None,
    )


def attribution_from_row(row: models.Attribution) -> types.Attribution:
    content = None
    if row.content_start is not None and row.content_end is not None:
        content = Span(row.content_start, row.content_end)
    return types.Attribution(
        row.start,
        row.end,
        row.kind,
        source=party_ref(row.source_entity, row.source),
        speaker=party_ref(row.speaker_entity, row.speaker),
        via=party_ref(row.via_entity, row.via),
        content=content,
    )


def party_columns(ref: str | None, entities: EntityRows) -> tuple[str, models.Entity | None]:
    """A source, speaker or via as stored: the entity's name and row, or the descriptor."""
    entity = entities.get(ref or "")
    if entity is not None:
        return entity.name, entity
    return clip(ref or "", models.Attribution, "source"), None


def party_ref(entity: models.Entity | None, written: str) -> str | None:
    """The pipeline's reference back: the entity's id (its slug) or the descriptor."""
    return entity.slug if entity is not None else (written or None)


# --- events ---------------------------------------------------------------------------------


def event_row(article: models.Article, key: str, span: types.Event) -> models.Event:
    return models.Event(
        article=article,
        key=key,
        start=span.start,
        end=span.end,
        text=clip(span.text, models.Event, "text"),
        value=span.value,
        date=first_day(span.value),
        precision=span.precision,
        relative=span.relative,
        sentence_start=span.sentence.start,
        sentence_end=span.sentence.end,
        summary=clip(span.summary, models.Event, "summary"),
        main=span.main,
    )


def event_from_row(row: models.Event) -> types.Event:
    return types.Event(
        row.start,
        row.end,
        row.text,
        row.value,
        row.precision,
        row.relative,
        Span(row.sentence_start, row.sentence_end),
        row.summary,
        row.main,
    )


# --- figures --------------------------------------------------------------------------------


def figure_row(
    article: models.Article, key: str, span: types.Figure, entities: EntityRows
) -> models.Figure:
    source, source_entity = party_columns(span.source, entities)
    return models.Figure(
        article=article,
        key=key,
        start=span.start,
        end=span.end,
        text=clip(span.text, models.Figure, "text"),
        value=span.value,
        value_max=span.value_max,
        qualifier=span.qualifier,
        unit=clip(span.unit or "", models.Figure, "unit"),
        category=span.category,
        as_of=first_day(span.as_of) if span.as_of else None,
        source=source,
        source_entity=source_entity,
        group=span.group,
    )


def figure_from_row(row: models.Figure) -> types.Figure:
    return types.Figure(
        row.start,
        row.end,
        row.text,
        row.value,
        row.value_max,
        row.qualifier,
        row.unit or None,
        row.category,
        row.as_of.isoformat() if row.as_of else None,
        party_ref(row.source_entity, row.source),
        row.group,
    )


# --- entities -------------------------------------------------------------------------------


def entity_from_row(row: models.Entity, forms: list[str]) -> types.Entity:
    """``forms``: the surface forms met in this article, in text order (the pipeline's
    aliases); an entity only named as a source has none."""
    return types.Entity(row.slug, row.label, row.name, list(dict.fromkeys(forms)))


# --- one article's rows, from a pipeline result (ingest) -------------------------------------


def build_mentions(
    article: models.Article, mentions: list[types.Mention], entities: EntityRows
) -> list[models.Mention]:
    return [mention_row(article, m, entities) for m in mentions if m.entity in entities]


def build_attributions(
    article: models.Article, attributions: list[types.Attribution], entities: EntityRows
) -> list[models.Attribution]:
    def slug_of(ref: str) -> str:
        """A source's part of a key: its entity's slug, or the descriptor itself."""
        entity = entities.get(ref)
        return entity.slug if entity else ref

    keyed = keys.keyed_attributions(attributions, slug_of)
    return [attribution_row(article, key, a, entities) for key, a in keyed]


def build_events(article: models.Article, events: list[types.Event]) -> list[models.Event]:
    return [event_row(article, key, e) for key, e in keys.keyed_events(events)]


def build_figures(
    article: models.Article, figures: list[types.Figure], entities: EntityRows
) -> list[models.Figure]:
    return [figure_row(article, key, f, entities) for key, f in keys.keyed_figures(figures)]


# --- a fresh pipeline result with its keys (the admin preview) -------------------------------


def keyed_result(result: Result, slug_of: Callable[[str], str] = str) -> KeyedResult:
    """``result`` in the stored shape: annotations in text order, each with the key ingest
    would give it."""
    events = keys.keyed_events(result.events)
    figures = keys.keyed_figures(result.figures)
    attributions = keys.keyed_attributions(result.attributions, slug_of)
    return KeyedResult(
        language=result.language,
        title=result.title,
        published=result.published,
        published_inferred=result.published_inferred,
        dateline=result.dateline,
        outlet=result.outlet,
        segments=list(result.segments),
        entities=list(result.entities),
        mentions=list(result.mentions),
        attributions=[a for _, a in attributions],
        events=[e for _, e in events],
        figures=[f for _, f in figures],
        title_proposed=result.title_proposed,
        published_from=result.published_from,
        errors=list(result.errors),
        event_keys=[key for key, _ in events],
        figure_keys=[key for key, _ in figures],
        attribution_keys=[key for key, _ in attributions],
    )


# --- a stored article back as the pipeline's result ------------------------------------------


def annotation_lookups() -> list:
    """What ``result_from_article`` reads, one query per table: pass to ``prefetch_related``
    (or ``with_annotations``) so a list of articles costs six queries however long."""
    attributions = models.Attribution.objects.select_related(
        "source_entity", "speaker_entity", "via_entity"
    )
    # An entity comes once per mention: leave out the columns no reading of an article uses.
    mentions = (
        models.Mention.objects.shown()
        .select_related("entity")
        .defer("entity__aliases", "entity__description", "entity__created_at")
    )
    return [
        "segments",
        Prefetch("mentions", queryset=mentions),
        "events",
        Prefetch("figures", queryset=models.Figure.objects.select_related("source_entity")),
        Prefetch("attributions", queryset=attributions),
    ]


def with_annotations(article: models.Article) -> models.Article:
    prefetch_related_objects([article], *annotation_lookups())
    return article


def result_from_article(article: models.Article) -> KeyedResult:
    """The stored article as the pipeline's result: rejected mentions left out, entity ids
    the entities' slugs, and every stored key. Makes no query when the article's annotations
    were prefetched with ``annotation_lookups()`` (one more when the dateline's place is an
    entity the article's annotations do not name and ``dateline_entity`` was not selected)."""
    mentions = [m for m in article.mentions.all() if models.is_shown(m)]
    figures = list(article.figures.all())
    attributions = list(article.attributions.all())
    # In text order, as the pipeline gives them (the table orders events by date).
    events = sorted(article.events.all(), key=lambda e: (e.start, e.end))
    segments = [segment_from_row(s) for s in article.segments.all()]
    return KeyedResult(
        language=article.language,
        title=article.title,
        published=article.published_on,
        published_inferred=article.published_inferred,
        dateline=dateline_from_article(article, segments),
        outlet=article.outlet or None,
        segments=segments,
        entities=entities_of(mentions, entity_rows(article)),
        mentions=[mention_from_row(m) for m in mentions],
        attributions=[attribution_from_row(a) for a in attributions],
        events=[event_from_row(e) for e in events],
        figures=[figure_from_row(f) for f in figures],
        errors=[
            types.StageError(str(e.get("stage", "")), str(e.get("reason", "")))
            for e in article.annotation_errors
        ],
        event_keys=[e.key for e in events],
        figure_keys=[f.key for f in figures],
        attribution_keys=[a.key for a in attributions],
    )


def dateline_entity(article: models.Article) -> models.Entity | None:
    """The dateline's place, found among the entities already loaded when it is there."""
    if article.dateline_entity_id is None:
        return None
    loaded = {entity.pk: entity for entity in entity_rows(article).values()}
    return loaded.get(article.dateline_entity_id) or article.dateline_entity


def dateline_from_article(
    article: models.Article, segments: list[types.Segment]
) -> types.Dateline | None:
    """The dateline as stored: its segment, the place and outlet as written (their own spans
    are not stored)."""
    segment = next((s for s in segments if s.type == "dateline"), None)
    if segment is None:
        return None
    text = article.body_text[segment.start : segment.end]
    entity = dateline_entity(article)
    return types.Dateline(
        start=segment.start,
        end=segment.end,
        text=text,
        place=article.dateline_place or None,
        place_span=None,
        outlet=article.outlet or None,
        outlet_span=None,
        entity=entity.slug if entity is not None else None,
    )


def entities_of(mentions: list[models.Mention], rows: EntityRows) -> list[types.Entity]:
    """Every entity the article's annotations name, with the forms its mentions use."""
    forms: dict[str, list[str]] = {}
    for mention in mentions:
        forms.setdefault(mention.entity.slug, []).append(mention.text)
    return [entity_from_row(row, forms.get(slug, [])) for slug, row in rows.items()]


def entity_rows(article: models.Article) -> EntityRows:
    """The stored entities an article's shown annotations name, by slug: mentioned ones
    first, in text order, then sources (for exports that need more than ``Result`` holds,
    such as the Wikidata id). No query after ``annotation_lookups()``."""
    rows: EntityRows = {}
    for mention in article.mentions.all():
        if models.is_shown(mention):
            rows.setdefault(mention.entity.slug, mention.entity)
    for figure in article.figures.all():
        if figure.source_entity is not None:
            rows.setdefault(figure.source_entity.slug, figure.source_entity)
    for a in article.attributions.all():
        for entity in (a.source_entity, a.speaker_entity, a.via_entity):
            if entity is not None:
                rows.setdefault(entity.slug, entity)
    return rows
