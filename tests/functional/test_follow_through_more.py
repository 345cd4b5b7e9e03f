"""Follow-through, more: the dashboard's follow-through column and its Open count (the same rule as
the `c` list), a level held or lowered with a written reason, recognition from long histories."""

from __future__ import annotations

from collections import Counter

from textual.widgets import DataTable

from oneonone_tui.domain import followthrough, one_on_one
from oneonone_tui.ui.dashboard import COLUMNS

from .conftest import SIZE


async def test_dashboard_open_count_agrees_with_the_c_list_and_follow_through_shows_with_a_trend(make):
    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        table = dashboard.query_one("#reps", DataTable)
        week = dashboard.week
        ranked, levels = dashboard.overview.open_commitments(app.today)
        # The `c` list is read from the dashboard's rows: the same as reading every rep's 1:1s again.
        expected, expected_levels = [], {}
        for rep in app.team.reps:
            current = app.sessions.get(rep.id, week)
            earlier = one_on_one.recent(app.sessions.iter_history(rep.id, week))
            expected += followthrough.open_commitments(([current] if current else []) + earlier, through=week)
            expected_levels[rep.id] = one_on_one.standing(current, earlier, app.team.escalation).level
        assert levels == expected_levels
        assert ranked == followthrough.by_urgency(expected, app.today, expected_levels) and ranked
        per_rep = Counter(item.rep_id for item in ranked)
        open_col, kept_col = COLUMNS.index("Open"), COLUMNS.index("Kept 4w")
        assert kept_col < COLUMNS.index("Role"), "the column sits before Role (Role can go at 80)"
        shown_rates = 0
        for row in dashboard.overview.rows:
            cells = table.get_row(row.rep.id)
            assert cells[open_col].plain == str(per_rep[row.rep.id]), row.rep.name
            earlier = list(app.sessions.iter_history(row.rep.id, week))
            current = app.sessions.get(row.rep.id, week)
            sessions = ([current] if current else []) + earlier
            rate = followthrough.follow_through(sessions, until=week, weeks=4)
            arrow = followthrough.trend(sessions, until=week)
            text = cells[kept_col].plain
            if rate.ratio is None:
                assert text == "—"
            else:
                shown_rates += 1
                assert text.strip() == f"{rate.text()}{arrow}"
                assert arrow in "↑↓→"
        assert shown_rates, "26 weeks of demo data judge commitments"
        await pilot.press("c")
        await pilot.pause()
        assert len(app.screen.ranked) == sum(int(table.get_row(r.rep.id)[open_col].plain)
                                             for r in dashboard.overview.rows)


async def test_at_80_columns_rep_this_week_results_open_flag_and_follow_through_are_readable(make):
    app = make(history_weeks=26)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#reps", DataTable)
        widths = {column.label.plain: column.get_render_width(table) for column in table.columns.values()}
        needed = ["Rep", "This week", "Results", "Open", "Flag", "Kept 4w"]
        assert list(COLUMNS[:len(needed)]) == needed, "what must be readable comes first"
        assert sum(widths[name] for name in needed) <= 80
        assert widths["Kept 4w"] <= 9


async def _open_rep(pilot, rep_id: str):
    from oneonone_tui.ui.meeting import MeetingScreen

    table = pilot.app.screen.query_one("#reps", DataTable)
    table.move_cursor(row=table.get_row_index(rep_id))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingScreen)
    return pilot.app.screen


async def test_ctrl_l_lowers_the_level_only_with_a_written_reason_shown_wherever_the_level_is(make):
    from textual.widgets import Static

    from oneonone_tui.domain.records import Level
    from oneonone_tui.ui.dashboard import DashboardScreen
    from oneonone_tui.ui.history import HistoryScreen
    from oneonone_tui.ui.level_override import LevelOverrideScreen

    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        top = app.screen.overview.rows[0]
        assert top.escalation.level is Level.PIP, "demo data: the top rep is on a performance plan"
        meeting = await _open_rep(pilot, top.rep.id)
        await pilot.press("ctrl+l")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, LevelOverrideScreen)
        await pilot.press("down")  # one rung lower than the rules give
        await pilot.press("enter")  # no reason yet: refused, the modal stays
        await pilot.pause()
        assert app.screen is modal
        assert "reason" in str(modal.query_one("#override-problem", Static).render())
        await pilot.press(*"back from 2 weeks of [b]leave[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is meeting
        assert meeting.session.level_override is Level.FOLLOWUP
        assert meeting.escalation.level is Level.FOLLOWUP and meeting.escalation.computed is Level.PIP
        line = str(meeting.query_one("#escalation", Static).render())
        assert "held by the manager" in line and "back from 2 weeks of [b]leave[/b]" in line
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause(0.05)
        stored = app.sessions.get(top.rep.id, meeting.session.week)
        assert stored.level_override is Level.FOLLOWUP and stored.override_reason.startswith("back from")
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        flag = dashboard.query_one("#reps", DataTable).get_cell(top.rep.id, "Flag").plain
        assert flag == "follow-up*"
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        weeks = str(app.screen.query_one("#history-weeks", Static).render())
        assert "follow-up*" in weeks and "held by the manager: back from 2 weeks" in weeks


async def test_a_level_cannot_be_raised_and_escape_changes_nothing(make):
    from oneonone_tui.domain.records import Level
    from oneonone_tui.ui.level_override import LevelOverrideScreen, choices

    for computed in Level:
        for previous in Level:
            assert all(level.rank <= computed.rank for _, level, _ in choices(computed, previous))
    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        top = app.screen.overview.rows[0]
        meeting = await _open_rep(pilot, top.rep.id)
        before = meeting.escalation
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LevelOverrideScreen)
        await pilot.press(*"typed then cancelled", "escape")
        await pilot.pause()
        assert app.screen is meeting
        assert meeting.session.level_override is None and meeting.escalation == before


