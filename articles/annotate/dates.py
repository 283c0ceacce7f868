"""Timeline: find the dates in story sentences and turn each into an event.

Forms read, Indonesian first, English too:

- full dates: ``30 September 2015``, ``30 Sept 2015``, ``September 30, 2015``, ``Dec. 11, 2017``;
  numeric dates day-month-year (``25/9/2014``, ``25-9-2014``, ``25.9.2014``, ``25/9/14``:
  two-digit years only with ``/``, 00-69 being 20xx) and ISO ``2017-12-11``;
- a weekday beside a date (``Kamis (25/9/2014) pagi``, ``Rabu, 3 Januari 2018``, ``Minggu
  malam (10/3)``) is one span
  and takes the explicit date (also when no year near the publication date fits the weekday:
  ``Rabu (17/11)`` keeps 17 November);
- month and year (``November 2017``); years only in date context (``tahun 2015``, ``pada 2015``,
  ``sejak 2011``, ``(2015)``, ``in 2015``, ``2015 lalu``, ``2011, 2013 dan 2015``), 1800-2100,
  never a count (``pada 2000 orang``) nor a law's year (``UU Nomor 23 Tahun 2014``);
- relative expressions, resolved against the publication date and flagged ``relative``:
  ``kemarin``, ``hari ini``, ``besok``, ``tadi malam``, ``yesterday``, ``today``...;
  ``pekan lalu``/``minggu lalu``/``last week`` -> the Monday of that week (day precision: there
  is no week precision); ``akhir pekan lalu``/``last weekend`` -> its Saturday; ``bulan lalu``
  -> the previous month; ``tahun lalu`` -> the previous year; counts (``dua hari lalu``,
  ``tiga tahun silam``, ``sepekan lalu``, ``two weeks ago``) step back exactly (a week = 7 days);
  a day or month without a year (``11 Desember``, ``bulan Juni``, ``November lalu``) takes the
  year that puts it nearest the publication date (strictly before it with ``lalu``/``last``);
  ``Mei tahun lalu``/``May last year`` is that month of that year; ``akhir pekan nanti`` is the
  coming (this) weekend; ``siang tadi`` is today, ``malam tadi`` last night; ``hari ini`` after
  a count (``beberapa hari ini``) is a span, no date; a decade (``1990-an``, ``1990 - an``) no
  year;
- weekdays: a bare one (``..., Senin.``, ``on Monday``) is the most recent such day on or before
  the publication date, never later; ``Senin lalu``/``last Monday`` is strictly before it, and
  so is ``Sabtu sore kemarin`` (a direction after the time of day).
  ``Minggu`` is Sunday, but ``minggu lalu`` and a clause-opening ``Minggu lalu`` mean last week;
- future relatives (``besok``, ``pekan depan``, ``Senin depan``, ``next year``) resolve forward:
  they announce plans, and the timeline shows them after the publication date.

A range is one event whose span is the whole range and whose value is its start, at the start's
precision: ``1-3 Desember 2017`` -> 2017-12-01, ``30 Desember 2016 hingga 2 Januari 2017``,
``Januari-Maret 2017`` -> 2017-01, ``2015-2017``, ``antara 2011 dan 2015``, ``from 2011 to
2015`` -> 2011. A list (``pada 2011 dan 2015``) is one event per date.

Without a publication date, a day named without its year (``4 September``, ``Senin (4/9)``) is
kept with the value ``--09-04`` (year unknown, ``types.is_yearless``); everything else that
needs the date (``kemarin``, a bare ``Senin``) is skipped; absolute dates are kept.
Spans never overlap: of colliding candidates the one starting first wins, then the longest.
The first event in the lead (the first three sentences: a headline or a one-sentence lede may
come before the dated sentence) whose value is the publication date is ``main``; when the lead
has no full date, its first day read from a relative or yearless date is.

Speed: each sentence is split into a set of lower-case words once; a pattern runs only on
sentences holding the words or digits it needs, so most sentences meet no regex at all.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import locale_words as words
from .locale_words import MONTHS, WEEKDAYS, WIDE_MONTHS, alternation
from .numbers import parse_words
from .summaries import summarize
from .types import Event, Span, is_yearless

LEAD_SENTENCES = 3

# --- patterns -------------------------------------------------------------------------------
_MONTH = alternation(MONTHS, cased=True)
_WIDE_MONTH_CAP = alternation(WIDE_MONTHS, capitalised=True)
_WEEKDAY_CAP = alternation(WEEKDAYS, capitalised=True)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = r"(?i:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_NUM_BEFORE = r"(?<![\w./-])"  # not glued to another number, a version or a path
_NUM_AFTER = r"(?!\w|[.,/-]\d)"
_RANGE_SEP = rf"(?:\s*[-–—]\s*|\s+(?i:{words.RANGE_JOINS})\s+)"
_NOT_COUNT = rf"(?!\w|[.,/]\d|-an\b|\s*%|\s+(?i:{words.COUNT_NOUNS})\b)"

_NUMERIC = (
    rf"(?P<nd>{_DAY})(?P<nsep>[/.-])(?P<nm>1[0-2]|0?[1-9])"
    rf"(?:(?P=nsep)(?P<ny>\d{{4}}|\d{{2}})){{opt}}{_NUM_AFTER}"
)
_DMY = (
    rf"(?P<td>{_DAY}){_ORDINAL}\s+(?:of\s+)?(?P<tmon>{_MONTH})\b(?:\.(?=,?\s*\d))?"
    rf"(?:,?\s+(?P<ty>\d{{4}})(?!\w|[.,]\d))?"
)
_MDY = (
    rf"\b(?P<emon>{_MONTH})\b\.?\s+(?P<ed>{_DAY}){_ORDINAL}(?![\d.,:]\d|\d)"
    rf"(?:,?\s+(?P<ey>\d{{4}})(?!\w|[.,]\d))?(?!\w)"
)
_ISO_DATE = re.compile(
    rf"{_NUM_BEFORE}(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])"
    rf"(?!\d|[.,/-]\d)"
)
_NUMERIC_DATE = re.compile(_NUM_BEFORE + _NUMERIC.replace("{opt}", ""))
_TEXT_DATE = re.compile(_NUM_BEFORE + _DMY)
_ENGLISH_DATE = re.compile(_MDY)
_WEEKDAY_DATE = re.compile(  # Kamis (25/9/2014) pagi, Sabtu-Minggu (9-10/12), Rabu, 3 Januari
    rf"(?<!\w)(?P<wd>{_WEEKDAY_CAP})(?:\s*[-–]\s*(?:{_WEEKDAY_CAP}))?"
    rf"(?:\s+(?i:{words.TIMES_OF_DAY}))?\s*,?\s*"  # Minggu malam (10/3), Senin pagi, 11 Maret
    rf"(?i:(?:tanggal|tgl\.?)\s+)?(?P<open>\(\s*)?(?:(?P<rd>{_DAY})\s*[-–]\s*)?"
    rf"(?i:{_NUMERIC.replace('{opt}', '?')}|{_DMY}|{_MDY})(?(open)\s*\))"
    rf"(?:\s+(?P<tod>(?i:{words.TIMES_OF_DAY})))?(?!\w)"
)
_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\b\.?(?:\s+(?P<y1>\d{{4}}))?{_RANGE_SEP})?"
    rf"(?P<mmon>{_MONTH})\b\.?,?\s+(?P<my>\d{{4}})(?!\w|[.,]\d)"
)
_DAY_RANGE = re.compile(
    rf"{_NUM_BEFORE}(?P<rd>{_DAY})(?:\s+(?P<rmon>{_MONTH})\b\.?(?:,?\s+(?P<ry>\d{{4}}))?)?"
    rf"(?:{_RANGE_SEP}|\s+(?:dan|and)\s+){_DMY}"
)
# Years are found digits first (cheap), their context is checked after.
_LONE_YEAR = re.compile(rf"{_YEAR}(?<![\w.,/$]....){_NOT_COUNT}(?!\s*-\s*an\b)")  # 1990 - an
_YEAR_RANGE = re.compile(
    rf"(?P<y1>{_YEAR})(?<![\w.,/$-]....)(?:\s*(?P<dash>[-–—/])\s*|\s+(?P<join>dan|and|"
    rf"{words.RANGE_JOINS})\s+(?:(?:tahun|year)\s+)?)(?P<y2>{_YEAR}|\d{{2}}){_NOT_COUNT}",
    re.IGNORECASE,
)
_YEAR_CUE_BEFORE = re.compile(rf"(?:\b(?:{words.YEAR_CUES})\s+|\bmid-)+$", re.IGNORECASE)
_RANGE_CUE_BEFORE = re.compile(
    rf"\b(?P<cue>{words.RANGE_CUES})\s+(?:(?:tahun|year)\s+)?$", re.IGNORECASE
)
_LISTED_YEAR_BEFORE = re.compile(r"(?:19|20)\d\d(?:,\s*|,?\s+(?:dan|and|atau|or)\s+)$", re.I)
_LAW_NUMBER_BEFORE = re.compile(r"\b(?:no|nomor|nomer|nmr)\.?\s*\d+[\w/.-]*\s+$", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:Rp|US\$|\$|USD|IDR|€|£)\.?\s*$", re.IGNORECASE)
_SPAN_COUNT_BEFORE = re.compile(rf"(?:\b(?:{words.SPAN_COUNTS})|\d)\s+$", re.IGNORECASE)
_PAST_AFTER = re.compile(rf"\s+(?:yang\s+)?(?:{words.PAST_AFTER})\b", re.IGNORECASE)

_WEEKDAY = re.compile(
    rf"(?<!\w)(?:(?P<pre>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{_WEEKDAY_CAP})"
    rf"(?:\s+(?P<dir>{words.WEEKDAY_DIRECTIONS}))?"
    rf"(?:\s+(?P<tod>{words.TIMES_OF_DAY})(?:\s+(?P<late>{words.WEEKDAY_DIRECTIONS}))?)?"
    r"(?!\w)"  # Sabtu sore kemarin: the direction may follow the time of day
)
_DAY_WORDS = re.compile(
    r"\b(?:kemarin\s+lusa|kemarin(?:\s+(?:pagi|siang|sore|petang|malam))?|hari\s+ini|besok|"
    r"esok\s+hari|lusa|tadi\s+(?:pagi|siang|sore|malam)|(?:pagi|siang|sore|malam)\s+tadi|"
    r"yesterday|today|tomorrow|tonight|"
    r"last\s+night)\b",
    re.IGNORECASE,
)
_PERIOD_ID = re.compile(  # lower-case minggu only: a capital Minggu is Sunday, read as a weekday
    r"\b(?P<unit>(?i:akhir\s+pekan|pekan|bulan|tahun)|minggu)\s+"
    rf"(?P<dir>(?i:{words.PERIOD_ID_DIRECTIONS}))\b"
)
_PERIOD_EN = re.compile(r"\b(?P<dir>last|this|next)\s+(?P<unit>weekend|week|month|year)\b", re.I)
_COUNT_ID = re.compile(
    rf"(?<![\w.,])(?:(?P<n>\d{{1,3}}|(?:{alternation(words.ID_NUMBER_WORDS)})"
    rf"(?:\s+(?:{alternation(words.ID_NUMBER_WORDS)}))*)\s+|(?P<se>se))"
    r"(?P<unit>hari|pekan|minggu|bulan|tahun|dekade|dasawarsa)\s+(?:yang\s+)?"
    rf"(?P<dir>{words.COUNT_ID_DIRECTIONS})\b",
    re.IGNORECASE,
)
_COUNT_EN = re.compile(
    rf"(?<![\w.,])(?P<n>\d{{1,3}}|(?:{alternation(words.EN_NUMBER_WORDS)})"
    rf"(?:[\s-](?:{alternation(words.EN_NUMBER_WORDS)}))?)\s+"
    r"(?P<unit>day|week|month|year|decade)s?\s+(?P<dir>ago)\b",
    re.IGNORECASE,
)
_MONTH_BARE = re.compile(  # bulan Juni, pada Agustus, November lalu, last December
    rf"(?<!\w)(?P<mon>{_WIDE_MONTH_CAP})(?!\w)(?!\.?,?\s*\d)"
    rf"(?:\s+(?P<dir>{words.DATE_DIRECTIONS})"  # Mei tahun lalu, May last year: that year's May
    rf"|\s+(?i:tahun\s+(?P<ydir>{words.DATE_DIRECTIONS})|(?P<ydir_en>last|this|next)\s+year))?"
    r"(?!\w)"
)
_MONTH_CUE_BEFORE = re.compile(rf"\b(?P<cue>{words.MONTH_CUES})\s+$", re.IGNORECASE)

# --- gates: which words a sentence must hold for a pattern to be worth running ---------------
_SPLITTER = str.maketrans(dict.fromkeys(string.punctuation + "“”‘’–—…", " "))
_DIGIT = re.compile(r"\d")
_YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")
_NUMERIC_LIKE = re.compile(r"\d[/.-]\d")
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS) | {"jum"}  # jum'at splits at its apostrophe


@dataclass(frozen=True, slots=True)
class _Triggers:
    words: frozenset[str]
    digit: bool
    year: bool
    numeric: bool

    def has(self, wanted: frozenset[str]) -> bool:
        return not self.words.isdisjoint(wanted)


def _read_triggers(text: str, span: Span) -> _Triggers:
    chunk = text[span.start : span.end]
    digit = _DIGIT.search(chunk) is not None
    return _Triggers(
        words=frozenset(chunk.lower().translate(_SPLITTER).split()),
        digit=digit,
        year=digit and _YEAR_LIKE.search(chunk) is not None,
        numeric=digit and _NUMERIC_LIKE.search(chunk) is not None,
    )


def _has_day_word(t: _Triggers) -> bool:
    return (
        t.has(words.DAY_WORD_TRIGGERS) or {"hari", "ini"} <= t.words or {"last", "night"} <= t.words
    )


# --- candidates -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    sentence: Span
    published: date | None


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    value: str
    precision: str
    relative: bool


Resolved = tuple[str, str, bool]  # value, precision, relative
Reader = Callable[[re.Match[str], _Context], "_Found | None"]


def _found(m: re.Match[str], resolved: Resolved | None, group: int | str = 0) -> _Found | None:
    if not resolved or not _on_calendar(resolved[0]):  # "900 dekade lalu" falls before year 1
        return None
    return _Found(m.start(group), m.end(group), *resolved)


def _on_calendar(value: str) -> bool:
    """Whether ``value`` names a day, month or year from 0001 to 9999 (or a yearless day)."""
    if value.startswith("--"):
        return True
    try:
        date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(digits: str, published: date | None) -> int:
    """``14`` is 2014 and ``45`` is 1945: two digits never make a year after publication."""
    year = int(digits)
    if len(digits) == 4:
        return year
    latest = published.year + 1 if published else 2030
    return 2000 + year if 2000 + year <= latest else 1900 + year


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _at_clause_start(ctx: _Context, start: int) -> bool:
    before = ctx.text[ctx.sentence.start : start].rstrip()
    return not before or before[-1] in ".:;!?\"'“”‘’(—–-"


def _reads_as_name(m: re.Match[str], ctx: _Context) -> bool:
    """``Russia Today``, ``Kompas Hari Ini``: a capitalised relative word inside a clause."""
    surface = m.group()
    return (
        _is_capitalised(surface) and not surface.isupper() and not _at_clause_start(ctx, m.start())
    )


def _before(ctx: _Context, pattern: re.Pattern[str], end: int) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) matching the sentence text just before ``end``."""
    return pattern.search(ctx.text, max(ctx.sentence.start, end - 60), end)


