"""How long a backup of a large project takes, and so whether the window may take it on the
GUI thread.

    python benchmarks/backup.py [--documents N]

Builds a project of N generated documents (default 10,000, about 60 spans each, as
conll_export.py does) in a temporary folder, then prints, best of three:

- a backup that is kept (the project changed since the newest backup);
- a backup that is skipped (nothing changed: copied, compared, dropped);
- listing the backups with their document and span counts (the restore dialog);
- checking a backup before a restore (quick_check);
- a whole restore: the check, a backup of the current state, the backup written back;
- the check every open makes of a project file (owner, version, exact schema).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conll_export import ANNOTATOR, fill, records

from annotator.core.spans import Span
from annotator.storage import Project
from annotator.storage.backups import check_backup, list_backups, restore_backup, take_backup
from annotator.storage.connection import check_project


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_DATA_DIR"] = str(Path(folder) / "data")
        path = Path(folder) / "large.db"
        with Project.open(path, create=True) as project:
            fill(project, records(args.documents))
        # Kept open as the window keeps it: backups read through a connection of their own.
        project = Project.open(path)
        size = path.stat().st_size + Path(f"{path}-wal").stat().st_size
        print(f"project: {args.documents} documents, {size / 1e6:.0f} MB")
        rowid = next(project.documents()).rowid
        step = iter(range(10**6))

        def changed() -> None:
            project.add_span(rowid, Span(next(step), next(step) + 1, "ACTOR", ANNOTATOR))
            assert take_backup(project) is not None

        print(f"backup, kept:    {best(changed):.3f} s")
        print(f"backup, skipped: {best(lambda: take_backup(project)):.3f} s")
        assert take_backup(project) is None
        print(f"list backups:    {best(lambda: list_backups(path)):.3f} s")
        newest = list_backups(path)[0]
        print(f"check a backup:  {best(lambda: check_backup(newest.path)):.3f} s")
        # Checks the backup, backs up the current state, then writes the backup into it,
        # with the window's connection still open, as the window does.
        print(f"restore:         {best(lambda: restore_backup(newest, path)):.3f} s")
        project.close()
        # What every open of a project file checks before using it (owner, version, exact
        # schema), on a connection of its own; the expected schema is built once per process.
        conn = sqlite3.connect(path)
        check_project(conn, path)
        print(
            f"check a project as it opens: {best(lambda: check_project(conn, path)) * 1000:.2f} ms"
        )
        conn.close()


if __name__ == "__main__":
    main()
