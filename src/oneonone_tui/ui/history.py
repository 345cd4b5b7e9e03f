"""A rep's history, one key away (`h`): week by week, a sparkline per metric, follow-through over 4
and 12 weeks, the effort / effectiveness / external mix, the level. Read-only: one Static per section
(the sparklines too: a Sparkline widget per metric was 27 widgets to style and lay out)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from oneonone_tui.ui.keybar import KeyBar
from oneonone_tui.ui.screens import KeptScreen
from oneonone_tui.domain.escalation import LEVEL_SHORT
from oneonone_tui.domain.followthrough import RepHistory
from oneonone_tui.domain.records import Level, Verdict
from oneonone_tui.domain.team import Rep
from oneonone_tui.domain.progression import band
from oneonone_tui.ui.text import visible
from oneonone_tui.ui.cells import BAND_STYLE

VERDICT_MARK = {Verdict.KEPT: ("✓ kept", "$text-success"), Verdict.PARTLY: ("½ partly", "$text-warning"),
                Verdict.NOT_KEPT: ("✗ not kept", "$text-error")}
LEVEL_STYLE = {Level.PIP: "$text-error bold", Level.FOLLOWUP: "$text-warning bold", Level.COACHING: "$text-warning",
               Level.CLEAR: "$text-muted"}


def _pct(value: float | None) -> str:
    return "  —" if value is None else f"{value:>4.0%}"


def summary(history: RepHistory) -> Content:
    mix = " · ".join(f"{name} {count}" for name, count in history.diagnosis_mix)
    return Content.assemble(
        ("Follow-through (kept ÷ due): ", "bold"),
        f"4 weeks {history.rate_4.text()} ({history.rate_4.kept}/{history.rate_4.due})  ·  ",
        f"12 weeks {history.rate_12.text()} ({history.rate_12.kept}/{history.rate_12.due})\n",
        ("Diagnoses, 12 weeks: ", "bold"), mix,
        *((("\nSay it out loud: ", "bold"), ("★ " + " · ".join(history.recognition), "$text-success bold"))
          if history.recognition else ()))


BARS = "▁▂▃▄▅▆▇█"
SPARK_LABEL = 28
SPARK_CELLS = 3  # cells a week: 12 weeks make a 36-cell line


def sparklines(sparks) -> Content:
    """Each metric's attainment week by week as a line of bars, coloured by its band (on target,
    near, short): one Static for all of them instead of a row of widgets per metric. The bars are
    scaled to the larger of the target and the best week; a week with no number is a muted floor."""
    parts: list = []
    for label, series in sparks:
        top = max([1.0, *series])
        parts.append(Content(visible(label)[:SPARK_LABEL - 1].ljust(SPARK_LABEL)))
        for value in series:
            if value <= 0:
                parts.append((BARS[0] * SPARK_CELLS, "$text-muted"))
                continue
            level = min(len(BARS) - 1, round(value / top * (len(BARS) - 1)))
            parts.append((BARS[level] * SPARK_CELLS, BAND_STYLE[band(value)]))
        parts.append("\n")
    return Content.assemble(*parts[:-1]) if parts else Content("")


def weeks_text(history: RepHistory) -> Content:
    parts: list = []
    for line in history.lines:
        stages = "  ".join(f"{stage[:3]} {_pct(value)}" for stage, value in line.attainment)
        level = LEVEL_SHORT[line.level] + ("*" if line.override_reason else "")  # * held by the manager
        parts += [(f"{line.week}  ", "bold"), (f"{level:<10}", LEVEL_STYLE[line.level]),
                  "  ", stages if line.held else ("no 1:1", "$text-muted"), "\n"]
        for commitment, verdict in line.verdicts:
            mark, style = VERDICT_MARK[verdict]
            parts += ["    ", (f"{mark:<11}", style), Content(visible(commitment.text)), "\n"]
        for commitment in line.made:
            parts += ["    ", ("+ made     ", "$accent"), Content(visible(commitment.text)),
                      (f"  due {commitment.due:%a %d %b}", "$text-muted"), "\n"]
        if line.diagnoses:
            parts += ["    ", ("diagnosis  ", "$text-muted"), ", ".join(line.diagnoses), "\n"]
        if line.override_reason:
            parts += ["    ", ("held by the manager: ", "$text-warning"), Content(visible(line.override_reason)), "\n"]
    return Content.assemble(*parts)


class HistoryScreen(KeptScreen):
    """One rep's last 12 weeks (built once, shown with each rep's history by `show`). Escape returns
    where the manager was."""

    SCROLLER = "#history"
    DEFAULT_CSS = """
    HistoryScreen #history { padding: 0 1; scrollbar-gutter: stable; }
    HistoryScreen .section-title { text-style: bold; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,h", "app.pop_screen", "Back")]

    def __init__(self) -> None:
        super().__init__()
        self.rep: Rep | None = None
        self.until, self.history = "", None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history"):
            yield Static(id="history-title")
            yield Static(id="history-summary")
            yield Static("Attainment, last 12 weeks (oldest → newest)", classes="section-title")
            yield Static(id="history-sparks")
            yield Static("Week by week", classes="section-title")
            yield Static(id="history-weeks")
        yield KeyBar()

    def apply(self, rep: Rep, until: str, history: RepHistory) -> None:
        self.rep, self.until, self.history = rep, until, history
        self.query_one("#history-title", Static).update(
            Content.assemble((visible(rep.name), "bold"), f" · history to {until}, newest first"))
        self.query_one("#history-summary", Static).update(summary(history))
        self.query_one("#history-sparks", Static).update(sparklines(history.sparks))
        self.query_one("#history-weeks", Static).update(weeks_text(history))
        self.query_one("#history", VerticalScroll).scroll_home(animate=False)
