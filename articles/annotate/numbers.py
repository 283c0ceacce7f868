"""Numbers as Indonesian and English news write them: digits, number words and ranges.

Digits: ``.`` or ``,`` followed by exactly three digits groups thousands (``230.000``,
``230,000``, ``1.234.567``); any other single separator is the decimal mark (``1,5`` and
``1.5``). With both marks, the last one is the decimal mark (``1.234,5``, ``1,234.5``).
A scale word may follow: ``ribu``/``rb``, ``juta``/``jt``, ``miliar``, ``triliun``,
``thousand``, ``million``, ``billion`` (``1,5 juta`` = 1,500,000; ``1.2 million``).

Words: ``dua belas``, ``dua ratus lima puluh ribu``, ``seratus``, ``setengah juta``,
``twenty-five``, ``two hundred and fifty``, ``two dozen`` (but not ``a dozen``).

Vague plurals (``puluhan``, ``ratusan ribu``, ``hundreds``, ``tens of thousands``) take the
value of the smallest number they can mean and are flagged ``vague`` (callers read them as
"at least").

Ranges: ``10-15``, ``10 hingga 15``, ``10 sampai 15``, ``dua atau tiga``, ``10 to 15``, and
``antara 10 dan 20`` / ``between 10 and 20`` (``dan``/``and`` only after ``antara``/
``between``). A scale word on the upper bound alone applies to both (``1-2 juta``).

Qualifiers around a number: ``sekitar``/``kurang lebih``/``about`` (about), ``lebih dari``/
``more than`` (more_than), ``hampir``/``kurang dari``/``nearly`` (less_than),
``setidaknya``/``sedikitnya``/``at least`` (at_least), ``paling banyak``/``up to`` (at_most),
``antara``/``between`` (range); after it, ``100 lebih`` (more_than) and ``20 atau lebih``/
``20 or more`` (at_least).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import alternation

# Words that add to the group below a thousand by themselves.
_ADDENDS = {**lexicon.NUMBER_WORDS_ID, **lexicon.NUMBER_WORDS_EN, "setengah": 0.5}
# Words that multiply the pending digit (dua *puluh*, tiga *ratus*, two *hundred*).
_MULTIPLIERS = lexicon.NUMBER_MULTIPLIERS
_SCALES = lexicon.NUMBER_SCALES
_SE_SCALES = lexicon.ONE_WORD_SCALES
_VAGUE = lexicon.VAGUE_NUMBERS


_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_SCALE = alternation(_SCALES)
_WORD_START = alternation({**_ADDENDS, **_SE_SCALES})
_WORD_ANY = alternation({**_ADDENDS, **_SE_SCALES, **_MULTIPLIERS, **_SCALES})
_WORDS = rf"\b(?:{_WORD_START})\b(?:(?:\s+|-|(?<=hundred)\s+and\s+)(?:{_WORD_ANY})\b)*"
_VAGUE_WORDS = rf"\b(?:{alternation(_VAGUE)})\b(?:\s+(?:of\s+)?(?:ribu|juta|thousands|millions)\b)?"
# One number: not glued to a word, a slash date, a time, an ordinal (`ke-3`) or `20-an`.
_ONE = (
    rf"(?:(?<![\w.,/:])(?<![^\W\d_]-)(?:{_DIGITS})(?:\s*(?:{_SCALE})\b)?|{_WORDS}|{_VAGUE_WORDS})"
)
_END = r"(?![\w/%]|[.,:]\d|-[^\W\d])"
# Matched against lower-cased text: a case-insensitive scan of the word lists is four times slower.
_NUMBER = re.compile(rf"{_ONE}{_END}")
_NUMBER_ANY_CASE = re.compile(rf"{_ONE}{_END}", re.IGNORECASE)
_RANGE_TAIL = re.compile(
    rf"\s*(?:[-–—]|\s(?:s/d|s\.d\.|hingga|sampai(?:\s+dengan)?|to|atau|or|(?P<and>dan|and))\s)"
    rf"\s*(?P<upper>{_ONE}){_END}",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:antara|between)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_QUALIFIERS = {word: name for name, words in lexicon.QUALIFIER_WORDS.items() for word in words}
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])(?:{alternation(_QUALIFIERS)})\s+$", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(
    r"\s+(?:(?P<more>lebih)(?!\s*(?:dari|daripada|kurang|banyak)\b)|atau\s+lebih|or\s+more)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number or range found in a text: ``text[start:end]`` is its surface."""

    start: int
    end: int
    value: float
    value_max: float | None
    vague: bool


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number or range in ``text[start:end]``, in text order."""
    chunk = text[start:end]
    lowered, pattern = chunk.lower(), _NUMBER
    if len(lowered) != len(chunk):  # `İ` lower-cases to two characters: offsets would drift
        lowered, pattern = chunk, _NUMBER_ANY_CASE
    quantities: list[Quantity] = []
    taken = 0
    for match in pattern.finditer(lowered):
        quantity = _read_quantity(lowered, match, start) if match.start() >= taken else None
        if quantity is not None:
            quantities.append(quantity)
            taken = quantity.end - start
    return quantities


def _read_quantity(text: str, match: re.Match[str], offset: int) -> Quantity | None:
    """The number ``match`` found in ``text`` (a slice starting at ``offset``), or a range."""
    value, scaled = read_number(match.group())
    if value is None:
        return None
    vague = is_vague(match.group())
    tail = _RANGE_TAIL.match(text, match.end())
    between = _BETWEEN.search(text, max(0, match.start() - 10), match.start())
    if tail and (not tail.group("and") or between):
        upper, upper_scaled = read_number(tail.group("upper"))
        if upper is not None:
            scale = _scale_of(tail.group("upper"))
            if upper_scaled and not scaled and value * scale <= upper:
                value *= scale
            if upper > value:
                return Quantity(offset + match.start(), offset + tail.end(), value, upper, vague)
    return Quantity(offset + match.start(), offset + match.end(), value, None, vague)


@dataclass(frozen=True, slots=True)
class Qualifier:
    """``sekitar``, ``lebih dari``, ``at least``...: one of ``types.QUALIFIERS``."""

    start: int
    end: int
    name: str


def find_qualifier_before(text: str, pos: int, floor: int = 0) -> Qualifier | None:
    """The qualifying phrase that ends just before the number at ``pos``."""
    match = _QUALIFIER_BEFORE.search(text, max(floor, pos - 40), pos)
    if match is None:
        return None
    phrase = " ".join(match.group().lower().split())
    return Qualifier(
        match.start(), match.start() + len(match.group().rstrip()), _QUALIFIERS[phrase]
    )


def find_qualifier_after(text: str, pos: int, ceiling: int | None = None) -> Qualifier | None:
    """``100 lebih`` (more than), ``20 atau lebih``/``20 or more`` (at least)."""
    match = _QUALIFIER_AFTER.match(text, pos, len(text) if ceiling is None else ceiling)
    if match is None:
        return None
    name = "more_than" if match.group("more") else "at_least"
    return Qualifier(
        match.start() + len(match.group()) - len(match.group().lstrip()), match.end(), name
    )


def read_number(surface: str) -> tuple[float | None, bool]:
    """The value of one number and whether it carries a scale word (``juta``, ``million``)."""
    lowered = surface.lower()
    if lowered[:1].isdigit():
        digits = re.match(_DIGITS, lowered)
        assert digits is not None  # _NUMBER only matches surfaces that start with digits
        scale = _scale_of(lowered[digits.end() :])
        return parse_digits(digits.group()) * scale, scale != 1
    words = _WORD.findall(lowered)
    if words[0] in _VAGUE:
        return parse_vague(words), True
    value = parse_words(words)
    return value, any(word in _SCALES or word in _SE_SCALES for word in words)


def _scale_of(rest: str) -> float:
    words = _WORD.findall(rest.lower())
    return _SCALES.get(words[-1], 1.0) if words else 1.0


def is_vague(surface: str) -> bool:
    words = _WORD.findall(surface.lower())
    return bool(words) and words[0] in _VAGUE


def parse_digits(digits: str) -> float:
    """``230.000`` -> 230000, ``1,5`` -> 1.5, ``1,234,567`` -> 1234567, ``1.234,5`` -> 1234.5."""
    marks = [char for char in digits if char in ".,"]
    if not marks:
        return float(digits)
    if len(set(marks)) == 2:
        decimal = marks[-1]
    elif len(marks) == 1 and len(digits) - digits.index(marks[0]) - 1 != 3:
        decimal = marks[0]
    else:
        decimal = ""
    grouping = "." if decimal == "," else ","
    cleaned = digits.replace(grouping, "") if decimal else digits.replace(".", "").replace(",", "")
    return float(cleaned.replace(",", "."))


def parse_words(words: list[str]) -> float | None:
    """``['dua', 'ratus', 'lima', 'puluh', 'ribu']`` -> 250000; None when not a number."""
    total = group = digit = 0.0
    for word in words:
        if word in _ADDENDS:
            group, digit = group + digit, float(_ADDENDS[word])
        elif word in _SE_SCALES:
            total += (group + digit or 1) * _SE_SCALES[word]
            group = digit = 0.0
        elif word == "belas":
            group, digit = group + digit + 10, 0.0
        elif word in _MULTIPLIERS:
            group, digit = group + (digit or 1) * _MULTIPLIERS[word], 0.0  # type: ignore[operator]
        elif word in _SCALES:
            total += (group + digit or 1) * _SCALES[word]
            group = digit = 0.0
        elif word != "and":
            return None
    value = total + group + digit
    return value or None


def parse_vague(words: list[str]) -> float:
    """``ratusan ribu`` -> 100000, ``tens of thousands`` -> 10000: the least it can mean."""
    value = float(_VAGUE[words[0]])
    for word in words[1:]:
        value *= _SCALES.get(word) or _VAGUE.get(word) or 1  # `of` multiplies by one
    return value
