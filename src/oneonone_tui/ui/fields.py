"""Text fields of the 1:1: `AnswerField` (a how-come answer: one paragraph that wraps and grows with it) and `NotesArea`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import events
from textual.actions import SkipAction
from textual.geometry import Size
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, WrappedDocument

from oneonone_tui.domain.wording import visible, visible_line

# Every character `str.splitlines` (and so TextArea's Document) breaks a line at, bar the ones
# `visible_line` already spells out (\x0b \x0c \x1c-\x1e \x85): newline, carriage return, and the
# Unicode line and paragraph separators, which are not control characters.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def one_line(text: str) -> str:
    """Text as one paragraph: every line break a space, every other control character visible (`\\x1b`)."""
    return visible_line(_LINE_BREAK.sub(" ", text))


class GrowingTextArea(TextArea):
    """A text area that grows a line at a time with its wrapped text (`height: auto` up to its
    max-height, then it scrolls), and asks for a screen layout only when its line count changes."""

    # ----- height: the wrapped text --------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The number of lines the text wraps to at `width`, the width layout offers.

        TextArea (a ScrollView) answers with its virtual height: the text wrapped at its *current*
        width, which before the first layout is no width at all (so a stored long answer first showed
        one line, with a scrollbar, and took two more layout passes to grow). Typing changes the virtual
        height, and so asks for a layout, only when the number of wrapped lines changes.
        """
        wrap_width = max(0, width - self.gutter_width - 1)  # as TextArea.wrap_width: 1 cell for the caret
        if wrap_width == self.wrapped_document._width:
            return self.wrapped_document.height
        return WrappedDocument(self.document, wrap_width, self.indent_width).height

    def _refresh_size(self) -> None:
        """TextArea's, but no scrollbar for a field about to grow.

        TextArea sets the new virtual height and at once decides on a scrollbar against its *current*
        height: one more wrapped line than rows showed a scrollbar, which narrowed the text (a rewrap),
        and the layout that then grew the field hid it again (a second layout, a flashed frame). While
        the height is auto, a field with more lines than rows leaves the scrollbar to the layout it
        asks for (which decides it on the grown size) and checks again once that layout is done (it
        may be at its max-height, and then the scrollbar is due).
        """
        height = self.wrapped_document.height
        styles_height = self.styles.height
        if styles_height is None or not styles_height.is_auto or height <= self.size.height:
            super()._refresh_size()
            return
        self.virtual_size = Size(0, height)  # a change asks for a layout
        if self.is_mounted:
            self.call_after_refresh(self._refresh_scrollbars)


class NotesArea(TextArea):
    """The 1:1's notes: wrapping text, four lines, scrolling beyond. It never holds a control character
    but newline and tab: a paste is made visible (`visible`), as every field's is.

    Not grown with its text (as answers are): a notes area that grew moved under a caret the manager
    had just put in it, and the terminal's caret was left a row below (kill -9 while typing, under
    load: the caret never reached the notes)."""

    DEFAULT_CSS = """
    NotesArea { height: 4; }
    """

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = visible(event.text)  # TextArea's own handler inserts it


class AnswerField(GrowingTextArea):
    """A one-paragraph input that wraps: it grows a line at a time with the text (up to 8, then it
    scrolls), so a long answer stays on screen in full once the focus leaves it.

    Like an Input: Enter submits instead of breaking the line, Tab moves the focus, `value` holds the
    text, focusing puts the caret at the end (never selects all), and up / down / page keys the field
    has no use for go on to the screen. The text never holds a line break or a control character:
    whatever comes in (typing, a paste, `value`, the app clipboard) is passed through `one_line`.
    """

    DEFAULT_CSS = """
    AnswerField {
        width: 1fr;
        height: auto;
        min-height: 1;
        max-height: 8;
        border: none;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &:focus { background-tint: $foreground 5%; }
    }
    """

    @dataclass
    class Changed(Message):
        """The text changed (by the manager, or by code outside `prevent`): `value` is the whole text now."""

        answer_field: AnswerField
        # TextArea's own code posts `self.Changed(self)`, which builds this class: the text is read then.
        value: str = None  # type: ignore[assignment]

        def __post_init__(self) -> None:
            super().__post_init__()
            if self.value is None:
                self.value = self.answer_field.text

        @property
        def control(self) -> AnswerField:
            return self.answer_field

    @dataclass
    class Submitted(Message):
        """Enter was pressed in the field (no line break is inserted)."""

        answer_field: AnswerField
        value: str

        @property
        def control(self) -> AnswerField:
            return self.answer_field

    def __init__(
        self,
        value: str = "",
        *,
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        read_only: bool = False,
        name: str | None = None,
    ) -> None:
        super().__init__(
            one_line(value), soft_wrap=True, tab_behavior="focus", compact=True, show_line_numbers=False,
            highlight_cursor_line=False, placeholder=placeholder, read_only=read_only,
            name=name, id=id, classes=classes, disabled=disabled,
        )
        self._reported = self.text  # the text listeners last heard of (or code set): Changed only on a change

    # ----- the Input-like API ------------------------------------------------------------------

    @property
    def value(self) -> str:
        """The text. Setting it replaces the whole text (and the undo history), caret at the end;
        setting the text it already holds does nothing (the caret stays where the manager left it)."""
        return self.text

    @value.setter
    def value(self, value: str) -> None:
        value = one_line(value)
        if value == self.text:
            return
        self.load_text(value)  # posts Changed (unless prevented)
        self.move_cursor(self.document.end)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, AnswerField.Changed) and message.answer_field is self:
            if message.value == self._reported:
                return False  # Backspace at the start, an empty undo: nothing changed
            self._reported = message.value
            # `prevent(TextArea.Changed)` (what code written for a TextArea would say) silences it too.
            if self._is_prevented(TextArea.Changed):
                return False
        return super().post_message(message)

    # ----- one paragraph ----------------------------------------------------------------------

    def edit(self, edit: Edit) -> EditResult:
        """Every edit goes through here (a key, a terminal paste, the app clipboard's ctrl+v, `insert`):
        kept to one line, so no handler of its own is needed for a paste."""
        if edit.text and not edit.text.isprintable():
            edit.text = one_line(edit.text)
        return super().edit(edit)

    async def _on_key(self, event: events.Key) -> None:  # TextArea's own handler runs next unless stopped
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))

    def _on_focus(self, event: events.Focus) -> None:
        # Tabbing into a filled field: the caret at the end, nothing selected, so one Backspace erases
        # one character. A click still places the caret where clicked (the screen delivers Focus before
        # the MouseDown). The app regaining the terminal's focus leaves the caret where it was.
        if not event.from_app_focus:
            self.move_cursor(self.document.end)

    # Keys an Input leaves to the screen (it scrolls the pane): up on the first line, down on the last,
    # page up / down.

    def _cursor_row(self) -> int:
        return self.wrapped_document.location_to_offset(self.cursor_location).y

    def action_cursor_up(self, select: bool = False) -> None:
        if self._cursor_row() == 0:
            raise SkipAction()
        super().action_cursor_up(select)

    def action_cursor_down(self, select: bool = False) -> None:
        if self._cursor_row() >= self.wrapped_document.height - 1:
            raise SkipAction()
        super().action_cursor_down(select)

    def action_cursor_page_up(self) -> None:
        raise SkipAction()

    def action_cursor_page_down(self) -> None:
        raise SkipAction()
