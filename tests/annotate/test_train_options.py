"""The NER training command's options for experiments (``--pretrain``, ``--nnp``,
``--vectors``): the data they read and the config they write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from articles.annotate import train
from articles.annotate.train import (
    CONFIG,
    forget_corpus_paths,
    read_postag,
    with_pretraining,
    write_raw_text,
)


def write_sources(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """Two one-sentence train files and an articles file of one ``text``: (data, articles)."""
    data = tmp_path / "ner"
    (data / "idner-news-2k").mkdir(parents=True)
    (data / "nerui-indolem").mkdir()
    (data / "idner-news-2k" / "train.txt").write_text(
        "Budi PROPN B-PER\ntiba VERB O\n", encoding="utf-8"
    )
    (data / "nerui-indolem" / "train.tsv").write_text("di\tO\nBali\tB-LOCATION\n", encoding="utf-8")
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    return data, articles


def test_raw_text_is_the_articles_paragraphs_then_the_train_sentences(tmp_path: Path) -> None:
    data, articles = write_sources(tmp_path, "JAKARTA - Satu  dua\ntiga.\n\n\n\nEmpat lima.")
    raw = tmp_path / "raw.jsonl"
    words = write_raw_text(data, articles, raw)
    lines = [json.loads(line)["text"] for line in raw.read_text(encoding="utf-8").splitlines()]
    assert lines == ["JAKARTA - Satu dua tiga.", "Empat lima.", "Budi tiba", "di Bali"]
    assert words == 11


def test_the_pretraining_config_fits_the_ner_config(tmp_path: Path) -> None:
    merged = spacy.util.load_config(with_pretraining(CONFIG, tmp_path)).interpolate()
    shipped = spacy.util.load_config(CONFIG).interpolate()
    # init_tok2vec loads the pretrained layer into this very architecture.
    assert merged["components"] == shipped["components"]
    assert merged["training"] == shipped["training"]
    assert merged["pretraining"]["component"] == "tok2vec"
    assert merged["corpora"]["pretrain"]["@readers"] == "spacy.JsonlCorpus.v1"


def test_the_saved_config_forgets_temporary_paths_and_adds_none(tmp_path: Path) -> None:
    path = tmp_path / "config.cfg"
    config = spacy.util.load_config(CONFIG)
    config["paths"].update(train="/tmp/x/train.spacy", init_tok2vec="/tmp/x/model5.bin")
    config.to_disk(path)
    forget_corpus_paths(path)
    paths = spacy.util.load_config(path)["paths"]
    assert paths["train"] is None and paths["init_tok2vec"] is None
    assert "raw_text" not in paths


def test_the_pos_corpus_is_read_sentence_by_sentence(tmp_path: Path) -> None:
    # nlp-id's layout: word<TAB>tag, a blank line between sentences; a stray lower-case tag
    # and a line without a tag occur in the shipped file.
    path = tmp_path / "dataset_postag.txt"
    path.write_text("Budi\tNNP\ntiba\tvb\n\n\nDi\tIN\nrusak\nBali\tNNP\n", encoding="utf-8")
    assert read_postag(path) == [
        [("Budi", "NNP"), ("tiba", "VB")],
        [("Di", "IN"), ("Bali", "NNP")],
    ]


def test_floret_vectors_come_from_the_raw_text_tokenised_as_at_run_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, articles = write_sources(
        tmp_path, "JAKARTA - Budi (Bali) tiba.\n\nBudi tiba di Bali, Jumat."
    )
    # Tiny settings, so that the test takes no time; the real ones only differ in size.
    tiny = {**train.FLORET, "dim": 8, "bucket": 100, "epoch": 1, "minCount": 1}
    monkeypatch.setattr(train, "FLORET", tiny)
    folder = train.train_vectors(data, articles, tmp_path)
    lines = (tmp_path / "floret.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["JAKARTA - Budi ( Bali ) tiba .", "Budi tiba di Bali , Jumat ."]
    assert lines[2:] == ["Budi tiba", "di Bali"]
    vectors = spacy.load(folder).vocab.vectors
    assert vectors.mode == "floret"
    assert vectors.shape == (100, 8)
    assert vectors.get_batch(["Bandung"]).shape == (1, 8)  # any word gets a vector
