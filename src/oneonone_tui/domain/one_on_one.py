"""The 1:1's life-cycle, in one place: begin, start, finish, the next date, the rep's standing.

The dashboard, the meeting pane, the overview, the demo and the exports call these and re-derive
nothing. Pure: records in, records (or values) out; no disk, no UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from datetime import date, datetime, timedelta

from oneonone_tui.domain import escalation, followthrough, progression
from oneonone_tui.domain.escalation import EscalationState
from oneonone_tui.domain.records import Commitment, Session, SessionState
from oneonone_tui.domain.team import Escalation, Rep, Stage, Team
from oneonone_tui.domain.wording import plural
from oneonone_tui.domain.weeks import monday_of, week_of

# How far back a rep's history is read for their standing, open commitments and follow-through:
# the last 26 of their 1:1s (half a year of weekly 1:1s). A commitment still open is listed again in
# every later 1:1's review, so these hold every open one; and reading a five-year history at every
# start would cost the dashboard a second (260 weeks: 1.2 s measured). One horizon for every screen,
# so the dashboard, the pane, the `c` list and the history screen agree.
HISTORY_HORIZON = 26

# The last working day of a week (Friday): the day a 1:1 that was never held is counted to.
LAST_WORKING_DAY = 4


def begin(rep_id: str, week: str, earlier: Session | Iterable[Session] | None) -> Session:
    """A new 1:1 for `rep_id` in `week`: it reviews what is still open from the rep's earlier 1:1s
    (all of them, when given: skipped weeks lose nothing; or just the previous one)."""
    return Session(rep_id=rep_id, week=week, to_review=carried_over(earlier, week))


def carried_over(earlier: Session | Iterable[Session] | None, week: str | None = None) -> list[Commitment]:
    """What a new 1:1 verifies: the commitments still open after the rep's earlier 1:1s, oldest first.

    Given the previous 1:1 alone, what it left open; given the rep's history, derived from all of it."""
    if earlier is None:
        return []
    if isinstance(earlier, Session):
        return earlier.open_commitments()
    return [o.commitment for o in followthrough.open_commitments(earlier, before=week)]


def reviewing(session: Session, earlier: Iterable[Session]) -> list[followthrough.OpenCommitment]:
    """Bring a 1:1's review list up to date with the rep's history, and say what is open, oldest first.

    The list is derived each time the 1:1 is opened: a commitment added to an earlier week after
    this 1:1 began is reviewed too. What this 1:1 already reviews stays (with its verdicts)."""
    sessions = [s for s in earlier if s.week < session.week]
    owed = followthrough.open_commitments(sessions, before=session.week)
    known = {c.id for c in session.to_review}
    session.to_review.extend(o.commitment for o in owed if o.id not in known)
    by_id = {o.id: o for o in owed}
    return [by_id.get(c.id) or followthrough.OpenCommitment(rep_id=session.rep_id, commitment=c, due=c.due)
            for c in session.to_review]


def open_commitments(session: Session | None, previous: Session | None) -> list[Commitment]:
    """What the rep owes as of this week: after this week's 1:1 if there is one, else what it will review."""
    return session.open_commitments() if session is not None else carried_over(previous)


def start(session: Session, now: datetime) -> None:
    """The manager began this 1:1 (idempotent: the first start time is kept)."""
    if session.state is SessionState.NOT_STARTED:
        session.state = SessionState.IN_PROGRESS
    if session.started_at is None:
        session.started_at = now


def finish(session: Session, now: datetime) -> None:
    session.state = SessionState.DONE
    session.started_at = session.started_at or now
    session.finished_at = now


def held_on(session: Session | None, week: str, today: date) -> date:
    """The day a 1:1 of `week` is (or was) held: the day it started; else today when `week` is this
    week; else the week's last working day."""
    if session is not None and session.started_at is not None and week_of(session.started_at.date()) == week:
        return session.started_at.date()
    if week_of(today) == week:
        return today
    return monday_of(week) + timedelta(days=LAST_WORKING_DAY)


