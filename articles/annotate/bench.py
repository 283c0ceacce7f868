"""``python -m articles.annotate.bench``: how fast the whole pipeline is on real articles.

Prints words per second of CPU time on one core over real news articles
(``../shared/data/articles/indosum-dev-articles.jsonl``, the first ``--articles``), the bare
model's speed on the same paragraphs, the time per character on a short and on a long text
made of the same articles (linear in length means the two agree), the model's load time and
the peak memory of the process. Without the articles file it falls back to the gold
sentences in ``../shared/data/ner`` grouped into articles, or the seed repeated.

``--snapshot FILE`` writes the mentions and entities found in those articles (and in the
long text) as JSON lines;
``--compare FILE`` annotates them again and prints how many articles now differ, to show that
a change made for speed changed nothing found.
``--model DIR`` times another Indonesian model (one made with ``train --out DIR``) for the
"model alone" line; the pipeline line always uses the shipped model.
"""

from __future__ import annotations

# One core, as the target says: the process is pinned to one CPU below, and the model's
# matrix products run on one BLAS thread (ner._numpy_matmul). Setting OMP_NUM_THREADS here
# would come too late: running this module imports the pipeline, and with it numpy, first.
import argparse
import json
import os
import resource
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
ARTICLES = SHARED / "data" / "articles" / "indosum-dev-articles.jsonl"
DATA = SHARED / "data" / "ner"
SEED = REPO / "articles" / "demo" / "seed.txt"
SHARED_SEED = SHARED / "seed" / "000_aaff81e488369d2b.txt"
LONG_TEXT_CHARS = 200_000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m articles.annotate.bench")
    parser.add_argument("--articles", type=int, default=400, help="how many real articles")
    parser.add_argument("--snapshot", type=Path, help="write what is found, as JSON lines")
    parser.add_argument("--compare", type=Path, help="count articles that differ from FILE")
    parser.add_argument("--model", type=Path, help="model for the model-alone line")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles = _articles(args.articles)
    if args.snapshot or args.compare:
        found = [_found(text) for text in [*articles, _long_text(articles)]]
        if args.snapshot:
            lines = (json.dumps(item, ensure_ascii=False, sort_keys=True) for item in found)
            args.snapshot.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{len(found)} articles written to {args.snapshot}")
        if args.compare:
            before = args.compare.read_text(encoding="utf-8").splitlines()
            now = [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in found]
            differ = sum(a != b for a, b in zip(before, now, strict=True))
            print(f"{differ} of {len(now)} articles differ from {args.compare}")
        return
    _bench(articles, args.model)


def _bench(articles: list[str], model_dir: Path | None = None) -> None:
    words = sum(len(a.split()) for a in articles)
    started = time.perf_counter()
    from . import annotate
    from .ner import MODEL_DIR, find_ner_spans, load_ner

    load_ner()
    load_seconds = time.perf_counter() - started
    for text in articles[:20]:  # warm the gazetteers, caches and the model's vocabulary
        _annotate(annotate, text)

    pipeline = _cpu(lambda: [_annotate(annotate, a) for a in articles])
    paragraphs = [p for a in articles for p in a.split("\n\n") if p.strip()]
    model_dir = model_dir or MODEL_DIR
    find_ner_spans(paragraphs[:200], model_dir=model_dir)  # load and warm it
    model = _cpu(lambda: find_ner_spans(paragraphs, model_dir=model_dir))
    long_text = _long_text(articles)
    short_text = long_text[: LONG_TEXT_CHARS // 10]
    short = min(_cpu(lambda: _annotate(annotate, short_text)) for _ in range(3))
    long = _cpu(lambda: _annotate(annotate, long_text))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {len(articles)} real articles, {words:,} words")
    print(f"model load: {load_seconds * 1000:.0f} ms (imports included)")
    print(f"pipeline: {words / pipeline:,.0f} words/s of CPU ({pipeline:.2f} s)")
    print(f"model alone on the same paragraphs: {words / model:,.0f} words/s of CPU")
    print(
        f"length: {len(short_text):,} chars in {short * 1000:.0f} ms, "
        f"{len(long_text):,} chars in {long * 1000:.0f} ms "
        f"(time per char, long/short: {(long / len(long_text)) / (short / len(short_text)):.2f})"
    )
    print(f"peak memory: {peak_mb:.0f} MB")


def _long_text(articles: list[str]) -> str:
    """One text of ``LONG_TEXT_CHARS`` characters made of the articles, cut at a paragraph."""
    text = "\n\n".join(articles)
    while len(text) < LONG_TEXT_CHARS:
        text += "\n\n" + text
    return text[: text.rfind("\n\n", 0, LONG_TEXT_CHARS)]


def _annotate(annotate, text: str):
    try:
        return annotate(text)
    except Exception as error:  # another stage's bug must not stop a speed measurement
        return error


def _found(text: str) -> dict:
    from . import annotate

    result = _annotate(annotate, text)
    if isinstance(result, Exception):
        return {"error": type(result).__name__}
    return {
        "mentions": [[m.start, m.end, m.label, m.entity] for m in result.mentions],
        "entities": [[e.id, e.label, e.name, e.aliases] for e in result.entities],
    }


def _cpu(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def _articles(count: int) -> list[str]:
    if ARTICLES.exists():
        with ARTICLES.open(encoding="utf-8") as lines:
            return [json.loads(line)["text"] for _, line in zip(range(count), lines, strict=False)]
    sentences = _gold_sentences()
    if not sentences:
        seed = (SEED if SEED.exists() else SHARED_SEED).read_text(encoding="utf-8")
        return [seed] * 40
    return [_as_article(sentences[i : i + 16]) for i in range(0, len(sentences), 16)][:count]


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
        if not line.strip():
            if tokens:
                sentences.append(" ".join(tokens))
            tokens = []
        else:
            tokens.append(line.replace("\t", " ").split(" ")[0])
    if tokens:
        sentences.append(" ".join(tokens))
    return sentences


if __name__ == "__main__":
    main()
