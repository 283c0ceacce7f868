"""Reading at static-file speed: the article page kept in the cache per version, 304s, no
per-reader cookie, compressed HTML; and two app processes sharing PostgreSQL and Redis."""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import brotli
import pytest
from django.core.cache import cache
from django.test import Client

from articles.models import Article, Entity, Mention
from articles.views.page_cache import KeptPage, ServedPages
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.django_db

TEXT = "Warga Bekasi mengungsi setelah banjir pada Senin.\n\nBanjir merendam 300 rumah."


@pytest.fixture
def article() -> Article:
    article = Article.objects.create(
        text=TEXT, content_hash="h1", title="Banjir di Bekasi", slug="banjir-di-bekasi"
    )
    entity = Entity.objects.create(name="Bekasi", label="LOC", slug="bekasi")
    Mention.objects.create(
        article=article, entity=entity, start=6, end=12, text="Bekasi", label="LOC"
    )
    return article


def page(client: Client, article: Article, query: str = "", **headers):
    return client.get(article.get_absolute_url() + query, **headers)


def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_cookies(client, article) -> None:
    response = page(client, article)
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["Cache-Control"] == "public, no-cache"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_the_second_view_comes_from_the_cache_in_one_query(
    client, article, django_assert_num_queries
) -> None:
    first = page(client, article)
    with django_assert_num_queries(1):  # the article's version; nothing is built again
        second = page(client, article)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_process_answers_a_page_it_served_from_its_own_memory(
    client, article, django_assert_num_queries
) -> None:
    first = page(client, article, HTTP_ACCEPT_ENCODING="br")
    cache.clear()  # the shared cache lost it: this process still holds this version
    with django_assert_num_queries(1):
        second = page(client, article, HTTP_ACCEPT_ENCODING="br")
    assert second.content == first.content
    assert [second[h] for h in ("ETag", "Last-Modified", "Content-Encoding")] == [
        first[h] for h in ("ETag", "Last-Modified", "Content-Encoding")
    ]
    article.title = "Banjir besar di Bekasi"
    article.save()  # a new version: the memory of the old one is never served for it
    assert b"Banjir besar di Bekasi" in brotli.decompress(
        page(client, article, HTTP_ACCEPT_ENCODING="br").content
    )


def test_a_process_remembers_only_the_pages_it_served_last() -> None:
    pages = ServedPages(size=2)
    one, two, three = (KeptPage("e", 0, "", {}) for _ in range(3))
    pages.remember(("a",), one)
    pages.remember(("b",), two)
    assert pages.get(("a",)) is one  # served again: now the most recent
    pages.remember(("c",), three)
    assert pages.get(("b",)) is None
    assert pages.get(("a",)) is one and pages.get(("c",)) is three


