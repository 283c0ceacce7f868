"""Read one element of a page by its id, with the standard library's HTML parser."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _ById(HTMLParser):
    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.attrs, self.parts = element_id, 0, None, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in VOID
        elif dict(attrs).get("id") == self.element_id and self.attrs is None:
            self.attrs, self.depth = dict(attrs), 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def element(html: str, element_id: str) -> tuple[dict[str, str | None], str] | None:
    """The attributes and the text (white space collapsed) of the element with that id."""
    parser = _ById(element_id)
    parser.feed(html)
    if parser.attrs is None:
        return None
    return parser.attrs, " ".join("".join(parser.parts).split())
