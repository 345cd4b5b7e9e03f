"""A real terminal: Enter, ctrl+t and a sentence typed with no pause land in the notes, and no verdict."""

from __future__ import annotations

import os
import subprocess
from datetime import date

import pytest

from tests.e2e.terminal import ONEONONE, app_env

pytestmark = pytest.mark.tmux

SENTENCE = "we spoke, he will keep pushing"


def _start_on_demo(tmp_path, terminal) -> tuple:
    """Four weeks of demo history up to last week; the app started on it (nothing waited for)."""
    from oneonone_tui.domain.weeks import shift, week_of

    db = tmp_path / "db"
    this_week = week_of(date.today())
    subprocess.run([ONEONONE, "demo", "--db", str(db), "--weeks", "4", "--until", shift(this_week, -1)],
                   check=True, capture_output=True, env={**os.environ, **app_env(tmp_path)})
    terminal.start([ONEONONE, "--db", str(db)], app_env(tmp_path))
    return db, this_week


def _app_on_demo(tmp_path, terminal) -> tuple:
    """`_start_on_demo`, its dashboard on screen."""
    db, this_week = _start_on_demo(tmp_path, terminal)
    terminal.wait_for("1:1s 0/")
    return db, this_week


def _burst_landed_in_the_notes(terminal, db, week: str) -> None:
    """After Enter, ctrl+t and SENTENCE: the top rep's 1:1 holds the sentence as its notes and no verdict,
    and nothing else was written."""
    terminal.wait_for("Open commitments")
    terminal.wait_for(SENTENCE)
    terminal.wait_for("saved ")
    terminal.send("Escape")
    terminal.wait_for("1:1s 0/")
    sessions = _quit_and_read(terminal, db, week)
    assert len(sessions) == 1, f"exactly the opened 1:1 was written: {sorted(sessions)}"
    (session,) = sessions.values()
    assert session.to_review, "the rep had commitments to review"
    assert session.shared_notes == SENTENCE
    assert all(review.verdict is None for review in session.reviews.values()), session.reviews


def _quit_and_read(terminal, db, week: str) -> dict:
    """`q`, then this week's sessions as stored."""
    from oneonone_tui.store import Store

    terminal.send("q")
    terminal.wait_for("EXITED-0")
    terminal.close()
    with Store.open(db, read_only=True) as store:
        return store.week(week)





def test_enter_ctrl_t_and_a_sentence_with_no_delay_go_into_the_notes_and_record_no_verdict(tmp_path, terminal):
    db, this_week = _app_on_demo(tmp_path, terminal)
    # The top rep (needs the manager most) has last week's commitments to review: the pane opens on
    # a verdict picker, where `n` means "not kept". All keys in one go, as a fast typist's burst.
    terminal.send("Enter", "C-t")
    terminal.type(SENTENCE)
    _burst_landed_in_the_notes(terminal, db, this_week)


def test_after_start_up_each_rep_opens_in_the_built_pane_and_bursts_of_keys_stay_with_their_rep(tmp_path, terminal):
    """Issue 13 in a real terminal: once start-up's idle work has built the pane, Enter only rebinds
    it. Three reps in a row, each with a note typed in one burst right behind Enter and left with
    Escape at once: each note lands in its own rep's 1:1, and nothing else is written."""
    db, this_week = _app_on_demo(tmp_path, terminal)
    import time

    from oneonone_tui.store import Store

    time.sleep(1.5)  # the manager reads the dashboard: the pane is built in this time
    with Store.open(db, read_only=True) as store:
        reps = store.team().reps[:3]
    for index, rep in enumerate(reps):
        terminal.send("/")  # into the filter (it keeps the last name: ctrl+u empties it)
        deadline = time.monotonic() + 20
        while terminal.cursor()[1] != 2 and time.monotonic() < deadline:  # the caret on the filter's row
            time.sleep(0.02)
        terminal.send("C-u")
        terminal.wait_for("Filter reps by name")
        terminal.type(rep.name)
        terminal.send("Enter")
        terminal.wait_gone("Filter reps by name")
        terminal.send("Enter", "C-t")  # one burst: Enter, ctrl+t and the note behind it
        terminal.type(f"note {index} for this rep")
        screen = terminal.wait_for(f"note {index} for this rep")
        assert screen.splitlines()[0].strip().startswith(rep.name), screen.splitlines()[0]
        terminal.wait_for("saved ")
        terminal.send("Escape")  # and straight on to the next
        terminal.wait_for("1:1s 0/")
    sessions = _quit_and_read(terminal, db, this_week)
    assert sorted(sessions) == sorted(rep.id for rep in reps), "exactly the three opened 1:1s were written"
    assert [sessions[rep.id].shared_notes for rep in reps] == [f"note {i} for this rep" for i in range(3)]
    assert all(s.entries == {} or all(e.actual is None and not e.answer for e in s.entries.values())
               for s in sessions.values()), "nothing but the note was written"
    assert all(review.verdict is None for s in sessions.values() for review in s.reviews.values())


def test_enter_ctrl_t_and_a_sentence_typed_before_the_first_frame_still_land_in_the_notes(tmp_path, terminal):
    """Keys typed the moment `oneonone` starts, before anything is drawn: they wait for the dashboard's
    first frame, then Enter opens the top rep's 1:1 and the rest wait for it. (They went to Textual's
    empty first screen and were lost: the letters then acted as dashboard keys, `h` opened a history.)"""
    db, this_week = _start_on_demo(tmp_path, terminal)
    terminal.send("Enter", "C-t")  # at once: the app is still importing
    terminal.type(SENTENCE)
    _burst_landed_in_the_notes(terminal, db, this_week)
