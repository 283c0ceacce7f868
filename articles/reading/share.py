"""What a shared link shows before it is opened: OpenGraph and Twitter cards, and JSON-LD.

A link to the article previews the article (its title and lead paragraph); a link to an
entity (``?entity=``) or a figure (``?figure=``) names that entity or figure, so a pasted
link already says what it points at ("≈230,000 killed — Reuters, as of 3 Jan 2018").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from articles.reading import Reading
from articles.reading.formats import display_number, locale_for
from articles.reading.share_image import ShareCard
from articles.reading.sidebar import CATEGORY_LABELS, EntitySummary, FigureCard
from articles.reading.state import ReaderState
from articles.reading.units import unit_label

SITE_NAME = "newsreader"
DESCRIPTION_WORDS = 40
SCHEMA_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
# The characters that could end a <script> element or open a comment, as JSON escapes.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True, slots=True)
class Preview:
    title: str
    description: str
    url: str  # the shared state's address; `canonical` stays the article's
    canonical: str
    site_name: str
    outlet: str
    published: str  # ISO date, or ""
    published_display: str
    json_ld: SafeString
    image_url: str = ""  # the share picture of this state (share_card), absolute
    image_alt: str = ""


def build_preview(
    reading: Reading, canonical: str, language: str, entity_urls: dict[str, str]
) -> Preview:
    """The preview of the page ``reading.state`` names, worded in ``language`` (the
    reader's interface language; the article's own words stay as written)."""
    state = reading.state or ReaderState()
    entity = reading.find_entity(state.entity) if state.entity else None
    figure = reading.find_figure(state.figure) if state.figure else None
    title, description = reading.meta.title, describe_article(reading)
    if entity is not None:
        title, description = entity_title(entity), entity_description(entity, reading)
    elif figure is not None:
        title = figure_title(figure, language)
        description = figure_description(figure, reading)
    shared = ReaderState(entity=entity.slug if entity else "", figure=figure.key if figure else "")
    published = reading.meta.published
    image = canonical + IMAGE_NAME + (f"?{shared.query()}" if shared.query() else "")
    return Preview(
        title=title,
        description=description,
        url=canonical + (f"?{shared.query()}" if shared.query() else ""),
        canonical=canonical,
        site_name=SITE_NAME,
        outlet=reading.meta.outlet,
        published=published.isoformat() if published else "",
        published_display=short_date(published, language) if published else "",
        json_ld=json_ld_script(news_article(reading, canonical, entity_urls)),
        image_url=image,
        image_alt=title,
    )


# --- the share picture -----------------------------------------------------------------------

IMAGE_NAME = "share.png"  # beside the article's URL: /articles/<pk>/<slug>/share.png
CARDS_SHOWN = 3


def share_card(reading: Reading, language: str) -> ShareCard:
    """What the picture of ``reading.state`` shows: the article (title, outlet, date and its
    largest figures), or the shared entity, or the shared figure."""
    state = reading.state or ReaderState()
    entity = reading.find_entity(state.entity) if state.entity else None
    figure = reading.find_figure(state.figure) if state.figure else None
    source = " · ".join(part for part in (reading.meta.outlet, published_on(reading)) if part)
    if entity is not None:
        count = ngettext("%(count)d mention", "%(count)d mentions", entity.mentions) % {
            "count": entity.mentions
        }
        forms = [(f"×{n}", f"“{form}”") for form, n in entity.forms[:CARDS_SHOWN]]
        return ShareCard(
            kicker=f"{entity.label_name} · {count}".upper(),
            title=entity.name,
            subtitle=gettext("In “%(title)s”") % {"title": reading.meta.title} + f" — {source}",
            cards=forms,
            accent=entity.label.lower(),
        )
    if figure is not None:
        return ShareCard(
            kicker=(str(figure.category_label) + (f" · {source}" if source else "")).upper(),
            title=figure_title(figure, language),
            subtitle=f"“{figure.text}” — {reading.meta.title}",
        )
    return ShareCard(kicker=source.upper(), title=reading.meta.title, cards=main_cards(reading))


def main_cards(reading: Reading) -> list[tuple[str, str]]:
    """The article's largest figures, counts of other things after casualties."""
    ranked = sorted(
        reading.figures, key=lambda f: (f.category == "other", -(f.value_max or f.value))
    )
    return [
        (f"{card.qualifier_symbol}{card.display}", figure_words(card))
        for card in ranked[:CARDS_SHOWN]
    ]


