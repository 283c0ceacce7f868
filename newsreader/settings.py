"""Settings for newsreader, all read from environment variables.

Defaults are safe for development on one machine: SQLite next to the code, DEBUG off unless
asked for. Production sets the variables listed in README.md (see also `.env.example`).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


DEBUG = env_bool("DEBUG")
# The fallback key is only good for development; `check --deploy` flags it as insecure.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-only-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",
    "django_htmx",
    # The plain app config: the partials loader is wired explicitly in TEMPLATES below.
    "template_partials.apps.SimpleAppConfig",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    # First, so load balancers probing by IP over plain HTTP get an answer (see health.py).
    "newsreader.health.HealthCheckMiddleware",
    # Article pages for anonymous readers, from the cache per version, already compressed,
    # with every header the middleware below set when the page was built: a kept page costs
    # one small query and one cache read (see the module).
    "articles.views.page_cache.ArticlePageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, which serves static files already compressed (gzip and brotli):
    # this compresses the HTML and JSON the views make.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A reader without a session cookie is anonymous: say so without touching the session,
    # so public pages carry no `Vary: Cookie` and shared caches may keep them.
    "newsreader.middleware.AnonymousWithoutSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it sees a view's exception first: database down -> the 503 page (errors.py).
    "newsreader.errors.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "newsreader.urls"
WSGI_APPLICATION = "newsreader.wsgi.application"

_LOADERS = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
            ],
            # `name.html#partial` resolves through template_partials; cached like Django's own.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [("django.template.loaders.cached.Loader", _LOADERS)],
                )
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on SQLite: readers never block the writer (WAL), a writer waits for
    # the lock instead of failing at once (timeout, seconds), and every transaction takes the
    # write lock when it begins (IMMEDIATE), so two transactions never deadlock upgrading a
    # read lock: the one that comes second waits, then sees what the first one stored.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": env_int("SQLITE_TIMEOUT", 30),
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache keeps rendered article pages (articles.views.cache). Without REDIS_URL each
# process keeps its own in memory, which is right for one process; with several processes
# or machines, REDIS_URL gives them one shared cache (Django's own Redis backend).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": env_int("CACHE_TIMEOUT", 24 * 3600),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsreader"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 24 * 3600),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
        }
    }

# Names the deployed code in cached pages' keys (articles.views.page_cache); without it a
# fingerprint of the templates and code is taken when the process starts.
RELEASE = os.environ.get("RELEASE", "")

# Background work (articles.tasks) is queued in the database and run by
# `manage.py db_worker`: no extra service on SQLite or PostgreSQL. TASKS_BACKEND may name
# another django_tasks backend (tests use the immediate one).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface speaks English by default and Indonesian when the browser asks for it;
# articles keep their own language (Article.language).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed files need `collectstatic` first (the Dockerfile runs it); with DEBUG
# on, files are served straight from the source folders so `make run` needs no build step.
# Files the app writes (collection exports, written by a task): served by a view that checks
# who asks, never as public media URLs. Web processes and workers must share this folder.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

if DEBUG:
    # Files come from the source folders; STATIC_ROOT only exists after `collectstatic`.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)

# Security headers. HTTPS-only settings are switched on by the deployment (README.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
if env_bool("TRUST_X_FORWARDED_PROTO"):
    # Only behind a proxy that sets this header itself; otherwise clients could spoof it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Pasted articles can be long; the ingest form enforces its own limit (articles.ingest).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
