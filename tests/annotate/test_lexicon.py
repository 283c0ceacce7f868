"""The lexicon: one home for the pipeline's words, and the lists hold together."""

from __future__ import annotations

import itertools
import re

import pytest

from articles.annotate import annotate, lexicon
from articles.annotate.name_cues import find_named_people
from articles.annotate.types import Result

WORD_LISTS = {
    name: value
    for name, value in vars(lexicon).items()
    if name.isupper() and isinstance(value, (frozenset, tuple, dict))
}
SPEECH_VERBS = sorted(lexicon.INVERTED_SAY_VERBS_ID)
NAME = "Budi Santoso"


def words_of(value: object) -> set[str]:
    if isinstance(value, dict) and all(isinstance(v, frozenset) for v in value.values()):
        return {word for group in value.values() for word in group}
    return set(value)  # type: ignore[call-overload]


@pytest.mark.parametrize("name", sorted(WORD_LISTS))
def test_every_list_is_lower_case_and_single_spaced(name: str) -> None:
    for word in words_of(WORD_LISTS[name]):
        # Country abbreviations alone are matched in their case: `AS`, never `as`.
        exempt = name in ("FIGURE_UNITS", "COUNTRY_ABBREVIATIONS")
        assert word == word.lower() or exempt, (name, word)
        assert word == " ".join(word.split()) and word, (name, word)


def test_every_inverted_speech_cue_is_also_a_name_cue() -> None:
    assert lexicon.INVERTED_SAY_VERBS_ID | lexicon.INVERTED_SAY_VERBS_EN <= lexicon.NAME_CUE_VERBS


def test_every_inverted_cue_and_its_nya_form_closes_a_summary() -> None:
    inverted = lexicon.INVERTED_SAY_VERBS_ID | lexicon.INVERTED_REPORT_VERBS_ID
    assert inverted <= lexicon.ATTRIBUTION_TAIL_CUES
    assert {verb + "nya" for verb in inverted} <= lexicon.ATTRIBUTION_TAIL_CUES


def test_every_word_of_a_title_is_a_title_word_for_folding() -> None:
    words = {w.rstrip(".") for title in lexicon.TITLES_BEFORE_NAMES for w in title.split()}
    assert words <= lexicon.TITLE_WORDS


def test_name_particles_hold_the_arabic_articles_and_the_double_duty_words() -> None:
    assert lexicon.NAME_ARTICLES <= lexicon.NAME_PARTICLES
    assert lexicon.PARTICLES_ALSO_WORDS <= lexicon.NAME_PARTICLES


def test_weak_say_verbs_are_say_verbs() -> None:
    assert lexicon.WEAK_SAY_VERBS <= lexicon.SAY_VERBS_ID


def test_a_word_names_one_category_and_one_unit() -> None:
    seen: dict[str, str] = {}
    for category, words in lexicon.FIGURE_CATEGORY_WORDS.items():
        for word in words:
            assert seen.setdefault(word, category) == category, word
    units: dict[str, str] = {}
    for unit, words in lexicon.FIGURE_UNITS.items():
        for word in words:
            assert units.setdefault(word, unit) == unit, word


def test_contradicting_lists_share_no_word() -> None:
    pairs = [
        ("SPEAKER_PRONOUNS", "NON_SPEAKER_PRONOUNS"),
        ("PAST_WORDS", "FUTURE_WORDS"),
        ("PAST_WORDS", "THIS_WORDS"),
        ("FUTURE_WORDS", "THIS_WORDS"),
        ("ORG_HEAD_WORDS", "OFFICE_WORDS"),
        ("SAY_VERBS_ID", "INVERTED_SAY_VERBS_ID"),
        ("NAME_CUE_VERBS", "RELAY_VERBS_ID"),
        ("NAME_CUE_VERBS", "INVERTED_REPORT_VERBS_ID"),
        ("FIGURE_CATEGORY_WORDS", "DRAW_WORDS"),
        ("MEASURE_UNITS", "FIGURE_UNITS"),
        ("LANGUAGE_MARKERS_ID", "NUMBER_WORDS_EN"),
        ("PLACE_HEAD_WORDS", "ORG_HEAD_WORDS"),
        ("SITE_HEAD_WORDS", "PLACE_HEAD_WORDS"),
        ("RANKS_BEFORE_NAMES_ID", "ORG_HEAD_WORDS"),
        ("OFFICE_MODIFIERS_ID", "RANKS_BEFORE_NAMES_ID"),
        ("OFFICE_MODIFIERS_ID", "TITLE_WORDS"),
        ("DIRECTIONS_AFTER_DATE_ID", "TIME_UNITS"),
        ("COMPASS_WORDS_ID", "PLACE_HEAD_WORDS"),
        ("NOT_SAID_BEFORE_ID", "SAY_VERBS_ID"),
        ("NAME_END_WORDS_ID", "INVERTED_SAY_VERBS_ID"),
        ("EDGE_WORDS_ID", "SAY_VERBS_ID"),
        ("ASIDE_OPENERS_ID", "SAY_VERBS_ID"),
    ]
    for first, second in pairs:
        shared = words_of(WORD_LISTS[first]) & words_of(WORD_LISTS[second])
        assert not shared, (first, second, shared)
    qualifiers = [words for name, words in lexicon.QUALIFIER_WORDS.items()]
    assert sum(map(len, qualifiers)) == len(set().union(*qualifiers))


