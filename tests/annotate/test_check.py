"""``python -m articles.annotate.check``: the figures it prints on a .jsonl of articles."""

from __future__ import annotations

import io
import json
import uuid

from articles.annotate import check
from articles.annotate.check import print_report

ARTICLES = [
    {
        "id": "a",
        "source_url": "https://www.suara.com/news/2017/12/11/072048/banjir",
        "text": "Jakarta - Banjir merendam Bekasi, Senin (11/12/2017).\n\nWarga mengungsi.",
    },
    {
        "id": "b",
        "source_url": "https://www.antaranews.com/berita/675942/longsor",
        "text": "Longsor menimbun dua rumah pada 2017, Selasa (12/12).\n\nBACA JUGA: Banjir",
    },
]


def run(tmp_path, *args: str) -> str:
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    out = io.StringIO()
    tally = check.check(check.read_articles(path), no_headline="--no-headline" in args)
    print_report(tally, out)
    return out.getvalue()


def figure(report: str, label: str) -> str:
    line = next(line for line in report.splitlines() if line.startswith(label))
    return line[len(label) :].strip()


def test_it_prints_failures_hidden_paragraphs_dates_and_speed(tmp_path):
    report = run(tmp_path, "--no-headline")

    assert figure(report, "articles") == "2"
    assert figure(report, "failures (must be 0)") == "0"
    assert figure(report, "story paragraphs hidden (must be 0)") == "0"
    assert figure(report, "paragraphs typed as inserts (shown, collapsed)") == "related_link 1"
    assert figure(report, "URLs carrying a date") == "1"
    assert figure(report, "publication dates from the URL (with URL)") == "1"
    assert figure(report, "publication dates from the text (without URL)") == "2"
    against_url = figure(report, "  with a URL date: equal / wrong (one day off) / total")
    assert against_url == "1 / 0 (0) / 1"
    assert figure(report, "  equal / all URLs carrying a date") == "1 / 1 100.0%"
    assert (
        figure(report, "words/s (annotation without URL, one process)").replace(",", "").isdigit()
    )


def test_half_keeps_the_articles_on_odd_or_even_lines(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")

    assert [a["id"] for a in check.read_articles(path, half="odd")] == ["a"]
    assert [a["id"] for a in check.read_articles(path, half="even")] == ["b"]
    assert [a["id"] for a in check.read_articles(path)] == ["a", "b"]


def test_the_collection_year_places_a_weekday_date_in_an_article_naming_no_year(tmp_path):
    undated = {
        "id": "d",
        "source_url": "https://www.example.com/2017/12/13/kebakaran",
        "text": "Jakarta - Gudang terbakar di Cakung, Rabu (13/12).\n\nApi padam sejam kemudian.",
    }
    path = tmp_path / "articles.jsonl"
    lines = [*ARTICLES, undated]
    path.write_text("\n".join(json.dumps(a) for a in lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    articles = list(check.read_articles(path))
    print_report(check.check(articles, year_hint=2017), out)
    report = out.getvalue()

    assert figure(report, "publication dates from the text (without URL)") == "2"
    assert figure(report, "collection year (median of the texts' latest years)") == "2017"
    assert figure(report, "  the same with the collection year") == "3"
    shares = [line.split()[-4:] for line in report.splitlines() if "equal / all URLs" in line]
    assert shares == [["1", "/", "2", "50.0%"], ["2", "/", "2", "100.0%"]]


def test_a_paragraph_taken_as_title_counts_as_hidden_when_the_texts_have_no_headline(tmp_path):
    ARTICLES.append(
        {"id": "c", "text": "Banjir Besar Melanda Bekasi\n\nWarga mengungsi ke masjid."}
    )
    try:
        with_flag = run(tmp_path, "--no-headline")
        without = run(tmp_path)
    finally:
        ARTICLES.pop()

    assert figure(with_flag, "story paragraphs hidden (must be 0)").startswith("1")
    assert "c: 'Banjir Besar Melanda Bekasi'" in with_flag
    assert figure(without, "story paragraphs hidden (must be 0)") == "0"


def test_a_stage_failure_is_counted(tmp_path, monkeypatch):
    import articles.annotate as pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "find_figures", broken)
    report = run(tmp_path)

    assert figure(report, "failures (must be 0)") == "2"
    assert "a: figures: IndexError" in report


def test_convert_writes_the_ingest_format(tmp_path):
    path = tmp_path / "indosum.jsonl"
    path.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    out = io.StringIO()

    check.convert(path, out)

    assert json.loads(out.getvalue()) == {
        "id": "a",
        "text": ARTICLES[0]["text"],
        "url": ARTICLES[0]["source_url"],
    }


def test_it_prints_memory_and_the_vocabulary_growing_with_new_words(tmp_path):
    # Words no article has held before (a fresh spelling per run): the model makes an entry
    # for each, and the report shows the vocabulary before and after.
    fresh = " ".join(f"Kata{uuid.uuid4().hex[:12]}" for _ in range(30))
    path = tmp_path / "new-words.jsonl"
    path.write_text(json.dumps({"id": "n", "text": f"{fresh}.\n\nWarga mengungsi."}) + "\n")
    out = io.StringIO()
    print_report(check.check(check.read_articles(path)), out)
    report = out.getvalue()

    before, after = figure(report, "Indonesian model vocabulary: before / after (words)").split(
        " / "
    )
    assert int(after.replace(",", "")) >= int(before.replace(",", "")) + 30
    memory = figure(report, "resident memory: before / after (MB)").split(" / ")
    assert all(float(mb.replace(",", "")) > 0 for mb in memory)
