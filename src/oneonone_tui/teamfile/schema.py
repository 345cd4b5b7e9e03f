"""The team file's schema: pydantic models for untrusted input, built from the domain's limits.

The domain (`domain/team.py`) declares the records and their limits once; these models only say
how a team file is checked (strict numbers, stripped text, no unknown keys) and are turned into
the domain's records by :func:`to_team`. Nothing outside `teamfile/` imports pydantic.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from oneonone_tui.domain import team as domain
from oneonone_tui.domain.team import (ID_PATTERN, LIMITS, Direction, Indicator, Period, Stage, escalation_order_issue,
                                      json_path, rule_issues)


def _length(name: str) -> dict[str, Any]:
    low, high = LIMITS[name]
    return {"min_length": low, "max_length": high}


def _range(name: str) -> dict[str, Any]:
    low, high = LIMITS[name]
    return {"ge": low, "le": high} if high is not None else {"ge": low}


# Targets are plain numbers: a JSON `true` or `"60000"` is a mistake in the file, not a number.
Target = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Metric(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(**_length("metric.label"))
    stage: Stage
    indicator: Indicator
    unit: str = Field(default="", **_length("metric.unit"))
    period: Period = Period.WEEK
    target: float = Field(ge=0, strict=True, allow_inf_nan=False)
    direction: Direction = Direction.HIGHER


class Rep(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(**_length("rep.name"))
    role: str = Field(default="", **_length("rep.role"))
    targets: dict[str, Target] = Field(default_factory=dict)


class Escalation(_Strict):
    coaching_after_misses: int = Field(default=1, strict=True, **_range("escalation.coaching_after_misses"))
    pip_after_misses: int = Field(default=3, strict=True, **_range("escalation.pip_after_misses"))
    window_weeks: int = Field(default=6, strict=True, **_range("escalation.window_weeks"))
    followup_after_misses: int | None = Field(default=None, strict=True,
                                              **_range("escalation.followup_after_misses"))

    @model_validator(mode="after")
    def _ordered(self) -> Escalation:
        issue = escalation_order_issue(self.coaching_after_misses, self.pip_after_misses,
                                       self.followup_after_misses)
        if issue:
            raise PydanticCustomError("escalation_order", issue)
        return self


Headers = Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(min_length=1, max_length=20)]


class CrmDeals(_Strict):
    """A deal-per-row export (HubSpot deals, Salesforce details only): each column by the headers it may have."""

    owner: Headers = Field(default_factory=lambda: list(domain.CrmDeals().owner))
    amount: Headers = Field(default_factory=lambda: list(domain.CrmDeals().amount))
    close_date: Headers = Field(default_factory=lambda: list(domain.CrmDeals().close_date))
    stage: Headers = Field(default_factory=lambda: list(domain.CrmDeals().stage))
    won_stages: Headers = Field(default_factory=lambda: list(domain.CrmDeals().won_stages))
    deal_id: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=lambda: list(domain.CrmDeals().deal_id), max_length=20)
    pipeline: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=lambda: list(domain.CrmDeals().pipeline), max_length=20)
    pipelines: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(default_factory=list, max_length=50)
    amount_metric: str = ""
    count_metric: str = ""


class Team(_Strict):
    name: str = Field(**_length("team.name"))
    manager: str = Field(**_length("team.manager"))
    timebox_minutes: int = Field(default=30, strict=True, **_range("team.timebox_minutes"))
    escalation: Escalation = Field(default_factory=Escalation)
    metrics: list[Metric] = Field(min_length=1)
    reps: list[Rep] = Field(min_length=1)
    crm_columns: dict[str, str] = Field(default_factory=dict)
    crm_deals: CrmDeals | None = None

    @model_validator(mode="after")
    def _ids_unique_and_known(self) -> Team:
        issues = rule_issues(self)
        if issues:
            detail = "; ".join(f"{json_path(loc)}: {message}" for loc, message in issues)
            raise PydanticCustomError("team_rules", "{detail}", {"detail": detail})
        return self


MODELS: dict[str, type[BaseModel]] = {"Team": Team, "Metric": Metric, "Rep": Rep, "Escalation": Escalation,
                                      "CrmDeals": CrmDeals}


def to_team(model: Team) -> domain.Team:
    """The checked team file as the domain's records."""
    e = model.escalation
    return domain.Team(
        name=model.name, manager=model.manager, timebox_minutes=model.timebox_minutes,
        escalation=domain.Escalation(coaching_after_misses=e.coaching_after_misses,
                                     pip_after_misses=e.pip_after_misses, window_weeks=e.window_weeks,
                                     followup_after_misses=e.followup_after_misses),
        metrics=tuple(domain.Metric(id=m.id, label=m.label, stage=m.stage, indicator=m.indicator, unit=m.unit,
                                    period=m.period, target=m.target, direction=m.direction) for m in model.metrics),
        reps=tuple(domain.Rep(id=r.id, name=r.name, role=r.role, targets=dict(r.targets)) for r in model.reps),
        crm_columns=dict(model.crm_columns),
        crm_deals=None if model.crm_deals is None else domain.CrmDeals(
            **{name: tuple(value) if isinstance(value, list) else value
               for name, value in model.crm_deals.model_dump().items()}),
    )
