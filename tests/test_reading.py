"""articles.reading from a hand-made pipeline result: blocks, timeline, figure cards, trails.

The result is built by hand so these tests pin the reading view's own logic whatever the
pipeline finds; tests/test_article_page.py covers the seed article end to end.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from articles.annotate.types import (
    Attribution,
    Dateline,
    Entity,
    Event,
    Figure,
    Mention,
    Result,
    Segment,
    Span,
)
from articles.reading import Reading, build_reading, reading_from_result
from articles.reading.parts import parts_from_result
from articles.reading.state import ReaderState
from articles.reading.trails import Hop

TEXT = (
    "Presiden Bertemu Ani\n"
    "\n"
    "JAKARTA (KANTOR-X): Presiden Budi Santoso bertemu Ani di Jakarta, Senin (11/12/2017), "
    "lansir Reuters.\n"
    "\n"
    "Kantor berita Antara mengutip Budi mengatakan bahwa “perang berakhir”.\n"
    "\n"
    "Pada 30 September 2015, sekitar 465.000 orang terbunuh.\n"
    "\n"
    "BACA JUGA: <b>Berita</b> lain\n"
    "\n"
    "Sumber: Reuters"
)


def at(surface: str, after: str = "") -> tuple[int, int]:
    start = TEXT.index(surface, TEXT.index(after) if after else 0)
    return start, start + len(surface)


def span(surface: str, after: str = "") -> Span:
    return Span(*at(surface, after))


def line(prefix: str) -> tuple[int, int]:
    start = TEXT.index(prefix)
    end = TEXT.find("\n", start)
    return start, len(TEXT) if end < 0 else end


def mention(surface: str, label: str, entity: str, after: str = "") -> Mention:
    found = span(surface, after)
    return Mention(found.start, found.end, surface, label, entity)


def sentence_of(surface: str) -> Span:
    found = span(surface)
    start = TEXT.rfind("\n", 0, found.start) + 1
    end = TEXT.find(".", found.end) + 1
    return Span(start, end)


def build_result(language: str = "id") -> Result:
    dateline = span("JAKARTA (KANTOR-X):")
    lead = line("JAKARTA")
    segments = [
        Segment(*at("Presiden Bertemu Ani"), "title"),
        Segment(dateline.start, dateline.end, "dateline"),
        Segment(dateline.end + 1, lead[1], "body"),
        Segment(*line("Kantor berita"), "body"),
        Segment(*line("Pada 30"), "body"),
        Segment(*line("BACA JUGA"), "related_link"),
        Segment(*line("Sumber:"), "source_footer"),
    ]
    entities = [
        Entity("budi-santoso", "PER", "Budi Santoso", ["Budi"]),
        Entity("ani", "PER", "Ani"),
        Entity("jakarta", "LOC", "Jakarta"),
        Entity("kantor-x", "ORG", "KANTOR-X"),
        Entity("reuters", "ORG", "Reuters"),
        Entity("antara", "ORG", "Antara"),
    ]
    mentions = [
        mention("JAKARTA", "LOC", "jakarta"),
        mention("KANTOR-X", "ORG", "kantor-x"),
        mention("Budi Santoso", "PER", "budi-santoso"),
        mention("Ani", "PER", "ani", after="bertemu"),
        mention("Jakarta", "LOC", "jakarta"),
        mention("Reuters", "ORG", "reuters"),
        mention("Antara", "ORG", "antara"),
        mention("Budi", "PER", "budi-santoso", after="mengutip"),
    ]
    quote = span("perang berakhir")
    attributions = [
        Attribution(*at("(KANTOR-X)"), "publisher", "kantor-x", None, None, None),
        Attribution(*at("lansir"), "relayed_from", "reuters", None, None, None),
        Attribution(*at("mengatakan"), "quote", None, "budi-santoso", "antara", quote),
        Attribution(*at("Sumber:"), "source_footer", "reuters", None, None, None),
    ]
    visit = at("Senin (11/12/2017)")
    war = at("30 September 2015")
    events = [
        Event(
            *visit,
            TEXT[slice(*visit)],
            "2017-12-11",
            "day",
            False,
            sentence_of("Senin"),
            "Budi bertemu Ani",
            main=True,
        ),
        Event(
            *war,
            TEXT[slice(*war)],
            "2015-09-30",
            "day",
            False,
            sentence_of("30 September"),
            "Perang dimulai",
        ),
    ]
    figure = at("sekitar 465.000 orang terbunuh")
    figures = [
        Figure(
            *figure,
            TEXT[slice(*figure)],
            465000.0,
            None,
            "about",
            "people",
            "killed",
            "2017-12-11",
            "reuters",
        ),
    ]
    place = span("JAKARTA")
    outlet = span("KANTOR-X")
    return Result(
        language=language,
        title="Presiden Bertemu Ani",
        published=date(2017, 12, 11),
        published_inferred=True,
        dateline=Dateline(
            dateline.start,
            dateline.end,
            TEXT[dateline.start : dateline.end],
            "JAKARTA",
            place,
            "KANTOR-X",
            outlet,
            "jakarta",
        ),
        outlet="KANTOR-X",
        segments=segments,
        entities=entities,
        mentions=mentions,
        attributions=attributions,
        events=events,
        figures=figures,
    )


@pytest.fixture
def reading() -> Reading:
    return reading_from_result(TEXT, build_result())


def ids_in(html: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', html)


def test_it_keeps_the_title_out_of_the_body(reading: Reading) -> None:
    assert reading.meta.title == "Presiden Bertemu Ani"
    assert all("Presiden Bertemu Ani" not in block.html for block in reading.blocks)


def test_it_opens_the_lead_paragraph_with_the_dateline(reading: Reading) -> None:
    lead = reading.blocks[0]
    assert lead.kind == "paragraph"
    assert re.match(r'(<span class="sentence" id="s-\d+">)?<span class="dateline">', lead.html)
    assert "Presiden <mark" in lead.html


def test_it_shows_inserts_labelled_and_escaped(reading: Reading) -> None:
    inserts = [block for block in reading.blocks if block.kind == "insert"]
    assert [(b.insert_type, b.label, b.open) for b in inserts] == [
        ("related_link", "Related link", False),
        ("source_footer", "Source", True),
    ]
    assert "&lt;b&gt;Berita&lt;/b&gt;" in inserts[0].html


def test_it_marks_entities_by_type_with_the_entity_key_on_the_first_mention(
    reading: Reading,
) -> None:
    body = "".join(block.html for block in reading.blocks)
    assert (
        '<mark class="ent ent-per" data-entity="budi-santoso" data-label="PER" '
        'id="ent-budi-santoso"><span class="visually-hidden">person: </span>Budi Santoso'
        '<span class="visually-hidden"> end</span></mark>'
    ) in body
    assert (
        '<mark class="ent ent-per" data-entity="budi-santoso" data-label="PER" '
        'id="ent-budi-santoso--2"><span class="visually-hidden">person: </span>Budi'
    ) in body
    assert 'class="ent ent-loc" data-entity="jakarta" data-label="LOC"' in body
    assert 'class="ent ent-org" data-entity="antara" data-label="ORG"' in body


def test_it_links_no_entity_anywhere_in_the_admin_preview(reading: Reading) -> None:
    """Without a reader's state there is no card to open: marks are plain."""
    body = "".join(block.html for block in reading.blocks)
    assert "?entity=" not in body and "hx-get" not in body
    assert all(item.toggle_href == "" for item in reading.legend)


