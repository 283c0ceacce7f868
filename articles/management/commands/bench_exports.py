"""`manage.py bench_exports`: time and peak memory of streaming the whole collection in
each export format (and of `export_bundle`).

`--build N` first fills the database up to N articles by copying the stored articles and
their annotations (text made unique by a line appended at the end, after every offset): a
quick way to get a large collection without running the pipeline N times. Use a database
of its own, e.g. `DATABASE_URL=sqlite:////tmp/bench.sqlite3` after `migrate`.

Time is measured in one pass, memory (Python's allocations, tracemalloc) in a second pass,
since tracing slows the code down.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from django.core.management.base import CommandError
from django.db import transaction

from articles.bundle import export_bundle
from articles.exports import FORMATS, stream_items
from articles.ingest import hash_text
from articles.management.base import DatabaseCommand
from articles.models import Article, Attribution, Event, Figure, Mention, Segment

BASE_URL = "https://news.example.com"
ANNOTATIONS = (Segment, Mention, Attribution, Event, Figure)
BATCH = 500


class Command(DatabaseCommand):
    help = "Print export time and peak memory for the whole collection, per format."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--build", type=int, default=0, help="first copy articles up to N")
        parser.add_argument("--formats", nargs="*", default=[*FORMATS, "bundle"])
        parser.add_argument("--no-memory", action="store_true", help="skip the memory pass")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["build"]:
            self.build(options["build"])
        count = Article.objects.published().count()
        if not count:
            raise CommandError("No published article: load one first (manage.py load_demo).")
        self.stdout.write(f"{count} published articles, {Article.objects.count()} in all")
        for name in options["formats"]:
            if name != "bundle" and name not in FORMATS:
                raise CommandError(f"Unknown format {name}")
            seconds, size = measure(name)
            line = f"{name:20} {seconds:7.2f} s  {size / 1e6:9.1f} MB written"
            if not options["no_memory"]:
                tracemalloc.start()
                measure(name)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                line += f"  peak {peak / 1e6:7.1f} MB (tracemalloc)"
            self.stdout.write(line)

    def build(self, wanted: int) -> None:
        originals = list(Article.objects.order_by("pk"))
        if not originals:
            raise CommandError("Nothing to copy: load an article first (manage.py load_demo).")
        have = len(originals)
        started = time.perf_counter()
        while have < wanted:
            size = min(BATCH, wanted - have)
            copy_batch([originals[(have + i) % len(originals)] for i in range(size)], have)
            have += size
        seconds = time.perf_counter() - started
        self.stdout.write(f"Built {have} articles in {seconds:.1f} s")


@transaction.atomic
def copy_batch(sources: list[Article], offset: int) -> None:
    copies = []
    for number, source in enumerate(sources, start=offset):
        text = f"{source.text}\n\n[copy {number}]\n"
        copies.append(
            Article(
                **{f.attname: getattr(source, f.attname) for f in Article._meta.concrete_fields},
            )
        )
        copies[-1].pk = None
        copies[-1].text, copies[-1].content_hash = text, hash_text(text)
    Article.objects.bulk_create(copies)
    for model in ANNOTATIONS:
        rows = model.objects.filter(article__in=[s.pk for s in sources])
        by_article: dict[int, list] = {}
        for row in rows:
            by_article.setdefault(row.article_id, []).append(row)
        clones = []
        for source, copy in zip(sources, copies, strict=True):
            for row in by_article.get(source.pk, []):
                row.pk, row.article_id = None, copy.pk
                clones.append(model(**{f.attname: getattr(row, f.attname) for f in fields(model)}))
        model.objects.bulk_create(clones, batch_size=2000)


def fields(model) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def measure(name: str) -> tuple[float, int]:
    """Seconds to write the whole collection in format ``name``, and the bytes written."""
    started = time.perf_counter()
    if name == "bundle":
        with TemporaryDirectory() as folder:
            path = Path(folder) / "bundle.jsonl.gz"
            export_bundle(path)
            size = path.stat().st_size
    else:
        articles = Article.objects.published().order_by("pk")
        size = sum(
            len(chunk.encode("utf-8"))
            for chunk in FORMATS[name].many(stream_items(articles, BASE_URL))
        )
    return time.perf_counter() - started, size
