"""The one write path for editors' corrections.

Every function here is one correction: it runs in one transaction, changes the rows, stores
the editor's *decision* (``Decision``: keyed by the kind and span of what it annotates, so
it can be applied again over a fresh pipeline result), records one ``Correction`` in the
public log (who, when, what, before and after as JSON), and bumps the article's
``updated_at`` (the article page's cache key). ``reannotate`` runs the pipeline again and
re-applies every decision; ``undo`` restores a logged correction's "before" state.

Errors an editor can make (offsets outside the text, a date that is not a date) raise
``CorrectionError`` with a message for the form; nothing is changed then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import mapping
from articles.annotate import types
from articles.annotate.types import Span
from articles.ingest import is_slug_taken, reannotate_article, unique_forms
from articles.keys import entity_slug, event_keys, figure_keys, shorten_slug
from articles.listing import refresh_entity_counts
from articles.mapping import clip, first_day, max_length
from articles.models import (
    Article,
    Attribution,
    Correction,
    Decision,
    Entity,
    EntityRedirect,
    Event,
    Figure,
    Mention,
    Review,
    WikidataItem,
)

LABELS = ("PER", "ORG", "LOC")
ISO_VALUE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
PRECISIONS = {1: "year", 2: "month", 3: "day"}
QUALIFIERS = ("exact", "about", "more_than", "less_than", "at_least", "at_most", "range")
KINDS = ("quote", "according_to", "reported_by", "relayed_from", "source_footer")
MAX_MENTION_CHARS = 300


class CorrectionError(ValueError):
    """The correction cannot be made; the message says why, for the editor."""


# Shared steps.


def touch(article_ids: Iterable[int], *, corrected: bool = False) -> None:
    """Every correction changes what the article page shows: bump its cache key (and with
    ``corrected``, mark that the article has a correction log to show)."""
    now = timezone.now()
    fields = {"updated_at": now, "corrected_at": now} if corrected else {"updated_at": now}
    Article.objects.filter(pk__in=list(article_ids)).update(**fields)


def record(user, action: str, target: str, *, article=None, entity=None, before=None, after=None):
    if article is not None and action not in UNLOGGED_PUBLICLY:
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(corrected_at=now, updated_at=now)
        article.corrected_at = now
    correction = Correction.objects.create(
        user=user if getattr(user, "pk", None) else None,
        action=action,
        target=clip(target, Correction, "target"),
        article=article,
        entity=entity,
        before=before or {},
        after=after or {},
    )
    recount(article, [entity.pk] if entity is not None else [])
    return correction


def recount(article: Article | None, entity_ids: Iterable[int] = ()) -> None:
    """Keep the stored entity counts (``/entities/``) true after a correction: the entities
    the article names now, and any other the correction touched."""
    ids = set(entity_ids)
    if article is not None:
        ids |= set(Mention.objects.filter(article=article).values_list("entity", flat=True))
    refresh_entity_counts(ids)


def decision_data(article: Article, kind: str, start: int, end: int) -> dict | None:
    row = Decision.objects.filter(article=article, kind=kind, start=start, end=end).first()
    return row.data if row else None


def set_decision(article: Article, kind: str, start: int, end: int, data: dict | None) -> dict:
    """Store (or with ``None`` drop) the decision on a span; returns its previous state as
    the log keeps it."""
    previous = decision_data(article, kind, start, end)
    if data is None:
        Decision.objects.filter(article=article, kind=kind, start=start, end=end).delete()
    else:
        Decision.objects.update_or_create(
            article=article, kind=kind, start=start, end=end, defaults={"data": data}
        )
    return {"kind": kind, "start": start, "end": end, "data": previous}


def decision_state(article: Article, kind: str, start: int, end: int) -> dict:
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "data": decision_data(article, kind, start, end),
    }


# Mentions.


def set_mention_status(user, mention: Mention, status: str) -> Correction:
    """Accept (``confirmed``) or reject (``rejected``) what the machine proposed."""
    if status not in (Review.CONFIRMED, Review.REJECTED):
        raise CorrectionError("A mention is either confirmed or rejected.")
    article = mention.article
    with transaction.atomic():
        data = {**(decision_data(article, "mention", mention.start, mention.end) or {})}
        data["status"] = status
        if status == Review.CONFIRMED and data.get("entity"):
            data["status"] = Review.EDITED  # confirmed, but of the editor's own entity
        before = set_decision(article, "mention", mention.start, mention.end, data)
        Mention.objects.filter(pk=mention.pk).update(status=data["status"])
        if status == Review.CONFIRMED:
            unconfirmed = Entity.objects.filter(pk=mention.entity_id, confirmed=False)
            unconfirmed.update(confirmed=True, confirmed_at=timezone.now())
        touch([article.pk])
        action = "mention.confirm" if status == Review.CONFIRMED else "mention.reject"
        after = decision_state(article, "mention", mention.start, mention.end)
        return record(
            user,
            action,
            mention.text,
            article=article,
            entity=mention.entity,
            before={"decisions": [before]},
            after={"decisions": [after], "entity": mention.entity.name},
        )


def set_mention_entity(user, mention: Mention, entity: Entity, action: str = "mention.repoint"):
    """Re-point a mention to another entity (relabel, split off and re-point all end here)."""
    article = mention.article
    with transaction.atomic():
        data = {"status": Review.EDITED, "entity": entity.pk}
        before = set_decision(article, "mention", mention.start, mention.end, data)
        old = mention.entity
        Mention.objects.filter(pk=mention.pk).update(
            entity=entity, label=entity.label, status=Review.EDITED
        )
        touch([article.pk])
        after = decision_state(article, "mention", mention.start, mention.end)
        recount(None, [old.pk])
        return record(
            user,
            action,
            mention.text,
            article=article,
            entity=entity,
            before={"decisions": [before], "entity": old.name, "label": old.label},
            after={"decisions": [after], "entity": entity.name, "label": entity.label},
        )


def entity_named(name: str, label: str) -> Entity:
    """The entity of that type and name, created (unconfirmed) when there is none."""
    name = " ".join(name.split())
    if not name:
        raise CorrectionError("Give the entity a name.")
    if label not in LABELS:
        raise CorrectionError("The type is a person, an organisation or a place.")
    existing = Entity.objects.filter(label=label, name__iexact=name).first()
    if existing:
        return existing
    return Entity.objects.create(
        label=label,
        name=clip(name, Entity, "name"),
        slug=entity_slug(name, label, is_slug_taken),
        aliases=[],
    )


def relabel_mention(user, mention: Mention, label: str) -> Correction:
    """Fix a mention's type: it then means the entity of that type with the same name."""
    if label == mention.entity.label:
        raise CorrectionError("The mention already has this type.")
    target = entity_named(mention.entity.name, label)
    return set_mention_entity(user, mention, target, "mention.relabel")


