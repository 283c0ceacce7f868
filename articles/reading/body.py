"""The article's body as blocks of safe HTML: paragraphs, and the inserts around them.

Marks are layered outermost first (see ``articles.highlight``): sentence anchors for the
timeline and figure links, the dateline, source cues, dates and figures, then entities.
Every mark says its type to screen readers ("person:" … "end") and links where it leads:
a date to its timeline entry, a figure to its card, a cue to its source trail, an entity to
its card (on the article page, where the reader's state makes that link).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from articles.annotate.text import find_sentences
from articles.annotate.types import (
    STORY_SEGMENTS,
    Attribution,
    Event,
    Figure,
    Mention,
    Segment,
    Span,
)
from articles.highlight import Mark, highlight, resolve_marks
from articles.reading.parts import Parts, figure_groups
from articles.reading.state import ReaderState

INSERT_LABELS = {
    "related_link": gettext_lazy("Related link"),
    "caption": gettext_lazy("Photo caption"),
    "signoff": gettext_lazy("Sign-off"),
    "source_footer": gettext_lazy("Source"),
    "other": gettext_lazy("Not part of the story"),
}
# What a screen reader says before each kind of mark; "end" follows every one.
SPOKEN_TYPES = {
    "PER": gettext_lazy("person"),
    "ORG": gettext_lazy("organisation"),
    "LOC": gettext_lazy("place"),
    "date": gettext_lazy("date"),
    "figure": gettext_lazy("figure"),
    "cue": gettext_lazy("source"),
}
# Inserts a reader needs to see without a click.


OPEN_INSERTS = frozenset({"source_footer"})


SENTENCE_LAYER, DATELINE_LAYER, CUE_LAYER, DATE_LAYER, ENTITY_LAYER = range(5)


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "paragraph" or "insert"
    html: SafeString
    insert_type: str = ""
    label: str = ""
    open: bool = False


@dataclass(frozen=True, slots=True)
class BodyLinks:
    """Where marks lead. Without a reader's state (the admin preview) entities link nowhere;
    a cue links to its source trail only when the trail shows its key."""

    state: ReaderState | None = None
    source_keys: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Body:
    blocks: list[Block]
    marked: Counter[str]  # entity slug -> marks shown, each with an id (see mention_ids)


def build_body(parts: Parts, sentences: list[Span], links: BodyLinks) -> Body:
    marks = sorted(body_marks(parts, sentences, links), key=lambda m: m.start)
    starts = [m.start for m in marks]
    windows = []
    for kind, start, end in group_segments(parts.text, parts.segments, parts.meta.title):
        inside = marks[bisect_left(starts, start) : bisect_left(starts, end)]
        windows.append((kind, start, end, resolve_marks(m for m in inside if m.end <= end)))
    marked = number_entity_marks(window for *_, window in windows)
    blocks = [
        make_block(kind, highlight(parts.text, window, start=start, end=end))
        for kind, start, end, window in windows
    ]
    return Body(blocks, marked)


def number_entity_marks(windows: Iterable[list[Mark]]) -> Counter[str]:
    """Give each entity mark that will be shown its id, in text order (in place)."""
    marked: Counter[str] = Counter()
    for window in windows:
        for index, mark in enumerate(window):
            slug = entity_of(mark)
            if slug is not None:
                marked[slug] += 1
                ids = (("id", mention_id(slug, marked[slug])),)
                window[index] = replace(mark, attrs=mark.attrs + ids)
    return marked


def entity_of(mark: Mark) -> str | None:
    if mark.layer != ENTITY_LAYER:
        return None
    return dict(mark.attrs).get("data-entity")


def mention_id(slug: str, number: int) -> str:
    """``ent-vladimir-putin`` for the first mark, ``ent-vladimir-putin--2`` and on after it.
    Slugs never hold ``--``, so no mark's id can be another entity's."""
    return f"ent-{slug}" if number == 1 else f"ent-{slug}--{number}"


def make_block(kind: str, html: SafeString) -> Block:
    if kind in STORY_SEGMENTS:
        return Block("paragraph", html)
    label = INSERT_LABELS.get(kind, INSERT_LABELS["other"])
    return Block("insert", html, insert_type=kind, label=label, open=kind in OPEN_INSERTS)


def group_segments(text: str, segments: list[Segment], title: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) per block: a dateline joins the paragraph it opens; the title is the
    page's heading, so it is left out of the body."""
    groups: list[tuple[str, int, int]] = []
    pending: Segment | None = None
    for index, segment in enumerate(sorted(segments, key=lambda s: s.start)):
        if segment.type == "title" or (index == 0 and text[segment.start : segment.end] == title):
            continue
        if segment.type == "dateline":
            pending = segment
            continue
        start = segment.start
        if pending is not None and "\n" not in text[pending.end : segment.start]:
            start = pending.start
        elif pending is not None:
            groups.append(("body", pending.start, pending.end))
        pending = None
        groups.append((segment.type, start, segment.end))
    if pending is not None:
        groups.append(("body", pending.start, pending.end))
    return groups


