"""Review mode: the article page itself, for editors, with controls where the annotations are.

``/articles/<pk>/<slug>/review/`` is the reading view with the review card in the card slot:
a name's card lists its mentions here with accept, reject, relabel, re-point and split; a
timeline entry, figure or source opens its edit form (``?edit=<key>``); with nothing open the
card holds the article's own review (unchecked annotations, metadata, adding a mention,
publishing, re-annotation, the correction log with undo). Every control is a plain form
POST to ``review/<action>/`` (answered with a redirect back); with htmx the answer is the
``reader`` partial of the same page template, swapped in place.

Every view here needs the ``articles.review_article`` permission (the Editors group) and
answers 403 otherwise; POSTs are CSRF-checked by Django's middleware. All writes go through
``articles.corrections``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles import corrections
from articles.corrections import CorrectionError, MergePreview
from articles.models import (
    Article,
    Attribution,
    Correction,
    Entity,
    Event,
    Figure,
    Mention,
    Review,
    WikidataItem,
)
from articles.reading import reading_from_article
from articles.reading.state import clean_parameter, parse_state
from articles.views.article import check_state, page_context, wants_card_only, with_annotations

logger = logging.getLogger(__name__)
CONTEXT_CHARS = 60
LOG_SHOWN = 40
CANDIDATES_SHOWN = 8


def editors_only(view: Callable) -> Callable:
    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not corrections.can_review(request.user):
            raise PermissionDenied("Reviewing needs the Editors' permissions.")
        return view(request, *args, **kwargs)

    return checked


def review_url(article: Article, query: str = "") -> str:
    url = reverse("articles:review", kwargs={"pk": article.pk, "slug": article.slug})
    return f"{url}?{query}" if query else url


# --- what the review card shows ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MentionRow:
    mention: Mention
    before: str
    after: str
    mark_id: str = ""


@dataclass(slots=True)
class ReviewPanel:
    article: Article
    unchecked: int  # mentions, dates and figures the machine proposed, not yet checked
    entity: Entity | None = None
    mentions: list[MentionRow] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # this article's, for re-pointing
    candidates: list[WikidataItem] = field(default_factory=list)
    confirmed_on: date | None = None
    event: Event | None = None
    figure: Figure | None = None
    attribution: Attribution | None = None
    attributions: list[Attribution] = field(default_factory=list)
    rejected: list[Mention] = field(default_factory=list)
    log: list[tuple[Correction, str]] = field(default_factory=list)
    merge: MergePreview | None = None
    error: str = ""
    notice: str = ""
    labels: list[tuple[str, str]] = field(default_factory=list)
    qualifiers: tuple[str, ...] = corrections.QUALIFIERS
    categories: list[tuple[str, str]] = field(default_factory=list)
    kinds: tuple[str, ...] = corrections.KINDS
    url: str = ""

    @property
    def aliases_text(self) -> str:
        return "\n".join(self.entity.aliases) if self.entity else ""


def build_panel(article: Article, entity_slug: str, edit: str) -> ReviewPanel:
    """The review card's data, from the prefetched article plus a few queries."""
    mentions = list(article.mentions.all())  # shown ones, with their entities
    unchecked = sum(m.status == Review.MACHINE for m in mentions)
    unchecked += sum(e.status == Review.MACHINE for e in article.events.all())
    unchecked += sum(f.status == Review.MACHINE for f in article.figures.all())
    panel = ReviewPanel(
        article=article,
        url=review_url(article),
        unchecked=unchecked,
        labels=list(Entity.Label.choices),
        categories=list(Figure.Category.choices),
    )
    panel.entities = sorted({m.entity.pk: m.entity for m in mentions}.values(), key=str)
    if edit:
        panel.event = next((e for e in article.events.all() if e.key == edit), None)
        panel.figure = next((f for f in article.figures.all() if f.key == edit), None)
        panel.attribution = next((a for a in article.attributions.all() if a.key == edit), None)
    if entity_slug:
        panel.entity = Entity.objects.filter(slug=entity_slug).first()
    if panel.entity is not None:
        fill_entity(panel, article)
    elif not (panel.event or panel.figure or panel.attribution):
        panel.attributions = list(article.attributions.all())
        panel.rejected = list(
            Mention.objects.filter(article=article, status=Review.REJECTED).select_related("entity")
        )
        rows = Correction.objects.filter(article=article).select_related("user")[:LOG_SHOWN]
        panel.log = [(row, corrections.describe(row)) for row in rows]
    return panel


