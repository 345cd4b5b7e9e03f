"""Keys typed before the 1:1 has drawn go where the manager aimed them, or nowhere: never into a verdict."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import DataTable

from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.widgets import Picker, ReviewRow

from .conftest import SIZE

SENTENCE = "we spoke, he will keep pushing"
_NAMES = {" ": "space", ",": "comma", ".": "full_stop"}


def _keys(*keys: str) -> list[events.Key]:
    """Key events as the terminal driver makes them: a name, and the character for printable keys."""
    made = []
    for key in keys:
        if len(key) == 1:
            made.append(events.Key(_NAMES.get(key, key), key))
        else:
            made.append(events.Key(key, None))
    return made


async def _dashboard_on_a_rep_with_commitments_to_review(pilot) -> str:
    app = pilot.app
    table = app.screen.query_one("#reps", DataTable)
    rep = next(r for r in app.team.reps
               if (p := app.sessions.latest_before(r.id, "2026-W48")) is not None and p.open_commitments())
    table.move_cursor(row=table.get_row_index(rep.id))
    await pilot.pause()
    return rep.id


async def _settle(pilot, app) -> MeetingScreen:
    for _ in range(200):  # a condition, not a fixed sleep: the pane is up and the keys are through
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, MeetingScreen) and getattr(app, "_held_keys", None) is None:
            break
    await pilot.pause()
    assert app.saver.flush(timeout=10)
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


def _assert_note_kept_and_no_verdict(app, rep_id: str, meeting: MeetingScreen) -> None:
    assert meeting.session.to_review, "the rep has last week's commitments to review"
    assert meeting.session.shared_notes == SENTENCE
    assert all(review.verdict is None for review in meeting.session.reviews.values())
    stored = app.store.get(rep_id, "2026-W48")
    assert stored is not None and stored.shared_notes == SENTENCE
    assert all(review.verdict is None for review in stored.reviews.values())


async def test_keys_posted_all_at_once_with_enter_put_the_sentence_in_the_notes_and_record_no_verdict(make):
    app = make(history_weeks=3)
    async with app.run_test(size=SIZE) as pilot:
        rep_id = await _dashboard_on_a_rep_with_commitments_to_review(pilot)
        for key in _keys("enter", "ctrl+t", *SENTENCE):  # one read from the terminal: no wait between keys
            app.post_message(key)
        meeting = await _settle(pilot, app)
        _assert_note_kept_and_no_verdict(app, rep_id, meeting)
        assert meeting.focused is meeting.query_one("#shared-notes")


async def _keys_while_the_pane_gets_ready(app, pilot, *, prebuilt: bool) -> str:
    rep_id = await _dashboard_on_a_rep_with_commitments_to_review(pilot)
    if prebuilt:  # the pane was built while the manager read the dashboard: Enter only binds it
        app._prebuild_meeting()
        for _ in range(200):
            if app._meeting.is_mounted:
                break
            await pilot.pause(0.01)
        assert app._meeting.is_mounted
    else:
        assert app._meeting is None or not app._meeting.is_running, "Enter comes before the pane was built"
    app.post_message(_keys("enter")[0])
    for _ in range(10_000):
        if isinstance(app.screen, MeetingScreen):
            break
        await asyncio.sleep(0)
    assert isinstance(app.screen, MeetingScreen)
    assert app._held_keys is not None, "the rest is typed before the pane is ready for it"
    for key in _keys("ctrl+t", *SENTENCE):
        app.post_message(key)
    return rep_id


async def test_keys_arriving_while_the_one_on_one_is_being_built_reach_the_notes_not_the_verdict(make):
    """The real terminal's timing: Enter is handled, then the rest arrives before the pane has composed."""
    app = make(history_weeks=3)
    app.PRELOAD_AFTER = 3600  # the manager presses Enter before the pane is built ahead
    async with app.run_test(size=SIZE) as pilot:
        rep_id = await _keys_while_the_pane_gets_ready(app, pilot, prebuilt=False)
        meeting = await _settle(pilot, app)
        _assert_note_kept_and_no_verdict(app, rep_id, meeting)


