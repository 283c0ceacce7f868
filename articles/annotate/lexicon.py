"""The pipeline's words, in one place: Indonesian and English side by side, named by meaning.

Every stage builds its patterns from these lists, so a word added here reaches every stage
that reads its kind of word (``tests/annotate/test_lexicon.py`` holds the lists to their
invariants). Words are lower case, one space between the words of a phrase; regex-ready
alternations come from ``alternation`` and ``cased_alternation``. Month and weekday names come
from Babel's CLDR data, plus the spellings news still prints but CLDR lacks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable

from babel import Locale

from .common_words import read_words as read_common_words


def _words(spaced: str) -> frozenset[str]:
    """``"warga_sipil orang"`` -> ``{"warga sipil", "orang"}``: ``_`` joins a phrase."""
    return frozenset(word.replace("_", " ") for word in spaced.split())


def _groups(groups: dict[str, str]) -> dict[str, frozenset[str]]:
    return {name: _words(spaced) for name, spaced in groups.items()}


def alternation(
    words: Iterable[str], *, capitalised: bool = False, cased: bool = False, any_space: bool = True
) -> str:
    """A regex alternation of ``words``, longest first so ``Sept`` wins over ``Sep``.

    Plain: the words as given (lower case). ``cased``: also their ``Title`` and ``UPPER``
    forms, so a pattern can do without ``re.IGNORECASE``, which makes sre's alternations several
    times slower. ``capitalised``: only ``Title`` and ``UPPER``, for contexts where a lower-case
    word is probably not a name (``minggu`` = week, ``Minggu`` = Sunday). A space in a phrase
    matches any white space (``any_space=False``: one space only).
    """
    forms = set()
    for word in words:
        title = word[:1].upper() + word[1:]
        if capitalised or cased:
            forms.update({title, word.upper()})
        if not capitalised:
            forms.add(word)
    space = r"\s+" if any_space else " "
    if all(form.isascii() and form == form.lower() for form in forms):
        return _trie(forms, space)
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    return "|".join(re.escape(form).replace(r"\ ", space) for form in ordered)


def _trie(words: Iterable[str], space: str) -> str:
    """``words`` as a trie, ``ber(?:kata|ujar)`` for ``berkata|berujar``: sre tries every branch
    of an alternation at every position, a trie one branch per letter met.

    It matches what the flat alternation, longest first, matches, in the same order: a node's
    branches start with different characters, so at most one goes on, and a word that goes on
    is tried before the word that ends there. Under IGNORECASE that holds for lower-case ASCII
    words only (``K`` and ``k`` would be two branches taking the same character).
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict[str, dict]) -> list[str]:
        going_on = [
            (space if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        return [*going_on, ""] if "" in node else going_on

    def pattern(node: dict[str, dict]) -> str:
        found = branches(node)
        return found[0] if len(found) == 1 else f"(?:{'|'.join(found)})"

    return "|".join(branches(root))


def cased_alternation(phrases: Iterable[str]) -> str:
    """Phrases whose every word is ``Title`` or ``UPPER`` (``Panglima TNI``, ``PM``, ``Dr.``),
    for a pattern without IGNORECASE (the point of spelling the cases out)."""
    forms = _spellings(phrases, lambda w: (w[:1].upper() + w[1:], w.upper()))
    if all(form.isascii() for form in forms):
        return _trie(forms, r"\s")

    def one(phrase: str) -> str:
        parts = [
            re.escape(w[:1].upper() + w[1:]) + "|" + re.escape(w.upper()) for w in phrase.split()
        ]
        return r"\s".join(f"(?:{part})" for part in parts)

    return "|".join(one(phrase) for phrase in sorted(phrases, key=lambda p: (-len(p), p)))


def initial_alternation(phrases: Iterable[str]) -> str:
    """Phrases whose every word starts in either case: ``[Kk]uasa [Hh]ukum``, one space between;
    for a pattern without IGNORECASE."""
    forms = _spellings(phrases, lambda w: (w[:1].upper() + w[1:], w))
    if all(form.isascii() for form in forms):
        return _trie(forms, " ")

    def one(phrase: str) -> str:
        return " ".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in phrase.split())

    return "|".join(one(phrase) for phrase in sorted(phrases, key=lambda p: (-len(p), p)))


def _spellings(phrases: Iterable[str], spell: Callable[[str], tuple[str, ...]]) -> set[str]:
    """Every phrase with each word spelled every way ``spell`` gives, one space between."""
    return {
        " ".join(words)
        for phrase in phrases
        for words in itertools.product(*(spell(word) for word in phrase.split()))
    }


# --- reporting ------------------------------------------------------------------------------

SAY_VERBS_ID = _words(  # X mengatakan (bahwa) …: a statement follows the verb
    """mengatakan berkata menyatakan menegaskan menjelaskan mengungkapkan mengungkap menyebutkan
    menuturkan menambahkan menerangkan memaparkan menyampaikan mengklaim menekankan membeberkan
    menandaskan mengingatkan berujar bertutur"""
)
SAY_VERBS_EN = _words(
    "said says say told tells stated added explained warned claimed insisted stressed"
)
WEAK_SAY_VERBS = _words(  # also take a plain object (`menyampaikan surat`): a statement needs `,`
    """menyatakan mengungkapkan mengungkap menyebutkan menerangkan memaparkan menyampaikan
    membeberkan"""
)
INVERTED_SAY_VERBS_ID = _words(  # after what was said, before who said it: `“…,” kata Budi.`
    """kata ujar tutur jelas ungkap tegas tambah imbuh lanjut terang papar sebut ucap tandas
    pungkas kilah beber seru tukas urai timpal sambung jawab"""
)
INVERTED_REPORT_VERBS_ID = _words(
    "tulis lapor"
)  # inverted too, but outlets write: `…, tulis Reuters.`
INVERTED_SAY_VERBS_NYA = frozenset(  # the speaker is the one named before: `…, ujarnya.`
    {verb + "nya" for verb in INVERTED_SAY_VERBS_ID | INVERTED_REPORT_VERBS_ID} | {"akunya"}
)
INVERTED_SAY_VERBS_EN = _words("said says")  # `“…,” said Boris Johnson.`
QUOTING_VERBS_ID = _words("mengutip")  # `Antara mengutip Jokowi`: the one quoted follows
# Reporting verbs whose next capitalised words name a person (name_cues).
NAME_CUE_VERBS = INVERTED_SAY_VERBS_ID | INVERTED_SAY_VERBS_EN | QUOTING_VERBS_ID
PASSIVE_REPORT_VERBS_ID = _words("dilaporkan diberitakan diwartakan")  # seperti diberitakan X
REPORT_VERBS_ID = _words("melaporkan memberitakan mewartakan")  # X melaporkan bahwa …
REPORT_VERBS_EN = _words("reported reports")
RELAY_VERBS_ID = _words("lansir dilansir melansir")  # `…, lansir Reuters.`: taken from an outlet
# Cues that close a clause as its attribution (`…, kata X.`, `…, lansir Y`): summaries cut them.
ATTRIBUTION_TAIL_CUES = (
    RELAY_VERBS_ID
    | INVERTED_SAY_VERBS_ID
    | INVERTED_REPORT_VERBS_ID
    | INVERTED_SAY_VERBS_NYA
    | _words("said says told according_to")
)

# --- people: titles, offices, pronouns, name particles ----------------------------------------

TITLES_BEFORE_NAMES = _words(  # stand right before a person's name: `Presiden Joko Widodo`
    """presiden wakil_presiden wapres perdana_menteri pm raja ratu pangeran putra_mahkota
    kanselir paus syekh sheikh emir sultan jenderal jend. letjen mayjen brigjen marsekal
    laksamana kolonel kapten bapak ibu pak bu dr. prof. ustaz ustadz kiai habib mensos mendagri
    menlu menkeu menhan menkes mendikbud menpora menaker menkumham mentan menhub kapolri kapolda
    panglima_tni president prime_minister king queen prince chancellor pope mr. mrs. ms. gen."""
)
PERSONAL_TITLES = _words(  # of these titles, the ones only a person's name follows: `Brigjen X`
    """syekh sheikh letjen mayjen brigjen marsekal kolonel bapak ibu pak bu dr. prof. ustaz
    ustadz kiai habib mr. mrs. ms. gen."""
)
TITLES_IN_NAMES = _words(  # written as part of the name, kept in its mention: `Sir Alex X`
    "sultan sir sheikh syekh kh mr mrs ms"
)
TITLE_QUALIFIERS = _words("terpilih sementara baru elect")  # `Presiden Terpilih X`
OFFICE_WORDS = _words(  # a capitalised run starting with one of these is an office, not a name
    """menteri menko presiden wakil wapres perdana ketua kepala direktur dirut sekjen gubernur
    wagub bupati walikota wali juru jubir mensos mendagri menlu menkeu menhan menkes mendikbud
    menpora menaker menkumham mentan menhub kapolri kapolda kapolres panglima kasad jenderal
    jend letjen mayjen brigjen irjen komjen marsekal laksamana kolonel letnan mayor kapten chief
    sales"""
)
HONORIFICS = _words(  # address and rank words that are not part of a name when folding
    """raja ratu pangeran putra putri syekh sheikh syaikh ustaz ustadz kiai kyai habib bapak pak
    ibu bu mas mbak saudara sdr tuan nyonya ny dr drs prof ir h hj kh haji hajjah sang bicara
    vice prime minister secretary mr mrs ms miss sir king queen prince princess general gen sen
    senator rep gov governor mayor chancellor pope paus president pm perdana emir sultan kanselir
    mahkota tni"""
)
# Every word that a person's name is folded without (`Presiden Joko Widodo` -> `Joko Widodo`).
TITLE_WORDS = OFFICE_WORDS - {"sales"} | HONORIFICS
LEADER_NOUNS = _words("rezim diktator regime")  # `rezim Maduro`: a leader's name follows
SPEAKER_PRONOUNS = _words("dia ia beliau he she")  # stand for the person named before
NON_SPEAKER_PRONOUNS = _words("mereka kami kita saya aku semuanya they we i it all")
ADDRESS_PRONOUNS = _words("anda kamu engkau kau kalian you")  # the reader or listener
NAME_PRONOUNS = _words("dia ia mereka kami kita saya beliau the a an it he she they this that")
# Lower-case words inside a name: `bin Salman`, `van Gogh`, `de la Cruz`, `di Maria`.
NAME_PARTICLES = _words(
    "al el ad as ar an at ash bin binti ibn van von de da di der den du dos do del des la le es"
)
NAME_ARTICLES = _words(
    "al el ad as ar an at ash"
)  # Arabic articles joined by a hyphen: `al-Baghdadi`
# Particles that are also everyday words (`di`, `as`, `at`): they join a name only with a hyphen.
PARTICLES_ALSO_WORDS = _words("ad as ar an at ash di den")
NAME_CONNECTIVES = _words(
    "dan of the and for"
)  # inside names: `Kementerian Pendidikan dan Kebudayaan`
PLACE_DESIGNATORS = (  # a place's name is folded without these: `Pangkalan Udara Halim`
    "pangkalan udara",
    "pangkalan militer",
    "pangkalan",
    "lanud",
    "bandar udara",
    "bandara",
    "provinsi",
    "kabupaten",
    "kota",
    "pulau",
    "city of",
)
ORG_HEAD_WORDS = _words(  # the first word of an organisation's name: `Partai …`, `Front …`
    """front partai koalisi kementerian badan komisi dewan universitas bank pt kantor majelis
    angkatan kepolisian polda polres polsek pemerintah gerakan organisasi persatuan ikatan
    asosiasi federasi liga klub lembaga yayasan institut sekolah rumah mahkamah pengadilan
    kejaksaan kejati kejari komite forum aliansi serikat perusahaan harian majalah radio
    televisi stasiun tim timnas brigade batalyon kodam korem kodim satuan densus direktorat
    dinas biro sekretariat fraksi party ministry council committee university agency
    department commission coalition army police court union"""
)
ORG_TAIL_WORDS = _words(  # the last word of a company's or club's name: `SM Entertainment`
    """entertainment group corporation corp inc ltd foundation studio studios records pictures
    airlines airways motors holdings company media network fc united"""
)
PLACE_HEAD_WORDS = _words(  # the first word of a place's name: `Kota …`, `Pulau …`
    """kota provinsi kabupaten kecamatan kelurahan desa dusun kampung jalan jl gunung sungai
    danau pulau teluk selat laut samudra pantai bandara pelabuhan lanud pangkalan wilayah
    kawasan candi"""
)

# --- function words -------------------------------------------------------------------------

FUNCTION_WORDS_ID = _words(  # prepositions, conjunctions and determiners
    """dan serta atau di ke dalam pada akibat karena oleh dari untuk dengan setelah usai saat
    ketika sejak yang itu ini termasuk"""
)
FUNCTION_WORDS_EN = _words(
    "and or in on at to after during since from by when as with including following"
)
# Words a person's or place's name never holds: `Persib di Bandung` is two names.
NAME_BREAKING_WORDS = _words("di ke dari dan yang pada untuk dengan oleh atau in and to from")
# The commonest words of each language: which one a text is in.
LANGUAGE_MARKERS_ID = _words(
    "yang dan di dengan untuk dari itu ini tidak ke pada akan dalam adalah juga bahwa"
)
LANGUAGE_MARKERS_EN = _words(
    "the and of to in is that was for with on are were has have by from said"
)

# --- calendar -------------------------------------------------------------------------------

_LOCALES = ("id", "en")
_MONTH_VARIANTS = {
    "pebruari": 2,
    "febuari": 2,
    "peb": 2,
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "sept": 9,
    "nopember": 11,
    "nop": 11,
}
# Abbreviated weekdays (Sen, Sel, Min...) are left out: as bare words they are too ambiguous.
_WEEKDAY_VARIANTS = {"jum'at": 4, "jum’at": 4, "ahad": 6}


def _read_months() -> dict[str, int]:
    names: dict[str, int] = {}
    for code in _LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in Locale(code).months["format"][width].items():
                names[name.lower().rstrip(".")] = number
    return names | _MONTH_VARIANTS


def _read_wide_months() -> frozenset[str]:
    names = {
        name.lower() for code in _LOCALES for name in Locale(code).months["format"]["wide"].values()
    }
    return frozenset(names | {name for name in _MONTH_VARIANTS if len(name) > 5})


def _read_weekdays() -> dict[str, int]:
    names = {
        name.lower(): number
        for code in _LOCALES
        for number, name in Locale(code).days["format"]["wide"].items()
    }
    return names | _WEEKDAY_VARIANTS


MONTHS = _read_months()  # "september" -> 9, "agt" -> 8, "dec" -> 12
WIDE_MONTHS = _read_wide_months()  # full names only: "september", "nopember"
SHORT_MONTHS = frozenset(MONTHS) - WIDE_MONTHS  # "agu", "okt", "sept": a full stop may follow
WEEKDAYS = _read_weekdays()  # "senin" -> 0 (Monday) ... "minggu" -> 6
# Month names that are people's names too (`Theresa May`): a name may hold them.
MONTHS_ALSO_NAMES = _words("may june august")
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)

