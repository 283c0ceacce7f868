"""The article list, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import Article, Event, Figure
from articles.reading.formats import display_value
from articles.views.article import NEWEST_FIRST, SHOWN_MENTIONS

ARTICLES_PER_PAGE = 50


@dataclass(frozen=True, slots=True)
class ArticleRow:
    article: Article
    main_value: str
    main_display: str


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    articles = with_listing_counts(Article.objects.visible_to(request.user))
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [listing_row(article) for article in page]
    return render(request, "articles/home.html", {"page": page, "rows": rows})


def with_listing_counts(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Counts and the main date as subqueries: the list is one query however long it is."""
    main_events = Event.objects.filter(article=OuterRef("pk"), main=True).order_by("date", "start")
    # The text is not shown in the list: not read either (the order matches an index).
    articles = articles.defer("text")
    return articles.order_by(*NEWEST_FIRST).annotate(
        entity_count=count_per_article(SHOWN_MENTIONS, "entity"),
        figure_count=count_per_article(Figure.objects.all(), "pk"),
        main_value=Subquery(main_events.values("value")[:1]),
        main_precision=Subquery(main_events.values("precision")[:1]),
    )


def count_per_article(rows: QuerySet, field: str) -> Coalesce:
    counted = (
        rows.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count(field, distinct=True))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def listing_row(article: Article) -> ArticleRow:
    if article.main_value:
        display = display_value(article.main_value, article.main_precision, article.language)
        return ArticleRow(article, article.main_value, display)
    if article.published_on:
        display = display_value(article.published_on.isoformat(), "day", article.language)
        return ArticleRow(article, article.published_on.isoformat(), display)
    return ArticleRow(article, "", "")
