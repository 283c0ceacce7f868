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


def test_jsonl_reads_the_url_beside_published_and_reports_failed_stages(monkeypatch):
    import articles.annotate as pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "find_figures", broken)
    lines = "\n".join(
        [
            json.dumps(
                {"id": "u", "text": "Banjir, Senin (4/9).", "url": "https://x.id/20170904/a"}
            ),
            json.dumps({"id": "s", "text": "Presiden \ud800 tiba di Jakarta."}),
            json.dumps({"id": "p", "text": "Banjir.", "published": "4/9/2017"}),
        ]
    )
    out, log = io.StringIO(), io.StringIO()
    status = annotate_lines(io.StringIO(lines), out, log)
    records = [json.loads(line) for line in out.getvalue().splitlines()]

    assert (records[0]["published"], records[0]["published_from"]) == ("2017-09-04", "url")
    assert [e["value"] for e in records[0]["events"]] == ["2017-09-04"]
    assert records[0]["errors"][0]["stage"] == "figures"
    assert "error" not in records[1]  # a lone surrogate reads as U+FFFD, offsets unchanged
    assert records[2]["error"] == "line 3: published is not an ISO date (YYYY-MM-DD): '4/9/2017'"
    assert log.getvalue().splitlines()[0].startswith("line 1: annotated without its figures layer")
    assert status == 1


def test_a_year_hint_places_a_weekday_date_in_articles_naming_no_year():
    # 4 September is a Monday in 2017 and in 2023; the hint picks the nearer.
    text = "Banjir melanda kota itu pada Senin (4/9). Warga mengungsi ke masjid."
    line = json.dumps({"id": "a", "text": text}) + "\n"
    plain, hinted = io.StringIO(), io.StringIO()
    annotate_lines(io.StringIO(line), plain)
    annotate_lines(io.StringIO(line), hinted, year_hint=2018)
    assert json.loads(plain.getvalue())["published"] is None
    assert json.loads(hinted.getvalue())["published"] == "2017-09-04"
    done = run_cli("--year-hint", "2022", stdin=text)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["published"] == "2023-09-04"
