"""The entity card: ``?entity=<slug>`` on the article URL, as a full page and as htmx fragment."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.ingest import ingest_article
from articles.models import Article, Mention
from tests.reader_articles import build_article, mention_article
from tests.test_article_page import build_long_article

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "entity-card"}


@pytest.fixture
def article() -> Article:
    return build_article()


def card_of(html: str) -> str:
    """The card inside the page's card slot."""
    start = html.index('<div id="entity-card" class="card-slot">') + len(
        '<div id="entity-card" class="card-slot">'
    )
    return html[start : html.index("</section>", start) + len("</section>")]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_full_page_and_the_htmx_fragment_of_one_url_show_the_same_card(
    client: Client, article: Article
) -> None:
    url = article.get_absolute_url() + "?entity=vladimir-putin"
    page = client.get(url).content.decode()
    fragment = client.get(url, **HTMX).content.decode()
    assert card_of(page).strip() == fragment.strip()
    assert "<html" not in fragment and 'class="entity-card card-per"' in fragment


def test_the_card_names_the_type_the_canonical_name_and_every_surface_form(
    client: Client, article: Article
) -> None:
    url = article.get_absolute_url() + "?entity=vladimir-putin"
    card = client.get(url, **HTMX).content.decode()
    assert '<span class="type-chip ent-per">Person</span>' in card
    assert '<h2 class="card-title" id="card-title" tabindex="-1" lang="en">Vladimir Putin</h2>' in (
        card
    )
    forms = re.findall(r'<li><q>([^<]+)</q> <span class="count">×(\d+)</span></li>', card)
    assert forms == [("Putin", "2"), ("Vladimir Putin", "1")]
    assert "3 mentions in this article" in text_of(card)


def test_the_card_steps_through_the_marks_of_its_entity(client: Client, article: Article) -> None:
    url = article.get_absolute_url() + "?entity=vladimir-putin"
    page = client.get(url).content.decode()
    card = card_of(page)
    targets = re.findall(r'<li><a href="#([^"]+)" data-mark="\1">', card)
    assert targets == ["ent-vladimir-putin", "ent-vladimir-putin--2", "ent-vladimir-putin--3"]
    for target in targets:
        assert re.search(rf'<mark class="ent ent-per is-selected"[^>]* id="{target}">', page)
    assert 'href="#ent-vladimir-putin" data-step="1"' in card
    assert 'href="#ent-vladimir-putin--3" data-step="-1"' in card


def test_only_the_open_entitys_marks_are_selected(client: Client, article: Article) -> None:
    page = client.get(article.get_absolute_url() + "?entity=latakia").content.decode()
    selected = re.findall(r'<mark class="ent ent-\w+ is-selected" data-entity="([^"]+)"', page)
    assert selected == ["latakia"]
    assert '<li class="entity-row is-selected" data-entity="latakia">' in page


def test_the_card_lists_other_articles_newest_first_that_a_reader_may_see(
    client: Client, article: Article
) -> None:
    mention_article("Older story", "older", date(2016, 1, 2))
    mention_article("Newest story", "newest", date(2018, 3, 4))
    mention_article("Undated story", "undated", None)
    mention_article("Draft story", "draft", date(2019, 1, 1), status=Article.Status.DRAFT)
    rejected = Mention.Status.REJECTED
    mention_article("Rejected story", "rejected", date(2019, 1, 1), mention_status=rejected)
    card = client.get(article.get_absolute_url() + "?entity=vladimir-putin", **HTMX).content
    titles = re.findall(r'<li><a href="/articles/\d+/[\w-]+/" lang="en">([^<]+)</a>', card.decode())
    assert titles == ["Newest story", "Older story", "Undated story"]


def test_staff_see_drafts_in_the_card_too(
    client: Client, admin_user: User, article: Article
) -> None:
    mention_article("Draft story", "draft", date(2019, 1, 1), status=Article.Status.DRAFT)
    client.force_login(admin_user)
    card = client.get(article.get_absolute_url() + "?entity=vladimir-putin", **HTMX).content
    assert "Draft story" in card.decode()


def test_the_card_says_when_no_other_article_mentions_the_entity(
    client: Client, article: Article
) -> None:
    card = client.get(article.get_absolute_url() + "?entity=novosti", **HTMX).content.decode()
    assert "No other article mentions it yet." in card


def test_the_card_links_the_entity_page_and_a_link_to_share(
    client: Client, article: Article
) -> None:
    card = client.get(article.get_absolute_url() + "?entity=novosti", **HTMX).content.decode()
    assert '<a class="card-entity-link" href="/entities/novosti/">' in card
    share = f"http://testserver{article.get_absolute_url()}?entity=novosti#ent-novosti"
    assert f'<a class="copy-link" href="{share}" data-copy' in card


