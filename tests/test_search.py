"""Search: words in titles and bodies, filters kept in the URL, marked snippets, htmx."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Attribution, Entity, Figure, Mention
from articles.search import (
    search_snippet,
    search_terms,
    sentence_around,
    words_sharing_stems,
)

pytestmark = pytest.mark.django_db
POSTGRES = connection.vendor == "postgresql"


def make_article(title: str, body: str, published: date | None = None, **fields) -> Article:
    text = f"{title}\n\n{body}\n"
    return Article.objects.create(
        text=text,
        content_hash=str(hash(text)),
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:100] or "article",
        published_on=published,
        **fields,
    )


def mention(article: Article, entity: Entity, surface: str, **fields) -> Mention:
    start = article.body_text.index(surface)
    return Mention.objects.create(
        article=article,
        entity=entity,
        start=start,
        end=start + len(surface),
        text=surface,
        label=entity.label,
        **fields,
    )


def titles(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<h2 id="result-\d+"[^>]*><a [^>]*>(.*?)</a></h2>', html, re.S)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


def search(client: Client, **params) -> list[str]:
    return titles(client.get("/search/", params))


@pytest.fixture
def putin() -> Entity:
    return Entity.objects.create(name="Vladimir Putin", label="PER", slug="vladimir-putin")


@pytest.fixture
def collection(putin: Entity) -> dict[str, Article]:
    moscow = make_article(
        "Putin Perintahkan Pasukan Pulang",
        "Presiden Vladimir Putin memerintahkan pasukannya pulang dari Suriah.",
        date(2017, 12, 11),
        outlet="SALAM-ONLINE",
    )
    mention(moscow, putin, "Vladimir Putin")
    flood = make_article(
        "Banjir di Jakarta",
        "Sekitar 465.000 warga mengungsi setelah hujan deras, kata BNPB.",
        date(2016, 2, 3),
    )
    Figure.objects.create(
        article=flood,
        key="fig-465000-displaced",
        start=flood.body_text.index("465.000"),
        end=flood.body_text.index("465.000") + 7,
        text="465.000 warga",
        value=465000,
        qualifier="about",
        category="displaced",
    )
    Attribution.objects.create(
        article=flood, key="src-bnpb", start=0, end=4, kind="according_to", source="BNPB"
    )
    summit = make_article(
        "Summit in Sochi",
        "Putin met leaders in Sochi to talk about Syria.",
        date(2017, 11, 22),
        language="en",
    )
    return {"moscow": moscow, "flood": flood, "summit": summit}


# --- words -----------------------------------------------------------------------------------


def test_it_finds_articles_by_a_word_of_the_title_or_the_body(client: Client, collection) -> None:
    assert search(client, q="banjir") == ["Banjir di Jakarta"]
    assert search(client, q="hujan") == ["Banjir di Jakarta"]


def test_it_needs_every_word_of_the_query(client: Client, collection) -> None:
    assert set(search(client, q="putin")) == {"Putin Perintahkan Pasukan Pulang", "Summit in Sochi"}
    assert search(client, q="putin sochi") == ["Summit in Sochi"]
    assert search(client, q="putin banjir") == []


def test_the_start_of_a_word_is_enough(client: Client, collection) -> None:
    assert search(client, q="pasuk") == ["Putin Perintahkan Pasukan Pulang"]


def test_it_ignores_case_everywhere_and_accents_on_postgresql(client: Client, collection) -> None:
    assert search(client, q="SUMMIT") == ["Summit in Sochi"]
    # PostgreSQL folds accents with `unaccent`; the SQLite fallback compares as written.
    expected = ["Summit in Sochi"] if POSTGRES else []
    assert search(client, q="Sóchi") == expected


def test_it_finds_numbers_written_the_indonesian_way(client: Client, collection) -> None:
    assert search(client, q="465.000") == ["Banjir di Jakarta"]


def test_it_lists_the_newest_first_when_nothing_ranks_higher(client: Client, collection) -> None:
    assert search(client, year=2017) == ["Putin Perintahkan Pasukan Pulang", "Summit in Sochi"]


@pytest.mark.parametrize("query", ["' & | ! ( ) :* <->", "qx:*zz", "\\", "%_%", "' OR 1=1 --"])
def test_query_syntax_in_the_words_is_harmless(client: Client, collection, query: str) -> None:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert titles(response) == []


def test_it_hides_drafts_from_readers_and_shows_them_to_staff(
    client: Client, collection, admin_user: User
) -> None:
    Article.objects.filter(pk=collection["summit"].pk).update(status=Article.Status.DRAFT)
    assert search(client, q="sochi") == []
    client.force_login(admin_user)
    assert search(client, q="sochi") == ["Summit in Sochi"]


def test_the_stored_search_index_exists_only_on_postgresql(collection) -> None:
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            sql, params = Article.objects.search("putin").values("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
        assert "article_search_vector_gin" in plan
        assert "to_tsvector" not in plan  # the stored column, not recomputed per row
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'article_search%'")
            assert cursor.fetchall() == []


# --- filters ---------------------------------------------------------------------------------


def test_it_filters_by_entity(client: Client, collection) -> None:
    assert search(client, entity="vladimir-putin") == ["Putin Perintahkan Pasukan Pulang"]


def test_a_rejected_mention_does_not_count_for_the_entity_filter(
    client: Client, collection, putin: Entity
) -> None:
    Mention.objects.filter(entity=putin).update(status=Mention.Status.REJECTED)
    assert search(client, entity="vladimir-putin") == []


@pytest.mark.parametrize("source", ["BNPB", "bnpb"])
def test_it_filters_by_source_name(client: Client, collection, source: str) -> None:
    assert search(client, source=source) == ["Banjir di Jakarta"]


def test_it_filters_by_source_entity(client: Client, collection) -> None:
    bnpb = Entity.objects.create(name="Badan Nasional", label="ORG", slug="badan-nasional")
    Attribution.objects.filter(key="src-bnpb").update(source="", source_entity=bnpb)
    assert search(client, source="badan-nasional") == ["Banjir di Jakarta"]


def test_it_filters_by_year_and_figure_category(client: Client, collection) -> None:
    assert search(client, year=2016) == ["Banjir di Jakarta"]
    assert search(client, category="displaced") == ["Banjir di Jakarta"]
    assert search(client, category="killed") == []


def test_filters_combine_with_words(client: Client, collection) -> None:
    assert search(client, q="putin", year=2017, entity="vladimir-putin") == [
        "Putin Perintahkan Pasukan Pulang"
    ]
    assert search(client, q="putin", year=2016) == []


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"category": "eaten"}, {"entity": "not a slug!"}]
)
def test_an_invalid_filter_is_ignored(client: Client, collection, params: dict) -> None:
    response = client.get("/search/", {"q": "banjir", **params})
    assert response.status_code == 200
    assert titles(response) == ["Banjir di Jakarta"]


def test_the_form_shows_the_filters_from_the_url(client: Client, collection) -> None:
    html = client.get("/search/", {"q": "putin", "year": 2017, "entity": "vladimir-putin"})
    html = html.content.decode()
    assert 'name="q" value="putin"' in html
    assert '<option value="2017" selected>2017</option>' in html
    assert 'name="entity_name" value="Vladimir Putin"' in html
    assert '<input type="hidden" name="entity" value="vladimir-putin">' in html
    assert '<option value="displaced">Displaced</option>' in html


def test_the_source_menu_lists_the_sources_of_the_results_shown(client, collection) -> None:
    flood = client.get("/search/", {"q": "banjir"}).content.decode()
    putin = client.get("/search/", {"q": "putin"}).content.decode()
    assert '<option value="BNPB">BNPB</option>' in flood
    assert '<option value="BNPB">BNPB</option>' not in putin


def test_each_filter_in_use_links_to_the_search_without_it(client: Client, collection) -> None:
    html = client.get("/search/", {"q": "putin", "year": "2017"}).content.decode()
    filters = html[html.index('<ul class="active-filters"') :]
    assert re.search(
        r'<span class="filter-name">Year:</span> 2017 <a href="/search/\?q=putin"', filters
    )


# --- results ---------------------------------------------------------------------------------


def test_it_marks_the_matched_words_in_title_and_snippet(client: Client, collection) -> None:
    html = client.get("/search/", {"q": "putin pasuk"}).content.decode()
    assert '<mark class="hit">Putin</mark> Perintahkan <mark class="hit">Pasukan</mark>' in html
    snippet = re.search(r'<p class="snippet" lang="id">(.*?)</p>', html, re.S).group(1)
    assert snippet == (
        'Presiden Vladimir <mark class="hit">Putin</mark> memerintahkan '
        '<mark class="hit">pasukannya</mark> pulang dari Suriah.'
    )


def test_snippets_escape_the_stored_text(client: Client) -> None:
    make_article("Hack", 'Putin <script>alert("x")</script> & <b onclick="y">bold</b>.')
    html = client.get("/search/", {"q": "putin"}).content.decode()
    snippet = re.search(r'<p class="snippet" lang="id">(.*?)</p>', html, re.S).group(1)
    assert "<script" not in snippet and "<b " not in snippet
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick" in snippet


def test_it_formats_dates_for_the_interface_language(client: Client, collection) -> None:
    html = client.get("/search/", {"q": "banjir"}, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<time datetime="2016-02-03">3 Februari 2016</time>' in html
    html = client.get("/search/", {"q": "banjir"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<time datetime="2016-02-03">3 February 2016</time>' in html


def test_it_asks_for_words_before_anything_is_searched(client: Client, collection) -> None:
    html = client.get("/search/").content.decode()
    assert "Type a word or choose a filter" in html
    assert titles(client.get("/search/")) == []


def test_it_pages_long_result_lists_keeping_the_query(client: Client) -> None:
    for number in range(23):
        make_article(f"Gempa {number}", "Gempa mengguncang kota.", date(2017, 1, number % 28 + 1))
    first = client.get("/search/", {"q": "gempa", "year": "2017"})
    assert len(titles(first)) == 20
    html = first.content.decode()
    assert 'href="?q=gempa&amp;year=2017&amp;page=2"' in html
    second = client.get("/search/", {"q": "gempa", "year": "2017", "page": 2})
    assert len(titles(second)) == 3
    assert not set(titles(first)) & set(titles(second))


# --- htmx ------------------------------------------------------------------------------------


def results_section(html: str) -> str:
    start = html.index('<div id="search-results" class="search-results">')
    start = html.index(">", start) + 1
    return html[start : html.index("</div>\n</div>", start)].strip()


def test_the_htmx_fragment_is_the_full_pages_results(client: Client, collection) -> None:
    params = {"q": "putin", "year": "2017"}
    full = client.get("/search/", params).content.decode()
    fragment = client.get("/search/", params, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "<form" not in fragment
    assert fragment.strip() == results_section(full)
    assert 'class="result-count" role="status">2 articles found' in fragment


def test_the_fragment_pushes_the_address_without_empty_fields(client: Client, collection) -> None:
    params = {"q": "putin", "entity": "", "source": "", "year": "2017", "category": ""}
    response = client.get("/search/", params, HTTP_HX_REQUEST="true")
    assert response["HX-Push-Url"] == "/search/?q=putin&year=2017"
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_full_page(client: Client, collection) -> None:
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    html = client.get("/search/", {"q": "putin"}, **headers).content.decode()
    assert html.lstrip().startswith("<!doctype html>")


def test_the_search_form_updates_results_as_one_types(client: Client) -> None:
    html = client.get("/search/").content.decode()
    form = html[
        html.index('<form class="search-form"') : html.index(
            "</form>", html.index('<form class="search-form"')
        )
    ]
    assert 'action="/search/" method="get"' in form
    assert 'hx-get="/search/"' in form and 'hx-target="#search-results"' in form
    assert 'hx-push-url="true"' in form and "input delay:300ms from:#search-q" in form


@pytest.mark.parametrize("path", ["/", "/entities/"])
def test_every_page_has_the_search_box(client: Client, collection, path: str) -> None:
    html = client.get(path).content.decode()
    assert '<form class="site-search" role="search" action="/search/" method="get">' in html
    assert '<input type="search" id="site-search-q" name="q"' in html


def test_the_article_and_entity_pages_have_the_search_box(client: Client, collection) -> None:
    for path in (collection["moscow"].get_absolute_url(), "/entities/vladimir-putin/"):
        html = client.get(path).content.decode()
        assert html.count('role="search"') == 1, path


def test_the_search_page_has_one_search_box(client: Client) -> None:
    assert client.get("/search/").content.decode().count('role="search"') == 1


# --- terms and snippets (no database needed, but cheap) --------------------------------------


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("Putin  putin PUTIN", ["putin"]),
        ("465.000 orang, 12 juta", ["465.000", "orang", "12", "juta"]),
        ("el-Sisi", ["el", "sisi"]),
        ("' & | !", []),
        ("a b c d e f g h i j", ["a", "b", "c", "d", "e", "f", "g", "h"]),
    ],
)
def test_it_splits_a_query_into_terms(query: str, terms: list[str]) -> None:
    assert search_terms(query) == terms


def test_a_snippet_marks_words_whatever_their_accents() -> None:
    text = "Judul\nPada 11 Désember, DESEMBER dan desember tiba."
    snippet = search_snippet(text, ["desember"], skip=5)
    assert snippet.count('<mark class="hit">') == 3


def test_a_snippet_starts_after_the_title_when_only_the_title_matches() -> None:
    text = "Banjir Besar\nHujan turun sejak pagi. Warga mengungsi."
    assert search_snippet(text, ["banjir"], skip=12) == "Hujan turun sejak pagi."


def test_a_long_sentence_is_cut_around_the_match_at_word_ends() -> None:
    text = "Awal. " + "kata " * 200 + "Putin " + "lagi " * 200 + "akhir."
    window = sentence_around(text, text.index("Putin"), text.index("Putin") + 5, limit=100)
    shown = text[window.start : window.end]
    assert "Putin" in shown and len(shown) <= 105
    assert shown.split()[0] == "kata" and shown.split()[-1] == "lagi"
    assert window.cut_before and window.cut_after


@pytest.mark.parametrize("articles", [1, 20])
def test_a_page_of_results_takes_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries, articles: int
) -> None:
    for number in range(articles):
        make_article(f"Gempa {number}", "Gempa mengguncang kota.", date(2017, 1, 1))
    # the count (on PostgreSQL first its estimate, then the count with its planner settings),
    # the page, and the source and year menus
    with django_assert_max_num_queries(6 if POSTGRES else 5):
        response = client.get("/search/", {"q": "gempa"})
    assert len(titles(response)) == articles


# --- Indonesian word forms ---------------------------------------------------------------------

# Each root with affixed forms an article may use; the query is the root (or a form).
AFFIXED_FORMS = [
    ("bunuh", "terbunuh"),
    ("bunuh", "dibunuh"),
    ("bunuh", "pembunuhan"),
    ("ungsi", "mengungsi"),
    ("ungsi", "pengungsi"),
    ("tewas", "menewaskan"),
    ("bakar", "kebakaran"),
    ("tangkap", "ditangkap"),
    ("serang", "serangan"),
    ("pengungsi", "mengungsi"),  # a form finds the other forms of its root
]


@pytest.mark.parametrize(("query", "form"), AFFIXED_FORMS)
def test_a_root_finds_its_affixed_forms(client: Client, query: str, form: str) -> None:
    make_article("Laporan", f"Polisi menyebut tiga warga {form} di desa itu.", date(2018, 1, 2))
    make_article("Lain", "Cuaca cerah di kota pada pagi hari.", date(2018, 1, 3))
    response = client.get("/search/", {"q": query})
    assert titles(response) == ["Laporan"]
    # The word found through its root is marked in the snippet.
    assert f'<mark class="hit">{form}</mark>' in response.content.decode()


def test_words_found_through_a_root_are_whole_words_in_any_case_each_once() -> None:
    text = "PEMBUNUHAN itu... Warga dibunuh; dibunuh lagi. Bunuh_diri, 1.500 pembunuh-bayaran."
    assert words_sharing_stems(["bunuh"], text) == ["pembunuhan", "dibunuh", "pembunuh"]
    assert words_sharing_stems(["1.500"], text) == []
    assert words_sharing_stems(["ungsi"], text) == []


def test_exact_words_rank_above_words_found_through_their_root(client: Client) -> None:
    make_article("Pembunuhan", "Polisi menyelidiki kasus itu.", date(2018, 1, 5))  # newest
    make_article("Ditangkap", "Tersangka yang membunuh warga ditangkap.", date(2018, 1, 4))
    make_article("Kasus", "Ia mengaku membunuh korban.", date(2018, 1, 1))
    make_article("Tuduhan", "Mereka dituduh bunuh diri massal.", date(2017, 6, 1))
    found = search(client, q="bunuh")
    assert found[0] == "Tuduhan"  # the exact word, though the oldest
    assert set(found[1:]) == {"Pembunuhan", "Ditangkap", "Kasus"}


def test_english_articles_are_not_stemmed(client: Client) -> None:
    make_article("Talks", "The members met on Monday.", date(2018, 1, 1), language="en")
    assert search(client, q="members") == ["Talks"]
    assert search(client, q="ber") == []


def test_a_saved_correction_of_the_text_updates_what_search_finds(client: Client) -> None:
    article = make_article("Gempa", "Gempa mengguncang kota.", date(2018, 1, 1))
    article.text = "Gempa\n\nBanjir merendam kota dan warga mengungsi."
    article.save(update_fields=["text"])
    assert search(client, q="ungsi") == ["Gempa"]
    assert search(client, q="mengguncang") == []


# --- counts, menus and the entity autocomplete --------------------------------------------------


def test_counts_stop_at_the_limit_and_then_list_the_newest_first(
    client: Client, settings, monkeypatch
) -> None:
    from articles.views import search as search_view

    monkeypatch.setattr(search_view, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search_view, "RESULTS_PER_PAGE", 2)
    for day in range(1, 6):
        make_article(f"Gempa {day}", "Gempa mengguncang kota.", date(2018, 1, day))
    response = client.get("/search/", {"q": "gempa"})
    assert "More than 3 articles found, newest first" in response.content.decode()
    assert titles(response) == ["Gempa 5", "Gempa 4"]
    assert search(client, q="gempa", page=2) == ["Gempa 3", "Gempa 2"]


def test_a_word_postgresql_expects_in_far_more_articles_than_counted_is_not_counted(
    client: Client, monkeypatch
) -> None:
    from articles.views import search as search_view

    monkeypatch.setattr(search_view, "COUNT_LIMIT", 2)
    monkeypatch.setattr(search_view, "ESTIMATE_TRUSTED", 5)
    # PostgreSQL estimates a word start (`gempa:*`) only from 100 or more common words.
    common_words = " ".join(f"kosakata{number:03d}" for number in range(120))
    for day in range(1, 31):
        make_article(f"Gempa {day}", f"Gempa mengguncang kota. {common_words}", date(2018, 1, day))
    make_article("Banjir", "Banjir merendam kota.", date(2018, 2, 1))
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")  # the statistics the estimate reads

    def counted(**params) -> tuple[bool, str]:
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/search/", params).content.decode()
        return any("COUNT(*)" in q["sql"] and "LIMIT 3" in q["sql"] for q in queries), html

    common, html = counted(q="gempa")
    assert "More than 2 articles found, newest first" in html
    assert common is not POSTGRES  # PostgreSQL expects about 30: more than 5 × 2, not counted
    rare, html = counted(q="banjir")
    assert rare and "1 article found" in html
    filtered, html = counted(q="gempa", year=2018)  # a filter: its estimate is not trusted
    assert filtered and "More than 2 articles found" in html


def test_the_year_menu_spans_the_first_to_the_last_year(client: Client, collection) -> None:
    html = client.get("/search/", {"q": "banjir"}).content.decode()
    years = re.findall(r'<option value="(\d{4})"', html)
    assert years == ["2017", "2016"]


def test_the_entity_field_suggests_entities_by_name(client: Client, collection, putin) -> None:
    Entity.objects.create(name="Jakarta", label="LOC", slug="jakarta")
    response = client.get("/search/entities/", {"entity_name": "vlad", "q": "pasukan"})
    html = response.content.decode()
    assert "<html" not in html
    links = re.findall(r'<a href="([^"]+)" data-entity="([^"]+)">([^<]+)</a>', html)
    assert links == [("/search/?q=pasukan&amp;entity=vladimir-putin", "vladimir-putin",
                      "Vladimir Putin")]  # fmt: skip
    by_word = client.get("/search/entities/", {"entity_name": "putin"}).content.decode()
    assert 'data-entity="vladimir-putin"' in by_word
    none = client.get("/search/entities/", {"entity_name": "zzz"}).content.decode()
    assert "No entity of that name." in none


def test_without_javascript_a_typed_entity_name_filters(client: Client, collection) -> None:
    assert search(client, entity_name="vladimir putin") == ["Putin Perintahkan Pasukan Pulang"]
