"""W3C Web Annotation (JSON-LD): an ``AnnotationCollection`` per article.

Each annotation's ``id`` is the article's permalink with the annotation's fragment key
(``…/articles/1/slug/#ent-vladimir-putin``), and each target is the permalink with a
``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector`` (offsets into
the text with CRLF read as LF, as everywhere in the app). An entity is one annotation with
a target per mention. Bodies use the Web Annotation vocabulary, and schema.org (the
``schema:`` prefix the W3C context defines) for values it has no term for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from articles.annotate import types
from articles.exports.item import Item

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
QUOTE_CONTEXT_CHARS = 32
LABEL_NAMES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}


def one(item: Item) -> str:
    return json.dumps(collection(item), ensure_ascii=False, indent=2)


def many(items: Iterable[Item]) -> Iterator[str]:
    """A JSON array of collections, one per article, written as each article is read."""
    yield "["
    for index, item in enumerate(items):
        yield ("," if index else "") + "\n" + json.dumps(collection(item), ensure_ascii=False)
    yield "\n]\n"


def collection(item: Item) -> dict:
    annotations = list(annotate(item))
    return {
        "@context": CONTEXT,
        "id": item.fragment("annotations"),
        "type": "AnnotationCollection",
        "label": item.article.title,
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }


def annotate(item: Item) -> Iterator[dict]:
    yield from entity_annotations(item)
    for key, event in item.result.keyed_events():
        yield annotation(item, key, "describing", [event], event_bodies(event))
    for key, figure in item.result.keyed_figures():
        yield annotation(item, key, "describing", [figure], figure_bodies(item, figure))
    for key, attribution in item.result.keyed_attributions():
        bodies = attribution_bodies(item, attribution)
        yield annotation(item, key, "describing", [attribution], bodies)


def annotation(item: Item, key: str, motivation: str, spans: list, bodies: list[dict]) -> dict:
    return {
        "id": item.fragment(key),
        "type": "Annotation",
        "motivation": motivation,
        "body": bodies,
        "target": [target(item, span.start, span.end) for span in spans],
    }


def target(item: Item, start: int, end: int) -> dict:
    text = item.text
    return {
        "type": "SpecificResource",
        "source": item.url,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - QUOTE_CONTEXT_CHARS) : start],
                "suffix": text[end : end + QUOTE_CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def entity_annotations(item: Item) -> Iterator[dict]:
    """One per entity, its id the entity's fragment (its first mark on the page)."""
    mentions: dict[str, list[types.Mention]] = {}
    for mention in item.result.mentions:
        mentions.setdefault(mention.entity, []).append(mention)
    for entity in item.result.entities:
        if entity.id in mentions:
            bodies = entity_bodies(item, entity)
            yield annotation(item, f"ent-{entity.id}", "identifying", mentions[entity.id], bodies)


def entity_bodies(item: Item, entity: types.Entity) -> list[dict]:
    identified = {
        "type": "SpecificResource",
        "purpose": "identifying",
        "source": item.entity_urls.get(entity.id, ""),
        "schema:name": entity.name,
    }
    wikidata = item.wikidata_url(entity.id)
    if wikidata:
        identified["schema:sameAs"] = {"id": wikidata}
    kind = LABEL_NAMES.get(entity.label, entity.label)
    return [identified, {"type": "TextualBody", "purpose": "classifying", "value": kind}]


def event_bodies(event: types.Event) -> list[dict]:
    bodies = [
        {
            "type": "TextualBody",
            "purpose": "tagging",
            "value": event.value,
            "schema:startDate": event.value,
            "schema:additionalType": f"precision:{event.precision}",
        }
    ]
    if event.summary:
        bodies.append({"type": "TextualBody", "purpose": "describing", "value": event.summary})
    return bodies


def figure_bodies(item: Item, figure: types.Figure) -> list[dict]:
    value: dict = {
        "type": "schema:QuantitativeValue",
        "purpose": "describing",
        "schema:value": figure.value,
        "schema:valueReference": {
            "type": "schema:DefinedTerm",
            "schema:termCode": figure.qualifier,
        },
    }
    if figure.value_max is not None:
        value["schema:maxValue"] = figure.value_max
    if figure.unit:
        value["schema:unitText"] = figure.unit
    if figure.as_of:
        value["schema:observationDate"] = figure.as_of
    bodies = [value, {"type": "TextualBody", "purpose": "classifying", "value": figure.category}]
    if figure.source:
        bodies.append(party(item, "source", figure.source))
    return bodies


def attribution_bodies(item: Item, attribution: types.Attribution) -> list[dict]:
    """The source chain, innermost first: who spoke, who reported it, through whom."""
    bodies = [{"type": "TextualBody", "purpose": "classifying", "value": attribution.kind}]
    roles = (("speaker", attribution.speaker), ("source", attribution.source))
    bodies += [party(item, role, ref) for role, ref in (*roles, ("via", attribution.via)) if ref]
    if attribution.content is not None:
        quoted = item.text[attribution.content.start : attribution.content.end]
        bodies.append({"type": "TextualBody", "purpose": "describing", "value": quoted})
    return bodies


def party(item: Item, role: str, ref: str) -> dict:
    """A party of a source chain: a ``schema:Role`` naming who, linked to its entity page."""
    body: dict = {
        "type": "schema:Role",
        "purpose": "linking",
        "schema:roleName": role,
        "schema:name": item.name_of(ref),
    }
    if ref in item.entity_urls:
        body["schema:url"] = {"id": item.entity_urls[ref]}
    return body
