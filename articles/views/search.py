"""Search: full text over titles and bodies, narrowed by entity, source, year and figure.

One URL, two renderings: the whole page, or (for htmx, as the reader types) only its
``results`` partial. Every state is a plain GET URL, so results can be shared and the page
works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Value
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from articles.models import Article, Attribution, Entity, Figure, shown_mentions
from articles.reading.formats import display_date
from articles.search import mark_terms, search_snippet, search_terms, title_line_end

RESULTS_PER_PAGE = 20
FILTER_OPTIONS = 100
FILTERS = ("entity", "source", "year", "category")


class SearchForm(forms.Form):
    """Reads the GET parameters; an invalid filter is ignored, never an error page."""

    q = forms.CharField(required=False, max_length=200)
    entity = forms.SlugField(required=False, max_length=220)
    source = forms.CharField(required=False, max_length=300)
    year = forms.IntegerField(required=False, min_value=1, max_value=9999)
    category = forms.ChoiceField(required=False, choices=[("", ""), *Figure.Category.choices])


@dataclass(frozen=True, slots=True)
class ResultRow:
    article: Article
    title: SafeString
    snippet: SafeString
    published_display: str


@dataclass(frozen=True, slots=True)
class ActiveFilter:
    label: str
    value: str
    remove_url: str


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    criteria = read_criteria(request.GET)
    visible = Article.objects.visible_to(request.user)
    found = find_articles(visible, criteria)
    page = None
    if found is not None:
        page = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "criteria": criteria,
        "page": page,
        "rows": result_rows(page, criteria.get("q", "")) if page else [],
        "active_filters": active_filters(criteria),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "articles/search.html#results", context)
        # The address bar shows the state without the form's empty fields.
        push_url(response, search_url(criteria, request.GET.get("page")))
    else:
        context.update(filter_options(visible, criteria))
        response = render(request, "articles/search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def read_criteria(params: QueryDict) -> dict:
    """The valid, non-empty parameters among ``q`` and the filters."""
    form = SearchForm(params)
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}


def find_articles(articles: QuerySet[Article], criteria: dict) -> QuerySet[Article] | None:
    """Matching articles, best first; None when nothing was asked."""
    if not criteria:
        return None
    query = criteria.get("q")
    articles = articles.search(query) if query else articles.annotate(rank=Value(0.0))
    if "entity" in criteria:
        articles = articles.mentioning(criteria["entity"])
    if "source" in criteria:
        articles = articles.citing(criteria["source"])
    if "year" in criteria:
        articles = articles.filter(published_on__year=criteria["year"])
    if "category" in criteria:
        articles = articles.reporting(criteria["category"])
    newest = (F("published_on").desc(nulls_last=True), "-created_at", "-pk")
    return articles.order_by("-rank", *newest)


def result_rows(page: Page, query: str) -> list[ResultRow]:
    terms = search_terms(query)
    language = get_language()
    return [
        ResultRow(
            article=article,
            title=mark_terms(article.title, terms),
            snippet=search_snippet(article.body_text, terms, body_start(article)),
            published_display=display_date(article.published_on, "day", language),
        )
        for article in page
    ]


def body_start(article: Article) -> int:
    return title_line_end(article.body_text, article.title)


def search_url(criteria: dict, page: str | None = None) -> str:
    params = dict(criteria)
    if page and page != "1":
        params["page"] = page
    query = urlencode(params)
    return reverse("articles:search") + (f"?{query}" if query else "")


def active_filters(criteria: dict) -> list[ActiveFilter]:
    """The filters in use, each with the address of the same search without it."""
    names = entity_names([criteria.get("entity"), criteria.get("source")])
    labels = {
        "entity": _("Entity"),
        "source": _("Source"),
        "year": _("Year"),
        "category": _("Figures"),
    }
    shown = []
    for name in FILTERS:
        if name not in criteria:
            continue
        value = str(criteria[name])
        if name in ("entity", "source"):
            value = names.get(value, value)
        elif name == "category":
            value = str(Figure.Category(criteria[name]).label)
        rest = {key: item for key, item in criteria.items() if key != name}
        shown.append(ActiveFilter(str(labels[name]), value, search_url(rest)))
    return shown


def entity_names(slugs: list[str | None]) -> dict[str, str]:
    wanted = [slug for slug in slugs if slug]
    if not wanted:
        return {}
    return dict(Entity.objects.filter(slug__in=wanted).values_list("slug", "name"))


def filter_options(visible: QuerySet[Article], criteria: dict) -> dict:
    """Choices for the filter menus: the most mentioned entities and most cited sources."""
    shown = shown_mentions("mentions__") & Q(mentions__article__in=visible)
    entities = (
        Entity.objects.annotate(articles=Count("mentions__article", filter=shown, distinct=True))
        .filter(articles__gt=0)
        .order_by("-articles", "name")
        .values("slug", "name")[:FILTER_OPTIONS]
    )
    return {
        "entity_options": keep_selected(list(entities), criteria.get("entity")),
        "source_options": keep_selected(source_options(visible), criteria.get("source")),
        "year_options": [day.year for day in visible.dates("published_on", "year", order="DESC")],
        "category_options": Figure.Category.choices,
    }


def source_options(visible: QuerySet[Article]) -> list[dict]:
    """Sources named in visible articles, most cited first: an entity's slug when the source
    is a known entity, else its name as written."""
    rows = (
        Attribution.objects.filter(article__in=visible)
        .exclude(source="", source_entity=None)
        .values("source_entity__slug", "source_entity__name", "source")
        .annotate(articles=Count("article", distinct=True))
        .order_by("-articles", "source")[: FILTER_OPTIONS * 2]
    )
    options: dict[str, str] = {}
    for row in rows:
        slug, name = row["source_entity__slug"], row["source_entity__name"]
        options.setdefault(slug or row["source"], name or row["source"])
    return [{"slug": value, "name": name} for value, name in options.items()][:FILTER_OPTIONS]


def keep_selected(options: list[dict], selected: str | None) -> list[dict]:
    """The menu keeps a chosen value even when it is not among the most common ones."""
    if selected and all(option["slug"] != selected for option in options):
        return [*options, {"slug": selected, "name": selected}]
    return options
