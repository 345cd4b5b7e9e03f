"""kill -9 the real app while the manager types at a steady pace: at most the last second is lost.

Each keystroke used to push the 0.25 s autosave debounce back, so typing a word every 0.15 s
saved nothing until a pause: a kill (a laptop that dies, a terminal that crashes) lost everything
typed since the last pause. Autosave now also lands at most `max_wait` (1 s) after the first
unsaved change. Each round launches the app in tmux on the same demo database, opens one rep's
1:1, types words into the shared notes, kills the process with SIGKILL (no flush can run) and
reads what reached the disk.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from oneonone_tui.store import Store
from oneonone_tui.domain.weeks import week_of
from tests.e2e.terminal import ONEONONE, Terminal, app_env

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

ROUNDS = 20
PACE = 0.15  # seconds between words: shorter than the 0.25 s debounce, so only the cap saves them
WORDS = (12, 16)  # words typed per round (random in this range): ~1.8-2.4 s of typing
OLD_ENOUGH = 1.2  # a word typed this long before the kill must be on disk (cap 1 s + key handling + fsync)
SEED = 20261125



def _app_pid(db: Path, previous: int | None) -> int:
    """The running app's PID, from the database's lock file (the pane runs a shell around the app)."""
    text = (db / "lock").read_text().strip()
    assert text.isdigit(), f"{db / 'lock'} holds {text!r}, not the app's PID"
    pid = int(text)
    assert pid != previous, "the lock file still names the killed app: the new one did not take the lock"
    os.kill(pid, 0)  # alive (raises if not)
    return pid


def _saved_notes(db: Path, rep_id: str, week: str) -> str:
    with Store.open(db, read_only=True) as viewer:
        session = viewer.get(rep_id, week)
    return session.shared_notes if session is not None else ""


def _one_round(tmp_path: Path, db: Path, rep_name: str, round_: int, words: int,
               previous_pid: int | None) -> tuple[int, list[tuple[str, float]], float, str]:
    """Launch, open the 1:1, type `words` words at PACE, kill -9; (pid, [(word, sent at)], kill time, screen)."""
    week = week_of(date.today())
    terminal = Terminal(120, 40)
    try:
        terminal.start([ONEONONE, "--db", str(db), "--week", week], app_env(tmp_path))
        terminal.wait_for("1:1s ")
        pid = _app_pid(db, previous_pid)
        terminal.send("/")
        terminal.wait_for("Filter reps by name")
        terminal.type(rep_name)
        terminal.send("Enter")
        terminal.wait_gone("Filter reps by name")
        terminal.send("Enter")
        terminal.wait_for("1 · Results")
        terminal.send("C-t")  # the shared notes
        terminal.wait_caret_below("Shared notes")
        sent: list[tuple[str, float]] = []
        next_at = time.monotonic()
        for i in range(words):
            word = f"r{round_:02d}w{i:02d}"
            terminal.type(word + " ")
            sent.append((word, time.monotonic()))
            next_at += PACE
            time.sleep(max(0.0, next_at - time.monotonic()))  # the pace of typing, not a wait on the app
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        terminal.wait_for(f"EXITED-{128 + signal.SIGKILL}")
        return pid, sent, killed_at, terminal.screen()
    finally:
        terminal.close()


def test_kill_9_while_typing_steadily_loses_at_most_the_last_second(tmp_path: Path) -> None:
    db = tmp_path / "db"
    made = subprocess.run([ONEONONE, "demo", "--weeks", "4", "--db", str(db)], capture_output=True, text=True,
                          env={**os.environ, **app_env(tmp_path)})
    assert made.returncode == 0, made.stderr
    with Store.open(db, read_only=True) as viewer:
        rep = viewer.team().reps[0]
    week = week_of(date.today())
    rng = random.Random(SEED)
    began = time.monotonic()
    lost_per_kill: list[int] = []
    newest_saved_age: list[float] = []
    typed = 0
    pid: int | None = None
    for round_ in range(ROUNDS):
        pid, sent, killed_at, screen = _one_round(tmp_path, db, rep.name, round_, rng.randint(*WORDS), pid)
        saved = set(_saved_notes(db, rep.id, week).split())
        ages = {word: killed_at - at for word, at in sent}
        lost = [word for word, _ in sent if word not in saved]
        lost_old = [f"{word} ({ages[word]:.2f} s)" for word in lost if ages[word] > OLD_ENOUGH]
        kept = [ages[word] for word, _ in sent if word in saved]
        assert not lost_old, (f"round {round_}: typed more than {OLD_ENOUGH} s before the kill and not saved: "
                              f"{lost_old}; screen at the kill:\n{screen}")
        # Saved words are a prefix of what was typed: nothing newer on disk than something missing.
        assert all(word in saved for word, _ in sent[: len(kept)]), f"round {round_}: saved {sorted(saved)}"
        typed += len(sent)
        lost_per_kill.append(len(lost))
        newest_saved_age.append(min(kept) if kept else float("inf"))
    elapsed = time.monotonic() - began
    saved_ages = [age for age in newest_saved_age if age != float("inf")]
    print(f"\nkill -9 while typing: {ROUNDS} kills, {typed} words at one per {PACE:.2f} s, "
          f"lost per kill min/median/max {min(lost_per_kill)}/{statistics.median(lost_per_kill):g}/"
          f"{max(lost_per_kill)} ({sum(lost_per_kill)} in all, none older than {OLD_ENOUGH} s), "
          f"newest saved word's age at the kill median {statistics.median(saved_ages):.2f} s max "
          f"{max(saved_ages):.2f} s, {elapsed:.1f} s")
    assert len(saved_ages) == ROUNDS  # every round saved something while the typing went on
