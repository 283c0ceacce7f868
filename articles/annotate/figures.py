"""Figures: counted people (and a few things) with qualifier, unit, category, date and source.

Which numbers (see ``numbers.py`` for how they are read) become figures:
- a number followed by a unit noun (``230.000 orang``, ``12 juta warga``, ``tiga orang anak``,
  ``20 Palestinian civilians``, ``hundreds of people``; ``20 lainnya``/``30 others`` take the
  unit of the figure before them in the sentence, else ``people``; a partitive, ``tiga di
  antaranya``, does too, and its category when it names none; a possessive unit counts,
  ``dua anggotanya``);
- a number with no unit that touches a category word (``20 tewas``, ``at least 20 killed``,
  ``menewaskan 30.``, ``death toll rose to 35``) and is not followed by some other noun.
Never: money (``Rp``, ``US$``, ``$``), percentages, numbers inside a date event, times, ages
and durations (``tahun`` is no unit), ordinals (``ke-3``), numbers after ``Pasal``, ``No.``,
``nomor``, ``pukul``, ``tahun``, ``usia``, digits inside a name (``Yu Long 6``), and counts of
other nouns (``empat zona``). A figure of one needs a casualty category (``seorang tentara
tewas`` yes, ``seorang pejabat`` no).

Span: from the first to the last of qualifier, number, unit and category word, the category
word only when it was read from the clause around the number: ``sekitar 230.000 orang
terbunuh``, ``lebih dari 12 juta warga Suriah telah mengungsi``, ``menewaskan 20 orang``.

Qualifier: the phrase just before the number (``sekitar`` about, ``lebih dari`` more than,
``hampir``/``kurang dari`` less than, ``setidaknya``/``sedikitnya`` at least, ``paling
banyak`` at most), else ``lebih``/``atau lebih``/``or more`` just after it, else ``at_least``
for vague plurals (``ratusan`` = 100, ``puluhan`` = 10, ``thousands`` = 1000), else exact.
Ranges (``10-15 orang``, ``antara 10 hingga 20``) are ``range`` with ``value_max``.

Category: a category word between number and unit (``20 injured people``), else the nearest
category word within six words in the same clause (clauses end at ``,``, ``;``, ``dan``,
``and``, ``sementara``...; forward wins ties), else the unit's own (``pengungsi`` displaced,
``korban jiwa`` killed), else ``other``. A clause runs on past a place in commas (``warga
Kampung Melayu, Jakarta Timur, tewas``), a comma right before its predicate (``seorang pria
paruh baya, ditemukan tewas``), an inclusion (``13 orang, termasuk tiga anak,
tewas``) and ``dan`` joining two counts (``dua petani dan seorang guru tewas``). Nominal cues
(``kematian``, ``tewasnya``, ``hilangnya``) count only before the number; a running total
(``korban tewas ... mencapai 57``) takes the category named before its verb, however far back
in the clause; ``korban 35 jiwa`` is killed; hostages held are never arrests, a draw
(``ditahan imbang``, ``ditahan 1 - 1``) is no arrest and a suspect who flees is no displaced
person. Active verbs (``menangkap``, ``menewaskan``) name the count after them only (a count
before them did the act); a passive (``ditangkap``) names a count after it only within two
words; ``dan`` between two verbs (``menangkap dan memulangkan 90 pengungsi``) does not end the
clause; a count after ``termasuk`` takes the category of the figure it is part of; ``kedua``,
``ketiga``... before a unit noun count the group (``Ketiga korban tewas``). A word that blocks
a count (``tahun``, ``pukul``) does so only in the number's own sentence. All these words live
in ``lexicon``.

Group: the same count of the same category (and, for ``other``, the same unit) told again in
the article shares the ``group`` number of its first mention; every mention keeps its span.

``as_of``: the publication date when the sentence says ``sampai saat ini``/``hingga kini``/
``so far``; else the date of the first event in the figure's sentence (not one after
``sejak``/``since``, which starts the count); else the publication date; else None.

``source``: the attribution (quote, according_to, reported_by, relayed_from) whose content
covers the figure, else one in the same sentence (quotes first, relays last), naming its
speaker if set, else its source; else the article's source footer; else its publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from . import lexicon
from .figure_context import EventDates, SpanIndex, resolve_as_of, resolve_source
from .lexicon import alternation
from .numbers import (
    Qualifier,
    Quantity,
    find_qualifier_after,
    find_qualifier_before,
    find_quantities,
)
from .types import Attribution, Event, Figure, Span

_MAX_GAP = 6  # words between a number and the category word read for it
_MAX_TOUCH_GAP = 3  # words between a category word and a unit-less number after it


def _words_of(groups: dict[str, frozenset[str]]) -> dict[str, str]:
    """``{'people': {'orang', 'warga sipil'}}`` -> ``{'orang': 'people', 'warga sipil': ...}``."""
    return {word: key for key, words in groups.items() for word in words}


_UNITS = (
    _words_of(lexicon.FIGURE_UNITS)
    | dict.fromkeys(lexicon.KILLED_UNITS, "people")
    | dict.fromkeys(lexicon.OTHERS_WORDS, "")
)
_UNIT_CATEGORY = dict.fromkeys(lexicon.KILLED_UNITS, "killed")
_UNIT_CATEGORY |= {"pengungsi": "displaced", "refugees": "displaced"}
_UNIT_CATEGORY |= {"pencari suaka": "displaced", "asylum seekers": "displaced"}
_CATEGORIES = _words_of(lexicon.FIGURE_CATEGORY_WORDS)
_FUNCTION = lexicon.FUNCTION_WORDS_ID | lexicon.FUNCTION_WORDS_EN

_UNIT_ALTERNATION = alternation(_UNITS)
_CATEGORY_ALTERNATION = alternation(_CATEGORIES)
# Capitalised words may stand before a unit (`20 Palestinian civilians`), month and day
# names may not: `17 Agustus warga ...` is a date, whether or not the dates stage saw it.
_CALENDAR = lexicon.CALENDAR_WORDS
_QUALIFYING = frozenset().union(*lexicon.QUALIFIER_WORDS.values(), lexicon.TOLL_VERBS)
_ADJECTIVES = alternation(lexicon.FIGURE_ADJECTIVES)
_NOT_CALENDAR = rf"(?!(?i:{alternation(_CALENDAR)})\b)"
_FILLER = rf"(?:{_NOT_CALENDAR}[A-Z][\w'’-]*|(?i:{_ADJECTIVES}|{_CATEGORY_ALTERNATION}))"
_DEMONYM = r"[A-Z][a-z]+(?:ians|ans|ese|is)"  # `1.2 million Syrians`, `20 Iraqis`
_UNIT_AFTER = re.compile(
    rf"\s+(?P<of>(?i:of)\s+)?(?P<fill>(?:{_FILLER}\s+){{0,2}}?)"
    rf"(?P<unit>(?i:{_UNIT_ALTERNATION})|{_DEMONYM})(?P<own>nya)?(?![\w-])"
)
# `tiga di antaranya`: a part of the figure before, counted in its unit.
_PARTITIVE = re.compile(rf"\s+(?i:{alternation(lexicon.PARTITIVE_WORDS)})(?![\w-])")
# `korban tewas ... bertambah jadi 57`: a running total, named before the number.
_TOLL_BEFORE = re.compile(rf"\b(?i:{alternation(lexicon.TOLL_VERBS)})\s+$")
_VICTIMS_BEFORE = re.compile(rf"\b(?i:{alternation(lexicon.VICTIM_WORDS)})\s+$")
# `ditahan imbang`, `ditahan 1 - 1`: a sports result after an arrest verb.
_DRAW_AFTER = re.compile(rf"\s+(?:(?i:{alternation(lexicon.DRAW_WORDS)})\b|\d+\s*[-–]\s*\d+\b)")
_INCLUSION_BEFORE = re.compile(rf"\b(?i:{alternation(lexicon.INCLUSION_WORDS)})\s+$")
_INCLUSION = re.compile(rf"\s*(?i:{alternation(lexicon.INCLUSION_WORDS)})\b")
# `Kampung Melayu, Jakarta Timur, tewas`: a place in commas does not end the clause.
_PLACE_APPOSITION = re.compile(r"\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*,")
_COUNT_WORDS = alternation({*lexicon.NUMBER_WORDS_ID, *lexicon.VAGUE_NUMBERS, "seorang"})
_COORDINATED_COUNT = re.compile(  # `dan seorang guru`, not `dan tiga di antaranya`
    rf"\s*(?:\d[\d.,]*|(?i:{_COUNT_WORDS}))\b(?!{_PARTITIVE.pattern})"
)
# `Yu Long 6`, `Andaman 018`: a number inside a name counts nothing.
_NAME_BEFORE = re.compile(r"[\w'’]\s+(?P<word>[A-Z][\w'’-]*)\s+$")
_CLASSIFIED = re.compile(rf"\s+(?P<unit>(?i:{_UNIT_ALTERNATION}))(?![\w-])")  # tiga orang *anak*
_CATEGORY = re.compile(rf"\b(?:{_CATEGORY_ALTERNATION})(?![\w-])", re.IGNORECASE)
_TOUCHING = re.compile(
    rf"(?:\s+(?:{alternation(lexicon.FIGURE_AUXILIARIES)}))*\s+(?:{_CATEGORY_ALTERNATION})(?![\w-])",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(r"(?:\bRp\.?|\$|€|£|¥|\b(?:USD|IDR|EUR|SGD))\s*$", re.IGNORECASE)
_BLOCKING_WORD_BEFORE = re.compile(
    r"\b(?:pasal|ayat|no|nomor|nomer|pukul|jam|tahun|tanggal|tgl|article|section|page|"
    rf"halaman|number|year|km|lantai|kode|{alternation(lexicon.AGE_WORDS)})\.?\s*$",
    re.IGNORECASE,
)
_PERCENT_AFTER = re.compile(r"\s*(?:%|persen\b|percent\b|per\s+cent\b)", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r",(?!\d)|[;:()\[\]]|\s[-–—]\s|\b(?:dan|serta|sementara|sedangkan|namun|tetapi|tapi|"
    r"sehingga|while|but|whereas|and)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_][\w-]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ONE_PERSON = re.compile(r"\bseorang\b", re.IGNORECASE)
_COLLECTIVE = re.compile(rf"\b(?:{alternation(lexicon.COLLECTIVE_NUMBERS)})\b", re.IGNORECASE)
_MAX_PASSIVE_GAP = 2  # words between a passive verb and a count after it: `ditangkap 20 orang`
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w-]*)")
# Category words that name the count after them only: nouns (`kematian tujuh penambang`) and
# active verbs (`menangkap tiga orang`; `seorang tentara ... menangkap` is who arrested).
_BEHIND_ONLY = lexicon.NOMINAL_CATEGORY_WORDS | lexicon.ACTIVE_CATEGORY_VERBS
_CATEGORY_BEFORE = re.compile(rf"\b(?:{_CATEGORY_ALTERNATION})\s+$", re.IGNORECASE)


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    quantity: Quantity
    qualifier: str
    unit: str | None
    category: str


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str  # normalised; "" for `lainnya`/`others`: the unit of the figure before
    end: int
    implied: str | None  # the category the noun carries itself: `pengungsi`, `korban jiwa`
    filler: str | None  # the category of a word before the noun: `20 injured people`
    partitive: bool = False  # `tiga di antaranya`: part of the figure before
    word: str = ""  # the noun as written, lower case


@dataclass(frozen=True, slots=True)
class _Category:
    name: str
    start: int
    end: int
    gap: int  # words between the number and the category word


def find_figures(
    text: str,
    sentences: list[Span],
    *,
    events: list[Event],
    attributions: list[Attribution],
    published: date | None,
) -> list[Figure]:
    """Counted people and things in the given sentences, with date and source resolved."""
    blocked = SpanIndex([(event.start, event.end) for event in events])
    dates = EventDates(text, events)
    figures = []
    for sentence in sentences:
        drafts = _read_sentence(text, sentence, blocked)
        as_of = resolve_as_of(text, sentence, dates, published) if drafts else None
        for draft in drafts:
            source = resolve_source(Span(draft.start, draft.end), sentence, attributions)
            figures.append(_finish(text, draft, as_of, source))
    return group_repeats(figures)


def group_repeats(figures: list[Figure]) -> list[Figure]:
    """Number the counts: the same count of the same category (and, for ``other``, the same
    unit) told again in the article is one more mention of that count, whatever its qualifier."""
    groups: dict[tuple, int] = {}
    grouped = []
    for figure in figures:
        unit = figure.unit if figure.category == "other" else None
        count = (figure.value, figure.value_max, figure.category, unit)
        grouped.append(replace(figure, group=groups.setdefault(count, len(groups) + 1)))
    return grouped


def _finish(text: str, draft: _Draft, as_of: str | None, source: str | None) -> Figure:
    return Figure(
        start=draft.start,
        end=draft.end,
        text=text[draft.start : draft.end],
        value=_as_number(draft.quantity.value),
        value_max=_as_number(draft.quantity.value_max),
        qualifier=draft.qualifier,
        unit=draft.unit,
        category=draft.category,
        as_of=as_of,
        source=source,
    )


def _as_number(value: float | None) -> float | None:
    """Whole numbers as ``int`` so they serialise as ``230000``, not ``230000.0``."""
    return int(value) if value is not None and value.is_integer() else value


def _read_sentence(text: str, sentence: Span, blocked: SpanIndex) -> list[_Draft]:
    quantities = find_quantities(text, sentence.start, sentence.end)
    ones = _ONE_PERSON.finditer(text, sentence.start, sentence.end)
    quantities += [Quantity(one.start(), one.end(), 1.0, None, False) for one in ones]
    quantities += _collectives(text, sentence)
    quantities.sort(key=lambda quantity: quantity.start)
    drafts: list[_Draft] = []
    floor = sentence.start
    for index, quantity in enumerate(quantities):
        following = quantities[index + 1 :]
        ceiling = following[0].start if following else sentence.end
        draft = None
        if not _is_excluded(text, quantity, blocked, sentence.start):
            previous = drafts[-1] if drafts else None
            draft = _read_figure(text, quantity, (floor, ceiling, sentence.end), previous)
        if draft is not None:
            drafts.append(draft)
        floor = max(floor, draft.end if draft else quantity.end)
    return drafts


def _collectives(text: str, sentence: Span) -> list[Quantity]:
    """`Ketiga korban tewas`: ``ke-`` and a number word right before a unit noun count."""
    found = []
    for match in _COLLECTIVE.finditer(text, sentence.start, sentence.end):
        if _UNIT_AFTER.match(text, match.end(), sentence.end):
            value = lexicon.COLLECTIVE_NUMBERS[match.group().lower()]
            found.append(Quantity(match.start(), match.end(), float(value), None, False))
    return found


def _is_excluded(text: str, quantity: Quantity, blocked: SpanIndex, floor: int) -> bool:
    """``floor``: the sentence start (`... 24 tahun. Ratusan ditangkap`: no `tahun` before)."""
    before = max(floor, quantity.start - 12)
    return (
        blocked.overlaps(quantity.start, quantity.end)
        or _MONEY_BEFORE.search(text, before, quantity.start) is not None
        or _BLOCKING_WORD_BEFORE.search(text, before, quantity.start) is not None
        or _PERCENT_AFTER.match(text, quantity.end) is not None
        or _is_in_name(text, quantity)
    )


def _is_in_name(text: str, quantity: Quantity) -> bool:
    """`Yu Long 6`: digits right after a capitalised word inside a run of words."""
    if not text[quantity.start].isdigit():
        return False
    match = _NAME_BEFORE.search(text, max(0, quantity.start - 40), quantity.start)
    word = match.group("word").lower() if match else ""
    return bool(word) and word not in _QUALIFYING and word not in lexicon.CALENDAR_WORDS


def _read_figure(
    text: str, quantity: Quantity, bounds: tuple[int, int, int], previous: _Draft | None
) -> _Draft | None:
    """``bounds``: the end of the figure before, the start of the next number, the sentence end
    (a category word may be read past the next number: `dua penjaga dan seorang warga tewas`)."""
    floor, ceiling, reach = bounds
    before = find_qualifier_before(text, quantity.start, floor)
    if before and before.name == "range" and quantity.value_max is None:
        before = None  # `pertemuan antara 20 orang`: no range, so no qualifier
    start = before.start if before else quantity.start
    after = find_qualifier_after(text, quantity.end, ceiling)
    end = after.end if after else quantity.end
    unit = _read_unit(text, quantity, end, ceiling)
    if unit is not None:
        late = find_qualifier_after(text, unit.end, ceiling)  # `100 orang lebih`
        end, after = (late.end, after or late) if late else (unit.end, after)
    category = _nearest_category(text, start, end, floor, (ceiling, reach))
    toll = None
    if category is None and _TOLL_BEFORE.search(text, max(floor, start - 40), start):
        toll = category = _category_behind(text, start, floor, reach=160)
    if unit is None and not (toll or _touches(text, quantity, end, ceiling, category)):
        return None
    name = (unit and unit.filler) or (category and category.name) or (unit and unit.implied)
    if unit and unit.partitive and previous and not (category and category.name):
        name = name or previous.category  # `Tiga tewas, dua di antaranya polisi`
    victims = unit and _death_toll_start(text, start, floor, unit)
    if victims is not None:
        name, start = "killed", victims  # `menelan korban 35 jiwa`
    # `20 lainnya`, and `20 luka-luka` after `10 orang tewas`, count what the figure before did.
    unit_name = unit.name if unit and unit.name else (previous and previous.unit)
    if unit is not None and not unit_name:
        unit_name = "people"
    if not name and previous and _INCLUSION_BEFORE.search(text, max(floor, start - 20), start):
        name = previous.category  # `menewaskan 202 orang termasuk 88 warga Australia`
    if name == "displaced" and unit_name in lexicon.ESCAPING_UNITS:
        name = None  # `seorang tersangka melarikan diri`: an escape
    if name == "arrested" and unit_name in lexicon.HOSTAGE_UNITS:
        name = None  # `menahan tiga sandera`: held by the other side, not arrested
    if unit_name in lexicon.THING_UNITS:
        name = None  # `mengamankan 1 mobil`, `230 rumah terendam`: things are no casualties
    if not name and quantity.value <= 1:
        return None  # `seorang pejabat`, `one of them`: no count worth a card
    if category and name == category.name:
        start = min(start, category.start)
        # A category read past the next number (`dua petani dan seorang guru tewas`) is shared:
        # the span stops before the next figure, so no two figures overlap.
        end = max(end, category.end) if category.end <= ceiling else end
    qualifier = _qualify(quantity, before, after)
    return _Draft(start, end, quantity, qualifier, unit_name, name or "other")


def _death_toll_start(text: str, start: int, floor: int, unit: _Unit) -> int | None:
    """`korban 35 jiwa`: victims counted in lives are the dead; where `korban` starts."""
    victims = _VICTIMS_BEFORE.search(text, max(floor, start - 12), start)
    return victims.start() if victims and unit.word == "jiwa" else None


def _read_unit(text: str, quantity: Quantity, pos: int, ceiling: int) -> _Unit | None:
    """The counted noun after a number; ``seorang`` carries its own (``orang``)."""
    if text[quantity.start : quantity.end].lower() == "seorang":
        return _read_classified(text, _Unit("people", pos, None, None), ceiling)
    partitive = _PARTITIVE.match(text, pos, ceiling)
    if partitive:
        return _Unit("", partitive.end(), None, None, partitive=True)
    match = _UNIT_AFTER.match(text, pos, ceiling)
    if match is None or (match.group("of") and not quantity.vague):
        return None
    key = _normal_key(match.group("unit"))
    filler = _CATEGORY.search(match.group("fill"))
    filler_category = _CATEGORIES[_normal_key(filler.group())] if filler else None
    name = _UNITS.get(key, match.group("unit"))  # a demonym names itself
    unit = _Unit(name, match.end(), _UNIT_CATEGORY.get(key), filler_category, word=key)
    return _read_classified(text, unit, ceiling) if unit.name == "people" else unit


def _read_classified(text: str, unit: _Unit, ceiling: int) -> _Unit:
    """``tiga orang anak``: ``orang`` is a classifier, the noun after it is the unit."""
    match = _CLASSIFIED.match(text, unit.end, ceiling)
    key = _normal_key(match.group("unit")) if match else ""
    if not _UNITS.get(key):
        return unit
    return _Unit(_UNITS[key], match.end(), _UNIT_CATEGORY.get(key), unit.filler)  # type: ignore[union-attr]


def _normal_key(surface: str) -> str:
    return " ".join(surface.lower().split())


def _nearest_category(
    text: str, start: int, end: int, floor: int, ceilings: tuple[int, int]
) -> _Category | None:
    """The closest category word in the clause: after the figure, or before it."""
    ahead = _category_ahead(text, end, *ceilings)
    behind = _category_behind(text, start, floor)
    candidates = [c for c in (ahead, behind) if c is not None and c.gap <= _MAX_GAP]
    return min(candidates, key=lambda c: c.gap) if candidates else None


def _category_ahead(text: str, pos: int, ceiling: int, reach: int) -> _Category | None:
    start, limit = pos, _clause_end(text, pos, ceiling, reach)
    while (match := _CATEGORY.search(text, start, limit)) and (
        _is_draw(text, match) or _normal_key(match.group()) in _BEHIND_ONLY
    ):
        start = match.end()
    if match is None:
        return None
    gap = len(_WORD.findall(text, pos, match.start()))
    return _Category(_CATEGORIES[_normal_key(match.group())], match.start(), match.end(), gap)


def _clause_end(text: str, pos: int, ceiling: int, reach: int) -> int:
    """Where the clause from ``pos`` ends, past asides that sit inside it.

    ``warga Kampung Melayu, Jakarta Timur, tewas``: a place in commas; ``13 orang, termasuk
    tiga anak, tewas``: an inclusion, from either side of it; ``Dua penjaga dan seorang warga
    tewas``: ``dan`` joining two counts of one clause. Only past such a joint does the clause
    run on beyond the next number (``ceiling``), up to ``reach``.
    """
    inside_inclusion, skipped = _opens_with_inclusion(text, pos), False
    while (clause_end := _CLAUSE_END.search(text, pos, reach)) is not None:
        mark, after = clause_end.group(), clause_end.end()
        if mark == "," and inside_inclusion:
            inside_inclusion, pos = False, after
        elif mark == "," and (aside := _aside_after(text, after, reach)):
            pos = aside
        elif mark == "," and _predicate_after(text, after, reach):
            pos = after  # `Seorang pria paruh baya, ditemukan tewas`: the predicate follows
        elif mark.lower() in ("dan", "serta", "and") and _COORDINATED_COUNT.match(text, after):
            pos = after
        else:
            break
        skipped = True
    end = clause_end.start() if clause_end else reach
    return end if skipped else min(end, ceiling)


def _opens_with_inclusion(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a comma piece that opened with ``termasuk``/``including``."""
    comma = text.rfind(",", max(0, pos - 60), pos)
    return comma >= 0 and _INCLUSION.match(text, comma + 1) is not None


