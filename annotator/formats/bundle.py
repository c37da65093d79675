"""The export bundle: everything a dataset release needs, in one folder.

    annotator-<name>.jsonl   each annotator's layer (our JSONL)
    gold.jsonl, gold.conll   the adjudicated layer, when there is one
    agreement.json           `annotator agreement --json`, when there are two annotators or more
    labels.json              the label schema (name, colour, key, retired, description)
    manifest.json            counts per label, SHA-256 of every file, tool version, time

Every file is written atomically. Exporting into a folder that holds a bundle first removes
its manifest and writes the new one last, so a folder with a manifest holds a complete
bundle; files the old manifest listed that the new bundle does not write (an annotator no
longer in the project) are removed. File names made from annotator names keep only letters,
digits, "-" and "_": a name can never point outside the folder.

A bundle is read (`annotator merge`) by its manifest: the files it lists, each checked
against its SHA-256, never whatever else lies in the folder.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.comparing import agreement_report
from annotator.core.errors import AnnotatorError, InputError
from annotator.formats import json_input
from annotator.formats.atomic import atomic_text_writer, output_folder
from annotator.formats.conll_export import export_conll
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.inexact_report import write_inexact
from annotator.formats.text import read_bytes
from annotator.storage import Project
from annotator.storage.stats import project_stats

_UNSAFE = re.compile(r"[^\w\-]+")
_NAME_BYTES = 200
MANIFEST = "manifest.json"
# The names a bundle writes: only these are ever removed as left over from an earlier one.
GOLD_CONLL_REPORT = "gold.conll.report.jsonl"  # every gold span not written exactly
_OWN_NAME = re.compile(
    r"annotator-[\w\-]+\.jsonl|gold\.jsonl|gold\.conll(?:\.report\.jsonl)?|agreement\.json"
    r"|labels\.json"
)


def safe_name(name: str, taken: set[str]) -> str:
    """A file-name part for `name`: word characters and '-' only, unique within `taken`
    ignoring case (on Windows and macOS "Amira" and "amira" are one file)."""
    base = _UNSAFE.sub("_", name).strip("_")
    # A file name holds at most 255 bytes almost everywhere: "annotator-", a "-N" and
    # ".jsonl" fit beside this much of the name.
    base = base.encode("utf-8")[:_NAME_BYTES].decode("utf-8", "ignore").strip("_") or "annotator"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate.casefold())
    return candidate


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _bad_manifest(message: str, path: Path) -> InputError:
    return InputError(message, "bad_manifest", str(path))


def read_manifest(folder: Path) -> dict[str, Any]:
    """The bundle's manifest, checked as far as reading its files needs: a "files" object."""
    path = folder / MANIFEST
    data = read_bytes(path)
    try:
        manifest = json_input.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not a valid manifest (not UTF-8: byte 0x{data[exc.start]:02x})",
            "bad_manifest",
            str(path),
            line,
        ) from None
    except AnnotatorError as exc:
        message = f"not a valid manifest ({exc.message})"
        raise InputError(message, "bad_manifest", str(path), exc.line) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise _bad_manifest('not a valid manifest: it has no "files" object', path)
    if not all(isinstance(entry, dict) for entry in manifest["files"].values()):
        raise _bad_manifest('not a valid manifest: every entry of "files" must be an object', path)
    for name in manifest["files"]:
        # No folder part (on any system: "\\" is one on Windows), and no control: not a NUL,
        # which would reach open() and stop the merge with a traceback, nor a line break or
        # bidi override, which every message naming the file would print raw.
        if (
            Path(name).name != name
            or name in ("", ".", "..")
            or set(name) & {"/", "\\"}
            or not name.isprintable()
        ):
            raise _bad_manifest(f"lists {name!r}, which is not a file in this folder", path)
    return manifest


