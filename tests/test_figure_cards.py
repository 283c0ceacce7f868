"""Figure cards: one card per count, whatever number of times the article tells it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.ingest import ingest_article
from articles.models import Figure

pytestmark = pytest.mark.django_db

# Made up for this test: one death toll told three times, a count of houses, a displacement.
TEXT = """Banjir Bandang Melanda Lembah Hijau

Banjir bandang menewaskan 14 orang di Lembah Hijau, Selasa (3/4/2018).

Menurut petugas, sekitar 14 orang tewas dan 230 rumah rusak berat.

Sebanyak 600 warga mengungsi ke balai desa. Hingga kini korban tewas tercatat 14 orang.
"""


@pytest.fixture
def page(client: Client) -> BeautifulSoup:
    article = ingest_article(text=TEXT).article
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_it_stores_every_mention_with_the_group_of_its_count() -> None:
    article = ingest_article(text=TEXT).article
    rows = [(f.value, f.category, f.group) for f in article.figures.order_by("start")]
    assert rows == [
        (14, "killed", 1),
        (14, "killed", 1),
        (230, "other", 2),
        (600, "displaced", 3),
        (14, "killed", 1),
    ]
    assert Figure.objects.filter(article=article).count() == 5


def test_it_shows_one_card_per_count(page: BeautifulSoup) -> None:
    cards = page.select("#panel-figures article.figure-card")
    assert [card["id"] for card in cards] == [
        "fig-14-killed",
        "fig-230-other",
        "fig-600-displaced",
    ]


def test_a_repeated_count_links_to_each_of_its_mentions_in_the_text(page: BeautifulSoup) -> None:
    links = page.select("#fig-14-killed .figure-mentions li a")
    assert [link.get_text() for link in links] == [
        "“menewaskan 14 orang”",
        "“sekitar 14 orang tewas”",
        "“korban tewas tercatat 14 orang”",
    ]
    marks = [page.select_one(link["href"]) for link in links]
    assert all(
        mark is not None and mark.name == "mark" and "fig" in mark["class"] for mark in marks
    )
    assert page.select_one("#fig-230-other .figure-mentions") is None


def test_every_mark_of_a_count_opens_its_card(page: BeautifulSoup) -> None:
    hrefs = [a["href"] for a in page.select(".article-body mark.fig > a")]
    assert hrefs == [
        "#fig-14-killed",
        "#fig-14-killed",
        "#fig-230-other",
        "#fig-600-displaced",
        "#fig-14-killed",
    ]
