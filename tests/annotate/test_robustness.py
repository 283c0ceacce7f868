"""Any text in, a valid result out: properties over arbitrary text and hostile inputs."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.annotate import annotate
from tests.seed import SEED_PATH

SEED = SEED_PATH
LAYERS = ("segments", "mentions", "events", "figures", "attributions")


def assert_valid(text: str, data: dict) -> None:
    """Offsets inside the text, surfaces equal to their slices, no overlaps within a layer."""
    text = text.replace("\r\n", "\n")
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
