from django.contrib import admin
from django.urls import include, path

from newsreader.health import healthz

urlpatterns = [
    # Normally answered by HealthCheckMiddleware; kept here so `reverse("healthz")` works.
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]

handler500 = "newsreader.errors.server_error"
