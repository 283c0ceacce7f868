"""Template filters of the reading views: labels in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from articles.reading.charts import AxisPoint
from articles.reading.charts import time_axis as draw_time_axis
from articles.reading.units import unit_label as translated_unit

register = template.Library()


@register.filter
def unit_label(unit: str) -> str:
    """A figure's unit key (``people``) as the interface says it (``orang``)."""
    return translated_unit(unit or "")


@register.filter
def time_axis(timeline) -> str:
    """The article's timeline entries on a proportional axis (empty under a year's span)."""
    points = [AxisPoint(e.key, e.value, e.display, e.main) for e in timeline]
    return draw_time_axis(points, get_language() or "en")
