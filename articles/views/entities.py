"""Entity pages: every entity across the collection, and one entity with what is said of it.

Each page makes a fixed number of queries however many articles it shows: the page of
articles, then the entity's mentions, the events and the figures of those articles, one
query each. Sentences around mentions come from the stored text (``articles.search``),
never from running the pipeline again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models import IntegerField as IntegerOutput
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from articles.highlight import Mark
from articles.models import Article, Entity, Event, Figure, Mention
from articles.reading.formats import data_number, display_date, display_number, display_value
from articles.reading.sidebar import QUALIFIERS
from articles.search import SENTENCE_CHARS, Window, excerpt, sentence_around, title_line_end

ARTICLES_PER_PAGE = 20
ENTITIES_PER_PAGE = 60
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
TYPE_HEADINGS = {"PER": _("People"), "ORG": _("Organisations"), "LOC": _("Places")}
NEWEST_FIRST = (F("published_on").desc(nulls_last=True), "-created_at", "-pk")


@dataclass(frozen=True, slots=True)
class MentioningArticle:
    article: Article
    mentions: int
    sentence: SafeString
    href: str
    published_display: str


@dataclass(frozen=True, slots=True)
class TimelineItem:
    key: str
    value: str
    display: str
    main: bool
    sentence: SafeString
    article: Article
    href: str


@dataclass(frozen=True, slots=True)
class FigureItem:
    key: str
    data_value: str
    display: str
    qualifier_symbol: str
    qualifier_words: str
    category_label: str
    unit: str
    as_of: str
    as_of_display: str
    source: str
    article: Article
    href: str


# --- the index -------------------------------------------------------------------------------


@require_GET
def entity_list(request: HttpRequest) -> HttpResponse:
    label = request.GET.get("type", "")
    label = label if label in Entity.Label.values else ""
    entities = entities_with_counts(Article.objects.visible_to(request.user))
    if label:
        entities = entities.filter(label=label)
    page = Paginator(entities, ENTITIES_PER_PAGE).get_page(request.GET.get("page"))
    types = list(TYPE_HEADINGS.items())
    context = {"page": page, "groups": group_by_type(page), "type": label, "types": types}
    return render(request, "articles/entities.html", context)


def entities_with_counts(visible: QuerySet[Article]) -> QuerySet[Entity]:
    """Entities mentioned in ``visible`` articles, people first, the most written about first."""
    shown = Q(mentions__article__in=visible) & ~Q(mentions__status=Mention.Status.REJECTED)
    type_order = Case(
        *(When(label=code, then=Value(index)) for index, code in enumerate(TYPE_HEADINGS)),
        default=Value(len(TYPE_HEADINGS)),
        output_field=IntegerOutput(),
    )
    return (
        Entity.objects.annotate(
            mention_count=Count("mentions", filter=shown),
            article_count=Count("mentions__article", filter=shown, distinct=True),
        )
        .filter(mention_count__gt=0)
        .order_by(type_order, "-article_count", "-mention_count", "name")
    )


def group_by_type(entities: Iterable[Entity]) -> list[tuple[str, list[Entity]]]:
    """Consecutive entities of one type under that type's heading."""
    groups: list[tuple[str, list[Entity]]] = []
    for entity in entities:
        heading = str(TYPE_HEADINGS.get(entity.label, entity.label))
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(entity)
    return groups


# --- one entity ------------------------------------------------------------------------------


@require_GET
def entity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entity = get_object_or_404(Entity, slug=slug)
    visible = Article.objects.visible_to(request.user)
    articles = visible.mentioning(entity.slug).order_by(*NEWEST_FIRST)
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    if not page.paginator.count:
        raise Http404("No article a reader may see mentions this entity.")
    shown = with_entity_mentions(list(page), entity)
    language = get_language()
    context = {
        "entity": entity,
        "page": page,
        "aliases": other_names(entity, visible),
        "wikidata_url": wikidata_url(entity.wikidata_id),
        "articles": [mentioning_article(article, entity, language) for article in shown],
        "timeline": timeline_items(shown, entity, language),
        "figures": figure_items(shown, language),
    }
    return render(request, "articles/entity.html", context)


def shown_mentions() -> QuerySet[Mention]:
    return Mention.objects.exclude(status=Mention.Status.REJECTED)


def with_entity_mentions(articles: list[Article], entity: Entity) -> list[Article]:
    mentions = shown_mentions().filter(entity=entity).only("article_id", "start", "end")
    lookup = Prefetch("mentions", queryset=mentions, to_attr="entity_mentions")
    prefetch_related_objects(articles, lookup)
    return articles


