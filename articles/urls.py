from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from articles import views
from articles.views import entities as entity_views
from articles.views import search as search_views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.detail_short, name="detail_short"),
    path("articles/<int:pk>/<slug:slug>/", views.detail, name="detail"),
    path("entities/", entity_views.entity_list, name="entities"),
    path("entities/<slug:slug>/", entity_views.entity_detail, name="entity"),
    path("search/", search_views.search, name="search"),
    path("search/entities/", search_views.entity_suggestions, name="search_entities"),
    # Django's own view: sets the language cookie, then back to the page the reader was on.
    # Without a CSRF token, so public pages set no cookie: a forged request could only
    # switch someone's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]
