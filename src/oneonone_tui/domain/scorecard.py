"""The manager's scorecard: what the 1:1s add up to over weeks, and the signs the system is turning unhealthy.

METHOD measures the manager too, and says to use data to inspect, not assume. From a team and its 1:1s
over a period (`weeks`, default 13, ending at `week`):

* 1:1s held ÷ due this week, over the last 4 weeks and over the period; the weeks where every rep had
  one; where that stands against the 79% completion line the articles cite;
* the share of reps at or above their results target, week by week, with its trend;
* follow-through: commitments kept ÷ judged, for the reps and separately for the manager's own (`@me`);
* the mix of diagnoses (effort / effectiveness / external); reps per escalation level (from
  `one_on_one.standing`: never re-derived here); coaching activities per rep;
* signals, each only when the data shows it and with the numbers behind it.

Pure: records and a session reader in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from typing import Protocol

from oneonone_tui.domain import one_on_one, progression
from oneonone_tui.domain._record import record
from oneonone_tui.domain.coaching import Activity, ActivityKind, counts_per_rep
from oneonone_tui.domain.escalation import LEVEL_SHORT, Level
from oneonone_tui.domain.records import Diagnosis, Owner, Session, SessionState, Verdict
from oneonone_tui.domain.team import Stage, Team
from oneonone_tui.domain.weeks import shift
from oneonone_tui.domain.wording import plural

# The articles: teams completing at least 79% of their 1:1s improved; those below did not.
COMPLETION_LINE = 0.79
DEFAULT_WEEKS = 13
RECENT_WEEKS = 4
# A trend under one percentage point a week either way is flat.
FLAT_TREND = 0.01
# Activity up while results flat: activity attainment up by this much (0.15 = 15 points of target)...
ACTIVITY_RISE = 0.15
# ... while results moved less than this (up) between the two halves of the period.
RESULTS_FLAT = 0.05
MIN_WEEKS_PER_HALF = 2
# Uneven standards: verdicts left unpicked for some reps (at least this share) and not for others (at most).
UNEVEN_HIGH = 0.5
UNEVEN_LOW = 0.1
MIN_REVIEWS = 3
# Policing the data: Activity opened by hand, or Activity commitments, in most 1:1s / commitments.
POLICING_SHARE = 0.5
MIN_HELD = 4
MIN_COMMITMENTS = 4
# Commitments never reviewed: this many, or this share of those that should have been.
NEVER_REVIEWED_COUNT = 3
NEVER_REVIEWED_SHARE = 0.25


class SessionReader(Protocol):
    def week(self, week: str) -> dict[str, Session]: ...
    def iter_history(self, rep_id: str, before: str) -> Iterator[Session]: ...


@record(frozen=True)
class Ratio:
    """So many done of so many due (1:1s held, commitments kept)."""

    done: float
    due: float

    @property
    def share(self) -> float | None:
        return self.done / self.due if self.due else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.done + other.done, self.due + other.due)

    def text(self) -> str:
        share = self.share
        done = f"{self.done:g}"
        return f"{done}/{self.due:g}" + (f" ({share:.0%})" if share is not None else "")


@record(frozen=True)
class WeekResults:
    """How many reps met their results target in one week, of those with results recorded."""

    week: str
    at_target: int  # reps at or above their results target
    measured: int  # reps with results actuals that week

    @property
    def share(self) -> float | None:
        return self.at_target / self.measured if self.measured else None


@record(frozen=True)
class Signal:
    """A sign that the 1:1 system is turning unhealthy, in plain words with its numbers."""

    kind: str  # "activity_up_results_flat", "uneven_standards", "policing_activity", "never_reviewed"
    text: str  # plain words with the numbers behind it
    rep_id: str | None = None


@record(frozen=True)
class Scorecard:
    """The manager's own scorecard over a span of weeks: 1:1s held, results, follow-through, levels, signals."""

    team: str
    manager: str
    week: str  # the period's last week
    weeks: tuple[str, ...]  # oldest first
    reps: int
    held_this_week: Ratio
    held_recent: Ratio  # the last RECENT_WEEKS weeks
    held_period: Ratio
    full_weeks: int  # weeks where every rep had a 1:1
    results: tuple[WeekResults, ...]
    results_trend: float | None  # change in the at-target share per week (least squares), None: too few weeks
    follow_through_reps: Ratio  # kept (partly counts half) ÷ judged
    follow_through_manager: Ratio
    diagnoses: dict[Diagnosis, int]
    levels: dict[Level, int]
    activities: dict[str, dict[ActivityKind, int]]  # rep id -> kind -> count
    signals: tuple[Signal, ...] = field(default=())

    @property
    def meets_completion_line(self) -> bool | None:
        share = self.held_period.share
        return None if share is None else share >= COMPLETION_LINE

    @property
    def trend_word(self) -> str:
        if self.results_trend is None:
            return "too few weeks"
        if abs(self.results_trend) < FLAT_TREND:
            return "flat"
        return "rising" if self.results_trend > 0 else "falling"


