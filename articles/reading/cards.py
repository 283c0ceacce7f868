"""The entity card: who or what a highlighted name is, here and in other articles.

Built from the article's ``Reading`` (names, surface forms, the marks shown in the text) and
the few other articles the page asked the database for; it makes no query of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from articles.reading import Reading
from articles.reading.formats import display_date
from articles.reading.sidebar import EntitySummary
from articles.reading.state import ReaderState


@dataclass(frozen=True, slots=True)
class OtherArticle:
    title: str
    url: str
    outlet: str
    published: date | None
    published_display: str
    language: str


@dataclass(frozen=True, slots=True)
class EntityCard:
    entity: EntitySummary
    others: list[OtherArticle]
    more_others: bool  # more articles mention it than the card lists
    entity_url: str  # the entity's own page, across all articles
    share_url: str  # absolute: opens this article with this card open, at the first mark
    close_href: str  # this page's state without the card

    @property
    def first_href(self) -> str:
        ids = self.entity.mark_ids
        return f"#{ids[0]}" if ids else ""

    @property
    def last_href(self) -> str:
        ids = self.entity.mark_ids
        return f"#{ids[-1]}" if ids else ""


def build_entity_card(
    reading: Reading,
    entity: EntitySummary,
    others: list,
    *,
    shown: int,
    entity_url: str,
    canonical_url: str,
) -> EntityCard:
    """``others`` are Article rows, newest first, one more than ``shown`` when there are more."""
    state = reading.state
    close = state.with_entity("").href() if state is not None else "./"
    share = f"{canonical_url}?{ReaderState(entity=entity.slug).query()}"
    return EntityCard(
        entity=entity,
        others=[other_article(row) for row in others[:shown]],
        more_others=len(others) > shown,
        entity_url=entity_url,
        share_url=share + "".join(f"#{first}" for first in entity.mark_ids[:1]),
        close_href=close,
    )


def other_article(row) -> OtherArticle:
    return OtherArticle(
        title=row.title,
        url=row.get_absolute_url(),
        outlet=row.outlet,
        published=row.published_on,
        published_display=display_date(row.published_on, "day", row.language),
        language=row.language,
    )
