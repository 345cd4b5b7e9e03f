"""QuickTable draws one-line Text cells itself; every cell must come out as DataTable draws it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from oneonone_tui.ui.cells import QuickTable

STYLES = ["", "bold", "dim", "italic red", "bold #ff8800 on #002244", "underline", "reverse", "link https://x.y"]
words = st.text(alphabet=st.sampled_from(list("ab Zé田\t…█░%1 ")), max_size=30)


@st.composite
def cells(draw) -> Text:
    text = Text(draw(words), style=draw(st.sampled_from(STYLES)),
                justify=draw(st.sampled_from([None, "left", "right", "center", "full", "default"])),
                overflow=draw(st.sampled_from([None, "fold", "crop", "ellipsis"])))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, max(0, len(text) - 1)))
        text.stylize(draw(st.sampled_from(STYLES[1:])), start, draw(st.integers(start, len(text))))
    return text


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield QuickTable(id="t", zebra_stripes=True, cursor_type="row")


def _both(table: QuickTable, row: int, column: int, width: int, cursor: bool, hover: bool, base: Style):
    table._cell_render_cache.clear()
    quick = table._render_cell(row, column, base, width, cursor, hover)
    table._cell_render_cache.clear()
    usual = DataTable._render_cell(table, row, column, base, width, cursor, hover)
    return quick, usual


async def test_every_one_line_text_cell_is_drawn_as_datatable_draws_it():
    app = TableApp()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(QuickTable)

        @settings(max_examples=300, deadline=None)
        @given(cell=cells(), label=cells(), width=st.integers(1, 40), cursor=st.booleans(), hover=st.booleans(),
               base=st.sampled_from([Style(), Style(bgcolor="#101010"), Style(color="grey50", dim=True)]),
               padding=st.integers(0, 2))
        def check(cell, label, width, cursor, hover, base, padding):
            checked.append(width)
            table.clear(columns=True)
            table.cell_padding = padding
            table.add_column(label, key="c")
            table.add_row(cell, key="r")
            for row in (0, -1):  # a data cell and the header cell
                quick, usual = _both(table, row, 0, width, cursor, hover, base)
                assert quick == usual, (row, cell, width, padding)

        checked: list[int] = []
        check()
        assert len(checked) >= 100, "hypothesis ran the comparison"


async def test_cells_it_does_not_draw_itself_go_the_usual_way():
    app = TableApp()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(QuickTable)
        table.add_column("c", key="c")
        table.add_row("plain string [b]markup[/b]", key="s")
        table.add_row(Text("two\nlines"), key="n", height=2)
        table.add_row(Text("no wrap off", no_wrap=False), key="w")
        for row in range(3):
            quick, usual = _both(table, row, 0, 8, False, False, Style())
            assert quick == usual