def test_it_gives_every_annotation_a_unique_fragment_id(reading: Reading) -> None:
    body_ids = ids_in("".join(block.html for block in reading.blocks))
    sidebar_ids = [entry.key for entry in reading.timeline] + [card.key for card in reading.figures]
    sidebar_ids += [hop.key for trail in reading.trails for hop in trail.hops if hop.key]
    every = body_ids + sidebar_ids
    assert len(every) == len(set(every))
    assert {"t-2015-09-30", "t-2017-12-11", "fig-465000-killed"} <= set(sidebar_ids)


def test_it_lists_the_timeline_oldest_first_with_the_main_event_marked(reading: Reading) -> None:
    assert [(e.key, e.display, e.main) for e in reading.timeline] == [
        ("t-2015-09-30", "30 September 2015", False),
        ("t-2017-12-11", "11 December 2017", True),
    ]


def test_it_writes_timeline_dates_in_the_readers_language() -> None:
    with translation.override("id"):
        timeline = reading_from_result(TEXT, build_result()).timeline
    assert [e.display for e in timeline] == ["30 September 2015", "11 Desember 2017"]


def test_it_links_timeline_entries_and_dates_in_the_text_both_ways(reading: Reading) -> None:
    body = "".join(block.html for block in reading.blocks)
    entry = reading.timeline[0]
    assert entry.sentence_href == f"#s-{TEXT.index('Pada 30')}"
    assert f'<span class="sentence" id="{entry.sentence_href[1:]}">' in body
    assert (
        '<mark class="date" id="d-2015-09-30" data-value="2015-09-30">'
        '<a href="#t-2015-09-30"><span class="visually-hidden">date: </span>30 September 2015'
        '</a><span class="visually-hidden"> end</span></mark>'
    ) in body


@pytest.mark.parametrize(("language", "shown"), [("id", "465.000"), ("en", "465,000")])
def test_it_formats_figures_for_the_readers_language(language: str, shown: str) -> None:
    with translation.override(language):
        card = reading_from_result(TEXT, build_result("id")).figures[0]
    assert (card.display, card.data_value) == (shown, "465000")


