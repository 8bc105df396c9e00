"""The API server's settings: declared as data, resolved defaults → environment → explicit args.

    WARLEDGER_DB        store URL (``sqlite:///path/ledger.db``, ``postgresql+psycopg://...``)
    WARLEDGER_TOKEN     bearer token that writes must present; unset or empty: writes refused
    WARLEDGER_MAX_BODY  largest request body in bytes (default 5 MiB)
    WARLEDGER_RATE      reads per client IP, a token bucket: "N/second|minute|hour" or "off"
                        (default 6000/minute: the dashboard and the test suites never reach it)
    WARLEDGER_WRITE_RATE  writes (POST) per client IP, the same way (default 600/minute)
    WARLEDGER_CACHE     "on" (default) or "off": answers to GET /api/* kept in memory until the
                        ledger's next write (``webapi.cache``; never stale)

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
# Per client IP. A bucket holds N requests and refills at N per period, so a burst of N
# passes at once and a steady client gets N per period. Reads: a dashboard page load is a
# dozen requests and the test suites send a few thousand to one app at most; 6000/minute
# (a burst of 6000, then 100/s) is far above both and still stops a scraper loop. Writes
# run the whole pipeline and rebuild the events, so they get a tenth of that.
DEFAULT_RATE = "6000/minute"
DEFAULT_WRITE_RATE = "600/minute"
PERIODS = {"second": 1.0, "s": 1.0, "minute": 60.0, "min": 60.0, "m": 60.0, "hour": 3600.0, "h": 3600.0}

# field name -> environment variable, the only variables read
ENV: dict[str, str] = {
    "db": "WARLEDGER_DB",
    "token": "WARLEDGER_TOKEN",
    "max_body": "WARLEDGER_MAX_BODY",
    "rate": "WARLEDGER_RATE",
    "write_rate": "WARLEDGER_WRITE_RATE",
    "cache": "WARLEDGER_CACHE",
}


def parse_rate(value: str) -> tuple[int, float] | None:
    """``"120/minute"`` -> (120, 60.0): N requests per period in seconds; ``"off"`` -> None.

    ``ValueError`` (a validation error in ``Settings``) for anything else.
    """
    raw = value.strip().lower()
    if raw in ("off", "none", "0", "unlimited"):
        return None
    count, sep, period = raw.partition("/")
    if not sep or period.strip() not in PERIODS or not count.strip().isdigit() or int(count) < 1:
        raise ValueError(f"rate must be 'N/second', 'N/minute', 'N/hour' or 'off', not {value!r}")
    return int(count), PERIODS[period.strip()]


class Settings(BaseModel):
    """What ``create_app`` and ``warledger serve`` need to know."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str | None = Field(default=None, description="Store URL; None: the store's default location.")
    token: str | None = Field(default=None, description="Bearer token for writes; None: writes are refused.")
    max_body: int = Field(default=DEFAULT_MAX_BODY, ge=1, description="Largest request body, in bytes.")
    rate: str = Field(
        default=DEFAULT_RATE, description="Reads per client IP: 'N/minute' (second, hour) or 'off'."
    )
    write_rate: str = Field(default=DEFAULT_WRITE_RATE, description="Writes per client IP, the same way.")
    cache: bool = Field(
        default=True,
        description="Keep answers to GET /api/* until the ledger's next write ('on' or 'off').",
    )

    @field_validator("cache", mode="before")
    @classmethod
    def _on_off(cls, value: Any) -> Any:
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("on", "1", "true", "yes"):
                return True
            if word in ("off", "0", "false", "no"):
                return False
            raise ValueError(f"cache must be 'on' or 'off', not {value!r}")
        return value

    @field_validator("rate", "write_rate")
    @classmethod
    def _valid_rate(cls, value: str) -> str:
        parse_rate(value)  # a typo ("120/minutes") fails at start-up, not silently unlimited
        return value.strip()

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
