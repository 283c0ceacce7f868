"""`manage.py stem_speed`: how fast Sastrawi stems real Indonesian text, with its cache.

Stems every word of the first ``--articles`` real articles: with a fresh Sastrawi stemmer
(its cache empty), again (its cache full), then through ``articles.search.stem``, which
caches the results itself; and prints the cost of an article's search columns.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from django.core.management.base import CommandError

from articles.management.base import DatabaseCommand
from articles.management.commands.sqlite_write_check import SAMPLE
from articles.search import document_stems, document_words, stem

WORD = re.compile(r"[^\W\d_]+")


class Command(DatabaseCommand):
    help = "Sastrawi's stemming speed on real articles, cold and with its cache."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--articles", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        if not SAMPLE.is_file():
            raise CommandError(f"{SAMPLE} is missing")
        with SAMPLE.open(encoding="utf-8") as lines:
            wanted = range(options["articles"])
            texts = [json.loads(line)["text"] for _, line in zip(wanted, lines, strict=False)]
        words = [word.lower() for text in texts for word in WORD.findall(text)]
        self.stdout.write(
            f"{len(texts)} articles, {len(words):,} words ({len(set(words)):,} distinct)"
        )
        sastrawi = StemmerFactory().create_stemmer()
        for label in ("Sastrawi, empty cache", "Sastrawi, its cache full"):
            self.report(label, words, sastrawi.stem)
        self.report("articles.search.stem, first pass", words, stem)
        self.report("articles.search.stem, cached", words, stem)
        started = time.perf_counter()
        for text in texts:
            document_stems(document_words(text))
        each = (time.perf_counter() - started) / len(texts) * 1000
        self.stdout.write(f"Search columns (words and stems) of an article: {each:.2f} ms")

    def report(self, label: str, words: list[str], function) -> None:
        started = time.perf_counter()
        for word in words:
            function(word)
        rate = len(words) / (time.perf_counter() - started)
        self.stdout.write(f"{label:<36} {rate:>12,.0f} words/s")
