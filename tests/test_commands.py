"""`manage.py ingest PATH…` and `manage.py load_demo`, and every command on a database never
migrated."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.management.commands.ingest import Command as IngestCommand
from articles.models import Article

pytestmark = pytest.mark.django_db

FIRST = "Presiden Joko Widodo tiba di Jakarta pada Senin.\n"
SECOND = "Gubernur Anies Baswedan meninjau banjir di Jakarta Utara.\n"
THIRD = "The mayor of Surabaya opened a new bridge on Monday.\n"


def ingest(*paths: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def ingest_failing(*paths: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"document\(s\) failed"):
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_it_ingests_a_txt_file_and_reports_what_it_created(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(FIRST, encoding="utf-8")

    out, err = ingest(path)

    assert Article.objects.get().text == FIRST
    assert "Created: 1, already present: 0, failed: 0" in out
    assert "[##############################] 1/1" in err


def test_it_reports_articles_already_present_on_a_second_run(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(FIRST, encoding="utf-8")
    ingest(path)

    out, _ = ingest(path)

    assert "Created: 0, already present: 1, failed: 0" in out
    assert Article.objects.count() == 1


def test_it_ingests_each_jsonl_line_with_its_optional_fields(tmp_path):
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            {
                "text": FIRST,
                "title": "Jokowi tiba",
                "published": "2017-12-11",
                "url": "https://example.com/jokowi",
                "outlet": "Antara",
                "language": "id",
            },
            {"text": THIRD, "language": "en"},
        ],
    )

    out, _ = ingest(path)

    first = Article.objects.get(text=FIRST)
    assert (first.title, first.published_on) == ("Jokowi tiba", date(2017, 12, 11))
    assert (first.url, first.outlet, first.language) == (
        "https://example.com/jokowi",
        "Antara",
        "id",
    )
    assert Article.objects.get(text=THIRD).language == "en"
    assert "Created: 2" in out


def test_bad_lines_are_reported_with_their_line_number_and_never_stop_the_rest(tmp_path):
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            {"text": FIRST},
            "{not json",
            {"title": "no text"},
            {"text": "   "},
            {"text": SECOND, "published": "yesterday"},
            {"text": THIRD},
        ],
    )

    out, _ = ingest_failing(path)

    assert set(Article.objects.values_list("text", flat=True)) == {FIRST, THIRD}
    assert "Created: 2, already present: 0, failed: 4" in out
    assert f"{path}:2: invalid JSON" in out
    assert f'{path}:3: each line needs an object with a "text" string' in out
    assert f"{path}:4: The text is empty" in out
    assert f"{path}:5: published is not an ISO date: 'yesterday'" in out


def test_it_ingests_a_folder_recursively_and_ignores_other_files(tmp_path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "a.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "nested" / "b.txt").write_text(SECOND, encoding="utf-8")
    write_jsonl(tmp_path / "nested" / "c.jsonl", [{"text": THIRD}])
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")

    out, err = ingest(tmp_path)

    assert Article.objects.count() == 3
    assert "Created: 3, already present: 0, failed: 0" in out
    assert err.endswith("3/3\n")


def test_files_that_are_not_utf8_text_or_do_not_exist_are_failures(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\xff\xfe\x00\x00\x89PNG")
    good = tmp_path / "good.txt"
    good.write_text(FIRST, encoding="utf-8")

    out, _ = ingest_failing(binary, tmp_path / "missing.txt", good)

    assert f"{binary}: not UTF-8 text" in out
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in out
    assert Article.objects.get().text == FIRST


def test_a_folder_without_articles_is_an_error(tmp_path):
    with pytest.raises(CommandError, match=r"No \.txt or \.jsonl files found"):
        call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_the_command_exits_with_status_1_when_a_document_failed(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl", [{"text": FIRST}, "{broken"])
    command = IngestCommand(stdout=io.StringIO(), stderr=io.StringIO())

    with pytest.raises(SystemExit) as exit_info:
        command.run_from_argv(["manage.py", "ingest", str(path)])

    assert exit_info.value.code == 1
    assert Article.objects.count() == 1


# load_demo


def test_load_demo_stores_the_projects_copy_of_the_seed_once(seed_text):
    first, second = io.StringIO(), io.StringIO()

    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)

    article = Article.objects.get()
    assert article.text == seed_text
    assert first.getvalue().startswith(f"Loaded {article.title} ({article.get_absolute_url()})")
    assert second.getvalue().startswith("Already present:")
    assert get_user_model().objects.count() == 0


def test_load_demo_creates_a_superuser_only_when_a_password_is_given(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-pass-123")

    call_command("load_demo", stdout=io.StringIO())

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("demo-pass-123")


def test_a_document_whose_stage_fails_is_stored_and_reported_on_its_own_line(tmp_path, monkeypatch):
    import articles.annotate as pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "find_attributions", broken)
    path = write_jsonl(tmp_path / "batch.jsonl", [{"text": FIRST}, {"text": SECOND}])

    out, _ = ingest(path)

    assert "Created: 2, already present: 0, failed: 0" in out
    assert f"  {path}:1: without its attributions layer(s); logged" in out.splitlines()
    assert all(not article.fully_annotated for article in Article.objects.all())


def test_an_internal_error_is_reported_readably_and_the_rest_go_on(tmp_path, monkeypatch):
    from articles.management.commands import ingest as command

    real = command.ingest_article

    def flaky(**fields):
        if fields["text"] == FIRST:
            raise IndexError("list index out of range")
        return real(**fields)

    monkeypatch.setattr(command, "ingest_article", flaky)
    path = write_jsonl(tmp_path / "batch.jsonl", [{"text": FIRST}, {"text": SECOND}])

    out, _ = ingest_failing(path)

    assert "Created: 1, already present: 0, failed: 1" in out
    line = next(line for line in out.splitlines() if f"{path}:1:" in line)
    assert "internal error (IndexError)" in line
    assert "list index out of range" not in out


def test_a_lone_surrogate_or_a_bad_language_fails_only_its_own_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "Presiden \\ud800 tiba."}\n'
        + json.dumps({"text": FIRST, "language": "klingon"})
        + "\n"
        + json.dumps({"text": SECOND, "url": "https://x.id/2017/12/11/a"})
        + "\n",
        encoding="utf-8",
    )

    out, _ = ingest_failing(path)

    assert "Created: 1, already present: 0, failed: 2" in out
    assert "surrogate" in next(line for line in out.splitlines() if f"{path}:1:" in line)
    assert "language" in next(line for line in out.splitlines() if f"{path}:2:" in line)
    assert Article.objects.get().published_on == date(2017, 12, 11)


def test_load_demo_says_to_create_an_admin_only_when_there_is_none(monkeypatch):
    """`make run` prints what load_demo says: never "create a user" after creating one."""
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    before = io.StringIO()
    call_command("load_demo", stdout=before)
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-pass-123")
    created, after = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=created)
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD")
    call_command("load_demo", stdout=after)

    assert "createsuperuser" in before.getvalue()
    assert "createsuperuser" not in created.getvalue() + after.getvalue()
    assert "Superuser 'admin' is ready" in created.getvalue()
    assert "sign in at /admin/" in after.getvalue()


def test_a_batch_lends_its_year_to_a_text_that_names_none(tmp_path):
    yearless = "Banjir merendam kampung itu pada Senin (4/9). Warga mengungsi ke masjid terdekat."
    others = [f"Harga beras naik sejak Juli {year}, kata pedagang." for year in (2016, 2017, 2017)]
    path = write_jsonl(tmp_path / "batch.jsonl", [{"text": text} for text in [*others, yearless]])
    ingest(path)
    article = Article.objects.get(text=yearless)
    assert (str(article.published_on), article.published_inferred) == ("2017-09-04", True)


@pytest.mark.parametrize(
    "command",
    [
        ["load_demo"],
        ["reannotate"],
        ["clean_exports"],
        ["export_bundle", "{tmp}/out.json"],
        ["ingest", "{tmp}/a.txt", "{tmp}/b.txt"],
    ],
)
def test_a_command_on_a_database_never_migrated_says_so_without_a_traceback(tmp_path, command):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(FIRST, encoding="utf-8")
    command = [part.replace("{tmp}", str(tmp_path)) for part in command]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "no such table" in done.stderr or "has no table" in done.stderr
    assert done.stderr.count("manage.py migrate") == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "b.txt", "new.sqlite3"]


def test_each_scale_copy_has_a_word_no_other_copy_starts_with():
    from articles.management.commands.scale_bench import copy_word

    ids = [1, 2, 25, 26, 27, 200, 99_999, 100_000, 100_231, 26**5, 26**6 - 1]
    words = [copy_word(article_id) for article_id in ids]
    assert len(set(words)) == len(ids)
    assert {len(word) for word in words} == {len("kode") + 6}
    assert all(word.isalpha() for word in words)
    assert not any(a != b and b.startswith(a) for a in words for b in words)
