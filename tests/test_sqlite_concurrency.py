"""The default database takes concurrent writes: SQLite in WAL mode, with a busy timeout and
transactions that take the write lock when they begin.

The check runs in a child process on a fresh SQLite file (the test database is in memory,
where locking works differently): 20 threads save the same article at the same moment, and
two threads ingest the same documents side by side.
"""

from __future__ import annotations

import re
import subprocess
import sys

from django.conf import settings
from django.db import connection

from tests.conftest import REPO_ROOT


def test_sqlite_is_configured_for_concurrent_writers() -> None:
    if connection.vendor != "sqlite":
        return  # the options below are SQLite's own; PostgreSQL needs none of them
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_twenty_concurrent_saves_and_two_parallel_ingests_all_succeed() -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "sqlite_write_check", "--writers", "20", "--documents", "6"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = done.stdout
    assert done.returncode == 0, output + done.stderr
    assert "journal mode wal" in output
    assert re.search(r"20 concurrent saves: 20 succeeded, 0 failed", output), output
    assert re.search(r"same 6 documents: 6 articles stored \(6 distinct texts\), 0 errors", output)
    assert "Documents lost: 0, stored twice: 0" in output
