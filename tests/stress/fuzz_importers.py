"""Fuzz every importer for much longer than CI does, and print the figures.

    python tests/stress/fuzz_importers.py [--cases 2000] [--formats jsonl,csv,...] [--seed N]

Each format gets `--cases` cases, a third each of: a valid file full of hostile names and
texts (must import exactly), one field given a hostile value (refused when it must be), and
a file broken byte by byte. Every case runs the real `annotator import` (or `merge`, for an
export bundle) in this process, into a copy of a project that already holds work, and is
judged as in tests/fuzz (see tests/fuzz/oracle.py). Printed per format: cases tried, clean
refusals, imports, failures (must be 0) and time. A failure prints its smallest example.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.oracle import TALLY, build_seed, run_case
from tests.fuzz.strategies import CORRUPTIBLE, FORMATS, MUTATIONS, plans


def _settings(cases: int, seed: int | None) -> settings:
    return settings(
        max_examples=cases,
        deadline=None,
        database=None,
        derandomize=seed is not None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


def _kinds(fmt: str, seed_db: Path):
    @given(data=st.data())
    def valid(data):
        assert run_case(seed_db, data.draw(plans(fmt), label="plan")) == "imported"

    @given(data=st.data())
    def field(data):
        run_case(seed_db, data.draw(plans(fmt, corrupt=True), label="plan"))

    @given(data=st.data())
    def broken(data):
        plan = data.draw(plans(fmt), label="plan")
        mutations = data.draw(MUTATIONS, label="mutations")
        run_case(seed_db, plan, mutations, data.draw(st.integers(0, 20), label="file"))

    kinds = {"valid": valid, "field": field, "bytes": broken}
    if fmt not in CORRUPTIBLE:
        del kinds["field"]
    return kinds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000, help="cases per format")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    parser.add_argument("--seed", type=int, help="derandomize (the same cases every run)")
    args = parser.parse_args()
    os.environ["ANNOTATOR_BIDI"] = "off"
    formats = [name.strip() for name in args.formats.split(",") if name.strip()]
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    failures: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_DATA_DIR"] = str(Path(folder) / "user-data")
        seed_db = Path(folder) / "seed.db"
        build_seed(seed_db)
        print(
            f"{'format':<12} {'cases':>7} {'refused':>8} {'imported':>9} {'failures':>9} {'s':>7}"
        )
        total_start = time.perf_counter()
        for fmt in formats:
            start = time.perf_counter()
            failures[fmt] = 0
            kinds = _kinds(fmt, seed_db)
            for kind, test in kinds.items():
                share = max(1, args.cases // len(kinds))
                try:
                    _settings(share, args.seed)(test)()
                except Exception:
                    failures[fmt] += 1
                    print(f"--- {fmt} ({kind}) FAILED:", file=sys.stderr)
                    traceback.print_exc()
            refused = TALLY.counts[(fmt, "refused")]
            imported = TALLY.counts[(fmt, "imported")]
            print(
                f"{fmt:<12} {refused + imported:>7} {refused:>8} {imported:>9} "
                f"{failures[fmt]:>9} {time.perf_counter() - start:>7.1f}",
                flush=True,
            )
        cases = sum(TALLY.counts.values())
        print(
            f"{'all':<12} {cases:>7} "
            f"{sum(v for (_, o), v in TALLY.counts.items() if o == 'refused'):>8} "
            f"{sum(v for (_, o), v in TALLY.counts.items() if o == 'imported'):>9} "
            f"{sum(failures.values()):>9} {time.perf_counter() - total_start:>7.1f}"
        )
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
