"""The app's screens style their widgets once, when they mount: not again each time they are shown;
the read-only screens the dashboard opens are built once and shown again with new values."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class LineCompositor(Compositor):
    """Textual's compositor, drawing only the lines a partial update shows.

    To repaint part of the screen (the line a key was typed into), Textual's compositor asked every
    visible widget whose *clip* met that part — on a screen, every widget: a top-level widget's clip
    is the whole screen — for *all* of its lines, then kept the ones in the dirty lines. On the 1:1
    pane a keystroke asked ~24 widgets for every line they show (the pane, its sections, the rows,
    the bars), where a bare Input asks two. Here each widget that shows something inside the update
    is asked for those lines alone (Textual's own way of drawing a clipped widget), and a widget
    with nothing there for none: the same strips land in the same places (the chops are filled
    front to back, first wins, as before). A full update (no crop, or the whole screen) is Textual's.
    (`_get_renders` is Textual's; it has no public name.)"""

    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None or crop.contains_region(self.size.region):
            yield from super()._get_renders(crop)
            return
        top, bottom, left, right = crop.y, crop.bottom, crop.x, crop.right
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = region.intersection(clip)
            if not width or not height or x >= right or x + width <= left:
                continue
            first, last = max(y, top), min(y + height, bottom)
            if first >= last:
                continue
            shown = Region(x, first, width, last - first)  # the widget's visible part, in the update's lines
            yield region, shown, widget.render_lines(shown.translate((-region.x, -region.y)))


class StyledOnceScreen(Screen):
    """Textual restyles every widget of a screen through the stylesheet each time the screen is shown
    (`ScreenResume.refresh_styles`), though its widgets were styled when they mounted and every
    class or focus change since restyled what it touched. That second pass was ~11 ms for the
    history screen and ~40 ms for a 1:1 pane. Styles only go stale while a screen is away when the
    theme changes; then it is restyled as before."""

    _styled_theme: str | None = None

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name, id, classes)
        self._compositor = LineCompositor()  # see LineCompositor

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler for the same event (subclass first).
        if self._styled_theme == self.app.theme:
            event.refresh_styles = False
        self._styled_theme = self.app.theme

    def on_mount(self) -> None:
        self._styled_theme = self.app.theme


class OneLayoutScreen(StyledOnceScreen):
    """A screen laid out once for each change, not twice.

    Each widget a layout gives a new size records it through `virtual_size`, a Textual reactive that
    asks for a layout of its own: a frame later the whole screen was laid out again and found the
    same sizes (every height was computed at the width it now has) — ~25 ms of the third frame of
    nearly every 1:1 opened and every history shown. This drops only the layouts that the layout
    itself asked for, of widgets that had asked for none before it; the repaints it asked for are
    drawn at once instead of a frame later (dropped, a focus marker was left undrawn now and then
    under load, in the tmux test). The exception is
    the scrollbars of `SCROLLER` (the screen's scrolling container) coming or going, which changes
    the width inside it: then the second layout is needed and is left to run.
    (`_refresh_layout` is Textual's layout of a screen; it has no public name.)"""

    SCROLLER = ""  # selector of the screen's scrolling container; "" lays out as Textual does

    _scroller_widget: Widget | None = None

    def _scroller(self) -> Widget | None:
        if not self.SCROLLER or not self.is_mounted:
            return None
        if self._scroller_widget is None:  # none while the screen composes or closes
            found = self.query(self.SCROLLER)
            self._scroller_widget = found.first() if found else None
        return self._scroller_widget

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        scroller = self._scroller()
        if scroller is None:
            super()._refresh_layout(size, scroll)
            return
        bars = (scroller.show_vertical_scrollbar, scroller.show_horizontal_scrollbar)
        chrome = [b for b in (scroller._vertical_scrollbar, scroller._horizontal_scrollbar) if b is not None]
        calm = [w for w in {*self._compositor.widgets, *chrome} if not w._layout_required and not w._repaint_required]
        super()._refresh_layout(size, scroll)
        if (scroller.show_vertical_scrollbar, scroller.show_horizontal_scrollbar) != bars:
            return
        repaint = set()
        for widget in calm:
            widget._layout_required = False
            if widget._repaint_required:
                widget._repaint_required = False
                repaint.add(widget)
        if repaint and self.is_current:  # drawn now, in this frame's turn, not a frame later
            self._compositor.update_widgets(repaint)
            self._compositor_refresh()

    def lay_out_unseen(self) -> None:
        """Lay the screen out before it is first shown (start-up's idle work calls this): shown the
        first time, the 1:1 pane was laid out three times over as its widgets learnt their sizes
        (120-190 ms against ~30 ms for later 1:1s), and a kept screen grew its scrollbars then.
        `_refresh_layout` is what Textual runs when a screen is shown or resized; a screen not shown
        is laid out, not drawn."""
        if self.is_mounted and self not in self.app.screen_stack and self.app.size:
            for _ in range(2):  # the second pass settles the sizes the first one changed
                self._refresh_layout(self.app.size)


class KeptScreen(OneLayoutScreen):
    """A read-only screen built once (start-up's idle work builds it while the manager reads the
    dashboard) and shown again with new values: `show(...)` updates its widgets, nothing mounts.

    A screen composed when it is pushed is laid out and drawn twice: once when it is shown and again
    when Textual's mount of its children completes a moment later (~20 ms each for a full screen).
    Shown again, it is laid out and drawn once. Subclasses compose their widgets empty and fill them
    in `apply`, which must set every value a previous showing set."""

    _values: tuple | None = None
    _filled = False  # composed: `show` applies at once; before, on mount

    def show(self, *values) -> None:
        """Show these values (the arguments of `apply`) now, or when the screen has mounted."""
        self._values = values
        if self._filled:
            self.apply(*values)

    def apply(self, *values) -> None:
        raise NotImplementedError

    def _on_mount(self) -> None:  # after the subclass's own on_mount: its widgets are ready
        self._filled = True
        if self._values is not None:
            self.apply(*self._values)
