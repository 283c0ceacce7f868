"""CSV: one row per figure, per entity mention, per timeline event.

Every row starts with the article's id and permalink and ends with the annotation's own
link, so rows from a set of articles can be told apart and opened. Cells a spreadsheet
would run as a formula are neutralised (``item.csv_cell``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from articles.exports.item import Item, csv_cell

Rows = Callable[[Item], Iterator[list]]

FIGURE_COLUMNS = [
    "article_id",
    "article_url",
    "key",
    "text",
    "value",
    "value_max",
    "qualifier",
    "unit",
    "category",
    "as_of",
    "source",
    "source_entity",
    "start",
    "end",
    "url",
]
ENTITY_COLUMNS = [
    "article_id",
    "article_url",
    "entity",
    "name",
    "label",
    "wikidata",
    "mention",
    "start",
    "end",
    "url",
]
TIMELINE_COLUMNS = [
    "article_id",
    "article_url",
    "key",
    "value",
    "precision",
    "text",
    "summary",
    "main",
    "relative",
    "start",
    "end",
    "url",
]


def figure_rows(item: Item) -> Iterator[list]:
    for key, f in item.result.keyed_figures():
        entity = f.source if f.source in item.entities else ""
        yield [
            *article_cells(item),
            key,
            f.text,
            number(f.value),
            number(f.value_max) if f.value_max is not None else "",
            f.qualifier,
            f.unit or "",
            f.category,
            f.as_of or "",
            item.name_of(f.source),
            entity,
            f.start,
            f.end,
            item.fragment(key),
        ]


def entity_rows(item: Item) -> Iterator[list]:
    """Each mention with its entity; ``url`` is its mark in the text."""
    entities = {entity.id: entity for entity in item.result.entities}
    for mention, link in zip(item.result.mentions, item.mention_fragments(), strict=True):
        entity = entities.get(mention.entity)
        if entity is None:
            continue
        yield [
            *article_cells(item),
            entity.id,
            entity.name,
            entity.label,
            item.entities[entity.id].wikidata_id if entity.id in item.entities else "",
            mention.text,
            mention.start,
            mention.end,
            link,
        ]


def timeline_rows(item: Item) -> Iterator[list]:
    for key, e in sorted(item.result.keyed_events(), key=lambda pair: pair[1].start):
        yield [
            *article_cells(item),
            key,
            e.value,
            e.precision,
            e.text,
            e.summary,
            e.main,
            e.relative,
            e.start,
            e.end,
            item.fragment(key),
        ]


def article_cells(item: Item) -> list:
    return [item.article.pk, item.url]


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_rows(rows: Iterable[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def table(columns: list[str], rows: Rows) -> tuple[Callable, Callable]:
    def one(item: Item) -> str:
        return write_rows([columns, *rows(item)])

    def many(items: Iterable[Item]) -> Iterator[str]:
        yield write_rows([columns])
        for item in items:
            yield write_rows(rows(item))

    return one, many


figures_one, figures_many = table(FIGURE_COLUMNS, figure_rows)
entities_one, entities_many = table(ENTITY_COLUMNS, entity_rows)
timeline_one, timeline_many = table(TIMELINE_COLUMNS, timeline_rows)
