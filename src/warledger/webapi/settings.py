"""The API server's settings: declared as data, resolved defaults → environment → explicit args.

    WARLEDGER_DB        store URL (``sqlite:///path/ledger.db``, ``postgresql+psycopg://...``)
    WARLEDGER_TOKEN     bearer token that writes must present; unset or empty: writes refused
    WARLEDGER_MAX_BODY  largest request body in bytes (default 5 MiB)

A pydantic model with ``extra="forbid"``, so a misspelt setting fails loudly instead of being
silently ignored; no pydantic-settings, the environment mapping is the table above.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

# A report is a few KB of text and a news page a few hundred KB of HTML; 5 MiB leaves
# room for a bloated page while keeping one request from pinning the server's memory.
DEFAULT_MAX_BODY = 5 * 1024 * 1024

# field name -> environment variable, the only variables read
ENV: dict[str, str] = {
    "db": "WARLEDGER_DB",
    "token": "WARLEDGER_TOKEN",
    "max_body": "WARLEDGER_MAX_BODY",
}


class Settings(BaseModel):
    """What ``create_app`` and ``warledger serve`` need to know."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str | None = Field(default=None, description="Store URL; None: the store's default location.")
    token: str | None = Field(default=None, description="Bearer token for writes; None: writes are refused.")
    max_body: int = Field(default=DEFAULT_MAX_BODY, ge=1, description="Largest request body, in bytes.")

    @field_validator("db", "token", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        # `WARLEDGER_TOKEN= warledger serve` must not configure the empty string as a token
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **explicit: Any) -> Settings:
        """Defaults, overridden by the environment, overridden by ``explicit`` values that are not None.

        ``explicit`` takes field names (``db=..., token=...``); an unknown name is a
        ``ValidationError``, like a malformed environment value.
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {field: env[var] for field, var in ENV.items() if var in env}
        values.update({k: v for k, v in explicit.items() if v is not None})
        return cls(**values)

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None
