"""Train the shipped NER model: ``python -m articles.annotate.train [--data DIR] [--out DIR]``.

Reads the *train* splits of idner-news-2k and NER-UI, holds out a seeded 10% of each for
model selection (the dev splits are never seen here: they are only for measuring), adds
name-swapped, case and quotation-mark variants of the rest, and trains ``ner.cfg`` on
``spacy.blank("id")``. The same seed gives the same model.

``--pretrain`` (an experiment, not in the shipped model) first runs ``spacy pretrain`` on
unlabelled Indonesian text (the IndoSum articles in ``../shared/data/articles`` and the words
of the train sentences; settings in ``pretrain.cfg``, seeded) and starts the tok2vec layer
from those weights; ``--init-tok2vec FILE`` starts it from weights made before.

``--nnp`` (an experiment, not in the shipped model) first trains a ``[tok2vec, tagger]``
pipeline with the same tok2vec architecture on the POS-tagged corpus that the nlp-id package
ships (``nlp_id/data/dataset_postag.txt``, MIT; its tags include NNP, proper noun), seeded,
and starts the NER's tok2vec layer from that tok2vec's weights.

``--vectors`` (an experiment, not in the shipped model) first trains floret subword vectors
on the same unlabelled text, tokenised as at run time (settings in ``FLORET``; one thread
and floret's fixed seed, so every run gives the same vectors, whatever ``--seed``), and feeds
them to the tok2vec layer as static vectors.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training.pretrain import pretrain as spacy_pretrain

from .evaluate import LONG_LABELS, read_tagged_sentences, to_gold

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "ner"
DEFAULT_OUT = HERE / "model"
CONFIG = HERE / "ner.cfg"
PRETRAIN_CONFIG = HERE / "pretrain.cfg"
DEFAULT_RAW = REPO_ROOT.parent / "shared" / "data" / "articles" / "indosum-dev-articles.jsonl"
SOURCES = ("idner-news-2k/train.txt", "nerui-indolem/train.tsv")
# Encyclopedia-style extra data (``--extra nergrit``): names the news sets never show.
EXTRA_SOURCES = {"nergrit": ("nergrit-indonlu/train.tsv", "nergrit-indonlu/valid.tsv")}
HOLDOUT_SHARE = 0.1
UPPER_SHARE = 0.15  # headlines and datelines arrive in capitals: "PUTIN TIBA DI SURIAH"
TITLE_SHARE = 0.05  # and in Title Case
QUOTE_SHARE = 0.3  # idner-news-2k had its double quotes stripped; real articles keep them
SWAP_SHARE = 0.3  # names swapped between sentences, so that context counts, not memorised names
# Names from lists shipped in packages (``names.py``): people, places and organisations the
# gold data never shows, so that unseen names are seen in news contexts.
REPLACE_SHARE = 0.0
QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'"))
KEEP_ON_DISK = ("README.md",)
# floret vectors for ``--vectors``: 50,000 hashed rows of 100 floats (20 MB in the model),
# each word and its 3- to 5-character pieces hashed twice into them.
FLORET = {
    "model": "skipgram",
    "mode": "floret",
    "dim": 100,
    "minn": 3,
    "maxn": 5,
    "hashCount": 2,
    "bucket": 50000,
    "epoch": 10,
    "minCount": 2,
    "thread": 1,
}

Tagged = list[tuple[str, str]]


def read_sources(data_dir: Path, extra: Sequence[str] = ()) -> list[list[Tagged]]:
    """Tags as each file spells them (``make_docs`` maps them to PER/ORG/LOC)."""
    names = [*SOURCES, *(path for key in extra for path in EXTRA_SOURCES[key])]
    return [read_tagged_sentences(data_dir / name) for name in names]


def split_holdout(sentences: list[Tagged], rng: random.Random) -> tuple[list, list]:
    """A seeded share of the sentences for model selection, the rest for training."""
    order = list(range(len(sentences)))
    rng.shuffle(order)
    cut = round(len(order) * HOLDOUT_SHARE)
    held = set(order[:cut])
    train = [s for i, s in enumerate(sentences) if i not in held]
    return train, [sentences[i] for i in sorted(held)]


def augment(
    sentences: list[Tagged], rng: random.Random, replace_share: float = REPLACE_SHARE
) -> list[Tagged]:
    """The sentences plus seeded upper-case, title-case, quoted and name-swapped copies."""
    extra = []
    names = collect_names(sentences)
    listed = listed_names(rng) if replace_share else {}
    for tagged in sentences:
        if rng.random() < SWAP_SHARE:
            extra.append(swap_names(tagged, names, rng))
        if replace_share and rng.random() < replace_share and entity_runs(tagged):
            extra.append(swap_names(tagged, listed, rng))
        if rng.random() < UPPER_SHARE:
            extra.append([(token.upper(), tag) for token, tag in tagged])
        if rng.random() < TITLE_SHARE:
            extra.append([(token[:1].upper() + token[1:], tag) for token, tag in tagged])
        if rng.random() < QUOTE_SHARE:
            extra.append(add_quotes(tagged, rng))
    return sentences + extra


def entity_runs(tagged: Tagged) -> list[tuple[int, int, str]]:
    """(first, end, label) of each entity, end exclusive."""
    runs: list[tuple[int, int, str]] = []
    for index, (_, tag) in enumerate(tagged):
        if tag.startswith("B-") or (tag.startswith("I-") and not runs):
            runs.append((index, index + 1, tag[2:]))
        elif tag.startswith("I-") and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1, runs[-1][2])
    return runs


def collect_names(sentences: list[Tagged]) -> dict[str, list[list[str]]]:
    """Token lists of every entity in the sentences, by label."""
    names: dict[str, list[list[str]]] = {}
    for tagged in sentences:
        for first, end, label in entity_runs(tagged):
            names.setdefault(label, []).append([token for token, _ in tagged[first:end]])
    return names


def swap_names(tagged: Tagged, names: dict[str, list[list[str]]], rng: random.Random) -> Tagged:
    """The sentence with each entity replaced by another entity of the same label."""
    swapped: Tagged = []
    position = 0
    for first, end, label in entity_runs(tagged):
        tokens = rng.choice(names[label])
        swapped += tagged[position:first]
        swapped += [(t, ("B-" if i == 0 else "I-") + label) for i, t in enumerate(tokens)]
        position = end
    return swapped + tagged[position:]


def add_quotes(tagged: Tagged, rng: random.Random) -> Tagged:
    """Wrap a random run of tokens in quotation marks without cutting through an entity."""
    cuts = [i for i in range(len(tagged) + 1) if i == len(tagged) or tagged[i][1][:2] != "I-"]
    first = rng.choice(cuts)
    last = rng.choice([c for c in cuts if c > first] or [first])
    opening, closing = rng.choice(QUOTE_PAIRS)
    return [*tagged[:first], (opening, "O"), *tagged[first:last], (closing, "O"), *tagged[last:]]


def make_docs(nlp: Language, sentences: Sequence[Tagged]) -> list[Doc]:
    """Docs tokenised as at run time, from the gold text, with the gold entities set."""
    docs = []
    for tagged in sentences:
        gold = to_gold(tagged)
        doc = nlp.make_doc(gold.text)
        spans = [doc.char_span(s, e, label, alignment_mode="expand") for s, e, label in gold.spans]
        doc.ents = spacy.util.filter_spans([span for span in spans if span is not None])
        docs.append(doc)
    return docs


# Faker's person-name lists in Latin script: Indonesian first, then the names foreign news
# brings most (English, Arabic-derived via Indonesian and Turkish, European).
NAME_LOCALES = ("id_ID", "id_ID", "id_ID", "en_US", "tr_TR", "fr_FR", "de_DE", "es_ES", "nl_NL")
# Heads of organisation names in Indonesian news, combined with listed names.
ORG_PATTERNS = (
    "PT {last}",
    "PT {last} {last} Tbk",
    "Bank {last}",
    "Partai {last}",
    "Universitas {place}",
    "Pemerintah Kota {place}",
    "Polres {place}",
    "Polda {place}",
    "Pengadilan Negeri {place}",
    "Kejaksaan Negeri {place}",
    "DPRD {place}",
    "Persatuan {place}",
    "Yayasan {last}",
    "Kementerian {word}",
    "Badan {word} Nasional",
    "Komisi {word}",
    "{acronym}",
    "{acronym}",
    "{acronym}",
)
ORG_WORDS = (
    "Pertanian Perhubungan Perdagangan Keuangan Kesehatan Pendidikan Pariwisata Pertahanan "
    "Perindustrian Kehutanan Kelautan Energi Pemilihan Penanggulangan Pengawasan Perencanaan "
    "Informasi Olahraga Kebudayaan Sosial Agama Hukum"
).split()
LISTED_COUNT = 4000


def listed_names(rng: random.Random) -> dict[str, list[list[str]]]:
    """People, places and organisations made from name lists that ship in packages.

    People: Faker's first and last names (``NAME_LOCALES``). Places: Babel's territory names
    in Indonesian and Faker's Indonesian cities and provinces. Organisations:
    ``ORG_PATTERNS`` filled with those names, and made-up acronyms.
    """
    from babel import Locale
    from faker.providers.address.id_ID import Provider as IndonesianAddress

    firsts, lasts = _faker_names()
    towns = sorted({*IndonesianAddress.cities, *IndonesianAddress.states})
    countries = {
        name
        for code, name in Locale("id").territories.items()
        if code.isalpha() and code not in ("XA", "XB", "ZZ", "EU", "EZ", "UN", "QO")
    }
    places = sorted({*towns, *(c for c in countries if "(" not in c)})
    people = []
    for _ in range(LISTED_COUNT):
        shape = rng.random()
        locale = rng.randrange(len(firsts))
        first, last = firsts[locale], lasts[locale] or firsts[locale]
        if shape < 0.3:
            people.append(rng.choice(first))
        elif shape < 0.85:
            people.append(f"{rng.choice(first)} {rng.choice(last)}")
        else:
            people.append(f"{rng.choice(first)} {rng.choice(first)} {rng.choice(last)}")
    organisations = []
    for _ in range(LISTED_COUNT // 2):
        pattern = rng.choice(ORG_PATTERNS)
        organisations.append(
            pattern.format(
                last=rng.choice(lasts[0] or firsts[0]).capitalize(),
                place=rng.choice(towns),
                word=rng.choice(ORG_WORDS),
                acronym="".join(
                    rng.choice("ABCDEFGHIJKLMNOPRSTUW") for _ in range(rng.choice((2, 3, 3, 4, 5)))
                ),
            )
        )
    by_label = {
        "PER": [name.split() for name in people],
        "LOC": [name.split() for name in places],
        "ORG": [name.split() for name in organisations],
    }
    # The files spell labels out (`PERSON`, `ORGANISATION`): every spelling finds its list.
    return {**{long: by_label[short] for long, short in LONG_LABELS.items()}, **by_label}


def _faker_names() -> tuple[list[list[str]], list[list[str]]]:
    import importlib

    firsts, lasts = [], []
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        first = getattr(provider, "first_names", None) or [
            *provider.first_names_male,
            *provider.first_names_female,
        ]
        last = getattr(provider, "last_names", ())
        firsts.append(sorted({n for n in first if n.isalpha()}))
        lasts.append(sorted({n for n in last if n.replace(" ", "").isalpha()}))
    return firsts, lasts


def write_corpus(
    data_dir: Path,
    seed: int,
    corpus_dir: Path,
    extra: Sequence[str] = (),
    replace_share: float = REPLACE_SHARE,
) -> tuple[Path, Path]:
    # Two generators, so that changing the augmentation never moves the held-out split.
    split_rng, augment_rng = random.Random(seed), random.Random(f"augment-{seed}")
    nlp = spacy.blank("id")
    train, held = [], []
    for index, sentences in enumerate(read_sources(data_dir, extra)):
        part_train, part_held = split_holdout(sentences, split_rng)
        train += augment(part_train, augment_rng, replace_share)
        # Only the news sets pick the checkpoint: the model is for news.
        if index < len(SOURCES):
            held += part_held
        else:
            train += part_held
    paths = corpus_dir / "train.spacy", corpus_dir / "holdout.spacy"
    for path, part in zip(paths, (train, held), strict=True):
        DocBin(docs=make_docs(nlp, part)).to_disk(path)
    print(f"train sentences (with variants): {len(train)}, held out: {len(held)}")
    return paths


def raw_lines(data_dir: Path, articles: Path) -> list[str]:
    """Unlabelled text, one paragraph or sentence a line: the articles' paragraphs, then the
    train sentences of the news sets (their words only)."""
    lines = []
    with articles.open(encoding="utf-8") as rows:
        for row in rows:
            for paragraph in json.loads(row)["text"].split("\n\n"):
                if paragraph.split():
                    lines.append(" ".join(paragraph.split()))
    for sentences in read_sources(data_dir):
        lines += [" ".join(token for token, _ in tagged) for tagged in sentences]
    return lines


def write_raw_text(data_dir: Path, articles: Path, path: Path) -> int:
    """The raw text for pretraining as JSON lines; the number of words."""
    lines = raw_lines(data_dir, articles)
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
    return sum(len(line.split()) for line in lines)


def train_vectors(data_dir: Path, articles: Path, work: Path) -> Path:
    """floret vectors (``FLORET``) trained on the raw text, tokenised by the ``blank("id")``
    tokenizer as at run time; the folder of a spaCy pipeline holding them."""
    import floret
    from spacy.training.initialize import convert_vectors

    nlp = spacy.blank("id")
    text = work / "floret.txt"
    with text.open("w", encoding="utf-8") as out:
        for doc in nlp.tokenizer.pipe(raw_lines(data_dir, articles)):
            out.write(" ".join(token.text for token in doc if not token.is_space) + "\n")
    began = time.perf_counter()
    model = floret.train_unsupervised(str(text), verbose=0, **FLORET)
    model.save_floret_vectors(str(work / "vectors.floret"))
    print(f"floret vectors on {len(model.words):,} words in {time.perf_counter() - began:.0f} s")
    convert_vectors(nlp, work / "vectors.floret", truncate=0, prune=-1, mode="floret")
    nlp.to_disk(work / "vectors")
    return work / "vectors"


def with_pretraining(config_path: Path, work: Path) -> Path:
    """``config_path`` with ``pretrain.cfg`` merged in, written to ``work``."""
    merged = spacy.util.load_config(config_path).merge(spacy.util.load_config(PRETRAIN_CONFIG))
    path = work / "ner-pretrain.cfg"
    merged.to_disk(path)
    return path


def pretrain_tok2vec(
    data_dir: Path, articles: Path, config_path: Path, overrides: dict, work: Path
) -> Path:
    """``spacy pretrain`` on the raw text; the path of the last epoch's tok2vec weights.

    ``overrides`` are the training's (seed, architecture), so that the weights fit."""
    raw = work / "raw.jsonl"
    words = write_raw_text(data_dir, articles, raw)
    print(f"pretraining on {words:,} words of raw text")
    config = spacy.util.load_config(
        config_path, overrides={**overrides, "paths.raw_text": str(raw)}, interpolate=True
    )
    (work / "pretrain").mkdir()
    spacy_pretrain(config, work / "pretrain", silent=False, skip_last=True)
    return work / "pretrain" / f"model{config['pretraining']['max_epochs'] - 1}.bin"


