"""WSGI entry point: `gunicorn newsreader.wsgi`.

Each process starts loading the annotation pipeline in the background as soon as it starts,
so no request waits for the model; `/healthz` answers "starting" until it is loaded.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")

application = get_wsgi_application()

from articles import warmup  # noqa: E402  (needs the app registry set up above)

if warmup.warm_up_allowed():
    warmup.start_in_background()
