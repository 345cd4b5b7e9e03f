"""Follow-through: what a rep still owes, from their whole history, and how well they keep their word.

METHOD: "if a rep says they will re-engage five stalled opportunities by Friday, the next meeting
should confirm whether that happened." A commitment belongs to the rep, not to a session: what is
open is derived from every 1:1 each time (a skipped week loses nothing; a commitment added to an
earlier week later is still reviewed). A partly or not kept commitment carried forward to a new due
date stays one commitment with its history of dates and verdicts. Pure: sessions in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from oneonone_tui.domain._record import record
from oneonone_tui.domain.records import Commitment, Level, Owner, Review, Session, Verdict
from oneonone_tui.domain.weeks import monday_of


@record(frozen=True, slots=True)
class Step:
    """One verdict on a commitment: in which 1:1, what it was due by then, and what came of it."""

    week: str
    due: date
    verdict: Verdict
    carried_to: date | None = None
    achieved: float | None = None


@record(frozen=True, slots=True)
class OpenCommitment:
    """A commitment still owed: as made, due now at `due` (later than made when carried forward)."""

    rep_id: str
    commitment: Commitment
    due: date
    steps: tuple[Step, ...] = ()  # earlier verdicts, oldest first (carried forward each time)

    @property
    def id(self) -> str:
        return self.commitment.id

    @property
    def mine(self) -> bool:
        """The manager's own (`@me`): reviewed too, in its own list."""
        return self.commitment.owner is Owner.MANAGER

    def overdue(self, on: date) -> bool:
        """The due date passed before `on` (the day of the 1:1 that reviews it)."""
        return self.due < on

    def days_overdue(self, on: date) -> int:
        return max(0, (on - self.due).days)

    def dates(self) -> tuple[date, ...]:
        """Every due date it had, first to current."""
        return (self.commitment.due, *(s.carried_to for s in self.steps if s.carried_to is not None))


def propose_verdict(promised: float | None, achieved: float | None) -> Verdict | None:
    """The verdict the numbers suggest: all of it kept, some of it partly, none not kept (5/5, 3/5, 0/5)."""
    if promised is None or achieved is None:
        return None
    if achieved >= promised:
        return Verdict.KEPT
    if achieved <= 0:
        return Verdict.NOT_KEPT
    return Verdict.PARTLY


def closes(verdict: Verdict | None, carried_to: date | None) -> bool:
    """Whether a verdict closes the commitment: kept does; partly or not kept does unless carried forward."""
    if verdict is None:
        return False
    return verdict is Verdict.KEPT or carried_to is None


def closing_note(verdict: Verdict | None, carried_to: date | None) -> str:
    """What the pane says about a verdict, so nothing is closed silently."""
    if verdict is None:
        return ""
    if verdict is Verdict.KEPT:
        return "closed: kept"
    if carried_to is not None:
        return f"carried forward to {carried_to:%a %d %b}: still open"
    word = "partly kept" if verdict is Verdict.PARTLY else "not kept"
    return f"closed as {word} (press c to carry it forward and keep it open)"


def carry_date(text: str, held: date, next_one: date) -> tuple[date | None, str]:
    """The new due date typed (`due:fri`, `fri`, `+1w`, `2026-12-04`), read from the day of this 1:1;
    empty: the next 1:1. (date, "") or (None, what is wrong, in one line)."""
    from oneonone_tui.domain.commitments import parse_due
    from oneonone_tui.domain.wording import visible

    value = text.strip()
    if value.lower().startswith("due:"):
        value = value[4:].strip()
    if not value:
        return next_one, ""
    due = parse_due(value, held)
    if due is None:
        return None, f"“{visible(value)}” is not a date: write fri, +1w, 12-04 or 2026-12-04 (empty: the next 1:1)"
    if due < held:
        return None, f"{due:%a %d %b} is before this 1:1 ({held:%a %d %b}): carry it to a later date"
    return due, ""


def _oldest_first(sessions: Iterable[Session]) -> list[Session]:
    return sorted(sessions, key=lambda s: s.week)