def split_mention(user, mention: Mention, name: str, label: str) -> Correction:
    """Take one mention away from a wrong fold, to an entity of its own."""
    target = entity_named(name or mention.text, label or mention.entity.label)
    if target.pk == mention.entity_id:
        raise CorrectionError("Give the split-off mention another name or type.")
    return set_mention_entity(user, mention, target, "mention.split")


def check_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """The span with surrounding white space trimmed; refused when outside the text."""
    text = article.body_text
    if not (0 <= start < end <= len(text)):
        raise CorrectionError("The selection is not inside the article's text.")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise CorrectionError("The selection is empty.")
    if end - start > MAX_MENTION_CHARS or "\n" in text[start:end]:
        raise CorrectionError("Select a name within one paragraph, at most 300 characters.")
    return start, end


def add_mention(user, article: Article, start: int, end: int, entity: Entity) -> Correction:
    """Mark words the machine missed; marks it overlaps are rejected in the same step."""
    start, end = check_span(article, start, end)
    text = article.body_text[start:end]
    with transaction.atomic():
        befores = []
        overlapping = Mention.objects.shown().filter(article=article, start__lt=end, end__gt=start)
        for other in overlapping:
            if (other.start, other.end) == (start, end):
                continue
            data = {**(decision_data(article, "mention", other.start, other.end) or {})}
            data["status"] = Review.REJECTED
            befores.append(set_decision(article, "mention", other.start, other.end, data))
            Mention.objects.filter(pk=other.pk).update(status=Review.REJECTED)
        data = {"status": Review.EDITED, "entity": entity.pk, "added": True}
        befores.append(set_decision(article, "mention", start, end, data))
        Mention.objects.update_or_create(
            article=article,
            start=start,
            end=end,
            defaults={"entity": entity, "text": text, "label": entity.label, "status": "edited"},
        )
        touch([article.pk])
        after = decision_state(article, "mention", start, end)
        return record(
            user,
            "mention.add",
            text,
            article=article,
            entity=entity,
            before={"decisions": befores},
            after={"decisions": [after], "entity": entity.name, "label": entity.label},
        )


