from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.api import api
from articles.sitemaps import SITEMAPS
from articles.views.discovery import robots_txt
from newsreader.health import healthz

urlpatterns = [
    # Normally answered by HealthCheckMiddleware; kept here so `reverse("healthz")` works.
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("api/", api.urls),
    path("", include("articles.urls")),
]

handler500 = "newsreader.errors.server_error"
