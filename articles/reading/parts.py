"""What both inputs reduce to: the pipeline's dataclasses, with display names and keys.

A stored article's rows and a fresh ``Result`` differ (rows hold entity names and keys, the
result holds entity ids); everything after this module sees one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from articles import keys
from articles.annotate.types import Attribution, Event, Figure, Mention, Result, Segment, Span
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


def parts_from_article(article) -> Parts:
    mentions = [m for m in article.mentions.all() if m.status != "rejected"]
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
    return Parts(
        text=article.body_text,
        meta=meta,
        segments=[Segment(s.start, s.end, s.kind) for s in article.segments.all()],
        mentions=[Mention(m.start, m.end, m.text, m.entity.label, m.entity.slug) for m in mentions],
        entity_labels={m.entity.slug: m.entity.label for m in mentions},
        entity_names={m.entity.slug: m.entity.name for m in mentions},
        events=[(e.key, event_from_row(e)) for e in article.events.all()],
        figures=[(f.key, figure_from_row(f)) for f in article.figures.all()],
        attributions=[(a.key, attribution_from_row(a)) for a in article.attributions.all()],
    )


def event_from_row(row) -> Event:
    sentence = Span(row.sentence_start, row.sentence_end)
    return Event(
        row.start,
        row.end,
        row.text,
        row.value,
        row.precision,
        row.relative,
        sentence,
        row.summary,
        row.main,
    )


def figure_from_row(row) -> Figure:
    as_of = row.as_of.isoformat() if row.as_of else None
    source = entity_name(row.source_entity, row.source)
    return Figure(
        row.start,
        row.end,
        row.text,
        row.value,
        row.value_max,
        row.qualifier,
        row.unit or None,
        row.category,
        as_of,
        source,
        row.group,
    )


def figure_groups(figures: list[tuple[str, Figure]]) -> list[list[tuple[str, Figure]]]:
    """The mentions of each count, in order of first mention (``group`` 0: a count alone)."""
    groups: dict[object, list[tuple[str, Figure]]] = {}
    for key, figure in figures:
        groups.setdefault(figure.group or key, []).append((key, figure))
    return list(groups.values())


def attribution_from_row(row) -> Attribution:
    content = None
    if row.content_start is not None and row.content_end is not None:
        content = Span(row.content_start, row.content_end)
    return Attribution(
        row.start,
        row.end,
        row.kind,
        source=entity_name(row.source_entity, row.source),
        speaker=entity_name(row.speaker_entity, row.speaker),
        via=entity_name(row.via_entity, row.via),
        content=content,
    )


def entity_name(entity, fallback: str) -> str | None:
    return entity.name if entity is not None else (fallback or None)


def parts_from_result(text: str, result: Result) -> Parts:
    names = {entity.id: entity.name for entity in result.entities}
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
    return Parts(
        text=text,
        meta=meta,
        segments=with_dateline(result.segments, result),
        mentions=list(result.mentions),
        entity_labels={entity.id: entity.label for entity in result.entities},
        entity_names=names,
        events=keys.keyed_events(result.events),
        figures=[(key, named_figure(f, names)) for key, f in keys.keyed_figures(result.figures)],
        attributions=[
            (key, named_attribution(a, names))
            for key, a in keys.keyed_attributions(result.attributions)
        ],
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
