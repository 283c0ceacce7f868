"""Feeds (articles/feeds.py), the sitemap (articles/sitemaps.py) and robots.txt."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from articles.models import Article, Entity, Mention, Segment

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def make_article(title: str, text: str, **fields) -> Article:
    article = Article.objects.create(
        text=f"{title}\n\n{text}",
        content_hash=title,
        title=title,
        slug=title.lower().replace(" ", "-"),
        language="id",
        published_on=date(2018, 1, 4),
        **fields,
    )
    Segment.objects.create(
        article=article, start=len(title) + 2, end=len(article.text), kind="body"
    )
    return article


def mention(article: Article, entity: Entity, **fields) -> Mention:
    start = article.text.index(entity.name)
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
    putin = Entity.objects.create(name="Putin", label="PER", slug="putin")
    shown = make_article("Putin di Suriah", "Putin tiba <script>alert(1)</script> di Suriah.")
    hidden = make_article("Putin rahasia", "Putin tidak terlihat.", status=Article.Status.DRAFT)
    rejected = make_article("Bukan Putin", "Putin ditolak editor.")
    mention(shown, putin)
    mention(hidden, putin)
    mention(rejected, putin, status=Mention.Status.REJECTED)
    return {"shown": shown, "hidden": hidden, "rejected": rejected, "putin": putin}


def parse(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(("url", "version"), [("/feed/", "atom10"), ("/feed/rss/", "rss20")])
def test_the_latest_feed_parses_and_lists_only_published_articles(client, collection, url, version):
    feed = parse(client, url)

    assert feed.version == version
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Putin di Suriah", "Bukan Putin"}
    links = {entry.link for entry in feed.entries}
    assert "http://testserver" + collection["shown"].get_absolute_url() in links


@pytest.mark.parametrize("url", ["/feed/", "/feed/rss/"])
def test_feed_text_carries_no_live_html_from_articles(client, collection, url):
    feed = parse(client, url)

    summary = next(e.summary for e in feed.entries if e.title == "Putin di Suriah")
    assert "<script" not in summary
    assert "&lt;script&gt;" in summary


@pytest.mark.parametrize("url", ["/entities/putin/feed/", "/entities/putin/feed/rss/"])
def test_an_entity_feed_lists_the_articles_that_show_it(client, collection, url):
    feed = parse(client, url)

    assert [entry.title for entry in feed.entries] == ["Putin di Suriah"]
    assert "Putin" in feed.feed.title


def test_an_unknown_entity_has_no_feed(client):
    assert client.get("/entities/nobody/feed/").status_code == 404


@pytest.mark.parametrize("url", ["/search/feed/?q=Putin", "/search/feed/rss/?q=Putin"])
def test_a_search_feed_lists_the_search_results(client, collection, url):
    feed = parse(client, url)

    assert {entry.title for entry in feed.entries} == {"Putin di Suriah", "Bukan Putin"}
    assert "Putin" in feed.feed.title


def test_a_search_feed_with_a_filter_narrows_its_items(client, collection):
    feed = parse(client, "/search/feed/?entity=putin")

    assert [entry.title for entry in feed.entries] == ["Putin di Suriah"]


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/", "/feed/"),
        ("/entities/putin/", "/entities/putin/feed/"),
        ("/search/?q=Putin", "/search/feed/?q=Putin"),
    ],
)
def test_each_page_announces_its_feed(client, collection, page, feed):
    soup = BeautifulSoup(client.get(page).content, "html.parser")

    atom = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
    rss = soup.select('head link[rel="alternate"][type="application/rss+xml"]')

    assert [link["href"] for link in atom] == [feed]
    assert len(rss) == 1
    assert client.get(rss[0]["href"]).status_code == 200


def test_the_article_page_announces_the_latest_feed(client, collection):
    soup = BeautifulSoup(client.get(collection["shown"].get_absolute_url()).content, "html.parser")

    atom = soup.select('head link[rel="alternate"][type="application/atom+xml"]')

    assert [link["href"] for link in atom] == ["/feed/"]


# --- sitemap and robots ----------------------------------------------------------------------


def sitemap_entries(client: Client) -> dict[str, str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find("s:loc", SITEMAP_NS).text: url.find("s:lastmod", SITEMAP_NS).text
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_the_sitemap_lists_published_articles_and_shown_entities_with_lastmod(client, collection):
    entries = sitemap_entries(client)

    base = "http://testserver"
    assert base + collection["shown"].get_absolute_url() in entries
    assert base + collection["rejected"].get_absolute_url() in entries
    assert base + collection["hidden"].get_absolute_url() not in entries
    # The sitemap gives the day in the site's time zone (Jakarta is a day ahead of UTC at night).
    changed = timezone.localdate(collection["shown"].updated_at)
    assert entries[base + "/entities/putin/"] == changed.isoformat()
    assert all(lastmod for lastmod in entries.values())


def test_the_sitemap_leaves_out_entities_no_reader_can_see(client, collection):
    rejected = Entity.objects.create(name="Suriah", label="LOC", slug="suriah")
    mention(
        collection["hidden"], Entity.objects.create(name="rahasia", label="LOC", slug="rahasia")
    )
    mention(collection["shown"], rejected, status=Mention.Status.REJECTED)

    entries = sitemap_entries(client)

    assert not any("/entities/suriah/" in loc or "/entities/rahasia/" in loc for loc in entries)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_the_correction_log_feed_lists_public_corrections_in_plain_words(collection):
    from django.contrib.auth.models import User

    from articles import corrections
    from articles.models import Review

    editor = User.objects.create_user("editor", is_staff=True)
    draft_mention = collection["hidden"].mentions.get()
    shown_mention = collection["shown"].mentions.get()
    corrections.set_mention_status(editor, shown_mention, Review.REJECTED)
    corrections.set_mention_status(editor, draft_mention, Review.REJECTED)

    feed = feedparser.parse(Client().get("/corrections/feed/").content)
    rss = feedparser.parse(Client().get("/corrections/feed/rss/").content)

    assert not feed.bozo and not rss.bozo
    assert [entry.link for entry in feed.entries] == [
        "http://testserver" + collection["shown"].get_absolute_url()
    ]
    assert "no longer marked as a name" in feed.entries[0].title
    assert len(rss.entries) == 1


def test_a_corrected_article_announces_the_correction_log_feed(collection):
    from django.contrib.auth.models import User

    from articles import corrections
    from articles.models import Review

    editor = User.objects.create_user("editor", is_staff=True)
    page = collection["shown"].get_absolute_url()
    before = BeautifulSoup(Client().get(page).content, "html.parser")
    corrections.set_mention_status(editor, collection["shown"].mentions.get(), Review.REJECTED)
    after = BeautifulSoup(Client().get(page).content, "html.parser")

    wanted = 'head link[rel="alternate"][href="/corrections/feed/"]'
    assert not before.select(wanted)
    assert after.select(wanted)
    assert after.select('.corrections-log a[href="/corrections/feed/"]')
