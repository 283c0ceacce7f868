"""Segments: title, dateline, body paragraphs and the typed inserts that are not the story."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.annotate.segments import find_segments, match_dateline
from articles.annotate.types import SEGMENT_TYPES, Segment
from tests.seed import SEED_PATH

SEED = SEED_PATH
TITLE = "Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"
LEAD_REST = "Presiden Rusia memerintahkan pasukannya mulai menarik diri dari Suriah."
LAST = "Sampai saat ini, sekitar 465.000 orang terbunuh dalam konflik tersebut."


def surfaces(text: str, segments: list[Segment], kind: str) -> list[str]:
    return [text[s.start : s.end] for s in segments if s.type == kind]


def types_of(text: str) -> list[str]:
    return [s.type for s in find_segments(text)]


def assert_well_formed(text: str, segments: list[Segment]) -> None:
    """Stripped, in order, non-overlapping, typed, and covering every non-blank character."""
    position = 0
    covered = set()
    for segment in segments:
        assert segment.type in SEGMENT_TYPES
        assert position <= segment.start < segment.end <= len(text)
        surface = text[segment.start : segment.end]
        assert surface == surface.strip()
        covered.update(range(segment.start, segment.end))
        position = segment.end
    uncovered = [i for i, c in enumerate(text) if not c.isspace() and i not in covered]
    assert uncovered == []


# --- datelines -------------------------------------------------------------------------------

DATELINES = [
    # (dateline, place, outlet): one row per outlet's habit
    ("KHMEIMIM (SALAM-ONLINE):", "KHMEIMIM", "SALAM-ONLINE"),  # Salam-Online
    ("Jakarta, CNN Indonesia --", "Jakarta", "CNN Indonesia"),
    ("JAKARTA, KOMPAS.com -", "JAKARTA", "KOMPAS.com"),
    ("KOMPAS.com —", None, "KOMPAS.com"),
    ("Jakarta (ANTARA) -", "Jakarta", "ANTARA"),
    ("Jakarta, 25/9 (ANTARA) -", "Jakarta", "ANTARA"),  # older Antara
    ("Kuala Lumpur (ANTARA News) -", "Kuala Lumpur", "ANTARA News"),
    ("Liputan6.com, Jakarta -", "Jakarta", "Liputan6.com"),
    ("REPUBLIKA.CO.ID, JAKARTA --", "JAKARTA", "REPUBLIKA.CO.ID"),
    ("TEMPO.CO, Jakarta -", "Jakarta", "TEMPO.CO"),
    ("TRIBUNNEWS.COM, JAKARTA -", "JAKARTA", "TRIBUNNEWS.COM"),
    ("Jakarta -", "Jakarta", None),  # Detik
    ("New York -", "New York", None),
    ("Jakarta, Kamis (25/9/2014) -", "Jakarta", None),
    ("Merdeka.com -", None, "Merdeka.com"),
    ("Rimanews -", None, "Rimanews"),  # a news outlet the lexicon knows, not a place
    ("KUMPARAN -", None, "KUMPARAN"),
    ("Goal Indonesia -", None, "Goal Indonesia"),
    ("VIVA.co.id –", None, "VIVA.co.id"),
    ("Jakarta, CNBC Indonesia –", "Jakarta", "CNBC Indonesia"),
    ("NEW YORK, KOMPAS.com -", "NEW YORK", "KOMPAS.com"),
    ("DAMASKUS (Arrahmah.com) -", "DAMASKUS", "Arrahmah.com"),
    ("MOSCOW (Reuters) -", "MOSCOW", "Reuters"),
    ("LONDON, Dec 11 (Reuters) -", "LONDON", "Reuters"),
    ("BEIRUT/AMMAN (Reuters) -", "BEIRUT/AMMAN", "Reuters"),
    ("WASHINGTON (AP) —", "WASHINGTON", "AP"),
    ("Rio de Janeiro (AFP) -", "Rio de Janeiro", "AFP"),
    ("Jakarta ( ANTARA ) -", "Jakarta", "ANTARA"),  # tokenised text, as in NER corpora
]
STORY = "Presiden Joko Widodo tiba di Jakarta pada pagi hari."


@pytest.mark.parametrize(("dateline", "place", "outlet"), DATELINES)
def test_it_reads_the_dateline_forms_outlets_use(dateline, place, outlet):
    lead = f"{dateline} {STORY}"
    found = match_dateline(lead, 0, len(lead))

    assert found is not None
    assert (found.text, found.place, found.outlet) == (dateline, place, outlet)
    if place:
        assert lead[found.place_span.start : found.place_span.end] == place
    if outlet:
        assert lead[found.outlet_span.start : found.outlet_span.end] == outlet


@pytest.mark.parametrize(("dateline", "place", "outlet"), DATELINES)
def test_it_splits_the_lead_into_dateline_and_body(dateline, place, outlet):
    text = f"{TITLE}\n\n{dateline} {STORY}\n\n{LAST}"
    segments = find_segments(text)

    assert [s.type for s in segments] == ["title", "dateline", "body", "body"]
    assert surfaces(text, segments, "dateline") == [dateline]
    assert surfaces(text, segments, "body") == [STORY, LAST]


NOT_DATELINES = [
    "Presiden Jokowi: Kami tidak akan mundur dari rencana itu.",
    "Presiden Joko Widodo (Jokowi): kita harus bekerja lebih keras.",
    "Pemerintah Jerman - termasuk polisi federal BKA - menyatakan siaga.",
    "Sedangkan saham - saham yang turun harganya adalah saham bank.",
    "TV rezim Suriah melaporkan bahwa Putin bertemu Basyar Asad.",
    "Presiden Rusia Vladimir Putin memerintahkan pasukannya pulang.",
    "Jokowi-JK menang di Jakarta, kata lembaga survei.",
    "Menurut Juru Bicara Kementerian Luar Negeri Republik Indonesia (Kemlu) - yang baru - itu.",
]


@pytest.mark.parametrize("lead", NOT_DATELINES)
def test_it_finds_no_dateline_in_ordinary_leads(lead):
    assert match_dateline(lead, 0, len(lead)) is None
    assert "dateline" not in types_of(f"{TITLE}\n\n{lead}\n\n{LAST}")


def test_it_looks_for_the_dateline_only_in_the_lead():
    text = f"{TITLE}\n\n{LEAD_REST}\n\nJakarta - Presiden Joko Widodo menolak."

    assert types_of(text) == ["title", "body", "body"]


def test_it_keeps_a_dateline_that_fills_its_whole_line():
    text = f"{TITLE}\n\nJAKARTA, KOMPAS.com -\n\n{LEAD_REST}"

    assert types_of(text) == ["title", "dateline", "body"]


# --- inserts ---------------------------------------------------------------------------------

INSERTS = [
    ("BACA JUGA: PENARIKAN MUNDUR PASUKAN RUSIA DARI SURIAH DIRAGUKAN", "related_link"),
    ("Baca juga: Putin Tarik Pasukan dari Suriah", "related_link"),
    ("Lihat juga: Kronologi Serangan di Ghouta", "related_link"),
    ("Simak juga: Video Kunjungan Putin ke Suriah", "related_link"),
    ("Baca Juga", "related_link"),
    ("Baca juga Putin Tarik Pasukan dari Suriah", "related_link"),
    ("Read also: Russia pulls troops out of Syria", "related_link"),
    ("Related: Putin visits Syria", "related_link"),
    ("Lihat Video: Detik-detik Kedatangan Putin", "related_link"),
    ("Berita Terkait", "related_link"),
    ("Asad (kiri) dan Putin (tengah)", "caption"),
    ("Russian President Vladimir Putin (left) and Syrian President Bashar al-Assad", "caption"),
    (
        "Presiden Joko Widodo (kanan) berbincang dengan Wapres Jusuf Kalla di Istana Merdeka, "
        "Jakarta, Kamis (25/9). ANTARA FOTO/Puspa Perwitasari",
        "caption",
    ),
    ("Foto: ANTARA", "caption"),
    ("Ilustrasi pesawat tempur Rusia. (Foto: Reuters)", "caption"),
    ("Warga mengungsi dari Ghouta timur, Suriah. REUTERS/Bassam Khabieh", "caption"),
    ("Sumber: Aljazeera", "source_footer"),
    ("Source: Reuters", "source_footer"),
    ("Artikel ini telah tayang di Kompas.com dengan judul Putin Tarik Pasukan", "source_footer"),
    ("Editor: Jane Doe", "signoff"),
    ("Reporter: Ahmad Syaiful", "signoff"),
    ("Penulis: Ahmad Syaiful", "signoff"),
    ("Pewarta: Fulan Fulani", "signoff"),
    ("(Reporting by Jane Doe; Editing by John Smith)", "signoff"),
    ("(mdk/rdn)", "signoff"),
    ("[ded]", "signoff"),
    ("ADVERTISEMENT", "other"),
    ("SCROLL TO CONTINUE WITH CONTENT", "other"),
    ("Scroll to continue with content", "other"),
    ("Gambas: Video CNN", "other"),
    ("[Gambas:Video CNN]", "other"),
    ("Halaman 1 2", "other"),
    ("Halaman selanjutnya", "other"),
    ("Bagikan Facebook Twitter WhatsApp", "other"),
    ("Tags: Rusia, Suriah, Vladimir Putin", "other"),
    ("Senin, 11 Desember 2017 | 10:13 WIB", "other"),
    ("Kompas.com - 01/01/2020, 10:15 WIB", "other"),
    ("detikNews | Selasa, 12 Des 2017 10:15 WIB", "other"),
    ("Warga mengungsi di Bekasi, Rabu (1/1/2020). KOMPAS.com/Firman Taufiqurrahman", "caption"),
    ("By Jack Stubbs", "signoff"),
]


@pytest.mark.parametrize(("line", "kind"), INSERTS)
def test_it_types_the_inserts_that_are_not_the_story(line, kind):
    text = f"{TITLE}\n\n{LEAD_REST}\n\n{line}\n\n{LAST}"
    segments = find_segments(text)

    assert [s.type for s in segments] == ["title", "body", kind, "body"]
    assert text[segments[2].start : segments[2].end] == line


STORY_LINES = [
    "Simak juga penjelasan Menteri Luar Negeri tentang rencana itu di bawah ini.",
    "Sumbernya menyebutkan bahwa pasukan Rusia akan pulang pekan depan.",
    "Oleh karena itu, pemerintah akan meninjau ulang rencana tersebut.",
    "By contrast, the ministry said it would wait for the report.",
    "A Reuters/Ipsos poll released on Tuesday showed support at 40 percent.",
    "Informasi lengkap ada di laman kompas.com/read/2017/12/11/putin.",
    "Rapat itu digelar Senin, 11 Desember 2017.",
    "Foto-foto yang beredar di media sosial menunjukkan kerusakan parah di kota itu.",
    "Dia tinggal di Jakarta (Indonesia).",
    "Kata dia, pertemuan itu dihadiri Partai Demokrat (PD)",
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_it_keeps_lines_that_only_resemble_inserts_in_the_story(line):
    text = f"{TITLE}\n\n{LEAD_REST}\n\n{line}\n\n{LAST}"

    assert types_of(text) == ["title", "body", "body", "body"]


SIGNOFFS = [
    ("lebih dari 12 juta warga Suriah telah mengungsi. (S)", "(S)"),
    ("Demikian disampaikan Menteri Luar Negeri, Senin. (ant)", "(ant)"),
    ("Pernyataan itu disampaikan di Jakarta, ujarnya.(mdk/rdn)", "(mdk/rdn)"),
    ("“Kami akan terus berjuang,” kata dia. (nwk/nwk)", "(nwk/nwk)"),
    ("Ia menolak berkomentar lebih jauh. [ded]", "[ded]"),
    ("Sidang akan dilanjutkan pekan depan. (ANTARA)", "(ANTARA)"),
    ("Sidang akan dilanjutkan pekan depan. (Red)", "(Red)"),
    ("Sidang akan dilanjutkan pekan depan. (***)", "(***)"),
    ("Sidang akan dilanjutkan pekan depan. (T.A043/C/H-KWR)", "(T.A043/C/H-KWR)"),
]


@pytest.mark.parametrize(("paragraph", "initials"), SIGNOFFS)
def test_it_splits_sign_off_initials_from_the_last_paragraph(paragraph, initials):
    text = f"{TITLE}\n\n{LEAD_REST}\n\n{paragraph}"
    segments = find_segments(text)

    assert [s.type for s in segments] == ["title", "body", "body", "signoff"]
    assert surfaces(text, segments, "signoff") == [initials]
    assert surfaces(text, segments, "body")[1] == paragraph[: -len(initials)].rstrip()


# --- whole articles as outlets publish them --------------------------------------------------

DETIK = """KPK Tetapkan Bupati Jadi Tersangka Suap

