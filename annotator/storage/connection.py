"""Opening a project file: refuse what is not ours, set the pragmas, apply migrations.

A project file may come from someone else (an annotator's file a reviewer opens or merges, a
backup being restored), so before anything is written to it, it is checked to be what this
version of annotator writes: our application id, migrations this version knows, and exactly
the tables, columns and indexes those migrations create. Anything more is refused: a trigger
would run on our own writes, and a view or an unknown table is no part of a project.
"""

from __future__ import annotations

import os
import sqlite3  # noqa: TID251 (storage talks SQL)
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlite_utils  # noqa: TID251 (storage talks SQL)

from annotator.core.errors import ProjectError
from annotator.storage.migrations import APPLICATION_ID, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
# Another process (a second window, a CLI import) may hold the write lock for a moment.
BUSY_TIMEOUT_MS = 10_000
# sqlite-utils keeps its record of applied migrations here; its layout is the library's,
# which may differ between its versions, so only what we read from it is checked.
MIGRATIONS_TABLE = sqlite_utils.Migrations.migrations_table
_MIGRATIONS_COLUMNS = {"migration_set", "name", "applied_at"}
NOT_AS_WRITTEN = "not an annotator project file as this version writes it"


def check_file(path: Path, create: bool) -> None:
    """Refuse, before SQLite opens it, a path that is no project file (or cannot become one)."""
    if path.is_dir():
        raise ProjectError("is a folder, not a project file", "not_a_project", str(path))
    if not path.exists():
        if not create:
            raise ProjectError("no such project file", "missing_project", str(path))
        if not path.parent.is_dir():
            raise ProjectError(
                f"cannot create the project: folder {path.parent} does not exist",
                "missing_project",
                str(path),
            )
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ProjectError(f"cannot read: {exc.strerror}", "unreadable", str(path)) from None
    # An empty file (e.g. from `touch`) is a valid empty SQLite database: it becomes a project.
    if header and header != SQLITE_HEADER:
        raise ProjectError(
            "not an annotator project (not an SQLite database)", "not_a_project", str(path)
        )


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in rows]


def _check_owner(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return
    if app_id != 0:
        raise ProjectError(
            f"not an annotator project (an SQLite file of another application, id {app_id:#010x})",
            "not_a_project",
            str(path),
        )
    tables = _user_tables(conn)
    if (
        tables == [MIGRATIONS_TABLE]
        and not conn.execute(f"SELECT 1 FROM {MIGRATIONS_TABLE} LIMIT 1").fetchone()
    ):
        # Only sqlite-utils' empty table of migrations: made before the first migration,
        # outside it, by a creation that was killed there. Nothing else is in the file.
        return
    if tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise ProjectError(
            f"not an annotator project (an SQLite database with tables {shown})",
            "not_a_project",
            str(path),
        )


def _tampered(why: str, path: Path) -> ProjectError:
    return ProjectError(f"{NOT_AS_WRITTEN}: {why}", "tampered", str(path))


def _applied(conn: sqlite3.Connection, path: Path) -> tuple[str, ...]:
    """The names of our migrations the file records, in the order they were applied."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone():
        return ()
    columns = {row[1] for row in conn.execute(f"PRAGMA table_info({MIGRATIONS_TABLE})")}
    if not columns >= _MIGRATIONS_COLUMNS:
        missing = min(_MIGRATIONS_COLUMNS - columns)
        raise _tampered(f"its table {MIGRATIONS_TABLE!r} has no column {missing!r}", path)
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATIONS.name],
    )
    return tuple(name for (name,) in rows)


def _check_version(applied: tuple[str, ...], path: Path) -> None:
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise ProjectError(
            f"written by a newer version of annotator (schema {unknown[-1]}); "
            "upgrade annotator to open it",
            "newer_project",
            str(path),
        )


@dataclass(frozen=True)
class Schema:
    """What a file's schema holds, as far as a project's use of it depends on it."""

    objects: dict[str, tuple[str, str]]  # name -> (type, table it belongs to)
    columns: dict[str, tuple[tuple, ...]]  # table -> (name, type, notnull, default, pk, hidden)
    indexes: dict[str, tuple]  # index -> (unique, partial, its columns)
    foreign_keys: dict[str, frozenset[tuple]]  # table -> (from, table, to, on update, on delete)


def read_schema(conn: sqlite3.Connection) -> Schema:
    """A handful of queries whatever the file's size: the pragmas read the schema only."""
    # SQLite's own tables (sqlite_sequence, sqlite_stat1 from ANALYZE) hold no code; its
    # automatic indexes (sqlite_autoindex_*) do belong to the tables and are compared.
    objects = {
        name: (kind, table)
        for kind, name, table in conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master "
            "WHERE NOT (type = 'table' AND name LIKE 'sqlite\\_%' ESCAPE '\\')"
        )
    }
    columns: dict[str, list[tuple]] = {}
    for table, *column in conn.execute(
        'SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden '
        "FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS c "
        "WHERE m.type = 'table' ORDER BY m.name, c.cid"
    ):
        columns.setdefault(table, []).append(tuple(column))
    indexes: dict[str, tuple] = {}
    index_columns: dict[str, list] = {}
    for index, unique, partial, column in conn.execute(
        'SELECT i.name, i."unique", i.partial, c.name '
        "FROM sqlite_master AS m, pragma_index_list(m.name) AS i, "
        "pragma_index_xinfo(i.name) AS c "
        "WHERE m.type = 'table' AND c.key ORDER BY i.name, c.seqno"
    ):
        indexes[index] = (unique, partial)
        index_columns.setdefault(index, []).append(column)
    foreign_keys: dict[str, set[tuple]] = {}
    for table, *key in conn.execute(
        'SELECT m.name, f."from", f."table", f."to", f.on_update, f.on_delete '
        "FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table'"
    ):
        foreign_keys.setdefault(table, set()).add(tuple(key))
    return Schema(
        objects,
        {table: tuple(rows) for table, rows in columns.items()},
        {name: (*flags, tuple(index_columns[name])) for name, flags in indexes.items()},
        {table: frozenset(keys) for table, keys in foreign_keys.items()},
    )