# Entities (shared by every article: a change touches each article that mentions them).


ENTITY_FIELDS = ("name", "label", "aliases", "description", "wikidata_id", "confirmed")


def entity_state(entity: Entity) -> dict:
    return {field: getattr(entity, field) for field in ENTITY_FIELDS} | {"slug": entity.slug}


def articles_of(entity: Entity) -> list[int]:
    return list(Mention.objects.filter(entity=entity).values_list("article", flat=True).distinct())


def edit_entity(
    user,
    entity: Entity,
    *,
    name: str,
    label: str,
    aliases: list[str],
    description: str,
    wikidata_id: str,
    article: Article | None = None,
) -> Correction:
    """Fix an entity's name, type, aliases, description or Wikidata id; it is then
    confirmed, so later annotation recognises it by every name listed."""
    name = " ".join(name.split())
    if not name:
        raise CorrectionError("Give the entity a name.")
    if label not in LABELS:
        raise CorrectionError("The type is a person, an organisation or a place.")
    wikidata_id = wikidata_id.strip().upper()
    if wikidata_id and not re.fullmatch(r"Q[1-9]\d*", wikidata_id):
        raise CorrectionError("A Wikidata id looks like Q42.")
    clash = Entity.objects.filter(label=label, name__iexact=name).exclude(pk=entity.pk).first()
    if clash:
        raise CorrectionError(f"“{clash.name}” already exists with this type: merge the two.")
    with transaction.atomic():
        before = entity_state(entity)
        old_forms = [entity.name] if entity.name != name else []
        entity.aliases = unique_forms(name, [*aliases, *old_forms])
        if (entity.label, entity.name) != (label, name):
            EntityRedirect.objects.create(label=entity.label, name=entity.name, target=entity)
        entity.name, entity.label = clip(name, Entity, "name"), label
        entity.description = description.strip()
        entity.wikidata_id = wikidata_id
        entity.confirmed, entity.confirmed_at = True, timezone.now()
        entity.save()
        Mention.objects.filter(entity=entity).update(label=label)
        touch(articles_of(entity), corrected=True)
        return record(
            user,
            "entity.edit",
            entity.name,
            article=article,
            entity=entity,
            before=before,
            after=entity_state(entity),
        )


def confirm_entity(user, entity: Entity, item: WikidataItem | None = None, article=None):
    """Confirm an entity, optionally linking it to a Wikidata item of the local table: the
    item's names join its aliases (so later annotation recognises them)."""
    with transaction.atomic():
        before = entity_state(entity)
        if item is not None:
            forms = [item.label_id, item.label_en, *item.aliases]
            entity.aliases = unique_forms(entity.name, [*entity.aliases, *filter(None, forms)])
            entity.wikidata_id = item.qid
            entity.description = entity.description or item.description
        entity.confirmed, entity.confirmed_at = True, timezone.now()
        entity.save()
        touch(articles_of(entity), corrected=True)
        return record(
            user,
            "entity.link" if item else "entity.confirm",
            entity.name,
            article=article,
            entity=entity,
            before=before,
            after=entity_state(entity),
        )


@dataclass(frozen=True, slots=True)
class MergePreview:
    source: Entity
    target: Entity
    articles: list[tuple[Article, int]]  # each article and how many mentions move
    mentions: int
    new_forms: list[str]


def merge_preview(source: Entity, target: Entity) -> MergePreview:
    if source.pk == target.pk:
        raise CorrectionError("Pick two different entities to merge.")
    counts: dict[int, int] = {}
    for article_id in Mention.objects.filter(entity=source).values_list("article", flat=True):
        counts[article_id] = counts.get(article_id, 0) + 1
    articles = Article.objects.filter(pk__in=counts).only("pk", "title", "slug")
    forms = unique_forms(target.name, [source.name, *source.aliases])
    known = {alias.casefold() for alias in target.aliases}
    return MergePreview(
        source=source,
        target=target,
        articles=[(a, counts[a.pk]) for a in articles],
        mentions=sum(counts.values()),
        new_forms=[form for form in forms if form.casefold() not in known],
    )


