"""kill -9 a writer at random instants, hundreds of times: every file still reads, no confirmed save is lost."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oneonone_tui.store import Store

WRITER = Path(__file__).with_name("_store_writer.py")
KILLS = 220
SEED = 20261124


def start_writer(db: Path, round_: int) -> subprocess.Popen:
    # Each writer counts from its own block, so n only ever grows for a given (rep, week).
    return subprocess.Popen([sys.executable, str(WRITER), str(db), str(SEED + round_), str(round_ * 1_000_000)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_kill_9_at_any_instant_leaves_readable_files_and_every_confirmed_save(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "sessions"
    confirmed: dict[tuple[str, str], int] = {}
    saves = 0
    leftovers_seen = 0
    began = time.monotonic()
    upcoming = start_writer(db, 0)
    try:
        for round_ in range(KILLS):
            writer = upcoming
            assert writer.stdout.readline() == "ready\n"
            writer.stdin.write("go\n")
            writer.stdin.flush()
            upcoming = start_writer(db, round_ + 1)  # its start-up overlaps this round
            time.sleep(rng.uniform(0.0, 0.04))
            writer.kill()
            writer.wait()
            for line in writer.stdout.read().splitlines(keepends=True):
                if not line.endswith("\n"):
                    continue  # cut off by the kill: not confirmed
                _, rep, week, n = line.split()
                confirmed[(rep, week)] = max(confirmed.get((rep, week), 0), int(n))
                saves += 1
            writer.stdin.close()
            writer.stdout.close()

            leftovers_seen += any(".tmp-" in p.name for p in db.rglob("*")) if db.exists() else 0
            if not (db / "meta.json").exists():
                continue  # killed before the database was first created
            with Store.open(db, read_only=True) as viewer:  # a reader ignores any half-written temp file
                assert viewer.verify() == [], f"round {round_}"
            with Store.open(db) as store:  # the dead writer's lock is free
                assert store.verify() == []
                for (rep, week), n in confirmed.items():
                    stored = store.get(rep, week)
                    assert stored is not None, f"round {round_}: confirmed {rep} {week} {n} is missing"
                    assert stored.seconds_spent >= n, f"round {round_}: {rep} {week} has {stored.seconds_spent} < {n}"
                    assert stored.shared_notes.startswith(f"n={stored.seconds_spent}; ")
            assert not any(".tmp-" in p.name for p in db.rglob("*"))  # the writable open cleaned up
    finally:
        upcoming.kill()
        upcoming.wait()
    elapsed = time.monotonic() - began
    print(f"\nkill loop: {KILLS} kills, {saves} confirmed saves, temp files left by {leftovers_seen} kills, "
          f"{elapsed:.1f} s")
    assert saves >= 50  # the loop exercised saving, not just starting up
    with Store.open(db) as store:
        assert len(store.weeks()) == 9
        assert all(len(backups) <= 3 for backups in [
            [p for p in (db / "backups").iterdir() if p.name.startswith(f"{week}.json.")] for week in store.weeks()])
