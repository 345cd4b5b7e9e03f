"""Keys in the live 1:1: commitments that do not vanish, Tab that stops only at fields (issue 9)."""

from __future__ import annotations

from textual.containers import VerticalScroll

from oneonone_tui.ui.widgets import CommitmentRow

from .test_meeting_keys import _open_rep


async def _commit(pilot, text: str) -> None:
    await pilot.press("ctrl+n", *text, "enter")
    await pilot.pause()


async def test_a_removed_commitment_comes_back_with_ctrl_z(make, team):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        await _commit(pilot, "book 3 calls due:fri")
        await _commit(pilot, "send pricing due:thu")
        await pilot.press("shift+tab")  # from the new-commitment box onto the last commitment
        assert isinstance(app.focused, CommitmentRow)
        await pilot.press("backspace")
        await pilot.pause()
        assert [c.text for c in meeting.session.commitments] == ["book 3 calls"]
        assert any("ctrl+z" in str(n.message) for n in app._notifications), "the removal says how to undo it"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c.text for c in meeting.session.commitments] == ["book 3 calls", "send pricing"]
        rows = list(meeting.query(CommitmentRow))
        assert [r.commitment.text for r in rows] == ["book 3 calls", "send pricing"]


async def test_a_new_commitment_scrolls_into_view(make, team):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        pane = meeting.query_one("#pane", VerticalScroll)
        for i in range(8):
            await _commit(pilot, f"call prospect {i} due:fri")
        await pilot.pause()
        last = list(meeting.query(CommitmentRow))[-1]
        assert last.commitment.text == "call prospect 7"
        assert pane.region.contains_region(last.region), (pane.region, last.region)
