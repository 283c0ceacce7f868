"""axe-core in the browser: no serious or critical accessibility violation on the reader's pages.

axe-core comes from npm (`make axe` puts it in .cache/axe; nothing of it is committed). Like
Chromium, it is required in CI and its absence only skips these tests elsewhere, with the
command to run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from articles.ingest import ingest_article
from articles.models import Article, Mention

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE = REPO_ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE.exists():
        reason = f"axe-core is not installed at {AXE} (run `make axe`)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; the accessibility check must run in CI.")
        pytest.skip(reason)
    return AXE


@pytest.fixture(params=["light", "dark"])
def axe_page(request, browser, axe_source) -> Iterator:
    """A page whose Content-Security-Policy lets the injected axe script run."""
    context = browser.new_context(bypass_csp=True, color_scheme=request.param)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def seed_article(transactional_db, seed_text) -> Article:
    return ingest_article(text=seed_text).article


def serious_violations(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def entity_slug(article: Article) -> str:
    return Mention.objects.filter(article=article).values_list("entity__slug", flat=True)[0]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "article",
        "entity",
        "/entities/",
        "/entities/?q=put&type=PER&sort=name",
        "/search/?q=putin",
        "/archive/2017/12/",
        "/outlets/salam-online/",
        "/articles/999/no-such-article/",
    ],
)
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_page_has_no_serious_accessibility_violation(
    live_server, axe_page, seed_article, path, language
):
    if path == "article":
        path = seed_article.get_absolute_url()
    elif path == "entity":
        path = f"/entities/{entity_slug(seed_article)}/"
    axe_page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )

    assert serious_violations(axe_page, live_server.url + path) == []


def test_the_article_page_passes_with_an_entity_card_open(live_server, axe_page, seed_article):
    url = f"{live_server.url}{seed_article.get_absolute_url()}?entity={entity_slug(seed_article)}"

    assert serious_violations(axe_page, url) == []


@pytest.mark.parametrize("status", ["queued", "done", "failed"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_collection_export_page_passes_in_each_state(
    live_server, axe_page, transactional_db, settings, tmp_path, status, language
):
    from django.core.files.base import ContentFile

    from articles.export_jobs import CollectionExport

    settings.MEDIA_ROOT = tmp_path
    job = CollectionExport.objects.create(
        key=status, format="figures.csv", audience="public", base_url=live_server.url,
        state="1:1:-", status=status, total=3, written=1 if status == "queued" else 3,
        error="OSError: No space left on device" if status == "failed" else "",
    )  # fmt: skip
    if status == "done":
        job.file.save("figures.csv", ContentFile(b"key\n"))
    axe_page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )

    assert serious_violations(axe_page, f"{live_server.url}/exports/{job.pk}/") == []
