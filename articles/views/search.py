"""Search: full text over titles and bodies, narrowed by entity, source, year and figure.

One URL, two renderings: the whole page, or (for htmx, as the reader types) only its
``results`` partial. Every state is a plain GET URL, so results can be shared and the page
works without JavaScript.

Nothing here reads every match: matches are counted up to ``COUNT_LIMIT`` ("more than
1,000"); when there are more, they come newest first along an index instead of ranked; the
source menu lists the sources of the results shown; the year menu spans the first to the
last year (two index lookups); entities are found by name as the reader types
(``entity_suggestions``, an htmx partial), not listed whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections, transaction
from django.db.models import Count, F, Max, Min, QuerySet, Value
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from articles.models import Article, Attribution, Entity, Figure
from articles.reading.formats import display_date
from articles.search import (
    fold,
    mark_terms,
    search_snippet,
    search_terms,
    title_line_end,
    words_sharing_stems,
)

RESULTS_PER_PAGE = 20
FILTER_OPTIONS = 100
FILTERS = ("entity", "source", "year", "category")
# Matches are counted up to here; past it, results come newest first instead of ranked.
COUNT_LIMIT = 1000
# On PostgreSQL, matches the planner expects in more than this many times COUNT_LIMIT articles
# are not counted at all: its statistics of the stored vectors' words answer in a fraction of
# a millisecond, while counting a word found in nearly every article reads its whole list.
ESTIMATE_TRUSTED = 10
SUGGESTIONS = 10
NEWEST = (F("published_on").desc(nulls_last=True), F("created_at").desc(), F("id").desc())


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_LIMIT + 1`` matches: the count of a word in every article
    would otherwise read every one of them. Pages past the limit are not offered. With
    ``estimate``, a search for words alone, PostgreSQL's estimate may stand in for the count
    (its statistics of the words are reliable; estimates for filters are not)."""

    def __init__(self, *args, estimate: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.estimate = estimate

    @cached_property
    def count(self) -> int:
        # Only the matches' keys, up to the limit, neither ordered nor ranked.
        matches = self.object_list.order_by().values("pk")[: COUNT_LIMIT + 1]
        if connections[matches.db].vendor != "postgresql":
            return matches.count()
        database = connections[matches.db]
        unlimited = self.object_list.order_by().values("pk")
        if self.estimate and planner_estimate(unlimited) > ESTIMATE_TRUSTED * COUNT_LIMIT:
            return COUNT_LIMIT + 1
        with transaction.atomic(using=matches.db, savepoint=False), database.cursor() as cursor:
            # PostgreSQL prices checking a row's stored vector as nearly free and so walks
            # the table (or an ordering index) row by row; the search index's bitmap finds
            # the same matches without reading each vector. For this count only.
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            return matches.count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_LIMIT


def planner_estimate(rows: QuerySet) -> float:
    """How many rows PostgreSQL expects the query to give (planned, not run)."""
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # words that are all query syntax: nothing can match
        return 0.0
    with connections[rows.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]  # psycopg reads the JSON
    return float(plan[0]["Plan"]["Plan Rows"])


class SearchForm(forms.Form):
    """Reads the GET parameters; an invalid filter is ignored, never an error page."""

    q = forms.CharField(required=False, max_length=200)
    entity = forms.SlugField(required=False, max_length=220)
    # What the reader typed in the entity field without choosing a suggestion (no JavaScript):
    # an entity of exactly that name is chosen.
    entity_name = forms.CharField(required=False, max_length=200)
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
        paginator = CappedPaginator(found, RESULTS_PER_PAGE, estimate=set(criteria) == {"q"})
        if paginator.capped and "q" in criteria:
            # Too many to rank: the newest first, along an index (counted once).
            count = paginator.count
            paginator = CappedPaginator(found.order_by(*NEWEST), RESULTS_PER_PAGE)
            paginator.count = count
        page = paginator.get_page(request.GET.get("page"))
    rows = result_rows(page, criteria.get("q", "")) if page else []
    names = entity_names([criteria.get("entity"), criteria.get("source")])
    context = {
        "criteria": criteria,
        "page": page,
        "rows": rows,
        "count_limit": COUNT_LIMIT,
        "active_filters": active_filters(criteria, names),
        "entity_name": names.get(criteria.get("entity", ""), ""),
    }
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "articles/search.html#results", context)
        # The address bar shows the state without the form's empty fields.
        push_url(response, search_url(criteria, request.GET.get("page")))
    else:
        context.update(filter_options(visible, criteria, [row.article.pk for row in rows]))
        response = render(request, "articles/search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def entity_suggestions(request: HttpRequest) -> HttpResponse:
    """Entities whose name (or a word of it) starts with what the reader typed, each a link
    to the search with that entity chosen and the rest of the form kept: an htmx partial."""
    criteria = read_criteria(request.GET)
    typed = request.GET.get("entity_name", "").strip()[:200]
    suggestions = []
    if typed:
        rest = {k: v for k, v in criteria.items() if k not in ("entity", "entity_name")}
        for slug, name, label in find_entities(typed):
            url = search_url({**rest, "entity": slug})
            suggestions.append({"slug": slug, "name": name, "label": label, "url": url})
    context = {"suggestions": suggestions, "typed": typed}
    return render(request, "articles/search.html#entity_suggestions", context)


def find_entities(typed: str) -> list[tuple[str, str, str]]:
    """Up to ``SUGGESTIONS`` entities named ``typed…`` first, then ``… typed…``: lookups on the
    name (and slug, which holds the name's words without accents) that stop early."""
    from django.utils.text import slugify

    key = slugify(fold(typed))
    if not key:
        return []
    entities = Entity.objects.order_by("name").values_list("slug", "name", "label")
    found = list(entities.filter(name__istartswith=typed)[:SUGGESTIONS])
    if len(found) < SUGGESTIONS:
        seen = {slug for slug, _, _ in found}
        more = entities.filter(slug__contains=key).exclude(slug__in=seen)
        found += list(more[: SUGGESTIONS - len(found)])
    return found


def read_criteria(params: QueryDict) -> dict:
    """The valid, non-empty parameters among ``q`` and the filters."""
    form = SearchForm(params)
    form.is_valid()
    criteria = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
    typed = criteria.pop("entity_name", "")
    if typed and "entity" not in criteria:
        named = Entity.objects.filter(name__iexact=typed).values_list("slug", flat=True)[:1]
        if named:
            criteria["entity"] = named[0]
    return criteria


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
    if not query:
        return articles.order_by(*NEWEST)
    return articles.order_by("-rank", *NEWEST)


def result_rows(page: Page, query: str) -> list[ResultRow]:
    terms = search_terms(query)
    language = get_language()
    rows = []
    for article in page:
        # Words found through their root (``terbunuh`` for ``bunuh``) are marked too.
        marked = [*terms, *words_sharing_stems(terms, article.title + "\n" + article.text)]
        rows.append(
            ResultRow(
                article=article,
                title=mark_terms(article.title, marked),
                snippet=search_snippet(article.body_text, marked, body_start(article)),
                published_display=display_date(article.published_on, "day", language),
            )
        )
    return rows


def body_start(article: Article) -> int:
    return title_line_end(article.body_text, article.title)


def search_url(criteria: dict, page: str | None = None) -> str:
    params = dict(criteria)
    if page and page != "1":
        params["page"] = page
    query = urlencode(params)
    return reverse("articles:search") + (f"?{query}" if query else "")


def active_filters(criteria: dict, names: dict[str, str]) -> list[ActiveFilter]:
    """The filters in use, each with the address of the same search without it (``names``:
    the names of the entities they choose, by slug)."""
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


def filter_options(visible: QuerySet[Article], criteria: dict, shown: list[int]) -> dict:
    """Choices for the filter menus, none of which reads every match: the sources of the
    results shown, the years from the first to the last article (two index lookups)."""
    span = visible.aggregate(first=Min("published_on"), last=Max("published_on"))
    years = []
    if span["first"] and span["last"]:
        years = list(range(span["last"].year, span["first"].year - 1, -1))
    return {
        "source_options": keep_selected(source_options(shown), criteria.get("source")),
        "year_options": years,
        "category_options": Figure.Category.choices,
    }


def source_options(shown: list[int]) -> list[dict]:
    """Sources named in the results shown, most cited first: an entity's slug when the
    source is a known entity, else its name as written."""
    if not shown:
        return []
    rows = (
        Attribution.objects.filter(article__in=shown)
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