def test_figure_cue_words_are_category_words_and_units_are_known() -> None:
    categories = words_of(lexicon.FIGURE_CATEGORY_WORDS)
    assert categories >= lexicon.NOMINAL_CATEGORY_WORDS
    assert set(lexicon.FIGURE_UNITS) >= lexicon.HOSTAGE_UNITS | lexicon.ESCAPING_UNITS
    assert categories >= lexicon.ACTIVE_CATEGORY_VERBS | lexicon.PASSIVE_CATEGORY_VERBS
    assert not lexicon.ACTIVE_CATEGORY_VERBS & lexicon.PASSIVE_CATEGORY_VERBS
    assert all(verb.startswith("di") for verb in lexicon.PASSIVE_CATEGORY_VERBS)
    numbers = lexicon.NUMBER_WORDS_ID
    assert all(numbers[word[2:]] == n for word, n in lexicon.COLLECTIVE_NUMBERS.items())
    assert lexicon.PARTITIVE_WORDS - {"of them", "among them"} <= lexicon.INCLUSION_WORDS | {
        "di antara mereka"
    }


def test_people_nouns_that_block_a_year_are_figure_units() -> None:
    people = lexicon.YEAR_BLOCKING_NOUNS - lexicon.MEASURE_UNITS - set(lexicon.NUMBER_SCALES)
    assert people <= words_of(lexicon.FIGURE_UNITS)


def test_calendar_words_are_no_names_and_no_number_words() -> None:
    assert set(lexicon.WEEKDAYS) <= lexicon.CALENDAR_WORDS
    assert not lexicon.CALENDAR_WORDS & (
        set(lexicon.NUMBER_WORDS_ID) | set(lexicon.NUMBER_WORDS_EN)
    )
    assert set(lexicon.MONTHS) >= lexicon.MONTHS_ALSO_NAMES
    assert not lexicon.SHORT_MONTHS & lexicon.WIDE_MONTHS


def test_direction_words_after_a_date_each_say_which_way() -> None:
    ways = lexicon.PAST_WORDS | lexicon.THIS_WORDS | lexicon.FUTURE_WORDS
    for directions in (
        lexicon.DIRECTIONS_AFTER_DATE_ID,
        lexicon.DIRECTIONS_AFTER_WEEKDAY_ID,
        lexicon.DIRECTIONS_AFTER_COUNT_ID,
    ):
        assert directions <= ways, directions - ways
    assert lexicon.PAST_AFTER_ID <= lexicon.PAST_WORDS


def test_words_that_cut_a_speakers_name_also_end_it_after_a_cue() -> None:
    name_end = lexicon.NAME_END_WORDS_ID | lexicon.NAME_END_WORDS_EN
    assert name_end >= lexicon.SETTING_PREPOSITIONS_ID | lexicon.SETTING_PREPOSITIONS_EN
    assert name_end >= lexicon.RELATIVE_PRONOUNS_ID | lexicon.RELATIVE_PRONOUNS_EN
    assert not (lexicon.NAME_TAIL_WORDS_ID | lexicon.NAME_TAIL_WORDS_EN) & name_end


def test_every_country_abbreviation_maps_to_a_country_the_gazetteer_knows() -> None:
    from babel import Locale

    from articles.annotate import gazetteer

    countries = Locale("id").territories
    entries = gazetteer._territory_entries()
    for abbreviation, code in lexicon.COUNTRY_ABBREVIATIONS.items():
        assert code in countries, abbreviation
        assert entries[abbreviation].name == countries[code], abbreviation
        assert abbreviation == " ".join(abbreviation.split()) and abbreviation[0].isupper()


