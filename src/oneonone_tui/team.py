"""The team file's shape: reps, the metrics they are measured on, and the rules of the 1:1."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


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
    target: float = Field(ge=0)
    direction: Direction = Direction.HIGHER

    @property
    def cumulative(self) -> bool:
        """Counts add up over a period and are pro-rated; quality metrics are levels and are not."""
        return self.indicator is not Indicator.QUALITY


class Rep(_Strict):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1, max_length=80)
    role: str = Field(default="", max_length=60)
    targets: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _targets_not_negative(self) -> Rep:
        for metric_id, value in self.targets.items():
            if value < 0:
                raise ValueError(f"target override for {metric_id!r} is {value}; targets cannot be negative")
        return self


class Escalation(_Strict):
    """Consequences are progressive and known in advance: these thresholds are shown before they apply."""

    coaching_after_misses: int = Field(default=1, ge=1)
    pip_after_misses: int = Field(default=3, ge=1)
    window_weeks: int = Field(default=6, ge=1, le=52)

    @model_validator(mode="after")
    def _ordered(self) -> Escalation:
        if self.pip_after_misses < self.coaching_after_misses:
            raise ValueError("pip_after_misses must be at least coaching_after_misses")
        return self


class Team(_Strict):
    name: str = Field(min_length=1, max_length=80)
    manager: str = Field(min_length=1, max_length=80)
    timebox_minutes: int = Field(default=30, ge=5, le=240)
    escalation: Escalation = Field(default_factory=Escalation)
    metrics: list[Metric] = Field(min_length=1)
    reps: list[Rep] = Field(min_length=1)
    # Room for the CRM import's column mapping (a later issue): CRM column name -> metric id.
    crm_columns: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ids_unique_and_known(self) -> Team:
        problems: list[str] = []
        seen: set[str] = set()
        for metric in self.metrics:
            if metric.id in seen:
                problems.append(f"metric id {metric.id!r} appears more than once")
            seen.add(metric.id)
        rep_ids: set[str] = set()
        for rep in self.reps:
            if rep.id in rep_ids:
                problems.append(f"rep id {rep.id!r} appears more than once")
            rep_ids.add(rep.id)
            for metric_id in rep.targets:
                if metric_id not in seen:
                    problems.append(f"rep {rep.id!r} overrides unknown metric {metric_id!r}")
        for column, metric_id in self.crm_columns.items():
            if metric_id not in seen:
                problems.append(f"crm column {column!r} maps to unknown metric {metric_id!r}")
        if problems:
            raise ValueError("; ".join(problems))
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