@lru_cache(maxsize=4)
def expected_schemas(migrations: sqlite_utils.Migrations) -> dict[tuple[str, ...], Schema]:
    """The schema after each number of migrations, from the migrations themselves run on an
    empty database: never a copy written out by hand that could drift from them."""
    db = sqlite_utils.Database(memory=True, execute_plugins=False)
    names = [m.name for m in migrations._migrations]
    schemas = {(): read_schema(db.conn)}
    for n, name in enumerate(names):
        migrations.apply(db, stop_before=names[n + 1] if n + 1 < len(names) else None)
        schemas[tuple(names[: n + 1])] = read_schema(db.conn)
        assert [m.name for m in migrations.applied(db)] == names[: n + 1], name
    db.close()
    return schemas


def _library_own(kind: str, name: str, table: str) -> bool:
    """sqlite-utils' table of migrations and its indexes (see MIGRATIONS_TABLE); a trigger
    or a view on it is still refused."""
    return kind in ("table", "index") and MIGRATIONS_TABLE in (name, table)


# Refused first, so the message names what matters most: code that would run on our writes.
_KIND_ORDER = {"trigger": 0, "view": 1, "table": 2, "index": 3}


def _compare(found: Schema, expected: Schema, path: Path) -> None:
    extra = sorted(
        (_KIND_ORDER.get(kind, -1), kind, name)
        for name, (kind, table) in found.objects.items()
        if found.objects[name] != expected.objects.get(name) and not _library_own(kind, name, table)
    )
    if extra:
        _, kind, name = extra[0]
        article = "an" if kind[0] in "aeiou" else "a"
        raise _tampered(f"it has {article} {kind} {name!r} that annotator did not create", path)
    missing = sorted(
        name
        for name, (kind, table) in expected.objects.items()
        if name not in found.objects and not _library_own(kind, name, table)
    )
    if missing:
        kind = expected.objects[missing[0]][0]
        raise _tampered(f"its {kind} {missing[0]!r} is missing", path)
    for table, wanted in expected.columns.items():
        if table == MIGRATIONS_TABLE:
            continue
        have = found.columns.get(table, ())
        if have == wanted:
            continue
        have_names = [c[0] for c in have]
        wanted_names = [c[0] for c in wanted]
        gone = [n for n in wanted_names if n not in have_names]
        added = [n for n in have_names if n not in wanted_names]
        if gone:
            why = f"its table {table!r} has no column {gone[0]!r}"
        elif added:
            why = f"its table {table!r} has a column {added[0]!r} that annotator did not create"
        else:
            changed = next(w[0] for h, w in zip(have, wanted, strict=True) if h != w)
            why = f"its table {table!r} has the column {changed!r} defined otherwise"
        raise _tampered(why, path)
    for index, wanted in expected.indexes.items():
        table = expected.objects[index][1]
        if table != MIGRATIONS_TABLE and found.indexes.get(index) != wanted:
            raise _tampered(f"its index {index!r} on {table!r} is not the one it had", path)
    for table in expected.columns:
        if table != MIGRATIONS_TABLE and found.foreign_keys.get(table, frozenset()) != (
            expected.foreign_keys.get(table, frozenset())
        ):
            raise _tampered(f"its table {table!r} has other foreign keys", path)


