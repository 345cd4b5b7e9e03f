"""The stored form of the manager's coaching log and of where each week's actuals came from.

Two small tables of `meta.json`, separate from the 1:1 records (`codec.py`): `activities`, one document
per logged activity, and `sources`, one document per week: rep id -> metric id -> where the number came
from (`{"source": "crm", "file": "report.csv", "at": "2026-11-25T09:12:00", "value": 78450.0}`).
Strict like the codec: a fault raises CodecError naming its path.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from oneonone_tui.domain.coaching import Activity, ActivityKind
from oneonone_tui.domain.weeks import is_week
from oneonone_tui.store.codec import CodecError, _show

ACTIVITIES_TABLE = "activities"
SOURCES_TABLE = "sources"


def encode_activity(activity: Activity) -> dict[str, Any]:
    return {"kind": activity.kind.value, "rep_id": activity.rep_id, "about": activity.about,
            "week": activity.week, "logged_at": activity.logged_at.isoformat(timespec="seconds"),
            "text": activity.text}


def _text(doc: dict, name: str, path: str) -> str:
    value = doc.get(name, "")
    if type(value) is not str:
        raise CodecError(f"{path}.{name}", f"expected text, got {_show(value)}")
    return value


def decode_activity(doc: Any, path: str = "activity") -> Activity:
    if type(doc) is not dict:
        raise CodecError(path, f"expected an object, got {_show(doc)}")
    try:
        kind = ActivityKind(doc.get("kind"))
    except ValueError:
        raise CodecError(f"{path}.kind", f"expected one of {', '.join(k.value for k in ActivityKind)}, "
                         f"got {_show(doc.get('kind'))}") from None
    week = _text(doc, "week", path)
    if not is_week(week):
        raise CodecError(f"{path}.week", f"expected an ISO week like 2026-W48, got {_show(week)}")
    try:
        logged_at = datetime.fromisoformat(_text(doc, "logged_at", path))
    except ValueError:
        raise CodecError(f"{path}.logged_at", f"expected a date and time, got {_show(doc.get('logged_at'))}") from None
    return Activity(kind=kind, rep_id=_text(doc, "rep_id", path), about=_text(doc, "about", path), week=week,
                    logged_at=logged_at, text=_text(doc, "text", path))


def encode_sources(week: str, entries: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    return {"week": week, "entries": decode_sources({"week": week, "entries": entries})[1]}


def decode_sources(doc: Any, path: str = "sources") -> tuple[str, dict[str, dict[str, dict[str, Any]]]]:
    """(week, rep id -> metric id -> {source, file, at, value})."""
    if type(doc) is not dict:
        raise CodecError(path, f"expected an object, got {_show(doc)}")
    week = _text(doc, "week", path)
    if not is_week(week):
        raise CodecError(f"{path}.week", f"expected an ISO week like 2026-W48, got {_show(week)}")
    entries = doc.get("entries", {})
    if type(entries) is not dict:
        raise CodecError(f"{path}.entries", f"expected an object, got {_show(entries)}")
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for rep_id, metrics in entries.items():
        if type(metrics) is not dict:
            raise CodecError(f"{path}.entries.{rep_id}", f"expected an object, got {_show(metrics)}")
        for metric_id, source in metrics.items():
            at = f"{path}.entries.{rep_id}.{metric_id}"
            if type(source) is not dict:
                raise CodecError(at, f"expected an object, got {_show(source)}")
            value = source.get("value")
            if type(value) not in (int, float) or not math.isfinite(value) or value < 0:
                raise CodecError(f"{at}.value", f"expected a finite number >= 0, got {_show(value)}")
            when = _text(source, "at", at)
            try:
                datetime.fromisoformat(when)
            except ValueError:
                raise CodecError(f"{at}.at", f"expected a date and time, got {_show(when)}") from None
            out.setdefault(rep_id, {})[metric_id] = {"source": _text(source, "source", at),
                                                     "file": _text(source, "file", at), "at": when,
                                                     "value": float(value)}
    return week, out