def fill_entity(panel: ReviewPanel, article: Article) -> None:
    entity = panel.entity
    text = article.body_text
    rows = Mention.objects.filter(article=article, entity=entity).order_by("start")
    number = 0
    for mention in rows:
        mark_id = ""
        if mention.status != Review.REJECTED:
            number += 1
            mark_id = f"ent-{entity.slug}" if number == 1 else f"ent-{entity.slug}--{number}"
        panel.mentions.append(
            MentionRow(
                mention,
                text[max(0, mention.start - CONTEXT_CHARS) : mention.start].lstrip(),
                text[mention.end : mention.end + CONTEXT_CHARS].rstrip(),
                mark_id,
            )
        )
    panel.candidates = wikidata_candidates(entity)
    confirmation = (
        Correction.objects.filter(entity=entity, undone_at=None, action__startswith="entity.")
        .only("created_at")
        .first()
    )
    panel.confirmed_on = confirmation.created_at.date() if confirmation else None


def wikidata_candidates(entity: Entity) -> list[WikidataItem]:
    """Items of the local Wikidata table named like the entity, its type first."""
    names = [entity.name, *entity.aliases][:10]
    wanted = Q()
    for name in names:
        wanted |= Q(names__contains=f"|{name.casefold()}|")
    items = WikidataItem.objects.filter(wanted)[: CANDIDATES_SHOWN * 3]
    return sorted(items, key=lambda item: (item.label != entity.label, item.qid))[:CANDIDATES_SHOWN]


# --- the page -------------------------------------------------------------------------------


