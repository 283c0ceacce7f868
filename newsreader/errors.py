"""Error pages a person can read: 404, 500 and 503, in the reader's language.

When the database does not answer, a view (or the session saved after it) raises
``OperationalError`` or ``InterfaceError``; the reader gets the 503 page with a
``Retry-After``, not a bare 500. ``DatabaseUnavailableMiddleware`` catches it from views,
``server_error`` (the project's ``handler500``) from middleware. Both render without a
request context: context processors would read the session and the user, from the very
database that is down.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)

logger = logging.getLogger(__name__)


def unavailable(request: HttpRequest | None = None) -> HttpResponse:
    html = loader.get_template("503.html").render({"request_path": path_of(request)})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable(request)
    html = loader.get_template("500.html").render({"request_path": path_of(request)})
    return HttpResponseServerError(html)


def path_of(request: HttpRequest | None) -> str:
    return request.path if request is not None else "/"


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_DOWN):
            return None
        logger.error("The database does not answer: %s", exception, exc_info=exception)
        return unavailable(request)
