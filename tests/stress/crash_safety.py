"""Kill writers hundreds of times, run writers side by side, and print what survived.

    python tests/stress/crash_safety.py [--kills 200] [--seed N] [--rounds 10] [--documents N]

1. The session worker (a stand-in for the window, making spans through `Session`) is killed
   with SIGKILL at random moments, `--kills` times, on one project that grows as it goes.
2. `annotator import` is killed at random moments of its run, `--kills` times, into an
   existing project and (a third of the time) into a project it is creating.
3. `--rounds` rounds of concurrent use: a window writing while an import runs, two imports
   of different files at once, the same file imported twice at once, and two imports
   creating one new project at once.

Every figure that must be 0 is marked so; the exit code is 1 when one is not. The kills are
reproducible from the seed (the moments differ with the machine's speed, not the choices).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress import harness


def _line(name: str, value: object, must_be_zero: bool = False) -> str:
    mark = "  (must be 0)" if must_be_zero else ""
    return f"  {name:<52} {value}{mark}"


def _close(figures: harness.SessionFigures | harness.ImportFigures | harness.ConcurrencyFigures):
    """The lines every run ends with: its failures, its time, the first failures' reasons."""
    failures = figures.failures
    print(_line("failures", len(failures), must_be_zero=True))
    print(_line("seconds", f"{figures.seconds:.1f}"))
    for failure in failures[:10]:
        # The end of what a failing process said is where its reason is.
        print(f"  FAILURE: {failure if len(failure) <= 600 else '...' + failure[-600:]}")
    if len(failures) > 10:
        print(f"  ... and {len(failures) - 10} more failures")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200, help="kills of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=10, help="rounds of concurrent use")
    parser.add_argument("--documents", type=int, default=3000, help="documents per import")
    args = parser.parse_args()
    if sys.platform == "win32":
        print("SIGKILL does not exist on Windows: run this on Linux or macOS")
        return 2
    bad = 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"session worker killed {args.kills} times (seed {args.seed})")
        s = harness.run_session_kills(Path(tmp) / "session", args.kills, args.seed)
        print(_line("kills", s.kills))
        print(_line("kills survived (opened, integrity ok, state exact)", s.survived))
        print(_line("  of which killed while still starting", s.killed_before_ready))
        print(_line("changes reported committed", s.changes_committed))
        print(_line("changes refused (and absent, as they must be)", s.changes_refused))
        print(_line("change in flight at the kill: had landed", s.in_flight_landed))
        print(_line("change in flight at the kill: had not landed", s.in_flight_not_landed))
        print(_line("spans in the project at the end", s.spans_at_end))
        print(_line("spans lost", s.spans_lost, must_be_zero=True))
        print(_line("spans never reported", s.spans_unexpected, must_be_zero=True))
        _close(s)
        bad += s.spans_lost + s.spans_unexpected + len(s.failures) + (s.kills - s.survived)

        print(f"\nannotator import killed {args.kills} times ({args.documents} documents each)")
        i = harness.run_import_kills(
            Path(tmp) / "import", args.kills, args.seed, documents=args.documents
        )
        print(_line("one complete import takes (seconds)", f"{i.import_seconds:.2f}"))
        print(_line("imports interrupted (kills)", i.kills))
        print(_line("  of which into a project being created", i.new_project_kills))
        print(_line("imports that finished before their kill", i.finished_before_kill))
        print(_line("kills survived (opened, integrity ok)", i.survived))
        print(_line("project left as before the import", i.left_as_before))
        print(_line("project left with the whole import", i.left_complete))
        print(_line("imports left partial", i.left_partial, must_be_zero=True))
        _close(i)
        bad += i.left_partial + len(i.failures)

        print(f"\nconcurrent use, {args.rounds} rounds")
        c = harness.run_concurrent_rounds(
            Path(tmp) / "concurrent", args.rounds, args.seed, documents=args.documents
        )
        print(_line("window changes committed during imports", c.window_changes_committed))
        print(_line("window changes refused as busy (clean)", c.window_changes_refused_busy))
        print(_line("imports run", c.imports_run))
        print(_line("imports failed", c.imports_failed, must_be_zero=True))
        print(_line('"database is locked" or internal-error crashes', c.locked_crashes, True))
        print(_line("writes lost", c.writes_lost, must_be_zero=True))
        _close(c)
        bad += c.imports_failed + c.locked_crashes + c.writes_lost + len(c.failures)
    print(f"\ntotal {time.monotonic() - began:.0f} s: {'FAILED' if bad else 'all as required'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
