"""The frozen app's entry point (packaging/annotator.spec): the same as the `annotator`
console script, made safe for a bundled interpreter."""

import multiprocessing
import os
import sys

# Before anything of the app is imported or run: a large export spawns worker processes, and
# in a frozen app each worker starts this same executable again; freeze_support() recognises
# such a start, runs the worker's task and exits, instead of opening a second app.
multiprocessing.freeze_support()

# The windowed Windows executable has no console, so Python gives it no standard streams;
# a message written to one would then raise instead of being lost quietly.
for _name in ("stdin", "stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "r" if _name == "stdin" else "w"))  # noqa: SIM115

from annotator.cli.main import main, opens_window  # noqa: E402  (after freeze_support)

# The windowed Windows program is what the Start menu and file associations run: a refusal
# (a locked project, a file that is no project) must show in a dialog there, as the desktop
# entry asks for on Linux.
if os.path.basename(sys.executable).lower().startswith("annotator-window") and opens_window(
    sys.argv[1:]
):
    sys.argv.insert(1, "--error-dialogs")

raise SystemExit(main())
