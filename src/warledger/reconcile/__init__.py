"""Reconciliation: one fact per figure within a report (``within``); events across reports
come with the ledger."""

from .within import ReconcileStage, reconcile_facts

__all__ = ["ReconcileStage", "reconcile_facts"]
