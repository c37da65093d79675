"""Inter-annotator agreement: span F1, Cohen's and Fleiss' kappa, Krippendorff's alpha."""

from annotator.core.agreement.report import measure, per_document_alpha
from annotator.core.agreement.tables import Compared

__all__ = ["Compared", "measure", "per_document_alpha"]
