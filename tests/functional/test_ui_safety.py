"""Data never crashes the UI: a path with markup in an error, ids from data, numbers that are not finite."""

from __future__ import annotations

import errno
import json
import math
from datetime import date

import pytest
from textual.widgets import DataTable, Static

from oneonone_tui.domain.records import Commitment, MetricEntry, Review, Session
from oneonone_tui.store import SaveFailed
from oneonone_tui.domain.team import Stage
from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.cells import attainment_bar
from oneonone_tui.ui.widgets import CommitmentRow, MetricInput, MetricRow, ReviewRow

from .conftest import SIZE
from oneonone_tui.store.codec import encode_session

WEEK = "2026-W48"


async def _open(pilot, rep_id: str) -> MeetingScreen:
    app = pilot.app
    table = app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=table.get_row_index(rep_id))
    await pilot.press("enter")
    for _ in range(200):
        await pilot.pause(0.01)
        if isinstance(app.screen, MeetingScreen) and app.screen.query(MetricRow):
            break
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


def _commitment(id_: str, text: str = "call the customer") -> Commitment:
    return Commitment(id=id_, text=text, due=date(2026, 11, 27), made_week="2026-W47")


# ----- 2. a full disk while the path holds markup -----------------------------------------------


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "team [/] notes" / "db[/]"


async def test_a_full_disk_on_a_path_with_markup_says_so_literally_and_keeps_the_text_typed_after(make, db_path):
    assert "[/]" in str(db_path)
    app = make()
    store = app.store
    real_save = store.save
    disk_full = True

    def save(session):
        if disk_full:
            raise SaveFailed(f"{store.path}: no space left on device [b]x[/b]", file=store.path,
                             errno_=errno.ENOSPC)
        real_save(session)

    store.save = save
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        meeting = await _open(pilot, app.team.reps[0].id)
        notes = meeting.query_one("#shared-notes")
        notes.focus()
        await pilot.press(*"first part")
        for _ in range(200):  # the autosave thread reports back; wait on the condition
            if "NOT SAVED" in str(meeting.query_one("#saved", Static).render()):
                break
            await pilot.pause(0.02)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(f"{store.path}: no space left on device [b]x[/b]" == m for m in messages), messages
        await pilot.press(*", then more")
        await pilot.pause()
        assert app.is_running and app.screen is meeting
        assert meeting.session.shared_notes == "first part, then more"
        disk_full = False
        assert app.saver.flush(timeout=10)
    stored = store.get(meeting.rep.id, WEEK)
    assert stored is not None and stored.shared_notes == "first part, then more"


# ----- 3. widget ids are never built from data ----------------------------------------------------


async def test_metric_ids_a_dot_b_and_a_underscore_dot_underscore_b_both_open_a_one_on_one(make, tmp_path):
    from tests.conftest import SAMPLE_TEAM

    from oneonone_tui.teamfile import load_team

    text = SAMPLE_TEAM.read_text().replace('"closed_won_revenue"', '"a.b"').replace('"deals_won"', '"a_dot_b"')
    path = tmp_path / "team.json"
    path.write_text(text)
    team = load_team(path)
    assert {"a.b", "a_dot_b"} <= {m.id for m in team.metrics}
    app = make(team=team)
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open(pilot, team.reps[0].id)
        rows = {row.metric.id: row for row in meeting.query(MetricRow)}
        assert {"a.b", "a_dot_b"} <= set(rows)
        field = rows["a_dot_b"].query_one(".actual", MetricInput)
        field.focus()
        await pilot.press("3")
        await pilot.pause()
        assert meeting.session.entries["a_dot_b"].actual == 3
        assert meeting.session.entry("a.b").actual is None


async def test_commitment_ids_with_a_space_or_twice_the_same_open_fine_and_delete_removes_one(make, team):
    rep = team.reps[0]
    app = make()
    reviewed = [_commitment("id with space", "first"), _commitment("dup", "second"), _commitment("dup", "third")]
    made = [_commitment("x y", "made one"), _commitment("same", "made two"), _commitment("same", "made three")]
    app.sessions.remember(Session(rep_id=rep.id, week=WEEK, to_review=reviewed, commitments=made,
                                  reviews={"dup": Review(commitment_id="dup", outcome="half done")}))
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open(pilot, rep.id)
        assert [row.commitment.text for row in meeting.review_rows()] == ["first", "second", "third"]
        rows = meeting.commitment_rows()
        assert [row.commitment.text for row in rows] == ["made one", "made two", "made three"]
        rows[2].focus()
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert [c.text for c in meeting.session.commitments] == ["made one", "made two"]
        assert [row.commitment.text for row in meeting.commitment_rows()] == ["made one", "made two"]


# ----- 4. numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("ratio", [math.nan, math.inf, -math.inf, -3.0, 0.5, 7.0])
def test_the_attainment_bar_draws_for_any_number(ratio):
    bar = attainment_bar(ratio)
    assert len(bar) == 8 and set(bar) <= {"█", "░"}


async def test_a_session_with_nan_and_infinite_actuals_opens_the_dashboard_and_the_one_on_one(make, team):
    results = team.metrics_in(Stage.RESULTS)
    pipeline = team.metrics_in(Stage.PIPELINE)
    values = [math.nan, math.inf, -math.inf]
    app = make()
    for rep in team.reps[:3]:
        for week in ("2026-W47", WEEK):
            entries = {m.id: MetricEntry(metric_id=m.id, actual=v) for m, v in zip(results + pipeline, values * 3)}
            app.sessions.remember(Session(rep_id=rep.id, week=week, entries=entries))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.is_running
        meeting = await _open(pilot, team.reps[0].id)
        shown = {row.metric.id: row.query_one(".actual", MetricInput).value for row in meeting.query(MetricRow)}
        assert all(shown[m.id] == "" for m in results + pipeline), shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize(("typed", "kept"), [("-1e999", None), ("-5", None), ("1e999", None), ("12abc", None)])
async def test_an_actual_takes_only_a_finite_number_of_zero_or_more_and_keeps_the_keys_after(make, team, typed, kept):
    """Not stored: a negative number, an exponent or text (issue 9: no how-come is built from it)."""
    metric = team.metrics_in(Stage.RESULTS)[0]
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        meeting = await _open(pilot, team.reps[0].id)
        row = next(r for r in meeting.query(MetricRow) if r.metric.id == metric.id)
        field = row.query_one(".actual", MetricInput)
        field.focus()
        await pilot.pause()
        await pilot.press(*typed)
        await pilot.press("ctrl+t", *"still here")
        await pilot.pause()
        assert app.is_running and app.screen is meeting
        assert meeting.session.entry(metric.id).actual == kept
        assert field.has_class("-bad-number")
        assert meeting.session.shared_notes == "still here"
        assert app.saver.flush(timeout=10)
    stored = app.store.get(team.reps[0].id, WEEK)
    assert stored is not None and stored.entry(metric.id).actual == kept
    assert json.dumps(encode_session(stored), allow_nan=False)  # nothing but finite numbers