def test_the_card_closes_to_the_same_page_with_the_layers_kept(
    client: Client, article: Article
) -> None:
    url = article.get_absolute_url() + "?entity=novosti&hide=dates"
    card = client.get(url, **HTMX).content.decode()
    assert '<a class="card-close" href="?hide=dates" hx-get="?hide=dates" data-card-close>' in card
    bare = client.get(article.get_absolute_url() + "?entity=novosti", **HTMX).content.decode()
    assert 'href="./" hx-get="./"' in bare


def test_an_htmx_request_without_an_entity_empties_the_card_slot(
    client: Client, article: Article
) -> None:
    response = client.get(article.get_absolute_url(), **HTMX)
    assert response.content.decode().strip() == ""
    assert response["HX-Push-Url"] == article.get_absolute_url()


def test_the_pushed_url_is_the_state_the_server_rendered(client: Client, article: Article) -> None:
    url = article.get_absolute_url() + "?hide=loc,per&entity=novosti&hide=bogus"
    response = client.get(url, **HTMX)
    assert response["HX-Push-Url"] == (f"{article.get_absolute_url()}?entity=novosti&hide=per,loc")
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client: Client, article: Article) -> None:
    url = article.get_absolute_url() + "?entity=novosti"
    headers = {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    html = client.get(url, **headers).content.decode()
    assert html.startswith("<!doctype html>") and 'class="entity-card card-org"' in html


def test_an_htmx_request_for_another_target_gets_the_whole_page(
    client: Client, article: Article
) -> None:
    url = article.get_absolute_url() + "?entity=novosti"
    html = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main").content.decode()
    assert html.startswith("<!doctype html>")


@pytest.mark.parametrize("slug", ["no-such-entity", '"><svg onload=alert(1)>'])
def test_an_entity_not_marked_here_opens_the_article_with_a_note(
    client: Client, article: Article, slug: str
) -> None:
    response = client.get(article.get_absolute_url(), {"entity": slug})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not marked in this article" in html
    assert "is-selected" not in html and "<svg" not in html


def test_an_oversized_entity_parameter_is_ignored(client: Client, article: Article) -> None:
    response = client.get(article.get_absolute_url(), {"entity": "x" * 300})
    html = response.content.decode()
    assert response.status_code == 200
    assert "entity-card" in html and "card-missing" not in html and "is-selected" not in html


def test_every_entity_mark_and_entity_row_opens_its_card_with_htmx(
    client: Client, article: Article
) -> None:
    html = client.get(article.get_absolute_url()).content.decode()
    links = re.findall(r'<a href="(\?entity=[\w-]+)" hx-get="([^"]+)"', html)
    assert len(links) == 8 + 6  # every mention in the text, every row in the Entities tab
    assert all(href == hx_get for href, hx_get in links)
    assert 'hx-target="#entity-card" hx-swap="innerHTML" hx-push-url="true"' in html


def test_the_entity_tab_lists_entities_by_type_with_counts(
    client: Client, article: Article
) -> None:
    html = client.get(article.get_absolute_url()).content.decode()
    panel = html[html.index('id="panel-entities"') : html.index('id="panel-timeline"')]
    groups = re.findall(
        r'<span class="type-chip ent-(\w+)">([^<]+)</span> <span class="count">(\d+)', panel
    )
    assert groups == [("per", "People", "2"), ("org", "Organisations", "2"), ("loc", "Places", "2")]
    rows = re.findall(r'lang="en">([^<]+)</a>\s*<span class="count">(\d+) mentions?</span>', panel)
    assert rows[0] == ("Vladimir Putin", "3")


def test_the_card_costs_one_query_more_than_the_page_however_long_the_article(
    client: Client, django_assert_max_num_queries
) -> None:
    article = build_long_article(1000)
    # The page's seven (with the version query of page_cache) and one for the card.
    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url() + "?entity=putin")
    html = response.content.decode()
    assert html.count('class="ent ent-per is-selected" data-entity="putin"') == 334
    assert len(re.findall(r'<li><a href="#ent-putin(--\d+)?" data-mark=', html)) == 334
    with django_assert_max_num_queries(8):
        client.get(article.get_absolute_url() + "?entity=putin", **HTMX)


def test_the_seed_articles_putin_card_folds_putin_into_vladimir_putin(
    client: Client, seed_text: str
) -> None:
    seed = ingest_article(text=seed_text).article
    card = client.get(seed.get_absolute_url() + "?entity=vladimir-putin", **HTMX).content.decode()
    forms = set(re.findall(r"<li><q>([^<]+)</q>", card))
    assert forms >= {"Vladimir Putin", "Putin"}
    assert ">Vladimir Putin</h2>" in card
    steps = re.findall(r'data-mark="(ent-vladimir-putin(?:--\d+)?)"', card)
    page = client.get(seed.get_absolute_url() + "?entity=vladimir-putin").content.decode()
    assert steps and all(f'id="{step}"' in page for step in steps)
