"""`oneonone demo` as a real process: five years of a 16-rep team, refusal, determinism, kill -9.

The history itself is tested in test_demo.py against an in-memory store; here it goes through the
command line into a real database, which must then open, verify and tell the demo's story.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oneonone_tui.domain.escalation import Level, assess
from oneonone_tui.domain.records import Session
from oneonone_tui.store import Store
from oneonone_tui.domain.team import Team
from oneonone_tui.domain.weeks import shift

UNTIL = "2026-W47"
WEEKS = 260
REPS = 16
TIMEOUT = 120


def demo_env(tmp: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "home" / ".local" / "share"),
                       ONEONONE_DATA_DIR=str(tmp / "data"), TERM="dumb")
    environment.pop("ONEONONE_DB", None)
    return environment


def demo_command(db: Path, *extra: str, weeks: int = WEEKS, reps: int = REPS) -> list[str]:
    return [sys.executable, "-m", "oneonone_tui", "demo", "--weeks", str(weeks), "--reps", str(reps),
            "--db", str(db), "--until", UNTIL, *extra]


def run_demo(tmp: Path, db: Path, *extra: str, **sizes: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(demo_command(db, *extra, **sizes), env=demo_env(tmp), text=True, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=TIMEOUT)


def week_files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((db / "weeks").iterdir())}


@pytest.fixture(scope="module")
def big_demo(tmp_path_factory) -> tuple[Path, float]:
    """One run of the full demo (260 weeks x 16 reps), shared; returns the db and how long it took."""
    tmp = tmp_path_factory.mktemp("big-demo")
    db = tmp / "db"
    began = time.monotonic()
    result = run_demo(tmp, db)
    elapsed = time.monotonic() - began
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    print(f"\noneonone demo --weeks {WEEKS} --reps {REPS}: {elapsed:.2f} s (process start to exit)")
    return db, elapsed


def test_a_five_year_demo_of_16_reps_finishes_and_the_database_loads_and_verifies(big_demo):
    db, elapsed = big_demo
    with Store.open(db, read_only=True) as store:
        assert store.verify() == []
        weeks = store.weeks()
        assert len(weeks) == WEEKS
        assert weeks == [shift(UNTIL, -i) for i in reversed(range(WEEKS))]  # every week, none skipped, to UNTIL
        team = store.team()
        assert len(team.reps) == REPS
        rep_ids = sorted(rep.id for rep in team.reps)
        for week in weeks:
            assert sorted(store.week(week)) == rep_ids, week
    assert elapsed > 0


def _standings(db: Path) -> tuple[Team, dict[str, list[Session]]]:
    with Store.open(db, read_only=True) as store:
        team = store.team()
        after = shift(store.weeks()[-1], 1)
        return team, {rep.id: store.history(rep.id, after, WEEKS + 1) for rep in team.reps}


def test_the_demo_history_has_one_rep_on_a_performance_plan_and_one_on_a_long_kept_streak(big_demo):
    db, _ = big_demo
    team, histories = _standings(db)
    assert all(len(history) == WEEKS for history in histories.values())
    states = {rep_id: assess(history, team.escalation) for rep_id, history in histories.items()}
    on_pip = [rep_id for rep_id, state in states.items() if state.level is Level.PIP]
    assert len(on_pip) == 1, {rep_id: state.level for rep_id, state in states.items()}
    streaker = max(states, key=lambda rep_id: states[rep_id].kept_streak)
    assert streaker not in on_pip
    assert states[streaker].kept_streak >= 25
    assert states[streaker].level is Level.CLEAR
    assert states[streaker].recognition == f"Kept {states[streaker].kept_streak} commitments in a row — say so."


def test_the_same_seed_writes_byte_identical_weeks_and_another_seed_does_not(big_demo, tmp_path):
    db, _ = big_demo
    same, other = tmp_path / "same", tmp_path / "other"
    assert run_demo(tmp_path, same).returncode == 0  # the default seed, as big_demo used
    assert run_demo(tmp_path, other, "--seed", "8").returncode == 0
    assert week_files(same) == week_files(db)
    with Store.open(same, read_only=True) as a, Store.open(db, read_only=True) as b:
        assert a.team() == b.team()
    differ = week_files(other)
    assert differ.keys() == week_files(db).keys()
    assert differ != week_files(db)


def test_demo_refuses_a_database_that_already_holds_sessions_and_leaves_it_untouched(tmp_path):
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.save(Session(rep_id="sam", week="2026-W40", shared_notes="a real 1:1, not a demo"))
    before = {p.relative_to(db): p.read_bytes() for p in db.rglob("*") if p.is_file()}
    result = run_demo(tmp_path, db, weeks=4)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{db}: already holds sessions (1 week)" in result.stderr
    assert "nothing was written" in result.stderr and "--db" in result.stderr
    after = {p.relative_to(db): p.read_bytes() for p in db.rglob("*") if p.is_file()}
    assert after == before
    with Store.open(db) as store:  # and the demo let go of the lock
        assert store.weeks() == ["2026-W40"]
        assert store.get("sam", "2026-W40").shared_notes == "a real 1:1, not a demo"


def test_demo_into_a_database_held_by_another_process_exits_2_saying_it_is_in_use(tmp_path):
    db = tmp_path / "db"
    with Store.open(db):
        result = run_demo(tmp_path, db, weeks=2)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{db} is in use by process {os.getpid()}" in result.stderr
    with Store.open(db) as store:
        assert store.weeks() == []


KILLS = 25
SEED = 20261124


@pytest.mark.slow
def test_kill_9_at_any_moment_of_the_demo_leaves_a_database_that_opens_and_verifies(big_demo, tmp_path):
    _, duration = big_demo  # process start to exit of the whole demo, measured on this machine
    rng = random.Random(SEED)
    began = time.monotonic()
    killed = finished = before_db = partial = 0
    for round_ in range(KILLS):
        db = tmp_path / f"db{round_}"
        delay = rng.uniform(0.0, duration)
        writer = subprocess.Popen(demo_command(db), env=demo_env(tmp_path), stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            writer.wait(timeout=delay)  # ends early if the demo is done first
            finished += 1
        except subprocess.TimeoutExpired:
            writer.kill()  # SIGKILL: no cleanup, no flush, mid-write for all we know
            writer.wait()
            killed += 1
        if not db.exists():
            before_db += 1  # killed before the demo created the database
            continue
        with Store.open(db) as store:  # writable: the dead writer's lock is free
            assert store.verify() == [], f"round {round_} ({delay:.3f} s)"
            weeks = store.weeks()
            # Weeks are written oldest first, one atomic write each: what is there is a complete prefix.
            assert weeks == [shift(UNTIL, -(WEEKS - 1) + i) for i in range(len(weeks))], f"round {round_}"
            for week in weeks:
                assert len(store.week(week)) == REPS, f"round {round_}: {week} is not whole"
            partial += 0 < len(weeks) < WEEKS
        assert not [p for p in db.rglob("*") if ".tmp-" in p.name], "the writable open removed stale temp files"
    elapsed = time.monotonic() - began
    print(f"\ndemo kill loop: {KILLS} runs, {killed} killed with -9 ({partial} mid-history, {before_db} before "
          f"the database existed), {finished} finished first; {elapsed:.1f} s")
    assert killed >= KILLS // 2
    assert partial >= 3, "the kills landed while weeks were being written, not only at start-up"
