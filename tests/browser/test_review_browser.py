"""An editor reviews the seed article in the browser, as an editor would: rejects a name,
relabels one, adds a missed one by selecting words, merges two entities, fixes a date and a
figure, changes the publication date and publishes; then annotates the article again. Every
decision survives, the log lists them, and a reader sees the corrected article."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from articles.corrections import EDITOR_PERMISSIONS
from articles.ingest import ingest_article
from articles.models import Article, Correction, Entity, Event, Figure, Mention, Review
from tests.browser.test_accessibility_browser import axe_source, serious_violations  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(transactional_db, seed_text) -> Article:
    return ingest_article(text=seed_text, status=Article.Status.DRAFT).article


@pytest.fixture
def editor(transactional_db) -> User:
    # The Editors group comes from a data migration, which the flush after an earlier
    # browser test empties: make it again, from the same list.
    group, _ = Group.objects.get_or_create(name="Editors")
    wanted = {"content_type__app_label": "articles", "codename__in": EDITOR_PERMISSIONS}
    group.permissions.set(Permission.objects.filter(**wanted))
    user = User.objects.create_user("editor", password="review-pw", is_staff=True)
    user.groups.add(group)
    return user


def log_in(page, live_server, user: User, next_path: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "review-pw")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_path}")


def open_card(page, slug: str) -> None:
    page.locator(f'.article-body mark[data-entity="{slug}"] a').first.click()
    expect(page.locator(f'#review-card[data-entity="{slug}"]')).to_be_visible()


def status_says(page, words: str) -> None:
    expect(page.locator("#review-card .review-status")).to_contain_text(words)


def select_words(page, words: str) -> None:
    """Select ``words`` in the article body as a reader's mouse would."""
    page.evaluate(
        """(words) => {
          const walker = document.createTreeWalker(
            document.querySelector('.article-body'), NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const at = node.data.indexOf(words);
            if (at < 0 || node.parentElement.closest('.visually-hidden')) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return;
          }
          throw new Error('words not found: ' + words);
        }""",
        words,
    )


