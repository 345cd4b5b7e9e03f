"""The accountability progression: Results, then Pipeline, then Activity only when either is short.

Everything the 1:1 says about a number lives here: the rep's target (pro-rated to date), how far
the actual is from it (lower-is-better too), whether Activity stays folded, the how-come question
built from the numbers, and the plan a diagnosis leads to.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from oneonone_tui.domain._record import record
from oneonone_tui.domain.records import Diagnosis, Session
from oneonone_tui.domain.team import Direction, Metric, Period, Rep, Stage, Team
from oneonone_tui.domain.weeks import monday_of

ACTIVITY_FOLD_REASON = "Results and pipeline on target: activity is the rep's to manage."

# Float noise from pro-rating must not turn "10 of 10" into a miss.
_EPSILON = 1e-9
# Within this share of target a metric is "near" (amber), not "short" (red): one rule for every screen.
NEAR_TARGET = 0.8


class Band(StrEnum):
    """How a metric (or a summary of them) stands against target, for colour and words alike."""

    ON = "on"
    NEAR = "near"
    SHORT = "short"


def band(ratio: float, on_target: bool | None = None) -> Band:
    """The band of an attainment `ratio` (1.0 = on target); `on_target` decides the first band when known
    (a lower-is-better metric's own rule)."""
    if (ratio >= 1.0 - _EPSILON) if on_target is None else on_target:
        return Band.ON
    return Band.NEAR if ratio >= NEAR_TARGET else Band.SHORT


@record(frozen=True)
class Standing:
    """One metric for one rep in one week: the target to date, the actual, and the gap between."""

    metric: Metric
    full_target: float  # the rep's target for the whole period (a rep override wins)
    target: float  # the target to date: pro-rated for cumulative month/quarter metrics
    actual: float | None
    period_fraction: float  # share of the period elapsed by the day the 1:1 is held
    day: date | None = None  # that day: "to date" means to this day

    @property
    def lower_is_better(self) -> bool:
        return self.metric.direction is Direction.LOWER

    @property
    def pro_rated(self) -> bool:
        return self.metric.cumulative and self.metric.period is not Period.WEEK and self.period_fraction < 1.0

    @property
    def attainment(self) -> float | None:
        """How much of the target the actual reaches: 1.0 is on target, above 1.0 is ahead.

        A zero denominator means the ratio has no meaning, so it reads as met (1.0) or missed (0.0).
        """
        if self.actual is None:
            return None
        if self.lower_is_better:
            if self.actual <= 0:
                return 1.0  # nothing can be lower than nothing: a zero-day cycle meets any target
            return self.target / self.actual
        if self.target <= 0:
            return 1.0 if self.actual >= self.target else 0.0
        return self.actual / self.target

    @property
    def on_target(self) -> bool | None:
        if self.actual is None:
            return None
        if self.lower_is_better:
            return self.actual <= self.target + _EPSILON
        return self.actual >= self.target - _EPSILON

    @property
    def band(self) -> Band | None:
        ratio = self.attainment
        return None if ratio is None or ratio != ratio else band(ratio, self.on_target)

    def span(self) -> str:
        """The days the target counts, named: `Nov 1–24` (to the day the 1:1 is held), `Oct 1–Nov 24`."""
        if self.day is None or self.metric.period is Period.WEEK:
            return ""
        return _span(self.metric.period, self.day)

    def target_text(self) -> str:
        """`to date $9,667 of $10,000 · Nov 1–24` (pro-rated to the day the 1:1 is held),
        `target $60,000 · Nov 1–30` (the whole period), `target 200/week`, or `target 45 days` for a level."""
        metric = self.metric
        to_date = format_value(self.target, metric.unit)
        span = self.span()
        where = f" · {span}" if span else f"/{metric.period.value}"
        if self.period_fraction < 1.0 and metric.cumulative:
            return f"to date {to_date} of {format_value(self.full_target, metric.unit)}{where}"
        return f"target {to_date}{where}" if metric.cumulative else f"target {to_date}"

    @property
    def gap(self) -> float | None:
        """How far short, in the metric's unit: positive when short, 0 when on target."""
        if self.actual is None:
            return None
        if self.on_target:
            return 0.0
        return self.actual - self.target if self.lower_is_better else self.target - self.actual


@lru_cache(maxsize=256)
def _span(period: Period, day: date) -> str:
    start, end = _period_bounds(period, day)
    last = min(day, end)
    if last == start:
        return f"{start:%b} {start.day}"
    tail = f"{last.day}" if last.month == start.month else f"{last:%b} {last.day}"
    return f"{start:%b} {start.day}–{tail}"


@lru_cache(maxsize=256)
def _period_bounds(period: Period, day: date) -> tuple[date, date]:
    first_month = day.month if period is Period.MONTH else 3 * ((day.month - 1) // 3) + 1
    last_month = first_month if period is Period.MONTH else first_month + 2
    return date(day.year, first_month, 1), _month_end(day.year, last_month)


def _month_end(year: int, month: int) -> date:
    """The last day of the month (without `calendar`: ~0.4 ms of every command's start)."""
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)


# The day a 1:1 that was never held is counted to: the week's last working day (Friday). The same
# rule as `one_on_one.held_on` (which the pane and the dashboard pass in as `on`).
LAST_WORKING_DAY = 4


def counted_to(week: str, on: date | None = None) -> date:
    """The day "to date" means for `week`: the day the 1:1 is held (`on`), else the week's Friday."""
    return on if on is not None else monday_of(week) + timedelta(days=LAST_WORKING_DAY)


def period_bounds(period: Period, day: date) -> tuple[date, date]:
    """The month, quarter (or, for a weekly metric, ISO week) that contains `day`: first and last day."""
    if period is Period.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return _period_bounds(period, day)


def period_fraction(period: Period, week: str, on: date | None = None) -> float:
    """Share of the month or quarter elapsed by the day the 1:1 is held (1.0 for weekly periods).

    `on` is that day (`one_on_one.held_on`); with none, the week's last working day. The period is
    the one that contains that day: a 1:1 held on Monday 30 November asks about November (30 of 30
    days), never about a December that has not begun.
    """
    if period is Period.WEEK:
        return 1.0
    day = counted_to(week, on)
    start, end = _period_bounds(period, day)
    elapsed = (min(day, end) - start).days + 1
    return elapsed / ((end - start).days + 1)


@lru_cache(maxsize=256)
def _decimals(value: float) -> int:
    for places in range(3):
        if abs(round(value, places) - value) < _EPSILON:
            return places
    return 3


def _round_half_up(value: float, places: int) -> float:
    # Not round(): banker's rounding would make 10.5 leads "10" but 11.5 "12".
    scale = 10**places
    return math.floor(value * scale + 0.5) / scale


def standing(team: Team, rep: Rep | str, metric: Metric, actual: float | None, week: str,
             on: date | None = None) -> Standing:
    """Where `rep` stands on `metric` in `week`, given the actual recorded (None: not yet), to the day
    the 1:1 is held (`on`: `one_on_one.held_on`; with none, the week's last working day)."""
    if isinstance(rep, str):
        rep = team.rep(rep)
    full = team.target_for(rep, metric)
    day = counted_to(week, on)
    fraction = period_fraction(metric.period, week, day)
    if metric.cumulative and metric.period is not Period.WEEK:
        # Rounded to the precision the target was written in: the manager asks about whole calls and
        # whole dollars, and the comparison must agree with the number shown ("10 of 10" is on target).
        target = _round_half_up(full * fraction, _decimals(full))
    else:
        target = full  # levels (quality metrics) are not pro-rated: a 45-day cycle is 45 days all month
    return Standing(metric=metric, full_target=full, target=target, actual=actual, period_fraction=fraction,
                    day=day)


def standings(team: Team, rep: Rep | str, session: Session | None, stage: Stage, week: str,
              on: date | None = None) -> list[Standing]:
    """Every metric of `stage`, in the team file's order, with the actuals `session` holds."""
    result = []
    for metric in team.metrics_in(stage):
        entry = session.entries.get(metric.id) if session is not None else None
        result.append(standing(team, rep, metric, entry.actual if entry else None, week, on))
    return result


def activity_folded(results: list[Standing], pipeline: list[Standing]) -> bool:
    """Activity stays folded only when every results and pipeline metric has an actual on target.

    A missing actual keeps Activity open: nobody can say the rep is on target yet. A stage with no
    metrics at all has nothing short, so it does not hold Activity open by itself; but with no
    results or pipeline metrics at all there is no evidence either way, and Activity stays open.
    """
    both = list(results) + list(pipeline)
    return bool(both) and all(s.on_target is True for s in both)


# ----- words ---------------------------------------------------------------------------------------


# The team file may name money by its ISO code; the manager says "$60,000", not "60,000 USD".
_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CNY": "¥",
                     "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "SGD": "S$", "HKD": "HK$", "BRL": "R$",
                     "MXN": "MX$"}
