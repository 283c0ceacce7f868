"""The article page's downloads: ``{% article_exports article as exports %}``."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse

from articles.exports import FORMATS

register = template.Library()


@dataclass(frozen=True, slots=True)
class ExportLink:
    label: str
    media_type: str
    url: str
    filename: str


@register.simple_tag
def article_exports(article) -> list[ExportLink]:
    """Every format's link for ``article``; no query."""
    return [
        ExportLink(
            export.label,
            export.media_type,
            reverse("articles:export", args=[article.pk, article.slug, name]),
            f"{article.slug}.{name}",
        )
        for name, export in FORMATS.items()
    ]


@register.simple_tag
def collection_exports(query: str = "") -> list[ExportLink]:
    """Every format's link for a set: ``query`` is the search's (``entity=…``) or empty."""
    suffix = f"?{query}" if query else ""
    return [
        ExportLink(
            export.label,
            export.media_type,
            reverse("articles:collection_export", args=[name]) + suffix,
            f"newsreader.{name}",
        )
        for name, export in FORMATS.items()
    ]
