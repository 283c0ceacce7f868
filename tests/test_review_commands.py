"""`manage.py import_wikidata` (a small dump the test writes, in each format Wikidata
publishes), candidates offered from it in review mode, and `manage.py reannotate`."""

from __future__ import annotations

import bz2
import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client

from articles import corrections
from articles.ingest import confirmed_entities, ingest_article
from articles.models import Article, Entity, Mention, Review, WikidataItem

pytestmark = pytest.mark.django_db


def claim(qid: str) -> dict:
    return {"mainsnak": {"datavalue": {"value": {"entity-type": "item", "id": qid}}}}


ITEMS = [
    {
        "id": "Q7747",
        "type": "item",
        "labels": {"en": {"language": "en", "value": "Vladimir Putin"}},
        "aliases": {
            "id": [{"language": "id", "value": "Vladimir Vladimirovich Putin"}],
            "en": [{"language": "en", "value": "Putin"}],
            "de": [{"language": "de", "value": "Wladimir Putin"}],
        },
        "descriptions": {"en": {"language": "en", "value": "President of Russia"}},
        "claims": {"P31": [claim("Q5")]},
    },
    {
        "id": "Q858",
        "labels": {
            "id": {"language": "id", "value": "Suriah"},
            "en": {"language": "en", "value": "Syria"},
        },
        "descriptions": {"id": {"language": "id", "value": "negara di Asia Barat"}},
        "claims": {"P31": [claim("Q3624078")]},
    },
    {  # no type of ours: skipped
        "id": "Q11424",
        "labels": {"en": {"language": "en", "value": "film"}},
        "claims": {"P31": [claim("Q151885")]},
    },
]


def write_dump(path: Path) -> Path:
    lines = ["[", *(json.dumps(item) + "," for item in ITEMS), "not json,", "]"]
    data = "\n".join(lines) + "\n"
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write(data)
    elif path.name.endswith(".bz2"):
        with bz2.open(path, "wt", encoding="utf-8") as out:
            out.write(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["dump.json", "dump.json.gz", "dump.json.bz2"])
def test_import_wikidata_streams_each_format(tmp_path: Path, name: str):
    out, err = StringIO(), StringIO()
    call_command("import_wikidata", str(write_dump(tmp_path / name)), stdout=out, stderr=err)
    assert "Imported: 2, skipped (no type or no name): 1, unreadable lines: 1" in out.getvalue()
    assert "[" in err.getvalue() and "1000/1000" in err.getvalue()  # the progress bar
    putin = WikidataItem.objects.get(qid="Q7747")
    assert (putin.label_en, putin.label, putin.description) == (
        "Vladimir Putin",
        "PER",
        "President of Russia",
    )
    assert putin.aliases == ["Vladimir Vladimirovich Putin", "Putin"]  # no German
    assert WikidataItem.objects.get(qid="Q858").label == "LOC"
    # Importing again updates rather than duplicates.
    call_command("import_wikidata", str(tmp_path / name), stdout=StringIO(), stderr=StringIO())
    assert WikidataItem.objects.count() == 2


def test_import_wikidata_refuses_a_missing_file(tmp_path: Path):
    with pytest.raises(CommandError):
        call_command("import_wikidata", str(tmp_path / "nope.json"))


def test_confirming_offers_local_candidates_and_the_link_feeds_annotation(tmp_path, seed_text):
    call_command(
        "import_wikidata",
        str(write_dump(tmp_path / "d.json")),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    article = ingest_article(text=seed_text).article
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    suriah = Entity.objects.get(name="Suriah", label="LOC")
    url = article.get_absolute_url() + f"review/?entity={suriah.slug}"
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    assert [radio["value"] for radio in page.select("input[name=qid]")] == ["Q858", ""]
    client.post(
        f"/articles/{article.pk}/review/entity-confirm/", {"target": suriah.pk, "qid": "Q858"}
    )
    suriah.refresh_from_db()
    assert suriah.confirmed and suriah.wikidata_id == "Q858" and "Syria" in suriah.aliases
    known = {entity.name: entity for entity in confirmed_entities()}
    assert "Syria" in known["Suriah"].aliases
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    assert "Q858" in page.select_one(".entity-confirmation").get_text()
    # The card readers see says when the name was confirmed, and links to Wikidata.
    reader_url = article.get_absolute_url() + f"?entity={suriah.slug}"
    card = BeautifulSoup(Client().get(reader_url).content.decode(), "html.parser")
    confirmed = card.select_one(".entity-card .card-confirmed")
    assert "Name confirmed by an editor on" in confirmed.get_text()
    assert confirmed.select_one("a")["href"] == "https://www.wikidata.org/wiki/Q858"


def test_reannotate_command_keeps_decisions_and_reports(seed_text: str):
    article = ingest_article(text=seed_text).article
    mention = Mention.objects.filter(article=article, text="Asad").order_by("start").last()
    corrections.set_mention_status(None, mention, Review.REJECTED)
    out, err = StringIO(), StringIO()
    call_command("reannotate", stdout=out, stderr=err)
    assert "Annotated again: 1, failed: 0" in out.getvalue()
    assert "1/1" in err.getvalue()
    again = Mention.objects.get(article=article, start=mention.start, end=mention.end)
    assert again.status == Review.REJECTED
    with pytest.raises(CommandError):
        call_command("reannotate", "999", stdout=StringIO(), stderr=StringIO())


def test_admin_reannotate_action(admin_client, seed_text: str):
    article = ingest_article(text=seed_text).article
    before = Article.objects.get(pk=article.pk).annotated_at
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "reannotate_selected", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).annotated_at > before
