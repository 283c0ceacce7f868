"""`manage.py bench_entity_index`: how fast /entities/ answers with many entities.

Adds the entities inside a transaction that is rolled back (nothing is kept), asks each
index URL a few times with Django's test client, and prints the median time and the number
of queries per page. A benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.management.base import DatabaseCommand
from articles.models import Entity

URLS = (
    "/entities/",
    "/entities/?sort=name",
    "/entities/?type=LOC",
    "/entities/?q=kota+4",
    "/entities/?page=300",
)


class Rollback(Exception):
    pass


class Command(DatabaseCommand):
    help = "Time /entities/ with many entities (added in a rolled-back transaction)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--entities", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                self.add_entities(options["entities"])
                self.time_urls(options["repeat"], options["entities"])
                raise Rollback
        except Rollback:
            pass

    def add_entities(self, count: int) -> None:
        Entity.objects.bulk_create(
            (
                Entity(
                    name=f"Kota bench {n}",
                    label=("PER", "ORG", "LOC")[n % 3],
                    slug=f"kota-bench-{n}",
                    mention_count=n % 97 + 1,
                    article_count=n % 13 + 1,
                )
                for n in range(count)
            ),
            batch_size=5000,
        )
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE articles_entity")

    def time_urls(self, repeat: int, count: int) -> None:
        client = Client(SERVER_NAME="localhost")
        self.stdout.write(
            f"{connection.vendor}, {Entity.objects.count():,} entities ({count:,} added)"
        )
        for url in URLS:
            timings, sql = [], []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            median, in_sql = statistics.median(timings), statistics.median(sql)
            self.stdout.write(
                f"{url:24} {median:6.1f} ms median, {in_sql:5.1f} ms in SQL, "
                f"{len(queries)} queries, HTTP {response.status_code}"
            )
