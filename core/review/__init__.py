"""``pressroom review``: a static site to read and correct a run's output, and the ``eval --html`` report.

The site needs no server: open ``index.html`` from disk. Corrections stay in the browser until exported as
gold JSONL for ``pressroom eval --gold``.
"""

from pressroom.core.review.eval_report import EvaluationErrors, write_html_report
from pressroom.core.review.loader import ReviewInputError, read_documents
from pressroom.core.review.site import SiteSummary, build_site

__all__ = [
    "EvaluationErrors",
    "ReviewInputError",
    "SiteSummary",
    "build_site",
    "read_documents",
    "write_html_report",
]
