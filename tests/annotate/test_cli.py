"""``python -m articles.annotate``: a file to JSON, and JSON lines in one process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from articles.annotate.__main__ import annotate_lines

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "articles.annotate", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_it_prints_the_result_of_a_file_as_json(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Judul\n\nPresiden Joko Widodo tiba di Jakarta kemarin.\n", "utf-8")
    done = run_cli(str(article), "--published", "2017-12-11", "--lang", "id")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["published"] == "2017-12-11"
    assert data["language"] == "id"
    assert data["published_inferred"] is False
    assert [e["value"] for e in data["events"]] == ["2017-12-10"]


def test_it_rejects_a_malformed_published_date():
    done = run_cli("--published", "11/12/2017", stdin="teks")
    assert done.returncode == 2
    assert "published" in done.stderr


def test_jsonl_keeps_ids_and_order_and_reports_bad_lines():
    lines = "\n".join(
        [
            json.dumps({"id": "b", "text": "Rusia dan Suriah.", "language": "id"}),
            "{not json",
            json.dumps({"id": 7, "text": "Kemarin.", "published": "2017-12-11"}),
            json.dumps({"id": "no-text"}),
        ]
    )
    out = io.StringIO()
    status = annotate_lines(io.StringIO(lines), out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["b", 2, 7, "no-text"]
    assert "error" in records[1] and "error" in records[3]
    assert [e["name"] for e in records[0]["entities"]] == ["Rusia", "Suriah"]
    assert records[2]["events"][0]["value"] == "2017-12-10"
    assert status == 1


def test_jsonl_mode_runs_as_a_command():
    done = run_cli("--jsonl", stdin=json.dumps({"id": "x", "text": "Halo."}) + "\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "x"
