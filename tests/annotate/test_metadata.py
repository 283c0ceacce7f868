"""Metadata: language, title, dateline and the publication date (given or inferred)."""

from __future__ import annotations

from datetime import date

import pytest

from articles.annotate import lexicon, metadata
from articles.annotate.metadata import (
    collection_year,
    date_from_url,
    detect_language,
    find_metadata,
    infer_published,
)
from articles.annotate.segments import find_segments
from articles.annotate.types import Event, Span
from tests.seed import SEED_PATH

SEED = SEED_PATH
TITLE = "Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"
INDONESIAN = (
    "Presiden Rusia Vladimir Putin memerintahkan pasukannya untuk mulai menarik diri dari "
    "negara yang dilanda perang itu, dan pasukan itu tidak akan kembali."
)
ENGLISH = (
    "Russian President Vladimir Putin ordered his forces to begin pulling out of the "
    "war-torn country, and said that the fighting was over."
)


def read_metadata(text: str, *, published: date | None = None, language: str | None = None):
    return find_metadata(text, find_segments(text), published=published, language=language)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (INDONESIAN, "id"),
        (ENGLISH, "en"),
        (f"{TITLE}\n\nMOSCOW (Reuters) - {ENGLISH}", "en"),
        (f"{TITLE}\n\nJakarta (ANTARA) - {INDONESIAN}", "id"),
        ("", "id"),
        ("Vladimir Putin", "id"),
    ],
)
def test_it_detects_indonesian_or_english_by_common_words(text, language):
    assert detect_language(text) == language
    assert read_metadata(text).language == language


def test_it_keeps_the_language_it_is_given():
    assert read_metadata(INDONESIAN, language="en").language == "en"


def test_it_reads_the_seed_as_indonesian(seed):
    assert read_metadata(seed).language == "id"


# --- title -----------------------------------------------------------------------------------


def test_it_takes_the_title_and_its_span_from_the_title_segment(seed):
    found = read_metadata(seed)

    assert found.title == "Bertemu Asad, Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"
    assert seed[found.title_span.start : found.title_span.end] == found.title


def test_it_proposes_a_title_from_a_single_sentence_without_taking_it_from_the_body():
    found = read_metadata(INDONESIAN)

    assert (found.title_span, found.title_proposed) == (None, True)
    assert found.title == (
        "Presiden Rusia Vladimir Putin memerintahkan pasukannya untuk mulai menarik diri …"
    )


# --- dateline --------------------------------------------------------------------------------

DATELINES = [
    ("KHMEIMIM (SALAM-ONLINE): Presiden tiba.", "KHMEIMIM", "SALAM-ONLINE"),
    ("Jakarta, CNN Indonesia -- Presiden tiba.", "Jakarta", "CNN Indonesia"),
    ("JAKARTA, KOMPAS.com - Presiden tiba.", "JAKARTA", "KOMPAS.com"),
    ("Jakarta (ANTARA) - Presiden tiba.", "Jakarta", "ANTARA"),
    ("Liputan6.com, Jakarta - Presiden tiba.", "Jakarta", "Liputan6.com"),
    ("REPUBLIKA.CO.ID, JAKARTA -- Presiden tiba.", "JAKARTA", "REPUBLIKA.CO.ID"),
    ("TEMPO.CO, Jakarta - Presiden tiba.", "Jakarta", "TEMPO.CO"),
    ("Jakarta - Presiden tiba.", "Jakarta", None),
    ("MOSCOW (Reuters) - Putin arrived.", "MOSCOW", "Reuters"),
    ("WASHINGTON (AP) — Trump arrived.", "WASHINGTON", "AP"),
]


@pytest.mark.parametrize(("lead", "place", "outlet"), DATELINES)
def test_it_reads_place_and_outlet_from_the_dateline(lead, place, outlet):
    text = f"{TITLE}\n\n{lead}\n\nParagraf kedua."
    dateline = read_metadata(text).dateline

    assert (dateline.place, dateline.outlet, dateline.entity) == (place, outlet, None)
    assert text[dateline.start : dateline.end] == dateline.text
    assert text[dateline.place_span.start : dateline.place_span.end] == place
    if outlet:
        assert text[dateline.outlet_span.start : dateline.outlet_span.end] == outlet


def test_it_reads_the_seed_dateline(seed):
    dateline = read_metadata(seed).dateline

    assert dateline.text == "KHMEIMIM (SALAM-ONLINE):"
    assert (dateline.place, dateline.outlet) == ("KHMEIMIM", "SALAM-ONLINE")
    assert seed[dateline.place_span.start : dateline.place_span.end] == "KHMEIMIM"
    assert seed[dateline.outlet_span.start : dateline.outlet_span.end] == "SALAM-ONLINE"


