"""The team file's shape: reps, the metrics they are measured on, and the rules of the 1:1."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError


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


_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"

# A location inside the team data, as pydantic spells it: ("reps", 3, "targets", "calls").
Loc = tuple[str | int, ...]

# Targets are plain numbers: a JSON `true` or `"60000"` is a mistake in the file, not a number.
_Target = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Metric(_Strict):
    """One KPI: what is measured, at which stage, and what good looks like."""

    id: str = Field(pattern=_ID)
    label: str = Field(min_length=1, max_length=80)
    stage: Stage
    indicator: Indicator
    unit: str = Field(default="", max_length=20)
    period: Period = Period.WEEK
    target: float = Field(ge=0, strict=True, allow_inf_nan=False)
    direction: Direction = Direction.HIGHER

    @property
    def cumulative(self) -> bool:
        """Counts add up over a period and are pro-rated; levels are not.

        Quality metrics (sales cycle length) are levels, and so is anything measured in percent
        (follow-up within 24h: 90%): Wednesday's share of a week's 90% is still 90%.
        """
        return self.indicator is not Indicator.QUALITY and self.unit.strip() != "%"


class Rep(_Strict):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1, max_length=80)
    role: str = Field(default="", max_length=60)
    # metric id -> this rep's own target; each negative one is reported at its own key.
    targets: dict[str, _Target] = Field(default_factory=dict)


class Escalation(_Strict):
    """Consequences are progressive and known in advance: these thresholds are shown before they apply."""

    coaching_after_misses: int = Field(default=1, ge=1, strict=True)
    pip_after_misses: int = Field(default=3, ge=1, strict=True)
    window_weeks: int = Field(default=6, ge=1, le=52, strict=True)

    @model_validator(mode="after")
    def _ordered(self) -> Escalation:
        if self.pip_after_misses < self.coaching_after_misses:
            raise PydanticCustomError(
                "escalation_order",
                "pip_after_misses is {pip} but coaching_after_misses is {coaching}; "
                "a PIP comes after coaching, so pip_after_misses must be at least {coaching}",
                {"pip": self.pip_after_misses, "coaching": self.coaching_after_misses},
            )
        return self


class Team(_Strict):
    name: str = Field(min_length=1, max_length=80)
    manager: str = Field(min_length=1, max_length=80)
    timebox_minutes: int = Field(default=30, ge=5, le=240, strict=True)
    escalation: Escalation = Field(default_factory=Escalation)
    metrics: list[Metric] = Field(min_length=1)
    reps: list[Rep] = Field(min_length=1)
    # Room for the CRM import's column mapping (a later issue): CRM column name -> metric id.
    crm_columns: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ids_unique_and_known(self) -> Team:
        issues = rule_issues(self)
        if issues:
            detail = "; ".join(f"{json_path(loc)}: {message}" for loc, message in issues)
            raise PydanticCustomError("team_rules", "{detail}", {"detail": detail})
        return self

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
# They run on a built `Team` (its validator) and on the raw JSON data (teamfile.py, so each fault
# is reported at its own path even when other parts of the file are broken too).

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
    if isinstance(obj, BaseModel):
        return getattr(obj, name, None)
    return None


def _items(obj: Any) -> list[tuple[Any, Any]]:
    return list(obj.items()) if isinstance(obj, Mapping) else []


def _id_of(obj: Any) -> str | None:
    value = _get(obj, "id")
    return value.strip() if isinstance(value, str) else None


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _known(ids: Sequence[str]) -> str:
    return ", ".join(ids) if len(ids) <= 12 else ", ".join(ids[:12]) + ", …"


def _unknown_metric(metric_id: str, ids: list[str]) -> str:
    close = difflib.get_close_matches(metric_id, ids, n=1)
    hint = f"did you mean {_q(close[0])}? " if close else ""
    return f"{hint}metric ids in this file: {_known(ids)}"


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
                issues.append(
                    (
                        ("metrics", index, "id"),
                        f"metric id {_q(metric_id)} is already used by metrics[{first_at[metric_id]}]; "
                        "each metric needs its own id",
                    )
                )
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
                    issues.append(
                        (
                            ("reps", index, "id"),
                            f"rep id {_q(rep_id)} is already used by reps[{rep_first_at[rep_id]}]; "
                            "each rep needs their own id",
                        )
                    )
                else:
                    rep_first_at[rep_id] = index
            if not all_ids_known:
                continue
            for key, _value in _items(_get(rep, "targets")):
                if isinstance(key, str) and key.strip() not in metric_ids:
                    issues.append(
                        (
                            ("reps", index, "targets", key),
                            f"this target override names metric {_q(key.strip())}, which is not in "
                            f"metrics; {_unknown_metric(key.strip(), metric_ids)}",
                        )
                    )

    if all_ids_known:
        for column, metric_id in _items(_get(data, "crm_columns")):
            if isinstance(metric_id, str) and metric_id.strip() not in metric_ids:
                issues.append(
                    (
                        ("crm_columns", column),
                        f"CRM column {_q(column)} maps to metric {_q(metric_id.strip())}, which is not in "
                        f"metrics; {_unknown_metric(metric_id.strip(), metric_ids)}",
                    )
                )
    return issues
