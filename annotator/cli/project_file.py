"""Opening the project a command writes into."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.storage import Project


@contextmanager
def created_if_missing(db_path: Path) -> Iterator[Project]:
    """The project at `db_path`, created if there is none. If the command fails and it made
    the file, the file goes too: a failed command leaves no trace."""
    created = not db_path.exists()
    project = Project.open(db_path, create=True)
    try:
        yield project
    except BaseException:
        project.close()
        if created:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        raise
    project.close()
