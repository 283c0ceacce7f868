"""The home page: articles newest first, with their main date and what was found in them."""

from __future__ import annotations

import importlib
import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.ingest import ingest_article
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
    # The count and the collection's stamp; then, since an article changed, the months, the
    # outlets and the outlets' names for the kept menus, and the page, the people (their
    # mentions counted, then who they are) and the figures for the kept items.
    assert one == 9
    assert count_queries(client) == 2  # menus and items are kept until an article changes


def test_the_kept_menus_follow_every_change_to_the_collection(client: Client) -> None:
    def browse(path: str = "/") -> list[str]:
        return [a.get_text() for a in soup_of(client, path).select(".browse a")]

    make_article("First", date(2017, 11, 2), outlet="Antara")
    assert "Antara" in browse() and "Tempo" not in browse()
    later = make_article("Second", date(2017, 12, 11), outlet="Tempo")
    assert "Tempo" in browse("/archive/2017/11/")
    assert soup_of(client, "/outlets/tempo/").select_one("h1") is not None
    later.status = Article.Status.DRAFT
    later.save()
    assert "Tempo" not in browse()
    assert client.get("/outlets/tempo/").status_code == 404
    later.status = Article.Status.PUBLISHED
    later.save()
    assert "Tempo" in browse()
    later.delete()
    assert "Tempo" not in browse()
    assert client.get("/outlets/tempo/").status_code == 404


def test_the_kept_items_follow_every_change_to_an_article(client: Client) -> None:
    first = make_article("First", date(2017, 11, 2))
    assert titles_in(client.get("/").content.decode()) == ["First"]
    make_article("Second", date(2017, 12, 11))
    assert titles_in(client.get("/").content.decode()) == ["Second", "First"]
    first.title = "First, corrected"
    first.save()
    assert titles_in(client.get("/").content.decode()) == ["Second", "First, corrected"]
    first.delete()
    assert titles_in(client.get("/").content.decode()) == ["Second"]
    assert titles_in(client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()) == ["Second"]


def test_a_long_list_pages_from_newer_to_older(client: Client) -> None:
    for day in range(1, 52):
        make_article(f"Story {day}", date(2017, 1, 1) + timedelta(days=day))
    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()
    assert '<a rel="next" href="?page=2">Older</a>' in first
    assert "Story 51" in first and "Story 1<" not in first
    assert '<a rel="prev" href="?page=1">Newer</a>' in second
    assert "Story 1<" in second


# --- the front page ---------------------------------------------------------------------------


