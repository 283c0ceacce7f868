"""Metadata: language, title, dateline and publication date, from what the segments found.

The publication date comes from, in this order: the caller (the editor's date); the original
URL (``/2017/12/11/``, ``/2017-12-11/``, ``/20171211…``); the top of the text. In the text the
first full date with a day at the top of the article wins (a timestamp line, the dateline, the
first two paragraphs: news leads date the event of the day, ``Kamis (25/9/2014)``); failing
that, the lead's ``Senin (4/9)`` takes the year in which 4 September is a Monday that best
fits the other years the article mentions (no such year mentioned: no date): a text names
past years at any distance but future ones seldom beyond two years.

The title is the headline line the segments found; without one, a short phrase is proposed
from the lead's first sentence (its dateline, outlet, date clause and ``kata …`` tail left
out), flagged ``title_proposed``, and the paragraph stays in the body.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlsplit

from . import lexicon
from . import locale_words as words
from .dates import find_events
from .lexicon import alternation
from .segments import match_dateline
from .text import split_sentences
from .types import STORY_SEGMENTS, Dateline, Event, Metadata, Segment, Span, is_yearless

_ID_WORDS = alternation(lexicon.LANGUAGE_MARKERS_ID)
_EN_WORDS = alternation(lexicon.LANGUAGE_MARKERS_EN)
_ID_STOPWORD = re.compile(rf"(?:{_ID_WORDS})", re.IGNORECASE)
_EN_STOPWORD = re.compile(rf"(?:{_EN_WORDS})", re.IGNORECASE)
_ID_MARKERS = frozenset(lexicon.LANGUAGE_MARKERS_ID)
_EN_MARKERS = frozenset(lexicon.LANGUAGE_MARKERS_EN)
_WORD_RUN = re.compile(r"\w+")
_STOPWORD = re.compile(rf"(?:{_ID_WORDS}|{_EN_WORDS})", re.IGNORECASE)
_LEAD_PARAGRAPHS = 2


def find_metadata(
    text: str,
    segments: list[Segment],
    *,
    published: date | None,
    language: str | None,
    url: str | None = None,
    year_hint: int | None = None,
) -> Metadata:
    title = next((s for s in segments if s.type == "title"), None)
    found, source = _find_published(text, segments, published, url, year_hint)
    proposed = None if title else propose_title(text, segments)
    return Metadata(
        language=language or detect_language(text),
        title=text[title.start : title.end] if title else proposed,
        title_span=Span(title.start, title.end) if title else None,
        published=found,
        published_inferred=source == "text",  # a URL date is the editor's, read from the URL
        dateline=find_dateline(text, segments),
        title_proposed=proposed is not None,
        published_from=source,
    )


def plain_metadata(published: date | None, language: str | None) -> Metadata:
    """What is known without reading the text: the metadata when that stage fails."""
    given = "given" if published else None
    return Metadata(language or "id", None, None, published, False, None, published_from=given)


def _find_published(
    text: str,
    segments: list[Segment],
    published: date | None,
    url: str | None,
    year_hint: int | None = None,
) -> tuple[date | None, str | None]:
    if published:
        return published, "given"
    from_url = date_from_url(url or "")
    if from_url:
        return from_url, "url"
    inferred = infer_published(text, segments, year_hint=year_hint)
    return (inferred, "text") if inferred else (None, None)


def detect_language(text: str) -> str:
    """``id`` or ``en`` by which language's commonest words occur more; Indonesian on a tie.

    A marker counts where it is a whole run of word characters, in any case: what
    ``\\b(?:yang|dan|...)\\b`` with IGNORECASE finds, counted in one pass over the words
    (a run with letters beyond ASCII is asked of the pattern: IGNORECASE folds `ſ` onto `s`)."""
    english = indonesian = 0
    for run in _WORD_RUN.findall(text):
        if run.isascii():
            run = run.lower()
            english += run in _EN_MARKERS
            indonesian += run in _ID_MARKERS
        else:
            english += _EN_STOPWORD.fullmatch(run) is not None
            indonesian += _ID_STOPWORD.fullmatch(run) is not None
    return "en" if english > indonesian else "id"


def find_dateline(text: str, segments: list[Segment]) -> Dateline | None:
    segment = next((s for s in segments if s.type == "dateline"), None)
    if segment is None:
        return None
    # Read the whole line again: the place-only form looks at what follows its dash.
    line_end = text.find("\n", segment.start)
    return match_dateline(text, segment.start, len(text) if line_end < 0 else line_end)


# --- the date in the original URL ------------------------------------------------------------

_URL_YEAR = r"(?P<y>(?:19|20)\d\d)"
_URL_DATE_FORMS = (
    # /2017/12/11/, /2017/1/4/slug, /news/2017/12/11 (Kompas, Suara, Goal, WordPress sites)
    re.compile(rf"/{_URL_YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=/|$|[-_.])"),
    # /2017/dec/11/ (The Guardian)
    re.compile(rf"/{_URL_YEAR}/(?P<mon>[a-z]{{3}})/(?P<d>[0-3]?\d)(?=/|$)"),
    # /2017-12-11/, /2017_12_11-slug
    re.compile(rf"(?<![\d])/?{_URL_YEAR}(?P<sep>[-_])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d)"),
    # /20171211/, /20171219190545-227-263564/ (CNN Indonesia), /read/20170311/ (Rimanews):
    # eight digits, optionally followed by the time of day (hours, minutes, seconds).
    re.compile(rf"(?<![\w.]){_URL_YEAR}(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d\d){{0,3}}(?![\d.])"),
)


def date_from_url(url: str) -> date | None:
    """The publication date a news URL carries in its path, or None (``d-3762290/…`` has none)."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    for form in _URL_DATE_FORMS:
        for match in form.finditer(path):
            groups = match.groupdict()
            month = lexicon.MONTHS.get(groups["mon"]) if groups.get("mon") else int(groups["m"])
            found = _valid_day(int(match["y"]), month, int(match["d"])) if month else None
            if found:
                return found
    return None


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- the date in the text --------------------------------------------------------------------

