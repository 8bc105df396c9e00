"""Annotators: stages that find numbers and dates in a document's text."""

from warledger.annotate.numbers import find_quantities

__all__ = ["find_quantities"]
