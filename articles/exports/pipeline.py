"""The pipeline's own JSON, as ``python -m articles.annotate`` writes it.

The schema is the one in ``articles/annotate/README.md`` ("The result, field by field"),
with entity ids the stored entities' slugs and editors' rejected mentions left out. Added
before it: ``id`` (the article's id, as the CLI's ``--jsonl`` lines start), ``url`` (its
permalink) and ``text`` (what the offsets index into: the stored text with CRLF read as
LF); after it the stable keys, ``event_keys``, ``figure_keys`` and ``attribution_keys``,
parallel to ``events``, ``figures`` and ``attributions``. A set is JSON Lines, one article
per line, like the CLI's ``--jsonl`` output.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from articles.exports.item import Item


def document(item: Item) -> dict:
    return {"id": item.article.pk, "url": item.url, "text": item.text, **item.result.to_dict()}


def one(item: Item) -> str:
    return json.dumps(document(item), ensure_ascii=False, indent=2)


def many(items: Iterable[Item]) -> Iterator[str]:
    for item in items:
        yield json.dumps(document(item), ensure_ascii=False) + "\n"
