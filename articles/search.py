"""Search terms, and short excerpts of stored text with words marked.

Excerpts go through ``articles.highlight``, the one function that turns ingested text into
HTML: every slice is escaped there and only our own ``<mark>`` tags are added. PostgreSQL's
``ts_headline`` is never used, since its output is the stored text unescaped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from django.utils.safestring import SafeString, mark_safe

from articles.highlight import Mark, highlight

# Words, keeping numbers such as 230.000 or 1,5 whole (PostgreSQL's parser does too).
_TERM = re.compile(r"\w+(?:[.,]\w+)*")
MAX_TERMS = 8
SNIPPET_CHARS = 240
SENTENCE_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n")
_COMBINING = "[\u0300-\u036f]*"
_WORD = re.compile(r"\w+")
ELLIPSIS = "…"


def fold(text: str) -> str:
    """Lower case without accents: ``Désember`` -> ``desember``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def build_accent_classes() -> dict[str, str]:
    """``e`` -> ``[eèéêë…]``: each Latin letter with its accented forms."""
    variants: dict[str, set[str]] = defaultdict(set)
    for code in range(0xC0, 0x250):
        character = chr(code)
        base = fold(character)
        if len(base) == 1 and base.isascii() and base.isalpha():
            variants[base].add(character.casefold())
    return {base: "[" + base + "".join(sorted(chars)) + "]" for base, chars in variants.items()}


_ACCENT_CLASSES = build_accent_classes()


def search_terms(query: str) -> list[str]:
    """The distinct words of a query in lower case, at most ``MAX_TERMS``."""
    terms = dict.fromkeys(term.casefold() for term in _TERM.findall(query))
    return list(terms)[:MAX_TERMS]


# Stems: Indonesian words reduced to their root by Sastrawi (``terbunuh``, ``dibunuh`` and
# ``pembunuhan`` are all ``bunuh``), so a search for the root finds every affixed form.
# Stored beside the words (``Article.search_stems``) and ranked below them: a stemmer
# sometimes cuts too much (``pasukannya`` -> ``pasu``), and the exact word is the better hit.
MIN_STEMMED_CHARS = 4


@cache
def stemmer():
    """Sastrawi's stemmer with its cache of words already stemmed (one per process)."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The root of an Indonesian word (folded: lower case, no accents); other tokens, such as
    numbers and short words, as they are. Cached here: Sastrawi's own cache still cleans
    the text of every call first."""
    if len(word) < MIN_STEMMED_CHARS or not word.isalpha() or not word.isascii():
        return word
    return stemmer().stem(word) or word


def document_words(*texts: str) -> list[str]:
    """The distinct folded words of the texts, in order of first appearance."""
    return list(dict.fromkeys(fold(word) for text in texts for word in _TERM.findall(text)))


def document_stems(words: Iterable[str]) -> list[str]:
    """The distinct stems of ``words`` that are not the word itself."""
    words = list(words)
    stems = [stem(word) for word in words]
    return list(dict.fromkeys(s for s, word in zip(stems, words, strict=True) if s != word))


def words_sharing_stems(terms: Sequence[str], text: str) -> list[str]:
    """The words of ``text`` found through a term's stem (``terbunuh`` for ``bunuh``), so
    snippets can mark them as well as the words that start with a term."""
    found: dict[str, None] = {}
    lowered = text.lower()
    for term in terms:
        root = stem(term)
        if len(root) < MIN_STEMMED_CHARS:
            continue
        # Affixed forms hold the root, but for its first letter (me- + tewas = menewaskan):
        # only words holding the rest are stemmed, each spelling once (`yang` holds `ang`
        # about 40 times in an article, in a few words).
        for held in dict.fromkeys(words_holding(text, lowered, root[1:])):
            word = fold(held)
            if word not in terms and word not in found and stem(word) == root:
                found[word] = None
    return list(found)


def words_holding(text: str, lowered: str, inner: str) -> list[str]:
    """The words (runs of word characters) of ``text`` holding ``inner``, case ignored:
    found by a plain search of the lowered text, each widened to its word's ends."""
    if inner not in lowered:
        return []
    if len(lowered) != len(text) or not _WORD.fullmatch(inner):
        # Lowering moved offsets, or a number's . or , that a pattern must span.
        around = re.compile(rf"\w*{re.escape(inner)}\w*", re.IGNORECASE)
        return [match.group() for match in around.finditer(text)]
    words = []
    found = lowered.find(inner)
    while found != -1:
        start, end = found, found + len(inner)
        while start and _WORD.match(text, start - 1, start):
            start -= 1
        end = _WORD.match(text, end).end() if _WORD.match(text, end) else end
        words.append(text[start:end])
        found = lowered.find(inner, end)
    return words


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """Words starting with any term, accents and case ignored (``put`` finds ``Putin``)."""
    return terms_pattern(tuple(terms)) if terms else None


