"""`/healthz`: 200 "ok" when the database answers and the annotation pipeline is loaded;
503 "starting" while the process is still loading the pipeline (see articles.warmup), 503
when the database does not answer or the pipeline failed to load.

Served by a middleware placed first so that probes from a load balancer or Docker's
HEALTHCHECK (plain HTTP, addressed by IP) are answered before host validation and the HTTPS
redirect, which would otherwise turn every probe into a 400 or a 301.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse

from articles import warmup

HEALTH_PATH = "/healthz"

logger = logging.getLogger(__name__)


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


def healthz(request: HttpRequest) -> HttpResponse:
    pipeline = warmup.status()
    if pipeline == "starting":
        return HttpResponse("starting", status=503, content_type="text/plain")
    if pipeline == "failed":
        return HttpResponse(
            "annotation pipeline failed to load", status=503, content_type="text/plain"
        )
    if check_database():
        return HttpResponse("ok", content_type="text/plain")
    return HttpResponse("database unavailable", status=503, content_type="text/plain")


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH and request.method in {"GET", "HEAD"}:
            response = healthz(request)
            response["Cache-Control"] = "no-store"
            # Probes ask every few seconds: a 503 while starting is no error worth a log line
            # each (Django's request logger skips responses marked this way).
            response._has_been_logged = True
            return response
        return self.get_response(request)
