"""`manage.py first_paste`: how long the first paste takes after the web server starts.

On a fresh SQLite file, starts gunicorn (one worker), times how long `/healthz` takes to say
"ok" (the annotation model loads in the background meanwhile), then signs in to the admin
and pastes a real article, timing that request: it should not include loading the model.
With `--no-wait` the paste is sent as soon as the server answers at all, to show what a
request pays while the model is still loading.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

from django.conf import settings
from django.core.management.base import CommandError

from articles.management.base import DatabaseCommand
from articles.management.commands.page_speed import free_port
from articles.management.commands.sqlite_write_check import SAMPLE

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Command(DatabaseCommand):
    help = "Time /healthz becoming ready and the first paste after gunicorn starts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-wait", action="store_true", help="paste before ready")

    def handle(self, *args: Any, **options: Any) -> None:
        text = first_sample()
        with tempfile.TemporaryDirectory(prefix="nr-first-paste-") as folder:
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{Path(folder) / 'db.sqlite3'}",
                "DEBUG": "true",
                "DEMO_ADMIN_PASSWORD": "first-paste-only",
            }
            env.pop("WARM_UP", None)
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
            create = (
                "from django.contrib.auth.models import User; "
                "User.objects.create_superuser('admin', 'a@example.com', 'first-paste-only')"
            )
            subprocess.run([*manage, "shell", "-c", create], env=env, check=True)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            started = time.perf_counter()
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "newsreader.wsgi", "-b", f"127.0.0.1:{port}",
                 "-w", "1", "--timeout", "120", "--log-level", "warning"],
                env=env, cwd=settings.BASE_DIR,
            )  # fmt: skip
            try:
                answered = wait_for_status(base + "/healthz", {200, 503})
                self.stdout.write(f"Server answering after {answered - started:.1f} s")
                if not options["no_wait"]:
                    ready = wait_for_status(base + "/healthz", {200})
                    self.stdout.write(f"/healthz ok (model loaded) after {ready - started:.1f} s")
                seconds = paste(base, text)
                self.stdout.write(
                    f"First paste ({len(text.split())} words): {seconds:.2f} s for the request"
                )
            finally:
                server.terminate()
                server.wait(timeout=30)


def first_sample() -> str:
    if not SAMPLE.is_file():
        raise CommandError(f"{SAMPLE} is missing")
    with SAMPLE.open(encoding="utf-8") as lines:
        return json.loads(next(lines))["text"]


def wait_for_status(url: str, wanted: set[int], seconds: float = 180) -> float:
    deadline = time.monotonic() + seconds
    opener = build_opener()
    while time.monotonic() < deadline:
        try:
            status = opener.open(url, timeout=5).status
        except HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        if status in wanted:
            return time.perf_counter()
        time.sleep(0.1)
    raise CommandError(f"{url} did not answer {wanted} within {seconds} s")


def paste(base: str, text: str) -> float:
    """Sign in, open the paste form, and time the request that stores the text."""
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    login = opener.open(base + "/admin/login/").read().decode()
    fields = {"username": "admin", "password": "first-paste-only"}
    fields["csrfmiddlewaretoken"] = TOKEN.search(login).group(1)
    opener.open(Request(base + "/admin/login/?next=/admin/", urlencode(fields).encode()))
    form = opener.open(base + "/admin/articles/article/add/").read().decode()
    data = {"csrfmiddlewaretoken": TOKEN.search(form).group(1), "text": text}
    data |= {"status": "published", "title": "", "outlet": "", "url": "", "language": ""}
    started = time.perf_counter()
    response = opener.open(Request(base + "/admin/articles/article/add/", urlencode(data).encode()))
    took = time.perf_counter() - started
    if "/articles/" not in response.url or "/admin/" in response.url:
        raise CommandError(f"The paste did not store an article (ended at {response.url})")
    return took
