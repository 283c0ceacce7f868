"""The share picture: a 1200×630 PNG drawn on the server for an article and for a shared
entity or figure, named by the page's og:image, cached."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.test import Client
from PIL import Image

from articles.models import Article
from articles.reading import share_image as drawing
from articles.reading.share_image import ShareCard, draw_share_image
from articles.views import share as share_views
from tests.reader_articles import build_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article() -> Article:
    cache.clear()
    return build_article()


def meta(html: str) -> dict[str, str]:
    pairs = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)
    return {name: unescape(content) for name, content in pairs}


def picture(client: Client, path: str) -> Image.Image:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", ""), ("?entity=vladimir-putin", "?entity=vladimir-putin"), ("?hide=per", "")],
)
def test_the_page_names_the_picture_of_its_state(client, article, query, expected) -> None:
    tags = meta(client.get(article.get_absolute_url() + query).content.decode())
    url = f"http://testserver{article.get_absolute_url()}share.png{expected}"
    assert tags["og:image"] == tags["twitter:image"] == url
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == tags["og:title"]
    assert tags["twitter:card"] == "summary_large_image"


def test_the_article_the_entity_and_the_figure_each_get_their_picture(client, article) -> None:
    base = f"{article.get_absolute_url()}share.png"
    pictures = [
        picture(client, base),
        picture(client, base + "?entity=vladimir-putin"),
        picture(client, base + "?figure=fig-465000-killed"),
    ]
    assert {image.size for image in pictures} == {(1200, 630)}
    assert {image.format for image in pictures} == {"PNG"}
    assert len({image.tobytes() for image in pictures}) == 3
    # The entity's picture is marked with its type's colour (a person's, #b3461f).
    assert pictures[1].convert("RGB").getpixel((4, 300)) == (0xB3, 0x46, 0x1F)


def test_a_picture_is_drawn_once_then_served_from_the_cache(client, article, monkeypatch):
    drawn = []

    def counting(card: ShareCard) -> bytes:
        drawn.append(card)
        return draw_share_image(card)

    monkeypatch.setattr(share_views, "draw_share_image", counting)
    url = f"{article.get_absolute_url()}share.png"
    first, second = client.get(url).content, client.get(url).content
    assert first == second and len(drawn) == 1
    assert drawn[0].title == "Putin meets Asad in Latakia"
    assert drawn[0].kicker == "NEWSWIRE · 11 DEC 2017"
    assert [label for _, label in drawn[0].cards] == ["Killed (people)"]
    article.title = "Corrected"
    article.save()  # a saved change (updated_at) draws it anew
    client.get(url)
    assert len(drawn) == 2 and drawn[1].title == "Corrected"


def test_an_old_slug_redirects_to_the_picture_with_its_state(client, article) -> None:
    response = client.get(f"/articles/{article.pk}/old/share.png?entity=vladimir-putin")
    assert response.status_code == 301
    assert response["Location"] == f"{article.get_absolute_url()}share.png?entity=vladimir-putin"


def test_drafts_have_no_picture_for_readers(client, article) -> None:
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.get(f"{article.get_absolute_url()}share.png").status_code == 404


def test_it_draws_with_pillows_own_font_when_dejavu_is_missing(monkeypatch) -> None:
    monkeypatch.setattr(drawing, "FONT_DIRS", ())
    drawing.font.cache_clear()
    try:
        png = draw_share_image(ShareCard("KICKER", "A title " * 20, "sub", [("1", "one")]))
    finally:
        drawing.font.cache_clear()
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_long_titles_are_cut_to_fit_with_an_ellipsis() -> None:
    typeface = drawing.font(True, 60)
    lines = drawing.wrap("Sangat panjang " * 40, typeface, 1072, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(typeface.getlength(line) <= 1072 for line in lines)