def open_commitments(sessions: Iterable[Session], *, before: str | None = None,
                     through: str | None = None) -> list[OpenCommitment]:
    """Every commitment a rep still owes, oldest first, from their 1:1s.

    `before`: as a 1:1 of that week begins (its own verdicts and commitments not counted);
    `through`: after the 1:1 of that week (its verdicts close, its commitments are owed).
    """
    made: dict[str, tuple[str, Commitment]] = {}
    order: list[str] = []
    steps: dict[str, list[Step]] = {}
    for session in _oldest_first(sessions):
        if before is not None and session.week >= before:
            continue
        if through is not None and session.week > through:
            continue
        known = {c.id: c for c in session.to_review}
        for commitment_id, review in session.reviews.items():
            if review.verdict is None:
                continue
            if commitment_id not in made and commitment_id in known:
                made[commitment_id] = (session.rep_id, known[commitment_id])
                order.append(commitment_id)
            if commitment_id not in made:
                continue
            due = _current_due(made[commitment_id][1], steps.get(commitment_id, []))
            steps.setdefault(commitment_id, []).append(
                Step(week=session.week, due=due, verdict=review.verdict, carried_to=review.carried_to,
                     achieved=review.achieved))
        for commitment in [*session.to_review, *session.commitments]:
            if commitment.id not in made:
                made[commitment.id] = (session.rep_id, commitment)
                order.append(commitment.id)
    result = []
    for commitment_id in order:
        rep_id, commitment = made[commitment_id]
        history = tuple(steps.get(commitment_id, ()))
        if history and closes(history[-1].verdict, history[-1].carried_to):
            continue
        result.append(OpenCommitment(rep_id=rep_id, commitment=commitment,
                                     due=_current_due(commitment, list(history)), steps=history))
    result.sort(key=lambda o: (o.commitment.made_week, o.commitment.due))  # stable: typed order within a week
    return result


def _current_due(commitment: Commitment, steps: list[Step]) -> date:
    for step in reversed(steps):
        if step.carried_to is not None:
            return step.carried_to
    return commitment.due


def history_of(commitment_id: str, sessions: Iterable[Session]) -> tuple[Step, ...]:
    """Every verdict a commitment has had, oldest first (for the history screen and the review line)."""
    result = []
    due: date | None = None
    for session in _oldest_first(sessions):
        for c in [*session.to_review, *session.commitments]:
            if c.id == commitment_id and due is None:
                due = c.due
        review = session.reviews.get(commitment_id)
        if review is not None and review.verdict is not None and due is not None:
            result.append(Step(week=session.week, due=due, verdict=review.verdict, carried_to=review.carried_to,
                               achieved=review.achieved))
            due = review.carried_to or due
    return tuple(result)


# --- follow-through rates -----------------------------------------------------------------------


@record(frozen=True, slots=True)
class Rate:
    """Rep commitments kept of those judged in a span (partly kept counts half)."""

    kept: int
    due: int  # rep commitments judged in the span

    @property
    def ratio(self) -> float | None:
        return self.kept / self.due if self.due else None

    def text(self) -> str:
        return "—" if self.ratio is None else f"{round(self.ratio * 100)}%"


def _weeks_back(week: str, weeks: int) -> str:
    """The first ISO week of a span of `weeks` ending with `week`."""
    from datetime import timedelta

    from oneonone_tui.domain.weeks import week_of

    return week_of(monday_of(week) - timedelta(weeks=weeks - 1))


def follow_through(sessions: Iterable[Session], *, until: str, weeks: int) -> Rate:
    """Kept ÷ due over the `weeks` ISO weeks ending with `until`: the rep's own commitments judged
    in those weeks (the manager's are never held against the rep)."""
    first = _weeks_back(until, weeks)
    kept = due = 0
    for session in sessions:
        if not first <= session.week <= until:
            continue
        owners = {c.id: c.owner for c in session.to_review}
        for commitment_id, review in session.reviews.items():
            if review.verdict is None or owners.get(commitment_id, Owner.REP) is not Owner.REP:
                continue
            due += 1
            kept += review.verdict is Verdict.KEPT
    return Rate(kept=kept, due=due)


def trend(sessions: list[Session], *, until: str, weeks: int = 4) -> str:
    """↑ / ↓ / → : the rate over the last `weeks` against the `weeks` before them; "" with nothing to compare."""
    now = follow_through(sessions, until=until, weeks=weeks).ratio
    before = follow_through(sessions, until=_weeks_back(until, weeks + 1), weeks=weeks).ratio
    if now is None or before is None:
        return ""
    if abs(now - before) < 0.05:
        return "→"
    return "↑" if now > before else "↓"


# --- urgency ------------------------------------------------------------------------------------

# How much the rep's level weighs on an overdue commitment: the closer to a PIP, the sooner.
LEVEL_WEIGHT = {Level.CLEAR: 1.0, Level.COACHING: 1.5, Level.FOLLOWUP: 2.0, Level.PIP: 3.0}


def urgency(item: OpenCommitment, today: date, level: Level) -> float:
    """Days overdue weighted by the rep's level; 0 when not yet due."""
    return item.days_overdue(today) * LEVEL_WEIGHT[level]