def test_entity_word_lists_hold_together() -> None:
    # Sites take no type: `Kantor …` is a place as often as a body, so these org heads are
    # the documented overlap; no site head is a place head.
    assert {"kantor", "rumah", "stasiun"} == lexicon.SITE_HEAD_WORDS & lexicon.ORG_HEAD_WORDS
    assert lexicon.SITE_HEAD_WORDS - {"rumah"} <= lexicon.LOWER_CASE_HEAD_WORDS
    # Every relay verb (`lansir`) is also a cue that an outlet's name follows.
    assert lexicon.RELAY_VERBS_ID <= lexicon.OUTLET_CUES_ID
    # Round numbers that open a sentence are numbers the figure reader values.
    numbers = set(lexicon.VAGUE_NUMBERS) | set(lexicon.ONE_WORD_SCALES)
    assert numbers >= lexicon.ROUND_NUMBER_WORDS_ID
    # Ranks cut before a name are no title words already: one home for each word.
    assert not lexicon.RANKS_BEFORE_NAMES_ID & lexicon.TITLE_WORDS
    # Month abbreviations that keep a sentence going are months the timeline reads.
    months = {word for word in lexicon.ABBREVIATIONS if word in lexicon.MONTHS}
    assert months and months <= lexicon.SHORT_MONTHS | lexicon.WIDE_MONTHS
    # Every Indonesian list has its English side where English has the words.
    sides = """MEDIA_NOUNS CASE_ROLE_NOUNS NAME_END_WORDS ASIDE_OPENERS NOT_SAID_BEFORE
    CLAUSE_OPENERS EDGE_WORDS PLACE_PREPOSITIONS RELATED_LINK_VERBS RELATED_LINK_WORDS
    RELATED_LINK_LABELS CREDIT_LABELS PARTICIPLES_AFTER_VERB NAME_TAIL_WORDS SETTING_PREPOSITIONS
    RELATIVE_PRONOUNS CAPTION_WORDS TAG_LABELS TIMESTAMP_LABELS"""
    for name in sides.split():
        assert WORD_LISTS[f"{name}_ID"] and WORD_LISTS[f"{name}_EN"], name


@pytest.mark.parametrize(
    ("phrases", "text", "found"),
    [
        ({"kuasa hukum"}, "Kuasa hukum", True),
        ({"kuasa hukum"}, "kuasa Hukum", True),
        ({"kuasa hukum"}, "KUASA HUKUM", False),
        ({"kuasa hukum"}, "kuasa  hukum", False),
    ],
)
def test_initial_alternation_lets_each_word_start_in_either_case(
    phrases: set[str], text: str, found: bool
) -> None:
    assert bool(re.fullmatch(lexicon.initial_alternation(phrases), text)) is found


def test_alternation_can_keep_a_phrase_to_one_space() -> None:
    assert re.fullmatch(lexicon.alternation({"kantor berita"}), "kantor\n berita")
    assert not re.fullmatch(
        lexicon.alternation({"kantor berita"}, any_space=False), "kantor  berita"
    )
    assert re.fullmatch(lexicon.alternation({"kantor berita"}, any_space=False), "kantor berita")


def _flat(forms: set[str], space: str) -> str:
    """The alternation as written before it became a trie: every form, longest first."""
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    return "|".join(re.escape(form).replace(r"\ ", space) for form in ordered)


def _variants(words: set[str]) -> str:
    """Text that puts every word, its prefixes and its extensions in every case after a stop."""
    pieces = []
    for word in sorted(words):
        for form in (word, word.title(), word.upper(), word[:1].upper() + word[1:]):
            pieces += [form, form[:-1], form + "nya", form + "s", form.replace(" ", "\n  ")]
    return ". ".join(pieces)


_SPEECH_WORDS = (
    lexicon.SAY_VERBS_ID | lexicon.INVERTED_SAY_VERBS_ID | lexicon.INVERTED_SAY_VERBS_NYA
)
_NUMBER_WORDS = lexicon.NUMBER_WORDS_ID.keys() | lexicon.NUMBER_SCALES.keys()


