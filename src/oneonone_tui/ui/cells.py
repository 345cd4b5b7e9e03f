"""What the dashboard and the small screens share with the 1:1 pane, in a module light enough for the
dashboard's first frame to import (the pane's widgets, with TextArea, are imported after it)."""

from __future__ import annotations

import math

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import DataTable, Input

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



_LINE_BREAK = Text("\n")


class QuickTable(DataTable):
    """A DataTable whose one-line `Text` cells are drawn straight from Rich's own text layout.

    DataTable draws each cell through Rich's general machinery — `render_lines` of a `Styled`
    around a `Padding` around the cell, each splitting, cropping and padding lines again — ~70 µs a
    cell: 13 ms for the dashboard's 136 cells, the largest part of its first frame. A cell that is a
    single-line `Text` in a row one line high (every cell the dashboard and the open list show) is
    laid out here by the same Rich calls that machinery ends in (`Text.wrap` for justify and
    overflow, `Text.render`, `Segment.adjust_line_length`, `Segment.apply_style`) and nothing
    else; any other cell (other renderables, line breaks, taller rows, row labels) goes the usual
    way. `tests/functional/test_quick_table.py` checks the two give the same segments, cell for
    cell. (`_render_cell` is DataTable's own; it has no public name.)"""

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list[list[Segment]]:
        is_header = row_index == -1
        if column_index < 0 or (is_header and self.header_height != 1):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._header_row_key if is_header else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        key = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor, self._update_count,
               self._pseudo_class_state)
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        cell = self._get_row_renderables(row_index).cells[column_index]
        inner = width - 2 * self.cell_padding
        if (not isinstance(cell, Text) or inner < 1 or cell.no_wrap is False or "\n" in cell.plain
                or (not is_header and self.rows[row_key].height != 1)):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        fixed = not is_header and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        component_style, post_style = self._get_styles_to_render_cell(
            is_header, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        console = self.app.console
        options = self.app.console_options
        lines = cell.wrap(console, inner, justify=cell.justify or options.justify or "default",
                          overflow=cell.overflow or options.overflow or "fold",
                          tab_size=(console.tab_size if cell.tab_size is None else cell.tab_size) or 8, no_wrap=True)
        if len(lines) != 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        blank = Style.null()
        pad = Segment(" " * self.cell_padding, blank) if self.cell_padding else None
        # Joined as Rich joins a cell's lines (the join makes the line's own style a span: rendered
        # alone, a Text with no spans drops its style).
        text = Segment.adjust_line_length(list(_LINE_BREAK.join(lines).render(console)), inner, style=blank)
        line = [pad, *text, pad] if pad else text
        rendered = [list(Segment.apply_style(line, style=pre_style, post_style=post_style))]
        cache[key] = rendered
        return rendered
