"""Reusable widgets of the meeting pane: metric rows, choice pickers, commitment and review rows."""

from __future__ import annotations

from collections.abc import Mapping

import math
from dataclasses import dataclass
from datetime import date

from textual import _time, events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from oneonone_tui.domain import progression
from oneonone_tui.domain.records import Commitment, Diagnosis, MetricEntry, Owner, Review, Verdict
from oneonone_tui.domain.progression import Standing
from oneonone_tui.domain.team import Direction, Metric
from oneonone_tui.ui.cells import BAND_STYLE, SafeInput, attainment_bar, finite_or_none
from oneonone_tui.ui.fields import AnswerField
from oneonone_tui.ui.text import visible, visible_line


def dom_id(prefix: str, key: str) -> str:
    """A widget id for a *team metric* (metric ids are unique in a team): always a valid identifier,
    and one-to-one, so `a.b` and `a_dot_b` never share an id. Every character but an ASCII letter,
    digit or `-` is written `_<hex>_`. Session data (commitment ids) never becomes a widget id."""
    safe = "".join(ch if (ch.isascii() and ch.isalnum()) or ch == "-" else f"_{ord(ch):x}_" for ch in key)
    return f"{prefix}-{safe}"


def attainment_content(standing: Standing | None, width: int = 8) -> Content:
    """A small bar and a percentage, coloured by how far from target."""
    if standing is None or finite_or_none(standing.attainment) is None or standing.band is None:
        return Content.styled("—", "$text-muted")
    ratio = standing.attainment
    style = BAND_STYLE[standing.band]
    return Content.assemble((attainment_bar(ratio, width), style), " ", (f"{ratio:.0%}", style))


@dataclass(frozen=True)
class Choice:
    key: str
    value: str
    label: str


