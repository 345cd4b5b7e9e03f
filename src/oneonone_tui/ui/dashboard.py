"""The team dashboard: the week's 1:1s, who is done, who is short, who needs the manager most."""

from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Static

from oneonone_tui.ui.keybar import KeyBar
from oneonone_tui.ui.screens import OneLayoutScreen
from oneonone_tui.domain.escalation import Level
from oneonone_tui.domain.records import SessionState
from oneonone_tui.domain.overview import RepWeek, WeekOverview
from oneonone_tui.ui.text import literal, visible
from oneonone_tui.domain import one_on_one, progression
from oneonone_tui.domain.wording import plural
from oneonone_tui.ui.cells import QuickTable, SafeInput, attainment_bar, band_color, finite_or_none
from oneonone_tui.domain.weeks import monday_of, shift, week_of

# Words and colours (theme variables, resolved from the running theme: table cells are Rich text).
STATE_TEXT = {
    SessionState.NOT_STARTED: ("not started", "dim", None),
    SessionState.IN_PROGRESS: ("in progress", "bold", "text-warning"),
    SessionState.DONE: ("done ✓", "", "text-success"),
}
LEVEL_TEXT = {
    Level.CLEAR: ("", "", None),
    Level.COACHING: ("coaching", "", "text-warning"),
    Level.FOLLOWUP: ("follow-up", "bold", "text-warning"),
    Level.PIP: ("PIP", "bold", "text-error"),
}


def themed(spec: tuple[str, str, str | None], variables: dict[str, str]) -> Text:
    """`(words, style, theme variable)` as Rich text in the running theme's colour."""
    words, style, variable = spec
    colour = variables.get(variable, "") if variable else ""
    return Text(words, style=f"{style} {colour}".strip())
# What the manager reads at 80 columns first (Rep to Kept 4w fit); Role last: on a narrow
# terminal it is the column that can go.
COLUMNS = ("Rep", "This week", "Results", "Open", "Flag", "Kept 4w", "Last 1:1", "Role")


def results_cell(row: RepWeek, width: int = 8, variables: dict[str, str] | None = None) -> Text:
    """This week's results attainment; before the 1:1, the last one's, dimmed and marked `last`."""
    ratio, suffix = finite_or_none(row.attainment), ""
    if ratio is None and finite_or_none(row.last_attainment) is not None:
        ratio, suffix = row.last_attainment, " last"
    if ratio is None:
        return Text("—", style="dim")
    style = band_color(progression.band(ratio), variables or {})
    if suffix:
        style += " dim"
    return Text.assemble((attainment_bar(ratio, width), style), " ", (f"{ratio:>4.0%}{suffix}", style))


def flag_cell(row: RepWeek, variables: dict[str, str]) -> Text:
    """The level; `*` when the manager held or lowered it with a written reason (shown on the pane)."""
    state = row.escalation
    cell = themed(LEVEL_TEXT[state.level], variables)
    if state.override_reason:
        if not cell.plain:
            cell = Text("on track", style="dim")
        cell.append("*")
    return cell


def follow_through_cell(row: RepWeek) -> Text:
    """Kept ÷ due over the last 4 weeks with its trend: `75%↑`; `—` when nothing was due."""
    rate = row.follow_through
    if rate is None or rate.ratio is None:
        return Text("—", style="dim", justify="right")
    return Text(f"{rate.text()}{row.follow_trend or ' '}", justify="right")


