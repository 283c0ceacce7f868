"""Keeping cached article pages true to what they show (see articles.views.page_cache).

A page's cache key holds its article's ``updated_at``; every write path saves the article.
Renaming an entity changes the pages of every article naming it without saving them, so
those articles are touched here. Deleting an article (or an entity)
moves no stamp the results kept until the collection changes are keyed by, so it says so here
(articles.listing.kept_until_change).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles import export_jobs
from articles.listing import forget_kept
from articles.models import Article, Entity


@receiver(post_save, sender=Entity, dispatch_uid="articles-entity-touch-articles")
def touch_articles_naming(sender, instance: Entity, created: bool, **kwargs) -> None:
    if created:
        return
    naming = Article.objects.filter(mentions__entity=instance).values("pk")
    Article.objects.filter(pk__in=naming).update(updated_at=timezone.now())


@receiver(post_delete, sender=Entity, dispatch_uid="articles-entity-deleted-forget-kept")
def forget_kept_after_entity(sender, instance: Entity, **kwargs) -> None:
    """The entity index's kept total counts it (its mentions go with it)."""
    forget_kept()


@receiver(post_delete, sender=Article, dispatch_uid="articles-article-deleted-forget-kept")
def forget_kept_results(sender, instance: Article, **kwargs) -> None:
    forget_kept()
    export_jobs.forget_deleted(instance.pk)
