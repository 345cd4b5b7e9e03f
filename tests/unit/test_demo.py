"""`oneonone demo`: a deterministic, lived-in history that shows every part of the method."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from datetime import date, timedelta

import pytest

from oneonone_tui import demo
from oneonone_tui.domain.escalation import Level, assess
from oneonone_tui.domain.records import Diagnosis, Session, SessionState
from oneonone_tui.domain.progression import activity_folded, how_come, standings
from oneonone_tui.domain.team import Direction, Indicator, Metric, Period, Rep, Stage, Team
from oneonone_tui.domain.weeks import monday_of, shift
from dataclasses import replace
from oneonone_tui.store.codec import decode_team, encode_session, encode_team

METRICS = [
    Metric(id="revenue", label="Closed-won revenue", stage=Stage.RESULTS, indicator=Indicator.LAGGING, unit="$",
           period=Period.QUARTER, target=45000),
    Metric(id="deals", label="Deals won", stage=Stage.RESULTS, indicator=Indicator.LAGGING, period=Period.MONTH, target=3),
    Metric(id="leads", label="Qualified leads", stage=Stage.PIPELINE, indicator=Indicator.LEADING, period=Period.MONTH,
           target=15),
    Metric(id="proposals", label="Proposals sent", stage=Stage.PIPELINE, indicator=Indicator.LEADING, target=3),
    Metric(id="cycle", label="Sales cycle", stage=Stage.PIPELINE, indicator=Indicator.QUALITY, unit="days", target=45,
           direction=Direction.LOWER),
    Metric(id="calls", label="Prospecting calls", stage=Stage.ACTIVITY, indicator=Indicator.LEADING, target=200),
    Metric(id="meetings", label="Meetings booked", stage=Stage.ACTIVITY, indicator=Indicator.LEADING, target=8),
    Metric(id="followup", label="Follow-up within 24h", stage=Stage.ACTIVITY, indicator=Indicator.LEADING, unit="%",
           target=90),
]
NAMES = ["Sam Okafor", "Ana Lindqvist", "Jo Park", "Ben Mensah", "Li Wu", "Kai Moreau", "Eve Brooks", "Tom Reyes"]
TEAM = Team(name="East", manager="Chris Doe", metrics=METRICS,
            reps=[Rep(id=f"rep-{i + 1:02d}", name=name, role="Account Executive",
                      targets={"leads": 20} if i == 2 else {}) for i, name in enumerate(NAMES)])
UNTIL = "2026-W47"


class FakeStore:
    """The store's week interface, in memory."""

    def __init__(self) -> None:
        self.saved: dict[str, list[Session]] = {}

    def save_week(self, week: str, sessions) -> None:
        self.saved[week] = list(sessions)

    def week(self, week: str) -> dict[str, Session]:
        return {s.rep_id: s for s in self.saved.get(week, [])}

    def weeks(self) -> list[str]:
        return sorted(self.saved)

    def dump(self) -> str:
        return json.dumps({w: [encode_session(s) for s in ss] for w, ss in self.saved.items()}, sort_keys=True)

    def history(self, rep_id: str) -> list[Session]:
        """Most recent first."""
        return [self.week(w)[rep_id] for w in reversed(self.weeks())]


def run(weeks: int = 16, reps: int | None = None, seed: int = 7, team: Team = TEAM) -> tuple[Team, FakeStore]:
    store = FakeStore()
    used = demo.generate(team, store, weeks=weeks, reps=reps, seed=seed, until_week=UNTIL)
    return used, store


@pytest.fixture(scope="module")
def history() -> tuple[Team, FakeStore]:
    return run(weeks=40)


def test_the_same_seed_writes_the_same_history():
    assert run(seed=3)[1].dump() == run(seed=3)[1].dump()


def test_another_seed_writes_another_history():
    assert run(seed=3)[1].dump() != run(seed=4)[1].dump()


def test_every_week_up_to_the_end_week_has_a_1on1_for_every_rep(history):
    team, store = history
    assert store.weeks() == [shift(UNTIL, -i) for i in reversed(range(40))]
    for week in store.weeks():
        assert sorted(store.week(week)) == sorted(r.id for r in team.reps)


