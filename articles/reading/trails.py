"""Source trails: who said it, through whom, to this article.

Each trail is a chain of hops, innermost first: speaker -> news agency -> relayed source ->
publisher -> this article (``Putin -> Novosti -> (Aljazeera) -> SALAM-ONLINE``). Every hop
links to the cue in the text that names it. A relay that the sentence itself does not name
(the article's ``Sumber:`` footer, a ``lansir`` elsewhere) is marked as inferred.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy

from articles.annotate.attribution_text import Doc, find_cues
from articles.annotate.types import Attribution, Span

PRIMARY_KINDS = ("quote", "according_to", "reported_by")
RELAY_KINDS = ("relayed_from", "source_footer")
SOURCE_ROLES = {
    "quote": gettext_lazy("quoted by"),
    "according_to": gettext_lazy("according to"),
    "reported_by": gettext_lazy("reported"),
    "relayed_from": gettext_lazy("relayed from"),
    "source_footer": gettext_lazy("article source"),
    "publisher": gettext_lazy("publisher"),
}
SPEAKER_ROLE = gettext_lazy("speaker")
VIA_ROLE = gettext_lazy("via")
OTHER_ROLE = gettext_lazy("source")
# The pipeline's cue classes of a relay verb (`mengutip`, `melansir`, `dilansir`, `quoted by`).
RELAY_CUE_CLASSES = ("relay_a", "relay_p")
QUOTE_CHARACTERS = 200


@dataclass(frozen=True, slots=True)
class Hop:
    name: str
    role: str
    cue: str = ""  # the cue's words in the text: "mengatakan", "lansir", "Sumber:"
    cue_href: str = ""
    key: str = ""  # the attribution's fragment id; set on its first hop only
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Trail:
    hops: list[Hop]
    quote: str = ""

    @property
    def share_key(self) -> str:
        """The fragment a link to this trail opens: its first hop that has one."""
        return next((hop.key for hop in self.hops if hop.key), "")


THIS_ARTICLE = Hop(gettext_lazy("this article"), "")
Keyed = tuple[str, Attribution]


def build_trails(
    text: str, attributions: list[Keyed], sentences: list[Span], outlet: str
) -> list[Trail]:
    ordered = sorted(attributions, key=lambda pair: pair[1].start)
    tail = publisher_hops(text, ordered, outlet)
    trails = [
        primary_trail(text, pair, ordered, sentences, tail)
        for pair in ordered
        if pair[1].kind in PRIMARY_KINDS
    ]
    shown = {hop.key for trail in trails for hop in trail.hops}
    for key, attribution in ordered:
        if attribution.kind in RELAY_KINDS and key not in shown:
            trails.append(Trail(chain([relay_hop(text, key, attribution, False), *tail])))
    if not trails and tail:
        trails.append(Trail(chain(tail)))
    return anchor_once(trails)


def primary_trail(
    text: str, pair: Keyed, ordered: list[Keyed], sentences: list[Span], tail: list[Hop]
) -> Trail:
    key, attribution = pair
    relay = find_relay(pair, ordered, sentences)
    hops = party_hops(text, key, attribution, sentences)
    if relay is not None:
        hops.append(relay_hop(text, *relay[0], inferred=relay[1]))
    return Trail(chain([*hops, *tail]), quote=quoted_words(text, attribution))


def party_hops(text: str, key: str, attribution: Attribution, sentences: list[Span]) -> list[Hop]:
    """The people and bodies an attribution names, innermost first: whoever spoke, whoever
    reported or quoted them, then the outlet that carried it (``via``). The via is labelled
    with its own relay verb when the sentence has one (``Novosti, mengutip Putin
    mengatakan``: Novosti's cue is ``mengutip``, Putin's ``mengatakan``)."""
    cue, href = cue_of(text, attribution)
    parties = [
        (attribution.speaker, SPEAKER_ROLE, cue),
        (attribution.source, SOURCE_ROLES.get(attribution.kind, OTHER_ROLE), cue),
        (attribution.via, VIA_ROLE, relay_cue(text, attribution, sentences) or cue),
    ]
    return [Hop(name, role, said, href, key) for name, role, said in parties if name]


def relay_cue(text: str, attribution: Attribution, sentences: list[Span]) -> str:
    """The nearest relay verb before the attribution's cue in its sentence, read with the
    pipeline's own cue patterns; "" when there is none (``X told Reuters``)."""
    index = sentence_index(sentences, attribution.start)
    start = sentences[index].start if index >= 0 else max(0, attribution.start - 300)
    reader = Doc(text, [], [], [], [])
    cues = find_cues(reader, Span(start, attribution.start))
    relays = [c for c in cues if c.cls in RELAY_CUE_CLASSES]
    return relays[-1].word if relays else ""


