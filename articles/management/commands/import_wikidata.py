"""`manage.py import_wikidata FILE`: a Wikidata JSON dump into the local table editors pick
entity links from (``WikidataItem``); nothing is ever fetched at request time.

The file is a dump as Wikidata publishes it (``.json``, ``.json.gz`` or ``.json.bz2``): a
JSON array with one entity per line (``[`` first, each line ending with ``,``, ``]`` last).
It is streamed line by line, so a dump of any size fits in memory. Kept per item: its id,
its labels and aliases in Indonesian and English, a short description and a type (person,
organisation or place) read from its "instance of" (P31) claims; items of none of these
types are skipped unless ``--all-types``. Items already in the table are updated.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.core.management.base import CommandError

from articles.management.base import DatabaseCommand
from articles.management.commands.ingest import progress_bar
from articles.models import WikidataItem

LANGUAGES = ("id", "en")
BATCH = 500
DESCRIPTION_CHARS = 300
# "instance of" classes and the entity type each means. Subclasses are not followed (a dump
# line does not carry the class tree), so the common direct classes are listed.
TYPES = {
    "Q5": "PER",  # human
    "Q43229": "ORG",  # organization
    "Q4830453": "ORG",  # business
    "Q7278": "ORG",  # political party
    "Q484652": "ORG",  # international organization
    "Q327333": "ORG",  # government agency
    "Q1331793": "ORG",  # media company
    "Q192283": "ORG",  # news agency
    "Q11032": "ORG",  # newspaper
    "Q17149090": "ORG",  # armed organization
    "Q3624078": "LOC",  # sovereign state
    "Q6256": "LOC",  # country
    "Q515": "LOC",  # city
    "Q1549591": "LOC",  # big city
    "Q5119": "LOC",  # capital
    "Q486972": "LOC",  # human settlement
    "Q3957": "LOC",  # town
    "Q532": "LOC",  # village
    "Q10864048": "LOC",  # first-level administrative division
    "Q5098": "LOC",  # province of Indonesia
    "Q82794": "LOC",  # geographic region
    "Q23442": "LOC",  # island
    "Q695850": "LOC",  # airbase
    "Q1248784": "LOC",  # airport
}
PROGRESS_EVERY = 1 << 20  # redraw the bar about every megabyte read


def read_entities(stream: IO[str]) -> Iterator[dict | None]:
    """Each line's entity; ``None`` for a line that is not one (reported, never fatal)."""
    for line in stream:
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError:
            yield None
            continue
        yield entity if isinstance(entity, dict) else None


def texts(values: dict, language: str) -> list[str]:
    found = values.get(language)
    if isinstance(found, dict):
        found = [found]
    return [item["value"] for item in found or [] if isinstance(item, dict) and item.get("value")]


def entity_type(entity: dict) -> str:
    claims = entity.get("claims") or {}
    for claim in claims.get("P31") or []:
        try:
            qid = claim["mainsnak"]["datavalue"]["value"]["id"]
        except (KeyError, TypeError):
            continue
        if qid in TYPES:
            return TYPES[qid]
    return ""


def item_from(entity: dict) -> WikidataItem | None:
    qid = entity.get("id")
    if not isinstance(qid, str) or not qid.startswith("Q"):
        return None
    labels = entity.get("labels") or {}
    aliases = entity.get("aliases") or {}
    descriptions = entity.get("descriptions") or {}
    label_id = next(iter(texts(labels, "id")), "")
    label_en = next(iter(texts(labels, "en")), "")
    other: list[str] = []
    for language in LANGUAGES:
        for alias in texts(aliases, language):
            if alias not in other and alias not in (label_id, label_en):
                other.append(alias)
    description = next(
        (text for language in LANGUAGES for text in texts(descriptions, language)), ""
    )
    names = {name.casefold() for name in (label_id, label_en, *other) if name}
    if not names:
        return None
    return WikidataItem(
        qid=qid[:20],
        label_id=label_id[:300],
        label_en=label_en[:300],
        aliases=[alias[:300] for alias in other[:50]],
        description=description[:DESCRIPTION_CHARS],
        label=entity_type(entity),
        names="|" + "|".join(sorted(names)) + "|",
    )


class Command(DatabaseCommand):
    help = "Import a Wikidata JSON dump (.json, .json.gz, .json.bz2) into the local table."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--all-types", action="store_true", help="keep items of any type, not only PER/ORG/LOC"
        )

    def handle(self, *args: Any, file: Path, all_types: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        size = max(os.path.getsize(file), 1)
        kept = skipped = bad = 0
        batch: list[WikidataItem] = []
        with file.open("rb") as raw, open_dump_from(raw, file) as stream:
            last = 0
            for entity in read_entities(stream):
                if entity is None:
                    bad += 1
                    continue
                item = item_from(entity)
                if item is None or not (item.label or all_types):
                    skipped += 1
                    continue
                batch.append(item)
                kept += 1
                if len(batch) >= BATCH:
                    save(batch)
                    batch = []
                if raw.tell() - last >= PROGRESS_EVERY:
                    last = raw.tell()
                    self.progress(last, size)
            save(batch)
        self.progress(size, size)
        self.stdout.write(
            f"Imported: {kept}, skipped (no type or no name): {skipped}, unreadable lines: {bad}"
        )

    def progress(self, done: int, total: int) -> None:
        # Per mille of the file read (compressed bytes for .gz/.bz2).
        self.stderr.write(
            progress_bar(min(1000, 1000 * done // total), 1000), style_func=str, ending=""
        )
        self.stderr.flush()


def open_dump_from(raw: IO[bytes], path: Path) -> IO[str]:
    """The text stream over ``raw`` (so progress can be read from the raw file's position)."""
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8")
    if path.name.endswith(".bz2"):
        return io.TextIOWrapper(bz2.BZ2File(raw), encoding="utf-8")
    return io.TextIOWrapper(raw, encoding="utf-8")


def save(batch: list[WikidataItem]) -> None:
    if not batch:
        return
    fields = ["label_id", "label_en", "aliases", "description", "label", "names"]
    WikidataItem.objects.bulk_create(
        batch, update_conflicts=True, unique_fields=["qid"], update_fields=fields
    )
