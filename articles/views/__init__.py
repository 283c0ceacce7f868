"""The app's views, one module per page; ``articles.urls`` names them from here."""

from articles.views.article import detail, detail_short
from articles.views.home import home

__all__ = ["detail", "detail_short", "home"]
