"""The stored article and its annotations.

Offsets (``start``/``end``) index into ``Article.body_text`` (the pasted text with CRLF
turned into LF, exactly what the pipeline saw); ``Article.text`` keeps the paste verbatim.
Every annotation row has a ``key``: a fragment id derived from what it annotates, so it stays
the same when the article is annotated again (``ent-vladimir-putin``, ``t-2015-09-30``,
``fig-230000-killed``, ``src-aljazeera``).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.search import search_terms

# Accent-insensitive and without stemming (PostgreSQL has no Indonesian stemmer): created by
# migration 0002, which also indexes `search_document()` with GIN.
SEARCH_CONFIG = "indonesian_unaccent"


def search_document() -> SearchVector:
    """What search reads: the title weighted above the body. The GIN index is built on this
    very expression, so keep the two in step (see the search migration)."""
    return SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "text", weight="B", config=SEARCH_CONFIG
    )


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED)

    def visible_to(self, user) -> ArticleQuerySet:
        return self if user.is_staff else self.published()

    def search(self, query: str) -> ArticleQuerySet:
        """Articles holding every word of ``query`` (as a word start, so ``put`` finds
        Putin), annotated with a ``rank``: full-text search on PostgreSQL, a word-by-word
        ``icontains`` elsewhere (rank 0, case-insensitive for ASCII only)."""
        terms = search_terms(query)
        if not terms:
            return self.annotate(rank=Value(0.0)).none()
        if connections[self.db].vendor == "postgresql":
            # Terms are word characters (and inner . or ,) only: no tsquery syntax gets in.
            tsquery = " & ".join(f"{term}:*" for term in terms)
            wanted = SearchQuery(tsquery, config=SEARCH_CONFIG, search_type="raw")
            found = self.alias(document=search_document()).filter(document=wanted)
            return found.annotate(rank=SearchRank(search_document(), wanted))
        words = Q()
        for term in terms:
            words &= Q(title__icontains=term) | Q(text__icontains=term)
        return self.filter(words).annotate(rank=Value(0.0))

    def mentioning(self, entity_slug: str) -> ArticleQuerySet:
        shown = Mention.objects.exclude(status=Mention.Status.REJECTED)
        return self.filter(Exists(shown.filter(article=OuterRef("pk"), entity__slug=entity_slug)))

    def citing(self, source: str) -> ArticleQuerySet:
        """Articles with an attribution to ``source``: an entity's slug or a source's name."""
        named = Q(source_entity__slug=source) | Q(source__iexact=source)
        return self.filter(Exists(Attribution.objects.filter(named, article=OuterRef("pk"))))

    def reporting(self, category: str) -> ArticleQuerySet:
        figures = Figure.objects.filter(article=OuterRef("pk"), category=category)
        return self.filter(Exists(figures))


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
    dateline_place = models.CharField(max_length=200, blank=True)
    dateline_entity = models.ForeignKey(
        "Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    annotated_at = models.DateTimeField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_on", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"
        constraints = [
            models.UniqueConstraint(fields=["label", "name"], name="entity_unique_label_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.label})"


class Mention(models.Model):
    class Status(models.TextChoices):
        MACHINE = "machine", "Proposed by the machine"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    label = models.CharField(max_length=8)
    status = models.CharField(max_length=10, choices=Status, default=Status.MACHINE)

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
    value = models.CharField(max_length=10, help_text="ISO: 2015-09-30, 2017-11 or 2017.")
    date = models.DateField(help_text="First day of the value, for ordering.")
    precision = models.CharField(max_length=5, choices=Precision)
    relative = models.BooleanField(default=False)
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    summary = models.CharField(max_length=300, blank=True)
    main = models.BooleanField(default=False)

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

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "start"]), models.Index(fields=["category"])]

    def __str__(self) -> str:
        return f"{self.text} ({self.category})"
