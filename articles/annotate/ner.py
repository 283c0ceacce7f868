"""The project's own spaCy NER model: load it once, find PER/ORG/LOC character spans.

The model is trained by ``python -m articles.annotate.train`` and shipped in ``model/``
beside this file (see ``model/README.md``), so nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language

MODEL_DIR = Path(__file__).with_name("model")


def load_ner(model_dir: Path | str = MODEL_DIR) -> Language:
    """The pipeline, loaded once per process and directory."""
    return _load(Path(model_dir).resolve())


@functools.cache
def _load(model_dir: Path) -> Language:
    return spacy.load(model_dir)


def find_ner_spans(
    texts: list[str], *, model_dir: Path | str = MODEL_DIR, batch_size: int = 64
) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) per entity, per text; offsets index into each text as given."""
    docs = load_ner(model_dir).pipe(texts, batch_size=batch_size)
    return [[(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents] for doc in docs]
