"""The article page: the seed article read end to end, permalinks, drafts, and its query budget."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.ingest import ingest_article
from articles.models import Article, Attribution, Entity, Event, Figure, Mention, Segment

pytestmark = pytest.mark.django_db

SEED_TITLE = "Bertemu Asad, Putin Perintahkan Pasukannya Mulai Tarik Diri dari Suriah"


@pytest.fixture
def seed_article(seed_text: str) -> Article:
    return ingest_article(text=seed_text).article


@pytest.fixture
def seed_html(client: Client, seed_article: Article) -> str:
    response = client.get(seed_article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, start_marker: str, end_marker: str) -> str:
    start = html.index(start_marker)
    return html[start : html.index(end_marker, start)]


def body_of(html: str) -> str:
    return section(html, '<div class="article-body">', "</article>")


def entity_marks(html: str, slug: str) -> list[str]:
    """``kind:label:words`` per mark of the entity; the words are what the reader sees (the
    mark also holds its type and "end" for screen readers, visually hidden)."""
    pattern = (
        rf'<mark class="ent ent-(\w+)[^"]*" data-entity="{slug}" data-label="(\w+)"[^>]*>'
        r'(.*?)<span class="visually-hidden"> end</span></mark>'
    )
    return [
        f"{kind}:{label}:{visible_words(inner)}" for kind, label, inner in re.findall(pattern, html)
    ]


def visible_words(html: str) -> str:
    without_hidden = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return re.sub(r"<[^>]+>", "", without_hidden)


# --- the seed article ------------------------------------------------------------------------


def test_it_shows_the_seed_title_as_the_one_h1(seed_html: str) -> None:
    assert seed_html.count("<h1") == 1
    assert f'<h1 id="article-title">{SEED_TITLE}</h1>' in seed_html
    assert SEED_TITLE not in body_of(seed_html)


def test_it_shows_outlet_dateline_and_date_in_the_header(seed_html: str) -> None:
    header = section(seed_html, '<header class="article-header">', "</header>")
    assert '<p class="article-outlet">SALAM-ONLINE</p>' in header
    assert re.search(r'Dateline</span> <span lang="id">(KHMEIMIM|Khmeimim)</span>', header)
    assert '<time datetime="2017-12-11">11 December 2017</time>' in header


def test_it_writes_dates_the_way_the_readers_language_does(
    client: Client, seed_article: Article
) -> None:
    html = client.get(seed_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="id").content
    assert '<time datetime="2017-12-11">11 Desember 2017</time>' in html.decode()


def test_it_opens_the_lead_with_the_dateline(seed_html: str) -> None:
    body = body_of(seed_html)
    first_paragraph = section(body, "<p>", "</p>")
    assert '<span class="dateline">' in first_paragraph
    assert "(<mark" in first_paragraph or "SALAM-ONLINE" in first_paragraph


def test_it_highlights_every_putin_as_vladimir_putin(seed_html: str) -> None:
    marks = entity_marks(body_of(seed_html), "vladimir-putin")
    assert marks == ["per:PER:Vladimir Putin"] + ["per:PER:Putin"] * 4


def test_it_highlights_asad_as_basyar_asad(seed_html: str) -> None:
    marks = entity_marks(body_of(seed_html), "basyar-asad")
    assert marks[0] == "per:PER:Basyar Asad"
    assert set(marks) == {"per:PER:Basyar Asad", "per:PER:Asad"}
    assert len(marks) == 4


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("abdel-fattah-el-sisi", "per:PER:Abdel Fattah el-Sisi"),
        ("rusia", "loc:LOC:Rusia"),
        ("latakia", "loc:LOC:Latakia"),
        ("mesir", "loc:LOC:Mesir"),
        ("astana", "loc:LOC:Astana"),
        ("novosti", "org:ORG:Novosti"),
        ("aljazeera", "org:ORG:Aljazeera"),
        ("koalisi-nasional-suriah", "org:ORG:Koalisi Nasional Suriah"),
        ("front-al-nusra", "org:ORG:Front al-Nusra"),
    ],
)
def test_it_highlights_seed_entities_by_type(seed_html: str, slug: str, expected: str) -> None:
    assert expected in entity_marks(body_of(seed_html), slug)


def test_it_highlights_suriah_as_a_place_but_not_inside_an_organisation(seed_html: str) -> None:
    body = body_of(seed_html)
    assert set(entity_marks(body, "suriah")) == {"loc:LOC:Suriah"}
    organisation = section(body, 'data-entity="koalisi-nasional-suriah"', "</mark>")
    assert "<mark" not in organisation and "Koalisi Nasional Suriah" in organisation


def test_it_collapses_and_labels_the_inserts(seed_html: str) -> None:
    body = body_of(seed_html)
    teaser = section(body, '<details class="insert insert-related_link">', "</details>")
    assert "<summary" in teaser and "Related link</summary>" in teaser
    assert "BACA JUGA: PENARIKAN MUNDUR PASUKAN RUSIA DARI SURIAH DIRAGUKAN" in teaser
    caption = section(body, '<details class="insert insert-caption">', "</details>")
    assert "Asad (kiri) dan Putin (tengah)" in caption
    assert '<details class="insert insert-signoff">' in body
    assert "Sumber:" in section(
        body, '<details class="insert insert-source_footer" open>', "</details>"
    )


def test_it_runs_the_timeline_oldest_first_with_the_visit_as_main_event(seed_html: str) -> None:
    timeline = section(seed_html, '<ol class="timeline">', "</ol>")
    assert re.findall(r'<time datetime="([\d-]+)">', timeline) == [
        "2015-09-30",
        "2017-11",
        "2017-11",
        "2017-12-11",
        "2017-12-11",
    ]
    main = re.findall(r'<li class="timeline-entry main" id="([^"]+)">', timeline)
    assert len(main) == 1 and main[0].startswith("t-2017-12-11")


def test_it_links_each_timeline_entry_to_its_sentence_and_back(seed_html: str) -> None:
    timeline = section(seed_html, '<ol class="timeline">', "</ol>")
    body = body_of(seed_html)
    for sentence in re.findall(r'href="#(s-\d+)"', timeline):
        assert f'<span class="sentence" id="{sentence}">' in body
    for key in re.findall(r'<li class="timeline-entry[^"]*" id="([^"]+)">', timeline):
        assert f'<a href="#{key}"><span class="visually-hidden">date: </span>' in body


def test_it_shows_two_figure_cards_formatted_for_indonesian(
    client: Client, seed_article: Article
) -> None:
    url = seed_article.get_absolute_url()
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    figures = section(html, 'aria-labelledby="figures-heading"', "</section>")
    assert figures.count('<article class="figure-card') == 2
    assert '<data value="465000">465.000</data>' in figures
    assert '<data value="12000000">12.000.000</data>' in figures
    assert '<span class="qualifier" aria-hidden="true">≈</span>' in figures
    assert '<span class="qualifier" aria-hidden="true">&gt;</span>' in figures
    assert "fig-killed" in figures and "fig-displaced" in figures


def test_it_formats_figures_for_english_readers(client: Client, seed_article: Article) -> None:
    html = client.get(seed_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content
    assert '<data value="465000">465,000</data>' in html.decode()


def test_it_shows_the_quote_chain_from_putin_to_this_article(seed_html: str) -> None:
    sources = section(seed_html, 'aria-labelledby="sources-heading"', "</section>")
    trails = re.findall(r'<ol class="source-trail">(.*?)</ol>', sources, re.S)
    chains = [re.findall(r'class="hop-name"[^>]*>([^<]+)<', trail) for trail in trails]
    quote_chain = next(chain for chain in chains if "Novosti" in chain)
    assert quote_chain[0] in {"Vladimir Putin", "Putin"}
    assert quote_chain[1:] == ["Novosti", "(Aljazeera)", "SALAM-ONLINE", "this article"]


def test_the_relaying_agency_shows_its_own_cue(seed_html: str) -> None:
    """`Novosti, mengutip Putin mengatakan`: Novosti's hop says mengutip, not mengatakan."""
    sources = section(seed_html, 'aria-labelledby="sources-heading"', "</section>")
    hops = re.findall(r'class="hop-name"[^>]*>([^<]+)<.*?<q lang="id">([^<]+)</q>', sources, re.S)
    assert ("Novosti", "mengutip") in hops