def other_names(entity: Entity, visible: QuerySet[Article]) -> list[str]:
    """The editor's aliases and every other way the articles write the name."""
    written = (
        shown_mentions()
        .filter(entity=entity, article__in=visible)
        .order_by("text")
        .values_list("text", flat=True)
        .distinct()
    )
    names: dict[str, str] = {entity.name.casefold(): entity.name}
    for name in [*entity.aliases, *written]:
        names.setdefault(str(name).casefold(), str(name))
    return sorted(list(names.values())[1:], key=str.casefold)


def wikidata_url(wikidata_id: str) -> str:
    if not WIKIDATA_ID.fullmatch(wikidata_id or ""):
        return ""
    return f"https://www.wikidata.org/wiki/{wikidata_id}"


def mentioning_article(article: Article, entity: Entity, language: str) -> MentioningArticle:
    text = article.body_text
    mentions = article.entity_mentions
    body = title_line_end(text, article.title)
    # The title already shows above; a mention in the body says more.
    in_body = [m for m in mentions if m.start >= body]
    chosen = in_body[0] if in_body else mentions[0]
    window = sentence_around(text, chosen.start, chosen.end)
    return MentioningArticle(
        article=article,
        # As the article's card counts: the marks a reader can step to, not the title's.
        mentions=len(in_body),
        sentence=excerpt(text, window, entity_marks(mentions, entity, window)),
        href=f"{article.get_absolute_url()}#ent-{entity.slug}",
        published_display=display_date(article.published_on, "day", language),
    )


def entity_marks(mentions: list[Mention], entity: Entity, window: Window) -> list[Mark]:
    label = entity.label.lower()
    attrs = (("class", f"ent ent-{label}"), ("data-label", entity.label))
    return [
        Mark(m.start, m.end, 1, "mark", attrs)
        for m in mentions
        if window.start <= m.start and m.end <= window.end
    ]


def timeline_items(articles: list[Article], entity: Entity, language: str) -> list[TimelineItem]:
    """The page's articles' dated events as one timeline: each article's main event, and
    every event told in a sentence that names the entity."""
    by_id = {article.pk: article for article in articles}
    in_sentence = shown_mentions().filter(
        article=OuterRef("article"),
        entity=entity,
        start__gte=OuterRef("sentence_start"),
        end__lte=OuterRef("sentence_end"),
    )
    events = (
        Event.objects.filter(article__in=list(by_id))
        .filter(Q(main=True) | Exists(in_sentence))
        .order_by("date", "value", "start")
    )
    return [timeline_item(event, by_id[event.article_id], entity, language) for event in events]


def timeline_item(event: Event, article: Article, entity: Entity, language: str) -> TimelineItem:
    text = article.body_text
    window = stored_sentence(text, event)
    date_mark = Mark(event.start, event.end, 0, "mark", (("class", "date"),))
    marks = [date_mark, *entity_marks(article.entity_mentions, entity, window)]
    return TimelineItem(
        key=event.key,
        value=event.value,
        display=display_value(event.value, event.precision, language),
        main=event.main,
        sentence=excerpt(text, window, marks),
        article=article,
        href=f"{article.get_absolute_url()}#{event.key}",
    )


def stored_sentence(text: str, event: Event) -> Window:
    """The event's sentence as the pipeline stored it, cut around the date when long."""
    start, end = event.sentence_start, event.sentence_end
    fits = end - start <= SENTENCE_CHARS
    if fits and 0 <= start <= event.start and event.end <= end <= len(text):
        return Window(start, end, cut_before=False, cut_after=False)
    return sentence_around(text, event.start, event.end)


def figure_items(articles: list[Article], language: str) -> list[FigureItem]:
    """Every figure reported in the page's articles, in the order the articles are listed."""
    order = {article.pk: index for index, article in enumerate(articles)}
    figures = Figure.objects.filter(article__in=list(order)).select_related("source_entity")
    ordered = sorted(figures, key=lambda f: (order[f.article_id], f.start))
    by_id = {article.pk: article for article in articles}
    return [figure_item(figure, by_id[figure.article_id], language) for figure in ordered]


def figure_item(figure: Figure, article: Article, language: str) -> FigureItem:
    symbol, words = QUALIFIERS.get(figure.qualifier, ("", ""))
    as_of = figure.as_of.isoformat() if figure.as_of else ""
    source = figure.source_entity.name if figure.source_entity else figure.source
    return FigureItem(
        key=figure.key,
        data_value=data_number(figure.value),
        display=display_number(figure.value, figure.value_max, language),
        qualifier_symbol=symbol,
        qualifier_words=str(words),
        category_label=str(figure.get_category_display()),
        unit=figure.unit,
        as_of=as_of,
        as_of_display=display_date(figure.as_of, "day", language),
        source=source,
        article=article,
        href=f"{article.get_absolute_url()}#{figure.key}",
    )
