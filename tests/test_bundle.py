"""`manage.py export_bundle` / `import_bundle` (articles/bundle.py): a collection out and
back into an empty instance with nothing lost."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command

from articles import mapping
from articles.bundle import bundled_models
from articles.ingest import ingest_article
from articles.models import Article, Entity, Mention, Segment

pytestmark = pytest.mark.django_db

ODD_TEXT = 'Judul ✓ 🙂\r\n\r\nIsi\twith tab, "quotes", é\u0301 and a lone \r here.\r\n'


@pytest.fixture
def collection(seed_text):
    seed = ingest_article(text=seed_text).article
    seed.mentions.filter(entity__slug="basyar-asad").update(status=Mention.Status.REJECTED)
    seed.mentions.filter(entity__slug="vladimir-putin").update(status=Mention.Status.CONFIRMED)
    Entity.objects.filter(slug="vladimir-putin").update(wikidata_id="Q7747", confirmed=True)
    odd = Article.objects.create(
        text=ODD_TEXT,
        content_hash="odd",
        title="Judul ✓ 🙂",
        slug="judul",
        published_on=date(2020, 2, 29),
        status=Article.Status.DRAFT,
    )
    Segment.objects.create(article=odd, start=0, end=10, kind="title")
    return seed


def snapshot() -> dict[str, list[dict]]:
    """Every row of every bundled model, as Django serialises it."""
    return {
        model._meta.label_lower: serializers.serialize("python", model._base_manager.order_by("pk"))
        for model in bundled_models()
    }


def empty_everything() -> None:
    for model in reversed(bundled_models()):
        model._base_manager.all().delete()


def fragment_ids(client, article: Article) -> list[str]:
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    return sorted(tag["id"] for tag in page.select("[id]"))


@pytest.mark.parametrize("name", ["collection.jsonl", "collection.jsonl.gz"])
def test_a_collection_goes_out_and_back_with_nothing_lost(client, collection, tmp_path, name):
    before = snapshot()
    result = mapping.result_from_article(mapping.with_annotations(collection))
    ids = fragment_ids(client, collection)
    path = tmp_path / name

    call_command("export_bundle", str(path), stdout=StringIO())
    empty_everything()
    assert Article.objects.count() == Entity.objects.count() == 0
    call_command("import_bundle", str(path), stdout=StringIO())

    assert snapshot() == before
    article = Article.objects.get(pk=collection.pk)
    assert mapping.result_from_article(mapping.with_annotations(article)) == result
    assert fragment_ids(client, article) == ids
    assert Article.objects.get(slug="judul").text.encode("utf-8") == ODD_TEXT.encode("utf-8")


def test_the_bundle_carries_rejections_and_every_model_of_the_app(collection, tmp_path):
    path = tmp_path / "b.jsonl"
    call_command("export_bundle", str(path), stdout=StringIO())

    lines = path.read_text(encoding="utf-8").splitlines()

    app_models = {m._meta.label_lower for m in apps.get_app_config("articles").get_models()}
    assert app_models <= set(eval_header(lines[0])["models"])
    assert sum('"status": "rejected"' in line for line in lines) > 0
    # Entities come before the articles and mentions that point at them.
    names = eval_header(lines[0])["models"]
    assert names.index("articles.entity") < names.index("articles.article")
    assert names.index("articles.article") < names.index("articles.mention")


def eval_header(line: str) -> dict:
    return json.loads(line)


def test_new_articles_after_an_import_get_new_ids(collection, tmp_path, seed_text):
    path = tmp_path / "b.jsonl"
    call_command("export_bundle", str(path), stdout=StringIO())
    highest = Article.objects.order_by("-pk").first().pk
    empty_everything()
    call_command("import_bundle", str(path), stdout=StringIO())

    new = ingest_article(text="Presiden Joko Widodo tiba di Jakarta pada Senin.\n").article

    assert new.pk > highest


def test_it_refuses_to_import_into_an_instance_that_holds_articles(collection, tmp_path):
    path = tmp_path / "b.jsonl"
    call_command("export_bundle", str(path), stdout=StringIO())

    with pytest.raises(CommandError, match="empty instance"):
        call_command("import_bundle", str(path))

    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    "content",
    [
        "",
        "not json\n",
        '{"format": "something-else"}\n',
        '{"format": "newsreader-bundle", "version": 1, "models": ["articles.nope"]}\n',
    ],
)
def test_a_file_that_is_not_a_bundle_gets_a_clear_message(tmp_path, content):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_bundle", str(path))


def test_a_broken_row_stores_nothing(collection, tmp_path):
    path = tmp_path / "b.jsonl"
    call_command("export_bundle", str(path), stdout=StringIO())
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    empty_everything()

    with pytest.raises(CommandError, match="not JSON"):
        call_command("import_bundle", str(path))

    assert Article.objects.count() == 0 and Entity.objects.count() == 0


def test_a_missing_file_gets_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_bundle", str(tmp_path / "nothing.jsonl"))
