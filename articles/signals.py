"""Keeping cached article pages true to what they show (see articles.views.page_cache).

A page's cache key holds its article's ``updated_at``; every write path saves the article.
Renaming an entity changes the pages of every article naming it without saving them, so
those articles are touched here. Deleting an article moves no stamp the front page's menus
are kept under, so it tells them here (articles.views.home.menus).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article, Entity


@receiver(post_save, sender=Entity, dispatch_uid="articles-entity-touch-articles")
def touch_articles_naming(sender, instance: Entity, created: bool, **kwargs) -> None:
    if created:
        return
    naming = Article.objects.filter(mentions__entity=instance).values("pk")
    Article.objects.filter(pk__in=naming).update(updated_at=timezone.now())


@receiver(post_delete, sender=Article, dispatch_uid="articles-article-deleted-forget-menus")
def forget_front_menus(sender, instance: Article, **kwargs) -> None:
    from articles.views.home import forget_menus  # imported late: signals load with the app

    forget_menus()
