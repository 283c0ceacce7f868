"""Collection exports as background jobs: one file per (format, set, audience, collection state).

Asking for a large set (``/export/<format>``, with a search's parameters or none) creates or
reuses a ``CollectionExport``; the task ``articles.tasks.write_collection_export`` writes
the file to the default storage (``MEDIA_ROOT``) with the same writer the streaming path
uses (``Format.many`` over ``stream_items``), and the job's page turns into a download link.

A job is reused while it is waiting, running or done for the same key: the format, the
search's criteria, the audience (``public``: published articles only; ``staff``: drafts too)
and the site's address (the file holds absolute links) and the state of what that audience
sees (how many articles, the highest id, the newest ``updated_at``). Any change to an
article the audience sees (a correction, a publish, a new or deleted article) changes the
state, so the next request writes a new file; until then everyone gets the same one. A
failed job keeps its reason and frees its key, so asking again queues a new job. A public
file holding an article since taken back to draft is never served again.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import tempfile
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.core.files import File
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from articles.exports import CHUNK_SIZE, FORMATS, Item, stream_items

logger = logging.getLogger(__name__)

# Sets up to this many articles are streamed inside the request, as before: one chunk (one
# round trip per annotation table). 200 copies of the seed article (long, densely annotated)
# took 1.0-1.5 s per format (`manage.py bench_exports --build 200 --no-memory`, SQLite, a
# busy 2-core machine): a reader waits no longer than for a page, and no job or worker is
# involved. Anything larger is written by a task.
INLINE_LIMIT = CHUNK_SIZE
# A job that gave no sign of life for this long (its worker died) is reported as failed,
# so the same request can queue a new one.
STALE_AFTER = timedelta(hours=1)
# Readers who are not staff can have at most this many jobs waiting or running at once;
# more answer 503 with Retry-After, so nobody can queue unbounded work.
MAX_WAITING_PUBLIC = 20


class CollectionExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Writing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Audience(models.TextChoices):
        PUBLIC = "public", "Published articles"
        STAFF = "staff", "Drafts included"

    key = models.CharField(max_length=64, help_text="Format, set, audience and state, hashed.")
    format = models.CharField(max_length=40)
    criteria = models.JSONField(default=dict, blank=True, help_text="The search's parameters.")
    audience = models.CharField(max_length=10, choices=Audience)
    base_url = models.CharField(max_length=200)
    state = models.CharField(max_length=100, help_text="Articles, highest id, newest change.")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    written = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", max_length=200, blank=True)
    # The written articles' ids as [first, last] runs of consecutive ids: a whole collection
    # is a few runs (split where drafts or deleted articles sit), never 100,000 numbers.
    id_runs = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, help_text="Last sign of life.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One live job per key; failed ones stay beside it, with their reasons.
            models.UniqueConstraint(
                fields=["key"], condition=~Q(status="failed"), name="collection_export_live_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.format} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def filename(self) -> str:
        return f"newsreader.{self.format}"


class TooManyExports(Exception):
    """Too many exports wait for readers who are not staff: ask again later."""


def audience_of(user) -> str:
    return CollectionExport.Audience.STAFF if user.is_staff else CollectionExport.Audience.PUBLIC


def articles_for(audience: str) -> QuerySet:
    """What ``audience`` may see (the one rule, ``Article.objects.for_audience``)."""
    from articles.models import Article

    return Article.objects.for_audience(staff=audience == CollectionExport.Audience.STAFF)


def export_set(articles: QuerySet, criteria: dict) -> QuerySet:
    """The articles of a set in the order they are written: a search's order, else by id."""
    from articles.views.search import find_articles

    return find_articles(articles, criteria) if criteria else articles.order_by("pk")


def is_small(found: QuerySet) -> bool:
    """At most ``INLINE_LIMIT`` articles (counted no further than that)."""
    return found.order_by()[: INLINE_LIMIT + 1].count() <= INLINE_LIMIT


def collection_state(audience: str) -> str:
    """How many articles the audience sees, the highest id, the newest change: any edit,
    publish, addition or deletion changes one of them (one query on indexed columns)."""
    found = articles_for(audience).aggregate(
        n=Count("pk"), last=Max("pk"), newest=Max("updated_at")
    )
    newest = found["newest"].isoformat() if found["newest"] else "-"
    return f"{found['n']}:{found['last'] or 0}:{newest}"


def job_key(export_format: str, criteria: dict, audience: str, base_url: str, state: str) -> str:
    what = [export_format, criteria, audience, base_url, state]
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()


def visible_jobs(user) -> QuerySet[CollectionExport]:
    jobs = CollectionExport.objects.all()
    return jobs if user.is_staff else jobs.filter(audience=CollectionExport.Audience.PUBLIC)


def request_export(
    export_format: str, criteria: dict, audience: str, base_url: str
) -> CollectionExport:
    """The live job for this request, or a new one queued once the transaction commits."""
    state = collection_state(audience)
    key = job_key(export_format, criteria, audience, base_url, state)
    job = live_job(key)
    if job is not None:
        return job
    if audience == CollectionExport.Audience.PUBLIC and waiting_public() >= MAX_WAITING_PUBLIC:
        raise TooManyExports
    fields = {"format": export_format, "criteria": criteria, "audience": audience}
    try:
        with transaction.atomic():
            job = CollectionExport.objects.create(key=key, base_url=base_url, state=state, **fields)
    except IntegrityError:  # the same request, a moment earlier, in another process
        return CollectionExport.objects.exclude(status="failed").get(key=key)
    transaction.on_commit(lambda: enqueue_export(job.pk))
    return job


