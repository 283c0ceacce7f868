"""Collection exports written by a task (articles/export_jobs.py, articles.views.exports): the
job, its reuse and invalidation, who may see it, its page, its download, its failure."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import export_jobs
from articles.exports import FORMATS
from articles.ingest import ingest_article
from articles.models import Article, CollectionExport
from tests.test_exports import hostile_article

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    return settings.MEDIA_ROOT


@pytest.fixture
def by_task(monkeypatch):
    """Every set, however small, goes to a task (the path of sets above INLINE_LIMIT)."""
    monkeypatch.setattr(export_jobs, "INLINE_LIMIT", 0)


@pytest.fixture
def seed_article(seed_text: str) -> Article:
    return ingest_article(text=seed_text).article


def bare_article(n: int, status: str = Article.Status.PUBLISHED) -> Article:
    return Article.objects.create(
        text=f"Artikel {n}.", content_hash=f"bare-{n}", title=f"Artikel {n}", slug=f"artikel-{n}",
        status=status,
    )  # fmt: skip


def ask(client, path: str, capture, *, run: bool = True):
    """GET an export; the task (immediate backend) runs once the request's work commits."""
    with capture(execute=run):
        return client.get(path)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def streamed(client, path: str, monkeypatch) -> bytes:
    """What the streaming path answers for ``path`` (the set is let through inline)."""
    with monkeypatch.context() as patch:
        patch.setattr(export_jobs, "INLINE_LIMIT", 1_000_000)
        response = client.get(path)
    assert response.streaming and response.status_code == 200
    return body(response)


def download_of(client, job: CollectionExport):
    return client.get(reverse("articles:export_download", args=[job.pk]))


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize("path", [f"/export/{name}" for name in sorted(FORMATS)])
def test_the_task_writes_exactly_what_the_stream_sends_in_every_format(
    client, seed_article, by_task, django_capture_on_commit_callbacks, monkeypatch, path
) -> None:
    hostile_article()
    bare_article(1, status=Article.Status.DRAFT)

    response = ask(client, path, django_capture_on_commit_callbacks)

    job = CollectionExport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("articles:export_job", args=[job.pk])
    assert (job.status, job.audience, job.written, job.total) == ("done", "public", 2, 2)
    download = download_of(client, job)
    assert download.status_code == 200
    assert (
        download["Content-Type"]
        == client.get(f"/articles/{seed_article.pk}/{seed_article.slug}/export/{job.format}")[
            "Content-Type"
        ]
    )
    assert download["Content-Disposition"] == f'attachment; filename="newsreader.{job.format}"'
    assert body(download) == streamed(client, path, monkeypatch)


@pytest.mark.django_db
def test_a_search_or_entity_set_is_written_with_its_criteria(
    client, seed_article, by_task, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    hostile_article()
    path = "/export/pipeline.json?entity=hostile"

    ask(client, path, django_capture_on_commit_callbacks)

    job = CollectionExport.objects.get()
    assert job.criteria == {"entity": "hostile"}
    written = body(download_of(client, job))
    assert [json.loads(line)["title"] for line in written.splitlines()] == ["-2+3 <b>judul</b>"]
    assert written == streamed(client, path, monkeypatch)
    page = soup(client.get(reverse("articles:export_job", args=[job.pk])))
    assert page.select_one(".export-what a")["href"] == "/search/?entity=hostile"

    searched = "/export/article.md?q=Putin&year=2017"
    ask(client, searched, django_capture_on_commit_callbacks)
    search_job = CollectionExport.objects.get(criteria__q="Putin")
    assert search_job.criteria == {"q": "Putin", "year": 2017}
    assert search_job.id_runs == [[seed_article.pk, seed_article.pk]]
    assert body(download_of(client, search_job)) == streamed(client, searched, monkeypatch)


@pytest.mark.django_db
def test_a_set_larger_than_the_inline_limit_goes_to_a_task_and_a_smaller_one_streams(
    client, django_capture_on_commit_callbacks
) -> None:
    for n in range(export_jobs.INLINE_LIMIT):
        bare_article(n)

    small = ask(client, "/export/timeline.csv", django_capture_on_commit_callbacks, run=False)
    assert small.streaming and not CollectionExport.objects.exists()

    bare_article(export_jobs.INLINE_LIMIT)
    large = ask(client, "/export/timeline.csv", django_capture_on_commit_callbacks, run=False)
    job = CollectionExport.objects.get()
    assert large.status_code == 302
    assert (job.status, job.format) == ("queued", "timeline.csv")


@pytest.mark.django_db
def test_the_same_request_gets_the_same_job_while_it_waits_and_once_it_is_done(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    bare_article(1)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = client.get("/export/pipeline.json")
        second = client.get("/export/pipeline.json")
    assert first.url == second.url
    assert len(queued) == 1  # one task queued for both requests
    assert CollectionExport.objects.get().status == "queued"

    queued[0]()
    third = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)
    assert third.url == first.url
    assert CollectionExport.objects.get().status == "done"
    other = ask(client, "/export/pipeline.json?q=artikel", django_capture_on_commit_callbacks)
    assert other.url != first.url  # another set is another job


@pytest.mark.django_db
def test_a_changed_article_makes_a_new_file_and_a_draft_edit_does_not(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    article = bare_article(1)
    other = bare_article(3)
    draft = bare_article(2, status=Article.Status.DRAFT)
    first = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)

    draft.title = "Masih draf"
    draft.save()
    assert ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks).url == first.url

    article.title = "Judul baru"
    article.save()
    again = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)
    assert again.url != first.url
    newest = CollectionExport.objects.order_by("-pk").first()
    titles = [
        json.loads(line)["title"] for line in body(download_of(client, newest)).split(b"\n") if line
    ]
    assert titles == ["Judul baru", "Artikel 3"]

    Article.objects.filter(pk=article.pk).delete()
    after_delete = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)
    assert after_delete.url not in (first.url, again.url)
    last = CollectionExport.objects.order_by("-pk").first()
    assert [
        json.loads(line)["id"] for line in body(download_of(client, last)).split(b"\n") if line
    ] == [other.pk]


