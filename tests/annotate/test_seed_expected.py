"""The seed article must come out as ../shared/seed/EXPECTED.md says, table by table."""

from __future__ import annotations

import re

import pytest

from articles.annotate import annotate
from tests.seed import SEED_PATH

SEED = SEED_PATH
TEXT = SEED.read_text(encoding="utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def result():
    return annotate(TEXT)


def segments_of(result, kind):
    return [TEXT[s.start : s.end] for s in result.segments if s.type == kind]


def entity_named(result, name):
    matches = [e for e in result.entities if e.name == name]
    assert matches, f"no entity named {name!r} in {[e.name for e in result.entities]}"
    return matches[0]


def body_spans(result):
    return [(s.start, s.end) for s in result.segments if s.type == "body"]


def occurrences_in_body(result, pattern):
    spans = body_spans(result)
    return [
        (m.start(), m.end())
        for m in re.finditer(pattern, TEXT)
        if any(start <= m.start() and m.end() <= end for start, end in spans)
    ]


def test_metadata_comes_from_the_first_line_and_the_dateline(result):
    assert result.title == TEXT.splitlines()[0]
    assert result.language == "id"
    assert result.published.isoformat() == "2017-12-11"
    assert result.published_inferred is True
    assert result.outlet == "SALAM-ONLINE"
    assert result.dateline.place == "KHMEIMIM"
    assert result.dateline.entity == entity_named(result, "Khmeimim").id


def test_the_body_is_separated_from_the_inserts(result):
    assert len(segments_of(result, "body")) == 11
    assert segments_of(result, "title") == [TEXT.splitlines()[0]]
    assert segments_of(result, "dateline")[0].startswith("KHMEIMIM (SALAM-ONLINE)")
    related = segments_of(result, "related_link")
    assert "BACA JUGA: PENARIKAN MUNDUR PASUKAN RUSIA DARI SURIAH DIRAGUKAN" in related
    assert related.count("Baca Juga") == 2
    assert segments_of(result, "caption") == ["Asad (kiri) dan Putin (tengah)"]
    assert segments_of(result, "signoff") == ["(S)"]
    assert segments_of(result, "source_footer") == ["Sumber: Aljazeera"]


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("PER", "Vladimir Putin"),
        ("PER", "Basyar Asad"),
        ("PER", "Abdel Fattah el-Sisi"),
        ("LOC", "Suriah"),
        ("LOC", "Rusia"),
        ("LOC", "Khmeimim"),
        ("LOC", "Latakia"),
        ("LOC", "Mesir"),
        ("LOC", "Kazakhstan"),
        ("LOC", "Astana"),
        ("LOC", "Turki"),
        ("LOC", "Iran"),
        ("ORG", "SALAM-ONLINE"),
        ("ORG", "Aljazeera"),
        ("ORG", "Novosti"),
        ("ORG", "Koalisi Nasional Suriah"),
        ("ORG", "Front al-Nusra"),
    ],
)
def test_each_expected_entity_is_found_with_its_type(result, label, name):
    assert entity_named(result, name).label == label


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("Vladimir Putin", r"(?:Vladimir )?\bPutin\b"),
        ("Basyar Asad", r"(?:Basyar )?\bAsad\b"),
        ("Suriah", r"(?<!Nasional )\bSuriah\b"),
        ("Rusia", r"\bRusia\b"),
    ],
)
def test_every_body_occurrence_is_a_mention_of_the_folded_entity(result, name, pattern):
    entity = entity_named(result, name)
    mentioned = {(m.start, m.end) for m in result.mentions if m.entity == entity.id}
    expected = occurrences_in_body(result, pattern)
    assert expected and set(expected) <= mentioned


def test_folded_entities_list_every_surface_form(result):
    assert {"Vladimir Putin", "Putin"} <= set(entity_named(result, "Vladimir Putin").aliases)
    assert {"Basyar Asad", "Asad"} <= set(entity_named(result, "Basyar Asad").aliases)
    assert {"KHMEIMIM", "Pangkalan Udara Khmeimim"} <= set(entity_named(result, "Khmeimim").aliases)