_SEARCHED_YEARS = range(1900, 2101)


def infer_published(
    text: str, segments: list[Segment], *, year_hint: int | None = None
) -> date | None:
    """The latest day the lead dates the news way, with its weekday (``Kamis (25/9/2014)``,
    ``Senin (4/9)`` placed in the year that fits the years the article mentions), else the
    story's first such day; None when there is none or no year to go by. A lead's full date
    without a weekday is no publication date: it names a day before (``cedera pada 22 Januari
    2017``) or to come (``dijadwalkan berlangsung 27 Juni 2018``). A day dated at night
    (``Rabu (14/6) malam``) or said to be yesterday (``kemarin``) is reported the next day.

    ``year_hint`` (the year a batch of articles was written in, ``collection_year``) counts as
    one more mentioned year: without it an article that names no year gets no date from
    ``Senin (4/9)``."""
    years = mentioned_years(text)
    lead = find_events(text, _lead_sentences(text, segments), published=None, summaries=False)
    days = [(day, e) for e in lead if (day := _weekday_day(e, years, year_hint)) is not None]
    if days:
        return _reported_on(text, *max(days, key=lambda found: found[0]))
    story = find_events(text, _story_sentences(text, segments), published=None, summaries=False)
    dated = next((e for e in story if e.precision == "day" and _weekday_of(e) is not None), None)
    day = _weekday_day(dated, years, year_hint) if dated is not None else None
    return _reported_on(text, day, dated) if day is not None and dated is not None else None


def _weekday_day(event: Event, years: list[int], year_hint: int | None) -> date | None:
    """The day of a weekday-dated event (``Kamis (25/9/2014)``, ``Senin (4/9)``), else None."""
    weekday = _weekday_of(event)
    if event.precision != "day" or event.relative or weekday is None:
        return None
    if not is_yearless(event.value):
        return date.fromisoformat(event.value)
    return _year_of_weekday(event.value, weekday, years, year_hint)


