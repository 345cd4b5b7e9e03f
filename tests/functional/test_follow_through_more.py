"""Follow-through, more: the dashboard's follow-through column and its Open count (the same rule as
the `c` list), a level held or lowered with a written reason, recognition from long histories."""

from __future__ import annotations

from collections import Counter

from textual.widgets import DataTable

from oneonone_tui.domain import followthrough
from oneonone_tui.ui.dashboard import COLUMNS

from .conftest import SIZE


async def test_dashboard_open_count_agrees_with_the_c_list_and_follow_through_shows_with_a_trend(make):
    app = make(history_weeks=26)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        table = dashboard.query_one("#reps", DataTable)
        week = dashboard.week
        ranked, _ = app.team_open_commitments(week)
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