def _held(session: Session | None) -> bool:
    return session is not None and session.state is SessionState.DONE


def _slope(points: Sequence[tuple[int, float]]) -> float | None:
    if len(points) < 3:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    if not var:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _stage_attainment(team: Team, rep_id: str, session: Session, stage: Stage) -> float | None:
    return _mean(s.attainment for s in progression.standings(team, rep_id, session, stage, session.week)
                 if s.attainment is not None)


def build(team: Team, reader: SessionReader, week: str, weeks: int = DEFAULT_WEEKS,
          activities: Iterable[Activity] = ()) -> Scorecard:
    """The scorecard of the `weeks` ISO weeks ending with `week`."""
    period = tuple(shift(week, -offset) for offset in range(weeks - 1, -1, -1))
    by_week = {w: reader.week(w) for w in period}
    rep_ids = [rep.id for rep in team.reps]
    recent = set(period[-RECENT_WEEKS:])

    def held_in(ws: Iterable[str]) -> Ratio:
        ws = list(ws)
        return Ratio(sum(1 for w in ws for r in rep_ids if _held(by_week[w].get(r))), len(ws) * len(rep_ids))

    full = sum(1 for w in period if rep_ids and all(_held(by_week[w].get(r)) for r in rep_ids))

    results = []
    for w in period:
        attainments = [progression.results_attainment(team, r, by_week[w].get(r), w) for r in rep_ids
                       if by_week[w].get(r) is not None]
        measured = [a for a in attainments if a is not None]
        results.append(WeekResults(w, sum(1 for a in measured if progression.band(a) is progression.Band.ON),
                                   len(measured)))
    trend = _slope([(i, r.share) for i, r in enumerate(results) if r.share is not None])

    kept = {Owner.REP: 0.0, Owner.MANAGER: 0.0}
    judged = {Owner.REP: 0, Owner.MANAGER: 0}
    diagnoses = {d: 0 for d in Diagnosis}
    for w in period:
        for session in by_week[w].values():
            owners = {c.id: c.owner for c in session.to_review}
            for commitment_id, review in session.reviews.items():
                if review.verdict is None:
                    continue
                owner = owners.get(commitment_id, Owner.REP)
                judged[owner] += 1
                kept[owner] += {Verdict.KEPT: 1.0, Verdict.PARTLY: 0.5, Verdict.NOT_KEPT: 0.0}[review.verdict]
            for entry in session.entries.values():
                if entry.diagnosis is not None:
                    diagnoses[entry.diagnosis] += 1

    levels = {level: 0 for level in Level}
    for rep_id in rep_ids:
        state = one_on_one.standing(by_week[week].get(rep_id), reader.iter_history(rep_id, week), team.escalation)
        levels[state.level] += 1

    in_period = [a for a in activities if a.week in set(period)]
    card = Scorecard(
        team=team.name, manager=team.manager, week=week, weeks=period, reps=len(rep_ids),
        held_this_week=held_in([week]), held_recent=held_in(w for w in period if w in recent),
        held_period=held_in(period), full_weeks=full, results=tuple(results), results_trend=trend,
        follow_through_reps=Ratio(kept[Owner.REP], judged[Owner.REP]),
        follow_through_manager=Ratio(kept[Owner.MANAGER], judged[Owner.MANAGER]),
        diagnoses=diagnoses, levels=levels, activities=counts_per_rep(team, in_period),
    )
    signals = (_activity_up_results_flat(team, period, by_week) + _uneven_standards(team, period, by_week)
               + _policing_activity(team, period, by_week) + _never_reviewed(team, period, by_week))
    return Scorecard(**{**card.__dict__, "signals": tuple(signals)})


