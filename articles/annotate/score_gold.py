"""``python -m articles.annotate.score_gold``: dates and casualty figures of the whole pipeline
against the hand-made gold of 40 real articles (``gold/gold.jsonl``, guide in ``gold/README.md``).

Each article is read from the IndoSum file the gold was made from (``--data``; its text is
checked against the gold's SHA-1) and annotated as the app annotates a pasted article with its
original URL: ``annotate(text, url=source_url)``, so the publication date comes from the URL.

Matching, one to one, in text order:
- dates: a found event is right when its span overlaps a gold date's span and its ``value`` is
  the gold value (``2017-12-11``, ``2017-11``, ``2017``);
- figures: only found figures of a casualty category (killed, wounded, displaced, missing,
  arrested) count; one is right when its span overlaps a gold figure's span and its ``value``
  and ``category`` are the gold ones. The figures' accuracy pairs every found casualty figure
  with the gold figure its span overlaps most (if any) and counts how many of these pairs have
  the gold value, category and qualifier; gold figures overlapped only by an ``other`` figure
  are counted apart (found, but their category was not read).

Precision = right / found, recall = right / gold, F1 their harmonic mean, per half (``tune``:
errors may be read and rules tuned on it; ``measure``: never looked at while tuning).
``--errors tune`` lists the misses and the wrong finds of that half.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .check import read_articles
from .types import CASUALTY_CATEGORIES

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "gold.jsonl"
DATA = HERE.parents[1].parent / "shared" / "data" / "articles" / "indosum-dev-articles.jsonl"
HALVES = ("tune", "measure")


@dataclass(frozen=True, slots=True)
class Item:
    """A date or figure, found or gold: its span and what must be right about it."""

    start: int
    end: int
    key: tuple  # dates: (value,); figures: (value, category)
    qualifier: str = ""
    text: str = ""

    def overlap(self, other: Item) -> int:
        return min(self.end, other.end) - max(self.start, other.start)


@dataclass(slots=True)
class Score:
    found: int = 0
    gold: int = 0
    right: int = 0
    misses: list[Item] = field(default_factory=list)
    wrong: list[Item] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.found += other.found
        self.gold += other.gold
        self.right += other.right
        self.misses += other.misses
        self.wrong += other.wrong

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Accuracy:
    """Found casualty figures paired with the gold figure they overlap."""

    pairs: int = 0
    value: int = 0
    category: int = 0
    qualifier: int = 0
    gold_found_as_other: int = 0

    def add(self, other: Accuracy) -> None:
        self.pairs += other.pairs
        self.value += other.value
        self.category += other.category
        self.qualifier += other.qualifier
        self.gold_found_as_other += other.gold_found_as_other


def match(gold: Sequence[Item], found: Sequence[Item]) -> Score:
    """Right = a found item overlapping a gold item with the same key; each used once."""
    score = Score(found=len(found), gold=len(gold))
    used: set[int] = set()
    for g in gold:
        hit = next(
            (
                i
                for i, f in enumerate(found)
                if i not in used and f.key == g.key and f.overlap(g) > 0
            ),
            None,
        )
        if hit is None:
            score.misses.append(g)
        else:
            used.add(hit)
            score.right += 1
    score.wrong = [f for i, f in enumerate(found) if i not in used]
    return score


def accuracy(gold: Sequence[Item], found: Sequence[Item], others: Sequence[Item] = ()) -> Accuracy:
    """Pair each found figure with the unpaired gold figure it overlaps most; compare fields.
    ``others``: found figures of category ``other``, which only count the gold they touch."""
    result = Accuracy()
    paired: set[int] = set()
    for f in found:
        best = max(
            (i for i, g in enumerate(gold) if i not in paired and f.overlap(g) > 0),
            key=lambda i: f.overlap(gold[i]),
            default=None,
        )
        if best is None:
            continue
        paired.add(best)
        g = gold[best]
        result.pairs += 1
        result.value += f.key[0] == g.key[0]
        result.category += f.key[1] == g.key[1]
        result.qualifier += f.qualifier == g.qualifier
    result.gold_found_as_other = sum(
        1 for i, g in enumerate(gold) if i not in paired and any(o.overlap(g) > 0 for o in others)
    )
    return result


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_texts(path: Path, ids: Iterable[str]) -> dict[str, str]:
    wanted = set(ids)
    return {
        article["id"]: article["text"].replace("\r\n", "\n")
        for article in read_articles(path)
        if article["id"] in wanted
    }


@dataclass(slots=True)
class HalfScore:
    dates: Score = field(default_factory=Score)
    figures: Score = field(default_factory=Score)
    accuracy: Accuracy = field(default_factory=Accuracy)
    articles: int = 0
    published_wrong: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def score_article(row: dict[str, Any], text: str, half: HalfScore) -> None:
    from . import annotate  # the pipeline loads its model only when scoring

    result = annotate(text, url=row["source_url"])
    half.articles += 1
    published = result.published.isoformat() if result.published else None
    if published != row["published"]:
        half.published_wrong.append(f"{row['id']}: {published} for {row['published']}")
    gold_dates = [Item(d["start"], d["end"], (d["value"],), text=d["text"]) for d in row["dates"]]
    found_dates = [Item(e.start, e.end, (e.value,), text=e.text) for e in result.events]
    gold_figures = [
        Item(f["start"], f["end"], (f["value"], f["category"]), f["qualifier"], f["text"])
        for f in row["figures"]
    ]
    found, others = [], []
    for f in result.figures:
        item = Item(f.start, f.end, (f.value, f.category), f.qualifier, text[f.start : f.end])
        (found if f.category in CASUALTY_CATEGORIES else others).append(item)
    dates, figures = match(gold_dates, found_dates), match(gold_figures, found)
    half.dates.add(dates)
    half.figures.add(figures)
    half.accuracy.add(accuracy(gold_figures, found, others))
    for kind, score in (("date", dates), ("figure", figures)):
        half.errors += [f"{row['id']}: missed {kind} {g.text!r} {g.key}" for g in score.misses]
        half.errors += [f"{row['id']}: wrong {kind} {f.text!r} {f.key}" for f in score.wrong]


SELECTION_SEED = "i7-gold-0"
_CASUALTY_WORD = re.compile(
    r"\b(?:tewas|meninggal|korban|luka|terluka|ditangkap|diamankan|mengungsi|hilang|diringkus|"
    r"ditahan|dievakuasi|menewaskan)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluhan|ratusan|ribuan|"
    r"seorang)\b",
    re.IGNORECASE,
)


def select(path: Path, exclude: Path, count: int = 40) -> list[dict[str, Any]]:
    """The gold's articles, as chosen before labelling (rule in ``gold/README.md``)."""
    from .metadata import date_from_url

    excluded = {row["id"] for row in load_gold(exclude)}
    chosen = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text, url = record["text"], record.get("source_url") or ""
            published = date_from_url(url)
            if record["id"] in excluded or published is None or len(text.split()) > 500:
                continue
            cues = sum(
                1
                for cue in _CASUALTY_WORD.finditer(text)
                if _NUMBER.search(text[max(0, cue.start() - 60) : cue.end() + 60])
            )
            if cues >= 2:
                key = hashlib.sha1((SELECTION_SEED + record["id"]).encode()).hexdigest()
                chosen.append((key, record["id"], published.isoformat()))
    chosen.sort()
    return [
        {"id": ident, "half": HALVES[n % 2], "published": published}
        for n, (_, ident, published) in enumerate(chosen[:count])
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m articles.annotate.score_gold", description=__doc__
    )
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--data", type=Path, default=DATA, help="the IndoSum .jsonl")
    parser.add_argument("--errors", choices=HALVES, help="list the errors of this half")
    parser.add_argument(
        "--select", action="store_true", help="print the articles the selection rule picks"
    )
    args = parser.parse_args(argv)
    if args.select:
        fixtures = HERE.parents[1] / "tests" / "annotate" / "fixtures" / "figures_gold.jsonl"
        for row in select(args.data, fixtures):
            print(json.dumps(row))
        return 0
    rows = load_gold(args.gold)
    texts = load_texts(args.data, (row["id"] for row in rows))
    halves = {name: HalfScore() for name in HALVES}
    for row in rows:
        text = texts.get(row["id"])
        if text is None or hashlib.sha1(text.encode()).hexdigest() != row["text_sha1"]:
            print(f"{row['id']}: text missing or changed", file=sys.stderr)
            return 2
        score_article(row, text, halves[row["half"]])
    for name, half in halves.items():
        print_half(name, half, sys.stdout)
    if args.errors:
        for error in halves[args.errors].errors:
            print(f"  {error}")
    return 0


def print_half(name: str, half: HalfScore, out: Any) -> None:
    def line(label: str, score: Score) -> None:
        out.write(
            f"  {label:<18} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
            f"  (right {score.right}, found {score.found}, gold {score.gold})\n"
        )

    out.write(f"{name}: {half.articles} articles\n")
    line("dates", half.dates)
    line("casualty figures", half.figures)
    acc = half.accuracy

    def share(n: int) -> str:
        return f"{n}/{acc.pairs} {n / acc.pairs:.1%}" if acc.pairs else "0/0"

    out.write(
        f"  figures overlapping a gold figure: value {share(acc.value)}, category "
        f"{share(acc.category)}, qualifier {share(acc.qualifier)}; gold found only as "
        f"`other`: {acc.gold_found_as_other}\n"
    )
    out.write(f"  publication date not the URL's: {len(half.published_wrong)}\n")
    for wrong in half.published_wrong:
        out.write(f"    {wrong}\n")


if __name__ == "__main__":
    sys.exit(main())
