"""Project-wide invariants: migrations committed, system checks clean, one <h1> per page."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.ingest import ingest_article


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def test_the_system_checks_are_clean():
    out = io.StringIO()

    call_command("check", fail_level="WARNING", stdout=out)

    assert "no issues" in out.getvalue()


@pytest.fixture
def reader_pages(db, seed_text) -> dict[str, str]:
    article = ingest_article(text=seed_text).article
    entity = article.mentions.select_related("entity").first().entity
    return {
        "home": reverse("articles:home"),
        "seed article": article.get_absolute_url(),
        "entities": reverse("articles:entities"),
        "entity": reverse("articles:entity", kwargs={"slug": entity.slug}),
        "search": reverse("articles:search") + "?q=putin",
    }


@pytest.mark.parametrize("page", ["home", "seed article", "entities", "entity", "search"])
def test_every_reader_page_has_exactly_one_h1(client, reader_pages, page):
    response = client.get(reader_pages[page])

    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1