_NIGHT = re.compile(rf"\b(?:{alternation(lexicon.NIGHT_TIMES)})\b", re.IGNORECASE)
_YESTERDAY = re.compile(rf"\b(?:{alternation(lexicon.YESTERDAY_WORDS)})\b", re.IGNORECASE)


def _reported_on(text: str, day: date, event: Event) -> date:
    """The publication date of news dated ``day``: the next day for a night's event or one
    whose sentence says it was yesterday (``Kamis (7/12) kemarin``)."""
    sentence = text[event.sentence.start : event.sentence.end]
    later = _NIGHT.search(event.text) or _YESTERDAY.search(sentence)
    return day + timedelta(days=1) if later else day


def _weekday_of(event: Event) -> int | None:
    first = re.match(r"[^\W\d_]+(?:['’][^\W\d_]+)?", event.text)
    return lexicon.WEEKDAYS.get(first.group().lower()) if first else None


# Any four-digit year the article names counts (`Piala AFF 2016`, `UU Nomor 7 Tahun 2017`,
# `Pilpres 2019`), not a count (`2000 orang`).
_YEAR_TOKEN = re.compile(
    rf"(?<![\d.,/-])((?:19|20)\d\d)(?!\d|[.,]\d)(?!\s*(?:{words.COUNT_NOUNS})\b)", re.IGNORECASE
)


def mentioned_years(text: str) -> list[int]:
    return [int(match.group(1)) for match in _YEAR_TOKEN.finditer(text)]


