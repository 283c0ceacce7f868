"""The stored article and its annotations.

Offsets (``start``/``end``) index into ``Article.body_text`` (the pasted text with CRLF
turned into LF, exactly what the pipeline saw); ``Article.text`` keeps the paste verbatim.
Every annotation row has a ``key``: a fragment id derived from what it annotates, so it stays
the same when the article is annotated again (``ent-vladimir-putin``, ``t-2015-09-30``,
``fig-230000-killed``, ``src-aljazeera``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connections, models, router
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.search import document_stems, document_words, search_terms, stem

# Accent-insensitive and without stemming (PostgreSQL has no Indonesian stemmer): created by
# migration 0002. Stems come from Sastrawi in Python (articles.search.stem) and are stored.
SEARCH_CONFIG = "indonesian_unaccent"
STEMS_CONFIG = "simple"  # stems are folded already


def search_document(title: str, text: str, stems: str) -> SearchVector:
    """What search reads on PostgreSQL, stored in ``Article.search_vector``: the title's
    words weighted above the body's, and the Indonesian stems below both, so an exact word
    ranks above a word found through its root."""
    return (
        SearchVector(Value(title), weight="A", config=SEARCH_CONFIG)
        + SearchVector(Value(text), weight="B", config=SEARCH_CONFIG)
        + SearchVector(Value(stems), weight="C", config=STEMS_CONFIG)
    )


def search_fields(title: str, text: str, language: str, vendor: str) -> dict:
    """The stored search columns of an article (its one definition, for saves, bulk inserts
    and the migration that fills them): on PostgreSQL the indexed vector and the stems; on
    other databases the distinct words and stems, each between spaces."""
    words = document_words(title, text)
    stems = " ".join(document_stems(words)) if language == "id" else ""
    if vendor == "postgresql":
        vector = search_document(title, text, stems)
        return {"search_words": "", "search_stems": stems, "search_vector": vector}
    return {
        "search_words": f" {' '.join(words)} ",
        "search_stems": f" {stems} " if stems else "",
        "search_vector": None,
    }


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED)

    def visible_to(self, user) -> ArticleQuerySet:
        return self.for_audience(staff=user.is_staff)

    def for_audience(self, *, staff: bool) -> ArticleQuerySet:
        """What readers may see: staff see drafts too, everyone else published articles."""
        return self if staff else self.published()

    def search(self, query: str) -> ArticleQuerySet:
        """Articles holding every word of ``query``, as a word start (``put`` finds Putin)
        or, in Indonesian, through its root (``bunuh`` finds ``terbunuh``), annotated with a
        ``rank``: exact words above roots, the title above the body. PostgreSQL reads the
        stored, indexed ``search_vector``; other databases the stored word lists."""
        terms = search_terms(query)
        if not terms:
            return self.annotate(rank=Value(0.0)).none()
        if connections[self.db].vendor == "postgresql":
            # Terms are word characters (and inner . or ,) only: no tsquery syntax gets in.
            tsquery = " & ".join(
                f"({term}:* | {stem(term)})" if stem(term) != term else f"{term}:*"
                for term in terms
            )
            wanted = SearchQuery(tsquery, config=SEARCH_CONFIG, search_type="raw")
            found = self.filter(search_vector=wanted)
            return found.annotate(rank=SearchRank(F("search_vector"), wanted))
        words, rank = Q(), Value(0.0)
        for term in terms:
            exact = Q(search_words__contains=f" {term}")
            words &= exact | Q(search_stems__contains=f" {stem(term)} ")
            rank = rank + Case(When(exact, then=Value(1.0)), default=Value(0.0))
        return self.filter(words).annotate(rank=rank)

    def mentioning(self, entity_slug: str) -> ArticleQuerySet:
        shown = Mention.objects.shown()
        return self.filter(Exists(shown.filter(article=OuterRef("pk"), entity__slug=entity_slug)))

    def citing(self, source: str) -> ArticleQuerySet:
        """Articles with an attribution to ``source``: an entity's slug or a source's name."""
        named = Q(source_entity__slug=source) | Q(source__iexact=source)
        return self.filter(Exists(Attribution.objects.filter(named, article=OuterRef("pk"))))

    def reporting(self, category: str) -> ArticleQuerySet:
        figures = Figure.objects.filter(article=OuterRef("pk"), category=category)
        return self.filter(Exists(figures))


SEARCH_COLUMNS = ("search_words", "search_stems", "search_vector")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self) -> ArticleQuerySet:
        # The search columns are large and only queries read them: never loaded into rows.
        return super().get_queryset().defer(*SEARCH_COLUMNS)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    text = models.TextField(help_text="The pasted text, verbatim.")
    content_hash = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, allow_unicode=False)
    language = models.CharField(max_length=8, default="id")
    published_on = models.DateField(null=True, blank=True)
    published_inferred = models.BooleanField(default=False)
    outlet = models.CharField(max_length=200, blank=True)
    # The first sentence of the story, for article lists (which never read the text).
    lead = models.CharField(max_length=400, blank=True)
    dateline_place = models.CharField(max_length=200, blank=True)
    dateline_entity = models.ForeignKey(
        "Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    annotated_at = models.DateTimeField(null=True, blank=True)
    # Pipeline stages that failed on this text ({"stage", "reason"} each): the article is
    # stored with what the other stages found, and editors see it is incompletely annotated.
    annotation_errors = models.JSONField(default=list, blank=True)
    # Set by articles.corrections: the page reads the correction log only when there is one.
    corrected_at = models.DateTimeField(null=True, blank=True)
    # Search (see search_fields): filled from the title and text on every save.
    search_words = models.TextField(blank=True, editable=False)
    search_stems = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_on", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_on", "-created_at"]),
            # Newest first (undated last), as lists and search order it: migration 0003
            # makes these on each database (SQLite takes no NULLS LAST in an index).
            # The newest change of any article: cached pages that list others key on it.
            models.Index(fields=["updated_at"], name="article_updated_at"),
            models.Index(fields=["outlet", "-published_on"]),
        ]
        permissions = [("review_article", "Can review, correct and publish annotations")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Saving the title or text refreshes the stored search columns in the same write."""
        fields = kwargs.get("update_fields")
        if fields is None or {"title", "text", "language"} & set(fields):
            using = kwargs.get("using") or router.db_for_write(Article, instance=self)
            found = search_fields(self.title, self.text, self.language, connections[using].vendor)
            for name, value in found.items():
                setattr(self, name, value)
            if fields is not None:
                kwargs["update_fields"] = {*fields, *found}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def fully_annotated(self) -> bool:
        return not self.annotation_errors

    @property
    def body_text(self) -> str:
        return self.text.replace("\r\n", "\n")


