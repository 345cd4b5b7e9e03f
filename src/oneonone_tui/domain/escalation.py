"""Consequences from the review history: progressive, consistent, known in advance; and recognition.

METHOD (article 002): missing once → extra coaching or a tighter follow-up plan; the same misses
over several weeks → a performance improvement process; the rules are the same for every rep and
visible before they apply; kept commitments and improvement are recognised. Nothing here looks at
who the rep is: the outcome is a function of the verdicts and the team's rules alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice

from oneonone_tui.domain._record import record
from oneonone_tui.domain.records import Level, Owner, Session, SessionState, Verdict
from oneonone_tui.domain.team import Escalation
from oneonone_tui.domain.wording import plural

# A kept streak this long is worth saying out loud in the 1:1.
RECOGNITION_STREAK = 3
# A partly kept commitment is half a miss: something happened, and something did not.
PARTLY_WEIGHT = 0.5


__all__ = ["Level", "EscalationState", "assess", "miss_weight", "counts_for_escalation", "rules_text",
           "LEVEL_LABEL", "LEVEL_SHORT", "override_issue"]

# The ladder in the words the manager reads (pane, dashboard, history, help).
LEVEL_LABEL = {
    Level.CLEAR: "On track",
    Level.COACHING: "Extra coaching",
    Level.FOLLOWUP: "Tighter follow-up plan (mid-week check-in)",
    Level.PIP: "Performance plan",
}


@record(frozen=True)
class EscalationState:
    """Where a rep stands on the escalation ladder, why, and what to say about it."""

    level: Level
    missed_weeks: float  # 1:1s in the window with a miss; a week with only partly kept ones counts half
    kept_streak: int  # rep commitments kept in a row, counting back from the latest verdict
    reason: str  # plain words the manager can read out
    recognition: str | None = None  # something to say out loud, when there is something
    moved_by: str = ""  # what moved the level: "commitment not kept in W47; partly kept in W45"
    next_step: str | None = None  # the next rung before it applies: "one more missed week → performance plan"
    computed: Level | None = None  # the level the rules give, when the manager held or lowered it
    override_reason: str = ""  # the manager's written reason for holding or lowering the level

# ... and in a column: the same rungs, short.
LEVEL_SHORT = {Level.CLEAR: "on track", Level.COACHING: "coaching", Level.FOLLOWUP: "follow-up", Level.PIP: "PIP"}


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


def _ordered(history: Iterable[Session]) -> Iterator[Session]:
    if isinstance(history, (list, tuple)):
        return iter(sorted(history, key=lambda s: s.week, reverse=True))
    return iter(history)


def _short_week(week: str) -> str:
    return week.split("-", 1)[-1]


def _moved_by(window: list[Session]) -> str:
    """The weeks that weigh, in words: "commitment not kept in W47; partly kept in W44, W45"."""
    missed = [_short_week(s.week) for s in reversed(window) if miss_weight(s) == 1.0]
    partly = [_short_week(s.week) for s in reversed(window) if miss_weight(s) == PARTLY_WEIGHT]
    parts = []
    if missed:
        parts.append(f"commitment not kept in {', '.join(missed)}")
    if partly:
        parts.append(f"partly kept in {', '.join(partly)}")
    return "; ".join(parts)


def level_for(missed: float, rules: Escalation) -> Level:
    """The rung of the ladder `missed` weeks in the window reach under `rules`."""
    if missed >= rules.pip_after_misses:
        return Level.PIP
    if missed >= rules.followup_at:
        return Level.FOLLOWUP
    if missed >= rules.coaching_after_misses:
        return Level.COACHING
    return Level.CLEAR


def next_step(missed: float, rules: Escalation) -> str | None:
    """The next rung, said before it applies: "one more missed week → performance plan"."""
    for at, level in ((rules.coaching_after_misses, Level.COACHING), (rules.followup_at, Level.FOLLOWUP),
                      (rules.pip_after_misses, Level.PIP)):
        if missed < at and level_for(at, rules) is level:
            gap = at - missed
            more = "one more missed week" if gap == 1 else f"{plural(gap, 'more missed week')}"
            return f"{more} → {LEVEL_LABEL[level].lower()}"
    return None


def override_issue(computed: Level, wanted: Level, reason: str) -> str | None:
    """Why a manager's override cannot stand, or None: hold or lower only, never without a reason."""
    if wanted.rank > computed.rank:
        return "a level can only be held or lowered, not raised by hand: the rules raise it"
    if not reason.strip():
        return "write the reason: a level is held or lowered only with a written reason"
    return None


