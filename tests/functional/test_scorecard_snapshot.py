"""What the manager sees on `s`: the scorecard at 80x24, over a lived-in demo history."""

from __future__ import annotations


def test_scorecard_screen_over_eight_weeks_of_history(snap_compare, make):
    async def open_scorecard(pilot):
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(make(history_weeks=8), terminal_size=(80, 24), run_before=open_scorecard)