_CURRENCY_CODES = {"CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "ZAR", "AED", "ILS", "KRW", "TRY"}


@lru_cache(maxsize=256)
def money_prefix(unit: str) -> str | None:
    """What goes in front of an amount of money (`$`, `€`, `CHF `), or None when `unit` is not money."""
    unit = unit.strip()
    if unit.upper() in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[unit.upper()]
    if unit.upper() in _CURRENCY_CODES:
        return f"{unit.upper()} "
    if unit and unit != "%" and not any(ch.isalnum() for ch in unit):
        return unit  # a symbol: $, €, £
    return None


def _number(value: float, places: int) -> str:
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=4096)  # an export formats the same few thousand amounts ~100k times
def format_value(value: float, unit: str) -> str:
    """A number as a manager says it: `$38,500`, `18.5%`, `52 days`, `25` (no needless decimals)."""
    if not math.isfinite(value):
        return f"{value} {unit}".strip()
    unit = unit.strip()
    prefix = money_prefix(unit)
    if prefix is not None:
        whole = abs(round(value, 2) - round(value)) < _EPSILON
        # Money shows cents when it has any, and then both places: $12.50, never $12.5.
        digits = f"{abs(value):,.0f}" if whole else f"{abs(value):,.2f}"
        sign = "-" if value < 0 and digits.strip("0.,") else ""
        return f"{sign}{prefix}{digits}"
    number = _number(value, 2)
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}" if unit else number


