"""The article page, and its entity card as an htmx fragment of the same URL.

``/articles/<pk>/<slug>/?entity=vladimir-putin&hide=per,dates`` is one state of the page:
the full page renders it, and an htmx request for the same URL gets the card partial of the
same template, so a link clicked and a link shared always show the same thing.

Queries for an anonymous reader: the article, then one per annotation table (five); an open
entity card adds one (the other articles that mention it).
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from articles import corrections
from articles.models import Article, Attribution, Figure, Mention
from articles.reading import Reading, reading_from_article
from articles.reading.cards import EntityCard, build_entity_card
from articles.reading.share import build_preview
from articles.reading.state import ReaderState, parse_state

SHOWN_MENTIONS = Mention.objects.shown()
NEWEST_FIRST = (F("published_on").desc(nulls_last=True), "-created_at", "-pk")
OTHER_ARTICLES_SHOWN = 8
CARD_TARGET = "entity-card"


@require_GET
def detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    if slug != article.slug:
        # Titles get corrected; every link ever shared keeps working, with its state.
        return redirect_keeping_query(request, article)
    with_annotations(article)
    state, missing_entity = check_state(parse_state(request.GET), article)
    reading = reading_from_article(article, state)
    context = page_context(request, article, reading, missing_entity)
    if wants_card_only(request):
        response = render(request, "articles/detail.html#entity_card", context)
        # The pushed URL is the state the server rendered, whatever the link held.
        response["HX-Push-Url"] = state_url(article.get_absolute_url(), state)
    else:
        response = render(request, "articles/detail.html", context)
    # One URL answers with a page or a fragment; caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
def detail_short(request: HttpRequest, pk: int) -> HttpResponsePermanentRedirect:
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    return redirect_keeping_query(request, article)


def redirect_keeping_query(
    request: HttpRequest, article: Article, suffix: str = ""
) -> HttpResponsePermanentRedirect:
    """301 to the article's current address (plus ``suffix``, e.g. ``share.png``) with the
    query unchanged (``?entity=…&hide=…``); the browser keeps the ``#fragment`` itself."""
    query = request.META.get("QUERY_STRING", "")
    url = article.get_absolute_url() + suffix + (f"?{query}" if query else "")
    return HttpResponsePermanentRedirect(url)


def with_annotations(article: Article) -> Article:
    """Load every annotation in one query per table (five), however long the article."""
    attributions = Attribution.objects.select_related(
        "source_entity", "speaker_entity", "via_entity"
    )
    lookups = [
        "segments",
        Prefetch("mentions", queryset=SHOWN_MENTIONS.select_related("entity")),
        "events",
        Prefetch("figures", queryset=Figure.objects.select_related("source_entity")),
        Prefetch("attributions", queryset=attributions),
    ]
    prefetch_related_objects([article], *lookups)
    return article


def check_state(state: ReaderState, article: Article) -> tuple[ReaderState, bool]:
    """The state with names this article does not have dropped; and whether an entity was
    asked for that is not (or no longer) marked here, so the page can say so."""
    slugs = {mention.entity.slug for mention in article.mentions.all()}
    keys = {figure.key for figure in article.figures.all()}
    missing = bool(state.entity) and state.entity not in slugs
    return replace(
        state,
        entity=state.entity if state.entity in slugs else "",
        figure=state.figure if state.figure in keys else "",
    ), missing


def wants_card_only(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    # Back after a cache miss asks for the whole page again, with HX-Request set.
    return bool(htmx) and not htmx.history_restore_request and htmx.target == CARD_TARGET


def page_context(
    request: HttpRequest, article: Article, reading: Reading, missing_entity: bool
) -> dict:
    canonical = request.build_absolute_uri(article.get_absolute_url())
    urls = {e.slug: entity_url(e.slug) for group in reading.entities for e in group.entities}
    absolute = {slug: request.build_absolute_uri(url) for slug, url in urls.items() if url}
    return {
        "article": article,
        "reading": reading,
        "state": reading.state,
        "canonical_url": canonical,
        "share_url": canonical,
        "card": entity_card(request, article, reading, canonical),
        "card_entity": card_entity(article, reading),
        "missing_entity": missing_entity,
        "preview": build_preview(reading, canonical, get_language() or "en", absolute),
        # The editors' review (articles.views.review): its link, the draft note, the log.
        "article_status": article.status,
        "review_href": review_href(request, article),
        "public_log": corrections.public_log(
            article, {mention.entity_id for mention in article.mentions.all()}
        ),
    }


def card_entity(article: Article, reading: Reading):
    """The open card's entity row (loaded with the mentions: no query), for what editors
    confirmed: the name, the date, the Wikidata link."""
    slug = reading.state.entity if reading.state else ""
    return next((m.entity for m in article.mentions.all() if m.entity.slug == slug), None)


def review_href(request: HttpRequest, article: Article) -> str:
    if not corrections.can_review(request.user):
        return ""
    return reverse("articles:review", kwargs={"pk": article.pk, "slug": article.slug})


def entity_card(
    request: HttpRequest, article: Article, reading: Reading, canonical: str
) -> EntityCard | None:
    state = reading.state
    entity = reading.find_entity(state.entity) if state and state.entity else None
    if entity is None:
        return None
    others = list(other_articles(request, article, entity.slug)[: OTHER_ARTICLES_SHOWN + 1])
    return build_entity_card(
        reading,
        entity,
        others,
        shown=OTHER_ARTICLES_SHOWN,
        entity_url=entity_url(entity.slug),
        canonical_url=canonical,
    )


def other_articles(request: HttpRequest, article: Article, slug: str):
    """The other articles a reader may see that mention the entity, newest first: one query."""
    mentioning = SHOWN_MENTIONS.filter(entity__slug=slug).values("article")
    return (
        Article.objects.visible_to(request.user)
        .filter(pk__in=mentioning)
        .exclude(pk=article.pk)
        .order_by(*NEWEST_FIRST)
        .only("pk", "slug", "title", "outlet", "published_on", "language")
    )


def entity_url(slug: str) -> str:
    try:
        return reverse("articles:entity", kwargs={"slug": slug})
    except NoReverseMatch:  # only a hand-edited slug; the page then just has no link
        return ""


def state_url(path: str, state: ReaderState) -> str:
    query = state.query()
    return f"{path}?{query}" if query else path