def merge_entities(user, source: Entity, target: Entity, article=None) -> Correction:
    """Fold ``source`` into ``target`` across all articles: its mentions, sources and
    figures move, its names become the target's aliases, its slug redirects."""
    preview = merge_preview(source, target)
    with transaction.atomic():
        moved_articles = [a.pk for a, _ in preview.articles]
        before = {"source": entity_state(source), "target": entity_state(target)}
        Mention.objects.filter(entity=source).update(entity=target, label=target.label)
        for field in ("source_entity", "speaker_entity", "via_entity"):
            Attribution.objects.filter(**{field: source}).update(**{field: target})
        Figure.objects.filter(source_entity=source).update(source_entity=target)
        Article.objects.filter(dateline_entity=source).update(dateline_entity=target)
        changed = []
        for decision in Decision.objects.filter(kind="mention", data__entity=source.pk):
            changed.append({"id": decision.pk, "data": dict(decision.data)})
            decision.data = {**decision.data, "entity": target.pk}
            decision.save(update_fields=["data", "updated_at"])
        before["decisions"] = changed
        target.aliases = [*target.aliases, *preview.new_forms]
        target.confirmed, target.confirmed_at = True, timezone.now()
        target.save()
        EntityRedirect.objects.filter(target=source).update(target=target)
        EntityRedirect.objects.create(
            slug=source.slug, label=source.label, name=source.name, target=target
        )
        source.delete()
        touch(articles_of(target), corrected=True)
        return record(
            user,
            "entity.merge",
            f"{before['source']['name']} → {target.name}",
            article=article,
            entity=target,
            before=before,
            after={"target": entity_state(target), "articles": moved_articles},
        )


# Timeline events, figures and attributions: decisions keyed by their span.


def parse_value(value: str) -> tuple[str, str]:
    """An ISO value (2015-09-30, 2015-09 or 2015) and its precision, checked."""
    value = value.strip()
    match = ISO_VALUE.fullmatch(value)
    if not match:
        raise CorrectionError("Write the date as 2015-09-30, 2015-09 or 2015.")
    parts = [part for part in match.groups() if part]
    try:
        first_day(value)
        if len(parts) == 3:
            date.fromisoformat(value)
    except ValueError as error:
        raise CorrectionError("This date does not exist.") from error
    return value, PRECISIONS[len(parts)]


def fix_event(user, event: Event, *, value: str, main: bool) -> Correction:
    value, precision = parse_value(value)
    fields = {"value": value, "precision": precision, "main": main}
    return change_row(user, event.article, "event", event, fields, "event.fix", event.text)


def add_event(user, article: Article, start: int, end: int, value: str, main: bool):
    start, end = check_span(article, start, end)
    value, precision = parse_value(value)
    text = article.body_text[start:end]
    taken = set(article.events.values_list("key", flat=True))
    key = next(k for k in event_keys([value] * (len(taken) + 1)) if k not in taken)
    added = {
        "key": key,
        "text": text,
        "value": value,
        "precision": precision,
        "main": main,
        "sentence_start": start,
        "sentence_end": end,
    }
    return add_row(user, article, "event", start, end, added, "event.add", text)


def fix_figure(user, figure: Figure, **fields) -> Correction:
    fields = check_figure(fields)
    return change_row(user, figure.article, "figure", figure, fields, "figure.fix", figure.text)


def add_figure(user, article: Article, start: int, end: int, **fields) -> Correction:
    start, end = check_span(article, start, end)
    fields = check_figure(fields)
    text = article.body_text[start:end]
    taken = set(article.figures.values_list("key", flat=True))
    pair = (fields["value"], fields["category"])
    key = next(k for k in figure_keys([pair] * (len(taken) + 1)) if k not in taken)
    added = {**fields, "key": key, "text": text}
    return add_row(user, article, "figure", start, end, added, "figure.add", text)


def check_figure(fields: dict) -> dict:
    try:
        value = float(fields["value"])
        value_max = (
            float(fields["value_max"]) if fields.get("value_max") not in (None, "") else None
        )
    except (TypeError, ValueError) as error:
        raise CorrectionError("A figure's value is a number.") from error
    if value < 0 or value >= 1e15 or (value_max is not None and value_max < value):
        raise CorrectionError("The value is a positive number, the range's end above it.")
    if fields.get("qualifier") not in QUALIFIERS:
        raise CorrectionError("Pick a qualifier from the list.")
    if fields.get("category") not in Figure.Category.values:
        raise CorrectionError("Pick a category from the list.")
    as_of = fields.get("as_of") or None
    if as_of:
        try:
            as_of = date.fromisoformat(str(as_of)).isoformat()
        except ValueError as error:
            raise CorrectionError("Write the as-of date as 2015-09-30.") from error
    return {
        "value": value,
        "value_max": value_max,
        "qualifier": fields["qualifier"],
        "unit": clip(str(fields.get("unit") or "").strip(), Figure, "unit"),
        "category": fields["category"],
        "as_of": as_of,
        "source": clip(str(fields.get("source") or "").strip(), Figure, "source"),
    }


