"""The editors' side: a paste form with an annotated preview, and the stored rows.

The article add page is the paste form. Its Preview button posts the form to
`preview_view`, which annotates the text and renders it with the reading view's own
partials, saving nothing; with htmx only the preview is swapped in, without JavaScript the
whole page comes back with the preview under the form. Save goes through `ingest_article`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from articles.forms import PasteForm
from articles.ingest import IngestError, annotate_text, ingest_article
from articles.models import Article, Attribution, Entity, Event, Figure, Mention
from articles.reading import Reading, reading_from_result

PASTE_TEMPLATE = "admin/articles/article/paste_form.html"


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


class EventInline(ReadOnlyInline):
    model = Event
    fields = ("key", "text", "value", "precision", "relative", "main", "summary")
    readonly_fields = fields


class FigureInline(ReadOnlyInline):
    model = Figure
    fields = ("key", "text", "value", "qualifier", "unit", "category", "as_of", "source")
    readonly_fields = fields


class AttributionInline(ReadOnlyInline):
    model = Attribution
    fields = ("key", "kind", "source", "speaker", "via", "start", "end")
    readonly_fields = fields


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "published_on", "language", "status", "created_at")
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
    )
    inlines = (MentionInline, EventInline, FigureInline, AttributionInline)
    formfield_overrides: ClassVar = {models.URLField: {"assume_scheme": "https"}}

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
            try:
                result = ingest_article(**form.cleaned_data)
            except IngestError as error:
                form.add_error("text", str(error))
            else:
                if result.created:
                    self.log_addition(request, result.article, [{"added": {}}])
                report_ingest(request, result.article, result.created)
                return HttpResponseRedirect(result.article.get_absolute_url())
        return self.render_paste_form(request, form)

    @method_decorator(require_POST)
    def preview_view(self, request: HttpRequest) -> HttpResponse:
        self.check_add_permission(request)
        form = PasteForm(request.POST)
        reading = build_preview(form) if form.is_valid() else None
        if request.htmx:
            context = {"form": form, "reading": reading}
            return TemplateResponse(request, f"{PASTE_TEMPLATE}#preview", context)
        return self.render_paste_form(request, form, reading)

    def render_paste_form(
        self, request: HttpRequest, form: PasteForm, reading: Reading | None = None
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": "Paste an article",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "reading": reading,
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


def build_preview(form: PasteForm) -> Reading:
    data = form.cleaned_data
    result = annotate_text(data["text"], published=data["published"], language=data["language"])
    # Show the editor's own title and outlet where given, as saving would store them.
    result = dataclasses.replace(
        result,
        title=data["title"].strip() or result.title,
        outlet=data["outlet"].strip() or result.outlet,
    )
    return reading_from_result(data["text"], result)


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("name", "label", "slug", "confirmed", "wikidata_id")
    list_filter = ("label", "confirmed")
    search_fields = ("name", "slug", "aliases", "wikidata_id")
    list_editable = ("confirmed",)


# Bulk upload of many articles (a task ingests them): beside the paste form above.
from articles import admin_uploads  # noqa: E402, F401
