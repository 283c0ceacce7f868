"""articles.highlight: ingested text escaped first, markup added second, marks nested or dropped."""

from __future__ import annotations

import pytest
from django.utils.safestring import SafeString

from articles.highlight import Mark, highlight, resolve_marks


def mark(start: int, end: int, layer: int = 1, name: str = "m", **kwargs) -> Mark:
    return Mark(start, end, layer, attrs=(("class", name),), **kwargs)


def test_it_returns_the_text_escaped_when_there_are_no_marks() -> None:
    html = highlight('<b>"Tom" & Jerry\'s</b>', [])
    assert html == "&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#x27;s&lt;/b&gt;"
    assert isinstance(html, SafeString)


def test_it_escapes_the_text_inside_a_mark() -> None:
    html = highlight("a <script>x</script> b", [mark(2, 20)])
    assert html == 'a <mark class="m">&lt;script&gt;x&lt;/script&gt;</mark> b'


def test_it_escapes_attribute_values() -> None:
    text = "Putin"
    html = highlight(text, [Mark(0, 5, 1, attrs=(("data-entity", '"><svg onload=x>'),))])
    assert html == '<mark data-entity="&quot;&gt;&lt;svg onload=x&gt;">Putin</mark>'


def test_it_links_a_mark_to_a_fragment_inside_the_mark() -> None:
    html = highlight("on 30 September 2015.", [mark(3, 20, link="#t-2015-09-30")])
    assert html == 'on <mark class="m"><a href="#t-2015-09-30">30 September 2015</a></mark>.'


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 5, '<mark class="m">Putin</mark> met Asad'),
        (10, 14, 'Putin met <mark class="m">Asad</mark>'),
        (0, 14, '<mark class="m">Putin met Asad</mark>'),
    ],
)
def test_it_handles_marks_at_the_edges_of_the_text(start: int, end: int, expected: str) -> None:
    assert highlight("Putin met Asad", [mark(start, end)]) == expected


def test_it_renders_adjacent_marks_without_merging_them() -> None:
    html = highlight("ab", [mark(0, 1, name="x"), mark(1, 2, name="y")])
    assert html == '<mark class="x">a</mark><mark class="y">b</mark>'


def test_it_nests_a_mark_of_an_inner_layer_inside_an_outer_one() -> None:
    sentence = Mark(0, 15, 0, "span", (("id", "s-0"),))
    html = highlight("Putin met Asad. Then", [sentence, mark(10, 14, layer=4)])
    assert html == '<span id="s-0">Putin met <mark class="m">Asad</mark>.</span> Then'


def test_it_nests_marks_with_the_same_span_outer_layer_first() -> None:
    html = highlight("Novosti", [mark(0, 7, layer=4, name="ent"), mark(0, 7, layer=2, name="cue")])
    assert html == '<mark class="cue"><mark class="ent">Novosti</mark></mark>'


def test_it_drops_a_mark_that_crosses_a_mark_of_an_outer_layer() -> None:
    html = highlight("abcdef", [mark(0, 4, layer=1, name="outer"), mark(2, 6, layer=2)])
    assert html == '<mark class="outer">abcd</mark>ef'


def test_it_keeps_the_earlier_of_two_overlapping_marks_of_one_layer() -> None:
    html = highlight("abcdef", [mark(2, 6, name="late"), mark(0, 4, name="early")])
    assert html == '<mark class="early">abcd</mark>ef'


def test_it_keeps_a_mark_that_contains_a_mark_of_an_outer_layer() -> None:
    html = highlight("abcdef", [mark(2, 3, layer=1, name="outer"), mark(0, 6, layer=2)])
    assert html == '<mark class="m">ab<mark class="outer">c</mark>def</mark>'


def test_it_renders_only_the_window_and_the_marks_inside_it() -> None:
    text = "Title\n\nPutin spoke. Asad listened."
    marks = [mark(0, 5, name="title"), mark(7, 12, name="per"), mark(20, 24, name="per")]
    html = highlight(text, marks, start=7, end=20)
    assert html == '<mark class="per">Putin</mark> spoke. '


def test_it_leaves_out_a_mark_that_crosses_the_window_edge() -> None:
    assert highlight("abcdef", [mark(1, 4)], start=2, end=6) == "cdef"


def test_it_leaves_out_empty_marks() -> None:
    assert highlight("abc", [mark(1, 1)]) == "abc"


def test_it_counts_offsets_in_characters_not_bytes() -> None:
    text = "“Halo” — Pangkalan Udara Khmeimim ‘teroris’ 🙂 Suriah"
    start = text.index("Suriah")
    html = highlight(text, [mark(start, start + 6)])
    assert html.endswith('🙂 <mark class="m">Suriah</mark>')
    assert html.startswith("“Halo” — Pangkalan")