def fix_attribution(user, attribution: Attribution, **fields) -> Correction:
    if fields.get("kind") not in KINDS:
        raise CorrectionError("Pick a kind from the list.")
    clean = {
        name: clip(str(fields.get(name) or "").strip(), Attribution, name) for name in WHO_FIELDS
    }
    clean["kind"] = fields["kind"]
    target = attribution.source or attribution.speaker or attribution.kind
    article = attribution.article
    return change_row(user, article, "attribution", attribution, clean, "source.fix", target)


def remove_row(user, row) -> Correction:
    kind = "event" if isinstance(row, Event) else "figure"
    article = row.article
    with transaction.atomic():
        before = set_decision(article, kind, row.start, row.end, {"removed": True})
        row.delete()
        touch([article.pk])
        return record(
            user,
            f"{kind}.remove",
            row.text,
            article=article,
            before={"decisions": [before], "row": row_state(kind, row)},
            after={"decisions": [decision_state(article, kind, row.start, row.end)]},
        )


def change_row(user, article, kind: str, row, fields: dict, action: str, target: str):
    with transaction.atomic():
        data = {**(decision_data(article, kind, row.start, row.end) or {})}
        data.pop("removed", None)
        if "added" in data:
            data["added"] = {**data["added"], **fields}
        else:
            data["fields"] = {**data.get("fields", {}), **fields}
        old = row_state(kind, row)
        before = set_decision(article, kind, row.start, row.end, data)
        apply_row_fields(kind, row, fields)
        touch([article.pk])
        return record(
            user,
            action,
            target,
            article=article,
            before={"decisions": [before], "row": old},
            after={
                "decisions": [decision_state(article, kind, row.start, row.end)],
                "row": row_state(kind, row),
            },
        )


def add_row(user, article, kind: str, start: int, end: int, added: dict, action, target):
    with transaction.atomic():
        before = set_decision(article, kind, start, end, {"added": added})
        create_row(kind, article, start, end, added)
        touch([article.pk])
        return record(
            user,
            action,
            target,
            article=article,
            before={"decisions": [before]},
            after={"decisions": [decision_state(article, kind, start, end)], "row": added},
        )


WHO_FIELDS = ("source", "speaker", "via")
ROW_FIELDS = {
    "event": ("value", "precision", "main"),
    "figure": ("value", "value_max", "qualifier", "unit", "category", "as_of", "source"),
    "attribution": ("kind", *WHO_FIELDS),
}


def row_state(kind: str, row) -> dict:
    state = {}
    for name in ROW_FIELDS[kind]:
        value = getattr(row, name)
        state[name] = value.isoformat() if isinstance(value, date) else value
    return state


def apply_row_fields(kind: str, row, fields: dict) -> None:
    """Write the editor's values onto a row (and what follows from them) and save it."""
    for name, value in fields.items():
        if name in ROW_FIELDS[kind]:
            setattr(row, name, value)
    if kind == "event":
        row.date = first_day(row.value)
        if row.main:
            Event.objects.filter(article=row.article_id).exclude(pk=row.pk).update(main=False)
    if kind == "figure":
        row.as_of = date.fromisoformat(row.as_of) if isinstance(row.as_of, str) else row.as_of
        row.source_entity = matching_entity(row.article_id, row.source)
    if kind == "attribution":
        for name in WHO_FIELDS:
            setattr(row, f"{name}_entity", matching_entity(row.article_id, getattr(row, name)))
    row.status = Review.EDITED
    row.save()


def matching_entity(article_id: int, name: str) -> Entity | None:
    """The entity mentioned in the article under this name, if any."""
    if not name:
        return None
    mentioned = Entity.objects.filter(mentions__article=article_id).distinct()
    return mentioned.filter(Q(name__iexact=name)).first()


def create_row(kind: str, article: Article, start: int, end: int, added: dict):
    """An editor's added date or figure as a row, through the one pipeline -> row mapping."""
    if kind == "event":
        sentence = Span(added.get("sentence_start", start), added.get("sentence_end", end))
        span = types.Event(
            start, end, added["text"], added["value"], added["precision"], False, sentence, ""
        )
        row = mapping.event_row(article, added["key"], replace(span, main=added.get("main", False)))
    else:
        span = types.Figure(
            start,
            end,
            added["text"],
            added["value"],
            added.get("value_max"),
            added["qualifier"],
            added.get("unit") or None,
            added["category"],
            added.get("as_of"),
            added.get("source") or None,
        )
        row = mapping.figure_row(article, added["key"], span, {})
    apply_row_fields(kind, row, {})
    return row


