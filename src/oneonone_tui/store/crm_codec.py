"""The stored form of a team's deal-export mapping (`crm_deals`), strictly read back.

Kept beside `codec.py` (which calls these two functions for the team) so the CRM import's mapping has
one home. A team without the mapping encodes exactly as before: no `crm_deals` key.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from oneonone_tui.domain.team import CrmDeals
from oneonone_tui.store.codec import CodecError, _show

_LISTS = tuple(f.name for f in fields(CrmDeals) if f.name not in ("amount_metric", "count_metric"))


def encode_crm_deals(deals: CrmDeals | None) -> dict[str, Any]:
    """`{"crm_deals": {...}}` in the team file's own shape, or `{}` when there is no mapping."""
    if deals is None:
        return {}
    doc: dict[str, Any] = {name: list(getattr(deals, name)) for name in _LISTS}
    doc["amount_metric"] = deals.amount_metric
    doc["count_metric"] = deals.count_metric
    return {"crm_deals": doc}


def decode_crm_deals(doc: Any, path: str) -> CrmDeals | None:
    if doc is None:
        return None
    if type(doc) is not dict:
        raise CodecError(path, f"expected an object, got {_show(doc)}")
    unknown = sorted(set(doc) - set(_LISTS) - {"amount_metric", "count_metric"})
    if unknown:
        raise CodecError(f"{path}.{unknown[0]}", "is not a field of crm_deals")
    values: dict[str, Any] = {}
    for name in _LISTS:
        if name not in doc:
            continue
        value = doc[name]
        if type(value) is not list or any(type(item) is not str or not item for item in value):
            raise CodecError(f"{path}.{name}", f"expected a list of header names, got {_show(value)}")
        values[name] = tuple(value)
    for name in ("amount_metric", "count_metric"):
        value = doc.get(name, "")
        if type(value) is not str:
            raise CodecError(f"{path}.{name}", f"expected text, got {_show(value)}")
        values[name] = value
    return CrmDeals(**values)
