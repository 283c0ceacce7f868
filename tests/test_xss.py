"""Ingested text is untrusted: whatever it holds comes out of every page as inert text."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from articles.ingest import ingest_article
from articles.models import Article, Attribution, Entity, Event, Figure, Mention, Segment

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
]
ESCAPED = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;img src=x onerror=alert(1)&gt;",
    "&quot;&gt;&lt;svg onload=alert(1)&gt;",
    "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;",
]
LIVE_MARKUP = ["<script>alert", "<img", "<svg", 'href="javascript:', "onerror=alert(1)>"]

pytestmark = pytest.mark.django_db


def assert_inert(html: str) -> None:
    lowered = html.lower()
    for live in LIVE_MARKUP:
        assert live.lower() not in lowered, live


def hostile_text(payload: str) -> str:
    return (
        f"Judul {payload} berita\n\n"
        f"JAKARTA (KANTOR-X): Presiden Joko Widodo berkata {payload} di Jakarta, "
        f"Senin (11/12/2017).\n\n"
        f"Sekitar 1.000 orang {payload} terbunuh, lansir Reuters.\n\n"
        f"BACA JUGA: {payload}\n\n"
        f"Sumber: {payload}"
    )


@pytest.mark.parametrize(("payload", "escaped"), list(zip(PAYLOADS, ESCAPED, strict=True)))
def test_it_renders_ingested_markup_as_text_on_the_article_page(
    client: Client, payload: str, escaped: str
) -> None:
    article = ingest_article(text=hostile_text(payload)).article
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert_inert(html)
    assert escaped in html


@pytest.mark.parametrize(("payload", "escaped"), list(zip(PAYLOADS, ESCAPED, strict=True)))
def test_it_renders_ingested_titles_as_text_on_the_home_page(
    client: Client, payload: str, escaped: str
) -> None:
    ingest_article(text=hostile_text(payload))
    html = client.get("/").content.decode()
    assert_inert(html)
    assert escaped in html


def test_it_keeps_markup_in_annotation_fields_inert(client: Client) -> None:
    """Names, keys, summaries and sources reach attributes and the sidebar: all escaped."""
    article = build_article_with_hostile_annotations()
    html = client.get(article.get_absolute_url()).content.decode()
    assert_inert(html)
    assert 'data-entity="&quot;&gt;&lt;svg onload=alert(1)&gt;"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_drops_an_original_link_that_is_not_a_web_address(client: Client) -> None:
    article = build_article_with_hostile_annotations()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "javascript:" not in html
    assert ">Original</a>" not in html


def build_article_with_hostile_annotations() -> Article:
    script, svg = PAYLOADS[0], PAYLOADS[2]
    text = f"Putin said {script} on 11 December 2017, about 465 killed."
    article = Article.objects.create(
        text=text,
        content_hash="hostile",
        title=f"Title {svg}",
        slug="title",
        language="en",
        outlet=script,
        dateline_place=svg,
        url="javascript:alert(1)",
        published_on=date(2017, 12, 11),
    )
    Segment.objects.create(article=article, start=0, end=len(text), kind="body")
    entity = Entity.objects.create(name=script, label="PER", slug=svg)
    Mention.objects.create(
        article=article, entity=entity, start=0, end=5, text="Putin", label="PER"
    )
    date_at = text.index("11 December 2017")
    Event.objects.create(
        article=article,
        key=svg,
        start=date_at,
        end=date_at + 16,
        text=script,
        value="2017-12-11",
        date=date(2017, 12, 11),
        precision="day",
        sentence_start=0,
        sentence_end=len(text),
        summary=script,
        main=True,
    )
    figure_at = text.index("about 465 killed")
    Figure.objects.create(
        article=article,
        key=f"fig-465-{svg}",
        start=figure_at,
        end=figure_at + 16,
        text=script,
        value=465,
        qualifier="about",
        unit=script,
        category="killed",
        source=svg,
    )
    Attribution.objects.create(
        article=article, key=svg, start=6, end=10, kind="quote", source=script, speaker=svg
    )
    return article


def test_it_keeps_markup_inert_in_the_entity_card_and_link_previews(client: Client) -> None:
    """A hostile name reaches the card, the preview's meta tags and the JSON-LD."""
    article = build_article_with_hostile_annotations()
    svg = PAYLOADS[2]
    for query in ({"entity": svg}, {"figure": f"fig-465-{svg}"}):
        response = client.get(article.get_absolute_url(), query)
        html = response.content.decode()
        assert response.status_code == 200
        assert_inert(html)
        assert html.count("</script>") == html.count("<script")
    card = client.get(
        article.get_absolute_url(),
        {"entity": svg},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="entity-card",
    ).content.decode()
    assert 'class="entity-card card-per"' in card
    assert_inert(card)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card  # the entity's name, as text
