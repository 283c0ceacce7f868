"""``python -m articles.annotate.common_words``: the Indonesian words news writes in lower case.

A word the articles write in lower case at least ``MIN_LOWER`` times and capitalised inside a
sentence (not as its first word) at most ``MAX_CAPITALISED_SHARE`` as often is a common word,
not a name: capitalised, it opens a sentence (`Sesaat setelah itu`, `Beruntung, ...`), and the
model, which sees a capital, sometimes takes it for a name. ``lexicon.COMMON_WORDS_ID`` reads
the list this command writes (``common_words_id.txt``, beside this file) from the 2,713
unlabelled IndoSum articles in ``../shared/data/articles/``; the same articles give the same
file, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS_FILE = HERE / "common_words_id.txt"
ARTICLES = HERE.parents[2] / "shared" / "data" / "articles" / "indosum-dev-articles.jsonl"
MIN_LOWER = 5
MAX_CAPITALISED_SHARE = 0.05
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def common_words(texts: Iterable[str]) -> list[str]:
    """The common words of ``texts``, sorted."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        for sentence in _SENTENCE_BREAK.split(text):
            for index, word in enumerate(_WORD.findall(sentence)):
                if word.islower():
                    lower[word] += 1
                elif index and word[0].isupper() and not word.isupper():
                    capitalised[word.lower()] += 1
    return sorted(
        word
        for word, count in lower.items()
        if len(word) > 1
        and count >= MIN_LOWER
        and capitalised[word] <= MAX_CAPITALISED_SHARE * count
    )


def read_words(path: Path = WORDS_FILE) -> frozenset[str]:
    """The words of a file ``main`` wrote (``#`` lines are its header)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def read_texts(path: Path) -> Iterable[str]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)["text"]


def render(words: list[str], source: str) -> str:
    header = (
        f"# Common Indonesian words (articles.annotate.common_words): {len(words):,} words\n"
        f"# written in lower case at least {MIN_LOWER} times and capitalised inside a sentence at\n"
        f"# most {MAX_CAPITALISED_SHARE:.0%} as often, in {source}.\n"
        "# Derived from IndoSum (Kurniawan & Louvan, IALP 2018), licensed CC BY-SA 4.0\n"
        "# (http://creativecommons.org/licenses/by-sa/4.0/); this list carries the same licence.\n"
    )
    return header + "".join(f"{word}\n" for word in words)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m articles.annotate.common_words")
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="a .jsonl with text")
    parser.add_argument("--out", type=Path, default=WORDS_FILE)
    args = parser.parse_args(argv)
    words = common_words(read_texts(args.articles))
    args.out.write_text(render(words, args.articles.name), encoding="utf-8")
    print(f"{len(words):,} words written to {args.out}")


if __name__ == "__main__":
    main()
