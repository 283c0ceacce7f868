"""Counts that match what can be reached: a card's, the sidebar's and the entity page's count
of an entity's mentions in an article is the number of marks Previous/Next steps through."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.ingest import ingest_article
from articles.models import Article, Mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(seed_text: str) -> Article:
    return ingest_article(text=seed_text).article


def soup(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def number(text: str) -> int:
    return int(re.search(r"\d+", text).group())


def test_every_count_is_the_number_of_marks_to_step_through(client: Client, seed: Article):
    page = soup(client, seed.get_absolute_url())
    slugs = sorted(set(Mention.objects.filter(article=seed).values_list("entity__slug", flat=True)))
    checked_title = False
    for slug in slugs:
        marks = page.select(f'.article-body mark.ent[data-entity="{slug}"]')
        row = page.select_one(f'.entity-row[data-entity="{slug}"] .count')
        card = soup(client, f"{seed.get_absolute_url()}?entity={slug}")
        steps = card.select(".mention-steps .mention-list a")
        counted = number(card.select_one(".card-count").get_text())
        forms = sum(number(c.get_text()) for c in card.select(".surface-forms .count"))
        assert number(row.get_text()) == counted == len(steps) == len(marks) == forms, slug
        if card.select_one(".card-count .in-title"):
            checked_title = True
        item = soup(client, f"/entities/{slug}/").select_one(".entity-article .count")
        assert number(item.get_text()) == len(marks), slug
    # The seed's title names people that are also in its body: the case this is about.
    assert checked_title


def test_the_legend_counts_what_the_sidebar_lists(client: Client, seed: Article) -> None:
    page = soup(client, seed.get_absolute_url())
    legend = {
        item.select_one("mark")["data-label"]: number(item.select_one(".legend-count").get_text())
        for item in page.select(".legend-items li")
        if item.select_one("mark[data-label]")
    }
    groups = {
        chip["class"][-1].removeprefix("ent-").upper(): number(h3.select_one(".count").get_text())
        for h3 in page.select(".entity-group-title")
        for chip in h3.select(".type-chip")
    }
    assert legend and {label: groups.get(label, 0) for label in legend} == legend
    timeline = page.select(".panel-timeline .timeline-entry")
    figures = page.select(".panel-figures .figure-card")
    counts = {
        item.select_one("mark")["class"][0]: number(item.select_one(".legend-count").get_text())
        for item in page.select(".legend-items li")
    }
    assert counts["date"] == len(timeline) and counts["fig"] == len(figures)