def collection_year(texts: Iterable[str]) -> int | None:
    """The year a collection of articles was written in, read from their texts alone: the
    median (the lower of the two middle ones) of each article's latest mentioned year. A
    ``year_hint`` for ``infer_published`` when articles come in a batch from one period."""
    latest = sorted(max(years) for text in texts if (years := mentioned_years(text)))
    return latest[(len(latest) - 1) // 2] if latest else None


def _story_sentences(text: str, segments: list[Segment]) -> list[Span]:
    return [
        sentence
        for segment in segments
        if segment.type in STORY_SEGMENTS
        for sentence in split_sentences(text, Span(segment.start, segment.end))
    ]


def _year_of_weekday(
    value: str, weekday: int, years: list[int], year_hint: int | None = None
) -> date | None:
    """The ``--MM-DD`` day falling on ``weekday`` in the year that fits the mentioned years
    best (``_year_cost``); on a tie the later year."""
    if year_hint is not None:
        years = [*years, year_hint]
    if not years:
        return None
    month, day, named = int(value[2:4]), int(value[5:7]), set(years)
    options = [
        found
        for year in _SEARCHED_YEARS
        if (found := _valid_day(year, month, day)) and found.weekday() == weekday
    ]
    return min(options, key=lambda d: (_year_cost(d.year, named), -d.year)) if options else None


# News names years long past at any distance (`sejak 2009`, read eight years on) but years to
# come seldom beyond two years ahead (`Pilpres 2019` in 2017): a candidate year costs little
# for each named year before it and much for each named year far after it.
_PAST_YEARS_SCALE = 2
_NEAR_FUTURE_YEARS = 2
_NEAR_FUTURE_COST = 0.5
_FAR_FUTURE_COST = 4.0


def _year_cost(year: int, named: set[int]) -> float:
    """How badly ``year`` as the year of writing fits the distinct years the text names."""
    cost = 0.0
    for other in named:
        if other <= year:
            cost += math.log1p((year - other) / _PAST_YEARS_SCALE)
        else:
            ahead = other - year
            near = min(ahead, _NEAR_FUTURE_YEARS)
            cost += near * _NEAR_FUTURE_COST + (ahead - near) * _FAR_FUTURE_COST
    return cost


def _lead_sentences(text: str, segments: list[Segment]) -> list[Span]:
    """Timestamp lines before the story, the dateline and the first paragraphs' sentences."""
    sentences: list[Span] = []
    paragraphs = 0
    for segment in segments:
        if segment.type == "body":
            sentences.extend(split_sentences(text, Span(segment.start, segment.end)))
            paragraphs += 1
            if paragraphs == _LEAD_PARAGRAPHS:
                break
        elif segment.type == "dateline" or (segment.type == "other" and paragraphs == 0):
            sentences.append(Span(segment.start, segment.end))
    return sentences


# --- a proposed title ------------------------------------------------------------------------

TITLE_CHARS = 90
_MIN_TITLE_CHARS = 30
_MAX_DATE_CLAUSE_WORDS = 4
# `Merdeka.com - `, `JUARA.NET, MISANO -`: an outlet opening the lead that no dateline form read.
_LEADING_OUTLET = re.compile(
    r"^[\w.]*(?i:\.(?:com|co|id|net|org|news|tv))[^\s]*(?:\s*,\s*[^,\-–—]{1,40})?\s*[-–—]+\s+"
)
_CLAUSE_BREAK = re.compile(r",\s+|\s+[-–—]\s+")
_DAY_WORDS = (set(lexicon.DAY_OFFSETS) - {"hari", "last"}) | {"hari ini", "waktu setempat"}
_DATE_WORDS = re.compile(
    rf"(?i:\b(?:{alternation(lexicon.WEEKDAYS)}|{alternation(lexicon.WIDE_MONTHS)}"
    rf"|{alternation(_DAY_WORDS)})\b)|\d{{1,2}}/\d{{1,2}}"
)
_REPORTING_TAIL = re.compile(rf"(?i:\b(?:{words.REPORTING_VERBS})\w*\b)")


def propose_title(text: str, segments: list[Segment]) -> str | None:
    """A short phrase from the lead's first sentence: a title to propose, never text to hide."""
    lead = next((s for s in segments if s.type in STORY_SEGMENTS), None)
    if lead is None:
        return None
    sentences = split_sentences(text, Span(lead.start, lead.end))
    if not sentences:
        return None
    sentence = text[sentences[0].start : sentences[0].end]
    phrase = _drop_leading_date(_LEADING_OUTLET.sub("", sentence).strip())
    phrase = _drop_trailing_clauses(phrase.rstrip(".!?;: ").strip())
    return _shorten(" ".join(phrase.split())) or None


def _drop_leading_date(phrase: str) -> str:
    """`Bulan Mei 2015, sebuah startup …` -> `Sebuah startup …`: an opening clause of a date."""
    first = _CLAUSE_BREAK.search(phrase)
    if first is None or len(phrase[: first.start()].split()) > _MAX_DATE_CLAUSE_WORDS:
        return phrase
    opening = phrase[: first.start()]
    if not (_DATE_WORDS.search(opening) or _YEAR_TOKEN.search(opening)):
        return phrase
    rest = phrase[first.end() :]
    return rest[:1].upper() + rest[1:]


def _drop_trailing_clauses(phrase: str) -> str:
    """Drop closing clauses that date the event or name who said it (`, Senin (4/9)`)."""
    while True:
        breaks = list(_CLAUSE_BREAK.finditer(phrase))
        if not breaks:
            return phrase
        last = breaks[-1]
        tail = phrase[last.end() :]
        if not (_DATE_WORDS.search(tail) or _REPORTING_TAIL.match(tail.strip())):
            return phrase
        if last.start() < _MIN_TITLE_CHARS // 2:
            return phrase
        phrase = phrase[: last.start()].rstrip()


def _shorten(phrase: str) -> str:
    """Up to ``TITLE_CHARS``: cut at the last clause break that keeps enough, else at a word."""
    if len(phrase) <= TITLE_CHARS:
        return phrase
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(phrase, 0, TITLE_CHARS)]
    fitting = [b for b in breaks if b >= _MIN_TITLE_CHARS]
    if fitting:
        return phrase[: fitting[-1]].rstrip()
    kept = textwrap.shorten(phrase, TITLE_CHARS, placeholder="").split()
    while len(kept) > 1 and _STOPWORD.fullmatch(kept[-1]):  # not `… menarik diri dari …`
        kept.pop()
    return " ".join(kept).rstrip(",;:") + " …"