def format_duration(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    return f"{hours}h{rest // 60:02d}m"


if TYPE_CHECKING:
    from oneonone_tui.ui.app import OneOnOneApp


class DashboardScreen(OneLayoutScreen):

    app: OneOnOneApp  # typed: screens call the app's own methods (open_meeting, autosave, ...)
    SCROLLER = "#reps"
    # Focus goes to the table at once: Textual's default focused the first focusable widget (the
    # hidden filter), then `on_mount` moved it on, restyling the table a second time (~30 ms, a frame).
    AUTO_FOCUS = "#reps"
    BINDINGS = [
        # Priority: the 1:1 opens while the app handles this very key, so the keys typed right
        # behind it are held for the 1:1 (see OneOnOneApp.hold_keys), not fed to the dashboard.
        Binding("enter", "open", "Open 1:1", priority=True, tooltip="Open the selected rep's 1:1"),
        # Moving the selection is priority too, so it happens in the order the keys came: the table's
        # own bindings run once a key has bubbled up through the DOM, after a priority Enter right
        # behind it (Down and Enter sent at once opened the rep the cursor had been on).
        *(Binding(key, f"move({action!r})", show=False, priority=True)
          for key, action in (("up", "cursor_up"), ("down", "cursor_down"), ("pageup", "page_up"),
                              ("pagedown", "page_down"))),
        Binding("slash", "filter", "Filter", tooltip="Filter reps by name"),
        Binding("left_square_bracket", "week(-1)", "Prev week"),
        Binding("right_square_bracket", "week(1)", "Next week"),
        Binding("t", "this_week", "This week"),
        Binding("h", "history", "History", tooltip="The selected rep's last 12 weeks"),
        Binding("c", "open_commitments", "Open commitments", tooltip="Every open commitment, most urgent first"),
        # Not in the footer (it is full at 80 columns): the help (?) lists them.
        Binding("s", "scorecard", "Scorecard", show=False, tooltip="Your scorecard over the last 13 weeks"),
        Binding("l", "log_activity", "Log coaching", show=False, tooltip="Log a pre-brief, debrief or ride-along"),
        Binding("question_mark,f1", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
        Binding("x", "export_week", "Export", tooltip="Write the team's week as markdown (shared notes only)"),
        Binding("ctrl+y", "copy_week", "Copy notes", show=False),
    ]

    week: reactive[str] = reactive("", init=False)

    def __init__(self, week: str, today: date) -> None:
        super().__init__(name="dashboard")
        self.today = today
        self.set_reactive(DashboardScreen.week, week)
        self.overview: WeekOverview | None = None
        self._role_shown: tuple | None = None  # (columns shown, Role's width) as laid out last
        self._cells: list[list[Text]] = []  # the cells of the rows shown, measured for the columns

    def compose(self) -> ComposeResult:
        with Horizontal(id="team-bar"):
            yield Static(id="team-name")
            yield Static(id="week-label")
        with Horizontal(id="week-bar"):
            yield Static(id="week-progress")
            yield Static(id="legend")
        yield Static(id="notice")
        yield SafeInput(placeholder="Filter reps by name (Esc clears)", id="filter", compact=True)
        yield QuickTable(id="reps", cursor_type="row", zebra_stripes=True)
        yield Static(id="empty")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#reps", DataTable)
        notice = self.app.notice
        self.query_one("#notice", Static).update(Content.styled(visible(notice), "$text-warning") if notice else "")
        self.query_one("#notice").display = bool(notice)
        self.query_one("#filter").display = False
        # The first frame shows this week's 1:1s alone (`first_glance`): the rows' history (levels, open
        # commitments, follow-through: 26 weeks read, the largest part of start-up) is read a moment
        # after it is drawn, then the reps gone from the team file (a year of weeks looked through).
        # A moment after it is drawn, not at once: the frame must reach the terminal first (Textual's
        # writer thread needs the GIL that these reads would hold).
        self.reload(departed=False, glance=self.FIRST_GLANCE)
        if self.FIRST_GLANCE:  # after the glance is drawn (a timer set now could fire before it is)
            self.call_after_refresh(self.set_timer, self.COMPLETE_AFTER, self._complete)
        else:
            self.set_timer(0.1, self._add_departed)
        table.focus()
        self.app.steady_cursors(self)
        # Keys typed before this screen existed were held (OneOnOneApp.on_mount): they act on what
        # the manager then sees first, once it is drawn.
        self.call_after_refresh(self.app.screen_ready, self)

    # The first frame is a glance; Pilot tests of other things turn it off, for a dashboard in its
    # final order from the start (tests/functional/conftest.py); the glance has its own tests.
    FIRST_GLANCE = True
    COMPLETE_AFTER = 0.02  # seconds from the first glance to the full read (tests hold it longer)

    def _complete(self) -> None:
        """The week read in full after the first glance: the history columns filled and the rows in
        their order by need. A cursor still on the top row goes to the new top row (the rep who needs
        the manager most); one the manager moved stays on its rep."""
        self.full_overview()
        self.set_timer(0.1, self._add_departed)

    def full_overview(self) -> WeekOverview | None:
        """The week as shown, read in full first if only the first glance was (everything that reads
        levels or open commitments goes through here)."""
        overview = self.overview
        if overview is not None and overview.glance and overview.week == self.week:
            table = self.query_one("#reps", DataTable)
            at_top = table.cursor_row == 0
            full = self.app.load_overview(self.week, departed=False)
            if full is None:
                return None
            self.show(full, full.rows[0].rep.id if at_top and full.rows else None)
        return self.overview

    def _add_departed(self) -> None:
        if self.overview is None or self.overview.glance:
            return
        whole = self.app.with_departed(self.overview)
        if whole is not None and whole.departed != self.overview.departed:
            self.show(whole)

    def reload(self, select: str | None = None, departed: bool = True, glance: bool = False) -> None:
        """Read the week again (after a 1:1 or a week change) and redraw; keep or move the selection.
        `glance`: this week's 1:1s alone, for the first frame (see `_complete`)."""
        overview = self.app.load_overview(self.week, departed, glance)
        self.overview = overview
        if overview is not None:
            self.show(overview, select)

    def show(self, overview: WeekOverview, select: str | None = None) -> None:
        """Redraw with a week read elsewhere (a read-only window's refresh, the reps gone from the team
        file, a rep's row read again); the selection stays unless `select` moves it."""
        self.overview = overview
        self._show_header()
        self._fill(select)

    def _show_header(self) -> None:
        overview = self.overview
        team = self.app.team
        self.query_one("#team-name", Static).update(Content.assemble(
            (visible(team.name), "bold"), ("  manager " + visible(team.manager), "$text-muted")))
        monday = monday_of(overview.week)
        current = " (this week)" if overview.week == week_of(self.today) else ""
        self.query_one("#week-label", Static).update(Content(f"{overview.week} · Mon {monday:%d %b %Y}{current}"))
        self.query_one("#legend", Static).update(Content.styled(
            f"reading the last {one_on_one.HISTORY_HORIZON} 1:1s…" if overview.glance else "needs you most at the top",
            "$text-muted"))
        spent, budget = overview.seconds_spent, overview.seconds_budget
        style = "$text-error" if spent > budget else "$text-muted"
        self.query_one("#week-progress", Static).update(Content.assemble(
            (f"1:1s {overview.done}/{overview.due} done", "$text-success" if overview.done == overview.due else ""),
            ("  ·  ", "$text-muted"),
            # The week's total against the sum of its time boxes, in words as well as colour.
            (f"time {format_duration(spent)} / {format_duration(budget)}, "
             f"{format_duration(abs(spent - budget))} {'over' if spent > budget else 'under'}", style)))

    def _fill(self, select: str | None = None) -> None:
        table = self.query_one("#reps", DataTable)
        previous_key = select or self._selected_rep_id()
        table.clear()
        needle = self.query_one("#filter", Input).value.strip().casefold()
        rows = [r for r in self.overview.rows if needle in r.rep.name.casefold()] if needle else self.overview.rows
        variables = self.app.get_css_variables()
        # Reps gone from the team file who still owe or have a level: listed apart, at the bottom.
        departed = [r for r in self.overview.departed if needle in r.rep.name.casefold()]
        cells = []
        for row in [*rows, *departed]:
            last = row.last_one_on_one
            unknown = None if row.known else Text("…", style="dim")  # first glance: history not read yet
            cells.append((row.rep.id, [
                literal(row.rep.name, "bold"),
                self._state_cell(row, variables),
                unknown if unknown and row.attainment is None else results_cell(row, variables=variables),
                unknown or Text(str(len(row.open_commitments)), justify="right"),
                unknown or flag_cell(row, variables),
                unknown or follow_through_cell(row),
                (unknown if unknown and not last else
                 Text(last.strftime("%a %d %b") if last else "never", style="" if last else "dim")),
                literal(row.rep.role, "dim"),
            ]))
        self._cells = [c for _, c in cells]
        shown, role_width = self._layout(table, self._cells)
        if not table.columns or (shown, role_width) != self._role_shown:  # columns rebuilt only on a change
            table.clear(columns=True)
            for column in shown:  # a label as Text: a string is parsed as markup (~3 ms, and rich's emoji table)
                table.add_column(Text(column), key=column, width=role_width if column == "Role" else None)
            self._role_shown = (shown, role_width)
        picks = [COLUMNS.index(column) for column in shown]
        for key, row_cells in cells:
            if role_width:
                row_cells[-1].truncate(role_width, overflow="ellipsis")
            table.add_row(*(row_cells[i] for i in picks), key=key)
        rows = [*rows, *departed]
        empty = self.query_one("#empty", Static)
        empty.display = not rows
        if not rows:
            empty.update("No rep matches the filter." if needle else "No reps in the team file.")
        if previous_key is not None and previous_key in [r.rep.id for r in rows]:
            table.move_cursor(row=table.get_row_index(previous_key))

    @staticmethod
    def _layout(table: DataTable, rows: list[list[Text]]) -> tuple[tuple[str, ...], int | None]:
        """The columns shown and the Role column's width (None: dropped). Measured from the cells, so
        the columns shown are in full: on a narrow screen "Last 1:1" goes first, then Role is
        ellipsised down to 6 cells, then dropped."""
        pad = 2 * table.cell_padding
        widths = {label: max([len(label)] + [row[i].cell_len for row in rows]) + pad
                  for i, label in enumerate(COLUMNS)}
        total = (table.size.width or table.app.size.width) - 2  # 2: the scrollbar
        shown = [c for c in COLUMNS if c != "Role"]
        while sum(widths[c] for c in shown) > total and "Last 1:1" in shown:
            shown.remove("Last 1:1")
        available = total - sum(widths[c] for c in shown) - pad
        wanted = widths["Role"] - pad
        role = wanted if available >= wanted else (available if available >= 6 else None)
        return (*shown, "Role") if role else tuple(shown), role

    def on_resize(self) -> None:
        """A new width may show or hide columns: the rows are filled again only then (the resize that
        follows the first frame filled the table again at the same width: ~40 ms, and a frame)."""
        if self.overview is not None and self._layout(self.query_one("#reps", DataTable), self._cells) != self._role_shown:
            self._fill()

    def _state_cell(self, row: RepWeek, variables: dict[str, str]) -> Text:
        """`done ✓`, or for a 1:1 finished with gaps still open, `done ✓ · 2 gaps open`."""
        if row.departed:
            return themed(("no longer in the team file", "italic", "text-muted"), variables)
        if row.skipped:
            return themed(("skipped", "", "text-warning"), variables)
        cell = themed(STATE_TEXT[row.state], variables)
        if row.state is SessionState.DONE and row.session is not None:
            gaps = one_on_one.open_gaps(self.app.team, row.rep, row.session, self.today)
            if gaps:
                cell.append(f" · {plural(gaps, 'gap')} open", style=variables.get("text-warning", ""))
        return cell

    def _selected_rep_id(self) -> str | None:
        table = self.query_one("#reps", DataTable)
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # an empty or freshly cleared table has no cursor row
            return None

    def watch_week(self) -> None:
        self.reload()

    # ----- actions ------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#reps")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def _open(self, rep_id: str) -> None:
        """The rep's 1:1; for a rep gone from the team file, their history (read-only)."""
        if self.overview is not None and rep_id in {r.rep.id for r in self.overview.departed}:
            self.app.open_history(rep_id, self.week)
        else:
            self.app.open_meeting(rep_id, self.week)

    def action_move(self, action: str) -> None:
        getattr(self.query_one("#reps", DataTable), f"action_{action}")()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "move"):
            table = self.query("#reps")
            if not table or self.focused is not table.first():
                return None  # Enter belongs to the filter box then: shown, but not taken
        return True

    def action_open(self) -> None:
        rep_id = self._selected_rep_id()
        if rep_id is not None:
            self._open(rep_id)

    # ----- follow-through: history and the team's open commitments -------------------------------

    def action_history(self) -> None:
        rep_id = self._selected_rep_id()
        if rep_id is not None:
            self.app.open_history(rep_id, self.week)

    def action_open_commitments(self) -> None:
        overview = self.full_overview()
        if overview is not None and overview.week == self.week:
            self.app.open_commitments_list(overview)

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#reps").focus()

    def on_key(self, event) -> None:
        box = self.query_one("#filter", Input)
        if event.key == "escape" and box.display:
            event.stop()
            box.value = ""
            box.display = False
            self.query_one("#reps").focus()

    def action_week(self, delta: int) -> None:
        target = shift(self.week, delta)
        if target > week_of(self.today):
            self.notify("This is the current week: the next one has not started.", timeout=2, markup=False)
            return
        self.week = target

    def _week_markdown(self) -> str | None:
        from oneonone_tui.ui.exporting import notes_markdown

        return notes_markdown(self.app.team, self.app.sessions.week(self.week).values())

    def action_export_week(self) -> None:
        from oneonone_tui.ui.exporting import save_markdown

        save_markdown(self.app, self._week_markdown(), f"{self.week}-team.md",
                      f"No 1:1s recorded in {self.week} yet; nothing to export.")

    def action_copy_week(self) -> None:
        from oneonone_tui.ui.exporting import copy_markdown

        copy_markdown(self.app, self._week_markdown(), f"No 1:1s recorded in {self.week} yet; nothing to copy.")

    def action_this_week(self) -> None:
        self.week = week_of(self.today)

    def action_scorecard(self) -> None:
        """The manager's scorecard for the 13 weeks ending with the week shown (issue 12)."""
        from oneonone_tui.domain import scorecard
        from oneonone_tui.store import StoreError
        from oneonone_tui.ui.scorecard import ScorecardScreen

        try:
            card = scorecard.build(self.app.team, self.app.sessions, self.week, scorecard.DEFAULT_WEEKS,
                                   self.app.store.activities())
        except (StoreError, ValueError) as error:
            self.notify(visible(str(error)), title="Scorecard not shown", severity="error", markup=False)
            return
        screen = self.app.kept_screen(ScorecardScreen)
        screen.show(card, {rep.id: rep.name for rep in self.app.team.reps})
        self.app.push_screen(screen)

    def action_log_activity(self) -> None:
        """`ride-along with sam`: one line, kept with the week shown (issue 12)."""
        from oneonone_tui.store import StoreError
        from oneonone_tui.ui.scorecard import ActivityLogScreen

        if self.app.read_only:
            self.notify("Read-only: coaching cannot be logged here.", severity="warning", markup=False)
            return

        def logged(activity) -> None:
            if activity is None:
                return
            try:
                self.app.store.log_activity(activity)
            except StoreError as error:
                self.notify(visible(str(error)), title="Not logged", severity="error", markup=False)
                return
            name = self.app.team.rep(activity.rep_id).name
            about = f" on {activity.about}" if activity.about else ""
            self.notify(visible(f"Logged: {activity.kind.value} with {name}{about} ({activity.week})."),
                        markup=False)

        self.app.push_screen(ActivityLogScreen(self.week), logged)

    def after_meeting(self, rep_id: str, finished: bool) -> None:
        """Back from a 1:1: redraw (that rep's row read again); after a finish, select the next rep still to see."""
        overview = self.overview
        fresh = (self.app.overview_after_meeting(overview, rep_id)
                 if overview is not None and not overview.glance else None)
        if fresh is None:
            self.reload(select=rep_id)
        else:
            self.show(fresh, rep_id)
        if finished and self.overview is not None:
            for row in self.overview.rows:
                if row.state is not SessionState.DONE and row.rep.id != rep_id:
                    self._fill(select=row.rep.id)
                    break

    def palette_commands(self):
        return [
            ("Open the selected rep's 1:1", "Enter", self.action_open),
            ("Filter reps by name", "/", self.action_filter),
            ("Previous week", "[", lambda: self.action_week(-1)),
            ("Next week", "]", lambda: self.action_week(1)),
            ("This week", "t", self.action_this_week),
        ]