def annotator_layers(folder: Path) -> list[Path]:
    """The annotators' JSONL files the bundle's manifest lists, each checked against its
    SHA-256: a file changed or replaced since the export is refused."""
    layers = []
    for name, entry in read_manifest(folder)["files"].items():
        if "annotator" not in entry:
            continue
        path = folder / name
        try:
            digest = _sha256(path)
        except OSError as exc:
            raise InputError(
                f"listed in {MANIFEST} but cannot be read: {exc.strerror or exc}",
                "unreadable",
                str(path),
            ) from None
        if digest != entry.get("sha256"):
            raise InputError(
                f"its SHA-256 is not the one {MANIFEST} lists: changed since the export",
                "checksum_mismatch",
                str(path),
            )
        layers.append(path)
    return layers


def _earlier_files(folder: Path) -> set[str]:
    """The files an earlier bundle in `folder` wrote, by its manifest (none if unreadable:
    then there is nothing it vouches for)."""
    if not (folder / MANIFEST).is_file():
        return set()
    try:
        files = read_manifest(folder)["files"]
    except InputError:
        return set()
    return {name for name in files if _OWN_NAME.fullmatch(name)}


def _remove(path: Path) -> None:
    """Remove a file of an earlier bundle."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise InputError(
            f"left from an earlier bundle and cannot be removed: {exc.strerror or exc}",
            "bad_output",
            str(path),
        ) from None


def export_bundle(project: Project, folder: Path) -> dict[str, Any]:
    output_folder(folder, "a bundle needs a folder")
    earlier = _earlier_files(folder)
    # No manifest while the folder is rewritten: a half-written bundle is never taken for one.
    _remove(folder / MANIFEST)
    files: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    for name in project.annotators():
        path = folder / f"annotator-{safe_name(name, taken)}.jsonl"
        lines = export_jsonl(project, path, annotator=name)
        files[path.name] = {"annotator": name, "lines": lines}
    stats = project_stats(project)
    gold = stats["gold"]
    if gold["spans"] or gold["documents_done"] or gold["documents_in_progress"]:
        files["gold.jsonl"] = {"lines": export_jsonl(project, folder / "gold.jsonl", gold=True)}
        report = export_conll(project, folder / "gold.conll", gold=True)
        inexact = len(report.inexact_spans)
        files["gold.conll"] = {"tokens": report.tokens, "not_written_exactly": inexact}
        if inexact:  # each one, with what happened to it
            write_inexact(folder / GOLD_CONLL_REPORT, report)
            files[GOLD_CONLL_REPORT] = {"spans": inexact}
    if len(project.compared_annotators()) >= 2:
        # The agreement of the annotators compared by default (agreement_report's), on the
        # documents they all finished.
        with atomic_text_writer(folder / "agreement.json") as handle:
            handle.write(json.dumps(agreement_report(project), ensure_ascii=False, indent=1))
            handle.write("\n")
        files["agreement.json"] = {}
    with atomic_text_writer(folder / "labels.json") as handle:
        schema = [
            {
                "name": label.name,
                "colour": label.colour,
                "shortcut": label.shortcut,
                "retired": label.retired,
                "description": label.description,
            }
            for label in project.labels()
        ]
        handle.write(json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
    files["labels.json"] = {}
    for name, entry in files.items():
        path = folder / name
        entry.update(sha256=_sha256(path), bytes=path.stat().st_size)
    # Compared ignoring case: where "Amira" and "amira" are one file, removing the old
    # name would remove the new file.
    written = {name.casefold() for name in files}
    for name in sorted(earlier):
        if name.casefold() not in written:
            _remove(folder / name)
    manifest = {
        "tool": "annotator",
        "version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "project": project.path.name,
        "documents": stats["documents"],
        "spans_per_label": {label["name"]: label["spans"] for label in stats["labels"]},
        "annotators": {a["name"]: a["spans_per_label"] for a in stats["annotators"]},
        "gold_spans_per_label": gold["spans_per_label"],
        "files": files,
    }
    with atomic_text_writer(folder / MANIFEST) as handle:
        handle.write(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest
