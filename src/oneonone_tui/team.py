"""The team file's shape: reps, the metrics they are measured on, and the rules of the 1:1."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from functools import cache
from typing import Any

from oneonone_tui.models import (EXACT_INT, NOT_SURE, REQUIRED, Check, Factory, FrozenPlainModel, PlainModel,
                                 dict_of, list_of, member_of, model, register_twins)

# These classes are plain Python with pydantic's API, and pydantic validates what the fast path
# cannot: see "Why these are plain classes" in models.py (start-up cost). The pydantic models of
# record are the twins at the end of this module.


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


# ---- the fast path's checks (what the twins' constraints accept, exactly as pydantic returns it)

_ID_FULL = re.compile(_ID.removeprefix("^").removesuffix("$"))  # fullmatch: pydantic's `$` is the very end
_SURROGATE = re.compile("[\ud800-\udfff]")


def _stripped(value: Any) -> bool:
    """Text that str_strip_whitespace leaves as it is (pydantic strips less than str.isspace() sees).

    A lone surrogate (JSON can spell one, "\\ud800") makes a constrained str fail in pydantic
    (string_unicode), so text holding one is left to it.
    """
    return (type(value) is str and not (value[:1].isspace() or value[-1:].isspace())
            and (value.isascii() or not _SURROGATE.search(value)))


def _text(min_length: int = 0, max_length: int | None = None) -> Check:
    def check(value: Any) -> Any:
        if _stripped(value) and min_length <= len(value) and (max_length is None or len(value) <= max_length):
            return value
        return NOT_SURE

    return check


def _id(value: Any) -> Any:
    return value if type(value) is str and _ID_FULL.fullmatch(value) else NOT_SURE


def _target(value: Any) -> Any:
    """float, ge=0, strict, no inf/nan: a finite float >= 0 as it is, an int >= 0 as its float."""
    kind = type(value)
    if kind is float and 0 <= value < math.inf:
        return value
    if kind is int and 0 <= value <= EXACT_INT:
        return float(value)
    return NOT_SURE


def _whole(low: int, high: int | None = None) -> Check:
    """int, strict, within bounds."""

    def check(value: Any) -> Any:
        if type(value) is int and low <= value and (high is None or value <= high):
            return value
        return NOT_SURE

    return check


_key = _text()


class _Strict(FrozenPlainModel):
    """extra="forbid", frozen=True, str_strip_whitespace=True (see the twins)."""

    _forbid_extra = True
    _twins = staticmethod(lambda: _pydantic_twins())


class Metric(_Strict):
    """One KPI: what is measured, at which stage, and what good looks like."""

    id: str
    label: str
    stage: Stage
    indicator: Indicator
    unit: str
    period: Period
    target: float
    direction: Direction

    _spec = (
        ("id", _id, REQUIRED),
        ("label", _text(1, 80), REQUIRED),
        ("stage", member_of(Stage), REQUIRED),
        ("indicator", member_of(Indicator), REQUIRED),
        ("unit", _text(0, 20), ""),
        ("period", member_of(Period), Period.WEEK),
        ("target", _target, REQUIRED),
        ("direction", member_of(Direction), Direction.HIGHER),
    )

    @property
    def cumulative(self) -> bool:
        """Counts add up over a period and are pro-rated; levels are not.

        Quality metrics (sales cycle length) are levels, and so is anything measured in percent
        (follow-up within 24h: 90%): Wednesday's share of a week's 90% is still 90%.
        """
        return self.indicator is not Indicator.QUALITY and self.unit.strip() != "%"


class Rep(_Strict):
    id: str
    name: str
    role: str
    # metric id -> this rep's own target; each negative one is reported at its own key.
    targets: dict[str, float]

    _spec = (
        ("id", _id, REQUIRED),
        ("name", _text(1, 80), REQUIRED),
        ("role", _text(0, 60), ""),
        ("targets", dict_of(_key, _target), Factory(dict)),
    )


class Escalation(_Strict):
    """Consequences are progressive and known in advance: these thresholds are shown before they apply."""

    coaching_after_misses: int
    pip_after_misses: int
    window_weeks: int

    _spec = (
        ("coaching_after_misses", _whole(1), 1),
        ("pip_after_misses", _whole(1), 3),
        ("window_weeks", _whole(1, 52), 6),
    )

    @classmethod
    def _rules(cls, values: dict[str, Any]) -> bool:
        return values["pip_after_misses"] >= values["coaching_after_misses"]


class Team(_Strict):
    name: str
    manager: str
    timebox_minutes: int
    escalation: Escalation
    metrics: list[Metric]
    reps: list[Rep]
    # Room for the CRM import's column mapping (a later issue): CRM column name -> metric id.
    crm_columns: dict[str, str]

    _spec = (
        ("name", _text(1, 80), REQUIRED),
        ("manager", _text(1, 80), REQUIRED),
        ("timebox_minutes", _whole(5, 240), 30),
        ("escalation", model(Escalation), Factory(lambda: Escalation())),
        ("metrics", list_of(model(Metric), min_length=1), REQUIRED),
        ("reps", list_of(model(Rep), min_length=1), REQUIRED),
        ("crm_columns", dict_of(_key, _key), Factory(dict)),
    )

    @classmethod
    def _rules(cls, values: dict[str, Any]) -> bool:
        return not rule_issues(values)

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
    if isinstance(obj, PlainModel) or hasattr(type(obj), "__pydantic_fields__"):  # a plain model or a twin
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
    import difflib  # a fault's hint only: not on the start-up path

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


# --- the pydantic twins: the models of record, built on first use -----------------------------


@cache
def _pydantic_twins() -> dict[str, type]:
    from typing import Annotated

    from pydantic import BaseModel, ConfigDict, Field, model_validator
    from pydantic_core import PydanticCustomError

    # Targets are plain numbers: a JSON `true` or `"60000"` is a mistake in the file, not a number.
    _Target = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]

    class _Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    class Metric(_Strict):
        id: str = Field(pattern=_ID)
        label: str = Field(min_length=1, max_length=80)
        stage: Stage
        indicator: Indicator
        unit: str = Field(default="", max_length=20)
        period: Period = Period.WEEK
        target: float = Field(ge=0, strict=True, allow_inf_nan=False)
        direction: Direction = Direction.HIGHER

    class Rep(_Strict):
        id: str = Field(pattern=_ID)
        name: str = Field(min_length=1, max_length=80)
        role: str = Field(default="", max_length=60)
        targets: dict[str, _Target] = Field(default_factory=dict)

    class Escalation(_Strict):
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
        crm_columns: dict[str, str] = Field(default_factory=dict)

        @model_validator(mode="after")
        def _ids_unique_and_known(self) -> Team:
            issues = rule_issues(self)
            if issues:
                detail = "; ".join(f"{json_path(loc)}: {message}" for loc, message in issues)
                raise PydanticCustomError("team_rules", "{detail}", {"detail": detail})
            return self

    return register_twins(globals(), {"Metric": Metric, "Rep": Rep, "Escalation": Escalation, "Team": Team})
