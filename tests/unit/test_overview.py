"""The dashboard's rules: who needs the manager most, and what was typed wins over the disk."""

from __future__ import annotations

from datetime import datetime

from oneonone_tui.domain.records import Commitment, Review, Session, SessionState, Verdict
from oneonone_tui.domain.overview import week_overview
from oneonone_tui.store.live import LiveReader


class MemoryStore:
    def __init__(self, sessions: list[Session]) -> None:
        self.sessions = {(s.rep_id, s.week): s for s in sessions}

    def get(self, rep_id, week):
        return self.sessions.get((rep_id, week))

    def week(self, week):
        return {r: s for (r, w), s in self.sessions.items() if w == week}

    def rep_ids(self, week):
        return set(self.week(week))

    def history(self, rep_id, before, limit):
        found = sorted((s for (r, w), s in self.sessions.items() if r == rep_id and w < before),
                       key=lambda s: s.week, reverse=True)
        return found[:limit]

    def iter_history(self, rep_id, before):
        return iter(self.history(rep_id, before, len(self.sessions)))

    def latest_before(self, rep_id, week):
        found = self.history(rep_id, week, 1)
        return found[0] if found else None


def _commitment(cid: str, week: str) -> Commitment:
    return Commitment(id=cid, text=f"do {cid}", due=datetime(2026, 11, 20).date(), made_week=week)


def _done(rep_id: str, week: str, *, misses: int = 0, commitments: int = 1) -> Session:
    reviews = {f"m{i}": Review(commitment_id=f"m{i}", verdict=Verdict.NOT_KEPT) for i in range(misses)}
    return Session(rep_id=rep_id, week=week, state=SessionState.DONE,
                   finished_at=datetime(2026, 11, 17, 10), reviews=reviews,
                   to_review=[_commitment(f"m{i}", week) for i in range(misses)],
                   commitments=[_commitment(f"{rep_id}-{week}-{i}", week) for i in range(commitments)])


def test_reps_still_to_see_come_before_reps_done_and_escalations_lead_them(team):
    a, b, c = (rep.id for rep in team.reps[:3])
    store = MemoryStore([
        _done(a, "2026-W48"),
        _done(b, "2026-W45", misses=1), _done(b, "2026-W46", misses=1), _done(b, "2026-W47", misses=1),
        _done(c, "2026-W47"),
    ])
    overview = week_overview(team, store, "2026-W48")
    order = [row.rep.id for row in overview.rows]
    assert order[0] == b, "the rep at the performance plan level needs the manager most"
    assert order[-1] == a, "a rep already seen this week goes last"
    assert overview.done == 1 and overview.due == len(team.reps)


def test_open_commitments_are_last_weeks_until_this_weeks_1_1_starts(team):
    rep = team.reps[0].id
    store = MemoryStore([_done(rep, "2026-W47", commitments=2)])
    row = next(r for r in week_overview(team, store, "2026-W48").rows if r.rep.id == rep)
    assert len(row.open_commitments) == 2
    assert row.last_one_on_one == datetime(2026, 11, 17).date()


def test_the_live_reader_shows_a_finished_1_1_before_its_save_has_landed(team):
    rep = team.reps[0].id
    store = MemoryStore([])
    live = LiveReader(store)
    live.remember(_done(rep, "2026-W48"))
    assert store.get(rep, "2026-W48") is None
    assert live.get(rep, "2026-W48").state is SessionState.DONE
    assert live.week("2026-W48")[rep].state is SessionState.DONE
    assert [s.week for s in live.history(rep, "2026-W49", 5)] == ["2026-W48"]
    assert live.latest_before(rep, "2026-W49").week == "2026-W48"
    overview = week_overview(team, live, "2026-W48")
    assert overview.done == 1
