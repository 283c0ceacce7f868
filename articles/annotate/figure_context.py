"""Where a figure stands: the date it holds for and the claim it rests on (``figures`` reads
the numbers; see its docstring for the rules)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from .types import Attribution, Event, Span

_SO_FAR = re.compile(
    r"\b(?:(?:sampai|hingga)\s+(?:saat\s+ini|kini|sekarang|hari\s+ini)|sejauh\s+ini|so\s+far"
    r"|to\s+date|thus\s+far|until\s+now|as\s+of\s+(?:now|today))\b",
    re.IGNORECASE,
)
_CLAIM_RANK = {"quote": 0, "according_to": 1, "reported_by": 2, "relayed_from": 3}
_SINCE_BEFORE = re.compile(r"\b(?:sejak|since)\s+(?:\w+\s+)?$", re.IGNORECASE)


def resolve_as_of(
    text: str, sentence: Span, dates: EventDates, published: date | None
) -> str | None:
    """The date a figure holds for: "so far" means the publication date."""
    today = published.isoformat() if published else None
    if _SO_FAR.search(text, sentence.start, sentence.end):
        return today or dates.value_for(sentence)
    return dates.value_for(sentence) or today


def resolve_source(figure: Span, sentence: Span, attributions: list[Attribution]) -> str | None:
    """Who a figure rests on: the claim around it, else the article's source or publisher."""
    claims = [a for a in attributions if a.kind in _CLAIM_RANK and (a.speaker or a.source)]
    covering = [a for a in claims if a.content and _contains(a.content, figure)]
    if covering:
        return _name(min(covering, key=lambda a: (_length(a.content), _CLAIM_RANK[a.kind])))
    nearby = [a for a in claims if _touches_sentence(a, sentence)]
    if nearby:
        return _name(min(nearby, key=lambda a: _CLAIM_RANK[a.kind]))
    for kind in ("source_footer", "publisher"):
        for attribution in attributions:
            if attribution.kind == kind and attribution.source:
                return attribution.source
    return None


def _name(attribution: Attribution) -> str | None:
    return attribution.speaker or attribution.source


def _contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _length(span: Span | None) -> int:
    return span.end - span.start if span else 0


def _touches_sentence(attribution: Attribution, sentence: Span) -> bool:
    content = attribution.content
    cue_inside = sentence.start <= attribution.start < sentence.end
    return cue_inside or bool(
        content and content.start < sentence.end and sentence.start < content.end
    )


class SpanIndex:
    """Answers "does anything overlap [start, end)?" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, end)
        return index > 0 and self.reach[index - 1] > start


class EventDates:
    """The date of the first event told in a sentence, skipping `sejak ...` (a start point)."""

    def __init__(self, text: str, events: list[Event]) -> None:
        self.by_sentence: dict[tuple[int, int], str] = {}
        for event in events:
            if not _SINCE_BEFORE.search(text, max(0, event.start - 30), event.start):
                self.by_sentence.setdefault((event.sentence.start, event.sentence.end), event.value)
        self.keys = sorted(self.by_sentence)

    def value_for(self, sentence: Span) -> str | None:
        exact = self.by_sentence.get((sentence.start, sentence.end))
        if exact is not None:
            return exact
        index = bisect_right(self.keys, (sentence.start, sentence.end))
        for key in reversed(self.keys[max(0, index - 3) : index]):
            if key[0] <= sentence.start and sentence.end <= key[1]:
                return self.by_sentence[key]
        return None
