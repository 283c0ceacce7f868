"""One mapping between the pipeline and the database: articles/mapping.py."""

from __future__ import annotations

import pytest

from articles import mapping
from articles.annotate import types as found
from articles.ingest import annotate_text, ingest_article
from articles.models import Article, Entity, Event, Figure, Mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_article(seed_text: str) -> Article:
    return ingest_article(text=seed_text).article


def loaded(article: Article) -> Article:
    article = Article.objects.select_related("dateline_entity").get(pk=article.pk)
    return mapping.with_annotations(article)


def test_a_stored_article_reads_back_as_the_pipelines_own_result(seed_text, seed_article):
    fresh = mapping.keyed_result(annotate_text(seed_text))

    stored = mapping.result_from_article(loaded(seed_article))

    assert isinstance(stored, found.Result)
    assert stored.segments == fresh.segments
    assert stored.mentions == fresh.mentions
    assert stored.events == fresh.events
    assert stored.figures == fresh.figures
    assert stored.attributions == fresh.attributions
    assert stored.event_keys == fresh.event_keys
    assert stored.figure_keys == fresh.figure_keys
    assert stored.attribution_keys == fresh.attribution_keys
    assert {e.id for e in stored.entities} >= {m.entity for m in stored.mentions}


def test_it_reads_the_stored_article_without_a_query_once_prefetched(
    seed_article, django_assert_num_queries
):
    article = loaded(seed_article)

    with django_assert_num_queries(0):
        result = mapping.result_from_article(article)

    assert result.mentions and result.figures and result.events


def test_it_leaves_out_mentions_an_editor_rejected(seed_article):
    rejected = seed_article.mentions.filter(entity__slug="vladimir-putin")
    count = rejected.update(status=Mention.Status.REJECTED)

    result = mapping.result_from_article(loaded(seed_article))

    assert count > 0
    assert all(m.entity != "vladimir-putin" for m in result.mentions)
    assert Mention.objects.shown().filter(entity__slug="vladimir-putin").count() == 0


def test_the_dateline_reads_back_with_its_place_entity(seed_article):
    result = mapping.result_from_article(loaded(seed_article))

    assert result.dateline is not None
    assert (
        result.dateline.text == seed_article.body_text[result.dateline.start : result.dateline.end]
    )
    assert result.dateline.place == seed_article.dateline_place


# Each type both ways, in memory.

ENTITY = Entity(name="Joko Widodo", label="PER", slug="joko-widodo")
ENTITIES = {"jokowi-id": ENTITY}


def stored_entity(span, entities=ENTITIES):
    """What the span reads back as: the pipeline's entity ids become the stored slugs."""
    return {"jokowi-id": "joko-widodo"}.get(span, span)


def test_a_figure_goes_to_a_row_and_back_unchanged():
    span = found.Figure(
        3, 10, "230.000", 230000.0, None, "about", "people", "killed", "2018-01-03", "jokowi-id"
    )

    row = mapping.figure_row(Article(), "fig-230000-killed", span, ENTITIES)

    assert (row.source, row.source_entity) == ("Joko Widodo", ENTITY)
    back = mapping.figure_from_row(row)
    assert back == found.Figure(
        3, 10, "230.000", 230000.0, None, "about", "people", "killed", "2018-01-03", "joko-widodo"
    )


def test_an_event_goes_to_a_row_and_back_unchanged():
    span = found.Event(
        5, 12, "Nov 2017", "2017-11", "month", False, found.Span(0, 30), "it began", True
    )

    row = mapping.event_row(Article(), "t-2017-11", span)

    assert str(row.date) == "2017-11-01"
    assert mapping.event_from_row(row) == span


def test_an_attribution_keeps_a_descriptor_and_an_entity_apart():
    span = found.Attribution(0, 4, "quote", "TV rezim Suriah", "jokowi-id", None, found.Span(6, 20))

    row = mapping.attribution_row(Article(), "src-tv-quote", span, ENTITIES)

    assert (row.source, row.source_entity, row.speaker_entity) == ("TV rezim Suriah", None, ENTITY)
    back = mapping.attribution_from_row(row)
    assert back == found.Attribution(
        0, 4, "quote", "TV rezim Suriah", "joko-widodo", None, found.Span(6, 20)
    )


def test_a_mention_and_a_segment_go_to_rows_and_back():
    mention = found.Mention(0, 6, "Jokowi", "PER", "jokowi-id")
    segment = found.Segment(0, 40, "caption")

    assert mapping.mention_from_row(mapping.mention_row(Article(), mention, ENTITIES)) == (
        found.Mention(0, 6, "Jokowi", "PER", "joko-widodo")
    )
    assert mapping.segment_from_row(mapping.segment_row(Article(), segment)) == segment


@pytest.mark.parametrize(
    ("model", "field", "build"),
    [
        (
            Mention,
            "text",
            lambda t: mapping.mention_row(
                Article(), found.Mention(0, 1, t, "PER", "jokowi-id"), ENTITIES
            ),
        ),
        (
            Event,
            "summary",
            lambda t: mapping.event_row(
                Article(),
                "t-2017",
                found.Event(0, 1, "x", "2017", "year", False, found.Span(0, 1), t),
            ),
        ),
        (
            Figure,
            "unit",
            lambda t: mapping.figure_row(
                Article(),
                "fig-1-other",
                found.Figure(0, 1, "x", 1.0, None, "exact", t, "other", None, None),
                {},
            ),
        ),
    ],
)
def test_long_text_is_cut_to_the_models_field_length(model, field, build):
    limit = model._meta.get_field(field).max_length

    row = build("kata " * 200)

    assert len(getattr(row, field)) == limit
    assert getattr(row, field).endswith("…")