def test_it_has_no_dateline_when_the_lead_has_none():
    assert read_metadata(f"{TITLE}\n\n{INDONESIAN}").dateline is None


# --- publication date ------------------------------------------------------------------------


def test_it_takes_the_publication_date_it_is_given(seed):
    found = read_metadata(seed, published=date(2020, 1, 2))

    assert (found.published, found.published_inferred) == (date(2020, 1, 2), False)


def test_it_has_no_publication_date_when_the_top_of_the_article_has_none():
    found = read_metadata(f"{TITLE}\n\n{INDONESIAN}")

    assert (found.published, found.published_inferred) == (None, False)


def _event(text: str, start: int, end: int, value: str, precision: str) -> Event:
    return Event(start, end, text[start:end], value, precision, False, Span(start, end), "")


def test_it_infers_the_first_day_precise_date_from_the_top_of_the_article(monkeypatch):
    text = (
        f"{TITLE}\n\nJakarta (ANTARA) - Pada November 2017 rapat digelar.\n\n"
        "Rapat lanjutan digelar Senin (11/12/2017).\n\nPada 30 September 2015 perang dimulai."
    )
    calls = []

    def fake_find_events(text, sentences, *, published, summaries=True):
        calls.append((sentences, published))
        month = text.index("November 2017")
        day = text.index("Senin (11/12/2017)")
        return [
            _event(text, month, month + 13, "2017-11", "month"),
            _event(text, day, day + 18, "2017-12-11", "day"),
        ]

    monkeypatch.setattr(metadata, "find_events", fake_find_events)
    found = read_metadata(text)

    assert (found.published, found.published_inferred) == (date(2017, 12, 11), True)
    sentences, published = calls[0]
    assert published is None
    searched = " ".join(text[s.start : s.end] for s in sentences)
    assert searched.startswith("Jakarta (ANTARA) -")
    assert "Senin (11/12/2017)" in searched
    assert "30 September 2015" not in searched  # only the first two paragraphs
    assert TITLE not in searched


def test_it_searches_a_timestamp_line_above_the_story(monkeypatch):
    text = f"{TITLE}\n\nSenin, 11 Desember 2017 | 10:13 WIB\n\n{INDONESIAN}"
    seen = []
    monkeypatch.setattr(
        metadata, "find_events", lambda text, sentences, **_: seen.extend(sentences) or []
    )
    read_metadata(text)

    assert text[seen[0].start : seen[0].end] == "Senin, 11 Desember 2017 | 10:13 WIB"


def test_it_does_not_infer_a_date_when_one_is_given(monkeypatch):
    monkeypatch.setattr(metadata, "find_events", lambda *args, **kwargs: pytest.fail("called"))

    assert read_metadata(INDONESIAN, published=date(2017, 12, 11)).published == date(2017, 12, 11)


# These use the real dates stage (absolute dates with published=None).


def test_it_infers_the_seed_publication_date_from_its_second_paragraph(seed):
    found = read_metadata(seed)

    assert (found.published, found.published_inferred) == (date(2017, 12, 11), True)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (f"{TITLE}\n\nJakarta, Kamis (25/9/2014) - {INDONESIAN}", date(2014, 9, 25)),
        (f"{TITLE}\n\nSenin, 11 Desember 2017 | 10:13 WIB\n\n{INDONESIAN}", date(2017, 12, 11)),
    ],
)
def test_it_infers_the_publication_date_from_the_dateline_or_the_lead(text, published):
    found = read_metadata(text)

    assert (found.published, found.published_inferred) == (published, True)


@pytest.mark.parametrize(
    "lead",
    [
        "Jakarta (ANTARA) - DPR bersidang pada 3 Maret 2016 pagi.",
        "Bandung - Festival layang-layang dijadwalkan berlangsung 14 Juli 2019 di alun-alun.",
    ],
)
def test_a_lead_s_full_date_without_its_weekday_is_no_publication_date(lead):
    """Measured on the IndoSum articles: such a date names a day before or to come."""
    found = read_metadata(f"{TITLE}\n\n{lead}\n\n{INDONESIAN}")

    assert found.published is None


