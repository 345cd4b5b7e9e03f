"""The floors: the smallest Textual apps the real app is measured against.

`python benchmarks/bare_app.py` runs `BareApp` (a Header, a Static and a Footer): the cold-start and
memory floor. `BareInputApp` (one focused Input) is the keystroke floor, driven by Pilot.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Static

READY = "bare floor ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY)
        yield Footer()


class BareInputApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="type here", id="bare-input", compact=True)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        field.focus()


if __name__ == "__main__":
    BareApp().run()