def test_a_reader_holding_this_version_gets_a_304(client, article) -> None:
    first = page(client, article)
    by_tag = page(client, article, HTTP_IF_NONE_MATCH=first["ETag"])
    weak = page(client, article, HTTP_IF_NONE_MATCH="W/" + first["ETag"])
    by_date = page(client, article, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    other = page(client, article, HTTP_IF_NONE_MATCH='"something-else"')
    assert [by_tag.status_code, weak.status_code, by_date.status_code] == [304, 304, 304]
    assert by_tag.content == b""
    assert other.status_code == 200


def test_a_correction_is_served_at_once(client, article) -> None:
    first = page(client, article)
    article.title = "Banjir besar di Bekasi"
    article.save()
    second = page(client, article)
    assert "Banjir besar di Bekasi" in second.content.decode()
    assert second["ETag"] != first["ETag"]
    assert page(client, article, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_renaming_an_entity_changes_the_pages_that_name_it(client, article) -> None:
    page(client, article, "?entity=bekasi")
    entity = Entity.objects.get(slug="bekasi")
    entity.name = "Kota Bekasi"
    entity.save()
    assert "Kota Bekasi" in page(client, article, "?entity=bekasi").content.decode()


def test_unpublishing_hides_the_page_at_once(client, article) -> None:
    assert page(client, article).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert page(client, article).status_code == 404


def test_reader_state_language_and_htmx_get_their_own_copies(client, article) -> None:
    plain = page(client, article).content
    card = page(client, article, "?entity=bekasi").content
    fragment = page(client, article, "?entity=bekasi", HTTP_HX_REQUEST="true",
                    HTTP_HX_TARGET="entity-card").content  # fmt: skip
    indonesian = page(client, article, HTTP_ACCEPT_LANGUAGE="id").content
    assert len({plain, card, fragment, indonesian}) == 4
    assert b"<html" not in fragment
    assert b'lang="id"' in indonesian


def test_signed_in_editors_are_never_served_from_the_cache(admin_client, client, article):
    page(client, article)  # an anonymous copy is in the cache
    response = page(admin_client, article)
    assert response["Cache-Control"] == "private"
    assert "ETag" not in response
    assert 'hx-headers=\'{"X-CSRFToken"' in response.content.decode()


def test_html_is_compressed_from_the_first_view_on(client, article) -> None:
    zipped = page(client, article, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert b"Banjir di Bekasi" in gzip.decompress(zipped.content)
    assert "Accept-Encoding" in zipped["Vary"]
    either = page(client, article, HTTP_ACCEPT_ENCODING="gzip, br")
    assert either["Content-Encoding"] == "br"
    assert b"Banjir di Bekasi" in brotli.decompress(either.content)
    plain = page(client, article)
    assert "Content-Encoding" not in plain
    assert b"Banjir di Bekasi" in plain.content


def test_kept_pages_carry_the_headers_of_the_middleware_below(client, article) -> None:
    first, second = page(client, article), page(client, article)
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                 "Referrer-Policy", "Cross-Origin-Opener-Policy", "Content-Language"):  # fmt: skip
        assert second[name] == first[name]
    assert int(second["Content-Length"]) == len(second.content)


def test_the_https_redirect_comes_before_any_kept_page(client, article, settings) -> None:
    page(client, article)  # kept, for plain HTTP
    settings.SECURE_SSL_REDIRECT = True
    response = page(Client(), article)  # a new client: middleware reads settings when made
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_the_language_switch_works_without_a_csrf_token(client, article) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert response.status_code == 302
    assert strict.cookies["django_language"].value == "id"


# --- two app processes sharing PostgreSQL and Redis ------------------------------------------

POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def services_or_skip() -> None:
    problems = []
    try:
        import psycopg

        psycopg.connect(POSTGRES, connect_timeout=3).close()
    except Exception as error:
        problems.append(f"PostgreSQL at {POSTGRES}: {error}")
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_timeout=3).ping()
    except Exception as error:
        problems.append(f"Redis at {REDIS}: {error}")
    if problems and os.environ.get("CI") != "true":
        pytest.skip("needs PostgreSQL and Redis: " + "; ".join(problems))
    assert not problems, "CI must provide PostgreSQL and Redis: " + "; ".join(problems)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FormFields(HTMLParser):
    """Every field of a form as the browser would send it."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "file", "checkbox"):
            self.fields.append((name, a.get("value") or ""))
        elif tag == "input" and name and a.get("type") == "checkbox" and "checked" in a:
            self.fields.append((name, a.get("value") or "on"))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@pytest.mark.django_db(transaction=False)
def test_two_processes_share_postgresql_and_redis_and_serve_a_correction_at_once() -> None:
    services_or_skip()
    import psycopg
    import redis

    name = f"nr_cache_test_{uuid.uuid4().hex[:10]}"
    base, _ = POSTGRES.rsplit("/", 1)
    prefix = f"test-{name}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/{name}",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": prefix,
        "DEBUG": "true",
        "WARM_UP": "false",
        "DJANGO_SETTINGS_MODULE": "newsreader.settings",
    }
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    servers: list[subprocess.Popen] = []
    try:
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=REPO_ROOT, env=env, check=True)
        setup = (
            "from articles.models import Article; from django.contrib.auth.models import User; "
            "User.objects.create_superuser('editor', 'e@example.com', 'pw-for-the-test'); "
            f"print(Article.objects.create(text={TEXT!r}, content_hash='h', "
            "title='Banjir di Bekasi', slug='banjir-di-bekasi').get_absolute_url())"
        )
        done = subprocess.run(
            [*manage, "shell", "-c", setup], cwd=REPO_ROOT, env=env, check=True,
            capture_output=True, text=True,
        )  # fmt: skip
        path = done.stdout.strip().splitlines()[-1]
        ports = [free_port(), free_port()]
        for port in ports:
            command = [sys.executable, "-m", "gunicorn", "newsreader.wsgi", "-b",
                       f"127.0.0.1:{port}", "-w", "1", "--log-level", "warning"]  # fmt: skip
            servers.append(subprocess.Popen(command, cwd=REPO_ROOT, env=env))
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        for url in (a, b):
            wait_for(url + "/healthz")

        def read(server: str) -> str:
            # One host name for both, as behind a load balancer: pages hold absolute links.
            request = Request(server + path, headers={"Host": "127.0.0.1"})
            return build_opener().open(request).read().decode()

        def kept_pages() -> list[bytes]:
            return [k for k in store.scan_iter(f"{prefix}:*") if b"article-page" in k]

        store = redis.Redis.from_url(REDIS)
        first = read(b)
        assert "<h1" in first and "Banjir di Bekasi" in first
        assert len(kept_pages()) == 1, "process B kept the page in Redis"
        assert read(a) == first  # A finds the same copy under the same key
        assert len(kept_pages()) == 1

        editor = build_opener(HTTPCookieProcessor(CookieJar()))
        login = editor.open(a + "/admin/login/").read().decode()
        token = dict(parse_form(login))["csrfmiddlewaretoken"]
        body = {"csrfmiddlewaretoken": token, "username": "editor", "password": "pw-for-the-test"}
        editor.open(Request(a + "/admin/login/?next=/admin/", urlencode(body).encode()))
        change_url = a + "/admin/articles/article/1/change/"
        fields = parse_form(editor.open(change_url).read().decode())
        fields = [(k, "Banjir besar di Bekasi" if k == "title" else v) for k, v in fields]
        saved = editor.open(Request(change_url, urlencode(fields).encode()))
        assert saved.status == 200 and "/change/" not in saved.url  # saved, back to the list

        corrected = read(b)
        assert "Banjir besar di Bekasi" in corrected
        assert len(kept_pages()) == 2  # the new version beside the old one
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        try:
            store = redis.Redis.from_url(REDIS)
            for key in store.scan_iter(f"{prefix}:*"):
                store.delete(key)
        finally:
            with psycopg.connect(POSTGRES, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def parse_form(html: str) -> list[tuple[str, str]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if build_opener().open(url, timeout=2).status == 200:
                return
        except (OSError, HTTPError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not answer within {seconds} s")
        time.sleep(0.2)
