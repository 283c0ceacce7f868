from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from articles import feeds, views
from articles.views import entities as entity_views
from articles.views import exports as export_views
from articles.views import review as review_views
from articles.views import search as search_views
from articles.views import share as share_views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("outlets/<slug:slug>/", views.outlet_page, name="outlet"),
    path("articles/<int:pk>/", views.detail_short, name="detail_short"),
    path("articles/<int:pk>/<slug:slug>/", views.detail, name="detail"),
    path(
        "articles/<int:pk>/<slug:slug>/export/<str:name>",
        export_views.article_export,
        name="export",
    ),
    path("export/<str:name>", export_views.collection_export, name="collection_export"),
    path("exports/<int:pk>/", export_views.export_job, name="export_job"),
    path("exports/<int:pk>/download", export_views.export_download, name="export_download"),
    path("articles/<int:pk>/<slug:slug>/review/", review_views.review, name="review"),
    path("articles/<int:pk>/review/<slug:name>/", review_views.act, name="review_act"),
    path("articles/<int:pk>/<slug:slug>/share.png", share_views.share_image, name="share_image"),
    path("entities/", entity_views.entity_list, name="entities"),
    path("entities/<slug:slug>/", entity_views.entity_detail, name="entity"),
    path("search/", search_views.search, name="search"),
    path("feed/", feeds.latest_atom, name="feed"),
    path("feed/rss/", feeds.latest_rss, name="feed_rss"),
    path("entities/<slug:slug>/feed/", feeds.entity_atom, name="entity_feed"),
    path("entities/<slug:slug>/feed/rss/", feeds.entity_rss, name="entity_feed_rss"),
    path("search/feed/", feeds.search_atom, name="search_feed"),
    path("search/feed/rss/", feeds.search_rss, name="search_feed_rss"),
    path("corrections/feed/", feeds.corrections_atom, name="corrections_feed"),
    path("corrections/feed/rss/", feeds.corrections_rss, name="corrections_feed_rss"),
    path("search/entities/", search_views.entity_suggestions, name="search_entities"),
    # Django's own view: sets the language cookie, then back to the page the reader was on.
    # Without a CSRF token, so public pages set no cookie: a forged request could only
    # switch someone's interface language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]