TIMES_OF_DAY = _words(
    "pagi siang sore petang malam dini_hari subuh morning afternoon evening night"
)
# A weekday date at night (`Rabu (14/6) malam`), or in a sentence that says it was yesterday
# (`kemarin`), is reported the next day.
NIGHT_TIMES = _words("malam night")
YESTERDAY_WORDS = _words("kemarin yesterday")
PAST_WORDS = _words("lalu kemarin yang_lalu last silam ago past")  # bulan lalu, last month
THIS_WORDS = _words("ini this")
COMING_WORDS = _words("nanti")  # `akhir pekan nanti`: the period now coming, this one's
FUTURE_WORDS = _words("depan mendatang next lagi nanti")  # pekan depan, next week
# Juni lalu, pekan depan, akhir pekan nanti
DIRECTIONS_AFTER_DATE_ID = _words("lalu kemarin depan mendatang ini nanti")
DIRECTIONS_AFTER_WEEKDAY_ID = DIRECTIONS_AFTER_DATE_ID | {"nanti"}  # Senin nanti
DIRECTIONS_AFTER_COUNT_ID = _words("lalu silam lagi mendatang")  # dua hari lalu, tiga tahun lagi
# Before `hari ini`, a count makes it a span of days (`beberapa hari ini`), not today.
SPAN_COUNT_WORDS = _words("beberapa sejumlah berapa")
PAST_AFTER_ID = _words("lalu silam kemarin")  # a date in the past: `2010 silam`, `Juni kemarin`
TIME_UNITS = {  # the unit of `dua hari lalu`, `pekan depan`
    "hari": "day",
    "pekan": "week",
    "minggu": "week",
    "bulan": "month",
    "tahun": "year",
    "dekade": "decade",
    "dasawarsa": "decade",
    "akhir pekan": "weekend",
}
DAY_OFFSETS = {  # days from the publication date
    "kemarin": -1,
    "hari": 0,  # hari ini
    "besok": 1,
    "esok": 1,
    "lusa": 2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "tonight": 0,
    "last": -1,  # last night
}
# Words after which a bare four-digit number is a year: "tahun 2015", "sejak 2011", "in 2015".
YEAR_CUES = _words(
    """tahun pada sejak semenjak hingga sampai awal akhir pertengahan medio selama sepanjang
    periode jelang menjelang sebelum setelah sesudah usai in since until till during early late
    year before after end_of start_of beginning_of middle_of end_of_the_year
    start_of_the_year beginning_of_the_year middle_of_the_year"""
)
RANGE_CUES = _words(
    "antara between dari from sejak semenjak since tahun pada in periode selama during"
)
RANGE_JOINS = _words("s.d. s.d sd. sd s/d hingga sampai sampai_dengan to until till through")
# Words that say nothing once the date beside them is gone ("pada", "on", "lalu").
DATE_FILLERS_BEFORE = _words(
    """pada tanggal tgl tgl. hari tahun bulan sejak semenjak hingga sampai awal akhir
    pertengahan medio antara dari per on in since until during early late the of at from
    between"""
)
MONTH_CUES = _words(  # before a month named without a year: "bulan Juni", "pada Agustus"
    """bulan pada sejak semenjak hingga sampai awal akhir pertengahan medio in since until early
    late last next this"""
)

