"""``python -m articles.annotate [FILE] [--published YYYY-MM-DD] [--lang id|en]`` prints JSON.

``--jsonl`` reads one document per line (``{"id", "text", "published"?, "language"?}``) from
standard input and writes one result per line, same ``id``, same order; the model loads once.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any, TextIO

from . import annotate


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.jsonl:
        return annotate_lines(sys.stdin, sys.stdout)
    text = _read_text(args.file)
    result = annotate(text, published=args.published, language=args.lang)
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m articles.annotate", description=__doc__)
    parser.add_argument("file", nargs="?", help="a text file (default: standard input)")
    parser.add_argument("--published", type=date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--lang", choices=("id", "en"), help="language (default: detected)")
    parser.add_argument("--jsonl", action="store_true", help="JSON lines in, JSON lines out")
    return parser.parse_args(argv)


def _read_text(path: str | None) -> str:
    if path in (None, "-"):
        return sys.stdin.read()
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return handle.read()


def annotate_lines(lines: TextIO, out: TextIO) -> int:
    """Annotate each JSON line; a bad line gets an ``error`` record and the rest go on."""
    failures = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _annotate_record(line, number)
        failures += "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failures else 0


def _annotate_record(line: str, number: int) -> dict[str, Any]:
    try:
        document = json.loads(line)
        text = document["text"]
        if not isinstance(text, str):
            raise TypeError("'text' must be a string")
        published = document.get("published")
        published = date.fromisoformat(published) if published else None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return {"id": _id_of(line, number), "error": f"line {number}: {error}"}
    result = annotate(text, published=published, language=document.get("language"))
    return {"id": document.get("id", number), **result.to_dict()}


def _id_of(line: str, number: int) -> Any:
    try:
        return json.loads(line).get("id", number)
    except (ValueError, AttributeError):
        return number


if __name__ == "__main__":
    sys.exit(main())
