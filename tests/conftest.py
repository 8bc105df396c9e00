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

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
