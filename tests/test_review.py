"""Review mode: who may use it, what it shows, its plain POSTs and htmx partials, what readers
see afterwards (no drafts, no rejected names, the correction log), and its query budget."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from articles.ingest import ingest_article
from articles.models import Article, Correction, Entity, Event, Figure, Mention, Review
from tests.test_article_page import build_long_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(seed_text: str) -> Article:
    return ingest_article(text=seed_text, status=Article.Status.DRAFT).article


@pytest.fixture
def editor() -> User:
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor: User) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def review_url(article: Article) -> str:
    return article.get_absolute_url() + "review/"


def act_url(article: Article, name: str) -> str:
    return f"/articles/{article.pk}/review/{name}/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_editors_group_holds_exactly_the_review_permissions():
    from articles.corrections import EDITOR_PERMISSIONS

    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == set(EDITOR_PERMISSIONS)
    assert set(group.permissions.values_list("content_type__app_label", flat=True)) == {"articles"}
    assert "review_article" in codenames
    assert {"add_article", "change_article", "change_entity"} <= codenames
    assert not {"delete_article", "delete_entity", "change_correction"} & codenames


def test_readers_and_staff_without_the_permission_get_403(client: Client, article: Article):
    assert client.get(review_url(article)).status_code == 403
    mention = Mention.objects.filter(article=article).first()
    post = {"target": mention.pk, "status": "rejected"}
    assert client.post(act_url(article, "mention-status"), post).status_code == 403
    staff = User.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(review_url(article)).status_code == 403
    assert client.post(act_url(article, "mention-status"), post).status_code == 403
    # Staff see the draft read-only: no review link, no controls.
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one(".draft-note") is not None
    assert page.select_one(".review-link") is None and page.select_one("#reader form") is None
    assert Mention.objects.get(pk=mention.pk).status == Review.MACHINE


def test_actions_check_csrf(editor: User, article: Article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    mention = Mention.objects.filter(article=article).first()
    response = client.post(act_url(article, "mention-status"), {"target": mention.pk})
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_actions_are_post_only(editor_client: Client, article: Article):
    assert editor_client.get(act_url(article, "publish")).status_code == 405


def test_review_page_marks_say_where_each_annotation_stands(editor_client, article):
    mention = Mention.objects.filter(article=article).order_by("start").last()
    Mention.objects.filter(pk=mention.pk).update(status=Review.CONFIRMED)
    page = soup(editor_client.get(review_url(article)))
    marks = page.select(".review-mode .article-body mark.ent")
    assert len(marks) > 30 and all(mark.get("data-review") for mark in marks)
    assert {mark["data-review"] for mark in marks} == {"machine", "confirmed"}
    assert page.select_one("#review-card .review-summary") is not None
    assert page.select_one(".article-body p[data-start]") is not None
    assert page.select_one('button[data-review-action="publish"]') is not None


def test_entity_card_in_review_lists_its_mentions_with_controls(editor_client, article):
    entity = Entity.objects.get(name="Vladimir Putin")
    page = soup(editor_client.get(review_url(article) + f"?entity={entity.slug}"))
    rows = page.select("#review-card .review-mention")
    assert len(rows) == Mention.objects.filter(article=article, entity=entity).count() > 1
    assert rows[0].select_one('button[data-review-action="reject"]') is not None
    assert rows[0].select_one("form[action][method=post] input[name=csrfmiddlewaretoken]")


def test_reject_as_plain_post_redirects_and_readers_no_longer_see_it(editor_client, article):
    editor_client.post(act_url(article, "publish"), {})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    selector = '.article-body mark[data-entity="vladimir-putin"]'
    shown = len(soup(Client().get(article.get_absolute_url())).select(selector))
    mention = Mention.objects.filter(article=article, text="Putin").order_by("start").last()
    response = editor_client.post(
        act_url(article, "mention-status"), {"target": mention.pk, "status": "rejected"}
    )
    assert response.status_code == 302 and response["Location"].startswith(review_url(article))
    reader = soup(Client().get(article.get_absolute_url()))
    assert len(reader.select(selector)) == shown - 1
    log = reader.select(".corrections-log li")
    assert [item.get_text() for item in log] == ["“Putin” is no longer marked as a name."]


def test_after_a_plain_post_the_card_says_what_was_done_where_the_editor_acted(
    editor_client, article
):
    mention = Mention.objects.filter(article=article, text="Putin").order_by("start").last()
    response = editor_client.post(
        act_url(article, "mention-status"),
        {"target": mention.pk, "status": "rejected"},
        follow=True,
    )
    page = soup(response)

    assert page.select_one("#review-card .review-status").get_text(strip=True)
    assert not page.select(".messages")  # said once, in the card, not again at the page's top


def test_htmx_answer_is_the_reader_partial(editor_client, article):
    event = Event.objects.filter(article=article).first()
    response = editor_client.post(
        act_url(article, "event-fix"),
        {"target": event.pk, "value": "2016-03-15", "back": f"edit={event.key}"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="reader",
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("html") is None  # a fragment, not a page
    assert page.select_one("article.article") and page.select_one("aside#sidebar")
    assert "Date saved." in page.select_one(".review-status").get_text()
    assert Event.objects.get(pk=event.pk).value == "2016-03-15"


def test_bad_input_gives_a_message_and_changes_nothing(editor_client, article):
    event = Event.objects.filter(article=article).first()
    response = editor_client.post(
        act_url(article, "event-fix"),
        {"target": event.pk, "value": "2016-02-31"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert soup(response).select_one(".review-error") is not None
    # Without htmx: back to the review page with the message.
    response = editor_client.post(act_url(article, "mention-add"), {"start": "x", "end": "1"})
    assert response.status_code == 302
    response = editor_client.post(act_url(article, "nonsense"), {})
    assert response.status_code == 404
    assert not Correction.objects.exists()


def test_add_mention_from_offsets_checks_them_against_the_text(editor_client, article):
    text = article.body_text
    start = text.index("pasukannya")
    response = editor_client.post(
        act_url(article, "mention-add"),
        {"start": start, "end": start + 10, "name": "Pasukan Rusia", "label": "ORG"},
    )
    assert response.status_code == 302
    added = Mention.objects.get(article=article, start=start)
    assert (added.text, added.entity.name, added.status) == (
        "pasukannya",
        "Pasukan Rusia",
        "edited",
    )
    response = editor_client.post(
        act_url(article, "mention-add"),
        {"start": len(text) - 2, "end": len(text) + 40, "name": "X", "label": "ORG"},
    )
    assert response.status_code == 302
    assert Mention.objects.filter(article=article, entity__name="X").count() == 0


def test_merge_is_previewed_then_done(editor_client, article):
    source = Entity.objects.get(name="Rusia")
    target = Entity.objects.get(name="Suriah")
    page = soup(
        editor_client.get(review_url(article) + f"?entity={source.slug}&merge={target.slug}")
    )
    assert "Merge" in page.select_one("#card-title").get_text()
    assert page.select(".merge-articles li")
    assert Entity.objects.filter(pk=source.pk).exists()
    editor_client.post(act_url(article, "entity-merge"), {"target": source.pk, "into": target.slug})
    assert not Entity.objects.filter(pk=source.pk).exists()
    # The old entity page leads to the merged one.
    response = Client().get(f"/entities/{source.slug}/")
    assert response.status_code == 301 and response["Location"].endswith(f"/{target.slug}/")


def test_figure_fix_and_undo_through_the_page(editor_client, article):
    figure = Figure.objects.filter(article=article).first()
    fields = {"target": figure.pk, "value": "999", "qualifier": "about", "category": "killed"}
    editor_client.post(act_url(article, "figure-fix"), fields)
    assert Figure.objects.get(pk=figure.pk).value == 999
    correction = Correction.objects.get(action="figure.fix")
    editor_client.post(act_url(article, "undo"), {"target": correction.pk})
    restored = Figure.objects.get(article=article, start=figure.start)
    assert restored.value == figure.value and restored.status == Review.MACHINE
    assert Correction.objects.get(pk=correction.pk).undone_at is not None


def test_readers_never_see_a_draft_anywhere(client: Client, article: Article):
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").content.decode()
    entity = Entity.objects.get(name="Vladimir Putin")
    assert client.get(f"/entities/{entity.slug}/").status_code == 404
    assert entity.name not in client.get("/entities/").content.decode()


def test_the_entity_card_says_when_a_name_was_confirmed(editor_client, article):
    entity = Entity.objects.get(name="Vladimir Putin")
    editor_client.post(act_url(article, "entity-confirm"), {"target": entity.pk})
    page = soup(editor_client.get(review_url(article) + f"?entity={entity.slug}"))
    assert "by an editor on" in page.select_one(".entity-confirmation").get_text()


def test_review_page_query_count_does_not_grow_with_mentions(editor, django_assert_max_num_queries):
    article = build_long_article(600)
    client = Client()
    client.force_login(editor)
    client.get(review_url(article))  # warm the session and permission caches
    # Measured: 12 and 15 (session, user and permissions included), for 600 mentions as
    # for the seed's 46.
    with django_assert_max_num_queries(13):
        response = client.get(review_url(article))
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        response = client.get(review_url(article) + "?entity=putin")
    assert len(soup(response).select(".review-mention")) == 200


def test_admin_change_page_and_lists_make_a_constant_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    article = build_long_article(300)
    # Measured: 7 (it was one query per mention: 55 for the seed).
    with django_assert_max_num_queries(8):
        response = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    assert response.content.decode().count('class="field-entity"') >= 300
    for path in ("article", "entity", "correction", "wikidataitem"):
        with django_assert_max_num_queries(7):
            assert admin_client.get(f"/admin/articles/{path}/").status_code == 200


def test_admin_detail_change_reannotates_and_is_logged(admin_client, article):
    fields = {
        "title": article.title,
        "slug": article.slug,
        "status": "draft",
        "language": "id",
        "published_on": "2018-01-15",
        "outlet": article.outlet,
        "url": "",
    }
    for prefix in ("mentions", "events", "figures", "attributions"):
        fields |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(f"/admin/articles/article/{article.pk}/change/", fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert str(article.published_on) == "2018-01-15" and not article.published_inferred
    assert Correction.objects.get(article=article).action == "article.meta"
    assert Event.objects.filter(article=article).exists()


def test_paste_saves_a_draft_unless_published(admin_client, seed_text):
    admin_client.post("/admin/articles/article/add/", {"text": seed_text, "status": "draft"})
    assert Article.objects.get().status == Article.Status.DRAFT
    Article.objects.all().delete()
    admin_client.post(
        "/admin/articles/article/add/", {"text": seed_text, "status": "draft", "_publish": "1"}
    )
    assert Article.objects.get().status == Article.Status.PUBLISHED


def test_publishing_from_the_paste_form_needs_the_review_permission(client, seed_text):
    user = User.objects.create_user("paster", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(user)
    client.post(
        "/admin/articles/article/add/", {"text": seed_text, "_publish": "1", "status": "draft"}
    )
    assert Article.objects.get().status == Article.Status.DRAFT


@pytest.mark.parametrize(
    "junk",
    [
        {},
        {"target": "x", "start": "-1", "end": "99999999", "value": "∞", "label": "ZZZ"},
        {"target": "999999", "status": "nope", "entity": "no-such", "into": "", "kind": "x"},
        {"target": "999998", "start": "5", "end": "2", "published_on": "2017-02-30", "title": " "},
    ],
)
def test_no_input_makes_an_action_fail_with_a_server_error(editor_client, article, junk):
    from articles.views.review import ACTIONS

    for name in ACTIONS:
        if name in ("publish", "reannotate"):
            continue  # take no input
        response = editor_client.post(act_url(article, name), junk)
        assert response.status_code in (302, 404), (name, response.status_code)
        response = editor_client.post(act_url(article, name), junk, HTTP_HX_REQUEST="true")
        assert response.status_code in (200, 404), (name, response.status_code)
    assert not Correction.objects.exists()


def test_review_page_ignores_unknown_state(editor_client, article):
    for query in ("?entity=nobody", "?edit=t-1999", "?entity=suriah&merge=suriah", "?merge=x"):
        assert editor_client.get(review_url(article) + query).status_code == 200


def test_admin_entity_changes_are_corrections(admin_client, article):
    entity = Entity.objects.get(name="Rusia")
    fields = {
        "name": "Federasi Rusia",
        "label": "LOC",
        "slug": entity.slug,
        "aliases": "[]",
        "description": "",
        "wikidata_id": "",
    }
    response = admin_client.post(f"/admin/articles/entity/{entity.pk}/change/", fields)
    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.name == "Federasi Rusia" and entity.confirmed and "Rusia" in entity.aliases
    correction = Correction.objects.get(entity=entity)
    assert correction.action == "entity.edit" and correction.before["name"] == "Rusia"