class Segment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="segments")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "start"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}"


class Entity(models.Model):
    class Label(models.TextChoices):
        PER = "PER", _("Person")
        ORG = "ORG", _("Organisation")
        LOC = "LOC", _("Place")

    name = models.CharField(max_length=200)
    label = models.CharField(max_length=8, choices=Label)
    slug = models.SlugField(max_length=220, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(max_length=20, blank=True)
    confirmed = models.BooleanField(default=False, help_text="Confirmed by an editor.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # What readers can reach: mentions shown in published articles, outside the title.
    # Kept by articles.listing.refresh_entity_counts, called wherever mentions change.
    mention_count = models.PositiveIntegerField(default=0, editable=False)
    article_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"
        indexes = [
            models.Index(fields=["-article_count", "-mention_count", "name"]),
            models.Index(fields=["label", "-article_count", "-mention_count", "name"]),
            models.Index(fields=["name"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["label", "name"], name="entity_unique_label_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.label})"


class Review(models.TextChoices):
    """Where an annotation stands with the editors. Readers see every one but rejected."""

    MACHINE = "machine", _("Proposed by the machine")
    CONFIRMED = "confirmed", _("Confirmed by an editor")
    EDITED = "edited", _("Corrected by an editor")
    REJECTED = "rejected", _("Rejected by an editor")


def shown_mentions(prefix: str = "") -> Q:
    """The reader-visibility rule for mentions as a ``Q`` (``prefix`` e.g. ``"mentions__"``
    for a lookup through a relation): every mention an editor has not rejected."""
    return ~Q(**{f"{prefix}status": Review.REJECTED})


def is_shown(mention) -> bool:
    """The same rule for a mention already loaded."""
    return mention.status != Review.REJECTED


class MentionQuerySet(models.QuerySet):
    def shown(self) -> MentionQuerySet:
        """What readers may see: mentions not rejected (in articles they may see, add
        ``visible_to``)."""
        return self.filter(shown_mentions())

    def visible_to(self, user) -> MentionQuerySet:
        return self.shown().filter(article__in=Article.objects.visible_to(user))


class Mention(models.Model):
    Status = Review

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    label = models.CharField(max_length=8)
    status = models.CharField(max_length=10, choices=Status, default=Status.MACHINE)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            models.Index(fields=["article", "start"]),
            models.Index(fields=["entity", "article"]),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.label})"


class Attribution(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attributions")
    key = models.CharField(max_length=120)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)
    source = models.CharField(max_length=300, blank=True)
    source_entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    speaker = models.CharField(max_length=300, blank=True)
    speaker_entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=300, blank=True)
    via_entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_start = models.PositiveIntegerField(null=True, blank=True)
    content_end = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Review, default=Review.MACHINE)

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "start"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.source or self.speaker}"


