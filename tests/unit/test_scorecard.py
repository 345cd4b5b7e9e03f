"""The scorecard on hand-computed histories, and each unhealthy signal shown only when the data shows it."""

from __future__ import annotations

from datetime import date, datetime

from oneonone_tui.domain import scorecard
from oneonone_tui.domain.coaching import Activity, ActivityKind, NotAnActivity, parse_activity
from oneonone_tui.domain.escalation import Level
from oneonone_tui.domain.records import (Commitment, Diagnosis, MetricEntry, Owner, Review, Session, SessionState,
                                         Verdict)
from oneonone_tui.domain.team import Indicator, Metric, Rep, Stage, Team
from oneonone_tui.domain.weeks import shift

import pytest

WEEK = "2026-W48"
TEAM = Team(
    name="Two", manager="Dana",
    metrics=(Metric(id="rev", label="Revenue", stage=Stage.RESULTS, indicator=Indicator.LAGGING, target=100),
             Metric(id="calls", label="Calls", stage=Stage.ACTIVITY, indicator=Indicator.LEADING, target=100)),
    reps=(Rep(id="ann", name="Ann Lee"), Rep(id="bob", name="Bob Ray")),
)


class Reader:
    def __init__(self, sessions: list[Session]) -> None:
        self.sessions = sessions

    def week(self, week: str) -> dict[str, Session]:
        return {s.rep_id: s for s in self.sessions if s.week == week}

    def iter_history(self, rep_id: str, before: str):
        return iter(sorted((s for s in self.sessions if s.rep_id == rep_id and s.week < before),
                           key=lambda s: s.week, reverse=True))


def done(rep: str, week: str, rev: float | None = None, calls: float | None = None, **kw) -> Session:
    session = Session(rep_id=rep, week=week, state=SessionState.DONE, **kw)
    if rev is not None:
        session.entries["rev"] = MetricEntry(metric_id="rev", actual=rev)
    if calls is not None:
        session.entries["calls"] = MetricEntry(metric_id="calls", actual=calls)
    return session


def commitment(cid: str, week: str, owner: Owner = Owner.REP, stage: str | None = None) -> Commitment:
    return Commitment(id=cid, text=f"do {cid}", owner=owner, due=date(2026, 11, 30), made_week=week, stage=stage)


def test_held_due_full_weeks_and_the_79_percent_line_hand_computed():
    # 4 weeks, 2 reps: W45 both, W46 Ann only, W47 both, W48 (this week) Bob only, and Ann's started not done.
    sessions = [done("ann", "2026-W45", 100), done("bob", "2026-W45", 50),
                done("ann", "2026-W46", 120),
                done("ann", "2026-W47", 90), done("bob", "2026-W47", 100),
                done("bob", WEEK, 100), Session(rep_id="ann", week=WEEK, state=SessionState.IN_PROGRESS)]
    card = scorecard.build(TEAM, Reader(sessions), WEEK, weeks=4)
    assert card.held_this_week == scorecard.Ratio(1, 2)
    assert card.held_recent == scorecard.Ratio(6, 8)
    assert card.held_period.share == 0.75 and card.meets_completion_line is False  # 75% < 79%
    assert card.full_weeks == 2  # W45 and W47
    # at target: W45 Ann (1 of 2), W46 Ann (1 of 1), W47 Bob (1 of 2), W48 Bob (1 of 1: Ann has no actual)
    assert [(r.at_target, r.measured) for r in card.results] == [(1, 2), (1, 1), (1, 2), (1, 1)]
    # shares 50%, 100%, 50%, 100%: least squares over weeks 0..3 gives +10 points a week
    assert card.results_trend == pytest.approx(0.1) and card.trend_word == "rising"
    assert card.signals == ()