MEASURE_UNITS = _words(  # units of things measured or counted that are not people
    """unit buah ekor kali kasus km kilometer meter mil kg ton hektar hektare ha persen rupiah
    dolar units cases times miles kilometers kilometres meters metres tonnes tons percent
    dollars votes"""
)
# Nouns that make a four-digit number a count ("2000 orang"), never a year ("pada 2000").
YEAR_BLOCKING_NOUNS = (
    MEASURE_UNITS
    | _words("juta ribu miliar triliun million billion thousand")
    | _words(
        """orang jiwa warga penduduk pengungsi korban tentara prajurit personel pasukan anggota
        rumah people persons residents civilians troops soldiers members homes houses"""
    )
)

# --- numbers --------------------------------------------------------------------------------

NUMBER_WORDS_ID = {  # whole numbers written as one word
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
}
NUMBER_WORDS_EN = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_MULTIPLIERS = {"belas": None, "puluh": 10, "ratus": 100, "hundred": 100, "dozen": 12}
NUMBER_SCALES = {  # `1,5 juta`, `2 million`
    "ribu": 1e3,
    "rb": 1e3,
    "thousand": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "million": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "triliun": 1e12,
    "trillion": 1e12,
}
ONE_WORD_SCALES = {"seribu": 1e3, "sejuta": 1e6, "semiliar": 1e9, "setriliun": 1e12}
VAGUE_NUMBERS = {  # the least each can mean: `ratusan` = at least 100
    "belasan": 11,
    "puluhan": 10,
    "ratusan": 100,
    "ribuan": 1e3,
    "jutaan": 1e6,
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
}
QUALIFIER_WORDS = _groups(  # before a number: `sekitar 20` about, `lebih dari 20` more than
    {
        "about": "sekitar sekira kira-kira kurang_lebih lebih_kurang diperkirakan ditaksir around "
        "about roughly approximately some an_estimated estimated",
        "more_than": "lebih_dari lebih_daripada di_atas more_than over upwards_of in_excess_of",
        "less_than": "kurang_dari hampir nyaris mendekati fewer_than less_than nearly almost "
        "under close_to",
        "at_least": "setidaknya sedikitnya minimal paling_sedikit sekurang-kurangnya "
        "sekurangnya at_least no_fewer_than no_less_than",
        "at_most": "paling_banyak maksimal sebanyak-banyaknya at_most up_to as_many_as "
        "no_more_than",
        "range": "antara between",
    }
)