NNP_STEPS = 3000
NNP_HOLDOUT = 500


def nlp_id_postag_path() -> Path:
    """The POS corpus inside the installed nlp-id package (found without importing it:
    its ``__init__`` needs NLTK, which only the data does not)."""
    import importlib.util

    spec = importlib.util.find_spec("nlp_id")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("--nnp needs the nlp-id package: pip install --no-deps nlp-id")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset_postag.txt"


def read_postag(path: Path) -> list[Tagged]:
    """Sentences of (word, tag): one ``word<TAB>tag`` a line, a blank line between."""
    sentences: list[Tagged] = []
    current: Tagged = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[0].strip():
            current.append((parts[0].strip(), parts[1].strip().upper()))
        elif not line.strip() and current:
            sentences.append(current)
            current = []
    return sentences + ([current] if current else [])


def nnp_tok2vec(config_path: Path, overrides: dict, seed: int, work: Path) -> Path:
    """Train ``[tok2vec, tagger]`` on nlp-id's POS corpus; the tok2vec weights' path.

    The tok2vec section is the NER config's (with ``overrides``), so that the weights fit;
    the bytes are what ``spacy pretrain`` writes and ``init_tok2vec`` reads."""
    sentences = read_postag(nlp_id_postag_path())
    order = list(range(len(sentences)))
    random.Random(f"nnp-{seed}").shuffle(order)
    vocab = spacy.blank("id").vocab
    parts = {"nnp-holdout": order[:NNP_HOLDOUT], "nnp-train": order[NNP_HOLDOUT:]}
    for name, indices in parts.items():
        docs = []
        for i in sorted(indices):
            words, tags = zip(*sentences[i], strict=True)
            docs.append(Doc(vocab, words=list(words), tags=list(tags)))
        DocBin(docs=docs).to_disk(work / f"{name}.spacy")
    print(f"tagger pretraining on {len(order) - NNP_HOLDOUT:,} nlp-id sentences")
    config = spacy.util.load_config(config_path, overrides=overrides, interpolate=True)
    config["nlp"]["pipeline"] = ["tok2vec", "tagger"]
    tagger_tok2vec = dict(config["components"].pop("ner")["model"]["tok2vec"])
    config["components"]["tagger"] = {
        "factory": "tagger",
        "model": {"@architectures": "spacy.Tagger.v2", "nO": None, "tok2vec": tagger_tok2vec},
    }
    config["corpora"]["train"]["path"] = str(work / "nnp-train.spacy")
    config["corpora"]["dev"]["path"] = str(work / "nnp-holdout.spacy")
    config["training"].update(max_steps=NNP_STEPS, eval_frequency=500)
    config["training"]["score_weights"] = {"tag_acc": 1.0}
    config["initialize"]["init_tok2vec"] = None
    tagger_config = work / "nnp-tagger.cfg"
    config.to_disk(tagger_config)
    spacy_train(tagger_config, work / "nnp-output", use_gpu=-1)
    tok2vec = spacy.load(work / "nnp-output" / "model-best").get_pipe("tok2vec").model
    path = work / "nnp-tok2vec.bin"
    path.write_bytes(tok2vec.to_bytes())
    return path


