"""Reusable widgets of the meeting pane: metric rows, choice pickers, commitment and review rows."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from oneonone_tui import progression
from oneonone_tui.models import Commitment, Diagnosis, MetricEntry, Owner, Review, Verdict
from oneonone_tui.progression import Standing
from oneonone_tui.team import Direction, Metric
from oneonone_tui.ui.text import visible


def dom_id(prefix: str, key: str) -> str:
    return f"{prefix}-{key.replace('.', '_dot_')}"


def attainment_bar(ratio: float, width: int = 8) -> str:
    """`██████░░`: the share of target reached, full at 100% and beyond."""
    filled = max(0, min(width, round(min(ratio, 1.0) * width)))
    return "█" * filled + "░" * (width - filled)


def attainment_content(standing: Standing | None, width: int = 8) -> Content:
    """A small bar and a percentage, coloured by how far from target."""
    if standing is None or standing.attainment is None:
        return Content.styled("—", "$text-muted")
    ratio = standing.attainment
    style = "$text-success" if standing.on_target else ("$text-warning" if ratio >= 0.8 else "$text-error")
    return Content.assemble((attainment_bar(ratio, width), style), " ", (f"{ratio:.0%}", style))


@dataclass(frozen=True)
class Choice:
    key: str
    value: str
    label: str


class Picker(Widget, can_focus=True):
    """A one-line choice: a letter key or ←/→ picks; the mouse works too."""

    DEFAULT_CSS = """
    Picker { height: 1; width: auto; padding: 0 1 0 0; }
    Picker:focus { background: $boost; text-style: bold; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right", "step(1)", "Next", show=False),
        Binding("delete,backspace", "clear", "Clear", show=False),
    ]

    value: reactive[str | None] = reactive(None)

    @dataclass
    class Changed(Message):
        picker: Picker
        value: str | None

        @property
        def control(self) -> Picker:
            return self.picker

    def __init__(self, choices: list[Choice], value: str | None = None, *, prompt: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.prompt = prompt
        self.set_reactive(Picker.value, value)
        self._spans: list[tuple[int, int, str]] = []

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

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
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
        for choice in self.choices:
            if event.character and event.character.lower() == choice.key:
                event.stop()
                event.prevent_default()
                self.value = choice.value
                return

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


class MetricInput(Input):
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
            metric.id, "answer", value=entry.answer, placeholder="The rep's answer, in their words",
            compact=True, classes="answer", id=dom_id("answer", metric.id), disabled=self.read_only,
        )
        with Horizontal(classes="diagnosis-line"):
            yield Picker(DIAGNOSES, entry.diagnosis.value if entry.diagnosis else None, prompt="diagnosis:",
                         id=dom_id("diagnosis", metric.id), disabled=self.read_only)
            yield MetricInput(
                metric.id, "skill", value=entry.skill, placeholder="skill to coach (discovery, objections…)",
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
    MetricRow .metric-label { width: 1fr; min-width: 18; padding-right: 1; }
    MetricRow .metric-target { width: 28; color: $text-muted; }
    MetricRow .actual { width: 14; height: 1; border: none; padding: 0 1; }
    MetricRow .metric-status { width: 14; padding-left: 1; }
    MetricRow HowCome { display: none; }
    MetricRow.-short HowCome { display: block; }
    """

    def __init__(self, metric: Metric, standing: Standing, entry: MetricEntry, *, read_only: bool = False) -> None:
        short = progression.how_come(standing) is not None
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
                placeholder="actual", type="number", compact=True, classes="actual",
                id=dom_id("actual", metric.id), disabled=self.read_only,
            )
            yield Static(classes="metric-status")
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
        metric = self.metric
        unit_target = progression.format_value(standing.target, metric.unit)
        if standing.period_fraction < 1.0 and metric.cumulative:
            whole = progression.format_value(standing.full_target, metric.unit)
            target_text = f"{unit_target} of {whole}/{metric.period.value}"
        else:
            target_text = f"target {unit_target}/{metric.period.value}" if metric.cumulative else f"target {unit_target}"
        update_static(self.query_one(".metric-target", Static), Content(target_text), layout=False)
        update_static(self.query_one(".metric-status", Static), attainment_content(standing), layout=False)
        question = progression.how_come(standing)
        self.set_class(question is not None, "-short")
        if question is None:
            return
        block = self.how_come_block
        if block is None:
            self.mount(HowCome(metric, question, entry, read_only=self.read_only))
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
        commitment_id: str

    def __init__(self, commitment: Commitment, *, read_only: bool = False) -> None:
        super().__init__(describe_commitment(commitment), id=dom_id("commitment", commitment.id))
        self.commitment = commitment
        self.read_only = read_only

    def action_remove(self) -> None:
        if not self.read_only:
            self.post_message(self.Removed(self.commitment.id))


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
    """An earlier commitment being verified: kept, partly, not kept, and what actually happened."""

    DEFAULT_CSS = """
    ReviewRow { height: auto; padding-bottom: 0; }
    ReviewRow .review-line { height: 1; }
    ReviewRow .outcome { height: 1; border: none; padding: 0 1; width: 1fr; }
    """

    def __init__(self, commitment: Commitment, review: Review | None, *, read_only: bool = False) -> None:
        super().__init__(id=dom_id("review", commitment.id))
        self.commitment = commitment
        self.review = review
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        yield Static(describe_commitment(self.commitment))
        with Horizontal(classes="review-line"):
            yield Picker(VERDICTS, self.review.verdict.value if self.review and self.review.verdict else None, prompt="verdict:",
                         id=dom_id("verdict", self.commitment.id), disabled=self.read_only)
            yield Input(self.review.outcome if self.review else "", placeholder="what actually happened",
                        compact=True, classes="outcome", id=dom_id("outcome", self.commitment.id),
                        disabled=self.read_only)


def format_actual(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
