"""The write path: articles/ingest.py and the stable keys it stores (articles/keys.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils.text import slugify
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import ingest
from articles.annotate import types as found
from articles.ingest import MAX_TEXT_CHARS, IngestError, ingest_article
from articles.keys import attribution_keys, entity_slug, event_keys, figure_keys
from articles.models import Article, Entity, Event, Figure, Mention, Segment

pytestmark = pytest.mark.django_db

STORY = "Presiden Joko Widodo tiba di Jakarta. Jokowi disambut warga.\n"


def found_result(text: str, **fields) -> found.Result:
    """A pipeline result for `text`, with one body segment unless told otherwise."""
    defaults = {
        "language": "id",
        "title": None,
        "published": None,
        "published_inferred": False,
        "dateline": None,
        "outlet": None,
        "segments": [found.Segment(0, len(text.rstrip("\n")), "body")],
        "entities": [],
        "mentions": [],
        "attributions": [],
        "events": [],
        "figures": [],
    }
    return found.Result(**(defaults | fields))


def jokowi_result(text: str) -> found.Result:
    start = text.index("Joko Widodo")
    short = text.index("Jokowi")
    return found_result(
        text,
        entities=[found.Entity("joko-widodo", "PER", "Joko Widodo", ["Joko Widodo", "Jokowi"])],
        mentions=[
            found.Mention(start, start + 11, "Joko Widodo", "PER", "joko-widodo"),
            found.Mention(short, short + 6, "Jokowi", "PER", "joko-widodo"),
        ],
    )


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Replace the pipeline with `results[text]`, recording what it was given."""
    calls: list[dict] = []
    results: dict[str, found.Result] = {}

    def annotate(text, **kwargs):
        calls.append({"text": text, **kwargs})
        return results[text.replace("\r\n", "\n")]

    monkeypatch.setattr(ingest, "annotate", annotate)
    return results, calls


# The seed article, through the real pipeline.


def test_it_stores_the_seed_article_with_the_proposed_metadata(seed_text):
    article = ingest_article(text=seed_text).article

    assert (
        article.title == "Bertemu Asad, Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"
    )
    assert article.slug == "bertemu-asad-putin-perintahkan-pasukannya-mulai-tarik-diri-dari-suriah"
    assert article.published_on == date(2017, 12, 11)
    assert article.language == "id"
    assert article.outlet == "SALAM-ONLINE"


def test_it_keeps_the_seed_text_verbatim_and_its_offsets_point_at_their_surfaces(seed_text):
    article = ingest_article(text=seed_text).article
    article.refresh_from_db()

    assert article.text == seed_text
    mentions = list(article.mentions.all())
    assert mentions
    assert all(article.body_text[m.start : m.end] == m.text for m in mentions)
    assert all(article.body_text[e.start : e.end] == e.text for e in article.events.all())


def test_it_stores_the_seed_timeline_and_both_figures(seed_text):
    article = ingest_article(text=seed_text).article

    dates = [event.value for event in article.events.order_by("date", "start")]
    assert dates[0] == "2015-09-30"
    assert dates[-1] == "2017-12-11"
    assert sorted(f.key for f in article.figures.all()) == [
        "fig-12000000-displaced",
        "fig-465000-killed",
    ]


def test_it_keeps_crlf_text_verbatim_and_offsets_index_the_lf_text(seed_text):
    crlf_text = seed_text.replace("\n", "\r\n")

    article = ingest_article(text=crlf_text).article
    article.refresh_from_db()

    assert article.text == crlf_text
    assert all(article.body_text[m.start : m.end] == m.text for m in article.mentions.all())


# One text, one article.


