"""``python -m articles.annotate.bench``: how fast and how big the whole pipeline is.

Prints words per second end to end on one core over at least 100,000 words of news text,
the same text through spaCy's bare ``blank("id")`` tokenizer for a ratio, the model's load
time, the time for the seed article after loading, and the peak memory of the process.
The text is made of the gold sentences in ``../shared/data/ner`` grouped into articles
(a title line and paragraphs of three sentences), or the seed repeated when they are absent.
"""

from __future__ import annotations

import os

# One core, as the target says: thinc/numpy must not spread work over threads.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "ner"
SEED = REPO / "articles" / "demo" / "seed.txt"
SHARED_SEED = REPO.parent / "shared" / "seed" / "000_aaff81e488369d2b.txt"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m articles.annotate.bench")
    parser.add_argument("--words", type=int, default=100_000, help="at least this many words")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    seed = _seed_text()
    articles = _corpus(args.words, seed)
    words = sum(len(a.split()) for a in articles)

    started = time.perf_counter()
    from . import annotate
    from .ner import load_ner

    load_ner()
    load_seconds = time.perf_counter() - started
    annotate(seed)  # warm the gazetteers and caches

    pipeline_seconds = _time(lambda: [annotate(a) for a in articles])
    tokenizer_seconds = _time_tokenizer(articles)
    seed_ms = statistics.median(_time(lambda: annotate(seed)) * 1000 for _ in range(20))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {len(articles)} articles, {words:,} words")
    print(f"model load: {load_seconds * 1000:.0f} ms (imports included)")
    print(f"pipeline: {words / pipeline_seconds:,.0f} words/s ({pipeline_seconds:.2f} s)")
    print(f"blank('id') tokenizer: {words / tokenizer_seconds:,.0f} words/s")
    print(f"ratio tokenizer/pipeline: {pipeline_seconds / tokenizer_seconds:.1f}x")
    print(f"seed article after loading: {seed_ms:.1f} ms (median of 20)")
    print(f"peak memory: {peak_mb:.0f} MB")


def _time(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _time_tokenizer(articles: list[str]) -> float:
    import spacy

    tokenizer = spacy.blank("id").tokenizer
    return _time(lambda: [tokenizer(a) for a in articles])


def _seed_text() -> str:
    path = SEED if SEED.exists() else SHARED_SEED
    return path.read_text(encoding="utf-8")


def _corpus(min_words: int, seed: str) -> list[str]:
    sentences = _gold_sentences()
    if not sentences:
        return [seed] * (min_words // len(seed.split()) + 1)
    articles: list[str] = []
    words = 0
    while words < min_words:
        for i in range(0, len(sentences), 16):
            chunk = sentences[i : i + 16]
            article = _as_article(chunk)
            articles.append(article)
            words += len(article.split())
            if words >= min_words:
                break
    return articles


def _as_article(sentences: list[str]) -> str:
    title, body = sentences[0], sentences[1:]
    paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    return "\n\n".join([title, *paragraphs])


def _gold_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(DATA.glob("*/*")):
        if path.suffix in (".txt", ".tsv") and path.stem in ("train", "dev"):
            sentences.extend(_read_conll(path))
    return sentences


def _read_conll(path: Path) -> list[str]:
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().replace("\t", " ").split(" ")
        if not line.strip():
            if tokens:
                sentences.append(" ".join(tokens))
            tokens = []
        else:
            tokens.append(parts[0])
    if tokens:
        sentences.append(" ".join(tokens))
    return sentences


if __name__ == "__main__":
    main()