# Metadata and publishing.


META_FIELDS = ("title", "published_on", "outlet", "url", "language")


def meta_state(article: Article) -> dict:
    state = {name: getattr(article, name) for name in META_FIELDS}
    state["published_on"] = article.published_on.isoformat() if article.published_on else None
    state["published_inferred"] = article.published_inferred
    return state


def change_metadata(user, article: Article, **fields) -> Correction:
    """Fix the title, publication date, outlet, URL or language; then annotate again, so
    the dates (and what depends on them) are resolved against the new metadata."""
    title = " ".join(str(fields.get("title") or "").split())
    if not title:
        raise CorrectionError("The title cannot be empty.")
    language = fields.get("language") or article.language
    if language not in ("id", "en"):
        raise CorrectionError("The language is Indonesian (id) or English (en).")
    before = meta_state(article)
    with transaction.atomic():
        article.title = clip(title, Article, "title")
        article.slug = (
            shorten_slug(slugify(article.title), max_length(Article, "slug")) or "article"
        )
        published = fields.get("published_on")
        if published != article.published_on:
            article.published_on = published
            article.published_inferred = False
        article.outlet = clip(str(fields.get("outlet") or "").strip(), Article, "outlet")
        article.url = str(fields.get("url") or "").strip()
        article.language = language
        article.save()
        correction = record(
            user, "article.meta", article.title, article=article, before=before, after={}
        )
        reannotate(article)
        correction.after = meta_state(article)
        correction.save(update_fields=["after"])
        return correction


def set_status(user, article: Article, status: str) -> Correction:
    """Publish (one action) or take back to draft."""
    if status not in Article.Status.values:
        raise CorrectionError("Unknown status.")
    with transaction.atomic():
        before = {"status": article.status}
        article.status = status
        article.save(update_fields=["status", "updated_at"])
        action = "article.publish" if status == Article.Status.PUBLISHED else "article.unpublish"
        return record(
            user, action, article.title, article=article, before=before, after={"status": status}
        )


# Re-annotation that keeps every decision.


def reannotate(article: Article) -> None:
    """Annotate the article again with the current pipeline, then re-apply the redirects
    of merged or renamed entities and every decision the editors made on it."""
    with transaction.atomic():
        keys = stored_keys(article)
        named_before = list(
            Mention.objects.filter(article=article).values_list("entity", flat=True)
        )
        reannotate_article(article)
        apply_redirects(article)
        apply_decisions(article)
        keep_keys(article, keys)
        touch([article.pk])
        recount(article, named_before)


KEYED = {"event": Event, "figure": Figure, "attribution": Attribution}


def stored_keys(article: Article) -> dict[tuple[str, int, int], str]:
    return {
        (kind, start, end): key
        for kind, model in KEYED.items()
        for start, end, key in model.objects.filter(article=article).values_list(
            "start", "end", "key"
        )
    }


def keep_keys(article: Article, keys: dict[tuple[str, int, int], str]) -> None:
    """An annotation on the same words keeps the key it had, so every link to it keeps
    working even when the pipeline now words it differently (a renamed source, a fixed
    value); a key another annotation has taken meanwhile is left to it."""
    for kind, model in KEYED.items():
        rows = list(model.objects.filter(article=article))
        taken = {row.key for row in rows}
        for row in rows:
            wanted = keys.get((kind, row.start, row.end))
            if wanted and wanted != row.key and wanted not in taken:
                taken.discard(row.key)
                taken.add(wanted)
                row.key = wanted
                row.save(update_fields=["key"])


def apply_redirects(article: Article) -> None:
    """Entities the pipeline proposed again under a (type, name) editors merged away or
    renamed mean the entity they chose; the re-created rows go again."""
    redirects = {(r.label, r.name.casefold()): r.target_id for r in EntityRedirect.objects.all()}
    if not redirects:
        return
    found = Entity.objects.filter(
        Q(mentions__article=article)
        | Q(pk__in=Attribution.objects.filter(article=article).values("source_entity"))
    ).distinct()
    for entity in found:
        target = redirects.get((entity.label, entity.name.casefold()))
        if target is None or target == entity.pk:
            continue
        target_entity = Entity.objects.get(pk=target)
        Mention.objects.filter(article=article, entity=entity).update(
            entity=target_entity, label=target_entity.label
        )
        for field in ("source_entity", "speaker_entity", "via_entity"):
            rows = Attribution.objects.filter(article=article, **{field: entity})
            rows.update(**{field: target_entity})
        Figure.objects.filter(article=article, source_entity=entity).update(
            source_entity=target_entity
        )
        if not entity.mentions.exists() and not entity.confirmed:
            entity.delete()


