"""The editors' side: a paste form with an annotated preview, and the stored rows.

The article add page is the paste form. Its Preview button posts the form to
`preview_view`, which annotates the text and renders it with the reading view's own
partials, saving nothing; with htmx only the preview is swapped in, without JavaScript the
whole page comes back with the preview under the form. Save goes through `ingest_article`.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, ClassVar

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from articles import corrections, tasks
from articles.annotate import Result
from articles.export_jobs import CollectionExport, delete_jobs
from articles.forms import PasteForm
from articles.ingest import IngestError, annotate_text, ingest_article
from articles.models import (
    Article,
    Attribution,
    Correction,
    Entity,
    Event,
    Figure,
    Mention,
    WikidataItem,
)
from articles.reading import Reading, reading_from_result

PASTE_TEMPLATE = "admin/articles/article/paste_form.html"
logger = logging.getLogger(__name__)
# The re-annotate action runs inside the request for up to this many articles; more are
# handed to a background task (``tasks.reannotate_articles``).
REANNOTATE_INLINE = 5
# A pasted text longer than this is annotated by a background task (``tasks.queue_text``)
# and the editor follows its progress, instead of waiting inside the request.
PASTE_INLINE_CHARS = 50_000
UNEXPECTED = (
    "Something went wrong while annotating or storing this text; nothing was stored. The "
    "error is logged for the developers. Try again, or paste the text without its oddest parts."
)


class ReadOnlyInline(admin.TabularInline):
    """Annotation rows are shown, not edited, here: they come from the pipeline."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MentionInline(ReadOnlyInline):
    model = Mention
    fields = ("start", "end", "text", "label", "entity", "status")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest):
        # One query for all mentions and their entities, however long the article.
        return super().get_queryset(request).select_related("entity")


class EventInline(ReadOnlyInline):
    model = Event
    fields = ("key", "text", "value", "precision", "relative", "main", "summary", "status")
    readonly_fields = fields


class FigureInline(ReadOnlyInline):
    model = Figure
    fields = ("key", "text", "value", "qualifier", "unit", "category", "as_of", "source", "status")
    readonly_fields = fields


