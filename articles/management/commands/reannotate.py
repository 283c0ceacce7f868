"""`manage.py reannotate [ID…]`: annotate stored articles again, keeping every decision.

After a model or pipeline update: each article is annotated by the current pipeline and the
editors' decisions (rejections, added and re-pointed mentions, merges, fixed dates and
figures) are applied again over the fresh result (``articles.corrections.reannotate``). With
no id, every article. A progress bar, then a summary; the exit status is 1 when any failed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from articles.corrections import reannotate
from articles.management.base import DatabaseCommand
from articles.management.commands.ingest import describe, progress_bar
from articles.models import Article


class Command(DatabaseCommand):
    help = "Annotate stored articles again (all, or those given by id), keeping decisions."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="article ids (default: all)")

    def handle(self, *args: Any, ids: list[int], **options: Any) -> None:
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
            missing = sorted(set(ids) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        pks = list(articles.values_list("pk", flat=True))
        done, failures = 0, []
        for number, pk in enumerate(pks, start=1):
            article = Article.objects.get(pk=pk)
            try:
                reannotate(article)
                done += 1
            except Exception as error:  # one bad article must never stop the others
                failures.append((pk, describe(error)))
            self.stderr.write(progress_bar(number, len(pks)), style_func=str, ending="")
            self.stderr.flush()
        self.stdout.write(f"Annotated again: {done}, failed: {len(failures)}")
        for pk, reason in failures:
            self.stdout.write(f"  article {pk}: {reason}")
        if failures:
            raise CommandError(f"{len(failures)} article(s) failed.")
