"""Consequences: progressive, the same for every rep, known in advance; and recognition."""

from __future__ import annotations

from datetime import date

from oneonone_tui.domain.escalation import EscalationState, Level, assess, miss_weight, override_issue, rules_text
from oneonone_tui.domain.records import Commitment, Owner, Review, Session, SessionState, Verdict
from oneonone_tui.domain.team import Escalation
from oneonone_tui.domain.weeks import shift

RULES = Escalation(coaching_after_misses=1, pip_after_misses=3, window_weeks=6)
K, P, N = Verdict.KEPT, Verdict.PARTLY, Verdict.NOT_KEPT
LAST = "2026-W48"


def week(verdicts: list[Verdict | None], *, at: int = 0, rep: str = "sam", manager: list[Verdict] = (),
         state: SessionState = SessionState.DONE) -> Session:
    """One 1:1 `at` weeks before the last, reviewing the rep's (and the manager's) commitments."""
    key = shift(LAST, -at)
    owed = [(Owner.REP, v) for v in verdicts] + [(Owner.MANAGER, v) for v in manager]
    to_review = [Commitment(id=f"{rep}-{key}-{i}", text="re-engage 5 stalled opps", owner=owner,
                            due=date(2026, 11, 27), made_week=shift(key, -1)) for i, (owner, _) in enumerate(owed)]
    reviews = {c.id: Review(commitment_id=c.id, verdict=v) for c, (_, v) in zip(to_review, owed, strict=True)}
    return Session(rep_id=rep, week=key, state=state, to_review=to_review, reviews=reviews)


def history(*weeks: list[Verdict], rep: str = "sam") -> list[Session]:
    """Most recent first, as the app passes it."""
    return [week(verdicts, at=i, rep=rep) for i, verdicts in enumerate(weeks)]


def test_no_history_is_clear():
    state = assess([], RULES)
    assert state == EscalationState(level=Level.CLEAR, missed_weeks=0, kept_streak=0,
                                    reason="No commitments reviewed yet.", recognition=None,
                                    next_step="one more missed week → extra coaching")


def test_all_kept_is_clear():
    state = assess(history([K], [K, K]), RULES)
    assert (state.level, state.missed_weeks) == (Level.CLEAR, 0)
    assert state.reason == "No missed commitments in the last 2 1:1s."


def test_missing_once_means_extra_coaching():
    state = assess(history([K], [N, K], [K]), RULES)
    assert (state.level, state.missed_weeks) == (Level.COACHING, 1)
    assert "extra coaching after a miss" in state.reason
    assert state.moved_by == "commitment not kept in W47"
    assert state.next_step == "one more missed week → tighter follow-up plan (mid-week check-in)"


def test_the_same_misses_over_several_weeks_mean_a_performance_improvement_process():
    state = assess(history([N], [K], [N, N], [N], [K]), RULES)
    assert (state.level, state.missed_weeks) == (Level.PIP, 3)
    assert "performance improvement process" in state.reason


def test_two_misses_in_one_week_are_one_missed_week():
    assert assess(history([N, N, N]), RULES).missed_weeks == 1


def test_partly_kept_counts_as_half_a_miss():
    assert miss_weight(week([P, K])) == 0.5
    assert miss_weight(week([P, N])) == 1
    assert assess(history([P]), RULES).level is Level.CLEAR
    two_partly = assess(history([P], [K], [P]), RULES)
    assert (two_partly.level, two_partly.missed_weeks) == (Level.COACHING, 1)
    assert assess(history([N], [N], [P], [P]), RULES).level is Level.PIP


def test_misses_older_than_the_window_no_longer_count():
    old_misses = history([K], [K], [K], [K], [K], [K], [N], [N], [N])
    assert assess(old_misses, RULES).level is Level.CLEAR
    assert assess(old_misses, Escalation(window_weeks=9)).level is Level.PIP


def test_the_order_history_is_passed_in_does_not_matter():
    sessions = history([K], [N], [K], [N], [N], [K], [N])
    assert assess(sessions, RULES) == assess(list(reversed(sessions)), RULES)


def test_a_1on1_not_started_yet_does_not_push_a_miss_out_of_the_window():
    not_started = week([], at=0, state=SessionState.NOT_STARTED)
    sessions = [not_started] + [week([N] if i == 6 else [K], at=i) for i in range(1, 7)]
    assert assess(sessions, RULES).level is Level.COACHING


def test_a_review_without_a_verdict_yet_is_not_a_judgement():
    assert assess(history([None, K]), RULES).missed_weeks == 0


def test_the_managers_own_misses_never_escalate_the_rep():
    state = assess([week([K], at=0, manager=[N]), week([K], at=1, manager=[N])], RULES)
    assert (state.level, state.kept_streak) == (Level.CLEAR, 2)


def test_kept_streak_counts_back_to_the_last_miss_and_is_recognised():
    state = assess(history([K, K], [K, K, K], [K], [N, K], [K]), RULES)
    assert state.kept_streak == 6
    assert state.recognition == "Kept 6 commitments in a row — say so."


def test_a_short_streak_is_not_yet_recognised():
    state = assess(history([K, K]), RULES)
    assert (state.kept_streak, state.recognition) == (2, None)


def test_a_clean_week_after_a_miss_is_recognised_as_improvement():
    state = assess(history([K], [N]), RULES)
    assert state.kept_streak == 1
    assert state.recognition == "Every commitment kept since the last miss — say so."
    assert assess(history([K], [K], [N]), RULES).recognition == "Every commitment kept since the last miss — say so."
    assert assess(history([N], [K]), RULES).recognition is None


