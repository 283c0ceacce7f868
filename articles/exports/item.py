"""The one shape every export starts from, and the escaping each format needs."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from articles import models
from articles.mapping import KeyedResult
from articles.reading.body import group_segments, mention_id

WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
# A spreadsheet runs a cell starting with one of these as a formula (or DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters that make Markdown markup anywhere, and those that do at a line's start.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))", re.MULTILINE)
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@dataclass(frozen=True, slots=True)
class Item:
    article: models.Article
    result: KeyedResult
    entities: dict[str, models.Entity]  # slug -> row, every entity the annotations name
    url: str  # the article's absolute permalink
    entity_urls: dict[str, str]  # slug -> the entity page's absolute address

    @property
    def text(self) -> str:
        """What every offset indexes into."""
        return self.article.body_text

    def fragment(self, key: str) -> str:
        return f"{self.url}#{key}"

    def name_of(self, ref: str | None) -> str:
        """A source, speaker or via as written for people: the entity's name or the
        descriptor."""
        entity = self.entities.get(ref or "")
        return entity.name if entity is not None else (ref or "")

    def mention_fragments(self) -> list[str]:
        """Each mention's link, in order: its mark's id as the article page numbers them
        (``ent-<slug>``, ``ent-<slug>--2``…); a mention the page shows no mark for (the
        title is the heading, not the body) links to the article."""
        shown = [
            (start, end)
            for _, start, end in group_segments(self.text, self.result.segments, self.article.title)
        ]
        seen: Counter[str] = Counter()
        links = []
        for mention in self.result.mentions:
            if any(start <= mention.start and mention.end <= end for start, end in shown):
                seen[mention.entity] += 1
                links.append(self.fragment(mention_id(mention.entity, seen[mention.entity])))
            else:
                links.append(self.url)
        return links

    def wikidata_url(self, slug: str) -> str:
        entity = self.entities.get(slug)
        if entity is None or not WIKIDATA_ID.fullmatch(entity.wikidata_id or ""):
            return ""
        return f"http://www.wikidata.org/entity/{entity.wikidata_id}"


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading ``'``
    (OWASP's advice), which spreadsheets hide and which keeps the value readable."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def markdown_text(value: str) -> str:
    """Plain text in Markdown: markup characters backslash-escaped and ``& < >`` written as
    entities, so no article text becomes a link, emphasis or live HTML."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", value.replace("\r", "").translate(_HTML))
    return _MARKDOWN_LINE_START.sub(line_start_escape, escaped)


def line_start_escape(match: re.Match) -> str:
    """``# x`` -> ``\\# x``; ``12. x`` -> ``12\\. x`` (the list marker's dot is escaped)."""
    indent, marker = match.group(1), match.group(2)
    return f"{indent}\\{marker}" if not marker.isdigit() else f"{indent}{marker}\\"


def html_text(value: str) -> str:
    """Text for formats whose strings are HTML (TimelineJS)."""
    return value.translate(_HTML).replace('"', "&quot;").replace("'", "&#x27;")