@lru_cache(maxsize=1024)
def terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """``term_pattern``'s pattern, made once for each list of terms."""
    alternatives = sorted((letters_pattern(term) for term in terms), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")\w*", re.IGNORECASE)


def letters_pattern(term: str) -> str:
    return "".join(
        _ACCENT_CLASSES[c] + _COMBINING if c in _ACCENT_CLASSES else re.escape(c)
        for c in fold(term)
    )


@dataclass(frozen=True, slots=True)
class Window:
    start: int
    end: int
    cut_before: bool
    cut_after: bool


def sentence_around(text: str, start: int, end: int, limit: int = SENTENCE_CHARS) -> Window:
    """The sentence holding ``text[start:end]``, cut to about ``limit`` characters around it.

    Sentences are found from the stored text alone (a stop, ! or ? before white space, or a
    line break), so this works for any article without running the pipeline again.
    """
    first, whole_before = sentence_start(text, start, limit)
    last, whole_after = sentence_end(text, end, limit)
    if last - first > limit:
        room = max(0, limit - (end - start)) // 2
        if start - room > first:
            first, whole_before = min(start, word_start(text, start - room)), False
        if first + limit < last:
            last, whole_after = max(end, word_end(text, first + limit)), False
    first = skip_space(text, first, start)
    return Window(first, last, cut_before=not whole_before, cut_after=not whole_after)


def sentence_start(text: str, offset: int, limit: int) -> tuple[int, bool]:
    """Where the sentence starts, and whether that is a real start (not the limit)."""
    floor = max(0, offset - limit)
    stops = [m.end() for m in _SENTENCE_END.finditer(text, floor, offset)]
    return (stops[-1], True) if stops else (floor, floor == 0)


def sentence_end(text: str, offset: int, limit: int) -> tuple[int, bool]:
    ceiling = min(len(text), offset + limit)
    stop = _SENTENCE_END.search(text, offset, ceiling)
    if stop is None:
        return ceiling, ceiling == len(text)
    return (stop.start() if stop.group() == "\n" else stop.end()), True


def word_start(text: str, offset: int) -> int:
    """The start of the first whole word at or after ``offset``."""
    space = text.find(" ", offset - 1)
    return offset if space == -1 else space + 1


def word_end(text: str, offset: int) -> int:
    """The end of the last whole word at or before ``offset``."""
    space = text.rfind(" ", 0, offset + 1)
    return offset if space <= 0 else space


def skip_space(text: str, offset: int, limit: int) -> int:
    while offset < limit and text[offset].isspace():
        offset += 1
    return offset


def excerpt(text: str, window: Window, marks: Iterable[Mark]) -> SafeString:
    """``text`` inside ``window`` as escaped HTML with ``marks``, ellipses where it was cut."""
    html = highlight(text, marks, start=window.start, end=window.end)
    before = ELLIPSIS if window.cut_before else ""
    after = ELLIPSIS if window.cut_after else ""
    # Safe: ``highlight`` escaped the text; the ellipses are our own constant.
    return mark_safe(f"{before}{html}{after}")


def hit_marks(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[Mark]:
    hits = pattern.finditer(text, start, end)
    return [Mark(hit.start(), hit.end(), 0, "mark", (("class", "hit"),)) for hit in hits]


def mark_terms(text: str, terms: Sequence[str]) -> SafeString:
    """All of a short text (a title) with the words that match marked."""
    pattern = term_pattern(terms)
    marks = hit_marks(text, pattern, 0, len(text)) if pattern else []
    return highlight(text, marks)


def search_snippet(text: str, terms: Sequence[str], skip: int = 0) -> SafeString:
    """The sentence around the first match after ``skip`` (the title), matches marked; the
    opening of the text when the words are only in the title."""
    pattern = term_pattern(terms)
    hit = pattern.search(text, skip) if pattern else None
    if hit is None:
        opening = skip_space(text, skip, len(text))
        window = sentence_around(text, opening, opening, SNIPPET_CHARS)
        return excerpt(text, window, [])
    window = sentence_around(text, hit.start(), hit.end(), SNIPPET_CHARS)
    return excerpt(text, window, hit_marks(text, pattern, window.start, window.end))


def title_line_end(text: str, title: str) -> int:
    """Where the body starts when the text opens with the title line; else 0."""
    stripped = text.lstrip()
    if not title or not stripped.startswith(title):
        return 0
    return len(text) - len(stripped) + len(title)