@lru_cache(maxsize=256)
def _is_word_unit(unit: str) -> bool:
    return bool(unit) and unit != "%" and money_prefix(unit) is None


def _bare(value: float, unit: str) -> str:
    """The number with its money sign or percent, without a word unit already said once."""
    return format_value(value, "" if _is_word_unit(unit.strip()) else unit)


@lru_cache(maxsize=256)
def _names_the_unit(label: str, unit: str) -> bool:
    """Whether the label already says what is counted: "Prospecting calls" in calls, "Opportunities" in opps."""
    stem = unit.lower()[:3]
    return any(word.startswith(stem) for word in re.findall(r"\w+", label.lower()))


@lru_cache(maxsize=256)
def _phrase(label: str) -> str:
    """The label inside a sentence: `Closed-won revenue` → `closed-won revenue`, `SQLs` stays."""
    if len(label) > 1 and label[1].isupper():
        return label  # an acronym: lowering its first letter would garble it
    return label[:1].lower() + label[1:]


def _when(s: Standing) -> tuple[str, str]:
    """The period words for the question, and the whole-period target when it was pro-rated."""
    metric = s.metric
    if not metric.cumulative:
        return "", ""
    name = metric.period.value
    if metric.period is Period.WEEK or s.period_fraction >= 1.0:
        return f" this {name}", ""
    return f" so far this {name}", f" for the {name}"


def how_come(s: Standing) -> str | None:
    """The question for a gap, built from the numbers: "how come", never "why" (METHOD, article 000).

    None when there is nothing to ask: no actual yet, or on target.
    """
    if s.actual is None or s.on_target:
        return None
    metric = s.metric
    unit = metric.unit.strip()
    label = _phrase(metric.label)
    when, whole_period = _when(s)
    target = _bare(s.target, unit)
    if s.lower_is_better or not metric.cumulative:
        # A level (cycle length, win rate) is not "some of" its target: it is a value held against one.
        whole = f" ({_bare(s.full_target, unit)}{whole_period})" if whole_period else ""
        return f"How come the {label} is {format_value(s.actual, unit)}{when} against a target of {target}{whole}?"
    whole = f" (target {_bare(s.full_target, unit)}{whole_period})" if whole_period else ""
    if _is_word_unit(unit) and not _names_the_unit(metric.label, unit):
        label = f"{unit} of {label}"  # "12 of 20 hours of selling time"; not "calls of prospecting calls"
    return f"How come {_bare(s.actual, unit)} of {target} {label}{when}{whole}?"


_PLANS = {
    Diagnosis.EFFORT: "Plan the time: block it in the calendar, and reinforce why it matters.",
    Diagnosis.EXTERNAL: (
        "Check the territory, target or market with your own manager; adjust the target if it is wrong."
    ),
}


def plan_for(diagnosis: Diagnosis, skill: str = "") -> str:
    """The action plan a diagnosis leads to, aimed at the root cause (METHOD, articles 000 and 002)."""
    diagnosis = Diagnosis(diagnosis)
    if diagnosis is Diagnosis.EFFECTIVENESS:
        named = " ".join(skill.split()) or "name the skill"
        return f"Coach the skill: {named} — role-play it before the next 1:1."
    return _PLANS[diagnosis]


def results_attainment(team: Team, rep: Rep | str, session: Session | None, week: str,
                       on: date | None = None) -> float | None:
    """Mean attainment over the results metrics that have an actual (the dashboard's bar); None if none.

    Attainments are averaged as they are, so one metric far ahead can lift the bar over one short:
    the bar is a summary, and the meeting screen shows each metric on its own.
    """
    values = [s.attainment for s in standings(team, rep, session, Stage.RESULTS, week, on) if s.attainment is not None]
    if not values:
        return None
    return sum(values) / len(values)