def find_relay(
    pair: Keyed, ordered: list[Keyed], sentences: list[Span]
) -> tuple[Keyed, bool] | None:
    """The relay named in the same sentence; else the article's own source, inferred."""
    sentence = sentence_index(sentences, pair[1].start)
    relays = [p for p in ordered if p[1].kind in RELAY_KINDS and p[1].source]
    for candidate in relays:
        if candidate[1].kind == "relayed_from" and (
            sentence_index(sentences, candidate[1].start) == sentence
        ):
            return candidate, False
    footers = [p for p in relays if p[1].kind == "source_footer"]
    fallback = footers or relays
    return (fallback[0], True) if fallback else None


def relay_hop(text: str, key: str, attribution: Attribution, inferred: bool) -> Hop:
    cue, href = cue_of(text, attribution)
    role = SOURCE_ROLES.get(attribution.kind, OTHER_ROLE)
    return Hop(attribution.source or "", role, cue, href, key, inferred)


def publisher_hops(text: str, ordered: list[Keyed], outlet: str) -> list[Hop]:
    """The end of every trail: the publishing outlet, then this article."""
    for key, attribution in ordered:
        if attribution.kind == "publisher" and attribution.source:
            cue, href = cue_of(text, attribution)
            publisher = Hop(attribution.source, SOURCE_ROLES["publisher"], cue, href, key)
            return [publisher, THIS_ARTICLE]
    return [Hop(outlet, SOURCE_ROLES["publisher"]), THIS_ARTICLE] if outlet else [THIS_ARTICLE]


def chain(hops: Iterable[Hop]) -> list[Hop]:
    """Hops with one name shown once. When a name comes twice (Aljazeera as the ``via`` of
    a report and as the ``lansir`` relay), the hop with a cue of its own wins."""
    kept: list[Hop] = []
    where: dict[str, int] = {}
    for hop in hops:
        name = hop.name.casefold()
        if not name:
            continue
        if name not in where:
            where[name] = len(kept)
            kept.append(hop)
        elif shares_cue(kept, where[name]) and hop.cue_href:
            kept[where[name]] = hop
    return kept


def shares_cue(hops: list[Hop], index: int) -> bool:
    """Whether the hop at ``index`` only borrows the cue of an earlier hop."""
    return any(hop.key == hops[index].key for hop in hops[:index])


def anchor_once(trails: list[Trail]) -> list[Trail]:
    """Drop repeated trails; keep each key as an id on its first hop only."""
    used: set[str] = set()
    signatures: set[tuple[str, ...]] = set()
    result = []
    for trail in trails:
        signature = (*(f"{hop.name}|{hop.key}" for hop in trail.hops), trail.quote)
        if signature in signatures:
            continue
        signatures.add(signature)
        hops = []
        for hop in trail.hops:
            hops.append(hop if hop.key not in used else replace(hop, key=""))
            used.add(hop.key)
        result.append(Trail(hops, trail.quote))
    return result


def cue_of(text: str, attribution: Attribution) -> tuple[str, str]:
    return text[attribution.start : attribution.end], f"#c-{attribution.start}"


def quoted_words(text: str, attribution: Attribution) -> str:
    if attribution.kind != "quote" or attribution.content is None:
        return ""
    words = text[attribution.content.start : attribution.content.end].strip()
    return words if len(words) <= QUOTE_CHARACTERS else words[: QUOTE_CHARACTERS - 1] + "…"


def sentence_index(sentences: list[Span], offset: int) -> int:
    return bisect_right([s.start for s in sentences], offset) - 1
