"""Markdown of the article with its annotations: each name links to its entity page, and
sources and figures are footnotes (``[^fig-57-killed]``, ``[^src-reuters-…]``).

Article text is escaped (``item.markdown_text``): no markup or HTML of the article's own can
come alive; the only links are the ones built here from the app's own addresses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from articles.annotate.types import STORY_SEGMENTS
from articles.exports.item import Item, markdown_text
from articles.reading.body import group_segments

INSERT_NAMES = {
    "related_link": "Related link",
    "caption": "Photo caption",
    "signoff": "Sign-off",
    "source_footer": "Source",
}


def one(item: Item) -> str:
    return "".join(lines(item))


def many(items: Iterable[Item]) -> Iterator[str]:
    for index, item in enumerate(items):
        yield ("\n---\n\n" if index else "") + one(item)


def lines(item: Item) -> Iterator[str]:
    article = item.article
    yield f"# {markdown_text(article.title)}\n\n"
    facts = [article.outlet, article.dateline_place]
    if article.published_on:
        facts.append(article.published_on.isoformat())
    shown = " · ".join(markdown_text(fact) for fact in facts if fact)
    yield (f"{shown} · " if shown else "") + f"<{item.url}>\n\n"
    links = entity_links(item)
    refs = footnote_refs(item)
    for kind, start, end in group_segments(item.text, item.result.segments, article.title):
        paragraph = annotated(item, start, end, links, refs)
        if kind in STORY_SEGMENTS:
            yield paragraph + "\n\n"
        else:
            name = INSERT_NAMES.get(kind, "Not part of the story")
            yield f"> *{name}:* {paragraph}\n\n"
    yield from footnotes(item)


def entity_links(item: Item) -> list[tuple[int, int, str]]:
    return sorted(
        (m.start, m.end, item.entity_urls[m.entity])
        for m in item.result.mentions
        if m.entity in item.entity_urls
    )


def footnote_refs(item: Item) -> list[tuple[int, str]]:
    """(offset, key): a figure's or a source cue's footnote mark goes after its words."""
    refs = [(f.end, key) for key, f in item.result.keyed_figures()]
    refs += [(a.end, key) for key, a in item.result.keyed_attributions()]
    return sorted(refs)


def annotated(
    item: Item,
    start: int,
    end: int,
    links: list[tuple[int, int, str]],
    refs: list[tuple[int, str]],
) -> str:
    text = item.text
    out: list[str] = []
    position = start
    pending = [(at, key) for at, key in refs if start < at <= end]
    inside = [link for link in links if start <= link[0] and link[1] <= end]
    for link_start, link_end, url in inside:
        out.append(with_refs(text, position, link_start, pending))
        words = markdown_text(text[link_start:link_end].replace("\n", " "))
        out.append(f"[{words}]({url})")
        position = link_end
        # A footnote mark that falls inside a name goes right after it.
        out.extend(f"[^{key}]" for at, key in pending if link_start < at <= link_end)
    out.append(with_refs(text, position, end, pending))
    return "".join(out).strip()


def with_refs(text: str, start: int, end: int, refs: list[tuple[int, str]]) -> str:
    """``text[start:end]`` escaped, with the footnote marks that fall in it."""
    out, position = [], start
    for at, key in refs:
        if start < at <= end:
            out.append(markdown_text(text[position:at]) + f"[^{key}]")
            position = at
    out.append(markdown_text(text[position:end]))
    return "".join(out)


def footnotes(item: Item) -> Iterator[str]:
    for key, f in item.result.keyed_figures():
        number = f"{f.value:g}" + (f"–{f.value_max:g}" if f.value_max is not None else "")
        parts = [f.qualifier.replace("_", " "), number, f.unit or "", f.category]
        line = " ".join(part for part in parts if part and part != "exact")
        if f.source:
            line += f"; source: {item.name_of(f.source)}"
        if f.as_of:
            line += f"; as of {f.as_of}"
        yield f"[^{key}]: {markdown_text(line)}. <{item.fragment(key)}>\n"
    for key, a in item.result.keyed_attributions():
        chain = " → ".join(item.name_of(ref) for ref in (a.speaker, a.source, a.via) if ref)
        line = a.kind.replace("_", " ") + (f": {chain}" if chain else "")
        yield f"[^{key}]: {markdown_text(line)}. <{item.fragment(key)}>\n"
