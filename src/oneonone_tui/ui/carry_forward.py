"""`c` on a partly / not kept commitment: carry it forward to a typed date (`due:fri`, `+1w`, `12-04`,
the grammar's `commitments.parse_due`), or to the next 1:1 with an empty line. It stays one commitment."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from oneonone_tui.domain.followthrough import carry_date
from oneonone_tui.ui.text import visible
from oneonone_tui.ui.cells import SafeInput


class CarryForwardScreen(ModalScreen[date | None]):
    DEFAULT_CSS = """
    CarryForwardScreen { align: center middle; }
    CarryForwardScreen > Vertical { width: 72; height: auto; border: thick $accent; background: $surface;
                                    padding: 1 2; }
    CarryForwardScreen #carry-title { text-style: bold; }
    CarryForwardScreen #carry-problem { color: $text-error; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, text: str, held: date, next_one: date) -> None:
        super().__init__()
        self.text, self.held, self.next_one = text, held, next_one

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble("Carry forward: ", Content(visible(self.text))), id="carry-title")
            yield SafeInput(placeholder=f"due:fri, +1w, 12-04 … (empty: the next 1:1, {self.next_one:%a %d %b})",
                            id="carry-due")
            yield Static(id="carry-problem")
            yield Static(Content.styled("Enter carries it (still one commitment) · Esc cancels", "$text-muted"))

    def on_mount(self) -> None:
        self.query_one("#carry-due").focus()

    @on(Input.Submitted, "#carry-due")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        due, problem = carry_date(event.value, self.held, self.next_one)
        if due is None:
            self.query_one("#carry-problem", Static).update(Content(problem))
            return
        self.dismiss(due)

    def action_cancel(self) -> None:
        self.dismiss(None)
