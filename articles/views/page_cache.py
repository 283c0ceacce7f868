"""The article page from Django's cache: built once per version, then served at cache speed.

``ArticlePageCacheMiddleware`` sits first, below the health check only. For an anonymous
reader's GET of an article page it reads the article's version in one small indexed query
(slug, status, ``updated_at``, ``annotated_at``; with an entity card open also the newest
``updated_at`` of all articles, since the card lists other articles naming the entity).
Everything else that changes the page goes into the key too: the address with its query
string (the reader state), the interface language, the htmx headers, the host and scheme,
and the code's release. Every write path saves the article, which moves ``updated_at``: a
correction, a re-annotation or a publish makes a new key at once, in every process sharing
the database, whatever cache each process has.

A hit is answered here, from the process's own memory of the pages it served last
(``ServedPages``; safe because a key never changes what it holds) or else from the cache,
already compressed (brotli or gzip, made once when it was kept),
without the rest of the middleware or the view; a miss goes through the middleware below
and the view as usual, asked for uncompressed HTML, and its response is kept with every
header they added (security headers, CSP, frame options, language) except those of one
response (length, encoding, cookies, validators). A redirect (the HTTPS one included), an
error or a page for one visitor goes out as made and is not kept.
Responses carry ``ETag`` and ``Last-Modified``; a reader or shared cache sending them back
gets a 304. Signed-in users (a session cookie) and readers with pending messages always get
a page built for them: their pages hold their own CSRF token and controls.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as page_cache
from django.core.signals import setting_changed
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_request

from articles.models import Article

VIEW_NAME = "articles:detail"
# Headers that belong to one response, not to the page: every other header the middleware
# below and the view set (content type, language, CSP, security headers, htmx) is kept.
UNKEPT_HEADERS = frozenset(
    ("content-length", "content-encoding", "set-cookie", "etag", "last-modified", "cache-control")
)
CACHE_CONTROL = "public, no-cache"  # shared caches may keep it, but must ask again each time
HTMX_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_HISTORY_RESTORE_REQUEST")
MESSAGES_COOKIE = "messages"
# Pages each process answers from its own memory (ServedPages): about 60 KB each with their
# three encodings, so at most about 15 MB.
SERVED_PAGES = 256


class ArticlePageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pk_slug = article_address(request)
        if pk_slug is None:
            return self.get_response(request)
        if not may_share(request):
            response = self.get_response(request)
            response.setdefault("Cache-Control", "private")
            return response
        pk, slug = pk_slug
        version = article_version(pk, with_collection=bool(request.GET.get("entity")))
        if version is None or version["slug"] != slug:
            return self.get_response(request)  # not found, or an old slug: the view says so
        parts = page_parts(request, pk, version)
        page = served.get(parts)
        if page is None:
            key, etag = page_key(parts)
            kept = page_cache.get(key)
            if kept is None:
                kept, response = self.build(key, request)
                if kept is None:
                    return response  # a redirect, an error or a page for one visitor only
            page = served.remember(parts, KeptPage.of(kept, etag, last_modified(version)))
        if not_modified(request, page.etag, page.modified):
            response = HttpResponseNotModified()
            response["Vary"] = "Accept-Encoding"
            response["ETag"] = page.etag
            response["Last-Modified"] = page.last_modified
            response["Cache-Control"] = CACHE_CONTROL
            return response
        return page.response(request)

    def build(self, key: str, request: HttpRequest) -> tuple[dict | None, HttpResponse]:
        """The page as the middleware below and the view make it, asked for uncompressed:
        it is kept once in each encoding here."""
        accepted = request.META.pop("HTTP_ACCEPT_ENCODING", None)
        try:
            response = self.get_response(request)
        finally:
            if accepted is not None:
                request.META["HTTP_ACCEPT_ENCODING"] = accepted
        return keep(key, response, request), response


@cache
def article_path() -> re.Pattern[str]:
    """The article page's address as a regular expression, made from its URL pattern once:
    matching it is several times cheaper than resolving every request's path."""
    sample = reverse(VIEW_NAME, kwargs={"pk": 12345, "slug": "slug-x"})
    prefix, _, rest = sample.partition("12345")
    middle, _, suffix = rest.partition("slug-x")
    return re.compile(
        f"^{re.escape(prefix)}([0-9]+){re.escape(middle)}([-a-zA-Z0-9_]+){re.escape(suffix)}$"
    )


def article_address(request: HttpRequest) -> tuple[int, str] | None:
    """(pk, slug) when this is a GET of an article page."""
    if request.method != "GET":
        return None
    match = article_path().match(request.path_info)
    return (int(match[1]), match[2]) if match else None


def may_share(request: HttpRequest) -> bool:
    """Nobody signed in (no session cookie), no messages waiting to be shown, and no HTTPS
    redirect due (the security middleware below answers that)."""
    cookies = request.COOKIES
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


