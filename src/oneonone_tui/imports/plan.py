"""What an import would change in a week's 1:1s, rep by rep; hand-typed actuals are never overwritten silently.

An actual counts as typed by hand unless the week's sources say it came from the CRM *and* it still holds
the value imported then (a number imported and then corrected in the pane is the manager's own).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from oneonone_tui.domain import one_on_one
from oneonone_tui.domain._record import record
from oneonone_tui.domain.records import Session
from oneonone_tui.domain.team import Team

_SAME = 1e-9


class Change(StrEnum):
    NEW = "new"  # no actual yet
    UPDATED = "updated"  # replaces an earlier import
    SAME = "same"  # already holds this value
    CONFLICT = "conflict"  # typed by hand and different: kept unless --overwrite
    OVERWRITTEN = "overwritten"  # typed by hand and different, replaced with --overwrite


@record(frozen=True)
class Line:
    rep_id: str
    metric_id: str
    old: float | None
    new: float
    change: Change


@record()
class Plan:
    week: str
    lines: list[Line]
    sessions: dict[str, Session]  # the sessions to save (only reps whose actuals change)

    @property
    def conflicts(self) -> list[Line]:
        return [line for line in self.lines if line.change in (Change.CONFLICT, Change.OVERWRITTEN)]

    @property
    def written(self) -> list[Line]:
        return [line for line in self.lines if line.change in (Change.NEW, Change.UPDATED, Change.OVERWRITTEN)]


def from_crm(sources: Mapping[str, Mapping[str, Mapping]], rep_id: str, metric_id: str,
             actual: float | None) -> bool:
    """Whether `actual` is the number the CRM import put there (not since changed by hand)."""
    source = sources.get(rep_id, {}).get(metric_id)
    if not source or actual is None or source.get("source") != "crm":
        return False
    value = source.get("value")
    return isinstance(value, (int, float)) and abs(float(value) - actual) <= _SAME


def plan(team: Team, week: str, values: Mapping[str, Mapping[str, float]], current: Mapping[str, Session],
         previous: Mapping[str, Session | None], sources: Mapping[str, Mapping[str, Mapping]],
         overwrite: bool) -> Plan:
    """The changes `values` (rep id -> metric id -> value) make to `week`'s sessions (`current`, by rep;
    a rep without one starts it as the 1:1 would, from `previous`)."""
    lines: list[Line] = []
    sessions: dict[str, Session] = {}
    for rep in team.reps:
        if rep.id not in values:
            continue
        session = current.get(rep.id)
        session = session.snapshot() if session is not None else one_on_one.begin(rep.id, week, previous.get(rep.id))
        changed = False
        for metric in team.metrics:
            if metric.id not in values[rep.id]:
                continue
            new = float(values[rep.id][metric.id])
            old = session.entries[metric.id].actual if metric.id in session.entries else None
            if old is None:
                change = Change.NEW
            elif abs(old - new) <= _SAME:
                change = Change.SAME
            elif from_crm(sources, rep.id, metric.id, old):
                change = Change.UPDATED
            else:
                change = Change.OVERWRITTEN if overwrite else Change.CONFLICT
            lines.append(Line(rep.id, metric.id, old, new, change))
            if change in (Change.NEW, Change.UPDATED, Change.OVERWRITTEN):
                session.entry(metric.id).actual = new
                changed = True
        if changed:
            sessions[rep.id] = session
    return Plan(week=week, lines=lines, sessions=sessions)


def source_label(source: Mapping | None, actual: float | None) -> str | None:
    """`from CRM, 25 Nov 09:12` while the actual still holds the imported number; None otherwise."""
    if not source or not from_crm({"r": {"m": source}}, "r", "m", actual):
        return None
    from datetime import datetime

    try:
        at = datetime.fromisoformat(str(source.get("at")))
    except ValueError:
        return "from CRM"
    return f"from CRM, {at:%d %b %H:%M}"