class Picker(Widget, can_focus=True):
    """A one-line choice: a letter key or ←/→ picks; the mouse works too.

    A key acts on a picker only if it was pressed after the picker's focus was on screen (or after
    code asked for the focus). Keys typed ahead of the screen (the manager typing a note before the
    pane has drawn, or before an automatic focus move has shown) were meant for something else:
    they are dropped here, never turned into a verdict or a diagnosis. This is an order of events,
    not a time window: it holds however slow the machine is.
    """

    DEFAULT_CSS = """
    Picker { height: 1; width: auto; padding: 0 1 0 0; }
    Picker:focus { background: $boost; text-style: bold; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right", "step(1)", "Next", show=False),
        Binding("delete,backspace", "clear", "Clear", show=False),
    ]
    _OWN_KEYS = frozenset({"left", "right", "delete", "backspace"})

    value: reactive[str | None] = reactive(None)

    @dataclass
    class Changed(Message):
        picker: Picker
        value: str | None

        @property
        def control(self) -> Picker:
            return self.picker

    def __init__(self, choices: list[Choice], value: str | None = None, *, prompt: str = "", kind: str = "",
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.prompt = prompt
        self.kind = kind  # "verdict" or "diagnosis": what the screen records a pick as
        self.set_reactive(Picker.value, value)
        self._spans: list[tuple[int, int, str]] = []
        self._keys_from = math.inf  # keys created before this moment were not aimed at this picker
        self._focus_asked: float | None = None

    def render(self) -> Content:
        parts: list[Content | str | tuple[str, str]] = []
        self._spans = []
        # A visible marker as well as the colour: focus must read on a monochrome terminal too.
        parts.append(("▸ " if self.has_focus else "  ", "$accent bold"))
        x = 2
        if self.prompt:
            parts.append((self.prompt + " ", "$text-muted"))
            x += len(self.prompt) + 1
        for choice in self.choices:
            label = f"[{choice.key}] {choice.label}" if choice.value != self.value else f"({choice.key}) {choice.label}"
            style = "reverse $accent" if choice.value == self.value else ""
            parts.append((label, style))
            self._spans.append((x, x + len(label), choice.value))
            parts.append("  ")
            x += len(label) + 2
        return Content.assemble(*parts)

    def focus(self, scroll_visible: bool = True) -> Picker:
        """Focus asked for by code (a command, a test): keys from now on are meant for this picker."""
        if self.has_focus:
            self._keys_from = min(self._keys_from, _time.get_time())
        else:
            self._focus_asked = _time.get_time()
        return super().focus(scroll_visible)

    def on_focus(self) -> None:
        asked, self._focus_asked = self._focus_asked, None
        if asked is not None:
            self._keys_from = asked
        else:
            # Tab, a click, or an automatic move: keys count once the focus marker has been drawn.
            self._keys_from = math.inf
            self.call_after_refresh(self._focus_shown)
        self.refresh()

    def _focus_shown(self) -> None:
        if self.has_focus and self._keys_from == math.inf:
            self._keys_from = _time.get_time()

    def on_blur(self) -> None:
        self._keys_from = math.inf
        self.refresh()

    def watch_value(self, value: str | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        values = [c.value for c in self.choices]
        index = values.index(self.value) if self.value in values else (-1 if delta > 0 else 0)
        self.value = values[(index + delta) % len(values)]

    def action_clear(self) -> None:
        self.value = None

    def on_key(self, event: events.Key) -> None:
        choice = next((c for c in self.choices if event.character and event.character.lower() == c.key), None)
        if choice is None and event.key not in self._OWN_KEYS:
            return  # not a picker key: let it bubble (escape, tab, f1...)
        if event.time < self._keys_from:
            event.stop()  # typed before this picker showed focus: meant for something else; dropped
            event.prevent_default()
            return
        if choice is not None:
            event.stop()
            event.prevent_default()
            self.value = choice.value

    def on_click(self, event: events.Click) -> None:
        for start, end, value in self._spans:
            if start <= event.x < end:
                self.value = value
                return


DIAGNOSES = [
    Choice("e", Diagnosis.EFFORT.value, "effort"),
    Choice("f", Diagnosis.EFFECTIVENESS.value, "effectiveness"),
    Choice("x", Diagnosis.EXTERNAL.value, "external"),
]
VERDICTS = [
    Choice("k", Verdict.KEPT.value, "kept"),
    Choice("p", Verdict.PARTLY.value, "partly"),
    Choice("n", Verdict.NOT_KEPT.value, "not kept"),
]


def shown_line(stored: str) -> str:
    """What a one-line field shows for stored text: every control character made visible."""
    return visible_line(stored)


def edited(stored: str, shown: str, *, line: bool = True) -> bool:
    """Whether a field's text is a change by the manager, not just the stored text as shown."""
    return shown != (visible_line(stored) if line else visible(stored))


