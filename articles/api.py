"""The read-only JSON API at ``/api/`` (django-ninja), with its OpenAPI schema and Swagger UI
served from the app's own static files (``/api/`` itself, ``/api/openapi.json``).

django-ninja rather than Django REST framework: the API is five read-only GET endpoints, and
ninja writes them as plain typed functions (the project's function-view style), derives the
OpenAPI schema from the type hints with pydantic (already installed with spaCy), and ships
Swagger UI in its own static files, so the docs work offline with nothing more installed.

Only what readers may see: published articles (``Article.objects.published()``), and
mentions an editor did not reject (``Mention.objects.shown()``; article annotations come from
``articles.mapping.result_from_article``, which applies the same rule). Every answer has an
``ETag`` (a hash of its body; articles also ``Last-Modified``) and conditional GETs get 304,
allows any origin to read it (CORS, GET only), and is throttled per client.
"""

# No `from __future__ import annotations`: ninja reads the endpoints' type hints at import.

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from typing import Any

from django.db.models import F, Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import condition
from ninja import NinjaAPI, Query, Schema
from ninja.decorators import decorate_view
from ninja.pagination import PageNumberPagination, paginate
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from articles import mapping
from articles.models import Article, Entity, Figure
from articles.views.search import find_articles

PAGE_SIZE = 20
NEWEST_FIRST = (F("published_on").desc(nulls_last=True), "-created_at", "-pk")
# Per client address (anonymous) or per user; counted in Django's cache (CACHES).
THROTTLES = [AnonRateThrottle("120/m"), AuthRateThrottle("600/m")]

api = NinjaAPI(
    title="newsreader API",
    version="1",
    description=(
        "Read-only access to the published articles, their annotations and the entities "
        "they mention. Annotations follow the pipeline's JSON schema "
        "(articles/annotate/README.md) with stable fragment keys."
    ),
    urls_namespace="api",
    docs_url="/",
    openapi_url="/openapi.json",
    throttle=THROTTLES,
)


# --- conditional GETs and CORS ----------------------------------------------------------------


def newest_change(request: HttpRequest, **kwargs: Any) -> datetime | None:
    """When what the API shows last changed: the article asked for, or the latest article."""
    articles = Article.objects.published()
    if "article_id" in kwargs:
        articles = articles.filter(pk=kwargs["article_id"])
    return articles.aggregate(newest=Max("updated_at"))["newest"]


def content_etag(view: Callable) -> Callable:
    """``ETag`` from the answer's own bytes, so any change (an editor's rejection, a new
    Wikidata id) gives a new tag; a matching ``If-None-Match`` gets 304."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=None, response=response
        )

    return wrapped


def cors_get(view: Callable) -> Callable:
    """Any site may read the API from a browser (GET, no credentials)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def cacheable(func: Callable) -> Callable:
    """For articles: ``Last-Modified`` is when the article (or the latest one) was saved."""
    return decorate_view(cors_get, condition(last_modified_func=newest_change), content_etag)(func)


def tagged(func: Callable) -> Callable:
    """For entities, whose rows carry no time of change: the ``ETag`` alone."""
    return decorate_view(cors_get, content_etag)(func)


# --- schemas ----------------------------------------------------------------------------------


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    language: str
    published_on: date | None
    outlet: str
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: Article, context: dict) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class ArticleDetail(ArticleOut):
    text: str
    annotations: dict[str, Any]

    @staticmethod
    def resolve_text(obj: Article) -> str:
        """What the annotations' offsets index into: the stored text, CRLF read as LF."""
        return obj.body_text

    @staticmethod
    def resolve_annotations(obj: Article) -> dict[str, Any]:
        return mapping.result_from_article(obj).to_dict()


class EntityOut(Schema):
    slug: str
    name: str
    label: str
    wikidata_id: str
    url: str
    articles: int

    @staticmethod
    def resolve_url(obj: Entity, context: dict) -> str:
        path = reverse("articles:entity", kwargs={"slug": obj.slug})
        return context["request"].build_absolute_uri(path)

    @staticmethod
    def resolve_articles(obj: Entity) -> int:
        return obj.article_count


class EntityDetail(EntityOut):
    aliases: list[str]
    articles_url: str

    @staticmethod
    def resolve_articles_url(obj: Entity, context: dict) -> str:
        path = reverse("api:articles") + f"?entity={obj.slug}"
        return context["request"].build_absolute_uri(path)


class ArticleFilters(Schema):
    q: str = ""
    entity: str = ""
    source: str = ""
    year: int | None = None
    category: Figure.Category | None = None

    def criteria(self) -> dict:
        return {name: value for name, value in self.dict().items() if value not in ("", None)}


# --- articles ---------------------------------------------------------------------------------


LISTED = ("id", "title", "slug", "language", "published_on", "outlet", "updated_at", "created_at")


@api.get("/articles/", response=list[ArticleOut], tags=["articles"], url_name="articles")
@cacheable
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]):
    """Published articles, newest first; the search page's filters narrow them."""
    published = Article.objects.published().only(*LISTED)
    criteria = filters.criteria()
    if not criteria:
        return published.order_by(*NEWEST_FIRST)
    return find_articles(published, criteria)


@api.get("/articles/{article_id}/", response=ArticleDetail, tags=["articles"], url_name="article")
@cacheable
def get_article(request: HttpRequest, article_id: int):
    """One published article: its text and its annotations in the pipeline's JSON schema
    (entity ids are entity slugs; ``event_keys``, ``figure_keys``, ``attribution_keys`` are
    the fragment keys of ``events``, ``figures``, ``attributions``)."""
    visible = Article.objects.published().select_related("dateline_entity")
    return mapping.with_annotations(get_object_or_404(visible, pk=article_id))


@api.get("/search/", response=list[ArticleOut], tags=["articles"], url_name="search")
@cacheable
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def search(request: HttpRequest, filters: Query[ArticleFilters]):
    """Full-text search (every word of ``q``), best first, with the same filters; nothing
    when nothing is asked."""
    found = find_articles(Article.objects.published().only(*LISTED), filters.criteria())
    return found if found is not None else Article.objects.none()


# --- entities ---------------------------------------------------------------------------------


def shown_entities() -> QuerySet[Entity]:
    """Entities with a mention readers may see, with the number of articles showing them:
    the counts stored on each entity (``articles.listing.refresh_entity_counts``), the same
    the site's entity index shows."""
    return Entity.objects.filter(article_count__gt=0)


@api.get("/entities/", response=list[EntityOut], tags=["entities"], url_name="entities")
@tagged
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def list_entities(request: HttpRequest, label: Entity.Label | None = None):
    """Entities mentioned in published articles, the most written about first."""
    entities = shown_entities().order_by("-article_count", "name", "pk")
    return entities.filter(label=label) if label else entities


@api.get("/entities/{slug}/", response=EntityDetail, tags=["entities"], url_name="entity")
@tagged
def get_entity(request: HttpRequest, slug: str):
    return get_object_or_404(shown_entities(), slug=slug)
