from django.urls import path
from django.views.i18n import set_language

from articles import views
from articles.views import entities as entity_views
from articles.views import search as search_views
from articles.views import share as share_views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("outlets/<slug:slug>/", views.outlet_page, name="outlet"),
    path("articles/<int:pk>/", views.detail_short, name="detail_short"),
    path("articles/<int:pk>/<slug:slug>/", views.detail, name="detail"),
    path("articles/<int:pk>/<slug:slug>/share.png", share_views.share_image, name="share_image"),
    path("entities/", entity_views.entity_list, name="entities"),
    path("entities/<slug:slug>/", entity_views.entity_detail, name="entity"),
    path("search/", search_views.search, name="search"),
    # Django's own view: sets the language cookie, then back to the page the reader was on.
    path("i18n/setlang/", set_language, name="set_language"),
]
