"""The Textual app: one owner of state (the store and the session being edited), and its factory."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar
from datetime import date, datetime

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from oneonone_tui.domain import one_on_one
from oneonone_tui.domain.overview import (WeekOverview, departed_rep, departed_rows, first_glance, former_rep_ids,
                                          week_overview)
from oneonone_tui.domain.records import Session
from oneonone_tui.domain.team import Team
from oneonone_tui.domain.weeks import week_of
from oneonone_tui.store import CorruptDatabase, Store
from oneonone_tui.store.autosave import AutoSaver
from oneonone_tui.store.live import LiveReader
from oneonone_tui.ui.text import visible

if TYPE_CHECKING:
    from oneonone_tui.ui.history import HistoryScreen
    from oneonone_tui.ui.meeting import MeetingScreen
    from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen

# How far back the dashboard looks for reps gone from the team file (a year of weekly 1:1s).
FORMER_WEEKS = 52
# How often a read-only window looks for the writer's saves.
READ_ONLY_REFRESH_SECONDS = 2.0
# The read-only screens built once and shown again with new values (`kept_screen`), by module.
KEPT = {"oneonone_tui.ui.history": ("HistoryScreen",), "oneonone_tui.ui.open_commitments": ("OpenCommitmentsScreen",),
        "oneonone_tui.ui.scorecard": ("ScorecardScreen",)}
STEADY_GC = (700, 10, 10)  # Python's default thresholds: the collector once start-up is over
KeptScreenT = TypeVar("KeptScreenT", bound=Screen)


class OneOnOneApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "oneonone"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("f1", "help", "Help", show=False)]

    # A var, not a reactive: a change must not repaint the app, only the one status label. It changes
    # when a save lands, never on a keystroke: a "saving…" per key cost the first key after a pause
    # a second frame (p99 38 ms -> 8 ms in `bench.py --only 3`).
    save_status: var[str] = var("")

    # Keys typed while a 1:1 opens are held, then delivered in order once its screen is ready
    # (composed, mounted, focused). Without this they reached a half-built screen: ctrl+t's focus
    # was overridden by AUTO_FOCUS and the note's letters landed on the verdict picker. If the
    # screen never reports ready, the keys are delivered after this long anyway.
    HOLD_KEYS_AT_MOST = 10.0

    def __init__(self, *, team: Team, store: Store, week: str | None = None, today: date | None = None,
                 notice: str = "", live_timer: bool = True, autosave_delay: float = 0.25,
                 cursor_blink: bool = True, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.now = now or (lambda: datetime.now().replace(microsecond=0))
        self.cursor_blink = cursor_blink
        self.team = team
        self.store = store
        self.sessions = LiveReader(store)  # every read goes through this: what was typed wins
        self.today = today or date.today()
        self.start_week = week or week_of(self.today)
        self.live_timer = live_timer
        self.read_only = store.read_only
        self.notice = notice or (f"Read-only: {store.path} is open without writing." if store.read_only else "")
        self.saver: AutoSaver | None = None
        self._held_keys: list[events.Key] | None = None
        self._meeting = None  # the 1:1 pane, built once (see `meeting_screen`)
        self._kept: dict[type, Screen] = {}  # the read-only screens, built once (see `kept_screen`)
        self.settled = False  # start-up's idle work is done: screens imported, the pane built
        self._dropped_frame = False  # a frame Textual drew during a batch update (see `_end_batch`)
        self._hold_timer = None
        self._hold_again = False  # hold_keys was asked while held keys were being delivered
        self._starting = False  # keys are held for the dashboard, not yet delivered (see `on_mount`)
        if not store.read_only:
            self.saver = AutoSaver(store, delay=autosave_delay,
                                   on_saved=lambda s: self._from_saver(self._saved, s),
                                   on_failed=lambda s, e: self._from_saver(self._save_failed, s, e))

    # The screens the dashboard opens are imported on their first use, which made the first Enter pay
    # for importing the 1:1 pane (~40 ms) and the first `s` the scorecard's (~30 ms). They are
    # imported here instead, one module a turn, once the dashboard has had time to show.
    PRELOAD_AFTER = 0.3  # seconds after mount: well after the dashboard's first frame
    PRELOAD = ("oneonone_tui.ui.meeting", "oneonone_tui.ui.modals", "oneonone_tui.ui.history",
               "oneonone_tui.ui.open_commitments", "oneonone_tui.ui.scorecard", "oneonone_tui.ui.exporting")

    # Textual starts the app inside a batch update (no frame is written until it ends). The dashboard,
    # pushed from `on_mount`, composes, lays itself out and draws its first frame before that batch
    # ends; the frame is dropped, and as nothing is left to draw, the terminal stayed blank until the
    # next change happened to repaint the whole screen (~40-50 ms later, in a tmux timeline of the
    # start: the frame drawn at +262 ms, the first bytes written at +316). So: a frame dropped in a
    # batch is drawn again, in full, the moment the batch ends. (`_display` and `_end_batch` are
    # Textual's; neither has a public name.)
    def _display(self, screen: Screen, renderable) -> None:
        if renderable is not None and self._batch_count:
            self._dropped_frame = True
        super()._display(screen, renderable)

    def _end_batch(self) -> None:
        super()._end_batch()
        if self._dropped_frame and not self._batch_count:
            self._dropped_frame = False
            screen = self._top_screen()
            if screen is not None and screen.is_mounted and screen._compositor.size:
                self._display(screen, screen._compositor.render_update(full=True,
                                                                       screen_stack=self._background_screens))

    def on_mount(self) -> None:
        from oneonone_tui.ui.dashboard import DashboardScreen

        # Keys typed before the dashboard exists went to Textual's empty first screen and were lost
        # (an Enter typed at once opened nothing, and the letters behind it then acted as dashboard
        # keys: `h` opened a history). They wait for the dashboard's first frame (`screen_ready`).
        self.hold_keys()
        self._starting = True  # until the keys held for the dashboard are delivered
        self.push_screen(DashboardScreen(self.start_week, self.today))
        self.set_timer(self.PRELOAD_AFTER, lambda: self._preload(list(self.PRELOAD)))
        if self.read_only:
            # A second window shows the writer's saves: the store re-reads only files that changed.
            self.set_interval(READ_ONLY_REFRESH_SECONDS, self.refresh_from_disk)

    def _preload(self, modules: list[str]) -> None:
        """Import the next screen module, then let the loop run (keys first) before the one after."""
        import importlib

        if self._top_screen() is None:
            return  # the app is closing (its screens are gone): nothing left to prepare
        if modules:
            module = modules.pop(0)
            importlib.import_module(module)
            if module == "oneonone_tui.ui.meeting":
                self._prebuild_meeting()
            for kind in KEPT.get(module, ()):
                self._prebuild_kept(getattr(importlib.import_module(module), kind))
            if modules:
                self.set_timer(0.01, lambda: self._preload(modules))
            else:
                self.set_timer(0.2, self._settle_heap)

    def _settle_heap(self) -> None:
        """Once start-up is over (screens imported, the 1:1 pane built), lay the pane out once unseen,
        then take everything allocated so far out of the collector's sight.

        The first showing of the pane laid it out three times over (widgets learning their sizes):
        120-190 ms for the first 1:1 against ~30 ms for every later one; a layout and a render done
        here, while the manager reads the dashboard, leave the first Enter the same work as the
        others (`_refresh_layout` is what Textual runs when a screen is shown; it has no public
        name). Everything allocated by now lives as long as the app: `gc.freeze` keeps a full
        collection from scanning every widget and cached week (60 ms seen in the middle of an open).
        """
        import gc

        if self._top_screen() is None:
            return  # closing
        for screen in (self._meeting, *self._kept.values()):
            if screen is not None and screen.is_mounted and screen not in self.screen_stack:
                screen.lay_out_unseen()
                screen._compositor.render_update(full=True)
        gc.collect()  # what start-up left behind goes now; frozen, it would stay for good
        gc.freeze()
        gc.set_threshold(*STEADY_GC)  # start-up collected seldom (`start.collect_seldom`)
        self.settled = True

    def refresh_from_disk(self) -> None:
        """Read-only: redraw the dashboard when the week read from disk differs from what it shows."""
        from oneonone_tui.store import StoreError
        from oneonone_tui.ui.dashboard import DashboardScreen

        screen = self._top_screen()
        if not isinstance(screen, DashboardScreen) or screen.overview is None:
            return
        try:
            fresh = week_overview(self.team, self.sessions, screen.week, self.today, self._former(screen.week))
        except (StoreError, ValueError, OSError):
            return  # a file mid-replace or damaged: the next tick (or a key) says more
        if fresh != screen.overview:
            screen.show(fresh)

    # ----- type-ahead ---------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held_keys is not None:
                if self._starting and event.key == "ctrl+j":
                    # Typed before the terminal left line mode, Enter reached us as a line feed (the
                    # terminal's ICRNL turns its CR into LF): it was the manager's Enter.
                    event = events.Key("enter", "\r")
                self._held_keys.append(event)
                return
            await self._dispatch_key(event)
            return
        await super().on_event(event)

    # Tab and shift+Tab move the focus once the key has bubbled back up to the app (they are bindings,
    # not priority ones), while the keys right behind them go straight to the focused field: an
    # actual, Tab and an answer typed in one burst (a fast typist, a loaded machine) left the answer
    # in the actual. On a screen that asks for it (`FOCUS_KEYS_IN_ORDER`: the 1:1 pane), the keys
    # after a Tab wait until the focus has moved and everything the Tab and the keys before it set
    # off has been handled (a short actual opens its how-come, where that Tab then goes).
    FOCUS_KEYS = ("tab", "shift+tab")
    FOCUS_WAIT_AT_MOST = 0.3  # seconds: then the keys go on, wherever the focus is

    async def _dispatch_key(self, event: events.Key) -> bool:
        """Dispatch a key from the terminal; True when the keys behind it now wait (see FOCUS_KEYS)."""
        screen = self._top_screen()
        before = screen.focused if screen is not None else None
        await super().on_event(event)
        if event.key not in self.FOCUS_KEYS or not getattr(screen, "FOCUS_KEYS_IN_ORDER", False):
            return False
        self._hold()
        self._release_after_focus_move(screen, before, time.monotonic() + self.FOCUS_WAIT_AT_MOST)
        return True

    def _release_after_focus_move(self, screen: Screen, before, deadline: float) -> None:
        if self._held_keys is None:
            return  # delivered or dropped meanwhile
        moved = screen.focused is not before and self._message_queue.empty() and all(
            node._message_queue.empty() for node in screen.walk_children(with_self=True))
        if moved or time.monotonic() >= deadline or screen is not self._top_screen():
            self.screen_ready(screen)
        else:
            self.set_timer(0.002, lambda: self._release_after_focus_move(screen, before, deadline))

    def hold_keys(self) -> None:
        """From now until `screen_ready`, keys from the terminal wait instead of being dispatched.
        Asked while held keys are being delivered (an Enter typed ahead opens a 1:1), the keys not
        yet delivered wait again, for the screen that key opened."""
        if self._held_keys is None:
            self._hold()
        else:
            self._hold_again = True

    def _hold(self) -> None:
        """Keys from the terminal wait (in `_held_keys`) until `screen_ready`, HOLD_KEYS_AT_MOST at most."""
        if self._held_keys is None:
            self._held_keys = []
        self._stop_hold_timer()
        self._hold_timer = self.set_timer(self.HOLD_KEYS_AT_MOST, self._deliver_held_keys)

    def screen_ready(self, screen: Screen) -> None:
        """A screen that was waited for can take keys: deliver the held ones, on the app's own loop
        (after any key already queued has been added to them), in the order they were typed."""
        if self._held_keys is not None:
            self.call_later(self._deliver_held_keys)

    def drop_held_keys(self) -> None:
        """The awaited screen will not come (e.g. a damaged file): typed-ahead keys go nowhere."""
        if self._held_keys is not None:
            self._held_keys = None
            self._stop_hold_timer()

    def _stop_hold_timer(self) -> None:
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None

    async def _deliver_held_keys(self) -> None:
        self._starting = False
        self._stop_hold_timer()
        held = self._held_keys
        self._hold_again = False
        while held:  # keys arriving while these are delivered join the end of the list
            if await self._dispatch_key(held.pop(0)):
                return  # a Tab: the rest (still `_held_keys`) wait for the focus to move
            if self._held_keys is not held:
                return  # dropped meanwhile (a restore question came up): the rest go nowhere
            if self._hold_again:  # that key opened a screen: the rest wait for it (`screen_ready`)
                self._hold_again = False
                self._hold()
                return
        self._held_keys = None

    def steady_cursors(self, screen: Screen) -> None:
        """Tests and snapshots want a cursor that does not blink."""
        if not self.cursor_blink:
            for widget in screen.query("Input, TextArea"):
                widget.cursor_blink = False

    def _top_screen(self) -> Screen[object] | None:
        """The screen shown, or None while the app closes: timers (start-up's idle work, the read-only
        refresh) can fire after Textual has popped every screen, where `self.screen` raises."""
        stack = self.screen_stack
        return stack[-1] if stack else None

    # ----- state --------------------------------------------------------------------------

    def _from_saver(self, callback: Callable[..., None], *args: object) -> None:
        """A save's outcome, run on the UI's thread; after the app has stopped there is no screen to tell
        (a failure is still reported by the quit's flush, and the text is kept in the saver)."""
        if not self.is_running:
            return
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app stopped between the check and the call
            pass

    def autosave(self, session: Session) -> None:
        if self.saver is None:
            return
        snapshot = session.snapshot()
        self.sessions.remember(snapshot)
        self.saver.submit(snapshot)

    def _saved(self, session: Session) -> None:
        if self.saver is not None and self.saver.idle:
            # To the minute: the label changes at most once a minute, not with every save that lands
            # while the manager types (each change was a frame in the middle of the typing).
            self.save_status = f"saved {self.now():%H:%M}"

    def _save_failed(self, session: Session, error: Exception) -> None:
        self.save_status = "NOT SAVED: retrying"
        # The message names a path and may quote data: shown literally (a `[/]` in a path is no markup).
        self.notify(visible(str(error)), title="Could not save", severity="error", timeout=8, markup=False)

    def _former(self, week: str) -> set[str]:
        """Reps gone from the team file, looked for over the last year of 1:1s up to `week`."""
        weeks = [w for w in self.store.weeks() if w <= week][-FORMER_WEEKS:]
        return former_rep_ids(self.team, self.sessions, weeks)

    def load_overview(self, week: str, departed: bool = True, glance: bool = False) -> WeekOverview | None:
        """The dashboard's week; `departed=False` leaves out the year-long search for reps gone from
        the team file (see `with_departed`); `glance`: this week's 1:1s alone (see `first_glance`)."""
        try:
            if glance:
                return first_glance(self.team, self.sessions, week, self.today)
            return week_overview(self.team, self.sessions, week, self.today, self._former(week) if departed else ())
        except CorruptDatabase as error:
            self._offer_restore(error, retry=lambda: self.screen.reload())
            return None

    def with_departed(self, overview: WeekOverview) -> WeekOverview | None:
        """`overview` with the rows of reps gone from the team file added (only those are read)."""
        try:
            rows = departed_rows(self.team, self.sessions, overview.week, self._former(overview.week), self.today)
        except CorruptDatabase as error:
            self._offer_restore(error, retry=lambda: self.screen.reload())
            return None
        return dataclasses.replace(overview, departed=rows)

    def overview_after_meeting(self, overview: WeekOverview, rep_id: str) -> WeekOverview | None:
        """The dashboard's week with `rep_id`'s row read again (None: read the whole week instead)."""
        from oneonone_tui.domain.overview import with_rep_read_again

        try:
            return with_rep_read_again(overview, self.sessions, rep_id, self.today)
        except CorruptDatabase:
            return None  # the whole reload offers the restore

    def _offer_restore(self, error: CorruptDatabase, retry) -> None:
        from oneonone_tui.store import StoreError
        from oneonone_tui.ui.modals import RestoreScreen
        from oneonone_tui.ui.text import visible

        self.drop_held_keys()  # never let typed-ahead letters answer the restore question

        def chosen(restore: bool | None) -> None:
            if not restore:
                self.exit(return_code=2)
                return
            try:
                # Under the lock this window already holds; the week is read again from disk.
                used = self.store.restore_backup(error.file)
            except (StoreError, ValueError) as failure:
                self.notify(visible(str(failure)), title="Could not restore", severity="error", timeout=15,
                            markup=False)
                return
            self.notify(visible(f"Restored {error.file.name} from {used.name}."), title="Restored", markup=False)
            retry()

        self.push_screen(RestoreScreen(error.message, bool(error.backups)), chosen)

    def open_meeting(self, rep_id: str, week: str) -> None:
        rep = self.team.rep(rep_id)
        try:
            stored = self.sessions.get(rep_id, week)
            # The screen edits its own copy: snapshots handed to the saver must never change under it.
            earlier = one_on_one.recent(self.sessions.iter_history(rep_id, week))
            session = stored.snapshot() if stored is not None else one_on_one.begin(rep_id, week, earlier)
            standing = one_on_one.standing(stored, earlier, self.team.escalation)
            try:
                sources = self.store.sources(week).get(rep_id, {})
            except ValueError:  # a damaged sources table only loses the "from CRM" line
                sources = {}
        except CorruptDatabase as error:
            self._offer_restore(error, retry=lambda: self.open_meeting(rep_id, week))
            return

        def closed(result: str | None) -> None:
            self._after_meeting(rep_id, finished=result == "finished")

        meeting = self.meeting_screen()
        if meeting in self.screen_stack:
            # One 1:1 at a time: the pane is open under the screen this came from.
            self.notify("A 1:1 is already open: Escape back to it first.", severity="warning", markup=False)
            return
        meeting.bind(rep, session, escalation=standing, earlier=earlier, sources=sources)
        self.hold_keys()
        self.push_screen(meeting, closed)

    def _after_meeting(self, rep_id: str, finished: bool) -> None:
        """Back from a 1:1, from wherever it was opened: the dashboard reads that rep's row again, and
        the open-commitments list, if the 1:1 was opened from it, shows what the 1:1 changed."""
        from oneonone_tui.ui.dashboard import DashboardScreen
        from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen

        dashboard = next((s for s in self.screen_stack if isinstance(s, DashboardScreen)), None)
        if dashboard is None:
            return
        dashboard.after_meeting(rep_id, finished=finished)
        listing = self._kept.get(OpenCommitmentsScreen)
        if listing is not None and listing in self.screen_stack and dashboard.overview is not None:
            self._open_list_screen(dashboard.overview, cursor=listing.cursor_row)

    def meeting_screen(self) -> MeetingScreen:
        """The one 1:1 pane, built on first use (or ahead of it, see `_prebuild_meeting`) and kept."""
        from oneonone_tui.ui.meeting import MeetingScreen

        if self._meeting is None:
            self._meeting = MeetingScreen(self.team, read_only=self.read_only, live_timer=self.live_timer,
                                          today=self.today)
            self.install_screen(self._meeting, "meeting")
        return self._meeting

    def kept_screen(self, kind: type[KeptScreenT]) -> KeptScreenT:
        """The one screen of `kind` (history, scorecard, open commitments), built on first use or by
        start-up's idle work (`_prebuild_kept`), and shown again with new values each time."""
        screen = self._kept.get(kind)
        if screen is None:
            screen = self._kept[kind] = kind()
            # Installed: Textual removes a screen that is not when it is popped.
            self.install_screen(screen, f"kept-{kind.__name__}")
        return screen  # type: ignore[return-value]

    def _prebuild_kept(self, kind: type) -> None:
        """Compose a kept screen unseen (see `_prebuild_meeting`) and fill it with what the dashboard
        shows (its first rep's history, the week's open commitments): shown the first time, a screen
        laid out empty grew its scrollbars then, a third layout and frame (~90-140 ms against ~25-45
        for later showings). It is laid out in `_settle_heap`; `show` replaces every value later."""
        from oneonone_tui.store import StoreError
        from oneonone_tui.ui.dashboard import DashboardScreen
        from oneonone_tui.ui.history import HistoryScreen
        from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen

        screen = self.kept_screen(kind)
        if not screen.is_running:
            self._register(self, screen)
        dashboard = self._top_screen()
        overview = dashboard.overview if isinstance(dashboard, DashboardScreen) else None
        if overview is None or not overview.rows:
            return
        try:
            if kind is HistoryScreen:
                self._history_screen(overview.rows[0].rep.id, overview.week)
            elif kind is OpenCommitmentsScreen:
                self._open_list_screen(overview)
        except (StoreError, ValueError):
            pass  # damage is reported when the manager opens the screen, not by idle work

    def _prebuild_meeting(self) -> None:
        """Compose and mount the 1:1 pane while the manager reads the dashboard, so the first Enter
        only binds and shows it. Textual composes a screen when it first starts it; `_register` is
        what `push_screen` calls to start one (there is no public way to start a screen unshown)."""
        meeting = self.meeting_screen()
        if not meeting.is_running:
            self._register(self, meeting)

    # ----- follow-through: a rep's history, the team's open commitments ----------------------

    def open_history(self, rep_id: str, week: str) -> None:
        """`h`: the rep's last 12 weeks up to `week` (Escape returns where the manager was)."""
        from oneonone_tui.ui.history import HistoryScreen

        if self.kept_screen(HistoryScreen) in self.screen_stack:
            return  # already open, under the screen this came from
        try:
            screen = self._history_screen(rep_id, week)
        except CorruptDatabase as error:
            self._offer_restore(error, retry=lambda: self.open_history(rep_id, week))
            return
        self.push_screen(screen)

    def _history_screen(self, rep_id: str, week: str) -> HistoryScreen:
        """The history screen showing `rep_id`'s weeks up to `week` (not pushed)."""
        from oneonone_tui.domain import followthrough
        from oneonone_tui.ui.history import HistoryScreen

        current = self.sessions.get(rep_id, week)
        sessions = ([current] if current else []) + one_on_one.recent(self.sessions.iter_history(rep_id, week))
        team = self.team
        if rep_id not in {rep.id for rep in team.reps}:
            # A rep gone from the team file keeps their history: shown under their id.
            team = dataclasses.replace(team, reps=(*team.reps, departed_rep(rep_id)))
        screen = self.kept_screen(HistoryScreen)
        screen.show(team.rep(rep_id), week, followthrough.rep_history(team, rep_id, sessions, until=week))
        return screen

    def open_commitments_list(self, overview: WeekOverview) -> None:
        """`c` on the dashboard: the team's open commitments after the week shown, ranked by urgency."""
        from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen

        if self.kept_screen(OpenCommitmentsScreen) in self.screen_stack:
            return
        self.push_screen(self._open_list_screen(overview))

    def _open_list_screen(self, overview: WeekOverview, cursor: int = 0) -> OpenCommitmentsScreen:
        """The open-commitments list showing `overview`'s week (not pushed), the cursor on row `cursor`."""
        from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen

        ranked, levels = overview.open_commitments(self.today)
        screen = self.kept_screen(OpenCommitmentsScreen)
        screen.show(overview.week, self.today, ranked, {rep.id: rep.name for rep in self.team.reps}, levels,
                    cursor)
        return screen

    # ----- actions ------------------------------------------------------------------------

    def action_help(self) -> None:
        from oneonone_tui.ui.modals import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        if self.saver is not None and not self.saver.flush(timeout=5.0):
            self.notify("Some changes could not be saved yet (see the error). Fix the cause, or press "
                        "ctrl+q again to quit anyway.", severity="error", timeout=10)
            if getattr(self, "_quit_armed", False):
                self.exit(return_code=1)
            self._quit_armed = True
            return
        self.exit(return_code=0)

    def on_unmount(self) -> None:
        if self.saver is not None:
            self.saver.close(timeout=10.0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, help_text, callback in getattr(screen, "palette_commands", lambda: [])():
            yield SystemCommand(title, help_text, callback)
        yield SystemCommand("Help", "The keys and the method in five lines", self.action_help)


def make_app(*, team: Team, store: Store, week: str | None = None, today: date | None = None,
             notice: str = "", live_timer: bool = True, autosave_delay: float = 0.25,
             cursor_blink: bool = True, now: Callable[[], datetime] | None = None) -> OneOnOneApp:
    """The one way to build the app, for the CLI and the tests alike (tests turn timer and blink off)."""
    return OneOnOneApp(team=team, store=store, week=week, today=today, notice=notice,
                       live_timer=live_timer, autosave_delay=autosave_delay, cursor_blink=cursor_blink,
                       now=now)
