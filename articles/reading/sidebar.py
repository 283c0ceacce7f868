"""The sidebar's data: the legend with its layer switches, the entities, the timeline and
the figure cards."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy

from articles.annotate.types import Event, Figure, Span
from articles.reading.body import containing, mention_id, sentence_id, text_id
from articles.reading.formats import data_number, display_number, display_value, first_day
from articles.reading.parts import Parts, figure_groups
from articles.reading.state import ENTITY_LAYERS, ReaderState

ENTITY_LABELS = {
    "PER": gettext_lazy("Person"),
    "ORG": gettext_lazy("Organisation"),
    "LOC": gettext_lazy("Place"),
}
ENTITY_GROUPS = {
    "PER": gettext_lazy("People"),
    "ORG": gettext_lazy("Organisations"),
    "LOC": gettext_lazy("Places"),
}


QUALIFIERS = {
    "exact": ("", ""),
    "about": ("≈", gettext_lazy("about")),
    "more_than": (">", gettext_lazy("more than")),
    "less_than": ("<", gettext_lazy("fewer than")),
    "at_least": ("≥", gettext_lazy("at least")),
    "at_most": ("≤", gettext_lazy("at most")),
    "range": ("", gettext_lazy("between")),
}


CATEGORY_LABELS = {
    "killed": gettext_lazy("Killed"),
    "wounded": gettext_lazy("Wounded"),
    "displaced": gettext_lazy("Displaced"),
    "missing": gettext_lazy("Missing"),
    "arrested": gettext_lazy("Arrested"),
    "other": gettext_lazy("Other"),
}


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One kind of highlight, its count, and (on the article page) the link that switches
    its layer on or off."""

    css_class: str
    code: str
    name: str
    count: int
    layer: str = ""
    shown: bool = True
    toggle_href: str = ""


@dataclass(frozen=True, slots=True)
class EntitySummary:
    slug: str
    name: str
    label: str
    mentions: int
    forms: list[tuple[str, int]]  # each surface form and how often, most used first
    marked: int  # marks shown in the body, with ids ent-<slug>, ent-<slug>--2, …
    href: str = ""  # opens the entity's card; empty in the admin preview

    @property
    def label_name(self) -> str:
        return str(ENTITY_LABELS.get(self.label, self.label))

    @property
    def mark_ids(self) -> list[str]:
        return [mention_id(self.slug, number) for number in range(1, self.marked + 1)]


@dataclass(frozen=True, slots=True)
class EntityGroup:
    label: str
    name: str
    entities: list[EntitySummary]

    @property
    def css_class(self) -> str:
        return f"ent-{self.label.lower()}"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    key: str
    value: str
    precision: str
    display: str
    text: str
    summary: str
    main: bool
    relative: bool
    sentence_href: str
    text_href: str


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One place a count is told: its words and the link to them in the text."""

    key: str
    text: str
    text_href: str


@dataclass(frozen=True, slots=True)
class FigureCard:
    key: str
    data_value: str
    display: str
    qualifier: str
    qualifier_symbol: str
    qualifier_words: str
    category: str
    category_label: str
    unit: str
    as_of: str
    as_of_display: str
    source: str
    text: str
    sentence_href: str
    text_href: str
    value: float = 0.0
    value_max: float | None = None
    selected: bool = False
    mentions: tuple[FigureMention, ...] = ()  # every mention of this count, in text order


def build_legend(parts: Parts, state: ReaderState | None) -> list[LegendItem]:
    slugs = {m.entity for m in parts.mentions}
    counts = dict.fromkeys(ENTITY_LABELS, 0)
    for slug in slugs:
        label = parts.entity_labels.get(slug, "")
        if label in counts:
            counts[label] += 1
    kinds = [
        (f"ent ent-{code.lower()}", code, name, counts[code], ENTITY_LAYERS[code])
        for code, name in ENTITY_LABELS.items()
    ]
    kinds.append(("date", "", gettext_lazy("Date"), len(parts.events), "dates"))
    kinds.append(("fig", "", gettext_lazy("Figure"), len(parts.figures), "figures"))
    kinds.append(("cue", "", gettext_lazy("Source cue"), len(parts.attributions), "sources"))
    return [legend_item(*kind, state) for kind in kinds]


def legend_item(
    css_class: str, code: str, name: str, count: int, layer: str, state: ReaderState | None
) -> LegendItem:
    if state is None:
        return LegendItem(css_class, code, name, count, layer)
    toggle = state.with_layer_toggled(layer).href()
    return LegendItem(css_class, code, name, count, layer, state.shows(layer), toggle)


def build_entities(
    parts: Parts, marked: Counter[str], state: ReaderState | None
) -> list[EntityGroup]:
    """The article's entities by type, most mentioned first."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in parts.mentions:
        forms[mention.entity][mention.text] += 1
    groups: dict[str, list[EntitySummary]] = {code: [] for code in ENTITY_LABELS}
    for slug, counted in forms.items():
        summary = summarise_entity(parts, slug, counted, marked[slug], state)
        groups.setdefault(summary.label, []).append(summary)
    return [
        EntityGroup(code, str(ENTITY_GROUPS.get(code, code)), sorted_entities(entities))
        for code, entities in groups.items()
        if entities
    ]