def apply_decisions(article: Article) -> None:
    decisions = list(Decision.objects.filter(article=article))
    for decision in decisions:
        if decision.kind == "mention":
            apply_mention_decision(article, decision)
    for decision in sorted(decisions, key=lambda d: bool(d.data.get("fields", {}).get("main"))):
        if decision.kind != "mention":
            apply_row_decision(article, decision)


def apply_mention_decision(article: Article, decision: Decision) -> None:
    span = {"start": decision.start, "end": decision.end}
    row = Mention.objects.filter(article=article, **span).first()
    status = decision.data.get("status", Review.CONFIRMED)
    entity = Entity.objects.filter(pk=decision.data.get("entity") or 0).first()
    if status != Review.REJECTED:
        overlapping = Mention.objects.filter(
            article=article, start__lt=decision.end, end__gt=decision.start
        ).exclude(**span)
        decided = Decision.objects.filter(article=article, kind="mention")
        for other in overlapping:
            if not decided.filter(start=other.start, end=other.end).exists():
                other.delete()
    if row is None:
        if entity is None or status == Review.REJECTED:
            return  # the machine no longer proposes it, and the editor added nothing
        text = article.body_text[decision.start : decision.end]
        Mention.objects.create(
            article=article, entity=entity, text=text, label=entity.label, status=status, **span
        )
        return
    row.status = status
    if entity is not None:
        row.entity, row.label = entity, entity.label
    row.save()


def apply_row_decision(article: Article, decision: Decision) -> None:
    model = {"event": Event, "figure": Figure, "attribution": Attribution}[decision.kind]
    row = model.objects.filter(article=article, start=decision.start, end=decision.end).first()
    data = decision.data
    if data.get("removed"):
        if row is not None:
            row.delete()
        return
    if "added" in data:
        if row is None:
            create_row(decision.kind, article, decision.start, decision.end, data["added"])
        else:
            apply_row_fields(decision.kind, row, data["added"])
        return
    if row is not None:
        apply_row_fields(decision.kind, row, data.get("fields", {}))


# Undo.


def undo(user, correction: Correction) -> None:
    """Restore what the correction changed, and mark it undone in the log."""
    if correction.undone_at:
        raise CorrectionError("This correction was already undone.")
    before = correction.before
    with transaction.atomic():
        article = correction.article
        if correction.action == "entity.merge":
            undo_merge(correction)
        elif correction.action.startswith("entity."):
            entity = correction.entity
            if entity is None:
                raise CorrectionError("The entity no longer exists.")
            for name in ENTITY_FIELDS:
                setattr(entity, name, before[name])
            if not entity.confirmed:
                entity.confirmed_at = None
            entity.save()
            EntityRedirect.objects.filter(
                target=entity, label=before["label"], name=before["name"]
            ).delete()
            Mention.objects.filter(entity=entity).update(label=entity.label)
            touch(articles_of(entity))
        elif correction.action == "article.meta":
            for name in META_FIELDS:
                setattr(article, name, before[name])
            article.published_on = (
                date.fromisoformat(before["published_on"]) if before["published_on"] else None
            )
            article.published_inferred = before["published_inferred"]
            article.slug = (
                shorten_slug(slugify(article.title), max_length(Article, "slug")) or "article"
            )
            article.save()
            reannotate(article)
        elif correction.action.startswith("article."):
            article.status = before["status"]
            article.save(update_fields=["status", "updated_at"])
        else:
            for state in reversed(before.get("decisions", [])):
                set_decision(article, state["kind"], state["start"], state["end"], state["data"])
            reannotate(article)
        correction.undone_at = timezone.now()
        correction.undone_by = user if getattr(user, "pk", None) else None
        correction.save(update_fields=["undone_at", "undone_by"])


