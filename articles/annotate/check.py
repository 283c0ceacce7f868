"""``python -m articles.annotate.check FILE.jsonl``: run real articles through the pipeline and
print what must hold on text nobody wrote for the app.

Each line is an article: ``text`` and optionally ``url`` (or IndoSum's ``source_url``) and
``id``; the IndoSum file in ``../shared/data/articles/`` is read as it is, and ``--convert``
writes it in the ingest format (``id``, ``text``, ``url``) for ``manage.py ingest``. Every
article is annotated twice: without its URL (the date must come from the text) and with it.

Printed figures, defined:
- failures: articles whose annotation raised or recorded a failed stage (``Result.errors``),
  and results with an offset outside the text (all must be 0);
- story paragraphs hidden: source paragraphs (non-blank lines) that no segment shows in the
  body, i.e. covered by no segment but ``title``. ``--no-headline`` (the IndoSum texts have no
  headline line) also counts a paragraph taken as the title as hidden;
- paragraphs typed as inserts (captions, related links...): shown in place but collapsed;
- publication dates found from the URL (with the URL) and from the text (without it), and how
  many text dates equal the URL date, are one day off or otherwise wrong where both exist; the
  accuracy counts the equal ones among all articles whose URL carries a date;
- the same with the collection's year (``metadata.collection_year``: the median of each
  text's latest mentioned year, read from the texts of the file alone) as the ``year_hint``
  that places ``Senin (4/9)`` in an article naming no year;
- words/s of the run without URLs (words: white-space separated tokens), by the clock and per
  CPU second of this process (the figure to compare when the machine is shared);
- the process's resident memory and the model's vocabulary (the words it has made entries
  for) before the first article and after the last: spaCy keeps an entry for every new word
  it reads, so a long-running process grows with the words of what it annotates.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import annotate
from .metadata import collection_year, date_from_url, infer_published
from .ner import vocabulary_size
from .text import find_lines, normalize_newlines, replace_surrogates
from .types import Result

SHOWN = frozenset(
    {"body", "dateline", "related_link", "caption", "signoff", "source_footer", "other"}
)
INSERTS = frozenset({"related_link", "caption", "signoff", "source_footer", "other"})


@dataclass(slots=True)
class Tally:
    articles: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    paragraphs: int = 0
    hidden: list[str] = field(default_factory=list)
    inserts: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)
    from_url: int = 0
    with_url_date: int = 0
    text_dates: TextDates = field(default_factory=lambda: TextDates())
    hinted_dates: TextDates = field(default_factory=lambda: TextDates())
    year_hint: int | None = None
    memory_mb: list[float] = field(default_factory=list)  # before the first, after the last
    vocabulary: list[int] = field(default_factory=list)


@dataclass(slots=True)
class TextDates:
    """Publication dates read from the text, against the URL's date."""

    found: int = 0
    both: int = 0
    agree: int = 0
    off_by_one: int = 0

    def count(self, found: date | None, url_date: date | None) -> None:
        if found is None:
            return
        self.found += 1
        if url_date is not None:
            self.both += 1
            self.agree += found == url_date
            self.off_by_one += abs((found - url_date).days) == 1


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.convert:
        convert(args.file, sys.stdout)
        return 0
    articles = list(read_articles(args.file, args.limit, half=args.half))
    tally = check(
        articles,
        no_headline=args.no_headline,
        year_hint=collection_year(article["text"] for article in articles),
    )
    print_report(tally, sys.stdout)
    return 1 if tally.failures or tally.hidden else 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m articles.annotate.check", description=__doc__)
    parser.add_argument("file", type=Path, help="a .jsonl of articles")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument(
        "--no-headline", action="store_true", help="the texts have no headline line (IndoSum)"
    )
    parser.add_argument(
        "--half",
        choices=("odd", "even"),
        help="only the articles on odd (1st, 3rd...) or even lines: tune on one, test on the other",
    )
    parser.add_argument("--convert", action="store_true", help="print the ingest format")
    return parser.parse_args(argv)