# --- figures --------------------------------------------------------------------------------

FIGURE_UNITS = _groups(  # what a figure counts, normalised -> the nouns that name it
    {
        "people": "orang jiwa warga penduduk manusia individu people persons person residents "
        "inhabitants individuals",
        "civilians": "warga_sipil orang_sipil civilians civilian",
        "soldiers": "tentara prajurit serdadu anggota_tni soldiers soldier",
        "troops": "pasukan troops",
        "personnel": "personel personnel",
        "children": "anak anak-anak bocah balita children kids child",
        "women": "perempuan wanita women",
        "men": "pria laki-laki men",
        "victims": "korban victims",
        "casualties": "casualties",
        "refugees": "pengungsi refugees",
        "migrants": "migran migrants imigran immigrants",
        "asylum seekers": "pencari_suaka asylum_seekers",
        "prisoners": "tahanan narapidana napi terpidana prisoners inmates",
        "detainees": "detainees",
        "militants": "militan militants jihadis",
        "fighters": "pejuang fighters gerilyawan guerrillas",
        "rebels": "pemberontak rebels",
        "terrorists": "teroris terrorists",
        "police officers": "polisi anggota_polisi anggota_polri police policemen police_officers",
        "officers": "petugas officers officials",
        "protesters": "demonstran pengunjuk_rasa pendemo protesters demonstrators",
        "journalists": "jurnalis wartawan journalists reporters",
        "workers": "pekerja buruh workers",
        "employees": "karyawan pegawai employees staff",
        "students": "siswa pelajar mahasiswa santri students pupils",
        "patients": "pasien patients",
        "volunteers": "relawan sukarelawan volunteers",
        "passengers": "penumpang passengers",
        "crew": "awak crew",
        "babies": "bayi babies",
        "suspects": "tersangka terduga suspects",
        "terror suspects": "terduga_teroris tersangka_teroris terror_suspects",
        "members": "anggota members",
        "Indonesian citizens": "wni",
        "foreign nationals": "wna foreigners",
        "hostages": "sandera hostages",
        "pilgrims": "jemaah jamaah pilgrims",
        "families": "keluarga families",
        "households": "kk kepala_keluarga households",
        "miners": "penambang miners",
        "fishermen": "nelayan fishermen",
        "climbers": "pendaki climbers",
        "farmers": "petani farmers",
        "supporters": "suporter supporters fans",
        "visitors": "pengunjung visitors",
        "guards": "penjaga guards",
        "perpetrators": "pelaku perpetrators attackers assailants",
        "rioters": "perusuh rioters",
        "vehicles": "kendaraan mobil vehicles cars",
        "stalls": "kios lapak stalls kiosks",
        "houses": "rumah houses homes",
        "buildings": "bangunan gedung buildings",
    }
)
KILLED_UNITS = _words("korban_jiwa korban_tewas korban_meninggal nyawa lives deaths fatalities")
OTHERS_WORDS = _words("lainnya others more")  # `20 lainnya`: the unit of the figure before
FIGURE_CATEGORY_WORDS = _groups(  # the category a word near a number gives it
    {
        "killed": "tewas terbunuh dibunuh membunuh menewaskan meninggal meninggal_dunia wafat "
        "gugur mati kehilangan_nyawa merenggut_nyawa korban_jiwa korban_tewas korban_meninggal "
        "dieksekusi dihukum_mati jenazah kematian tewasnya meninggalnya terbunuhnya matinya "
        "gugurnya killed killing kills dead died die deaths death_toll slain fatalities perished "
        "massacred executed pembunuhan pembantaian",
        "wounded": "luka luka-luka terluka melukai cedera korban_luka luka_berat luka_ringan "
        "terlukanya korban_penganiayaan korban_penusukan korban_pengeroyokan korban_pembacokan "
        "korban_pemukulan wounded wounding injured injuring injuries hurt",
        "displaced": "mengungsi pengungsi pengungsian terlantar telantar terusir dievakuasi "
        "melarikan_diri kehilangan_tempat_tinggal eksodus displaced fled fleeing flee "
        "diungsikan refugees homeless evacuated uprooted",
        "missing": "hilang hilangnya dinyatakan_hilang belum_ditemukan missing unaccounted",
        "arrested": "ditangkap menangkap ditahan menahan diamankan mengamankan dibekuk diciduk "
        "penangkapan meringkus diringkus digrebek digerebek menggerebek ditangkapnya dicokok "
        "arrested arresting arrests detained detaining apprehended custody",
    }
)
# Words that may stand between a number and its category word: `20 were killed`.
FIGURE_AUXILIARIES = _words(
    "were was are is have has had been reportedly also telah sudah dilaporkan dikabarkan "
    "dinyatakan ditemukan masih juga"
)
# Adjectives that may stand between a number and its unit: `20 unarmed civilians`.
FIGURE_ADJECTIVES = _words("other more innocent unarmed young armed foreign local additional")
# Category words that are nouns: they name the category only before the number (`kematian
# tujuh penambang`), not after it (`warga terkejut oleh kematian`).
NOMINAL_CATEGORY_WORDS = _words(
    """kematian tewasnya meninggalnya terbunuhnya matinya gugurnya hilangnya terlukanya
    ditangkapnya penangkapan pembunuhan pembantaian"""
)
# Active verbs: the count they tell of is their object, after them (`menangkap tiga orang`);
# a count before them is who acted (`seorang tentara yang berusaha menangkap`).
ACTIVE_CATEGORY_VERBS = _words(
    """membunuh menewaskan melukai menangkap menahan mengamankan meringkus menggerebek
    merenggut_nyawa killing kills wounding injuring arresting detaining"""
)
# Indonesian passives: their count stands before them (`20 orang ditangkap`) or right after
# (`ditangkap 20 orang`), not further on (`ditangkap setelah melawan seorang perwira`).
PASSIVE_CATEGORY_VERBS = _words(
    """dibunuh dieksekusi dihukum_mati ditangkap ditahan diamankan dibekuk diciduk diringkus
    digrebek digerebek dicokok dievakuasi diungsikan"""
)
# `kedua tersangka`, `ketiga korban`: before a noun, the two, the three (after it, an ordinal).
COLLECTIVE_NUMBERS = {
    "kedua": 2,
    "ketiga": 3,
    "keempat": 4,
    "kelima": 5,
    "keenam": 6,
    "ketujuh": 7,
    "kedelapan": 8,
    "kesembilan": 9,
    "kesepuluh": 10,
}
# After a number, these count a part of the figure before: `tiga di antaranya luka berat`.
PARTITIVE_WORDS = _words("di_antaranya diantaranya di_antara_mereka of_them among_them")
# A comma piece opening with these is an aside inside a clause: `13 orang, termasuk tiga anak,`.
INCLUSION_WORDS = _words("termasuk di_antaranya diantaranya including among_them")
# Verbs of a running total: the count after them is the one named before them (`korban tewas
# mencapai 57`).
TOLL_VERBS = _words(
    "mencapai menjadi jadi bertambah sebanyak berjumlah tercatat total rose reached climbed"
)
# Words before a number that make it no count: `meninggal pada usia 72`.
AGE_WORDS = _words("usia umur berusia aged age")
# After an arrest verb, a sports result: `ditahan imbang 1-1`.
DRAW_WORDS = _words("imbang seri")
# Units of things, not people: their counts are damage (`230 rumah`), never casualties.
THING_UNITS = frozenset({"houses", "buildings", "vehicles", "stalls"})
# People held by the other side: `menahan tiga sandera` counts hostages, not arrests.
HOSTAGE_UNITS = frozenset({"hostages"})
# People who flee custody: `seorang tersangka melarikan diri` is an escape, not displacement.
ESCAPING_UNITS = frozenset({"suspects", "terror suspects", "perpetrators", "prisoners"})
# Before a number with `jiwa`, `korban` makes it a death toll: `korban 35 jiwa`.
VICTIM_WORDS = _words("korban")


