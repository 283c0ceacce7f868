"""Turn ingested text plus annotation spans into safe HTML: the one place where markup is made.

The text is untrusted. Every slice of it is escaped first; markup is added second, and only
tags and attributes built here. Attribute values are escaped too, and links may only point at
this same page (a ``#fragment`` or a ``?query``), so no ingested string can become a live tag,
handler or URL.

Marks come in layers. Layer 0 is the outermost and wins every conflict: a mark that crosses
(partly overlaps) a mark of a lower layer number, or an earlier mark of its own layer, is
dropped. Marks of different layers may nest (an entity inside a figure span, a date inside a
sentence); marks of one layer never overlap each other.

A mark's link wraps its text. Links never nest: where a linked mark holds another linked mark
(an entity inside a figure), the outer link is split around the inner one, so each word leads
where its innermost mark points. A mark may carry words for screen readers (``before``,
``after``: "person:" … "end"), rendered visually hidden inside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"mark", "span", "a", "q"})
_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
# Attributes that hold a URL; htmx reads its attributes with a ``data-`` prefix too.
_URL_ATTRIBUTES = frozenset({"href", "hx-get", "data-hx-get"})
_SAME_PAGE = ("#", "?")
HIDDEN_CLASS = "visually-hidden"


@dataclass(frozen=True, slots=True)
class Mark:
    """One piece of markup around ``text[start:end]``.

    ``link`` wraps the content in ``<a href="link">`` inside the mark (a date linking to its
    timeline entry with ``#t-…``, an entity opening its card with ``?entity=…``), with
    ``link_attrs`` on the ``<a>``; it names a place on this page, never another URL.
    ``before`` and ``after`` are read out by screen readers and hidden on screen.
    """

    start: int
    end: int
    layer: int
    tag: str = "mark"
    attrs: tuple[tuple[str, str], ...] = ()
    link: str | None = None
    link_attrs: tuple[tuple[str, str], ...] = ()
    before: str = ""
    after: str = ""

    def __post_init__(self) -> None:
        if self.tag not in ALLOWED_TAGS:
            raise ValueError(f"tag not allowed: {self.tag!r}")
        check_attributes(self.attrs)
        check_attributes(self.link_attrs)
        if self.link is not None and not self.link.startswith(_SAME_PAGE):
            raise ValueError("links may only point at this page: '#fragment' or '?query'")


def check_attributes(attrs: Iterable[tuple[str, str]]) -> None:
    """Refuse event handlers, inline styles, htmx instructions and links off the page."""
    for name, value in attrs:
        if not _ATTRIBUTE_NAME.match(name) or name.startswith("on") or name == "style":
            raise ValueError(f"attribute not allowed: {name!r}")
        if name in _URL_ATTRIBUTES:
            if not value.startswith(_SAME_PAGE):
                raise ValueError("links may only point at this page: '#fragment' or '?query'")
        elif name.startswith(("hx-", "data-hx-")):
            raise ValueError(f"attribute not allowed: {name!r}")


def highlight(
    text: str, marks: Iterable[Mark], *, start: int = 0, end: int | None = None
) -> SafeString:
    """``text[start:end]`` as escaped HTML with ``marks`` around their spans.

    Marks outside the window, empty marks and marks that cross the window's edges or a
    higher-priority mark are left out; the text itself is always rendered whole.
    """
    end = len(text) if end is None else end
    kept = resolve_marks(m for m in marks if start <= m.start < m.end <= end)
    # Safe because _render escapes every slice of text and every attribute value.
    return mark_safe("".join(_render(text, kept, start, end)))


def resolve_marks(marks: Iterable[Mark]) -> list[Mark]:
    """The marks that can be rendered together, in opening order (outer before inner)."""
    by_layer: dict[int, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: (m.layer, m.start, -m.end)):
        by_layer.setdefault(mark.layer, []).append(mark)
    accepted: list[_Layer] = []
    for layer in sorted(by_layer):
        kept = [m for m in _drop_overlaps(by_layer[layer]) if not _crosses_any(m, accepted)]
        accepted.append(_Layer(kept, [m.start for m in kept]))
    flat = [mark for layer in accepted for mark in layer.marks]
    return sorted(flat, key=lambda m: (m.start, -m.end, m.layer))


@dataclass(frozen=True, slots=True)
class _Layer:
    marks: list[Mark]  # sorted by start, non-overlapping
    starts: list[int]


def _drop_overlaps(marks: Sequence[Mark]) -> list[Mark]:
    """Within one layer the earlier (then longer) mark wins."""
    kept: list[Mark] = []
    for mark in marks:
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def _crosses_any(mark: Mark, layers: Sequence[_Layer]) -> bool:
    return any(_crosses(mark, layer) for layer in layers)


def _crosses(mark: Mark, layer: _Layer) -> bool:
    """Whether ``mark`` partly overlaps a mark of ``layer``."""
    # Only two can: the one holding our first character and the one holding our last.
    first = bisect_right(layer.starts, mark.start) - 1
    last = bisect_right(layer.starts, mark.end - 1) - 1
    for index in {first, last}:
        if index < 0:
            continue
        other = layer.marks[index]
        inside = other.start <= mark.start and mark.end <= other.end
        around = mark.start <= other.start and other.end <= mark.end
        disjoint = other.end <= mark.start or mark.end <= other.start
        if not (inside or around or disjoint):
            return True
    return False


def _render(text: str, marks: Sequence[Mark], start: int, end: int) -> Iterable[str]:
    writer = _Writer(text)
    position = start
    for mark in marks:
        while writer.open_marks and writer.open_marks[-1].end <= mark.start:
            position = writer.close(position)
        writer.text(position, mark.start)
        writer.open(mark)
        position = mark.start
    while writer.open_marks:
        position = writer.close(position)
    writer.text(position, end)
    writer.end_link()
    return writer.out


class _Writer:
    """Emits tags and escaped text. A link is opened lazily around the text its mark holds
    and closed at the next tag, so links never nest and never cross a tag."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.out: list[str] = []
        self.open_marks: list[Mark] = []
        self.open_link: Mark | None = None

    def open(self, mark: Mark) -> None:
        self.tag(f"<{mark.tag}{_attributes(mark.attrs)}>")
        self.open_marks.append(mark)
        if mark.before:
            self.linked(_hidden(mark.before))

    def close(self, position: int) -> int:
        mark = self.open_marks[-1]
        self.text(position, mark.end)
        if mark.after:
            self.tag(_hidden(mark.after))
        self.tag(f"</{mark.tag}>")
        self.open_marks.pop()
        return mark.end

    def text(self, start: int, end: int) -> None:
        if start < end:
            self.linked(escape(self.source[start:end]))

    def linked(self, html: str) -> None:
        """``html`` inside the link of the innermost open mark that has one."""
        owner = next((m for m in reversed(self.open_marks) if m.link is not None), None)
        if owner is not self.open_link:
            self.end_link()
            if owner is not None:
                attrs = _attributes((("href", owner.link or ""), *owner.link_attrs))
                self.out.append(f"<a{attrs}>")
                self.open_link = owner
        self.out.append(html)

    def tag(self, html: str) -> None:
        self.end_link()
        self.out.append(html)

    def end_link(self) -> None:
        if self.open_link is not None:
            self.out.append("</a>")
            self.open_link = None


def _attributes(attrs: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attrs)


def _hidden(words: str) -> str:
    return f'<span class="{HIDDEN_CLASS}">{escape(words)}</span>'
