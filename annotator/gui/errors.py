"""Errors as the interface says them, in its own language.

Core and storage raise errors with a code and English words (the command line prints
those). The errors a person meets while editing (the status bar's "the project is busy",
"nothing to label") have a sentence here in the interface's language. A refusal about a
file (a project that cannot be opened, an import's file-and-line report) keeps its exact
one-line report, as the command line gives it, naming the file.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotator.core.errors import AnnotatorError

SENTENCES = {
    "busy": QT_TRANSLATE_NOOP(
        "errors",
        "the project is busy: another program (an import, a merge?) is writing to it; "
        "nothing was changed, try again when it is done",
    ),
    "duplicate_span": QT_TRANSLATE_NOOP("errors", "That span is there already, with that label."),
    "missing_span": QT_TRANSLATE_NOOP(
        "errors", "That span is no longer there: another program changed it. Nothing was changed."
    ),
    "bad_span": QT_TRANSLATE_NOOP(
        "errors", "A span cannot go there: it would leave the text or hold nothing."
    ),
    "empty_selection": QT_TRANSLATE_NOOP(
        "errors", "Select some text first, then press a label key."
    ),
    "no_word": QT_TRANSLATE_NOOP("errors", "The selection holds no word: nothing to label."),
    "only_spaces": QT_TRANSLATE_NOOP(
        "errors", "The selection holds only spaces: nothing to label."
    ),
    "missing_document": QT_TRANSLATE_NOOP("errors", "That document is no longer in the project."),
    "name_control": QT_TRANSLATE_NOOP(
        "errors",
        "A name cannot hold a control or direction character (a right-to-left override, "
        "for one): it must read the same wherever it is shown.",
    ),
    "too_few_annotators": QT_TRANSLATE_NOOP(
        "errors", "Reviewing needs two or more annotators with spans or a finished document."
    ),
}


def said(error: AnnotatorError) -> str:
    """`error` in the interface's language where it has a sentence for it; its English
    report (file and line first) otherwise."""
    sentence = SENTENCES.get(error.code)
    return QCoreApplication.translate("errors", sentence) if sentence else str(error)
