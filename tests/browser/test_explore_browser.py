"""Exploring an article in a real browser: the entity card over htmx, shared states, layer
switches, tabs and shortcuts by keyboard, the drawer on a phone, copying a link."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.reader_articles import build_article, mention_article


@pytest.fixture
def article(transactional_db) -> Article:
    mention_article("Putin visits Cairo", "putin-visits-cairo", date(2017, 12, 12))
    return build_article()


@pytest.fixture
def url(live_server, article) -> str:
    return live_server.url + article.get_absolute_url()


def open_page(page, address: str):
    page.goto(address)
    page.wait_for_load_state("networkidle")
    return page


def card(page):
    return page.locator("#entity-card .entity-card")


def test_clicking_a_name_opens_its_card_without_a_page_load_and_back_closes_it(
    page, url, console_errors
):
    open_page(page, url)
    page.evaluate("window.stillTheSamePage = true")

    page.locator('.article-body mark[data-entity="novosti"] a').click()

    expect(card(page).locator("h2")).to_have_text("Novosti")
    expect(page).to_have_url(re.compile(r"\?entity=novosti$"))
    expect(page.locator("#card-title")).to_be_focused()
    expect(page.locator('.article-body mark.is-selected[data-entity="novosti"]')).to_have_count(1)
    assert page.evaluate("window.stillTheSamePage") is True

    page.go_back()

    expect(card(page)).to_have_count(0)
    expect(page).to_have_url(url)
    expect(page.locator(".article-body mark.is-selected")).to_have_count(0)
    assert console_errors == []


def test_a_card_opened_by_a_click_is_the_card_the_url_opens(page, url):
    open_page(page, url)
    page.locator('.article-body mark[data-entity="vladimir-putin"] a').first.click()
    expect(card(page).locator("h2")).to_have_text("Vladimir Putin")
    clicked = card(page).inner_html()

    open_page(page, page.url)

    assert card(page).inner_html() == clicked
    expect(card(page).locator(".other-articles")).to_contain_text("Putin visits Cairo")


def test_a_shared_entity_url_opens_with_its_names_marked_and_stepped_through(page, url):
    open_page(page, url + "?entity=vladimir-putin")
    marks = page.locator('.article-body mark.is-selected[data-entity="vladimir-putin"]')
    expect(marks).to_have_count(3)

    next_link = card(page).locator("a[data-step='1']")
    next_link.click()
    expect(page.locator("mark.is-current")).to_have_id("ent-vladimir-putin")
    next_link.click()
    expect(page.locator("mark.is-current")).to_have_id("ent-vladimir-putin--2")
    expect(page.locator('.mention-list a[aria-current="true"]')).to_have_text(re.compile("2$"))
    card(page).locator("a[data-step='-1']").click()
    card(page).locator("a[data-step='-1']").click()
    expect(page.locator("mark.is-current")).to_have_id("ent-vladimir-putin--3")


def test_a_shared_figure_fragment_opens_the_figures_tab_with_the_figure_marked(page, url):
    open_page(page, url + "?figure=fig-465000-killed#fig-465000-killed")
    figure = page.locator("#fig-465000-killed")

    expect(page.locator("#tab-figures")).to_have_attribute("aria-selected", "true")
    expect(figure).to_be_visible()
    expect(figure).to_have_class(re.compile(r"\bis-target\b"))
    expect(figure).to_be_in_viewport()
    expect(page.locator("#panel-timeline")).to_be_hidden()


def test_a_date_in_the_text_opens_its_timeline_entry(page, url):
    open_page(page, url)
    page.locator(".article-body mark.date a").click()

    expect(page.locator("#tab-timeline")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#t-2017-12-11")).to_have_class(re.compile(r"\bis-target\b"))
    expect(page.locator("#t-2017-12-11")).to_be_in_viewport()


def test_layer_switches_hide_highlights_at_once_and_keep_it_in_the_url(page, url):
    open_page(page, url)
    layout = page.locator("#reader")
    switch = page.locator('a[role="switch"][data-layer="per"]')

    switch.click()

    expect(layout).to_have_class(re.compile(r"\bhide-per\b"))
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(page).to_have_url(re.compile(r"\?hide=per$"))
    person = page.locator(".article-body mark.ent-per").first
    assert person.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"

    page.reload()
    expect(layout).to_have_class(re.compile(r"\bhide-per\b"))
    page.locator('a[role="switch"][data-layer="per"]').focus()
    page.keyboard.press(" ")
    expect(layout).not_to_have_class(re.compile(r"\bhide-per\b"))
    expect(page).to_have_url(url)


def test_h_hides_every_highlight_and_shows_them_again(page, url):
    open_page(page, url)
    page.keyboard.press("h")
    expect(page).to_have_url(re.compile(r"\?hide=per,org,loc,dates,figures,sources$"))
    expect(page.locator('a[role="switch"][aria-checked="true"]')).to_have_count(0)
    page.keyboard.press("h")
    expect(page.locator('a[role="switch"][aria-checked="false"]')).to_have_count(0)


def test_a_card_opened_after_hiding_a_layer_keeps_it_hidden(page, url):
    open_page(page, url)
    page.locator('a[role="switch"][data-layer="dates"]').click()
    page.locator('.article-body mark[data-entity="latakia"] a').click()
    expect(card(page).locator("h2")).to_have_text("Latakia")
    expect(page).to_have_url(re.compile(r"\?entity=latakia&hide=dates$"))


def test_the_tabs_follow_the_arrow_home_and_end_keys(page, url):
    open_page(page, url)
    tabs = page.locator('[role="tab"]')
    expect(tabs).to_have_count(4)
    page.locator("#tab-entities").focus()

    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-timeline")).to_be_focused()
    expect(page.locator("#tab-timeline")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#panel-timeline")).to_be_visible()
    expect(page.locator("#panel-entities")).to_be_hidden()
    page.keyboard.press("End")
    expect(page.locator("#tab-sources")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-entities")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#tab-sources")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Home")
    expect(page.locator("#tab-entities")).to_have_attribute("tabindex", "0")
    expect(page.locator("#tab-sources")).to_have_attribute("tabindex", "-1")


def test_number_keys_switch_tabs_but_not_while_typing(page, url):
    open_page(page, url)
    page.locator("body").press("3")
    expect(page.locator("#tab-figures")).to_have_attribute("aria-selected", "true")

    field = page.locator("main input, header input").first
    field.focus()
    page.keyboard.type("2?h")
    expect(page.locator("#tab-figures")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#help-dialog")).not_to_be_visible()
    expect(page.locator('a[role="switch"][aria-checked="false"]')).to_have_count(0)


def test_j_and_k_step_through_the_names(page, url):
    open_page(page, url)
    page.locator("body").press("j")
    expect(page.locator("mark.is-current")).to_have_id("ent-vladimir-putin")
    expect(page.locator("mark.is-current a")).to_be_focused()
    page.keyboard.press("j")
    expect(page.locator("mark.is-current")).to_have_id("ent-basyar-asad")
    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(page.locator("mark.is-current")).to_have_id("ent-vladimir-putin--3")


def test_the_question_mark_opens_the_shortcut_help_and_escape_closes_it(page, url):
    open_page(page, url)
    dialog = page.locator("#help-dialog")
    page.locator("body").press("?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Hide or show all highlights")
    page.keyboard.press("Escape")
    expect(dialog).not_to_be_visible()
    page.locator("[data-help-open]").click()
    expect(dialog).to_be_visible()


def test_escape_closes_the_card(page, url):
    open_page(page, url + "?entity=syria")
    page.locator("#card-title").focus()
    page.keyboard.press("Escape")
    expect(card(page)).to_have_count(0)
    expect(page).to_have_url(url)


def test_on_a_phone_the_sidebar_is_a_drawer(page, url):
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, url)
    button = page.locator("[data-drawer-toggle]")
    sidebar = page.locator("#sidebar")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(sidebar).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(sidebar).to_be_visible()
    expect(page.locator("#tab-entities")).to_be_focused()
    assert sidebar.bounding_box()["y"] > 100  # a sheet over the bottom of the screen

    page.keyboard.press("Escape")
    expect(sidebar).to_be_hidden()
    expect(button).to_be_focused()


def test_on_a_phone_a_shared_figure_opens_the_drawer_at_it(page, url):
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, url + "#fig-465000-killed")
    expect(page.locator("[data-drawer-toggle]")).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#fig-465000-killed")).to_be_in_viewport()


def test_on_a_phone_a_timeline_entry_closes_the_drawer_and_marks_its_sentence(page, url):
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, url)
    page.locator("[data-drawer-toggle]").click()
    page.locator("#tab-timeline").click()

    page.locator("#t-2017-12-11 .timeline-when a").click()

    expect(page.locator("#sidebar")).to_be_hidden()
    sentence = page.locator(".article-body .sentence.is-target")
    expect(sentence).to_have_count(1)
    expect(sentence).to_contain_text("Monday (11/12/2017)")
    expect(sentence).to_be_in_viewport()


def test_on_a_wide_screen_there_is_no_drawer(page, url):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, url)
    expect(page.locator("[data-drawer-toggle]")).to_be_hidden()
    expect(page.locator("#sidebar")).to_be_visible()


def test_copy_link_copies_the_shared_url(page, url, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    open_page(page, url)
    page.locator("#tab-figures").click()
    copy = page.locator("#fig-465000-killed a.copy-link")

    copy.click()

    expect(copy.locator(".copy-label")).to_have_text("Copied")
    expect(page.locator("#reader-status")).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{url}?figure=fig-465000-killed#fig-465000-killed"
    expect(page).to_have_url(url)


def test_the_whole_tour_runs_without_script_or_policy_errors(page, url, console_errors):
    open_page(page, url + "?entity=vladimir-putin#t-2017-12-11")
    page.keyboard.press("j")
    page.keyboard.press("h")
    page.locator('.article-body mark[data-entity="syria"] a').click()
    expect(card(page).locator("h2")).to_have_text("Syria")
    page.go_back()
    page.keyboard.press("?")
    page.keyboard.press("Escape")
    assert console_errors == []
