"""The `annotator` command. Qt-free: only `open` loads the GUI, and only when run."""
