"""Atom and RSS feeds (Django's syndication framework): the latest articles, one entity's
articles, a search's results, and the public correction log. Only published articles (and
corrections to them or to entities) appear.

Feed readers show an item's description as HTML, so the article's words are HTML-escaped
before they go in: an article's ``<script>`` arrives as text, never as markup.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.corrections import UNLOGGED_PUBLICLY, describe
from articles.models import Article, Correction, Entity
from articles.search import title_line_end
from articles.views.search import find_articles, read_criteria, search_url

ITEMS = 30
DESCRIPTION_WORDS = 60
NEWEST_FIRST = (F("published_on").desc(nulls_last=True), "-created_at", "-pk")


def published() -> QuerySet[Article]:
    return Article.objects.published().order_by(*NEWEST_FIRST)


def lead(article: Article) -> str:
    """The opening words of the story, after the title line, as escaped HTML."""
    text = article.body_text
    words = " ".join(text[title_line_end(text, article.title) :].split())
    return escape(Truncator(words).words(DESCRIPTION_WORDS))


class ArticleFeed(Feed):
    """What every feed shares: how an article becomes an item."""

    feed_type = Atom1Feed

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return lead(item)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime:
        if item.published_on is None:
            return item.created_at
        return timezone.make_aware(datetime.combine(item.published_on, time.min))

    def item_updateddate(self, item: Article) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.outlet

    def item_categories(self, item: Article) -> list[str]:
        return [item.language]


class LatestArticles(ArticleFeed):
    def title(self) -> str:
        return _("newsreader: latest articles")

    def link(self) -> str:
        return reverse("articles:home")

    def description(self) -> str:
        return _("The latest annotated news articles.")

    def items(self) -> QuerySet[Article]:
        return published()[:ITEMS]


class EntityArticles(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Entity:
        return get_object_or_404(Entity, slug=slug)

    def title(self, obj: Entity) -> str:
        return _("newsreader: %(name)s") % {"name": obj.name}

    def link(self, obj: Entity) -> str:
        return reverse("articles:entity", kwargs={"slug": obj.slug})

    def description(self, obj: Entity) -> str:
        return _("Articles that mention %(name)s.") % {"name": obj.name}

    def items(self, obj: Entity) -> QuerySet[Article]:
        return published().mentioning(obj.slug)[:ITEMS]


class SearchResults(ArticleFeed):
    """The search page's own parameters; no parameter at all gives the latest articles."""

    def get_object(self, request: HttpRequest) -> dict:
        return read_criteria(request.GET)

    def title(self, obj: dict) -> str:
        words = obj.get("q") or ", ".join(str(value) for value in obj.values())
        return _("newsreader search: %(words)s") % {"words": words} if words else self.latest()

    def latest(self) -> str:
        return _("newsreader: latest articles")

    def link(self, obj: dict) -> str:
        return search_url(obj)

    def description(self, obj: dict) -> str:
        return _("Articles matching a search.")

    def items(self, obj: dict) -> QuerySet[Article]:
        found = find_articles(Article.objects.published(), obj)
        return (found if found is not None else published())[:ITEMS]


class CorrectionLog(Feed):
    """Every correction editors made and did not undo, newest first, in the plain words the
    article page uses: to a published article, or to an entity (a rename, a merge)."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("newsreader: corrections")

    def link(self) -> str:
        return reverse("articles:home")

    def description(self) -> str:
        return _("Annotations corrected by editors.")

    def items(self) -> QuerySet[Correction]:
        public = Q(article__isnull=True) | Q(article__status=Article.Status.PUBLISHED)
        return (
            Correction.objects.filter(public, undone_at=None)
            .exclude(action__in=UNLOGGED_PUBLICLY)
            .select_related("article", "entity")
            .order_by("-created_at", "-pk")[:ITEMS]
        )

    def item_title(self, item: Correction) -> str:
        return describe(item)

    def item_description(self, item: Correction) -> str:
        return escape(describe(item))

    def item_link(self, item: Correction) -> str:
        if item.article is not None:
            return item.article.get_absolute_url()
        if item.entity is not None:
            return reverse("articles:entity", kwargs={"slug": item.entity.slug})
        return reverse("articles:home")

    def item_guid(self, item: Correction) -> str:
        return f"{self.item_link(item)}#correction-{item.pk}"

    def item_pubdate(self, item: Correction) -> datetime:
        return item.created_at


def rss(feed: type[Feed]) -> type[Feed]:
    """The same feed as RSS 2.0."""
    return type(f"{feed.__name__}Rss", (feed,), {"feed_type": Rss201rev2Feed})


latest_atom, latest_rss = LatestArticles(), rss(LatestArticles)()
entity_atom, entity_rss = EntityArticles(), rss(EntityArticles)()
search_atom, search_rss = SearchResults(), rss(SearchResults)()
corrections_atom, corrections_rss = CorrectionLog(), rss(CorrectionLog)()