# --- sentences ------------------------------------------------------------------------------

ABBREVIATIONS = _words(  # a full stop after these does not end a sentence: `Jl.`, `Prof.`, `Inc.`
    """a.n an dkk dll dsb dst hlm jl jln no tel telp tlp yth kec kab prov drs dr ir h hj kh
    prof st sdr bpk ny tn mr mrs ms jr sr vs etc inc ltd co corp gen col lt sgt rev fig u.s
    jan feb mar apr jun jul aug agu sep sept okt oct nov des dec pt tbk"""
)


# --- who said it ----------------------------------------------------------------------------

NOT_SAID_BEFORE_ID = _words(  # before a say verb, no one has said it: `untuk menegaskan`
    "untuk yang akan ingin mau hendak bisa dapat harus perlu agar guna tidak belum enggan"
)
NOT_SAID_BEFORE_EN = _words("to will would could may might not who which")  # `will say`
NAME_END_WORDS_ID = _words(  # a speaker's name after a cue stops before these: `kata Budi di`
    """kepada di dalam pada saat ketika seperti usai setelah sebelum melalui lewat via bahwa
    yang"""
)
NAME_END_WORDS_EN = _words(
    "to in on at during when after before while that as who which from for about last this earlier"
)
ASIDE_OPENERS_ID = _words(  # a comma piece opening with these is an aside, not the speaker
    """yang ketika saat setelah sebelum sejak karena sambil usai selaku sebagai berdasarkan dalam
    di pada dari untuk kepada"""
)
ASIDE_OPENERS_EN = _words("who which when while after before since because as in at on from for")
CLAUSE_OPENERS_ID = _words(  # a subordinate clause starts: the subject is after the last one
    "kalau jika bila apabila karena ketika saat sehingga agar bahwa"
)
CLAUSE_OPENERS_EN = _words("if because when while whereas although")
NAME_TAIL_WORDS_ID = _words("lagi pula juga pun")  # after a speaker's name, still the cue's
NAME_TAIL_WORDS_EN = _words("again also")  # `kata Budi lagi`, `said Budi again`
SETTING_PREPOSITIONS_ID = _words(  # where or when it was said, cut off a name: `Budi di Jakarta`
    "dalam di pada saat ketika melalui"
)
SETTING_PREPOSITIONS_EN = _words("in at on during")
RELATIVE_PRONOUNS_ID = _words("yang")  # a phrase ending in these is no one's name
RELATIVE_PRONOUNS_EN = _words("who which that")
EDGE_WORDS_ID = _words(  # connectives trimmed off the edges of a speaker's name or subject
    """sementara namun tetapi tapi dan pun juga lalu kemudian adapun bahkan sedangkan telah
    sudah sebelumnya pula lagi"""
)
EDGE_WORDS_EN = _words(
    "the a an but and also has had have was were then meanwhile however again later"
)