class Event(models.Model):
    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    key = models.CharField(max_length=120)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    value = models.CharField(
        max_length=10,
        help_text="ISO: 2015-09-30, 2017-11 or 2017; --09-04 when the year is unknown.",
    )
    date = models.DateField(
        null=True, blank=True, help_text="First day of the value, for ordering; null: year unknown."
    )
    precision = models.CharField(max_length=5, choices=Precision)
    relative = models.BooleanField(default=False)
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    summary = models.CharField(max_length=300, blank=True)
    main = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Review, default=Review.MACHINE)

    class Meta:
        ordering = ["article", "date", "start"]
        indexes = [models.Index(fields=["article", "date"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.value}: {self.summary}"


class Figure(models.Model):
    class Category(models.TextChoices):
        KILLED = "killed", _("Killed")
        WOUNDED = "wounded", _("Wounded")
        DISPLACED = "displaced", _("Displaced")
        MISSING = "missing", _("Missing")
        ARRESTED = "arrested", _("Arrested")
        OTHER = "other", _("Other")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(max_length=120)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    value = models.FloatField()
    value_max = models.FloatField(null=True, blank=True)
    qualifier = models.CharField(max_length=10)
    unit = models.CharField(max_length=50, blank=True)
    category = models.CharField(max_length=10, choices=Category)
    as_of = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    source_entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Mentions of one count share a group (1, 2, … in the article); 0: stored before grouping.
    group = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Review, default=Review.MACHINE)

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "start"]), models.Index(fields=["category"])]

    def __str__(self) -> str:
        return f"{self.text} ({self.category})"


# Editors' review (articles.corrections writes all of these).


class Decision(models.Model):
    """An editor's decision about one annotation, keyed by what it annotates (the kind and
    the span of the article's text) rather than by a row: re-annotation replaces the rows
    with the pipeline's fresh result and then applies every decision again, so a rejection,
    an added mention, a relabel or a fixed figure survives any pipeline update.

    ``data`` by kind: mention ``{"status": …, "entity": id}``; event, figure, attribution
    ``{"fields": {…}}``, ``{"removed": true}`` or ``{"added": {…row values…}}``.
    """

    class Kind(models.TextChoices):
        MENTION = "mention", "Mention"
        EVENT = "event", "Timeline event"
        FIGURE = "figure", "Figure"
        ATTRIBUTION = "attribution", "Attribution"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=12, choices=Kind)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "kind", "start", "end"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "start", "end"], name="decision_unique_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}: {self.data}"


class EntityRedirect(models.Model):
    """An entity that editors merged into another or renamed: its old slug keeps leading to
    the entity, and when the pipeline proposes the old (type, name) again it means the
    target."""

    slug = models.SlugField(max_length=220, blank=True, db_index=True)
    label = models.CharField(max_length=8)
    name = models.CharField(max_length=200)
    target = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.label}) → {self.target_id}"


class Correction(models.Model):
    """The public correction log: one row per editor action, who, when, what, and the state
    before and after (as JSON) that undoing it restores."""

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="corrections"
    )
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)
    target = models.CharField(max_length=300, help_text="The words or name concerned.")
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.target}"


class WikidataItem(models.Model):
    """One item of a Wikidata dump (``manage.py import_wikidata``): the local knowledge base
    editors pick links from; nothing is fetched at request time."""

    qid = models.CharField(max_length=20, unique=True)
    label_id = models.CharField(max_length=300, blank=True)
    label_en = models.CharField(max_length=300, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    description = models.CharField(max_length=300, blank=True)
    label = models.CharField(max_length=8, blank=True, help_text="PER, ORG, LOC or blank.")
    # Every name, case-folded, between "|": what candidate lookup matches on.
    names = models.TextField(blank=True)

    class Meta:
        ordering = ["qid"]

    def __str__(self) -> str:
        return f"{self.qid} {self.label_en or self.label_id}"

    @property
    def name(self) -> str:
        return self.label_id or self.label_en or self.qid


# Collection exports written by a task (articles.export_jobs), and bulk uploads with their
# per-document results (articles.uploads), live in their own modules.
from articles.export_jobs import CollectionExport  # noqa: E402, F401
from articles.uploads import BulkUpload, UploadDocument  # noqa: E402, F401
