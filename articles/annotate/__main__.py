"""``python -m articles.annotate [FILE] [--published YYYY-MM-DD] [--url URL] [--lang id|en]``
prints JSON.

``--jsonl`` reads one document per line (``{"id", "text", "published"?, "url"?, "language"?}``)
from standard input and writes one result per line, same ``id``, same order; the model loads
once. A document that cannot be read or annotated gets ``{"id", "error"}`` with a readable
reason, also written to standard error on a line of its own, and the others go on; a document
annotated without some layers keeps them in ``errors`` (see ``Result.errors``).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any, TextIO

from . import annotate, describe_error


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.jsonl:
        return annotate_lines(sys.stdin, sys.stdout, sys.stderr, year_hint=args.year_hint)
    text = _read_text(args.file)
    result = annotate(
        text, published=args.published, language=args.lang, url=args.url, year_hint=args.year_hint
    )
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m articles.annotate", description=__doc__)
    parser.add_argument("file", nargs="?", help="a text file (default: standard input)")
    parser.add_argument("--published", type=date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--url", help="the original URL (its date is the publication date)")
    parser.add_argument("--lang", choices=("id", "en"), help="language (default: detected)")
    parser.add_argument("--jsonl", action="store_true", help="JSON lines in, JSON lines out")
    parser.add_argument(
        "--year-hint",
        type=int,
        metavar="YEAR",
        help="the year the articles were written in, for a day named with its weekday but no "
        "year (Senin (4/9)) in an article that names no year; without it such a day gets none",
    )
    return parser.parse_args(argv)


def _read_text(path: str | None) -> str:
    if path in (None, "-"):
        return sys.stdin.read()
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


def annotate_lines(
    lines: TextIO, out: TextIO, log: TextIO | None = None, *, year_hint: int | None = None
) -> int:
    """Annotate each JSON line; a bad line gets an ``error`` record and the rest go on."""
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _annotate_record(line, number, year_hint)
        failures += "error" in record
        out.write(_dump(record) + "\n")
        if log is not None:
            _report(record, number, log)
    return 1 if failures else 0


def _report(record: dict[str, Any], number: int, log: TextIO) -> None:
    if "error" in record:
        log.write(f"{record['error']}\n")
    for problem in record.get("errors", ()):
        log.write(
            f"line {number}: annotated without its {problem['stage']} layer ({problem['reason']})\n"
        )


def _dump(record: dict[str, Any]) -> str:
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8").decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in a field: escaped, never a crash
        return json.dumps(record)


def _annotate_record(line: str, number: int, year_hint: int | None = None) -> dict[str, Any]:
    try:
        document = read_document(line)
    except ValueError as error:
        return {"id": _id_of(line, number), "error": f"line {number}: {error}"}
    try:
        result = annotate(
            document["text"],
            published=document["published"],
            language=document["language"],
            url=document["url"],
            year_hint=year_hint,
        )
    except Exception as error:  # annotate guards its stages; this is the last resort
        reason = f"line {number}: could not be annotated ({describe_error(error)})"
        return {"id": _id_or(document, number), "error": reason}
    return {"id": _id_or(document, number), **result.to_dict()}


def _id_or(document: dict[str, Any], number: int) -> Any:
    return number if document["id"] is None else document["id"]


def read_document(line: str) -> dict[str, Any]:
    """The fields of one JSON line, or ValueError saying what is wrong with it."""
    try:
        document = json.loads(line)
    except ValueError as error:
        raise ValueError(f"not a JSON object ({error})") from None
    if not isinstance(document, dict):
        raise ValueError("not a JSON object")
    text = document.get("text")
    if not isinstance(text, str):
        raise ValueError('needs a "text" string')
    return {
        "id": document.get("id"),
        "text": text,
        "published": _read_date(document.get("published")),
        "url": _optional_string(document, "url"),
        "language": document.get("language") if document.get("language") in ("id", "en") else None,
    }


def _read_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(
            f"published is not an ISO date (YYYY-MM-DD): {str(value)[:40]!r}"
        ) from None


def _optional_string(document: dict[str, Any], key: str) -> str | None:
    value = document.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string')
    return value or None


def _id_of(line: str, number: int) -> Any:
    try:
        found = json.loads(line).get("id", number)
    except (ValueError, AttributeError):
        return number
    return found if found is not None else number


if __name__ == "__main__":
    sys.exit(main())
