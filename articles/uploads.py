"""Bulk uploads: a file of many articles, stored one document per row, ingested by a task.

An uploaded `.txt` is one article; a `.jsonl` holds one article per line (the fields of
`manage.py ingest`); a `.zip` holds `.txt` and `.jsonl` files. Every document is stored
here verbatim before anything is annotated, so none is lost: the task
(``articles.tasks.process_upload``) ingests the pending ones through the one write path
and records, per document, the article it became or why it failed. A document that failed
for a passing reason (the database, a crash) is tried again; one that cannot become an
article (empty, too long, binary) is reported as such.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUFFIXES = (".txt", ".jsonl", ".zip")
MAX_DOCUMENTS = 10_000
# A zip's members are read at most this far (a zip bomb stops here, reported as too big).
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024


class BulkUpload(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    name = models.CharField(max_length=255, help_text="The uploaded file's name.")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    publish = models.BooleanField(default=True, help_text="Publish the stored articles.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def counts(self) -> dict[str, int]:
        rows = self.documents.values_list("status").annotate(n=models.Count("pk"))
        found = dict(rows)
        return {status: found.get(status, 0) for status in UploadDocument.Status.values}


class UploadDocument(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        STORED = "stored", _("Stored")
        PRESENT = "present", _("Already stored")
        FAILED = "failed", _("Failed")

    upload = models.ForeignKey(BulkUpload, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveIntegerField()
    origin = models.CharField(max_length=500, help_text="File name, and line for .jsonl.")
    text = models.TextField(blank=True, help_text="The document's text, verbatim.")
    fields = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["upload", "position"]
        indexes = [models.Index(fields=["upload", "status", "position"])]

    def __str__(self) -> str:
        return self.origin


@dataclass(slots=True)
class ReadDocument:
    origin: str
    fields: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def read_upload(name: str, data: bytes) -> Iterator[ReadDocument]:
    """The documents in an uploaded file, or for each unreadable part the reason."""
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".zip":
        yield from read_zip(name, data)
    elif suffix in (".txt", ".jsonl"):
        yield from read_file(name, data)
    else:
        yield ReadDocument(name, error="not a .txt, .jsonl or .zip file")


def read_zip(name: str, data: bytes) -> Iterator[ReadDocument]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield ReadDocument(name, error="not a readable .zip file")
        return
    total = 0
    with archive:
        for member in sorted(archive.infolist(), key=lambda info: info.filename):
            path = PurePosixPath(member.filename)
            if member.is_dir() or path.name.startswith(".") or "__MACOSX" in path.parts:
                continue
            origin = f"{name}/{member.filename}"
            if path.suffix.lower() not in (".txt", ".jsonl"):
                yield ReadDocument(origin, error="not a .txt or .jsonl file")
                continue
            with archive.open(member) as handle:
                content = handle.read(MAX_MEMBER_BYTES + 1)
            total += len(content)
            if len(content) > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                yield ReadDocument(origin, error="too big to read")
                continue
            yield from read_file(origin, content)


def read_file(origin: str, data: bytes) -> Iterator[ReadDocument]:
    # The line parser of `manage.py ingest`: one reading of a .jsonl line for both.
    from articles.management.commands.ingest import parse_line

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield ReadDocument(origin, error="not UTF-8 text")
        return
    if not origin.lower().endswith(".jsonl"):
        yield ReadDocument(origin, {"text": text})
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            document = parse_line(f"{origin}:{number}", line)
            # An unreadable line is kept as it was, so the editor can see and fix it.
            fields = dict(document.fields) if not document.error else {"text": line}
            if fields.get("published"):
                fields["published"] = fields["published"].isoformat()
            yield ReadDocument(document.origin, fields, document.error)


def store_upload(name: str, data: bytes, *, publish: bool, user: Any = None) -> BulkUpload:
    """One BulkUpload with a row per document (each with its text or its reading error)."""
    upload = BulkUpload.objects.create(name=name[:255], publish=publish, created_by=user)
    rows = []
    for position, document in enumerate(read_upload(name, data)):
        if position >= MAX_DOCUMENTS:
            rows.append(
                UploadDocument(
                    upload=upload,
                    position=position,
                    origin=name[:500],
                    status=UploadDocument.Status.FAILED,
                    error=f"more than {MAX_DOCUMENTS:,} documents: the rest were not read",
                )
            )
            break
        fields = dict(document.fields)
        rows.append(
            UploadDocument(
                upload=upload,
                position=position,
                origin=document.origin[:500],
                text=fields.pop("text", ""),
                fields=fields,
                status=UploadDocument.Status.FAILED if document.error else "pending",
                error=document.error,
            )
        )
    UploadDocument.objects.bulk_create(rows, batch_size=500)
    return upload
