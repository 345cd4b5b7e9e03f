"""The meeting pane: last week's commitments, then Results, Pipeline, Activity, commitments and notes."""

from __future__ import annotations

from collections.abc import Mapping

from typing import TYPE_CHECKING

import math
import uuid
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Collapsible, Footer, Input, Static, TextArea

from oneonone_tui.domain import commitments as grammar
from oneonone_tui.domain import followthrough, numbers, one_on_one, progression
from oneonone_tui.domain.escalation import LEVEL_LABEL, EscalationState, Level
from oneonone_tui.domain.records import Commitment, Owner, Review, Session, SessionState, Verdict
from oneonone_tui.domain.progression import Standing
from oneonone_tui.domain.team import Rep, Stage, Team
from oneonone_tui.ui.text import visible
from oneonone_tui.ui.widgets import (CommitmentRow, HowCome, MetricRow, Picker, ReviewRow, SafeInput, SafeTextArea,
                                     describe_commitment, edited, update_static)
from oneonone_tui.domain.weeks import monday_of

STAGE_TITLES = {
    Stage.RESULTS: "1 · Results — did the rep hit the target?",
    Stage.PIPELINE: "2 · Pipeline — enough qualified opportunities to keep hitting it?",
    Stage.ACTIVITY: "3 · Activity",
}
COMMITMENT_HINT = "e.g. re-engage 5 stalled opps due:fri #pipeline   (@me: yours, not the rep's)"


