"""History, the open-commitments list and the scorecard are built once and shown again with new values
(`KeptScreen`): each showing must be the values asked for, never what the previous one left."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Static

from oneonone_tui.domain.records import Verdict
from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.history import HistoryScreen, weeks_text
from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen
from oneonone_tui.ui.scorecard import ScorecardScreen
from oneonone_tui.ui.widgets import Picker

from .conftest import SIZE


async def _settled(app, pilot) -> None:
    """Start-up's idle work done: the kept screens are built and filled unseen."""
    for _ in range(300):
        if app.settled:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("start-up's idle work did not finish")


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_history_shows_each_rep_asked_for_on_the_one_kept_screen(make):
    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        await _settled(app, pilot)
        table = app.screen.query_one("#reps", DataTable)
        seen = []
        for row in (1, 2, 0):  # row 0's history was filled unseen at start-up: asked for last
            table.move_cursor(row=row)
            await pilot.pause()
            rep_id = app.screen.overview.rows[row].rep.id
            await pilot.press("h")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HistoryScreen) and screen.rep.id == rep_id
            name = app.team.rep(rep_id).name
            assert _text(screen, "#history-title").startswith(name)
            assert _text(screen, "#history-weeks") == str(weeks_text(screen.history))
            assert screen.query_one("#history").scroll_y == 0
            seen.append(screen)
            screen.query_one("#history").scroll_end(animate=False)  # left scrolled: the next starts at the top
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
        assert seen[0] is seen[1] is seen[2], "one screen, shown three times"
        others = [app.screen.overview.rows[r].rep.name for r in (1, 2)]
        assert not any(_text(seen[2], "#history-title").startswith(other) for other in others)


async def test_the_open_list_shows_a_commitment_kept_since_it_was_last_shown_as_gone(make):
    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        await _settled(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OpenCommitmentsScreen)
        before = list(screen.ranked)
        target = next(item for item in before if not item.mine)
        screen.query_one("#open-list", DataTable).move_cursor(row=before.index(target))
        await pilot.pause()
        await pilot.press("enter")  # that rep's 1:1
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and meeting.rep.id == target.rep_id
        row = next(r for r in meeting.review_rows() if r.commitment.id == target.id)
        row.query_one(Picker).focus()
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert meeting.session.reviews[target.id].verdict is Verdict.KEPT
        app.saver.flush()
        await pilot.press("escape")  # back to the list it came from: it shows what the 1:1 changed
        await pilot.pause()
        assert app.screen is screen
        assert target.id not in [item.id for item in screen.ranked]
        await pilot.press("escape")  # and to the dashboard
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert target.id not in [item.id for item in screen.ranked]
        assert len(screen.ranked) == len(before) - 1
        table = screen.query_one("#open-list", DataTable)
        assert table.row_count == len(screen.ranked) and table.cursor_row == 0
        texts = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert texts == [item.commitment.text for item in screen.ranked]


async def test_the_scorecard_follows_the_week_shown(make):
    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        await _settled(app, pilot)
        titles = []
        for key in ("", "left_square_bracket"):  # this week, then the week before
            if key:
                await pilot.press(key)
                await pilot.pause()
            week = app.screen.week
            await pilot.press("s")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ScorecardScreen) and screen.card.week == week
            titles.append(_text(screen, "#scorecard-title"))
            assert titles[-1].endswith(f"to {week}")
            await pilot.press("escape")
            await pilot.pause()
        assert titles[0] != titles[1]


async def _as_drawn_from_scratch(app, pilot) -> None:
    """What is on screen equals a full layout and repaint of the screen from scratch."""
    await pilot.pause(0.05)
    shown = app.export_screenshot()
    for widget in app.screen.walk_children():
        widget._layout_cache.clear()
        widget.refresh(layout=True)
    app.screen.refresh(layout=True)
    await pilot.pause(0.05)
    assert app.export_screenshot() == shown


async def test_each_showing_is_drawn_as_a_full_layout_would_draw_it(make):
    """Kept screens drop the layout their own layout asks for (OneLayoutScreen): every history, the
    list after a week change and the scorecard must still be drawn as from scratch."""
    app = make(history_weeks=26)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settled(app, pilot)
        table = app.screen.query_one("#reps", DataTable)
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            await pilot.press("h")
            await _as_drawn_from_scratch(app, pilot)
            await pilot.press("escape")
            await pilot.pause()
        for key in ("", "left_square_bracket", "left_square_bracket"):
            if key:
                await pilot.press(key)
                await pilot.pause()
            for screen_key in ("c", "s"):
                await pilot.press(screen_key)
                await _as_drawn_from_scratch(app, pilot)
                await pilot.press("escape")
                await pilot.pause()


async def test_idle_work_that_fires_while_the_app_closes_does_nothing(make):
    """Start-up's idle work runs on timers; one can fire after Textual has popped every screen on the
    way out (a clean-clone CI run raised ScreenStackError from `_prebuild_kept` as a test closed its app).
    With no screen shown, the idle work and the read-only refresh stop without building anything."""
    app = make(history_weeks=4)
    app.PRELOAD_AFTER = 3600  # nothing prepared before the screens go
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stack = app._screen_stacks[app._current_mode]
        shown = stack[:]
        stack.clear()  # as on the way out: every screen popped, timers still live
        try:
            app._preload(list(app.PRELOAD))
            app._settle_heap()
            app.refresh_from_disk()
        finally:
            stack.extend(shown)
        assert app._meeting is None and app._kept == {} and not app.settled
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_a_frame_drawn_during_a_batch_update_is_drawn_again_when_the_batch_ends(make, monkeypatch):
    """Textual starts the app inside a batch update, and the dashboard (pushed from `on_mount`) drew its
    first frame before that batch ended: Textual dropped it, and with nothing left to draw the terminal
    stayed blank until the next change repainted the screen (~40-50 ms of every cold start, seen in a
    tmux timeline). A frame dropped in a batch is drawn again, in full, when the batch ends."""
    from textual.app import App

    app = make(history_weeks=4)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        frames = []
        real = App._display

        def display(self, screen, renderable):
            frames.append((self._batch_count, type(renderable).__name__))
            real(self, screen, renderable)

        monkeypatch.setattr(App, "_display", display)
        screen = app.screen
        with app.batch_update():
            screen.query_one("#legend", Static).update("changed inside a batch")
            screen._compositor.update_widgets({screen.query_one("#legend")})
            screen._compositor_refresh()  # as Textual's own deferred refresh does, inside the batch
            assert frames[-1] == (1, "ChopsUpdate")  # drawn, and dropped by Textual
        assert frames[-1] == (0, "LayoutUpdate"), frames  # the whole screen, the moment the batch ends
        frames.clear()
        with app.batch_update():
            pass
        assert frames == [], "nothing dropped, nothing drawn again"


async def test_the_collector_runs_as_python_defaults_once_start_up_is_done(make):
    """`oneonone` collects seldom while it starts (see `cli.main`); once start-up's idle work is done
    the app goes back to Python's default thresholds, so a long session does not grow."""
    import gc

    app = make(history_weeks=4)
    before = gc.get_threshold()
    try:
        gc.set_threshold(100_000, 50, 100)
        async with app.run_test(size=SIZE) as pilot:
            await _settled(app, pilot)
            assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
