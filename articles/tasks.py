"""Background work, on Django's task API (``django_tasks``, the backport of ``django.tasks``).

Tasks are queued in the database (``django_tasks_db``) and run by ``manage.py db_worker``, on
SQLite and PostgreSQL alike; tests use the immediate backend. The pattern, for every task:

- a task takes ids and plain values (arguments are stored as JSON), never model objects;
- it records its progress and outcome in the project's own rows, which the pages read, so
  a page never depends on the task backend's result store;
- it calls the one write path for its kind of change (``articles.ingest`` for articles), so
  work done by a task and work done in a request are the same work;
- it can run twice without harm: it picks up what is still to do and skips what is done.

Re-annotation (``reannotate_articles``) keeps its outcome in the task's result and the log;
the articles' own rows (``annotated_at``) show what was done. Collection exports
(``write_collection_export``) keep their progress, file and outcome in a ``CollectionExport``
row (``articles.export_jobs``), whose page polls a progress partial as ``admin_uploads``
does for bulk uploads. To add one: define it here with ``@task()``, enqueue it with
``the_task.enqueue(id)`` once the rows it reads are committed, and give it a page like those.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tasks import task

from articles import corrections, export_jobs
from articles.annotate.metadata import collection_year
from articles.ingest import IngestError, ingest_article
from articles.models import Article
from articles.uploads import BulkUpload, UploadDocument

logger = logging.getLogger(__name__)

# A document that failed for a passing reason (the database busy, a crash in a stage) is
# tried this many times in all before it is reported as failed.
MAX_ATTEMPTS = 3


@task()
def process_upload(upload_id: int) -> dict[str, int]:
    """Ingest every waiting document of a bulk upload, one at a time, recording each result.
    The upload's year (``collection_year`` of all its texts) helps read each publication date
    from a text that names a weekday's day but no year."""
    upload = BulkUpload.objects.get(pk=upload_id)
    BulkUpload.objects.filter(pk=upload_id).update(status=BulkUpload.Status.RUNNING)
    status = Article.Status.PUBLISHED if upload.publish else Article.Status.DRAFT
    texts = upload.documents.values_list("text", flat=True).iterator(chunk_size=200)
    year_hint = collection_year(texts)
    while True:
        waiting = list(
            upload.documents.filter(status=UploadDocument.Status.PENDING)
            .order_by("attempts", "position")
            .values_list("pk", flat=True)[:100]
        )
        if not waiting:
            break
        for document_id in waiting:
            ingest_document(document_id, status, year_hint)
    BulkUpload.objects.filter(pk=upload_id).update(
        status=BulkUpload.Status.DONE, finished_at=timezone.now()
    )
    return upload.counts()


def ingest_document(document_id: int, status: str, year_hint: int | None = None) -> None:
    """One document through the write path; its row says what became of it."""
    document = UploadDocument.objects.get(pk=document_id)
    document.attempts += 1
    fields = dict(document.fields)
    if fields.get("published"):
        fields["published"] = date.fromisoformat(fields["published"])
    try:
        result = ingest_article(text=document.text, status=status, year_hint=year_hint, **fields)
    except IngestError as error:  # the text cannot become an article: say why, once
        document.status, document.error = UploadDocument.Status.FAILED, str(error)
    except Exception as error:  # passing trouble: try again later, then report it
        logger.exception("Ingesting %s failed (attempt %d)", document.origin, document.attempts)
        document.error = f"{type(error).__name__}: {error}"
        if document.attempts >= MAX_ATTEMPTS:
            document.status = UploadDocument.Status.FAILED
    else:
        created = UploadDocument.Status.STORED if result.created else "present"
        document.status, document.article, document.error = created, result.article, ""
    save_result(document)


def save_result(document: UploadDocument) -> None:
    fields = ["attempts", "status", "article", "error", "updated_at"]
    try:
        document.save(update_fields=fields)
    except DatabaseError:
        # The row stays pending with its text: the next run of the task picks it up.
        logger.exception("Could not record the result of %s", document.origin)
        if transaction.get_connection().in_atomic_block:
            raise


def queue_text(text: str, *, user=None, name: str = "pasted text", **fields) -> BulkUpload:
    """Ingest one long text in the background: a one-document upload, queued. The paste
    form can hand texts over to this (and redirect to the upload's progress page) instead of
    annotating them inside the request. ``fields`` are those of ``ingest_article``."""
    status = fields.pop("status", Article.Status.PUBLISHED)
    if fields.get("published"):
        fields["published"] = fields["published"].isoformat()
    fields = {key: value for key, value in fields.items() if value not in ("", None)}
    with transaction.atomic():
        upload = BulkUpload.objects.create(
            name=name[:255], publish=status == Article.Status.PUBLISHED, created_by=user
        )
        UploadDocument.objects.create(upload=upload, position=0, origin=name, text=text,
                                      fields=fields)  # fmt: skip
        enqueue_upload(upload)
    return upload


def retry_failed(upload: BulkUpload) -> int:
    """Queue again the documents that failed for a passing reason (all their attempts used;
    not those that could not be read or cannot become an article); how many."""
    failed = upload.documents.filter(status=UploadDocument.Status.FAILED)
    again = failed.filter(attempts__gte=MAX_ATTEMPTS)
    count = again.update(status=UploadDocument.Status.PENDING, attempts=0, error="")
    if count:
        enqueue_upload(upload)
    return count


@task()
def reannotate_articles(article_ids: list[int]) -> dict[str, object]:
    """Annotate the given articles again, keeping every editor's decision
    (``corrections.reannotate``, the same work as the admin action and ``manage.py
    reannotate``). One article failing is logged and reported, never stops the others; an
    id whose article was deleted meanwhile is skipped. The result says what became of each.
    Running it twice only annotates the articles again."""
    done: list[int] = []
    failed: dict[str, str] = {}  # JSON keys are strings
    missing: list[int] = []
    for pk in article_ids:
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            missing.append(pk)
            continue
        try:
            corrections.reannotate(article)
        except Exception as error:  # one bad article must never stop the others
            logger.exception("Annotating article %s again failed", pk)
            failed[str(pk)] = f"{type(error).__name__}: {error}"
        else:
            done.append(pk)
    logger.info(
        "Annotated again: %d, failed: %d, missing: %d", len(done), len(failed), len(missing)
    )
    return {"done": done, "failed": failed, "missing": missing}


def enqueue_reannotation(article_ids: list[int]) -> None:
    """Queue ``reannotate_articles`` once the current transaction commits."""
    ids = [int(pk) for pk in article_ids]
    transaction.on_commit(lambda: reannotate_articles.enqueue(ids))


def enqueue_upload(upload: BulkUpload) -> None:
    BulkUpload.objects.filter(pk=upload.pk).update(status=BulkUpload.Status.QUEUED)

    def send() -> None:
        result = process_upload.enqueue(upload.pk)
        BulkUpload.objects.filter(pk=upload.pk).update(task_id=str(result.id))

    # Queued once the upload's rows are committed, so the worker always finds them.
    transaction.on_commit(send)


@task()
def write_collection_export(export_id: int) -> str:
    """Write a collection export's file (``articles.export_jobs.write_export``): the job's
    row records its progress, its file or why it failed; the result is its status."""
    return export_jobs.write_export(export_id)