def test_follow_through_for_reps_and_for_me_diagnoses_levels_and_activities_hand_computed():
    w47 = done("ann", "2026-W47", commitments=[commitment("a1", "2026-W47"), commitment("a2", "2026-W47"),
                                               commitment("m1", "2026-W47", Owner.MANAGER)])
    w47.entries["rev"] = MetricEntry(metric_id="rev", actual=40, diagnosis=Diagnosis.EFFORT)
    w48 = done("ann", WEEK, to_review=list(w47.commitments),
               reviews={"a1": Review(commitment_id="a1", verdict=Verdict.KEPT),
                        "a2": Review(commitment_id="a2", verdict=Verdict.PARTLY),
                        "m1": Review(commitment_id="m1", verdict=Verdict.NOT_KEPT)})
    w48.entries["rev"] = MetricEntry(metric_id="rev", actual=10, diagnosis=Diagnosis.EFFECTIVENESS)
    bob = done("bob", WEEK, 100)
    bob.entries["rev"].diagnosis = Diagnosis.EXTERNAL
    log = [Activity(kind=ActivityKind.RIDE_ALONG, rep_id="bob", week=WEEK, logged_at=datetime(2026, 11, 24),
                    text="ride-along with bob"),
           Activity(kind=ActivityKind.DEBRIEF, rep_id="bob", week=WEEK, logged_at=datetime(2026, 11, 24),
                    text="debrief bob"),
           Activity(kind=ActivityKind.DEBRIEF, rep_id="ann", week="2026-W30", logged_at=datetime(2026, 7, 24),
                    text="debrief ann")]  # outside the period: not counted
    card = scorecard.build(TEAM, Reader([w47, w48, bob]), WEEK, weeks=2, activities=log)
    assert card.follow_through_reps == scorecard.Ratio(1.5, 2)  # kept 1 + partly half, of 2 judged
    assert card.follow_through_manager == scorecard.Ratio(0, 1)  # the @me one, not kept
    assert card.diagnoses == {Diagnosis.EFFORT: 1, Diagnosis.EFFECTIVENESS: 1, Diagnosis.EXTERNAL: 1}
    # Ann: half a missed week (only partly kept; the manager's miss never escalates her) -> clear; Bob clear.
    assert card.levels == {Level.CLEAR: 2, Level.COACHING: 0, Level.FOLLOWUP: 0, Level.PIP: 0}
    assert card.activities["bob"] == {ActivityKind.PRE_BRIEF: 0, ActivityKind.DEBRIEF: 1, ActivityKind.RIDE_ALONG: 1}
    assert sum(card.activities["ann"].values()) == 0


def test_levels_come_from_one_on_one_standing():
    sessions = []
    for i, week in enumerate(("2026-W46", "2026-W47", WEEK)):
        previous = sessions[-1] if sessions else None
        made = [commitment(f"c{i}", week)]
        to_review = list(previous.commitments) if previous else []
        reviews = {c.id: Review(commitment_id=c.id, verdict=Verdict.NOT_KEPT) for c in to_review}
        sessions.append(done("ann", week, commitments=made, to_review=to_review, reviews=reviews))
    card = scorecard.build(TEAM, Reader(sessions), WEEK, weeks=3)
    # two missed weeks: the tighter follow-up rung (coaching at 1, follow-up one miss later, PIP at 3)
    assert card.levels[Level.FOLLOWUP] == 1


def _weeks(n: int) -> list[str]:
    return [shift(WEEK, -k) for k in range(n - 1, -1, -1)]


def test_activity_up_while_results_flat_is_signalled_with_its_numbers_and_silent_when_results_rise():
    weeks = _weeks(8)
    flat = [done("ann", w, rev=50, calls=80 if i < 4 else 130) for i, w in enumerate(weeks)]
    card = scorecard.build(TEAM, Reader(flat), WEEK, weeks=8)
    assert [s.kind for s in card.signals] == ["activity_up_results_flat"]
    assert "Ann Lee: activity up from 80% to 130% of target" in card.signals[0].text
    assert "results went 50% → 50%" in card.signals[0].text
    rising = [done("ann", w, rev=50 if i < 4 else 90, calls=80 if i < 4 else 130) for i, w in enumerate(weeks)]
    assert scorecard.build(TEAM, Reader(rising), WEEK, weeks=8).signals == ()