Jakarta - Komisi Pemberantasan Korupsi (KPK) menetapkan Bupati X tersangka, Selasa (12/12/2017).

"Kami menetapkan yang bersangkutan sebagai tersangka," kata juru bicara KPK Febri Diansyah.

Baca juga: KPK Geledah Kantor Bupati X

Febri mengatakan penyidik telah memeriksa 10 saksi.
(rdp/imk)"""
CNN_INDONESIA = """Jokowi Resmikan Tol Trans Jawa

Jakarta, CNN Indonesia -- Presiden Joko Widodo meresmikan ruas tol Trans Jawa, Kamis (20/12/2018).

ADVERTISEMENT

SCROLL TO CONTINUE WITH CONTENT

Jokowi mengatakan tol itu akan memangkas waktu tempuh.

Gambas: Video CNN

(ugo/ugo)"""
KOMPAS = """Banjir Rendam Ribuan Rumah di Bekasi
Kompas.com - 01/01/2020, 10:15 WIB
Warga mengungsi di Bekasi, Rabu (1/1/2020). KOMPAS.com/Firman
BEKASI, KOMPAS.com - Banjir merendam ribuan rumah di Bekasi, Rabu (1/1/2020).
Baca juga: Banjir Jakarta, 19.000 Warga Mengungsi
Menurut BPBD, air mulai naik sejak pukul 03.00 WIB.
Artikel ini telah tayang di Kompas.com dengan judul "Banjir Rendam Ribuan Rumah di Bekasi".
Penulis : Firman Taufiqurrahman
Editor : Sandro Gatra"""
REUTERS = """Putin orders partial withdrawal from Syria

