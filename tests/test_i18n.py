"""Two languages: the interface in Indonesian or English, the articles as they were written."""

from __future__ import annotations

import gettext
import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.auth.models import User
from django.template import loader
from django.test import Client
from django.utils import translation

from articles.models import Article, Entity, Figure, Mention, Segment

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES"
TEXT = (
    "Banjir Jakarta\n\nJAKARTA: Sekitar 465.000 warga mengungsi pada 11 Desember 2017, kata BNPB.\n"
)


@pytest.fixture
def article() -> Article:
    article = Article.objects.create(
        text=TEXT,
        content_hash="flood",
        title="Banjir Jakarta",
        slug="banjir-jakarta",
        published_on=date(2017, 12, 11),
    )
    title_end = TEXT.index("\n")
    Segment.objects.create(article=article, start=0, end=title_end, kind="title")
    Segment.objects.create(article=article, start=title_end + 2, end=len(TEXT) - 1, kind="body")
    jakarta = Entity.objects.create(name="Jakarta", label="LOC", slug="jakarta")
    start = TEXT.index("JAKARTA")
    Mention.objects.create(
        article=article, entity=jakarta, start=start, end=start + 7, text="JAKARTA", label="LOC"
    )
    start = TEXT.index("465.000")
    Figure.objects.create(
        article=article,
        key="fig-465000-displaced",
        start=start,
        end=start + 7,
        text="465.000 warga",
        value=465000,
        qualifier="about",
        category="displaced",
        as_of=date(2017, 12, 11),
    )
    return article


def get(client: Client, path: str, language: str | None = None) -> str:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def body_text_of(html: str) -> str:
    start = html.index('<div class="article-body"')
    return html[start : html.index("</article>", start)]


# --- choosing the language -------------------------------------------------------------------


def test_it_speaks_english_when_the_browser_asks_for_nothing_it_knows(
    client: Client, article: Article
) -> None:
    html = get(client, "/", "fr")
    assert '<html lang="en">' in html
    assert '<a href="/entities/">Entities</a>' in html


def test_it_speaks_indonesian_when_the_browser_asks_for_it(client: Client, article) -> None:
    html = get(client, "/", "id-ID,id;q=0.9,en;q=0.5")
    assert '<html lang="id">' in html
    assert '<a href="/entities/">Entitas</a>' in html
    assert '<span class="count" data-count="figures">1 angka</span>' in html


@pytest.mark.parametrize(
    ("path", "english", "indonesian"),
    [
        ("/", "<h1>Articles</h1>", "<h1>Artikel</h1>"),
        ("/entities/", "<h1>Entities</h1>", "<h1>Entitas</h1>"),
        ("/entities/jakarta/", '<h2 id="entity-figures-heading">Figures</h2>', "Angka</h2>"),
        ("/search/", "<h1>Search</h1>", "<h1>Cari</h1>"),
        ("/search/?q=banjir", "1 article found", "1 artikel ditemukan"),
    ],
)
def test_every_page_speaks_both_languages(
    client: Client, article: Article, path: str, english: str, indonesian: str
) -> None:
    assert english in get(client, path, "en")
    assert indonesian in get(client, path, "id")


def test_labels_made_in_python_are_translated(client: Client, article: Article) -> None:
    html = get(client, "/entities/jakarta/", "id")
    assert 'data-label="LOC">Tempat</mark>' in html
    assert "<h3" in html and ">Mengungsi</h3>" in html
    assert '<span class="visually-hidden">sekitar</span>' in html


# --- the switch ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/entities/jakarta/", "/search/?q=banjir&year=2017"])
def test_every_page_offers_the_switch_back_to_itself(
    client: Client, article: Article, path: str
) -> None:
    html = get(client, path)
    form = re.search(r'<form class="language-switch"(.*?)</form>', html, re.S).group(0)
    assert 'action="/i18n/setlang/" method="post"' in form
    assert 'name="csrfmiddlewaretoken"' not in form  # no per-reader cookie (page cache)
    assert f'<input type="hidden" name="next" value="{path.replace("&", "&amp;")}">' in form
    assert 'name="language" value="id" lang="id" aria-pressed="false">Bahasa Indonesia' in form
    assert 'name="language" value="en" lang="en" aria-pressed="true">English' in form


