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
from textual.widgets import Input, Static, TextArea

from oneonone_tui.domain import progression
from oneonone_tui.domain.records import Commitment, Diagnosis, MetricEntry, Owner, Review, Verdict
from oneonone_tui.domain.progression import Band, Standing
from oneonone_tui.domain.team import Direction, Metric
from oneonone_tui.ui.text import visible, visible_line


def dom_id(prefix: str, key: str) -> str:
    """A widget id for a *team metric* (metric ids are unique in a team): always a valid identifier,
    and one-to-one, so `a.b` and `a_dot_b` never share an id. Every character but an ASCII letter,
    digit or `-` is written `_<hex>_`. Session data (commitment ids) never becomes a widget id."""
    safe = "".join(ch if (ch.isascii() and ch.isalnum()) or ch == "-" else f"_{ord(ch):x}_" for ch in key)
    return f"{prefix}-{safe}"


def finite_or_none(value: float | None) -> float | None:
    """A number fit to compute with: NaN and ±infinity from a damaged file read as no value."""
    return value if value is not None and math.isfinite(value) else None


def attainment_bar(ratio: float, width: int = 8) -> str:
    """`██████░░`: the share of target reached, full at 100% and beyond (empty for a non-number)."""
    if not math.isfinite(ratio):
        ratio = 1.0 if ratio > 0 else 0.0  # +inf is far ahead; NaN and -inf say nothing was reached
    filled = max(0, min(width, round(min(max(ratio, 0.0), 1.0) * width)))
    return "█" * filled + "░" * (width - filled)


# The colour of each band, as a theme variable: one place for the meeting pane and the dashboard.
BAND_STYLE = {Band.ON: "$text-success", Band.NEAR: "$text-warning", Band.SHORT: "$text-error"}


def band_color(band: Band, variables: dict[str, str]) -> str:
    """The band's colour resolved from the running theme (for Rich renderables, such as table cells)."""
    return variables.get(BAND_STYLE[band].removeprefix("$"), "")


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