def undo_merge(correction: Correction) -> None:
    source, target = correction.before["source"], correction.before["target"]
    entity = correction.entity
    if entity is None:
        raise CorrectionError("The entity no longer exists.")
    if Entity.objects.filter(label=source["label"], name=source["name"]).exists():
        raise CorrectionError(f"“{source['name']}” exists again: merge or edit it instead.")
    restored = Entity.objects.create(
        **{name: source[name] for name in ENTITY_FIELDS},
        slug=source["slug"]
        if not is_slug_taken(source["slug"])
        else entity_slug(source["name"], source["label"], is_slug_taken),
    )
    entity.aliases = target["aliases"]
    entity.confirmed = target["confirmed"]
    entity.save()
    EntityRedirect.objects.filter(slug=source["slug"], target=entity).delete()
    for changed in correction.before.get("decisions", []):
        data = {**changed["data"], "entity": restored.pk}
        Decision.objects.filter(pk=changed["id"]).update(data=data)
    for article in Article.objects.filter(pk__in=correction.after.get("articles", [])):
        reannotate(article)


# Who may correct, and the log in plain words.

REVIEW_PERMISSION = "articles.review_article"
UNLOGGED_PUBLICLY = ("article.publish", "article.unpublish")
# What the Editors group holds (migration 0003 creates it with this same list).
EDITOR_PERMISSIONS = (
    "review_article",
    "add_article",
    "change_article",
    "view_article",
    "change_entity",
    "view_entity",
    "view_mention",
    "view_event",
    "view_figure",
    "view_attribution",
    "view_correction",
)


def can_review(user) -> bool:
    """Editors: active staff with the review permission (the Editors group has it)."""
    return bool(user.is_active and user.is_staff and user.has_perm(REVIEW_PERMISSION))


TYPE_WORDS = {
    "PER": gettext_lazy("a person"),
    "ORG": gettext_lazy("an organisation"),
    "LOC": gettext_lazy("a place"),
}


def describe(correction: Correction) -> str:
    """One correction in plain words, for readers."""
    target, after, before = correction.target, correction.after, correction.before
    name = after.get("entity", "")
    action = correction.action
    if action == "mention.reject":
        return _("“%(text)s” is no longer marked as a name.") % {"text": target}
    if action == "mention.confirm":
        return _("“%(text)s” was checked: it is %(name)s.") % {"text": target, "name": name}
    if action == "mention.relabel":
        kind = TYPE_WORDS.get(after.get("label", ""), after.get("label", ""))
        return _("“%(text)s” is now marked as %(kind)s.") % {"text": target, "kind": kind}
    if action in ("mention.repoint", "mention.split"):
        return _("“%(text)s” now refers to %(name)s, not %(old)s.") % {
            "text": target,
            "name": name,
            "old": before.get("entity", ""),
        }
    if action == "mention.add":
        return _("“%(text)s” was marked as %(name)s.") % {"text": target, "name": name}
    if action == "entity.merge":
        return _("Two entries were found to be one: %(names)s.") % {"names": target}
    if action == "entity.link":
        return _("%(name)s was confirmed and linked to Wikidata (%(qid)s).") % {
            "name": target,
            "qid": after.get("wikidata_id", ""),
        }
    if action == "entity.confirm":
        return _("%(name)s was confirmed by an editor.") % {"name": target}
    if action == "entity.edit":
        return _("The entry for %(name)s was corrected.") % {"name": target}
    words = {
        "event.fix": _("The date of “%(text)s” was corrected."),
        "event.add": _("“%(text)s” was added to the timeline."),
        "event.remove": _("“%(text)s” was taken off the timeline."),
        "figure.fix": _("The figure “%(text)s” was corrected."),
        "figure.add": _("The figure “%(text)s” was added."),
        "figure.remove": _("“%(text)s” is no longer listed as a figure."),
        "source.fix": _("Who said it was corrected for a source (%(text)s)."),
        "article.meta": _("The article's details (title, date, outlet, address) were corrected."),
    }
    return words.get(action, _("An annotation was corrected.")) % {"text": target}


@dataclass(frozen=True, slots=True)
class PublicLog:
    last: date
    entries: list[str]


def public_log(article: Article, entity_ids: Iterable[int] = ()) -> PublicLog | None:
    """What readers see on the article: the corrections made to it and to the entities it
    mentions (``entity_ids``), newest first; one query, none for an article no editor has
    corrected."""
    if article.corrected_at is None:
        return None
    concerning = Q(article=article) | Q(entity__in=list(entity_ids), action__startswith="entity.")
    rows = list(
        Correction.objects.filter(concerning, undone_at=None)
        .exclude(action__in=UNLOGGED_PUBLICLY)
        .only("action", "target", "before", "after", "created_at")
    )
    if not rows:
        return None
    return PublicLog(
        last=timezone.localdate(rows[0].created_at), entries=[describe(r) for r in rows]
    )
