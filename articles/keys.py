"""Stable keys: the fragment ids of annotations (`ent-vladimir-putin`, `t-2015-09-30`).

A key is derived from what an annotation says, never from its row id or position, so a
shared link such as `…/#fig-230000-killed` still points at the same figure after the
article is annotated again. Repeats get `-2`, `-3`… in text order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from django.utils.text import slugify

from articles.annotate.types import Attribution, Event, Figure

SLUG_MAX = 60
SOURCE_SLUG_MAX = 40


def shorten_slug(slug: str, limit: int) -> str:
    """Cut a slug to `limit` characters at a hyphen, so words are never chopped."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0]
    return cut[:limit] or slug[:limit]  # without a hyphen the cut is `limit + 1` long


def number_repeats(keys: Iterable[str]) -> list[str]:
    """Suffix the second and later copies of a key with `-2`, `-3`…, in the order given."""
    seen: Counter[str] = Counter()
    numbered = []
    for key in keys:
        seen[key] += 1
        numbered.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return numbered


def entity_slug(name: str, label: str, is_taken: Callable[[str], bool]) -> str:
    """`vladimir-putin`; on a clash `suriah-loc`, then `suriah-loc-2`, `suriah-loc-3`…"""
    base = shorten_slug(slugify(name), SLUG_MAX) or "entity"
    if not is_taken(base):
        return base
    labelled = f"{base}-{label.lower()}"
    candidate, number = labelled, 1
    while is_taken(candidate):
        number += 1
        candidate = f"{labelled}-{number}"
    return candidate


def event_keys(values: Iterable[str]) -> list[str]:
    """`t-2015-09-30`, `t-2017-11`, `t-2017`; values given in text order."""
    return number_repeats(f"t-{value}" for value in values)


def figure_keys(figures: Iterable[tuple[float, str]]) -> list[str]:
    """`fig-230000-killed` from (value, category) pairs in text order."""
    return number_repeats(f"fig-{int(value)}-{category}" for value, category in figures)


def attribution_keys(attributions: Iterable[tuple[str, str]]) -> list[str]:
    """`src-aljazeera-relayed-from` from (who, kind) pairs in text order.

    `who` is the source's slug or descriptor (or the speaker's when there is no source);
    long descriptors are cut at a word so the key stays readable in a URL.
    """
    keys = []
    for who, kind in attributions:
        who_slug = shorten_slug(slugify(who.replace("_", " ")), SOURCE_SLUG_MAX)
        kind_slug = slugify(kind.replace("_", " "))
        keys.append(f"src-{who_slug}-{kind_slug}" if who_slug else f"src-{kind_slug}")
    return number_repeats(keys)


# The pipeline's annotations paired with their keys, in the order the keys are given: what
# ingest stores and what the admin preview shows, so the two never disagree.


def keyed_events(events: Iterable[Event]) -> list[tuple[str, Event]]:
    ordered = sorted(events, key=lambda e: (e.start, e.end))
    return list(zip(event_keys(e.value for e in ordered), ordered, strict=True))


def keyed_figures(figures: Iterable[Figure]) -> list[tuple[str, Figure]]:
    ordered = sorted(figures, key=lambda f: (f.start, f.end))
    pairs = ((f.value, f.category) for f in ordered)
    return list(zip(figure_keys(pairs), ordered, strict=True))


def keyed_attributions(
    attributions: list[Attribution], slug_of: Callable[[str], str] = str
) -> list[tuple[str, Attribution]]:
    """`slug_of` turns the pipeline's entity id into the stored entity's slug."""
    pairs = ((slug_of(a.source or a.speaker or ""), a.kind) for a in attributions)
    return list(zip(attribution_keys(pairs), attributions, strict=True))