def _reviewed_history(judge_bob: bool) -> list[Session]:
    sessions = []
    for i, week in enumerate(_weeks(5)):
        for rep in ("ann", "bob"):
            previous = next((s for s in reversed(sessions) if s.rep_id == rep), None)
            to_review = list(previous.commitments) if previous else []
            judge = rep == "ann" or judge_bob
            reviews = {c.id: Review(commitment_id=c.id, verdict=Verdict.KEPT) for c in to_review if judge}
            sessions.append(done(rep, week, rev=100, commitments=[commitment(f"{rep}{i}", week)],
                                 to_review=to_review, reviews=reviews))
    return sessions


def test_uneven_standards_when_some_reps_commitments_go_unjudged_and_silent_when_all_are_judged():
    card = scorecard.build(TEAM, Reader(_reviewed_history(judge_bob=False)), WEEK, weeks=5)
    kinds = [s.kind for s in card.signals]
    assert "uneven_standards" in kinds
    text = next(s.text for s in card.signals if s.kind == "uneven_standards")
    assert "Bob Ray 4 of 4 left unjudged" in text and "Ann Lee 4 of 4 judged" in text
    assert "escalation overrides are not recorded yet" in text
    even = scorecard.build(TEAM, Reader(_reviewed_history(judge_bob=True)), WEEK, weeks=5)
    assert even.signals == ()


def test_commitments_never_reviewed_are_signalled_and_silent_when_reviewed():
    text = next(s.text for s in scorecard.build(TEAM, Reader(_reviewed_history(judge_bob=False)), WEEK,
                                                weeks=5).signals if s.kind == "never_reviewed")
    # Bob made one each week; the 4 before this week had a later 1:1 and were never judged (of 8 made by both)
    assert text.startswith("4 commitments of 8 made in 2026-W44–2026-W48 were never judged")
    assert "oldest: Bob Ray, 2026-W44: 'do bob0'" in text


def test_policing_activity_is_signalled_with_its_numbers_and_silent_otherwise():
    weeks = _weeks(4)
    policing = []
    for w in weeks:
        session = done("ann", w, rev=120, calls=100, commitments=[commitment(f"c{w}", w, stage="activity")])
        session.activity_opened = True
        policing.append(session)
    texts = [s.text for s in scorecard.build(TEAM, Reader(policing), WEEK, weeks=4).signals]
    assert "Activity opened by hand in 4 of 4 1:1s where results and pipeline were on target" in texts[0]
    assert texts[1].startswith("4 of 4 commitments are about Activity")
    calm = []
    for w in weeks:
        to_review = list(calm[-1].commitments) if calm else []
        calm.append(done("ann", w, rev=120, calls=100, commitments=[commitment(f"c{w}", w, stage="results")],
                         to_review=to_review,
                         reviews={c.id: Review(commitment_id=c.id, verdict=Verdict.KEPT) for c in to_review}))
    assert scorecard.build(TEAM, Reader(calm), WEEK, weeks=4).signals == ()


def test_a_coaching_line_is_parsed_into_kind_rep_and_what_it_was_about():
    now = datetime(2026, 11, 24, 9)
    ride = parse_activity(TEAM, "ride-along with bob", WEEK, now)
    assert (ride.kind, ride.rep_id, ride.about) == (ActivityKind.RIDE_ALONG, "bob", "")
    debrief = parse_activity(TEAM, "debrief Ann on Acme renewal", WEEK, now)
    assert (debrief.kind, debrief.rep_id, debrief.about) == (ActivityKind.DEBRIEF, "ann", "Acme renewal")
    assert parse_activity(TEAM, "pre-brief ann lee for the Globex call", WEEK, now).about == "the Globex call"
    with pytest.raises(NotAnActivity, match="start with pre-brief, debrief or ride-along"):
        parse_activity(TEAM, "lunch with bob", WEEK, now)
    with pytest.raises(NotAnActivity, match="`sam` is not a rep on Two"):
        parse_activity(TEAM, "ride-along with sam", WEEK, now)
