"""Sharing: link previews (OpenGraph, Twitter, JSON-LD), canonical URLs, fragments, copy links."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.test import Client

from articles.ingest import ingest_article
from articles.models import Article
from articles.reading.share import json_ld_script
from tests.reader_articles import LEAD, build_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article() -> Article:
    return build_article()


def meta(html: str) -> dict[str, str]:
    """``og:title`` → content, ``twitter:card`` → content, … (property or name)."""
    pairs = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)
    return {name: unescape(content) for name, content in pairs}


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def page(client: Client, article: Article, query: str = "", **headers) -> str:
    response = client.get(article.get_absolute_url() + query, **headers)
    assert response.status_code == 200
    return response.content.decode()


# --- previews --------------------------------------------------------------------------------


def test_the_article_previews_with_its_title_lead_outlet_and_date(
    client: Client, article: Article
) -> None:
    tags = meta(page(client, article))
    url = f"http://testserver{article.get_absolute_url()}"
    assert tags["og:type"] == "article"
    assert tags["og:site_name"] == "newsreader"
    assert tags["og:title"] == tags["twitter:title"] == "Putin meets Asad in Latakia"
    assert tags["og:description"] == tags["twitter:description"] == tags["description"] == LEAD
    assert tags["og:url"] == url
    assert tags["article:published_time"] == "2017-12-11"
    assert tags["article:publisher"] == tags["twitter:data1"] == "NEWSWIRE"
    assert (tags["twitter:label1"], tags["twitter:label2"]) == ("Outlet", "Published")
    assert tags["twitter:data2"] == "11 Dec 2017"
    assert tags["twitter:card"] == "summary_large_image"


def test_the_canonical_url_stays_the_article_whatever_is_open(
    client: Client, article: Article
) -> None:
    html = page(client, article, "?entity=novosti&hide=dates")
    canonical = f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">'
    assert canonical in html


def test_a_shared_entity_link_previews_that_entity(client: Client, article: Article) -> None:
    tags = meta(page(client, article, "?entity=vladimir-putin&hide=dates"))
    assert tags["og:title"] == "Vladimir Putin — person, 3 mentions"
    assert tags["og:description"] == (
        "In “Putin meets Asad in Latakia”, written as “Putin”, “Vladimir Putin”."
    )
    # The preview's address is the shared state, without the sharer's own layer choice.
    assert tags["og:url"].endswith(f"{article.get_absolute_url()}?entity=vladimir-putin")


def test_a_shared_figure_link_previews_that_figure(client: Client, article: Article) -> None:
    tags = meta(page(client, article, "?figure=fig-465000-killed"))
    assert tags["og:title"] == "≈465,000 killed — Aljazeera, as of 11 Dec 2017"
    assert tags["og:description"] == (
        "In “Putin meets Asad in Latakia”: “About 465,000 people were killed in Syria”"
    )
    assert tags["og:url"].endswith("?figure=fig-465000-killed")


def test_a_figure_preview_writes_numbers_the_way_the_reader_does(
    client: Client, article: Article
) -> None:
    html = page(client, article, "?figure=fig-465000-killed", HTTP_ACCEPT_LANGUAGE="id")
    assert meta(html)["og:title"].startswith("≈465.000 ")


def test_a_shared_figure_link_marks_that_figure(client: Client, article: Article) -> None:
    html = page(client, article, "?figure=fig-465000-killed")
    assert '<article class="figure-card fig-killed is-selected" id="fig-465000-killed"' in html
    assert '<mark class="fig fig-killed is-selected" id="f-465000-killed">' in html


def test_an_unknown_figure_previews_the_article(client: Client, article: Article) -> None:
    tags = meta(page(client, article, "?figure=fig-1-nothing"))
    assert tags["og:title"] == "Putin meets Asad in Latakia"
    assert "is-selected" not in page(client, article, "?figure=fig-1-nothing")


# --- JSON-LD ---------------------------------------------------------------------------------


def test_it_describes_the_article_as_a_schema_org_news_article(
    client: Client, article: Article
) -> None:
    data = json_ld(page(client, article))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Putin meets Asad in Latakia"
    assert data["datePublished"] == "2017-12-11"
    assert data["publisher"] == {"@type": "Organization", "name": "NEWSWIRE"}
    mentions = {(m["@type"], m["name"], m["url"]) for m in data["mentions"]}
    assert ("Person", "Vladimir Putin", "http://testserver/entities/vladimir-putin/") in mentions
    assert ("Place", "Syria", "http://testserver/entities/syria/") in mentions
    assert ("Organization", "Novosti", "http://testserver/entities/novosti/") in mentions
    assert len(data["mentions"]) == 6


def test_a_title_cannot_break_out_of_the_json_ld_script(client: Client) -> None:
    title = '</script><script>alert(1)</script><!-- & "quotes"'
    article = build_article(title=title)
    html = page(client, article)
    assert html.count("</script>") == html.count("<script")
    assert "<script>alert(1)" not in html
    assert json_ld(html)["headline"] == title


def test_the_json_ld_script_escapes_what_could_end_it() -> None:
    script = json_ld_script({"headline": "a</script>b<!--c&d"})
    assert script == (
        '<script type="application/ld+json">'
        '{"headline": "a\\u003C/script\\u003Eb\\u003C!--c\\u0026d"}</script>'
    )


# --- fragments and copy links ----------------------------------------------------------------


def copy_links(html: str) -> list[str]:
    return [
        unescape(href)
        for href in re.findall(r'<a class="copy-link" href="([^"]+)" data-copy', html)
    ]


def ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_every_timeline_entry_figure_and_source_trail_has_a_copy_link(
    client: Client, article: Article
) -> None:
    base = f"http://testserver{article.get_absolute_url()}"
    assert copy_links(page(client, article)) == [
        f"{base}#t-2017-12-11",
        f"{base}?figure=fig-465000-killed#fig-465000-killed",
        f"{base}#src-novosti-quote",  # the one trail: Putin → Novosti → (Aljazeera) → …
    ]


def test_every_shared_fragment_lands_on_an_element(client: Client, article: Article) -> None:
    html = page(client, article, "?entity=latakia")
    links = copy_links(html)
    assert any("#ent-latakia" in link for link in links)
    for link in links:
        assert link.split("#", 1)[1] in ids(html), link


def test_every_entity_has_an_ent_fragment_on_the_page(client: Client, article: Article) -> None:
    html = page(client, article)
    for slug in ("vladimir-putin", "basyar-asad", "latakia", "syria", "aljazeera", "novosti"):
        assert f'id="ent-{slug}"' in html


def test_the_seed_articles_keys_all_land_somewhere(client: Client, seed_text: str) -> None:
    """The seed's own fragments, as the pipeline keys them: one of each kind, all present."""
    article = ingest_article(text=seed_text).article
    html = page(client, article)
    found = ids(html)
    kinds = {key.split("-")[0] for key in found if key.split("-")[0] in {"ent", "fig", "src", "t"}}
    assert kinds == {"ent", "fig", "src", "t"}
    for link in copy_links(html):
        assert link.split("#", 1)[1] in found, link
    slugs = set(re.findall(r'data-entity="([^"]+)"', html))
    assert {f"ent-{slug}" for slug in slugs} <= found


# --- redirects keep the shared state ---------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["?entity=vladimir-putin&hide=per,dates", "?figure=fig-1-killed", "?utm_source=x&entity=a"],
)
def test_an_old_slug_redirects_with_the_shared_state(
    client: Client, article: Article, query: str
) -> None:
    response = client.get(f"/articles/{article.pk}/an-old-title/{query}")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url() + query


def test_the_short_link_redirects_with_the_shared_state(client: Client, article: Article) -> None:
    response = client.get(f"/articles/{article.pk}/?entity=vladimir-putin")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url() + "?entity=vladimir-putin"


def test_a_redirect_without_a_query_adds_none(client: Client, article: Article) -> None:
    response = client.get(f"/articles/{article.pk}/an-old-title/")
    assert response["Location"] == article.get_absolute_url()
