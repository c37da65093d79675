"""Keep freed memory in the process for reuse, in processes that live for one job.

Exports and agreement make and free numpy arrays of megabytes for every run of documents.
glibc hands such blocks back to the system when they are freed and asks for fresh pages the
next time, a page fault per 4 KiB: a quarter of an export's time went to the kernel. Raising
glibc's thresholds keeps the freed blocks for the next run instead. The peak memory is the
same (the blocks are the same size); what changes is that it is not given back before the
process ends, which is why the window (a long-lived process) never asks for this.
"""

from __future__ import annotations

import ctypes
import sys

# mallopt's parameters (malloc.h) and the values asked for: blocks up to 32 MiB (glibc's
# largest threshold) come from the heap, whose top is trimmed only past 256 MiB free.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_SETTINGS = ((_M_MMAP_THRESHOLD, 32 * 2**20), (_M_TRIM_THRESHOLD, 256 * 2**20))


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed blocks for reuse; False where there is no glibc (macOS,
    Windows, musl), which changes nothing else."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return all(mallopt(parameter, value) == 1 for parameter, value in _SETTINGS)
