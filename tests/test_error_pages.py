"""Errors a person can read: 404, 500 and 503 pages in both languages, and the 503 page (not
Django's bare text) when the database does not answer."""

from __future__ import annotations

import importlib

import pytest
from bs4 import BeautifulSoup
from django.db import InterfaceError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

# The module, not the view function `articles.views.home` that the package re-exports.
home_views = importlib.import_module("articles.views.home")


@pytest.fixture
def quiet_client() -> Client:
    """A client that gets the error page a reader gets, instead of the exception."""
    return Client(raise_request_exception=False)


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Page not found"), ("id", "Halaman tidak ditemukan")]
)
def test_a_missing_page_answers_404_in_the_readers_language(
    client: Client, language: str, heading: str
) -> None:
    response = client.get("/articles/999/nothing-here/", HTTP_ACCEPT_LANGUAGE=language)
    html = page(response)
    assert response.status_code == 404
    assert html.select_one("html")["lang"] == language
    assert [h1.get_text() for h1 in html.select("h1")] == [heading]
    assert html.select_one('form[role="search"][action="/search/"] input[name="q"]')


def failing(exception: Exception):
    def view(*args, **kwargs):
        raise exception

    return view


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Something went wrong on our side"), ("id", "Terjadi kesalahan di pihak kami")],
)
def test_an_error_answers_500_with_a_page_in_the_readers_language(
    quiet_client: Client, monkeypatch, language: str, heading: str
) -> None:
    monkeypatch.setattr(home_views, "with_listing_counts", failing(ValueError("bug")))
    response = quiet_client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    html = page(response)
    assert response.status_code == 500
    assert html.select_one("html")["lang"] == language
    assert [h1.get_text() for h1 in html.select("h1")] == [heading]
    assert html.select_one("link[rel=stylesheet]")["href"].endswith(".css")


@pytest.mark.parametrize("error", [OperationalError("down"), InterfaceError("closed")])
@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Temporarily unavailable"), ("id", "Untuk sementara tidak tersedia")],
)
def test_a_database_that_does_not_answer_gives_the_503_page(
    quiet_client: Client, monkeypatch, error: Exception, language: str, heading: str
) -> None:
    monkeypatch.setattr(home_views, "with_listing_counts", failing(error))
    response = quiet_client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    html = page(response)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert [h1.get_text() for h1 in html.select("h1")] == [heading]
    assert html.select_one(".error-ways a")["href"] == "/"


def test_a_database_error_in_a_middleware_also_gives_the_503_page(
    quiet_client: Client, monkeypatch
) -> None:
    """A middleware (the session's, say) that meets the dead database: handler500 answers."""
    from django_htmx.middleware import HtmxMiddleware

    monkeypatch.setattr(HtmxMiddleware, "__call__", failing(OperationalError("down")))
    response = quiet_client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert page(response).select_one("h1").get_text() == "Temporarily unavailable"


def test_the_503_page_makes_no_database_query(django_assert_num_queries) -> None:
    from newsreader.errors import unavailable

    with django_assert_num_queries(0):
        response = unavailable()
    assert response.status_code == 503
