"""LineCompositor draws only the lines a partial update shows: every update must reach the terminal
exactly as Textual's compositor would have drawn it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region

from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.screens import LineCompositor

from .conftest import SIZE

WIDTH, HEIGHT = SIZE

regions = st.builds(lambda x, y, w, h: Region(x, y, w, h), st.integers(0, WIDTH - 1), st.integers(0, HEIGHT - 1),
                    st.integers(1, WIDTH), st.integers(1, 6))


def _terminal_output(compositor: Compositor, app, dirty: list[Region]) -> str:
    """What a partial update of `dirty` writes to the terminal, drawn by `compositor`'s own class."""
    screen_region = compositor.size.region
    dirty = [region.intersection(screen_region) for region in dirty]
    crop = Region.from_union(dirty).intersection(screen_region)
    spans = list(compositor._regions_to_spans(dirty))
    rendered = {y for y, _, _ in spans}.__contains__
    chops = compositor._render_chops(crop, rendered)
    return ChopsUpdate(chops, spans, [cuts[1:] for cuts in compositor.cuts]).render_segments(app.console)


def _compare(app, screen) -> int:
    compositor = screen._compositor
    assert isinstance(compositor, LineCompositor)
    compared = []

    @settings(max_examples=120, deadline=None)
    @given(st.lists(regions, min_size=1, max_size=3))
    def check(dirty):
        ours = _terminal_output(compositor, app, dirty)
        compositor.__class__ = Compositor  # the same screen, state and caches, drawn Textual's way
        try:
            textuals = _terminal_output(compositor, app, dirty)
        finally:
            compositor.__class__ = LineCompositor
        assert ours == textuals, dirty
        compared.append(dirty)

    check()
    return len(compared)


async def test_the_dashboard_and_a_1_1_pane_update_exactly_as_textual_draws_them(make):
    app = make(history_weeks=8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _compare(app, app.screen) >= 100
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("tab", "1")  # a short number: the how-come shows below it
        await pilot.pause()
        assert _compare(app, app.screen) >= 100
