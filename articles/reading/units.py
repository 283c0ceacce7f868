"""What a figure counts, in the reader's language.

The pipeline names a figure's unit by a canonical English key (``people``, ``soldiers``,
``asylum seekers``), whatever the article's language; the interface shows it translated.
A key missing here (a new pipeline unit) shows as the key, and the translation test says so.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNIT_LABELS = {
    "people": _("people"),
    "civilians": _("civilians"),
    "soldiers": _("soldiers"),
    "troops": _("troops"),
    "personnel": _("personnel"),
    "children": _("children"),
    "women": _("women"),
    "men": _("men"),
    "victims": _("victims"),
    "casualties": _("casualties"),
    "refugees": _("refugees"),
    "migrants": _("migrants"),
    "asylum seekers": _("asylum seekers"),
    "prisoners": _("prisoners"),
    "detainees": _("detainees"),
    "militants": _("militants"),
    "fighters": _("fighters"),
    "rebels": _("rebels"),
    "terrorists": _("terrorists"),
    "police officers": _("police officers"),
    "officers": _("officers"),
    "protesters": _("protesters"),
    "journalists": _("journalists"),
    "workers": _("workers"),
    "employees": _("employees"),
    "students": _("students"),
    "patients": _("patients"),
    "volunteers": _("volunteers"),
    "passengers": _("passengers"),
    "crew": _("crew"),
    "babies": _("babies"),
    "suspects": _("suspects"),
    "terror suspects": _("terror suspects"),
    "members": _("members"),
    "Indonesian citizens": _("Indonesian citizens"),
    "foreign nationals": _("foreign nationals"),
    "hostages": _("hostages"),
    "pilgrims": _("pilgrims"),
    "families": _("families"),
    "houses": _("houses"),
    "buildings": _("buildings"),
    "climbers": _("climbers"),
    "farmers": _("farmers"),
    "fishermen": _("fishermen"),
    "guards": _("guards"),
    "households": _("households"),
    "miners": _("miners"),
    "perpetrators": _("perpetrators"),
    "rioters": _("rioters"),
    "stalls": _("stalls"),
    "supporters": _("supporters"),
    "vehicles": _("vehicles"),
    "visitors": _("visitors"),
}


def unit_label(unit: str) -> str:
    return str(UNIT_LABELS.get(unit, unit)) if unit else ""
