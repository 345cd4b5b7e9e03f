"""Hold or lower a rep's level, only with a written reason (METHOD: the same rules for every rep; a
manager may hold or lower a level, never raise it, and says why). The reason is kept with the week."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from oneonone_tui.domain.escalation import LEVEL_LABEL, override_issue
from oneonone_tui.domain.records import Level
from oneonone_tui.ui.text import visible
from oneonone_tui.ui.cells import SafeInput


@dataclass(frozen=True)
class Override:
    """What the manager chose: a level with its reason, or `level=None` to let the rules apply again."""

    level: Level | None
    reason: str = ""


def choices(computed: Level, previous: Level) -> list[tuple[str, Level, str]]:
    """(number, level, words): hold at the level before this week (or at the rules' level when it
    did not rise), or one rung lower than the rules give; never higher."""
    result = []
    if previous.rank < computed.rank:
        result.append(("1", previous, f"hold at {LEVEL_LABEL[previous].lower()} (the level before this week)"))
    else:
        result.append(("1", computed, f"hold at {LEVEL_LABEL[computed].lower()} (the rules' level)"))
    if computed.rank > 0:
        lower = list(Level)[computed.rank - 1]
        if all(level is not lower for _, level, _ in result):
            result.append(("2", lower, f"one rung lower: {LEVEL_LABEL[lower].lower()}"))
    return result


class LevelOverrideScreen(ModalScreen[Override | None]):
    """`ctrl+l` in the pane: the level (hold / one rung lower) and a reason, which is required."""

    DEFAULT_CSS = """
    LevelOverrideScreen { align: center middle; }
    LevelOverrideScreen > Vertical { width: 72; height: auto; border: thick $warning; background: $surface;
                                     padding: 1 2; }
    LevelOverrideScreen #override-title { text-style: bold; }
    LevelOverrideScreen #override-problem { color: $text-error; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        # Up / down: the reason box takes every printable key (a reason may well contain a digit).
        Binding("up", "choose(-1)", "Previous choice", show=False),
        Binding("down", "choose(1)", "Next choice", show=False),
        Binding("ctrl+r", "clear", "Let the rules apply", show=False),
    ]

    def __init__(self, computed: Level, previous: Level, current: Level | None = None,
                 reason: str = "") -> None:
        super().__init__()
        self.computed = computed
        self.options = choices(computed, previous)
        self.had_override = current is not None
        self.chosen = next((level for _, level, _ in self.options if level is current), self.options[0][1])
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Hold or lower the level · the rules give ",
                                          (LEVEL_LABEL[self.computed].lower(), "bold")), id="override-title")
            yield Static(id="override-options")
            yield SafeInput(value=self.reason, placeholder="Why? (required: kept with the week, shown with the level)",
                            id="override-reason")
            yield Static(id="override-problem")
            hint = "↑ ↓ choose · type the reason · Enter keeps it · Esc cancels"
            if self.had_override:
                hint += " · ctrl+r lets the rules apply again"
            yield Static(Content.styled(hint, "$text-muted"))

    def on_mount(self) -> None:
        self._show_options()
        self.query_one("#override-reason").focus()

    def _show_options(self) -> None:
        parts: list = []
        for _, level, words in self.options:
            mark = "▸ " if level is self.chosen else "  "
            parts += [(mark, "bold $accent"), (words, "bold" if level is self.chosen else ""), "\n"]
        self.query_one("#override-options", Static).update(Content.assemble(*parts))

    def action_choose(self, step: int) -> None:
        levels = [level for _, level, _ in self.options]
        self.chosen = levels[(levels.index(self.chosen) + step) % len(levels)]
        self._show_options()

    @on(Input.Submitted, "#override-reason")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        reason = event.value.strip()
        problem = override_issue(self.computed, self.chosen, reason)
        if problem:
            self.query_one("#override-problem", Static).update(Content(visible(problem)))
            return
        self.dismiss(Override(self.chosen, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_clear(self) -> None:
        if self.had_override:
            self.dismiss(Override(None))