def check_schema(conn: sqlite3.Connection, applied: tuple[str, ...], path: Path) -> None:
    """Refuse a schema other than exactly the one `applied` migrations create."""
    schemas = expected_schemas(MIGRATIONS)
    expected = schemas.get(applied)
    if expected is None:  # known migrations, but not in the order this version applies them
        raise _tampered(f"its migrations ({', '.join(applied)}) are out of order", path)
    _compare(read_schema(conn), expected, path)


def check_project(conn: sqlite3.Connection, path: Path) -> tuple[str, ...]:
    """Everything that makes a file one of ours, read without writing a byte: the
    application id, a schema version this version knows, and exactly its schema. Returns
    the migrations the file has. Raises ProjectError naming `path`."""
    # The schema may come from someone else: functions with side effects in its views,
    # triggers, defaults or checks are never run (SQLite's own defence, beside ours).
    conn.execute("PRAGMA trusted_schema = OFF")
    # One read transaction: every check sees the file at one moment, even while another
    # process migrates it. (Or the caller's: the write transaction a migration runs in.)
    started = not conn.in_transaction
    if started:
        conn.execute("BEGIN")
    try:
        _check_owner(conn, path)
        applied = _applied(conn, path)
        _check_version(applied, path)
        check_schema(conn, applied, path)
    finally:
        if started and conn.in_transaction:  # nothing was written: this lets go of the snapshot
            conn.execute("ROLLBACK")
    return applied


def integrity_problems(conn: sqlite3.Connection, pragma: str = "integrity_check") -> list[str]:
    """What SQLite's integrity_check (or the faster quick_check) finds wrong with the file,
    a line each without SQLite's "*** in database main ***" headings; empty when sound."""
    found = [row for (row,) in conn.execute(f"PRAGMA {pragma}")]
    if found == ["ok"]:
        return []
    lines = [line.strip() for line in "\n".join(found).splitlines()]
    return [line for line in lines if line and not line.startswith("***")] or found


def _migrate(conn: sqlite3.Connection, db: sqlite_utils.Database, path: Path) -> None:
    """Apply pending migrations in one write transaction, checking the file again under the
    write lock: two programs creating or upgrading the same project at once then take turns,
    and the second finds the work done instead of creating the tables twice."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        check_project(conn, path)
        MIGRATIONS.apply(db)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL (a no-op once it is). Switching needs the file to itself, and
    SQLite answers "locked" at once, without waiting, when another program opening the same
    new project holds it for a moment: so wait here, as the busy timeout would."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def open_database(path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """Open (or create) a project database, checked and migrated to the current schema."""
    path = Path(path)
    check_file(path, create)
    # Refused before SQLite opens it, which would leave -wal and -shm files beside it and
    # fail at the first write. (A read-only file can still be merged: merging reads a copy.)
    if path.exists() and not os.access(path, os.W_OK):
        raise ProjectError(
            "the project file is read-only: annotator writes to it as you work (make it "
            "writable, or copy it)",
            "read_only",
            str(path),
        )
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot open: {exc}", "unreadable", str(path)) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Every check reads only: a refused file is left byte for byte as it was (WAL mode,
        # which writes the header, is set once the file is known to be ours).
        applied = check_project(conn, path)
        conn.execute("PRAGMA foreign_keys = ON")
        _use_wal(conn)
        # FULL: a transaction the user saw committed survives a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if len(applied) < len(MIGRATIONS._migrations):
            _migrate(conn, db, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectError(f"cannot use this file: {exc}", "unreadable", str(path)) from None
    except ProjectError:
        conn.close()
        raise
    return db
