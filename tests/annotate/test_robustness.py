"""Any text in, a valid result out: properties over arbitrary text and hostile inputs."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.annotate import annotate
from articles.annotate.text import replace_surrogates
from tests.seed import SEED_PATH

SEED = SEED_PATH
LAYERS = ("segments", "mentions", "events", "figures", "attributions")


def assert_valid(text: str, data: dict) -> None:
    """Offsets inside the text, surfaces equal to their slices, no overlaps within a layer."""
    text = replace_surrogates(text.replace("\r\n", "\n"))
    for layer in LAYERS:
        spans = sorted((item["start"], item["end"]) for item in data[layer])
        for start, end in spans:
            assert 0 <= start <= end <= len(text), (layer, start, end)
        for (_, first_end), (second_start, _) in itertools.pairwise(spans):
            assert first_end <= second_start, (layer, spans)
    for layer in ("mentions", "events", "figures"):
        for item in data[layer]:
            assert text[item["start"] : item["end"]] == item["text"], (layer, item)
    for event in data["events"]:
        sentence = event["sentence"]
        assert sentence["start"] <= event["start"] <= event["end"] <= sentence["end"]
    entity_ids = {entity["id"] for entity in data["entities"]}
    assert {mention["entity"] for mention in data["mentions"]} <= entity_ids
    json.dumps(data)  # serialisable


news_alphabet = st.sampled_from(
    [
        *list(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-–—()\"'“”‘’/\n\r"
        ),
        "Putin ",
        "Jakarta",
        "Senin",
        "2017",
        "465.000",
        "orang",
        "tewas",
        "kata",
        "BACA JUGA:",
        "Sumber:",
        " (S)",
        "\n\n",
        "Rusia",
        "lebih dari",
        "12 juta",
        "bulan lalu",
        "mengatakan",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=400))
def test_any_unicode_text_gives_a_valid_result(text):
    assert_valid(text, annotate(text).to_dict())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(news_alphabet, max_size=120).map("".join))
def test_newsy_fragments_give_a_valid_result(text):
    assert_valid(text, annotate(text, published="2017-12-11").to_dict())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  \n",
        "x" * 10_000,
        "kata " * 2_000,
        bytes(range(256)).decode("utf-8", errors="replace") * 20,
        "Presiden 😀 Joko Widodo 🇮🇩 tiba di Jakarta 🎉, Senin (11/12/2017).",
        "قال الرئيس بشار الأسد إن ١٢ مليون شخص نزحوا\nدمشق (رويترز) - وقال",
        "JAKARTA, KOMPAS.com -\r\nPresiden\r\n\r\nBACA JUGA: x\r\n(ant)",
        "\x00\x01\x02 Jakarta \x7f",
        '(((((((((((((((((((((((((((((((( """" “““““ ’’’’',
    ],
    ids=[
        "empty",
        "whitespace",
        "one-long-line",
        "repeated-cue",
        "binary-junk",
        "emoji",
        "arabic",
        "crlf",
        "control-chars",
        "unbalanced-quotes",
    ],
)
def test_hostile_and_odd_input_gives_a_valid_result(text):
    assert_valid(text, annotate(text).to_dict())


def test_crlf_offsets_index_the_text_with_lf_only():
    text = "Judul Berita\r\n\r\nPresiden Joko Widodo tiba di Jakarta, Senin (11/12/2017).\r\n"
    result = annotate(text)
    normalised = text.replace("\r\n", "\n")
    assert result.mentions, "expected at least one mention"
    for mention in result.mentions:
        assert normalised[mention.start : mention.end] == mention.text


def test_a_megabyte_of_news_text_is_annotated():
    seed = SEED.read_text(encoding="utf-8")
    text = "\n\n".join([seed] * (1_000_000 // len(seed) + 1))
    assert len(text) >= 1_000_000
    data = annotate(text).to_dict()
    assert_valid(text, data)
    assert len(data["mentions"]) > 1000


# --- hostile characters and extreme dates, over the whole pipeline --------------------------
# The character classes that crashed real pastes: every Unicode space (Zs), the line and
# paragraph separators, lone carriage returns, controls, lone surrogates, emoji and RTL text,
# mixed into news-like words, with publication dates from the first day to the last.

HOSTILE_CHARACTERS = st.one_of(
    st.characters(categories=["Zs"]),
    st.sampled_from(["\u2028", "\u2029", "\r", "\x85", "\x0b", "\x0c", "\u200b", "\ufeff"]),
    st.characters(categories=["Cc"]),
    st.characters(categories=["Cs"]),
    st.sampled_from(["😀", "🇮🇩", "👩‍👩‍👧", "\u200f", "\u202e", "\u200d"]),
    st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew and Arabic
)
NEWS_WORDS = st.sampled_from(
    [
        "Presiden",
        "Joko Widodo",
        "mengatakan,",
        "kata",
        "ujar dia.",
        "“Kami siap,”",
        "Kemarin",
        "Tahun depan",
        "Senin (4/9)",
        "4 September",
        "tewas",
        "12 orang",
        "Jakarta, CNN Indonesia --",
        "BACA JUGA:",
        "\n\n",
        ".",
        ",",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(NEWS_WORDS, HOSTILE_CHARACTERS), max_size=80).map(" ".join)
ANY_DATE = st.none() | st.dates() | st.sampled_from([date.min, date.max])
ANY_URL = st.none() | st.text(max_size=60) | st.dates().map(lambda d: f"https://x.id/{d:%Y/%m/%d}/")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE_TEXT, published=ANY_DATE, url=ANY_URL)
@example(text="Ia mengatakan,\u00a0 kata Budi.\n\nx\u2028, kata\r.", published=None, url=None)
@example(text="Polisi menangkap dua orang kemarin. Kemarin.", published=date.min, url=None)
@example(text="Pemilu digelar tahun depan. Tahun depan.", published=date.max, url=None)
def test_no_stage_fails_on_hostile_characters_or_extreme_dates(text, published, url):
    result = annotate(text, published=published, url=url)

    assert result.errors == []
    assert_valid(text, result.to_dict())


def test_a_failing_stage_loses_only_its_own_layer(monkeypatch):
    import articles.annotate as pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "find_attributions", broken)
    text = "Judul Berita Hari Ini\n\nPresiden Joko Widodo tiba di Jakarta, Senin (11/12/2017)."

    result = annotate(text, published="2017-12-11")

    assert [(e.stage, e.reason) for e in result.errors] == [
        ("attributions", "IndexError in test_robustness.broken: list index out of range")
    ]
    assert result.attributions == []
    assert result.mentions and result.events  # the other stages ran
    assert result.to_dict()["errors"][0]["stage"] == "attributions"