# --- entities -------------------------------------------------------------------------------

MEDIA_NOUNS_ID = _words(  # right before an outlet's name: `kantor berita Inggris, Reuters`
    """kantor_berita surat_kabar harian majalah stasiun_televisi televisi media portal_berita
    situs_berita laman"""
)
MEDIA_NOUNS_EN = _words("news_agency newspaper broadcaster agency")
NEWS_OUTLETS = _words(  # a dateline naming one of these names the outlet: `Rimanews - ...`
    """antara antaranews kompas detik detikcom detiknews tempo kumparan tribun tribunnews
    liputan6 okezone sindonews republika merdeka suara rimanews poskota poskotanews viva kontan
    jpnn beritasatu tirto katadata inews metrotvnews juara dailysocial kapanlagi brilio fimela
    medcom cnn_indonesia goal_indonesia jawa_pos media_indonesia idn_times metro_tv
    the_jakarta_post jakarta_post reuters afp ap bbc xinhua bloomberg al_jazeera"""
)
OUTLET_CUES_ID = _words(  # a name after these is a news outlet: `dikutip dari AFP`
    "lansir melansir dilansir dikutip_dari dilaporkan mengutip_laporan melaporkan"
)
LIST_CONJUNCTIONS = _words("dan atau serta and or")  # join the names of a list: `Jepang dan Korea`
PLACE_PREPOSITIONS_ID = _words("di ke dari dekat")  # a place's name follows: `di Makassar`
PLACE_PREPOSITIONS_EN = _words("in near to from")
COMPASS_WORDS_ID = _words(  # `sebelah utara Makassar`: a place's name follows
    "utara selatan barat timur tenggara barat_daya barat_laut timur_laut"
)
# Continue a place's name in lower case: `Afrika barat`, `Gaza tengah`, `wilayah timur Aceh`.
PLACE_PART_WORDS_ID = COMPASS_WORDS_ID | _words("tengah")
ROUND_NUMBER_WORDS_ID = _words(  # make a name of a number only at a sentence start: `Ratusan warga`
    "puluhan ratusan ribuan jutaan belasan seribu sejuta"
)
RANKS_BEFORE_NAMES_ID = _words(  # offices cut off a person's name, with TITLE_WORDS: `Jaksa Budi`
    """jaksa hakim anggota mantan komisaris rektor dekan dubes duta camat lurah kapolsek kasat
    kabareskrim danjen pangdam kasdam kajati kajari kakanwil sekda"""
)
OFFICE_MODIFIERS_ID = _words(  # continue an office once one has started: `Jaksa Agung`
    "agung umum utama besar muda madya luar negeri dalam terpilih harian pelaksana tugas"
)
CASE_ROLE_NOUNS_ID = _words(  # a person's role in a case, right before the name: `terdakwa X`
    "terdakwa tersangka terpidana kuasa_hukum pengacara terlapor pelapor"
)
CASE_ROLE_NOUNS_EN = _words("defendant suspect lawyer")
SITE_HEAD_WORDS = _words(  # buildings and sites: gold tags `Kantor …` as place and body alike
    "kantor rumah stasiun gedung kompleks komplek kampus"
)
LOWER_CASE_HEAD_WORDS = _words(  # may open a place or body in lower case: `gedung MPR`
    """kantor gedung kompleks komplek kediaman kampus jalan kota wilayah kawasan pulau kepulauan
    perairan pangkalan stasiun lapangan hutan gunung sungai danau teluk desa kampung pantai
    kementerian pemerintah harian partai koalisi gerakan"""
)
SENTENCE_OPENERS_ID = _words(  # open a sentence, capitalised there, never a name alone: `Konon …`
    """demi konon namun tetapi tapi bahkan meski meskipun walau walaupun padahal apalagi
    sementara kemudian lalu maka jadi selain sebelumnya selanjutnya akhirnya oh nah wah ah
    aduh ya tidak bukan"""
)
# Words news writes in lower case and seldom capitalises inside a sentence (`sesaat`,
# `beruntung`): capitalised, such a word alone opens a sentence; it is no name. Counted in the
# unlabelled IndoSum articles by ``articles.annotate.common_words``, which writes the file.
COMMON_WORDS_ID = read_common_words()
COMPANY_FORMS_ID = _words("persero tbk")  # `PT Sumber Jaya ( Persero )`: a legal form, no alias
REFERENCE_WORDS_ID = _words(  # point into a text, never a name: `Pasal 11 Ayat (3)`, `Nomor 2`
    "pasal ayat nomor bab butir huruf lampiran"
)
PERSON_NOUNS_ID = _words(  # open a sentence before a name: `Korban Sutrisno (37) ditemukan`
    """korban warga pelaku pria wanita perempuan bocah siswa mahasiswa pemuda nenek kakek sopir
    petani nelayan buruh tersangka terdakwa saksi"""
)
# Abbreviations news uses for countries -> ISO code. Matched in exactly this case (`AS`, not
# `as`), so, alone in the lexicon, the keys are not lower case.
COUNTRY_ABBREVIATIONS = {
    "AS": "US",
    "USA": "US",
    "U.S.": "US",
    "RI": "ID",
    "UEA": "AE",
    "UAE": "AE",
    "RRT": "CN",
    "RRC": "CN",
    "PRC": "CN",
    "UK": "GB",
    "Korsel": "KR",
    "Korut": "KP",
}


