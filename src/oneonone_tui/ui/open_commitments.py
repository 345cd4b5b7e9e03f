"""`c` on the dashboard: every open commitment across the team, most urgent first (overdue first,
weighted by days overdue and the rep's level), the manager's own marked. Enter opens that rep's 1:1."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from oneonone_tui.ui.cells import QuickTable
from oneonone_tui.ui.keybar import KeyBar
from oneonone_tui.ui.screens import KeptScreen
from oneonone_tui.domain.escalation import LEVEL_SHORT
from oneonone_tui.domain.followthrough import OpenCommitment
from oneonone_tui.domain.records import Level
from oneonone_tui.ui.text import literal

if TYPE_CHECKING:
    from oneonone_tui.ui.app import OneOnOneApp

COLUMNS = ("#", "Rep", "Commitment", "Who", "Due", "Overdue", "Level")


class OpenCommitmentsScreen(KeptScreen):
    """Built once, shown with the week's list each time (`show`)."""

    app: OneOnOneApp

    SCROLLER = "#open-list"
    DEFAULT_CSS = """
    OpenCommitmentsScreen #open-title { padding: 0 1; height: auto; }
    """
    BINDINGS = [
        Binding("enter", "open", "Open 1:1", priority=True),
        Binding("escape,c", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week, self.today = "", date.min
        self.ranked: list[OpenCommitment] = []
        self.levels: dict[str, Level] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="open-title")
        yield QuickTable(id="open-list", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#open-list", DataTable)
        for column in COLUMNS:
            table.add_column(Text(column), key=column)  # Text: a string label is parsed as markup
        table.focus()

    def apply(self, week: str, today: date, ranked: list[OpenCommitment], names: dict[str, str],
             levels: dict[str, Level], cursor: int = 0) -> None:
        self.week, self.today, self.ranked, self.levels = week, today, ranked, levels
        overdue = sum(1 for item in ranked if item.overdue(today))
        self.query_one("#open-title", Static).update(Content.assemble(
            ("Open commitments", "bold"),
            f" · {len(ranked)} open, {overdue} overdue · most urgent first "
            "(overdue, by days and the rep's level) · Enter opens that rep's 1:1"))
        table = self.query_one("#open-list", DataTable)
        table.clear()
        for index, item in enumerate(ranked):
            days = item.days_overdue(today)
            level = levels.get(item.rep_id, Level.CLEAR)
            table.add_row(
                Text(str(index + 1), justify="right"),
                literal(names.get(item.rep_id, item.rep_id), "bold"),
                literal(item.commitment.text),
                Text("you" if item.mine else "rep", style="bold" if item.mine else "dim"),
                Text(f"{item.due:%a %d %b}"),
                Text(f"{days} d" if days else "", style="bold red" if days else ""),
                Text(LEVEL_SHORT[level] if level is not Level.CLEAR else "", style="dim"),
                key=str(index),  # never a key from data
            )
        # `cursor`: shown again after a 1:1 opened from it, near where the manager was; else the top.
        table.move_cursor(row=min(cursor, max(0, len(ranked) - 1)), column=0, animate=False)
        if not cursor:
            table.scroll_home(animate=False)

    @property
    def cursor_row(self) -> int:
        return self.query_one("#open-list", DataTable).cursor_row

    def action_open(self) -> None:
        table = self.query_one("#open-list", DataTable)
        if not self.ranked or table.row_count == 0:
            return
        item = self.ranked[table.cursor_row]
        self.app.open_meeting(item.rep_id, self.week)
