"""``/sitemap.xml``: every published article and every entity page, with ``lastmod``.

An entity page exists while a published article mentions the entity (its page answers 404
otherwise), and changes when such an article does: its ``lastmod`` is the latest of them.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from articles.models import Article, Entity, Mention


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().order_by("pk").only("pk", "slug", "updated_at")

    def lastmod(self, item: Article) -> datetime:
        return item.updated_at


class EntitySitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self) -> QuerySet[Entity]:
        shown = Q(mentions__article__status=Article.Status.PUBLISHED) & ~Q(
            mentions__status=Mention.Status.REJECTED
        )
        return (
            Entity.objects.annotate(last_article=Max("mentions__article__updated_at", filter=shown))
            .filter(last_article__isnull=False)
            .order_by("pk")
            .only("pk", "slug")
        )

    def location(self, item: Entity) -> str:
        return reverse("articles:entity", kwargs={"slug": item.slug})

    def lastmod(self, item: Entity) -> datetime:
        return item.last_article


SITEMAPS = {"articles": ArticleSitemap, "entities": EntitySitemap}
