"""`manage.py scale_bench`: fill PostgreSQL with realistic articles and time each page shape.

Real texts from ``../shared/data/articles/`` are ingested once through the write path (so
they carry the pipeline's own annotations), then copied with COPY until the collection has
each size asked for: every copy is a distinct article (its own text ending, with a word found
in no other article, its own date and hash),
and its entities are spread over more and more variants as the collection grows (the
``g``-th of ``size / ENTITY_SPREAD`` variants of each entity), so entities grow with it.

At each size the command times every page shape of issue 11 with the Django test client,
round robin, and prints the median (p50) per shape, then the table across sizes. It works on
the configured database, which it fills: give it a database of its own (DATABASE_URL).
With ``--no-fill`` it times the configured database as it is, so databases filled once to
different sizes can be timed back to back, alternating, without filling them again.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from articles.listing import refresh_entity_counts
from articles.management.base import DatabaseCommand
from articles.models import (
    Article,
    Attribution,
    Entity,
    Event,
    Figure,
    Mention,
    Segment,
    search_fields,
)

DATA = Path(settings.BASE_DIR).parent / "shared/data/articles/indosum-dev-articles.jsonl"
ENTITY_SPREAD = 100  # one more variant of each entity per this many articles
BATCH = 2000
ANNOTATION_TABLES = {
    Segment: ("start", "end", "kind"),
    Mention: ("entity_id", "start", "end", "text", "label", "status"),
    Event: ("key", "start", "end", "text", "value", "date", "precision", "relative",
            "sentence_start", "sentence_end", "summary", "main", "status"),
    Figure: ("key", "start", "end", "text", "value", "value_max", "qualifier", "unit",
             "category", "as_of", "source", "source_entity_id", "group", "status"),
    Attribution: ("key", "start", "end", "kind", "source", "source_entity_id", "speaker",
                  "speaker_entity_id", "via", "via_entity_id", "content_start", "content_end",
                  "status"),
}  # fmt: skip
ENTITY_COLUMNS = {"entity_id", "source_entity_id", "speaker_entity_id", "via_entity_id"}


class Command(DatabaseCommand):
    help = "Fill PostgreSQL with realistic articles and print p50 per page shape per size."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--sizes", default="1000,10000,100000")
        parser.add_argument("--base", type=int, default=200, help="real articles ingested")
        parser.add_argument("--requests", type=int, default=15, help="per shape and size")
        parser.add_argument("--only", default="", help="time only shapes naming this")
        parser.add_argument(
            "--no-fill",
            action="store_true",
            help="time the database as it is (no ingest, no fill): its size heads the table",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The scale benchmark runs on PostgreSQL: set DATABASE_URL.")
        if not settings.DEBUG:
            # Pages link hashed static files, which exist only after collectstatic.
            call_command("collectstatic", interactive=False, verbosity=0)
        table: dict[int, dict[str, float]] = {}
        if options["no_fill"]:
            size = Article.objects.count()
            self.stdout.write(f"\n{size:,} articles (as they are)")
            table[size] = self.time_shapes(options["requests"], options["only"])
            self.print_table(table)
            return
        sizes = [int(size) for size in options["sizes"].split(",")]
        bases = self.ingest_bases(options["base"])
        for size in sizes:
            started = time.perf_counter()
            self.fill(bases, size)
            filled = time.perf_counter() - started
            # Copies are written with COPY, past the write paths that keep each entity's
            # counts: recount them all, as /entities/ and the entity pages read them.
            refresh_entity_counts()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write(
                f"\n{size:,} articles (filled in {filled:.0f} s, entities counted and"
                f" tables analysed in {time.perf_counter() - started - filled:.0f} s)"
            )
            table[size] = self.time_shapes(options["requests"], options["only"])
        self.print_table(table)

    # --- filling ---------------------------------------------------------------------------

    def ingest_bases(self, count: int) -> list[int]:
        from articles.ingest import ingest_article

        present = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:count])
        if len(present) >= count:
            return present
        started = time.perf_counter()
        with DATA.open(encoding="utf-8") as lines:
            for line in lines:
                if Article.objects.count() >= count:
                    break
                record = json.loads(line)
                published = date.fromisoformat(record["url_date"]) if record["url_date"] else None
                ingest_article(text=record["text"], outlet=record["source"], published=published)
        self.stdout.write(
            f"Ingested {count} real articles in {time.perf_counter() - started:.0f} s"
        )
        return list(Article.objects.order_by("pk").values_list("pk", flat=True)[:count])

    def fill(self, bases: list[int], size: int) -> None:
        have = Article.objects.count()
        if have >= size:
            return
        base_rows = load_bases(bases)
        groups = max(1, size // ENTITY_SPREAD)
        variants = EntityVariants(groups)
        next_id = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        now = timezone.now()
        while have < size:
            count = min(BATCH, size - have)
            ids = list(range(next_id, next_id + count))
            articles, annotations = [], defaultdict(list)
            for article_id in ids:
                base = base_rows[article_id % len(base_rows)]
                group = article_id % groups
                articles.append(copy_article(base, article_id, now))
                for model, rows in base["annotations"].items():
                    columns = ANNOTATION_TABLES[model]
                    for row in rows:
                        annotations[model].append(
                            [article_id, *variants.remap(columns, row, group)]
                        )
            variants.create_missing()
            for model, rows in annotations.items():
                for row in rows:
                    variants.resolve(ANNOTATION_TABLES[model], row)
            copy_rows(Article, ARTICLE_COLUMNS, articles)
            for model, rows in annotations.items():
                copy_rows(model, ("article_id", *ANNOTATION_TABLES[model]), rows)
            fill_search_vectors(ids[0], ids[-1])
            next_id += count
            have += count
            self.stdout.write(f"  {have:,} articles", ending="\r")
            self.stdout.flush()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), %s)", [next_id]
            )

    # --- timing ----------------------------------------------------------------------------

    def time_shapes(self, requests: int, only: str = "") -> dict[str, float]:
        shapes = {name: shape for name, shape in page_shapes().items() if only in name}
        timings: dict[str, list[float]] = defaultdict(list)
        client = Client(HTTP_HOST="localhost")
        for round_number in range(requests):
            for name, (path, cold) in shapes.items():
                if cold:  # an address of its own: a page never kept, and the other shapes' kept
                    # menus and pages stay as a reader would find them
                    path += ("&" if "?" in path else "?") + f"round={round_number}-{time.time()}"
                started = time.perf_counter()
                response = client.get(path)
                timings[name].append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
        result = {}
        for name, values in timings.items():
            result[name] = statistics.median(values)
            self.stdout.write(f"  {name:<46} p50 {result[name] * 1000:8.1f} ms")
        return result

    def print_table(self, table: dict[int, dict[str, float]]) -> None:
        sizes = list(table)
        self.stdout.write("\n| page | " + " | ".join(f"{s:,}" for s in sizes) + " | growth |")
        self.stdout.write("|---" * (len(sizes) + 2) + "|")
        for name in table[sizes[0]]:
            cells = [f"{table[s][name] * 1000:.0f} ms" for s in sizes]
            growth = table[sizes[-1]][name] / table[sizes[0]][name]
            self.stdout.write(f"| {name} | " + " | ".join(cells) + f" | {growth:.1f}× |")


ARTICLE_COLUMNS = (
    "id", "text", "content_hash", "title", "slug", "language", "published_on",
    "published_inferred", "outlet", "dateline_place", "dateline_entity_id", "url", "status",
    "created_at", "updated_at", "annotated_at", "search_words", "search_stems", "lead",
    "annotation_errors",
)  # fmt: skip


def load_bases(bases: list[int]) -> list[dict]:
    rows = []
    for article in Article.objects.filter(pk__in=bases).order_by("pk"):
        annotations = {
            model: list(model.objects.filter(article=article).values_list(*columns))
            for model, columns in ANNOTATION_TABLES.items()
        }
        found = search_fields(article.title, article.text, article.language, "postgresql")
        rows.append({"article": article, "annotations": annotations, "stems": found})
    return rows


def copy_article(base: dict, article_id: int, now) -> list:
    article: Article = base["article"]
    text = f"{article.text}\n\n(Salinan {article_id}, {copy_word(article_id)})"
    published = (article.published_on or date(2017, 6, 1)) - timedelta(days=article_id % 3000)
    return [
        article_id, text, f"scale-{article_id}", article.title, article.slug, article.language,
        published, article.published_inferred, article.outlet, article.dateline_place, None,
        "", Article.Status.PUBLISHED, now, now, now, "", base["stems"]["search_stems"],
        article.lead, "[]",
    ]  # fmt: skip


def copy_word(article_id: int) -> str:
    """A word of the copy's own, in no other article: ``kode`` and the id in six letters (all
    the same length, so no one is the start of another, as search matches word starts)."""
    letters = ""
    for _ in range(6):
        article_id, digit = divmod(article_id, 26)
        letters = chr(ord("a") + digit) + letters
    return f"kode{letters}"


class EntityVariants:
    """The ``group``-th variant of each entity (group 0 is the entity itself)."""

    def __init__(self, groups: int) -> None:
        self.groups = groups
        self.by_key: dict[tuple[int, int], int] = {}
        self.wanted: set[tuple[int, int]] = set()
        self.names: dict[int, tuple[str, str, str]] = {
            pk: (name, label, slug)
            for pk, name, label, slug in Entity.objects.values_list("pk", "name", "label", "slug")
        }
        for pk, slug in Entity.objects.filter(slug__contains="--v").values_list("pk", "slug"):
            base_slug, _, group = slug.rpartition("--v")
            base = Entity.objects.filter(slug=base_slug).values_list("pk", flat=True).first()
            if base and group.isdigit():
                self.by_key[(base, int(group))] = pk

    def remap(self, columns: tuple[str, ...], row: tuple, group: int) -> list:
        out = list(row)
        for index, column in enumerate(columns):
            if column in ENTITY_COLUMNS and out[index] is not None and group:
                key = (out[index], group)
                if key not in self.by_key:
                    self.wanted.add(key)
                out[index] = key
        return out

    def create_missing(self) -> None:
        missing = [key for key in self.wanted if key not in self.by_key]
        made = Entity.objects.bulk_create(
            Entity(
                name=f"{self.names[base][0]} {group}"[:200],
                label=self.names[base][1],
                slug=f"{self.names[base][2]}--v{group}"[:220],
            )
            for base, group in missing
        )
        for key, entity in zip(missing, made, strict=True):
            self.by_key[key] = entity.pk
        self.wanted.clear()

    def resolve(self, columns: tuple[str, ...], row: list) -> None:
        for index, column in enumerate(columns, start=1):
            if column in ENTITY_COLUMNS and isinstance(row[index], tuple):
                row[index] = self.by_key[row[index]]


def copy_rows(model, columns: tuple[str, ...], rows: list[list]) -> None:
    table = model._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def fill_search_vectors(first: int, last: int) -> None:
    """The same vector as articles.models.search_document, made by PostgreSQL in one go."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE articles_article SET search_vector =
                setweight(to_tsvector('indonesian_unaccent', title), 'A')
                || setweight(to_tsvector('indonesian_unaccent', text), 'B')
                || setweight(to_tsvector('simple', search_stems), 'C')
            WHERE id BETWEEN %s AND %s
            """,
            [first, last],
        )


def page_shapes() -> dict[str, tuple[str, bool]]:
    """The issue's page shapes on this collection: (address, measured with a cold cache).

    Words and the place are chosen in the real articles, so every size times the same
    queries and the same entity's page (the most mentioned place of the whole collection
    changes with the copies' entity variants, and with it the page's length)."""
    real = Article.objects.exclude(content_hash__startswith="scale-")
    words = Counter()
    bases = real.values_list("text")
    for (text,) in bases:
        words.update({w.lower() for w in text.split() if w.isalpha() and len(w) > 4})
    total = len(bases)
    # A word in about a fifth of the articles; one in a single real article, and so in one
    # copy in every `base` articles; and the newest copy's own word, in one article.
    common = min(words, key=lambda w: (abs(words[w] - total / 5), w))
    rare = min(w for w, n in words.items() if n == 1)
    copies = Article.objects.filter(content_hash__startswith="scale-")
    newest = copies.order_by("-pk").values_list("pk", flat=True).first()
    single = copy_word(newest) if newest else rare
    place = (
        Mention.objects.filter(label="LOC", article__in=real)
        .values("entity__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "entity__slug")
        .values_list("entity__slug", flat=True)
        .first()
    )
    article = Article.objects.filter(mentions__entity__slug=place).order_by("-pk").first()
    url = article.get_absolute_url()
    return {
        "search, a common word": (f"/search/?q={common}", False),
        "search, a word in every article (yang)": ("/search/?q=yang", False),
        "search, a word + entity filter": (f"/search/?q=yang&entity={place}", False),
        "search, a rare word (one real article's)": (f"/search/?q={rare}", False),
        "search, a word in one article": (f"/search/?q={single}", False),
        "/entities/": ("/entities/", False),
        "entity page of a frequent place": (f"/entities/{place}/", False),
        "article with its entity card open (cold cache)": (f"{url}?entity={place}", True),
        "home page": ("/", False),
        "article page (cold cache)": (url, True),
        "article page (cached)": (url, False),
    }
