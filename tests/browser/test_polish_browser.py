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
    current = page.locator("mark.is-current")
    for _ in range(counted + 1):
        before = current.get_attribute("id") if current.count() else None
        next_link.click()
        if before is not None and counted > 1:  # wait for the step to land before reading it
            expect(current).not_to_have_id(before)
        visited.append(current.get_attribute("id"))
    # Every counted mention is reached once, then Next comes back to the first.
    assert len(set(visited[:counted])) == counted
    assert visited[counted] == visited[0]


def test_next_goes_on_from_the_mention_the_reader_clicked(page, live_server, seed):
    open_page(page, f"{live_server.url}{seed.get_absolute_url()}?entity=vladimir-putin")
    marks = page.locator('.article-body mark.ent[data-entity="vladimir-putin"]')
    assert marks.count() >= 3
    second, third = marks.nth(1).get_attribute("id"), marks.nth(2).get_attribute("id")
    with page.expect_response(lambda r: "entity=vladimir-putin" in r.url):
        marks.nth(1).locator("a").click()  # draws the card again
    expect(page.locator("#entity-card .entity-card h2")).to_have_text("Vladimir Putin")
    page.locator("#entity-card a[data-step='1']").click()
    expect(page.locator("mark.is-current")).to_have_id(third)
    page.locator("#entity-card a[data-step='-1']").click()
    expect(page.locator("mark.is-current")).to_have_id(second)


# --- 8. errors a person can read --------------------------------------------------------------


def card_request(route_url: str) -> bool:
    return "entity=" in route_url


@pytest.mark.parametrize(
    ("failure", "words"),
    [("answer", "This could not be loaded."), ("connection", "No answer: check your connection.")],
)
def test_a_card_that_fails_to_load_says_so_where_the_reader_clicked(
    page, live_server, seed, console_errors, failure, words
):
    open_page(page, live_server.url + seed.get_absolute_url())

    def fail(route):
        if failure == "answer":
            route.fulfill(status=500, body="boom")
        else:
            route.abort()

    page.route(card_request, fail)
    link = page.locator('.entity-row[data-entity="vladimir-putin"] a[hx-get]')
    link.click()

    message = page.locator('.entity-row[data-entity="vladimir-putin"] .request-error')
    expect(message).to_have_attribute("role", "alert")
    expect(message).to_contain_text(words)
    expect(message.locator("a")).to_have_attribute("href", "?entity=vladimir-putin")

    page.unroute(card_request)
    link.click()
    expect(page.locator("#entity-card .entity-card h2")).to_have_text("Vladimir Putin")
    expect(page.locator(".request-error")).to_have_count(0)
    # Only the failed request itself is reported: no script error, no CSP violation.
    assert [e for e in console_errors if "Content Security Policy" in e or "Uncaught" in e] == []


def test_a_missing_page_is_a_page_a_reader_can_use(page, live_server, transactional_db):
    response = page.goto(live_server.url + "/articles/999/gone/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    page.locator("#error-search-q").fill("putin")
    page.locator("#error-search-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=putin$"))


# --- 9. print ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1366, 700])
def test_print_drops_the_switches_and_the_drawer_button_and_keeps_the_headings(
    browser, live_server, seed, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    open_page(page, live_server.url + seed.get_absolute_url())
    page.emulate_media(media="print")

    expect(page.locator("[data-drawer-toggle]")).to_be_hidden()
    boxes = page.locator(".layer-toggle").evaluate_all(
        "links => links.map(l => getComputedStyle(l, '::before').display)"
    )
    assert boxes and set(boxes) == {"none"}
    for heading in ("#timeline-heading", "#figures-heading", "#entities-heading"):
        expect(page.locator(heading)).to_be_visible()
        box = page.locator(heading).bounding_box()
        assert box["width"] > 20 and box["height"] > 10, heading
    expect(page.locator(".panel-figures .figure-card").first).to_be_visible()
    context.close()


# --- 2. the keyboard path to the annotations ---------------------------------------------------


def focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.id ? '#' + e.id : '') + '|' + (e.getAttribute('role') || e.tagName)"
        " + '|' + e.textContent.trim().slice(0, 40); }"
    )


