"""The seed article in a real browser: highlights, the timeline, figure cards."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from articles.ingest import ingest_article
from articles.models import Article

# The words a sighted reader sees in each element (screen-reader-only labels left out).
VISIBLE_TEXTS = """els => els.map(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".visually-hidden").forEach(hidden => hidden.remove());
    return copy.textContent.trim();
})"""


@pytest.fixture
def seed_article(transactional_db, seed_text) -> Article:
    return ingest_article(text=seed_text).article


@pytest.fixture
def article_page(live_server, page, seed_article):
    page.goto(live_server.url + seed_article.get_absolute_url())
    return page


def test_the_seed_article_highlights_people_places_and_organisations(article_page, seed_article):
    expect(article_page.locator("h1")).to_have_text(seed_article.title)
    for label in ("per", "loc", "org"):
        expect(article_page.locator(f".article-body mark.ent-{label}").first).to_be_visible()
    putin = article_page.locator('.article-body mark.ent-per[data-entity="vladimir-putin"]')
    assert putin.count() >= 3
    assert set(putin.evaluate_all(VISIBLE_TEXTS)) >= {"Vladimir Putin", "Putin"}


def test_the_seed_timeline_runs_from_september_2015_to_december_2017(article_page):
    times = article_page.locator("ol.timeline li.timeline-entry time[datetime]")

    datetimes = [times.nth(i).get_attribute("datetime") for i in range(times.count())]

    assert datetimes[0] == "2015-09-30"
    assert datetimes[-1] == "2017-12-11"
    assert datetimes == sorted(datetimes)
    expect(article_page.locator("li.timeline-entry.main time")).to_have_attribute(
        "datetime", "2017-12-11"
    )


def test_the_seed_article_has_two_figure_cards(article_page):
    cards = article_page.locator("article.figure-card")

    expect(cards).to_have_count(2)
    values = sorted(cards.locator("data").evaluate_all("els => els.map(e => e.value)"))
    assert values == ["12000000", "465000"]


def test_a_date_in_the_text_leads_to_its_timeline_entry(article_page):
    link = article_page.locator(".article-body mark.date a").first
    target = link.get_attribute("href")

    link.click()

    assert target.startswith("#t-")
    expect(article_page).to_have_url(f"{article_page.url.split('#')[0]}{target}")
    expect(article_page.locator(f"li.timeline-entry{target}")).to_be_in_viewport()


def test_the_article_page_runs_without_script_or_policy_errors(
    live_server, page, console_errors, seed_article
):
    page.goto(live_server.url + seed_article.get_absolute_url())
    page.wait_for_load_state("networkidle")

    assert console_errors == []