@pytest.mark.parametrize(
    ("lead", "published"),
    [
        # the latest weekday-dated day of the lead: the story moved on to it
        (
            "Surabaya - Banjir merendam Gubeng, Senin (4/12/2017). Air surut Selasa (5/12/2017).",
            date(2017, 12, 5),
        ),
        (
            "Medan - Kapal tenggelam, Kamis (7/12). Tim SAR mencari Jumat (8/12). Tahun 2017",
            date(2017, 12, 8),
        ),
        # a night's event is reported the next day
        ("Solo - Konser digelar di Stadion Manahan, Sabtu (9/12/2017) malam.", date(2017, 12, 10)),
        ("Bogor - Pasar terbakar Rabu (6/12) malam, jelang Natal 2017.", date(2017, 12, 7)),
        ("Depok - Kebakaran terjadi Rabu (6/12/2017) pagi.", date(2017, 12, 6)),
        # ... or one whose sentence says it was yesterday
        ("Garut - Jembatan putus kemarin, Kamis (7/12/2017), usai hujan deras.", date(2017, 12, 8)),
    ],
)
def test_it_takes_the_lead_s_latest_weekday_date_and_the_day_after_a_night(lead, published):
    assert read_metadata(f"{TITLE}\n\n{lead}").published == published


def test_a_year_hint_places_a_weekday_date_in_an_article_naming_no_year():
    text = f"{TITLE}\n\nJakarta - Lagu itu merajai tangga lagu, Selasa (19/12)."
    segments = find_segments(text)

    assert infer_published(text, segments) is None
    assert infer_published(text, segments, year_hint=2017) == date(2017, 12, 19)
    # 19/12 falls on a Tuesday in 2017 and 2023: the hint picks among the weekday's years
    assert infer_published(text, segments, year_hint=2022) == date(2023, 12, 19)
    # with `annotate`'s plumbing: the metadata stage passes the hint on
    found = find_metadata(text, segments, published=None, language=None, year_hint=2017)
    assert (found.published, found.published_from) == (date(2017, 12, 19), "text")


def test_a_year_the_article_names_later_than_the_hint_wins():
    text = f"{TITLE}\n\nJakarta - Lagu itu merajai tangga lagu, Selasa (19/12). Album 2023 laris."

    assert infer_published(text, find_segments(text), year_hint=2017) == date(2023, 12, 19)


def test_the_collection_year_is_the_median_of_each_text_s_latest_year():
    texts = [
        "Pemilu 2014 dan Pilkada 2017.",
        "Anggaran 2016 naik.",
        "Proyek selesai 2019, dimulai 2015.",
        "Tanpa tahun sama sekali.",
        "Sebanyak 2000 orang hadir pada 2017.",
    ]

    assert collection_year(texts) == 2017
    assert collection_year(["Tanpa tahun."]) is None


# --- the publication date from the original URL ----------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.suara.com/news/2018/01/31/072048/hingga-akhir-2019", date(2018, 1, 31)),
        ("https://nasional.kompas.com/read/2017/12/11/10131261/putin-tiba", date(2017, 12, 11)),
        (
            "https://www.cnnindonesia.com/hiburan/20171219190545-227-263564/jonghyun",
            date(2017, 12, 19),
        ),
        ("http://rimanews.com/nasional/kriminal/read/20170311/319587/Pedagang", date(2017, 3, 11)),
        ("http://poskotanews.com/2016/08/29/ketua-umum-parfi/", date(2016, 8, 29)),
        ("https://example.org/world/2017-12-11/putin-syria", date(2017, 12, 11)),
        ("https://www.theguardian.com/world/2017/dec/11/putin-syria", date(2017, 12, 11)),
        ("https://news.detik.com/berita/d-3762290/putin-tarik-pasukan", None),
        ("https://www.antaranews.com/berita/675942/longsor-di-ponorogo", None),
        ("https://www.bbc.com/news/world-middle-east-42304519", None),
        ("https://x.id/2017/13/45/no-such-day", None),
        ("https://x.id/?date=2017/12/11", None),  # the query is not the path
        ("not a url at all [", None),
        ("", None),
    ],
)
def test_it_reads_the_date_of_common_news_url_shapes(url, expected):
    assert date_from_url(url) == expected


