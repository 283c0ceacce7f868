"""The home page: articles newest first, with their main date and what was found in them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Entity, Event, Figure, Mention

pytestmark = pytest.mark.django_db


def make_article(title: str, published: date | None, **fields) -> Article:
    return Article.objects.create(
        text=f"{title}\n\nPutin met Asad.",
        content_hash=title,
        title=title,
        slug=title.lower().replace(" ", "-"),
        published_on=published,
        **fields,
    )


def add_findings(article: Article, *, entities: int, mentions_each: int, figures: int) -> None:
    for number in range(entities):
        entity, _ = Entity.objects.get_or_create(
            label="PER", name=f"Person {number}", defaults={"slug": f"person-{number}"}
        )
        Mention.objects.bulk_create(
            Mention(article=article, entity=entity, start=0, end=5, text="Putin", label="PER")
            for _ in range(mentions_each)
        )
    Figure.objects.bulk_create(
        Figure(
            article=article,
            key=f"fig-{n}-killed",
            start=0,
            end=1,
            text="1",
            value=n,
            qualifier="exact",
            category="killed",
        )
        for n in range(figures)
    )


def titles_in(html: str) -> list[str]:
    return re.findall(r'<h2 id="article-\d+" lang="\w+"><a href="[^"]+">([^<]+)</a>', html)


def test_it_lists_articles_newest_first(client: Client) -> None:
    make_article("Middle", date(2017, 6, 1))
    make_article("Newest", date(2017, 12, 11))
    make_article("Undated", None)
    make_article("Oldest", date(2015, 9, 30))
    html = client.get("/").content.decode()
    assert titles_in(html) == ["Newest", "Middle", "Oldest", "Undated"]


def test_it_has_one_h1_and_links_each_article_to_its_permalink(client: Client) -> None:
    article = make_article("Bertemu Asad", date(2017, 12, 11))
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert f'href="/articles/{article.pk}/bertemu-asad/"' in html


def test_it_counts_distinct_entities_and_figures(client: Client) -> None:
    article = make_article("Counted", date(2017, 12, 11))
    add_findings(article, entities=2, mentions_each=3, figures=1)
    Mention.objects.filter(article=article).first().delete()
    html = client.get("/").content.decode()
    assert '<span class="count" data-count="entities">2 entities</span>' in html
    assert '<span class="count" data-count="figures">1 figure</span>' in html


def test_it_leaves_rejected_mentions_out_of_the_count(client: Client) -> None:
    article = make_article("Rejected", date(2017, 12, 11))
    add_findings(article, entities=2, mentions_each=1, figures=0)
    Mention.objects.filter(entity__slug="person-1").update(status=Mention.Status.REJECTED)
    html = client.get("/").content.decode()
    assert '<span class="count" data-count="entities">1 entity</span>' in html
    assert '<span class="count" data-count="figures">0 figures</span>' in html


def test_it_shows_the_main_event_date_in_the_article_language(client: Client) -> None:
    article = make_article("Dated", date(2017, 12, 12), language="id")
    Event.objects.create(
        article=article,
        key="t-2017-11",
        start=0,
        end=5,
        text="November",
        value="2017-11",
        date=date(2017, 11, 1),
        precision="month",
        sentence_start=0,
        sentence_end=5,
        main=True,
    )
    html = client.get("/").content.decode()
    assert '<time datetime="2017-11">November 2017</time>' in html


def test_it_falls_back_to_the_publication_date_without_a_main_event(client: Client) -> None:
    make_article("Published", date(2017, 12, 11), language="id")
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<time datetime="2017-12-11">11 Desember 2017</time>' in html


def test_it_hides_drafts_from_readers_and_shows_them_to_staff(
    client: Client, admin_user: User
) -> None:
    make_article("Public", date(2017, 12, 11))
    make_article("Unfinished", date(2017, 12, 12), status=Article.Status.DRAFT)
    assert titles_in(client.get("/").content.decode()) == ["Public"]
    client.force_login(admin_user)
    assert titles_in(client.get("/").content.decode()) == ["Unfinished", "Public"]


def count_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_it_makes_the_same_number_of_queries_for_ten_articles_as_for_one(client: Client) -> None:
    first = make_article("Article 0", date(2017, 1, 1))
    add_findings(first, entities=2, mentions_each=2, figures=2)
    one = count_queries(client)
    for number in range(1, 10):
        article = make_article(f"Article {number}", date(2017, 1, 1) + timedelta(days=number))
        add_findings(article, entities=2, mentions_each=2, figures=2)
    assert count_queries(client) == one
    assert one <= 2


def test_a_long_list_pages_from_newer_to_older(client: Client) -> None:
    for day in range(1, 52):
        make_article(f"Story {day}", date(2017, 1, 1) + timedelta(days=day))
    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()
    assert '<a rel="next" href="?page=2">Older</a>' in first
    assert "Story 51" in first and "Story 1<" not in first
    assert '<a rel="prev" href="?page=1">Newer</a>' in second
    assert "Story 1<" in second
