"""Entity folding, gazetteers and the entity stage's rules (no database)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from articles.annotate.entities import (
    Candidate,
    _drop_common_head,
    _drop_common_opener,
    _drop_lone_opener,
    _drop_number_word,
    _drop_titles,
    _find_again,
    _has_name,
    _relabel_by_head,
    _split_at_joiners,
    _split_leading_places,
    _tidy_span,
    _with_acronyms,
    _with_cues,
    fold_mentions,
    name_words,
    slugify,
)
from articles.annotate.gazetteer import find_gazetteer_matches, lower_same_length
from articles.annotate.types import KnownEntity, Segment


def candidates_for(text: str, *spans: tuple[str, str], origin: str = "model") -> list[Candidate]:
    """One candidate per (surface, label), given in text order."""
    found, cursor = [], 0
    for surface, label in spans:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        found.append(Candidate(start, cursor, label, origin, "body"))
    return found


@pytest.mark.parametrize(
    ("surface", "label", "words"),
    [
        ("Vladimir Putin", "PER", ("vladimir", "putin")),
        ("Presiden Joko Widodo", "PER", ("joko", "widodo")),
        ("Menteri Luar Negeri Retno Marsudi", "PER", ("luar", "negeri", "retno", "marsudi")),
        ("Dr. Siti Fadilah", "PER", ("siti", "fadilah")),
        ("PUTIN", "PER", ("putin",)),
        ("Pangkalan Udara Halim", "LOC", ("halim",)),
        ("Kota Bandung", "LOC", ("bandung",)),
        ("Kota", "LOC", ("kota",)),
        ("Partai Golkar", "ORG", ("partai", "golkar")),
        ("Abdel Fattah el-Sisi", "PER", ("abdel", "fattah", "el-sisi")),
        ("President Barack Obama", "PER", ("barack", "obama")),
        ("Russian President Vladimir Putin", "PER", ("vladimir", "putin")),
        ("Perdana Menteri Lee Hsien Loong", "PER", ("lee", "hsien", "loong")),
    ],
)
def test_name_words_drop_titles_and_designators(surface, label, words):
    assert name_words(surface, label) == words


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("Vladimir Putin", "vladimir-putin"),
        ("Abdel Fattah el-Sisi", "abdel-fattah-el-sisi"),
        ("Côte d’Ivoire", "cote-divoire"),
        ("KOMPAS.com", "kompas-com"),
    ],
)
def test_slugify_makes_ascii_slugs(value, slug):
    assert slugify(value) == slug


def test_it_folds_putin_into_vladimir_putin():
    text = "Presiden Vladimir Putin tiba. Putin lalu bertemu Joko Widodo. Kata Putin, baik."
    found = candidates_for(
        text, ("Vladimir Putin", "PER"), ("Putin", "PER"), ("Joko Widodo", "PER"), ("Putin", "PER")
    )
    entities, mentions = fold_mentions(text, found)
    putin = next(e for e in entities if e.name == "Vladimir Putin")
    assert putin.id == "vladimir-putin"
    assert [m.text for m in mentions if m.entity == putin.id] == [
        "Vladimir Putin",
        "Putin",
        "Putin",
    ]
    assert putin.aliases == ["Vladimir Putin", "Putin"]


def test_it_folds_upper_case_headline_forms_and_keeps_them_as_aliases():
    text = "JOKOWI RESMIKAN JALAN\n\nPresiden Jokowi meresmikan jalan tol."
    found = candidates_for(text, ("JOKOWI", "PER"), ("Jokowi", "PER"))
    entities, mentions = fold_mentions(text, found)
    assert [(e.name, e.aliases) for e in entities] == [("Jokowi", ["JOKOWI", "Jokowi"])]
    assert len(mentions) == 2


def test_an_ambiguous_short_name_is_not_folded():
    text = "Kim Jong-un dan Kim Yo-jong hadir. Kim tersenyum."
    found = candidates_for(text, ("Kim Jong-un", "PER"), ("Kim Yo-jong", "PER"))
    found += [
        Candidate(
            text.index("Kim tersenyum"), text.index("Kim tersenyum") + 3, "PER", "model", "body"
        )
    ]
    entities, _ = fold_mentions(text, sorted(found, key=lambda c: c.start))
    assert sorted(e.name for e in entities) == ["Kim", "Kim Jong-un", "Kim Yo-jong"]


def test_a_short_name_does_not_fold_across_types():
    text = "Bank Indonesia menaikkan bunga di Indonesia."
    found = candidates_for(text, ("Bank Indonesia", "ORG"), ("Indonesia", "LOC"))
    found = [found[0], Candidate(34, 43, "LOC", "model", "body")]
    entities, _ = fold_mentions(text, found)
    assert {(e.name, e.label) for e in entities} == {
        ("Bank Indonesia", "ORG"),
        ("Indonesia", "LOC"),
    }


def test_the_same_name_under_two_labels_takes_the_more_frequent_label():
    text = "Golkar menang. Golkar senang. Golkar kalah."
    found = [
        Candidate(0, 6, "ORG", "model", "body"),
        Candidate(15, 21, "ORG", "model", "body"),
        Candidate(30, 36, "PER", "model", "body"),
    ]
    entities, mentions = fold_mentions(text, found)
    assert [(e.name, e.label) for e in entities] == [("Golkar", "ORG")]
    assert {m.label for m in mentions} == {"ORG"}


def test_place_designators_fold_into_the_bare_place_name():
    text = "HALIM - Pesawat mendarat di Pangkalan Udara Halim pagi ini."
    found = [Candidate(0, 5, "LOC", "dateline", "dateline")]
    found += candidates_for(text, ("Pangkalan Udara Halim", "LOC"))
    entities, mentions = fold_mentions(text, sorted(found, key=lambda c: c.start))
    assert [(e.name, e.aliases) for e in entities] == [
        ("Halim", ["HALIM", "Pangkalan Udara Halim"])
    ]
    assert len({m.entity for m in mentions}) == 1


def test_a_title_gets_only_the_names_the_body_has_in_any_case():
    text = "WIDODO BERTEMU RAPAT, Rapat Digelar\n\nWidodo memimpin rapat."
    start = text.index("Widodo memimpin")
    body = [Candidate(start, start + 6, "PER", "model", "body")]
    title = Segment(0, text.index("\n"), "title")
    found = _find_again(text, lower_same_length(text), [title], body)
    assert [(text[c.start : c.end], c.label, c.region) for c in found] == [
        ("WIDODO", "PER", "title")
    ]


def test_a_name_found_once_is_found_at_every_other_occurrence():
    text = "Kemarin Putin tiba. Putin bertemu Asad. Lalu Putin pulang."
    first = text.index("Putin")
    body_segment = Segment(0, len(text), "body")
    found = [Candidate(first, first + 5, "PER", "model", "body")]
    again = _find_again(text, lower_same_length(text), [body_segment], found)
    assert [c.start for c in again] == [8, 20, 45]


def test_a_one_word_name_seen_only_at_sentence_starts_is_not_repeated_there():
    text = "Demi keamanan, jalan ditutup. Demi hukum, dia diam. Polisi berjaga demi Demi."
    found = [Candidate(0, 4, "PER", "model", "body")]
    body_segment = Segment(0, len(text), "body")
    again = _find_again(text, lower_same_length(text), [body_segment], found)
    assert [text[c.start : c.end] for c in again] == ["Demi"]
    assert again[0].start == text.rindex("Demi")


def test_a_person_name_that_starts_with_a_known_place_is_split():
    text = "Presiden Rusia Vladimir Putin tiba."
    model = [Candidate(9, 29, "PER", "model", "body")]
    places = [Candidate(9, 14, "LOC", "gazetteer", "body", "Rusia")]
    (person,) = _split_leading_places(text, model, places)
    assert text[person.start : person.end] == "Vladimir Putin"


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [
        ("Front Pembela Islam", "PER", "ORG"),
        ("Partai Golkar", "LOC", "ORG"),
        ("Kota Bandung", "PER", "LOC"),
        ("Joko Widodo", "PER", "PER"),
        ("Jalan Sudirman", "ORG", "LOC"),
        ("Danau Toba", "ORG", "LOC"),
        ("Candi Watugede", "PER", "LOC"),
        ("Gunung Merapi", "PER", "LOC"),
        ("Sungai Ciliwung", "ORG", "LOC"),
        ("Pulau Komodo", "ORG", "LOC"),
        ("Teluk Jakarta", "ORG", "LOC"),
        ("Kantor Kementerian Sosial", "LOC", "LOC"),
        ("Rumah Sakit Pusat Pertamina", "LOC", "LOC"),
        ("YG Entertainment", "PER", "ORG"),
        ("Sriwijaya FC", "LOC", "ORG"),
        ("Bali United", "LOC", "ORG"),
        ("Alibaba Group", "LOC", "ORG"),
        ("Kantor Pusat Astra Group", "LOC", "LOC"),  # a site: the office, not the company
        ("Entertainment", "PER", "PER"),  # the tail word alone names nothing
        ("Kota Bandung United", "PER", "LOC"),  # a place's head word comes first
    ],
)
def test_the_first_word_of_a_name_can_set_its_type(surface, label, expected):
    candidate = Candidate(0, len(surface), label, "model", "body")
    assert _relabel_by_head(surface, candidate).label == expected


def test_known_entities_give_their_canonical_name():
    text = "Jokowi hadir di Istana."
    known = (KnownEntity("Joko Widodo", "PER", ("Jokowi",)),)
    found = [Candidate(0, 6, "PER", "known", "body", "Joko Widodo")]
    entities, mentions = fold_mentions(text, found, known)
    assert [(e.id, e.name, e.label) for e in entities] == [("joko-widodo", "Joko Widodo", "PER")]
    assert mentions[0].entity == "joko-widodo"


def test_entity_ids_are_unique_even_when_names_clash():
    text = "Jusuf Kalla dan Jusuf-Kalla."
    found = candidates_for(text, ("Jusuf Kalla", "PER"), ("Jusuf-Kalla", "PER"))
    entities, _ = fold_mentions(text, found)
    assert len({e.id for e in entities}) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delegasi Rusia tiba di Suriah.", ["Rusia", "Suriah"]),
        ("RUSIA DAN SURIAH", ["RUSIA", "SURIAH"]),
        ("Warga Amerika Serikat dan Korea Selatan", ["Amerika Serikat", "Korea Selatan"]),
        ("Syria and Russia met in Egypt.", ["Syria", "Russia", "Egypt"]),
        ("kaum perusia iran-iran", []),  # lower case and inside words: not places
        ("Tiranisme bukan Iran.", ["Iran"]),
    ],
)
def test_the_gazetteer_finds_territories_on_word_boundaries(text, expected):
    matches = find_gazetteer_matches(text, lower_same_length(text), 0, len(text))
    assert [text[m.start : m.end] for m in matches] == expected


def test_the_gazetteer_maps_english_names_to_indonesian_canonical_names():
    text = "Syria"
    (match,) = find_gazetteer_matches(text, lower_same_length(text), 0, len(text))
    assert (match.entry.name, match.entry.label) == ("Suriah", "LOC")


def test_known_entities_are_matched_with_their_aliases_and_win_over_places():
    text = "Timnas Indonesia dan PSSI bertemu."
    known = (KnownEntity("Tim Nasional Indonesia", "ORG", ("Timnas Indonesia",)),)
    matches = find_gazetteer_matches(text, lower_same_length(text), 0, len(text), known)
    assert [(text[m.start : m.end], m.entry.name, m.entry.known) for m in matches] == [
        ("Timnas Indonesia", "Tim Nasional Indonesia", True)
    ]


def test_lowering_keeps_offsets_for_characters_whose_lower_case_is_longer():
    text = "İstanbul ve Türkiye"
    assert len(lower_same_length(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Susilo Bambang Yudhoyono ( SBY ) hadir", (27, 32), "SBY"),
        ("Partai (Baru) hadir", (0, 13), "Partai (Baru)"),
        ("PT Astra Tbk. hadir", (0, 13), "PT Astra Tbk."),
        ("“Jakarta”, katanya", (0, 9), "Jakarta"),
    ],
)
def test_model_spans_are_trimmed_of_stray_punctuation(text, span, expected):
    start, end = _tidy_span(text, *span, len(text))
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kantor berita Rusia", "Rusia"),
        ("Kementerian Pendidikan dan Kebudayaan", "Kementerian Pendidikan dan Kebudayaan"),
        ("Front al-Nusra", "Front al-Nusra"),
        ("Song Hye - kyo", "Song Hye - kyo"),
        ("kantor berita", None),
    ],
)
def test_a_name_does_not_start_with_common_words(text, expected):
    kept = _drop_common_head(text, 0, len(text))
    assert (text[kept[0] : kept[1]] if kept else None) == expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("kompleks Gelora Bung Karno", "LOC", "kompleks Gelora Bung Karno"),
        ("gedung MPR", "LOC", "gedung MPR"),
        ("koalisi Merah Putih", "ORG", "koalisi Merah Putih"),
        ("KOMPAS.com", "ORG", "KOMPAS.com"),
        ("detikcom", "ORG", "detikcom"),
        ("detikFinance", "ORG", "detikFinance"),
        ("kompleks Gelora Bung Karno", "PER", None),
    ],
)
def test_places_bodies_and_outlets_keep_their_lower_case_parts(text, label, expected):
    span = _tidy_span(text, 0, len(text), len(text), label)
    kept = span and _drop_common_head(text, *span, label)
    assert (text[kept[0] : kept[1]] if kept else None) == expected


@pytest.mark.parametrize(
    ("text", "label", "parts"),
    [
        ("Bank Mandiri di Surabaya", "ORG", ["Bank Mandiri"]),
        ("Persib di Liga", "ORG", ["Persib"]),
        ("Kementerian Pendidikan dan Kebudayaan", "ORG", ["Kementerian Pendidikan dan Kebudayaan"]),
        ("Rusia di Suriah", "LOC", ["Rusia", "Suriah"]),
        ("Joko Widodo", "PER", ["Joko Widodo"]),
    ],
)
def test_di_never_glues_two_names(text, label, parts):
    assert [text[s:e] for s, e in _split_at_joiners(text, 0, len(text), label)] == parts


def test_di_is_not_a_name_particle():
    text = "Bank Mandiri di Surabaya"
    assert _tidy_span(text, 0, len("Bank Mandiri"), len(text)) == (0, len("Bank Mandiri"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jaksa Agung Prasetyo", "Prasetyo"),
        ("Ketua Umum Budi Santoso", "Budi Santoso"),
        ("Presiden Joko Widodo", "Joko Widodo"),
        ("Agung Laksono", "Agung Laksono"),
        ("Budi", "Budi"),
        ("Ny Sarinah Wulandari", "Sarinah Wulandari"),
        ("Sultan Mangkurat IX", "Sultan Mangkurat IX"),
        ("Sir Edmund Halloway", "Sir Edmund Halloway"),
        ("MS Sudarsono", "MS Sudarsono"),
    ],
)
def test_offices_stay_outside_a_persons_mention(text, expected):
    kept = _drop_titles(text, 0, len(text))
    assert text[kept[0] : kept[1]] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Enam", None), ("Enam Polisi", "Polisi"), ("Tiga orang", None), ("Budi", "Budi")],
)
def test_number_words_are_not_names(text, expected):
    kept = _drop_number_word(text, 0, len(text))
    assert (text[kept[0] : kept[1]] if kept else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Konon", None),
        ("Namun", None),
        ("Demi Lovina", "Demi Lovina"),
        ("Konang", "Konang"),
        ("Anda", None),  # the polite "you", always capitalised
        ("Mereka", None),
        ("Andalas", "Andalas"),
    ],
)
def test_a_lone_sentence_opener_is_no_name(text, expected):
    kept = _drop_lone_opener(text, 0, len(text))
    assert (text[kept[0] : kept[1]] if kept else None) == expected


def test_a_cue_does_not_beat_the_models_shorter_span():
    text = "kata Ketua Umum Partai Gerindra Budi Santoso."
    model = candidates_for(text, ("Partai Gerindra", "ORG"), ("Budi Santoso", "PER"))
    cue = candidates_for(text, ("Partai Gerindra Budi Santoso", "PER"), origin="cue")
    kept = _with_cues(text, model, cue)
    assert [(text[c.start : c.end], c.label) for c in kept] == [
        ("Partai Gerindra", "ORG"),
        ("Budi Santoso", "PER"),
    ]


@pytest.mark.parametrize(
    "text", ["kata Sjahril.", "terdakwa Sjahril hadir.", "Sjahril (37) hadir."]
)
def test_a_person_cue_beats_the_models_type(text):
    model = candidates_for(text, ("Sjahril", "ORG"))
    cue = candidates_for(text, ("Sjahril", "PER"), origin="cue")
    (kept,) = _with_cues(text, model, cue)
    assert (text[kept.start : kept.end], kept.label) == ("Sjahril", "PER")


def test_a_cue_keeps_the_words_after_the_models_spans():
    text = "Presiden Rusia Vladimir Putin tiba."
    model = candidates_for(text, ("Rusia", "LOC"))
    cue = candidates_for(text, ("Rusia Vladimir Putin", "PER"), origin="cue")
    kept = _with_cues(text, model, cue)
    assert [(text[c.start : c.end], c.label) for c in kept] == [
        ("Rusia", "LOC"),
        ("Vladimir Putin", "PER"),
    ]


def test_a_title_does_not_make_a_person_of_the_models_place_or_body():
    text = "kata Kapolres Lembah Hijau dan Direktur Sinar Pagi."
    model = candidates_for(text, ("Lembah Hijau", "LOC"), ("Sinar Pagi", "ORG"))
    cue = [
        replace(c, titled=True)
        for c in candidates_for(text, ("Lembah Hijau", "PER"), ("Sinar Pagi", "PER"), origin="cue")
    ]
    kept = _with_cues(text, model, cue)
    assert [(text[c.start : c.end], c.label) for c in kept] == [
        ("Lembah Hijau", "LOC"),
        ("Sinar Pagi", "ORG"),
    ]


def test_a_cue_keeps_no_words_after_an_acronym_the_model_took_for_a_person():
    text = "Wagub RS Datang lebih dulu."
    model = candidates_for(text, ("RS", "PER"))
    cue = candidates_for(text, ("RS Datang", "PER"), origin="cue")
    kept = _with_cues(text, model, cue)
    assert [(text[c.start : c.end], c.label) for c in kept] == [("RS", "PER")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kementerian perikanan Norwegia", "Kementerian perikanan Norwegia"),
        ("bank sentral Jepang", "bank sentral Jepang"),
        ("Dewan Kota Sukamaju dalam", None),
        ("PT Sinar Pagi bernama Budi", "Budi"),
    ],
)
def test_a_bodys_head_and_the_lower_case_words_after_it_stay_in_its_name(text, expected):
    kept = _drop_common_head(text, 0, len(text), "ORG")
    assert (text[kept[0] : kept[1]] if kept else None) == expected


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Sulawesi tengah", "LOC", "Sulawesi tengah"),
        ("wilayah timur Flores", "LOC", "wilayah timur Flores"),
        ("kawasan Ambon utara", "LOC", "kawasan Ambon utara"),
        ("Bank Sentosa barat", "ORG", None),
    ],
)
def test_a_compass_word_continues_a_places_name(text, label, expected):
    kept = _drop_common_head(text, 0, len(text), label)
    assert (text[kept[0] : kept[1]] if kept else None) == expected


def test_a_cue_fills_a_gap_the_model_left():
    text = "kata Putin."
    cue = candidates_for(text, ("Putin", "PER"), origin="cue")
    assert _with_cues(text, [], cue) == cue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bursa Efek Indonesia (BEI) naik.", ["Bursa Efek Indonesia (BEI)"]),
        ("Indofood Tbk ( INDF ) naik.", ["Indofood Tbk", "INDF"]),
        ("Bank Mandiri (Persero) naik.", ["Bank Mandiri"]),
    ],
)
def test_a_bracketed_acronym_after_an_organisation_is_its_alias(text, expected):
    name = expected[0] if "(" not in expected[0] else expected[0].split(" (")[0]
    found = candidates_for(text, (name, "ORG"))
    kept = _with_acronyms(text, found)
    assert [text[c.start : c.end] for c in kept] == expected
    assert {c.label for c in kept} == {"ORG"}


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        (
            "di Universitas Sumber Ilmu ( Usi ) kemarin",
            "Universitas Sumber Ilmu ( Usi )",
            ["Universitas Sumber Ilmu", "Usi"],
        ),
        (
            "PT Sumber Jaya ( Persero ) rugi",
            "PT Sumber Jaya ( Persero )",
            ["PT Sumber Jaya ( Persero )"],
        ),
        (
            "Universitas Sumber Ilmu (Usi) kemarin",
            "Universitas Sumber Ilmu (Usi)",
            ["Universitas Sumber Ilmu (Usi)"],
        ),
    ],
)
def test_a_spaced_alias_the_model_took_into_a_name_is_a_mention_of_its_own(text, found, expected):
    kept = _with_acronyms(text, candidates_for(text, (found, "ORG")))
    assert [text[c.start : c.end] for c in kept] == expected


def test_a_cue_joins_the_model_people_that_begin_and_end_it():
    text = "Terdakwa Hendra Wiguna Saputra (41) hadir."
    model = candidates_for(text, ("Hendra", "PER"), ("Saputra", "PER"))
    cue = candidates_for(text, ("Hendra Wiguna Saputra", "PER"), origin="cue")
    kept = _with_cues(text, model, cue)
    assert [(text[c.start : c.end], c.label) for c in kept] == [("Hendra Wiguna Saputra", "PER")]


@pytest.mark.parametrize(
    ("text", "model", "cue", "expected"),
    [
        ("Gubernur Rano Hartono tiba.", ["Rano"], "Rano Hartono", ["Rano Hartono"]),
        (
            "Presiden ABC Dani Kusuma tiba.",
            ["ABC", "Dani Kusuma"],
            "ABC Dani Kusuma",
            ["ABC", "Dani Kusuma"],
        ),
        ("kata Rano Norwegia tiba.", ["Rano"], "Rano Norwegia", ["Rano"]),
    ],
)
def test_a_cue_finishes_a_person_the_model_cut_short(text, model, cue, expected):
    found = candidates_for(text, *[(name, "PER") for name in model])
    kept = _with_cues(text, found, candidates_for(text, (cue, "PER"), origin="cue"))
    assert [text[c.start : c.end] for c in kept] == expected


def test_the_acronym_folds_with_its_organisation():
    text = "Bursa Efek Indonesia (BEI) naik. Saham di BEI turun."
    found = _with_acronyms(text, candidates_for(text, ("Bursa Efek Indonesia", "ORG")))
    later = text.rindex("BEI")
    found.append(Candidate(later, later + 3, "ORG", "model", "body"))
    entities, _ = fold_mentions(text, found)
    assert len(entities) == 1


def test_a_surname_is_found_after_the_full_name():
    text = "Kemarin Joko Widodo tiba. Lalu Widodo pulang."
    first = text.index("Joko")
    found = [Candidate(first, first + len("Joko Widodo"), "PER", "model", "body")]
    body_segment = Segment(0, len(text), "body")
    again = _find_again(text, lower_same_length(text), [body_segment], found)
    assert [(text[c.start : c.end], c.label) for c in again] == [
        ("Joko Widodo", "PER"),
        ("Widodo", "PER"),
    ]


def test_places_take_their_english_names_in_english_articles():
    from articles.annotate import annotate

    english = annotate("Troops left Syria and Egypt on Monday.", language="en")
    indonesian = annotate("Pasukan meninggalkan Suriah dan Mesir.", language="id")
    assert {e.name for e in english.entities} >= {"Syria", "Egypt"}
    assert {e.name for e in indonesian.entities} >= {"Suriah", "Mesir"}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("Syrian President", False), ("Presiden", False), ("Vladimir Putin", True)],
)
def test_an_office_alone_is_not_a_person(surface, expected):
    assert _has_name(surface) is expected


def _entities(text: str, *spans: tuple[str, str], origin: str = "model") -> dict[str, list[str]]:
    """Canonical name → mention texts, after folding the given candidates."""
    found, cursor = [], 0
    for surface, label in spans:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        found.append(Candidate(start, cursor, label, origin, "body"))
    entities, mentions = fold_mentions(text, found)
    return {(e.name, e.label): [m.text for m in mentions if m.entity == e.id] for e in entities}


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (
            "Amerika Serikat menolak. Presiden AS lalu terbang.",
            [("Amerika Serikat", "LOC"), ("AS", "LOC")],
            {("Amerika Serikat", "LOC"): ["Amerika Serikat", "AS"]},
        ),
        (
            "Pemerintah RI dan Indonesia sama.",
            [("RI", "LOC"), ("Indonesia", "LOC")],
            {("Indonesia", "LOC"): ["RI", "Indonesia"]},
        ),
        (
            "Dubai di UEA. Uni Emirat Arab kaya.",
            [("Dubai", "LOC"), ("UEA", "LOC"), ("Uni Emirat Arab", "LOC")],
            {("Dubai", "LOC"): ["Dubai"], ("Uni Emirat Arab", "LOC"): ["UEA", "Uni Emirat Arab"]},
        ),
        (
            "Joko Widodo tiba. Widodo lalu bicara. Kata Widodo, baik.",
            [("Joko Widodo", "PER"), ("Widodo", "ORG"), ("Widodo", "ORG")],
            {("Joko Widodo", "PER"): ["Joko Widodo", "Widodo", "Widodo"]},
        ),
        (
            "Joko Widodo dan Siti Widodo hadir. Widodo tersenyum.",
            [("Joko Widodo", "PER"), ("Siti Widodo", "PER"), ("Widodo", "PER")],
            {
                ("Joko Widodo", "PER"): ["Joko Widodo"],
                ("Siti Widodo", "PER"): ["Siti Widodo"],
                ("Widodo", "PER"): ["Widodo"],
            },
        ),
        (
            "Bursa Efek Indonesia (BEI) naik. Saham BEI turun.",
            [("Bursa Efek Indonesia (BEI)", "ORG"), ("BEI", "ORG")],
            {("Bursa Efek Indonesia", "ORG"): ["Bursa Efek Indonesia (BEI)", "BEI"]},
        ),
    ],
)
def test_folding_matches_how_news_names_things(text, spans, expected):
    assert _entities(text, *spans) == expected


def test_country_abbreviations_are_matched_in_capitals_only():
    text = "Tentara AS tiba, sama seperti as roda."
    matches = find_gazetteer_matches(text, lower_same_length(text), 0, len(text))
    assert [(text[m.start : m.end], m.entry.name) for m in matches] == [("AS", "Amerika Serikat")]


def test_an_alias_in_brackets_keeps_them_and_folds_with_the_name():
    text = "Joko Widodo (Jokowi) hadir."
    start = text.index("(")
    assert _tidy_span(text, start, start + len("(Jokowi)"), len(text)) == (start, start + 8)
    found = candidates_for(text, ("Joko Widodo", "PER"), ("(Jokowi)", "PER"))
    entities, _ = fold_mentions(text, found)
    assert sorted(e.name for e in entities) == ["Joko Widodo", "Jokowi"]


def test_a_name_joined_to_another_by_a_hyphen_is_not_found_again():
    text = "Kemarin Jokowi hadir. Pasangan Jokowi-JK menang. Lalu Jokowi pulang."
    found = [Candidate(8, 14, "PER", "model", "body")]
    again = _find_again(text, lower_same_length(text), [Segment(0, len(text), "body")], found)
    assert [c.start for c in again] == [8, text.rindex("Jokowi")]


@pytest.mark.parametrize(
    "chunk", ["JAKARTA - Banjir", "jakarta", "12 + 3 = 15", "", "ÉLYSÉE Paris", "İstanbul ß ǅ"]
)
def test_case_counts_agree_with_str_isupper_and_islower(chunk) -> None:
    from articles.annotate.entities import _case_counts

    expected = (sum(map(str.isupper, chunk)), sum(map(str.islower, chunk)))
    assert _case_counts(chunk) == expected


@pytest.mark.parametrize(
    "text, word, kept",
    [
        ("Sesaat setelah itu, polisi tiba.", "Sesaat", False),
        ("Polisi tiba. Sesaat kemudian hujan turun.", "Sesaat", False),
        ("\u201cBeruntung, tidak ada korban,\u201d katanya.", "Beruntung", False),
        ("Korban selamat.\nBeruntung, api cepat padam.", "Beruntung", False),
        ("Ia menyebut Sesaat sebagai judul lagunya.", "Sesaat", True),  # inside a sentence
        ("SESAAT tayang pekan depan.", "SESAAT", True),  # capitals: may be a name
        ("Budi tiba di Jakarta.", "Budi", True),  # no common word
    ],
)
def test_a_common_word_opening_a_sentence_is_no_name(text, word, kept):
    start = text.index(word)
    found = _drop_common_opener(text, start, start + len(word), 0)
    assert (found is not None) == kept


@pytest.mark.parametrize(("origin", "expected"), [("repeat", "ORG"), ("gazetteer", "LOC")])
def test_each_repeat_of_a_name_takes_the_head_word_rule_too(origin, expected):
    # `Timnas` found again elsewhere in the article keeps the type the rule gives the first.
    candidate = Candidate(0, len("Timnas"), "LOC", origin, "body")
    assert _relabel_by_head("Timnas", candidate).label == expected
