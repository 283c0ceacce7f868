"""`manage.py import_bundle FILE`: load a bundle written by `export_bundle` into an empty
instance (after `migrate`), keeping every id, in one transaction. See `articles/bundle.py`."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from articles.bundle import BundleError, import_bundle
from articles.management.base import DatabaseCommand


class Command(DatabaseCommand):
    help = "Load a bundle into an empty instance; nothing is stored if any row fails."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            counts = import_bundle(path, using=options["database"])
        except BundleError as error:
            raise CommandError(str(error)) from None
        except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(f"Loaded {sum(counts.values())} rows from {path}")