def by_urgency(items: Iterable[OpenCommitment], today: date,
               levels: Mapping[str, Level]) -> list[OpenCommitment]:
    """Overdue first, by days overdue weighted by the rep's level; then by due date, oldest first."""
    def key(item: OpenCommitment) -> tuple:
        level = levels.get(item.rep_id, Level.CLEAR)
        overdue = item.overdue(today)
        return (not overdue, -urgency(item, today, level), item.due, -level.rank, item.rep_id,
                item.commitment.made_week)

    return sorted(items, key=key)


def how_come(commitment: Commitment, review: Review | None) -> str:
    """The question a partly / not kept commitment asks, as a metric gap does:
    "How come 3 of the 5 were done, not all: re-engage 5 stalled opps?"."""
    if review is None or review.verdict not in (Verdict.PARTLY, Verdict.NOT_KEPT):
        return ""
    by = f" by {commitment.due:%A}"
    if commitment.number is not None and review.achieved is not None:
        done, of = _num(review.achieved), _num(commitment.number)
        return f"How come {done} of the {of} were done{by}? ({commitment.text})"
    if review.verdict is Verdict.PARTLY:
        return f"How come it was only partly done{by}? ({commitment.text})"
    return f"How come it did not happen{by}? ({commitment.text})"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- a rep's history, week by week --------------------------------------------------------------


@record(frozen=True, slots=True)
class WeekLine:
    """One week of a rep's history as the history screen shows it."""

    week: str
    held: bool  # a 1:1 was started or finished that week
    attainment: tuple[tuple[str, float | None], ...]  # (stage, mean attainment of its metrics with an actual)
    made: tuple[Commitment, ...]
    verdicts: tuple[tuple[Commitment, Verdict], ...]
    diagnoses: tuple[str, ...]
    level: Level
    override_reason: str = ""


@record(frozen=True, slots=True)
class RepHistory:
    """A rep's history as the history screen shows it: week lines, sparklines, follow-through, diagnoses."""

    lines: tuple[WeekLine, ...]  # newest first
    sparks: tuple[tuple[str, tuple[float, ...]], ...]  # (metric label, attainment per week oldest first)
    rate_4: Rate
    rate_12: Rate
    diagnosis_mix: tuple[tuple[str, int], ...]  # effort / effectiveness / external counts in the span
    recognition: tuple[str, ...] = ()  # what to say out loud, from the whole history (`recognitions`)


SPARK_CAP = 2.0  # a sparkline's bars are attainment, at most twice the target


def rep_history(team, rep_id: str, sessions: Iterable[Session], *, until: str, weeks: int = 12) -> RepHistory:
    """A rep's last `weeks` ISO weeks up to `until`: attainment per stage, commitments and verdicts,
    diagnoses, the level each week, a sparkline series per metric, follow-through and the diagnosis mix."""
    from oneonone_tui.domain import escalation, progression
    from oneonone_tui.domain.records import Diagnosis, SessionState
    from oneonone_tui.domain.team import Stage
    from oneonone_tui.domain.weeks import shift

    everything = sorted((s for s in sessions if s.week <= until), key=lambda s: s.week)
    by_week = {s.week: s for s in everything}
    span = [shift(until, -back) for back in range(weeks - 1, -1, -1)]  # oldest first
    lines = []
    mix = {d.value: 0 for d in Diagnosis}
    for week in span:
        session = by_week.get(week)
        attainment = []
        for stage in Stage:
            values = [s.attainment for s in progression.standings(team, rep_id, session, stage, week)
                      if s.attainment is not None and session is not None
                      and session.entries.get(s.metric.id) is not None
                      and session.entries[s.metric.id].actual is not None]
            attainment.append((stage.value, sum(values) / len(values) if values else None))
        known = {c.id: c for c in session.to_review} if session else {}
        verdicts = tuple((known[cid], r.verdict) for cid, r in (session.reviews.items() if session else ())
                         if r.verdict is not None and cid in known)
        diagnoses = []
        if session is not None:
            diagnoses = [e.diagnosis.value for e in session.entries.values() if e.diagnosis is not None]
            diagnoses += [r.diagnosis.value for r in session.reviews.values() if r.diagnosis is not None]
            for d in diagnoses:
                mix[d] += 1
        state = escalation.assess([s for s in everything if s.week <= week], team.escalation)
        lines.append(WeekLine(
            week=week, held=session is not None and session.state is not SessionState.NOT_STARTED,
            attainment=tuple(attainment), made=tuple(session.commitments) if session else (),
            verdicts=verdicts, diagnoses=tuple(diagnoses), level=state.level, override_reason=state.override_reason))
    sparks = []
    for metric in team.metrics:
        series = []
        for week in span:
            entry = by_week[week].entries.get(metric.id) if week in by_week else None
            standing = progression.standing(team, rep_id, metric, entry.actual if entry else None, week)
            # Capped at twice the target: one early-month week far ahead must not flatten the rest.
            series.append(min(SPARK_CAP, float(standing.attainment)) if entry and entry.actual is not None
                          and standing.attainment is not None else 0.0)
        sparks.append((metric.label, tuple(series)))
    return RepHistory(lines=tuple(reversed(lines)), sparks=tuple(sparks),
                      rate_4=follow_through(everything, until=until, weeks=4),
                      rate_12=follow_through(everything, until=until, weeks=12),
                      diagnosis_mix=tuple(mix.items()),
                      recognition=tuple(_say_out_loud(team, rep_id, everything)))