def save_model(best: Path, out: Path, data_dir: Path) -> None:
    """Only what loading needs (no checkpoints, no optimiser state), and the data licence."""
    nlp = spacy.load(best)
    nlp.meta.update(
        name="newsreader_ner",
        version="1.0.0",
        license="MIT (idner-news-2k) and CC BY 4.0 (NER-UI)",
        description="PER/ORG/LOC for Indonesian news; see README.md in this folder",
    )
    out.mkdir(parents=True, exist_ok=True)
    for child in out.iterdir():
        if child.name not in KEEP_ON_DISK:
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    nlp.to_disk(out)
    forget_corpus_paths(out / "config.cfg")
    # MIT asks for its notice to travel with substantial portions; the model is derived data.
    shutil.copyfile(data_dir / "idner-news-2k" / "LICENSE", out / "LICENSE-idner-news-2k")


def forget_corpus_paths(config_path: Path) -> None:
    """The corpora lived in a temporary folder; keep the shipped config the same every run."""
    config = spacy.util.load_config(config_path)
    for key in ("train", "dev", "init_tok2vec", "raw_text", "vectors"):
        if key in config["paths"]:
            config["paths"][key] = None
    config.to_disk(config_path)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--extra", action="append", choices=sorted(EXTRA_SOURCES), default=[])
    parser.add_argument(
        "--replace-share",
        type=float,
        default=REPLACE_SHARE,
        help="share of sentences copied with names from package name lists",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="config override, e.g. components.tok2vec.model.encode.width=128",
    )
    parser.add_argument(
        "--pretrain", action="store_true", help="spacy pretrain the tok2vec layer first"
    )
    parser.add_argument(
        "--vectors", action="store_true", help="train floret vectors first, use them as static"
    )
    parser.add_argument(
        "--raw", type=Path, default=DEFAULT_RAW, help="articles for --pretrain and --vectors"
    )
    parser.add_argument("--init-tok2vec", type=Path, help="tok2vec weights to start from")
    parser.add_argument(
        "--nnp", action="store_true", help="train the tok2vec layer as a POS tagger first"
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ner-train-") as work:
        overrides = {"system.seed": args.seed}
        if args.vectors:
            vectors = train_vectors(args.data, args.raw, Path(work))
            overrides["paths.vectors"] = str(vectors)
            overrides["components.tok2vec.model.embed.include_static_vectors"] = True
        for item in args.set:
            key, _, value = item.partition("=")
            overrides[key] = json.loads(value)
        config, init_tok2vec = args.config, args.init_tok2vec
        if args.nnp:
            init_tok2vec = nnp_tok2vec(config, overrides, args.seed, Path(work))
            print(f"tagger pretraining done at {time.perf_counter() - began:.0f} s")
        if args.pretrain or init_tok2vec:
            config = with_pretraining(config, Path(work))
        if args.pretrain:
            init_tok2vec = pretrain_tok2vec(args.data, args.raw, config, overrides, Path(work))
        train_path, held_path = write_corpus(
            args.data, args.seed, Path(work), args.extra, args.replace_share
        )
        overrides.update(
            {
                "paths.train": str(train_path),
                "paths.dev": str(held_path),
                "paths.init_tok2vec": str(init_tok2vec) if init_tok2vec else None,
            }
        )
        spacy_train(config, Path(work) / "output", use_gpu=-1, overrides=overrides)
        save_model(Path(work) / "output" / "model-best", args.out, args.data)
    print(f"model written to {args.out} in {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
