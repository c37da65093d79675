"""Project files tampered with as the tests need them."""

import sqlite3
from pathlib import Path

# The record of a migration this version of annotator does not know.
FROM_THE_FUTURE = (
    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
    "VALUES ('annotator', '0099_from_the_future', '2030-01-01')"
)


def from_the_future(path: Path) -> None:
    """Make the project at `path` look written by a newer version of annotator."""
    conn = sqlite3.connect(path)
    conn.execute(FROM_THE_FUTURE)
    conn.commit()
    conn.close()
