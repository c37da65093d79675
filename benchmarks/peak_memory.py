"""Peak resident memory of a command and of every process it starts.

Linux keeps a process's resident high-water mark across exec, and a child made by fork or
vfork starts with its parent's pages counted, so wait4's ru_maxrss for a child of a large
process (pytest holding a 50 MB fixture) reports the parent's size, not the child's. The
command therefore runs under a small Python go-between: its children start from the
go-between's few megabytes, and RUSAGE_CHILDREN, which it writes to a report file when the
command ends, is the largest peak of any process in the command's tree (an export's worker
processes included).

    process = subprocess.Popen(measured(command, report), ...)
    ...
    peak_kib(report)

An interrupt meant for the command is sent to its process group (Popen with
start_new_session=True, then os.killpg), as a terminal does; the go-between ignores it.
"""

from __future__ import annotations

import sys
from pathlib import Path

GO_BETWEEN = """
import resource, signal, subprocess, sys
signal.signal(signal.SIGINT, lambda *_: None)  # for the command; a handler is reset by exec
code = subprocess.call(sys.argv[2:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as report:
    report.write(str(peak // 1024 if sys.platform == "darwin" else peak))
sys.exit(code if code >= 0 else 128 - code)
"""


def measured(command: list[str], report: Path) -> list[str]:
    """The command run under the go-between, which writes its peak in KiB to `report`."""
    return [sys.executable, "-c", GO_BETWEEN, str(report), *command]


def peak_kib(report: Path) -> int:
    """The peak the go-between wrote; an error when the command's run did not end normally."""
    return int(report.read_text())
