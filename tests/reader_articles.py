"""Hand-built articles for the reader's tests (entity cards, layers, sharing).

Rows are created through the ORM with offsets found in the text, so these tests pin the
reading view's behaviour whatever the annotation pipeline currently finds.
"""

from __future__ import annotations

import hashlib
from datetime import date

from articles.models import Article, Attribution, Entity, Event, Figure, Mention, Segment

TITLE = "Putin meets Asad in Latakia"
LEAD = (
    "President Vladimir Putin met Basyar Asad near Latakia on Monday (11/12/2017), "
    "Aljazeera reported."
)
TEXT = (
    f"{TITLE}\n"
    "\n"
    f"KHMEIMIM (NEWSWIRE): {LEAD}\n"
    "\n"
    "Putin said that “the war is over”, Novosti quoted him.\n"
    "\n"
    "About 465,000 people were killed in Syria by 11 December 2017, Putin added."
)
ENTITIES = [
    ("Vladimir Putin", "PER", "vladimir-putin"),
    ("Basyar Asad", "PER", "basyar-asad"),
    ("Latakia", "LOC", "latakia"),
    ("Syria", "LOC", "syria"),
    ("Aljazeera", "ORG", "aljazeera"),
    ("Novosti", "ORG", "novosti"),
]
# (surface, entity slug, search after): every mention in text order.
MENTIONS = [
    ("Vladimir Putin", "vladimir-putin", ""),
    ("Basyar Asad", "basyar-asad", ""),
    ("Latakia", "latakia", "near"),
    ("Aljazeera", "aljazeera", ""),
    ("Putin", "vladimir-putin", "reported."),
    ("Novosti", "novosti", ""),
    ("Syria", "syria", ""),
    ("Putin", "vladimir-putin", "2017,"),
]
FIGURE_TEXT = "About 465,000 people were killed in Syria"


def at(surface: str, after: str = "") -> tuple[int, int]:
    start = TEXT.index(surface, TEXT.index(after) if after else 0)
    return start, start + len(surface)


def line_of(prefix: str) -> tuple[int, int]:
    start = TEXT.index(prefix)
    end = TEXT.find("\n", start)
    return start, len(TEXT) if end < 0 else end


def make_entities() -> dict[str, Entity]:
    entities = {}
    for name, label, slug in ENTITIES:
        entity, _ = Entity.objects.get_or_create(slug=slug, defaults={"name": name, "label": label})
        entities[slug] = entity
    return entities


def build_article(title: str = TITLE, **fields) -> Article:
    """The article above with every kind of annotation: entities (one of them inside the
    figure), a date, a figure, a quote and a relay."""
    text = TEXT if title == TITLE else TEXT.replace(TITLE, title, 1)
    defaults = {
        "text": text,
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "title": title,
        "slug": "putin-meets-asad",
        "language": "en",
        "published_on": date(2017, 12, 11),
        "outlet": "NEWSWIRE",
        "dateline_place": "KHMEIMIM",
    }
    article = Article.objects.create(**{**defaults, **fields})
    entities = make_entities()
    add_segments(article)
    Mention.objects.bulk_create(
        Mention(
            article=article,
            entity=entities[slug],
            start=at(surface, after)[0],
            end=at(surface, after)[1],
            text=surface,
            label=entities[slug].label,
        )
        for surface, slug, after in MENTIONS
    )
    add_annotations(article, entities)
    return article


def add_segments(article: Article) -> None:
    dateline = at("KHMEIMIM (NEWSWIRE):")
    rows = [
        (*line_of(TITLE[:10]), "title"),
        (*dateline, "dateline"),
        (dateline[1] + 1, line_of("KHMEIMIM")[1], "body"),
        (*line_of("Putin said"), "body"),
        (*line_of("About 465"), "body"),
    ]
    Segment.objects.bulk_create(
        Segment(article=article, start=start, end=end, kind=kind) for start, end, kind in rows
    )


def add_annotations(article: Article, entities: dict[str, Entity]) -> None:
    visit = at("Monday (11/12/2017)")
    lead = line_of("KHMEIMIM")
    Event.objects.create(
        article=article,
        key="t-2017-12-11",
        start=visit[0],
        end=visit[1],
        text="Monday (11/12/2017)",
        value="2017-12-11",
        date=date(2017, 12, 11),
        precision="day",
        sentence_start=lead[0],
        sentence_end=lead[1],
        summary="Putin meets Asad",
        main=True,
    )
    figure = at(FIGURE_TEXT)
    Figure.objects.create(
        article=article,
        key="fig-465000-killed",
        start=figure[0],
        end=figure[1],
        text=FIGURE_TEXT,
        value=465000,
        qualifier="about",
        unit="people",
        category="killed",
        as_of=date(2017, 12, 11),
        source="Aljazeera",
        source_entity=entities["aljazeera"],
    )
    add_attributions(article, entities)


def add_attributions(article: Article, entities: dict[str, Entity]) -> None:
    said = at("said")
    quote = at("the war is over")
    reported = at("reported")
    Attribution.objects.create(
        article=article,
        key="src-novosti-quote",
        start=said[0],
        end=said[1],
        kind="quote",
        source="Novosti",
        source_entity=entities["novosti"],
        speaker="Vladimir Putin",
        speaker_entity=entities["vladimir-putin"],
        content_start=quote[0],
        content_end=quote[1],
    )
    Attribution.objects.create(
        article=article,
        key="src-aljazeera-relayed-from",
        start=reported[0],
        end=reported[1],
        kind="relayed_from",
        source="Aljazeera",
        source_entity=entities["aljazeera"],
    )


def mention_article(
    title: str,
    slug: str,
    published: date | None,
    mention_status: str = Mention.Status.MACHINE,
    **fields,
) -> Article:
    """Another article that names Vladimir Putin once."""
    text = f"{title}\n\nVladimir Putin spoke."
    article = Article.objects.create(
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        slug=slug,
        language="en",
        published_on=published,
        **fields,
    )
    start = text.index("Vladimir Putin")
    entity = make_entities()["vladimir-putin"]
    Mention.objects.create(
        article=article,
        entity=entity,
        start=start,
        end=start + 14,
        text="Vladimir Putin",
        label="PER",
        status=mention_status,
    )
    return article
