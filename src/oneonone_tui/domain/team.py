"""The team: reps, the metrics they are measured on, and the rules of the 1:1.

Frozen dataclasses, declared once. The limits a team must meet live here too (`LIMITS`,
`ID_PATTERN`, :func:`rule_issues`): the team-file schema (`teamfile/`, pydantic) is built from
them, and the store's codec checks a stored team against them, so both agree by construction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import field
from enum import StrEnum
from typing import Any

from oneonone_tui.domain._record import record
from oneonone_tui.domain.wording import quoted


class Stage(StrEnum):
    """The accountability progression, in the order a 1:1 walks it."""

    RESULTS = "results"
    PIPELINE = "pipeline"
    ACTIVITY = "activity"


class Indicator(StrEnum):
    LAGGING = "lagging"
    LEADING = "leading"
    QUALITY = "quality"


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


class Direction(StrEnum):
    HIGHER = "higher"  # more is better: revenue, calls, meetings booked
    LOWER = "lower"  # less is better: sales cycle length


# An id: a letter or digit, then letters, digits, `_`, `.` or `-`; at most 64.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
ID_RE = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))

# Each limit as (low, high); None: no bound. Text limits are lengths.
LIMITS: dict[str, tuple[int | None, int | None]] = {
    "team.name": (1, 80),
    "team.manager": (1, 80),
    "team.timebox_minutes": (5, 240),
    "metric.label": (1, 80),
    "metric.unit": (0, 20),
    "rep.name": (1, 80),
    "rep.role": (0, 60),
    "escalation.coaching_after_misses": (1, None),
    "escalation.pip_after_misses": (1, None),
    "escalation.window_weeks": (1, 52),
    "escalation.followup_after_misses": (1, None),
}

# A location inside the team data: ("reps", 3, "targets", "calls").
Loc = tuple[str | int, ...]


@record(frozen=True, slots=True, kw_only=True)
class Metric:
    """One KPI: what is measured, at which stage, and what good looks like."""

    id: str
    label: str
    stage: Stage
    indicator: Indicator
    unit: str = ""
    period: Period = Period.WEEK
    target: float
    direction: Direction = Direction.HIGHER

    @property
    def cumulative(self) -> bool:
        """Counts add up over a period and are pro-rated; levels are not.

        Quality metrics (sales cycle length) are levels, and so is anything measured in percent
        (follow-up within 24h: 90%): Wednesday's share of a week's 90% is still 90%.
        """
        return self.indicator is not Indicator.QUALITY and self.unit.strip() != "%"


@record(frozen=True, slots=True, kw_only=True)
class Rep:
    """A rep of the team, with any targets of their own (a metric id to its target)."""

    id: str
    name: str
    role: str = ""
    # metric id -> this rep's own target
    targets: Mapping[str, float] = field(default_factory=dict)


@record(frozen=True, slots=True, kw_only=True)
class Escalation:
    """Consequences are progressive and known in advance: these thresholds are shown before they apply."""

    coaching_after_misses: int = 1
    pip_after_misses: int = 3
    window_weeks: int = 6
    # Repeated misses: a tighter follow-up plan (a mid-week check-in). None: the method's default,
    # one miss after coaching starts (never past the PIP: when they meet, the PIP wins).
    followup_after_misses: int | None = None

    @property
    def followup_at(self) -> int:
        if self.followup_after_misses is not None:
            return self.followup_after_misses
        return min(self.coaching_after_misses + 1, self.pip_after_misses)


@record(frozen=True, slots=True, kw_only=True)
class CrmDeals:
    """How a CRM export with one row per deal (HubSpot deals, Salesforce "details only") becomes actuals.

    Each column is named by the headers it may have (the first one present in the file is used), so one
    mapping reads both a HubSpot and a Salesforce export. Won deals whose date falls in a metric's
    period to date are summed per owner (`amount_metric`) and counted (`count_metric`).
    """

    owner: tuple[str, ...] = ("Deal owner", "Opportunity Owner")
    amount: tuple[str, ...] = ("Amount",)
    close_date: tuple[str, ...] = ("Close Date",)
    stage: tuple[str, ...] = ("Deal Stage", "Stage")
    won_stages: tuple[str, ...] = ("Closed won", "Closed Won")
    deal_id: tuple[str, ...] = ("Record ID", "Deal ID", "Opportunity ID")  # duplicates are found by it
    pipeline: tuple[str, ...] = ("Pipeline",)
    pipelines: tuple[str, ...] = ()  # only deals in these pipelines count; empty: every pipeline
    amount_metric: str = ""
    count_metric: str = ""


@record(frozen=True, slots=True, kw_only=True)
class Team:
    """The team file, checked: the metrics in their stages, the reps, the escalation rules, the CRM mapping."""

    name: str
    manager: str
    timebox_minutes: int = 30
    escalation: Escalation = field(default_factory=Escalation)
    metrics: tuple[Metric, ...]
    reps: tuple[Rep, ...]
    # CRM column name -> metric id (for imports of a report with a column per measure); "" ignores a column
    crm_columns: Mapping[str, str] = field(default_factory=dict)
    # deal-per-row exports (HubSpot deals, Salesforce details only); None: not mapped
    crm_deals: CrmDeals | None = None

    def metric(self, metric_id: str) -> Metric:
        for metric in self.metrics:
            if metric.id == metric_id:
                return metric
        raise KeyError(metric_id)

    def rep(self, rep_id: str) -> Rep:
        for rep in self.reps:
            if rep.id == rep_id:
                return rep
        raise KeyError(rep_id)

    def metrics_in(self, stage: Stage) -> list[Metric]:
        return [m for m in self.metrics if m.stage is stage]

    def target_for(self, rep: Rep, metric: Metric) -> float:
        return rep.targets.get(metric.id, metric.target)


# --- rules that span several fields -----------------------------------------------------------
# They run on a built `Team` (the codec, the schema's validator) and on the raw JSON data
# (teamfile/, so each fault is reported at its own path even when other parts are broken too).

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(loc: Sequence[str | int]) -> str:
    """`("reps", 3, "targets", "calls")` -> `reps[3].targets.calls`; odd keys are quoted."""
    out = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        elif isinstance(part, str) and _NAME.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return out or "top level"


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    if isinstance(obj, (Team, Metric, Rep, Escalation, CrmDeals)) or hasattr(type(obj), "__pydantic_fields__"):
        return getattr(obj, name, None)
    return None


def _items(obj: Any) -> list[tuple[Any, Any]]:
    return list(obj.items()) if isinstance(obj, Mapping) else []


def _id_of(obj: Any) -> str | None:
    value = _get(obj, "id")
    return value.strip() if isinstance(value, str) else None


def _known(ids: Sequence[str]) -> str:
    return ", ".join(ids) if len(ids) <= 12 else ", ".join(ids[:12]) + ", …"


def _unknown_metric(metric_id: str, ids: list[str]) -> str:
    import difflib  # a fault's hint only: not on the start-up path

    close = difflib.get_close_matches(metric_id, ids, n=1)
    hint = f"did you mean {quoted(close[0])}? " if close else ""
    return f"{hint}metric ids in this file: {_known(ids)}"


def escalation_order_issue(coaching: int, pip: int, followup: int | None = None) -> str | None:
    if pip < coaching:
        return (f"pip_after_misses is {pip} but coaching_after_misses is {coaching}; a PIP comes after "
                f"coaching, so pip_after_misses must be at least {coaching}")
    if followup is not None and not coaching <= followup <= pip:
        return (f"followup_after_misses is {followup}; the tighter follow-up plan comes after coaching and "
                f"before a PIP, so it must be from {coaching} to {pip}")
    return None


def rule_issues(data: Any) -> list[tuple[Loc, str]]:
    """Duplicate ids and references to unknown metrics, each at the location of the fault.

    Works on a `Team` or on raw JSON data of any shape (whatever is not where it should be is
    skipped: the field checks report that).
    """
    issues: list[tuple[Loc, str]] = []
    metrics = _get(data, "metrics")
    metric_ids: list[str] = []
    all_ids_known = isinstance(metrics, Sequence) and not isinstance(metrics, str)
    if all_ids_known:
        first_at: dict[str, int] = {}
        for index, metric in enumerate(metrics):
            metric_id = _id_of(metric)
            if metric_id is None:
                all_ids_known = False
                continue
            if metric_id in first_at:
                issues.append((("metrics", index, "id"),
                               f"metric id {quoted(metric_id)} is already used by metrics[{first_at[metric_id]}]; "
                               "each metric needs its own id"))
            else:
                first_at[metric_id] = index
                metric_ids.append(metric_id)

    reps = _get(data, "reps")
    if isinstance(reps, Sequence) and not isinstance(reps, str):
        rep_first_at: dict[str, int] = {}
        for index, rep in enumerate(reps):
            rep_id = _id_of(rep)
            if rep_id is not None:
                if rep_id in rep_first_at:
                    issues.append((("reps", index, "id"),
                                   f"rep id {quoted(rep_id)} is already used by reps[{rep_first_at[rep_id]}]; "
                                   "each rep needs their own id"))
                else:
                    rep_first_at[rep_id] = index
            if not all_ids_known:
                continue
            for key, _value in _items(_get(rep, "targets")):
                if isinstance(key, str) and key.strip() not in metric_ids:
                    issues.append((("reps", index, "targets", key),
                                   f"this target override names metric {quoted(key.strip())}, which is not in "
                                   f"metrics; {_unknown_metric(key.strip(), metric_ids)}"))

    if all_ids_known:
        for column, metric_id in _items(_get(data, "crm_columns")):
            if isinstance(metric_id, str) and metric_id.strip() and metric_id.strip() not in metric_ids:
                issues.append((("crm_columns", column),
                               f"CRM column {quoted(column)} maps to metric {quoted(metric_id.strip())}, which is not in "
                               f"metrics; {_unknown_metric(metric_id.strip(), metric_ids)}"))
        deals = _get(data, "crm_deals") if metric_ids else None  # no metrics: that is the problem to report
        for name in ("amount_metric", "count_metric"):
            metric_id = _get(deals, name) if deals is not None else None
            if isinstance(metric_id, str) and metric_id.strip() and metric_id.strip() not in metric_ids:
                issues.append((("crm_deals", name),
                               f"{name} names metric {quoted(metric_id.strip())}, which is not in "
                               f"metrics; {_unknown_metric(metric_id.strip(), metric_ids)}"))
    return issues
