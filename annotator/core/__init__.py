"""Pure-Python model of the project: no Qt, no SQL.

Everything here works on Python code-point offsets into the exact stored text.
"""

from annotator.core.document import Direction, DocStatus, Document, content_hash, detect_direction
from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.core.labels import DEFAULT_LABELS, Label, LabelSet
from annotator.core.spans import Origin, Span

__all__ = [
    "DEFAULT_LABELS",
    "AnnotatorError",
    "Direction",
    "DocStatus",
    "Document",
    "InputError",
    "Label",
    "LabelSet",
    "Origin",
    "ProjectError",
    "Span",
    "content_hash",
    "detect_direction",
]
