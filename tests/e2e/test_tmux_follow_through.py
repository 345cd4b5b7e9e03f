"""Follow-through in a real terminal: a 1:1 in one week, then the next week's 1:1 for the same rep
(`--week`) verifies what was committed: it is listed first, `n` asks how come, `c` carries it."""

from __future__ import annotations

from datetime import date

import pytest

from oneonone_tui.domain.weeks import shift, week_of
from tests.conftest import SAMPLE_TEAM
from tests.e2e.terminal import ONEONONE, Terminal, app_env, open_rep

pytestmark = pytest.mark.tmux





def test_next_weeks_1on1_verifies_what_was_committed_last_week(tmp_path, team):
    this_week = week_of(date.today())
    last_week = shift(this_week, -1)
    base = [ONEONONE, "--team", str(SAMPLE_TEAM), "--db", str(tmp_path / "db")]
    rep = team.reps[0]
    first = Terminal(120, 40)
    try:
        first.start(base + ["--week", last_week], app_env(tmp_path))
        first.wait_for(team.reps[-1].name)
        open_rep(first, rep.name)
        first.move_focus("C-n")
        first.type("re-engage 5 stalled opps due:fri #pipeline")
        first.wait_for("Enter adds:")
        first.send("Enter")
        first.wait_gone("Enter adds:")  # the pane's answer to Enter (the preview shows the row text before it)
        first.wait_for("• re-engage 5 stalled opps")
        first.wait_for("saved ")
        first.send("Escape")
        first.wait_for("1:1s ")
        first.send("q")
        first.wait_for("EXITED-0")
    finally:
        first.close()

    second = Terminal(120, 40)
    try:
        second.start(base + ["--week", this_week], app_env(tmp_path))
        second.wait_for(team.reps[-1].name)
        screen = open_rep(second, rep.name)
        assert "Open commitments" in screen
        lines = screen.splitlines()
        listed = next(i for i, line in enumerate(lines) if "re-engage 5 stalled opps" in line)
        results = next(i for i, line in enumerate(lines) if "1 · Results" in line)
        assert listed < results, "last week's commitment is listed before Results"
        assert f"(made {last_week})" in lines[listed]
        second.wait_for("▸ verdict")
        second.move_focus("Tab")  # the number achieved: 0 of 5 proposes "not kept"
        second.type("0")
        second.wait_for("(n) not kept")
        second.wait_for("How come 0 of the 5 were done")
        second.wait_for("press c to carry it forward")
        second.send("BTab")  # back on the verdict: c carries it forward
        second.wait_for("▸ verdict")
        second.type("c")
        second.wait_for("Carry forward:")  # to a typed date, as the grammar's due: reads it
        second.type("+1w")
        second.send("Enter")
        second.wait_for("Carried forward to")
        second.wait_for("saved ")
        second.send("Escape")
        second.wait_for("1:1s ")
        second.send("q")
        second.wait_for("EXITED-0")
    finally:
        second.close()
