"""People named by the words around them: titles and reporting verbs.

``Presiden Rusia Vladimir Putin`` and ``kata Putin`` name a person whatever the model
thinks of a foreign name it never saw. Returns (start, end) spans of the names.
"""

from __future__ import annotations

import re

from . import lexicon
from .gazetteer import territory_for
from .lexicon import alternation, cased_alternation, initial_alternation

# Titles that stand right before a person's name (capitalised, as news writes them).
_TITLES = cased_alternation(lexicon.TITLES_BEFORE_NAMES)
_PERSONAL_TITLES = lexicon.PERSONAL_TITLES
_TITLE_QUALIFIERS = cased_alternation(lexicon.TITLE_QUALIFIERS)
# Lower-case nouns that put a leader's name after them: `rezim Maduro`, `diktator Kadhafi`.
_LEADER_NOUNS = alternation(lexicon.LEADER_NOUNS)
_REPORTING = alternation(lexicon.NAME_CUE_VERBS)
# Nouns for a person's role in a case, right before the name: `terdakwa Sjahril Djohan`.
_CASE_ROLES = initial_alternation(lexicon.CASE_ROLE_NOUNS_ID | lexicon.CASE_ROLE_NOUNS_EN)
# A name stops before a weekday or month: `kata Putin Senin`.
_CALENDAR = alternation(
    (lexicon.WIDE_MONTHS | set(lexicon.WEEKDAYS)) - lexicon.MONTHS_ALSO_NAMES, capitalised=True
)
_PARTICLES = alternation(lexicon.NAME_PARTICLES - lexicon.PARTICLES_ALSO_WORDS)
_NAME_WORD = (
    rf"(?:(?!(?:{_CALENDAR})\b)[A-Z][\w'’]*(?:-[\w'’]+)*"
    rf"|(?:{_PARTICLES})[- ][A-Z][\w'’-]*)"
)
_NAME = rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}}"
_AFTER_TITLE = re.compile(
    rf"\b(?P<title>{_TITLES})(?:\s+(?:{_TITLE_QUALIFIERS}))?\s+(?P<name>{_NAME})"
)
# `Perdana Menteri Norwegia, Erna Solberg`: a country between the title and the name.
_AFTER_TITLE_AND_PLACE = re.compile(
    rf"\b(?:{_TITLES})(?:\s+(?:{_TITLE_QUALIFIERS}))?\s+"
    rf"(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s?,\s(?P<name>{_NAME})"
)
_AFTER_LEADER = re.compile(rf"\b(?:{_LEADER_NOUNS})\s+(?P<name>{_NAME})")
_AFTER_REPORTING = re.compile(rf"\b(?:{_REPORTING})\s+(?P<name>{_NAME})")
_AFTER_CASE_ROLE = re.compile(rf"\b(?:{_CASE_ROLES})\s+(?P<name>{_NAME})")
# An age in brackets right after a name: `Budi Santoso (37)`, `Budi ( 37 )`.
_AGE = re.compile(r"\(\s?[1-9]\d?\s?(?:tahun\s?)?\)")
_BEFORE_AGE = re.compile(rf"(?P<name>{_NAME})\s?{_AGE.pattern}")
_CUES = (
    _AFTER_TITLE,
    _AFTER_TITLE_AND_PLACE,
    _AFTER_LEADER,
    _AFTER_REPORTING,
    _AFTER_CASE_ROLE,
)
# A title names an office, and what follows it may be the office's place or body
# (`Kapolres <region>`, `Presiden <company>`): only the other cues say the words are a person.
# The first word of a name tells its type in Indonesian: `Front …`, `Partai …`, `Kota …`.
ORG_HEADS = lexicon.ORG_HEAD_WORDS
LOC_HEADS = lexicon.PLACE_HEAD_WORDS
# Heads that name buildings and sites: news gold tags `Kantor …` and `Rumah Sakit …` as
# places as often as organisations, so these heads do not set a type.
SITE_HEADS = lexicon.SITE_HEAD_WORDS
# Lower-case nouns that may open a place or body the model found: `kompleks Gelora Bung
# Karno`, `gedung MPR`, `jalan Medan Merdeka Barat`, `kota Bandung`, `koalisi Merah Putih`.
LOWER_CASE_HEADS = lexicon.LOWER_CASE_HEAD_WORDS
# A capitalised run that starts with one of these is an office, a body or a word.
_NOT_NAMES = (
    ORG_HEADS
    | LOC_HEADS
    | lexicon.OFFICE_WORDS
    | lexicon.NAME_PRONOUNS
    | lexicon.ADDRESS_PRONOUNS
    | set(lexicon.WEEKDAYS)
    | lexicon.WIDE_MONTHS - lexicon.MONTHS_ALSO_NAMES
    | set(lexicon.VAGUE_NUMBERS)
    | lexicon.CASE_ROLE_NOUNS_ID - {"kuasa hukum", "terlapor", "pelapor"}  # 4 it was measured on
    | lexicon.REFERENCE_WORDS_ID
)


# Nouns for people that open a sentence before a name: `Korban Sutrisno (37) ditemukan`.
_PERSON_NOUNS = lexicon.PERSON_NOUNS_ID


def _weak_title(cue: re.Pattern, match: re.Match) -> bool:
    """An office's title (`Presiden`, `Kapolda`) may stand before its place or body; a rank or
    a form of address (`Brigjen`, `Pak`) only before a person."""
    return cue is _AFTER_TITLE and match.group("title").casefold() not in _PERSONAL_TITLES


def find_named_people(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names right after a title, a leader noun or a reporting verb in ``text[start:end]``."""
    return [(begin, finish) for begin, finish, _ in find_cued_people(text, start, end)]


def find_cued_people(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Like ``find_named_people``, with whether a title (the weakest cue) named each."""
    found = []
    # A name before an age is looked for only where there is an age: the name pattern tried
    # at every position costs more than all the other cues together.
    cues = (*_CUES, _BEFORE_AGE) if _AGE.search(text, start, end) else _CUES
    for cue in cues:
        for match in cue.finditer(text, start, end):
            begin = match.start("name")
            name = match.group("name")
            # `Korban Sutrisno (37)`: a capitalised noun at a sentence start is not the name.
            while " " in name and name.split(maxsplit=1)[0].casefold() in _PERSON_NOUNS:
                skipped = name.split(maxsplit=1)[0]
                begin += len(skipped) + 1
                name = name[len(skipped) + 1 :]
            if cue is _AFTER_TITLE_AND_PLACE and territory_for(match.group("place")) is None:
                continue
            first = name.split(maxsplit=1)[0].casefold().rstrip(".")
            # `Presiden RI`: a short acronym after a title is a country, not a person.
            if first not in _NOT_NAMES and not (name.isupper() and len(name) <= 3):
                found.append((begin, match.end("name"), _weak_title(cue, match)))
    return found