def test_the_switch_keeps_the_page_and_remembers_the_choice(client: Client, article) -> None:
    next_url = "/search/?q=banjir&year=2017"
    response = client.post("/i18n/setlang/", {"language": "id", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    html = get(client, next_url, "en")  # the choice outranks the browser's language
    assert "1 artikel ditemukan" in html


def test_the_switch_refuses_to_send_the_reader_elsewhere(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "id", "next": "https://evil.example/"})
    assert response["Location"] == "/"


# --- formats and the article text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "number", "day"),
    [("id", "465.000", "11 Desember 2017"), ("en", "465,000", "11 December 2017")],
)
def test_numbers_and_dates_follow_the_interface_language(
    client: Client, article: Article, language: str, number: str, day: str
) -> None:
    html = get(client, "/entities/jakarta/", language)
    assert f'<data value="465000">{number}</data>' in html
    assert f'<time datetime="2017-12-11">{day}</time>' in html


def test_the_article_text_is_never_translated(client: Client, article: Article) -> None:
    english = words_of(body_text_of(get(client, article.get_absolute_url(), "en")))
    indonesian = words_of(body_text_of(get(client, article.get_absolute_url(), "id")))
    assert "Sekitar 465.000 warga mengungsi pada 11 Desember 2017, kata BNPB." in english
    assert indonesian == english


def words_of(html: str) -> str:
    """The visible words: without tags, nor the labels only screen readers hear."""
    spoken = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return " ".join(re.sub(r"<[^>]+>", "", spoken).split())


def test_the_article_keeps_its_own_language_inside_an_english_page(
    client: Client, article: Article
) -> None:
    html = get(client, article.get_absolute_url(), "en")
    assert '<html lang="en">' in html
    assert re.search(r'<article [^>]*lang="id"', html)


# --- the catalogue ---------------------------------------------------------------------------


def read_catalogue():
    with (CATALOGUE / "django.po").open("rb") as handle:
        return read_po(handle, locale="id")


def test_every_message_has_an_indonesian_translation() -> None:
    untranslated = [
        message.id
        for message in read_catalogue()
        if message.id
        and (not message.string or "fuzzy" in message.flags)
        and not (isinstance(message.string, tuple) and all(message.string))
    ]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source() -> None:
    """The .mo is committed (nothing needs gettext to run); it must be compiled from the .po."""
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in read_catalogue():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(message.id[0], message.id[1], 5) == message.string[0]
        else:
            assert compiled.gettext(message.id) == message.string


def test_templates_use_no_message_missing_from_the_catalogue() -> None:
    """Plain ``{% translate "…" %}`` strings of every template are in the catalogue."""
    known = {message.id for message in read_catalogue() if isinstance(message.id, str)}
    pattern = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1\s*%}""")
    used = {
        match.group(2)
        for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        if "admin" not in template.parts
        for match in pattern.finditer(template.read_text(encoding="utf-8"))
    }
    assert used and used - known == set()


def test_python_labels_are_lazy_so_each_request_gets_its_language() -> None:
    with translation.override("id"):
        assert str(Figure.Category.KILLED.label) == "Tewas"
        assert str(Entity.Label.PER.label) == "Orang"
    with translation.override("en"):
        assert str(Figure.Category.KILLED.label) == "Killed"


# --- every interface string translated ----------------------------------------------------------

SOURCE_ROOT = Path(settings.BASE_DIR)
PYTHON_KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "_": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# Attributes whose values a reader sees or hears.
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")


def interface_messages() -> set[str | tuple[str, ...]]:
    """Every message the templates and the Python code ask to translate, found as
    ``makemessages`` finds them: templates through Django's ``templatize``, then Babel's
    Python extractor over both."""
    from babel.messages.extract import extract_python
    from django.utils.translation.template import templatize

    found: set[str | tuple[str, ...]] = set()
    # Indentation means nothing in templatize's output (xgettext ignores it; Babel must).
    sources = [
        (path, "\n".join(line.lstrip() for line in templatize(path.read_text()).splitlines()))
        for path in (SOURCE_ROOT / "templates").rglob("*.html")
    ]
    for folder in ("articles", "newsreader"):
        for path in (SOURCE_ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts and "annotate" not in path.parts:
                sources.append((path, path.read_text(encoding="utf-8")))
    for _path, source in sources:
        handle = io.BytesIO(source.encode("utf-8"))
        for _line, _function, message, _comments in extract_python(handle, PYTHON_KEYWORDS, [], {}):
            if isinstance(message, tuple):
                message = tuple(part for part in message if part)
                message = message[0] if len(message) == 1 else message
            found.add(message)
    return found


def test_every_interface_string_in_templates_and_code_has_an_indonesian_entry() -> None:
    catalogue = read_catalogue()
    translated = {
        message.id
        for message in catalogue
        if message.id
        and message.string
        and (not isinstance(message.string, tuple) or all(message.string))
    }
    used = interface_messages()
    # Sanity: the extraction sees strings of templates, blocktranslate plurals and Python.
    assert {"Skip to content", ("%(counter)s mention", "%(counter)s mentions"), "Person"} <= used
    assert sorted(map(str, used - translated)) == []


def test_every_figure_unit_the_pipeline_names_has_a_label() -> None:
    from articles.annotate import lexicon
    from articles.reading.units import UNIT_LABELS

    assert set(lexicon.FIGURE_UNITS) | {"people"} <= set(UNIT_LABELS)


def message_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each English message that Indonesian says differently, as a pattern that finds it
    in rendered text (placeholders match anything)."""
    patterns = []
    for message in read_catalogue():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if not english or english in strings:
                continue
            parts = re.split(r"%\(\w+\)[sd]", english)
            body = r".+?".join(re.escape(part) for part in parts)
            words = len(english.split())
            # One word must be the whole text; a phrase may sit inside a longer text.
            pattern = rf"^\W*{body}\W*$" if words == 1 else rf"(?<!\w){body}(?!\w)"
            patterns.append((english, re.compile(pattern)))
    return patterns


