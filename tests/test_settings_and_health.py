"""Settings from the environment, `/healthz`, security headers and `check --deploy`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.conftest import REPO_ROOT

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7!q2v#9mZp$4rT8wLk@3sYb6nHc0dJf^gE1uA5iO+eW&zR-tQ",
    "ALLOWED_HOSTS": "news.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.com",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "TRUST_X_FORWARDED_PROTO": "true",
}
# DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests; deployments must not have it.
SETTINGS_VARIABLES = [
    *PRODUCTION_ENV,
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "STATIC_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def run_python(code: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter whose settings see only `env` (plus a temp DB).

    A variable given as "" is left unset.
    """
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    clean |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"} | env
    clean = {k: v for k, v in clean.items() if v != ""}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "newsreader.settings"},
        capture_output=True,
        text=True,
        timeout=600,  # collectstatic brotli-compresses every file: slow on a busy machine
    )


def check_deploy(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    code = (
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    return run_python(code, env, tmp_path)


def read_settings(env: dict[str, str], tmp_path) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, "
        "'CSRF_TRUSTED_ORIGINS': s.CSRF_TRUSTED_ORIGINS, "
        "'ENGINE': s.DATABASES['default']['ENGINE'], 'NAME': s.DATABASES['default']['NAME'], "
        "'STATIC': s.STORAGES['staticfiles']['BACKEND']}))"
    )
    completed = run_python(code, env, tmp_path)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


# /healthz


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_answers_probes_by_ip_over_plain_http_even_with_https_redirects(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 200


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("newsreader.health.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503


# Security headers


@pytest.mark.django_db
@pytest.mark.parametrize("url", [reverse("articles:home"), reverse("admin:login")])
def test_pages_send_a_strict_content_security_policy(client, url):
    policy = client.get(url)["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_pages_send_the_other_security_headers(client):
    response = client.get(reverse("articles:home"))

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# Settings from the environment


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    completed = check_deploy(PRODUCTION_ENV, tmp_path)

    assert completed.returncode == 0, completed.stderr
    assert "System check identified no issues" in completed.stdout


def test_check_deploy_flags_the_development_defaults(tmp_path):
    completed = check_deploy({}, tmp_path)

    assert completed.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert warning in completed.stderr


def test_collectstatic_writes_hashed_compressed_files_for_whitenoise(tmp_path):
    static_root = tmp_path / "static"
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('collectstatic', '--no-input', verbosity=0)"
    )

    completed = run_python(code, {"STATIC_ROOT": str(static_root)}, tmp_path)

    assert completed.returncode == 0, completed.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed_css = manifest["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed_css)
    assert (static_root / f"{hashed_css}.gz").is_file()
    assert "django_htmx/htmx-2.min.js" in manifest


def test_the_defaults_are_sqlite_with_debug_off(tmp_path):
    values = read_settings({"DATABASE_URL": ""}, tmp_path)

    assert values["DEBUG"] is False
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(REPO_ROOT / "db.sqlite3")
    assert values["STATIC"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_settings_are_read_from_the_environment(tmp_path):
    values = read_settings(
        {
            "DEBUG": "true",
            "ALLOWED_HOSTS": "news.example.com, www.example.com",
            "CSRF_TRUSTED_ORIGINS": "https://news.example.com",
            "DATABASE_URL": "postgres://reader@db.example.com:5432/news",
        },
        tmp_path,
    )

    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["news.example.com", "www.example.com"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://news.example.com"]
    assert (values["ENGINE"], values["NAME"]) == ("django.db.backends.postgresql", "news")
    assert values["STATIC"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


# --- the pipeline loads when the process starts ------------------------------------------------

WARM_UP_PROBE = """
from django.test import Client
import newsreader.wsgi
from articles import warmup
client = Client()
first = client.get('/healthz')
print('before', warmup.status(), first.status_code, first.content.decode())
assert warmup.wait(300)
second = client.get('/healthz')
print('after', warmup.status(), second.status_code, second.content.decode())
from articles.annotate import ner
print('model loaded', ner._load.cache_info().currsize)
"""


def test_a_wsgi_process_loads_the_model_at_start_and_health_says_starting_until_then(
    tmp_path,
) -> None:
    migrate = "from django.core.management import call_command; import django; django.setup(); "
    run_python(migrate + "call_command('migrate', verbosity=0)", {}, tmp_path)
    done = run_python(WARM_UP_PROBE, {}, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "before starting 503 starting" in lines
    assert "after ready 200 ok" in lines
    assert "model loaded 1" in lines


def test_health_reports_a_pipeline_that_failed_to_load(client, monkeypatch) -> None:
    from articles import warmup

    monkeypatch.setattr(warmup, "_error", "OSError: no model")
    monkeypatch.setattr(warmup, "_thread", object())
    monkeypatch.setattr(warmup, "_ready", __import__("threading").Event())
    warmup._ready.set()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"annotation pipeline failed to load"


def test_only_servers_and_workers_warm_up(monkeypatch) -> None:
    from articles.warmup import should_warm_up

    monkeypatch.delenv("WARM_UP", raising=False)
    monkeypatch.delenv("RUN_MAIN", raising=False)
    assert should_warm_up(["manage.py", "db_worker"])
    assert should_warm_up(["manage.py", "runserver", "--noreload"])
    assert not should_warm_up(["manage.py", "runserver"])  # the reloader's watcher
    assert not should_warm_up(["manage.py", "migrate"])
    monkeypatch.setenv("WARM_UP", "false")
    assert not should_warm_up(["manage.py", "db_worker"])
