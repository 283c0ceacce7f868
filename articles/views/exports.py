"""Downloads: one article in any export format, or a set of articles streamed in one file.

``/articles/<pk>/<slug>/export/<format>`` is one article (drafts only for staff, like its
page). ``/export/<format>`` is every published article, or those a search names with the
search page's own parameters (``?q=…&entity=…&source=…&year=…&category=…``): an entity
page's set is ``?entity=<slug>``. A small set (``export_jobs.INLINE_LIMIT`` articles or
fewer) is streamed at once, a chunk of articles at a time; a larger one is written by a task
(``articles.export_jobs``): the request leads to the job's page (``/exports/<id>/``), which
htmx polls (its ``progress`` partial; without JavaScript the page refreshes itself) until it
links to the file (``/exports/<id>/download``), served here to whoever may see the job.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles import export_jobs, mapping
from articles.export_jobs import CollectionExport
from articles.exports import FORMATS, Format, build_item, stream_items
from articles.models import Article
from articles.views.search import read_criteria

JOB_TEMPLATE = "articles/export_job.html"
# Seconds between two looks at a job that is not finished (htmx polling, or the page's refresh).
POLL_SECONDS = 2


def find_format(name: str) -> Format:
    if name not in FORMATS:
        raise Http404("No such export format.")
    return FORMATS[name]


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def content_type(export: Format) -> str:
    media = export.media_type
    return media if media.startswith("application/") else f"{media}; charset=utf-8"


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def article_export(request: HttpRequest, pk: int, slug: str, name: str) -> HttpResponse:
    export = find_format(name)
    visible = Article.objects.visible_to(request.user).select_related("dateline_entity")
    article = get_object_or_404(visible, pk=pk)
    if slug != article.slug:
        return redirect("articles:export", pk=article.pk, slug=article.slug, name=name)
    mapping.with_annotations(article)
    body = export.one(build_item(article, site_url(request)))
    response = HttpResponse(body, content_type=content_type(export))
    return attachment(response, f"{article.slug}.{name}")


@require_GET
@never_cache
def collection_export(request: HttpRequest, name: str) -> HttpResponse:
    export = find_format(name)
    audience = export_jobs.audience_of(request.user)
    criteria = read_criteria(request.GET)
    found = export_jobs.export_set(export_jobs.articles_for(audience), criteria)
    if export_jobs.is_small(found):
        chunks = export.many(stream_items(found, site_url(request)))
        response = StreamingHttpResponse(chunks, content_type=content_type(export))
        return attachment(response, f"newsreader.{name}")
    try:
        job = export_jobs.request_export(name, criteria, audience, site_url(request))
    except export_jobs.TooManyExports:
        context = {"busy": True, "export": export, "again": again_url(name, criteria)}
        response = TemplateResponse(request, JOB_TEMPLATE, context, status=503)
        response["Retry-After"] = "60"
        return response
    return redirect("articles:export_job", pk=job.pk)


@require_GET
@never_cache
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(export_jobs.visible_jobs(request.user), pk=pk)
    job = export_jobs.check_still_public(job)
    context = {
        "job": job,
        "export": FORMATS.get(job.format),
        "Status": CollectionExport.Status,
        "again": again_url(job.format, job.criteria),
        "search": reverse("articles:search") + "?" + urlencode(job.criteria),
        "poll_seconds": POLL_SECONDS,
    }
    if request.htmx:
        return TemplateResponse(request, f"{JOB_TEMPLATE}#progress", context)
    return TemplateResponse(request, JOB_TEMPLATE, context)


@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    jobs = export_jobs.visible_jobs(request.user).filter(status=CollectionExport.Status.DONE)
    job = export_jobs.check_still_public(get_object_or_404(jobs, pk=pk))
    if job.status != CollectionExport.Status.DONE:
        raise Http404("An article in this file has been taken back since; ask for it again.")
    export = find_format(job.format)
    try:
        handle = job.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file of this export is gone; ask for it again.") from error
    response = FileResponse(handle, content_type=content_type(export))
    response["Cache-Control"] = "private, no-store" if job.audience == "staff" else "private"
    return attachment(response, job.filename())


def again_url(name: str, criteria: dict) -> str:
    query = urlencode(criteria)
    return reverse("articles:collection_export", args=[name]) + (f"?{query}" if query else "")