def next_one_on_one(held: date) -> date:
    """The rhythm is weekly: the next 1:1 is a week after this one (a commitment with no date is due then)."""
    return held + timedelta(weeks=1)


def recent(history: Iterable[Session]) -> list[Session]:
    """The rep's 1:1s the rules read (most recent first, at most `HISTORY_HORIZON`)."""
    return list(islice(history, HISTORY_HORIZON))


def standing(current: Session | None, history: Iterable[Session], rules: Escalation) -> EscalationState:
    """A rep's escalation level and recognition in a week: `current` is that week's 1:1 (or None),
    `history` their earlier 1:1s, most recent first (read lazily: the level needs the window, the
    kept streak as far back as the last miss, within `HISTORY_HORIZON`)."""
    def newest_first() -> Iterable[Session]:
        if current is not None:
            yield current
        yield from islice(history, HISTORY_HORIZON)

    return escalation.assess(newest_first(), rules)


def is_untouched(session: Session) -> bool:
    """Nothing typed or picked in this 1:1: no actual, answer, diagnosis, verdict, commitment, note.

    Opening a 1:1 and leaving without a keystroke leaves nothing behind: such a session is not saved
    (the pane calls `start` on the first edit only) and never weighs in escalation.
    """
    if session.commitments or session.shared_notes.strip() or session.private_notes.strip():
        return False
    if session.level_override is not None:  # the manager held or lowered the level, with a reason
        return False
    if any(e.actual is not None or e.answer.strip() or e.diagnosis is not None or e.skill.strip()
           for e in session.entries.values()):
        return False
    return not any(r.verdict is not None or r.outcome.strip() for r in session.reviews.values())


def missing(team: Team, rep: Rep | str, session: Session, today: date) -> list[str]:
    """What finishing this 1:1 would leave undone, in words the finish question lists:
    `["2 gaps without an answer", "1 answer not diagnosed", "no commitment for next week"]`.

    A gap is a metric short of its target to date (to the day the 1:1 is held); results and pipeline
    metrics with no actual are counted too, as are last week's commitments not judged.
    """
    held = held_on(session, session.week, today)
    unanswered = undiagnosed = 0
    for metric in team.metrics:
        entry = session.entries.get(metric.id)
        actual = entry.actual if entry is not None else None
        s = progression.standing(team, rep, metric, actual, session.week, held)
        if progression.how_come(s) is None:
            continue
        if not entry.answer.strip():
            unanswered += 1
        elif entry.diagnosis is None:
            undiagnosed += 1
    no_actual = sum(1 for m in team.metrics if m.stage is not Stage.ACTIVITY
                    and (session.entries.get(m.id) is None or session.entries[m.id].actual is None))
    unjudged = sum(1 for c in session.to_review if session.verdict_for(c.id) is None)
    parts = []
    if no_actual:
        parts.append(f"{plural(no_actual, 'actual')} not entered")
    if unanswered:
        parts.append(f"{plural(unanswered, 'gap')} without an answer")
    if undiagnosed:
        parts.append(f"{plural(undiagnosed, 'answer')} not diagnosed")
    if unjudged:
        parts.append(f"{plural(unjudged, 'earlier commitment')} not judged")
    if not session.commitments:
        parts.append("no commitment for next week")
    return parts


def open_gaps(team: Team, rep: Rep | str, session: Session, today: date) -> int:
    """Gaps (metrics short of target) still without an answer or a diagnosis: the dashboard counts them."""
    held = held_on(session, session.week, today)
    count = 0
    for metric in team.metrics:
        entry = session.entries.get(metric.id)
        if entry is None or entry.actual is None:
            continue
        s = progression.standing(team, rep, metric, entry.actual, session.week, held)
        if progression.how_come(s) is not None and (not entry.answer.strip() or entry.diagnosis is None):
            count += 1
    return count
