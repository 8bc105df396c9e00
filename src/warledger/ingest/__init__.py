"""Ingest: turn paths (files, directories, JSON Lines, stdin) into ``Document`` objects.

Takes paths; adds ``id``, ``text``, ``published``, ``url``, ``title`` and ``origin``. Bad
input comes out as ``Skipped`` records, never as exceptions.
"""

from .readers import KNOWN_SUFFIXES, read_manifest, read_paths

__all__ = ["KNOWN_SUFFIXES", "read_manifest", "read_paths"]
