"""Extraction: from annotated sentences to facts of the four kinds (munitions, casualties,
damage, regions), each with its place, date, source and evidence span."""

from .stage import ExtractStage, extract_facts

__all__ = ["ExtractStage", "extract_facts"]
