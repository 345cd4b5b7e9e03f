"""Writer for the kill -9 loop (tests/unit/test_store_killloop.py); plain Python, no textual.

Usage: python _store_writer.py DB SEED FIRST_N
Prints `ready` once imported, waits for `go` on stdin, then opens the store and saves forever,
printing `confirmed <rep> <week> <n>` (flushed) only after each save has returned. n grows
with every save and is stored in `seconds_spent` and at the start of `shared_notes`.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from oneonone_tui.domain.records import Session
from oneonone_tui.store import Store

REPS = [f"rep{i:02d}" for i in range(8)]
WEEKS = [f"2026-W{w:02d}" for w in range(40, 49)]
WORDS = "they said the pipeline is thin because discovery calls slipped again this week ".split()


def session(rep: str, week: str, n: int, typed: int) -> Session:
    notes = f"n={n}; " + " ".join(WORDS[i % len(WORDS)] for i in range(typed))  # grows as the manager types
    return Session(rep_id=rep, week=week, seconds_spent=n, shared_notes=notes, private_notes="ünïcode ✓")


def main() -> None:
    db, seed, n = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return
    rng = random.Random(seed)
    with Store.open(db) as store:
        typed = 0
        while True:
            n += 1
            typed += rng.randint(1, 40)
            week = rng.choice(WEEKS)
            if rng.random() < 0.1:
                batch = rng.sample(REPS, 5)
                store.save_week(week, [session(rep, week, n, typed) for rep in batch])
                sys.stdout.write("".join(f"confirmed {rep} {week} {n}\n" for rep in batch))
                sys.stdout.flush()
            else:
                rep = rng.choice(REPS)
                store.save(session(rep, week, n, typed))
                print(f"confirmed {rep} {week} {n}", flush=True)


if __name__ == "__main__":
    main()
