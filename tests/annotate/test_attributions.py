"""The attributions stage: who said what, and through whom."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.annotate import annotate
from articles.annotate.attributions import find_attributions
from articles.annotate.text import find_lines, split_sentences
from articles.annotate.types import (
    ATTRIBUTION_KINDS,
    Attribution,
    Dateline,
    Mention,
    Metadata,
    Segment,
    Span,
)
from tests.seed import SEED_PATH

SEED = SEED_PATH


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def mentions_of(text: str, names: dict[str, str]) -> list[Mention]:
    """Every occurrence of each name, longest names first, as a hand-made mention."""
    found: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            if all(match.end() <= m.start or match.start() >= m.end for m in found):
                found.append(Mention(match.start(), match.end(), name, names[name], slug(name)))
    return sorted(found, key=lambda m: m.start)


def metadata(dateline: Dateline | None = None, language: str = "id") -> Metadata:
    return Metadata(language, None, None, None, False, dateline)


def read(
    text: str,
    names: dict[str, str] | None = None,
    footers: tuple[str, ...] = ("Sumber:", "Source:", "Artikel ini"),
    dateline: Dateline | None = None,
) -> list[Attribution]:
    """Every line is a body paragraph except footer lines; sentences as the pipeline splits them."""
    segments = [
        Segment(line.start, line.end, _line_type(text[line.start : line.end], footers))
        for line in find_lines(text)
    ]
    sentences = [
        sentence
        for segment in segments
        if segment.type == "body"
        for sentence in split_sentences(text, Span(segment.start, segment.end))
    ]
    mentions = mentions_of(text, names or {})
    return find_attributions(text, segments, sentences, mentions, metadata(dateline))


def _line_type(line: str, footers: tuple[str, ...]) -> str:
    return "source_footer" if line.startswith(footers) else "body"


def surface(text: str, span: Attribution | Span | None) -> str | None:
    return None if span is None else text[span.start : span.end]


def rows(text: str, found: list[Attribution]) -> list[tuple]:
    return [
        (a.kind, surface(text, a), a.source, a.speaker, a.via, surface(text, a.content))
        for a in found
    ]


PER, ORG, LOC = "PER", "ORG", "LOC"

INDONESIAN = [
    pytest.param(
        "“Kami akan terus bekerja,” kata Joko Widodo.",
        {"Joko Widodo": PER},
        [("quote", "kata", "joko-widodo", "joko-widodo", None, "Kami akan terus bekerja")],
        id="kata-after-a-quote",
    ),
    pytest.param(
        "Joko Widodo tiba di Bandung. “Situasi sudah terkendali,” ujarnya.",
        {"Joko Widodo": PER, "Bandung": LOC},
        [("quote", "ujarnya", "joko-widodo", "joko-widodo", None, "Situasi sudah terkendali")],
        id="ujarnya-is-the-person-named-before",
    ),
    pytest.param(
        "Retno Marsudi bertemu wartawan. “Kami siap,” kata dia.",
        {"Retno Marsudi": PER},
        [("quote", "kata", "retno-marsudi", "retno-marsudi", None, "Kami siap")],
        id="kata-dia-is-the-person-named-before",
    ),
    pytest.param(
        "“Pelaku sudah kami tangkap,” tutur Kapolda Metro Jaya Irjen Fadil Imran kepada wartawan.",
        {"Fadil Imran": PER, "Metro Jaya": ORG},
        [("quote", "tutur", "fadil-imran", "fadil-imran", None, "Pelaku sudah kami tangkap")],
        id="tutur-prefers-the-person-over-the-office",
    ),
    pytest.param(
        "Sri Mulyani hadir di Jakarta. Defisit masih terkendali, jelasnya.",
        {"Sri Mulyani": PER, "Jakarta": LOC},
        [
            (
                "according_to",
                "jelasnya",
                "sri-mulyani",
                "sri-mulyani",
                None,
                "Defisit masih terkendali",
            )
        ],
        id="jelasnya-without-quote-marks",
    ),
    pytest.param(
        "Harga beras akan turun bulan depan, ungkap Menteri Perdagangan Zulkifli Hasan.",
        {"Zulkifli Hasan": PER},
        [
            (
                "according_to",
                "ungkap",
                "zulkifli-hasan",
                "zulkifli-hasan",
                None,
                "Harga beras akan turun bulan depan",
            )
        ],
        id="ungkap-menteri",
    ),
    pytest.param(
        "Menurut Kapolri Listyo Sigit Prabowo, pelaku sudah ditangkap.",
        {"Listyo Sigit Prabowo": PER},
        [
            (
                "according_to",
                "Menurut",
                "listyo-sigit-prabowo",
                "listyo-sigit-prabowo",
                None,
                "pelaku sudah ditangkap",
            )
        ],
        id="menurut-kapolri-first",
    ),
    pytest.param(
        "Korban tewas mencapai 20 orang, menurut Badan Nasional Penanggulangan Bencana.",
        {"Badan Nasional Penanggulangan Bencana": ORG},
        [
            (
                "according_to",
                "menurut",
                "badan-nasional-penanggulangan-bencana",
                "badan-nasional-penanggulangan-bencana",
                None,
                "Korban tewas mencapai 20 orang",
            )
        ],
        id="menurut-an-agency-last",
    ),
    pytest.param(
        "Budi Gunadi Sadikin meninjau rumah sakit. Menurutnya, situasi sudah aman.",
        {"Budi Gunadi Sadikin": PER},
        [
            (
                "according_to",
                "Menurutnya",
                "budi-gunadi-sadikin",
                "budi-gunadi-sadikin",
                None,
                "situasi sudah aman",
            )
        ],
        id="menurutnya",
    ),
    pytest.param(
        "Harga minyak naik tajam, seperti dilansir AFP.",
        {"AFP": ORG},
        [("relayed_from", "seperti dilansir", "afp", None, None, "Harga minyak naik tajam")],
        id="seperti-dilansir-afp-at-the-end",
    ),
    pytest.param(
        "Dikutip dari Reuters, kapal itu tenggelam di Laut Merah.",
        {"Reuters": ORG, "Laut Merah": LOC},
        [
            (
                "relayed_from",
                "Dikutip dari",
                "reuters",
                None,
                None,
                "kapal itu tenggelam di Laut Merah",
            )
        ],
        id="dikutip-dari-reuters-first",
    ),
    pytest.param(
        "Sedikitnya 30 orang tewas dalam serangan itu, mengutip laporan BBC.",
        {"BBC": ORG},
        [
            (
                "relayed_from",
                "mengutip",
                "bbc",
                None,
                None,
                "Sedikitnya 30 orang tewas dalam serangan itu",
            )
        ],
        id="mengutip-laporan-bbc",
    ),
    pytest.param(
        "Erdogan, seperti dilansir Reuters, mengatakan bahwa Turki tidak akan mundur.",
        {"Erdogan": PER, "Reuters": ORG, "Turki": LOC},
        [
            (
                "according_to",
                "mengatakan",
                "erdogan",
                "erdogan",
                "reuters",
                "Turki tidak akan mundur",
            )
        ],
        id="speaker-seperti-dilansir-outlet-is-one-row",
    ),
    pytest.param(
        "Kantor berita Iran, IRNA, mengutip Hassan Rouhani mengatakan, “Kami tidak akan menyerah.”",
        {"Iran": LOC, "IRNA": ORG, "Hassan Rouhani": PER},
        [
            (
                "quote",
                "mengatakan",
                "hassan-rouhani",
                "hassan-rouhani",
                "irna",
                "Kami tidak akan menyerah.",
            )
        ],
        id="agency-mengutip-speaker-is-one-quote",
    ),
    pytest.param(
        "Juru bicara Kemlu, Teuku Faizasyah, menegaskan bahwa Indonesia menolak rencana itu.",
        {"Kemlu": ORG, "Teuku Faizasyah": PER, "Indonesia": LOC},
        [
            (
                "according_to",
                "menegaskan",
                "teuku-faizasyah",
                "teuku-faizasyah",
                None,
                "Indonesia menolak rencana itu",
            )
        ],
        id="menegaskan-after-an-apposition",
    ),
    pytest.param(
        "Sementara itu, juru bicara kepolisian mengatakan penyelidikan masih berlangsung.",
        {},
        [
            (
                "according_to",
                "mengatakan",
                "juru bicara kepolisian",
                "juru bicara kepolisian",
                None,
                "penyelidikan masih berlangsung",
            )
        ],
        id="unnamed-speaker-is-a-descriptor",
    ),
    pytest.param(
        "Kantor berita Antara melaporkan bahwa banjir merendam 300 rumah.",
        {"Antara": ORG},
        [("reported_by", "melaporkan", "antara", None, None, "banjir merendam 300 rumah")],
        id="melaporkan-bahwa",
    ),
    pytest.param(
        "Gempa itu menewaskan 10 orang, lapor Antara.",
        {"Antara": ORG},
        [("reported_by", "lapor", "antara", None, None, "Gempa itu menewaskan 10 orang")],
        id="lapor-after-the-news",
    ),
    pytest.param(
        "Seperti diberitakan Kompas, proyek itu dihentikan sementara.",
        {"Kompas": ORG},
        [
            (
                "reported_by",
                "Seperti diberitakan",
                "kompas",
                None,
                None,
                "proyek itu dihentikan sementara",
            )
        ],
        id="seperti-diberitakan",
    ),
    pytest.param(
        "“Kami siap. Kami akan menang,” kata Prabowo Subianto.",
        {"Prabowo Subianto": PER},
        [
            (
                "quote",
                "kata",
                "prabowo-subianto",
                "prabowo-subianto",
                None,
                "Kami siap. Kami akan menang",
            )
        ],
        id="a-quote-over-two-sentences",
    ),
    pytest.param(
        "Anies Baswedan berpidato di Jakarta. "
        "Ia menambahkan, “Tidak ada yang bisa menghentikan kami.”",
        {"Anies Baswedan": PER, "Jakarta": LOC},
        [
            (
                "quote",
                "menambahkan",
                "anies-baswedan",
                "anies-baswedan",
                None,
                "Tidak ada yang bisa menghentikan kami.",
            )
        ],
        id="ia-menambahkan-then-a-quote",
    ),
    pytest.param(
        "“Kami siap,” kata Prabowo Subianto.\n\n“Rakyat sudah menunggu terlalu lama untuk ini.”",
        {"Prabowo Subianto": PER},
        [
            ("quote", "kata", "prabowo-subianto", "prabowo-subianto", None, "Kami siap"),
            (
                "quote",
                "“Rakyat sudah menunggu terlalu lama untuk ini.”",
                "prabowo-subianto",
                "prabowo-subianto",
                None,
                "Rakyat sudah menunggu terlalu lama untuk ini.",
            ),
        ],
        id="a-paragraph-continuing-a-quote",
    ),
    pytest.param(
        "“Kami siap,” kata Prabowo Subianto, “dan kami tidak akan mundur sedikit pun.”",
        {"Prabowo Subianto": PER},
        [
            ("quote", "kata", "prabowo-subianto", "prabowo-subianto", None, "Kami siap"),
            (
                "quote",
                "“dan kami tidak akan mundur sedikit pun.”",
                "prabowo-subianto",
                "prabowo-subianto",
                None,
                "dan kami tidak akan mundur sedikit pun.",
            ),
        ],
        id="a-quote-split-by-its-cue",
    ),
    pytest.param(
        "Pasukan itu menyerang kelompok ‘teroris’ dan “pemberontak” di utara.",
        {},
        [],
        id="scare-quotes-are-no-attribution",
    ),
    pytest.param(
        "Dengan kata lain, harga tidak akan turun. Lebih lanjut, rapat digelar besok. "
        "Tidak jelas kapan rapat selesai.",
        {},
        [],
        id="kata-lanjut-jelas-as-plain-words",
    ),
    pytest.param(
        "Harga naik. Jadi enggak sesederhana itu,” kata Luhut.",
        {"Luhut": PER},
        [("quote", "kata", "luhut", "luhut", None, "Jadi enggak sesederhana itu")],
        id="a-quote-opened-in-an-earlier-sentence",
    ),
    pytest.param(
        "Sebab, kata Ganjar, permintaan itu bersifat imbauan.",
        {"Ganjar": PER},
        [
            (
                "according_to",
                "kata",
                "ganjar",
                "ganjar",
                None,
                "Sebab, kata Ganjar, permintaan itu bersifat imbauan",
            )
        ],
        id="a-cue-in-the-middle-covers-the-sentence",
    ),
    pytest.param(
        "“Tapi semua masih terbuka,” kata Pellegrini seperti dikutip Daily Star.",
        {"Pellegrini": PER, "Daily Star": ORG},
        [
            ("quote", "kata", "pellegrini", "pellegrini", "daily-star", "Tapi semua masih terbuka"),
            (
                "relayed_from",
                "seperti dikutip",
                "daily-star",
                None,
                None,
                "“Tapi semua masih terbuka,” kata Pellegrini",
            ),
        ],
        id="a-trailing-relay-is-its-own-row-and-the-quotes-via",
    ),
    pytest.param(
        "Zeti mengatakan bahwa ekonomi kuat, demikian dilaporkan kantor berita Malaysia, "
        "Bernama, Senin.",
        {"Zeti": PER, "Malaysia": LOC, "Bernama": ORG},
        [
            ("according_to", "mengatakan", "zeti", "zeti", "bernama", "ekonomi kuat"),
            (
                "reported_by",
                "demikian dilaporkan",
                "bernama",
                None,
                None,
                "Zeti mengatakan bahwa ekonomi kuat",
            ),
        ],
        id="demikian-dilaporkan-kantor-berita-x-comma-name",
    ),
    pytest.param(
        "Menurut Badan Meteorologi, Klimatologi, dan Geofisika (BMKG), gempa dipicu sesar.",
        {"Badan Meteorologi, Klimatologi, dan Geofisika": ORG, "BMKG": ORG},
        [
            (
                "according_to",
                "Menurut",
                "badan-meteorologi-klimatologi-dan-geofisika",
                "badan-meteorologi-klimatologi-dan-geofisika",
                None,
                "gempa dipicu sesar",
            )
        ],
        id="menurut-a-name-with-commas-and-its-acronym",
    ),
    pytest.param(
        "Pemerintah ingin untuk menegaskan sikapnya. Mereka menyampaikan surat kepada panitia.",
        {},
        [],
        id="an-infinitive-or-a-plain-object-is-no-statement",
    ),
    pytest.param(
        "Ia bermain dalam film “Matahari dan Bulan di Atas Kota” tahun lalu.",
        {},
        [],
        id="a-title-in-quote-marks-is-no-quote",
    ),
    pytest.param(
        "Budi Karya, juru bicara polisi, mengatakan pelaku ditangkap.",
        {"Budi Karya": PER},
        [("according_to", "mengatakan", "budi-karya", "budi-karya", None, "pelaku ditangkap")],
        id="a-name-before-its-title",
    ),
    pytest.param(
        "Rouhani, tokoh moderat, berjanji menghadapi Barat, mengatakan doktrin Iran defensif.",
        {"Rouhani": PER, "Iran": LOC},
        [("according_to", "mengatakan", "rouhani", "rouhani", None, "doktrin Iran defensif")],
        id="a-verb-phrase-is-no-speaker",
    ),
    pytest.param(
        "PAN siap memenangkan Zulkifli dalam pemilihan ketua umum, kata Ashabul Kahfi, "
        "Ketua PAN Sulawesi Selatan, saat pertemuan.",
        {"PAN": ORG, "Zulkifli": PER, "Ashabul Kahfi": PER},
        [
            (
                "according_to",
                "kata",
                "ashabul-kahfi",
                "ashabul-kahfi",
                None,
                "PAN siap memenangkan Zulkifli dalam pemilihan ketua umum",
            )
        ],
        id="kata-x-then-a-title-and-an-aside",
    ),
    pytest.param(
        "Said Aqil Siradj menghadiri acara itu.",
        {"Said Aqil Siradj": PER},
        [],
        id="a-name-that-looks-like-a-verb",
    ),
]

ENGLISH = [
    pytest.param(
        '"We will not back down," Johnson told reporters on Monday.',
        {"Johnson": PER},
        [("quote", "told", "johnson", "johnson", None, "We will not back down")],
        id="quote-then-x-told-reporters",
    ),
    pytest.param(
        "Putin told Reuters that the war was over.",
        {"Putin": PER, "Reuters": ORG},
        [("according_to", "told", "putin", "putin", "reuters", "the war was over")],
        id="x-told-an-outlet",
    ),
    pytest.param(
        "“The talks were productive,” said Antony Blinken.",
        {"Antony Blinken": PER},
        [
            (
                "quote",
                "said",
                "antony-blinken",
                "antony-blinken",
                None,
                "The talks were productive",
            )
        ],
        id="said-x-after-a-quote",
    ),
    pytest.param(
        "According to the United Nations, 2 million people have fled.",
        {"United Nations": ORG},
        [
            (
                "according_to",
                "According to",
                "united-nations",
                "united-nations",
                None,
                "2 million people have fled",
            )
        ],
        id="according-to",
    ),
    pytest.param(
        "Twenty people died in the blast, Reuters reported.",
        {"Reuters": ORG},
        [("reported_by", "reported", "reuters", None, None, "Twenty people died in the blast")],
        id="outlet-reported-at-the-end",
    ),
    pytest.param(
        "Interfax quoted Sergei Lavrov as saying the talks had failed.",
        {"Interfax": ORG, "Sergei Lavrov": PER},
        [
            (
                "according_to",
                "as saying",
                "sergei-lavrov",
                "sergei-lavrov",
                "interfax",
                "the talks had failed",
            )
        ],
        id="outlet-quoted-x-as-saying",
    ),
    pytest.param(
        "Lavrov, quoted by TASS, said the deal was dead.",
        {"Lavrov": PER, "TASS": ORG},
        [("according_to", "said", "lavrov", "lavrov", "tass", "the deal was dead")],
        id="x-quoted-by-outlet-said",
    ),
    pytest.param(
        "Antonio Guterres spoke in Geneva. He said the ceasefire would hold.",
        {"Antonio Guterres": PER, "Geneva": LOC},
        [
            (
                "according_to",
                "said",
                "antonio-guterres",
                "antonio-guterres",
                None,
                "the ceasefire would hold",
            )
        ],
        id="he-said-is-the-person-named-before",
    ),
    pytest.param(
        "Kremlin spokesman Dmitry Peskov told reporters the timing would depend on the situation.",
        {"Dmitry Peskov": PER},
        [
            (
                "according_to",
                "told",
                "dmitry-peskov",
                "dmitry-peskov",
                None,
                "the timing would depend on the situation",
            )
        ],
        id="told-reporters-without-that",
    ),
    pytest.param(
        "Assad thanked Putin for his support, the television said, citing a statement.",
        {"Assad": PER, "Putin": PER},
        [
            (
                "according_to",
                "said",
                "television",
                "television",
                None,
                "Assad thanked Putin for his support",
            )
        ],
        id="x-said-citing-y-after-the-news",
    ),
    pytest.param(
        "“The task is done,” Putin told servicemen, according to Russian news agencies.",
        {"Putin": PER},
        [
            ("quote", "told", "putin", "putin", "Russian news agencies", "The task is done"),
            (
                "according_to",
                "according to",
                "Russian news agencies",
                "Russian news agencies",
                None,
                "“The task is done,” Putin told servicemen",
            ),
        ],
        id="according-to-after-a-quote-is-its-via",
    ),
    pytest.param(
        "Dozens were reported killed in the strike.",
        {},
        [],
        id="a-passive-reported-is-no-attribution",
    ),
]


@pytest.mark.parametrize(("text", "names", "expected"), INDONESIAN + ENGLISH)
def test_it_finds_who_said_what(text, names, expected):
    assert rows(text, read(text, names)) == expected


@pytest.mark.parametrize(("text", "names", "expected"), INDONESIAN + ENGLISH)
def test_its_cues_are_valid_spans_in_text_order_without_overlap(text, names, expected):
    found = read(text, names)
    assert_well_formed(text, found)


def assert_well_formed(text: str, found: list[Attribution]) -> None:
    for a in found:
        assert 0 <= a.start < a.end <= len(text)
        assert a.kind in ATTRIBUTION_KINDS
        if a.content:
            assert 0 <= a.content.start < a.content.end <= len(text)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


FOOTERS = [
    pytest.param(
        "Kapal itu tenggelam.\n\nSumber: Aljazeera",
        {"Aljazeera": ORG},
        [("source_footer", "Sumber:", "aljazeera", None, None, None)],
        id="sumber-with-a-known-outlet",
    ),
    pytest.param(
        "Kapal itu tenggelam.\n\nSumber: Reuters, AFP",
        {"Reuters": ORG, "AFP": ORG},
        [
            ("source_footer", "Sumber:", "reuters", None, None, None),
            ("source_footer", "AFP", "afp", None, None, None),
        ],
        id="sumber-with-two-outlets",
    ),
    pytest.param(
        "The ship sank.\n\nSource: The Jakarta Post",
        {},
        [("source_footer", "Source:", "The Jakarta Post", None, None, None)],
        id="source-with-an-unknown-outlet",
    ),
    pytest.param(
        "Kapal itu tenggelam.\n\n"
        'Artikel ini telah tayang di Kompas.com dengan judul "Kapal Tenggelam"',
        {},
        [
            (
                "source_footer",
                "Artikel ini telah tayang di",
                "Kompas.com",
                None,
                None,
                None,
            )
        ],
        id="artikel-ini-telah-tayang-di",
    ),
]


@pytest.mark.parametrize(("text", "names", "expected"), FOOTERS)
def test_it_reads_source_footers(text, names, expected):
    assert rows(text, read(text, names)) == expected


def outlet_dateline(text: str, outlet: str, line: str) -> Dateline:
    start, end = text.index(outlet), text.index(line) + len(line)
    return Dateline(0, end, line, None, None, outlet, Span(start, start + len(outlet)))


def test_the_dateline_outlet_is_the_publisher_by_its_entity():
    text = "JAKARTA (ANTARA) - Harga beras naik."
    found = read(
        text, {"ANTARA": ORG}, dateline=outlet_dateline(text, "ANTARA", "JAKARTA (ANTARA) -")
    )
    assert rows(text, found) == [("publisher", "ANTARA", "antara", None, None, None)]


def test_the_dateline_outlet_is_the_publisher_by_name_when_no_mention_names_it():
    text = "LONDON (Reuters) - Prices rose, the bank said."
    found = read(text, {}, dateline=outlet_dateline(text, "Reuters", "LONDON (Reuters) -"))
    assert rows(text, found)[0] == ("publisher", "Reuters", "Reuters", None, None, None)
    assert rows(text, found)[1][:3] == ("according_to", "said", "bank")


def test_an_outlet_named_elsewhere_in_the_article_gives_the_footer_its_entity():
    text = "Kapal itu tenggelam, lansir Aljazeera.\n\nSumber: Aljazeera"
    body_only = [m for m in mentions_of(text, {"Aljazeera": ORG}) if m.start < text.index("Sumber")]
    segments = [Segment(0, 38, "body"), Segment(40, len(text), "source_footer")]
    found = find_attributions(text, segments, [Span(0, 38)], body_only, metadata())
    assert [(a.kind, a.source) for a in found] == [
        ("relayed_from", "aljazeera"),
        ("source_footer", "aljazeera"),
    ]


def test_a_sentence_cue_never_overlaps_the_publisher_in_the_dateline():
    text = "JAKARTA (ANTARA) - Harga naik, kata Budi."
    dateline = outlet_dateline(text, "ANTARA", "JAKARTA (ANTARA) -")
    found = read(text, {"ANTARA": ORG, "Budi": PER}, dateline=dateline)
    assert [(a.kind, surface(text, a)) for a in found] == [
        ("publisher", "ANTARA"),
        ("according_to", "kata"),
    ]
    assert surface(text, found[1].content) == "Harga naik"


def test_it_needs_a_dateline_with_an_outlet_for_a_publisher():
    text = "Jakarta - Harga beras naik."
    dateline = Dateline(0, 9, "Jakarta -", "Jakarta", Span(0, 7), None, None)
    assert read(text, {}, dateline=dateline) == []


WORDS = [
    "Budi",
    "dia",
    "mengatakan",
    "kata",
    "ujarnya",
    "menurut",
    "lansir",
    "seperti",
    "dilansir",
    "mengutip",
    "melaporkan",
    "bahwa",
    "said",
    "told",
    "according",
    "to",
    "Reuters",
    "quoted",
    "as",
    "saying",
    "harga",
    "naik",
    ",",
    ".",
    ":",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "«",
    "»",
    "(",
    ")",
    "\n",
    "\n\n",
    "Sumber:",
    "kepada",
    "yang",
    "untuk",
    "Menurutnya",
    "the",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.booleans())
def test_it_never_fails_on_any_mix_of_cues_and_marks(words, spaced):
    text = (" " if spaced else "").join(words)
    found = read(text, {"Budi": PER, "Reuters": ORG})
    assert_well_formed(text, found)


# --- the seed article --------------------------------------------------------------------------

SEED_NAMES = {
    "Vladimir Putin": "vladimir-putin",
    "Putin": "vladimir-putin",
    "Basyar Asad": "basyar-asad",
    "Asad": "basyar-asad",
    "Novosti": "novosti",
    "Aljazeera": "aljazeera",
    "SALAM-ONLINE": "salam-online",
    "Suriah": "suriah",
    "Rusia": "rusia",
}
SEED_LABELS = {"Novosti": ORG, "Aljazeera": ORG, "SALAM-ONLINE": ORG, "Suriah": LOC, "Rusia": LOC}
INSERTS = ("Bertemu Asad,", "BACA JUGA", "Baca Juga", "Asad (kiri)")


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Attribution]]:
    text = SEED.read_text(encoding="utf-8")
    segments = []
    for line in find_lines(text):
        words = text[line.start : line.end]
        kind = "source_footer" if words.startswith("Sumber:") else "body"
        segments.append(
            Segment(line.start, line.end, "other" if words.startswith(INSERTS) else kind)
        )
    sentences = [
        s
        for seg in segments
        if seg.type == "body"
        for s in split_sentences(text, Span(seg.start, seg.end))
    ]
    mentions = [
        Mention(m.start, m.end, m.text, SEED_LABELS.get(m.text, PER), SEED_NAMES[m.text])
        for m in mentions_of(text, dict.fromkeys(SEED_NAMES, PER))
    ]
    dateline = outlet_dateline(text, "SALAM-ONLINE", "KHMEIMIM (SALAM-ONLINE):")
    return text, find_attributions(text, segments, sentences, mentions, metadata(dateline))


def test_the_seed_has_its_five_attributions_in_text_order(seed):
    text, found = seed
    assert [(a.kind, surface(text, a)) for a in found] == [
        ("publisher", "SALAM-ONLINE"),
        ("reported_by", "melaporkan"),
        ("relayed_from", "lansir"),
        ("quote", "mengatakan"),
        ("source_footer", "Sumber:"),
    ]
    assert_well_formed(text, found)


def test_the_seed_publisher_and_footer_cover_the_whole_article(seed):
    _, found = seed
    publisher, *_, footer = found
    assert (publisher.source, publisher.content) == ("salam-online", None)
    assert (footer.source, footer.content) == ("aljazeera", None)


def test_syrian_state_tv_reports_the_meeting_relayed_by_aljazeera(seed):
    text, found = seed
    reported, relayed = found[1], found[2]
    assert (reported.source, reported.speaker, reported.via) == (
        "TV rezim Suriah",
        None,
        "aljazeera",
    )
    assert surface(text, reported.content) == (
        "Putin bertemu Basyar Asad di Pangkalan Udara Khmeimim, sebelah tenggara Latakia, "
        "Suriah, Senin (11/12/2017) pagi"
    )
    assert (relayed.source, relayed.via) == ("aljazeera", None)
    assert surface(text, relayed.content).startswith("TV rezim Suriah melaporkan bahwa Putin")
    assert surface(text, relayed.content).endswith("Senin (11/12/2017) pagi")


def test_putins_words_come_through_novosti(seed):
    text, found = seed
    quote = found[3]
    assert (quote.source, quote.speaker, quote.via) == (
        "vladimir-putin",
        "vladimir-putin",
        "novosti",
    )
    assert surface(text, quote.content) == (
        "secara umum, pertempuran di wilayah ini berakhir dengan pemberantasan ‘teroris’ sepenuhnya"
    )


def trail(row: Attribution, found: list[Attribution]) -> list[str]:
    """The chain as the module docstring defines it, repeats dropped."""
    holders = [r for r in found if r is not row and _holds(r.content, row)]
    hops = [row.source, row.via]
    hops += [r.source for r in sorted(holders, key=lambda r: r.content.end - r.content.start)]
    hops += [r.source for r in found if r.kind == "source_footer"]
    hops += [r.source for r in found if r.kind == "publisher"]
    return list(dict.fromkeys(h for h in hops if h))


def _holds(content: Span | None, row: Attribution) -> bool:
    return content is not None and content.start <= row.start and row.end <= content.end


def test_the_seed_chain_runs_from_putin_to_the_publisher(seed):
    _, found = seed
    assert trail(found[3], found) == ["vladimir-putin", "novosti", "aljazeera", "salam-online"]
    assert trail(found[1], found) == ["TV rezim Suriah", "aljazeera", "salam-online"]


def test_the_writer_s_own_view_names_no_source():
    text = (
        "Iklan yang tiba-tiba muncul, menurut saya adalah salah satu elemen perusak "
        "pengalaman membaca."
    )
    result = annotate(text)

    assert [a.kind for a in result.attributions] == []