def soup_of(client: Client, path: str, **headers) -> BeautifulSoup:
    response = client.get(path, **headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def seed(seed_text: str) -> Article:
    return ingest_article(text=seed_text).article


def test_each_item_shows_outlet_date_lead_and_chips_that_open_the_article(client, seed):
    item = soup_of(client, "/", HTTP_ACCEPT_LANGUAGE="en").select_one(".front-item")
    url = seed.get_absolute_url()
    assert item.select_one(".outlet").get_text() == "SALAM-ONLINE"
    assert item.select_one(".outlet")["href"] == "/outlets/salam-online/"
    assert item.select_one(".published time")["datetime"] == "2017-12-11"
    assert item.select_one(".published a")["href"] == "/archive/2017/12/"
    lead = item.select_one(".front-lead").get_text()
    assert lead.startswith("Presiden Rusia Vladimir Putin") and lead.endswith(".")
    assert "KHMEIMIM" not in lead and lead.count(". ") == 0
    people = item.select(".chip-per")
    assert people[0].contents[-1].strip() == "Vladimir Putin"
    assert people[0]["href"] == f"{url}?entity=vladimir-putin"
    assert len(people) <= 3
    # The largest figures, casualties and displacement before other counts.
    figures = item.select(".chip-fig")
    assert [f.select_one("data").get_text() for f in figures] == [
        ">12,000,000 displaced",
        "≈465,000 killed",
    ]
    assert figures[1]["href"] == f"{url}?figure=fig-465000-killed#fig-465000-killed"


def test_a_chip_opens_the_card_it_names(client, seed) -> None:
    chip = soup_of(client, "/").select_one(".chip-per")
    card = soup_of(client, chip["href"]).select_one("#entity-card .entity-card h2")
    assert card.get_text() == chip.contents[-1].strip() == "Vladimir Putin"


def test_the_lead_is_stored_at_ingest_and_the_list_never_reads_the_text(client, seed) -> None:
    assert seed.lead.startswith("Presiden Rusia Vladimir Putin")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    listing = [q["sql"] for q in queries if '"articles_article"."title"' in q["sql"]]
    assert listing and all('"articles_article"."text"' not in sql for sql in listing)


def test_the_month_archive_lists_that_months_articles(client: Client) -> None:
    make_article("December story", date(2017, 12, 11))
    make_article("November story", date(2017, 11, 2))
    page = soup_of(client, "/archive/2017/12/", HTTP_ACCEPT_LANGUAGE="id")
    assert page.select_one("h1").get_text() == "Terbit pada Desember 2017"
    assert [a.get_text() for a in page.select(".front-item h2 a")] == ["December story"]
    months = [a["href"] for a in page.select(".browse a[href^='/archive/']")]
    assert months == ["/archive/2017/12/", "/archive/2017/11/"]
    assert page.select_one('.browse a[aria-current="page"]')["href"] == "/archive/2017/12/"
    assert client.get("/archive/2017/13/").status_code == 404


def test_an_empty_month_says_so(client: Client) -> None:
    page = soup_of(client, "/archive/2016/01/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.select_one(".empty").get_text() == "No article was published this month."


def test_the_outlet_page_lists_that_outlets_articles_only(client: Client) -> None:
    make_article("From Salam", date(2017, 12, 11), outlet="SALAM-ONLINE")
    make_article("From Antara", date(2017, 12, 12), outlet="Antara")
    make_article("Hidden draft", date(2017, 12, 13), outlet="Antara", status="draft")
    page = soup_of(client, "/outlets/salam-online/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.select_one("h1").get_text() == "Articles from SALAM-ONLINE"
    assert [a.get_text() for a in page.select(".front-item h2 a")] == ["From Salam"]
    assert client.get("/outlets/nobody/").status_code == 404
    outlets = [a.get_text() for a in page.select(".browse a[href^='/outlets/']")]
    assert outlets == ["Antara", "SALAM-ONLINE"] or outlets == ["SALAM-ONLINE", "Antara"]
    assert "Hidden draft" not in soup_of(client, "/outlets/antara/").get_text()


def test_archive_and_outlet_pages_make_the_same_queries_however_many_articles(client) -> None:
    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    first = make_article("Story 0", date(2017, 12, 1), outlet="Antara")
    add_findings(first, entities=2, mentions_each=2, figures=2)
    few = (queries("/archive/2017/12/"), queries("/outlets/antara/"))
    for number in range(1, 12):
        article = make_article(f"Story {number}", date(2017, 12, 1 + number), outlet="Antara")
        add_findings(article, entities=3, mentions_each=2, figures=3)
    assert (
        (queries("/archive/2017/12/"), queries("/outlets/antara/")) == few == (9, 6)
    )  # the outlet page reuses the menus the archive page kept


def test_the_count_stops_at_the_limit_so_the_page_costs_the_same_at_any_size(
    client: Client, monkeypatch
) -> None:
    home_module = importlib.import_module("articles.views.home")  # the package names a view so
    monkeypatch.setattr(home_module, "COUNT_LIMIT", 60)
    Article.objects.bulk_create(
        Article(
            text=f"Story {n}\n\nPutin met Asad.",
            content_hash=f"story-{n}",
            title=f"Story {n}",
            slug=f"story-{n}",
            published_on=date(2017, 1, 1) + timedelta(days=n),
        )
        for n in range(1, 131)
    )
    with CaptureQueriesContext(connection) as queries:
        first = BeautifulSoup(client.get("/").content, "html.parser")
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "articles_article" in q["sql"]]
    # The paginator's count reads at most 61 keys, not every published article.
    paging = [sql for sql in counts if "LIMIT 61" in sql]
    assert len(paging) == 1
    assert "ORDER BY" not in paging[0]
    # Past the limit the total is unknown: no "of N", but older pages are still offered.
    assert first.select_one(".pagination span").get_text() == "Page 1"
    assert first.select_one('.pagination a[rel="next"]')["href"] == "?page=2"
    second = BeautifulSoup(client.get("/?page=2").content, "html.parser")
    assert second.select_one('.pagination a[rel="next"]')["href"] == "?page=3"
    third = BeautifulSoup(client.get("/?page=3").content, "html.parser")
    assert third.select_one('.pagination a[rel="next"]') is None  # the oldest 30: the end
    assert third.select_one(".pagination span").get_text() == "Page 3 of 3"
    assert "Story 1" in [h.get_text() for h in third.select("h2 a")]


def test_a_list_under_the_limit_still_shows_its_total(client: Client) -> None:
    for day in range(1, 52):
        make_article(f"Story {day}", date(2017, 1, 1) + timedelta(days=day))
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert page.select_one(".pagination span").get_text() == "Page 1 of 2"


def test_chips_show_each_articles_largest_figures_and_most_mentioned_people(client) -> None:
    """Chosen by the database per article (the page reads no more figures than it shows)."""
    article = make_article("Many findings", date(2017, 12, 11))
    values = [("other", 9000.0, None), ("killed", 5.0, None), ("displaced", 7.0, 10.0)]
    values += [("killed", 3.0, None), ("other", 8000.0, None)]
    Figure.objects.bulk_create(
        Figure(
            article=article,
            key=f"fig-{n}",
            start=0,
            end=1,
            text="1",
            value=value,
            value_max=value_max,
            qualifier="exact",
            category=category,
        )
        for n, (category, value, value_max) in enumerate(values)
    )
    for number, mentions in enumerate([1, 4, 2, 3]):
        entity = Entity.objects.create(label="PER", name=f"Person {number}", slug=f"p-{number}")
        Mention.objects.bulk_create(
            Mention(article=article, entity=entity, start=0, end=5, text="Putin", label="PER")
            for _ in range(mentions)
        )
    place = Entity.objects.create(label="LOC", name="Suriah", slug="suriah")
    Mention.objects.bulk_create(
        Mention(article=article, entity=place, start=0, end=5, text="Putin", label="LOC")
        for _ in range(9)
    )
    item = soup_of(client, "/", HTTP_ACCEPT_LANGUAGE="en").select_one(".front-item")
    figures = [f.select_one("data").get_text() for f in item.select(".chip-fig")]
    assert figures == ["7–10 displaced", "5 killed"]
    people = [chip.contents[-1].strip() for chip in item.select(".chip-per")]
    assert people == ["Person 1", "Person 3", "Person 2"]
