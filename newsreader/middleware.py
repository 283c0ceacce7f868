"""Middleware of our own."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse


async def _anonymous() -> AnonymousUser:
    return AnonymousUser()


class AnonymousWithoutSessionMiddleware:
    """Without a session cookie nobody is signed in: set ``request.user`` to the anonymous
    user directly. Django would read the (empty) session to learn the same, and reading it
    makes every response `Vary: Cookie`, which no shared cache can keep for all readers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()
            request.auser = _anonymous
        return self.get_response(request)
