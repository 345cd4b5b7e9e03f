"""`x` exports the open 1:1 (meeting pane) or the team's week (dashboard) as markdown; `ctrl+y` copies it."""

from __future__ import annotations

import stat

from textual.widgets import DataTable

from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.meeting import MeetingScreen

from .conftest import SIZE


def _messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_x_on_the_meeting_pane_writes_that_one_on_one_and_says_where(make, team, tmp_path, monkeypatch):
    folder = tmp_path / "exports [bold]"
    monkeypatch.setenv("ONEONONE_EXPORT_DIR", str(folder))
    rep = team.reps[0]
    app = make(history_weeks=4)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket")  # 2026-W47: a 1:1 that was held
        table = app.screen.query_one("#reps", DataTable)
        table.move_cursor(row=table.get_row_index(rep.id))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        screen.session.private_notes = "PRIVATE: do not send"
        await pilot.press("x")
        await pilot.pause()
        written = folder / f"2026-W47-{rep.id}.md"
        assert written.is_file(), _messages(app)
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        text = written.read_text(encoding="utf-8")
        assert text.startswith(f"# {rep.name} — 1:1 of 2026-W47")
        assert "## 1 · Results" in text and "PRIVATE" not in text
        assert f"Exported to {written}" in _messages(app), "the path shown literally, [bold] and all"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.clipboard == text


async def test_x_on_the_dashboard_writes_the_team_week(make, team, tmp_path, monkeypatch):
    monkeypatch.setenv("ONEONONE_EXPORT_DIR", str(tmp_path / "out"))
    app = make(history_weeks=2)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("x")  # this week (2026-W48): no 1:1 held yet
        await pilot.pause()
        assert not (tmp_path / "out").exists()
        assert any("No 1:1s recorded in 2026-W48" in m for m in _messages(app))
        await pilot.press("left_square_bracket", "x")
        await pilot.pause()
        written = tmp_path / "out" / "2026-W47-team.md"
        assert written.is_file()
        text = written.read_text(encoding="utf-8")
        assert text.startswith(f"# {team.name} — 1:1s of 2026-W47")
        assert all(f"## {rep.name}" in text for rep in team.reps)
        assert f"Exported to {written}" in _messages(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.clipboard == text
