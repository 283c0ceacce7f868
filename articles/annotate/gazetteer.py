"""Gazetteer matching with pyahocorasick: place names from Babel and editor-confirmed entities.

Matching is case-insensitive but a match must start with a capital letter in the text
(``Rusia``, ``RUSIA``), must sit on word boundaries, and the longest match wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick
from babel import Locale

from . import lexicon
from .spans import pick_non_overlapping
from .types import KnownEntity

# Babel's region codes that are not places a story happens in ("World", "Unknown Region").
_SKIPPED_TERRITORIES = frozenset({"001", "ZZ", "EU", "EZ", "UN", "QO"})


@dataclass(frozen=True, slots=True)
class Entry:
    name: str  # canonical name
    label: str
    known: bool  # confirmed by an editor
    english: str | None = None  # the canonical name in English articles, for places

    def name_in(self, language: str) -> str:
        return self.english if language == "en" and self.english else self.name


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entry: Entry


def territory_names() -> dict[str, str]:
    """Every territory name in Indonesian and English, mapped to its region code."""
    names: dict[str, str] = {}
    indonesian = Locale("id").territories
    for locale in ("id", "en"):
        for code, name in Locale(locale).territories.items():
            if code in _SKIPPED_TERRITORIES or "(" in name or code not in indonesian:
                continue
            names.setdefault(name, code)
    return names


# Abbreviations news uses for countries, matched in exactly this case (`AS`, not `as`).
COUNTRY_ABBREVIATIONS = lexicon.COUNTRY_ABBREVIATIONS


@cache
def _territory_entries() -> dict[str, Entry]:
    indonesian, english = Locale("id").territories, Locale("en").territories
    names = {**territory_names(), **COUNTRY_ABBREVIATIONS}
    return {
        surface: Entry(indonesian[code], "LOC", known=False, english=english.get(code))
        for surface, code in names.items()
    }


@cache
def _territory_automaton() -> ahocorasick.Automaton:
    return _build(_territory_entries(), exact=frozenset(COUNTRY_ABBREVIATIONS))


@cache
def _territories_by_surface() -> dict[str, Entry]:
    entries = {s.casefold(): e for s, e in _territory_entries().items()}
    for surface in COUNTRY_ABBREVIATIONS:  # `as` and `ri` are words: only the capitals fold
        del entries[surface.casefold()]
    return {**entries, **{s: e for s, e in _territory_entries().items() if s.isupper()}}


def territory_for(surface: str) -> Entry | None:
    """The territory a place name or country abbreviation names: `AS` → Amerika Serikat."""
    entries = _territories_by_surface()
    return entries.get(surface) or entries.get(surface.casefold())


@lru_cache(maxsize=16)
def _known_automaton(known: tuple[KnownEntity, ...]) -> ahocorasick.Automaton | None:
    entries: dict[str, Entry] = {}
    for entity in known:
        entry = Entry(entity.name, entity.label, known=True)
        for surface in (entity.name, *entity.aliases):
            if len(surface.strip()) > 1:
                entries[surface.strip()] = entry
    return _build(entries) if entries else None


def _build(entries: dict[str, Entry], exact: frozenset[str] = frozenset()) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for surface, entry in entries.items():
        automaton.add_word(surface.lower(), (len(surface), entry, surface in exact and surface))
    automaton.make_automaton()
    return automaton


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping offsets: characters whose lower case is longer stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_gazetteer_matches(
    text: str, lowered: str, start: int, end: int, known: tuple[KnownEntity, ...] = ()
) -> list[Match]:
    """Longest non-overlapping gazetteer matches inside ``text[start:end]``."""
    automatons = [a for a in (_known_automaton(known), _territory_automaton()) if a is not None]
    found: list[Match] = []
    for automaton in automatons:
        for last, (length, entry, exact) in automaton.iter(lowered, start, end):
            first = last + 1 - length
            if exact and text[first : last + 1] != exact:
                continue
            if _is_word(text, first, last + 1) and text[first].isupper():
                found.append(Match(first, last + 1, entry))
    # Editor-confirmed entries beat place names; then longer beats shorter.
    return pick_non_overlapping(found, lambda m: (not m.entry.known, m.start - m.end, m.start))


def word_automaton(words: dict[str, str] | set[str]) -> ahocorasick.Automaton | None:
    """An automaton over lower-cased ``words``, built once and searched region by region."""
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def find_words(
    text: str,
    lowered: str,
    start: int,
    end: int,
    words: dict[str, str] | set[str] | ahocorasick.Automaton | None,
) -> list[tuple[int, int, str]]:
    """Leftmost-longest occurrences of lower-cased ``words`` in ``text[start:end]``.

    Same rules as the gazetteer: whole words, starting with a capital in the text. Pass the
    automaton from ``word_automaton`` to search many regions without building it again.
    """
    automaton = words if isinstance(words, ahocorasick.Automaton) else word_automaton(words or {})
    if automaton is None:
        return []
    found = []
    for last, word in automaton.iter(lowered, start, end):
        first = last + 1 - len(word)
        if _is_word(text, first, last + 1) and text[first].isupper():
            found.append(_Found(first, last + 1, word))
    return [(f.start, f.end, f.word) for f in pick_non_overlapping(found, _longest)]


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    word: str


def _longest(found: _Found) -> tuple[int, int]:
    return (found.start - found.end, found.start)


def _is_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "_")
