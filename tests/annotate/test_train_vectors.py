"""The ``--vectors`` option of the NER training command: floret vectors from the raw text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from articles.annotate import train


def test_floret_vectors_come_from_the_raw_text_tokenised_as_at_run_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "ner"
    (data / "idner-news-2k").mkdir(parents=True)
    (data / "nerui-indolem").mkdir()
    (data / "idner-news-2k" / "train.txt").write_text(
        "Budi PROPN B-PER\ntiba VERB O\n", encoding="utf-8"
    )
    (data / "nerui-indolem" / "train.tsv").write_text("di\tO\nBali\tB-LOCATION\n", encoding="utf-8")
    articles = tmp_path / "articles.jsonl"
    text = "JAKARTA - Budi (Bali) tiba.\n\nBudi tiba di Bali, Jumat."
    articles.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
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