class MetricInput(SafeInput):
    """An input that knows which metric and which field it edits."""

    def __init__(self, metric_id: str, field: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.metric_id = metric_id
        self.field = field


def current(event: Input.Changed | Picker.Changed | AnswerField.Changed) -> bool:
    """The field still holds what the message says. Pooled fields are set again for each 1:1, so a
    Changed posted for one 1:1 can be handled after the field was set for the next: it is stale
    (the newer value's own message follows), and acting on it would write one rep's words into
    another's 1:1."""
    if isinstance(event, Input.Changed):
        return event.value == event.input.value
    if isinstance(event, AnswerField.Changed):
        return event.value == event.answer_field.value
    return event.value == event.picker.value


def update_static(widget: Static, content: Content, *, layout: bool) -> None:
    """Redraw only on a real change: every layout pass costs the whole pane a frame."""
    if getattr(widget, "_shown", None) != content:
        widget._shown = content
        widget.update(content, layout=layout)


class HowCome(Vertical):
    """Under a metric short of target: the question, the rep's answer, the diagnosis, the plan.

    Built once per metric with the pane and shown only while the metric is short; opening another
    rep's 1:1 rebinds it (`bind`), it is never mounted again.
    """

    DEFAULT_CSS = """
    HowCome { height: auto; padding-left: 2; }
    HowCome .question { color: $text-warning; text-style: bold; }
    HowCome .diagnosis-line { height: 1; }
    HowCome .skill { width: 1fr; height: 1; border: none; padding: 0 1; }
    HowCome .plan { color: $text-muted; height: 1; }
    """

    @dataclass
    class Answered(Message):
        """The rep's answer to the how-come, as typed."""

        metric_id: str
        text: str

    @dataclass
    class Diagnosed(Message):
        metric_id: str
        diagnosis: Diagnosis | None

    @dataclass
    class SkillNamed(Message):
        """For an effectiveness gap: the skill to coach."""

        metric_id: str
        text: str

    def on_input_changed(self, event: Input.Changed) -> None:
        if not isinstance(event.input, MetricInput):
            return
        event.stop()
        if current(event):
            self.post_message(self.SkillNamed(self.metric.id, event.value))

    def on_answer_field_changed(self, event: AnswerField.Changed) -> None:
        event.stop()
        if current(event):
            self.post_message(self.Answered(self.metric.id, event.value))

    def on_picker_changed(self, event: Picker.Changed) -> None:
        event.stop()
        if not current(event):
            return
        self.post_message(self.Diagnosed(self.metric.id, Diagnosis(event.value) if event.value else None))

    def __init__(self, metric: Metric, *, read_only: bool) -> None:
        super().__init__(classes="howcome")
        self.metric = metric
        self.read_only = read_only
        self.question = ""
        self.entry: MetricEntry | None = None
        metric_id = metric.id
        # Built here, not in compose: `bind` may set values before the block has mounted.
        self._question = Static(classes="question")
        # Wraps and grows with what the rep said: a long answer stays on screen in full.
        self._answer = AnswerField(placeholder="The rep's answer, in their words", classes="answer",
                                   id=dom_id("answer", metric_id), disabled=read_only)
        self._diagnosis = Picker(DIAGNOSES, prompt="diagnosis:", kind="diagnosis", id=dom_id("diagnosis", metric_id),
                                 disabled=read_only)
        self._skill = MetricInput(metric_id, "skill", placeholder="skill to coach (discovery, objections…)",
                                  compact=True, classes="skill", id=dom_id("skill", metric_id), disabled=read_only)
        self._skill.display = False
        self._plan = Static(classes="plan")

    def compose(self) -> ComposeResult:
        yield self._question
        yield self._answer
        with Horizontal(classes="diagnosis-line"):
            yield self._diagnosis
            yield self._skill
        yield self._plan

    def bind(self, question: str, entry: MetricEntry) -> None:
        """Another rep's (or week's) entry: the fields show what is stored, posting nothing."""
        self._answer.value = shown_line(entry.answer)
        self._skill.value = shown_line(entry.skill)
        self._diagnosis.value = entry.diagnosis.value if entry.diagnosis else None
        self.show(question, entry)

    def show(self, question: str, entry: MetricEntry) -> None:
        self.question, self.entry = question, entry
        update_static(self._question, Content(visible(self.question)), layout=True)
        self.show_plan(entry)

    def show_plan(self, entry: MetricEntry) -> None:
        self.entry = entry
        self._skill.display = entry.diagnosis is Diagnosis.EFFECTIVENESS
        plan = (progression.plan_for(entry.diagnosis, entry.skill) if entry.diagnosis
                else "Diagnose it: effort, effectiveness, or external?")
        update_static(self._plan, Content("→ " + visible(plan)), layout=False)


class MetricRow(Vertical):
    """One metric: target, actual, attainment; when short, the how-come block under it.

    One row per team metric, built once with the pane; `bind` shows a rep's entry in it. What
    shows or hides is a `display` switch, not a CSS class: a class change restyles the row's
    whole subtree through the stylesheet, a display switch only asks for a layout.
    """

    DEFAULT_CSS = """
    MetricRow { height: auto; }
    MetricRow .metric-line { height: 1; }
    MetricRow .metric-label { width: 1fr; min-width: 12; padding-right: 1; }
    MetricRow .metric-target { width: 40; color: $text-muted; }
    MetricRow .actual { width: 12; height: 1; border: none; padding: 0 1; }
    MetricRow .actual.-bad-number { color: $text-error; text-style: bold; }
    MetricRow .metric-status { width: 14; padding-left: 1; }
    MetricRow .actual-problem { height: auto; padding-left: 2; color: $text-error; }
    MetricRow .metric-source { height: 1; color: $text-muted; padding-left: 2; }
    """

    @dataclass
    class ActualChanged(Message):
        """What is in the actual field now (the pane decides whether it is a number it can keep)."""

        row: MetricRow
        text: str

        @property
        def metric_id(self) -> str:
            return self.row.metric.id

    @dataclass
    class ActualSubmitted(Message):
        """Enter in the actual field: keeps a value the pane asked about (more than 10× the target)."""

        row: MetricRow
        text: str

        @property
        def metric_id(self) -> str:
            return self.row.metric.id

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, MetricInput) and event.input.field == "actual":
            event.stop()
            if current(event):
                self.post_message(self.ActualChanged(self, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if isinstance(event.input, MetricInput) and event.input.field == "actual":
            event.stop()
            self.post_message(self.ActualSubmitted(self, event.value))

    def __init__(self, metric: Metric, *, read_only: bool = False) -> None:
        super().__init__(id=dom_id("metric", metric.id), classes="metric-row")
        self.metric = metric
        self.read_only = read_only
        self.standing: Standing | None = None
        self.entry: MetricEntry | None = None
        self.source: Mapping | None = None  # where the actual came from (a CRM import), when it did
        self.problem = ""
        lower = " (lower is better)" if metric.direction is Direction.LOWER else ""
        self._label = Static(Content(visible(metric.label) + lower), classes="metric-label")
        self._target = Static(classes="metric-target")
        self._actual = MetricInput(metric.id, "actual", placeholder="actual", compact=True, classes="actual",
                                   id=dom_id("actual", metric.id), disabled=read_only)
        self._status = Static(classes="metric-status")
        self._problem = Static(classes="actual-problem")
        self._problem.display = False
        self._source = Static(classes="metric-source")
        self._source.display = False
        self._how_come = HowCome(metric, read_only=read_only)
        self._how_come.display = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="metric-line"):
            yield self._label
            yield self._target
            yield self._actual
            yield self._status
        yield self._problem
        yield self._source
        yield self._how_come

    @property
    def short(self) -> bool:
        """The metric is short of target: its how-come shows (unless the value is in question)."""
        return self.standing is not None and progression.how_come(self.standing) is not None

    @property
    def how_come_block(self) -> HowCome:
        return self._how_come

    @property
    def asks_how_come(self) -> bool:
        """The how-come shows under the row (short of target, and the value is not in question)."""
        return self._how_come.display

    def actual_field(self) -> MetricInput:
        return self._actual

    def bind(self, standing: Standing, entry: MetricEntry, source: Mapping | None) -> None:
        """A rep's entry in this row: the fields show what is stored, posting nothing."""
        self.source = source
        self._actual.value = format_actual(entry.actual)
        question = progression.how_come(standing)
        self._how_come.bind(question or "", entry)
        self.show_problem("")
        self.show(standing, entry)

    def show_problem(self, text: str) -> None:
        """An inline line under the actual (a number the pane cannot keep, or a question about it)."""
        self.problem = text
        if self._actual.has_class("-bad-number") != bool(text):
            self._actual.set_class(bool(text), "-bad-number")
        update_static(self._problem, Content(visible(text)), layout=True)
        self._problem.display = bool(text)
        self._how_come.display = self.short and not text

    def show(self, standing: Standing, entry: MetricEntry) -> None:
        self.standing, self.entry = standing, entry
        update_static(self._target, Content(standing.target_text()), layout=False)
        update_static(self._status, attainment_content(standing), layout=False)
        label = None
        if self.source is not None:
            from oneonone_tui.imports.plan import source_label

            label = source_label(self.source, entry.actual)  # gone once the manager types over it
            update_static(self._source, Content(label or ""), layout=False)
        self._source.display = label is not None
        question = progression.how_come(standing)
        if question is not None and question != self._how_come.question:
            self._how_come.show(question, entry)
        self._how_come.display = question is not None and not self.problem


class CommitmentRow(Static, can_focus=True):
    """A commitment made in this 1:1; Delete removes it. Rows are kept and rebound (`bind`)."""

    DEFAULT_CSS = """
    CommitmentRow { height: auto; padding: 0 1; }
    CommitmentRow:focus { background: $boost; }
    """
    BINDINGS = [Binding("delete,backspace", "remove", "Remove commitment")]

    @dataclass
    class Removed(Message):
        row: CommitmentRow

        @property
        def commitment(self) -> Commitment:
            return self.row.commitment

    def __init__(self, commitment: Commitment | None = None, *, read_only: bool = False) -> None:
        # No id: a commitment id is data (spaces, duplicates); the row carries its commitment.
        super().__init__(describe_commitment(commitment) if commitment else "")
        self.commitment = commitment
        self.read_only = read_only

    def bind(self, commitment: Commitment | None) -> None:
        """Show `commitment` (None: an unused row of the pool, hidden)."""
        if commitment is not self.commitment:
            self.commitment = commitment
            self.update(describe_commitment(commitment) if commitment else "")
        self.display = commitment is not None

    def action_remove(self) -> None:
        if not self.read_only and self.commitment is not None:
            self.post_message(self.Removed(self))


def describe_commitment(commitment: Commitment) -> Content:
    owner = "manager" if commitment.owner is Owner.MANAGER else "rep"
    due = commitment.due.strftime("%a %d %b")
    due_text = f"due {due}" + (" (next 1:1: no date given)" if commitment.due_defaulted else "")
    tags = []
    if commitment.metric_id:
        tags.append(f"#{commitment.metric_id}")
    elif commitment.stage:
        tags.append(f"#{commitment.stage}")
    return Content.assemble(
        ("• ", "$accent"),
        Content(visible(commitment.text)),
        (f"  — {owner}, {due_text}" + ("  " + " ".join(tags) if tags else ""), "$text-muted"),
    )


class ReviewRow(Vertical):
    """An open commitment being verified: due (overdue), kept / partly / not kept, what happened, the
    number achieved when it has one, and for a miss the how-come, its diagnosis and plan; `c` carries
    it forward to the next 1:1. Rows are kept in a pool and rebound (`bind`) for each 1:1."""

    DEFAULT_CSS = """
    ReviewRow { height: auto; padding-bottom: 0; }
    ReviewRow .review-line { height: 1; }
    ReviewRow .outcome { height: 1; border: none; padding: 0 1; width: 1fr; }
    ReviewRow .achieved { height: 1; border: none; padding: 0 1; width: 14; }
    ReviewRow .review-howcome { height: auto; padding-left: 2; }
    ReviewRow .review-howcome .diagnosis-line { height: 1; }
    ReviewRow .review-note { color: $text-muted; height: auto; }
    """
    BINDINGS = [Binding("c", "carry", "Carry forward", tooltip="Carry this commitment to the next 1:1")]

    @dataclass
    class Judged(Message):
        """Kept, partly, not kept (or None: cleared)."""

        commitment_id: str
        verdict: Verdict | None

    @dataclass
    class OutcomeWritten(Message):
        """What actually happened, as typed."""

        commitment_id: str
        text: str

    @dataclass
    class Achieved(Message):
        """The number achieved, as typed (the screen parses it and proposes the verdict)."""

        commitment_id: str
        text: str

    @dataclass
    class Answered(Message):
        """The rep's answer to the how-come of a miss."""

        commitment_id: str
        text: str

    @dataclass
    class Diagnosed(Message):
        commitment_id: str
        diagnosis: Diagnosis | None

    @dataclass
    class CarryForward(Message):
        """`c`: carry a partly / not kept commitment to the next 1:1 (again: undo)."""

        commitment_id: str

    def on_picker_changed(self, event: Picker.Changed) -> None:
        event.stop()
        if self.commitment is None or not current(event):
            return
        if event.picker.kind == "verdict":
            self.post_message(self.Judged(self.commitment.id, Verdict(event.value) if event.value else None))
        else:
            self.post_message(self.Diagnosed(self.commitment.id, Diagnosis(event.value) if event.value else None))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.commitment is None or not current(event):
            return
        if event.input is self._achieved:
            self.post_message(self.Achieved(self.commitment.id, event.value))
        else:
            self.post_message(self.OutcomeWritten(self.commitment.id, event.value))

    def on_answer_field_changed(self, event: AnswerField.Changed) -> None:
        event.stop()
        if self.commitment is not None and current(event):
            self.post_message(self.Answered(self.commitment.id, event.value))

    def action_carry(self) -> None:
        if not self.read_only and self.commitment is not None:
            self.post_message(self.CarryForward(self.commitment.id))

    def __init__(self, *, read_only: bool = False) -> None:
        super().__init__()  # no id from data: the row carries its commitment
        self.commitment: Commitment | None = None
        self.review: Review | None = None
        self.read_only = read_only
        self.due: date | None = None
        self.overdue = False
        self.carried = 0
        self._heading = Static()
        self._verdict = Picker(VERDICTS, prompt="verdict:", kind="verdict", disabled=read_only)
        self._achieved = SafeInput(compact=True, classes="achieved", disabled=read_only)
        self._outcome = SafeInput(placeholder="what actually happened", compact=True, classes="outcome",
                                  disabled=read_only)
        self._how_come = Vertical(classes="review-howcome")
        self._how_come.display = False
        self._question = Static(classes="question")
        self._answer = AnswerField(placeholder="The rep's answer, in their words", classes="answer",
                                   disabled=read_only)
        self._diagnosis = Picker(DIAGNOSES, prompt="diagnosis:", kind="diagnosis", disabled=read_only)
        self._note = Static(classes="review-note")

    def compose(self) -> ComposeResult:
        yield self._heading
        with Horizontal(classes="review-line"):
            yield self._verdict
            yield self._achieved
            yield self._outcome
        with self._how_come:
            yield self._question
            yield self._answer
            with Horizontal(classes="diagnosis-line"):
                yield self._diagnosis
        yield self._note

    def bind(self, commitment: Commitment | None, review: Review | None, *, due: date | None = None,
             overdue: bool = False, carried: int = 0) -> None:
        """Show an open commitment and what was said of it (None: an unused row, hidden). Posts nothing."""
        self.display = commitment is not None
        self.commitment = commitment
        if commitment is None:
            self.review = None
            return
        self.due = due or commitment.due
        self.overdue = overdue
        self.carried = carried
        heading = Content.assemble((f"  due {self.due:%a %d %b}", "$text-muted"),
                                   ("  OVERDUE", "$text-error bold") if overdue else "",
                                   (f"  carried forward {carried}×", "$text-warning") if carried else "")
        update_static(self._heading, Content.assemble(Content(visible(commitment.text)).stylize("bold"), heading,
                                                      (f"  (made {commitment.made_week})", "$text-muted")),
                      layout=True)
        self._verdict.value = review.verdict.value if review and review.verdict else None
        self._diagnosis.value = review.diagnosis.value if review and review.diagnosis else None
        self._achieved.display = commitment.number is not None
        self._achieved.placeholder = (f"done of {format_actual(commitment.number)}"
                                      if commitment.number is not None else "")
        self._achieved.value = format_actual(review.achieved) if review else ""
        self._outcome.value = shown_line(review.outcome) if review else ""
        self._answer.value = shown_line(review.answer) if review else ""
        self.show(review)

    def show(self, review: Review | None) -> None:
        """The how-come for a miss, the plan its diagnosis suggests, and whether the verdict closes it."""
        from oneonone_tui.domain import followthrough, progression

        self.review = review
        if self.commitment is None:
            return
        verdict = review.verdict if review else None
        missed = verdict in (Verdict.PARTLY, Verdict.NOT_KEPT)
        self._how_come.display = missed
        update_static(self._question, Content(visible(followthrough.how_come(self.commitment, review))),
                      layout=True)
        lines = []
        if missed and review is not None and review.diagnosis is not None:
            lines.append("Plan: " + progression.plan_for(review.diagnosis))
        note = followthrough.closing_note(verdict, review.carried_to if review else None)
        if note:
            lines.append(note[0].upper() + note[1:] + ".")
        update_static(self._note, Content("  ".join(lines)), layout=True)

    @property
    def verdict_picker(self) -> Picker:
        return self._verdict

    @property
    def asks_how_come(self) -> bool:
        """A miss (partly or not kept): the how-come, its answer and diagnosis show."""
        return self._how_come.display


def format_actual(value: float | None) -> str:
    if finite_or_none(value) is None:
        return ""  # no value, or a damaged one (NaN, infinity): the field starts empty
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