def test_the_url_date_comes_after_the_editor_s_and_before_the_text_s():
    text = f"{TITLE}\n\nJakarta - Rapat digelar Senin (11/12/2017)."
    segments = find_segments(text)
    url = "https://x.id/read/2017/12/12/1/rapat"

    given = find_metadata(text, segments, published=date(2017, 12, 13), language=None, url=url)
    from_url = find_metadata(text, segments, published=None, language=None, url=url)
    from_text = find_metadata(text, segments, published=None, language=None)

    assert (given.published, given.published_from) == (date(2017, 12, 13), "given")
    assert (from_url.published, from_url.published_from) == (date(2017, 12, 12), "url")
    assert (from_url.published_inferred, from_text.published_inferred) == (False, True)
    assert (from_text.published, from_text.published_from) == (date(2017, 12, 11), "text")


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # 19/12 is a Tuesday in 2017, the year that fits the one named
        (
            "Jakarta - Lagu itu merajai tangga lagu, Selasa (19/12). Album 2017 laris.",
            date(2017, 12, 19),
        ),
        # a law's year counts as a year the article names
        ("Jakarta - Sidang UU Nomor 7 Tahun 2016 digelar Kamis (8/12).", date(2016, 12, 8)),
        # the lead has none: the story's first weekday date, 2018 named below it
        (
            "Jakarta - Rapat digelar.\n\nIa tiba di Bandung.\n\nIa pulang Senin (8/1). Pemilu 2018",
            date(2018, 1, 8),
        ),
        # no year named anywhere: no date (the day stays 'year unknown')
        ("Jakarta - Lagu itu merajai tangga lagu, Selasa (19/12).", None),
        # 2000 orang is a count, not a year
        ("Jakarta - Sebanyak 2000 orang hadir, Selasa (19/12).", None),
        # 29/8 is a Tuesday in 2006 and 2017: a year named in the past (2009) is read years
        # later more often than three years before it
        (
            "Jakarta - Ia pertama kali tampil pada 2009. Konser digelar Selasa (29/8).",
            date(2017, 8, 29),
        ),
        # a year to come two years ahead still fits: 18/5 is a Thursday in 2017 and 2023
        (
            "Jakarta - Partai bersiap menghadapi Pilpres 2019, kata ketuanya, Kamis (18/5).",
            date(2017, 5, 18),
        ),
    ],
)
def test_it_places_a_weekday_date_in_the_year_that_fits_the_years_named(text, published):
    found = read_metadata(f"{TITLE}\n\n{text}")

    assert found.published == published


# --- a proposed title when the paste has no headline -------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Jakarta, CNN Indonesia -- Polisi menangkap dua pelaku pencurian di Bekasi, Senin "
            "(4/9).\n\nKeduanya ditahan.",
            "Polisi menangkap dua pelaku pencurian di Bekasi",
        ),
        (
            "Merdeka.com - Harga cabai naik tajam di pasar induk, kata pedagang.\n\nPembeli sepi.",
            "Harga cabai naik tajam di pasar induk",
        ),
        (
            "Pemerintah kota menutup tiga jalan utama menjelang perayaan tahun baru, sementara "
            "polisi menyiapkan pengalihan arus di sejumlah titik rawan macet.\n\nWarga diminta "
            "menghindari pusat kota.",
            "Pemerintah kota menutup tiga jalan utama menjelang perayaan tahun baru",
        ),
    ],
)
def test_it_proposes_a_short_cleaned_title_from_the_lead(text, title):
    found = read_metadata(text)
    segments = find_segments(text)

    assert (found.title, found.title_proposed, found.title_span) == (title, True, None)
    assert "title" not in [segment.type for segment in segments]


def test_language_markers_are_single_lower_case_ascii_words() -> None:
    # detect_language counts them as whole runs of word characters by set lookup.
    for word in lexicon.LANGUAGE_MARKERS_ID | lexicon.LANGUAGE_MARKERS_EN:
        assert word.isascii() and word.isalpha() and word.islower(), word


@pytest.mark.parametrize(
    "text",
    [
        "ſaid ſaid ſaid yang dan",  # IGNORECASE folds ſ onto s: three English words
        "The THE tHe yang",
        "the_ the1 1the x-the yang dan",  # `_` and digits are word characters, `-` is not
        "İni ını yang the the",  # dotted and dotless I fold onto i
        "théy thé the yang",
        "said,said;said yang dan di",
    ],
)
def test_language_is_read_as_the_whole_word_patterns_read_it(text) -> None:
    import re

    from articles.annotate.lexicon import alternation

    def count(words):
        return len(re.findall(rf"\b(?:{alternation(words)})\b", text, re.IGNORECASE))

    english, indonesian = count(lexicon.LANGUAGE_MARKERS_EN), count(lexicon.LANGUAGE_MARKERS_ID)
    assert detect_language(text) == ("en" if english > indonesian else "id")