def read_articles(
    path: Path, limit: int | None = None, *, half: str | None = None
) -> Iterator[dict[str, Any]]:
    """The articles of a .jsonl; ``half`` ``odd`` or ``even`` keeps those on such lines."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and number > limit:
                return
            if half and (number % 2 == 1) != (half == "odd"):
                continue
            if line.strip():
                record = json.loads(line)
                yield {
                    "id": record.get("id", number),
                    "text": record["text"],
                    "url": record.get("url") or record.get("source_url") or "",
                }


def convert(path: Path, out: Any) -> None:
    for article in read_articles(path):
        out.write(json.dumps(article, ensure_ascii=False) + "\n")


def check(
    articles: Iterable[dict[str, Any]], *, no_headline: bool = False, year_hint: int | None = None
) -> Tally:
    tally = Tally(year_hint=year_hint)
    _note_memory(tally)
    for article in articles:
        tally.articles += 1
        text, url = article["text"], article["url"]
        without = _timed_annotate(text, None, tally, article["id"])
        with_url = _timed_annotate(text, url, None, article["id"]) if url else None
        if without is None:
            tally.failures.append(f"{article['id']}: raised")
            continue
        _count_paragraphs(text, without, article["id"], tally, no_headline)
        _count_dates(text, url, without, with_url, tally)
    _note_memory(tally)
    return tally


def _note_memory(tally: Tally) -> None:
    tally.vocabulary.append(vocabulary_size())  # loads the model first, if need be
    tally.memory_mb.append(resident_mb())


def resident_mb() -> float:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_annotate(text: str, url: str | None, tally: Tally | None, ident: Any) -> Result | None:
    began, began_cpu = time.perf_counter(), time.process_time()
    try:
        result = annotate(text, url=url)
    except Exception:  # counted, never stops the run
        return None
    if tally is not None:
        tally.seconds += time.perf_counter() - began
        tally.cpu_seconds += time.process_time() - began_cpu
        tally.words += len(text.split())
        tally.failures.extend(f"{ident}: {e.stage}: {e.reason}" for e in result.errors)
        if not _offsets_valid(text, result):
            tally.failures.append(f"{ident}: an offset outside the text")
    return result


def _offsets_valid(text: str, result: Result) -> bool:
    size = len(text.replace("\r\n", "\n"))
    layers = [result.segments, result.mentions, result.events, result.figures, result.attributions]
    return all(0 <= item.start <= item.end <= size for layer in layers for item in layer)


def _count_paragraphs(
    text: str, result: Result, ident: Any, tally: Tally, no_headline: bool
) -> None:
    text = text.replace("\r\n", "\n")
    shown = [s for s in result.segments if s.type in SHOWN]
    tally.titles["headline line" if not result.title_proposed and result.title else "proposed"] += (
        result.title is not None
    )
    for line in find_lines(text):
        tally.paragraphs += 1
        covering = [s for s in result.segments if s.start < line.end and line.start < s.end]
        as_title = any(s.type == "title" for s in covering)
        if not any(s in shown for s in covering) and (no_headline or not as_title):
            tally.hidden.append(f"{ident}: {text[line.start : line.end][:100]!r}")
        kinds = {s.type for s in covering}
        if kinds and kinds <= INSERTS:
            tally.inserts[min(kinds)] += 1


def _count_dates(
    text: str, url: str, without: Result, with_url: Result | None, tally: Tally
) -> None:
    url_date = date_from_url(url) if url else None
    tally.with_url_date += url_date is not None
    if with_url is not None and with_url.published_from == "url":
        tally.from_url += 1
    from_text = without.published if without.published_from == "text" else None
    tally.text_dates.count(from_text, url_date)
    if tally.year_hint is not None:
        text = replace_surrogates(normalize_newlines(text))  # as annotate read it
        hinted = infer_published(text, without.segments, year_hint=tally.year_hint)
        tally.hinted_dates.count(hinted, url_date)


def print_report(tally: Tally, out: Any) -> None:
    def line(label: str, value: object) -> None:
        out.write(f"{label:<58} {value}\n")

    line("articles", tally.articles)
    line("failures (must be 0)", len(tally.failures))
    for failure in tally.failures[:20]:
        out.write(f"  {failure}\n")
    line("paragraphs", tally.paragraphs)
    line("story paragraphs hidden (must be 0)", len(tally.hidden))
    for hidden in tally.hidden[:20]:
        out.write(f"  {hidden}\n")
    line("paragraphs typed as inserts (shown, collapsed)", _counts(tally.inserts))
    line("titles", _counts(tally.titles))
    line("URLs carrying a date", tally.with_url_date)
    line("publication dates from the URL (with URL)", tally.from_url)
    _date_lines(line, "publication dates from the text (without URL)", tally.text_dates, tally)
    line("collection year (median of the texts' latest years)", tally.year_hint or "none")
    if tally.year_hint is not None:
        _date_lines(line, "  the same with the collection year", tally.hinted_dates, tally)
    rate = tally.words / tally.seconds if tally.seconds else 0.0
    line("words/s (annotation without URL, one process)", f"{rate:,.0f}")
    cpu_rate = tally.words / tally.cpu_seconds if tally.cpu_seconds else 0.0
    line("words per CPU second (the same, on a busy machine)", f"{cpu_rate:,.0f}")
    if len(tally.memory_mb) == 2:
        before, after = tally.memory_mb
        line("resident memory: before / after (MB)", f"{before:,.0f} / {after:,.0f}")
        known_before, known_after = tally.vocabulary
        line(
            "Indonesian model vocabulary: before / after (words)",
            f"{known_before:,} / {known_after:,}",
        )


def _date_lines(line: Any, label: str, dates: TextDates, tally: Tally) -> None:
    line(label, dates.found)
    wrong = dates.both - dates.agree
    line(
        "  with a URL date: equal / wrong (one day off) / total",
        f"{dates.agree} / {wrong} ({dates.off_by_one}) / {dates.both}",
    )
    share = dates.agree / tally.with_url_date if tally.with_url_date else 0.0
    line("  equal / all URLs carrying a date", f"{dates.agree} / {tally.with_url_date} {share:.1%}")


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counter.most_common()) or "0"


if __name__ == "__main__":
    sys.exit(main())