def interface_texts(html: str) -> list[str]:
    """The texts of a page in the interface's language: text nodes and spoken attributes,
    leaving out whatever is marked as written in another language (an English article)."""
    from bs4 import BeautifulSoup, Comment

    page = BeautifulSoup(html, "html.parser")
    interface = page.html.get("lang") if page.html else "id"
    texts = []
    for node in page.find_all(string=True):
        if isinstance(node, Comment) or node.find_parent(["script", "style"]):
            continue
        holder = node.find_parent(attrs={"lang": True})
        if holder is None or holder.get("lang") == interface:
            texts.append(" ".join(node.split()))
    for element in page.find_all(True):
        holder = element if element.get("lang") else element.find_parent(attrs={"lang": True})
        if holder is not None and holder.get("lang") != interface:
            continue
        for name, value in element.attrs.items():
            spoken = name in SPOKEN_ATTRIBUTES or (name.startswith("data-") and " " in value)
            if spoken and isinstance(value, str):
                texts.append(value)
        if element.name == "meta" and element.get("name", "").startswith("twitter:label"):
            texts.append(element.get("content", ""))
    return [text for text in texts if text.strip()]


def untranslated(html: str, patterns) -> set[str]:
    return {
        english
        for text in interface_texts(html)
        for english, pattern in patterns
        if pattern.search(text)
    }


def every_page(seed: Article, english: Article) -> list[tuple[str, dict]]:
    """Every page and every htmx fragment a reader can reach, with the request headers."""
    card = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "entity-card"}
    results = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}
    slug = seed.mentions.values_list("entity__slug", flat=True).first()
    figure = seed.figures.values_list("key", flat=True).first()
    pages = [
        ("/", {}),
        ("/entities/", {}),
        ("/entities/?type=PER", {}),
        (f"/entities/{slug}/", {}),
        ("/entities/vladimir-putin/", {}),
        ("/search/", {}),
        ("/search/?q=putin", {}),
        ("/search/?q=putin&entity=vladimir-putin&year=2017&category=killed", {}),
        ("/search/?q=putin", results),
        ("/articles/999/nowhere/", {}),
    ]
    for article in (seed, english):
        url = article.get_absolute_url()
        pages += [
            (url, {}),
            (f"{url}?entity=vladimir-putin&hide=dates", {}),
            (f"{url}?entity=vladimir-putin", card),
            (f"{url}?entity=nobody-here", {}),
            (f"{url}?figure={figure}", {}),
            (f"{url}?hide=per,org,loc,dates,figures,sources", {}),
        ]
    return pages


def test_every_page_and_fragment_comes_out_in_indonesian(client: Client, seed_text) -> None:
    from articles.ingest import ingest_article
    from tests.reader_articles import build_article

    seed = ingest_article(text=seed_text).article
    english = build_article()
    staff = User.objects.create_user("editor", password="pw", is_staff=True)
    patterns = message_patterns()
    found: dict[str, set[str]] = {}
    for viewer in (None, staff):
        if viewer is not None:
            client.force_login(viewer)
        for path, headers in every_page(seed, english):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="id", **headers)
            assert response.status_code in (200, 404), path
            missing = untranslated(response.content.decode(), patterns)
            if missing:
                found[path] = missing
    with translation.override("id"):
        for name in ("500.html", "503.html"):
            html = loader.render_to_string(name)
            if untranslated(html, patterns):
                found[name] = untranslated(html, patterns)
    assert found == {}


def test_the_check_finds_an_english_string_left_in_an_indonesian_page() -> None:
    html = (
        '<html lang="id"><body><p>Entitas</p><span class="count">3 mentions</span>'
        '<p lang="en">Putin said the war is over.</p><nav aria-label="Pages"></nav></body></html>'
    )
    assert untranslated(html, message_patterns()) >= {"%(counter)s mentions", "Pages"}