By Jack Stubbs

MOSCOW (Reuters) - Russian President Vladimir Putin on Monday ordered Russia's forces to leave.

Putin made the announcement during a visit to the Hmeymim air base.

(Reporting by Jack Stubbs; Editing by Andrew Osborn)"""
BBC_INDONESIA = """Putin perintahkan pasukan Rusia mulai ditarik dari Suriah

Presiden Rusia, Vladimir Putin, memerintahkan pasukannya mulai ditarik dari Suriah.

Putin (kiri) disambut Presiden Bashar al-Assad di pangkalan udara Hmeimim

Pengumuman itu disampaikan dalam kunjungan mendadak ke pangkalan udara Hmeimim."""


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (DETIK, "title dateline body body related_link body signoff"),
        (CNN_INDONESIA, "title dateline body other other body other signoff"),
        (
            KOMPAS,
            "title other caption dateline body related_link body source_footer signoff signoff",
        ),
        (REUTERS, "title signoff dateline body body signoff"),
        (BBC_INDONESIA, "title body caption body"),
    ],
)
def test_it_segments_articles_as_outlets_publish_them(text, kinds):
    segments = find_segments(text)

    assert [s.type for s in segments] == kinds.split()
    assert_well_formed(text, segments)


# --- titles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Presiden Joko Widodo meresmikan jalan tol di Jakarta",
        "Presiden Joko Widodo meresmikan jalan tol di Jakarta, Senin (11/12).",
        "Paris - Manuel Pellegrini menilai Manchester City tampil buruk .",
        "Berikut adalah tujuh kota di Indonesia yang dianggap paling nyaman untuk ditinggali :",
    ],
)
def test_it_makes_a_single_line_body_never_a_title(text):
    assert "title" not in types_of(text)
    assert "body" in types_of(text)


HEADLINED = [
    (f"{TITLE}\n\n{LEAD_REST}", TITLE),
    (f"{TITLE}\n{LEAD_REST}", TITLE),
    (f"  {TITLE}  \n\n{LEAD_REST}", TITLE),
    (f"Putin Tarik Pasukan dari Suriah.\n\n{LEAD_REST}", "Putin Tarik Pasukan dari Suriah."),
    (f"Mengapa Putin Menarik Pasukan?\n\n{LEAD_REST}", "Mengapa Putin Menarik Pasukan?"),
    (f"Putin orders withdrawal from Syria\n\n{LAST}", "Putin orders withdrawal from Syria"),
    (
        "Putin tiba di pangkalan udara. Ia lalu bertemu Asad.\n\n"
        "KHMEIMIM (SALAM-ONLINE): Presiden Rusia tiba.",
        "Putin tiba di pangkalan udara. Ia lalu bertemu Asad.",
    ),
]


@pytest.mark.parametrize(("text", "title"), HEADLINED)
def test_it_takes_a_first_line_that_stands_alone_as_the_title(text, title):
    segments = find_segments(text)

    assert segments[0].type == "title"
    assert text[segments[0].start : segments[0].end] == title


@pytest.mark.parametrize(
    "text",
    [
        f"{LEAD_REST} Ia tiba pagi hari.\n\n{LAST}",
        f"Jakarta - {LEAD_REST}\n\n{LAST}",
        f"ADVERTISEMENT\n\n{LEAD_REST}\n\n{LAST}",
        f"Presiden Rusia memerintahkan pasukannya pulang, kata Kremlin:\n\n{LAST}",
    ],
)
def test_it_takes_no_title_when_the_first_line_is_not_a_headline(text):
    assert "title" not in types_of(text)


@pytest.mark.parametrize(
    "first",
    [
        # a lead paragraph copied without its headline (the common paste), in its many shapes
        "Bayern Munich mengumumkan transfer pemain baru dari Hoffenheim, Kamis (21/12) waktu "
        "setempat",
        "Pernahkah kamu mengalami sariawan?",
        "Merdeka.com - Tim nasional Indonesia kembali menelan kekalahan di turnamen itu",
        "(Kredit: juara.net)",
        "/ / <! [CDATA [",
        "B",
        "Cady Heron, Regina George, Karen Smith, Sharon Norbury, dan Gretchen Wieners.",
        "Tidak ada lagi Zlatan Ibrahimovic di Manchester United musim depan.",
        "Masih minimnya inovasi dan semangat anak muda di Pulau Sumatra untuk membangun "
        "perusahaan rintisan berbasis digital merupakan salah satu alasan mengapa kompetisi "
        "itu digelar setiap tahun di kota-kota besar",
    ],
)
def test_a_first_paragraph_that_is_no_headline_stays_in_the_body(first):
    text = f"{first}\n\n{LEAD_REST}"

    assert types_of(text)[0] != "title"
    assert find_segments(text)[0].start == 0


def test_it_finds_the_dateline_in_an_english_wire_story():
    text = "Putin orders withdrawal from Syria\n\nMOSCOW (Reuters) - Putin said on Monday."

    assert types_of(text) == ["title", "dateline", "body"]


# --- the seed article ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_it_segments_the_seed_article(seed):
    segments = find_segments(seed)

    assert surfaces(seed, segments, "title") == [seed.split("\n")[0]]
    assert surfaces(seed, segments, "dateline") == ["KHMEIMIM (SALAM-ONLINE):"]
    assert len(surfaces(seed, segments, "body")) == 11
    assert surfaces(seed, segments, "related_link") == [
        "BACA JUGA: PENARIKAN MUNDUR PASUKAN RUSIA DARI SURIAH DIRAGUKAN",
        "Baca Juga",
        "Baca Juga",
    ]
    assert surfaces(seed, segments, "caption") == ["Asad (kiri) dan Putin (tengah)"]
    assert surfaces(seed, segments, "signoff") == ["(S)"]
    assert surfaces(seed, segments, "source_footer") == ["Sumber: Aljazeera"]
    assert surfaces(seed, segments, "other") == []


def test_it_starts_the_seed_body_right_after_the_dateline(seed):
    body = surfaces(seed, find_segments(seed), "body")

    assert body[0].startswith("Presiden Rusia Vladimir Putin melakukan kunjungan mendadak")
    assert body[-1].endswith("telah mengungsi.")


def test_it_keeps_the_seed_segments_well_formed(seed):
    assert_well_formed(seed, find_segments(seed))


# --- structure on any text -------------------------------------------------------------------

_PIECES = [
    TITLE,
    LEAD_REST,
    LAST,
    "KHMEIMIM (SALAM-ONLINE): Presiden tiba.",
    "Jakarta - Ketua KPK berkata.",
    "Baca Juga",
    "BACA JUGA: Putin",
    "Asad (kiri) dan Putin (tengah)",
    "kata dia. (S)",
    "(S)",
    "Sumber: Aljazeera",
    "ADVERTISEMENT",
    "Editor: Jane Doe",
    "Senin, 11 Desember 2017 | 10:13 WIB",
    "Liputan6.com, Jakarta -",
]
_LINE = st.one_of(
    st.sampled_from(_PIECES),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")),
)
_BREAK = st.sampled_from(["\n", "\n\n", "\n \n", " \n\t\n"])


@st.composite
def articles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_LINE, max_size=12))
    breaks = draw(st.lists(_BREAK, min_size=len(lines), max_size=len(lines)))
    padded = [draw(st.sampled_from(["", " ", "\t"])) + line for line in lines]
    return "".join(line + brk for line, brk in zip(padded, breaks, strict=True))


@settings(max_examples=300, deadline=None)
@given(articles())
def test_it_covers_every_non_blank_character_with_ordered_stripped_segments(text):
    assert_well_formed(text, find_segments(text))


@settings(max_examples=200, deadline=None)
@given(articles())
def test_it_finds_at_most_one_title_and_one_dateline(text):
    kinds = types_of(text)

    assert kinds.count("title") <= 1
    assert kinds.count("dateline") <= 1
    if "title" in kinds:
        assert kinds[0] == "title"
