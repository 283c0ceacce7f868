"""`manage.py page_speed`: the article page's throughput against a static file's, and its weight.

Starts gunicorn (production settings: DEBUG off, whitenoise serving the collected, compressed
static files) on a free port, then alternates rounds of load on an article page and on the
site's stylesheet through that same server, with `wrk` when it is installed (else a Python
loop with the same number of connections). Prints each round, the medians and their ratio;
then the page's weight as a browser fetches it (brotli or gzip) with every asset it links.

The article is the newest published one of the configured database (`make run` loads the
demo), or the one given with `--path`.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.management.base import CommandError

from articles.management.base import DatabaseCommand
from articles.models import Article

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')


class Command(DatabaseCommand):
    help = "Article page vs a static file through the same gunicorn + whitenoise; page weight."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--path", help="the page to measure (default: newest article)")
        parser.add_argument("--rounds", type=int, default=6)
        parser.add_argument("--seconds", type=int, default=5)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument(
            "--encoding", default="", help="Accept-Encoding to send under load (e.g. gzip)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"] or newest_article_path()
        with tempfile.TemporaryDirectory(prefix="nr-static-") as static_root:
            env = server_env(static_root)
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            subprocess.run(
                [*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True
            )  # fmt: skip
            port = free_port()
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "newsreader.wsgi", "-b", f"127.0.0.1:{port}",
                 "-w", str(options["workers"]), "--log-level", "warning"],
                env=env, cwd=settings.BASE_DIR,
            )  # fmt: skip
            try:
                base = f"http://127.0.0.1:{port}"
                wait_for(base + "/healthz")
                self.measure(base, path, options)
            finally:
                server.terminate()
                server.wait(timeout=30)

    def measure(self, base: str, path: str, options: dict) -> None:
        page = fetch(base + path)
        if page.status != 200:
            raise CommandError(f"{path} answered {page.status}")
        stylesheet = next(a for a in ASSET.findall(page.body.decode()) if a.endswith(".css"))
        tool = "wrk" if shutil.which("wrk") else "Python loop"
        self.stdout.write(
            f"{tool}, {options['connections']} connections, {options['seconds']} s per round, "
            f"gunicorn -w {options['workers']}, Accept-Encoding: {options['encoding'] or '-'}"
        )
        pages, statics = [], []
        for round_number in range(1, options["rounds"] + 1):
            for url, results in ((base + path, pages), (base + stylesheet, statics)):
                rate = load(url, options)
                results.append(rate)
                self.stdout.write(f"  round {round_number}: {rate:8.0f} req/s  {url[len(base) :]}")
        page_rate, static_rate = statistics.median(pages), statistics.median(statics)
        self.stdout.write(
            f"Median: article page {page_rate:.0f} req/s, static file {static_rate:.0f} req/s, "
            f"ratio {page_rate / static_rate:.2f}"
        )
        self.report_weight(base, path)

    def report_weight(self, base: str, path: str) -> None:
        for encoding in ("br", "gzip"):
            page = fetch(base + path, encoding)
            assets = sorted(set(ASSET.findall(page.body.decode(errors="replace"))))
            total = len(page.raw)
            self.stdout.write(f"Weight with Accept-Encoding: {encoding}")
            self.stdout.write(f"  {len(page.raw):7,} B  {path} ({page.encoding or 'identity'})")
            for asset in assets:
                got = fetch(base + asset, encoding)
                total += len(got.raw)
                self.stdout.write(f"  {len(got.raw):7,} B  {asset} ({got.encoding or 'identity'})")
            self.stdout.write(f"  {total:7,} B  in all ({total / 1024:.1f} KB)")


def newest_article_path() -> str:
    article = Article.objects.published().order_by("-pk").first()
    if article is None:
        raise CommandError("No published article: run `manage.py load_demo` first.")
    return article.get_absolute_url()


def server_env(static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "page-speed-benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": static_root,
        "WARM_UP": "false",  # reading pages only: the pipeline's CPU would skew the rounds
        "LOG_LEVEL": "WARNING",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"{url} did not answer within {seconds} s")


class Fetched:
    def __init__(self, status: int, raw: bytes, encoding: str) -> None:
        self.status, self.raw, self.encoding = status, raw, encoding

    @property
    def body(self) -> bytes:
        if self.encoding == "gzip":
            import gzip

            return gzip.decompress(self.raw)
        if self.encoding == "br":
            import brotli

            return brotli.decompress(self.raw)
        return self.raw


def fetch(url: str, encoding: str = "") -> Fetched:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urlopen(Request(url, headers=headers), timeout=10) as response:
        return Fetched(response.status, response.read(), response.headers["Content-Encoding"])


def load(url: str, options: dict) -> float:
    """Requests per second on ``url`` for a few seconds."""
    if shutil.which("wrk"):
        command = ["wrk", "-t1", f"-c{options['connections']}", f"-d{options['seconds']}s"]
        if options["encoding"]:
            command += ["-H", f"Accept-Encoding: {options['encoding']}"]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True)
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output.stdout).group(1))
    return python_load(url, options)


def python_load(url: str, options: dict) -> float:
    host, _, rest = url.removeprefix("http://").partition("/")
    hostname, port = host.split(":")
    deadline = time.monotonic() + options["seconds"]
    counts = [0] * options["connections"]
    headers = {"Accept-Encoding": options["encoding"]} if options["encoding"] else {}

    def run(index: int) -> None:
        connection = http.client.HTTPConnection(hostname, int(port))
        while time.monotonic() < deadline:
            connection.request("GET", "/" + rest, headers=headers)
            connection.getresponse().read()
            counts[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(counts))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)
