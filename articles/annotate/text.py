"""Text helpers shared by the stages: line splitting and sentence splitting.

All functions return spans into the text they are given; nothing here copies or rewrites it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from . import lexicon
from .types import Segment, Span

_ABBREVIATIONS = lexicon.ABBREVIATIONS  # a full stop after these ends no sentence
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_NEXT_STARTS = re.compile(r"\s+[\"'“‘(\[]*[A-Z0-9À-ÖØ-Þ]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# One notion of white space for every stage: what `str.isspace` and the regex `\s` call space,
# which covers U+00A0, U+2028, a lone \r and the other Unicode spaces. A line ends wherever
# `str.splitlines` ends one, so a paste with lone \r or U+2028 still has its paragraphs.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile(f"[^{LINE_BREAKS}]+")


_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_newlines(text: str) -> str:
    """The only change ever made to input text: CRLF becomes LF."""
    return text.replace("\r\n", "\n")


def replace_surrogates(text: str) -> str:
    """A lone surrogate (half a UTF-16 pair, from broken JSON) is no character: the stages,
    the model's tokenizer among them, read U+FFFD in its place. Same length, same offsets."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def find_lines(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-blank lines of ``text[start:end]``, stripped of surrounding white space."""
    end = len(text) if end is None else end
    spans = []
    for match in _LINE.finditer(text, start, end):
        span = strip_span(text, match.start(), match.end())
        if span.end > span.start:
            spans.append(span)
    return spans


def strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _is_abbreviation(text: str, stop: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, stop - 64), stop)
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str, span: Span) -> list[Span]:
    """Sentences of one paragraph: split after . ! ? when the next one starts in capitals."""
    return list(_split_sentences(text, span))


# Segmenting, metadata (the lead's and the story's dates, the proposed title) and the later
# stages split the same paragraphs: 256 spans hold an article's; a small cache keeps few texts.
@functools.lru_cache(maxsize=256)
def _split_sentences(text: str, span: Span) -> tuple[Span, ...]:
    sentences = []
    begin = span.start
    for match in _SENTENCE_END.finditer(text, span.start, span.end):
        stop = match.end()
        if not _NEXT_STARTS.match(text, stop, span.end):
            continue
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        sentences.append(strip_span(text, begin, stop))
        begin = stop
    sentences.append(strip_span(text, begin, span.end))
    return tuple(s for s in sentences if s.end > s.start)


def find_sentences(text: str, segments: Iterable[Segment], types: Iterable[str]) -> list[Span]:
    """Sentences of every segment of the given types, in text order."""
    wanted = set(types)
    sentences: list[Span] = []
    for segment in segments:
        if segment.type in wanted:
            sentences.extend(split_sentences(text, Span(segment.start, segment.end)))
    return sentences
