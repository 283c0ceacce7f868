"""Entities: the project's NER model and gazetteers find mentions; folding groups them.

Where mentions come from, by region of the article:
- body paragraphs: the NER model (``ner.py``) and the gazetteers (``gazetteer.py``);
- the title: the gazetteers, and the names the body already has (headlines in title case
  fool the model, so it does not read them);
- the dateline: its place (LOC) and outlet (ORG); ``Sumber:`` footers: the source (ORG).

Folding: within a type, a mention whose name words run inside a longer name's words is the
same entity (``Putin`` → ``Vladimir Putin``); titles (``Presiden``) and place designators
(``Pangkalan Udara``, ``Kota``) are not part of the name; case is ignored, so headline and
dateline capitals fold too. An entity's canonical name is its longest form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import accumulate

from . import lexicon
from .gazetteer import (
    find_gazetteer_matches,
    find_words,
    lower_same_length,
    territory_for,
    word_automaton,
)
from .lexicon import alternation
from .name_cues import LOC_HEADS, LOWER_CASE_HEADS, ORG_HEADS, SITE_HEADS, find_cued_people
from .ner import find_ner_spans
from .spans import pick_non_overlapping
from .types import Dateline, Entity, KnownEntity, Mention, Metadata, Segment

_TITLES = lexicon.TITLE_WORDS
_PLACE_DESIGNATORS = lexicon.PLACE_DESIGNATORS
# Lower-case name particles that continue a name: `el-Baradei`, `bin Salman`, `van Gogh`.
# Not `di`: in Indonesian it is "in", and `Bank Mandiri di Surabaya` is two names.
_PARTICLE_AFTER = re.compile(
    rf"[ -](?:{alternation(lexicon.NAME_PARTICLES - {'di'})})[- ][A-ZÀ-Þ][\w'’-]*"
)
_PARTICLE_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))(?:{alternation(lexicon.NAME_ARTICLES)})-$")
# Nouns naming a news outlet right before its name: `Kantor berita Rusia, Novosti`.
_MEDIA_NOUN = re.compile(
    rf"(?:{alternation(lexicon.MEDIA_NOUNS_ID | lexicon.MEDIA_NOUNS_EN, any_space=False)})\s*$",
    re.IGNORECASE,
)
# Cues after which a name is a news outlet: `lansir Aljazeera`, `seperti dikutip dari AFP`.
_OUTLET_CUE = re.compile(
    rf"\b(?:{alternation(lexicon.OUTLET_CUES_ID, any_space=False)})\s+(?:oleh\s+|dari\s+)?$",
    re.IGNORECASE,
)
# A person's or place's name does not hold these words: `Rusia di Suriah` is two names.
_JOINER = re.compile(rf"\s(?:{alternation(lexicon.NAME_BREAKING_WORDS)})\s")
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_SOURCE_LABEL = re.compile(r"^(?:sumber|source)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    label: str
    origin: str  # "model", "cue", "gazetteer", "known", "dateline", "footer", "repeat"
    region: str  # the segment type it was found in
    name: str | None = None  # canonical name from a gazetteer
    titled: bool = False  # a cue that is only a title before the words (`Kapolres <region>`)


def find_entities(
    text: str,
    segments: list[Segment],
    metadata: Metadata,
    *,
    known_entities: tuple[KnownEntity, ...] = (),
) -> tuple[list[Entity], list[Mention], Dateline | None]:
    """Mentions of people, organisations and places, folded into entities."""
    candidates = _find_candidates(
        text, segments, metadata.dateline, known_entities, metadata.language
    )
    candidates = _relabel_outlets(text, [_relabel_by_head(text, c) for c in candidates])
    entities, mentions = fold_mentions(text, candidates, known_entities)
    return entities, mentions, _with_place_entity(metadata.dateline, mentions)


def _find_candidates(
    text: str,
    segments: list[Segment],
    dateline: Dateline | None,
    known: tuple[KnownEntity, ...],
    language: str = "id",
) -> list[Candidate]:
    body = [s for s in segments if s.type == "body"]
    lowered = lower_same_length(text)
    listed = _gazetteer_candidates(text, lowered, body, known, language)
    model = _model_candidates(text, body, language)
    places = listed + [c for c in model if c.label == "LOC"]
    model = _with_cues(text, model, _cue_candidates(text, body))
    model = _split_leading_places(text, model, places)
    # A listed place counts where the model saw that name somewhere in the article: news
    # uses country names as actors too, and the model knows a place from an adjective.
    listed = _confirmed_places(text, listed, model)
    model += _places_before_countries(text, body, listed, model)
    fixed = _dateline_candidates(dateline, model) + _footer_candidates(text, segments)
    found = pick_non_overlapping([*model, *listed, *fixed], _rank)
    found = _with_acronyms(text, found)
    found = pick_non_overlapping([*found, *_find_again(text, lowered, body, found)], _rank)
    titles = [s for s in segments if s.type == "title"]
    in_titles = _gazetteer_candidates(text, lowered, titles, known, language)
    in_titles = [c for c in in_titles if c.origin == "known"]
    in_titles += _find_again(text, lowered, titles, found)
    return sorted([*found, *pick_non_overlapping(in_titles, _rank)], key=_by_start)


def _confirmed_places(
    text: str, listed: list[Candidate], model: list[Candidate]
) -> list[Candidate]:
    """Listed places the article itself shows to be names.

    A listed place counts where the model saw that name somewhere in the article (news
    uses country names as adjectives, ``masyarakat Indonesia``, which are not mentions), and
    in a list with a place that counts (``Rusia, Turki dan Iran``).
    """
    named = {text[c.start : c.end].casefold() for c in model}
    kept = {
        i
        for i, c in enumerate(listed)
        if c.origin == "known" or text[c.start : c.end].casefold() in named
    }
    by_end: dict[int, list[Candidate]] = defaultdict(list)
    by_start: dict[int, list[Candidate]] = defaultdict(list)

    def count(place: Candidate) -> None:
        if place.label == "LOC":
            by_end[place.end].append(place)
            by_start[place.start].append(place)

    for place in model:
        if place.origin == "model":
            count(place)
    for i in kept:
        count(listed[i])
    changed = True
    while changed:
        changed = False
        for i, c in enumerate(listed):
            if i not in kept and _joined_to(text, c, by_end, by_start):
                kept.add(i)
                count(c)
                changed = True
    return [c for i, c in enumerate(listed) if i in kept]


_LIST_JOINER = re.compile(rf"\s*(?:,|,?\s+(?:{alternation(lexicon.LIST_CONJUNCTIONS)}))\s+")


_LIST_GAP = 40  # the most characters a list joiner (`, dan `) may span


def _joined_to(
    text: str,
    candidate: Candidate,
    by_end: dict[int, list[Candidate]],
    by_start: dict[int, list[Candidate]],
) -> bool:
    """A place that counts ends just before the candidate, or starts just after it, with only
    a list joiner between them; found by position, not by comparing with every place."""
    for begin in range(max(0, candidate.start - _LIST_GAP), candidate.start):
        if begin in by_end and _LIST_JOINER.fullmatch(text, begin, candidate.start):
            return True
    for end in range(candidate.end + 1, min(len(text), candidate.end + _LIST_GAP) + 1):
        if end in by_start and _LIST_JOINER.fullmatch(text, candidate.end, end):
            return True
    return False


# `sebelah utara Homs, Suriah`: a name between a place word and a country is a place.
_PLACE_CUES = (
    lexicon.PLACE_PREPOSITIONS_ID
    | lexicon.PLACE_PREPOSITIONS_EN
    | lexicon.COMPASS_WORDS_ID
    | {"kota"}  # `kota Homs, Suriah`
)
_PLACE_BEFORE_COUNTRY = re.compile(
    rf"\b(?:{alternation(_PLACE_CUES, any_space=False)})"
    r"\s+((?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+),\s+$"
)


def _places_before_countries(
    text: str, regions: list[Segment], listed: list[Candidate], model: list[Candidate]
) -> list[Candidate]:
    taken = {(c.start, c.end) for c in model}
    region_starts = [r.start for r in regions]
    spans = sorted((c.start, c.end) for c in model)
    starts = [start for start, _ in spans]
    furthest = list(accumulate((end for _, end in spans), max))  # furthest end so far
    found = []
    for place in listed:
        match = _PLACE_BEFORE_COUNTRY.search(text, max(0, place.start - 60), place.start)
        if match and (match.start(1), match.end(1)) not in taken:
            i = bisect_right(region_starts, match.start(1)) - 1
            region = regions[i] if i >= 0 and match.start(1) < regions[i].end else None
            # Does any model span start before the name ends and end after it starts?
            before = bisect_left(starts, match.end(1))
            overlaps = before > 0 and furthest[before - 1] > match.start(1)
            if region and not overlaps:
                found.append(Candidate(match.start(1), match.end(1), "LOC", "model", region.type))
    return found


def _gazetteer_candidates(
    text: str,
    lowered: str,
    regions: list[Segment],
    known: tuple[KnownEntity, ...],
    language: str = "id",
) -> list[Candidate]:
    found = []
    for region in regions:
        for match in find_gazetteer_matches(text, lowered, region.start, region.end, known):
            origin = "known" if match.entry.known else "gazetteer"
            entry = match.entry
            name = entry.name_in(language)
            found.append(Candidate(match.start, match.end, entry.label, origin, region.type, name))
    return found


def _split_leading_places(
    text: str, model: list[Candidate], places: list[Candidate]
) -> list[Candidate]:
    """`Presiden Rusia Vladimir Putin`: a model name that starts with a known place is two."""
    starts = {p.start: p for p in places}
    found = []
    for candidate in model:
        place = starts.get(candidate.start)
        if candidate.label == "PER" and place and place.end < candidate.end:
            rest = _tidy_span(text, place.end, candidate.end, candidate.end)
            if not rest:
                continue
            candidate = replace(candidate, start=rest[0], end=rest[1])
        found.append(candidate)
    return found


def _find_again(
    text: str, lowered: str, regions: list[Segment], found: list[Candidate]
) -> list[Candidate]:
    """Every other occurrence of a name found once: one name, one meaning per article.

    Headlines fool the model, so titles get only these. A one-word name at the start of a
    sentence is repeated only if it was also found inside a sentence (``Demi`` is a word).
    """
    labels: dict[str, str] = {}
    inside: set[str] = set()
    for candidate in found:
        if candidate.region == "body":
            surface = lowered[candidate.start : candidate.end]
            labels.setdefault(surface, candidate.label)
            if not _starts_sentence(text, candidate.start):
                inside.add(surface)
    for surname in _surnames(text, found):
        if labels.setdefault(surname, "PER") == "PER":
            inside.add(surname)
    again = []
    automaton = word_automaton(labels)  # once per article, not once per paragraph
    for region in regions:
        for start, end, surface in find_words(text, lowered, region.start, region.end, automaton):
            if text[end : end + 2][-1:].isupper() and text[end : end + 1] == "-":
                continue  # `Jokowi-JK` names a pair, not Jokowi alone
            lone_word = " " not in surface
            doubtful = region.type == "body" and lone_word and surface not in inside
            if doubtful and _starts_sentence(text, start, region.start):
                continue
            again.append(Candidate(start, end, labels[surface], "repeat", region.type))
    return again


def _surnames(text: str, found: list[Candidate]) -> set[str]:
    """People are named in full once and by their last name after: `Putin` after
    `Vladimir Putin`."""
    surnames = set()
    for candidate in found:
        words = text[candidate.start : candidate.end].split()
        last = words[-1] if len(words) > 1 else ""
        if candidate.label == "PER" and last[:1].isupper() and len(last) > 2 and last.isalpha():
            surnames.add(last.lower())
    return surnames


def _starts_sentence(text: str, start: int, region_start: int = 0) -> bool:
    before = text[max(region_start, start - 4) : start].rstrip(" \"'“‘(")
    return start <= region_start or not before or before[-1] in ".!?:\n"


_TIER = {
    **{"dateline": 0, "footer": 0, "known": 1},
    **{"cue": 2, "model": 2, "gazetteer": 2, "repeat": 2},
}
_ORIGIN_ORDER = {
    **{"dateline": 0, "footer": 0, "known": 0},
    **{"model": 1, "cue": 2, "gazetteer": 3, "repeat": 4},
}


def _rank(candidate: Candidate) -> tuple[int, int, int, int]:
    # Fixed structure first, then editors' entities, then the longest span, then the model.
    return (
        _TIER[candidate.origin],
        candidate.start - candidate.end,
        _ORIGIN_ORDER[candidate.origin],
        candidate.start,
    )


def _with_cues(text: str, model: list[Candidate], cues: list[Candidate]) -> list[Candidate]:
    """People named by cues, where the model found nothing or typed the same span otherwise.

    A cue never beats a model span for being longer (`kata Ketua Umum Partai X Budi`): where
    they overlap, the model's spans stand, and the cue keeps only the words after places and
    bodies the model found; it finishes a person the model cut short (`Hendra Wiguna Saputra
    (41)`, the model having found `Hendra` and `Saputra`) but not an acronym (`Wagub RS
    Datang`). A cue that covers exactly a span the model typed ORG or LOC makes it a person
    (`kata Budi`, `terdakwa Budi`, `Budi (37)`, `Brigjen Budi`), unless the cue is an
    office's title, which may stand before its place or body (`Kapolres <region>`,
    `Presiden <company>`).
    """
    if not cues:
        return model
    ordered = sorted(model, key=_by_start)
    starts = [c.start for c in ordered]
    kept = {id(c): c for c in ordered}
    for cue in cues:
        i = bisect_left(starts, cue.end)
        overlapping = []
        while i > 0 and len(overlapping) < 3:
            i -= 1
            other = ordered[i]
            if other.end > cue.start:
                overlapping.append(other)
            elif other.start < cue.start - 200:
                break
        if not overlapping:
            kept[id(cue)] = cue
        elif len(overlapping) == 1 and _same_span(overlapping[0], cue):
            if not cue.titled:  # `Kapolres <region>`: after a title, the model's type stands
                kept[id(overlapping[0])] = replace(overlapping[0], label="PER", origin="cue")
        elif _fills_gaps(text, cue, overlapping):
            # `Hendra Wiguna Saputra (41)`, the model having found `Hendra` and `Saputra`.
            for other in overlapping:
                del kept[id(other)]
            kept[id(cue)] = cue
        elif all(
            cue.start <= o.start and o.end < cue.end and o.label != "PER" for o in overlapping
        ):
            # `Presiden Rusia Vladimir Putin`, the model having found `Rusia`: the rest.
            rest = _NAME_START.search(text, max(o.end for o in overlapping), cue.end)
            if rest:
                kept[id(cue)] = replace(cue, start=rest.start())
    return sorted(kept.values(), key=_by_start)


_NAME_START = re.compile(r"(?<=\s)[A-Z]")


def _fills_gaps(text: str, cue: Candidate, overlapping: list[Candidate]) -> bool:
    """The model found the first words of a person the cue names in full: `Gubernur Rano
    Hartono` where the model has `Rano`, `Budi Wiguna Saputra (41)` where it has `Budi` and
    `Saputra`. Not over an acronym the model took for a person (`Presiden ABC Budi`, `Wapres
    JK Datang`), nor over a country after the name."""
    if not all(o.label == "PER" and cue.start <= o.start and o.end <= cue.end for o in overlapping):
        return False
    if min(o.start for o in overlapping) != cue.start:
        return False
    if any(text[o.start : o.end].isupper() for o in overlapping):
        return False
    tail = text[max(o.end for o in overlapping) : cue.end].strip()
    return not (tail and territory_for(tail) is not None)


def _same_span(a: Candidate, b: Candidate) -> bool:
    return (a.start, a.end) == (b.start, b.end)


# `Bursa Efek Indonesia (BEI)`, `Indofood Sukses Makmur Tbk ( INDF )`.
_ACRONYM_AFTER = re.compile(r" ?\((?P<space> ?)(?P<acronym>[A-Z][A-Z0-9&-]{1,9})(?P=space)\)")


# A spaced alias that closes a name the model found: `Universitas Sumber Ilmu ( Usi )`.
_ALIAS_INSIDE = re.compile(
    rf" \( (?!(?:{alternation(lexicon.COMPANY_FORMS_ID, capitalised=True)}) \))"
    r"([A-Z][\w&+-]{1,11}) \)\Z"
)


def _with_acronyms(text: str, found: list[Candidate]) -> list[Candidate]:
    """A bracketed all-capitals word right after an organisation is its alias.

    Written as news writes it, `(BEI)` joins the name's mention (`Bursa Efek Indonesia
    (BEI)`), and later mentions of `BEI` fold into the same entity; set apart by spaces
    (`( INDF )`, tokenised text) it is a mention of its own, also where the model took it
    into the name (`Universitas Sumber Ilmu ( Usi )`; not a legal form, `( Persero )`).
    """
    extended: list[Candidate] = []
    covered = -1
    for candidate in found:
        if candidate.start < covered:
            continue
        inside = (
            candidate.label == "ORG"
            and text[candidate.end - 1] == ")"
            and _ALIAS_INSIDE.search(text, candidate.start, candidate.end)
        )
        if inside and inside.start() > candidate.start:
            # `Universitas Sumber Ilmu ( Usi )` found as one name: tokenised text, two mentions.
            alias = Candidate(inside.start(1), inside.end(1), "ORG", "model", candidate.region)
            extended += [replace(candidate, end=inside.start()), alias]
            continue
        match = _ACRONYM_AFTER.match(text, candidate.end)
        if candidate.label != "ORG" or match is None:
            extended.append(candidate)
            continue
        covered = match.end()
        if match.group("space"):
            acronym = Candidate(
                match.start("acronym"), match.end("acronym"), "ORG", "model", candidate.region
            )
            extended += [candidate, acronym]
        else:
            extended.append(replace(candidate, end=match.end()))
    return extended


def _cue_candidates(text: str, regions: list[Segment]) -> list[Candidate]:
    # `Perdana Menteri Ethiopia, Meles Zenawi`: a country after a title is not the person.
    return [
        Candidate(start, end, "PER", "cue", region.type, titled=titled)
        for region in regions
        for start, end, titled in find_cued_people(text, region.start, region.end)
        if territory_for(text[start:end]) is None
    ]


def _model_candidates(text: str, regions: list[Segment], language: str = "id") -> list[Candidate]:
    inputs = [_model_input(text[r.start : r.end]) for r in regions]
    found = []
    for region, spans in zip(regions, find_ner_spans(inputs, language=language), strict=True):
        for start, end, label in spans:
            start, end = region.start + start, region.start + end
            if language == "en" and text.startswith("the ", start) and end - start > 4:
                start += 4  # `the White House`: English names start after the article
            for part in _split_at_joiners(text, start, end, label):
                span = _tidy_span(text, *part, region.end, label)
                span = span and _drop_common_head(text, *span, label)
                span = span and _drop_number_word(text, *span)
                span = span and _drop_lone_opener(text, *span)
                span = span and _drop_common_opener(text, *span, region.start)
                if span and label == "PER":
                    span = _drop_titles(text, *span)
                    if not (span and _has_name(text[span[0] : span[1]])):
                        continue
                if span:
                    found.append(Candidate(*span, label, "model", region.type))
    return found


def _split_at_joiners(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """`Rusia di Suriah` is two places; `Bank Mandiri di Surabaya` keeps its first name.

    A person's or place's name holds no joining word, so each part is a name of that type;
    an organisation's may (`Kementerian Pendidikan dan Kebudayaan`) but not `di` ("in").
    """
    if label == "ORG":
        cut = _IN.search(text, start, end)
        return [(start, cut.start())] if cut else [(start, end)]
    parts, begin = [], start
    for joiner in _JOINER.finditer(text, start, end):
        parts.append((begin, joiner.start()))
        begin = joiner.end()
    return [*parts, (begin, end)]


_IN = re.compile(r"\sdi\s")
# Words that only make a name of a number at a sentence start: `Enam orang tewas`.
_NUMBER_WORDS = frozenset(
    [*lexicon.NUMBER_WORDS_ID, *lexicon.NUMBER_WORDS_EN, *lexicon.ROUND_NUMBER_WORDS_ID]
)
_SENTENCE_OPENERS = lexicon.SENTENCE_OPENERS_ID
_TITLES_IN_NAMES = lexicon.TITLES_IN_NAMES
# Offices and ranks before a name; the mention is the name (`Jaksa Agung Budi` → `Budi`).
_OFFICE_WORDS = _TITLES | lexicon.RANKS_BEFORE_NAMES_ID
# Words that continue an office once one has started: `Jaksa Agung`, `Ketua Umum`.
_OFFICE_MODIFIERS = lexicon.OFFICE_MODIFIERS_ID


def _drop_number_word(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = list(_WORD.finditer(text, start, end))
    if not words or words[0].group().casefold() not in _NUMBER_WORDS:
        return start, end
    rest = words[1:]
    return (rest[0].start(), end) if rest and rest[0].group()[0].isupper() else None


_LONE_NON_NAMES = (
    _SENTENCE_OPENERS
    | lexicon.SPEAKER_PRONOUNS
    | lexicon.NON_SPEAKER_PRONOUNS
    | lexicon.ADDRESS_PRONOUNS
)


def _drop_lone_opener(text: str, start: int, end: int) -> tuple[int, int] | None:
    """`Konon`, `Demi` alone: a word capitalised as it opens a sentence, not a name; nor is a
    pronoun (`Anda`, the polite "you", is always capitalised)."""
    return None if text[start:end].casefold() in _LONE_NON_NAMES else (start, end)


_COMMON_WORDS = lexicon.COMMON_WORDS_ID
_ORG_TAILS = lexicon.ORG_TAIL_WORDS


def _drop_common_opener(
    text: str, start: int, end: int, region_start: int
) -> tuple[int, int] | None:
    """`Sesaat setelah itu`, `Beruntung, ...`: one common word (``COMMON_WORDS_ID``),
    capitalised because it opens the sentence, is no name. A word in capitals (`TIM`) or
    inside a sentence may be one."""
    word = text[start:end]
    if word.isupper() or not word.isalpha() or word.casefold() not in _COMMON_WORDS:
        return start, end
    return None if _starts_sentence(text, start, region_start) else (start, end)


def _drop_titles(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The office words before a person's name are not part of the mention."""
    words = list(_WORD.finditer(text, start, end))
    if words and words[0].group().casefold() in _TITLES_IN_NAMES:
        return start, end  # `Sir Alex X`, `Sultan X`, and `MS Hidayat` is an initial
    count = 0
    while count < len(words) - 1:
        word = words[count].group().casefold().rstrip(".")
        if word in _OFFICE_WORDS or (count and word in _OFFICE_MODIFIERS):
            count += 1
        else:
            break
    if count == 0:
        return start, end
    first = words[count]
    return (first.start(), end) if first.group()[0].isupper() else None


# Lower-case compass words that continue a place's name: `Afrika barat`, `wilayah timur Aceh`.
_COMPASS_WORDS = frozenset(w for phrase in lexicon.PLACE_PART_WORDS_ID for w in phrase.split())
# Lower-case words that may stand inside a name: `Kementerian Pendidikan dan Kebudayaan`.
_INNER_WORDS = (lexicon.NAME_PARTICLES | lexicon.NAME_CONNECTIVES) - {"di"}


def _has_name(surface: str) -> bool:
    """`Syrian President` names an office, not a person."""
    words = name_words(surface, "PER")
    return bool(words) and words[-1].rstrip(".") not in _TITLES


def _is_inner(word: str) -> bool:
    return word.split("-", 1)[0] in _INNER_WORDS


def _lower_case_head(word: str, label: str | None) -> bool:
    return label in ("LOC", "ORG") and word in LOWER_CASE_HEADS


def _is_outlet_word(text: str, word: re.Match) -> bool:
    """`KOMPAS.com`, `detikcom`, `detikFinance`: online outlets write their names so."""
    value = word.group()
    after_dot = word.start() > 0 and text[word.start() - 1] == "."
    return after_dot or value.endswith("com") or any(c.isupper() for c in value[1:])


def _is_body_name(words: list[re.Match], label: str | None) -> bool:
    """`Kementerian pertahanan Rusia`, `bank sentral Jepang`: a body's head noun, lower-case
    words that say which (right after it) and a capitalised rest make one name."""
    if label != "ORG" or len(words) < 3 or words[0].group().casefold() not in ORG_HEADS:
        return False
    rest = 1
    while rest < len(words) and words[rest].group().islower():
        rest += 1
    return 1 < rest < len(words) and all(w.group()[0].isupper() for w in words[rest:])


def _drop_common_head(
    text: str, start: int, end: int, label: str | None = None
) -> tuple[int, int] | None:
    """`Kantor berita Rusia`: a name does not start with common words; keep what follows.

    Places and bodies may open with a lower-case noun (`kompleks Gelora Bung Karno`); outlet
    names may be written in lower case (`detikcom`, `KOMPAS.com`).
    """
    words = list(_WORD.finditer(text, start, end))
    if _is_body_name(words, label):
        return start, end
    if words and _lower_case_head(words[0].group(), label) and len(words) > 1:
        words = words[1:]
    common = [
        w
        for w in words
        if w.group()[0].islower()
        and not _is_inner(w.group())
        and not (label == "LOC" and w.group() in _COMPASS_WORDS and w.start() > start)
        and not _is_outlet_word(text, w)
        and not text[max(start, w.start() - 2) : w.start()].strip().endswith("-")
    ]
    if not common:
        return start, end
    rest = [w for w in words if w.start() > common[-1].start()]
    if not rest or not rest[0].group()[0].isupper():
        return None
    return rest[0].start(), end


def _model_input(chunk: str) -> str:
    """Headline capitals confuse a model trained on sentence case: give it title case."""
    upper, lower = _case_counts(chunk)
    if upper + lower < 8 or upper < 0.7 * (upper + lower):
        return chunk
    titled = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), chunk)
    return titled if len(titled) == len(chunk) else chunk


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _case_counts(chunk: str) -> tuple[int, int]:
    """How many characters are upper case and how many lower case (``str.isupper``,
    ``str.islower``); in ASCII text (most paragraphs) counted by bytes.translate, not per
    character in Python."""
    if chunk.isascii():
        raw = chunk.encode("ascii")
        return (
            len(raw) - len(raw.translate(None, _ASCII_UPPER)),
            len(raw) - len(raw.translate(None, _ASCII_LOWER)),
        )
    return sum(map(str.isupper, chunk)), sum(map(str.islower, chunk))


def _tidy_span(
    text: str, start: int, end: int, limit: int, label: str | None = None
) -> tuple[int, int] | None:
    if _BRACKETED_NAME.fullmatch(text, start, end):
        return start, end  # `Joko Widodo (Jokowi)`: the alias keeps the brackets it came in
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or _closes(text, start, end)):
        end -= 1
    if end - start < 2 or not any(c.isalpha() for c in text[start:end]):
        return None
    before = _PARTICLE_BEFORE.search(text, max(0, start - 4), start)
    if before:
        start = before.start()
    after = _PARTICLE_AFTER.match(text, end, limit)
    if after:
        end = after.end()
    if not (text[start].isupper() or text[start].isdigit() or before):
        first = _WORD.match(text, start, end)
        lower_ok = first and (
            _lower_case_head(first.group(), label) or _is_outlet_word(text, first)
        )
        if not lower_ok:
            return None
    return start, end


_BRACKETED_NAME = re.compile(r"\([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}\)")


def _closes(text: str, start: int, end: int) -> bool:
    """A name may end in `.` (`Tbk.`) or in a bracket it opened (`Partai (Baru)`)."""
    last = text[end - 1]
    return last == "." or (last == ")" and "(" in text[start:end])


def _dateline_candidates(dateline: Dateline | None, model: list[Candidate]) -> list[Candidate]:
    if dateline is None:
        return []
    found = []
    if dateline.place_span:
        span = _pair(dateline.place_span)
        # `Risma - …` looks like a dateline; the model may know better that it is a person.
        said = next((c.label for c in model if (c.start, c.end) == span), "LOC")
        label = "PER" if said == "PER" else "LOC"
        found.append(Candidate(*span, label, "dateline", "dateline"))
    if dateline.outlet_span:
        found.append(Candidate(*_pair(dateline.outlet_span), "ORG", "dateline", "dateline"))
    return found


def _pair(span) -> tuple[int, int]:
    return span.start, span.end


def _footer_candidates(text: str, segments: list[Segment]) -> list[Candidate]:
    """``Sumber: Aljazeera, Reuters``: each name after the label is a source (ORG)."""
    found = []
    for segment in segments:
        if segment.type != "source_footer":
            continue
        label = _SOURCE_LABEL.match(text, segment.start, segment.end)
        if not label:
            continue
        for part in re.finditer(r"[^,;/&]+", text[label.end() : segment.end]):
            begin = label.end() + part.start()
            span = _tidy_span(text, begin, label.end() + part.end(), segment.end)
            if span and len(text[span[0] : span[1]].split()) <= 6:
                found.append(Candidate(*span, "ORG", "footer", "source_footer"))
    return found


def _relabel_by_head(text: str, candidate: Candidate) -> Candidate:
    # Repeats too: each other occurrence of a name the model typed takes the same rule.
    if candidate.origin not in ("model", "cue", "repeat"):
        return candidate
    words = text[candidate.start : candidate.end].split()
    first = words[0].casefold().rstrip(".")
    if first in SITE_HEADS:
        return candidate
    if first in ORG_HEADS and candidate.label != "ORG":
        return replace(candidate, label="ORG")
    # `Danau Toba`, `Gunung Merapi`, `Jalan Sudirman` are places whatever the model says.
    if first in LOC_HEADS and candidate.label != "LOC":
        return replace(candidate, label="LOC")
    # `YG Entertainment`, `Alibaba Group`, `Arema FC`: a company's or club's last word.
    if len(words) > 1 and words[-1].casefold().rstrip(".") in _ORG_TAILS:
        return replace(candidate, label="ORG")
    return candidate


def _relabel_outlets(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A name right after `kantor berita …,` or `lansir` is a news outlet, so an ORG."""
    relabelled = []
    for i, candidate in enumerate(candidates):
        is_guess = candidate.label != "ORG" and candidate.origin == "model"
        if is_guess and _follows_outlet_cue(text, candidates, i):
            candidate = replace(candidate, label="ORG")
        relabelled.append(candidate)
    return relabelled


def _follows_outlet_cue(text: str, candidates: list[Candidate], i: int) -> bool:
    start = candidates[i].start
    before = text[max(0, start - 40) : start]
    if _OUTLET_CUE.search(before) or _MEDIA_NOUN.search(before):
        return True
    # `Kantor berita Rusia, Novosti`: the outlet's country may stand between noun and name.
    previous = candidates[i - 1] if i else None
    if previous and previous.label == "LOC" and re.fullmatch(r",?\s*", text[previous.end : start]):
        return bool(_MEDIA_NOUN.search(text[max(0, previous.start - 40) : previous.start]))
    return False


# Folding --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)  # folding asks for the same few names again and again
def name_words(surface: str, label: str) -> tuple[str, ...]:
    """The words that identify a name, case-folded, without titles or place designators."""
    lowered = surface.casefold()
    if label == "LOC":
        for designator in _PLACE_DESIGNATORS:
            if lowered.startswith(designator + " ") and len(lowered) > len(designator) + 2:
                lowered = lowered[len(designator) + 1 :]
                break
    words = [w.replace("’", "'") for w in _WORD.findall(lowered)]
    if label == "PER":
        # `Russian President Vladimir Putin`: drop up to the last title before the name.
        titles = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in _TITLES]
        if titles and titles[0] <= 1:
            words = words[titles[-1] + 1 :] if _leading_run(words, titles) else words[1:]
    return tuple(words)


def _leading_run(words: list[str], titles: list[int]) -> bool:
    """Titles stand together at the front (`Perdana Menteri`), maybe after one adjective."""
    return titles == list(range(titles[0], titles[-1] + 1))


def _display_name(surface: str, label: str) -> str:
    """The canonical spelling: titles and designators dropped, capitals tamed for places."""
    words = name_words(surface, label)
    if not words:
        return surface
    # Find where the kept words begin in the original surface to keep its spelling.
    begin = _find_any_case(surface, words[0])
    name = surface[begin:] if begin >= 0 else surface
    if name.endswith(")") and "(" not in name:  # `(Jokowi)` met alone
        name = name[:-1]
    if name.isupper() and label in ("PER", "LOC") and len(name) > 3:
        name = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), name)
    # `Bursa Efek Indonesia (BEI)`: the alias is kept as a surface form, not in the name.
    return _ACRONYM_AFTER.sub("", name) if label == "ORG" and name.endswith(")") else name


def _find_any_case(surface: str, word: str) -> int:
    """Where the lower-case ``word`` first occurs in ``surface`` in any case, or -1."""
    if surface.isascii():  # the common case, without compiling a pattern per name
        return surface.lower().find(word)
    match = re.search(re.escape(word), surface, re.IGNORECASE)
    return match.start() if match else -1


def fold_mentions(
    text: str, candidates: list[Candidate], known: tuple[KnownEntity, ...] = ()
) -> tuple[list[Entity], list[Mention]]:
    """Group candidates into entities; return the entities and their mentions."""
    groups = _group(text, candidates, known)
    entities: list[Entity] = []
    mentions: list[Mention] = []
    taken: set[str] = set()
    for group in sorted(groups, key=lambda g: min(c.start for c in g)):
        entity = _make_entity(text, group, known, taken)
        entities.append(entity)
        mentions.extend(
            Mention(c.start, c.end, text[c.start : c.end], entity.label, entity.id) for c in group
        )
    mentions.sort(key=lambda m: m.start)
    return entities, mentions


def _group(
    text: str, candidates: list[Candidate], known: tuple[KnownEntity, ...]
) -> list[list[Candidate]]:
    by_key: dict[tuple[str, tuple[str, ...]], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        words = name_words(text[candidate.start : candidate.end], candidate.label)
        if words:
            surface = text[candidate.start : candidate.end]
            key = _known_key(words, candidate, known, surface)
            by_key[(candidate.label, key)].append(candidate)
    by_key = _merge_labels(by_key)
    return _fold_short_names(by_key)


def _known_key(
    words: tuple[str, ...], candidate: Candidate, known: tuple[KnownEntity, ...], surface: str = ""
) -> tuple[str, ...]:
    if candidate.origin == "known" and candidate.name:
        return name_words(candidate.name, candidate.label)
    if candidate.label == "LOC":
        # `AS`, `Amerika Serikat` and `United States` are one country.
        territory = territory_for(surface)
        if territory is not None:
            return name_words(territory.name, "LOC")
    return words


def _merge_labels(
    by_key: dict[tuple[str, tuple[str, ...]], list[Candidate]],
) -> dict[tuple[str, tuple[str, ...]], list[Candidate]]:
    """One name, one type: the same words under two labels take the more frequent label."""
    per_words: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for key in by_key:
        per_words[key[1]].append(key)
    merged: dict[tuple[str, tuple[str, ...]], list[Candidate]] = {}
    for words, keys in per_words.items():
        best = max(keys, key=lambda k: (_label_weight(by_key[k]), k[0]))
        group = [c for k in keys for c in by_key[k]]
        merged[(best[0], words)] = [_labelled(c, best[0]) for c in group]
    return merged


def _labelled(candidate: Candidate, label: str) -> Candidate:
    """The candidate under ``label``; itself when it has it (most do; replace() is slow)."""
    return candidate if candidate.label == label else replace(candidate, label=label)


def _label_weight(group: list[Candidate]) -> tuple[int, int]:
    fixed = sum(c.origin in ("known", "dateline", "footer", "gazetteer", "cue") for c in group)
    return fixed, len(group)


def _fold_short_names(
    by_key: dict[tuple[str, tuple[str, ...]], list[Candidate]],
) -> list[list[Candidate]]:
    """``Putin`` joins ``Vladimir Putin`` when exactly one longer name of its type contains it.

    A name the model alone typed otherwise also joins the one person whose name ends with it:
    people are called by their last name (``Widodo`` → ``Joko Widodo``). Each longer name
    indexes its runs of words once, so a name is looked up, not compared with every other.
    """
    keys = sorted(by_key, key=lambda k: -len(k[1]))
    heads: dict[tuple[str, tuple[str, ...]], list[Candidate]] = {}
    inside: dict[tuple[str, tuple[str, ...]], list[tuple[str, tuple[str, ...]]]] = {}
    endings: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
    for key in keys:
        containing = inside.get(key, [])
        if not containing and all(c.origin in ("model", "repeat") for c in by_key[key]):
            containing = endings.get(key[1], [])
        if len(containing) == 1:
            head = containing[0]
            heads[head].extend(_labelled(c, head[0]) for c in by_key[key])
            continue
        heads[key] = list(by_key[key])
        label, words = key
        n = len(words)
        for i in range(n):
            for j in range(i + 1, n + 1 - (i == 0)):  # every run of words but the whole
                _add_once(inside.setdefault((label, words[i:j]), []), key)
        if label == "PER":
            for i in range(1, n):
                _add_once(endings.setdefault(words[i:], []), key)
    return list(heads.values())


def _add_once(heads: list, key) -> None:
    if not heads or heads[-1] != key:
        heads.append(key)


def _make_entity(
    text: str, group: list[Candidate], known: tuple[KnownEntity, ...], taken: set[str]
) -> Entity:
    label = group[0].label
    surfaces = list(dict.fromkeys(text[c.start : c.end] for c in sorted(group, key=_by_start)))
    name = _canonical_name(text, group, label)
    entity_id = _unique_id(slugify(name) or "entity", label, taken)
    return Entity(entity_id, label, name, surfaces)


def _by_start(candidate: Candidate) -> int:
    return candidate.start


def _canonical_name(text: str, group: list[Candidate], label: str) -> str:
    named = [c.name for c in group if c.origin in ("known", "gazetteer") and c.name]
    if named:
        return Counter(named).most_common(1)[0][0]
    surfaces = [text[c.start : c.end] for c in group]
    longest = max(len(name_words(s, label)) for s in surfaces)
    best = [s for s in surfaces if len(name_words(s, label)) == longest]
    # Prefer a form written in ordinary case over a headline or dateline in capitals.
    first_seen = {}
    for index, surface in enumerate(surfaces):
        first_seen.setdefault(surface, index)
    best.sort(key=lambda s: (s.isupper(), first_seen[s]))
    return _display_name(best[0], label)


def _unique_id(base: str, label: str, taken: set[str]) -> str:
    candidate = base
    if candidate in taken:
        candidate = f"{base}-{label.lower()}"
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def slugify(value: str) -> str:
    """ASCII slug: `Mohamed el-Baradei` → `mohamed-el-baradei`."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100]


def _with_place_entity(dateline: Dateline | None, mentions: list[Mention]) -> Dateline | None:
    if dateline is None or dateline.place_span is None:
        return dateline
    for mention in mentions:
        if mention.start == dateline.place_span.start:
            return replace(dateline, entity=mention.entity)
    return dateline
