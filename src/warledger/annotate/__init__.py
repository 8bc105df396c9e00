"""Annotators: stages that find numbers and dates in a document's text."""

from warledger.annotate.dates import find_dates, first_full_date
from warledger.annotate.numbers import find_quantities

__all__ = ["find_dates", "find_quantities", "first_full_date"]