def test_it_resolves_a_thousand_marks_in_opening_order() -> None:
    marks = [mark(i * 3, i * 3 + 2, layer=i % 2) for i in range(1000)]
    resolved = resolve_marks(reversed(marks))
    assert [m.start for m in resolved] == [i * 3 for i in range(1000)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tag": "script"}, "tag not allowed"),
        ({"tag": "img"}, "tag not allowed"),
        ({"attrs": (("onclick", "x"),)}, "attribute not allowed"),
        ({"attrs": (("style", "x"),)}, "attribute not allowed"),
        ({"attrs": (('x" onload="y', "x"),)}, "attribute not allowed"),
        ({"tag": "a", "attrs": (("href", "javascript:alert(1)"),)}, "this page"),
        ({"link": "javascript:alert(1)"}, "this page"),
        ({"link": "https://example.com/"}, "this page"),
        ({"link": "?entity=x", "link_attrs": (("hx-get", "/admin/"),)}, "this page"),
        ({"attrs": (("hx-on--click", "alert(1)"),)}, "attribute not allowed"),
        ({"attrs": (("hx-post", "?x"),)}, "attribute not allowed"),
        ({"link_attrs": (("data-hx-on-click", "alert(1)"),)}, "attribute not allowed"),
    ],
)
def test_it_refuses_markup_that_could_run_code(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Mark(0, 1, 0, **kwargs)


# --- words for screen readers, links that open a card, links that never nest ---------------


def test_it_says_a_marks_type_before_it_and_end_after_it_visually_hidden() -> None:
    html = highlight("Putin spoke", [mark(0, 5, before="person: ", after=" end")])
    assert html == (
        '<mark class="m"><span class="visually-hidden">person: </span>Putin'
        '<span class="visually-hidden"> end</span></mark> spoke'
    )


def test_it_escapes_the_words_for_screen_readers() -> None:
    html = highlight("Putin", [mark(0, 5, before="<b>", after="&")])
    assert '<span class="visually-hidden">&lt;b&gt;</span>' in html
    assert '<span class="visually-hidden">&amp;</span>' in html


def test_it_puts_the_type_inside_the_link_and_end_after_it() -> None:
    """A link's name is then "person: Putin", as a screen reader lists links."""
    entity = mark(0, 5, before="person: ", after=" end", link="?entity=putin")
    assert highlight("Putin", [entity]) == (
        '<mark class="m"><a href="?entity=putin"><span class="visually-hidden">person: </span>'
        'Putin</a><span class="visually-hidden"> end</span></mark>'
    )


def test_it_links_to_a_state_of_this_page_with_htmx_attributes_on_the_link() -> None:
    link = "?entity=putin&hide=dates"
    entity = mark(0, 5, link=link, link_attrs=(("hx-get", link),))
    assert highlight("Putin", [entity]) == (
        '<mark class="m"><a href="?entity=putin&amp;hide=dates" '
        'hx-get="?entity=putin&amp;hide=dates">Putin</a></mark>'
    )


def test_it_splits_an_outer_link_around_an_inner_one() -> None:
    text = "12 juta warga Suriah mengungsi"
    figure = mark(0, len(text), layer=3, name="fig", link="#fig-12000000-displaced")
    place = mark(14, 20, layer=4, name="ent", link="?entity=suriah")
    assert highlight(text, [figure, place]) == (
        '<mark class="fig"><a href="#fig-12000000-displaced">12 juta warga </a>'
        '<mark class="ent"><a href="?entity=suriah">Suriah</a></mark>'
        '<a href="#fig-12000000-displaced"> mengungsi</a></mark>'
    )


def test_it_keeps_an_outer_link_around_an_inner_mark_without_one() -> None:
    text = "on 30 September"
    date = mark(3, 15, layer=3, name="date", link="#t-2015-09")
    month = mark(6, 15, layer=4, name="inner")
    assert highlight(text, [date, month]) == (
        'on <mark class="date"><a href="#t-2015-09">30 </a>'
        '<mark class="inner"><a href="#t-2015-09">September</a></mark></mark>'
    )


def test_it_opens_no_empty_link_when_an_inner_link_fills_the_outer_mark() -> None:
    cue = mark(0, 7, layer=2, name="cue", link="#src-novosti")
    entity = mark(0, 7, layer=4, name="ent", link="?entity=novosti")
    html = highlight("Novosti", [cue, entity])
    assert (
        html
        == '<mark class="cue"><mark class="ent"><a href="?entity=novosti">Novosti</a></mark></mark>'
    )
    assert "<a" not in html.replace('<a href="?entity=novosti">', "")
