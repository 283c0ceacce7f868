"""`manage.py clean_exports [--days N]`: delete collection export jobs older than N days
(default 7) with their files. Asking again for one writes a new file."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from articles.export_jobs import CollectionExport, delete_jobs
from articles.management.base import DatabaseCommand


class Command(DatabaseCommand):
    help = "Delete collection export jobs older than --days (default 7) and their files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="keep jobs younger than this")

    def handle(self, *args, days: int, **options) -> None:
        cutoff = timezone.now() - timedelta(days=days)
        count = delete_jobs(CollectionExport.objects.filter(created_at__lt=cutoff))
        self.stdout.write(f"Deleted {count} export job(s) older than {days} day(s).")
