"""The 1:1 pane is built once and rebound for each rep (issue 13): nothing shown, typed or saved ever
crosses from one rep's 1:1 to another's, and opening a 1:1 saves nothing by itself."""

from __future__ import annotations

from datetime import date

import pytest

from textual.widgets import DataTable

from oneonone_tui.domain.records import Commitment, MetricEntry, Review, Session, SessionState, Verdict
from oneonone_tui.domain.team import Stage
from oneonone_tui.store import Store
from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.fields import AnswerField
from oneonone_tui.ui.meeting import POOL, MeetingScreen
from oneonone_tui.ui.widgets import MetricInput, dom_id, format_actual

from .conftest import SIZE

WEEK = "2026-W48"


async def _open(pilot, rep_id: str) -> MeetingScreen:
    app = pilot.app
    for _ in range(100):
        if isinstance(app.screen, DashboardScreen):
            break
        await pilot.pause(0.01)
    table = app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=table.get_row_index(rep_id))
    await pilot.press("enter")
    for _ in range(200):
        await pilot.pause(0.01)
        if isinstance(app.screen, MeetingScreen) and app._held_keys is None:
            break
    meeting = app.screen
    assert isinstance(meeting, MeetingScreen) and meeting.rep.id == rep_id
    return meeting


def _shown(meeting: MeetingScreen) -> dict[str, tuple[str, str]]:
    """Each metric's actual and how-come answer as the pane shows them."""
    return {metric.id: (meeting.query_one("#" + dom_id("actual", metric.id), MetricInput).value,
                        meeting.query_one("#" + dom_id("answer", metric.id), AnswerField).value)
            for metric in meeting.team.metrics}


def _week_bytes(db_path) -> bytes:
    path = db_path / "weeks" / f"{WEEK}.json"
    return path.read_bytes() if path.exists() else b""


async def test_each_rep_opens_on_their_own_stored_values_and_opening_saves_nothing(make, team, db_path):
    reps = team.reps[:4]
    revenue = team.metrics_in(Stage.RESULTS)[0]
    with Store.open(db_path) as store:
        for index, rep in enumerate(reps[:3]):  # the fourth has no 1:1 yet this week
            store.save(Session(rep_id=rep.id, week=WEEK, state=SessionState.IN_PROGRESS, entries={
                revenue.id: MetricEntry(metric_id=revenue.id, actual=float(index + 1),
                                        answer=f"answer of {rep.name}")}))
    before = _week_bytes(db_path)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):  # there and back twice: the second round is all rebinding
            for index, rep in enumerate(reps):
                meeting = await _open(pilot, rep.id)
                shown = _shown(meeting)
                expected = (str(index + 1), f"answer of {rep.name}") if index < 3 else ("", "")
                assert shown[revenue.id] == expected
                assert all(value == ("", "") for key, value in shown.items() if key != revenue.id)
                assert meeting.query_one("#shared-notes").text == ""
                assert not meeting.commitment_rows() and not meeting.review_rows()
                await pilot.press("escape")
                await pilot.pause()
        assert app.saver.flush(timeout=10)
    assert _week_bytes(db_path) == before, "opening and leaving 1:1s wrote nothing"


async def test_what_is_typed_for_one_rep_stays_with_that_rep_when_the_next_opens_at_once(make, team):
    first, second = team.reps[0], team.reps[1]
    revenue = team.metrics_in(Stage.RESULTS)[0]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open(pilot, first.id)
        meeting.query_one("#" + dom_id("actual", revenue.id)).focus()
        await pilot.press("1")
        meeting.query_one("#" + dom_id("answer", revenue.id)).focus()
        await pilot.press(*"lost the champion")
        await pilot.press("ctrl+n", *"call legal due:fri", "enter")
        # Straight on to the next rep, no pause: the fields are set again while the last keys' messages
        # may still be on their way.
        await pilot.press("escape")
        meeting = await _open(pilot, second.id)
        await pilot.pause()
        assert _shown(meeting)[revenue.id] == ("", "")
        assert not meeting.commitment_rows()
        assert meeting.session.entry(revenue.id).answer == ""
        assert app.saver.flush(timeout=10)
    mine = app.store.get(first.id, WEEK)
    assert mine.entries[revenue.id].actual == 1 and mine.entries[revenue.id].answer == "lost the champion"
    assert [c.text for c in mine.commitments] == ["call legal"]
    assert app.store.get(second.id, WEEK) is None, "nothing was saved for the rep who was only opened"


