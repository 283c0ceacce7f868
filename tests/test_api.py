"""The read-only JSON API (articles/api.py): lists, details, filters, caching, CORS, docs."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from articles import api as api_module
from articles.listing import refresh_entity_counts
from articles.models import Article, Entity, Mention, Segment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


def make_article(title: str, text: str, **fields) -> Article:
    article = Article.objects.create(
        text=f"{title}\r\n\r\n{text}",
        content_hash=title,
        title=title,
        slug=title.lower().replace(" ", "-"),
        language="id",
        published_on=date(2018, 1, 4),
        **fields,
    )
    body = article.body_text
    Segment.objects.create(article=article, start=body.index(text), end=len(body), kind="body")
    return article


def mention(article: Article, entity: Entity, **fields) -> Mention:
    start = article.body_text.index(entity.name, len(article.title))
    return Mention.objects.create(
        article=article,
        entity=entity,
        start=start,
        end=start + len(entity.name),
        text=entity.name,
        label=entity.label,
        **fields,
    )


@pytest.fixture
def collection():
    putin = Entity.objects.create(name="Putin", label="PER", slug="putin", wikidata_id="Q7747")
    asad = Entity.objects.create(name="Asad", label="PER", slug="asad")
    draft_only = Entity.objects.create(name="Rahasia", label="LOC", slug="rahasia")
    shown = make_article("Putin di Suriah", "Putin bertemu Asad di Suriah.")
    draft = make_article("Draf Putin", "Putin di Rahasia.", status=Article.Status.DRAFT)
    mention(shown, putin)
    mention(shown, asad, status=Mention.Status.REJECTED)
    mention(draft, putin)
    mention(draft, draft_only)
    refresh_entity_counts()  # rows made here, not through ingest: count them as ingest does
    return {"shown": shown, "draft": draft}


def test_the_article_list_holds_published_articles_only(client, collection):
    data = client.get("/api/articles/").json()

    assert data["count"] == 1
    assert [item["id"] for item in data["items"]] == [collection["shown"].pk]
    assert data["items"][0]["url"] == "http://testserver" + collection["shown"].get_absolute_url()


def test_the_article_list_is_paginated(client):
    for number in range(api_module.PAGE_SIZE + 3):
        make_article(f"Artikel {number}", "Isi.")

    first = client.get("/api/articles/").json()
    second = client.get("/api/articles/?page=2").json()

    assert first["count"] == api_module.PAGE_SIZE + 3
    assert len(first["items"]) == api_module.PAGE_SIZE and len(second["items"]) == 3
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_the_article_list_takes_the_sites_filters(client, collection):
    other = make_article("Lain", "Tidak ada nama.")

    by_entity = client.get("/api/articles/?entity=putin").json()
    by_year = client.get("/api/articles/?year=2017").json()
    searched = client.get("/api/search/?q=bertemu").json()

    assert [i["id"] for i in by_entity["items"]] == [collection["shown"].pk]
    assert by_year["count"] == 0
    assert [i["id"] for i in searched["items"]] == [collection["shown"].pk]
    assert other.pk in [i["id"] for i in client.get("/api/articles/").json()["items"]]


def test_a_bad_filter_is_a_clear_client_error(client, collection):
    response = client.get("/api/articles/?year=abc")

    assert response.status_code == 422
    assert "year" in response.content.decode()


def test_the_article_detail_has_its_annotations_without_rejected_mentions(client, collection):
    article = collection["shown"]

    data = client.get(f"/api/articles/{article.pk}/").json()

    assert data["text"] == article.body_text
    mentions = data["annotations"]["mentions"]
    assert [m["entity"] for m in mentions] == ["putin"]
    assert all(data["text"][m["start"] : m["end"]] == m["text"] for m in mentions)


def test_a_draft_is_not_found(client, collection):
    assert client.get(f"/api/articles/{collection['draft'].pk}/").status_code == 404


def test_entities_are_those_readers_can_see(client, collection):
    data = client.get("/api/entities/").json()

    assert [(e["slug"], e["articles"]) for e in data["items"]] == [("putin", 1)]
    assert client.get("/api/entities/asad/").status_code == 404
    assert client.get("/api/entities/rahasia/").status_code == 404


def test_an_entity_links_to_its_articles(client, collection):
    entity = client.get("/api/entities/putin/").json()

    assert entity["wikidata_id"] == "Q7747"
    articles = client.get(entity["articles_url"].removeprefix("http://testserver")).json()
    assert [i["id"] for i in articles["items"]] == [collection["shown"].pk]


@pytest.mark.parametrize("path", ["/api/articles/", "/api/entities/", "/api/entities/putin/"])
def test_an_unchanged_answer_is_a_304(client, collection, path):
    first = client.get(path)

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304


def test_a_rejection_changes_the_etag(client, collection):
    path = f"/api/articles/{collection['shown'].pk}/"
    first = client.get(path)
    Mention.objects.filter(entity__slug="putin").update(status=Mention.Status.REJECTED)

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again.json()["annotations"]["mentions"] == []


def test_articles_answer_if_modified_since_with_a_304(client, collection):
    first = client.get(f"/api/articles/{collection['shown'].pk}/")

    again = client.get(
        f"/api/articles/{collection['shown'].pk}/",
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )

    assert again.status_code == 304


def test_any_site_may_read_the_api(client, collection):
    response = client.get("/api/articles/", HTTP_ORIGIN="https://elsewhere.example")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_too_many_requests_are_throttled(client, collection, monkeypatch):
    responses = [client.get("/api/entities/") for _ in range(121)]

    assert responses[0].status_code == 200
    assert responses[-1].status_code == 429


def test_the_schema_and_docs_are_served_from_local_files(client):
    schema = client.get("/api/openapi.json").json()
    docs = BeautifulSoup(client.get("/api/").content, "html.parser")

    assert {
        "/api/articles/",
        "/api/articles/{article_id}/",
        "/api/entities/",
        "/api/search/",
    } <= set(schema["paths"])
    sources = [tag.get("src") or tag.get("href") for tag in docs.select("script[src], link[href]")]
    assert sources and all(source.startswith("/static/") for source in sources)


def test_the_footer_links_to_the_api(client):
    page = BeautifulSoup(client.get("/").content, "html.parser")

    assert page.select_one('footer a[href="/api/"]') is not None