def _predicate_after(text: str, pos: int, reach: int) -> bool:
    """A category word (after auxiliaries) right after a comma, not one telling of the count
    after it (`12 orang, tewas satu`)."""
    touching = _TOUCHING.match(text, pos, reach)
    return touching is not None and _COORDINATED_COUNT.match(text, touching.end()) is None


def _aside_after(text: str, pos: int, ceiling: int) -> int | None:
    """The end of a place apposition or an inclusion piece starting at ``pos``, if one does."""
    place = _PLACE_APPOSITION.match(text, pos, ceiling)
    if place and not _CATEGORY.match(text, pos + len(text[pos:].lstrip()) - len(text[pos:])):
        return place.end()
    if _INCLUSION.match(text, pos, ceiling):
        comma = text.find(",", pos, ceiling)
        return comma + 1 if comma >= 0 else None
    return None


def _is_draw(text: str, match: re.Match[str]) -> bool:
    """`ditahan imbang`: a sports result, not an arrest."""
    return _DRAW_AFTER.match(text, match.end()) is not None


def _joins_verbs(text: str, clause_end: re.Match[str]) -> bool:
    """`menangkap dan memulangkan 90 pengungsi`: ``dan`` after a category word and before no
    other count joins two verbs of one object, so the clause goes on."""
    return (
        clause_end.group().lower() in ("dan", "serta", "and")
        and _CATEGORY_BEFORE.search(text, max(0, clause_end.start() - 30), clause_end.start())
        is not None
        and _COORDINATED_COUNT.match(text, clause_end.end()) is None
    )