class SafeInput(Input):
    """An Input that never holds a control character: stored text is shown through `visible_line`
    (the screen keeps the stored value until the manager edits it), and a paste is made visible."""

    def __init__(self, *args, **kwargs) -> None:
        # Tabbing into a filled field puts the caret at the end: selecting everything made one
        # Backspace erase a whole answer.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def _on_focus(self, event: events.Focus) -> None:  # Input's own handler runs next (MRO dispatch)
        self.cursor_position = len(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        lines = event.text.splitlines()
        event.text = visible_line(lines[0]) if lines else ""  # Input's own handler inserts it


class SafeTextArea(TextArea):
    """A TextArea that never holds a control character but newline and tab (see SafeInput)."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = visible(event.text)  # TextArea's own handler inserts it


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


def update_static(widget: Static, content: Content, *, layout: bool) -> None:
    """Redraw only on a real change: every layout pass costs the whole pane a frame."""
    if getattr(widget, "_shown", None) != content:
        widget._shown = content
        widget.update(content, layout=layout)


class HowCome(Vertical):
    """Under a metric short of target: the question, the rep's answer, the diagnosis, the plan.

    Built only when the metric is short (most metrics are not), to keep the pane light.
    """

    DEFAULT_CSS = """
    HowCome { height: auto; padding-left: 2; }
    HowCome .question { color: $text-warning; text-style: bold; }
    HowCome .answer { height: 1; border: none; padding: 0 1; }
    HowCome .diagnosis-line { height: 1; }
    HowCome .skill { width: 1fr; height: 1; border: none; padding: 0 1; display: none; }
    HowCome.-effectiveness .skill { display: block; }
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
        made = self.Answered if event.input.field == "answer" else self.SkillNamed
        self.post_message(made(self.metric.id, event.value))

    def on_picker_changed(self, event: Picker.Changed) -> None:
        event.stop()
        self.post_message(self.Diagnosed(self.metric.id, Diagnosis(event.value) if event.value else None))

    def __init__(self, metric: Metric, question: str, entry: MetricEntry, *, read_only: bool) -> None:
        super().__init__(classes="howcome -effectiveness" if entry.diagnosis is Diagnosis.EFFECTIVENESS else "howcome")
        self.metric = metric
        self.question = question
        self.entry = entry
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        metric, entry = self.metric, self.entry
        yield Static(classes="question")
        yield MetricInput(
            metric.id, "answer", value=shown_line(entry.answer), placeholder="The rep's answer, in their words",
            compact=True, classes="answer", id=dom_id("answer", metric.id), disabled=self.read_only,
        )
        with Horizontal(classes="diagnosis-line"):
            yield Picker(DIAGNOSES, entry.diagnosis.value if entry.diagnosis else None, prompt="diagnosis:",
                         kind="diagnosis", id=dom_id("diagnosis", metric.id), disabled=self.read_only)
            yield MetricInput(
                metric.id, "skill", value=shown_line(entry.skill),
                placeholder="skill to coach (discovery, objections…)",
                compact=True, classes="skill", id=dom_id("skill", metric.id), disabled=self.read_only,
            )
        yield Static(classes="plan")

    def on_mount(self) -> None:
        self._apply()

    def show(self, question: str, entry: MetricEntry) -> None:
        """Safe before the block has composed (it may have just been mounted): applied on mount."""
        self.question, self.entry = question, entry
        self._apply()

    def show_plan(self, entry: MetricEntry) -> None:
        self.entry = entry
        self._apply()

    def _apply(self) -> None:
        question, plan_line = self.query(".question"), self.query(".plan")
        if not question or not plan_line:
            return  # not composed yet: on_mount applies the newest state
        entry = self.entry
        update_static(question.first(Static), Content(visible(self.question)), layout=True)
        self.set_class(entry.diagnosis is Diagnosis.EFFECTIVENESS, "-effectiveness")
        plan = (progression.plan_for(entry.diagnosis, entry.skill) if entry.diagnosis
                else "Diagnose it: effort, effectiveness, or external?")
        update_static(plan_line.first(Static), Content("→ " + visible(plan)), layout=False)


class MetricRow(Vertical):
    """One metric: target, actual, attainment; when short, the how-come block under it."""

    DEFAULT_CSS = """
    MetricRow { height: auto; }
    MetricRow .metric-line { height: 1; }
    MetricRow .metric-label { width: 1fr; min-width: 12; padding-right: 1; }
    MetricRow .metric-target { width: 40; color: $text-muted; }
    MetricRow .actual { width: 12; height: 1; border: none; padding: 0 1; }
    MetricRow .actual.-bad-number { color: $text-error; text-style: bold; }
    MetricRow .metric-status { width: 14; padding-left: 1; }
    MetricRow .actual-problem { height: auto; padding-left: 2; color: $text-error; display: none; }
    MetricRow.-problem .actual-problem { display: block; }
    MetricRow.-problem HowCome { display: none; }
    MetricRow .metric-source { height: 1; color: $text-muted; padding-left: 2; }
    MetricRow HowCome { display: none; }
    MetricRow.-short HowCome { display: block; }
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
            self.post_message(self.ActualChanged(self, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if isinstance(event.input, MetricInput) and event.input.field == "actual":
            event.stop()
            self.post_message(self.ActualSubmitted(self, event.value))

    def show_problem(self, text: str) -> None:
        """An inline line under the actual (a number the pane cannot keep, or a question about it)."""
        self.set_class(bool(text), "-problem")
        self.actual_field().set_class(bool(text), "-bad-number")
        update_static(self.query_one(".actual-problem", Static), Content(visible(text)), layout=True)

    def actual_field(self) -> MetricInput:
        return self.query_one(".actual", MetricInput)

    def __init__(self, metric: Metric, standing: Standing, entry: MetricEntry, *, read_only: bool = False,
                 source: Mapping | None = None) -> None:
        short = progression.how_come(standing) is not None
        self.source = source  # where the actual came from (a CRM import), when it did
        super().__init__(id=dom_id("metric", metric.id), classes="metric-row -short" if short else "metric-row")
        self.metric = metric
        self.standing = standing
        self.entry = entry
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        metric, entry = self.metric, self.entry
        with Horizontal(classes="metric-line"):
            lower = " (lower is better)" if metric.direction is Direction.LOWER else ""
            yield Static(Content(visible(metric.label) + lower), classes="metric-label")
            yield Static(classes="metric-target")
            yield MetricInput(
                metric.id, "actual", value=format_actual(entry.actual),
                placeholder="actual", compact=True, classes="actual",
                id=dom_id("actual", metric.id), disabled=self.read_only,
            )
            yield Static(classes="metric-status")
        yield Static(classes="actual-problem")
        if self.source is not None:
            yield Static(classes="metric-source")
        question = progression.how_come(self.standing)
        if question is not None:
            yield HowCome(metric, question, entry, read_only=self.read_only)

    def on_mount(self) -> None:
        self.show(self.standing, self.entry)

    @property
    def how_come_block(self) -> HowCome | None:
        found = self.query(HowCome)
        return found.first() if found else None

    def show(self, standing: Standing, entry: MetricEntry) -> None:
        self.standing, self.entry = standing, entry
        target_text = standing.target_text()
        update_static(self.query_one(".metric-target", Static), Content(target_text), layout=False)
        update_static(self.query_one(".metric-status", Static), attainment_content(standing), layout=False)
        if self.source is not None:
            from oneonone_tui.imports.plan import source_label

            label = source_label(self.source, entry.actual)  # gone once the manager types over it
            source_line = self.query_one(".metric-source", Static)
            source_line.display = label is not None
            update_static(source_line, Content(label or ""), layout=False)
        question = progression.how_come(standing)
        self.set_class(question is not None, "-short")
        if question is None:
            return
        block = self.how_come_block
        if block is None:
            self.mount(HowCome(self.metric, question, entry, read_only=self.read_only))
        else:
            block.show(question, entry)


class CommitmentRow(Static, can_focus=True):
    """A commitment made in this 1:1; Delete removes it."""

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

    def __init__(self, commitment: Commitment, *, read_only: bool = False) -> None:
        # No id: a commitment id is data (spaces, duplicates); the row carries its commitment.
        super().__init__(describe_commitment(commitment))
        self.commitment = commitment
        self.read_only = read_only

    def action_remove(self) -> None:
        if not self.read_only:
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
    it forward to the next 1:1."""

    DEFAULT_CSS = """
    ReviewRow { height: auto; padding-bottom: 0; }
    ReviewRow .review-line { height: 1; }
    ReviewRow .outcome { height: 1; border: none; padding: 0 1; width: 1fr; }
    ReviewRow .achieved { height: 1; border: none; padding: 0 1; width: 14; }
    ReviewRow .review-howcome { height: auto; padding-left: 2; display: none; }
    ReviewRow.-missed .review-howcome { display: block; }
    ReviewRow .review-howcome .answer { height: 1; border: none; padding: 0 1; }
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
        if event.picker.kind == "verdict":
            self.post_message(self.Judged(self.commitment.id, Verdict(event.value) if event.value else None))
        else:
            self.post_message(self.Diagnosed(self.commitment.id, Diagnosis(event.value) if event.value else None))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.has_class("achieved"):
            self.post_message(self.Achieved(self.commitment.id, event.value))
        elif event.input.has_class("answer"):
            self.post_message(self.Answered(self.commitment.id, event.value))
        else:
            self.post_message(self.OutcomeWritten(self.commitment.id, event.value))

    def action_carry(self) -> None:
        if not self.read_only:
            self.post_message(self.CarryForward(self.commitment.id))

    def __init__(self, commitment: Commitment, review: Review | None, *, read_only: bool = False,
                 due: date | None = None, overdue: bool = False, carried: int = 0) -> None:
        super().__init__()  # no id from data: the row carries its commitment
        self.commitment = commitment
        self.review = review
        self.read_only = read_only
        self.due = due or commitment.due
        self.overdue = overdue
        self.carried = carried

    def compose(self) -> ComposeResult:
        review = self.review
        due = Content.assemble((f"  due {self.due:%a %d %b}", "$text-muted"),
                               ("  OVERDUE", "$text-error bold") if self.overdue else "",
                               (f"  carried forward {self.carried}×", "$text-warning") if self.carried else "")
        yield Static(Content.assemble(Content(visible(self.commitment.text)).stylize("bold"), due,
                                      (f"  (made {self.commitment.made_week})", "$text-muted")))
        with Horizontal(classes="review-line"):
            yield Picker(VERDICTS, review.verdict.value if review and review.verdict else None,
                         prompt="verdict:", kind="verdict", disabled=self.read_only)
            if self.commitment.number is not None:
                yield SafeInput(format_actual(review.achieved) if review else "",
                                placeholder=f"done of {format_actual(self.commitment.number)}", compact=True,
                                classes="achieved", disabled=self.read_only)
            yield SafeInput(shown_line(review.outcome) if review else "",
                            placeholder="what actually happened", compact=True, classes="outcome",
                            disabled=self.read_only)
        with Vertical(classes="review-howcome"):
            yield Static(classes="question")
            yield SafeInput(shown_line(review.answer) if review else "", placeholder="The rep's answer, in their words",
                            compact=True, classes="answer", disabled=self.read_only)
            with Horizontal(classes="diagnosis-line"):
                yield Picker(DIAGNOSES, review.diagnosis.value if review and review.diagnosis else None,
                             prompt="diagnosis:", kind="diagnosis", disabled=self.read_only)
        yield Static(classes="review-note")

    def on_mount(self) -> None:
        self.show(self.review)

    def show(self, review: Review | None) -> None:
        """The how-come for a miss, the plan its diagnosis suggests, and whether the verdict closes it."""
        from oneonone_tui.domain import followthrough, progression

        self.review = review
        verdict = review.verdict if review else None
        missed = verdict in (Verdict.PARTLY, Verdict.NOT_KEPT)
        self.set_class(missed, "-missed")
        questions, notes = self.query(".question"), self.query(".review-note")
        if not questions or not notes:
            return
        update_static(questions.first(Static),
                      Content(visible(followthrough.how_come(self.commitment, review))), layout=True)
        lines = []
        if missed and review is not None and review.diagnosis is not None:
            lines.append("Plan: " + progression.plan_for(review.diagnosis))
        note = followthrough.closing_note(verdict, review.carried_to if review else None)
        if note:
            lines.append(note[0].upper() + note[1:] + ".")
        update_static(notes.first(Static), Content("  ".join(lines)), layout=True)


def format_actual(value: float | None) -> str:
    if finite_or_none(value) is None:
        return ""  # no value, or a damaged one (NaN, infinity): the field starts empty
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
