"""An editor pastes an article in the admin, previews it (htmx), saves it, lands on it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from articles.models import Article

ADD_PATH = "/admin/articles/article/add/"


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next={ADD_PATH}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{ADD_PATH}")


def test_an_editor_pastes_previews_and_saves_the_seed_article(
    live_server, page, console_errors, admin_user, seed_text
):
    log_in(page, live_server, admin_user.username, "password")
    page.fill("#id_text", seed_text)

    page.click("#preview-button")

    preview = page.locator("#preview")
    expect(preview.locator("mark.ent-per").first).to_be_visible()
    expect(preview.locator("article.figure-card")).to_have_count(2)
    expect(preview.locator("ol.timeline time").first).to_have_attribute("datetime", "2015-09-30")
    assert page.url.endswith(ADD_PATH), "the preview is swapped in, not a new page"
    assert Article.objects.count() == 0

    page.click("input[name=_save]")

    page.wait_for_url(re.compile(r"/articles/\d+/[\w-]+/$"))
    article = Article.objects.get()
    assert page.url == live_server.url + article.get_absolute_url()
    expect(page.locator("h1")).to_have_text(
        "Bertemu Asad, Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"
    )
    assert console_errors == []


def test_the_paste_form_shows_why_empty_text_cannot_be_saved(live_server, page, admin_user):
    log_in(page, live_server, admin_user.username, "password")
    page.fill("#id_text", "   ")

    page.click("input[name=_save]")

    expect(page.locator(".errorlist")).to_contain_text("The text is empty")
    assert Article.objects.count() == 0