def summarise_entity(
    parts: Parts, slug: str, forms: Counter[str], marked: int, state: ReaderState | None
) -> EntitySummary:
    return EntitySummary(
        slug=slug,
        name=parts.entity_names.get(slug) or forms.most_common(1)[0][0],
        label=parts.entity_labels.get(slug, ""),
        mentions=forms.total(),
        forms=sorted(forms.items(), key=lambda pair: (-pair[1], pair[0])),
        marked=marked,
        href=state.with_entity(slug).href() if state is not None else "",
    )


def sorted_entities(entities: list[EntitySummary]) -> list[EntitySummary]:
    return sorted(entities, key=lambda e: (-e.mentions, e.name.casefold()))


def sort_events(events: list[tuple[str, Event]]) -> list[tuple[str, Event]]:
    return sorted(events, key=lambda pair: (first_day(pair[1].value), pair[1].start))


def build_entry(key: str, event: Event, language: str) -> TimelineEntry:
    return TimelineEntry(
        key=key,
        value=event.value,
        precision=event.precision,
        display=display_value(event.value, event.precision, language),
        text=event.text,
        summary=event.summary,
        main=event.main,
        relative=event.relative,
        sentence_href=f"#{sentence_id(event.sentence.start)}",
        text_href=f"#{text_id(key)}",
    )


def build_cards(
    figures: list[tuple[str, Figure]], sentences: list[Span], language: str, selected: str
) -> list[FigureCard]:
    """One card per count, with links to each of its mentions; ``selected`` any mention's key."""
    cards = []
    for group in figure_groups(figures):
        key, figure = group[0]
        mentions = tuple(FigureMention(k, f.text, f"#{text_id(k)}") for k, f in group)
        is_selected = any(k == selected for k, _ in group)
        card = build_card(key, figure, sentences, language, is_selected)
        cards.append(replace(card, mentions=mentions))
    return cards


def build_card(
    key: str, figure: Figure, sentences: list[Span], language: str, selected: bool = False
) -> FigureCard:
    symbol, words = QUALIFIERS.get(figure.qualifier, ("", ""))
    as_of = figure.as_of or ""
    return FigureCard(
        key=key,
        data_value=data_number(figure.value),
        display=display_number(figure.value, figure.value_max, language),
        qualifier=figure.qualifier,
        qualifier_symbol=symbol,
        qualifier_words=words,
        category=figure.category,
        category_label=CATEGORY_LABELS.get(figure.category, figure.category),
        unit=figure.unit or "",
        as_of=as_of,
        as_of_display=display_value(as_of, "day", language) if as_of else "",
        source=figure.source or "",
        text=figure.text,
        sentence_href=f"#{sentence_id(containing(sentences, figure.start).start)}",
        text_href=f"#{text_id(key)}",
        value=figure.value,
        value_max=figure.value_max,
        selected=selected,
    )
