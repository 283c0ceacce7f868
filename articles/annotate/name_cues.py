"""People named by the words around them: titles and reporting verbs.

``Presiden Rusia Vladimir Putin`` and ``kata Putin`` name a person whatever the model
thinks of a foreign name it never saw. Returns (start, end) spans of the names.
"""

from __future__ import annotations

import re

from . import lexicon
from .lexicon import alternation, cased_alternation

# Titles that stand right before a person's name (capitalised, as news writes them).
_TITLES = cased_alternation(lexicon.TITLES_BEFORE_NAMES)
_TITLE_QUALIFIERS = cased_alternation(lexicon.TITLE_QUALIFIERS)
# Lower-case nouns that put a leader's name after them: `rezim Asad`, `penguasa … el-Baradei`.
_LEADER_NOUNS = alternation(lexicon.LEADER_NOUNS)
_REPORTING = alternation(lexicon.NAME_CUE_VERBS)
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
_AFTER_TITLE = re.compile(rf"\b(?:{_TITLES})(?:\s+(?:{_TITLE_QUALIFIERS}))?\s+(?P<name>{_NAME})")
_AFTER_LEADER = re.compile(rf"\b(?:{_LEADER_NOUNS})(?:\s+kudeta)?\s+(?P<name>{_NAME})")
_AFTER_REPORTING = re.compile(rf"\b(?:{_REPORTING})\s+(?P<name>{_NAME})")
_CUES = (_AFTER_TITLE, _AFTER_LEADER, _AFTER_REPORTING)
# The first word of a name tells its type in Indonesian: `Front …`, `Partai …`, `Kota …`.
ORG_HEADS = lexicon.ORG_HEAD_WORDS
LOC_HEADS = lexicon.PLACE_HEAD_WORDS
# A capitalised run that starts with one of these is an office, a body or a word.
_NOT_NAMES = (
    ORG_HEADS
    | LOC_HEADS
    | lexicon.OFFICE_WORDS
    | lexicon.NAME_PRONOUNS
    | set(lexicon.WEEKDAYS)
    | lexicon.WIDE_MONTHS - lexicon.MONTHS_ALSO_NAMES
    | set(lexicon.VAGUE_NUMBERS)
)


def find_named_people(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names right after a title, a leader noun or a reporting verb in ``text[start:end]``."""
    found = []
    for cue in _CUES:
        for match in cue.finditer(text, start, end):
            name = match.group("name")
            first = name.split(maxsplit=1)[0].casefold().rstrip(".")
            # `Presiden RI`: a short acronym after a title is a country, not a person.
            if first not in _NOT_NAMES and not (name.isupper() and len(name) <= 3):
                found.append((match.start("name"), match.end("name")))
    return found