class AttributionInline(ReadOnlyInline):
    model = Attribution
    fields = ("key", "kind", "source", "speaker", "via", "start", "end", "status")
    readonly_fields = fields


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "outlet",
        "published_on",
        "language",
        "status",
        "fully_annotated",
        "created_at",
    )
    list_filter = ("status", "language")
    search_fields = ("title", "outlet", "url")
    readonly_fields = (
        "text",
        "content_hash",
        "published_inferred",
        "dateline_place",
        "dateline_entity",
        "created_at",
        "updated_at",
        "annotated_at",
        "annotation_problems",
    )
    fields = (
        "title",
        "slug",
        "status",
        "language",
        "published_on",
        "published_inferred",
        "outlet",
        "url",
        "dateline_place",
        "dateline_entity",
        "text",
        "content_hash",
        ("created_at", "updated_at", "annotated_at"),
        "annotation_problems",
    )
    inlines = (MentionInline, EventInline, FigureInline, AttributionInline)
    formfield_overrides: ClassVar = {models.URLField: {"assume_scheme": "https"}}
    actions = ("reannotate_selected", "publish_selected")

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("dateline_entity")

    def view_on_site(self, obj: Article) -> str:
        return obj.get_absolute_url()

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        """A change of the details goes through the corrections write path: logged, and the
        article annotated again so its dates are resolved against them."""
        changed = set(form.changed_data)
        if not change or not changed & set(corrections.META_FIELDS):
            super().save_model(request, obj, form, change)
            return
        stored = Article.objects.get(pk=obj.pk)
        try:
            corrections.change_metadata(
                request.user,
                stored,
                **{name: getattr(obj, name) for name in corrections.META_FIELDS},
            )
        except corrections.CorrectionError as error:
            messages.error(request, str(error))
            return
        rest = changed - set(corrections.META_FIELDS) - {"slug"}
        if rest:
            Article.objects.filter(pk=obj.pk).update(**{name: getattr(obj, name) for name in rest})
        obj.refresh_from_db()

    @admin.action(description="Annotate again (keeps every editor's decision)")
    def reannotate_selected(self, request: HttpRequest, queryset) -> None:
        if not corrections.can_review(request.user):
            raise PermissionDenied
        if queryset.count() > REANNOTATE_INLINE:
            # More than a handful: a background task, so the request stays short.
            ids = list(queryset.order_by("pk").values_list("pk", flat=True))
            tasks.enqueue_reannotation(ids)
            messages.success(
                request,
                f"Queued to be annotated again: {len(ids)} articles. A worker annotates "
                "them in the background; each page shows the new annotation once it is done.",
            )
            return
        done, failed = 0, []
        for article in queryset:
            try:
                corrections.reannotate(article)
                done += 1
            except Exception as error:  # one bad article must not stop the others
                failed.append(f"{article.pk}: {error}")
        messages.success(request, f"Annotated again: {done}.")
        if failed:
            messages.error(request, "Failed: " + "; ".join(failed))

    @admin.action(description="Publish")
    def publish_selected(self, request: HttpRequest, queryset) -> None:
        if not corrections.can_review(request.user):
            raise PermissionDenied
        drafts = list(queryset.filter(status=Article.Status.DRAFT))
        for article in drafts:
            corrections.set_status(request.user, article, Article.Status.PUBLISHED)
        messages.success(request, f"Published: {len(drafts)}.")

    @admin.display(boolean=True, description="Fully annotated")
    def fully_annotated(self, article: Article) -> bool:
        return article.fully_annotated

    @admin.display(description="Annotation problems")
    def annotation_problems(self, article: Article) -> str:
        """Which stages failed, so editors know which layers are missing."""
        if not article.annotation_errors:
            return "None: every stage ran."
        return "; ".join(
            f"{problem.get('stage', '?')} stage failed ({problem.get('reason', '')})"
            for problem in article.annotation_errors
        )

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "paste/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="articles_article_preview",
        )
        return [preview, *super().get_urls()]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        self.check_add_permission(request)
        form = PasteForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            data = form.cleaned_data
            if "_publish" in request.POST:
                data = {**data, "status": Article.Status.PUBLISHED}
            if data["status"] == Article.Status.PUBLISHED and not corrections.can_review(
                request.user
            ):
                data = {**data, "status": Article.Status.DRAFT}
                messages.info(request, "Saved as a draft: publishing is for editors.")
            if len(data["text"]) > PASTE_INLINE_CHARS:
                return self.queue_paste(request, data)
            try:
                result = ingest_article(**data)
            except IngestError as error:
                form.add_error("text", str(error))
            except Exception:  # never a 500: the editor gets a message and keeps the form
                logger.exception("ingesting a pasted article failed")
                form.add_error(None, UNEXPECTED)
            else:
                if result.created:
                    self.log_addition(request, result.article, [{"added": {}}])
                report_ingest(request, result.article, result.created)
                return HttpResponseRedirect(result.article.get_absolute_url())
        return self.render_paste_form(request, form)

    def queue_paste(self, request: HttpRequest, data: dict) -> HttpResponse:
        """A long text goes to a worker as a one-document upload; its page shows the progress
        and, once stored, links the article."""
        name = data["title"].strip() or "pasted text"
        fields = {key: value for key, value in data.items() if key != "text"}
        upload = tasks.queue_text(data["text"], user=request.user, name=name, **fields)
        messages.info(
            request,
            f"This text is long ({len(data['text']):,} characters): it is annotated in the "
            "background. This page shows when it is stored.",
        )
        return HttpResponseRedirect(reverse("admin:articles_bulkupload_change", args=[upload.pk]))

    @method_decorator(require_POST)
    def preview_view(self, request: HttpRequest) -> HttpResponse:
        self.check_add_permission(request)
        form = PasteForm(request.POST)
        reading, result = None, None
        if form.is_valid():
            try:
                reading, result = build_preview(form)
            except Exception:  # never a 500: the editor gets a message and keeps the form
                logger.exception("previewing a pasted article failed")
                form.add_error(None, UNEXPECTED)
        if request.htmx:
            context = {"form": form, "reading": reading, "annotation": result}
            return TemplateResponse(request, f"{PASTE_TEMPLATE}#preview", context)
        return self.render_paste_form(request, form, reading, result)

    def render_paste_form(
        self,
        request: HttpRequest,
        form: PasteForm,
        reading: Reading | None = None,
        result: Result | None = None,
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": "Paste an article",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "reading": reading,
            "annotation": result,
        }
        return TemplateResponse(request, PASTE_TEMPLATE, context)

    def check_add_permission(self, request: HttpRequest) -> None:
        if not self.has_add_permission(request):
            raise PermissionDenied


