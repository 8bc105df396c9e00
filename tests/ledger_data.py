"""A small ledger of synthetic reports for the API, schemathesis and export tests.

The reports are written here (not taken from the corpus) so the tests run anywhere; each goes
through the real pipeline and the real store (``open_store("sqlite:///...")``), and the
events are rebuilt by the real reconciler, as ``warledger ingest`` does.
"""

from __future__ import annotations

from pathlib import Path

from warledger.api import extract_text
from warledger.reconcile.across import build_events
from warledger.store import Store, open_store

# (doc id, published, text)
REPORTS = (
    (
        "kharkiv-drones",
        "2025-07-01",
        "Russia launched 40 drones overnight, the air force said. Air defences shot down 35 drones. "
        "In Kharkiv, two people were injured, the mayor said.",
    ),
    (
        "belgorod-drones",
        "2025-07-02",
        "Ukraine attacked Belgorod region with 12 drones overnight, governor Vyacheslav Gladkov said. "
        "One person was killed in Belgorod.",
    ),
    (
        "odesa-missiles",
        "2025-07-03",
        "Russia launched six missiles at Odesa overnight, the air force said. "
        "Three people were killed and five were injured in Odesa, the regional governor said.",
    ),
    (
        "dnipro-strike",
        "2025-07-05",
        "Russia launched 20 drones and two ballistic missiles at Dnipro overnight, the air force said. "
        "Two people were killed in Dnipro, the governor said.",
    ),
)

# where each report was published: outlets known to ``warledger.provenance`` and one that is
# not (named by its host); the Belgorod report has no address at all
URLS = {
    "kharkiv-drones": "https://www.reuters.com/world/europe/kharkiv-drones-2025-07-01/",
    "odesa-missiles": "https://apnews.com/article/odesa-missiles",
    "dnipro-strike": "https://news.example.org/dnipro-strike.html",
}


def fill(store: Store) -> Store:
    """Store every report and rebuild the events; returns the store."""
    for doc_id, published, text in REPORTS:
        store.add(extract_text(text, doc_id=doc_id, published=published, url=URLS.get(doc_id)))
    store.replace_events(build_events(store.claims()))
    return store


def ledger(path: Path) -> Store:
    """A SQLite ledger at ``path`` holding ``REPORTS``."""
    return fill(open_store(f"sqlite:///{path}"))