# --- inserts and footers: lines that are not the story --------------------------------------

RELATED_LINK_VERBS_ID = _words("baca lihat simak tonton saksikan")  # `Baca juga: …`
RELATED_LINK_VERBS_EN = _words("read see watch")  # `Read more: …`
RELATED_LINK_WORDS_ID = _words("juga pula selengkapnya video")  # after the verb: `Simak video`
RELATED_LINK_WORDS_EN = _words("also too more video")
RELATED_LINK_LABELS_ID = _words(  # a link line's label on its own: `Berita terkait: …`
    "berita_terkait berita_lainnya artikel_terkait artikel_lainnya konten_terkait konten_lainnya"
)
RELATED_LINK_LABELS_EN = _words(
    "related related_news related_article related_articles related_stories"
)
SHARE_BUTTON_WORDS = _words(  # a short line of only these is a row of share buttons
    """share bagikan tweet facebook twitter whatsapp telegram line copy link salin tautan email
    e-mail pinterest linkedin print cetak komentar comment comments x fb wa this article artikel"""
)
CREDIT_LABELS_ID = _words(  # `Penulis: …`, `Editor foto: …`: a credit line, not the story
    """editor editor_foto reporter penulis pewarta fotografer penyunting redaktur red rep
    kontributor oleh"""
)
CREDIT_LABELS_EN = _words("editor reporter writer contributor")
SOURCE_LABELS = _words("sumber source sources")  # `Sumber: Antara`: the outlet the story is from
FOOTER_TITLE_CUES = _words("dengan_judul with_the_title")  # the outlet's name ends before these
PARTICIPLES_AFTER_VERB_ID = _words("sambil seraya")  # `…, kata dia, sambil …`: no statement
PARTICIPLES_AFTER_VERB_EN = _words("citing adding saying noting referring")  # `…, citing …`
CAPTION_WORDS_ID = _words("foto gambar ilustrasi")  # a short line opening so is a caption
CAPTION_WORDS_EN = _words("photo illustration")
TAG_LABELS_ID = _words("topik kata_kunci")  # `Topik: …`: a row of tags, not the story
TAG_LABELS_EN = _words("tag tags topics keyword keywords")
TIMESTAMP_LABELS_ID = _words("diterbitkan dipublikasikan diperbarui")  # `Diperbarui: 1 Mei 2020`
TIMESTAMP_LABELS_EN = _words("published updated posted")
