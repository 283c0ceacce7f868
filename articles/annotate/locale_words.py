"""The timeline's words from ``lexicon``, as the regex alternations ``dates`` and ``summaries`` use.

The words themselves live in ``lexicon`` (month and weekday names from Babel's CLDR data
there); this module only shapes them into patterns. Keys are lower case.
"""

from __future__ import annotations

from . import lexicon
from .lexicon import (
    DAY_OFFSETS,
    FUTURE_WORDS,
    MONTHS,
    PAST_WORDS,
    THIS_WORDS,
    TIME_UNITS,
    WEEKDAYS,
    WIDE_MONTHS,
    alternation,
)

__all__ = [
    "DAY_OFFSETS",
    "FUTURE_WORDS",
    "MONTHS",
    "PAST_WORDS",
    "THIS_WORDS",
    "TIME_UNITS",
    "WEEKDAYS",
    "WIDE_MONTHS",
    "alternation",
]

# Count words of the timeline ("dua hari lalu", "three years ago"), valued by the number reader.
# The scale words are read by dates._count, not added; `a`/`an` count one before a time unit
# only. English tens past fifty are not read as counts.
ID_NUMBER_WORDS = {**lexicon.NUMBER_WORDS_ID, "belas": 0, "puluh": 0, "ratus": 0}
EN_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **{word: value for word, value in lexicon.NUMBER_WORDS_EN.items() if value <= 50},
    "hundred": 100,
}

# Vocabulary of the timeline stage, as regex alternations (matched case-insensitively).
TIMES_OF_DAY = alternation(lexicon.TIMES_OF_DAY)
# Nouns that make a four-digit number a count ("2000 orang"), never a year.
COUNT_NOUNS = alternation(lexicon.YEAR_BLOCKING_NOUNS)
YEAR_CUES = alternation(lexicon.YEAR_CUES)
RANGE_CUES = alternation(lexicon.RANGE_CUES)
RANGE_JOINS = alternation(lexicon.RANGE_JOINS)
FILLERS_BEFORE = alternation(lexicon.DATE_FILLERS_BEFORE)
FILLERS_AFTER = r"(?:yang\s+)?(?:lalu|silam|ago)"
# Cues that close a clause as its attribution: a summary ends before them.
REPORTING_VERBS = alternation(lexicon.ATTRIBUTION_TAIL_CUES)
MONTH_CUES = alternation(lexicon.MONTH_CUES)
# What follows a date to say which way it lies: `Juni lalu`, `Senin depan`, `dua hari lagi`.
DATE_DIRECTIONS = alternation(lexicon.DIRECTIONS_AFTER_DATE_ID)
WEEKDAY_DIRECTIONS = alternation(lexicon.DIRECTIONS_AFTER_WEEKDAY_ID)
COMING_WORDS = lexicon.COMING_WORDS
# A count before `hari ini`: `dua hari ini`, `beberapa hari ini` (a span, not today).
SPAN_COUNTS = alternation(lexicon.SPAN_COUNT_WORDS | set(ID_NUMBER_WORDS))
PERIOD_ID_DIRECTIONS = alternation(lexicon.DIRECTIONS_AFTER_DATE_ID | {"yang lalu"})
COUNT_ID_DIRECTIONS = alternation(lexicon.DIRECTIONS_AFTER_COUNT_ID)
PAST_AFTER = alternation(lexicon.PAST_AFTER_ID)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words whose presence in a sentence makes one of the timeline's patterns worth running.
DAY_WORD_TRIGGERS = _words("kemarin besok esok lusa tadi yesterday today tomorrow tonight")
PERIOD_UNITS = _words("pekan minggu bulan tahun")
PERIOD_DIRECTIONS = lexicon.DIRECTIONS_AFTER_DATE_ID
PERIOD_EN_DIRECTIONS = _words("last this next")
COUNT_DIRECTIONS = lexicon.DIRECTIONS_AFTER_COUNT_ID
COUNT_UNITS = _words(
    "hari pekan minggu bulan tahun dekade dasawarsa sehari sepekan seminggu sebulan setahun"
)