# --- signals ----------------------------------------------------------------------------------------


def _activity_up_results_flat(team: Team, period: tuple[str, ...], by_week) -> list[Signal]:
    """A rep whose activity attainment rose while results did not: optimising for the metric."""
    signals = []
    half = len(period) // 2
    halves = (period[:half], period[half:])
    for rep in team.reps:
        sides = []
        for ws in halves:
            pairs = []
            for w in ws:
                session = by_week[w].get(rep.id)
                if session is None:
                    continue
                activity = _stage_attainment(team, rep.id, session, Stage.ACTIVITY)
                results = progression.results_attainment(team, rep, session, w)
                if activity is not None and results is not None:
                    pairs.append((activity, results))
            sides.append(pairs)
        if any(len(pairs) < MIN_WEEKS_PER_HALF for pairs in sides):
            continue
        (act_1, res_1), (act_2, res_2) = ((_mean(a for a, _ in p), _mean(r for _, r in p)) for p in sides)
        if act_2 - act_1 >= ACTIVITY_RISE and res_2 - res_1 < RESULTS_FLAT:
            signals.append(Signal("activity_up_results_flat", (
                f"{rep.name}: activity up from {act_1:.0%} to {act_2:.0%} of target ({halves[0][0]}–{halves[0][-1]} "
                f"vs {halves[1][0]}–{halves[1][-1]}) while results went {res_1:.0%} → {res_2:.0%}: optimising for "
                "the metric? Ask what the extra activity is for."), rep.id))
    return signals


def _uneven_standards(team: Team, period: tuple[str, ...], by_week) -> list[Signal]:
    """Escalation held down by hand for some reps and not others.

    No escalation override is recorded in the 1:1s yet, so this reads what is stored: in finished 1:1s,
    the carried-over commitments left without a verdict (an unjudged commitment cannot escalate). Some
    reps with most of theirs left unjudged while others have nearly all judged is an uneven standard.
    """
    shares: dict[str, tuple[int, int]] = {}
    for rep in team.reps:
        unjudged = total = 0
        for w in period:
            session = by_week[w].get(rep.id)
            if not _held(session):
                continue
            for commitment in session.to_review:
                if commitment.owner is not Owner.REP:
                    continue
                total += 1
                unjudged += session.verdict_for(commitment.id) is None
        if total >= MIN_REVIEWS:
            shares[rep.id] = (unjudged, total)
    lenient = {r: s for r, s in shares.items() if s[0] / s[1] >= UNEVEN_HIGH}
    strict = {r: s for r, s in shares.items() if s[0] / s[1] <= UNEVEN_LOW}
    if not lenient or not strict:
        return []
    names = {rep.id: rep.name for rep in team.reps}
    left = "; ".join(f"{names[r]} {u} of {t} left unjudged" for r, (u, t) in lenient.items())
    judged = "; ".join(f"{names[r]} {t - u} of {t} judged" for r, (u, t) in strict.items())
    return [Signal("uneven_standards", (
        f"Uneven standards: {left}, while {judged}. An unjudged commitment never escalates, so the same rules "
        "are not applied to everyone (read from verdicts left unpicked in finished 1:1s: escalation overrides "
        "are not recorded yet)."))]