def test_exactly_one_rep_slides_into_a_performance_improvement_process(history):
    team, store = history
    window = team.escalation.window_weeks
    levels = {r.id: assess(store.history(r.id)[:window], team.escalation).level for r in team.reps}
    assert list(levels.values()).count(Level.PIP) == 1
    slider = next(rep for rep, level in levels.items() if level is Level.PIP)
    # The slide shows: the misses come late, after a history that was not already at PIP.
    earlier = store.history(slider)[window + 2:window * 2 + 2]
    assert assess(earlier, team.escalation).level is not Level.PIP


def test_one_rep_is_on_a_long_kept_streak(history):
    team, store = history
    streaks = {r.id: assess(store.history(r.id), team.escalation) for r in team.reps}
    best = max(streaks.values(), key=lambda s: s.kept_streak)
    assert best.kept_streak >= 25
    assert best.level is Level.CLEAR
    assert best.recognition == f"Kept {best.kept_streak} commitments in a row — say so."


def test_most_commitments_are_kept(history):
    _, store = history
    verdicts = [r.verdict for w in store.saved.values() for s in w for r in s.reviews.values()]
    assert verdicts.count("kept") / len(verdicts) > 0.75
    assert {"kept", "partly", "not_kept"} <= set(verdicts)


def test_each_1on1_reviews_the_commitments_made_the_week_before(history):
    team, store = history
    for rep in team.reps:
        sessions = list(reversed(store.history(rep.id)))
        assert sessions[0].to_review == []
        for before, after in zip(sessions, sessions[1:], strict=False):
            assert after.to_review == before.open_commitments()
            assert set(after.reviews) == {c.id for c in after.to_review}
            assert all(r.verdict is not None and r.outcome for r in after.reviews.values())


def test_commitments_are_few_written_plainly_and_due_within_the_week(history):
    _, store = history
    owners = set()
    for sessions in store.saved.values():
        for session in sessions:
            assert 1 <= len(session.commitments) <= 3
            held = session.started_at.date()
            friday = monday_of(session.week) + timedelta(days=4)
            for c in session.commitments:
                owners.add(c.owner)
                assert c.text and c.text == c.text.strip() and "{" not in c.text
                assert held < c.due <= (held + timedelta(weeks=1) if c.due_defaulted else friday)
    assert owners == {"rep", "manager"}


def test_every_gap_has_the_reps_answer_and_a_diagnosis(history):
    team, store = history
    diagnoses = set()
    for week, sessions in store.saved.items():
        for session in sessions:
            rep = team.rep(session.rep_id)
            held = session.started_at.date()  # "to date" is to the day the 1:1 was held (issue 9)
            results = standings(team, rep, session, Stage.RESULTS, week, held)
            pipeline = standings(team, rep, session, Stage.PIPELINE, week, held)
            activity = standings(team, rep, session, Stage.ACTIVITY, week, held)
            folded = activity_folded(results, pipeline)
            if folded and not session.activity_opened:
                assert all(s.actual is None for s in activity)  # the method leaves it to the rep
            for s in results + pipeline + activity:
                entry = session.entries.get(s.metric.id)
                if how_come(s) is not None:
                    assert entry.answer and entry.diagnosis is not None
                    diagnoses.add(entry.diagnosis)
                    assert bool(entry.skill) == (entry.diagnosis is Diagnosis.EFFECTIVENESS)
                elif entry is not None:
                    assert not entry.answer and entry.diagnosis is None
    assert diagnoses == set(Diagnosis)


def test_every_1on1_is_done_inside_its_week_near_the_timebox(history):
    team, store = history
    timebox = team.timebox_minutes * 60
    for week, sessions in store.saved.items():
        for session in sessions:
            assert session.state is SessionState.DONE
            assert monday_of(week) <= session.started_at.date() <= monday_of(week) + timedelta(days=4)
            assert session.finished_at == session.started_at + timedelta(seconds=session.seconds_spent)
            assert 0.7 * timebox <= session.seconds_spent <= 1.2 * timebox


def test_notes_are_written_sometimes(history):
    _, store = history
    sessions = [s for w in store.saved.values() for s in w]
    shared = sum(bool(s.shared_notes) for s in sessions) / len(sessions)
    private = sum(bool(s.private_notes) for s in sessions) / len(sessions)
    assert 0.1 < shared < 0.6 and 0.03 < private < 0.4


