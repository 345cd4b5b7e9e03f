"""Consequences from the review history: progressive, consistent, known in advance; and recognition.

METHOD (article 002): missing once → extra coaching or a tighter follow-up plan; the same misses
over several weeks → a performance improvement process; the rules are the same for every rep and
visible before they apply; kept commitments and improvement are recognised. Nothing here looks at
who the rep is: the outcome is a function of the verdicts and the team's rules alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, islice

from oneonone_tui.domain.records import Owner, Session, SessionState, Verdict
from oneonone_tui.domain.team import Escalation
from oneonone_tui.domain.wording import plural

# A kept streak this long is worth saying out loud in the 1:1.
RECOGNITION_STREAK = 3
# A partly kept commitment is half a miss: something happened, and something did not.
PARTLY_WEIGHT = 0.5


class Level(StrEnum):
    CLEAR = "clear"
    COACHING = "coaching"  # missed once: extra coaching, a tighter follow-up plan
    PIP = "pip"  # the same misses over several weeks: a performance improvement process


@dataclass(frozen=True)
class EscalationState:
    level: Level
    missed_weeks: float  # 1:1s in the window with a miss; a week with only partly kept ones counts half
    kept_streak: int  # rep commitments kept in a row, counting back from the latest verdict
    reason: str  # plain words the manager can read out
    recognition: str | None = None  # something to say out loud, when there is something


def _rep_verdicts(session: Session) -> list[Verdict]:
    """The verdicts on the rep's own commitments: the manager's misses never escalate the rep."""
    owners = {c.id: c.owner for c in session.to_review}
    verdicts = []
    for commitment_id, review in session.reviews.items():
        if review.verdict is None:
            continue  # the outcome is written but no verdict picked yet: not a judgement
        # A review whose commitment is not in to_review defaults to the rep, as Commitment does.
        if owners.get(commitment_id, Owner.REP) is Owner.REP:
            verdicts.append(review.verdict)
    return verdicts


def miss_weight(session: Session) -> float:
    """How much of a missed week this 1:1 is: 1 with any not kept, 0.5 with only partly, else 0."""
    verdicts = _rep_verdicts(session)
    if Verdict.NOT_KEPT in verdicts:
        return 1.0
    if Verdict.PARTLY in verdicts:
        return PARTLY_WEIGHT
    return 0.0


def counts_for_escalation(session: Session) -> bool:
    """A 1:1 weighs on a rep's standing once it was finished or a verdict was given in it.

    A 1:1 not started, or just opened with nothing judged yet, must neither push older misses out
    of the window nor look like a clean week.
    """
    if session.state is SessionState.DONE:
        return True
    if session.state is SessionState.NOT_STARTED:
        return False
    return any(review.verdict is not None for review in session.reviews.values())


def _counted(history: Iterable[Session]) -> Iterator[Session]:
    """The 1:1s that count, most recent first. A list is sorted here (ISO week keys sort as dates
    do); any other iterable must already be most recent first, and is read only as far as needed."""
    if isinstance(history, (list, tuple)):
        history = sorted(history, key=lambda s: s.week, reverse=True)
    return (s for s in history if counts_for_escalation(s))


def _kept_streak(sessions: Iterable[Session]) -> tuple[int, bool]:
    """Kept rep commitments in a row from the latest verdict back, and whether a miss ended the run.

    Verdicts given in one 1:1 are simultaneous, so a 1:1 with any miss ends the streak as a whole.
    Reads `sessions` only as far back as the last miss.
    """
    streak = 0
    for session in sessions:
        verdicts = _rep_verdicts(session)
        if any(v is not Verdict.KEPT for v in verdicts):
            return streak, True
        streak += len(verdicts)
    return streak, False


def assess(history: Iterable[Session], rules: Escalation) -> EscalationState:
    """Where one rep stands under the team's rules, from their 1:1s (most recent first).

    A missed week is a 1:1 in which any of the rep's own commitments was judged not kept; a 1:1
    with partly kept ones and none missed counts as half a missed week. Only the latest
    `rules.window_weeks` 1:1s that count (:func:`counts_for_escalation`) make the level; the kept
    streak looks back through `history` as far as the last miss.
    """
    counted = _counted(history)
    window = list(islice(counted, rules.window_weeks))
    missed = float(sum(miss_weight(s) for s in window))
    span = f"the last {plural(len(window), '1:1')}" if len(window) != 1 else "the last 1:1"

    if missed >= rules.pip_after_misses:
        level = Level.PIP
        reason = (f"{plural(missed, 'missed week')} in {span}: the same misses over several weeks, "
                  f"so a performance improvement process (it starts at {rules.pip_after_misses}).")
    elif missed >= rules.coaching_after_misses:
        level = Level.COACHING
        reason = (f"{plural(missed, 'missed week')} in {span}: extra coaching and a tighter follow-up plan "
                  f"(a performance improvement process at {rules.pip_after_misses}).")
    elif missed > 0:
        level = Level.CLEAR
        reason = (f"{plural(missed, 'missed week')} in {span}, partly kept counting half: "
                  f"coaching starts at {rules.coaching_after_misses}.")
    elif window:
        level = Level.CLEAR
        reason = f"No missed commitments in {span}."
    else:
        level = Level.CLEAR
        reason = "No commitments reviewed yet."

    streak, ended_by_miss = _kept_streak(chain(window, counted))
    recognition = None
    if streak >= RECOGNITION_STREAK:
        recognition = f"Kept {streak} commitments in a row — say so."
    elif streak and ended_by_miss:
        # Improvement counts too: clean weeks after a miss are worth naming before they make a streak.
        recognition = "Every commitment kept since the last miss — say so."
    return EscalationState(level=level, missed_weeks=missed, kept_streak=streak, reason=reason,
                           recognition=recognition)


def rules_text(rules: Escalation) -> str:
    """The rules as the manager sees them before they apply: the same for every rep."""
    window = f"the last {plural(rules.window_weeks, '1:1')}" if rules.window_weeks != 1 else "the last 1:1"
    lines = [
        "The same rules for every rep, applied to their own commitments:",
        "- A 1:1 where any of the rep's commitments was not kept is a missed week; "
        "one with only partly kept ones counts half.",
    ]
    if rules.coaching_after_misses < rules.pip_after_misses:
        lines.append(f"- {plural(rules.coaching_after_misses, 'missed week')} in {window}: "
                     "extra coaching and a tighter follow-up plan.")
    lines.append(f"- {plural(rules.pip_after_misses, 'missed week')} in {window}: a performance improvement process.")
    lines.append(f"- {RECOGNITION_STREAK} or more commitments kept in a row, or a clean week after a miss: "
                 "recognise it.")
    return "\n".join(lines)
