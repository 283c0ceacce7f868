"""The share picture of an article or of a shared state: ``share.png`` beside the article.

``/articles/<pk>/<slug>/share.png?entity=vladimir-putin`` draws the picture the page's
``og:image`` names. Drawing takes a moment, so each picture is kept in Django's cache under
the article's last change, the state and the language: a new annotation or a corrected
title draws it anew.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from articles.models import Article
from articles.reading import reading_from_article
from articles.reading.share import share_card
from articles.reading.share_image import draw_share_image
from articles.reading.state import parse_state
from articles.views.article import check_state, redirect_keeping_query, with_annotations

CACHE_SECONDS = 60 * 60 * 24 * 7
IMAGE_VERSION = 1  # bump when the drawing changes


@require_GET
def share_image(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    if slug != article.slug:
        return redirect_keeping_query(request, article, suffix="share.png")
    state, _missing = check_state(parse_state(request.GET), with_annotations(article))
    language = get_language() or "en"
    key = cache_key(article, state.entity, state.figure, language)
    png = cache.get(key)
    if png is None:
        reading = reading_from_article(article, state)
        png = draw_share_image(share_card(reading, language))
        cache.set(key, png, CACHE_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=article.status == Article.Status.PUBLISHED, max_age=3600)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def cache_key(article: Article, entity: str, figure: str, language: str) -> str:
    changed = max(filter(None, (article.updated_at, article.annotated_at)))
    return ":".join(
        (
            "share",
            str(IMAGE_VERSION),
            str(article.pk),
            changed.isoformat(),
            entity,
            figure,
            language,
        )
    )