def body_marks(parts: Parts, sentences: list[Span], links: BodyLinks) -> list[Mark]:
    targets = {e.sentence.start for _, e in parts.events}
    targets.update(s.start for s in figure_sentences(parts.figures, sentences))
    selected_figure = links.state.figure if links.state else ""
    cards = {key: group[0][0] for group in figure_groups(parts.figures) for key, _ in group}
    marks = [sentence_mark(s) for s in sentences if s.start in targets]
    marks += [dateline_mark(s) for s in parts.segments if s.type == "dateline"]
    marks += [cue_mark(key, a, links.source_keys) for key, a in parts.attributions]
    marks += [date_mark(key, e) for key, e in parts.events]
    marks += [
        figure_mark(key, f, cards[key], cards[key] == cards.get(selected_figure))
        for key, f in parts.figures
    ]
    marks += entity_marks(parts.mentions, parts.entity_labels, links.state)
    return marks


def spoken_mark(
    span: Span | Mention | Event | Figure | Attribution,
    layer: int,
    attrs: tuple[tuple[str, str], ...],
    kind: str,
    link: str | None = None,
    link_attrs: tuple[tuple[str, str], ...] = (),
) -> Mark:
    """A mark that tells screen readers what it is: "person: " before, " end" after."""
    before = f"{SPOKEN_TYPES[kind]}: " if kind in SPOKEN_TYPES else ""
    after = f" {gettext('end')}" if before else ""
    return Mark(
        span.start,
        span.end,
        layer,
        "mark",
        attrs,
        link=link,
        link_attrs=link_attrs,
        before=before,
        after=after,
    )


def sentence_mark(sentence: Span) -> Mark:
    attrs = (("class", "sentence"), ("id", sentence_id(sentence.start)))
    return Mark(sentence.start, sentence.end, SENTENCE_LAYER, "span", attrs)


def dateline_mark(segment: Segment) -> Mark:
    return Mark(segment.start, segment.end, DATELINE_LAYER, "span", (("class", "dateline"),))


def cue_mark(key: str, attribution: Attribution, source_keys: frozenset[str]) -> Mark:
    attrs = (
        ("class", f"cue cue-{attribution.kind}"),
        ("id", cue_id(attribution.start)),
        ("data-kind", attribution.kind),
    )
    link = f"#{key}" if key in source_keys else None
    return spoken_mark(attribution, CUE_LAYER, attrs, "cue", link)


def date_mark(key: str, event: Event) -> Mark:
    attrs = (("class", "date"), ("id", text_id(key)), ("data-value", event.value))
    return spoken_mark(event, DATE_LAYER, attrs, "date", f"#{key}")


def figure_mark(key: str, figure: Figure, card: str, selected: bool) -> Mark:
    """A figure's words, linked to the card of its count (``card``: the first mention's key)."""
    classes = f"fig fig-{figure.category}" + (" is-selected" if selected else "")
    attrs = (("class", classes), ("id", text_id(key)))
    return spoken_mark(figure, DATE_LAYER, attrs, "figure", f"#{card}")


def entity_marks(
    mentions: list[Mention], labels: dict[str, str], state: ReaderState | None
) -> list[Mark]:
    """Every mention; on the article page each opens its entity's card."""
    return [
        entity_mark(mention, labels.get(mention.entity, mention.label), state)
        for mention in sorted(mentions, key=lambda m: m.start)
    ]


def entity_mark(mention: Mention, label: str, state: ReaderState | None) -> Mark:
    selected = state is not None and state.entity == mention.entity
    attrs = (
        ("class", f"ent ent-{label.lower()}" + (" is-selected" if selected else "")),
        ("data-entity", mention.entity),
        ("data-label", label),
    )
    if state is None:  # the admin preview: no card to open
        return spoken_mark(mention, ENTITY_LAYER, attrs, label)
    href = state.with_entity(mention.entity).href()
    return spoken_mark(mention, ENTITY_LAYER, attrs, label, href, (("hx-get", href),))


def find_link_sentences(parts: Parts) -> list[Span]:
    """Sentences links land on: each event's own sentence as stored, and around them the
    body split into sentences, so a link always finds the span its annotation names."""
    split = find_sentences(parts.text, parts.segments, STORY_SEGMENTS)
    own = sorted({event.sentence for _, event in parts.events}, key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for sentence in own:
        if not any(overlaps(sentence, other) for other in kept):
            kept.append(sentence)
    around = [s for s in split if not any(overlaps(s, other) for other in kept)]
    return sorted([*kept, *around], key=lambda s: s.start)


def overlaps(one: Span, other: Span) -> bool:
    return one.start < other.end and other.start < one.end


def figure_sentences(figures: list[tuple[str, Figure]], sentences: list[Span]) -> list[Span]:
    return [containing(sentences, figure.start) for _, figure in figures]


def containing(sentences: list[Span], offset: int) -> Span:
    """The sentence holding ``offset`` (or the figure's own point when none does)."""
    index = bisect_right([s.start for s in sentences], offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index]
    return Span(offset, offset)


def sentence_id(start: int) -> str:
    return f"s-{start}"


def cue_id(start: int) -> str:
    return f"c-{start}"


def text_id(key: str) -> str:
    """The in-text mark of a timeline entry or figure card: ``t-2015-09-30`` -> ``d-…``."""
    kind, _, rest = key.partition("-")
    return {"t": "d", "fig": "f"}.get(kind, kind) + "-" + rest
