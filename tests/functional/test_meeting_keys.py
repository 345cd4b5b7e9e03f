"""What the keys do: open a rep, enter actuals, answer a how-come, commit, finish; reopen and find it all."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from oneonone_tui.domain.records import Diagnosis, Owner, SessionState
from oneonone_tui.domain.team import Stage
from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.fields import AnswerField
from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.widgets import MetricRow, Picker, dom_id

from .conftest import SIZE


async def _open_rep(pilot, rep_id: str) -> MeetingScreen:
    app = pilot.app
    table = app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=table.get_row_index(rep_id))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


async def _type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, Input):
        widget.value = ""
    await pilot.press(*text)


async def test_a_whole_one_on_one_is_walked_from_the_keyboard_and_found_again_after_reopening(team, make):
    rep = team.reps[0]
    results = team.metrics_in(Stage.RESULTS)
    higher = [m for m in results if m.direction.value == "higher"][0]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open_rep(pilot, rep.id)
        await _type_into(pilot, "#" + dom_id("actual", higher.id), "1")
        row = meeting.query_one("#" + dom_id("metric", higher.id), MetricRow)
        assert row.asks_how_come, "a metric short of target asks the how-come"
        question = str(row.query_one(".question").render())
        assert question.lower().startswith("how come") and "why" not in question.lower()
        await _type_into(pilot, "#" + dom_id("answer", higher.id), "two deals slipped")
        meeting.query_one("#" + dom_id("diagnosis", higher.id), Picker).focus()
        await pilot.press("f")
        await pilot.press("ctrl+n")
        await pilot.press(*"re-engage 5 stalled opps due:fri #pipeline")
        await pilot.press("enter")
        await pilot.press("ctrl+n")
        for chunk in ("send pricing approval", " due:tomorrow @me"):
            await pilot.press(*chunk)
        await pilot.press("enter")
        await pilot.press("ctrl+f", "y")  # half-done: the finish question, answered yes
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.saver.flush()
    # Reopen the database in a fresh app: everything is there.
    session = app.store.get(rep.id, "2026-W48")
    assert session is not None and session.state is SessionState.DONE
    entry = session.entries[higher.id]
    assert entry.actual == 1 and entry.answer == "two deals slipped" and entry.diagnosis is Diagnosis.EFFECTIVENESS
    texts = [c.text for c in session.commitments]
    assert texts == ["re-engage 5 stalled opps", "send pricing approval"]
    assert session.commitments[0].number == 5 and session.commitments[0].stage == "pipeline"
    assert session.commitments[1].owner is Owner.MANAGER
    app.store.close()
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        table = again.screen.query_one("#reps", DataTable)
        row_index = table.get_row_index(rep.id)
        assert "done" in str(table.get_row_at(row_index)[1])
        meeting = await _open_rep(pilot, rep.id)
        assert meeting.query_one("#" + dom_id("answer", higher.id), AnswerField).value == "two deals slipped"
        assert len(meeting.commitment_rows()) == 2


async def test_a_burst_of_digits_into_an_actual_builds_the_how_come_once_and_keeps_up(make, team):
    """Keys arrive faster than widgets compose in a real terminal: no key may reach a half-built block."""
    from textual import events

    rep = team.reps[0]
    metric = team.metrics_in(Stage.RESULTS)[0]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open_rep(pilot, rep.id)
        meeting.query_one("#" + dom_id("actual", metric.id)).focus()
        await pilot.pause()
        for digit in "30000":
            app.post_message(events.Key(digit, digit))  # all at once, as a terminal delivers them
        await pilot.pause()
        await pilot.pause()
        row = meeting.query_one("#" + dom_id("metric", metric.id), MetricRow)
        assert len(row.query("HowCome")) == 1
        question = str(row.query_one(".question").render())
        assert "30,000" in question and question.startswith("How come")
        assert meeting.session.entries[metric.id].actual == 30000


async def test_two_commitments_typed_in_one_burst_are_two_commitments_as_typed(make, team):
    """Line, Enter, line, Enter arriving at once (a fast typist, a paste, a loaded machine): each
    Enter adds what was typed before it, nothing joins the next line. (A tmux run once saved the
    second line joined to the first, twice.)"""
    from textual import events

    first, second = "re-engage 5 stalled opps due:fri #pipeline", "send pricing approval due:tomorrow @me"
    names = {" ": "space", ":": "colon", "#": "number_sign", "@": "at", "-": "minus"}
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert meeting.focused is meeting.query_one("#new-commitment")
        for line in (first, second):
            for ch in line:
                app.post_message(events.Key(names.get(ch, ch), ch))
            app.post_message(events.Key("enter", "\r"))
        for _ in range(20):
            await pilot.pause()
        texts = [c.text for c in meeting.session.commitments]
        assert texts == ["re-engage 5 stalled opps", "send pricing approval"], texts
        shown = [str(row.render()) for row in meeting.commitment_rows() if row.display]
        assert len(shown) == 2 and "re-engage 5 stalled opps" in shown[0] and "send pricing approval" in shown[1]
        assert meeting.query_one("#new-commitment", Input).value == ""


async def test_a_tab_in_a_burst_moves_on_before_the_keys_behind_it_are_typed(make, team):
    """An actual, Tab, an answer, arriving at once (a fast typist, a loaded machine): the actual keeps
    what was typed before the Tab, and what follows goes where the Tab aimed — the how-come that a
    short number opens right below it. Textual resolves Tab once the key has bubbled back up to the
    app, so the keys behind it were typed into the actual first (`5kabc`)."""
    from textual import events

    metric = [m for m in team.metrics_in(Stage.RESULTS) if m.direction.value == "higher"][0]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open_rep(pilot, team.reps[0].id)
        actual = meeting.query_one("#" + dom_id("actual", metric.id), Input)
        actual.focus()
        await pilot.pause()
        actual.value = ""
        await pilot.pause()
        for key, character in (("1", "1"), ("tab", "\t"), ("s", "s"), ("l", "l"), ("o", "o"), ("w", "w"),
                               ("shift+tab", None), ("2", "2")):
            app.post_message(events.Key(key, character))
        for _ in range(30):
            await pilot.pause()
        answer = meeting.query_one("#" + dom_id("answer", metric.id), AnswerField)
        assert answer.text == "slow", answer.text
        assert actual.value == "12", actual.value  # shift+tab went back to the actual: 2 typed after the 1
        assert meeting.focused is actual
