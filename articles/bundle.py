"""Bundles: the whole collection in one file and back, the backup and migration path.

A bundle is JSON Lines (gzip-compressed when its name ends in ``.gz``): a header line, then
one line per row, ``{"model": "articles.article", "pk": 1, "fields": {…}}`` as Django's
serializers write it. It holds every model of the ``articles`` app, so tables added later
(review decisions, a correction log…) are in it without a change here, and the rows of other
apps' models those tables point to (a decision's user); models that ``migrate`` creates
itself (content types, permissions) are referred to by natural key instead. Models are
written in dependency order, rows in primary-key order, read a chunk at a time.

Primary keys are kept, so every permalink (``/articles/<pk>/<slug>/``) and every fragment
key resolves the same after an import; texts go through JSON unchanged, byte for byte.
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router, transaction

FORMAT = "newsreader-bundle"
VERSION = 1
CHUNK_SIZE = 2000
APP = "articles"
# Rows that `migrate` makes in every database: referred to by natural key, never copied.
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class BundleError(Exception):
    """The bundle cannot be read or imported; the message says why."""


def bundled_models() -> list[type[models.Model]]:
    """The app's models and the models they point to, each after the ones it needs."""
    ordered: list[type[models.Model]] = []

    def visit(model: type[models.Model], path: tuple = ()) -> None:
        if model in ordered or model in path or label(model) in MADE_BY_MIGRATE:
            return
        for target in related_models(model):
            visit(target, (*path, model))
        ordered.append(model)

    for model in apps.get_app_config(APP).get_models():
        visit(model)
    return ordered


def related_models(model: type[models.Model]) -> Iterator[type[models.Model]]:
    for field in model._meta.get_fields():
        related = field.related_model
        if field.concrete and field.is_relation and related not in (None, model):
            yield related
        if field.many_to_many and not field.auto_created and field.related_model is not model:
            yield field.related_model


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def open_bundle(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, mode + "b"), encoding="utf-8", newline="\n")
    return path.open(mode, encoding="utf-8", newline="\n")


# --- export ----------------------------------------------------------------------------------


def bundle_lines(using: str = "default") -> Iterator[str]:
    chosen = bundled_models()
    header = {"format": FORMAT, "version": VERSION, "models": [label(m) for m in chosen]}
    yield json.dumps(header) + "\n"
    for model in chosen:
        rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK_SIZE)
        for row in rows:
            yield row_line(row)


def row_line(row: models.Model) -> str:
    (data,) = serializers.serialize(
        "python", [row], use_natural_foreign_keys=True, use_natural_primary_keys=False
    )
    return json.dumps(data, cls=ExactEncoder, ensure_ascii=False) + "\n"


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: object) -> object:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def export_bundle(path: Path, using: str = "default") -> dict[str, int]:
    """Write the bundle to ``path``; returns the rows written per model. It is written beside
    ``path`` first and renamed when whole, so a failure leaves no partial bundle behind."""
    counts: dict[str, int] = {}
    partial = path.with_name(f".{path.name}.part{path.suffix}")  # the same suffix: gzip or not
    try:
        with open_bundle(partial, "w") as out:
            for line in bundle_lines(using):
                out.write(line)
                if line.startswith('{"model"'):
                    name = json.loads(line)["model"]
                    counts[name] = counts.get(name, 0) + 1
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return counts


# --- import ----------------------------------------------------------------------------------


def import_bundle(path: Path, using: str = "default") -> dict[str, int]:
    """Load the bundle at ``path`` into an empty instance, keeping every primary key, in one
    transaction: on any error nothing is stored. Returns the rows loaded per model."""
    with open_bundle(path, "r") as lines:
        header = read_header(next(lines, ""))
        refuse_unless_empty(header["models"], using)
        with transaction.atomic(using=using):
            counts = load_rows(lines, using)
            reset_sequences(header["models"], using)
    return counts


def read_header(line: str) -> dict:
    try:
        header = json.loads(line)
    except json.JSONDecodeError as error:
        raise BundleError(f"This is not a newsreader bundle: {error}.") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BundleError("This is not a newsreader bundle: its first line has no bundle header.")
    if header.get("version") != VERSION:
        raise BundleError(f"Bundle version {header.get('version')} is not {VERSION}.")
    unknown = [name for name in header["models"] if not known_model(name)]
    if unknown:
        raise BundleError(f"This instance has no model {', '.join(unknown)}: migrate first.")
    return header


def known_model(name: str) -> bool:
    try:
        apps.get_model(name)
    except (LookupError, ValueError):
        return False
    return True


def refuse_unless_empty(names: Iterable[str], using: str) -> None:
    filled = [name for name in names if apps.get_model(name)._base_manager.using(using).exists()]
    if filled:
        raise BundleError(
            "Import into an empty instance only; these tables hold rows: " + ", ".join(filled)
        )


def load_rows(lines: Iterable[str], using: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    batch: list[dict] = []
    for number, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        try:
            batch.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise BundleError(f"Line {number} is not JSON: {error}.") from None
        if len(batch) >= CHUNK_SIZE:
            save_batch(batch, using, counts)
            batch = []
    save_batch(batch, using, counts)
    return counts


def save_batch(batch: list[dict], using: str, counts: dict[str, int]) -> None:
    """Rows as they were: raw inserts keep the stored timestamps (``auto_now`` would set them
    to now) and run no ``save()`` logic or signals' side effects."""
    try:
        objects = list(serializers.deserialize("python", batch, using=using))
    except serializers.base.DeserializationError as error:
        raise BundleError(f"A row cannot be read: {error}") from None
    plain: dict[type[models.Model], list[models.Model]] = {}
    for item in objects:
        model = type(item.object)
        if item.m2m_data or model._meta.parents:
            item.save(using=using)  # one by one: many-to-many rows, inherited tables
        else:
            plain.setdefault(model, []).append(item.object)
        counts[label(model)] = counts.get(label(model), 0) + 1
    for model, rows in plain.items():
        insert_raw(model, rows, using)


def insert_raw(model: type[models.Model], rows: list[models.Model], using: str) -> None:
    """``bulk_create`` without its ``pre_save`` (which would reset ``auto_now`` fields): the
    raw insert ``Model.save_base(raw=True)`` does, a statement per batch instead of per row."""
    fields = model._meta.local_concrete_fields
    size = connections[using].ops.bulk_batch_size(fields, rows) or len(rows)
    manager = model._base_manager.db_manager(using)
    for start in range(0, len(rows), size):
        manager._insert(rows[start : start + size], fields=fields, using=using, raw=True)


def reset_sequences(names: Iterable[str], using: str) -> None:
    """New rows after an import get ids above the imported ones (PostgreSQL's sequences)."""
    connection = connections[using]
    chosen = [apps.get_model(name) for name in names]
    chosen = [model for model in chosen if router.allow_migrate_model(using, model)]
    statements = connection.ops.sequence_reset_sql(no_style(), chosen)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
