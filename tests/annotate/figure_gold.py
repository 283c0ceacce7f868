"""Score casualty figures against the hand-labelled gold sentences in ``fixtures/``.

``python -m tests.annotate.figure_gold [--half held_out|tuning|all] [--misses]`` prints
precision, recall and F1 of casualty figures (killed, wounded, displaced, missing, arrested):
a found figure counts when its value and category match a gold figure of its sentence.
The gold (``fixtures/figures_gold.jsonl``, provenance in ``fixtures/README.md``) was split into
a tuning half and a held-out half by article before the figure rules were tuned.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from articles.annotate import annotate
from articles.annotate.score_gold import Score
from articles.annotate.types import CASUALTY_CATEGORIES

GOLD = Path(__file__).parent / "fixtures" / "figures_gold.jsonl"


def load_gold(half: str = "all") -> list[dict]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if half == "all" or row["half"] == half]


def found_in(row: dict) -> Counter[tuple[float, str]]:
    start, end = row["sentence"]
    figures = annotate(row["paragraph"], language="id").figures
    return Counter(
        (f.value, f.category)
        for f in figures
        if f.category in CASUALTY_CATEGORIES and start <= f.start and f.end <= end
    )


def score(rows: list[dict], misses: list[str] | None = None) -> Score:
    total = Score()
    for row in rows:
        found = found_in(row)
        gold = Counter((g["value"], g["category"]) for g in row["figures"])
        total.found += sum(found.values())
        total.gold += sum(gold.values())
        total.right += sum((found & gold).values())
        if misses is not None and found != gold:
            start, end = row["sentence"]
            misses.append(
                f"{row['paragraph'][start:end]}\n  missed {dict(gold - found)}"
                f"  wrong {dict(found - gold)}"
            )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", default="held_out", choices=("held_out", "tuning", "all"))
    parser.add_argument("--misses", action="store_true", help="print the sentences that differ")
    args = parser.parse_args()
    rows = load_gold(args.half)
    misses: list[str] | None = [] if args.misses else None
    result = score(rows, misses)
    for miss in misses or ():
        print(miss)
    print(
        f"{args.half}: {len(rows)} sentences, {result.gold} gold casualty figures, "
        f"{result.found} found, {result.right} right; P {result.precision:.2f} "
        f"R {result.recall:.2f} F1 {result.f1:.2f}"
    )


if __name__ == "__main__":
    main()