def _category_behind(text: str, pos: int, floor: int, reach: int = 80) -> _Category | None:
    window = start = max(floor, pos - reach)
    for clause_end in _CLAUSE_END.finditer(text, start, pos):
        if not _joins_verbs(text, clause_end):
            window = clause_end.end()
    matches = [m for m in _CATEGORY.finditer(text, window, pos) if not _is_draw(text, m)]
    if not matches:
        return None
    match = matches[-1]  # the nearest
    gap = len(_WORD.findall(text, match.end(), pos))
    if _normal_key(match.group()) in lexicon.PASSIVE_CATEGORY_VERBS and gap > _MAX_PASSIVE_GAP:
        return None  # `ditangkap setelah ... melawan seorang perwira`
    return _Category(_CATEGORIES[_normal_key(match.group())], match.start(), match.end(), gap)


def _touches(
    text: str, quantity: Quantity, end: int, ceiling: int, category: _Category | None
) -> bool:
    """A unit-less number counts only next to a category word and before no other noun."""
    if _YEAR.fullmatch(text, quantity.start, quantity.end):
        return False  # `Pada 2014 tewas pula ...`, `tewas 2015`
    if _TOUCHING.match(text, end, ceiling):
        return True
    if category is None or category.start > quantity.start or category.gap > _MAX_TOUCH_GAP:
        return False
    following = _NEXT_WORD.match(text, end, ceiling)
    return following is None or following.group(1).lower() in _FUNCTION


def _qualify(quantity: Quantity, before: Qualifier | None, after: Qualifier | None) -> str:
    if quantity.value_max is not None:
        return "range"
    stated = before or after
    if stated:
        return stated.name
    return "at_least" if quantity.vague else "exact"