async def _lower_the_top_reps_level(pilot) -> None:
    pilot.app.screen.query_one("#reps", DataTable).move_cursor(row=0)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+l")
    await pilot.pause()
    await pilot.press("down", *"back from two weeks of leave")
    await pilot.pause()


def test_snapshot_hold_or_lower_the_level_modal(snap_compare, make):
    assert snap_compare(make(history_weeks=26), terminal_size=(120, 40), run_before=_lower_the_top_reps_level)


async def test_recognition_from_the_numbers_on_the_standing_line_and_the_history_screen(make):
    from textual.widgets import Static

    from oneonone_tui.ui.history import HistoryScreen

    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        rep_id, week = "sofia_lindqvist", app.screen.week
        said = followthrough.recognitions(app.team, rep_id, list(app.sessions.iter_history(rep_id, week)))
        assert said == ["Opportunities created up 21% over 4 weeks"], "demo data, seed 7"
        meeting = await _open_rep(pilot, rep_id)
        line = str(meeting.query_one("#escalation", Static).render())
        assert "★ Opportunities created up 21% over 4 weeks — say so." in line
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#reps", DataTable).move_cursor(row=app.screen.query_one("#reps", DataTable)
                                                            .get_row_index(rep_id))
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        summary = str(app.screen.query_one("#history-summary", Static).render())
        assert "Say it out loud" in summary and "Opportunities created up 21% over 4 weeks" in summary


async def _miss_first_rep_commitment(pilot):
    from oneonone_tui.domain.records import Owner
    from oneonone_tui.ui.widgets import Picker, ReviewRow

    pilot.app.screen.query_one("#reps", DataTable).move_cursor(row=0)
    await pilot.press("enter")
    await pilot.pause()
    meeting = pilot.app.screen
    row = next(r for r in meeting.review_rows() if r.commitment.owner is Owner.REP)
    row.query_one(Picker).focus()
    await pilot.press("n")
    await pilot.pause()
    return meeting, row


async def test_c_carries_a_miss_to_a_typed_due_date_and_refuses_what_is_not_a_date(make):
    from datetime import timedelta

    from textual.widgets import Static

    from oneonone_tui.domain import commitments, one_on_one
    from oneonone_tui.ui.carry_forward import CarryForwardScreen

    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        meeting, row = await _miss_first_rep_commitment(pilot)
        held = one_on_one.held_on(meeting.session, meeting.session.week, app.today)
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CarryForwardScreen)
        await pilot.press(*"due:someday", "enter")
        await pilot.pause()
        assert app.screen is modal
        assert "is not a date" in str(modal.query_one("#carry-problem", Static).render())
        await pilot.press(*["backspace"] * len("due:someday"), *"due:2026-11-01", "enter")
        await pilot.pause()
        assert app.screen is modal and "before this 1:1" in str(modal.query_one("#carry-problem", Static).render())
        await pilot.press(*["backspace"] * len("due:2026-11-01"), *"due:fri", "enter")
        await pilot.pause()
        assert app.screen is meeting
        review = meeting.session.reviews[row.commitment.id]
        assert review.carried_to == commitments.parse_due("fri", held)
        assert review.carried_to > held and review.carried_to - held < timedelta(days=8)
        assert row.commitment.id in [c.id for c in meeting.session.open_commitments()]
        assert f"Carried forward to {review.carried_to:%a %d %b}" in str(row.query_one(".review-note", Static).render())
        await pilot.press("c")  # again: undone, closed as not kept
        await pilot.pause()
        assert review.carried_to is None and app.screen is meeting


async def test_escape_in_the_carry_forward_prompt_leaves_it_closed_as_not_kept(make):
    from oneonone_tui.ui.carry_forward import CarryForwardScreen

    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        meeting, row = await _miss_first_rep_commitment(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CarryForwardScreen)
        await pilot.press(*"+2w", "escape")
        await pilot.pause()
        assert app.screen is meeting
        assert meeting.session.reviews[row.commitment.id].carried_to is None
