"""Search as one types, and the language switch, in a real browser."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from articles.models import Article, Figure

TITLE_RESULTS = "#search-results h2"


def make_article(title: str, body: str, published: date, **fields) -> Article:
    text = f"{title}\n\n{body}\n"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return Article.objects.create(
        text=text, content_hash=slug, title=title, slug=slug, published_on=published, **fields
    )


@pytest.fixture
def collection(transactional_db) -> dict[str, Article]:
    flood = make_article(
        "Banjir Jakarta", "Sekitar 465.000 warga mengungsi, kata BNPB.", date(2017, 12, 11)
    )
    start = flood.body_text.index("465.000")
    Figure.objects.create(
        article=flood,
        key="fig-465000-displaced",
        start=start,
        end=start + 7,
        text="465.000 warga",
        value=465000,
        qualifier="about",
        category="displaced",
    )
    quake = make_article("Gempa Palu", "Gempa mengguncang Palu dan Donggala.", date(2018, 9, 28))
    return {"flood": flood, "quake": quake}


def test_results_update_as_one_types_and_the_address_follows(live_server, page, collection):
    page.goto(f"{live_server.url}/search/")
    page.evaluate("window.loadedOnce = true")

    page.locator("#search-q").press_sequentially("banj", delay=40)

    expect(page.locator(TITLE_RESULTS)).to_have_text(["Banjir Jakarta"])
    expect(page.locator("#search-results mark.hit")).to_have_text(["Banjir"])
    expect(page).to_have_url(f"{live_server.url}/search/?q=banj")
    # The results were swapped in: the page itself never reloaded.
    assert page.evaluate("window.loadedOnce") is True


def test_a_filter_updates_the_results_and_the_address(live_server, page, collection):
    page.goto(f"{live_server.url}/search/")

    page.locator("#filter-year").select_option("2018")

    expect(page.locator(TITLE_RESULTS)).to_have_text(["Gempa Palu"])
    expect(page).to_have_url(f"{live_server.url}/search/?year=2018")


def test_back_brings_back_the_previous_search(live_server, page, collection):
    page.goto(f"{live_server.url}/search/")
    box = page.locator("#search-q")
    box.press_sequentially("banjir", delay=20)
    expect(page).to_have_url(re.compile(r"q=banjir$"))
    box.fill("")
    box.press_sequentially("gempa", delay=20)
    expect(page.locator(TITLE_RESULTS)).to_have_text(["Gempa Palu"])

    page.go_back()

    expect(page).to_have_url(re.compile(r"q=banjir$"))
    expect(page.locator(TITLE_RESULTS)).to_have_text(["Banjir Jakarta"])


def test_the_header_box_searches_from_any_page(live_server, page, collection):
    page.goto(f"{live_server.url}/")

    page.locator("#site-search-q").fill("palu")
    page.locator("#site-search-q").press("Enter")

    expect(page).to_have_url(f"{live_server.url}/search/?q=palu")
    expect(page.locator(TITLE_RESULTS)).to_have_text(["Gempa Palu"])
    expect(page.locator("#search-q")).to_have_value("palu")


def test_the_language_switch_keeps_the_state_the_reader_reached(live_server, page, collection):
    page.goto(f"{live_server.url}/search/")
    page.locator("#search-q").press_sequentially("banjir", delay=20)
    expect(page).to_have_url(f"{live_server.url}/search/?q=banjir")

    page.get_by_role("button", name="Bahasa Indonesia").click()

    expect(page).to_have_url(f"{live_server.url}/search/?q=banjir")
    expect(page.locator("h1")).to_have_text("Cari")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator(".result-count")).to_have_text("1 artikel ditemukan")
    expect(page.get_by_role("button", name="Bahasa Indonesia")).to_have_attribute(
        "aria-pressed", "true"
    )

    page.get_by_role("button", name="English").click()

    expect(page.locator("h1")).to_have_text("Search")


def test_the_language_switch_keeps_a_shared_fragment(live_server, page, collection):
    flood = collection["flood"]
    page.goto(f"{live_server.url}{flood.get_absolute_url()}#fig-465000-displaced")

    page.get_by_role("button", name="Bahasa Indonesia").click()

    expect(page).to_have_url(f"{live_server.url}{flood.get_absolute_url()}#fig-465000-displaced")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator('data[value="465000"]').first).to_have_text("465.000")


def test_the_search_page_runs_without_script_or_policy_errors(
    live_server, page, console_errors, collection
):
    page.goto(f"{live_server.url}/search/")
    page.locator("#search-q").press_sequentially("gempa", delay=20)
    expect(page.locator(TITLE_RESULTS)).to_have_text(["Gempa Palu"])
    page.wait_for_load_state("networkidle")

    assert console_errors == []