def test_money_is_rounded_and_counts_are_whole(history):
    _, store = history
    for sessions in store.saved.values():
        for session in sessions:
            for entry in session.entries.values():
                if entry.metric_id == "revenue":
                    assert entry.actual % 100 == 0
                else:
                    assert entry.actual == int(entry.actual)


def test_more_reps_than_the_team_file_adds_generated_ones():
    used, store = run(weeks=3, reps=16)
    assert [r.id for r in used.reps[:8]] == [r.id for r in TEAM.reps]
    assert [r.id for r in used.reps[8:]] == [f"rep-{n:02d}" for n in range(9, 17)]
    assert len({r.name for r in used.reps}) == 16
    assert all(r.role for r in used.reps)
    decode_team(encode_team(used))  # still a valid team
    assert all(len(store.week(w)) == 16 for w in store.weeks())


def test_generated_rep_ids_skip_ids_already_taken():
    team = replace(TEAM, reps=[Rep(id="rep-02", name="Sam Okafor")])
    used, _ = run(weeks=2, reps=3, team=team)
    assert [r.id for r in used.reps] == ["rep-02", "rep-03", "rep-04"]


def test_fewer_reps_than_the_team_file_uses_the_first_ones():
    used, store = run(weeks=2, reps=3)
    assert tuple(used.reps) == tuple(TEAM.reps[:3])
    assert all(len(store.week(w)) == 3 for w in store.weeks())


def test_reps_none_keeps_the_team_as_it_is():
    assert run(weeks=2)[0] is TEAM


def test_progress_is_reported_week_by_week():
    seen = []
    demo.generate(TEAM, FakeStore(), weeks=5, reps=None, seed=1, until_week=UNTIL,
                  progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_a_single_week_and_a_single_rep_work():
    team = replace(TEAM, reps=TEAM.reps[:1])
    _, store = run(weeks=1, team=team)
    assert store.weeks() == [UNTIL]


@pytest.mark.parametrize(("weeks", "until"), [(0, UNTIL), (3, "2026-48"), (3, "2026-W60")])
def test_nonsense_input_is_refused(weeks, until):
    with pytest.raises(ValueError):
        demo.generate(TEAM, FakeStore(), weeks=weeks, reps=None, seed=1, until_week=until)


def test_five_years_for_sixteen_reps_takes_seconds():
    started = time.process_time()
    used, store = run(weeks=260, reps=16)
    assert time.process_time() - started < 8
    assert len(store.weeks()) == 260 and len(used.reps) == 16
    levels = defaultdict(int)
    for rep in used.reps:
        levels[assess(store.history(rep.id)[: used.escalation.window_weeks], used.escalation).level] += 1
    assert levels[Level.PIP] == 1


@pytest.mark.parametrize(("today", "week"), [
    (date(2026, 11, 24), "2026-W47"),  # a Tuesday
    (date(2026, 11, 29), "2026-W47"),  # Sunday: this week is not over yet
    (date(2026, 11, 30), "2026-W48"),
    (date(2027, 1, 1), "2026-W52"),  # 2026-W53 is the week of 1 January 2027
])
def test_last_complete_week(today, week):
    assert demo.last_complete_week(today) == week


def test_month_to_date_actuals_climb_through_the_month(history):
    team, store = history
    for rep in team.reps:
        sessions = list(reversed(store.history(rep.id)))
        for before, after in zip(sessions, sessions[1:], strict=False):
            # "To date" is to the day each 1:1 was held (issue 9): the same month is the held days' month.
            same_month = before.started_at.date().month == after.started_at.date().month
            for metric_id in ("leads", "deals"):
                if same_month:
                    assert after.entries[metric_id].actual >= before.entries[metric_id].actual


def test_the_bundled_sample_team_gets_the_whole_story(team):
    used, store = run(weeks=30, reps=len(team.reps) + 4, team=team)
    window = used.escalation.window_weeks
    states = [assess(store.history(r.id), used.escalation) for r in used.reps]
    assert [assess(store.history(r.id)[:window], used.escalation).level for r in used.reps].count(Level.PIP) == 1
    assert max(s.kept_streak for s in states) >= 25
    first = len(team.reps) + 1
    assert [r.id for r in used.reps[first - 1:]] == [f"rep-{n:02d}" for n in range(first, first + 4)]
