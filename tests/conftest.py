"""Shared test fixtures: where the shared corpus lives, and skips when it does not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The shared reports live beside the repository (../shared), never inside it.
SHARED = Path(os.environ.get("WARLEDGER_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "dev"
GOLD = CORPUS / "gold"
SCORER = SHARED / "eval" / "score.py"
SEED = CORPUS / "seed-2025-09-03-reuters-502-drones.txt"
# The second development corpus: real, openly licensed reports of other styles (issue 12).
OPEN = SHARED / "corpus" / "open"
OPEN_GOLD = OPEN / "gold"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
needs_open = pytest.mark.skipif(not OPEN.is_dir(), reason=f"open corpus not found at {OPEN}")