def figure_words(card: FigureCard) -> str:
    what = str(card.category_label)
    unit = unit_label(card.unit)
    return f"{what} ({unit})" if unit and unit.casefold() != what.casefold() else what


def published_on(reading: Reading) -> str:
    published = reading.meta.published
    return short_date(published, get_language() or reading.meta.language) if published else ""


def describe_article(reading: Reading) -> str:
    return Truncator(reading.lead or reading.meta.title).words(DESCRIPTION_WORDS)


def entity_title(entity: EntitySummary) -> str:
    count = ngettext("%(count)d mention", "%(count)d mentions", entity.mentions) % {
        "count": entity.mentions
    }
    return f"{entity.name} — {entity.label_name.lower()}, {count}"


def entity_description(entity: EntitySummary, reading: Reading) -> str:
    forms = ", ".join(f"“{form}”" for form, _ in entity.forms)
    words = gettext("In “%(title)s”, written as %(forms)s.") % {
        "title": reading.meta.title,
        "forms": forms,
    }
    return Truncator(words).words(DESCRIPTION_WORDS)


def figure_title(figure: FigureCard, language: str) -> str:
    """``≈230,000 killed — Reuters, as of 3 Jan 2018``."""
    number = display_number(figure.value, figure.value_max, language)
    what = (
        unit_label(figure.unit)
        if figure.category == "other" and figure.unit
        else category_word(figure)
    )
    title = f"{figure.qualifier_symbol}{number} {what}"
    if figure.source:
        title += f" — {figure.source}"
    if figure.as_of:
        as_of = short_date(date.fromisoformat(figure.as_of), language)
        title += ", " + gettext("as of %(date)s") % {"date": as_of}
    return title


def category_word(figure: FigureCard) -> str:
    return str(CATEGORY_LABELS.get(figure.category, figure.category)).lower()


def figure_description(figure: FigureCard, reading: Reading) -> str:
    words = gettext("In “%(title)s”: “%(quote)s”") % {
        "title": reading.meta.title,
        "quote": figure.text,
    }
    return Truncator(words).words(DESCRIPTION_WORDS)


def short_date(value: date, language: str) -> str:
    return format_date(value, "d MMM y", locale=locale_for(language))


def news_article(reading: Reading, canonical: str, entity_urls: dict[str, str]) -> dict:
    """schema.org NewsArticle: headline, date, publisher, and the entities it mentions."""
    meta = reading.meta
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "inLanguage": meta.language,
        "description": describe_article(reading),
    }
    if meta.published:
        data["datePublished"] = meta.published.isoformat()
    if meta.outlet:
        data["publisher"] = {"@type": "Organization", "name": meta.outlet}
    if meta.url:
        data["isBasedOn"] = meta.url
    data["mentions"] = [
        mentioned(entity, entity_urls.get(entity.slug, ""))
        for group in reading.entities
        for entity in group.entities
    ]
    return data


def mentioned(entity: EntitySummary, url: str) -> dict:
    thing = {"@type": SCHEMA_TYPES.get(entity.label, "Thing"), "name": entity.name}
    return {**thing, "url": url} if url else thing


def json_ld_script(data: dict) -> SafeString:
    """``<script type="application/ld+json">`` whose content can never close the element:
    ``<``, ``>`` and ``&`` are written as JSON escapes, as Django's ``json_script`` does."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    # Safe: the JSON holds no <, > or &, so it cannot end the element or open markup.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
