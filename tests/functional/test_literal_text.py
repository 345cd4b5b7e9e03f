"""Text from a team file or a note is data: markup and escape bytes show literally and break nothing."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from oneonone_tui.domain.team import Team
from oneonone_tui.ui.meeting import MeetingScreen

from .conftest import SIZE
from dataclasses import replace

NASTY = ["[bold]Sam[/]", "[@click=app.quit]Quit me[/]", "\x1b[31mRed\x1b[0m Riley", "Ana [/] [link=x]"]


@pytest.fixture
def nasty_team(team) -> Team:
    reps = [replace(rep, name=name, role="[i]role[/i]") for rep, name in zip(team.reps, NASTY)]
    return replace(team, reps=tuple(reps) + tuple(team.reps[len(NASTY):]), name="[red]Team[/red]")


async def test_rep_names_with_markup_show_the_characters_on_the_dashboard_and_in_the_meeting(make, nasty_team):
    app = make(team=nasty_team)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        names = {str(table.get_row(rep.id)[0]) for rep in nasty_team.reps[:4]}
        assert names == {"[bold]Sam[/]", "[@click=app.quit]Quit me[/]", "\\x1b[31mRed\\x1b[0m Riley", "Ana [/] [link=x]"}
        # Clicking the name that looks like a click action opens that rep's 1:1; it does not quit.
        table.move_cursor(row=table.get_row_index(nasty_team.reps[1].id))
        await pilot.click("#reps", offset=(3, table.get_row_index(nasty_team.reps[1].id) + 1))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MeetingScreen)
        assert "[@click=app.quit]Quit me[/]" in str(app.screen.query_one("#meeting-title", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#reps", DataTable)
        table.move_cursor(row=table.get_row_index(nasty_team.reps[0].id))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        title = str(app.screen.query_one("#meeting-title", Static).render())
        assert "[bold]Sam[/]" in title and "[i]role[/i]" in title


async def test_notes_and_answers_with_markup_and_escape_bytes_are_saved_verbatim(make, team):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        notes = app.screen.query_one("#shared-notes")
        notes.focus()
        await pilot.press(*"[bold]x[/] [@click=app.quit]")
        await pilot.pause()
        assert app.saver.flush()
        session = app.screen.session
        assert session.shared_notes == "[bold]x[/] [@click=app.quit]"
        assert app.is_running
