"""Dates and numbers as the reader's interface language writes them: `230.000` in id,
`230,000` in en (the article's own text is never changed)."""

from __future__ import annotations

from datetime import date
from functools import cache
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from django.utils.translation import get_language, gettext, to_locale

from articles.annotate.types import is_yearless

# English dates day first, as the news reads them: 11 December 2017.
BABEL_LOCALES = {"en": "en_GB"}


def locale_for(language: str) -> Locale:
    """Babel's locale for the active interface language; ``language`` (the article's) is
    only the fallback when none is active (translation switched off)."""
    return babel_locale(to_locale(get_language() or language or "en"))


@cache
def babel_locale(code: str) -> Locale:
    """Parsed once per code: Babel parses a locale given by name again on every call."""
    try:
        return Locale.parse(BABEL_LOCALES.get(code, code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def display_date(value: date | None, precision: str, language: str) -> str:
    if value is None:
        return ""
    locale = locale_for(language)
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale)
    return format_date(value, format="long", locale=locale)


def first_day(value: str) -> str:
    """``2017-11`` -> ``2017-11-01``: a month or year sorts as its first day."""
    return (value + "-01-01")[:10]


def display_value(value: str, precision: str, language: str) -> str:
    """``2017-11`` (month) -> ``November 2017``; ``--09-04`` -> ``4 September, year unknown``;
    an unreadable value is shown as it is."""
    if is_yearless(value):
        return display_yearless(value, language)
    try:
        return display_date(date.fromisoformat(first_day(value)), precision, language)
    except ValueError:
        return value


def display_yearless(value: str, language: str) -> str:
    try:
        day = date(2000, int(value[2:4]), int(value[5:7]))  # a leap year: 29 February exists
    except ValueError:
        return value
    shown = format_skeleton("MMMMd", day, locale=locale_for(language))
    return gettext("%(day)s, year unknown") % {"day": shown}


def sort_key(value: str) -> tuple[bool, str]:
    """Timeline order: by first day, days of unknown year last (in month-day order)."""
    return is_yearless(value), first_day(value)


def display_number(value: float, value_max: float | None, language: str) -> str:
    locale = locale_for(language)
    shown = format_decimal(value, locale=locale)
    if value_max is not None and value_max != value:
        shown += "–" + format_decimal(value_max, locale=locale)
    return shown


def data_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def safe_url(url: str) -> str:
    """The original article's address, only when it is a plain web link."""
    return url if urlsplit(url).scheme in {"http", "https"} else ""