def test_an_editor_reviews_publishes_and_every_decision_survives_reannotation(
    live_server, page, console_errors, draft, editor
):
    review_path = draft.get_absolute_url() + "review/"
    log_in(page, live_server, editor, review_path)
    expect(page.locator("#review-card .review-summary")).to_contain_text("not checked yet")

    # Reject one "Putin" mention, with the keyboard.
    open_card(page, "vladimir-putin")
    rejected = Mention.objects.filter(article=draft, text="Putin").order_by("start").last()
    button = page.locator(f"#review-{rejected.pk} button[data-review-action=reject]")
    button.focus()
    page.keyboard.press("Enter")
    status_says(page, "Rejected")

    # Relabel a "Suriah" mention as an organisation.
    open_card(page, "suriah")
    relabelled = Mention.objects.filter(article=draft, text="Suriah").order_by("start").last()
    row = page.locator(f"#review-{relabelled.pk}")
    row.locator("summary").click()
    row.locator("select[name=label]").first.select_option("ORG")
    row.locator("button[data-review-action=relabel]").click()
    status_says(page, "Type changed")

    # Add a name the machine missed, by selecting its words.
    page.locator("#review-card .card-close").click()
    expect(page.locator("#review-card [data-selection-text]")).to_be_attached()
    select_words(page, "pasukannya")
    expect(page.locator("[data-selection-text]")).to_have_text("“pasukannya”")
    form = page.locator("form[data-selection-form]").first
    form.locator("input[name=name]").fill("Pasukan Rusia")
    form.locator("select[name=label]").select_option("ORG")
    form.locator("button[data-review-action=add-mention]").click()
    status_says(page, "Marked as Pasukan Rusia")

    # Merge Latakia into Suriah, after the preview.
    open_card(page, "latakia")
    page.locator("#review-card select[name=merge]").select_option("suriah")
    page.locator("#review-card button[data-review-action=merge]").click()
    expect(page.locator("#review-card .merge-articles li")).to_have_count(1)
    page.locator("#review-card button.button-primary").click()
    status_says(page, "Merged into Suriah")

    # Fix a date on the timeline.
    page.locator("#tab-timeline").click()
    event = Event.objects.filter(article=draft).order_by("date").first()
    page.locator(f'.timeline-entry[id="{event.key}"] .review-edit').click()
    expect(page.locator("#review-card button[data-review-action=fix-date]")).to_be_visible()
    page.locator("#review-card input[name=value]").fill("2015-10-01")
    page.locator("#review-card button[data-review-action=fix-date]").click()
    status_says(page, "Date saved")

    # Fix a figure.
    page.locator("#tab-figures").click()
    figure = Figure.objects.filter(article=draft).order_by("start").first()
    page.locator(f'.figure-card[id="{figure.key}"] .review-edit').click()
    expect(page.locator("#review-card button[data-review-action=fix-figure]")).to_be_visible()
    page.locator("#review-card input[name=value]").fill("470000")
    page.locator("#review-card select[name=qualifier]").select_option("about")
    page.locator("#review-card button[data-review-action=fix-figure]").click()
    status_says(page, "Figure saved")

    # Change the publication date: the article is annotated again against it.
    page.locator("#review-card .card-close").click()
    page.locator("#review-card summary", has_text="Title, date, outlet").click()
    page.locator("#review-card input[name=published_on]").fill("2017-12-12")
    page.locator("#review-card button[data-review-action=meta]").click()
    status_says(page, "Details saved")

    page.locator("#review-card button[data-review-action=publish]").click()
    status_says(page, "Published")

    page.locator("#review-card button[data-review-action=reannotate]").click()
    status_says(page, "Annotated again")

    # Every decision survived re-annotation.
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert str(draft.published_on) == "2017-12-12" and not draft.published_inferred
    at = {"article": draft}
    assert Mention.objects.get(**at, start=rejected.start).status == Review.REJECTED
    assert Mention.objects.get(**at, start=relabelled.start).entity.label == "ORG"
    assert Mention.objects.get(**at, text="pasukannya").entity.name == "Pasukan Rusia"
    assert not Entity.objects.filter(name="Latakia").exists()
    assert Event.objects.get(**at, start=event.start).value == "2015-10-01"
    assert Figure.objects.get(**at, start=figure.start).value == 470000

    # The log lists them, newest first.
    log = page.locator("#review-card .review-log li")
    expect(log).to_have_count(Correction.objects.filter(article=draft).count())
    assert Correction.objects.filter(article=draft).count() == 8

    # A reader sees the corrected article.
    reader = page.context.browser.new_context().new_page()
    reader.goto(live_server.url + draft.get_absolute_url())
    body = reader.locator(".article-body")
    expect(body.locator("mark.ent", has_text="pasukannya")).to_have_attribute("data-label", "ORG")
    expect(body.locator('mark[data-entity="latakia"]')).to_have_count(0)
    expect(reader.locator(f'.timeline-entry[id="{event.key}"] time')).to_have_attribute(
        "datetime", "2015-10-01"
    )
    expect(reader.locator("time[datetime='2017-12-12']").first).to_be_visible()
    expect(reader.locator(".corrections-log summary")).to_contain_text("Annotations corrected on")
    reader.locator(".corrections-log summary").click()
    expect(reader.locator(".corrections-log li", has_text="no longer marked")).to_have_count(1)
    expect(reader.locator("#review-card")).to_have_count(0)
    expect(reader.locator("[data-review]")).to_have_count(0)
    reader.context.close()
    assert console_errors == []


def test_review_works_on_a_phone_without_losing_the_card(live_server, browser, draft, editor):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server, editor, draft.get_absolute_url() + "review/")
    open_card(page, "basyar-asad")
    page.locator("#review-card button[data-review-action=confirm]").first.tap()
    status_says(page, "Confirmed")
    assert Mention.objects.filter(article=draft, status=Review.CONFIRMED).count() == 1
    context.close()


@pytest.mark.usefixtures("axe_source")
@pytest.mark.parametrize("query", ["", "?entity=vladimir-putin", "?edit=t-2015-09-30"])
def test_review_mode_has_no_serious_accessibility_violation(
    live_server, browser, draft, editor, query
):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server, editor, draft.get_absolute_url() + "review/")
    url = live_server.url + draft.get_absolute_url() + "review/" + query
    assert serious_violations(page, url) == []
    context.close()


def test_a_link_to_an_annotation_that_is_gone_opens_the_article_with_a_note(
    live_server, page, console_errors, draft
):
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    url = live_server.url + draft.get_absolute_url()
    page.goto(url + "#fig-1-killed")
    expect(page.locator("[data-missing-fragment]")).to_be_visible()
    event = Event.objects.filter(article=draft).first()
    page.goto(url + f"#{event.key}")
    expect(page.locator("[data-missing-fragment]")).to_be_hidden()
    assert console_errors == []
