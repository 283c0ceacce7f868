"""The base of the app's management commands: a database that is not set up is a message."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError


class DatabaseCommand(BaseCommand):
    """A command whose database may be new: an error from it (`no such table` before
    `migrate`, a server that does not answer) ends the command with one readable line and
    exit status 1, never a traceback."""

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except DatabaseError as error:
            reason = next(iter(str(error).strip().splitlines()), type(error).__name__)
            raise CommandError(
                f"The database answered: {reason}. A new database needs "
                "`python manage.py migrate` first (`make run` does it)."
            ) from error