def _say_out_loud(team, rep_id: str, sessions: list[Session]) -> list[str]:
    """The kept streak (`escalation.assess`) and the numbers' recognition, for the history screen."""
    from oneonone_tui.domain import escalation

    streak = escalation.assess(sessions, team.escalation).recognition
    return ([streak] if streak else []) + recognitions(team, rep_id, sessions)


# --- recognition from any length of history -----------------------------------------------------

# A metric's mean attainment over the last weeks this much above the weeks before is worth naming.
IMPROVEMENT = 0.20
IMPROVEMENT_WEEKS = 4
# Back on target after at least this many weeks short.
SHORT_WEEKS = 2


def _held_day(session: Session) -> date | None:
    """The day a past 1:1 was held (its start, in its own week); None: the week's last working day."""
    from oneonone_tui.domain.weeks import week_of

    if session.started_at is not None and week_of(session.started_at.date()) == session.week:
        return session.started_at.date()
    return None


def improvement(team, rep_id: str, sessions: Iterable[Session], *, weeks: int = IMPROVEMENT_WEEKS,
                threshold: float = IMPROVEMENT) -> tuple[str, float] | None:
    """The pipeline or activity metric most improved: its mean attainment over the rep's last `weeks`
    1:1s with an actual against the `weeks` before them (`progression` makes a to-date count, a
    monthly target and a lower-is-better metric comparable). (label, rise) when it rose by
    `threshold` or more, else None. Needs 2 × `weeks` 1:1s with that metric recorded."""
    from oneonone_tui.domain import progression
    from oneonone_tui.domain.team import Stage

    newest_first = sorted(sessions, key=lambda s: s.week, reverse=True)
    best: tuple[str, float] | None = None
    for metric in team.metrics:
        if metric.stage not in (Stage.PIPELINE, Stage.ACTIVITY):
            continue
        series = []
        for session in newest_first:
            entry = session.entries.get(metric.id)
            if entry is None or entry.actual is None:
                continue
            value = progression.standing(team, rep_id, metric, entry.actual, session.week,
                                         _held_day(session)).attainment
            if value is not None:
                series.append(float(value))
            if len(series) == 2 * weeks:
                break
        if len(series) < 2 * weeks:
            continue
        now, before = sum(series[:weeks]) / weeks, sum(series[weeks:]) / weeks
        if before <= 0:
            continue
        rise = now / before - 1
        if rise >= threshold and (best is None or rise > best[1]):
            best = (metric.label, rise)
    return best


def back_on_target(team, rep_id: str, sessions: Iterable[Session], *, at_least: int = SHORT_WEEKS) -> int:
    """Weeks short before the latest 1:1 with results, when that one is back on target (results
    attainment ≥ 1.0 after `at_least` or more 1:1s in a row below it); 0 otherwise."""
    from oneonone_tui.domain import progression

    attainments = []
    for session in sorted(sessions, key=lambda s: s.week, reverse=True):
        value = progression.results_attainment(team, rep_id, session, session.week, _held_day(session))
        if value is None:
            continue  # no results recorded that week: neither short nor on target
        attainments.append(value)
        if len(attainments) > 1 and value >= 1.0:
            break
    if not attainments or attainments[0] < 1.0:
        return 0
    short = 0
    for value in attainments[1:]:
        if value >= 1.0:
            break
        short += 1
    return short if short >= at_least else 0


def recognitions(team, rep_id: str, sessions: Iterable[Session]) -> list[str]:
    """What to say out loud from the rep's numbers, any length of history back (the kept streak is
    `escalation.assess`'s): "Prospecting calls up 30% over 4 weeks", "Back on target after 3 weeks short"."""
    sessions = list(sessions)
    said = []
    weeks_short = back_on_target(team, rep_id, sessions)
    if weeks_short:
        said.append(f"Back on target after {weeks_short} weeks short")
    rise = improvement(team, rep_id, sessions)
    if rise is not None:
        label, by = rise
        said.append(f"{label} up {round(by * 100)}% over {IMPROVEMENT_WEEKS} weeks")
    return said