def _nearest(candidates: list[tuple[int, object]], mode: str) -> object | None:
    """The least distant candidate (negative = before publication) that ``mode`` allows.

    News looks back far more than ahead, so a later candidate counts three times its distance:
    ``5 Mei`` in a December article is the past May, ``20 Desember`` the coming one.
    """
    allowed = {"past": lambda d: d < 0, "future": lambda d: d > 0, "since": lambda d: d <= 0}
    keep = allowed.get(mode, lambda d: True)
    fitting = [(d * 3 if d > 0 else -d, value) for d, value in candidates if keep(d)]
    return min(fitting, key=lambda c: c[0])[1] if fitting else None


def _resolve_day(
    year: str | None, month: int, day: int, ctx: _Context, weekday: int | None, end: int
) -> Resolved | None:
    """A day; without a year, the one nearest the publication date (before it if ``lalu``)."""
    if year is not None:
        found = _make_date(_full_year(year, ctx.published), month, day)
        return (found.isoformat(), "day", False) if found and found.year >= 1800 else None
    if ctx.published is None:  # kept, marked year unknown: it resolves once a date is given
        exists = _make_date(2000, month, day) is not None  # 2000 is a leap year: 29/2 exists
        return (f"--{month:02d}-{day:02d}", "day", False) if exists else None
    anchor = ctx.published
    options = [_make_date(anchor.year + shift, month, day) for shift in (-1, 0, 1)]
    options = [d for d in options if d]
    # `Rabu (17/11)` when no 17 November near it is a Wednesday: the day and month as written
    options = [d for d in options if d.weekday() == weekday] or options
    mode = "past" if _PAST_AFTER.match(ctx.text, end) else "nearest"
    found = _nearest([((d - anchor).days, d) for d in options], mode)
    return (found.isoformat(), "day", True) if found else None