def test_it_links_each_source_hop_to_its_cue_in_the_text(seed_html: str) -> None:
    sources = section(seed_html, 'aria-labelledby="sources-heading"', "</section>")
    cues = re.findall(r'class="hop-name" href="#(c-\d+)"', sources)
    assert cues
    for cue in cues:
        assert f'id="{cue}"' in seed_html


def test_it_gives_every_fragment_id_once(seed_html: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', seed_html)
    assert len(ids) == len(set(ids))


# --- permalinks and visibility ---------------------------------------------------------------


def make_article(text: str = "Putin met Asad.", **fields) -> Article:
    defaults = {
        "text": text,
        "content_hash": str(hash(text)),
        "title": "Putin met Asad",
        "slug": "putin-met-asad",
        "language": "en",
        "published_on": date(2017, 12, 11),
    }
    article = Article.objects.create(**{**defaults, **fields})
    Segment.objects.create(article=article, start=0, end=len(text), kind="body")
    return article


def test_it_redirects_a_wrong_slug_to_the_canonical_url(client: Client) -> None:
    article = make_article()
    response = client.get(f"/articles/{article.pk}/some-old-title/")
    assert response.status_code == 301
    assert response["Location"] == f"/articles/{article.pk}/putin-met-asad/"


def test_it_redirects_old_links_after_the_title_changes(client: Client) -> None:
    article = make_article()
    old_url = article.get_absolute_url()
    Article.objects.filter(pk=article.pk).update(title="Putin and Asad", slug="putin-and-asad")
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (
        301,
        f"/articles/{article.pk}/putin-and-asad/",
    )


def test_it_redirects_the_short_link_to_the_canonical_url(client: Client) -> None:
    article = make_article()
    response = client.get(f"/articles/{article.pk}/")
    assert (response.status_code, response["Location"]) == (301, article.get_absolute_url())


def test_it_names_the_canonical_url_in_the_page(client: Client) -> None:
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    expected = (
        f'<link rel="canonical" href="http://testserver/articles/{article.pk}/putin-met-asad/">'
    )
    assert expected in html


def test_it_answers_404_for_an_unknown_article(client: Client) -> None:
    assert client.get("/articles/999999/anything/").status_code == 404
    assert client.get("/articles/999999/").status_code == 404


def test_it_hides_drafts_from_readers_but_not_from_staff(client: Client, admin_user: User) -> None:
    article = make_article(status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/articles/{article.pk}/").status_code == 404
    client.force_login(admin_user)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_it_answers_only_get_and_head(client: Client) -> None:
    article = make_article()
    assert client.post(article.get_absolute_url()).status_code == 405


def test_it_has_landmarks_and_no_inline_script_or_style(client: Client) -> None:
    html = client.get(make_article().get_absolute_url()).content.decode()
    for landmark in ("<header", "<nav", "<main", "<footer", '<a class="skip-link" href="#main">'):
        assert landmark in html
    assert html.count("<aside") == 1 and html.count('<section class="panel') == 4
    assert '<meta name="viewport"' in html
    assert "style=" not in html
    assert "<style" not in html
    # Only scripts from our own files run; the one inline script is JSON-LD data.
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline == ['<script type="application/ld+json">']
    assert re.search(r'<script src="/static/js/reader\.js" defer>', html)
    assert re.search(r'<script[^>]+src="/static/django_htmx/htmx[^"]*\.js"', html)
    assert "<body>" in html  # no CSRF token for anonymous readers (it would be a cookie)


def test_it_hides_rejected_mentions(client: Client) -> None:
    article = make_article()
    entity = Entity.objects.create(name="Vladimir Putin", label="PER", slug="vladimir-putin")
    Mention.objects.create(
        article=article,
        entity=entity,
        start=0,
        end=5,
        text="Putin",
        label="PER",
        status=Mention.Status.REJECTED,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'data-entity="vladimir-putin"' not in html


# --- the query budget ------------------------------------------------------------------------


def build_long_article(mentions: int) -> Article:
    text = " ".join(["Putin met Asad in Suriah."] * (mentions // 3 + 1))
    article = make_article(text=text, title="Long", slug="long")
    people = [
        Entity.objects.create(name=name, label=label, slug=name.lower())
        for name, label in [("Putin", "PER"), ("Asad", "PER"), ("Suriah", "LOC")]
    ]
    words = [
        (match.start(), match.end(), match.group())
        for match in re.finditer(r"Putin|Asad|Suriah", text)
    ]
    Mention.objects.bulk_create(
        Mention(
            article=article,
            entity=people[index % 3],
            start=start,
            end=end,
            text=word,
            label=people[index % 3].label,
        )
        for index, (start, end, word) in enumerate(words[:mentions])
    )
    add_sidebar_rows(article, text)
    return article


def add_sidebar_rows(article: Article, text: str) -> None:
    source = Entity.objects.create(name="Aljazeera", label="ORG", slug="aljazeera")
    Event.objects.bulk_create(
        Event(
            article=article,
            key=f"t-2017-12-{day:02d}",
            start=0,
            end=5,
            text="Putin",
            value=f"2017-12-{day:02d}",
            date=date(2017, 12, day),
            precision="day",
            sentence_start=0,
            sentence_end=25,
            main=day == 11,
        )
        for day in range(1, 20)
    )
    Figure.objects.bulk_create(
        Figure(
            article=article,
            key=f"fig-{n}-killed",
            start=26 * n,
            end=26 * n + 5,
            text="Putin",
            value=n,
            qualifier="about",
            category="killed",
            source_entity=source,
        )
        for n in range(1, 20)
    )
    Attribution.objects.bulk_create(
        Attribution(
            article=article,
            key=f"src-aljazeera-{n}",
            start=26 * n + 6,
            end=26 * n + 9,
            kind="relayed_from",
            source="Aljazeera",
            source_entity=source,
        )
        for n in range(1, 20)
    )


def test_it_renders_a_thousand_mentions_in_at_most_seven_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    article = build_long_article(1000)
    # Six to build it, and one for the version its cached copy is kept under (page_cache).
    with django_assert_max_num_queries(7):
        response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert len(re.findall(r'<mark class="ent ent-\w+" data-entity=', html)) == 1000
    assert html.count('<li class="timeline-entry') == 19
    assert html.count('<article class="figure-card') == 19


def test_it_keeps_every_fragment_id_when_the_article_is_annotated_again(
    client: Client, seed_text: str
) -> None:
    def fragment_ids() -> list[str]:
        article = Article.objects.get()
        html = client.get(article.get_absolute_url()).content.decode()
        return re.findall(r'\bid="([^"]+)"', html)

    ingest_article(text=seed_text)
    before = fragment_ids()
    Article.objects.all().delete()
    ingest_article(text=seed_text)
    assert fragment_ids() == before
    assert any(i.startswith("t-") for i in before) and any(i.startswith("fig-") for i in before)
