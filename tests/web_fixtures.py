"""A small ledger for the dashboard's tests: three short synthetic reports, stored in a real
SQLite store and reconciled into events with ``build_events``.

The reports were written for these tests (no real report's text). They give the dashboard a
national air-force count (launched / intercepted), regional tolls in Kharkiv and Odesa, and a
Kharkiv toll that a later report raises (a ``revised`` figure with a history).
"""

from __future__ import annotations

from pathlib import Path

import warledger
from warledger.reconcile.across import build_events
from warledger.store import Query, Store, open_store

REPORTS = [
    (
        "kharkiv-night-1",
        "2025-09-03",
        "Russia launched 142 drones and four missiles at Ukraine overnight, Ukraine's air force said on "
        "Wednesday. Air defences shot down 120 drones and three missiles. In the Kharkiv region, two "
        "people were killed and 11 were injured, governor Oleh Syniehubov said.",
    ),
    (
        "kharkiv-night-2",
        "2025-09-04",
        "The death toll from Russia's overnight drone attack on the Kharkiv region on Wednesday has risen "
        "to five, governor Oleh Syniehubov said on Thursday. Fourteen people were injured in the Kharkiv region.",
    ),
    (
        "odesa-night",
        "2025-09-10",
        "Russia attacked Ukraine with 58 drones overnight, the air force said on Wednesday. Air defences "
        "downed 49 of them. In the Odesa region, one person was injured when a drone hit a port "
        "warehouse, governor Oleh Kiper said.",
    ),
]

# What the tests look for: the Kharkiv toll's figure as the first report states it.
KHARKIV = "UA-63"
ODESA = "UA-51"
EVIDENCE = "In the Kharkiv region, two people were killed and 11 were injured"


def build_ledger(path: Path) -> Store:
    """A SQLite store at ``path`` holding REPORTS and the events they reconcile into."""
    store = open_store("sqlite:///" + str(path))
    for doc_id, published, text in REPORTS:
        store.add(warledger.extract_text(text, doc_id=doc_id, published=published))
    store.replace_events(build_events(store.claims(Query(limit=1_000_000))))
    return store