@pytest.mark.parametrize(
    ("words", "cased", "flags"),
    [
        *(
            (words, False, flags)
            for flags in (0, re.IGNORECASE)
            for words in (_SPEECH_WORDS, _NUMBER_WORDS, lexicon.LANGUAGE_MARKERS_EN)
        ),
        (lexicon.TITLES_BEFORE_NAMES, True, 0),  # cased spellings: for patterns without IGNORECASE
    ],
)
def test_alternation_as_a_trie_finds_what_the_flat_alternation_finds(
    words: set[str], cased: bool, flags: int
) -> None:
    if cased:
        forms = {
            " ".join(spelling)
            for phrase in words
            for spelling in itertools.product(
                *((w[:1].upper() + w[1:], w.upper()) for w in phrase.split())
            )
        }
        trie, flat = lexicon.cased_alternation(words), _flat(forms, r"\s")
    else:
        trie, flat = lexicon.alternation(words), _flat(set(words), r"\s+")
    assert trie != flat  # the trie is what is being tested
    text = _variants(set(words))
    for around in (r"\b(?:{})", r"\b(?:{})\b", r"(?:{})(?:nya)?\b"):
        found = [m.span() for m in re.finditer(around.format(trie), text, flags)]
        assert found == [m.span() for m in re.finditer(around.format(flat), text, flags)]
        assert found


# --- one verb, one outcome: the same frame gives every speech verb the same three results ------


def quoted(verb: str) -> Result:
    text = f"Pasukan itu tiba di perbatasan, 3 Maret 2017, {verb} {NAME}.\n"
    text += f"“Kami akan terus bekerja keras untuk warga,” {verb} {NAME}.\n"
    return annotate(text, published="2017-03-05")


@pytest.mark.parametrize("verb", SPEECH_VERBS + sorted(lexicon.INVERTED_SAY_VERBS_EN))
def test_every_inverted_verb_names_the_person_after_it(verb: str) -> None:
    text = f"“Kami siap,” {verb} Xandro Pelutinov di Jakarta."
    assert [text[s:e] for s, e in find_named_people(text, 0, len(text))] == ["Xandro Pelutinov"]


@pytest.mark.parametrize("verb", SPEECH_VERBS)
def test_every_inverted_verb_links_its_source_and_is_cut_from_the_summary(verb: str) -> None:
    result = quoted(verb)
    speakers = [a.speaker for a in result.attributions if a.kind in ("quote", "according_to")]
    person = next(e.id for e in result.entities if e.name == NAME)
    assert speakers == [person, person]
    (event,) = result.events
    assert event.summary == "Pasukan itu tiba di perbatasan"


@pytest.mark.parametrize("verb", SPEECH_VERBS)
def test_every_nya_form_speaks_for_the_person_named_before(verb: str) -> None:
    text = (
        f"Gubernur {NAME} bertemu warga di Bogor. Pasukan itu tiba pada 3 Maret 2017, {verb}nya.\n"
    )
    result = annotate(text, published="2017-03-05")
    person = next(e.id for e in result.entities if e.name == NAME)
    assert [a.speaker for a in result.attributions if a.kind == "according_to"] == [person]
    assert [e.summary for e in result.events] == ["Pasukan itu tiba"]


def test_stages_hold_no_copy_of_the_lexicons_lists() -> None:
    """Month names, reporting verbs and titles are written in the lexicon and nowhere else."""
    from pathlib import Path

    folder = Path(lexicon.__file__).parent
    copies = re.compile(r"Januari\|Februari|kata\|ujar|Presiden\|Wakil Presiden|Senin\|Selasa")
    for module in folder.glob("*.py"):
        if module.name != "lexicon.py":
            assert not copies.search(module.read_text()), module.name


def test_common_words_are_lower_case_words_and_the_shared_articles_give_them_again() -> None:
    from articles.annotate import common_words

    words = lexicon.COMMON_WORDS_ID
    assert len(words) > 1000
    assert all(word.isalpha() and word.islower() for word in words)
    assert {"sesaat", "beruntung"} <= words
    assert not {"jakarta", "indonesia", "budi", "jokowi"} & words  # names, capitalised inside
    if not common_words.ARTICLES.exists():
        pytest.skip("the shared articles are not beside this checkout")
    texts = common_words.read_texts(common_words.ARTICLES)
    again = common_words.render(common_words.common_words(texts), common_words.ARTICLES.name)
    assert again == common_words.WORDS_FILE.read_text(encoding="utf-8")


def test_a_word_is_common_when_written_in_lower_case_and_seldom_capitalised_inside() -> None:
    from articles.annotate.common_words import common_words

    texts = [
        "Sesaat kemudian hujan. Ia datang sesaat lalu dan Budi pergi.",
        *["sesaat lagi budi pekerti diajarkan, kata Budi dan Ani."] * 5,
    ]
    # `sesaat`: 6 times in lower case, capitalised only opening a sentence. `budi`: 5 times
    # in lower case but capitalised inside sentences 6 times. `ani`: never in lower case.
    assert "sesaat" in common_words(texts)
    assert "budi" not in common_words(texts)
    assert "ani" not in common_words(texts)