@pytest.mark.django_db
def test_a_draft_is_never_in_a_public_export_and_staff_jobs_stay_with_staff(
    client, admin_client, by_task, django_capture_on_commit_callbacks
) -> None:
    published = bare_article(1)
    draft = bare_article(2, status=Article.Status.DRAFT)

    public = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)
    staff = ask(admin_client, "/export/pipeline.json", django_capture_on_commit_callbacks)

    public_job = CollectionExport.objects.get(audience="public")
    staff_job = CollectionExport.objects.get(audience="staff")
    assert public.url != staff.url
    public_ids = [
        json.loads(line)["id"] for line in body(download_of(client, public_job)).splitlines()
    ]
    staff_ids = [
        json.loads(line)["id"] for line in body(download_of(admin_client, staff_job)).splitlines()
    ]
    assert public_ids == [published.pk]
    assert staff_ids == [published.pk, draft.pk]
    # A reader cannot reach staff's job, neither its page nor its file.
    assert client.get(staff.url).status_code == 404
    assert download_of(client, staff_job).status_code == 404
    assert "Drafts are included." in admin_client.get(staff.url).content.decode()


@pytest.mark.django_db
def test_the_page_polls_its_progress_partial_until_the_file_is_ready(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    bare_article(1)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.get("/export/figures.csv")
    job_url = response.url

    page = client.get(job_url)
    html = soup(page)
    progress = html.select_one("#export-progress")
    assert page["Cache-Control"].startswith("max-age=0")
    assert html.select_one("h1").get_text() == "Download articles"
    assert progress["hx-get"] == job_url and progress["hx-trigger"] == "every 2s"
    assert html.select_one("noscript meta[http-equiv=refresh]")["content"] == "2"
    assert progress.select_one("h2").get_text() == "Waiting for its turn"
    assert not html.select(".export-download")
    partial = client.get(job_url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.strip().startswith('<section id="export-progress"')
    assert "<html" not in partial
    job = CollectionExport.objects.get()
    assert download_of(client, job).status_code == 404  # not written yet

    queued[0]()
    done = soup(client.get(job_url, HTTP_HX_REQUEST="true"))
    section = done.select_one("#export-progress")
    assert section["data-status"] == "done" and not section.has_attr("hx-get")
    link = done.select_one("a.export-download")
    assert link["href"] == reverse("articles:export_download", args=[job.pk])
    assert link.get_text() == "Download newsreader.figures.csv"
    assert "(1 article)" in section.get_text()
    assert not soup(client.get(job_url)).select("noscript meta")


@pytest.mark.django_db
def test_a_failed_job_shows_its_reason_and_asking_again_writes_a_new_file(
    client, by_task, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    bare_article(1)

    def broken(items):
        yield "partial"
        raise OSError("No space left on device")

    with monkeypatch.context() as patch:
        patch.setitem(FORMATS, "pipeline.json", replace(FORMATS["pipeline.json"], many=broken))
        response = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)

    failed = CollectionExport.objects.get()
    assert failed.status == "failed"
    assert failed.error == "OSError: No space left on device"
    assert not failed.file
    page = soup(client.get(response.url))
    assert page.select_one("#export-progress h2").get_text() == "The file could not be written"
    assert "No space left on device" in page.select_one(".export-error").get_text()
    again = page.select_one("#export-progress a")["href"]
    assert again == "/export/pipeline.json"
    assert download_of(client, failed).status_code == 404

    retried = ask(client, again, django_capture_on_commit_callbacks)
    assert retried.url != response.url
    assert CollectionExport.objects.get(status="done").written == 1


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_reported_and_not_reused(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    bare_article(1)
    stuck = ask(client, "/export/timeline.json", django_capture_on_commit_callbacks, run=False)
    old = timezone.now() - export_jobs.STALE_AFTER - timedelta(minutes=1)
    CollectionExport.objects.update(status="running", updated_at=old)

    fresh = ask(client, "/export/timeline.json", django_capture_on_commit_callbacks)

    assert fresh.url != stuck.url
    dead = CollectionExport.objects.get(status="failed")
    assert dead.error == "The export stopped without finishing."
    assert CollectionExport.objects.get(status="done")


@pytest.mark.django_db
def test_a_removed_file_is_written_again(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    bare_article(1)
    ask(client, "/export/figures.csv", django_capture_on_commit_callbacks)
    job = CollectionExport.objects.get()
    job.file.storage.delete(job.file.name)

    assert download_of(client, job).status_code == 404
    ask(client, "/export/figures.csv", django_capture_on_commit_callbacks)
    assert CollectionExport.objects.get(pk=job.pk).error == "The file was removed."
    assert CollectionExport.objects.filter(status="done").count() == 1


@pytest.mark.django_db
def test_readers_cannot_queue_unbounded_work(
    client, admin_client, by_task, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setattr(export_jobs, "MAX_WAITING_PUBLIC", 2)
    bare_article(1)
    for name in ("pipeline.json", "figures.csv"):
        ask(client, f"/export/{name}", django_capture_on_commit_callbacks, run=False)

    busy = ask(client, "/export/timeline.csv", django_capture_on_commit_callbacks)
    assert busy.status_code == 503 and busy["Retry-After"] == "60"
    assert soup(busy).select_one(".export-job a")["href"] == "/export/timeline.csv"
    assert CollectionExport.objects.count() == 2
    # The same request as a waiting one still gets its job; staff are not limited.
    same = ask(client, "/export/figures.csv", django_capture_on_commit_callbacks, run=False)
    assert same.status_code == 302 and CollectionExport.objects.count() == 2
    staff = ask(admin_client, "/export/timeline.csv", django_capture_on_commit_callbacks)
    assert staff.status_code == 302


@pytest.mark.django_db
def test_the_job_page_speaks_indonesian(client, by_task, django_capture_on_commit_callbacks):
    bare_article(1)
    response = ask(client, "/export/figures.csv", django_capture_on_commit_callbacks)
    page = soup(client.get(response.url, HTTP_ACCEPT_LANGUAGE="id"))
    assert page.select_one("h1").get_text() == "Unduh artikel"
    assert page.select_one("#export-progress h2").get_text() == "Berkas siap"
    assert "(1 artikel)" in page.select_one("#export-progress").get_text()


@pytest.mark.django_db(transaction=True)
def test_a_real_database_worker_writes_the_queued_export(client, settings, monkeypatch) -> None:
    settings.TASKS = DATABASE
    monkeypatch.setattr(export_jobs, "INLINE_LIMIT", 0)
    bare_article(1)
    bare_article(2)

    response = client.get("/export/pipeline.json")
    job = CollectionExport.objects.get()
    assert job.task_id and job.status == "queued"  # queued in the database, not run yet

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.written) == ("done", 2)
    assert soup(client.get(response.url)).select_one("a.export-download")
    assert body(download_of(client, job)) == streamed(client, "/export/pipeline.json", monkeypatch)


@pytest.mark.django_db
def test_old_jobs_are_cleaned_with_their_files(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    bare_article(1)
    for name in ("figures.csv", "timeline.csv"):
        ask(client, f"/export/{name}", django_capture_on_commit_callbacks)
    old, recent = CollectionExport.objects.order_by("pk")
    CollectionExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    storage = old.file.storage

    call_command("clean_exports", "--days", "7", verbosity=0)

    assert list(CollectionExport.objects.all()) == [recent]
    assert not storage.exists(old.file.name)
    assert storage.exists(recent.file.name)


@pytest.mark.django_db
def test_deleting_a_job_in_the_admin_deletes_its_file(
    client, admin_client, by_task, django_capture_on_commit_callbacks
) -> None:
    bare_article(1)
    ask(client, "/export/figures.csv", django_capture_on_commit_callbacks)
    job = CollectionExport.objects.get()
    listing = admin_client.get(reverse("admin:articles_collectionexport_changelist"))
    assert listing.status_code == 200

    admin_client.post(
        reverse("admin:articles_collectionexport_changelist"),
        {"action": "delete_selected", "_selected_action": [job.pk], "post": "yes"},
    )

    assert not CollectionExport.objects.exists()
    assert not job.file.storage.exists(job.file.name)


@pytest.mark.django_db
def test_an_entity_renamed_by_an_editor_makes_a_new_file(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    from articles import corrections
    from articles.models import Entity

    hostile_article()
    bare_article(1)
    first = ask(client, "/export/entities.csv", django_capture_on_commit_callbacks)
    entity = Entity.objects.get(slug="hostile")
    corrections.edit_entity(
        None, entity, name="Nama Baru", label="PER", aliases=[], description="", wikidata_id=""
    )

    again = ask(client, "/export/entities.csv", django_capture_on_commit_callbacks)

    assert again.url != first.url
    newest = CollectionExport.objects.order_by("-pk").first()
    assert "Nama Baru" in body(download_of(client, newest)).decode()


@pytest.mark.django_db
def test_a_public_file_is_never_served_once_one_of_its_articles_is_taken_back(
    client, by_task, django_capture_on_commit_callbacks
) -> None:
    from articles import corrections

    kept, withdrawn = bare_article(1), bare_article(2)
    bare_article(3, status=Article.Status.DRAFT)
    bare_article(4)
    first = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)
    job = CollectionExport.objects.get()
    assert job.id_runs == [[kept.pk, withdrawn.pk], [kept.pk + 3, kept.pk + 3]]

    draft = Article.objects.get(slug="artikel-3")
    draft.title = "Masih draf"
    draft.save()  # a draft that was never in the file changes nothing
    assert download_of(client, job).status_code == 200

    corrections.set_status(None, withdrawn, Article.Status.DRAFT)

    assert download_of(client, job).status_code == 404
    page = soup(client.get(first.url))
    assert "taken back" in page.select_one(".export-error").get_text()
    again = ask(
        client, page.select_one("#export-progress a")["href"], django_capture_on_commit_callbacks
    )
    newest = CollectionExport.objects.get(pk=int(again.url.split("/")[-2]))
    ids = [json.loads(line)["id"] for line in body(download_of(client, newest)).splitlines()]
    assert withdrawn.pk not in ids and kept.pk in ids


@pytest.mark.django_db
def test_no_file_is_served_once_one_of_its_articles_is_deleted(
    client, admin_client, by_task, django_capture_on_commit_callbacks
) -> None:
    deleted = bare_article(1)
    other = Article.objects.create(
        text="Banjir merendam Bekasi.", content_hash="banjir", title="Banjir", slug="banjir"
    )
    public = ask(client, "/export/pipeline.json", django_capture_on_commit_callbacks)
    ask(admin_client, "/export/pipeline.json", django_capture_on_commit_callbacks)
    ask(client, "/export/pipeline.json?q=banjir", django_capture_on_commit_callbacks)
    jobs = list(CollectionExport.objects.order_by("pk"))
    assert jobs[2].id_runs == [[other.pk, other.pk]]  # a set without the article to delete
    assert [download_of(admin_client, job).status_code for job in jobs] == [200, 200, 200]

    deleted.delete()

    statuses = [CollectionExport.objects.get(pk=job.pk).status for job in jobs]
    assert statuses == ["failed", "failed", "done"]
    assert download_of(client, jobs[0]).status_code == 404
    assert download_of(admin_client, jobs[1]).status_code == 404
    assert download_of(client, jobs[2]).status_code == 200
    page = soup(client.get(public.url, HTTP_ACCEPT_LANGUAGE="en"))
    assert "deleted since" in page.select_one(".export-error").get_text()


@pytest.mark.django_db
def test_a_queue_that_refuses_the_task_leaves_a_failed_job_not_a_crash(
    client, by_task, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from articles import tasks

    def refuse(*args):
        raise ConnectionError("queue unavailable")

    monkeypatch.setattr(tasks, "write_collection_export", SimpleNamespace(enqueue=refuse))
    bare_article(1)

    response = ask(client, "/export/timeline.csv", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    job = CollectionExport.objects.get()
    assert job.status == "failed"
    assert job.error == "It could not be queued: ConnectionError: queue unavailable"
    assert "queue unavailable" in soup(client.get(response.url)).select_one(".export-error").text
