"""The language packs (``en``, ``uk``, ``ru``) and what they share; the registry that finds
them is ``warledger.packs`` (re-exported here for packs and their tests)."""

from ..packs import BUILTIN, ENTRY_POINT_GROUP, LanguagePack, detect, pack_for, registered

__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "LanguagePack", "detect", "pack_for", "registered"]
