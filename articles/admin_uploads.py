"""The admin's bulk upload: a file of articles in, a task to ingest them, a live progress page.

Add page: choose a `.txt`, `.jsonl` or `.zip` file. Every document is stored as a row first
(``articles.uploads``), then ``articles.tasks.process_upload`` is queued. The upload's page
shows the counts and every document's result; while the task runs, htmx polls the
``progress`` partial of the same URL. Failed documents can be queued again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from articles.tasks import enqueue_upload, retry_failed
from articles.uploads import MAX_MEMBER_BYTES, SUFFIXES, BulkUpload, UploadDocument, store_upload

UPLOAD_TEMPLATE = "admin/articles/bulkupload/upload_form.html"
PROGRESS_TEMPLATE = "admin/articles/bulkupload/progress.html"
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
SHOWN_DOCUMENTS = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        help_text="A .txt file is one article; a .jsonl file holds one article per line "
        '(an object with "text" and optionally "title", "published", "url", "outlet", '
        '"language"); a .zip file holds .txt and .jsonl files.',
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    publish = forms.BooleanField(
        required=False, initial=True, help_text="Publish the articles (else they are drafts)."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError("Choose a .txt, .jsonl or .zip file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is too big: {upload.size:,} bytes, the limit is {MAX_UPLOAD_BYTES:,}."
            )
        if upload.name.lower().endswith(".txt") and upload.size > MAX_MEMBER_BYTES:
            raise forms.ValidationError("The text file is too big to be one article.")
        return upload


@admin.register(BulkUpload)
class BulkUploadAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "created_at", "created_by", "finished_at")
    list_filter = ("status",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("articles.add_article")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_add_permission(request) or super().has_view_permission(request, obj)

    def get_urls(self) -> list[URLPattern]:
        retry = path(
            "<int:pk>/retry/",
            self.admin_site.admin_view(self.retry_view),
            name="articles_bulkupload_retry",
        )
        return [retry, *super().get_urls()]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            file = form.cleaned_data["file"]
            with transaction.atomic():
                upload = store_upload(
                    file.name,
                    file.read(),
                    publish=form.cleaned_data["publish"],
                    user=request.user,
                )
                enqueue_upload(upload)
            self.log_addition(request, upload, [{"added": {}}])
            return HttpResponseRedirect(progress_url(upload))
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload articles",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, UPLOAD_TEMPLATE, context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        upload = self.get_object(request, object_id)
        if upload is None or not self.has_view_permission(request, upload):
            raise PermissionDenied
        counts = upload.counts()
        total = sum(counts.values())
        finished = total - counts[UploadDocument.Status.PENDING]
        documents = upload.documents.select_related("article").only(
            "position", "origin", "status", "error", "attempts", "article__title",
            "article__slug", "article__id",
        )  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "title": f"Upload: {upload.name}",
            "subtitle": None,
            "opts": self.opts,
            "upload": upload,
            "counts": counts,
            "total": total,
            "finished": finished,
            "running": upload.status != BulkUpload.Status.DONE or finished < total,
            "documents": documents[:SHOWN_DOCUMENTS],
            "more_documents": max(0, total - SHOWN_DOCUMENTS),
            "can_retry": self.has_add_permission(request),
            "Status": UploadDocument.Status,
        }
        if request.htmx:
            return TemplateResponse(request, f"{PROGRESS_TEMPLATE}#progress", context)
        return TemplateResponse(request, PROGRESS_TEMPLATE, context)

    @method_decorator(require_POST)
    def retry_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        upload = get_object_or_404(BulkUpload, pk=pk)
        with transaction.atomic():
            count = retry_failed(upload)
        if count:
            messages.success(request, f"{count} document(s) queued again.")
        else:
            messages.info(request, "No failed document can be tried again.")
        return HttpResponseRedirect(progress_url(upload))


def progress_url(upload: BulkUpload) -> str:
    return reverse("admin:articles_bulkupload_change", args=[upload.pk])
