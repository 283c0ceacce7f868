"""Background work: the admin's bulk upload, its task, per-document results, a real worker."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles import corrections, tasks
from articles.models import Article, BulkUpload, UploadDocument

ADD_URL = reverse("admin:articles_bulkupload_add")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TEXTS = [
    "Banjir merendam 300 rumah di Bekasi pada Senin (4/12/2017), kata Wali Kota Rahmat Effendi.",
    "Gempa bermagnitudo 5,1 mengguncang Lombok pada Selasa (5/12/2017), menurut BMKG.",
]


def jsonl(*records: object) -> bytes:
    return "\n".join(
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records
    ).encode()


def upload(client, name: str, data: bytes, **extra):
    file = SimpleUploadedFile(name, data)
    return client.post(ADD_URL, {"file": file, "publish": "on", **extra})


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


@pytest.mark.django_db
def test_a_jsonl_upload_stores_every_good_document_and_reports_every_bad_one(
    admin_client, immediate, django_capture_on_commit_callbacks
) -> None:
    data = jsonl(
        {"text": TEXTS[0], "title": "Banjir di Bekasi"},
        "{not json",
        {"text": "   "},
        {"text": TEXTS[1], "published": "2017-12-05"},
        {"text": TEXTS[0]},  # the same text again: already stored, not twice
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, "batch.jsonl", data)
    upload_row = BulkUpload.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_bulkupload_change", args=[upload_row.pk])

    documents = list(upload_row.documents.order_by("position"))
    assert [d.status for d in documents] == ["stored", "failed", "failed", "stored", "present"]
    assert documents[1].error.startswith("invalid JSON")
    assert documents[1].text == "{not json"  # kept as it was, never lost
    assert "empty" in documents[2].error
    assert documents[4].article == documents[0].article
    assert Article.objects.count() == 2
    assert Article.objects.get(title="Banjir di Bekasi").status == "published"
    assert str(Article.objects.get(text=TEXTS[1]).published_on) == "2017-12-05"
    assert upload_row.status == "done"

    page = admin_client.get(response.url).content.decode()
    assert "Finished: 5 documents" in page
    assert re.search(r'data-status="failed">Failed: <strong>2</strong>', page)
    assert 'hx-trigger="every 2s"' not in page  # finished: no more polling
    assert "Banjir di Bekasi</a>" in page


# 4 September is a Monday in 2017 and 2023: the article alone names no year to choose by.
YEARLESS = "Banjir merendam kampung itu pada Senin (4/9). Warga mengungsi ke masjid terdekat."


@pytest.mark.django_db
def test_an_upload_lends_its_year_to_a_text_that_names_none(
    admin_client, immediate, django_capture_on_commit_callbacks
) -> None:
    others = [f"Harga beras naik sejak Juli {year}, kata pedagang." for year in (2016, 2017, 2017)]
    data = jsonl(*({"text": text} for text in [*others, YEARLESS]))
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "batch.jsonl", data)
    article = Article.objects.get(text=YEARLESS)
    assert (str(article.published_on), article.published_inferred) == ("2017-09-04", True)
    corrections.reannotate(article)  # read again later: the date keeps its year
    article.refresh_from_db()
    assert str(article.published_on) == "2017-09-04"


@pytest.mark.django_db
def test_a_text_pasted_alone_gets_no_year_it_does_not_name(
    admin_client, immediate, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "one.jsonl", jsonl({"text": YEARLESS}))
    assert Article.objects.get().published_on is None


@pytest.mark.django_db
def test_the_progress_partial_polls_while_documents_wait(admin_client) -> None:
    upload_row = BulkUpload.objects.create(name="x.txt")
    UploadDocument.objects.create(upload=upload_row, position=0, origin="x.txt", text="Teks.")
    url = reverse("admin:articles_bulkupload_change", args=[upload_row.pk])

    partial = admin_client.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert partial.strip().startswith('<section id="upload-progress"')
    assert 'hx-trigger="every 2s"' in partial
    assert "Ingesting: 0 of 1 documents done" in partial
    assert "<html" not in partial


@pytest.mark.django_db
def test_a_zip_of_text_and_jsonl_files_is_read_member_by_member(
    admin_client, immediate, django_capture_on_commit_callbacks
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a/one.txt", TEXTS[0])
        archive.writestr("b/more.jsonl", jsonl({"text": TEXTS[1]}))
        archive.writestr("c/picture.png", b"\x89PNG")
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "batch.zip", buffer.getvalue())
    rows = {d.origin: d for d in UploadDocument.objects.all()}
    assert rows["batch.zip/a/one.txt"].status == "stored"
    assert rows["batch.zip/b/more.jsonl:1"].status == "stored"
    assert rows["batch.zip/c/picture.png"].error == "not a .txt or .jsonl file"


@pytest.mark.django_db
def test_a_document_that_fails_for_a_passing_reason_is_tried_again(
    admin_client, immediate, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    real_ingest = tasks.ingest_article
    calls = []

    def flaky(**fields):
        calls.append(fields["text"])
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return real_ingest(**fields)

    monkeypatch.setattr(tasks, "ingest_article", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "one.txt", TEXTS[0].encode())
    document = UploadDocument.objects.get()
    assert document.status == "stored"
    assert document.attempts == 2
    assert document.error == ""


@pytest.mark.django_db
def test_a_document_failing_every_attempt_is_reported_and_can_be_queued_again(
    admin_client, immediate, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    def broken(**fields):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(tasks, "ingest_article", broken)
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "one.txt", TEXTS[0].encode())
    document = UploadDocument.objects.get()
    assert (document.status, document.attempts) == ("failed", tasks.MAX_ATTEMPTS)
    assert document.error == "RuntimeError: the database went away"
    assert document.text == TEXTS[0]

    monkeypatch.undo()
    retry = reverse("admin:articles_bulkupload_retry", args=[document.upload_id])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(retry)
    document.refresh_from_db()
    assert document.status == "stored"
    assert Article.objects.filter(text=TEXTS[0]).count() == 1


@pytest.mark.django_db
def test_uploads_need_the_permission_to_add_articles(client, django_user_model) -> None:
    client.force_login(django_user_model.objects.create_user("viewer", is_staff=True))
    response = upload(client, "one.txt", TEXTS[0].encode())
    assert response.status_code == 403
    assert not BulkUpload.objects.exists()


@pytest.mark.django_db
def test_other_files_are_refused_with_a_message(admin_client) -> None:
    response = upload(admin_client, "report.pdf", b"%PDF-1.4")
    assert response.status_code == 200
    assert "Choose a .txt, .jsonl or .zip file." in response.content.decode()
    assert not BulkUpload.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_database_worker_runs_the_queued_upload(admin_client, settings) -> None:
    settings.TASKS = DATABASE
    upload(admin_client, "batch.jsonl", jsonl({"text": TEXTS[0]}, {"text": TEXTS[1]}))
    upload_row = BulkUpload.objects.get()
    assert upload_row.task_id  # queued in the database, not run yet
    assert upload_row.documents.filter(status="pending").count() == 2

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    upload_row.refresh_from_db()
    assert upload_row.status == "done"
    assert sorted(upload_row.documents.values_list("status", flat=True)) == ["stored"] * 2
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_a_long_text_can_be_queued_as_a_task(immediate, django_capture_on_commit_callbacks):
    from datetime import date

    with django_capture_on_commit_callbacks(execute=True):
        upload_row = tasks.queue_text(
            TEXTS[1], title="Gempa Lombok", published=date(2017, 12, 5), status="draft"
        )
    document = upload_row.documents.get()
    assert document.status == "stored"
    article = document.article
    assert (article.title, str(article.published_on), article.status) == (
        "Gempa Lombok",
        "2017-12-05",
        "draft",
    )


def short_articles(count: int) -> list[Article]:
    from articles.ingest import ingest_article

    return [
        ingest_article(
            text=f"Banjir merendam {100 + n} rumah di Bekasi pada Senin, kata BPBD."
        ).article
        for n in range(count)
    ]


def annotation_of(article: Article) -> list[tuple]:
    """What readers and editors see of an article's mentions, in order."""
    from articles.models import Mention

    return list(
        Mention.objects.filter(article=article)
        .order_by("start", "end")
        .values_list("start", "end", "text", "status", "entity__label", "entity__name")
    )


