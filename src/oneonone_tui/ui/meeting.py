"""The meeting pane: last week's commitments, then Results, Pipeline, Activity, commitments and notes.

The pane is built once per app (its shape depends on the team, not on the rep: every rep has the
same metrics in the same stages) and kept installed; opening a rep's 1:1 rebinds it to that rep's
session (`MeetingScreen.bind`): values change, widgets do not mount. Rows that only some 1:1s need
(commitments to verify, commitments made) are pools that grow when a 1:1 needs more and hide what
it does not use. Mounting ~170 widgets through the stylesheet was most of the ~400 ms a 1:1 took
to open.
"""

from __future__ import annotations

from collections.abc import Mapping

from typing import TYPE_CHECKING

import math
import uuid
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from oneonone_tui.domain import commitments as grammar
from oneonone_tui.domain import followthrough, numbers, one_on_one, progression
from oneonone_tui.domain.escalation import LEVEL_LABEL, EscalationState, Level
from oneonone_tui.domain.records import Commitment, MetricEntry, Owner, Review, Session, SessionState, Verdict
from oneonone_tui.domain.progression import Standing
from oneonone_tui.domain.team import Rep, Stage, Team
from oneonone_tui.ui.fields import AnswerField, NotesArea
from oneonone_tui.ui.keybar import KeyBar
from oneonone_tui.ui.screens import OneLayoutScreen
from oneonone_tui.ui.text import visible
from oneonone_tui.ui.cells import EntryLine, SafeInput
from oneonone_tui.ui.widgets import (CommitmentRow, HowCome, MetricRow, Picker, ReviewRow, describe_commitment, edited,
                                     update_static)
from oneonone_tui.domain.weeks import monday_of

STAGE_TITLES = {
    Stage.RESULTS: "1 · Results — did the rep hit the target?",
    Stage.PIPELINE: "2 · Pipeline — enough qualified opportunities to keep hitting it?",
    Stage.ACTIVITY: "3 · Activity",
}
COMMITMENT_HINT = "e.g. re-engage 5 stalled opps due:fri #pipeline   (@me: yours, not the rep's)"
# Rows built with the pane for the commitments a 1:1 verifies (the rep's, the manager's) and makes:
# enough for most weeks; a 1:1 that needs more adds rows, kept for the next ones.
POOL = {"theirs": 3, "mine": 1, "commitments": 4}
REVIEW_TITLES = {"theirs": "Open commitments — kept, partly, or not kept? (k / p / n)",
                 "mine": "You promised — kept, partly, or not kept?"}