def test_it_returns_the_stored_article_when_the_same_text_is_pasted_again(fake_pipeline):
    results, _ = fake_pipeline
    results[STORY] = jokowi_result(STORY)

    first = ingest_article(text=STORY)
    second = ingest_article(text=STORY)

    assert first.created is True
    assert second.created is False
    assert second.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_it_treats_the_crlf_and_lf_versions_of_a_text_as_one_article(fake_pipeline):
    results, _ = fake_pipeline
    text = "Judul\n\nParagraf pertama.\nParagraf kedua.\n"
    results[text] = found_result(text)

    first = ingest_article(text=text.replace("\n", "\r\n"))
    second = ingest_article(text=text)

    assert second.created is False
    assert second.article.pk == first.article.pk


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t\r\n  ", "empty"),
        ("a" * (MAX_TEXT_CHARS + 1), "too long"),
        ("PK\x03\x04\x00\x00binary\x00", "does not look like text"),
        ("text " + "\x01\x02\x1b" * 50, "does not look like text"),
    ],
    ids=["empty", "whitespace", "too-long", "nul-bytes", "control-characters"],
)
def test_it_refuses_text_that_cannot_be_an_article_and_stores_nothing(text, message):
    with pytest.raises(IngestError, match=message):
        ingest_article(text=text)

    assert Article.objects.count() == 0


def test_it_accepts_text_exactly_at_the_size_limit(fake_pipeline):
    results, _ = fake_pipeline
    text = ("kata " * MAX_TEXT_CHARS)[:MAX_TEXT_CHARS]
    results[text] = found_result(text)

    assert ingest_article(text=text).created is True


def test_it_keeps_the_article_marked_incomplete_when_storing_its_annotations_fails(
    fake_pipeline, monkeypatch
):
    results, _ = fake_pipeline
    results[STORY] = jokowi_result(STORY)

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest, "build_events", fail)
    article = ingest_article(text=STORY).article

    article.refresh_from_db()
    assert article.text == STORY
    assert article.annotation_errors == [{"stage": "storage", "reason": "RuntimeError: disk full"}]
    assert article.fully_annotated is False
    # the annotation rows go together: none half-stored
    assert (Entity.objects.count(), Mention.objects.count()) == (0, 0)


# Metadata: the editor's fields win, the pipeline proposes the rest.


def test_it_prefers_the_editors_fields_over_the_pipelines_proposals(fake_pipeline):
    results, calls = fake_pipeline
    results[STORY] = found_result(STORY, title="Judul mesin", outlet="MESIN", language="id")

    article = ingest_article(
        text=STORY,
        title="Judul editor",
        outlet="Kompas",
        url="https://example.com/a",
        published=date(2020, 1, 2),
        language="en",
    ).article

    assert (article.title, article.slug, article.outlet) == (
        "Judul editor",
        "judul-editor",
        "Kompas",
    )
    assert (article.url, article.published_on) == ("https://example.com/a", date(2020, 1, 2))
    assert article.published_inferred is False
    assert calls[0]["published"] == date(2020, 1, 2)
    assert calls[0]["language"] == "en"


def test_it_titles_an_untitled_article_with_its_first_line_cut_at_a_word(fake_pipeline):
    results, _ = fake_pipeline
    first_line = "Sebuah kalimat pembuka yang sangat panjang " * 4
    text = f"\n{first_line}\n\nIsi berita.\n"
    results[text] = found_result(text)

    article = ingest_article(text=text).article

    assert article.title.endswith(" …")
    kept = article.title.removesuffix(" …")
    assert len(article.title) <= 80
    assert first_line.startswith(kept + " ")
    assert article.slug == slugify(kept)


def test_it_cuts_a_long_slug_at_a_word(fake_pipeline):
    results, _ = fake_pipeline
    title = "Pemerintah mengumumkan " + "kebijakan baru " * 20
    results[STORY] = found_result(STORY, title=title)

    slug = ingest_article(text=STORY).article.slug

    assert len(slug) <= 120
    assert slugify(title).startswith(slug + "-")


