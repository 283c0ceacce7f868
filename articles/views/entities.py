"""Entity pages: every entity across the collection, and one entity with what is said of it.

Each page makes a fixed number of queries however many articles it shows: the page of
articles, then the entity's mentions, the events and the figures of those articles, one
query each. Sentences around mentions come from the stored text (``articles.search``),
never from running the pipeline again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from articles.highlight import Mark
from articles.listing import kept_until_change, reachable_mentions
from articles.models import Article, Entity, EntityRedirect, Event, Figure, Mention
from articles.models import Segment as SegmentRow
from articles.reading.charts import mentions_chart
from articles.reading.formats import data_number, display_date, display_number, display_value
from articles.reading.sidebar import QUALIFIERS
from articles.search import SENTENCE_CHARS, Window, excerpt, sentence_around

ARTICLES_PER_PAGE = 20
CHART_TEMPLATE = "articles/includes/entity_chart.html"
# The timeline and the figures of a page's articles are paged too: twenty articles that each
# tell many dated events or report many figures would otherwise make one very long page.
EVENTS_PER_PAGE = 30
FIGURES_PER_PAGE = 20
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


class IndexForm(forms.Form):
    """The index's GET parameters; an invalid one is ignored, never an error page."""

    q = forms.CharField(required=False, max_length=100, strip=True)
    type = forms.ChoiceField(required=False, choices=[("", ""), *Entity.Label.choices])
    sort = forms.ChoiceField(required=False, choices=[("count", "count"), ("name", "name")])


SORTS = {
    "count": ("-article_count", "-mention_count", "name"),
    "name": ("name", "label"),
}


