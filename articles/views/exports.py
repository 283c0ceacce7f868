"""Downloads: one article in any export format, or a set of articles streamed in one file.

``/articles/<pk>/<slug>/export/<format>`` is one article (drafts only for staff, like its
page). ``/export/<format>`` is every published article, or those a search names with the
search page's own parameters (``?q=…&entity=…&source=…&year=…&category=…``): an entity
page's set is ``?entity=<slug>``. Sets are streamed, a chunk of articles at a time.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

from articles import mapping
from articles.exports import FORMATS, Format, build_item, stream_items
from articles.models import Article
from articles.views.search import find_articles, read_criteria


def find_format(name: str) -> Format:
    if name not in FORMATS:
        raise Http404("No such export format.")
    return FORMATS[name]


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def content_type(export: Format) -> str:
    media = export.media_type
    return media if media.startswith("application/") else f"{media}; charset=utf-8"


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def article_export(request: HttpRequest, pk: int, slug: str, name: str) -> HttpResponse:
    export = find_format(name)
    visible = Article.objects.visible_to(request.user).select_related("dateline_entity")
    article = get_object_or_404(visible, pk=pk)
    if slug != article.slug:
        return redirect("articles:export", pk=article.pk, slug=article.slug, name=name)
    mapping.with_annotations(article)
    body = export.one(build_item(article, site_url(request)))
    response = HttpResponse(body, content_type=content_type(export))
    return attachment(response, f"{article.slug}.{name}")


@require_GET
def collection_export(request: HttpRequest, name: str) -> StreamingHttpResponse:
    export = find_format(name)
    visible = Article.objects.visible_to(request.user)
    criteria = read_criteria(request.GET)
    found = find_articles(visible, criteria) if criteria else visible.order_by("pk")
    chunks = export.many(stream_items(found, site_url(request)))
    response = StreamingHttpResponse(chunks, content_type=content_type(export))
    return attachment(response, f"newsreader.{name}")
