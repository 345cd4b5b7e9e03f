"""A real terminal: Enter, ctrl+t and a sentence typed with no pause land in the notes, and no verdict."""

from __future__ import annotations

import os
import subprocess
from datetime import date

import pytest

from tests.e2e.terminal import ONEONONE, app_env

pytestmark = pytest.mark.tmux

SENTENCE = "we spoke, he will keep pushing"




def test_enter_ctrl_t_and_a_sentence_with_no_delay_go_into_the_notes_and_record_no_verdict(tmp_path, terminal):
    from oneonone_tui.store import Store
    from oneonone_tui.domain.weeks import shift, week_of

    db = tmp_path / "db"
    this_week = week_of(date.today())
    subprocess.run([ONEONONE, "demo", "--db", str(db), "--weeks", "4", "--until", shift(this_week, -1)],
                   check=True, capture_output=True, env={**os.environ, **app_env(tmp_path)})
    terminal.start([ONEONONE, "--db", str(db)], app_env(tmp_path))
    terminal.wait_for("1:1s 0/")
    # The top rep (needs the manager most) has last week's commitments to review: the pane opens on
    # a verdict picker, where `n` means "not kept". All keys in one go, as a fast typist's burst.
    terminal.send("Enter", "C-t")
    terminal.type(SENTENCE)
    terminal.wait_for("Open commitments")
    terminal.wait_for(SENTENCE)
    terminal.wait_for("saved ")
    terminal.send("Escape")
    terminal.wait_for("1:1s 0/")
    terminal.send("q")
    terminal.wait_for("EXITED-0")
    terminal.close()

    with Store.open(db, read_only=True) as store:
        sessions = store.week(this_week)
    assert len(sessions) == 1, f"exactly the opened 1:1 was written: {sorted(sessions)}"
    (session,) = sessions.values()
    assert session.to_review, "the rep had commitments to review"
    assert session.shared_notes == SENTENCE
    assert all(review.verdict is None for review in session.reviews.values()), session.reviews