def test_it_shows_a_figure_card_with_its_qualifier_source_and_sentence(reading: Reading) -> None:
    card = reading.figures[0]
    assert (card.qualifier_symbol, card.qualifier_words) == ("≈", "about")
    assert (card.category_label, card.unit, card.source) == ("Killed", "people", "Reuters")
    assert card.as_of_display == "11 December 2017"
    assert card.sentence_href == f"#s-{TEXT.index('Pada 30')}"


def test_it_shows_the_quote_chain_through_the_agency_and_the_inferred_relay(
    reading: Reading,
) -> None:
    quote_trail = next(trail for trail in reading.trails if trail.quote)
    assert [(hop.name, hop.inferred) for hop in quote_trail.hops] == [
        ("Budi Santoso", False),
        ("Antara", False),
        ("Reuters", True),
        ("KANTOR-X", False),
        ("this article", False),
    ]
    assert quote_trail.quote == "perang berakhir"
    assert quote_trail.hops[0].cue_href == f"#c-{TEXT.index('mengatakan')}"
    assert quote_trail.hops[2].cue == "Sumber:"


def test_the_relaying_agency_is_labelled_with_its_own_cue_not_the_speakers(
    reading: Reading,
) -> None:
    """`Antara mengutip Budi mengatakan`: Budi said (mengatakan), Antara quoted (mengutip)."""
    quote_trail = next(trail for trail in reading.trails if trail.quote)
    assert [(str(hop.role), hop.cue) for hop in quote_trail.hops[:2]] == [
        ("speaker", "mengatakan"),
        ("via", "mengutip"),
    ]


def test_a_via_without_a_relay_verb_keeps_the_statements_cue() -> None:
    result = build_result()
    told = Attribution(*at("bertemu"), "quote", "ani", "ani", "reuters", span("Jakarta"))
    result.attributions = [told]
    trail = next(t for t in reading_from_result(TEXT, result).trails if t.hops[0].name == "Ani")
    assert [(hop.name, hop.cue) for hop in trail.hops[:2]] == [
        ("Ani", "bertemu"),
        ("Reuters", "bertemu"),
    ]


def test_it_shows_a_relay_named_in_the_text_as_its_own_trail(reading: Reading) -> None:
    names = [[hop.name for hop in trail.hops] for trail in reading.trails]
    assert ["Reuters", "KANTOR-X", "this article"] in names
    relay = next(t for t in reading.trails if t.hops[0].name == "Reuters")
    assert relay.hops[0] == Hop(
        "Reuters",
        "relayed from",
        "lansir",
        f"#c-{TEXT.index('lansir')}",
        "src-reuters-relayed-from",
    )


def test_it_links_every_hop_to_a_cue_that_exists_in_the_body(reading: Reading) -> None:
    body_ids = set(ids_in("".join(block.html for block in reading.blocks)))
    hrefs = {hop.cue_href[1:] for trail in reading.trails for hop in trail.hops if hop.cue_href}
    assert hrefs
    assert hrefs <= body_ids


def test_it_links_timeline_entries_and_figures_to_sentences_in_the_body(reading: Reading) -> None:
    body_ids = set(ids_in("".join(block.html for block in reading.blocks)))
    hrefs = [entry.sentence_href for entry in reading.timeline]
    hrefs += [card.sentence_href for card in reading.figures]
    assert {href[1:] for href in hrefs} <= body_ids
    assert reading.timeline[1].sentence_href == f"#s-{TEXT.index('JAKARTA')}"


def test_it_shows_a_relay_that_carried_a_report_once_with_its_own_cue() -> None:
    result = build_result()
    report = Attribution(*at("bertemu"), "reported_by", "TV negara", None, "reuters", None)
    result.attributions = sorted([*result.attributions, report], key=lambda a: a.start)
    trails = reading_from_result(TEXT, result).trails
    report_trail = next(trail for trail in trails if trail.hops[0].name == "TV negara")
    assert [(hop.name, hop.cue) for hop in report_trail.hops] == [
        ("TV negara", "bertemu"),
        ("Reuters", "lansir"),
        ("KANTOR-X", "(KANTOR-X)"),
        ("this article", ""),
    ]
    assert report_trail.hops[1].key == "src-reuters-relayed-from"
    assert not any(trail.hops[0].name == "Reuters" for trail in trails)