def test_suriah_inside_the_coalition_name_is_not_a_place_mention(result):
    start = TEXT.index("Koalisi Nasional Suriah")
    inside = [m for m in result.mentions if start <= m.start < start + 23]
    assert [(m.text, m.label) for m in inside] == [("Koalisi Nasional Suriah", "ORG")]


def test_inserts_get_no_mentions_dates_or_figures(result):
    inserts = [(s.start, s.end) for s in result.segments if s.type in ("related_link", "caption")]
    for layer in (result.mentions, result.events, result.figures):
        for item in layer:
            assert not any(a <= item.start < b for a, b in inserts), item


def attribution(result, kind):
    found = [a for a in result.attributions if a.kind == kind]
    assert found, f"no {kind} attribution in {result.attributions}"
    return found[0]


def test_the_outlet_in_the_dateline_is_the_publisher(result):
    publisher = attribution(result, "publisher")
    assert publisher.source == entity_named(result, "SALAM-ONLINE").id
    assert "SALAM-ONLINE" in TEXT[publisher.start : publisher.end]


def test_syrian_state_tv_reports_the_meeting(result):
    reported = attribution(result, "reported_by")
    assert reported.source == "TV rezim Suriah"
    assert TEXT[reported.start : reported.end] == "melaporkan"
    assert "Putin bertemu Basyar Asad" in TEXT[reported.content.start : reported.content.end]


def test_aljazeera_relays_the_report(result):
    relayed = attribution(result, "relayed_from")
    assert relayed.source == entity_named(result, "Aljazeera").id
    assert TEXT[relayed.start : relayed.end] == "lansir"


def test_putins_words_are_quoted_through_novosti(result):
    quote = attribution(result, "quote")
    assert quote.speaker == entity_named(result, "Vladimir Putin").id
    assert entity_named(result, "Novosti").id in (quote.via, quote.source)
    assert TEXT[quote.content.start : quote.content.end] == (
        "secara umum, pertempuran di wilayah ini berakhir dengan pemberantasan ‘teroris’ sepenuhnya"
    )


def test_the_source_footer_names_aljazeera(result):
    footer = attribution(result, "source_footer")
    assert footer.source == entity_named(result, "Aljazeera").id


def test_the_timeline_runs_from_the_intervention_to_the_visit(result):
    events = sorted(result.events, key=lambda e: (e.value, e.start))
    assert [(e.value, e.precision) for e in events] == [
        ("2015-09-30", "day"),
        ("2017-11", "month"),
        ("2017-11", "month"),
        ("2017-12-11", "day"),
        ("2017-12-11", "day"),
    ]
    (main,) = [e for e in events if e.main]
    assert main.text.startswith("Senin (11/12/2017)")
    relative = {e.text for e in events if e.relative}
    assert any(t.lower().startswith("bulan lalu") for t in relative)
    assert "Senin" in relative


def test_each_event_is_tied_to_its_sentence(result):
    for event in result.events:
        sentence = TEXT[event.sentence.start : event.sentence.end]
        assert TEXT[event.start : event.end] in sentence
        assert event.summary


def test_the_two_casualty_figures_are_read_in_indonesian_number_format(result):
    aljazeera = entity_named(result, "Aljazeera").id
    figures = [
        (f.text, f.value, f.qualifier, f.category, f.unit, f.as_of, f.source)
        for f in result.figures
    ]
    assert figures == [
        (
            "sekitar 465.000 orang terbunuh",
            465000,
            "about",
            "killed",
            "people",
            "2017-12-11",
            aljazeera,
        ),
        (
            "lebih dari 12 juta warga Suriah telah mengungsi",
            12000000,
            "more_than",
            "displaced",
            "people",
            "2017-12-11",
            aljazeera,
        ),
    ]
