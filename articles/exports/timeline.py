"""The timeline as TimelineJS3 JSON (``title``, ``events`` with ``start_date``, ``text``,
``unique_id``, ``group``, ``display_date``, ``autolink``).

TimelineJS shows ``headline`` and ``text`` as HTML, so every piece of article text is
HTML-escaped here; the only markup added is a link back to the event in the article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from articles.annotate import types
from articles.exports.item import Item, html_text


def one(item: Item) -> str:
    document = {
        "title": {"text": {"headline": html_text(item.article.title), "text": source_line(item)}},
        "events": list(events(item, unique_prefix="")),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def many(items: Iterable[Item]) -> Iterator[str]:
    """One timeline of every article's events, each grouped under its article's title."""
    yield '{"title": {"text": {"headline": "Timeline", "text": ""}}, "events": ['
    first = True
    for item in items:
        for event in events(item, unique_prefix=f"a{item.article.pk}-", grouped=True):
            yield ("" if first else ",") + "\n" + json.dumps(event, ensure_ascii=False)
            first = False
    yield "\n]}\n"


def events(item: Item, unique_prefix: str, grouped: bool = False) -> Iterator[dict]:
    for key, event in sorted(item.result.keyed_events(), key=lambda pair: pair[1].start):
        entry = {
            "start_date": start_date(event),
            "text": {
                "headline": html_text(event.summary or event.text),
                "text": event_text(item, key, event),
            },
            "unique_id": unique_prefix + key,
            "display_date": html_text(event.text),
            "autolink": False,
        }
        if grouped:
            entry["group"] = html_text(item.article.title)
        yield entry


def start_date(event: types.Event) -> dict:
    """``2017-11`` -> ``{"year": 2017, "month": 11}``: only the parts the date has."""
    parts = [int(part) for part in event.value.split("-")]
    return dict(zip(("year", "month", "day"), parts, strict=False))


def event_text(item: Item, key: str, event: types.Event) -> str:
    sentence = item.text[event.sentence.start : event.sentence.end].strip()
    link, title = html_text(item.fragment(key)), html_text(item.article.title)
    return f'<p>{html_text(sentence)}</p><p><a href="{link}">{title}</a></p>'


def source_line(item: Item) -> str:
    outlet = item.article.outlet
    return html_text(outlet) if outlet else ""
