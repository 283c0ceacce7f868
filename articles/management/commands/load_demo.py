"""`manage.py load_demo`: store the demo article (the project's copy of the seed).

Idempotent: run it again and it says the article is already there. With
`DEMO_ADMIN_PASSWORD` set it also creates (or resets) a superuser `admin` for trying the
admin locally; without it, nothing but the article is created.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model

from articles.ingest import ingest_article
from articles.management.base import DatabaseCommand

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_ARTICLE = DEMO_DIR / "seed.txt"


def admin_hint() -> str:
    """What to do to use the admin: sign in when a superuser exists, else create one."""
    if get_user_model().objects.filter(is_superuser=True).exists():
        return "Admin: sign in at /admin/ with your superuser."
    return (
        "Admin: create a user with 'python manage.py createsuperuser' "
        "(or run with DEMO_ADMIN_PASSWORD=…), then open /admin/"
    )


class Command(DatabaseCommand):
    help = "Store the demo article; with DEMO_ADMIN_PASSWORD set, also a superuser 'admin'."

    def handle(self, *args: Any, **options: Any) -> None:
        result = ingest_article(text=DEMO_ARTICLE.read_text(encoding="utf-8"))
        state = "Loaded" if result.created else "Already present:"
        self.stdout.write(f"{state} {result.article.title} ({result.article.get_absolute_url()})")
        password = os.environ.get("DEMO_ADMIN_PASSWORD")
        if password:
            self.create_admin(password)
        else:
            self.stdout.write(admin_hint())

    def create_admin(self, password: str) -> None:
        user, _ = get_user_model().objects.get_or_create(username="admin")
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            "Superuser 'admin' is ready (password from DEMO_ADMIN_PASSWORD): open /admin/"
        )
