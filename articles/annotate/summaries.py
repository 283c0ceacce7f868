"""Event summaries: the clause around a date, without the date and its filler words.

``Rusia memulai intervensi secara resmi pada 30 September 2015`` → ``Rusia memulai
intervensi secara resmi``. Reporting frames (``… bahwa``) and trailing ``, lansir X`` are
dropped; long summaries are cut at a word boundary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import locale_words as words
from .types import Span

SUMMARY_LENGTH = 120

# --- summaries ------------------------------------------------------------------------------
_FILLER_BEFORE = re.compile(rf"(?:\b(?:{words.FILLERS_BEFORE})\s+|\bmid-)+$", re.IGNORECASE)
# With several dates in a sentence, the joints of their list go too: "2004, 2009 dan 2014".
_JOINED_BEFORE = re.compile(
    rf"(?:\b(?:{words.FILLERS_BEFORE})\s+|,?\s*\b(?:dan|and|atau|or)\s+)+$", re.IGNORECASE
)
_FILLER_AFTER = re.compile(rf"\s+{words.FILLERS_AFTER}\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[–—-]\s+")
_REPORTING_FRAME = re.compile(
    r"^.{0,80}?\b(?:bahwa|(?:said|says|reported|announced|told\s+\w+)\s+that)\s+", re.IGNORECASE
)
_ATTRIBUTION_TAIL = re.compile(rf",\s+(?:{words.REPORTING_VERBS})\b[^,]*$", re.IGNORECASE)
_ATTRIBUTION_LEAD = re.compile(rf"(?:{words.REPORTING_VERBS})\b", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_LOOSE_PUNCTUATION = re.compile(r"\s*[,;:.!?)](?=\s*[,;:.!?])|\s+([,;:.!?)])|([(])\s+")
_EDGE_CHARACTERS = " \t\n,;:.-–—"


def summarize(text: str, sentence: Span, start: int, end: int, others: Sequence[Span] = ()) -> str:
    """The clause around a date, without it or the ``others`` dates: what happened then."""
    words_, offset = text[sentence.start : sentence.end], sentence.start
    head, tail = words_[: start - offset], words_[end - offset :]
    for other in sorted(others, key=lambda span: -span.start):
        if other.end <= start:
            head = _cut(head, other.start - offset, other.end - offset)
        elif other.start >= end:
            tail = _cut(tail, other.start - end, other.end - end)
    head, tail = _drop_fillers(head, tail, _JOINED_BEFORE if others else _FILLER_BEFORE)
    head_breaks = list(_CLAUSE_BREAK.finditer(head))
    tail_break = _CLAUSE_BREAK.search(tail)
    own_start = head_breaks[-1].end() if head_breaks else 0
    own = _tidy(head[own_start:] + " " + tail[: tail_break.start() if tail_break else len(tail)])
    if len(own.split()) >= 2:
        return _shorten(own)
    # The date is a clause of its own (``Bulan lalu, ...``, ``..., Senin.``): drop that clause.
    before = head[: head_breaks[-1].start()] if head_breaks else ""
    after = tail[tail_break.end() :] if tail_break else ""
    if _ATTRIBUTION_LEAD.match(after):
        after = ""
    return _shorten(_tidy(f"{before} {after}") or own or _tidy(f"{head} {tail}"))


def _cut(piece: str, start: int, end: int) -> str:
    head, tail = _drop_fillers(piece[:start], piece[end:], _JOINED_BEFORE)
    return head + tail


def _drop_fillers(head: str, tail: str, fillers: re.Pattern[str]) -> tuple[str, str]:
    """``pada`` before a date and ``lalu`` after it say nothing once the date is gone."""
    before = fillers.search(head)
    after = _FILLER_AFTER.match(tail)
    return head[: before.start() if before else len(head)], tail[after.end() if after else 0 :]


def _tidy(clause: str) -> str:
    clause = " ".join(_EMPTY_BRACKETS.sub("", clause).split())
    clause = _LOOSE_PUNCTUATION.sub(lambda m: m.group(1) or m.group(2) or "", clause)
    clause = _ATTRIBUTION_TAIL.sub("", clause.strip(_EDGE_CHARACTERS)).strip(_EDGE_CHARACTERS)
    framed = _REPORTING_FRAME.sub("", clause, count=1)
    if len(framed.split()) >= 3:
        clause = framed
    return clause[:1].upper() + clause[1:]


def _shorten(summary: str) -> str:
    if len(summary) <= SUMMARY_LENGTH:
        return summary
    cut = summary[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0].rstrip(_EDGE_CHARACTERS)
    return cut + "…"