def test_it_stores_segments_with_their_types(fake_pipeline):
    results, _ = fake_pipeline
    text = "Judul\nIsi berita.\nSumber: Antara\n"
    results[text] = found_result(
        text,
        segments=[
            found.Segment(0, 5, "title"),
            found.Segment(6, 17, "body"),
            found.Segment(18, 32, "source_footer"),
        ],
    )

    article = ingest_article(text=text).article

    kinds = list(Segment.objects.filter(article=article).values_list("kind", flat=True))
    assert kinds == ["title", "body", "source_footer"]


# Entities are shared across articles.


def test_it_folds_mentions_into_one_entity_and_reuses_it_in_the_next_article(fake_pipeline):
    results, _ = fake_pipeline
    other = "Kemarin Joko Widodo ke Bandung. Jokowi bertemu wali kota.\n"
    results[STORY] = jokowi_result(STORY)
    results[other] = jokowi_result(other)

    first = ingest_article(text=STORY).article
    second = ingest_article(text=other).article

    entity = Entity.objects.get()
    assert (entity.name, entity.label, entity.slug) == ("Joko Widodo", "PER", "joko-widodo")
    assert entity.aliases == ["Jokowi"]
    assert set(entity.mentions.values_list("article", flat=True)) == {first.pk, second.pk}


def test_it_matches_a_stored_entity_by_one_of_its_aliases_and_learns_new_forms(fake_pipeline):
    stored = Entity.objects.create(
        name="Vladimir Putin", label="PER", slug="vladimir-putin", aliases=["Putin"]
    )
    results, _ = fake_pipeline
    text = "Putin, yang juga disebut Pak Putin, datang.\n"
    results[text] = found_result(
        text,
        entities=[found.Entity("putin", "PER", "Putin", ["Putin", "Pak Putin"])],
        mentions=[found.Mention(0, 5, "Putin", "PER", "putin")],
    )

    article = ingest_article(text=text).article

    assert article.mentions.get().entity == stored
    stored.refresh_from_db()
    assert stored.aliases == ["Putin", "Pak Putin"]
    assert Entity.objects.count() == 1


def test_it_matches_an_alias_with_letters_beyond_ascii(fake_pipeline):
    stored = Entity.objects.create(
        name="Recep Tayyip Erdoğan", label="PER", slug="recep-tayyip-erdogan", aliases=["Erdoğan"]
    )
    results, _ = fake_pipeline
    text = "Erdoğan tiba di Ankara.\n"
    results[text] = found_result(
        text,
        entities=[found.Entity("erdogan", "PER", "Erdoğan")],
        mentions=[found.Mention(0, 7, "Erdoğan", "PER", "erdogan")],
    )

    article = ingest_article(text=text).article

    assert article.mentions.get().entity == stored


def test_it_gives_a_new_entity_a_labelled_slug_when_the_plain_one_is_taken(fake_pipeline):
    Entity.objects.create(name="Georgia", label="PER", slug="georgia")
    results, _ = fake_pipeline
    text = "Georgia berbatasan dengan Rusia.\n"
    results[text] = found_result(
        text,
        entities=[found.Entity("georgia", "LOC", "Georgia")],
        mentions=[found.Mention(0, 7, "Georgia", "LOC", "georgia")],
    )

    ingest_article(text=text)

    assert Entity.objects.get(label="LOC").slug == "georgia-loc"


def test_it_passes_only_editor_confirmed_entities_to_the_pipeline(fake_pipeline):
    Entity.objects.create(
        name="Basyar Asad", label="PER", slug="basyar-asad", aliases=["Asad"], confirmed=True
    )
    Entity.objects.create(name="Novosti", label="ORG", slug="novosti")
    results, calls = fake_pipeline
    results[STORY] = found_result(STORY)

    ingest_article(text=STORY)

    known = list(calls[0]["known_entities"])
    assert [(k.name, k.label, tuple(k.aliases)) for k in known] == [
        ("Basyar Asad", "PER", ("Asad",))
    ]


# Attributions, events and figures, with their keys.


