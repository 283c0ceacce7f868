"""Template filters of the reading views: labels in the reader's language."""

from __future__ import annotations

from django import template

from articles.reading.units import unit_label as translated_unit

register = template.Library()


@register.filter
def unit_label(unit: str) -> str:
    """A figure's unit key (``people``) as the interface says it (``orang``)."""
    return translated_unit(unit or "")
