"""A large collection export in a real browser: the job's page follows the task (htmx
polling) and becomes a download link, without a reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles import export_jobs, tasks
from articles.models import Article, CollectionExport


@pytest.fixture
def large_set(transactional_db, settings, monkeypatch, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(export_jobs, "INLINE_LIMIT", 1)  # two articles are "large" here
    for n in (1, 2):
        Article.objects.create(
            text=f"Artikel {n}.", content_hash=f"a{n}", title=f"Artikel {n}", slug=f"artikel-{n}"
        )


def test_the_export_page_becomes_a_download_link_without_a_reload(
    live_server, page, console_errors, large_set
):
    page.goto(f"{live_server.url}/export/figures.csv")

    # The database backend queues the task; no worker runs yet.
    page.wait_for_url("**/exports/*/")
    progress = page.locator("#export-progress")
    expect(progress.locator("h2")).to_have_text("Waiting for its turn")
    page.evaluate("window.stillTheSamePage = true")

    job = CollectionExport.objects.get()
    tasks.write_collection_export.call(job.pk)  # what the worker does

    link = progress.locator("a.export-download")
    expect(link).to_have_text("Download newsreader.figures.csv", timeout=15_000)
    assert page.evaluate("window.stillTheSamePage === true"), "updated in place, not reloaded"
    with page.expect_download() as download:
        link.click()
    job.refresh_from_db()
    assert Path(download.value.path()).read_bytes() == job.file.read()
    assert download.value.suggested_filename == "newsreader.figures.csv"
    assert console_errors == []
