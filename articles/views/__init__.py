"""The app's views, one module per page; ``articles.urls`` names them from here."""

from articles.views.article import detail, detail_short
from articles.views.home import archive_month, home, outlet_page

__all__ = ["archive_month", "detail", "detail_short", "home", "outlet_page"]
