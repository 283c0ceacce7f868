"""Small charts drawn on the server as SVG: no chart library, nothing loaded from outside.

Every chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` that say what it shows,
and the page keeps the same facts as text (a table, or the list the chart sits above). All
text in the SVG goes through ``format_html``/``escape``: names and dates come from articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from articles.reading.formats import display_date, first_day

# A month axis longer than this is drawn by year.
MAX_MONTHS = 72
MIN_MONTHS = 12
MAX_LABELLED_BARS = 24  # above this many bars, counts are in the tooltips and the table
AXIS_MIN_DAYS = 366


@dataclass(frozen=True, slots=True)
class Bar:
    start: date  # the first day of the month or year
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class MentionsChart:
    svg: SafeString
    bars: list[Bar]  # also the table fallback, one row per month or year
    by_year: bool


def mentions_chart(counts: dict[date, int], name: str, language: str) -> MentionsChart | None:
    """Bars of mentions per month (per year over long spans), gaps shown as empty months.
    ``counts`` maps the first day of a month to the mentions published that month."""
    if not counts:
        return None
    first, last = min(counts), max(counts)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months < MIN_MONTHS:  # a year at least, so one busy month is a bar, not a block
        back = MIN_MONTHS - months
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        first, months = date(year, month + 1, 1), MIN_MONTHS
    by_year = months > MAX_MONTHS
    bars = year_bars(counts, language) if by_year else month_bars(counts, first, months, language)
    return MentionsChart(bar_svg(bars, name, by_year), bars, by_year)


def month_bars(counts: dict[date, int], first: date, months: int, language: str) -> list[Bar]:
    bars = []
    for index in range(months):
        year, month = divmod(first.month - 1 + index, 12)
        start = date(first.year + year, month + 1, 1)
        bars.append(Bar(start, display_date(start, "month", language), counts.get(start, 0)))
    return bars


def year_bars(counts: dict[date, int], language: str) -> list[Bar]:
    totals: dict[int, int] = {}
    for day, count in counts.items():
        totals[day.year] = totals.get(day.year, 0) + count
    years = range(min(totals), max(totals) + 1)
    return [Bar(date(year, 1, 1), str(year), totals.get(year, 0)) for year in years]


def bar_svg(bars: Sequence[Bar], name: str, by_year: bool) -> SafeString:
    width, height, top, bottom = 420, 150, 22, 28
    inner = height - top - bottom
    most = max(bar.count for bar in bars) or 1
    step = width / len(bars)
    gap = min(4.0, step * 0.2)
    rects = []
    for index, bar in enumerate(bars):
        tall = inner * bar.count / most
        x, y = index * step + gap / 2, top + inner - tall
        count = ngettext("%(count)d mention", "%(count)d mentions", bar.count) % {
            "count": bar.count
        }
        shown = str(bar.count) if bar.count and len(bars) <= MAX_LABELLED_BARS else ""
        middle = f"{x + (step - gap) / 2:.1f}"
        size = (f"{x:.1f}", f"{y:.1f}", f"{step - gap:.1f}", f"{tall:.1f}")
        rects.append((*size, bar.label, count, middle, f"{y - 4:.1f}", shown))
    bars_svg = format_html_join(
        "",
        '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
        '<text class="chart-count" x="{}" y="{}" text-anchor="middle">{}</text>',
        rects,
    )
    ticks = axis_ticks(bars, step, height - 8)
    total = sum(bar.count for bar in bars)
    title = gettext("Mentions of %(name)s over time") % {"name": name}
    span = f"{bars[0].label} – {bars[-1].label}"
    unit = gettext("per year") if by_year else gettext("per month")
    desc = gettext("%(total)s mentions %(unit)s, %(span)s; busiest: %(busiest)s.") % {
        "total": total,
        "unit": unit,
        "span": span,
        "busiest": max(bars, key=lambda bar: bar.count).label,
    }
    baseline = top + inner
    return format_html(
        '<svg class="chart chart-mentions" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="mentions-chart-title mentions-chart-desc" '
        'focusable="false">'
        '<title id="mentions-chart-title">{title}</title>'
        '<desc id="mentions-chart-desc">{desc}</desc>'
        '<line class="chart-axis" x1="0" x2="{w}" y1="{base}" y2="{base}"/>{bars}{ticks}</svg>',
        w=width,
        h=height,
        title=title,
        desc=desc,
        base=baseline,
        bars=bars_svg,
        ticks=ticks,
    )


def axis_ticks(bars: Sequence[Bar], step: float, y: int) -> SafeString:
    """Labels under the first bar, the last, and about four between (years, or January)."""
    wanted = {0, len(bars) - 1}
    every = max(1, round(len(bars) / 5))
    wanted.update(range(0, len(bars), every))
    labels = []
    for index in sorted(wanted):
        bar = bars[index]
        short = str(bar.start.year) if bar.start.month == 1 or index == 0 else ""
        short = short or bar.label.split()[0][:3]
        if len(bars) == 1:
            short = bar.label
        anchor = "start" if index == 0 else "end" if index == len(bars) - 1 else "middle"
        x = index * step + (0 if anchor == "start" else step if anchor == "end" else step / 2)
        labels.append((f"{x:.1f}", y, anchor, short))
    return format_html_join(
        "", '<text class="chart-label" x="{}" y="{}" text-anchor="{}">{}</text>', labels
    )


# --- the article's time axis ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AxisPoint:
    key: str
    value: str
    display: str
    main: bool


def time_axis(points: Sequence[AxisPoint], language: str) -> SafeString:
    """Dots on a proportional line from the first event to the last (the main event larger);
    empty unless the events span more than a year. The timeline list below it says the same
    in words, so the SVG is one image with a summary and no controls of its own."""
    dated = [(date.fromisoformat(first_day(p.value)), p) for p in points if valid(p.value)]
    if len(dated) < 2:
        return SafeString("")
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    days = (last - first).days
    if days < AXIS_MIN_DAYS:
        return SafeString("")
    width, left, right = 360, 14, 14
    usable = width - left - right

    def x_of(day: date) -> str:
        return f"{left + usable * (day - first).days / days:.1f}"

    dots = format_html_join(
        "",
        '<circle class="axis-point{}" cx="{}" cy="22" r="{}"><title>{}</title></circle>',
        ((" main" if p.main else "", x_of(day), 7 if p.main else 5, p.display) for day, p in dated),
    )
    years = list(range(first.year + 1, last.year + 1))
    step = max(1, round(len(years) / 6)) if years else 1
    ticks = format_html_join(
        "",
        '<line class="axis-tick" x1="{0}" x2="{0}" y1="14" y2="30"/>'
        '<text class="chart-label" x="{0}" y="48" text-anchor="middle">{1}</text>',
        ((x_of(date(year, 1, 1)), year) for year in years[::step]),
    )
    label = gettext("%(count)s dated events from %(first)s to %(last)s, placed in proportion") % {
        "count": len(dated),
        "first": display_date(first, "year", language),
        "last": display_date(last, "year", language),
    }
    return format_html(
        '<svg class="chart time-axis" viewBox="0 0 {w} 56" role="img" aria-label="{label}" '
        'focusable="false"><line class="chart-axis" x1="{l}" x2="{r}" y1="22" y2="22"/>'
        "{ticks}{dots}</svg>",
        w=width,
        label=label,
        l=left,
        r=width - right,
        ticks=ticks,
        dots=dots,
    )


def valid(value: str) -> bool:
    try:
        date.fromisoformat(first_day(value))
    except ValueError:
        return False
    return True
