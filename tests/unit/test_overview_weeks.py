"""The dashboard's story in any week: the last 1:1 behind an unfinished one, skipped weeks, reps
gone from the team file (issue 9, item 7)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from oneonone_tui.domain.overview import former_rep_ids, week_overview
from oneonone_tui.domain.records import Commitment, MetricEntry, Session, SessionState
from tests.unit.test_overview import MemoryStore

TODAY = date(2026, 11, 24)  # 2026-W48


def _done(rep_id: str, week: str, finished: datetime, *, revenue: float | None = 30_000,
          commitments: int = 0) -> Session:
    entries = {} if revenue is None else {"closed_won_revenue": MetricEntry(metric_id="closed_won_revenue", actual=revenue)}
    return Session(rep_id=rep_id, week=week, state=SessionState.DONE, started_at=finished, finished_at=finished,
                   entries=entries,
                   commitments=[Commitment(id=f"{rep_id}-{week}-{i}", text=f"call {i}", due=date(2026, 11, 27),
                                           made_week=week) for i in range(commitments)])


def _row(overview, rep_id):
    return next(r for r in overview.rows if r.rep.id == rep_id)


def test_last_one_on_one_shows_through_an_unfinished_one(team):
    """W47 opened and not finished: in W48 the last 1:1 is W46's, with its results."""
    store = MemoryStore([
        _done("luis_hernandez", "2026-W46", datetime(2026, 11, 10, 9)),
        Session(rep_id="luis_hernandez", week="2026-W47", state=SessionState.IN_PROGRESS,
                started_at=datetime(2026, 11, 17, 9)),
    ])
    row = _row(week_overview(team, store, "2026-W48", TODAY), "luis_hernandez")
    assert row.last_one_on_one == date(2026, 11, 10)
    assert row.last_attainment is not None and row.last_attainment > 0


def test_a_past_week_without_a_one_on_one_is_skipped(team):
    store = MemoryStore([_done("maya_okafor", "2026-W46", datetime(2026, 11, 10, 9))])
    past = week_overview(team, store, "2026-W46", TODAY)
    assert _row(past, "luis_hernandez").skipped
    assert not _row(past, "maya_okafor").skipped  # held that week
    current = week_overview(team, store, "2026-W48", TODAY)
    assert not _row(current, "luis_hernandez").skipped  # this week's 1:1 can still be held


def test_a_rep_gone_from_the_team_file_is_kept_apart_while_they_owe(team):
    smaller = dataclasses.replace(team, reps=tuple(r for r in team.reps if r.id != "tomasz_kowalski"))
    store = MemoryStore([
        _done("tomasz_kowalski", "2026-W47", datetime(2026, 11, 17, 9), commitments=4),
        _done("kenji_sato", "2026-W46", datetime(2026, 11, 10, 9), commitments=0),
    ])
    smaller = dataclasses.replace(smaller, reps=tuple(r for r in smaller.reps if r.id != "kenji_sato"))
    former = former_rep_ids(smaller, store, ["2026-W46", "2026-W47"])
    assert former == {"tomasz_kowalski", "kenji_sato"}
    overview = week_overview(smaller, store, "2026-W48", TODAY, former)
    assert [r.rep.id for r in overview.departed] == ["tomasz_kowalski"]  # kenji owes nothing, no level
    gone = overview.departed[0]
    assert gone.departed and len(gone.open_commitments) == 4
    assert gone.last_one_on_one == date(2026, 11, 17)
    assert "tomasz_kowalski" not in [r.rep.id for r in overview.rows]


def test_reading_one_rep_again_after_their_one_on_one_gives_the_whole_weeks_overview(team):
    """Back from a 1:1 the dashboard reads that rep's row only (with_rep_read_again): the same rows,
    in the same order, as reading the whole week again, including when the 1:1 moves the rep."""
    from oneonone_tui.domain.overview import with_rep_read_again

    smaller = dataclasses.replace(team, reps=tuple(r for r in team.reps if r.id != "tomasz_kowalski"))
    store = MemoryStore([
        _done("tomasz_kowalski", "2026-W47", datetime(2026, 11, 17, 9), commitments=4),
        _done("maya_okafor", "2026-W47", datetime(2026, 11, 17, 9), revenue=1_000, commitments=2),
        _done("luis_hernandez", "2026-W47", datetime(2026, 11, 17, 9), revenue=90_000),
    ])
    former = former_rep_ids(smaller, store, ["2026-W47"])
    before = week_overview(smaller, store, "2026-W48", TODAY, former)
    # Maya's 1:1 this week: finished, results in, her commitments reviewed.
    store.sessions[("maya_okafor", "2026-W48")] = _done("maya_okafor", "2026-W48", datetime(2026, 11, 24, 9),
                                                         revenue=80_000)
    again = with_rep_read_again(before, store, "maya_okafor", TODAY)
    whole = week_overview(smaller, store, "2026-W48", TODAY, former)
    assert again == whole
    assert [r.rep.id for r in again.rows] != [r.rep.id for r in before.rows], "the 1:1 moved her in the order"
    assert _row(again, "maya_okafor").state is SessionState.DONE
    assert [r.rep.id for r in again.departed] == ["tomasz_kowalski"]