async def test_more_commitments_than_the_pool_holds_all_show_and_the_next_one_on_one_shows_its_own(make, team, db_path):
    many, few = team.reps[0], team.reps[1]
    count = POOL["theirs"] + 3

    def owed(rep_id: str, n: int) -> list[Commitment]:
        return [Commitment(id=f"{rep_id}-{i}", text=f"{rep_id} task {i}", due=date(2026, 11, 20),
                           made_week="2026-W47") for i in range(n)]

    with Store.open(db_path) as store:
        for rep, n in ((many, count), (few, 1)):
            store.save(Session(rep_id=rep.id, week="2026-W47", state=SessionState.DONE, commitments=owed(rep.id, n)))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open(pilot, many.id)
        rows = meeting.review_rows()
        assert [r.commitment.text for r in rows] == [f"{many.id} task {i}" for i in range(count)]
        assert all(r.region.height > 0 for r in rows)
        assert meeting.focused is rows[0].verdict_picker, "the pane opens on the first verdict"
        await pilot.press("n")  # the first is not kept
        await pilot.pause()
        assert meeting.session.reviews[f"{many.id}-0"].verdict is Verdict.NOT_KEPT
        await pilot.press("escape")
        meeting = await _open(pilot, few.id)
        rows = meeting.review_rows()
        assert [r.commitment.text for r in rows] == [f"{few.id} task 0"]
        assert rows[0].verdict_picker.value is None and not rows[0].asks_how_come
        assert meeting.focused is rows[0].verdict_picker
        assert app.saver.flush(timeout=10)
    assert app.store.get(few.id, WEEK) is None
    stored = app.store.get(many.id, WEEK)
    assert stored.reviews == {f"{many.id}-0": Review(commitment_id=f"{many.id}-0", verdict=Verdict.NOT_KEPT)}


async def test_a_theme_changed_while_the_pane_was_away_restyles_it_when_it_opens(make, team):
    """Screens are styled once (StyledOnceScreen) unless the theme changed while they were away."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open(pilot, team.reps[0].id)
        dark = (meeting.styles.background, meeting.query_one("#meeting-bar").styles.background)
        await pilot.press("escape")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        meeting = await _open(pilot, team.reps[1].id)
        await pilot.pause()
        light = (meeting.styles.background, meeting.query_one("#meeting-bar").styles.background)
        assert light[0].brightness > dark[0].brightness, "the pane took the light theme's background"
        assert light[1] != dark[1], "and its title bar's panel colour"
        # Shown again with no theme change: the same styles, not restyled.
        await pilot.press("escape")
        await pilot.pause()
        meeting = await _open(pilot, team.reps[2].id)
        assert (meeting.styles.background, meeting.query_one("#meeting-bar").styles.background) == light


@pytest.mark.parametrize("size", [(100, 30), (100, 48)], ids=["every-pane-scrolls", "some-panes-scroll"])
async def test_each_one_on_one_is_drawn_as_a_full_layout_would_draw_it(make, size):
    """The pane drops the layout and repaint its own layout asks for (they found the same sizes and
    cost the third frame of each open): what is on screen after each open must be what a full layout
    and repaint from scratch draws — the scrollbar's thumb too, and at 48 rows, where some reps'
    panes scroll and others fit, when the scrollbar comes or goes between one 1:1 and the next."""
    app = make(history_weeks=8)
    async with app.run_test(size=size) as pilot:
        reps = [row.rep.id for row in app.screen.overview.rows]
        scrolled = set()
        for rep_id in [*reps, *reversed(reps)]:  # short and long panes after each other, both ways
            meeting = await _open(pilot, rep_id)
            await pilot.pause(0.05)
            shown = app.export_screenshot()
            scrolled.add(meeting.query_one("#pane").show_vertical_scrollbar)
            for widget in meeting.walk_children():
                widget._layout_cache.clear()
                widget.refresh(layout=True)
            meeting.refresh(layout=True)
            await pilot.pause(0.05)
            assert app.export_screenshot() == shown, rep_id
            await pilot.press("escape")
            await pilot.pause()
        assert scrolled == ({True} if size[1] == 30 else {True, False})
