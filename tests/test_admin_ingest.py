"""The admin's paste form: who may use it, preview (nothing stored), save, bad input, CSRF."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.ingest import MAX_TEXT_CHARS, hash_text
from articles.models import Article, Entity
from tests.html_ids import element

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
PREVIEW_URL = reverse("admin:articles_article_preview")
SHORT_TEXT = "Presiden Joko Widodo tiba di Jakarta pada Senin (11/12/2017).\n"


def paste(text: str, **fields: str) -> dict[str, str]:
    return {"text": text, "status": "published", **fields}


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Who may paste.


@pytest.mark.parametrize("url", [ADD_URL, PREVIEW_URL])
def test_anonymous_visitors_are_sent_to_the_login_page_and_nothing_is_stored(client, url):
    response = client.post(url, paste(SHORT_TEXT))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert Article.objects.count() == 0


def test_users_who_are_not_staff_cannot_open_the_paste_form(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))

    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_the_add_permission_are_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("viewer", is_staff=True))

    assert client.get(ADD_URL).status_code == 403
    assert client.post(PREVIEW_URL, paste(SHORT_TEXT)).status_code == 403


def test_staff_with_the_add_permission_may_paste(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(editor)

    assert client.get(ADD_URL).status_code == 200


# The form.


def test_the_add_page_is_a_paste_form_with_optional_fields_and_a_preview_button(admin_client):
    html = admin_client.get(ADD_URL).content.decode()

    assert re.search(r'<textarea name="text"[^>]*required', html)
    for name in ("title", "outlet", "url", "published"):
        assert re.search(rf'<input type="[a-z]+" name="{name}"(?![^>]*required)[^>]*>', html)
    assert '<select name="language"' in html
    assert 'type="date" name="published"' in html
    assert f'hx-post="{PREVIEW_URL}"' in html
    assert f'formaction="{PREVIEW_URL}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "django_htmx/htmx-2.min.js" in html


# Preview: annotated, not stored.


def test_preview_returns_the_annotated_article_as_a_fragment_and_stores_nothing(
    admin_client, seed_text
):
    response = admin_client.post(PREVIEW_URL, paste(seed_text), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'class="ent ent-per"' in html
    assert html.count('class="figure-card') == 2
    assert '<ol class="timeline">' in html
    assert (Article.objects.count(), Entity.objects.count()) == (0, 0)


def test_preview_shows_the_editors_title_instead_of_the_proposed_one(admin_client):
    response = admin_client.post(
        PREVIEW_URL, paste(SHORT_TEXT, title="Judul pilihan editor"), HTTP_HX_REQUEST="true"
    )

    assert '<h1 id="article-title">Judul pilihan editor</h1>' in response.content.decode()


def test_preview_without_javascript_returns_the_whole_page_with_the_form_kept(admin_client):
    response = admin_client.post(PREVIEW_URL, paste(SHORT_TEXT, outlet="Kompas"))

    html = response.content.decode()
    assert "<html" in html
    assert 'id="paste-form"' in html
    assert 'value="Kompas"' in html
    assert "Preview: not saved yet" in html
    assert Article.objects.count() == 0


def test_preview_of_empty_text_says_what_is_wrong(admin_client):
    response = admin_client.post(PREVIEW_URL, paste("  \n "), HTTP_HX_REQUEST="true")

    assert "correct the errors" in response.content.decode()
    assert Article.objects.count() == 0


def test_preview_only_answers_posts(admin_client):
    assert admin_client.get(PREVIEW_URL).status_code == 405


# Save.


def test_preview_gives_annotations_the_same_fragment_ids_as_the_saved_page(admin_client, seed_text):
    preview = admin_client.post(PREVIEW_URL, paste(seed_text), HTTP_HX_REQUEST="true")
    saved = admin_client.post(ADD_URL, paste(seed_text))
    page = admin_client.get(saved.url)

    def fragment_ids(html: str) -> set[str]:
        return set(re.findall(r'id="((?:t|fig|src)-[\w-]+)"', html))

    preview_ids = fragment_ids(preview.content.decode())
    assert {"t-2015-09-30", "fig-465000-killed"} <= preview_ids
    assert any(key.startswith("src-aljazeera") for key in preview_ids)
    assert preview_ids == fragment_ids(page.content.decode())


def test_saving_stores_the_article_and_leads_to_its_page(admin_client):
    response = admin_client.post(ADD_URL, paste(SHORT_TEXT, title="Jokowi di Jakarta"))

    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == article.get_absolute_url()
    assert article.title == "Jokowi di Jakarta"
    assert article.text == SHORT_TEXT
    assert messages_of(response) == ["Stored and annotated “Jokowi di Jakarta”."]
    assert LogEntry.objects.get().object_id == str(article.pk)
    assert admin_client.get(response.url).status_code == 200


def test_saving_a_text_already_stored_leads_to_the_stored_article_and_says_so(admin_client):
    first = admin_client.post(ADD_URL, paste(SHORT_TEXT))
    second = admin_client.post(ADD_URL, paste(SHORT_TEXT.replace("\n", "\r\n")))

    assert second.url == first.url
    assert Article.objects.count() == 1
    assert "already stored" in messages_of(second)[-1]


def test_the_article_page_tells_the_editor_the_text_was_already_stored(admin_client):
    admin_client.post(ADD_URL, paste(SHORT_TEXT), follow=True)

    response = admin_client.post(ADD_URL, paste(SHORT_TEXT), follow=True)

    assert response.status_code == 200
    assert "This text is already stored as" in response.content.decode()


def test_saving_keeps_the_chosen_status(admin_client):
    admin_client.post(ADD_URL, paste(SHORT_TEXT, status="draft"))

    assert Article.objects.get().status == Article.Status.DRAFT


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required."),
        ("   \r\n\t ", "The text is empty"),
        ("x" * (MAX_TEXT_CHARS + 1), "The text is too long"),
        ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This does not look like text"),
    ],
    ids=["empty", "whitespace", "too-long", "binary"],
)
def test_bad_text_gets_a_clear_message_on_the_form_and_nothing_is_stored(
    admin_client, text, message
):
    response = admin_client.post(ADD_URL, paste(text))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'id="paste-form"' in response.content.decode()
    assert Article.objects.count() == 0


def test_a_malformed_url_or_date_is_refused_on_the_form(admin_client):
    response = admin_client.post(
        ADD_URL, paste(SHORT_TEXT, url="not a url", published="11/12/2017x")
    )

    html = response.content.decode()
    assert "Enter a valid URL." in html
    assert "Enter a valid date." in html
    assert Article.objects.count() == 0


# CSRF.


@pytest.fixture
def csrf_client(admin_user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("url", [ADD_URL, PREVIEW_URL])
def test_posts_without_the_csrf_token_are_refused(csrf_client, url):
    response = csrf_client.post(url, paste(SHORT_TEXT), HTTP_HX_REQUEST="true")

    assert response.status_code == 403
    assert Article.objects.count() == 0


def test_posts_with_the_forms_csrf_token_are_accepted(csrf_client):
    csrf_client.get(ADD_URL)
    token = csrf_client.cookies["csrftoken"].value

    response = csrf_client.post(ADD_URL, paste(SHORT_TEXT) | {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Article.objects.count() == 1


# The change page.


def test_the_change_page_lists_the_stored_fields_and_annotations(admin_client):
    admin_client.post(ADD_URL, paste(SHORT_TEXT, title="Jokowi di Jakarta"))
    article = Article.objects.get()

    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert article.content_hash in html
    assert 'value="Jokowi di Jakarta"' in html
    assert "Mentions" in html


# Hostile input: the admin answers with the article or a message on the form, never 500.

ADMIN_HOSTILE_CHARACTERS = st.one_of(
    st.characters(categories=["Zs"]),
    st.sampled_from(["\u2028", "\u2029", "\r", "\x85", "\x0b", "\u200b", "\ufeff", "\x07"]),
    st.sampled_from(["😀", "🇮🇩", "👩‍👩‍👧", "\u200f", "\u202e", "שלום", "مرحبا"]),
)
ADMIN_WORDS = st.sampled_from(
    ["Presiden", "Joko Widodo", "mengatakan,", "kata", "Kemarin", "Tahun depan", "Senin (4/9)",
     "12 orang", "tewas", "Jakarta -", "\n\n", ".", "x" * 130]
)  # fmt: skip
ADMIN_TEXT = st.lists(st.one_of(ADMIN_WORDS, ADMIN_HOSTILE_CHARACTERS), max_size=40).map(" ".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=ADMIN_TEXT,
    title=st.sampled_from(["", "x" * 300, "ß" * 200, "Judul 😀"]),
    published=st.sampled_from(["", "0001-01-01", "9999-12-31", "2017-12-11", "31/02/2017"]),
    url=st.sampled_from(["", "https://x.id/2017/12/11/a", "https://x.id/" + "a" * 600]),
)
@example(text="Ia mengatakan,\u00a0 kata Budi.", title="", published="", url="")
@example(text="Polisi menangkap dua orang kemarin.", title="", published="0001-01-01", url="")
@example(text="Pemilu digelar tahun depan.", title="", published="9999-12-31", url="")
def test_hostile_pastes_never_answer_500(admin_client, text, title, published, url):
    fields = paste(text, title=title, published=published, url=url)
    preview = admin_client.post(PREVIEW_URL, fields, HTTP_HX_REQUEST="true")
    saved = admin_client.post(ADD_URL, fields)

    assert preview.status_code == 200
    assert saved.status_code in (200, 302)
    if saved.status_code == 302:
        article = Article.objects.get(content_hash=hash_text(text))
        assert len(article.slug) <= 120
        assert admin_client.get(saved.url).status_code == 200


def test_a_title_whose_slug_has_no_hyphen_fits_the_slug_column(admin_client):
    response = admin_client.post(ADD_URL, paste(SHORT_TEXT, title="a" * 130))

    assert response.status_code == 302
    assert len(Article.objects.get().slug) == 120


def test_preview_says_next_to_the_date_field_when_no_publication_date_is_found(admin_client):
    response = admin_client.post(
        PREVIEW_URL, paste("Banjir melanda Bekasi, Senin (4/9).\n\nWarga mengungsi.\n")
    )
    html = response.content.decode()

    _, note = element(html, "published-note")
    assert "No publication date found" in note
    assert html.index('id="id_published"') < html.index('id="published-note"')
    assert "4 September, year unknown" in element(html, "preview")[1]


def test_preview_reads_the_publication_date_from_the_original_url(admin_client):
    text = "Banjir melanda Bekasi, Senin (4/9).\n\nWarga mengungsi.\n"
    response = admin_client.post(
        PREVIEW_URL,
        paste(text, url="https://news.example.com/read/2017/09/04/123/banjir"),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()

    attrs, note = element(html, "published-note")
    assert attrs.get("hx-swap-oob") == "true"
    assert "4 September 2017, read from the original URL" in note
    assert "year unknown" not in html


def test_a_failed_stage_is_shown_in_preview_and_the_article_is_stored_marked(
    admin_client, monkeypatch
):
    import articles.annotate as pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "find_figures", broken)
    fields = paste("Lima warga tewas di Jakarta, Senin (11/12/2017).\n")

    preview = admin_client.post(PREVIEW_URL, fields).content.decode()
    saved = admin_client.post(ADD_URL, fields)

    assert "figures: IndexError" in element(preview, "annotation-problems")[1]
    article = Article.objects.get()
    assert saved.status_code == 302
    assert [problem["stage"] for problem in article.annotation_errors] == ["figures"]
    changelist = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert re.search(r'<td class="field-fully_annotated"><img [^>]*alt="False"', changelist)
    change = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "figures stage failed" in change.content.decode()


def test_preview_and_save_show_the_same_proposed_title_and_keep_the_lead_in_the_body(
    admin_client,
):
    text = (
        "Jakarta, CNN Indonesia -- Polisi menangkap dua pelaku pencurian di Bekasi, Senin "
        "(4/9/2017).\n\nKeduanya kini ditahan di Polres Bekasi.\n"
    )
    preview = admin_client.post(PREVIEW_URL, paste(text)).content.decode()
    response = admin_client.post(ADD_URL, paste(text))
    page = admin_client.get(response.url).content.decode()

    title = "Polisi menangkap dua pelaku pencurian di Bekasi"
    assert element(preview, "article-title")[1] == title
    assert Article.objects.get().title == title
    assert element(page, "article-title")[1] == title
    for html in (preview, page):  # the lead paragraph is read in the body, not hidden
        assert "Polisi menangkap dua pelaku pencurian di Bekasi, Senin" in " ".join(
            re.sub(r"<[^>]+>", "", html).split()
        )


def test_the_admin_has_the_sites_favicon(admin_client):
    for path in ("/admin/", "/admin/articles/article/add/"):
        html = admin_client.get(path).content.decode()
        assert re.search(
            r'<link rel="icon" href="/static/favicon\.svg" type="image/svg\+xml">', html
        )
