"""Charts drawn on the server: the article's proportional time axis (the entity page's chart
of mentions is tested with that page, tests/test_entity_page.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation

from articles.ingest import ingest_article
from articles.reading.charts import AxisPoint, time_axis


def points(*values: str) -> list[AxisPoint]:
    return [AxisPoint(f"t-{v}", v, f"<b>{v}</b>", i == 0) for i, v in enumerate(values)]


def svg(values: list[str]) -> BeautifulSoup:
    with translation.override("en"):
        return BeautifulSoup(time_axis(points(*values), "en"), "html.parser")


def test_events_within_a_year_get_no_axis() -> None:
    assert str(time_axis(points("2017-01-05", "2017-12-11"), "en")) == ""
    assert str(time_axis(points("2017-12-11"), "en")) == ""


def test_events_over_years_sit_in_proportion_on_the_axis() -> None:
    drawn = svg(["2015-09-30", "2016-09-30", "2017-12-11", "2017"])
    chart = drawn.select_one("svg[role=img]")
    assert chart["aria-label"] == "4 dated events from 2015 to 2017, placed in proportion"
    xs = [float(circle["cx"]) for circle in chart.select("circle")]
    first, middle, last = xs[0], xs[1], xs[2]
    # One year of a span of about 26 months is a little under half the line.
    assert first == 14 and last == 346
    assert 0.4 < (middle - first) / (last - first) < 0.5
    assert [t.get_text() for t in chart.select("text")] == ["2016", "2017"]
    assert chart.select("circle.main") == chart.select("circle")[:1]


def test_the_axis_escapes_what_it_shows() -> None:
    drawn = str(time_axis(points("2015-09-30", "2017-12-11"), "en"))
    assert "<b>" not in drawn and "&lt;b&gt;2015-09-30&lt;/b&gt;" in drawn


@pytest.mark.django_db
def test_the_seed_articles_timeline_has_its_axis(client: Client, seed_text: str) -> None:
    article = ingest_article(text=seed_text).article
    html = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    panel = html.select_one("#panel-timeline")
    axis = panel.select_one("svg.time-axis")
    assert axis is not None and axis.find_next_sibling("ol", class_="timeline")
    assert len(axis.select("circle")) == len(panel.select(".timeline-entry"))
