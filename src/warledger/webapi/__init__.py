"""The HTTP API over the ledger, and the query layer it shares with the dashboard.

    from warledger.webapi import create_app, Settings
    app = create_app(store, Settings(token="..."))

``warledger.webapi.query`` holds the read functions both the API and ``warledger.web`` use.
"""

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
