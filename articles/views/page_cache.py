"""The article page, served from Django's cache: built once per version, then at cache speed.

``cached_article_page`` wraps the article view. For an anonymous reader it first reads the
article's version in one indexed query (its slug, status, ``updated_at`` and
``annotated_at``; with an entity card open, also the newest ``updated_at`` of any article,
since the card lists other articles). Everything that changes the page goes into the key:
that version, the address with its query string (the reader state), the interface language,
whether htmx asked for the card alone, the host, and the code's release. Every write path
saves the article, which moves ``updated_at``; so a correction, a re-annotation or a publish
makes a new key at once, in every process sharing the database, whatever cache each has.

The response carries an ``ETag`` and ``Last-Modified``; a reader (or a shared cache) that
sends them back gets a 304. Signed-in users (editors) are never served from the cache:
their pages hold their own CSRF token and review controls.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as page_cache
from django.db.models import Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from articles.models import Article

logger = logging.getLogger(__name__)

KEPT_HEADERS = ("Content-Type", "Vary", "HX-Push-Url", "Content-Language")
CACHE_CONTROL = "public, no-cache"  # shared caches may keep it, but must ask again each time


def cached_article_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
        if not may_share(request):
            response = view(request, pk, slug)
            response.setdefault("Cache-Control", "private")
            return response
        version = article_version(request, pk)
        if version is None or version["slug"] != slug:
            return view(request, pk, slug)  # not found or an old slug: the view says so
        key = page_key(request, pk, version)
        etag = f'"{key.rsplit(":", 1)[1]}"'
        modified = last_modified(version)
        if not_modified(request, etag, modified):
            response = HttpResponseNotModified()
        else:
            response = from_cache(key) or render_and_keep(view, request, pk, slug, key)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(modified.timestamp())
            response["Cache-Control"] = CACHE_CONTROL
        return response

    return wrapper


def may_share(request: HttpRequest) -> bool:
    """Anonymous readers without pending messages get the page every such reader gets."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.MESSAGE_STORAGE.endswith("FallbackStorage") and "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def article_version(request: HttpRequest, pk: int) -> dict | None:
    """The article's version, in one query (the primary key, and with an entity card open,
    the newest ``updated_at`` of all, read from its index: the card lists other articles)."""
    rows = Article.objects.published().filter(pk=pk)
    if request.GET.get("entity"):
        newest = Article.objects.order_by("-updated_at").values("updated_at")[:1]
        rows = rows.annotate(collection=Subquery(newest))
        return rows.values("slug", "updated_at", "annotated_at", "collection").first()
    return rows.values("slug", "updated_at", "annotated_at").first()


def page_key(request: HttpRequest, pk: int, version: dict) -> str:
    htmx = getattr(request, "htmx", None)
    parts = [
        release(),
        str(pk),
        *(str(version.get(name) or "") for name in ("updated_at", "annotated_at", "collection")),
        get_language() or "",
        request.get_host(),
        request.scheme,
        request.get_full_path(),
        "htmx" if htmx else "",
        (htmx.target or "") if htmx else "",
        "restore" if htmx and htmx.history_restore_request else "",
    ]
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
    return f"article-page:{pk}:{digest}"


def last_modified(version: dict) -> datetime:
    stamps = [version.get(name) for name in ("updated_at", "annotated_at", "collection")]
    return max(stamp for stamp in stamps if stamp)


def not_modified(request: HttpRequest, etag: str, modified: datetime) -> bool:
    """The reader's copy is this version: its ETag matches, or, without one, it is as new."""
    asked = request.headers.get("If-None-Match")
    if asked:
        tags = {tag.strip().removeprefix("W/") for tag in asked.split(",")}
        return etag in tags or "*" in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(modified.timestamp()) <= since


def from_cache(key: str) -> HttpResponse | None:
    kept = page_cache.get(key)
    if kept is None:
        return None
    response = HttpResponse(kept["content"])
    for name, value in kept["headers"].items():
        response[name] = value
    return response


def render_and_keep(view, request: HttpRequest, pk: int, slug: str, key: str) -> HttpResponse:
    response = view(request, pk, slug)
    # A page holding a CSRF token or setting a cookie belongs to one visitor only.
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code == 200 and not response.streaming and not personal:
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        page_cache.set(key, {"content": response.content, "headers": headers})
    return response


@cache
def release() -> str:
    """A fingerprint of the code and templates that render pages, taken once per process, so
    a new release never serves a page rendered by the old one from a shared cache."""
    if getattr(settings, "RELEASE", ""):
        return str(settings.RELEASE)
    digest = hashlib.blake2b(digest_size=8)
    root = Path(settings.BASE_DIR)
    for folder, pattern in (("templates", "*.html"), ("articles", "*.py"), ("locale", "*.mo")):
        for path in sorted((root / folder).rglob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()
