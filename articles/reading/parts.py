"""What both inputs reduce to: the pipeline's dataclasses, with display names and keys.

A stored article reads back through ``articles.mapping.result_from_article`` and a fresh
``Result`` gets its keys from ``keyed_result``: both are a ``KeyedResult``, and from there
on one function names the sources for display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from articles.annotate.types import Attribution, Event, Figure, Mention, Result, Segment
from articles.mapping import KeyedResult, keyed_result, result_from_article
from articles.models import is_shown
from articles.reading.formats import display_date, safe_url


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    outlet: str
    dateline_place: str
    published: date | None
    published_display: str
    published_inferred: bool
    language: str
    url: str


@dataclass(slots=True)
class Parts:
    """What both inputs reduce to: pipeline dataclasses with display names and keys."""

    text: str
    meta: Meta
    segments: list[Segment]
    mentions: list[Mention]
    entity_labels: dict[str, str]  # slug -> PER/ORG/LOC
    entity_names: dict[str, str] = field(default_factory=dict)  # slug -> canonical name
    events: list[tuple[str, Event]] = field(default_factory=list)
    figures: list[tuple[str, Figure]] = field(default_factory=list)
    attributions: list[tuple[str, Attribution]] = field(default_factory=list)
    # Where each stored annotation stands with the editors, by (kind, start, end); the
    # review mode shows it, readers do not get it.
    review: dict[tuple[str, int, int], str] = field(default_factory=dict)


def parts_from_article(article) -> Parts:
    meta = Meta(
        title=article.title,
        outlet=article.outlet,
        dateline_place=article.dateline_place,
        published=article.published_on,
        published_display=display_date(article.published_on, "day", article.language),
        published_inferred=article.published_inferred,
        language=article.language,
        url=safe_url(article.url),
    )
    parts = parts_from_keyed(article.body_text, meta, result_from_article(article))
    parts.review = review_states(article, [m for m in article.mentions.all() if is_shown(m)])
    return parts


def review_states(article, mentions) -> dict[tuple[str, int, int], str]:
    states = {("mention", m.start, m.end): m.status for m in mentions}
    for kind, rows in (("event", article.events.all()), ("figure", article.figures.all())):
        states.update({(kind, row.start, row.end): row.status for row in rows})
    return states


def figure_groups(figures: list[tuple[str, Figure]]) -> list[list[tuple[str, Figure]]]:
    """The mentions of each count, in order of first mention (``group`` 0: a count alone)."""
    groups: dict[object, list[tuple[str, Figure]]] = {}
    for key, figure in figures:
        groups.setdefault(figure.group or key, []).append((key, figure))
    return list(groups.values())


def parts_from_result(text: str, result: Result) -> Parts:
    meta = Meta(
        title=result.title or "",
        outlet=result.outlet or "",
        dateline_place=(result.dateline.place or "") if result.dateline else "",
        published=result.published,
        published_display=display_date(result.published, "day", result.language),
        published_inferred=result.published_inferred,
        language=result.language,
        url="",
    )
    return parts_from_keyed(text, meta, keyed_result(result))


def parts_from_keyed(text: str, meta: Meta, result: KeyedResult) -> Parts:
    """Both inputs, once in the pipeline's shape with keys: sources named for display."""
    names = result.entity_names()
    return Parts(
        text=text,
        meta=meta,
        segments=with_dateline(result.segments, result),
        mentions=list(result.mentions),
        entity_labels={entity.id: entity.label for entity in result.entities},
        entity_names=names,
        events=result.keyed_events(),
        figures=[(key, named_figure(f, names)) for key, f in result.keyed_figures()],
        attributions=[(key, named_attribution(a, names)) for key, a in result.keyed_attributions()],
    )


def with_dateline(segments: list[Segment], result: Result) -> list[Segment]:
    """The segments, plus the dateline as its own segment if the segmenter left it inside."""
    dateline = result.dateline
    if dateline is None or any(s.type == "dateline" for s in segments):
        return list(segments)
    return sorted(
        [*segments, Segment(dateline.start, dateline.end, "dateline")],
        key=lambda s: (s.start, s.type != "dateline"),
    )


def named_figure(figure: Figure, names: dict[str, str]) -> Figure:
    return Figure(
        figure.start,
        figure.end,
        figure.text,
        figure.value,
        figure.value_max,
        figure.qualifier,
        figure.unit,
        figure.category,
        figure.as_of,
        names.get(figure.source or "", figure.source),
        figure.group,
    )


def named_attribution(attribution: Attribution, names: dict[str, str]) -> Attribution:
    def name(value: str | None) -> str | None:
        return names.get(value or "", value)

    return Attribution(
        attribution.start,
        attribution.end,
        attribution.kind,
        name(attribution.source),
        name(attribution.speaker),
        name(attribution.via),
        attribution.content,
    )