def report_ingest(request: HttpRequest, article: Article, created: bool) -> None:
    if created:
        messages.success(request, f"Stored and annotated “{article.title}”.")
    else:
        messages.info(
            request, f"This text is already stored as “{article.title}”; nothing was added."
        )


def build_preview(form: PasteForm) -> tuple[Reading, Result]:
    data = form.cleaned_data
    result = annotate_text(
        data["text"], published=data["published"], language=data["language"], url=data["url"]
    )
    # Show the editor's own title and outlet where given, as saving would store them.
    result = dataclasses.replace(
        result,
        title=data["title"].strip() or result.title,
        outlet=data["outlet"].strip() or result.outlet,
    )
    return reading_from_result(data["text"], result), result


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("name", "label", "slug", "confirmed", "wikidata_id")
    list_filter = ("label", "confirmed")
    search_fields = ("name", "slug", "aliases", "wikidata_id")
    list_editable = ("confirmed",)
    exclude = ("confirmed_at",)

    def save_model(self, request: HttpRequest, obj: Entity, form, change: bool) -> None:
        """Changes to an entity go through the corrections write path (logged, shown on
        the articles that mention it, and re-applied by later annotation)."""
        changed = set(form.changed_data)
        if not change or not changed:
            super().save_model(request, obj, form, change)
            return
        stored = Entity.objects.get(pk=obj.pk)
        try:
            if changed & {"name", "label", "aliases", "description", "wikidata_id"}:
                corrections.edit_entity(
                    request.user,
                    stored,
                    name=obj.name,
                    label=obj.label,
                    aliases=list(obj.aliases or []),
                    description=obj.description,
                    wikidata_id=obj.wikidata_id,
                )
            elif "confirmed" in changed and obj.confirmed:
                corrections.confirm_entity(request.user, stored)
            else:
                super().save_model(request, obj, form, change)
        except corrections.CorrectionError as error:
            messages.error(request, f"{obj.name}: {error}")


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """The correction log, read-only: corrections are made and undone in review mode."""

    list_display = ("created_at", "action", "target", "article", "user", "undone_at")
    list_filter = ("action",)
    list_select_related = ("article", "user")
    search_fields = ("target",)
    readonly_fields = ("article", "entity", "user", "created_at", "action", "target")
    readonly_fields += ("before", "after", "undone_at", "undone_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WikidataItem)
class WikidataItemAdmin(admin.ModelAdmin):
    list_display = ("qid", "label_id", "label_en", "label", "description")
    list_filter = ("label",)
    search_fields = ("qid", "names")


@admin.register(CollectionExport)
class CollectionExportAdmin(admin.ModelAdmin):
    """Collection exports written by a task, read-only; deleting one deletes its file."""

    list_display = ("created_at", "format", "audience", "status", "written", "total", "error")
    list_filter = ("status", "format", "audience")
    readonly_fields = [field.name for field in CollectionExport._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: CollectionExport) -> None:
        delete_jobs(CollectionExport.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        delete_jobs(queryset)


# Bulk upload of many articles (a task ingests them): beside the paste form above.
from articles import admin_uploads  # noqa: E402, F401