def _shift(anchor: date, unit: str, steps: int) -> Resolved:
    """``steps`` units from ``anchor``: weeks land on their Monday, weekends on Saturday."""
    if unit == "day":
        return (anchor + timedelta(days=steps)).isoformat(), "day", True
    if unit in ("week", "weekend"):
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=steps)
        return (monday + timedelta(days=5 * (unit == "weekend"))).isoformat(), "day", True
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + steps, 12)
        return f"{year:04d}-{month + 1:02d}", "month", True
    return f"{anchor.year + steps * (10 if unit == 'decade' else 1):04d}", "year", True


def _direction(word: str | None) -> str:
    word = " ".join((word or "").lower().split())
    if word in words.PAST_WORDS:
        return "past"
    if word in words.THIS_WORDS:
        return "this"
    return "future" if word in words.FUTURE_WORDS else "bare"


_STEPS = {"past": -1, "this": 0, "future": 1, "bare": 0}


def _count(number: str) -> int:
    if number.isdigit():
        return int(number)
    parts = re.split(r"[\s-]+", number.lower())
    value = parse_words(parts)
    return int(value) if value else words.EN_NUMBER_WORDS[parts[0]]


def _weekday_date(anchor: date, weekday: int, mode: str) -> date:
    """Bare weekdays look back (never past ``anchor``); ``lalu``/``depan`` skip ``anchor``."""
    back = (anchor.weekday() - weekday) % 7
    if mode == "past":
        back = back or 7
    elif mode == "this":
        back = anchor.weekday() - weekday
    elif mode == "future":
        back = -((weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=back)


# --- readers: one match in, one candidate (or nothing) out ----------------------------------
def _read_date(m: re.Match[str], ctx: _Context) -> _Found | None:
    g = m.groupdict()
    weekday = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    if g.get("iy"):
        return _found(m, _resolve_day(g["iy"], int(g["im"]), int(g["id"]), ctx, None, m.end()))
    if g.get("nd"):
        day, month, year = g["nd"], int(g["nm"]), g["ny"]
        # 10.30 is a time, 11-12-17 a code more often than a date
        if (year is None and g["nsep"] == ".") or (year and len(year) == 2 and g["nsep"] != "/"):
            return None
    else:
        day, name, year = (
            (g["td"], g["tmon"], g["ty"]) if g.get("td") else (g["ed"], g["emon"], g["ey"])
        )
        if year is None and not _is_capitalised(name):  # "2 may", "march 5": not dates
            return None
        month = _month_number(name)
    if g.get("rd") and int(g["rd"]) >= int(day):
        return None
    return _found(m, _resolve_day(year, month, int(g.get("rd") or day), ctx, weekday, m.end()))


def _read_month_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    year, month = int(m["my"]), _month_number(m["mmon"])
    if m["m1"]:  # Januari-Maret 2017 starts in January; Desember-Februari 2017 in 2016
        first = _month_number(m["m1"])
        year, month = int(m["y1"] or (year if first <= month else year - 1)), first
    if not 1800 <= year <= 2100:
        return None
    return _found(m, (f"{year:04d}-{month:02d}", "month", False))


def _read_day_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    last_month = _month_number(m["tmon"])
    first_month = _month_number(m["rmon"]) if m["rmon"] else last_month
    if not m["rmon"] and int(m["rd"]) >= int(m["td"]):
        return None
    if m["ty"] is None and not _is_capitalised(m["tmon"]):
        return None
    year = m["ry"] or m["ty"]
    if year and not m["ry"] and first_month > last_month:
        year = str(int(year) - 1)
    return _found(m, _resolve_day(year, first_month, int(m["rd"]), ctx, None, m.end()))


def _read_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    start, end = m.span()
    cue = _before(ctx, _YEAR_CUE_BEFORE, start)
    if cue:  # UU Nomor 23 Tahun 2014 names a law
        dated = not _before(ctx, _LAW_NUMBER_BEFORE, cue.start())
    else:
        dated = (
            (ctx.text[start - 1 : start], ctx.text[end : end + 1]) == ("(", ")")
            or _before(ctx, _LISTED_YEAR_BEFORE, start) is not None
            or _PAST_AFTER.match(ctx.text, end) is not None
        )
    return _found(m, (m.group(), "year", False)) if dated else None


def _read_year_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    first, second = int(m["y1"]), m["y2"]
    last = int(second) if len(second) == 4 else first - first % 100 + int(second)
    if (len(second) == 2 and not m["dash"]) or not first < last <= first + 100:
        return None
    if _before(ctx, _CURRENCY_BEFORE, m.start()):
        return None
    cue = _before(ctx, _RANGE_CUE_BEFORE, m.start())
    cue_word = cue["cue"].lower() if cue else ""
    join = (m["join"] or "").lower()
    if (join and not cue) or (join in ("dan", "and") and cue_word not in ("antara", "between")):
        return None  # "pada 2011 dan 2015" lists two years, it is no range
    return _found(m, (m["y1"], "year", False))


def _read_weekday(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.published is None:
        return None
    name, mode = m["wd"].lower(), _direction(m["pre"] or m["dir"] or m["late"])
    if name == "minggu" and m["dir"] and _at_clause_start(ctx, m.start()):
        return _found(m, _shift(ctx.published, "week", _STEPS[mode]))
    day = _weekday_date(ctx.published, WEEKDAYS[name], mode)
    return _found(m, (day.isoformat(), "day", True))


def _read_day_word(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.published is None or _reads_as_name(m, ctx):
        return None
    said = m.group().lower().split()
    if said[:2] == ["hari", "ini"] and _before(ctx, _SPAN_COUNT_BEFORE, m.start()):
        return None  # `beberapa hari ini`: these last days, not today
    if "tadi" in said:  # tadi pagi, siang tadi: earlier today; tadi malam, malam tadi: last night
        offset = -1 if "malam" in said else 0
    else:
        offset = -2 if said[:2] == ["kemarin", "lusa"] else words.DAY_OFFSETS[said[0]]
    return _found(m, _shift(ctx.published, "day", offset))


def _read_period(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.published is None or _reads_as_name(m, ctx):
        return None
    unit = " ".join(m["unit"].lower().split())
    unit = words.TIME_UNITS.get(unit, unit)
    coming = m["dir"].lower() in words.COMING_WORDS
    return _found(m, _shift(ctx.published, unit, 0 if coming else _STEPS[_direction(m["dir"])]))


def _read_count(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.published is None or _reads_as_name(m, ctx):
        return None
    count = 1 if m.groupdict().get("se") else _count(m["n"])
    unit = words.TIME_UNITS.get(m["unit"].lower(), m["unit"].lower())
    if unit == "week":  # "two weeks ago" is 14 days back, not a calendar week
        unit, count = "day", count * 7
    sign = -1 if _direction(m["dir"]) == "past" else 1
    return _found(m, _shift(ctx.published, unit, sign * count))


def _read_bare_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    cue_match = _before(ctx, _MONTH_CUE_BEFORE, m.start())
    cue = cue_match["cue"].lower() if cue_match else ""
    if ctx.published is None or not (cue or m["dir"] or m["ydir"] or m["ydir_en"]):
        return None
    month = _month_number(m["mon"])
    if m["ydir"] or m["ydir_en"]:
        year = ctx.published.year + _STEPS[_direction(m["ydir"] or m["ydir_en"])]
        return _Found(m.start(), m.end(), f"{year:04d}-{month:02d}", "month", True)
    mode = _direction(m["dir"] or cue)
    if mode == "bare" and cue in ("sejak", "semenjak", "since"):
        mode = "since"
    anchor = ctx.published
    shifts = (0,) if mode == "this" else (-1, 0, 1)
    options = [(s * 12 + month - anchor.month, (anchor.year + s, month)) for s in shifts]
    chosen = _nearest(options, "nearest" if mode == "this" else mode)
    if chosen is None:
        return None
    start = cue_match.start() if cue_match and cue in ("last", "next", "this") else m.start()
    return _Found(start, m.end(), f"{chosen[0]:04d}-{chosen[1]:02d}", "month", True)


Gate = Callable[[_Triggers], bool]
# Order breaks ties between candidates with the same span: the first reader wins.
_READERS: tuple[tuple[re.Pattern[str], Reader, Gate], ...] = (
    (_WEEKDAY_DATE, _read_date, lambda t: t.digit and t.has(_WEEKDAY_WORDS)),
    (_ISO_DATE, _read_date, lambda t: t.year and t.numeric),
    (_NUMERIC_DATE, _read_date, lambda t: t.numeric),
    (_DAY_RANGE, _read_day_range, lambda t: t.digit and t.has(_MONTH_WORDS)),
    (_TEXT_DATE, _read_date, lambda t: t.digit and t.has(_MONTH_WORDS)),
    (_ENGLISH_DATE, _read_date, lambda t: t.digit and t.has(_MONTH_WORDS)),
    (_MONTH_YEAR, _read_month_year, lambda t: t.year and t.has(_MONTH_WORDS)),
    (_YEAR_RANGE, _read_year_range, lambda t: t.year),
    (_LONE_YEAR, _read_year, lambda t: t.year),
    (_COUNT_ID, _read_count, lambda t: t.has(words.COUNT_DIRECTIONS) and t.has(words.COUNT_UNITS)),
    (_COUNT_EN, _read_count, lambda t: "ago" in t.words),
    (
        _PERIOD_ID,
        _read_period,
        lambda t: t.has(words.PERIOD_UNITS) and t.has(words.PERIOD_DIRECTIONS),
    ),
    (_PERIOD_EN, _read_period, lambda t: t.has(words.PERIOD_EN_DIRECTIONS)),
    (_DAY_WORDS, _read_day_word, _has_day_word),
    (_WEEKDAY, _read_weekday, lambda t: t.has(_WEEKDAY_WORDS)),
    (_MONTH_BARE, _read_bare_month, lambda t: t.has(WIDE_MONTHS)),
)


def _find_candidates(ctx: _Context) -> list[_Found]:
    found: list[tuple[_Found, int]] = []
    for order, reader, match in _matches(ctx.text, ctx.sentence):
        try:
            candidate = reader(match, ctx)
        except OverflowError:  # `kemarin` on 0001-01-01 falls off the calendar
            candidate = None
        if candidate is not None:
            found.append((candidate, order))
    return _pick_non_overlapping(found)


# Metadata reads the lead's and the story's dates without the publication date, then the
# timeline reads the same sentences with it: the patterns' matches are the same both times.
# 256 sentences hold an article's story; a small cache keeps few earlier texts alive.
@functools.lru_cache(maxsize=256)
def _matches(text: str, sentence: Span) -> tuple[tuple[int, Reader, re.Match[str]], ...]:
    """Each pattern's matches in the sentence, for the patterns its words let run, in order."""
    triggers = _read_triggers(text, sentence)
    return tuple(
        (order, reader, match)
        for order, (pattern, reader, gate) in enumerate(_READERS)
        if gate(triggers)
        for match in pattern.finditer(text, sentence.start, sentence.end)
    )


def _pick_non_overlapping(found: list[tuple[_Found, int]]) -> list[_Found]:
    """Earliest start wins, then the longest span, then the earlier reader."""
    kept: list[_Found] = []
    for candidate, _ in sorted(found, key=lambda f: (f[0].start, f[0].start - f[0].end, f[1])):
        if not kept or candidate.start >= kept[-1].end:
            kept.append(candidate)
    return kept


# --- events ---------------------------------------------------------------------------------
def find_events(
    text: str, sentences: list[Span], *, published: date | None, summaries: bool = True
) -> list[Event]:
    """One event per date expression in ``sentences``, in text order; ``summaries=False``
    leaves each ``summary`` empty, for a reader that wants only the dates."""
    events = []
    for sentence in sentences:
        founds = _find_candidates(_Context(text, sentence, published))
        spans = [Span(found.start, found.end) for found in founds]
        for found, span in zip(founds, spans, strict=True):
            others = [other for other in spans if other != span]
            events.append(
                Event(
                    start=span.start,
                    end=span.end,
                    text=text[span.start : span.end],
                    value=found.value,
                    precision=found.precision,
                    relative=found.relative,
                    sentence=sentence,
                    summary=summarize(text, sentence, span.start, span.end, others)
                    if summaries
                    else "",
                )
            )
    events.sort(key=lambda event: event.start)
    return _mark_main(events, sentences, published)


def _mark_main(events: list[Event], sentences: list[Span], published: date | None) -> list[Event]:
    """The lead's event on the publication date; when the lead has no full date, its first
    day read from a relative or yearless date (``Senin (4/9)``, ``kemarin``), resolved or not."""
    lead = set(sentences[:LEAD_SENTENCES])
    in_lead = [index for index, event in enumerate(events) if event.sentence in lead]
    target = published.isoformat() if published else None
    chosen = next((i for i in in_lead if events[i].value == target), None)
    if chosen is None and not any(_is_full_date(events[i]) for i in in_lead):
        chosen = next((i for i in in_lead if events[i].precision == "day"), None)
    if chosen is not None:
        events[chosen] = replace(events[chosen], main=True)
    return events


def _is_full_date(event: Event) -> bool:
    return event.precision == "day" and not event.relative and not is_yearless(event.value)
