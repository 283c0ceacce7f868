"""Score NER against gold CoNLL/TSV files: ``python -m articles.annotate.evaluate FILE…``.

The text of each gold sentence is its tokens joined by single spaces; gold spans become
character offsets into that text, and a prediction counts only on an exact span and label
match. By default the full pipeline (``annotate``) is scored; ``--model-only`` scores the
bare spaCy model, which is what the training command tunes.

Honest measuring: each dev set is cut once, with a fixed seed, into a TUNE half (rules may be
looked at and tuned on it) and a MEASURE half that nobody tunes on
(``--part tune|measure``). The cut is stored in ``eval_split.json`` beside this file
(MEASURE sentence indices per file, made by ``--write-split``), so it never moves.
``--report`` prints model-only and pipeline P/R/F1 per type on both parts of both dev sets.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

CharSpan = tuple[int, int, str]
NER_TYPES = ("PER", "ORG", "LOC")
HERE = Path(__file__).resolve().parent
SPLIT_FILE = HERE / "eval_split.json"
SPLIT_SEED = "newsreader-measure-0"
DEV_SETS = ("idner-news-2k/dev.txt", "nerui-indolem/dev.tsv")
DEFAULT_DATA = HERE.parents[1].parent / "shared" / "data" / "ner"
# NER-UI and NER-UGM spell the labels out; idner-news-2k uses the short forms.
# NERGrit spells them ORGANISATION and PLACE.
LONG_LABELS = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOCATION": "LOC",
    "PLACE": "LOC",
}


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    spans: tuple[CharSpan, ...]


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> tuple[float, float, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = precision + recall
        return precision, recall, 2 * precision * recall / total if total else 0.0


@dataclass(slots=True)
class Scores:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in NER_TYPES})

    def add(self, gold: Iterable[CharSpan], predicted: Iterable[CharSpan]) -> None:
        for label, counts in self.by_type.items():
            counts.add(_with_label(gold, label), _with_label(predicted, label))

    def micro(self) -> Counts:
        counts = self.by_type.values()
        return Counts(
            tp=sum(c.tp for c in counts), fp=sum(c.fp for c in counts), fn=sum(c.fn for c in counts)
        )


def _with_label(spans: Iterable[CharSpan], label: str) -> set[CharSpan]:
    return {span for span in spans if span[2] == label}


def normalize_label(label: str) -> str:
    return LONG_LABELS.get(label, label)


def read_tagged_sentences(path: str | Path) -> list[list[tuple[str, str]]]:
    """(token, tag) pairs per sentence; the tag is the last column, tab or space separated."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        columns = line.split("\t") if "\t" in line else line.split()
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        current.append((columns[0], columns[-1]))
    if current:
        sentences.append(current)
    return sentences


def to_gold(tagged: Sequence[tuple[str, str]]) -> GoldSentence:
    """Join the tokens with single spaces and turn IOB2 tags into character spans."""
    starts, position = [], 0
    for token, _ in tagged:
        starts.append(position)
        position += len(token) + 1
    text = " ".join(token for token, _ in tagged)
    spans = []
    for first, last, label in _iob_runs([tag for _, tag in tagged]):
        spans.append((starts[first], starts[last] + len(tagged[last][0]), label))
    return GoldSentence(text, tuple(spans))


def _iob_runs(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, last token, label) per entity; a stray I- starts a new entity."""
    runs: list[tuple[int, int, str]] = []
    for index, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        label = normalize_label(label)
        continues = prefix == "I" and runs and runs[-1][1] == index - 1 and runs[-1][2] == label
        if continues:
            runs[-1] = (runs[-1][0], index, label)
        elif prefix in ("B", "I"):
            runs.append((index, index, label))
    return runs


def read_gold(path: str | Path, part: str = "all") -> list[GoldSentence]:
    """The gold sentences of a file, or of its TUNE or MEASURE part (see ``eval_split.json``)."""
    gold = [to_gold(tagged) for tagged in read_tagged_sentences(path)]
    if part == "all":
        return gold
    measure = set(measure_indices(path))
    wanted = part == "measure"
    return [sentence for i, sentence in enumerate(gold) if (i in measure) == wanted]


def split_key(path: str | Path) -> str:
    """``idner-news-2k/dev.txt``: the file's folder and name, as the split file names it."""
    path = Path(path)
    return f"{path.parent.name}/{path.name}"


