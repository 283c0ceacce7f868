# newsreader: gunicorn serving Django, static files from whitenoise.
# Build: docker build -t newsreader .   Run: see README.md ("Running in production").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    WEB_CONCURRENCY=3

RUN useradd --create-home --uid 1000 newsreader
WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes do not reinstall them: an
# empty stand-in package is installed for its dependencies, then removed. The app runs from
# /app itself.
COPY pyproject.toml ./
RUN mkdir -p newsreader articles \
    && touch newsreader/__init__.py articles/__init__.py \
    && pip install . \
    && pip uninstall -y newsreader \
    && rm -rf newsreader articles build *.egg-info

COPY --chown=newsreader:newsreader . .
# media/ (MEDIA_ROOT: collection exports written by the worker) is made here so a volume
# mounted on it starts owned by the app's user.
RUN DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input \
    && mkdir -p media && chown -R newsreader:newsreader /app

USER newsreader
EXPOSE 8000

# /healthz answers 503 "starting" while the annotation model loads (in the background).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['PORT'], timeout=4)"]

# gunicorn binds 0.0.0.0:$PORT and starts $WEB_CONCURRENCY workers (its own conventions).
# The task worker runs from the same image: `python manage.py db_worker` (see compose.yaml).
# Migrations run once per deployment (`docker run … python manage.py migrate`), not here:
# several app containers share one database.
CMD ["gunicorn", "newsreader.wsgi", "--timeout", "60", "--access-logfile", "-"]
