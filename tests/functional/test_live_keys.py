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
        rows = meeting.commitment_rows()
        assert [r.commitment.text for r in rows] == ["book 3 calls", "send pricing"]


async def test_a_new_commitment_scrolls_into_view(make, team):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        pane = meeting.query_one("#pane", VerticalScroll)
        for i in range(8):
            await _commit(pilot, f"call prospect {i} due:fri")
        await pilot.pause()
        last = meeting.commitment_rows()[-1]
        assert last.commitment.text == "call prospect 7"
        assert pane.region.contains_region(last.region), (pane.region, last.region)


async def test_tab_after_the_last_pipeline_value_lands_on_the_first_activity_value(make, team):
    from oneonone_tui.domain.team import Stage
    from oneonone_tui.ui.widgets import dom_id

    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        last_pipeline = team.metrics_in(Stage.PIPELINE)[-1]
        first_activity = team.metrics_in(Stage.ACTIVITY)[0]
        meeting.query_one("#" + dom_id("actual", last_pipeline.id)).focus()
        await pilot.pause()
        await pilot.press("tab", "1", "2", "0")
        await pilot.pause()
        box = meeting.query_one("#" + dom_id("actual", first_activity.id))
        assert app.focused is box and box.value == "120"


async def test_a_digit_on_a_commitment_row_goes_to_the_next_field(make, team):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        await _commit(pilot, "book 3 calls due:fri")
        await pilot.press("shift+tab")
        assert isinstance(app.focused, CommitmentRow)
        await pilot.press("5")
        await pilot.pause()
        box = meeting.query_one("#new-commitment")
        assert app.focused is box and box.value == "5"


async def test_tabbing_into_a_filled_field_puts_the_caret_at_the_end(make, team):
    from oneonone_tui.domain.team import Stage
    from oneonone_tui.ui.widgets import dom_id

    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        first, second = team.metrics_in(Stage.RESULTS)[:2]
        meeting.query_one("#" + dom_id("actual", second.id)).focus()
        await pilot.pause()
        await pilot.press("1", "2")
        meeting.query_one("#" + dom_id("actual", first.id)).focus()
        await pilot.pause()
        meeting.query_one("#" + dom_id("actual", second.id)).focus()
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        assert meeting.query_one("#" + dom_id("actual", second.id)).value == "1"