def make_split(count: int, key: str) -> list[int]:
    """Half of ``count`` sentence indices, drawn with a fixed seed: the MEASURE part."""
    order = list(range(count))
    random.Random(f"{SPLIT_SEED}:{key}").shuffle(order)
    return sorted(order[: count // 2])


def measure_indices(path: str | Path) -> list[int]:
    key = split_key(path)
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    if key not in split:
        raise SystemExit(f"{key} has no TUNE/MEASURE split in {SPLIT_FILE.name}")
    return split[key]


def write_split(data_dir: Path) -> None:
    split = {}
    for name in DEV_SETS:
        count = len(read_tagged_sentences(data_dir / name))
        split[name] = make_split(count, name)
    lines = [f"  {json.dumps(name)}: {json.dumps(indices)}" for name, indices in split.items()]
    SPLIT_FILE.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def score_spans(gold: Sequence[GoldSentence], predicted: Sequence[Iterable[CharSpan]]) -> Scores:
    scores = Scores()
    for sentence, spans in zip(gold, predicted, strict=True):
        scores.add(sentence.spans, spans)
    return scores


def score_time(
    gold: Sequence[GoldSentence], predicted: Sequence[Iterable[tuple[int, int]]]
) -> tuple[Counts, Counts]:
    """Exact and overlap counts of TIME spans against predicted event spans."""
    exact, overlap = Counts(), Counts()
    for sentence, events in zip(gold, predicted, strict=True):
        gold_spans = {(s, e) for s, e, label in sentence.spans if label == "TIME"}
        events = set(events)
        exact.add(gold_spans, events)
        overlap.tp += sum(any(_overlaps(g, p) for p in events) for g in gold_spans)
        overlap.fn += sum(not any(_overlaps(g, p) for p in events) for g in gold_spans)
        overlap.fp += sum(not any(_overlaps(p, g) for g in gold_spans) for p in events)
    return exact, overlap


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


Predictor = Callable[[list[str]], tuple[list[list[CharSpan]], list[list[tuple[int, int]]]]]


def model_predictor(model_dir: Path | None = None) -> Predictor:
    from .ner import MODEL_DIR, find_ner_spans

    def predict(texts: list[str]) -> tuple[list[list[CharSpan]], list[list[tuple[int, int]]]]:
        return find_ner_spans(texts, model_dir=model_dir or MODEL_DIR), [[] for _ in texts]

    return predict


def predict_with_pipeline(
    texts: list[str], anchor: date | None = None
) -> tuple[list[list[CharSpan]], list[list[tuple[int, int]]]]:
    from . import annotate

    mentions, events = [], []
    for text in texts:
        result = annotate(text, language="id", published=anchor)
        mentions.append([(m.start, m.end, m.label) for m in result.mentions])
        events.append([(e.start, e.end) for e in result.events])
    return mentions, events


def format_counts(name: str, counts: Counts) -> str:
    precision, recall, f1 = counts.prf()
    support = counts.tp + counts.fn
    return f"  {name:<12} P {precision:6.2%}  R {recall:6.2%}  F1 {f1:6.2%}  (gold {support})"


def evaluate_file(path: str | Path, predict: Predictor, part: str = "all") -> list[str]:
    """Report lines for one gold file (or its TUNE or MEASURE part)."""
    gold = read_gold(path, part)
    mentions, events = predict([sentence.text for sentence in gold])
    scores = score_spans(gold, mentions)
    where = "" if part == "all" else f" {part.upper()}"
    lines = [f"{path}{where}  ({len(gold)} sentences)"]
    lines += [format_counts(label, counts) for label, counts in scores.by_type.items()]
    lines.append(format_counts("micro", scores.micro()))
    if any(label == "TIME" for sentence in gold for *_, label in sentence.spans):
        exact, overlap = score_time(gold, events)
        lines.append(format_counts("TIME exact", exact))
        lines.append(format_counts("TIME overlap", overlap))
    return lines


def report(data_dir: Path, model_dir: Path | None = None) -> list[str]:
    """Model-only and pipeline P/R/F1 per type on the TUNE and MEASURE parts of both dev sets."""
    lines = []
    predictors = {"model-only": model_predictor(model_dir), "pipeline": predict_with_pipeline}
    for part in ("measure", "tune"):
        for name in DEV_SETS:
            for what, predict in predictors.items():
                if what == "pipeline" and model_dir is not None:
                    continue
                lines.append(f"[{what}]")
                lines += evaluate_file(data_dir / name, predict, part)
    return lines


def error_lines(path: str | Path, part: str = "tune") -> list[str]:
    """The pipeline's false positives and negatives per sentence, beside the bare model's.

    For looking at rules' errors on a TUNE half or on train files, never on MEASURE: a dev
    set's MEASURE half (or the whole file, which holds it) is refused.
    """
    path = Path(path)
    split = split_key(path) in DEV_SETS
    if part == "measure" or (part == "all" and split):
        raise SystemExit("--errors lists a TUNE half or a train file, never MEASURE")
    gold = read_gold(path, part if split else "all")
    texts = [sentence.text for sentence in gold]
    pipeline, _ = predict_with_pipeline(texts)
    model, _ = model_predictor()(texts)
    lines, rule_costs, rule_gains = [], 0, 0
    for index, (sentence, found, bare) in enumerate(zip(gold, pipeline, model, strict=True)):
        truth, found, bare = set(sentence.spans) - _time_spans(sentence), set(found), set(bare)
        rule_gains += len((truth & found) - bare)
        if truth == found:
            continue
        lines.append(f"[{index}] {sentence.text}")
        for kind, spans in (("FP", found - truth), ("FN", truth - found)):
            for start, end, label in sorted(spans):
                agrees = ((start, end, label) in bare) == (kind == "FP")
                rule_costs += not agrees
                note = "" if agrees else "  (model right)"
                lines.append(f"  {kind} {label} {sentence.text[start:end]!r}{note}")
        if bare != found:
            model_said = ", ".join(f"{sentence.text[s:e]!r} {t}" for s, e, t in sorted(bare))
            lines.append(f"  model: {model_said}")
    lines.append(f"errors the model alone did not make: {rule_costs}; rule gains: {rule_gains}")
    return lines


def _time_spans(sentence: GoldSentence) -> set[CharSpan]:
    return {span for span in sentence.spans if span[2] not in NER_TYPES}


ENGLISH_FIXTURES = HERE / "model-en" / "wire_fixtures.json"


def english_fixture_counts() -> Counts:
    """Mentions of the full pipeline (language en) against the English wire fixtures.

    A fixture lists (text, label) per entity mention; a mention counts when its text and
    label match one listed and not yet matched.
    """
    from collections import Counter

    from . import annotate

    counts = Counts()
    for fixture in json.loads(ENGLISH_FIXTURES.read_text(encoding="utf-8")):
        result = annotate(fixture["text"], language="en")
        gold = Counter(tuple(pair) for pair in fixture["entities"])
        found = Counter((m.text, m.label) for m in result.mentions)
        counts.tp += sum((gold & found).values())
        counts.fp += sum((found - gold).values())
        counts.fn += sum((gold - found).values())
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--part", choices=("all", "tune", "measure"), default="all")
    parser.add_argument("--report", action="store_true", help="both parts of both dev sets")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write-split", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--english", action="store_true", help="the pipeline on the English wire fixtures"
    )
    parser.add_argument("--model-only", action="store_true", help="score the bare NER model")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list the pipeline's errors per sentence (a TUNE half or train file only)",
    )
    parser.add_argument("--model", type=Path, help="with --model-only: a model other than ours")
    parser.add_argument(
        "--anchor",
        type=date.fromisoformat,
        help="publication date assumed for every sentence (YYYY-MM-DD): gold sentences have "
        "none, and relative dates (`Senin`, `Mei lalu`) are only found with one",
    )
    args = parser.parse_args(argv)
    if args.write_split:
        write_split(args.data)
        return
    if args.english:
        print(format_counts("English wire fixtures", english_fixture_counts()))
        return
    if args.report:
        print("\n".join(report(args.data, args.model)))
        return
    if not args.files:
        parser.error("give gold files, or --report")
    if args.errors:
        for path in args.files:
            print("\n".join(error_lines(path, args.part)))
        return
    if args.model_only:
        predict = model_predictor(args.model)
    else:
        predict = functools.partial(predict_with_pipeline, anchor=args.anchor)
    for path in args.files:
        print("\n".join(evaluate_file(path, predict, args.part)))


if __name__ == "__main__":
    main()