async def test_keys_arriving_while_the_built_pane_is_rebound_reach_the_notes_not_the_verdict(make):
    """The same with the pane built ahead (the usual case): the rest arrives before it is bound and shown."""
    app = make(history_weeks=3)
    async with app.run_test(size=SIZE) as pilot:
        rep_id = await _keys_while_the_pane_gets_ready(app, pilot, prebuilt=True)
        meeting = await _settle(pilot, app)
        _assert_note_kept_and_no_verdict(app, rep_id, meeting)


async def test_a_verdict_letter_typed_before_the_picker_showed_focus_is_dropped_and_one_typed_after_picks(make):
    app = make(history_weeks=3)
    async with app.run_test(size=SIZE) as pilot:
        await _dashboard_on_a_rep_with_commitments_to_review(pilot)
        await pilot.press("enter")
        meeting = await _settle(pilot, app)
        pickers = list(meeting.review_rows()[0].query(Picker))
        first = pickers[0]
        assert meeting.focused is first, "the pane opens on the first verdict"
        # Keys made before a focus move (tab, as a user does) and delivered after it: typed ahead.
        await pilot.press("tab")  # onto the outcome line
        await pilot.pause()
        early = _keys("right", "n")
        await pilot.press("shift+tab")  # back onto the verdict picker
        await pilot.pause()
        assert meeting.focused is first
        for key in early:
            app.post_message(key)
        await pilot.pause()
        await pilot.pause()
        assert first.value is None and not any(r.verdict for r in meeting.session.reviews.values())
        # A key pressed once the picker shows focus picks.
        await pilot.press("k")
        await pilot.pause()
        assert first.value == "kept"
        assert meeting.session.reviews[first.query_ancestor(ReviewRow).commitment.id].verdict.value == "kept"


async def test_down_and_enter_sent_at_once_open_the_rep_the_cursor_moved_to(make):
    """Enter is a priority binding: it used to run before the table had handled the Down typed just
    before it, and opened the rep the cursor had been on."""
    app = make(history_weeks=3)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        await pilot.pause()
        first, second = (table.coordinate_to_cell_key((row, 0)).row_key.value for row in (0, 1))
        table.move_cursor(row=0)
        await pilot.pause()
        for key in _keys("down", "enter", "ctrl+t", *SENTENCE):
            app.post_message(key)
        meeting = await _settle(pilot, app)
        assert meeting.rep.id == second != first
        assert meeting.session.shared_notes == SENTENCE


async def test_keys_held_for_the_dashboard_wait_again_for_the_1_1_an_enter_among_them_opens(make, team):
    """Keys typed before the dashboard exists are held for it (`on_mount`); an Enter among them opens
    a 1:1, and the keys behind it wait for that 1:1 instead of reaching it before it is ready. A line
    feed held that way is the manager's Enter (typed while the terminal was still in line mode)."""
    from textual import events
    from textual.widgets import Input

    from oneonone_tui.domain.team import Stage
    from oneonone_tui.ui.meeting import MeetingScreen
    from oneonone_tui.ui.widgets import dom_id

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app._held_keys is None, "the keys held at start were delivered once the dashboard was drawn"
        app.hold_keys()
        app._starting = True  # as between `on_mount` and the first delivery
        for key, character in (("ctrl+j", "\n"), ("1", "1"), ("2", "2")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        app.screen_ready(app.screen)
        for _ in range(30):
            await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        metric = team.metrics_in(Stage.RESULTS)[0]
        actual = app.screen.query_one("#" + dom_id("actual", metric.id), Input)
        assert app.screen.focused is actual and actual.value == "12", (app.screen.focused, actual.value)
        assert app._held_keys is None
