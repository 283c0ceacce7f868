"""`manage.py export_bundle FILE`: the whole collection to one file (gzip when FILE ends
in `.gz`); `import_bundle` loads it into an empty instance. See `articles/bundle.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from articles.bundle import export_bundle
from articles.management.base import DatabaseCommand


class Command(DatabaseCommand):
    help = "Write every article, entity, annotation and editor decision to a bundle file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="where to write; .gz to compress")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            counts = export_bundle(path, using=options["database"])
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}") from None
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(f"Wrote {sum(counts.values())} rows to {path}")