def test_the_highlights_are_one_tab_stop_and_the_tabs_come_right_after(page, live_server, seed):
    open_page(page, live_server.url + seed.get_absolute_url())
    highlights = page.locator(".article-body mark > a")
    assert highlights.count() > 20
    page.locator("[data-help-open]").focus()  # the last control before the text
    page.keyboard.press("Tab")
    expect(highlights.first).to_be_focused()

    stops = []
    while "|tab|" not in focused(page) and len(stops) < 20:
        page.keyboard.press("Tab")
        stops.append(focused(page))
    summaries = page.locator(".article-body details > summary").count()
    # After the highlights: the inserts' own disclosure buttons (related links, captions),
    # "Back to the text", then the selected tab; no highlight is a stop of its own.
    assert len(stops) == summaries + 2, stops
    assert stops[-2].endswith("Back to the text") and "|tab|" in stops[-1]
    expect(page.locator("#tab-entities")).to_be_focused()


def test_arrows_and_j_k_move_among_the_highlights_and_tab_returns_to_the_last_one(
    page, live_server, seed
):
    open_page(page, live_server.url + seed.get_absolute_url())
    highlights = page.locator(".article-body mark > a")
    highlights.first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(highlights.nth(2)).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(highlights.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(highlights.last).to_be_focused()
    assert page.locator('.article-body mark > a[tabindex="0"]').count() == 1

    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(highlights.last).to_be_focused()

    page.keyboard.press("j")  # j steps to the next name and makes it the group's stop
    current = page.locator("mark.is-current > a")
    expect(current).to_be_focused()
    expect(current).to_have_attribute("tabindex", "0")


@pytest.mark.parametrize("width", [1366, 390])
def test_skip_links_lead_to_the_annotations_and_back(browser, live_server, seed, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    open_page(page, live_server.url + seed.get_absolute_url())
    page.locator("#main").focus()
    page.keyboard.press("Tab")
    skip = page.locator('a[data-skip][href="#sidebar"]')
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#tab-entities")).to_be_focused()
    expect(page.locator("#tab-entities")).to_be_in_viewport()

    page.keyboard.press("Shift+Tab")
    back = page.locator('a[data-skip][href="#article-title"]')
    expect(back).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#article-title")).to_be_focused()
    context.close()


# --- 6. pictures ------------------------------------------------------------------------------


def test_the_share_picture_the_page_names_loads_as_a_1200_by_630_image(page, live_server, seed):
    open_page(page, live_server.url + seed.get_absolute_url() + "?entity=vladimir-putin")
    image_url = page.locator('meta[property="og:image"]').get_attribute("content")
    assert image_url.endswith("share.png?entity=vladimir-putin")
    open_page(page, image_url)
    size = page.evaluate(
        "() => [document.images[0].naturalWidth, document.images[0].naturalHeight]"
    )
    assert size == [1200, 630]


def test_the_entity_page_shows_its_chart_and_the_article_its_time_axis(page, live_server, seed):
    open_page(page, live_server.url + "/entities/vladimir-putin/")
    chart = page.locator(".entity-chart svg[role=img]")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 200
    page.locator(".chart-table summary").click()
    expect(page.locator(".chart-table tbody tr").last).to_have_text(
        re.compile(r"December 2017\s*\d+")
    )
    expect(page.locator(".chart-table tbody tr")).to_have_count(12)

    open_page(page, live_server.url + seed.get_absolute_url())
    page.locator("#tab-timeline").click()
    axis = page.locator("#panel-timeline svg.time-axis")
    expect(axis).to_be_visible()
    expect(axis).to_have_attribute("aria-label", re.compile(r"from 2015 to 2017"))


# --- 7. the entities index --------------------------------------------------------------------


def test_the_entity_index_filters_as_the_reader_types_and_keeps_the_address(
    page, live_server, seed
):
    open_page(page, live_server.url + "/entities/")
    page.evaluate("window.stillTheSamePage = true")
    page.locator("#entity-q").fill("puti")

    expect(page).to_have_url(re.compile(r"/entities/\?q=puti$"))
    items = page.locator("#entity-results .entity-item")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Vladimir Putin")
    page.locator("input[name=sort][value=name]").check()
    expect(page).to_have_url(re.compile(r"/entities/\?q=puti&sort=name$"))
    assert page.evaluate("window.stillTheSamePage") is True

    open_page(page, page.url)  # the pushed address opens the same state
    expect(page.locator("#entity-q")).to_have_value("puti")
    expect(page.locator("#entity-results .entity-item")).to_have_count(1)