def assess(history: Iterable[Session], rules: Escalation) -> EscalationState:
    """Where one rep stands under the team's rules, from their 1:1s (most recent first).

    A missed week is a 1:1 in which any of the rep's own commitments was judged not kept; a 1:1
    with partly kept ones and none missed counts as half a missed week. Only the latest
    `rules.window_weeks` 1:1s that count (:func:`counts_for_escalation`) make the level; the kept
    streak looks back through `history` as far as the last miss.
    """
    ordered = _ordered(history)
    newest = next(ordered, None)
    counted = _counted(chain([newest] if newest is not None else [], ordered))
    window = list(islice(counted, rules.window_weeks))
    missed = float(sum(miss_weight(s) for s in window))
    span = f"the last {plural(len(window), '1:1')}" if len(window) != 1 else "the last 1:1"
    level = level_for(missed, rules)

    if level is Level.PIP:
        reason = (f"{plural(missed, 'missed week')} in {span}: the same misses over several weeks, "
                  f"so a performance improvement process (it starts at {rules.pip_after_misses}).")
    elif level is Level.FOLLOWUP:
        reason = (f"{plural(missed, 'missed week')} in {span}: repeated misses, so a tighter follow-up plan "
                  f"with a mid-week check-in (a performance improvement process at {rules.pip_after_misses}).")
    elif level is Level.COACHING:
        reason = (f"{plural(missed, 'missed week')} in {span}: extra coaching after a miss "
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
    computed, override_reason = None, ""
    held = newest.level_override if newest is not None else None
    if held is not None and override_issue(level, held, newest.override_reason) is None and held is not level:
        computed, level, override_reason = level, held, newest.override_reason.strip()
        reason = (f"{LEVEL_LABEL[held]}, held by the manager (the rules give "
                  f"{LEVEL_LABEL[computed].lower()}): {override_reason}")
    elif held is not None and held is level and newest.override_reason.strip():
        override_reason = newest.override_reason.strip()
    return EscalationState(level=level, missed_weeks=missed, kept_streak=streak, reason=reason,
                           recognition=recognition, moved_by=_moved_by(window), next_step=next_step(missed, rules),
                           computed=computed, override_reason=override_reason)


def rules_text(rules: Escalation) -> str:
    """The rules as the manager sees them before they apply: the same for every rep."""
    window = f"the last {plural(rules.window_weeks, '1:1')}" if rules.window_weeks != 1 else "the last 1:1"
    lines = [
        "The same rules for every rep, applied to their own commitments:",
        "- A 1:1 where any of the rep's commitments was not kept is a missed week; "
        "one with only partly kept ones counts half.",
    ]
    if rules.coaching_after_misses < rules.pip_after_misses:
        lines.append(f"- {plural(rules.coaching_after_misses, 'missed week')} in {window}: extra coaching.")
    if rules.coaching_after_misses < rules.followup_at < rules.pip_after_misses:
        lines.append(f"- {plural(rules.followup_at, 'missed week')} in {window}: "
                     "a tighter follow-up plan (a mid-week check-in).")
    lines.append(f"- {plural(rules.pip_after_misses, 'missed week')} in {window}: a performance improvement process.")
    lines.append(f"- {RECOGNITION_STREAK} or more commitments kept in a row, or a clean week after a miss: "
                 "recognise it.")
    lines.append("- The manager may hold or lower a level, never raise it, and only with a written reason.")
    return "\n".join(lines)
