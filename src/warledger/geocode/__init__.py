"""Geocoding: place mentions in report text, resolved to GeoNames settlements, regions and countries.

``GeocodeStage`` takes ``sentences`` and adds ``places``; ``Gazetteer`` is the index it uses
(``Gazetteer.default()`` loads the shipped TSVs once); ``find_places`` is a shortcut over it.
"""

from .gazetteer import Gazetteer, GeocodeStage, find_places

__all__ = ["Gazetteer", "GeocodeStage", "find_places"]
