"""Highlight layers kept in the URL (``?hide=per,dates``), working as plain links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.http import QueryDict
from django.test import Client

from articles.models import Article
from articles.reading.state import LAYERS, ReaderState, parse_state
from tests.reader_articles import build_article


@pytest.mark.parametrize(
    ("query", "hidden"),
    [
        ("", ()),
        ("hide=per,dates", ("per", "dates")),
        ("hide=dates,per", ("per", "dates")),
        ("hide=dates&hide=per", ("per", "dates")),
        ("hide=PER,%20loc", ("per", "loc")),
        ("hide=bogus,figures,,", ("figures",)),
        ("hide=per,per", ("per",)),
    ],
)
def test_it_reads_hidden_layers_in_one_order_whatever_the_url_says(
    query: str, hidden: tuple[str, ...]
) -> None:
    assert parse_state(QueryDict(query)).hidden == hidden


@pytest.mark.parametrize(
    ("state", "href"),
    [
        (ReaderState(), "./"),
        (ReaderState(hidden=("per", "dates")), "?hide=per,dates"),
        (ReaderState(entity="putin", hidden=("loc",)), "?entity=putin&hide=loc"),
        (ReaderState(figure="fig-465000-killed"), "?figure=fig-465000-killed"),
        (ReaderState(entity="a b&c"), "?entity=a%20b%26c"),
    ],
)
def test_it_writes_a_state_as_a_link_relative_to_the_article(state: ReaderState, href: str) -> None:
    assert state.href() == href


def test_switching_a_layer_twice_gives_the_state_back() -> None:
    state = ReaderState(entity="putin", hidden=("dates",))
    assert state.with_layer_toggled("per").hidden == ("per", "dates")
    assert state.with_layer_toggled("per").with_layer_toggled("per") == state


def test_hide_all_hides_every_layer_and_then_shows_them_again() -> None:
    assert ReaderState().toggle_all_href == "?hide=" + ",".join(LAYERS)
    assert ReaderState(hidden=LAYERS).toggle_all_href == "./"
    assert ReaderState(hidden=("per",)).toggle_all_href == "?hide=" + ",".join(LAYERS)


# --- on the page -----------------------------------------------------------------------------


@pytest.fixture
def article(db) -> Article:
    return build_article()


def switches(html: str) -> dict[str, tuple[str, str]]:
    pattern = (
        r'<a class="layer-toggle" href="([^"]+)" role="switch" '
        r'aria-checked="(\w+)" data-layer="(\w+)">'
    )
    return {layer: (checked, href) for href, checked, layer in re.findall(pattern, html)}


def test_every_layer_is_a_switch_link_that_is_on_by_default(
    client: Client, article: Article
) -> None:
    html = client.get(article.get_absolute_url()).content.decode()
    assert switches(html) == {
        "per": ("true", "?hide=per"),
        "org": ("true", "?hide=org"),
        "loc": ("true", "?hide=loc"),
        "dates": ("true", "?hide=dates"),
        "figures": ("true", "?hide=figures"),
        "sources": ("true", "?hide=sources"),
    }
    assert 'class="reading-layout " id="reader"' in html


def test_hidden_layers_are_classes_on_the_layout_and_switches_that_are_off(
    client: Client, article: Article
) -> None:
    html = client.get(article.get_absolute_url() + "?hide=per,dates").content.decode()
    assert '<div class="reading-layout hide-per hide-dates" id="reader"' in html
    state = switches(html)
    assert state["per"] == ("false", "?hide=dates")
    assert state["dates"] == ("false", "?hide=per")
    assert state["loc"] == ("true", "?hide=per,loc,dates")


def test_opening_a_card_keeps_the_hidden_layers(client: Client, article: Article) -> None:
    html = client.get(article.get_absolute_url() + "?hide=dates").content.decode()
    assert '<a href="?entity=latakia&amp;hide=dates" hx-get="?entity=latakia&amp;hide=dates">' in (
        html
    )
    switch = switches(client.get(article.get_absolute_url() + "?entity=latakia").content.decode())
    assert switch["per"] == ("true", "?entity=latakia&amp;hide=per")


def test_hide_all_is_a_link_too(client: Client, article: Article) -> None:
    html = client.get(article.get_absolute_url()).content.decode()
    every = ",".join(LAYERS)
    assert re.search(rf'<a class="layers-all" href="\?hide={every}"[^>]*>Hide all</a>', html)
    html = client.get(article.get_absolute_url() + f"?hide={every}").content.decode()
    assert re.search(r'<a class="layers-all" href="./"[^>]*>Show all</a>', html)


def test_the_text_and_its_marks_stay_when_a_layer_is_hidden(
    client: Client, article: Article
) -> None:
    """Hiding is a matter of style: the words and their links stay in place."""
    shown = client.get(article.get_absolute_url()).content.decode()
    hidden = client.get(article.get_absolute_url() + "?hide=per").content.decode()
    assert (
        shown.count('<mark class="ent ent-per"') == hidden.count('<mark class="ent ent-per"') == 5
    )


def test_the_stylesheet_hides_each_layer_and_its_spoken_type() -> None:
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    selectors = {
        "per": "mark.ent-per",
        "org": "mark.ent-org",
        "loc": "mark.ent-loc",
        "dates": "mark.date",
        "figures": "mark.fig",
        "sources": "mark.cue",
    }
    for layer, selector in selectors.items():
        assert re.search(rf"\.hide-{layer} {re.escape(selector)}\b", css), layer
        assert re.search(rf"\.hide-{layer} {re.escape(selector)}[^,{{]*> \.visually-hidden", css)
