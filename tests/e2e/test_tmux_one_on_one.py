"""The whole flow in a real terminal: launch, walk one 1:1, quit, relaunch, read the saved text."""

from __future__ import annotations


import pytest

from tests.conftest import SAMPLE_TEAM
from tests.e2e.terminal import ONEONONE, Terminal, app_env, open_rep

pytestmark = pytest.mark.tmux






def test_a_manager_walks_a_one_on_one_quits_and_finds_it_all_after_relaunch(tmp_path, team, terminal):
    db = tmp_path / "db"
    command = [ONEONONE, "--team", str(SAMPLE_TEAM), "--db", str(db)]
    rep = team.reps[0]
    terminal.start(command, app_env(tmp_path))
    terminal.wait_for(team.reps[-1].name)
    # Find the rep with the filter and open the 1:1.
    open_rep(terminal, rep.name)
    # The first results actual has focus: a short number asks the how-come; `5k` is read as 5,000.
    terminal.type("5k")
    terminal.wait_for("How come $5,000 of")
    terminal.move_focus("Tab")
    terminal.type("Two deals slipped to December")
    terminal.wait_for("Two deals slipped to December")
    terminal.send("Tab")
    terminal.wait_for("▸ diagnosis")
    terminal.type("f")
    terminal.wait_for("(f) effectiveness")
    # ctrl+n jumps to the commitment line; after Enter the caret stays there for the next one (a
    # second ctrl+n would not move it, so waiting for the caret to move would wait in vain).
    terminal.move_focus("C-n")
    for line, shown in (("re-engage 5 stalled opps due:fri #pipeline", "• re-engage 5 stalled opps"),
                        ("send pricing approval due:tomorrow @me", "• send pricing approval")):
        terminal.type(line)
        terminal.wait_for("Enter adds:")
        terminal.send("Enter")
        # The preview going is the pane's answer to Enter: the row text alone is in the preview before it.
        terminal.wait_gone("Enter adds:")
        terminal.wait_for(shown)
    terminal.wait_for("saved ")
    # Half done (one actual of many): finishing asks once, listing what is missing.
    terminal.send("C-f")
    terminal.wait_for("Finish anyway?")
    terminal.wait_for("not entered")
    terminal.send("y")
    terminal.wait_for("1:1s 1/")
    terminal.send("q")
    terminal.wait_for("EXITED-0")
    terminal.close()

    again = Terminal(120, 40)
    try:
        again.start(command, app_env(tmp_path))
        screen = again.wait_for("1:1s 1/")
        rep_line = next(line for line in screen.splitlines() if rep.name in line)
        assert "done" in rep_line
        open_rep(again, rep.name)
        screen = again.wait_for("Two deals slipped to December")
        assert "5000" in screen  # the 5k actual, kept as 5,000
        assert "re-engage 5 stalled opps" in screen
        assert "send pricing approval" in screen
        again.send("Escape")
        again.wait_for("1:1s 1/")
        again.send("q")
        again.wait_for("EXITED-0")
    finally:
        again.close()
