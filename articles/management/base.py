"""The base of the app's management commands: a database that is not set up is a message."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

MIGRATE_FIRST = "A new database needs `python manage.py migrate` first (`make run` does it)."


class DatabaseCommand(BaseCommand):
    """A command whose database may be new: an error from it (`no such table` before
    `migrate`, a server that does not answer) ends the command with one readable line and
    exit status 1, never a traceback."""

    def require_tables(self, *models: Any) -> None:
        """End now, with that line, when a model's table is missing: for a command that
        would otherwise report the same error once per document."""
        tables = set(connection.introspection.table_names())
        missing = [model._meta.db_table for model in models if model._meta.db_table not in tables]
        if missing:
            raise CommandError(f"The database has no table {', '.join(missing)}. {MIGRATE_FIRST}")

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except DatabaseError as error:
            reason = next(iter(str(error).strip().splitlines()), type(error).__name__)
            raise CommandError(f"The database answered: {reason}. {MIGRATE_FIRST}") from error