def _policing_activity(team: Team, period: tuple[str, ...], by_week) -> list[Signal]:
    """1:1s spent in Activity: opened by hand when results and pipeline did not call for it, or most
    commitments about activity. (Time per section is not recorded: this reads what is.)"""
    held = opened = 0
    activity_ids = {m.id for m in team.metrics_in(Stage.ACTIVITY)}
    commitments = about_activity = 0
    for w in period:
        for rep_id, session in by_week[w].items():
            if not _held(session):
                continue
            held += 1
            results = progression.standings(team, rep_id, session, Stage.RESULTS, w)
            pipeline = progression.standings(team, rep_id, session, Stage.PIPELINE, w)
            if session.activity_opened and progression.activity_folded(results, pipeline):
                opened += 1
            for commitment in session.commitments:
                commitments += 1
                if commitment.stage == Stage.ACTIVITY.value or commitment.metric_id in activity_ids:
                    about_activity += 1
    signals = []
    if held >= MIN_HELD and opened / held >= POLICING_SHARE:
        signals.append(Signal("policing_activity", (
            f"Activity opened by hand in {opened} of {held} 1:1s where results and pipeline were on target: "
            "policing the data? Spend the time where the gap is.")))
    if commitments >= MIN_COMMITMENTS and about_activity / commitments >= POLICING_SHARE:
        signals.append(Signal("policing_activity", (
            f"{about_activity} of {commitments} commitments are about Activity: the 1:1s are checking inputs "
            "more than moving results and pipeline.")))
    return signals


def _never_reviewed(team: Team, period: tuple[str, ...], by_week) -> list[Signal]:
    """Commitments made in a 1:1 that a later finished 1:1 of the same rep never judged."""
    made = 0
    never = []
    for rep in team.reps:
        held_weeks = [w for w in period if _held(by_week[w].get(rep.id))]
        judged = {cid for w in period for cid, review in (by_week[w].get(rep.id).reviews.items()
                                                          if by_week[w].get(rep.id) else [])
                  if review.verdict is not None}
        for w in held_weeks:
            later = [x for x in held_weeks if x > w]
            if not later:
                continue  # no later 1:1 yet: not reviewable
            for commitment in by_week[w][rep.id].commitments:
                made += 1
                if commitment.id not in judged:
                    never.append((rep.name, w, commitment.text))
    if not never or (len(never) < NEVER_REVIEWED_COUNT and len(never) / made < NEVER_REVIEWED_SHARE):
        return []
    oldest = min(never, key=lambda item: item[1])
    return [Signal("never_reviewed", (
        f"{plural(len(never), 'commitment')} of {made} made in {period[0]}–{period[-1]} were never judged at a "
        f"later 1:1 (oldest: {oldest[0]}, {oldest[1]}: {oldest[2]!r}). Commitments nobody checks stop being made "
        "in earnest."))]


# --- in words ---------------------------------------------------------------------------------------


def latest_results(card: Scorecard) -> str:
    measured = [r for r in card.results if r.measured]
    if not measured:
        return "—"
    last = measured[-1]
    return f"{last.at_target}/{last.measured} ({last.share:.0%}) {card.trend_word}"


def summary_lines(card: Scorecard, rep_names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The scorecard in words, as (label, value) lines: the report's table and markdown and the `s` screen."""
    line = card.meets_completion_line
    against = ("—" if line is None else
               f"{'at or above' if line else 'BELOW'} the {COMPLETION_LINE:.0%} line that separates teams that improve")
    rows = [
        ("1:1s held this week", card.held_this_week.text()),
        ("1:1s held, last 4 weeks", card.held_recent.text()),
        (f"1:1s held, last {len(card.weeks)} weeks", card.held_period.text() + f" — {against}"),
        ("Weeks every rep had one", f"{card.full_weeks} of {len(card.weeks)}"),
        ("Reps at results target (latest week)", latest_results(card)),
        ("Reps at target, week by week",
         " ".join("—" if r.share is None else f"{r.share:.0%}" for r in card.results)),
        ("Follow-through, reps (kept ÷ judged)", card.follow_through_reps.text()),
        ("Follow-through, your @me", card.follow_through_manager.text()),
        ("Diagnoses", ", ".join(f"{d.value} {card.diagnoses[d]}" for d in Diagnosis)),
        ("Reps per escalation level", ", ".join(f"{LEVEL_SHORT[level]} {card.levels[level]}" for level in Level)),
    ]
    names = rep_names or {}
    per_rep = [f"{names.get(rep, rep)} {'/'.join(str(kinds[k]) for k in ActivityKind)}"
               for rep, kinds in card.activities.items() if sum(kinds.values())]
    rows.append(("Coaching (pre-brief/debrief/ride-along)",
                 "; ".join(per_rep) if per_rep else "none logged (l on the dashboard)"))
    return rows
