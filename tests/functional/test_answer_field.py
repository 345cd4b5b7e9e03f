"""AnswerField: a how-come answer wraps and grows on screen, and behaves like a one-line input otherwise."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, TextArea

from oneonone_tui.ui.fields import AnswerField

# 150 characters, no word longer than the field: every word must be readable on screen.
SENTENCE = ("Two of my demos slipped to next week because the buyers were at their offsite, and the "
            "third one went quiet after legal asked for the security review.")[:150]
assert len(SENTENCE) == 150

WIDTH = 40  # cells; padding 0 1 leaves 38 for text, one of them for the caret


class FieldApp(App):
    CSS = f"AnswerField {{ width: {WIDTH}; }}"

    def __init__(self, value: str = "", *, disabled: bool = False, read_only: bool = False) -> None:
        super().__init__()
        self.start = value
        self.disabled_field = disabled
        self.read_only_field = read_only
        self.changed: list[str] = []
        self.submitted: list[str] = []

    def compose(self) -> ComposeResult:
        self.field = AnswerField(self.start, placeholder="The rep's answer", id="answer",
                                 disabled=self.disabled_field, read_only=self.read_only_field)
        yield self.field
        yield Input(id="next", compact=True)

    def on_mount(self) -> None:
        self.field.cursor_blink = False

    def on_answer_field_changed(self, event: AnswerField.Changed) -> None:
        assert event.control is self.field
        self.changed.append(event.value)

    def on_answer_field_submitted(self, event: AnswerField.Submitted) -> None:
        assert event.control is self.field
        self.submitted.append(event.value)


def field_rows(app: App, widget) -> list[str]:
    """The field's rows as the terminal would show them (the screen's composited lines, cropped)."""
    update = app.screen._compositor.render_full_update()
    lines = ["".join(segment.text for strip in line for segment in strip) for line in update.strips]
    region = widget.region
    return [line[region.x:region.right] for line in lines[region.y:region.bottom]]


async def test_a_long_answer_wraps_grows_to_show_every_word_and_shrinks_back():
    app = FieldApp()
    async with app.run_test(size=(60, 20)) as pilot:
        field, below = app.field, app.query_one("#next", Input)
        field.focus()
        await pilot.pause()
        assert field.region.height == 1 and below.region.y == field.region.bottom

        await pilot.press(*SENTENCE)
        await pilot.pause()
        assert field.value == SENTENCE
        rows = field_rows(app, field)
        shown = [row.strip() for row in rows if row.strip()]
        assert field.region.height == len(shown) >= 4  # one row per wrapped line, no blank row, no more
        assert " ".join(shown).split() == SENTENCE.split()  # every word on screen, whole, in order
        assert not field.show_vertical_scrollbar and field.scroll_offset.y == 0
        assert below.region.y == field.region.bottom  # the next widget moved down: a real layout

        heights = []
        while field.value:  # a word at a time (ctrl+w): a key per character costs Pilot ~60 ms
            await pilot.press("ctrl+w")
            heights.append(field.region.height)
            assert len(heights) <= len(SENTENCE)
        await pilot.pause()
        assert heights == sorted(heights, reverse=True) and heights[-1] == 1  # shrank line by line
        assert set(heights) == set(range(1, max(heights) + 1))
        assert field.region.height == 1 and below.region.y == field.region.bottom
        assert field_rows(app, field)[0].strip() == "The rep's answer"  # the placeholder, when empty


async def test_a_stored_long_answer_has_its_full_height_from_the_first_layout():
    app = FieldApp(SENTENCE)
    async with app.run_test(size=(60, 20)):
        field = app.field
        shown = [row.strip() for row in field_rows(app, field) if row.strip()]
        assert field.region.height == len(shown) >= 4
        assert " ".join(shown).split() == SENTENCE.split()
        assert not field.show_vertical_scrollbar


async def test_past_eight_lines_the_field_stops_growing_and_scrolls_to_the_caret():
    app = FieldApp()
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste(" ".join(f"word{i:03}" for i in range(60))))  # ~14 lines at 37
        await pilot.pause()
        await pilot.pause()
        assert field.region.height == 8
        assert field.show_vertical_scrollbar and field.virtual_size.height > 8
        assert "word059" in " ".join(field_rows(app, field))  # the end, where the caret is, is on screen


async def test_typing_lays_the_screen_out_only_when_the_answer_gains_a_line(monkeypatch):
    layouts: list[bool] = []
    original = Screen._refresh_layout

    def counting(self, size=None, scroll=False):
        layouts.append(scroll)
        return original(self, size, scroll)

    app = FieldApp()
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        field.focus()
        await pilot.pause()
        monkeypatch.setattr(Screen, "_refresh_layout", counting)
        await pilot.press(*"a" * 30)  # stays on the first line (37 cells)
        await pilot.pause()
        assert field.region.height == 1 and layouts == []
        await pilot.press(*"b" * 10)  # wraps onto a second line: one layout, for that line
        await pilot.pause()
        assert field.region.height == 2 and len(layouts) == 1


async def test_enter_inserts_no_newline_and_submits():
    app = FieldApp("Pipeline was thin")
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        field.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == "Pipeline was thin" and field.document.line_count == 1
        assert app.submitted == ["Pipeline was thin"]
        assert app.changed == []


async def test_a_pasted_text_becomes_one_line_with_control_characters_visible():
    app = FieldApp()
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste("a\nb\x1b[2Jc"))
        await pilot.pause()
        assert field.value == "a b\\x1b[2Jc"  # ESC shown as the four characters \x1b
        assert field.document.line_count == 1 and field.region.height == 1
        assert field_rows(app, field)[0].strip() == "a b\\x1b[2Jc"
        assert app.changed == ["a b\\x1b[2Jc"]


async def test_the_apps_own_clipboard_pastes_as_one_line_too():
    app = FieldApp()
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        field.focus()
        await pilot.pause()
        app.copy_to_clipboard("first line\r\nsecond\u2028third\ttab")
        await pilot.press("ctrl+v")
        await pilot.pause()
        assert field.value == "first line second third\\x09tab"
        assert field.document.line_count == 1


async def test_tab_moves_on_and_a_filled_field_takes_the_focus_with_the_caret_at_the_end():
    app = FieldApp("Lost the deal on price")
    async with app.run_test(size=(60, 20)) as pilot:
        field, other = app.field, app.query_one("#next", Input)
        field.focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is other and field.value == "Lost the deal on price"  # no tab typed
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is field
        assert field.cursor_location == field.document.end and field.selection.is_empty
        await pilot.press("backspace")
        assert field.value == "Lost the deal on pric"  # one character, not the whole answer


async def test_a_click_puts_the_caret_where_clicked_not_at_the_end():
    app = FieldApp("Lost the deal on price")
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        app.query_one("#next", Input).focus()
        await pilot.pause()
        await pilot.click(field, offset=(1 + 4, 0))  # padding, then "Lost" : before " the"
        await pilot.pause()
        assert app.focused is field and field.cursor_location == (0, 4)


async def test_up_and_down_on_a_one_line_answer_are_left_to_the_screen():
    from textual.binding import Binding

    class Moves(FieldApp):
        BINDINGS = [Binding("up", "moved('up')"), Binding("down", "moved('down')")]
        moves: list[str]

        def action_moved(self, where: str) -> None:
            self.moves.append(where)

    app = Moves("one line")
    app.moves = []
    async with app.run_test(size=(60, 20)) as pilot:
        app.field.focus()
        await pilot.pause()
        await pilot.press("up", "down")
        assert app.moves == ["up", "down"]


async def test_value_set_inside_prevent_posts_nothing_and_puts_the_caret_at_the_end():
    app = FieldApp("old")
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        with field.prevent(AnswerField.Changed, TextArea.Changed):
            field.value = "set by the screen"
        with field.prevent(TextArea.Changed):  # what code written for a TextArea would say
            field.value = "set again"
        await pilot.pause()
        assert app.changed == []
        assert field.value == "set again" and field.cursor_location == field.document.end

        field.value = "set outside prevent"
        await pilot.pause()
        assert app.changed == ["set outside prevent"]  # the handler does hear a change

        field.focus()
        await pilot.press("x")
        await pilot.pause()
        assert app.changed == ["set outside prevent", "set outside preventx"]

        field.value = "set outside preventx"  # the same text: nothing happens
        await pilot.press("home", "backspace")  # nothing to delete: no change to report
        await pilot.pause()
        assert app.changed == ["set outside prevent", "set outside preventx"]


async def test_value_keeps_text_to_one_line():
    app = FieldApp("stored\nwith\x1b[31m escapes")
    async with app.run_test(size=(60, 20)):
        assert app.field.value == "stored with\\x1b[31m escapes"
        app.field.value = "again\r\nhere"
        assert app.field.value == "again here" and app.field.document.line_count == 1


async def test_a_disabled_field_ignores_typing_and_clicks():
    app = FieldApp("kept", disabled=True)
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        field.focus()
        await pilot.pause()
        await pilot.click(field)
        await pilot.press(*"typed", "enter")
        app.post_message(events.Paste("pasted"))
        await pilot.pause()
        assert not field.has_focus
        assert field.value == "kept" and app.changed == [] and app.submitted == []


async def test_a_read_only_field_takes_the_focus_but_no_text():
    app = FieldApp("kept", read_only=True)
    async with app.run_test(size=(60, 20)) as pilot:
        field = app.field
        field.focus()
        await pilot.pause()
        assert field.has_focus
        await pilot.press(*"typed", "backspace", "enter", "ctrl+v")
        app.post_message(events.Paste("pasted"))
        await pilot.pause()
        assert field.value == "kept" and app.changed == []