def test_it_renders_the_article_and_sidebar_partials_on_their_own(reading: Reading) -> None:
    """The admin preview renders these two partials from a pipeline result."""
    article = render_to_string("articles/detail.html#article", {"reading": reading})
    sidebar = render_to_string("articles/detail.html#sidebar", {"reading": reading})
    assert article.count("<h1") == 1 and "<aside" not in article
    assert '<span class="dateline">' in article
    assert sidebar.count("<aside") == 1 and "<h1" not in sidebar
    assert sidebar.count('<section class="panel') == 4
    assert '<li class="timeline-entry main" id="t-2017-12-11">' in sidebar
    assert '<data value="465000">465,000</data>' in sidebar
    # Nothing to share from an unsaved preview: no copy links, no state links.
    assert "copy-link" not in sidebar and "?entity=" not in sidebar + article


# --- what the article page adds: entities, state links, mark ids, the lead ------------------


def test_it_lists_entities_by_type_most_mentioned_first(reading: Reading) -> None:
    groups = {group.label: group for group in reading.entities}
    assert list(groups) == ["PER", "ORG", "LOC"]
    people = [(e.slug, e.name, e.mentions) for e in groups["PER"].entities]
    assert people == [("budi-santoso", "Budi Santoso", 2), ("ani", "Ani", 1)]
    budi = groups["PER"].entities[0]
    assert budi.forms == [("Budi", 1), ("Budi Santoso", 1)]
    assert budi.mark_ids == ["ent-budi-santoso", "ent-budi-santoso--2"]
    assert reading.entity_count == 6


def test_it_numbers_only_the_marks_it_shows() -> None:
    """A mention crossing a date is left out of the text; it takes no id, so every
    ``#ent-…`` link the card makes finds its mark, and it is not counted: the card's count
    is the number of steps Previous/Next can take."""
    result = build_result()
    crossing = mention("2015, sekitar", "PER", "ani")  # crosses the date's end
    result.mentions = sorted([*result.mentions, crossing], key=lambda m: m.start)
    reading = reading_from_result(TEXT, result)
    body = "".join(block.html for block in reading.blocks)
    ani = reading.find_entity("ani")
    assert ani is not None and (ani.mentions, ani.marked) == (1, 1)
    assert ani.forms == [("Ani", 1)]
    assert ani.mark_ids == ["ent-ani"]
    assert 'id="ent-ani"' in body and 'id="ent-ani--2"' not in body


def test_it_takes_the_lead_paragraph_without_the_dateline(reading: Reading) -> None:
    assert reading.lead.startswith("Presiden Budi Santoso bertemu Ani di Jakarta")
    assert "KANTOR-X" not in reading.lead.split(",")[0]


def test_it_links_entities_to_their_cards_when_a_reader_has_a_state() -> None:
    state = ReaderState(entity="ani", hidden=("dates",))
    reading = build_reading(parts_from_result(TEXT, build_result()), state)
    body = "".join(block.html for block in reading.blocks)
    link = "?entity=budi-santoso&amp;hide=dates"
    assert f'<a href="{link}" hx-get="{link}">' in body
    assert body.count('class="ent ent-per is-selected" data-entity="ani"') == 1
    switches = {item.layer: (item.shown, item.toggle_href) for item in reading.legend}
    assert switches["dates"] == (False, "?entity=ani")
    assert switches["per"] == (True, "?entity=ani&hide=per,dates")


def test_it_links_each_cue_to_the_source_trail_that_shows_it(reading: Reading) -> None:
    body = "".join(block.html for block in reading.blocks)
    trail_ids = {hop.key for trail in reading.trails for hop in trail.hops if hop.key}
    cue_links = set(re.findall(r'<mark class="cue[^"]*"[^>]*><a href="#([^"]+)"', body))
    assert cue_links and cue_links <= trail_ids
    assert "src-reuters-relayed-from" in cue_links


def test_a_name_in_the_title_is_noted_but_not_counted() -> None:
    """The title is the page's heading, not marked: counting its names would promise a step
    that Previous/Next cannot take."""
    text = "Ani di Jakarta\n\nAni bertemu Budi di Jakarta.\n"
    result = build_result()
    result.title = "Ani di Jakarta"
    result.segments = [Segment(0, 14, "title"), Segment(16, len(text) - 1, "body")]
    result.mentions = [
        Mention(0, 3, "Ani", "PER", "ani"),
        Mention(16, 19, "Ani", "PER", "ani"),
        Mention(7, 14, "Jakarta", "LOC", "jakarta"),
        Mention(36, 43, "Jakarta", "LOC", "jakarta"),
    ]
    result.entities = [e for e in result.entities if e.id in ("ani", "jakarta")]
    result.events, result.figures, result.attributions, result.dateline = [], [], [], None
    reading = reading_from_result(text, result)
    ani, jakarta = reading.find_entity("ani"), reading.find_entity("jakarta")
    assert (ani.mentions, ani.marked, ani.in_title) == (1, 1, True)
    assert (jakarta.mentions, len(jakarta.mark_ids), jakarta.in_title) == (1, 1, True)
