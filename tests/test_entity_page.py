"""Entity pages: one entity across the collection, and the index of all of them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client

from articles.corrections import touch
from articles.ingest import ingest_article
from articles.listing import refresh_entity_counts
from articles.models import Article, Entity, Event, Figure, Mention, Segment

pytestmark = pytest.mark.django_db

MOSCOW = (
    "Putin Pulang\n\n"
    "MOSKOW: Presiden Vladimir Putin tiba di Moskow pada Senin (11/12/2017). "
    "Pasukan Rusia masuk Suriah pada 30 September 2015, kata Putin. "
    "Sekitar 465.000 orang tewas dalam perang itu. "
    "Gencatan senjata berlaku pada Maret 2016 di Aleppo.\n"
)


def make_article(text: str, published: date | None, **fields) -> Article:
    title = text.split("\n", 1)[0]
    article = Article.objects.create(
        text=text,
        content_hash=str(hash(text)),
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "article",
        published_on=published,
        **fields,
    )
    # As the pipeline stores it: the first line is the title, shown as the page's heading.
    Segment.objects.create(article=article, start=0, end=len(title), kind="title")
    return article


def mention(article: Article, entity: Entity, surface: str, nth: int = 0, **fields) -> Mention:
    starts = [m.start() for m in re.finditer(re.escape(surface), article.body_text)]
    return Mention.objects.create(
        article=article,
        entity=entity,
        start=starts[nth],
        end=starts[nth] + len(surface),
        text=surface,
        label=entity.label,
        **fields,
    )


def sentence_of(text: str, words: str) -> tuple[int, int]:
    start = text.rindex(". ", 0, text.index(words)) + 2 if ". " in text[: text.index(words)] else 0
    return start, text.index(".", text.index(words)) + 1


def event(article: Article, surface: str, value: str, precision: str, **fields) -> Event:
    text = article.body_text
    start = text.index(surface)
    sentence_start, sentence_end = sentence_of(text, surface)
    return Event.objects.create(
        article=article,
        key=f"t-{value}",
        start=start,
        end=start + len(surface),
        text=surface,
        value=value,
        date=date.fromisoformat((value + "-01-01")[:10]),
        precision=precision,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        **fields,
    )


@pytest.fixture
def putin() -> Entity:
    return Entity.objects.create(
        name="Vladimir Putin",
        label="PER",
        slug="vladimir-putin",
        aliases=["Vladimir Vladimirovich Putin"],
        description="Presiden Rusia.",
        wikidata_id="Q7747",
    )


@pytest.fixture
def moscow(putin: Entity) -> Article:
    article = make_article(MOSCOW, date(2017, 12, 11), outlet="SALAM-ONLINE")
    mention(article, putin, "Putin", 0)  # in the title line
    mention(article, putin, "Vladimir Putin")
    mention(article, putin, "Putin", 2)
    event(article, "Senin (11/12/2017)", "2017-12-11", "day", main=True)
    event(article, "30 September 2015", "2015-09-30", "day")
    event(article, "Maret 2016", "2016-03", "month")
    start = MOSCOW.index("465.000")
    Figure.objects.create(
        article=article,
        key="fig-465000-killed",
        start=start,
        end=start + 7,
        text="465.000 orang tewas",
        value=465000,
        qualifier="about",
        unit="orang",
        category="killed",
        as_of=date(2017, 12, 11),
        source="Aljazeera",
    )
    return article


def page(client: Client, path: str = "/entities/vladimir-putin/", **headers) -> str:
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, css_class: str) -> str:
    start = html.index(f'<section class="{css_class}"')
    return html[start : html.index("</section>", start)]


# --- one entity ------------------------------------------------------------------------------


def test_it_shows_the_type_name_aliases_and_description(client: Client, moscow: Article) -> None:
    html = page(client)
    assert '<mark class="ent ent-per" data-label="PER">Person</mark>' in html
    assert html.count("<h1") == 1 and "<h1>Vladimir Putin</h1>" in html
    aliases = re.search(r'<p class="entity-aliases">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r"<q>(.*?)</q>", aliases) == ["Putin", "Vladimir Vladimirovich Putin"]
    assert '<p class="entity-description">Presiden Rusia.</p>' in html


def test_it_links_to_wikidata_when_the_id_is_known(client: Client, moscow: Article) -> None:
    assert 'href="https://www.wikidata.org/wiki/Q7747"' in page(client)


@pytest.mark.parametrize("wikidata_id", ["", "javascript:alert(1)", "Q12x", "Q0"])
def test_it_links_nowhere_without_a_valid_wikidata_id(
    client: Client, moscow: Article, putin: Entity, wikidata_id: str
) -> None:
    Entity.objects.filter(pk=putin.pk).update(wikidata_id=wikidata_id)
    assert "wikidata.org" not in page(client)


def test_it_quotes_the_sentence_around_a_mention_in_the_body(
    client: Client, moscow: Article
) -> None:
    articles = section(page(client), "entity-articles")
    sentence = re.search(r'<blockquote class="mention-sentence"[^>]*><p>(.*?)</p>', articles)
    assert sentence.group(1) == (
        'MOSKOW: Presiden <mark class="ent ent-per" data-label="PER">Vladimir Putin</mark> '
        "tiba di Moskow pada Senin (11/12/2017)."
    )
    assert f'href="{moscow.get_absolute_url()}#ent-vladimir-putin"' in articles
    # The title's mention is not counted: the article's card steps through two.
    assert '<span class="count">2 mentions</span>' in articles


def test_the_quoted_sentence_escapes_the_stored_text(client: Client, putin: Entity) -> None:
    article = make_article('Judul\n\nKata <b onclick="x">Putin</b> & <script>y</script>.\n', None)
    mention(article, putin, "Putin")
    html = section(page(client), "entity-articles")
    assert "<script>" not in html and "<b " not in html
    assert "&lt;b onclick=&quot;x&quot;&gt;<mark" in html


def test_it_lists_every_article_that_mentions_it_newest_first(
    client: Client, moscow: Article, putin: Entity
) -> None:
    older = make_article("Lama\n\nPutin berbicara.\n", date(2015, 1, 1))
    mention(older, putin, "Putin")
    make_article("Lain\n\nTidak ada nama di sini.\n", date(2018, 1, 1))
    headings = re.findall(r'<h3 id="article-\d+"[^>]*><a [^>]*>(.*?)</a>', page(client))
    assert headings == ["Putin Pulang", "Lama"]


def test_it_shows_main_events_and_events_told_with_the_entity_as_one_timeline(
    client: Client, moscow: Article
) -> None:
    timeline = section(page(client), "entity-timeline")
    datetimes = re.findall(r'<time datetime="([^"]+)">', timeline)
    # 2016-03 (Aleppo) is in a sentence without Putin and is not the main event.
    assert datetimes == ["2015-09-30", "2017-12-11"]
    assert f'href="{moscow.get_absolute_url()}#t-2015-09-30"' in timeline
    assert '<li class="timeline-entry main">' in timeline
    assert '<mark class="date">30 September 2015</mark>, kata <mark class="ent ent-per"' in timeline


def test_a_timeline_merges_the_events_of_several_articles_by_date(
    client: Client, moscow: Article, putin: Entity
) -> None:
    other = make_article("Sochi\n\nPutin bertemu Erdogan pada 3 Mei 2017.\n", date(2017, 5, 3))
    mention(other, putin, "Putin")
    event(other, "3 Mei 2017", "2017-05-03", "day")
    timeline = section(page(client), "entity-timeline")
    datetimes = re.findall(r'<time datetime="([^"]+)">', timeline)
    assert datetimes == ["2015-09-30", "2017-05-03", "2017-12-11"]


def test_it_shows_the_figures_reported_in_those_articles(client: Client, moscow: Article) -> None:
    figures = section(page(client, HTTP_ACCEPT_LANGUAGE="en"), "entity-figures")
    assert '<data value="465000">465,000</data>' in figures
    assert '<span class="visually-hidden">about</span>' in figures
    assert "<h3" in figures and ">Killed</h3>" in figures
    assert '<time datetime="2017-12-11">11 December 2017</time>' in figures
    assert f'href="{moscow.get_absolute_url()}#fig-465000-killed"' in figures


def test_numbers_and_dates_follow_the_interface_language(client: Client, moscow: Article) -> None:
    figures = section(page(client, HTTP_ACCEPT_LANGUAGE="id"), "entity-figures")
    assert '<data value="465000">465.000</data>' in figures
    assert '<time datetime="2017-12-11">11 Desember 2017</time>' in figures


def test_rejected_mentions_are_left_out(client: Client, moscow: Article, putin: Entity) -> None:
    page(client)  # kept until the article changes, as every correction does (touch)
    Mention.objects.filter(entity=putin, text="Vladimir Putin").update(status="rejected")
    touch([moscow.pk])
    html = page(client)
    assert '<span class="count">1 mention</span>' in html  # the title's is not counted
    Mention.objects.filter(entity=putin).update(status="rejected")
    touch([moscow.pk])
    assert client.get("/entities/vladimir-putin/").status_code == 404


def test_drafts_are_hidden_from_readers_and_shown_to_staff(
    client: Client, moscow: Article, admin_user: User
) -> None:
    Article.objects.filter(pk=moscow.pk).update(status=Article.Status.DRAFT)
    assert client.get("/entities/vladimir-putin/").status_code == 404
    client.force_login(admin_user)
    assert "Putin Pulang" in page(client)


def test_an_unknown_entity_is_not_found(client: Client) -> None:
    assert client.get("/entities/nobody/").status_code == 404


def test_it_pages_the_articles_twenty_at_a_time(client: Client, putin: Entity) -> None:
    for number in range(23):
        article = make_article(f"Berita {number}\n\nPutin hadir.\n", date(2017, 1, number + 1))
        mention(article, putin, "Putin")
    first = page(client)
    assert first.count('class="article-item entity-article"') == 20
    assert "Mentioned in 23 articles" in first
    assert 'href="?page=2"' in first
    second = page(client, "/entities/vladimir-putin/?page=2")
    assert second.count('class="article-item entity-article"') == 3


def test_the_timeline_and_the_figures_of_a_page_are_paged(client: Client, putin: Entity) -> None:
    # One article telling 35 dated events with Putin and reporting 23 figures.
    days = [date(2017, 1, 1) + timedelta(days=n) for n in range(35)]
    sentences = [f"Putin hadir pada hari ke-{n:02}." for n in range(35)]
    article = make_article("Agenda\n\n" + " ".join(sentences) + "\n", date(2017, 3, 1))
    for n, day in enumerate(days):
        mention(article, putin, "Putin", n)
        event(article, f"hari ke-{n:02}", day.isoformat(), "day")
    Figure.objects.bulk_create(
        Figure(article=article, key=f"fig-{n}", start=0, end=1, text="1", value=n,
               qualifier="exact", category="killed")
        for n in range(23)
    )  # fmt: skip
    html = page(client, HTTP_ACCEPT_LANGUAGE="en")
    timeline = section(html, "entity-timeline")
    assert timeline.count('class="timeline-entry') == 30
    assert "Events 1–30 of 35" in timeline and 'href="?events=2"' in timeline
    later = section(page(client, "/entities/vladimir-putin/?events=2"), "entity-timeline")
    assert re.findall(r'<time datetime="([^"]+)">', later) == [day.isoformat() for day in days[30:]]
    figures = section(html, "entity-figures")
    assert figures.count('class="figure-card"') == 20
    assert "Figures 1–20 of 23" in figures and 'href="?figures=2"' in figures
    more = section(page(client, "/entities/vladimir-putin/?figures=2"), "entity-figures")
    assert more.count('class="figure-card"') == 3


@pytest.mark.parametrize("articles", [1, 20])
def test_one_page_takes_a_fixed_number_of_queries(
    client: Client, putin: Entity, django_assert_max_num_queries, articles: int
) -> None:
    for number in range(articles):
        article = make_article(MOSCOW.replace("Putin Pulang", f"Berita {number}"), date(2017, 1, 1))
        mention(article, putin, "Vladimir Putin")
        event(article, "30 September 2015", "2015-09-30", "day")
    # entity, the collection's stamp, count, other names, mentions per month (kept until an
    # article changes), then the page, mentions, title segments, events, figures
    with django_assert_max_num_queries(10):
        html = page(client)
    assert html.count('class="article-item entity-article"') == articles
    with django_assert_max_num_queries(7):
        assert page(client) == html


def test_every_entity_of_the_seed_article_has_a_page(client: Client, seed_text: str) -> None:
    article = ingest_article(text=seed_text).article
    slugs = set(article.mentions.values_list("entity__slug", flat=True))
    assert len(slugs) >= 5
    for slug in slugs:
        html = page(client, f"/entities/{slug}/")
        assert f'href="{article.get_absolute_url()}#ent-{slug}"' in html
        assert '<blockquote class="mention-sentence"' in html


# --- the index -------------------------------------------------------------------------------


@pytest.fixture
def index_entities(moscow: Article, putin: Entity) -> None:
    rusia = Entity.objects.create(name="Rusia", label="LOC", slug="rusia")
    mention(moscow, rusia, "Rusia")
    tass = Entity.objects.create(name="TASS", label="ORG", slug="tass")
    draft = make_article("Draf\n\nTASS melaporkan.\n", None, status=Article.Status.DRAFT)
    mention(draft, tass, "TASS")
    Entity.objects.create(name="Nobody", label="PER", slug="nobody")
    refresh_entity_counts()


def index(client: Client, query: str = "", **headers) -> BeautifulSoup:
    return BeautifulSoup(page(client, f"/entities/{query}", **headers), "html.parser")


def names_in(html: BeautifulSoup) -> list[str]:
    return [item.select_one("mark").contents[-1] for item in html.select(".entity-item")]


def test_the_index_lists_entities_most_written_about_first_with_their_counts(
    client: Client, index_entities
) -> None:
    html = index(client)
    assert len(html.select("h1")) == 1
    assert names_in(html) == ["Vladimir Putin", "Rusia"]
    item = html.select_one(".entity-item")
    assert item.select_one("a")["href"] == "/entities/vladimir-putin/"
    assert item.select_one(".visually-hidden").get_text() == "Person: "
    counts = [count.get_text() for count in item.select(".count")]
    # The title's mention is not counted: 2, as the article's card says.
    assert counts == ["2 mentions", "in 1 article"]
    assert "Nobody" not in html.get_text()


def test_the_index_filters_by_type_and_searches_and_sorts_by_name(
    client: Client, index_entities
) -> None:
    assert names_in(index(client, "?type=LOC")) == ["Rusia"]
    assert index(client, "?type=LOC").select_one("input[name=type][value=LOC]").has_attr("checked")
    assert names_in(index(client, "?q=usi")) == ["Rusia"]
    assert names_in(index(client, "?q=PUTIN")) == ["Vladimir Putin"]
    assert names_in(index(client, "?sort=name")) == ["Rusia", "Vladimir Putin"]
    assert names_in(index(client, "?q=zzz")) == []
    assert index(client, "?q=zzz").select_one(".empty").get_text() == "No entity matches."
    assert names_in(index(client, "?type=XX&sort=bad")) == ["Vladimir Putin", "Rusia"]


def test_typing_gets_only_the_results_and_pushes_the_address(
    client: Client, index_entities
) -> None:
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "entity-results"}
    response = client.get("/entities/?q=rus&type=&sort=count", **headers)
    html = response.content.decode()
    assert "<h1" not in html and "Rusia" in html and "Putin" not in html
    assert response["HX-Push-Url"] == "/entities/?q=rus"


def test_the_index_works_as_a_plain_form_without_javascript(client, index_entities) -> None:
    form = index(client).select_one("form.entity-filter")
    assert (form["action"], form["method"]) == ("/entities/", "get")
    assert form.select_one("input#entity-q[name=q]") and form.select_one("button[type=submit]")
    assert form["hx-get"] == "/entities/"


def test_the_index_counts_published_articles_only_for_staff_too(
    client: Client, index_entities, admin_user: User
) -> None:
    client.force_login(admin_user)
    assert "TASS" not in index(client).get_text()


def test_ingest_keeps_the_counts(client: Client, seed_text: str) -> None:
    article = ingest_article(text=seed_text).article
    putin = Entity.objects.get(slug="vladimir-putin")
    card = BeautifulSoup(
        page(client, f"{article.get_absolute_url()}?entity=vladimir-putin"), "html.parser"
    )
    steps = len(card.select(".mention-steps .mention-list a"))
    assert (putin.mention_count, putin.article_count) == (steps, 1)


def test_refreshing_counts_sees_a_rejected_mention(client: Client, index_entities) -> None:
    Mention.objects.filter(entity__slug="rusia").update(status=Mention.Status.REJECTED)
    assert refresh_entity_counts(Entity.objects.values_list("pk", flat=True)) == 1
    assert names_in(index(client)) == ["Vladimir Putin"]


def test_a_page_of_the_index_takes_two_queries_with_50000_entities(
    client: Client, django_assert_num_queries
) -> None:
    Entity.objects.bulk_create(
        (
            Entity(
                name=f"Kota {number}",
                label=("PER", "ORG", "LOC")[number % 3],
                slug=f"kota-{number}",
                mention_count=number % 97 + 1,
                article_count=number % 13 + 1,
            )
            for number in range(50_000)
        ),
        batch_size=5000,
    )
    # The collection's stamp and the page; the first time for each type also the count, kept
    # until an article changes. A search by name is counted each time (the count, the page).
    queries = [
        ("", 3), ("?sort=name", 2), ("?type=PER", 3), ("?q=kota+4", 2), ("?page=400", 2),
        ("?type=LOC&sort=name", 3), ("?type=LOC", 2),
    ]  # fmt: skip
    for query, expected in queries:
        with django_assert_num_queries(expected):
            html = index(client, query)
        assert len(html.select(".entity-item")) == 60, query


def test_the_index_total_follows_new_articles_and_deleted_entities(client: Client) -> None:
    putin = Entity.objects.create(name="Vladimir Putin", label="PER", slug="vladimir-putin")
    article = make_article(MOSCOW, date(2017, 12, 11))
    mention(article, putin, "Vladimir Putin")
    refresh_entity_counts()
    assert index(client, "").select_one(".result-count").get_text() == "1 entity"
    rusia = Entity.objects.create(name="Rusia", label="LOC", slug="rusia")
    newer = make_article("Rusia\n\nRusia menarik pasukan.\n", date(2017, 12, 12))
    mention(newer, rusia, "Rusia", 1)
    refresh_entity_counts()
    assert index(client, "").select_one(".result-count").get_text() == "2 entities"
    rusia.delete()
    assert index(client, "").select_one(".result-count").get_text() == "1 entity"


# --- the chart of mentions over time ----------------------------------------------------------


def test_the_entity_page_charts_its_mentions_per_month_with_a_table(client, putin) -> None:
    for day, mentions in ((date(2017, 10, 3), 1), (date(2017, 12, 11), 2)):
        text = MOSCOW.replace("Putin Pulang", f"Berita {day}")
        article = make_article(text, day)
        for nth in range(mentions):
            mention(article, putin, "Putin", nth)
    html = BeautifulSoup(page(client, HTTP_ACCEPT_LANGUAGE="en"), "html.parser")
    svg = html.select_one(".entity-chart svg[role=img]")
    assert svg["aria-labelledby"] == "mentions-chart-title mentions-chart-desc"
    assert svg.select_one("title").get_text() == "Mentions of Vladimir Putin over time"
    assert "busiest: December 2017" in svg.select_one("desc").get_text()
    # A year at least (January to December 2017), so one busy month is a bar, not a block.
    heights = [float(bar["height"]) for bar in svg.select("rect.chart-bar")]
    assert len(heights) == 12 and heights[9] > 0 and heights[11] == 2 * heights[9]
    assert sum(heights) == heights[9] + heights[11]
    assert [t.get_text() for t in svg.select("text.chart-count") if t.get_text()] == ["1", "2"]
    rows = [
        [td.get_text() for td in tr.select("td")] for tr in html.select(".chart-table tbody tr")
    ]
    assert rows[0] == ["January 2017", "0"]
    assert rows[-3:] == [["October 2017", "1"], ["November 2017", "0"], ["December 2017", "2"]]


def test_the_chart_escapes_the_entitys_name(client) -> None:
    evil = Entity.objects.create(name='<script>x</script>"&', label="PER", slug="evil")
    article = make_article("Judul\n\nKata Evil di sini.\n", date(2017, 1, 1))
    mention(article, evil, "Evil")
    html = page(client, "/entities/evil/")
    chart = html[html.index('<section class="entity-chart"') :]
    assert "<script>x" not in chart and "&lt;script&gt;x&lt;/script&gt;&quot;&amp;" in chart


def test_the_kept_count_chart_and_names_follow_a_new_article(
    client: Client, moscow: Article, putin: Entity
) -> None:
    before = page(client)
    later = make_article(MOSCOW.replace("Putin Pulang", "Berita Baru"), date(2018, 3, 1))
    mention(later, putin, "Putin")
    after = page(client)
    assert after.count('class="article-item entity-article"') == 2
    assert before.count('class="article-item entity-article"') == 1
    later.delete()
    assert page(client).count('class="article-item entity-article"') == 1
