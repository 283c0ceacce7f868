"""Fixtures shared by the Django tests (the pipeline tests under tests/annotate need none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.seed import SEED_PATH

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # STATIC_ROOT only exists after `collectstatic`; tests serve static files from the finders.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def serve_static_without_collectstatic(request: pytest.FixtureRequest) -> None:
    """Tests run without `collectstatic`; production's hashed storage needs its manifest.

    Pipeline tests also run with `-p no:django`, where there are no settings to change.
    """
    if not request.config.pluginmanager.has_plugin("django"):
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def empty_cache(request: pytest.FixtureRequest) -> None:
    """Each test starts with an empty cache (rendered article pages live there, and in the
    memory of the process that served them)."""
    if not request.config.pluginmanager.has_plugin("django"):
        return
    from django.core.cache import cache

    from articles.views.page_cache import served

    cache.clear()
    served.clear()