@pytest.mark.django_db
def test_reannotating_many_articles_in_the_admin_is_queued_and_keeps_every_decision(
    admin_client, immediate, django_capture_on_commit_callbacks, seed_text
) -> None:
    from articles import corrections
    from articles.ingest import ingest_article
    from articles.models import Mention, Review

    article = ingest_article(text=seed_text).article
    rejected = Mention.objects.filter(article=article, text="Putin").order_by("start").first()
    corrections.set_mention_status(None, rejected, Review.REJECTED)
    relabelled = Mention.objects.filter(article=article, text="Suriah").order_by("start").first()
    corrections.relabel_mention(None, relabelled, "ORG")
    others = short_articles(5)
    ids = [article.pk, *(other.pk for other in others)]
    before = dict(Article.objects.values_list("pk", "annotated_at"))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(
            "/admin/articles/article/",
            {"action": "reannotate_selected", "_selected_action": ids},
            follow=True,
        )
    # Not annotated inside the request: queued once the request's work is committed.
    assert dict(Article.objects.values_list("pk", "annotated_at")) == before
    assert "Queued to be annotated again: 6 articles." in response.content.decode()
    assert len(callbacks) == 1
    callbacks[0]()  # the immediate backend runs the task at enqueue

    after = dict(Article.objects.values_list("pk", "annotated_at"))
    assert all(after[pk] > before[pk] for pk in ids)
    again = Mention.objects.get(article=article, start=rejected.start, end=rejected.end)
    assert again.status == Review.REJECTED
    moved = Mention.objects.get(article=article, start=relabelled.start, end=relabelled.end)
    assert (moved.entity.label, moved.status) == ("ORG", Review.EDITED)
    # Exactly what the inline path makes of the same article and decisions.
    by_task = annotation_of(article)
    corrections.reannotate(Article.objects.get(pk=article.pk))
    assert annotation_of(article) == by_task


