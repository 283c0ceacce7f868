"""Month, weekday and count words in Indonesian and English, as regex-ready tables.

Month and weekday names come from Babel's CLDR data (wide and abbreviated forms, ``id`` and
``en``); the spellings news still prints but CLDR lacks (``Nopember``, ``Pebruari``, ``Agt``,
``Sept``, ``Jum'at``, ``Ahad``) are added by hand. Number words and their values live in
``numbers`` (the number reader); this module only picks the ones a time count may use. Keys are
lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel import Locale

from .numbers import EN_SMALL, ID_SMALL

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

# Count words of the timeline ("dua hari lalu", "three years ago"), valued by the number reader.
# The scale words are read by dates._count, not added; `a`/`an` count one before a time unit
# only. English tens past fifty are not read as counts.
ID_NUMBER_WORDS = {**ID_SMALL, "belas": 0, "puluh": 0, "ratus": 0}
EN_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **{word: value for word, value in EN_SMALL.items() if value <= 50},
    "hundred": 100,
}


def _read_months() -> dict[str, int]:
    names: dict[str, int] = {}
    for code in _LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in Locale(code).months["format"][width].items():
                names[name.lower().rstrip(".")] = number
    names.update(_MONTH_VARIANTS)
    return names


def _read_wide_months() -> set[str]:
    names = {
        name.lower() for code in _LOCALES for name in Locale(code).months["format"]["wide"].values()
    }
    return names | {name for name in _MONTH_VARIANTS if len(name) > 5}


def _read_weekdays() -> dict[str, int]:
    names = {
        name.lower(): number
        for code in _LOCALES
        for number, name in Locale(code).days["format"]["wide"].items()
    }
    names.update(_WEEKDAY_VARIANTS)
    return names


MONTHS = _read_months()  # "september" -> 9, "agt" -> 8, "dec" -> 12
WIDE_MONTHS = _read_wide_months()  # full names only: "september", "nopember"
WEEKDAYS = _read_weekdays()  # "senin" -> 0 (Monday) ... "minggu" -> 6


def alternation(words: Iterable[str], *, capitalised: bool = False, cased: bool = False) -> str:
    """A regex alternation of ``words``, longest first so ``Sept`` wins over ``Sep``.

    Plain: the words as given (lower case). ``cased``: also their ``Title`` and ``UPPER``
    forms, so a pattern can do without ``re.IGNORECASE``, which makes sre's alternations several
    times slower. ``capitalised``: only ``Title`` and ``UPPER``, for contexts where a lower-case
    word is probably not a name (``minggu`` = week, ``Minggu`` = Sunday).
    """
    forms = set()
    for word in words:
        title = word[:1].upper() + word[1:]
        if capitalised or cased:
            forms.update({title, word.upper()})
        if not capitalised:
            forms.add(word)
    return "|".join(re.escape(form) for form in sorted(forms, key=lambda w: (-len(w), w)))


# Vocabulary of the timeline stage, as regex alternations (matched case-insensitively).
TIMES_OF_DAY = r"pagi|siang|sore|petang|malam|dini\s+hari|subuh|morning|afternoon|evening|night"
# Nouns that make a four-digit number a count ("2000 orang"), never a year.
COUNT_NOUNS = (
    r"orang|jiwa|warga|penduduk|pengungsi|korban|tentara|prajurit|personel|pasukan|anggota|"
    r"unit|buah|ekor|kali|kasus|rumah|km|kilometer|meter|mil|kg|ton|hektare?|ha|persen|juta|"
    r"ribu|miliar|triliun|rupiah|dolar|people|persons|residents|civilians|troops|soldiers|"
    r"members|units|cases|times|homes|houses|miles|kilomet(?:er|re)s|met(?:er|re)s|tonnes|"
    r"tons|percent|million|billion|thousand|dollars|votes"
)
# Words after which a bare four-digit number is a year: "tahun 2015", "sejak 2011", "in 2015".
YEAR_CUES = (
    r"tahun|pada|sejak|semenjak|hingga|sampai|awal|akhir|pertengahan|medio|selama|sepanjang|"
    r"periode|jelang|menjelang|sebelum|setelah|sesudah|usai|in|since|until|till|during|early|"
    r"late|year|before|after|(?:end|start|beginning|middle)\s+of(?:\s+the\s+year)?"
)
RANGE_CUES = r"antara|between|dari|from|sejak|semenjak|since|tahun|pada|in|periode|selama|during"
RANGE_JOINS = r"s\.?d\.?|s/d|hingga|sampai(?:\s+dengan)?|to|until|till|through"
# Words that say nothing once the date beside them is gone ("pada", "on", "lalu").
FILLERS_BEFORE = (
    r"pada|tanggal|tgl\.?|hari|tahun|bulan|sejak|semenjak|hingga|sampai|awal|akhir|"
    r"pertengahan|medio|antara|dari|per|on|in|since|until|during|early|late|the|of|at|from|"
    r"between"
)
FILLERS_AFTER = r"(?:yang\s+)?(?:lalu|silam|ago)"
REPORTING_VERBS = (
    r"lansir|dilansir|kata|ujar|ucap|tutur|jelas|ungkap|imbuh|tambah|terang|said|says|told|"
    r"according\s+to"
)

PAST_WORDS = frozenset({"lalu", "kemarin", "yang lalu", "last", "silam", "ago", "past"})
THIS_WORDS = frozenset({"ini", "this"})
FUTURE_WORDS = frozenset({"depan", "mendatang", "next", "lagi", "nanti"})
TIME_UNITS = {
    "hari": "day",
    "pekan": "week",
    "minggu": "week",
    "bulan": "month",
    "tahun": "year",
    "dekade": "decade",
    "dasawarsa": "decade",
    "akhir pekan": "weekend",
}
DAY_OFFSETS = {
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
MONTH_CUES = (  # before a month named without a year: "bulan Juni", "pada Agustus", "last May"
    r"bulan|pada|sejak|semenjak|hingga|sampai|awal|akhir|pertengahan|medio|in|since|until|"
    r"early|late|last|next|this"
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words whose presence in a sentence makes one of the timeline's patterns worth running.
DAY_WORD_TRIGGERS = _words("kemarin besok esok lusa tadi yesterday today tomorrow tonight")
PERIOD_UNITS = _words("pekan minggu bulan tahun")
PERIOD_DIRECTIONS = _words("lalu kemarin ini depan mendatang")
PERIOD_EN_DIRECTIONS = _words("last this next")
COUNT_DIRECTIONS = _words("lalu silam lagi mendatang")
COUNT_UNITS = _words(
    "hari pekan minggu bulan tahun dekade dasawarsa sehari sepekan seminggu sebulan setahun"
)