def test_the_streak_looks_back_beyond_the_window():
    state = assess(history(*([[K, K]] * 10)), RULES)
    assert state.kept_streak == 20


def test_the_same_history_gives_the_same_outcome_for_every_rep():
    pattern = [[N], [K, P], [N], [K], [N, K], [K]]
    outcomes = {rep: assess(history(*pattern, rep=rep), RULES) for rep in ["sam", "ana", "rep-09", "top-performer"]}
    assert len(set(outcomes.values())) == 1
    assert outcomes["sam"].level is Level.PIP


def test_the_rules_are_written_out_before_they_apply():
    assert rules_text(RULES) == "\n".join([
        "The same rules for every rep, applied to their own commitments:",
        "- A 1:1 where any of the rep's commitments was not kept is a missed week; one with only partly kept "
        "ones counts half.",
        "- 1 missed week in the last 6 1:1s: extra coaching.",
        "- 2 missed weeks in the last 6 1:1s: a tighter follow-up plan (a mid-week check-in).",
        "- 3 missed weeks in the last 6 1:1s: a performance improvement process.",
        "- 3 or more commitments kept in a row, or a clean week after a miss: recognise it.",
        "- The manager may hold or lower a level, never raise it, and only with a written reason.",
    ])


def test_rules_text_with_coaching_and_pip_at_the_same_count_names_only_the_pip():
    text = rules_text(Escalation(coaching_after_misses=2, pip_after_misses=2, window_weeks=4))
    assert "extra coaching" not in text
    assert "- 2 missed weeks in the last 4 1:1s: a performance improvement process." in text


# --- the ladder, rung by rung, each with its reason ------------------------------------------------


def test_each_rung_of_the_ladder_with_its_reason_and_the_next_one_named_before_it_applies():
    steps = [
        (history([K]), Level.CLEAR, "No missed commitments", "one more missed week → extra coaching"),
        (history([N]), Level.COACHING, "extra coaching after a miss",
         "one more missed week → tighter follow-up plan (mid-week check-in)"),
        (history([N], [N]), Level.FOLLOWUP, "repeated misses, so a tighter follow-up plan",
         "one more missed week → performance plan"),
        (history([N], [N], [N]), Level.PIP, "the same misses over several weeks", None),
    ]
    for sessions, level, reason, upcoming in steps:
        state = assess(sessions, RULES)
        assert state.level is level
        assert reason in state.reason
        assert state.next_step == upcoming
    assert assess(history([N], [P], [N]), RULES).moved_by == "commitment not kept in W46, W48; partly kept in W47"


def test_the_follow_up_rung_comes_from_the_team_file_and_is_skipped_when_it_meets_the_pip():
    late = Escalation(coaching_after_misses=1, followup_after_misses=3, pip_after_misses=4, window_weeks=6)
    assert assess(history([N], [N]), late).level is Level.COACHING
    assert assess(history([N], [N], [N]), late).level is Level.FOLLOWUP
    tight = Escalation(coaching_after_misses=1, pip_after_misses=2, window_weeks=6)
    assert tight.followup_at == 2
    assert assess(history([N], [N]), tight).level is Level.PIP
    assert assess(history([N]), tight).next_step == "one more missed week → performance plan"


def held(sessions: list[Session], level: Level, reason: str) -> list[Session]:
    sessions[0].level_override, sessions[0].override_reason = level, reason
    return sessions


def test_the_manager_lowers_a_level_only_with_a_written_reason_kept_with_the_week():
    lowered = assess(held(history([N], [N], [N]), Level.FOLLOWUP, "lost two accounts to a re-org"), RULES)
    assert (lowered.level, lowered.computed) == (Level.FOLLOWUP, Level.PIP)
    assert lowered.override_reason == "lost two accounts to a re-org"
    assert "held by the manager" in lowered.reason and "lost two accounts to a re-org" in lowered.reason
    no_reason = assess(held(history([N], [N], [N]), Level.CLEAR, "   "), RULES)
    assert (no_reason.level, no_reason.computed) == (Level.PIP, None)


def test_a_level_is_never_raised_by_hand():
    raised = assess(held(history([K]), Level.PIP, "I do not like them"), RULES)
    assert (raised.level, raised.computed) == (Level.CLEAR, None)
    assert override_issue(Level.CLEAR, Level.PIP, "x") is not None
    assert override_issue(Level.PIP, Level.COACHING, "") is not None
    assert override_issue(Level.PIP, Level.COACHING, "new territory") is None


def test_an_override_in_an_older_week_does_not_hold_this_weeks_level():
    sessions = history([N], [N], [N])
    sessions[2].level_override, sessions[2].override_reason = Level.CLEAR, "holiday"
    assert assess(sessions, RULES).level is Level.PIP


def test_a_long_streak_over_many_weeks_is_counted_back_to_the_last_miss():
    long = history(*([[K, K]] * 30), [N], *([[K]] * 10))
    state = assess(long, RULES)
    assert (state.level, state.kept_streak) == (Level.CLEAR, 60)
    assert state.recognition == "Kept 60 commitments in a row — say so."


def test_improvement_after_misses_is_recognised_as_the_level_falls():
    sessions = history([K], [K], [N], [N], [N])
    state = assess(sessions, RULES)
    assert state.level is Level.PIP  # still three misses in the window ...
    assert state.recognition == "Every commitment kept since the last miss — say so."  # ... and it is improving
    later = history(*([[K]] * 6), [N], [N], [N])
    assert assess(later, RULES).level is Level.CLEAR
