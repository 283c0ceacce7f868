"""The timeline stage: date expressions found, normalised and summarised."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from articles.annotate.dates import find_events
from articles.annotate.locale_words import WEEKDAYS
from articles.annotate.text import find_lines, split_sentences
from articles.annotate.types import Event, Span, is_yearless
from tests.seed import SEED_PATH

SEED = SEED_PATH
MONDAY = date(2017, 12, 11)  # the seed's publication date


def sentences_of(text: str) -> list[Span]:
    return [sentence for line in find_lines(text) for sentence in split_sentences(text, line)]


def events_in(text: str, published: date | None = MONDAY) -> list[Event]:
    return find_events(text, sentences_of(text), published=published)


def first_event(text: str, published: date | None = MONDAY) -> Event:
    events = events_in(text, published)
    assert events, f"no date found in {text!r}"
    return events[0]


CASES = [
    # Indonesian, absolute
    ("Rusia memulai intervensi pada 30 September 2015.", MONDAY, "2015-09-30", "day"),
    ("Jakarta, Kamis (25/9/2014) - Presiden tiba di istana.", None, "2014-09-25", "day"),
    ("TV melaporkan pertemuan itu, Senin (11/12/2017) pagi.", None, "2017-12-11", "day"),
    ("Rabu, 3 Januari 2018 10:15 WIB", None, "2018-01-03", "day"),
    ("Surat itu bertanggal 11-12-2017 dan diteken menteri.", None, "2017-12-11", "day"),
    ("Dokumen tertanggal 11.12.2017 itu bocor.", None, "2017-12-11", "day"),
    ("Polisi tiba Kamis (25/9/14) malam.", None, "2014-09-25", "day"),
    ("Pada November 2017 lalu, Asad berterima kasih.", MONDAY, "2017-11", "month"),
    ("Perang saudara meletus tahun 2015.", MONDAY, "2015", "year"),
    ("Rusia mendukung Asad sejak 2011.", MONDAY, "2011", "year"),
    ("Film Jenderal Soedirman (2015) laris.", MONDAY, "2015", "year"),
    ("Kota itu direbut pada akhir 2016.", MONDAY, "2016", "year"),
    ("Serangan itu terjadi pertengahan 2016 lalu.", MONDAY, "2016", "year"),
    ("Kota itu jatuh pada 2015 lalu.", MONDAY, "2015", "year"),
    ("Proklamasi dibacakan 17 Agustus 1945 di Jakarta.", None, "1945-08-17", "day"),
    ("Upacara digelar pada 17 Agt 2017.", None, "2017-08-17", "day"),
    ("Rapat digelar 10 Nopember 2016.", None, "2016-11-10", "day"),
    ("Kontrak diteken pada 2 Pebruari 2016.", None, "2016-02-02", "day"),
    ("Harga naik pada 3 Des. 2017.", None, "2017-12-03", "day"),
    ("Serangan dimulai pada 30 september 2015.", None, "2015-09-30", "day"),
    ("Data per 2017-12-11 menunjukkan kenaikan.", None, "2017-12-11", "day"),
    ("Ia tiba pada Ahad (10/12/2017) siang.", None, "2017-12-10", "day"),
    ("Rapat digelar hari Senin tanggal 11 Desember 2017.", None, "2017-12-11", "day"),
    # Indonesian, relative to Monday 11 December 2017
    ("Putin bertemu el-Sisi di Kairo, Senin.", MONDAY, "2017-12-11", "day"),
    ("Putin tiba di Kairo, Selasa.", MONDAY, "2017-12-05", "day"),
    ("Putin terbang ke Ankara, Minggu.", MONDAY, "2017-12-10", "day"),
    ("Sidang ditunda Senin lalu.", MONDAY, "2017-12-04", "day"),
    ("Ia tiba pada Minggu lalu.", MONDAY, "2017-12-10", "day"),
    ("Minggu lalu, kedua pihak bertemu.", MONDAY, "2017-12-04", "day"),
    ("Kedua pihak bertemu minggu lalu.", MONDAY, "2017-12-04", "day"),
    ("Pekan lalu, Putin menelepon Trump.", MONDAY, "2017-12-04", "day"),
    ("Bulan lalu, berbagai faksi bertemu di Astana.", MONDAY, "2017-11", "month"),
    ("Kemarin, polisi menangkap dua orang.", MONDAY, "2017-12-10", "day"),
    ("Polisi menangkap dua orang kemarin sore.", MONDAY, "2017-12-10", "day"),
    ("Hari ini, sidang dilanjutkan.", MONDAY, "2017-12-11", "day"),
    ("Ekonomi tumbuh lima persen tahun lalu.", MONDAY, "2016", "year"),
    ("Dua hari lalu, banjir melanda kota itu.", MONDAY, "2017-12-09", "day"),
    ("Seratus dua puluh hari lalu, banjir melanda kota itu.", MONDAY, "2017-08-13", "day"),
    ("Konflik itu pecah tiga tahun silam.", MONDAY, "2014", "year"),
    ("Sebulan lalu, harga beras naik.", MONDAY, "2017-11", "month"),
    ("Dua pekan lalu, gencatan senjata dilanggar.", MONDAY, "2017-11-27", "day"),
    ("Kota itu dibangun dua belas tahun yang lalu.", MONDAY, "2005", "year"),
    ("Tragedi itu terjadi 5 tahun lalu.", MONDAY, "2012", "year"),
    ("Pemain itu bergabung kemarin lusa.", MONDAY, "2017-12-09", "day"),
    ("Ledakan terdengar tadi malam.", MONDAY, "2017-12-10", "day"),
    ("Mereka bertemu akhir pekan lalu.", MONDAY, "2017-12-09", "day"),
    ("Polisi menggerebek rumah itu Jumat (8/12) malam.", MONDAY, "2017-12-08", "day"),
    ("Kapal itu tenggelam pada 5 Desember.", MONDAY, "2017-12-05", "day"),
    ("Kapal itu tenggelam pada 28 Desember.", date(2018, 1, 3), "2017-12-28", "day"),
    ("Asad berterima kasih kepada Putin November lalu.", MONDAY, "2017-11", "month"),
    ("Pemilu digelar bulan Juni.", MONDAY, "2017-06", "month"),
    ("Inflasi naik tahun ini.", MONDAY, "2017", "year"),
    ("Kapal itu tenggelam pada 12 Desember lalu.", MONDAY, "2016-12-12", "day"),
    ("Parlemen bersidang pada 5 Mei.", MONDAY, "2017-05-05", "day"),
    ("KTT digelar pada 20 Desember.", MONDAY, "2017-12-20", "day"),
    ("Bentrokan terjadi Sabtu-Minggu (9-10/12) di Gaza.", MONDAY, "2017-12-09", "day"),
    ("Dia lahir 17/08/45 di Blitar.", MONDAY, "1945-08-17", "day"),
    ("Kota itu jatuh 2015 silam.", MONDAY, "2015", "year"),
    ("Harga naik sejak mid-2015.", MONDAY, "2015", "year"),
    # future relatives resolve forward
    ("Pekan depan, delegasi akan berangkat.", MONDAY, "2017-12-18", "day"),
    ("Besok, sidang digelar.", MONDAY, "2017-12-12", "day"),
    ("Pemilu akan digelar tahun depan.", MONDAY, "2018", "year"),
    ("Delegasi berangkat Rabu mendatang.", MONDAY, "2017-12-13", "day"),
    # English
    ("Russia began its intervention on September 30, 2015.", None, "2015-09-30", "day"),
    ("The strike happened on 30 Sept 2015.", None, "2015-09-30", "day"),
    ("Putin landed at the base on Dec. 11, 2017.", None, "2017-12-11", "day"),
    ("Monday, December 11, 2017", None, "2017-12-11", "day"),
    ("It was signed on the 11th of December 2017.", None, "2017-12-11", "day"),
    ("Putin met el-Sisi in Cairo on Monday.", MONDAY, "2017-12-11", "day"),
    ("Putin met el-Sisi in Cairo on Friday.", MONDAY, "2017-12-08", "day"),
    ("Talks resumed last Monday.", MONDAY, "2017-12-04", "day"),
    ("The factions met last month in Astana.", MONDAY, "2017-11", "month"),
    ("Yesterday, police arrested two men.", MONDAY, "2017-12-10", "day"),
    ("Today the court resumed its hearing.", MONDAY, "2017-12-11", "day"),
    ("The economy grew last year.", MONDAY, "2016", "year"),
    ("The talks collapsed last week.", MONDAY, "2017-12-04", "day"),
    ("Two days ago, floods hit the city.", MONDAY, "2017-12-09", "day"),
    ("The war began three years ago.", MONDAY, "2014", "year"),
    ("The base opened a year ago.", MONDAY, "2016", "year"),
    ("Russia has backed Assad since 2011.", MONDAY, "2011", "year"),
    ("Fighting began in 2015.", MONDAY, "2015", "year"),
    ("Assad thanked Putin in November 2017.", MONDAY, "2017-11", "month"),
    ("Elections are due next year.", MONDAY, "2018", "year"),
    ("The ceasefire collapsed on December 5.", MONDAY, "2017-12-05", "day"),
    # ranges: one event, valued at the start
    ("Konferensi berlangsung 1-3 Desember 2017 di Bali.", None, "2017-12-01", "day"),
    ("Pameran digelar 30 November - 2 Desember 2017.", None, "2017-11-30", "day"),
    ("Perang 2015-2017 menewaskan ribuan orang.", None, "2015", "year"),
    ("Jumlah pengungsi naik antara 2011 dan 2015.", None, "2011", "year"),
    ("Refugee numbers rose from 2011 to 2015.", None, "2011", "year"),
    ("Kekeringan melanda sejak tahun 2011 hingga 2015.", None, "2011", "year"),
    ("Harga naik pada Januari-Maret 2017.", None, "2017-01", "month"),
    ("Musim kompetisi 2015/16 berakhir.", None, "2015", "year"),
    ("Bentrokan terjadi Sabtu-Minggu (9-10/12/2017) di Gaza.", None, "2017-12-09", "day"),
    ("Harga naik 30 Desember 2016 hingga 2 Januari 2017.", None, "2016-12-30", "day"),
    ("Pertempuran meletus pada Desember 2016-Februari 2017.", None, "2016-12", "month"),
    ("Perang Dunia II (1939-1945) menewaskan jutaan orang.", None, "1939", "year"),
]


@pytest.mark.parametrize(("text", "published", "value", "precision"), CASES)
def test_it_normalises_each_date_form(text, published, value, precision):
    event = first_event(text, published)
    assert (event.value, event.precision) == (value, precision)
    assert text[event.start : event.end] == event.text


NOT_DATES = [
    "Harga bensin naik menjadi Rp 2.000 per liter.",
    "Sidang dimulai pukul 10.30 WIB.",
    "Dua pertiga atau 2/3 warga setuju.",
    "Sebanyak 2000 orang mengungsi.",
    "Jumlah pengungsi naik hingga 2000 orang.",
    "Aplikasi versi 2.1.3 dirilis untuk umum.",
    "Tanggal 31/2/2017 tidak pernah ada.",
    "Skor akhir pertandingan itu 2-1.",
    "Hubungi nomor 0812-3456-7890.",
    "Aturan itu ada di UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.",
    "Musik itu populer sejak 1990-an.",
    "Acara itu tayang di Kompas Hari Ini.",
    "He was interviewed by Russia Today.",
    "Ia berusia 12 tahun.",
    "Perang berlangsung selama dua tahun terakhir.",
    "Mereka tinggal di sana selama seminggu.",
    "Agustus Sani, warga setempat, membenarkan kejadian itu.",
    "The army may march 5 km.",
    "Sekitar 465.000 orang terbunuh dalam konflik tersebut.",
    "Kekuatan pasukan mencapai 2.015 personel.",
    "Nilai tukar 1 dolar = 13.500 rupiah.",
    "Lebih dari 12 juta warga Suriah telah mengungsi.",
    "Harga naik Rp 1.900-2.100 per liter.",
    "Jumlah korban 1999-2003 orang.",
    "Harga turun menjadi Rp 2015-2017 per kilogram.",
    "Putin tiba di Suriah kemarin, lalu bertemu Asad Senin.",  # relative, no publication date
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_it_takes_no_number_for_a_date_out_of_date_context(text):
    assert events_in(text, published=None) == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Putin tiba di Suriah, Senin (11/12) pagi.", "Senin (11/12) pagi", "--12-11"),
        ("Banjir melanda Bekasi pada 4 September.", "4 September", "--09-04"),
        ("Sidang digelar Kamis (29/2).", "Kamis (29/2)", "--02-29"),
    ],
)
def test_it_keeps_a_day_without_its_year_as_year_unknown_when_no_date_is_given(
    text, surface, value
):
    event = first_event(text, published=None)

    assert (event.text, event.value, event.precision, event.relative) == (
        surface,
        value,
        "day",
        False,
    )


def test_a_day_without_its_year_resolves_once_a_publication_date_is_given():
    event = first_event("Putin tiba di Suriah, Senin (11/12) pagi.", published=MONDAY)

    assert event.value == "2017-12-11"


def test_it_marks_the_lead_s_yearless_day_as_the_main_event_without_a_publication_date():
    text = "Warga mengungsi sejak 2015. Banjir melanda Bekasi, Senin (4/9). Air surut Rabu (6/9)."
    events = events_in(text, published=None)

    assert [(e.value, e.main) for e in events] == [
        ("2015", False),
        ("--09-04", True),
        ("--09-06", False),
    ]


def test_it_marks_the_lead_s_relative_day_as_the_main_event_when_it_is_not_the_publication_day():
    events = events_in("Banjir melanda Bekasi kemarin. Warga mengungsi pada 2015.", MONDAY)

    assert [(e.text, e.value, e.main) for e in events] == [
        ("kemarin", "2017-12-10", True),
        ("2015", "2015", False),
    ]


def test_it_marks_no_main_event_when_the_lead_s_full_date_is_not_the_publication_day():
    events = events_in("Perang dimulai pada 30 September 2015.", MONDAY)

    assert [e.main for e in events] == [False]


def test_it_reads_each_year_of_a_list_as_its_own_event():
    events = events_in("Pemilu digelar pada 2004, 2009, dan 2014.")
    assert [(e.value, e.summary) for e in events] == [
        ("2004", "Pemilu digelar"),
        ("2009", "Pemilu digelar"),
        ("2014", "Pemilu digelar"),
    ]


def test_it_takes_a_law_s_year_for_its_name_not_a_date():
    text = "UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah berlaku sejak 2015."
    assert [e.text for e in events_in(text)] == ["2015"]


SPANS = [
    ("Rusia memulai intervensi pada 30 September 2015.", "30 September 2015"),
    ("Pada November 2017 lalu, Asad berterima kasih.", "November 2017"),
    ("Bulan lalu, faksi-faksi bertemu.", "Bulan lalu"),
    ("Putin bertemu Asad, Senin (11/12/2017) pagi, lansir Aljazeera.", "Senin (11/12/2017) pagi"),
    ("Perang meletus tahun 2015.", "2015"),
    ("Konferensi berlangsung 1-3 Desember 2017 di Bali.", "1-3 Desember 2017"),
    ("Jumlah pengungsi naik antara 2011 dan 2015.", "2011 dan 2015"),
    ("Talks resumed last Monday.", "last Monday"),
    ("Konflik itu pecah tiga tahun silam.", "tiga tahun silam"),
]


@pytest.mark.parametrize(("text", "surface"), SPANS)
def test_it_spans_the_date_expression_without_its_cue_words(text, surface):
    event = first_event(text)
    assert event.text == surface
    assert text[event.start : event.end] == surface


@given(
    published=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    weekday=st.sampled_from(sorted(WEEKDAYS)),
)
def test_it_never_puts_a_bare_weekday_after_the_publication_date(published, weekday):
    name = weekday[:1].upper() + weekday[1:]
    event = first_event(f"Menteri itu tiba di Bali, {name}.", published)
    day = date.fromisoformat(event.value)
    assert published - timedelta(days=6) <= day <= published
    assert day.weekday() == WEEKDAYS[weekday]
    assert event.relative


TOKENS = [
    "Senin", "Minggu", "lalu", "pada", "tahun", "2015", "11/12/2017", "31/2/2017", "(", ")",
    "Desember", "Mei", "5", "30", "-", "hingga", "dan", "antara", "Rp", "2.000", "10.30", ",",
    ".", "kemarin", "Bulan", "dua", "hari", "ini", "silam", "last", "week", "on", "Monday",
    "2011-2015", "1/3", "sejak", "Des.", "2017", "orang", "Nomor", "12", "Sept", "yang",
]  # fmt: skip


@given(
    chosen=st.lists(st.sampled_from(TOKENS), max_size=25),
    glue=st.sampled_from([" ", "", "  "]),
    published=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
)
@example(chosen=["kemarin", "lalu", "Senin", "last", "week"], glue=" ", published=date.min)
@example(chosen=["tahun", "depan", "Bulan", "depan"], glue=" ", published=date.max)
def test_it_survives_any_mix_of_date_like_tokens(chosen, glue, published):
    text = glue.join(chosen)
    events = find_events(text, [Span(0, len(text))], published=published)
    for event in events:
        assert text[event.start : event.end] == event.text
        if is_yearless(event.value):  # `--12-11`: only while no publication date is known
            assert (published, event.precision, len(event.value)) == (None, "day", 7)
        else:
            assert len(event.value) == {"day": 10, "month": 7, "year": 4}[event.precision]
    assert all(a.end <= b.start for a, b in itertools.pairwise(events))
    assert sum(event.main for event in events) <= 1


def test_it_reads_the_monday_of_a_monday_publication_as_that_day():
    assert first_event("Putin singgah di Suriah, Senin.").value == "2017-12-11"


def test_it_prefers_the_explicit_date_next_to_a_weekday():
    event = first_event("Putin tiba, Selasa (5/12/2017).")
    assert (event.value, event.relative, event.text) == ("2017-12-05", False, "Selasa (5/12/2017)")


def test_it_skips_relative_dates_without_a_publication_date_but_keeps_absolute_ones():
    text = (
        "Putin tiba di Suriah, Senin. Kemarin, pasukan mundur. Bulan lalu, faksi bertemu. "
        "Rusia masuk pada 30 September 2015. Laporan terbit Senin (11/12/2017) pagi."
    )
    events = events_in(text, published=None)
    assert [event.value for event in events] == ["2015-09-30", "2017-12-11"]
    assert not any(event.relative or event.main for event in events)


def test_it_gives_the_metadata_stage_the_dateline_date_first():
    text = "JAKARTA, KOMPAS.com - Kamis (25/9/2014) pagi, Presiden tiba. Ia bertemu 2 menteri."
    days = [e for e in events_in(text, published=None) if e.precision == "day"]
    assert days[0].value == "2014-09-25"


def test_it_reads_nothing_outside_the_sentences_it_is_given():
    text = "Judul 30 September 2015\nPutin tiba pada 1 Mei 2017."
    sentence = find_lines(text)[1]
    events = find_events(text, [sentence], published=MONDAY)
    assert [event.value for event in events] == ["2017-05-01"]


def test_it_keeps_events_in_text_order_without_overlap():
    text = "Pada 2011, perang pecah. Senin (11/12/2017) Putin tiba, kemarin pasukan mundur."
    events = events_in(text)
    assert [e.value for e in events] == ["2011", "2017-12-11", "2017-12-10"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(events))


def test_it_marks_as_main_the_first_lead_event_on_the_publication_date():
    text = "Putin tiba di Suriah, Senin (11/12/2017). Ia bertemu Asad, Senin."
    events = events_in(text)
    assert [event.main for event in events] == [True, False]


def test_it_marks_nothing_main_when_the_lead_has_no_event_on_the_publication_date():
    text = "Putin tiba. Asad menyambut. Pasukan berbaris. Rusia masuk Senin (11/12/2017)."
    assert not any(event.main for event in events_in(text))
    assert not any(event.main for event in events_in("Rusia masuk pada 30 September 2015."))


def test_it_summarises_the_clause_without_the_date():
    event = first_event("Sebagai sekutu Suriah, Rusia memulai intervensi pada 30 September 2015.")
    assert event.summary == "Rusia memulai intervensi"


def test_it_summarises_a_fronted_date_with_the_rest_of_the_sentence():
    event = first_event("Bulan lalu, berbagai faksi bertemu di Astana.")
    assert event.summary == "Berbagai faksi bertemu di Astana"


def test_it_cuts_long_summaries_at_a_word_boundary():
    text = "Pada 2015, " + " ".join(["pasukan itu bergerak menuju perbatasan utara"] * 6) + "."
    summary = first_event(text).summary
    assert len(summary) <= 120
    assert summary.endswith("…")
    assert summary[:-1].split()[-1] in text.split()


# --- the seed article ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_events() -> tuple[str, list[Event]]:
    text = SEED.read_text(encoding="utf-8").replace("\r\n", "\n")
    return text, events_in(text, MONDAY)


def test_the_seed_timeline_has_its_five_entries(seed_events):
    _, events = seed_events
    assert [(e.value, e.precision) for e in events] == [
        ("2017-12-11", "day"),
        ("2017-12-11", "day"),
        ("2015-09-30", "day"),
        ("2017-11", "month"),
        ("2017-11", "month"),
    ]
    assert [e.text for e in events] == [
        "Senin (11/12/2017) pagi",
        "Senin",
        "30 September 2015",
        "November 2017",
        "Bulan lalu",
    ]
    assert [e.relative for e in events] == [False, True, False, False, True]


def test_the_seed_main_event_is_the_visit_on_monday_morning(seed_events):
    _, events = seed_events
    assert [e.text for e in events if e.main] == ["Senin (11/12/2017) pagi"]


def test_the_seed_events_point_into_the_text_and_their_sentences(seed_events):
    text, events = seed_events
    for event in events:
        assert text[event.start : event.end] == event.text
        assert event.sentence.start <= event.start < event.end <= event.sentence.end


def test_the_seed_summaries_say_what_happened(seed_events):
    _, events = seed_events
    summaries = {e.text: e.summary for e in events}
    assert summaries["30 September 2015"] == "Rusia memulai intervensi secara resmi"
    assert summaries["November 2017"].startswith("Asad mengucapkan terima kasih kepada Putin")
    assert summaries["Bulan lalu"].startswith("Berbagai faksi")
    assert "Putin bertemu Basyar Asad" in summaries["Senin (11/12/2017) pagi"]
    assert "el-Sisi" in summaries["Senin"]
    for event in events:
        assert len(event.summary) <= 120
        assert event.text not in event.summary


@pytest.mark.parametrize("published", [MONDAY, None])
def test_without_summaries_the_events_are_the_same_but_for_their_summary(published):
    text = SEED.read_text(encoding="utf-8")
    with_summaries = find_events(text, sentences_of(text), published=published)
    without = find_events(text, sentences_of(text), published=published, summaries=False)
    assert any(event.summary for event in with_summaries)
    assert without == [replace(event, summary="") for event in with_summaries]


# --- rules from the hand gold's tune half (articles/annotate/gold), own example sentences ---
THURSDAY = date(2019, 3, 14)


def dated(text: str, published: date = THURSDAY) -> list[tuple[str, str]]:
    return [(event.text, event.value) for event in events_in(text, published)]


def test_a_month_with_tahun_lalu_or_last_year_is_that_month_of_that_year():
    assert dated("Proyek itu dimulai pada Juli tahun lalu.") == [("Juli tahun lalu", "2018-07")]
    assert dated("Banjir serupa terjadi Oktober tahun ini.") == [("Oktober tahun ini", "2019-10")]
    assert dated("The bridge was closed in June last year.") == [("June last year", "2018-06")]


def test_a_direction_after_a_weekday_s_time_of_day_belongs_to_it():
    assert dated("Gudang itu terbakar Selasa malam kemarin.") == [
        ("Selasa malam kemarin", "2019-03-12")
    ]


def test_hari_ini_after_a_count_is_a_span_not_today():
    assert dated("Dalam beberapa hari ini harga cabai naik.") == []
    assert dated("Hujan turun dua hari ini tanpa henti.") == []
    assert dated("Sidang digelar hari ini.") == [("hari ini", "2019-03-14")]


def test_a_time_of_day_before_tadi_is_earlier_today_or_last_night():
    assert dated("Rombongan tiba sore tadi.") == [("sore tadi", "2019-03-14")]
    assert dated("Pencuri masuk malam tadi.") == [("malam tadi", "2019-03-13")]


def test_a_period_with_nanti_is_the_one_now_coming():
    assert dated("Pasar murah digelar akhir pekan nanti.") == [("akhir pekan nanti", "2019-03-16")]


def test_a_decade_is_no_year():
    assert dated("Lagu itu populer pada 1980 - an di radio.") == []


def test_the_day_and_month_win_over_a_weekday_that_does_not_fit_them():
    # 12 March 2019 is a Tuesday; written with Rabu it is still 12 March
    assert dated("Kebakaran terjadi Rabu (12/3) malam.") == [("Rabu (12/3) malam", "2019-03-12")]


def test_a_weekday_with_its_time_of_day_before_the_date_is_one_date():
    assert dated("Gudang itu terbakar Senin malam (4/3) di Cakung.") == [
        ("Senin malam (4/3)", "2019-03-04")
    ]
    assert dated("Warga mengungsi sejak Senin pagi, 11 Maret 2019.") == [
        ("Senin pagi, 11 Maret 2019", "2019-03-11")
    ]


def test_split_sentences_gives_each_caller_its_own_list() -> None:
    text = "Banjir melanda Jakarta. Warga mengungsi."
    first = split_sentences(text, Span(0, len(text)))
    first.append(Span(0, 1))  # a caller extending what it got (find_sentences does)
    assert split_sentences(text, Span(0, len(text))) == [Span(0, 23), Span(24, 40)]