def format_clock(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


if TYPE_CHECKING:
    from oneonone_tui.ui.app import OneOnOneApp


class FinishQuestion(Vertical, can_focus=True):
    """Finishing a half-done 1:1 asks once, listing what is missing: finish anyway, or go back.

    A panel of the pane, not a screen of its own: a modal screen re-renders the whole pane behind
    it, tinted, on every frame (~45 ms a frame here)."""

    DEFAULT_CSS = """
    FinishQuestion { dock: bottom; height: auto; border: thick $warning; background: $surface;
                     padding: 0 2; display: none; }
    FinishQuestion .finish-title { text-style: bold; }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Finish anyway"),
        Binding("n,escape", "answer(False)", "Back to the 1:1"),
    ]

    class Answered(Message):
        def __init__(self, finish: bool) -> None:
            super().__init__()
            self.finish = finish

    def compose(self) -> ComposeResult:
        yield Static("This 1:1 is not complete:", classes="finish-title")
        yield Static(id="finish-missing")
        yield Static(Content.styled("Finish anyway?  [y] finish   [n] back to the 1:1", "$text-muted"))

    def ask(self, missing: list[str]) -> None:
        self.query_one("#finish-missing", Static).update(Content(", ".join(missing) + "."))

    def on_key(self, event: events.Key) -> None:
        # Nothing typed here reaches the fields behind the question.
        if event.key not in ("y", "enter", "n", "escape", "ctrl+q", "ctrl+c"):
            event.stop()
            event.prevent_default()

    def on_blur(self) -> None:
        if self.display:  # a click elsewhere: the question stays until it is answered
            self.call_after_refresh(self.focus)

    def action_answer(self, finish: bool) -> None:
        self.post_message(self.Answered(finish))


class ActivitySection(Vertical):
    """3 · Activity, folded when results and pipeline are on target (`ctrl+o` or a click opens it).

    Its rows are always built; folding hides them (`display`): no restyle, no mount."""

    DEFAULT_CSS = """
    ActivitySection { height: auto; margin-bottom: 1; }
    ActivitySection > .activity-title { color: $accent; text-style: bold; }
    ActivitySection > .activity-rows { height: auto; }
    """

    class Toggled(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._collapsed = False
        self._title = STAGE_TITLES[Stage.ACTIVITY]
        self.heading = Static(classes="activity-title")
        self.rows = Vertical(classes="activity-rows")

    @property
    def collapsed(self) -> bool:
        return self._collapsed

    @collapsed.setter
    def collapsed(self, value: bool) -> None:
        self._collapsed = value
        self.rows.display = not value
        self._show_title()

    @property
    def title(self) -> str:
        return self._title

    @title.setter
    def title(self, value: str) -> None:
        self._title = value
        self._show_title()

    def _show_title(self) -> None:
        update_static(self.heading, Content(("▶ " if self._collapsed else "▼ ") + self._title), layout=False)

    def on_click(self, event: events.Click) -> None:
        if event.widget is self.heading:
            self.post_message(self.Toggled())


class MeetingScreen(OneLayoutScreen):
    """One rep's 1:1 in one week. Owns the session being edited; every change is autosaved.

    Built once (`bind` shows a rep's 1:1 in it) and installed on the app, so it is kept between 1:1s."""

    FOCUS_KEYS_IN_ORDER = True  # keys typed behind a Tab go where the Tab lands (OneOnOneApp.FOCUS_KEYS)

    SCROLLER = "#pane"

    app: OneOnOneApp  # typed: screens call the app's own methods (open_meeting, autosave, ...)

    # No automatic focus: `bind` focuses the first field of each 1:1 itself. Textual's default ("*")
    # focused the scrolling pane at compose, and moving focus off a container restyles everything
    # in it through the stylesheet (85 ms for this pane).
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("escape", "back", "Dashboard", tooltip="Back to the dashboard (everything is saved)"),
        Binding("ctrl+f", "finish", "Finish 1:1", priority=True, tooltip="Mark this 1:1 done"),
        Binding("ctrl+n", "new_commitment", "Commitment", priority=True),
        Binding("ctrl+o", "toggle_activity", "Activity", priority=True),
        Binding("ctrl+t", "notes", "Notes", priority=True),
        Binding("f1", "app.help", "Help"),
        Binding("h", "history", "History", tooltip="This rep's last 12 weeks"),
        Binding("ctrl+l", "override_level", "Hold level", show=False, priority=True,
                tooltip="Hold or lower the rep's level, with a written reason"),
        Binding("x", "export_notes", "Export", tooltip="Write this 1:1's notes as markdown (shared notes only)"),
        # Not priority: in the notes, ctrl+y is the text area's redo; x is typed into text fields.
        Binding("ctrl+y", "copy_notes", "Copy notes", show=False),
        # Not priority: in the notes, ctrl+z is the text area's own undo.
        Binding("ctrl+z", "undo_remove", "Undo remove", show=False,
                tooltip="Put back the commitment removed last"),
    ]

    def __init__(self, team: Team, *, read_only: bool = False, live_timer: bool = True,
                 today: date | None = None) -> None:
        super().__init__(name="meeting")
        self.team = team
        self.read_only = read_only
        self.live_timer = live_timer
        self.today = today or date.today()
        # The 1:1 shown (set by `bind`).
        self.rep: Rep | None = None
        self.session: Session | None = None
        self._as_bound: Session | None = None
        self.escalation: EscalationState | None = None
        self.earlier: list[Session] | None = None
        self.owed: dict = {}
        self.sources: Mapping = {}  # metric id -> where this rep's actual came from (CRM imports)
        self._activity_user_toggled = False
        self._removed: list[tuple[int, Commitment]] = []  # removed commitments, for ctrl+z
        self._mounted = False
        self._resumed = False
        self._ready_blocked = False  # rows for this 1:1 are still being added
        self._rows: dict[str, MetricRow] = {}

    # ----- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="meeting-bar"):
            yield Static(id="meeting-title")
            yield Static(id="timer")
            yield Static(id="saved")
        # Not a Tab stop: focus moves between fields and the pane scrolls to them (and a focus change
        # on a container restyles all of it).
        with VerticalScroll(id="pane", can_focus=False):
            yield Static(id="escalation")
            with Vertical(classes="section", id="reviews"):
                for group in ("theirs", "mine"):
                    with Vertical(classes="review-group", id=f"reviews-{group}"):
                        yield Static(REVIEW_TITLES[group], classes="section-title")
                        for _ in range(POOL[group]):
                            yield ReviewRow(read_only=self.read_only)
            for stage in (Stage.RESULTS, Stage.PIPELINE):
                with Vertical(classes="section stage", id=f"stage-{stage.value}"):
                    yield Static(STAGE_TITLES[stage], classes="section-title")
                    yield from self._metric_rows(stage)
            activity = ActivitySection(id="activity")
            with activity:
                yield activity.heading
                with activity.rows:
                    yield Static(id="fold-reason")
                    yield from self._metric_rows(Stage.ACTIVITY)
            with Vertical(classes="section", id="commitments"):
                yield Static("Commitments — plain words, a due date, a number where there is one",
                             classes="section-title")
                with Vertical(id="commitment-list"):
                    for _ in range(POOL["commitments"]):
                        yield CommitmentRow(read_only=self.read_only)
                yield EntryLine(placeholder=COMMITMENT_HINT, id="new-commitment", compact=True,
                                disabled=self.read_only)
                yield Static(id="commitment-preview")
            with Vertical(classes="section", id="notes"):
                yield Static("Shared notes (go into exports)", classes="section-title")
                # Stored notes are shown with control characters made visible; the session keeps
                # them as stored until the manager edits the notes (see `edited`).
                yield NotesArea("", id="shared-notes", soft_wrap=True, tab_behavior="focus",
                                read_only=self.read_only, compact=True)
                yield Static("Private notes (yours; never exported unless you ask)", classes="section-title")
                yield NotesArea("", id="private-notes", soft_wrap=True, tab_behavior="focus",
                                read_only=self.read_only, compact=True)
        yield FinishQuestion(id="finish-question")
        yield KeyBar()

    def _metric_rows(self, stage: Stage) -> ComposeResult:
        metrics = self.team.metrics_in(stage)
        if not metrics:
            yield Static(f"No {stage.value} metrics in the team file: nothing to review here.", classes="empty")
            return
        for metric in metrics:
            row = self._rows[metric.id] = MetricRow(metric, read_only=self.read_only)
            yield row

    # ----- binding a rep's 1:1 ------------------------------------------------------------

    def bind(self, rep: Rep, session: Session, *, escalation: EscalationState | None = None,
             earlier: list[Session] | None = None, sources: Mapping | None = None) -> None:
        """Show `rep`'s 1:1 (`session`, which this screen edits from now on). Nothing is posted as
        the fields take the stored values, so nothing is saved until the manager changes something."""
        self.rep, self.session = rep, session
        self._as_bound = session.snapshot()  # what was stored: leaving unchanged saves nothing
        self.escalation = escalation
        # Follow-through: the rep's earlier 1:1s (newest first), and what is open as this 1:1 begins,
        # derived from all of them each time it opens (`one_on_one.reviewing`).
        self.earlier = earlier
        self.owed = {o.id: o for o in one_on_one.reviewing(session, earlier)} if earlier is not None else {}
        self.sources = sources or {}
        self._activity_user_toggled = False
        self._removed = []
        self._resumed = False
        if self._mounted:
            self._apply()

    def _apply(self) -> None:
        session, rep = self.session, self.rep
        if session is None or rep is None:
            return
        monday = monday_of(session.week)
        # Setting the fields posts their Changed messages: each handler finds the value already in the
        # session and does nothing, and a message that no longer matches its field (set again for
        # the next 1:1 before it was handled) is stale and dropped (see `widgets.current`). Textual's
        # `prevent` is not used: every message posted inside it carries the prevention on, and keys
        # typed ahead were delivered under it once (the notes' first words were not saved).
        growing = self._grow_pools()
        update_static(self.query_one("#meeting-title", Static),
                      Content.assemble((visible(rep.name), "bold"), " · ", f"{session.week} (Mon {monday:%d %b})",
                                       " · ", (visible(rep.role), "$text-muted")), layout=False)
        escalation = self.query_one("#escalation", Static)
        escalation.display = self.escalation is not None
        if self.escalation is not None:
            update_static(escalation, self._escalation_line(), layout=True)
        self._bind_reviews()
        for metric_id, row in self._rows.items():
            # Opening a 1:1 changes nothing in it: a metric with nothing typed is shown from a blank
            # entry (`_entry`); the handlers add the entry on an edit.
            row.bind(self._standing(metric_id), self._entry(metric_id), self.sources.get(metric_id))
        self._bind_commitments()
        new = self.query_one("#new-commitment", SafeInput)
        new.value = ""
        update_static(self.query_one("#commitment-preview", Static), Content(""), layout=True)
        self.query_one("#shared-notes", NotesArea).load_text(visible(session.shared_notes))
        self.query_one("#private-notes", NotesArea).load_text(visible(session.private_notes))
        self._hide_finish_question()
        self._refresh_fold(initial=True)
        self._show_timer()
        self._show_save_status(self.app.save_status)
        self.query_one("#pane", VerticalScroll).scroll_home(animate=False, immediate=True)
        if growing:  # rows just added compose on their own turn: focus once they are there
            self._ready_blocked = True
            self.call_later(self._after_growing, growing)
        else:
            self._focus_first()

    async def _after_growing(self, growing: list) -> None:
        for mounting in growing:
            await mounting
        self._ready_blocked = False
        self._focus_first()
        self._report_ready()

    def _focus_first(self) -> None:
        """The 1:1 opens on last week's commitments when there are any, else on the first result.
        Focus is set as Textual's automatic focus sets it (not `Picker.focus`): keys typed before the
        focus shows are not a verdict (see Picker)."""
        first = next((row.verdict_picker for row in self.review_rows()), None)
        if first is None:
            first = next((row.actual_field() for row in self._rows.values()
                          if row.display and row.parent is not None and row.parent.display), None)
        if first is not None and not first.disabled:
            self.set_focus(first, scroll_visible=False)
        elif self.focused is not None:
            self.set_focus(None)

    def review_rows(self) -> list[ReviewRow]:
        """The rows of the commitments being verified in this 1:1 (not the unused rows of the pool)."""
        return [row for row in self.query(ReviewRow) if row.commitment is not None]

    def commitment_rows(self) -> list[CommitmentRow]:
        """The rows of the commitments made in this 1:1 (not the unused rows of the pool)."""
        return [row for row in self.query_one("#commitment-list").query_children(CommitmentRow)
                if row.commitment is not None]

    def _bind_reviews(self) -> None:
        """Every commitment still open for this rep, oldest first: the rep's, then "you promised"."""
        session = self.session
        held = one_on_one.held_on(session, session.week, self.today)
        reviews = self.query_one("#reviews")
        reviews.display = bool(session.to_review)
        for group, commitments in self._review_groups().items():
            box = self.query_one(f"#reviews-{group}", Vertical)
            box.display = bool(commitments)
            rows = list(box.query_children(ReviewRow))
            for index, row in enumerate(rows):
                if index >= len(commitments):
                    row.bind(None, None)
                    continue
                commitment = commitments[index]
                owed = self.owed.get(commitment.id)
                row.bind(commitment, session.reviews.get(commitment.id),
                         due=owed.due if owed else commitment.due,
                         overdue=owed.overdue(held) if owed else commitment.due < held,
                         carried=len(owed.dates()) - 1 if owed else 0)

    def _review_groups(self) -> dict[str, list[Commitment]]:
        """The commitments this 1:1 verifies: the rep's ("theirs"), then the manager's ("mine")."""
        to_review = self.session.to_review
        return {"theirs": [c for c in to_review if c.owner is not Owner.MANAGER],
                "mine": [c for c in to_review if c.owner is Owner.MANAGER]}

    def _bind_commitments(self) -> None:
        """The commitments made in this 1:1, in order, in the kept rows (more are added when needed)."""
        self._grow_pools()
        rows = list(self.query_one("#commitment-list", Vertical).query_children(CommitmentRow))
        commitments = self.session.commitments
        for index, row in enumerate(rows):
            row.bind(commitments[index] if index < len(commitments) else None)

    def _grow_pools(self) -> list:
        """Enough review and commitment rows for this 1:1 (kept for the next ones); returns the
        mounts under way."""
        wanted = {f"#reviews-{group}": (ReviewRow, len(commitments))
                  for group, commitments in self._review_groups().items()}
        wanted["#commitment-list"] = (CommitmentRow, len(self.session.commitments))
        mounting = []
        for selector, (kind, count) in wanted.items():
            box = self.query_one(selector, Vertical)
            have = len(box.query_children(kind))
            if have < count:
                mounting.append(box.mount_all([kind(read_only=self.read_only) for _ in range(count - have)]))
        return mounting

    # ----- follow-through: the verification section and the live standing -------------------

    def action_history(self) -> None:
        self.app.open_history(self.rep.id, self.session.week)

    def _live_standing(self) -> None:
        """The level as the verdicts are given: the same `one_on_one.standing` the dashboard uses."""
        if self.earlier is None or self.escalation is None:
            return
        self.escalation = one_on_one.standing(self.session, self.earlier, self.team.escalation)
        for line in self.query("#escalation").results(Static):
            line.update(self._escalation_line())

    def action_override_level(self) -> None:
        """`ctrl+l`: hold or lower the level, only with a written reason, kept with this week."""
        from oneonone_tui.ui.level_override import LevelOverrideScreen, Override

        if self.read_only:
            self.notify("Read-only: the level cannot be held or lowered here.", severity="warning", markup=False)
            return
        if self.escalation is None or self.earlier is None:
            return
        state = self.escalation
        computed = state.computed or state.level
        previous = (one_on_one.standing(self.earlier[0], self.earlier[1:], self.team.escalation).level
                    if self.earlier else Level.CLEAR)

        def chosen(result: Override | None) -> None:
            if result is None:
                return
            self.session.level_override = result.level
            self.session.override_reason = result.reason
            self._changed()
            self._live_standing()

        self.app.push_screen(LevelOverrideScreen(computed, previous, self.session.level_override,
                                                 self.session.override_reason), chosen)

    def _escalation_line(self) -> Content:
        """Consequences known in advance, and recognition where it is earned (METHOD: progressive, even)."""
        state = self.escalation
        style = {Level.PIP: "$text-error bold", Level.FOLLOWUP: "$text-warning bold",
                 Level.COACHING: "$text-warning"}.get(state.level, "$text-muted")
        parts: list = [(f"{LEVEL_LABEL[state.level]}: ", style), Content(visible(state.reason))]
        if state.moved_by:
            parts += [("  Moved by: ", "$text-muted"), state.moved_by + "."]
        if state.next_step:
            parts += [("  Next: ", "$text-muted"), (state.next_step, "$text-warning")]
        if state.override_reason and state.computed is None:  # held where the rules put it: still say why
            parts += [("  Held by the manager: ", "$text-warning"), Content(visible(state.override_reason))]
        if state.recognition:
            parts += ["  ", (f"★ {state.recognition}", "$text-success bold")]
        if self.earlier is not None:  # from the numbers, any length of history back (`followthrough`)
            for said in followthrough.recognitions(self.team, self.rep.id, [self.session, *self.earlier]):
                parts += ["  ", (f"★ {said} — say so.", "$text-success bold")]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        # Opening is not starting: the 1:1 starts (and is saved) on the first edit, so a 1:1 opened
        # and left without a keystroke leaves no "in progress" session behind (see `_changed`).
        self.app.steady_cursors(self)
        self.watch(self.app, "save_status", self._show_save_status, init=False)
        if self.live_timer and not self.read_only:
            self.set_interval(1.0, self._tick)
        self._mounted = True
        self._apply()
        self._report_ready()

    def on_screen_resume(self) -> None:
        self._resumed = True  # Textual applies its automatic focus in this same event
        self._report_ready()

    def _report_ready(self) -> None:
        """Composed, bound, mounted and focused: keys the manager typed ahead can be delivered (see the app)."""
        if self._mounted and self._resumed and not self._ready_blocked and hasattr(self.app, "screen_ready"):
            self.app.screen_ready(self)

    # ----- state --------------------------------------------------------------------------

    def _standing(self, metric_id: str) -> Standing:
        metric = self.team.metric(metric_id)
        entry = self.session.entries.get(metric_id)
        held = one_on_one.held_on(self.session, self.session.week, self.today)
        return progression.standing(self.team, self.rep, metric, entry.actual if entry else None, self.session.week,
                                    held)

    def _stage_standings(self, stage: Stage) -> list[Standing]:
        """The stage's standings as its rows show them (each row's is computed when it is shown)."""
        return [self._rows[m.id].standing for m in self.team.metrics_in(stage)]

    def _changed(self) -> None:
        """The session changed: hand a snapshot to the autosaver (the screen never waits on the disk).

        The first real edit starts the 1:1; until then nothing is saved (an untouched 1:1 is not one)."""
        if self.read_only:
            return
        if self.session.state is SessionState.NOT_STARTED:
            if one_on_one.is_untouched(self.session):
                return
            one_on_one.start(self.session, self.app.now())
        self.app.autosave(self.session)

    def _refresh_fold(self, initial: bool = False) -> None:
        results = self._stage_standings(Stage.RESULTS)
        pipeline = self._stage_standings(Stage.PIPELINE)
        folded = progression.activity_folded(results, pipeline)
        if folded:
            reason = Content.styled(progression.ACTIVITY_FOLD_REASON, "$text-success")
        elif any(s.actual is None for s in results + pipeline):
            reason = Content.styled("Open until results and pipeline are in: it folds when both are on target.",
                                    "$text-muted")
        else:
            reason = Content.styled("Results or pipeline short: dig into activity.", "$text-warning")
        update_static(self.query_one("#fold-reason", Static), reason, layout=False)
        activity = self.query_one("#activity", ActivitySection)
        if initial:  # a 1:1 just bound: folded on evidence, or open as the manager left it
            activity.collapsed = folded and not self.session.activity_opened
        if self.session.activity_opened or self._activity_user_toggled:
            return
        inside = self.focused is not None and activity in self.focused.ancestors
        if not inside and activity.collapsed != folded:
            activity.collapsed = folded
        # The reason stays readable while folded: shown in the title too.
        activity.title = STAGE_TITLES[Stage.ACTIVITY] + (" — folded: on target" if folded else "")

    def _show_timer(self) -> None:
        spent = self.session.seconds_spent
        budget = self.team.timebox_minutes * 60
        style = "$text-error" if spent >= budget else ("$text-warning" if budget - spent <= 300 else "$text-muted")
        update_static(self.query_one("#timer", Static),
                      Content.styled(f"time {format_clock(spent)} / {format_clock(budget)}", style), layout=False)

    def _tick(self) -> None:
        # One timer for the life of the screen: it counts only while a 1:1 is open (this screen or a
        # question over it on the stack) and not yet done.
        if self.session is None or self.session.state is SessionState.DONE or self not in self.app.screen_stack:
            return
        self.session.seconds_spent += 1
        self._show_timer()
        if self.session.seconds_spent == self.team.timebox_minutes * 60:
            self.notify(f"Time box of {self.team.timebox_minutes} minutes reached.", severity="warning",
                        markup=False)  # once: the timer stays red after this
        if self.session.seconds_spent % 15 == 0:
            self._changed()

    def _show_save_status(self, status: str) -> None:
        style = "$text-error bold" if status.startswith("NOT SAVED") else "$text-muted"
        update_static(self.query_one("#saved", Static), Content.styled(status, style), layout=False)

    # ----- edits --------------------------------------------------------------------------

    @on(MetricRow.ActualChanged)
    def _actual(self, event: MetricRow.ActualChanged) -> None:
        self._take_actual(event.row, event.text, confirmed=False)

    @on(MetricRow.ActualSubmitted)
    def _actual_submitted(self, event: MetricRow.ActualSubmitted) -> None:
        self._take_actual(event.row, event.text, confirmed=True)

    def _take_actual(self, row: MetricRow, text: str, *, confirmed: bool) -> None:
        """The field holds `text`: keep the number it says (numbers.parse_number), or say why not.

        What no metric can be (negative, text) is not kept: the actual is cleared, the row says why
        inline and no how-come is built from it. A value more than 10× its target is asked about
        first: Enter keeps it. Half-typed text (`1.`, `$`) keeps the last good value silently.
        """
        entry = self._entry(row.metric.id)
        reading = numbers.parse_number(text)
        if reading.partial and not reading.problem:
            return
        value = reading.value
        problem = reading.problem
        if not problem and numbers.implausible(value, self._standing(row.metric.id).full_target):
            if not confirmed:
                target = progression.format_value(self._standing(row.metric.id).full_target, row.metric.unit)
                problem = (f"{progression.format_value(value, row.metric.unit)} is more than "
                           f"{numbers.IMPLAUSIBLE_MULTIPLE}× the target of {target}: Enter keeps it.")
                value = None
        row.show_problem(problem)
        if value == entry.actual:
            return
        entry = self.session.entry(row.metric.id)
        entry.actual = value
        self._refresh_row(row.metric.id)
        self._changed()

    def _entry(self, metric_id: str) -> MetricEntry:
        """The session's entry for a metric, or a blank one not added to it (read, not an edit)."""
        return self.session.entries.get(metric_id) or MetricEntry(metric_id=metric_id)

    @on(HowCome.Answered)
    def _answered(self, event: HowCome.Answered) -> None:
        if edited(self._entry(event.metric_id).answer, event.text):
            entry = self.session.entry(event.metric_id)
            entry.answer = event.text  # nothing on screen depends on it: no redraw while typing
            self._changed()

    @on(HowCome.SkillNamed)
    def _skill(self, event: HowCome.SkillNamed) -> None:
        if edited(self._entry(event.metric_id).skill, event.text):
            entry = self.session.entry(event.metric_id)
            entry.skill = event.text
            self._how_come(event.metric_id).show_plan(entry)
            self._changed()

    @on(HowCome.Diagnosed)
    def _diagnosed(self, event: HowCome.Diagnosed) -> None:
        if self._entry(event.metric_id).diagnosis != event.diagnosis:
            entry = self.session.entry(event.metric_id)
            entry.diagnosis = event.diagnosis
            self._how_come(event.metric_id).show_plan(entry)
            self._changed()

    @on(ReviewRow.Judged)
    def _judged(self, event: ReviewRow.Judged) -> None:
        if self.session.verdict_for(event.commitment_id) == event.verdict:
            return  # as stored (a field shown for this 1:1): nothing to record
        review = self._review(event.commitment_id)
        if review.verdict != event.verdict:
            review.verdict = event.verdict
            if review.verdict not in (Verdict.PARTLY, Verdict.NOT_KEPT):
                review.carried_to = None  # only a miss is carried forward
            self._changed()
            self._live_standing()
            self._review_row(event.commitment_id).show(review)

    @on(ReviewRow.Achieved)
    def _achieved(self, event: ReviewRow.Achieved) -> None:
        """The number achieved proposes the verdict (5 of 5 kept, 3 of 5 partly, 0 not kept); the
        manager can still pick another."""
        text = event.text.strip().replace(",", ".")
        try:
            value = float(text) if text else None
        except ValueError:
            return
        if value is not None and (not math.isfinite(value) or value < 0):
            return
        stored = self.session.reviews.get(event.commitment_id)
        if (stored.achieved if stored else None) == value:
            return
        review = self._review(event.commitment_id)
        review.achieved = value
        row = self._review_row(event.commitment_id)
        proposed = followthrough.propose_verdict(row.commitment.number, value)
        if proposed is not None:
            row.query_one(Picker).value = proposed.value  # posts Picker.Changed -> Judged
        self._changed()
        row.show(review)

    @on(ReviewRow.Answered)
    def _review_answer(self, event: ReviewRow.Answered) -> None:
        stored = self.session.reviews.get(event.commitment_id)
        if edited(stored.answer if stored else "", event.text):
            self._review(event.commitment_id).answer = event.text
            self._changed()

    @on(ReviewRow.Diagnosed)
    def _review_diagnosed(self, event: ReviewRow.Diagnosed) -> None:
        stored = self.session.reviews.get(event.commitment_id)
        if (stored.diagnosis if stored else None) == event.diagnosis:
            return
        review = self._review(event.commitment_id)
        if review.diagnosis != event.diagnosis:
            review.diagnosis = event.diagnosis
            self._changed()
            self._review_row(event.commitment_id).show(review)

    @on(ReviewRow.CarryForward)
    def _carry_forward(self, event: ReviewRow.CarryForward) -> None:
        """Carry a partly / not kept commitment to a typed date (empty: the next 1:1): the same
        commitment, a new due date; `c` again undoes it."""
        review = self._review(event.commitment_id)
        if review.verdict not in (Verdict.PARTLY, Verdict.NOT_KEPT):
            self.notify("Only a partly or not kept commitment is carried forward: give the verdict first (p / n).",
                        markup=False)
            return
        if review.carried_to:  # again: undo, it closes as its verdict says
            review.carried_to = None
            self._changed()
            self._review_row(event.commitment_id).show(review)
            return
        from oneonone_tui.ui.carry_forward import CarryForwardScreen

        held = one_on_one.held_on(self.session, self.session.week, self.today)
        row = self._review_row(event.commitment_id)

        def carried(due: date | None) -> None:
            if due is None:
                return
            review.carried_to = due
            self._changed()
            row.show(review)

        self.app.push_screen(CarryForwardScreen(row.commitment.text, held, one_on_one.next_one_on_one(held)), carried)

    def _review_row(self, commitment_id: str) -> ReviewRow:
        return next(r for r in self.review_rows() if r.commitment.id == commitment_id)

    @on(ReviewRow.OutcomeWritten)
    def _outcome(self, event: ReviewRow.OutcomeWritten) -> None:
        stored = self.session.reviews.get(event.commitment_id)
        if edited(stored.outcome if stored else "", event.text):  # the stored text as shown is not an edit
            self._review(event.commitment_id).outcome = event.text
            self._changed()

    def _review(self, commitment_id: str) -> Review:
        review = self.session.reviews.get(commitment_id)
        if review is None:
            review = self.session.reviews[commitment_id] = Review(commitment_id=commitment_id)
        return review

    def _how_come(self, metric_id: str) -> HowCome:
        return self._rows[metric_id].how_come_block

    def _refresh_row(self, metric_id: str) -> None:
        row = self._rows[metric_id]
        row.show(self._standing(metric_id), self._entry(metric_id))
        if self.team.metric(metric_id).stage is not Stage.ACTIVITY:
            self._refresh_fold()

    @on(Input.Changed, "#new-commitment")
    def _preview_commitment(self, event: Input.Changed) -> None:
        preview = self.query_one("#commitment-preview", Static)
        if not event.value.strip():
            preview.update("")
            return
        parsed = grammar.parse_commitment(event.value, self.today, [m.id for m in self.team.metrics])
        commitment = self._to_commitment(parsed)
        notes = "; ".join(parsed.notes)
        preview.update(Content.assemble(("Enter adds: ", "$text-muted"), describe_commitment(commitment),
                                        (f"  {visible(notes)}" if notes else "", "$text-warning")))

    @on(Input.Submitted, "#new-commitment")
    def _add_commitment(self, event: Input.Submitted) -> None:
        """Enter in the commitment box: the box has already emptied itself (`EntryLine`), so what is
        typed after Enter stays there; a line refused goes back while nothing was typed since."""
        if not event.value.strip():
            return
        parsed = grammar.parse_commitment(event.value, self.today, [m.id for m in self.team.metrics])
        if not parsed.text:
            if not event.input.value:
                event.input.value = event.value
            self.notify("Write what will be done, e.g. 'book 3 discovery calls due:thu'.", severity="warning",
                        markup=False)
            return
        commitment = self._to_commitment(parsed)
        self.session.commitments.append(commitment)
        self._bind_commitments()
        row = self.commitment_rows()[-1]
        # The new commitment shows on screen: the pane scrolls to it, then back to the box below it.
        self.call_after_refresh(lambda: (row.scroll_visible(animate=False),
                                         event.input.scroll_visible(animate=False)))
        self.query_one("#commitment-preview", Static).update(
            Content.styled("Added. " + ("No due date given: due at the next 1:1." if commitment.due_defaulted else ""),
                           "$text-muted"))
        self._changed()

    def _to_commitment(self, parsed: grammar.ParsedCommitment):
        held = one_on_one.held_on(self.session, self.session.week, self.today)
        next_one_on_one = one_on_one.next_one_on_one(held)
        return grammar.to_commitment(parsed, id=uuid.uuid4().hex[:12], made_week=self.session.week,
                                     next_one_on_one=next_one_on_one)

    @on(CommitmentRow.Removed)
    def _remove_commitment(self, event: CommitmentRow.Removed) -> None:
        # By identity, not id: two commitments may share an id in a damaged or hand-edited file.
        index = next((i for i, c in enumerate(self.session.commitments) if c is event.commitment), None)
        if index is None:
            return
        commitment = event.commitment
        del self.session.commitments[index]
        self._removed.append((index, commitment))
        self._bind_commitments()
        self._focus_now(self.query_one("#new-commitment"))
        self.notify(f"Removed “{visible(commitment.text)}”: ctrl+z puts it back.", markup=False, timeout=6)
        self._changed()

    def on_key(self, event) -> None:
        """A digit typed where nothing takes it (a picker, a commitment row) is never lost: it goes
        to the next field in Tab order, or the screen says why it was not taken."""
        if not (event.character and event.character.isdigit()) or isinstance(self.focused, (Input, TextArea)):
            return
        if self.read_only:
            return
        chain = self.focus_chain
        start = chain.index(self.focused) + 1 if self.focused in chain else 0
        field = next((w for w in chain[start:] if isinstance(w, (Input, AnswerField))), None)
        event.stop()
        event.prevent_default()
        if field is None:
            self.notify("A number goes into a field: Tab to a value (Tab stops only at fields).", timeout=3,
                        markup=False)
            return
        self._focus_now(field)
        if isinstance(field, AnswerField):
            field.insert(event.character)
        else:
            field.insert_text_at_cursor(event.character)

    def action_undo_remove(self) -> None:
        """ctrl+z: the commitment removed last comes back where it was (while this 1:1 is open)."""
        if not self._removed:
            self.notify("No removed commitment to put back.", timeout=2, markup=False)
            return
        index, commitment = self._removed.pop()
        index = min(index, len(self.session.commitments))
        self.session.commitments.insert(index, commitment)
        self._bind_commitments()
        row = self.commitment_rows()[index]
        self.call_after_refresh(lambda: row.scroll_visible(animate=False))
        self.notify(f"Put back “{visible(commitment.text)}”.", markup=False, timeout=3)
        self._changed()

    @on(TextArea.Changed, "#shared-notes")
    def _shared_notes(self, event: TextArea.Changed) -> None:
        if not edited(self.session.shared_notes, event.text_area.text, line=False):
            return
        self.session.shared_notes = event.text_area.text
        self._changed()

    @on(TextArea.Changed, "#private-notes")
    def _private_notes(self, event: TextArea.Changed) -> None:
        if not edited(self.session.private_notes, event.text_area.text, line=False):
            return
        self.session.private_notes = event.text_area.text
        self._changed()

    # ----- actions ------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.session != self._as_bound:  # the last change (or the time spent) saved now
            self._changed()
        self.dismiss("back")

    def action_finish(self) -> None:
        if self.read_only:
            self.notify("Read-only: this 1:1 cannot be changed here.", severity="warning", markup=False)
            return
        gaps = one_on_one.missing(self.team, self.rep, self.session, self.today)
        if not gaps:
            self._finish()
            return
        question = self.query_one(FinishQuestion)
        question.ask(gaps)
        self._asked_from = self.focused
        question.display = True
        self._focus_now(question)

    @property
    def finish_question_shown(self) -> bool:
        return self.query_one(FinishQuestion).display

    @on(FinishQuestion.Answered)
    def _finish_answered(self, event: FinishQuestion.Answered) -> None:
        event.stop()
        back_to = getattr(self, "_asked_from", None)
        self._hide_finish_question()
        if event.finish:
            self._finish()
        elif back_to is not None and back_to.is_attached and back_to.focusable:
            self._focus_now(back_to)

    def _hide_finish_question(self) -> None:
        question = self.query_one(FinishQuestion)
        question.display = False
        self._asked_from = None

    def _finish(self) -> None:
        one_on_one.start(self.session, self.app.now())
        one_on_one.finish(self.session, self.app.now())
        self.app.autosave(self.session)
        self.dismiss("finished")

    def _focus_now(self, widget: Widget) -> None:
        """Focus at once, not on the next turn of the loop (`Widget.focus`): keys already queued
        behind the key that asked for it (a burst from the terminal) must land in the new field."""
        self.set_focus(widget)

    def action_new_commitment(self) -> None:
        self._focus_now(self.query_one("#new-commitment"))

    def action_notes(self) -> None:
        self._focus_now(self.query_one("#shared-notes"))

    def action_toggle_activity(self) -> None:
        activity = self.query_one("#activity", ActivitySection)
        activity.collapsed = not activity.collapsed
        self._activity_user_toggled = True
        if not activity.collapsed and not self.read_only:
            self.session.activity_opened = True
            self._changed()
            fields = activity.query(".actual")
            if fields:
                self._focus_now(fields.first())

    @on(ActivitySection.Toggled)
    def _activity_clicked(self) -> None:
        self.action_toggle_activity()

    def action_export_notes(self) -> None:
        from oneonone_tui.export import rep_file_name
        from oneonone_tui.ui.exporting import notes_markdown, save_markdown

        save_markdown(self.app, notes_markdown(self.team, [self.session]),
                      rep_file_name(self.session.week, self.rep.id, "md"), "Nothing to export.")

    def action_copy_notes(self) -> None:
        from oneonone_tui.ui.exporting import copy_markdown, notes_markdown

        copy_markdown(self.app, notes_markdown(self.team, [self.session]), "Nothing to copy.")

    def palette_commands(self):
        return [
            ("Finish this 1:1", "Mark it done and return to the dashboard", self.action_finish),
            ("Back to the dashboard", "Everything is already saved", self.action_back),
            ("Add a commitment", "Jump to the commitment line", self.action_new_commitment),
            ("Open or fold Activity", "Activity is folded when results and pipeline are on target",
             self.action_toggle_activity),
            ("Jump to notes", "Shared and private notes", self.action_notes),
            ("Export this 1:1 as markdown (x)", "Shared notes only, to the export folder", self.action_export_notes),
            ("Copy this 1:1 as markdown (ctrl+y)", "To the clipboard", self.action_copy_notes),
            ("Hold or lower the level… (ctrl+l)", "Only with a written reason, kept with this week",
             self.action_override_level),
        ]