def article_version(pk: int, *, with_collection: bool) -> dict | None:
    """The published article's slug and stamps, in one query on its primary key (the newest
    ``updated_at`` of all comes from the index on that column)."""
    table = connection.ops.quote_name(Article._meta.db_table)
    newest = f", (SELECT MAX(updated_at) FROM {table})" if with_collection else ""
    sql = (
        f"SELECT slug, updated_at, annotated_at{newest} FROM {table} WHERE id = %s AND status = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk, Article.Status.PUBLISHED])
        row = cursor.fetchone()
    if row is None:
        return None
    names = ("slug", "updated_at", "annotated_at", "collection")
    return dict(zip(names, row, strict=False))


def page_parts(request: HttpRequest, pk: int, version: dict) -> tuple[str, ...]:
    """Everything that tells this page in this version from every other: the code's release,
    the article's stamps, the interface language, the host, scheme and full address (the
    reader state) and the htmx headers."""
    return (
        release(),
        str(pk),
        *(str(version.get(name) or "") for name in ("updated_at", "annotated_at", "collection")),
        get_language_from_request(request),
        request.get_host(),
        request.scheme,
        request.get_full_path(),
        *(request.META.get(name, "") for name in HTMX_HEADERS),
    )


def page_key(parts: tuple[str, ...]) -> tuple[str, str]:
    """The cache key and the ETag of this page in this version."""
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
    return f"article-page:{parts[1]}:{digest}", f'"{digest}"'


def as_datetime(value: datetime | str | None) -> datetime | None:
    """Raw rows from SQLite hold naive UTC datetimes or text; PostgreSQL's are aware."""
    parsed = parse_datetime(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=parsed.tzinfo or UTC) if parsed else None


def last_modified(version: dict) -> datetime:
    stamps = [as_datetime(version.get(name)) for name in ("updated_at", "annotated_at")]
    stamps.append(as_datetime(version.get("collection")))
    return max(stamp for stamp in stamps if stamp)


def not_modified(request: HttpRequest, etag: str, modified: int) -> bool:
    """The reader's copy is this version: its ETag matches, or, without one, it is as new
    (``modified`` in seconds since the epoch)."""
    meta = request.META
    asked = meta.get("HTTP_IF_NONE_MATCH")
    if asked:
        tags = {tag.strip().removeprefix("W/") for tag in asked.split(",")}
        return etag in tags or "*" in tags
    since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if not since:
        return False
    since = parse_http_date_safe(since)
    return since is not None and modified <= since


def keep(key: str, response: HttpResponse, request: HttpRequest) -> dict | None:
    """Keep a page every anonymous reader may get, uncompressed, gzipped and in brotli."""
    # A page holding a CSRF token or setting a cookie belongs to one visitor only.
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code != 200 or response.streaming or personal:
        return None
    if response.has_header("Content-Encoding"):
        return None
    patch_vary_headers(response, ("Accept-Encoding",))
    content = response.content
    kept = {
        "headers": {
            name: value for name, value in response.items() if name.lower() not in UNKEPT_HEADERS
        },
        "identity": content,
        "gzip": gzip.compress(content, compresslevel=6, mtime=0),
        "br": brotli_compress(content),
    }
    page_cache.set(key, kept)
    return kept


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A kept page as this process answers it: each encoding's body with its headers, made
    once, so a request only copies them."""

    etag: str
    modified: int  # seconds since the epoch
    last_modified: str
    answers: dict[str, tuple[bytes, dict[str, str]]]

    @classmethod
    def of(cls, kept: dict, etag: str, modified: datetime) -> KeptPage:
        stamp = int(modified.timestamp())
        last = http_date(stamp)
        answers = {}
        for encoding in ("identity", "gzip", "br"):
            body = kept.get(encoding)
            if body is None:
                continue
            headers = {**kept["headers"], "Content-Length": str(len(body))}
            if encoding != "identity":
                headers["Content-Encoding"] = encoding
            headers.update({"ETag": etag, "Last-Modified": last, "Cache-Control": CACHE_CONTROL})
            answers[encoding] = (body, headers)
        return cls(etag, stamp, last, answers)

    def response(self, request: HttpRequest) -> HttpResponse:
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        answers = self.answers
        encoding = (
            "br" if "br" in accepted and "br" in answers
            else "gzip" if "gzip" in accepted
            else "identity"
        )  # fmt: skip
        body, headers = answers[encoding]
        return HttpResponse(body, headers=headers)


class ServedPages:
    """The pages this process served last, by everything in their key (``page_parts``).

    A kept page never changes under its key, since the key holds the article's version: a
    process may answer from its own memory without asking the cache, and a correction made
    anywhere still shows at once, because the version query comes first. Bounded in number
    of pages; the least recently served goes first.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[tuple[str, ...], KeptPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, parts: tuple[str, ...]) -> KeptPage | None:
        page = self.pages.get(parts)
        if page is not None:
            with self.lock:
                if parts in self.pages:
                    self.pages.move_to_end(parts)
        return page

    def remember(self, parts: tuple[str, ...], page: KeptPage) -> KeptPage:
        with self.lock:
            self.pages[parts] = page
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)
        return page

    def clear(self, **kwargs) -> None:
        with self.lock:
            self.pages.clear()


served = ServedPages(SERVED_PAGES)
# Settings change what a page holds (headers, hosts): tests that change them start afresh.
setting_changed.connect(served.clear, dispatch_uid="article-page-cache-served-pages")


def brotli_compress(content: bytes) -> bytes | None:
    try:
        import brotli
    except ImportError:
        return None
    return brotli.compress(content, quality=6)


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