def live_job(key: str) -> CollectionExport | None:
    job = CollectionExport.objects.exclude(status=CollectionExport.Status.FAILED).filter(key=key)
    job = job.first()
    if job is None:
        return None
    if not job.finished and job.updated_at < timezone.now() - STALE_AFTER:
        fail(job.pk, gettext_noop("The export stopped without finishing."))
        return None
    if job.status == CollectionExport.Status.DONE and not job.file.storage.exists(job.file.name):
        fail(job.pk, gettext_noop("The file was removed."))
        return None
    return job


def waiting_public() -> int:
    """Readers' jobs waiting or running (not those gone stale: no worker holds them)."""
    live = CollectionExport.objects.filter(
        status__in=["queued", "running"], updated_at__gte=timezone.now() - STALE_AFTER
    )
    return live.filter(audience=CollectionExport.Audience.PUBLIC).count()


def enqueue_export(job_id: int) -> None:
    from articles.tasks import write_collection_export

    try:
        result = write_collection_export.enqueue(job_id)
    except Exception as error:  # the queue refused it: say so on the job's page
        logger.exception("Could not queue collection export %s", job_id)
        fail(job_id, f"It could not be queued: {type(error).__name__}: {error}")
        return
    CollectionExport.objects.filter(pk=job_id).update(task_id=str(result.id))


def fail(job_id: int, reason: str) -> None:
    CollectionExport.objects.filter(pk=job_id).update(
        status=CollectionExport.Status.FAILED, error=reason, finished_at=timezone.now()
    )


def write_export(job_id: int) -> str:
    """Write a job's file with its format's writer; its row says how far it got and how it
    ended. A job already done is left as it is (the task may run twice)."""
    job = CollectionExport.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return job.status if job else "missing"
    found = export_set(articles_for(job.audience), job.criteria)
    now = timezone.now()
    CollectionExport.objects.filter(pk=job_id).update(
        status=CollectionExport.Status.RUNNING, total=found.count(), written=0, updated_at=now
    )
    try:
        name = write_file(job, stream_items(found, job.base_url))
    except Exception as error:  # any failure is the job's reason, never a crash elsewhere
        logger.exception("Collection export %s failed", job_id)
        fail(job_id, f"{type(error).__name__}: {error}")
        return CollectionExport.Status.FAILED
    CollectionExport.objects.filter(pk=job_id).update(
        status=CollectionExport.Status.DONE, file=name, finished_at=timezone.now()
    )
    return CollectionExport.Status.DONE


def holds(job: CollectionExport, pk: int) -> bool:
    """Whether the job's file holds the article ``pk`` (a lookup in its id runs)."""
    starts = [first for first, _last in job.id_runs]
    at = bisect.bisect_right(starts, pk) - 1
    return at >= 0 and job.id_runs[at][1] >= pk


def forget_deleted(pk: int) -> int:
    """A deleted article's text must not stay downloadable: every finished file holding it
    (public or staff) is failed, with the reason on its page; returns how many."""
    done = CollectionExport.objects.filter(status=CollectionExport.Status.DONE)
    holding = [job.pk for job in done.only("pk", "id_runs") if holds(job, pk)]
    for job_id in holding:
        fail(job_id, gettext_noop("An article in this file has been deleted since."))
    return len(holding)


def withdrawn_from(job: CollectionExport) -> bool:
    """Whether an article of a public job's file has since been taken back to draft: its
    file is then never served again (its page says why, and the reader can ask again)."""
    if job.audience != CollectionExport.Audience.PUBLIC:
        return False
    from articles.models import Article

    # Taken back after the file was written means changed after the job was created; those
    # are few (the updated_at index finds them), and each is looked up in the job's runs.
    changed = Article.objects.filter(updated_at__gte=job.created_at).exclude(
        status=Article.Status.PUBLISHED
    )
    return any(holds(job, pk) for pk in changed.values_list("pk", flat=True).iterator())


def check_still_public(job: CollectionExport) -> CollectionExport:
    if job.status == CollectionExport.Status.DONE and withdrawn_from(job):
        fail(job.pk, gettext_noop("An article in this file has been taken back since."))
        job.refresh_from_db()
    return job


def id_runs(ids: Iterable[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for pk in sorted(ids):
        if runs and runs[-1][1] + 1 == pk:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return runs


def write_file(job: CollectionExport, items: Iterable[Item]) -> str:
    """The format's ``many`` into a temporary file, then into storage; the stored name."""
    export = FORMATS[job.format]
    with tempfile.TemporaryFile() as temporary:
        for chunk in export.many(counted(job.pk, items)):
            # The bytes a StreamingHttpResponse sends for the same chunks (UTF-8).
            temporary.write(chunk.encode("utf-8"))
        temporary.seek(0)
        return job.file.storage.save(
            job.file.field.generate_filename(job, f"{job.pk}-{job.filename()}"), File(temporary)
        )


def counted(job_id: int, items: Iterable[Item]) -> Iterator[Item]:
    """``items``, recording on the job how many were taken, once a chunk, and which."""
    ids: list[int] = []
    for item in items:
        yield item
        ids.append(item.article.pk)
        if len(ids) % CHUNK_SIZE == 0:
            CollectionExport.objects.filter(pk=job_id).update(
                written=len(ids), updated_at=timezone.now()
            )
    CollectionExport.objects.filter(pk=job_id).update(
        written=len(ids), id_runs=id_runs(ids), updated_at=timezone.now()
    )


def delete_jobs(jobs: QuerySet[CollectionExport]) -> int:
    """Delete ``jobs`` and their files (``clean_exports``, the admin); how many jobs."""
    count = 0
    for job in jobs.iterator():
        if job.file:
            job.file.storage.delete(job.file.name)
        job.delete()
        count += 1
    return count
