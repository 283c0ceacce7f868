"""Load the annotation pipeline when a process starts, so no request pays for it.

``start_in_background()`` runs one small annotation in each interface language in a
daemon thread: that loads the NER model and builds everything the stages cache. The web
process starts it from ``ArticlesConfig.ready`` (``/healthz`` answers "starting" until it is
done); the task worker starts it the same way. Commands that do not annotate skip it.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time

logger = logging.getLogger(__name__)

# One Indonesian and one English sentence with a person, a place, a date and a figure.
SAMPLES = (
    (
        "Menteri Sosial Tri Rismaharini tiba di Palu, Sulawesi Tengah, pada Senin (1/10/2018) "
        "dan menyebut 832 orang tewas.",
        "id",
    ),
    ("The minister, Sri Mulyani, said in Jakarta on Monday that 40 people were hurt.", "en"),
)
# Management commands that run tasks; every other command but runserver starts cold.
WORKER_COMMANDS = {"db_worker"}

_ready = threading.Event()
_started = threading.Lock()
_thread: threading.Thread | None = None
_seconds: float | None = None
_error: str = ""


def is_ready() -> bool:
    return _ready.is_set()


def status() -> str:
    if _ready.is_set():
        return "failed" if _error else "ready"
    return "starting" if _thread is not None else "not started"


def warm_up() -> None:
    """Annotate the samples once (loads the model); records how long it took."""
    global _seconds, _error
    from articles.annotate import annotate

    started = time.perf_counter()
    try:
        for text, language in SAMPLES:
            annotate(text, language=language)
    except Exception as error:  # the app still serves reading pages; ingest will report it
        _error = f"{type(error).__name__}: {error}"
        logger.exception("Loading the annotation pipeline failed")
    _seconds = time.perf_counter() - started
    logger.info("Annotation pipeline loaded in %.1f s", _seconds)
    _ready.set()


def start_in_background() -> threading.Thread:
    """Start loading once per process; later calls return the same thread."""
    global _thread
    with _started:
        if _thread is None:
            _thread = threading.Thread(target=warm_up, name="pipeline-warm-up", daemon=True)
            _thread.start()
    return _thread


def wait(timeout: float | None = None) -> bool:
    return _ready.wait(timeout)


def should_warm_up(argv: list[str] | None = None) -> bool:
    """Warm up in `runserver` (its serving process, not the reloader watching files) and in
    the task worker; WSGI servers start it from ``newsreader/wsgi.py``. ``WARM_UP=false``
    turns it off everywhere."""
    if not warm_up_allowed():
        return False
    argv = sys.argv if argv is None else argv
    command = argv[1] if len(argv) > 1 else ""
    if command == "runserver":
        return "--noreload" in argv or os.environ.get("RUN_MAIN") == "true"
    return command in WORKER_COMMANDS


def warm_up_allowed() -> bool:
    return os.environ.get("WARM_UP", "").strip().lower() not in {"0", "false", "no", "off"}
