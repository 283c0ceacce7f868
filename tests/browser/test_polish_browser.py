"""Reader polish in a real browser: shared states through redirects, counts that match the
steps, the keyboard path to the annotations, errors a person can read, pictures."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from articles.ingest import ingest_article
from articles.models import Article


@pytest.fixture
def seed(transactional_db, seed_text) -> Article:
    return ingest_article(text=seed_text).article


def open_page(page, address: str):
    page.goto(address)
    page.wait_for_load_state("networkidle")
    return page


# --- 1. shared states survive every redirect ------------------------------------------------


def test_a_shared_card_link_with_an_old_slug_opens_with_its_card(page, live_server, seed):
    old = f"{live_server.url}/articles/{seed.pk}/an-old-title/"
    open_page(page, old + "?entity=vladimir-putin&hide=dates#ent-vladimir-putin--2")

    expect(page).to_have_url(
        re.compile(re.escape(seed.get_absolute_url()) + r"\?entity=vladimir-putin&hide=dates#")
    )
    expect(page.locator("#entity-card .entity-card h2")).to_have_text("Vladimir Putin")
    expect(page.locator("#reader")).to_have_class(re.compile(r"\bhide-dates\b"))


def test_the_short_link_keeps_the_shared_state(page, live_server, seed):
    open_page(page, f"{live_server.url}/articles/{seed.pk}/?entity=vladimir-putin")
    expect(page.locator("#entity-card .entity-card h2")).to_have_text("Vladimir Putin")


# --- 4. counts that match what can be reached -----------------------------------------------


def test_the_card_steps_through_exactly_as_many_mentions_as_it_counts(page, live_server, seed):
    open_page(page, f"{live_server.url}{seed.get_absolute_url()}?entity=vladimir-putin")
    counted = int(re.search(r"\d+", page.locator(".card-count").inner_text()).group())
    next_link = page.locator("#entity-card a[data-step='1']")
    visited = []
    for _ in range(counted + 1):
        next_link.click()
        visited.append(page.locator("mark.is-current").get_attribute("id"))
    # Every counted mention is reached once, then Next comes back to the first.
    assert len(set(visited[:counted])) == counted
    assert visited[counted] == visited[0]
