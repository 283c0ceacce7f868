"""`manage.py ingest PATH…`: store many articles from files.

A `.txt` file is one article. A `.jsonl` file holds one article per line: an object with
`text` and optionally `title`, `published` (ISO date), `url`, `outlet` and `language`. A
folder is searched for both, recursively. Every document is tried on its own: a bad one is
reported on a line of its own with a readable reason and never stops the rest; an article
stored without some annotation layers (a pipeline stage failed) is reported too. The exit code
is 1 when any document failed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from articles.annotate.metadata import collection_year
from articles.ingest import IngestError, ingest_article
from articles.management.base import DatabaseCommand
from articles.models import Article

SUFFIXES = (".txt", ".jsonl")
OPTIONAL_FIELDS = ("title", "url", "outlet", "language")
BAR_WIDTH = 30
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Document:
    """One article to ingest, or the reason it cannot be read (`error`)."""

    origin: str  # `path` or `path:line`, for the summary
    fields: dict[str, Any] = field(default_factory=dict)
    error: str = ""


@dataclass(slots=True)
class Summary:
    created: int = 0
    present: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    incomplete: list[tuple[str, str]] = field(default_factory=list)


class Command(DatabaseCommand):
    help = "Ingest .txt and .jsonl files (or folders of them) as annotated articles."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help=".txt/.jsonl files or folders")

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        self.require_tables(Article)
        documents = [doc for path in paths for doc in read_documents(path)]
        # The batch's year, for texts that name a weekday's day but no year (`Senin (4/9)`).
        year_hint = collection_year(d.fields.get("text", "") for d in documents if not d.error)
        summary = Summary()
        for done, document in enumerate(documents, start=1):
            ingest_document(document, summary, year_hint)
            self.stderr.write(progress_bar(done, len(documents)), style_func=str, ending="")
            self.stderr.flush()
        self.report(summary)
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} document(s) failed.")
        if not documents:
            raise CommandError("No .txt or .jsonl files found.")

    def report(self, summary: Summary) -> None:
        self.stdout.write(
            f"Created: {summary.created}, already present: {summary.present}, "
            f"failed: {len(summary.failures)}"
        )
        for origin, reason in summary.failures:
            self.stdout.write(printable(f"  {origin}: {reason}"))
        if summary.incomplete:
            self.stdout.write(f"Stored but incompletely annotated: {len(summary.incomplete)}")
        for origin, reason in summary.incomplete:
            self.stdout.write(printable(f"  {origin}: {reason}"))


def ingest_document(document: Document, summary: Summary, year_hint: int | None = None) -> None:
    if document.error:
        summary.failures.append((document.origin, document.error))
        return
    try:
        result = ingest_article(**document.fields, year_hint=year_hint)
    except Exception as error:  # one bad document must never stop the others
        if not isinstance(error, IngestError):
            logger.exception("ingesting %s failed", document.origin)
        summary.failures.append((document.origin, describe(error)))
        return
    if result.created:
        summary.created += 1
        problems = result.article.annotation_errors
        if problems:
            stages = ", ".join(problem["stage"] for problem in problems)
            summary.incomplete.append((document.origin, f"without its {stages} layer(s); logged"))
    else:
        summary.present += 1


def describe(error: Exception) -> str:
    """The editor's reason for a refused document; for a bug, what failed, never a traceback."""
    if isinstance(error, IngestError):
        return str(error)
    return f"could not be stored because of an internal error ({type(error).__name__}); logged"


def printable(line: str) -> str:
    """The line with lone surrogates escaped, so writing it can never fail."""
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def progress_bar(done: int, total: int) -> str:
    """`[######------] 12/40`, redrawn in place (the last one ends the line)."""
    filled = BAR_WIDTH * done // total
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    end = "\n" if done == total else ""
    return f"\r[{bar}] {done}/{total}{end}"


def read_documents(path: Path) -> Iterator[Document]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        for file in files:
            yield from read_documents(file)
    elif not path.is_file():
        yield Document(str(path), error="no such file or folder")
    elif path.suffix == ".jsonl":
        yield from read_jsonl(path)
    elif path.suffix == ".txt":
        yield read_txt(path)
    else:
        yield Document(str(path), error="not a .txt or .jsonl file")


def read_txt(path: Path) -> Document:
    try:
        return Document(str(path), {"text": path.read_text(encoding="utf-8-sig")})
    except UnicodeDecodeError:
        return Document(str(path), error="not UTF-8 text")


def read_jsonl(path: Path) -> Iterator[Document]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        yield Document(str(path), error="not UTF-8 text")
        return
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield parse_line(f"{path}:{number}", line)


def parse_line(origin: str, line: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Document(origin, error=f"invalid JSON ({error.msg})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Document(origin, error='each line needs an object with a "text" string')
    fields = {"text": record["text"]}
    fields |= {name: str(record[name]) for name in OPTIONAL_FIELDS if record.get(name)}
    if fields.get("language") not in (None, "id", "en"):
        return Document(origin, error=f"language must be id or en, not {fields['language'][:20]!r}")
    if record.get("published"):
        try:
            fields["published"] = date.fromisoformat(str(record["published"]))
        except ValueError:
            return Document(origin, error=f"published is not an ISO date: {record['published']!r}")
    return Document(origin, fields)
