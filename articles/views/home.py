"""The front page, and the same list by month (``/archive/2017/12/``) and by outlet
(``/outlets/salam-online/``).

Each item shows the outlet, the publication date, the lead sentence (stored at ingest, so no
article text is read), the main event's date, and chips for the article's most mentioned
people and its largest figures, each opening the article at that card. A page of any length
makes the same queries: the count, the page, the people (two), the figures, and the
collection's stamp under which the month and outlet menus are kept (see ``menus``). The
count stops at ``COUNT_LIMIT`` articles (or just past the page asked for), so a page costs
the same with 1,000 articles or 100,000; past the limit the pages say "Page N" without a
total, and each still knows whether an older one follows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from articles.listing import collection_stamp, kept_until_change, reachable_mentions
from articles.models import Article, Entity, Event, Figure
from articles.reading.formats import display_date, display_number, display_value
from articles.reading.sidebar import CATEGORY_LABELS, QUALIFIERS
from articles.reading.state import ReaderState
from articles.reading.units import unit_label
from articles.views.article import NEWEST_FIRST, SHOWN_MENTIONS

ARTICLES_PER_PAGE = 50
# The list is counted up to this many articles (or to the end of the page asked for).
COUNT_LIMIT = 1000
# Pages deeper than this are not counted to: the last page offered is this one.
DEEPEST_PAGE = 10_000
PEOPLE_SHOWN = 3
FIGURES_SHOWN = 2
MONTHS_SHOWN = 12
OUTLETS_SHOWN = 12
ITEMS_TEMPLATE = "articles/includes/front_items.html"
LISTED_FIELDS = (
    "pk", "slug", "title", "lead", "outlet", "published_on", "language", "status", "created_at"
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Chip:
    kind: str  # "per" or "fig"
    label: str
    href: str
    value: str = ""  # a figure's number, machine-readable


@dataclass(frozen=True, slots=True)
class FrontItem:
    article: Article
    published_display: str
    month_url: str
    outlet_url: str
    main_value: str
    main_display: str
    people: list[Chip]
    figures: list[Chip]


@dataclass(frozen=True, slots=True)
class Month:
    day: date
    display: str
    url: str


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    articles: int
    url: str


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    visible = Article.objects.visible_to(request.user)
    stamp = collection_stamp()
    kept = menus_for(request, stamp)
    return front_page(request, kept, visible, "articles/home.html", {}, ("home",), stamp)


@require_GET
def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        raise Http404("No such month.")
    visible = Article.objects.visible_to(request.user)
    listed = visible.filter(published_on__year=year, published_on__month=month)
    first = date(year, month, 1)
    extra = {"month": first, "month_display": display_date(first, "month", get_language() or "en")}
    stamp = collection_stamp()
    kept = menus_for(request, stamp)
    return front_page(request, kept, listed, "articles/archive.html", extra, (year, month), stamp)


@require_GET
def outlet_page(request: HttpRequest, slug: str) -> HttpResponse:
    visible = Article.objects.visible_to(request.user)
    stamp = collection_stamp()
    kept = menus_for(request, stamp)
    name = kept["outlet_names"].get(slug)
    if name is None:
        raise Http404("No article a reader may see comes from this outlet.")
    listed = visible.filter(outlet=name)
    extra = {"outlet": name}
    return front_page(request, kept, listed, "articles/outlet.html", extra, ("outlet", name), stamp)


def front_page(
    request: HttpRequest,
    kept: dict,
    listed: QuerySet[Article],
    template: str,
    extra: dict,
    list_key: tuple,
    stamp: tuple,
) -> HttpResponse:
    """A page of the list: counted each time (up to the limit), its items (``list_key``
    names the list) made and drawn once, then kept until an article changes: they are the
    same for every reader of the same audience and language."""
    wanted = request.GET.get("page")
    page = ListPaginator(with_listing_counts(listed), ARTICLES_PER_PAGE, wanted).get_page(wanted)
    language = get_language() or "en"
    audience = "staff" if request.user.is_staff else "public"
    items = kept_until_change(
        "front-items",
        (*list_key, audience, language, page.number),
        lambda: render_to_string(ITEMS_TEMPLATE, {"items": front_items(list(page), language)}),
        stamp,
    )
    context = {
        "page": page,
        "items": items,
        "months": kept["months"],
        "outlets": kept["outlets"],
        **extra,
    }
    return render(request, template, context)


class ListPaginator(Paginator):
    """Counts the list only as far as it needs: up to ``COUNT_LIMIT`` articles or to the end
    of the page asked for, whichever is further, plus one to know whether more follow.
    ``capped`` says the list is longer than what was counted (the total is not known)."""

    def __init__(self, object_list: QuerySet, per_page: int, wanted: str | None) -> None:
        super().__init__(object_list, per_page)
        try:
            number = min(max(int(wanted or 1), 1), DEEPEST_PAGE)
        except ValueError:
            number = 1
        self.limit = max(COUNT_LIMIT, number * per_page)

    @cached_property
    def count(self) -> int:
        # Only the keys, neither ordered nor annotated, and no further than the limit.
        return self.object_list.order_by().values("pk")[: self.limit + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.limit


def with_listing_counts(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Counts and the main date as subqueries: the list is one query however long it is."""
    main_events = Event.objects.filter(article=OuterRef("pk"), main=True).order_by("date", "start")
    return (
        articles.only(*LISTED_FIELDS)
        .order_by(*NEWEST_FIRST)
        .annotate(
            entity_count=count_per_article(SHOWN_MENTIONS, "entity"),
            figure_count=count_per_article(Figure.objects.all(), "pk"),
            main_value=Subquery(main_events.values("value")[:1]),
            main_precision=Subquery(main_events.values("precision")[:1]),
        )
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


def front_items(articles: list[Article], language: str) -> list[FrontItem]:
    ids = [article.pk for article in articles]
    people = main_people(ids)
    figures = main_figures(ids)
    urls = LinkMaker()
    return [
        front_item(article, people.get(article.pk, []), figures.get(article.pk, []), language, urls)
        for article in articles
    ]


class LinkMaker:
    """The links a page of items shares (months, outlets), each reversed once per page."""

    def __init__(self) -> None:
        self.months: dict[tuple[int, int], str] = {}
        self.outlets: dict[str, str] = {}

    def month(self, day: date) -> str:
        key = (day.year, day.month)
        if key not in self.months:
            self.months[key] = month_url(day)
        return self.months[key]

    def outlet(self, name: str) -> str:
        if name not in self.outlets:
            self.outlets[name] = outlet_url(name)
        return self.outlets[name]


def front_item(
    article: Article,
    people: list[Chip],
    figures: list[Chip],
    language: str,
    urls: LinkMaker | None = None,
) -> FrontItem:
    urls = urls or LinkMaker()
    main_display = ""
    if article.main_value:
        main_display = display_value(article.main_value, article.main_precision, language)
    published = article.published_on
    url = article.get_absolute_url()
    return FrontItem(
        article=article,
        published_display=display_date(published, "day", language),
        month_url=urls.month(published) if published else "",
        outlet_url=urls.outlet(article.outlet),
        main_value=article.main_value or "",
        main_display=main_display,
        people=[with_article(chip, url) for chip in people],
        figures=[with_article(chip, url) for chip in figures],
    )


def with_article(chip: Chip, url: str) -> Chip:
    """The chip's link opens the article (at ``url``) at that person's card or that figure."""
    if chip.kind == "per":
        return Chip(chip.kind, chip.label, f"{url}?{ReaderState(entity=chip.href).query()}")
    query = ReaderState(figure=chip.href).query()
    return Chip(chip.kind, chip.label, f"{url}?{query}#{chip.href}", chip.value)


def main_people(ids: list[int]) -> dict[int, list[Chip]]:
    """Each article's most mentioned people: the page's mentions counted per article and
    entity (one query), then the people among those entities, read by key (one query)."""
    counted = (
        reachable_mentions()
        .filter(article__in=ids)
        .order_by()
        .values_list("article", "entity")
        .annotate(mentions=Count("pk"))
    )
    rows = list(counted)
    found = Entity.objects.filter(pk__in={entity for _, entity, _ in rows}, label="PER")
    people = {pk: (slug, name) for pk, slug, name in found.values_list("pk", "slug", "name")}
    ranked = sorted(
        (row for row in rows if row[1] in people),
        key=lambda row: (row[0], -row[2], people[row[1]][1]),
    )
    chips: dict[int, list[Chip]] = defaultdict(list)
    for article, entity, _ in ranked:
        if len(chips[article]) < PEOPLE_SHOWN:
            slug, name = people[entity]
            chips[article].append(Chip("per", name, slug))
    return chips


def main_figures(ids: list[int]) -> dict[int, list[Chip]]:
    """Each article's largest figures, casualties before other counts: the database picks
    ``FIGURES_SHOWN`` per article (one query), so a page reads no more however many figures
    its articles report."""
    order = (
        Case(When(category="other", then=Value(1)), default=Value(0)).asc(),
        Coalesce(NullIf("value_max", Value(0.0)), "value").desc(),
        F("key").asc(),
    )
    figures = (
        Figure.objects.filter(article__in=ids)
        .annotate(place=Window(RowNumber(), partition_by=[F("article")], order_by=order))
        .filter(place__lte=FIGURES_SHOWN)
        .only("article", "key", "value", "value_max", "qualifier", "unit", "category")
    )
    by_article: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_article[figure.article_id].append(figure)
    language = get_language() or "en"
    return {
        article: [figure_chip(f, language) for f in sorted(found, key=figure_rank)]
        for article, found in by_article.items()
    }


def figure_rank(figure: Figure) -> tuple[bool, float, str]:
    return (figure.category == "other", -(figure.value_max or figure.value), figure.key)


def figure_chip(figure: Figure, language: str) -> Chip:
    symbol = QUALIFIERS.get(figure.qualifier, ("", ""))[0]
    number = display_number(figure.value, figure.value_max, language)
    what = str(CATEGORY_LABELS.get(figure.category, figure.category)).lower()
    if figure.category == "other" and figure.unit:
        what = unit_label(figure.unit)
    return Chip("fig", f"{symbol}{number} {what}", figure.key, str(figure.value))


def menus_for(request: HttpRequest, stamp: tuple | None = None) -> dict:
    return menus(Article.objects.visible_to(request.user), request.user.is_staff, stamp)


def menus(visible: QuerySet[Article], staff: bool, stamp: tuple | None = None) -> dict:
    """The month and outlet menus, and every outlet's name by slug. Making them reads every
    visible article, so they are kept until an article changes."""
    audience = "staff" if staff else "public"
    return kept_until_change(
        "front-menus",
        (audience, get_language() or "en"),
        lambda: {
            "months": recent_months(visible),
            "outlets": top_outlets(visible),
            "outlet_names": outlet_names(visible),
        },
        stamp,
    )


def recent_months(visible: QuerySet[Article]) -> list[Month]:
    days = visible.dates("published_on", "month", order="DESC")[:MONTHS_SHOWN]
    language = get_language() or "en"
    return [Month(day, display_date(day, "month", language), month_url(day)) for day in days]


def top_outlets(visible: QuerySet[Article]) -> list[Outlet]:
    rows = (
        visible.exclude(outlet="")
        .order_by()
        .values("outlet")
        .annotate(articles=Count("pk"))
        .order_by("-articles", "outlet")[:OUTLETS_SHOWN]
    )
    return [Outlet(row["outlet"], row["articles"], outlet_url(row["outlet"])) for row in rows]


def outlet_names(visible: QuerySet[Article]) -> dict[str, str]:
    """Each outlet's name by its slug (outlets are names, not rows): one query."""
    names = visible.exclude(outlet="").order_by().values_list("outlet", flat=True).distinct()
    by_slug: dict[str, str] = {}
    for name in sorted(names):
        by_slug.setdefault(slugify(name), name)
    return by_slug


def month_url(day: date) -> str:
    return reverse("articles:archive_month", kwargs={"year": day.year, "month": day.month})


def outlet_url(name: str) -> str:
    slug = slugify(name)
    return reverse("articles:outlet", kwargs={"slug": slug}) if slug else ""
