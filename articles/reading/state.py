"""What a reader has open on the article page, as it travels in the URL.

``?entity=vladimir-putin`` opens an entity's card, ``?figure=fig-230000-killed`` names the
figure a link was shared for, ``?hide=per,dates`` hides highlight layers. Every link the page
makes to another state of itself is built here, so a state reached by clicking is always the
same URL as the state opened from a shared link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import quote

from django.http import QueryDict

# Highlight layers in the order the URL lists them: entity types, then the other marks.
LAYERS = ("per", "org", "loc", "dates", "figures", "sources")
ENTITY_LAYERS = {"PER": "per", "ORG": "org", "LOC": "loc"}
MAX_PARAMETER_CHARS = 200


@dataclass(frozen=True, slots=True)
class ReaderState:
    entity: str = ""
    figure: str = ""
    hidden: tuple[str, ...] = ()

    def href(self) -> str:
        """This state as a link relative to the article's own URL, which ends in a slash:
        ``?entity=putin&hide=dates``, or ``./`` (the bare article) when nothing is open."""
        query = self.query()
        return f"?{query}" if query else "./"

    def query(self) -> str:
        pairs = [("entity", self.entity), ("figure", self.figure), ("hide", ",".join(self.hidden))]
        return "&".join(f"{name}={quote(value, safe=',')}" for name, value in pairs if value)

    def with_entity(self, slug: str) -> ReaderState:
        return replace(self, entity=slug, figure="")

    def with_layer_toggled(self, layer: str) -> ReaderState:
        hidden = set(self.hidden) ^ {layer}
        return replace(self, hidden=ordered_layers(hidden))

    def with_all_layers(self, shown: bool) -> ReaderState:
        return replace(self, hidden=() if shown else LAYERS)

    def shows(self, layer: str) -> bool:
        return layer not in self.hidden

    @property
    def all_hidden(self) -> bool:
        return self.hidden == LAYERS

    @property
    def toggle_all_href(self) -> str:
        """Show every layer when all are hidden, else hide them all (the ``h`` key's switch)."""
        return self.with_all_layers(shown=self.all_hidden).href()

    @property
    def layer_classes(self) -> str:
        """Classes on the reading layout that hide layers (the stylesheet reads them)."""
        return " ".join(f"hide-{layer}" for layer in self.hidden)


def parse_state(query: QueryDict) -> ReaderState:
    """The state a query string names. ``hide`` may be one comma list or repeated (as a GET
    form sends it); unknown layers and oversized values are ignored, never an error."""
    hidden = (part for value in query.getlist("hide") for part in value.split(","))
    return ReaderState(
        entity=clean_parameter(query.get("entity", "")),
        figure=clean_parameter(query.get("figure", "")),
        hidden=ordered_layers(hidden),
    )


def ordered_layers(layers: Iterable[str]) -> tuple[str, ...]:
    wanted = {layer.strip().lower() for layer in layers}
    return tuple(layer for layer in LAYERS if layer in wanted)


def clean_parameter(value: str) -> str:
    value = value.strip()
    return value if len(value) <= MAX_PARAMETER_CHARS else ""
