"""`manage.py sqlite_write_check`: many writers at once on a file SQLite database.

Makes a fresh SQLite file in a temporary folder, migrates it, then, in a child process
that uses it as its default database:

1. ``--writers`` editors (threads, one connection each) save the same article at the same
   moment, each reading it and writing it back in one transaction, as an edit form does;
2. two bulk ingests of the same ``--documents`` texts run side by side.

It prints how many saves succeeded, every error, and how many articles the two ingests
stored (each text must be stored exactly once). ``--legacy`` runs the same with SQLite's
default options (no WAL, no busy timeout, deferred transactions) for comparison. The exit
code is 1 when a save failed or a document was lost or stored twice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction

from articles.management.base import DatabaseCommand

SAMPLE = Path(settings.BASE_DIR).parent / "shared/data/articles/indosum-dev-articles.jsonl"


class Command(DatabaseCommand):
    help = "Concurrent saves and parallel ingests on a fresh SQLite file; prints the outcome."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--writers", type=int, default=20)
        parser.add_argument("--documents", type=int, default=12)
        parser.add_argument(
            "--legacy", action="store_true", help="SQLite's default options, for comparison"
        )
        parser.add_argument("--child", help=argparse_hidden())

    def handle(self, *args: Any, **options: Any) -> None:
        if options["child"]:
            outcome = run_checks(options["writers"], options["documents"], options["legacy"])
            self.stdout.write(json.dumps(outcome))
            return
        with tempfile.TemporaryDirectory(prefix="nr-sqlite-") as folder:
            database = Path(folder) / "check.sqlite3"
            outcome = self.run_child(database, options)
        self.report(outcome, options)

    def run_child(self, database: Path, options: dict) -> dict:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "sqlite_write_check"]
        command += ["--writers", str(options["writers"])]
        command += ["--documents", str(options["documents"]), "--child", "yes"]
        if options["legacy"]:
            command.append("--legacy")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise CommandError(f"The check's process failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def report(self, outcome: dict, options: dict) -> None:
        mode = "SQLite defaults" if options["legacy"] else "settings.py (WAL, timeout, IMMEDIATE)"
        saves = outcome["saves"]
        ingests = outcome["ingests"]
        self.stdout.write(f"SQLite file database, {mode}, journal mode {outcome['journal_mode']}")
        self.stdout.write(
            f"{saves['writers']} concurrent saves: {saves['ok']} succeeded, "
            f"{len(saves['errors'])} failed, in {saves['seconds']:.2f} s"
        )
        for error, count in Counter(saves["errors"]).items():
            self.stdout.write(f"  {count} × {error}")
        self.stdout.write(
            f"2 parallel ingests of the same {ingests['documents']} documents: "
            f"{ingests['stored']} articles stored ({ingests['distinct']} distinct texts), "
            f"{len(ingests['errors'])} errors, in {ingests['seconds']:.1f} s"
        )
        for error, count in Counter(ingests["errors"]).items():
            self.stdout.write(f"  {count} × {error}")
        lost = ingests["documents"] - ingests["distinct"]
        twice = ingests["stored"] - ingests["distinct"]
        self.stdout.write(f"Documents lost: {lost}, stored twice: {twice}")
        if saves["errors"] or lost or twice:
            raise CommandError("Concurrent writes failed.")


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


def run_checks(writers: int, documents: int, legacy: bool) -> dict:
    if legacy:
        connection.settings_dict["OPTIONS"] = {}
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    return {
        "journal_mode": journal_mode,
        "saves": concurrent_saves(writers),
        "ingests": parallel_ingests(documents),
    }


def in_threads(count: int, work) -> tuple[list[str], float]:
    """Run ``work(i)`` in ``count`` threads released at the same moment; the errors."""
    barrier = threading.Barrier(count)
    errors: list[str] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            work(index)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, time.perf_counter() - started


def concurrent_saves(writers: int) -> dict:
    from articles.models import Article

    article = Article.objects.create(text="draft", content_hash="check", title="Draft", slug="d")

    def save(index: int) -> None:
        with transaction.atomic():
            current = Article.objects.get(pk=article.pk)
            current.title = f"Edited by editor {index}"
            time.sleep(0.01)  # an editor's form does some work between reading and writing
            current.save()

    errors, seconds = in_threads(writers, save)
    return {"writers": writers, "ok": writers - len(errors), "errors": errors, "seconds": seconds}


def sample_texts(count: int) -> list[str]:
    if SAMPLE.is_file():
        with SAMPLE.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line, _ in zip(lines, range(count), strict=False)]
    else:
        texts = []
    while len(texts) < count:  # without the shared data: short texts of our own
        n = len(texts)
        texts.append(f"Warga desa ke-{n} mengungsi setelah banjir pada Senin ({n + 1}/3/2020).")
    return texts


def parallel_ingests(documents: int) -> dict:
    from articles.ingest import annotate_text, ingest_article
    from articles.models import Article

    texts = sample_texts(documents)
    annotate_text("Warm-up.")  # the model loads once, before the clock starts

    def ingest_all(index: int) -> None:
        failures = []
        order = texts if index % 2 == 0 else texts[::-1]
        for text in order:
            try:
                ingest_article(text=text)
            except Exception as error:
                failures.append(f"{type(error).__name__}: {error}")
        if failures:
            raise RuntimeError("; ".join(failures))

    errors, seconds = in_threads(2, ingest_all)
    hashes = list(Article.objects.exclude(content_hash="check").values_list("text", flat=True))
    return {
        "documents": documents,
        "stored": len(hashes),
        "distinct": len(set(hashes) & set(texts)),
        "errors": errors,
        "seconds": seconds,
    }