@require_GET
def entity_list(request: HttpRequest) -> HttpResponse:
    """Filtered by type, searched by name (as the reader types, over htmx), sorted by how
    many articles mention each entity or by name. Counts are stored on the entity
    (``articles.listing.refresh_entity_counts``), so a page is two indexed queries however
    many entities there are: the count (kept until an article changes, as the counts are) and
    the page."""
    form = IndexForm(request.GET)
    criteria = form.cleaned_data if form.is_valid() else {}
    sort = criteria.get("sort") or "count"
    entities = Entity.objects.filter(article_count__gt=0)
    if criteria.get("type"):
        entities = entities.filter(label=criteria["type"])
    if criteria.get("q"):
        entities = entities.filter(name__icontains=criteria["q"])
    entities = entities.order_by(*SORTS[sort]).only(
        "name", "slug", "label", "article_count", "mention_count"
    )
    paginator = Paginator(entities, ENTITIES_PER_PAGE)
    if not criteria.get("q"):
        # Counting every entity readers can reach reads each of them; the counts it filters
        # on change only with articles, so the total is kept until an article changes.
        type_ = criteria.get("type") or ""
        paginator.count = kept_until_change("entity-index-count", (type_,), entities.count)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "entities": list(page),
        "q": criteria.get("q", ""),
        "type": criteria.get("type", ""),
        "sort": sort,
        "types": list(TYPE_HEADINGS.items()),
        "type_names": {code: str(label) for code, label in Entity.Label.choices},
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "articles/entities.html#results", context)
        push_url(response, index_url(criteria, request.GET.get("page")))
    else:
        response = render(request, "articles/entities.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def index_url(criteria: dict, page: str | None) -> str:
    params = {name: value for name, value in criteria.items() if value and value != "count"}
    if page and page != "1":
        params["page"] = page
    query = urlencode(params)
    return reverse("articles:entities") + (f"?{query}" if query else "")


# --- one entity ------------------------------------------------------------------------------


@require_GET
def entity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entity = Entity.objects.filter(slug=slug).first()
    if entity is None:
        # An entity merged into another by the editors: its links lead to that one.
        merged = get_object_or_404(EntityRedirect.objects.select_related("target"), slug=slug)
        return redirect("articles:entity", slug=merged.target.slug, permanent=True)
    visible = Article.objects.visible_to(request.user)
    articles = visible.mentioning(entity.slug).order_by(*NEWEST_FIRST)
    # What reads all the entity's mentions (its article count, the month chart, the names it
    # goes by) is kept until an article changes, the chart drawn in the reader's language;
    # the page of articles is read each time.
    language = get_language()
    summary = kept_until_change(
        "entity-summary",
        (entity.pk, "staff" if request.user.is_staff else "public", language),
        lambda: {
            "count": articles.count(),
            "names": other_names(entity, visible),
            "chart": drawn_chart(entity, visible, language),
        },
    )
    paginator = Paginator(articles, ARTICLES_PER_PAGE)
    paginator.count = summary["count"]
    page = paginator.get_page(request.GET.get("page"))
    if not page.paginator.count:
        raise Http404("No article a reader may see mentions this entity.")
    shown = with_entity_mentions(list(page), entity)
    timeline = Paginator(timeline_events(shown, entity), EVENTS_PER_PAGE)
    timeline_page = timeline.get_page(request.GET.get("events"))
    figures = Paginator(page_figures(shown), FIGURES_PER_PAGE)
    figures_page = figures.get_page(request.GET.get("figures"))
    by_id = {article.pk: article for article in shown}
    context = {
        "entity": entity,
        "page": page,
        "aliases": summary["names"],
        "wikidata_url": wikidata_url(entity.wikidata_id),
        "articles": [mentioning_article(article, entity, language) for article in shown],
        "timeline": [
            timeline_item(event, by_id[event.article_id], entity, language)
            for event in timeline_page
        ],
        "timeline_page": timeline_page,
        "figures": [
            figure_item(figure, by_id[figure.article_id], language) for figure in figures_page
        ],
        "figures_page": figures_page,
        "chart": summary["chart"],
    }
    return render(request, "articles/entity.html", context)


def drawn_chart(entity: Entity, visible: QuerySet[Article], language: str) -> SafeString:
    """The chart of mentions over time with its table, as HTML (the template escapes)."""
    chart = mentions_chart(mentions_by_month(entity, visible), entity.name, language)
    return render_to_string(CHART_TEMPLATE, {"chart": chart})


def mentions_by_month(entity: Entity, visible: QuerySet[Article]) -> dict:
    """Reachable mentions of the entity per month of publication (one query)."""
    rows = (
        reachable_mentions()
        .filter(entity=entity, article__in=visible, article__published_on__isnull=False)
        .annotate(month=TruncMonth("article__published_on"))
        .order_by()
        .values("month")
        .annotate(mentions=Count("pk"))
    )
    return {row["month"]: row["mentions"] for row in rows}


def shown_mentions() -> QuerySet[Mention]:
    return Mention.objects.shown()


@dataclass(frozen=True, slots=True)
class PageMention:
    """A shown mention of the entity in one of the page's articles."""

    start: int
    end: int
    reachable: bool  # not in the title, which the article's heading shows


def with_entity_mentions(articles: list[Article], entity: Entity) -> list[Article]:
    """Each article's shown mentions of the entity (``entity_mentions``), each marked
    ``reachable`` unless it lies in the article's title (the rule of ``reachable_mentions``,
    applied here to the page's own title segments: two small queries)."""
    ids = [article.pk for article in articles]
    mentions = (
        shown_mentions()
        .filter(entity=entity, article__in=ids)
        .order_by("article", "start")
        .values_list("article", "start", "end")
    )
    titles: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = SegmentRow.objects.filter(article__in=ids, kind="title")
    for article_id, start, end in rows.values_list("article", "start", "end"):
        titles[article_id].append((start, end))
    by_article: dict[int, list[PageMention]] = defaultdict(list)
    for article_id, start, end in mentions:
        in_title = any(s <= start and end <= e for s, e in titles[article_id])
        by_article[article_id].append(PageMention(start, end, not in_title))
    for article in articles:
        article.entity_mentions = by_article[article.pk]
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
    # The title already shows above; a mention in the body says more.
    in_body = [m for m in mentions if m.reachable]
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


def entity_marks(mentions: list[PageMention], entity: Entity, window: Window) -> list[Mark]:
    label = entity.label.lower()
    attrs = (("class", f"ent ent-{label}"), ("data-label", entity.label))
    return [
        Mark(m.start, m.end, 1, "mark", attrs)
        for m in mentions
        if window.start <= m.start and m.end <= window.end
    ]


EVENT_FIELDS = (
    "article_id", "key", "start", "end", "value", "precision", "main", "sentence_start",
    "sentence_end",
)  # fmt: skip


def timeline_events(articles: list[Article], entity: Entity) -> list[tuple]:
    """The page's articles' dated events as one timeline: each article's main event, and
    every event told in a sentence that names the entity. Read whole as plain rows (named
    tuples); items are made only for the part of the timeline shown."""
    in_sentence = shown_mentions().filter(
        article=OuterRef("article"),
        entity=entity,
        start__gte=OuterRef("sentence_start"),
        end__lte=OuterRef("sentence_end"),
    )
    return list(
        Event.objects.filter(article__in=[article.pk for article in articles])
        .filter(Q(main=True) | Exists(in_sentence))
        .order_by("date", "value", "start")
        .values_list(*EVENT_FIELDS, named=True)
    )


def timeline_item(event, article: Article, entity: Entity, language: str) -> TimelineItem:
    """``event``: a row of ``timeline_events`` (or an Event: the same attributes)."""
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


def stored_sentence(text: str, event) -> Window:
    """The event's sentence as the pipeline stored it, cut around the date when long."""
    start, end = event.sentence_start, event.sentence_end
    fits = end - start <= SENTENCE_CHARS
    if fits and 0 <= start <= event.start and event.end <= end <= len(text):
        return Window(start, end, cut_before=False, cut_after=False)
    return sentence_around(text, event.start, event.end)


def page_figures(articles: list[Article]) -> list[Figure]:
    """Every figure reported in the page's articles, in the order the articles are listed."""
    order = {article.pk: index for index, article in enumerate(articles)}
    figures = Figure.objects.filter(article__in=list(order)).select_related("source_entity")
    return sorted(figures, key=lambda f: (order[f.article_id], f.start))


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
