"""warledger: turn war news into a sourced, verifiable ledger of attack figures.

>>> import warledger
>>> doc = warledger.extract_text("Russia launched 502 drones overnight, the air force said.",
...                              doc_id="x", published="2025-09-03")
>>> [(f.measure, f.weapon, f.value) for f in doc.facts if f.kind == "munitions"]
[('launched', 'drone', 502.0)]
"""

__version__ = "0.1.0"

from .api import Pipeline, default_pipeline, extract_paths, extract_text  # noqa: E402
from .model import Document, Fact, Quantity, Skipped  # noqa: E402

__all__ = [
    "Document",
    "Fact",
    "Pipeline",
    "Quantity",
    "Skipped",
    "default_pipeline",
    "extract_paths",
    "extract_text",
]