def format_clock(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


if TYPE_CHECKING:
    from oneonone_tui.ui.app import OneOnOneApp


class FinishQuestion(ModalScreen[bool]):
    """Finishing a half-done 1:1 asks once, listing what is missing: finish anyway, or go back."""

    DEFAULT_CSS = """
    FinishQuestion { align: center middle; }
    FinishQuestion > Vertical { width: 64; height: auto; border: thick $warning; background: $surface;
                                padding: 1 2; }
    FinishQuestion .finish-title { text-style: bold; }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Finish anyway"),
        Binding("n,escape", "answer(False)", "Back to the 1:1"),
    ]

    def __init__(self, missing: list[str]) -> None:
        super().__init__()
        self.missing = missing

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("This 1:1 is not complete:", classes="finish-title")
            yield Static(Content(", ".join(self.missing) + "."), id="finish-missing")
            yield Static(Content.styled("Finish anyway?  [y] finish   [n] back to the 1:1", "$text-muted"))

    def action_answer(self, finish: bool) -> None:
        self.dismiss(finish)


class MeetingScreen(Screen[str]):
    """One rep's 1:1 in one week. Owns the session being edited; every change is autosaved."""

    app: OneOnOneApp  # typed: screens call the app's own methods (open_meeting, autosave, ...)

    # The 1:1 opens on last week's commitments when there are any, else on the first result.
    AUTO_FOCUS = "ReviewRow Picker, .actual"

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

    def __init__(self, team: Team, rep: Rep, session: Session, *, read_only: bool = False,
                 live_timer: bool = True, today: date | None = None,
                 escalation: EscalationState | None = None, earlier: list[Session] | None = None,
                 sources: Mapping | None = None) -> None:
        super().__init__(name=f"meeting-{rep.id}")
        self.sources = sources or {}  # metric id -> where this rep's actual came from (CRM imports)
        self.team = team
        self.rep = rep
        self.session = session
        self.read_only = read_only
        self.live_timer = live_timer
        self.today = today or date.today()
        self._activity_user_toggled = False
        self._removed: list[tuple[int, Commitment]] = []  # removed commitments, for ctrl+z
        self.escalation = escalation
        self._ready_parts: set[str] = set()
        # Follow-through: the rep's earlier 1:1s (newest first), and what is open as this 1:1 begins,
        # derived from all of them each time it opens (`one_on_one.reviewing`).
        self.earlier = earlier
        self.owed = {o.id: o for o in one_on_one.reviewing(session, earlier)} if earlier is not None else {}

    # ----- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session, rep = self.session, self.rep
        monday = monday_of(session.week)
        with Horizontal(id="meeting-bar"):
            yield Static(Content.assemble((visible(rep.name), "bold"), " · ", f"{session.week} (Mon {monday:%d %b})",
                                          " · ", (visible(rep.role), "$text-muted")), id="meeting-title")
            yield Static(id="timer")
            yield Static(id="saved")
        with VerticalScroll(id="pane"):
            if self.escalation is not None:
                yield Static(self._escalation_line(), id="escalation")
            if session.to_review:
                yield from self._review_section()
            for stage in (Stage.RESULTS, Stage.PIPELINE):
                with Vertical(classes="section stage", id=f"stage-{stage.value}"):
                    yield Static(STAGE_TITLES[stage], classes="section-title")
                    yield from self._metric_rows(stage)
            # Folded Activity is not built until it is opened: most 1:1s on target never look at it.
            folded = self._activity_folded() and not self.session.activity_opened
            with Collapsible(title=STAGE_TITLES[Stage.ACTIVITY], id="activity", collapsed=folded):
                yield Static(id="fold-reason")
                if not folded:
                    yield from self._metric_rows(Stage.ACTIVITY)
            with Vertical(classes="section", id="commitments"):
                yield Static("Commitments — plain words, a due date, a number where there is one",
                             classes="section-title")
                with Vertical(id="commitment-list"):
                    for commitment in session.commitments:
                        yield CommitmentRow(commitment, read_only=self.read_only)
                yield SafeInput(placeholder=COMMITMENT_HINT, id="new-commitment", compact=True,
                                disabled=self.read_only)
                yield Static(id="commitment-preview")
            with Vertical(classes="section", id="notes"):
                yield Static("Shared notes (go into exports)", classes="section-title")
                # Stored notes are shown with control characters made visible; the session keeps
                # them as stored until the manager edits the notes (see `edited`).
                yield SafeTextArea(visible(session.shared_notes), id="shared-notes", soft_wrap=True,
                                   tab_behavior="focus", read_only=self.read_only, compact=True)
                yield Static("Private notes (yours; never exported unless you ask)", classes="section-title")
                yield SafeTextArea(visible(session.private_notes), id="private-notes", soft_wrap=True,
                                   tab_behavior="focus", read_only=self.read_only, compact=True)
        yield Footer()

    # ----- follow-through: the verification section and the live standing -------------------

    def _review_section(self) -> ComposeResult:
        """Every commitment still open for this rep, oldest first: the rep's, then "you promised"."""
        held = one_on_one.held_on(self.session, self.session.week, self.today)
        theirs = [c for c in self.session.to_review if c.owner is not Owner.MANAGER]
        mine = [c for c in self.session.to_review if c.owner is Owner.MANAGER]
        with Vertical(classes="section", id="reviews"):
            for title, commitments in (("Open commitments — kept, partly, or not kept? (k / p / n)", theirs),
                                       ("You promised — kept, partly, or not kept?", mine)):
                if not commitments:
                    continue
                yield Static(title, classes="section-title")
                for commitment in commitments:
                    owed = self.owed.get(commitment.id)
                    yield ReviewRow(commitment, self.session.reviews.get(commitment.id), read_only=self.read_only,
                                    due=owed.due if owed else commitment.due,
                                    overdue=owed.overdue(held) if owed else commitment.due < held,
                                    carried=len(owed.dates()) - 1 if owed else 0)

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

    def _metric_rows(self, stage: Stage) -> ComposeResult:
        metrics = self.team.metrics_in(stage)
        if not metrics:
            yield Static(f"No {stage.value} metrics in the team file: nothing to review here.", classes="empty")
            return
        for metric in metrics:
            entry = self.session.entry(metric.id)
            yield MetricRow(metric, self._standing(metric.id), entry, read_only=self.read_only,
                            source=self.sources.get(metric.id))

    def on_mount(self) -> None:
        # Opening is not starting: the 1:1 starts (and is saved) on the first edit, so a 1:1 opened
        # and left without a keystroke leaves no "in progress" session behind (see `_changed`).
        self._refresh_fold(initial=True)
        # Tab stops only at fields a manager types into: the Activity heading folds with ctrl+o
        # (or a click), never by landing on it (a value typed there was lost).
        for title in self.query_one("#activity", Collapsible).query("CollapsibleTitle"):
            title.can_focus = False
        self.app.steady_cursors(self)
        self._show_timer()
        self._show_save_status(self.app.save_status)
        self.watch(self.app, "save_status", self._show_save_status, init=False)
        if self.live_timer and not self.read_only and self.session.state is not SessionState.DONE:
            self.set_interval(1.0, self._tick)
        self._ready_parts.add("mounted")
        self._report_ready()

    def on_screen_resume(self) -> None:
        self._ready_parts.add("resumed")  # Textual has applied AUTO_FOCUS by now
        self._report_ready()

    def _report_ready(self) -> None:
        """Composed, mounted and focused: keys the manager typed ahead can be delivered (see the app)."""
        if self._ready_parts == {"mounted", "resumed"} and hasattr(self.app, "screen_ready"):
            self.app.screen_ready(self)

    # ----- state --------------------------------------------------------------------------

    def _standing(self, metric_id: str) -> Standing:
        metric = self.team.metric(metric_id)
        entry = self.session.entries.get(metric_id)
        held = one_on_one.held_on(self.session, self.session.week, self.today)
        return progression.standing(self.team, self.rep, metric, entry.actual if entry else None, self.session.week,
                                    held)

    def _stage_standings(self, stage: Stage) -> list[Standing]:
        return [self._standing(m.id) for m in self.team.metrics_in(stage)]

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

    def _activity_folded(self) -> bool:
        return progression.activity_folded(self._stage_standings(Stage.RESULTS), self._stage_standings(Stage.PIPELINE))

    def _ensure_activity_rows(self) -> None:
        activity = self.query_one("#activity", Collapsible)
        if activity.query(MetricRow) or not self.team.metrics_in(Stage.ACTIVITY):
            return
        activity.query_one(Collapsible.Contents).mount_all(list(self._metric_rows(Stage.ACTIVITY)))

    @on(Collapsible.Expanded, "#activity")
    def _activity_expanded(self) -> None:
        self._ensure_activity_rows()

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
        activity = self.query_one("#activity", Collapsible)
        if self.session.activity_opened or self._activity_user_toggled:
            return
        inside = self.focused is not None and activity in self.focused.ancestors
        if not inside and activity.collapsed != folded:
            activity.collapsed = folded
            # Collapsible scrolls itself into view when it changes; the manager is typing elsewhere,
            # so bring the field being typed in back (this runs after Collapsible's own scroll).
            focused = self.focused
            if focused is not None and not initial:
                self.call_after_refresh(focused.scroll_visible, animate=False)
        # The reason stays readable while folded: shown in the title too.
        activity.title = STAGE_TITLES[Stage.ACTIVITY] + (" — folded: on target" if folded else "")

    def _show_timer(self) -> None:
        spent = self.session.seconds_spent
        budget = self.team.timebox_minutes * 60
        style = "$text-error" if spent >= budget else ("$text-warning" if budget - spent <= 300 else "$text-muted")
        update_static(self.query_one("#timer", Static),
                      Content.styled(f"time {format_clock(spent)} / {format_clock(budget)}", style), layout=False)

    def _tick(self) -> None:
        if self.session.state is SessionState.DONE:
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
        entry = self.session.entry(row.metric.id)
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
        entry.actual = value
        self._refresh_row(row.metric.id)
        self._changed()

    @on(HowCome.Answered)
    def _answered(self, event: HowCome.Answered) -> None:
        entry = self.session.entry(event.metric_id)
        if edited(entry.answer, event.text):
            entry.answer = event.text  # nothing on screen depends on it: no redraw while typing
            self._changed()

    @on(HowCome.SkillNamed)
    def _skill(self, event: HowCome.SkillNamed) -> None:
        entry = self.session.entry(event.metric_id)
        if edited(entry.skill, event.text):
            entry.skill = event.text
            self._how_come(event.metric_id).show_plan(entry)
            self._changed()

    @on(HowCome.Diagnosed)
    def _diagnosed(self, event: HowCome.Diagnosed) -> None:
        entry = self.session.entry(event.metric_id)
        if entry.diagnosis != event.diagnosis:
            entry.diagnosis = event.diagnosis
            self._how_come(event.metric_id).show_plan(entry)
            self._changed()

    @on(ReviewRow.Judged)
    def _judged(self, event: ReviewRow.Judged) -> None:
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
        review = self._review(event.commitment_id)
        if review.achieved == value:
            return
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
        return next(r for r in self.query(ReviewRow) if r.commitment.id == commitment_id)

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
        return next(block for block in self.query(HowCome) if block.metric.id == metric_id)

    def _refresh_row(self, metric_id: str) -> None:
        row = next(r for r in self.query(MetricRow) if r.metric.id == metric_id)
        row.show(self._standing(metric_id), self.session.entry(metric_id))
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
        if not event.value.strip():
            return
        parsed = grammar.parse_commitment(event.value, self.today, [m.id for m in self.team.metrics])
        if not parsed.text:
            self.notify("Write what will be done, e.g. 'book 3 discovery calls due:thu'.", severity="warning",
                        markup=False)
            return
        commitment = self._to_commitment(parsed)
        self.session.commitments.append(commitment)
        row = CommitmentRow(commitment)
        self.query_one("#commitment-list").mount(row)
        # The new commitment shows on screen: the pane scrolls to it, then back to the box below it.
        self.call_after_refresh(lambda: (row.scroll_visible(animate=False),
                                         event.input.scroll_visible(animate=False)))
        event.input.value = ""
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
        del self.session.commitments[index]
        self._removed.append((index, event.commitment))
        event.row.remove()
        self._focus_now(self.query_one("#new-commitment"))
        self.notify(f"Removed “{visible(event.commitment.text)}”: ctrl+z puts it back.", markup=False, timeout=6)
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
        field = next((w for w in chain[start:] if isinstance(w, Input)), None)
        event.stop()
        event.prevent_default()
        if field is None:
            self.notify("A number goes into a field: Tab to a value (Tab stops only at fields).", timeout=3,
                        markup=False)
            return
        field.focus()
        field.insert_text_at_cursor(event.character)

    def action_undo_remove(self) -> None:
        """ctrl+z: the commitment removed last comes back where it was (while this 1:1 is open)."""
        if not self._removed:
            self.notify("No removed commitment to put back.", timeout=2, markup=False)
            return
        index, commitment = self._removed.pop()
        index = min(index, len(self.session.commitments))
        self.session.commitments.insert(index, commitment)
        rows = list(self.query_one("#commitment-list").query_children(CommitmentRow))
        row = CommitmentRow(commitment, read_only=self.read_only)
        if index < len(rows):
            self.query_one("#commitment-list").mount(row, before=rows[index])
        else:
            self.query_one("#commitment-list").mount(row)
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

        def answered(finish_anyway: bool | None) -> None:
            if finish_anyway:
                self._finish()

        self.app.push_screen(FinishQuestion(gaps), answered)

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
        activity = self.query_one("#activity", Collapsible)
        activity.collapsed = not activity.collapsed
        self._activity_user_toggled = True
        if not activity.collapsed and not self.read_only:
            self.session.activity_opened = True
            self._changed()
            self._ensure_activity_rows()

            def focus_first() -> None:
                fields = activity.query(".actual")
                if fields:
                    fields.first().focus()

            self.call_after_refresh(focus_first)

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