@pytest.mark.django_db
def test_a_handful_of_articles_is_still_annotated_inside_the_request(
    admin_client, monkeypatch
) -> None:
    queued = []
    monkeypatch.setattr(tasks, "enqueue_reannotation", queued.append)
    articles = short_articles(5)
    before = dict(Article.objects.values_list("pk", "annotated_at"))
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "reannotate_selected", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )
    assert queued == []
    assert "Annotated again: 5." in response.content.decode()
    after = dict(Article.objects.values_list("pk", "annotated_at"))
    assert all(after[pk] > before[pk] for pk in before)


@pytest.mark.django_db
def test_one_article_failing_to_reannotate_does_not_stop_the_others(immediate, monkeypatch) -> None:
    from articles import corrections

    articles = short_articles(3)
    broken = articles[1].pk
    real = corrections.reannotate

    def sometimes(article):
        if article.pk == broken:
            raise RuntimeError("stage crashed")
        real(article)

    monkeypatch.setattr(corrections, "reannotate", sometimes)
    before = dict(Article.objects.values_list("pk", "annotated_at"))
    result = tasks.reannotate_articles.enqueue([a.pk for a in articles] + [999_999])

    assert result.return_value == {
        "done": [articles[0].pk, articles[2].pk],
        "failed": {str(broken): "RuntimeError: stage crashed"},
        "missing": [999_999],
    }
    after = dict(Article.objects.values_list("pk", "annotated_at"))
    assert after[articles[0].pk] > before[articles[0].pk]
    assert after[articles[2].pk] > before[articles[2].pk]
    assert after[broken] == before[broken]


def long_text(chars: int) -> str:
    """Distinct paragraphs (the annotator sees a real article, not one line repeated)."""
    paragraphs, n = [], 0
    while sum(len(p) + 2 for p in paragraphs) <= chars:
        n += 1
        paragraphs.append(
            f"Banjir merendam {n} rumah di Bekasi pada Senin, kata petugas ke-{n} di lokasi."
        )
    return "\n\n".join(paragraphs)


@pytest.mark.django_db
def test_a_long_paste_is_annotated_by_a_task_and_the_editor_sees_its_progress(
    admin_client, immediate, django_capture_on_commit_callbacks
) -> None:
    from articles import admin as articles_admin

    text = long_text(articles_admin.PASTE_INLINE_CHARS + 1)
    form = {"text": text, "title": "Banjir panjang", "status": "draft"}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.post(reverse("admin:articles_article_add"), form)
    # Nothing annotated inside the request: a one-document upload waits for the worker.
    upload_row = BulkUpload.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_bulkupload_change", args=[upload_row.pk])
    assert not Article.objects.exists()
    document = upload_row.documents.get()
    assert (document.status, document.text) == ("pending", text)
    page = admin_client.get(response.url).content.decode()
    assert "annotated in the background" in page
    assert 'hx-trigger="every 2s"' in page

    for callback in callbacks:
        callback()
    document.refresh_from_db()
    assert document.status == "stored"
    assert (document.article.title, document.article.status) == ("Banjir panjang", "draft")
    assert document.article.text == text


@pytest.mark.django_db
def test_a_paste_under_the_threshold_is_still_stored_inside_the_request(admin_client) -> None:
    response = admin_client.post(
        reverse("admin:articles_article_add"), {"text": TEXTS[0], "status": "published"}
    )
    article = Article.objects.get()
    assert response.url == article.get_absolute_url()
    assert not BulkUpload.objects.exists()
