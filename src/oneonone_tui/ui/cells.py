"""What the dashboard and the small screens share with the 1:1 pane, in a module light enough for the
dashboard's first frame to import (the pane's widgets, with TextArea, are imported after it)."""

from __future__ import annotations

import math

from textual import events
from textual.widgets import Input

from oneonone_tui.domain.progression import Band
from oneonone_tui.ui.text import visible_line


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


class EntryLine(SafeInput):
    """A line that Enter hands over and empties, in the order the keys arrive.

    Textual resolves Enter through the Input's `submit` binding only once the key has bubbled back
    up to the app: keys that arrived right behind it (a burst, a fast typist on a loaded machine,
    the keys held while a 1:1 opens) were typed into the field first, and the line submitted held
    the next one too — "re-engage 5 stalled opps #pipelinesend pricing approval", twice. Here Enter
    is handled with the other keys, in order: the line is taken and the field emptied before the
    next key is typed, and the screen gets `Submitted` with that line (a screen that refuses it puts
    it back if nothing was typed since)."""

    def _on_key(self, event: events.Key) -> None:  # before Input's own handler (MRO dispatch)
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            line = self.value
            self.value = ""
            self.post_message(self.Submitted(self, line))

