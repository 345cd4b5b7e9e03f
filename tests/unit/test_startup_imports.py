"""Start-up cost: the app's start-up path (open a database, read its team and weeks, save) imports
no pydantic; only `teamfile/` does, and only when a team file is read.

Each probe runs in a fresh interpreter: in this one, other tests have long since imported pydantic.
No timings here: the figures belong to the benchmark (benchmarks/bench.py).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta

from oneonone_tui.domain.records import Commitment, MetricEntry, Review, Session, SessionState, Verdict
from tests.conftest import SAMPLE_TEAM


def run_probe(code: str, cwd, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, text=True, capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_domain_and_the_store_imports_no_pydantic(tmp_path):
    code = """
import sys
import oneonone_tui.store, oneonone_tui.store.codec, oneonone_tui.store.live, oneonone_tui.store.autosave
import oneonone_tui.domain.one_on_one, oneonone_tui.domain.overview, oneonone_tui.domain.commitments
import oneonone_tui.paths, oneonone_tui.launch
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
"""
    assert run_probe(code, tmp_path) == "[]"


def _session(rep_id: str, week: str, n: int) -> Session:
    when = datetime(2026, 11, 17, 14, 0) + timedelta(days=7 * n)
    made = Commitment(id=f"{rep_id}-{week}-1", text="call 5 stalled opps", due=date(2026, 11, 20), number=5,
                      metric_id="calls", stage="pipeline", made_week=week)
    old = Commitment(id="old", text="book 3 demos", due=date(2026, 11, 13), made_week="2026-W44")
    return Session(
        rep_id=rep_id, week=week, state=SessionState.DONE,
        entries={"calls": MetricEntry(metric_id="calls", actual=180 + n, answer="Two sick days.")},
        commitments=[made], to_review=[old],
        reviews={"old": Review(commitment_id="old", verdict=Verdict.PARTLY, outcome="3 of 5")},
        shared_notes="ok", started_at=when, finished_at=when + timedelta(minutes=26), seconds_spent=1590)


def test_opening_a_database_reading_it_and_saving_imports_no_pydantic(tmp_path):
    """The app's start-up path and its autosave: the stored team, the weeks, each rep's history, a save."""
    from oneonone_tui.store import Store
    from oneonone_tui.teamfile import load_team

    sample = load_team(SAMPLE_TEAM)
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.save_team(sample)
        for n, week in enumerate(["2026-W45", "2026-W46", "2026-W47"]):
            store.save_week(week, [_session(rep.id, week, n) for rep in sample.reps])
    code = """
import sys
from oneonone_tui.domain import one_on_one
from oneonone_tui.domain.overview import week_overview
from oneonone_tui.store import Store
from oneonone_tui.store.live import LiveReader
with Store.open(sys.argv[1]) as store:
    team = store.team()
    store.save_team(team)
    overview = week_overview(team, LiveReader(store), "2026-W48")
    assert len(overview.rows) == len(team.reps)
    for rep in team.reps:
        history = store.history(rep.id, "2026-W48", team.escalation.window_weeks)
        assert len(history) == 3, history
        session = store.latest_before(rep.id, "2026-W48").snapshot()
        session.shared_notes += "more"
        store.save(session)
        assert store.get(rep.id, session.week) == session
        one_on_one.begin(rep.id, "2026-W48", history[0])
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
"""
    assert run_probe(code, tmp_path, str(db)) == "[]"