def test_it_ties_attribution_sources_to_entities_and_keeps_descriptors_as_text(fake_pipeline):
    results, _ = fake_pipeline
    text = "TV pemerintah melaporkan hal itu, lansir Aljazeera.\n"
    results[text] = found_result(
        text,
        entities=[found.Entity("aljazeera", "ORG", "Aljazeera")],
        mentions=[found.Mention(41, 50, "Aljazeera", "ORG", "aljazeera")],
        attributions=[
            found.Attribution(
                14, 24, "reported_by", "TV pemerintah", None, None, found.Span(25, 32)
            ),
            found.Attribution(34, 40, "relayed_from", "aljazeera", None, None, None),
        ],
    )

    article = ingest_article(text=text).article

    reported, relayed = article.attributions.order_by("start")
    assert (reported.source, reported.source_entity, reported.key) == (
        "TV pemerintah",
        None,
        "src-tv-pemerintah-reported-by",
    )
    assert (reported.content_start, reported.content_end) == (25, 32)
    assert relayed.source_entity == Entity.objects.get(name="Aljazeera")
    assert (relayed.source, relayed.key) == ("Aljazeera", "src-aljazeera-relayed-from")


def test_it_stores_events_with_their_first_day_and_numbered_keys(fake_pipeline):
    results, _ = fake_pipeline
    text = "Pada November 2017 lalu. Bulan lalu. Pada 2015.\n"
    sentence = found.Span(0, 47)
    results[text] = found_result(
        text,
        events=[
            found.Event(5, 18, "November 2017", "2017-11", "month", False, sentence, "a"),
            found.Event(25, 35, "Bulan lalu", "2017-11", "month", True, sentence, "b"),
            found.Event(42, 46, "2015", "2015", "year", False, sentence, "c", main=True),
        ],
    )

    article = ingest_article(text=text).article

    rows = list(Event.objects.filter(article=article).order_by("start"))
    assert [(e.key, e.date) for e in rows] == [
        ("t-2017-11", date(2017, 11, 1)),
        ("t-2017-11-2", date(2017, 11, 1)),
        ("t-2015", date(2015, 1, 1)),
    ]
    assert [e.main for e in rows] == [False, False, True]
    assert rows[1].relative is True


def test_it_stores_figures_with_their_source_entity_and_as_of_date(fake_pipeline):
    results, _ = fake_pipeline
    text = "Sekitar 465.000 orang terbunuh, kata Aljazeera.\n"
    results[text] = found_result(
        text,
        entities=[found.Entity("aljazeera", "ORG", "Aljazeera")],
        figures=[
            found.Figure(
                0,
                30,
                text[:30],
                465000.0,
                None,
                "about",
                "orang",
                "killed",
                "2017-12-11",
                "aljazeera",
            )
        ],
    )

    figure = Figure.objects.get(article=ingest_article(text=text).article)

    assert (figure.key, figure.value, figure.qualifier) == ("fig-465000-killed", 465000, "about")
    assert figure.as_of == date(2017, 12, 11)
    assert figure.source_entity == Entity.objects.get(name="Aljazeera")


@pytest.mark.parametrize(
    ("values", "keys"),
    [
        (["2015-09-30"], ["t-2015-09-30"]),
        (["2017-11", "2017-11", "2017-11"], ["t-2017-11", "t-2017-11-2", "t-2017-11-3"]),
        (["2017", "2017-12-11", "2017"], ["t-2017", "t-2017-12-11", "t-2017-2"]),
    ],
)
def test_event_keys_number_repeats_in_text_order(values, keys):
    assert event_keys(values) == keys


@pytest.mark.parametrize(
    ("figures", "keys"),
    [
        ([(465000.0, "killed")], ["fig-465000-killed"]),
        (
            [(12e6, "displaced"), (12e6, "displaced")],
            ["fig-12000000-displaced", "fig-12000000-displaced-2"],
        ),
    ],
)
def test_figure_keys_use_the_whole_value_and_category(figures, keys):
    assert figure_keys(figures) == keys


