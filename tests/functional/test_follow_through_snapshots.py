"""What the manager sees of follow-through on demo data: the verification section with a miss asking
how come and the level with what moved it, the history screen, the urgency list."""

from __future__ import annotations

from textual.widgets import DataTable

from oneonone_tui.domain.records import Owner
from oneonone_tui.ui.widgets import Picker, ReviewRow


async def _miss_the_first_commitment(pilot) -> None:
    table = pilot.app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=0)
    await pilot.press("enter")
    await pilot.pause()
    row = next(r for r in pilot.app.screen.review_rows() if r.commitment.owner is Owner.REP)
    row.query_one(Picker).focus()
    await pilot.press("n")
    await pilot.pause()
    pilot.app.saver.flush()
    await pilot.pause()


def test_verification_section_a_miss_asks_how_come_and_the_level_moves(snap_compare, make):
    assert snap_compare(make(history_weeks=26), terminal_size=(120, 40), run_before=_miss_the_first_commitment)


def test_history_screen(snap_compare, make):
    assert snap_compare(make(history_weeks=26), terminal_size=(120, 40), press=["h"])


def test_open_commitments_ranked_by_urgency(snap_compare, make):
    assert snap_compare(make(history_weeks=26), terminal_size=(120, 40), press=["c"])
