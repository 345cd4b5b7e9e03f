"""`s` on the dashboard: the manager's scorecard; `l`: log a coaching activity in one line.

Few widgets: one Static per section. The numbers and words come from `domain.scorecard`; this only
lays them out. Escape returns to the dashboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from oneonone_tui.ui.keybar import KeyBar
from oneonone_tui.ui.screens import KeptScreen
from oneonone_tui.domain import scorecard
from oneonone_tui.domain.coaching import Activity, NotAnActivity, parse_activity
from oneonone_tui.domain.scorecard import Scorecard
from oneonone_tui.domain.wording import visible
from oneonone_tui.ui.cells import SafeInput

if TYPE_CHECKING:
    from oneonone_tui.ui.app import OneOnOneApp

# The sections, by the labels `scorecard.summary_lines` gives (each section is one Static).
SECTIONS = (
    ("One-on-ones", ("1:1s held", "Weeks every rep")),
    ("Results", ("Reps at",)),
    ("Follow-through", ("Follow-through",)),
    ("Diagnoses and escalation", ("Diagnoses", "Reps per escalation")),
    ("Your coaching", ("Coaching",)),
)


class ScorecardScreen(KeptScreen):
    """Built once, shown with each card (`show`)."""

    app: OneOnOneApp
    SCROLLER = "#scorecard"
    DEFAULT_CSS = """
    ScorecardScreen #scorecard { padding: 0 1; scrollbar-gutter: stable; }
    ScorecardScreen .section { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape,s", "app.pop_screen", "Dashboard")]

    def __init__(self) -> None:
        super().__init__(name="scorecard")
        self.card: Scorecard | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scorecard"):
            yield Static(id="scorecard-title")
            for index in range(len(SECTIONS)):
                yield Static(classes="section", id=f"section-{index}")
            yield Static(classes="section", id="signals")
        yield KeyBar()

    def apply(self, card: Scorecard, rep_names: dict[str, str]) -> None:
        self.card = card
        lines = scorecard.summary_lines(card, rep_names)
        self.query_one("#scorecard-title", Static).update(Content.assemble(
            (visible(f"{card.team} — {card.manager}"), "bold"), f" · scorecard {card.weeks[0]} to {card.week}"))
        for index, (title, prefixes) in enumerate(SECTIONS):
            parts: list = [(title, "bold $accent")]
            for label, value in lines:
                if label.startswith(prefixes):
                    parts += ["\n", (f"{label}: ", "$text-muted"), Content(visible(value))]
            self.query_one(f"#section-{index}", Static).update(Content.assemble(*parts))
        signals: list = [("Signals", "bold $accent")]
        for signal in card.signals:
            signals += ["\n", ("! ", "$text-warning bold"), Content(visible(signal.text))]
        if not card.signals:
            signals += ["\n", ("None: nothing in the data shows the system turning unhealthy.", "$text-muted")]
        self.query_one("#signals", Static).update(Content.assemble(*signals))
        self.query_one("#scorecard", VerticalScroll).scroll_home(animate=False)


class ActivityLogScreen(ModalScreen[Activity | None]):
    """One line: `ride-along with sam`, `debrief priya on Acme`; Enter logs it, Escape cancels."""

    app: OneOnOneApp
    DEFAULT_CSS = """
    ActivityLogScreen { align: center middle; }
    ActivityLogScreen #log-box { width: 72; height: auto; border: round $accent; padding: 0 1; background: $panel; }
    ActivityLogScreen #log-error { color: $text-error; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, week: str) -> None:
        super().__init__()
        self.week = week

    def compose(self) -> ComposeResult:
        with Vertical(id="log-box"):
            yield Static(Content.assemble(("Log coaching", "bold"), f" · {self.week}"))
            yield SafeInput(placeholder="ride-along with sam · debrief priya on Acme · pre-brief maya", id="log-line",
                            compact=True)
            yield Static(id="log-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            activity = parse_activity(self.app.team, event.value, self.week, self.app.now())
        except NotAnActivity as error:
            self.query_one("#log-error", Static).update(Content(visible(str(error))))
            return
        self.dismiss(activity)

    def action_cancel(self) -> None:
        self.dismiss(None)
