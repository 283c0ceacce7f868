"""The corrections write path: each correction changes the rows, is logged, can be undone,
and survives annotating the article again (decisions are re-applied, keys keep resolving)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from articles import corrections
from articles.corrections import CorrectionError
from articles.ingest import ingest_article
from articles.models import (
    Article,
    Correction,
    Entity,
    EntityRedirect,
    Event,
    Figure,
    Mention,
    Review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(seed_text: str) -> Article:
    return ingest_article(text=seed_text).article


@pytest.fixture
def editor() -> User:
    return User.objects.create_user("editor", is_staff=True)


def mention_of(article: Article, text: str) -> Mention:
    return Mention.objects.filter(article=article, text=text).order_by("start").first()


def keys_of(article: Article) -> set[str]:
    keys = set(article.events.values_list("key", flat=True))
    keys |= set(article.figures.values_list("key", flat=True))
    return keys | set(article.attributions.values_list("key", flat=True))


def test_reject_is_logged_hidden_from_readers_and_survives_reannotation(article, editor):
    mention = mention_of(article, "Putin")
    before = Article.objects.get(pk=article.pk).updated_at
    correction = corrections.set_mention_status(editor, mention, Review.REJECTED)
    assert correction.action == "mention.reject"
    assert correction.user == editor
    assert Article.objects.get(pk=article.pk).updated_at > before
    assert not Mention.objects.shown().filter(pk=mention.pk).exists()
    corrections.reannotate(article)
    again = Mention.objects.get(article=article, start=mention.start, end=mention.end)
    assert again.status == Review.REJECTED
    assert not Mention.objects.shown().filter(pk=again.pk).exists()


def test_relabel_and_split_point_the_mention_at_another_entity(article, editor):
    mention = mention_of(article, "Suriah")
    corrections.relabel_mention(editor, mention, "ORG")
    mention.refresh_from_db()
    assert (mention.entity.label, mention.entity.name, mention.status) == (
        "ORG",
        "Suriah",
        "edited",
    )
    other = mention_of(article, "Asad")
    corrections.split_mention(editor, other, "Hafez Asad", "PER")
    corrections.reannotate(article)
    assert Mention.objects.get(article=article, start=mention.start).entity.label == "ORG"
    split = Mention.objects.get(article=article, start=other.start)
    assert split.entity.name == "Hafez Asad"
    assert split.status == Review.EDITED


def test_added_mention_is_validated_and_survives(article, editor):
    text = article.body_text
    start = text.index("pasukannya")
    with pytest.raises(CorrectionError):
        corrections.add_mention(editor, article, len(text), len(text) + 5, Entity.objects.first())
    with pytest.raises(CorrectionError):
        corrections.add_mention(editor, article, 10, 10, Entity.objects.first())
    target = corrections.entity_named("Pasukan Rusia", "ORG")
    # Spaces around the selection are trimmed.
    corrections.add_mention(editor, article, start - 1, start + len("pasukannya") + 1, target)
    added = Mention.objects.get(article=article, start=start)
    assert added.text == "pasukannya" and added.status == Review.EDITED
    corrections.reannotate(article)
    assert Mention.objects.get(article=article, start=start).entity == target


def test_merge_moves_every_mention_redirects_and_survives(article, editor):
    putin = Entity.objects.get(name="Vladimir Putin")
    asad = Mention.objects.filter(article=article, entity__label="PER").exclude(entity=putin)
    source = asad.first().entity
    preview = corrections.merge_preview(source, putin)
    assert preview.mentions == Mention.objects.filter(entity=source).count() > 0
    corrections.merge_entities(editor, source, putin)
    assert not Entity.objects.filter(pk=source.pk).exists()
    assert EntityRedirect.objects.get(slug=source.slug).target == putin
    corrections.reannotate(article)
    assert not Entity.objects.filter(label=source.label, name=source.name).exists()
    assert Mention.objects.filter(article=article, text=source.name, entity=putin).exists()


def test_merge_undo_restores_the_entity(article, editor):
    putin = Entity.objects.get(name="Vladimir Putin")
    source = Entity.objects.get(name="Rusia")
    correction = corrections.merge_entities(editor, source, putin)
    corrections.undo(editor, correction)
    restored = Entity.objects.get(label=source.label, name="Rusia")
    assert restored.slug == source.slug
    assert Mention.objects.filter(article=article, entity=restored).exists()
    assert Correction.objects.get(pk=correction.pk).undone_at is not None


def test_fixed_date_and_figure_survive_and_keep_their_keys(article, editor):
    keys = keys_of(article)
    event = article.events.order_by("start").first()
    corrections.fix_event(editor, event, value="2016-03", main=True)
    figure = article.figures.order_by("start").first()
    corrections.fix_figure(
        editor,
        figure,
        value="1200",
        value_max="",
        qualifier="about",
        unit="orang",
        category="wounded",
        as_of="2016-03-01",
        source="",
    )
    corrections.reannotate(article)
    event = Event.objects.get(article=article, start=event.start)
    assert (event.value, event.precision, event.main, event.date) == (
        "2016-03",
        "month",
        True,
        date(2016, 3, 1),
    )
    assert Event.objects.filter(article=article, main=True).count() == 1
    figure = Figure.objects.get(article=article, start=figure.start)
    assert (figure.value, figure.qualifier, figure.category) == (1200, "about", "wounded")
    assert figure.as_of == date(2016, 3, 1)
    assert keys <= keys_of(article)


def test_bad_values_are_refused_and_change_nothing(article, editor):
    event = article.events.first()
    for value in ("2016-13", "2016-02-30", "next week", ""):
        with pytest.raises(CorrectionError):
            corrections.fix_event(editor, event, value=value, main=False)
    figure = article.figures.first()
    with pytest.raises(CorrectionError):
        corrections.fix_figure(editor, figure, value="many", qualifier="exact", category="killed")
    assert not Correction.objects.exists()


def test_removed_and_added_events_survive(article, editor):
    event = article.events.order_by("start").first()
    corrections.remove_row(editor, event)
    text = article.body_text
    start = text.index("Senin")
    corrections.add_event(editor, article, start, start + 5, "2017-12-11", False)
    corrections.reannotate(article)
    assert not Event.objects.filter(article=article, start=event.start, end=event.end).exists()
    assert Event.objects.get(article=article, start=start).value == "2017-12-11"


def test_metadata_change_re_resolves_dates(article, editor):
    corrections.change_metadata(
        editor,
        article,
        title="Judul baru",
        published_on=date(2018, 1, 15),
        outlet="Salam",
        url="https://example.com/a",
        language="id",
    )
    article.refresh_from_db()
    assert (article.title, article.slug, article.published_inferred) == (
        "Judul baru",
        "judul-baru",
        False,
    )
    assert article.published_on == date(2018, 1, 15)
    assert Correction.objects.get(article=article).after["published_on"] == "2018-01-15"


def test_a_new_publication_date_moves_relative_dates(editor):
    text = (
        "JAKARTA - Presiden meresmikan jembatan baru di Surabaya pada Senin (8/5). "
        "Acara itu dihadiri ribuan warga, kata gubernur kemarin."
    )
    article = ingest_article(text=text, published=date(2017, 5, 10)).article
    start = text.index("kemarin")
    assert Event.objects.get(article=article, start=start).value == "2017-05-09"
    corrections.change_metadata(
        editor, article, title=article.title, published_on=date(2016, 5, 10), language="id"
    )
    assert Event.objects.get(article=article, start=start).value == "2016-05-09"


def test_undo_of_a_rejection_brings_the_mention_back(article, editor):
    mention = mention_of(article, "Putin")
    correction = corrections.set_mention_status(editor, mention, Review.REJECTED)
    corrections.undo(editor, correction)
    back = Mention.objects.get(article=article, start=mention.start)
    assert back.status == Review.MACHINE
    with pytest.raises(CorrectionError):
        corrections.undo(editor, Correction.objects.get(pk=correction.pk))


def test_edit_entity_confirms_and_keeps_the_old_name_findable(article, editor):
    entity = Entity.objects.get(name="Rusia")
    corrections.edit_entity(
        editor,
        entity,
        name="Federasi Rusia",
        label="LOC",
        aliases=["Russia"],
        description="Negara",
        wikidata_id="q159",
    )
    entity.refresh_from_db()
    assert entity.confirmed and entity.wikidata_id == "Q159"
    assert "Rusia" in entity.aliases
    corrections.reannotate(article)
    assert Mention.objects.filter(article=article, text="Rusia", entity=entity).exists()
    with pytest.raises(CorrectionError):
        corrections.edit_entity(
            editor, entity, name="x", label="LOC", aliases=[], description="", wikidata_id="42"
        )


def test_publish_is_one_logged_action(article, editor):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    article.refresh_from_db()
    corrections.set_status(editor, article, Article.Status.PUBLISHED)
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert Correction.objects.get(article=article).action == "article.publish"


def test_an_annotation_on_the_same_words_keeps_its_key_when_its_source_is_merged(article, editor):
    keys = keys_of(article)
    attribution = article.attributions.exclude(source_entity=None).first()
    source = attribution.source_entity
    other = Entity.objects.filter(label=source.label).exclude(pk=source.pk).first()
    corrections.merge_entities(editor, source, other)
    corrections.reannotate(article)
    again = article.attributions.get(start=attribution.start, end=attribution.end)
    assert again.source_entity == other
    assert again.key == attribution.key
    assert keys <= keys_of(article)