@pytest.mark.parametrize(
    ("sources", "keys"),
    [
        ([("aljazeera", "relayed_from")], ["src-aljazeera-relayed-from"]),
        ([("", "source_footer")], ["src-source-footer"]),
        (
            [("Kantor berita resmi pemerintah Republik Arab Suriah yang dikelola negara", "quote")],
            ["src-kantor-berita-resmi-pemerintah-republik-quote"],
        ),
    ],
)
def test_attribution_keys_name_the_source_and_kind_and_stay_short(sources, keys):
    assert attribution_keys(sources) == keys


@pytest.mark.parametrize(
    ("taken", "slug"),
    [
        (set(), "suriah"),
        ({"suriah"}, "suriah-loc"),
        ({"suriah", "suriah-loc"}, "suriah-loc-2"),
    ],
)
def test_entity_slugs_get_a_label_then_a_number_on_a_clash(taken, slug):
    assert entity_slug("Suriah", "LOC", taken.__contains__) == slug


# Hostile fields and dates: a clear IngestError or a stored article, never another exception.


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.lists(
        st.one_of(
            st.sampled_from(["Presiden", "mengatakan,", "kata", "Kemarin", "Senin (4/9)", "\n\n"]),
            st.characters(categories=["Zs", "Cs", "Cc"]),
            st.sampled_from(["\u2028", "\r", "😀", "\u202e", "مرحبا"]),
        ),
        min_size=1,
        max_size=40,
    ).map(" ".join),
    published=st.none() | st.dates(),
    title=st.sampled_from(["", "a" * 400, "\ud800", "Judul"]),
    outlet=st.sampled_from(["", "o" * 400, "\udfff"]),
    url=st.sampled_from(["", "https://x.id/20171211/a", "https://x.id/" + "u" * 600]),
)
def test_any_paste_is_stored_or_refused_with_a_reason(text, published, title, outlet, url):
    try:
        stored = ingest_article(text=text, title=title, outlet=outlet, url=url, published=published)
    except IngestError as error:
        assert str(error)
        return
    article = Article.objects.get(pk=stored.article.pk)
    assert len(article.slug) <= 120 and len(article.title) <= 300 and len(article.outlet) <= 200
    assert article.text == text


def test_it_refuses_a_lone_surrogate_with_a_readable_reason():
    with pytest.raises(IngestError, match="half of a surrogate pair"):
        ingest_article(text="Presiden tiba \ud800 di Jakarta.")


def test_it_takes_the_publication_date_from_the_original_url():
    article = ingest_article(
        text="Banjir melanda Bekasi, Senin (4/9).\n\nWarga mengungsi.\n",
        url="https://www.suara.com/news/2017/09/04/072048/banjir",
    ).article

    assert (article.published_on, article.published_inferred) == (date(2017, 9, 4), False)
    assert [(e.value, e.date, e.main) for e in article.events.all()] == [
        ("2017-09-04", date(2017, 9, 4), True)
    ]


def test_it_stores_a_day_of_unknown_year_without_dropping_it():
    article = ingest_article(
        text="Banjir melanda Bekasi, Senin (4/9).\n\nWarga mengungsi.\n"
    ).article

    assert article.published_on is None
    assert [(e.value, e.date, e.main) for e in article.events.all()] == [("--09-04", None, True)]


def test_it_stores_the_proposed_title_and_keeps_the_first_paragraph_in_the_body():
    text = (
        "Jakarta, CNN Indonesia -- Presiden Joko Widodo meresmikan jalan tol Trans Jawa di "
        "Semarang, Kamis (20/12).\n\nJokowi mengatakan tol itu memangkas waktu tempuh.\n"
    )
    article = ingest_article(text=text).article

    assert article.title == "Presiden Joko Widodo meresmikan jalan tol Trans Jawa di Semarang"
    kinds = [segment.kind for segment in article.segments.all()]
    assert kinds == ["dateline", "body", "body"]