@never_cache  # an editor's page: no shared cache may keep it
@require_GET
@editors_only
def review(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if slug != article.slug:
        return redirect(review_url(article, request.GET.urlencode()))
    return render_review(request, article)


def render_review(
    request: HttpRequest, article: Article, *, notice: str = "", error: str = "", partial: str = ""
) -> HttpResponse:
    with_annotations(article)
    state, missing_entity = check_state(parse_state(request.GET), article)
    entity_slug = clean_parameter(request.GET.get("entity", ""))
    edit = clean_parameter(request.GET.get("edit", ""))
    reading = reading_from_article(article, state, review=True)
    context = page_context(request, article, reading, missing_entity)
    panel = build_panel(article, entity_slug, edit)
    if not notice and not error:  # after a plain POST and its redirect: say it in the card
        notice, error = pending_messages(request)
    panel.notice, panel.error = notice, error
    merge_into = clean_parameter(request.GET.get("merge", ""))
    if panel.entity is not None and merge_into:
        into = Entity.objects.filter(slug=merge_into).first()
        try:
            panel.merge = corrections.merge_preview(panel.entity, into) if into else None
        except CorrectionError as error:
            panel.error = str(error)
    context.update(review=panel, card=None, missing_entity=False, review_href="")
    context["messages"] = ()  # the card says them (above); not again at the page's top
    template = "articles/detail.html"
    if partial:
        template = f"articles/detail.html#{partial}"
    elif request.htmx and request.htmx.target == "review-card":
        template = "articles/review.html#review_card"
    elif wants_card_only(request):
        template = "articles/detail.html#entity_card"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def pending_messages(request: HttpRequest) -> tuple[str, str]:
    """The messages an action left for the page it redirected to, as the card's notice and
    error (read here, so the page shows them where the editor acted, not at its top)."""
    notices, errors = [], []
    for message in messages.get_messages(request):
        (errors if message.level >= messages.ERROR else notices).append(str(message))
    return " ".join(notices), " ".join(errors)


# --- the actions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Done:
    """What an action did: the message, and the review state to come back to."""

    message: str
    query: str = ""


ACTIONS: dict[str, Callable[[HttpRequest, Article], Done]] = {}


def action(name: str):
    def register(handler):
        ACTIONS[name] = handler
        return handler

    return register


@never_cache
@require_POST
@editors_only
def act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    handler = ACTIONS.get(name)
    if handler is None:
        return HttpResponse(status=404)
    back = request.POST.get("back", "")
    try:
        done = handler(request, article)
    except CorrectionError as error:
        return answer_error(request, article, str(error), back)
    except (ValueError, KeyError) as error:
        logger.info("review %s refused: %r", name, error)
        return answer_error(request, article, _("The form was incomplete: try again."), back)
    article.refresh_from_db()
    if request.htmx:
        request.GET = query_dict(done.query)
        return render_review(request, article, notice=done.message, partial="reader")
    messages.success(request, done.message)
    return redirect(review_url(article, done.query))


def answer_error(request: HttpRequest, article: Article, error: str, back: str) -> HttpResponse:
    """Nothing changed: the same review state again, with the message."""
    article.refresh_from_db()
    if request.htmx:
        request.GET = query_dict(back)
        response = render_review(request, article, error=error, partial="reader")
        response.status_code = 200  # htmx swaps only successful answers
        return response
    messages.error(request, error)
    return redirect(review_url(article, back))


def query_dict(query: str):
    from django.http import QueryDict

    return QueryDict(query.lstrip("?"), mutable=False)


def posted_int(request: HttpRequest, name: str) -> int:
    return int(request.POST[name])


def target(request: HttpRequest, model, article: Article):
    return get_object_or_404(model.objects.all(), pk=posted_int(request, "target"), article=article)


def entity_query(entity: Entity) -> str:
    return f"entity={entity.slug}"


@action("mention-status")
def mention_status(request, article) -> Done:
    mention = target(request, Mention, article)
    status = request.POST["status"]
    corrections.set_mention_status(request.user, mention, status)
    word = _("Confirmed") if status == Review.CONFIRMED else _("Rejected")
    return Done(f"{word}: “{mention.text}”.", request.POST.get("back", ""))


@action("mention-relabel")
def mention_relabel(request, article) -> Done:
    mention = target(request, Mention, article)
    corrections.relabel_mention(request.user, mention, request.POST["label"])
    mention.refresh_from_db()
    return Done(_("Type changed: “%s”.") % mention.text, entity_query(mention.entity))


@action("mention-repoint")
def mention_repoint(request, article) -> Done:
    mention = target(request, Mention, article)
    entity = get_object_or_404(Entity, slug=request.POST["entity"])
    corrections.set_mention_entity(request.user, mention, entity)
    words = _("“%(text)s” now means %(name)s.") % {"text": mention.text, "name": entity.name}
    return Done(words, request.POST.get("back", ""))


@action("mention-split")
def mention_split(request, article) -> Done:
    mention = target(request, Mention, article)
    corrections.split_mention(
        request.user, mention, request.POST.get("name", ""), request.POST.get("label", "")
    )
    mention.refresh_from_db()
    return Done(_("Split off: “%s”.") % mention.text, entity_query(mention.entity))


@action("mention-add")
def mention_add(request, article) -> Done:
    slug = request.POST.get("entity", "")
    if slug:
        entity = get_object_or_404(Entity, slug=slug)
    else:
        entity = corrections.entity_named(request.POST.get("name", ""), request.POST["label"])
    start, end = posted_int(request, "start"), posted_int(request, "end")
    corrections.add_mention(request.user, article, start, end, entity)
    return Done(_("Marked as %s.") % entity.name, entity_query(entity))


@action("entity-edit")
def entity_edit(request, article) -> Done:
    entity = get_object_or_404(Entity, pk=posted_int(request, "target"))
    aliases = [line.strip() for line in request.POST.get("aliases", "").splitlines()]
    corrections.edit_entity(
        request.user,
        entity,
        name=request.POST["name"],
        label=request.POST["label"],
        aliases=[alias for alias in aliases if alias],
        description=request.POST.get("description", ""),
        wikidata_id=request.POST.get("wikidata_id", ""),
        article=article,
    )
    return Done(_("Saved: %s.") % entity.name, entity_query(entity))


@action("entity-confirm")
def entity_confirm(request, article) -> Done:
    entity = get_object_or_404(Entity, pk=posted_int(request, "target"))
    qid = request.POST.get("qid", "")
    item = get_object_or_404(WikidataItem, qid=qid) if qid else None
    corrections.confirm_entity(request.user, entity, item, article=article)
    return Done(_("Confirmed: %s.") % entity.name, entity_query(entity))


@action("entity-merge")
def entity_merge(request, article) -> Done:
    """Confirmed from the preview (``?entity=<source>&merge=<target>`` on the review page)."""
    source = get_object_or_404(Entity, pk=posted_int(request, "target"))
    into = get_object_or_404(Entity, slug=request.POST["into"])
    corrections.merge_entities(request.user, source, into, article=article)
    return Done(_("Merged into %s.") % into.name, entity_query(into))


@action("event-fix")
def event_fix(request, article) -> Done:
    event = target(request, Event, article)
    corrections.fix_event(
        request.user, event, value=request.POST["value"], main="main" in request.POST
    )
    return Done(_("Date saved."), f"edit={event.key}")


@action("event-add")
def event_add(request, article) -> Done:
    corrections.add_event(
        request.user,
        article,
        posted_int(request, "start"),
        posted_int(request, "end"),
        request.POST["value"],
        "main" in request.POST,
    )
    return Done(_("Date added to the timeline."))


@action("figure-fix")
def figure_fix(request, article) -> Done:
    figure = target(request, Figure, article)
    corrections.fix_figure(request.user, figure, **figure_fields(request))
    return Done(_("Figure saved."), f"edit={figure.key}")


@action("figure-add")
def figure_add(request, article) -> Done:
    start, end = posted_int(request, "start"), posted_int(request, "end")
    corrections.add_figure(request.user, article, start, end, **figure_fields(request))
    return Done(_("Figure added."))


def figure_fields(request) -> dict:
    names = ("value", "value_max", "qualifier", "unit", "category", "as_of", "source")
    return {name: request.POST.get(name, "") for name in names}


@action("remove")
def remove(request, article) -> Done:
    model = Event if request.POST.get("kind") == "event" else Figure
    row = target(request, model, article)
    corrections.remove_row(request.user, row)
    return Done(_("Removed: “%s”.") % row.text)


@action("attribution-fix")
def attribution_fix(request, article) -> Done:
    row = target(request, Attribution, article)
    fields = {name: request.POST.get(name, "") for name in ("kind", "source", "speaker", "via")}
    corrections.fix_attribution(request.user, row, **fields)
    return Done(_("Source saved."), f"edit={row.key}")


@action("meta")
def meta(request, article) -> Done:
    published = request.POST.get("published_on", "").strip()
    try:
        published_on = date.fromisoformat(published) if published else None
    except ValueError as error:
        raise CorrectionError(_("Write the publication date as 2017-12-11.")) from error
    corrections.change_metadata(
        request.user,
        article,
        title=request.POST["title"],
        published_on=published_on,
        outlet=request.POST.get("outlet", ""),
        url=request.POST.get("url", ""),
        language=request.POST.get("language", ""),
    )
    return Done(_("Details saved; the article was annotated again with them."))


@action("publish")
def publish(request, article) -> Done:
    status = Article.Status.DRAFT if request.POST.get("status") == "draft" else "published"
    corrections.set_status(request.user, article, status)
    if status == Article.Status.DRAFT:
        return Done(_("Back to draft: readers no longer see it."))
    return Done(_("Published: readers see it now."))


@action("reannotate")
def reannotate(request, article) -> Done:
    corrections.reannotate(article)
    return Done(_("Annotated again; every editor's decision was applied again."))


@action("undo")
def undo(request, article) -> Done:
    correction = get_object_or_404(Correction, pk=posted_int(request, "target"), article=article)
    corrections.undo(request.user, correction)
    return Done(_("Undone."))
