"""KeyBar shows the screen's and the focused widget's keys as Footer does, in one widget."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static

from oneonone_tui.ui.keybar import KeyBar

SIZE = (80, 24)


class Plain(Static, can_focus=True):
    """A focusable widget with no keys of its own (focused first)."""


class Pane(Static, can_focus=True):
    """A focusable widget with a key of its own."""

    BINDINGS = [Binding("e", "edit", "Edit pane")]

    def action_edit(self) -> None:
        self.app.ran.append("edit")


class KeysScreen(Screen):
    BINDINGS = [
        Binding("r", "refresh_data", "Refresh"),
        Binding("n", "new", "New note"),
        Binding("x", "secret", "Secret", show=False),
        Binding("left_square_bracket", "previous", "Previous week"),
        Binding("m", "markup", "[bold]x[/]"),
        Binding("d", "locked", "Locked"),
    ]

    def compose(self) -> ComposeResult:
        yield Plain("plain", id="plain")
        yield Pane("pane", id="pane")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None: shown, but disabled (dimmed; a click rings the bell).
        return None if action == "locked" else True

    def action_refresh_data(self) -> None:
        self.app.ran.append("refresh")

    def action_locked(self) -> None:
        self.app.ran.append("locked")


class KeysApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())

    def bell(self) -> None:
        self.bells += 1


def bar_text(app: App) -> str:
    """The bar's line as drawn."""
    keybar = app.screen.query_one(KeyBar)
    return keybar.render_lines(Region(0, 0, keybar.size.width, 1))[0].text


async def settle(pilot) -> None:
    # The bar updates from a signal callback, then paints.
    await pilot.pause()
    await pilot.pause()


async def test_the_shown_keys_are_on_the_bar_and_hidden_ones_are_not() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = bar_text(app)
        assert text.startswith(" r Refresh  n New note  [ Previous week ")
        assert " d Locked " in text
        assert "Secret" not in text and " x " not in text
        # The screen's bar line is the bottom row.
        assert app.screen.query_one(KeyBar).region.y == SIZE[1] - 1


async def test_a_focused_widgets_keys_come_and_go_with_its_focus() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#plain")
        assert "Edit pane" not in bar_text(app)

        app.screen.query_one("#pane").focus()
        await settle(pilot)
        assert " e Edit pane " in bar_text(app)

        app.screen.query_one("#plain").focus()
        await settle(pilot)
        assert "Edit pane" not in bar_text(app)
        assert " r Refresh " in bar_text(app)


async def test_clicking_a_key_runs_its_action() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = bar_text(app)
        # Anywhere on " r Refresh ", including the description.
        x = text.index("Refresh") + 2
        await pilot.click(KeyBar, offset=(x, 0))
        await settle(pilot)
        assert app.ran == ["refresh"]


async def test_clicking_a_focused_widgets_key_runs_it_on_that_widget() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#pane").focus()
        await settle(pilot)
        x = bar_text(app).index(" e Edit pane ") + 1
        await pilot.click(KeyBar, offset=(x, 0))
        await settle(pilot)
        assert app.ran == ["edit"]


async def test_clicking_a_disabled_key_rings_the_bell_and_runs_nothing() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        x = bar_text(app).index(" d Locked ") + 1
        await pilot.click(KeyBar, offset=(x, 0))
        await settle(pilot)
        assert app.ran == []
        assert app.bells == 1


async def test_clicking_past_the_last_key_does_nothing() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(bar_text(app).rstrip()) < SIZE[0] - 1
        await pilot.click(KeyBar, offset=(SIZE[0] - 1, 0))
        await settle(pilot)
        assert app.ran == [] and app.bells == 0


async def test_a_narrow_bar_ends_on_a_whole_key() -> None:
    app = KeysApp()
    async with app.run_test(size=(30, 24)) as pilot:
        await settle(pilot)
        # " r Refresh " (11) + " n New note " (12) = 23; " [ Previous week " (17) does not fit.
        assert bar_text(app) == " r Refresh  n New note ".ljust(30)
        assert app.screen.query_one(KeyBar).size.height == 1

        await pilot.resize_terminal(40, 24)
        await settle(pilot)
        assert bar_text(app) == " r Refresh  n New note  [ Previous week ".ljust(40)


async def test_a_description_with_markup_shows_literally() -> None:
    app = KeysApp()
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        assert " m [bold]x[/] " in bar_text(app)


async def test_the_bar_mounts_no_children() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keybar = app.screen.query_one(KeyBar)
        app.screen.query_one("#pane").focus()
        await settle(pilot)
        assert " e Edit pane " in bar_text(app)
        assert len(keybar.children) == 0


async def test_unchanged_bindings_do_not_repaint_the_bar() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keybar = app.screen.query_one(KeyBar)
        refreshes: list[bool] = []
        original = keybar.refresh

        def counting_refresh(*args, **kwargs):
            refreshes.append(kwargs.get("layout", False))
            return original(*args, **kwargs)

        keybar.refresh = counting_refresh
        app.screen.refresh_bindings()
        await settle(pilot)
        assert refreshes == []

        app.screen.query_one("#pane").focus()
        await settle(pilot)
        assert refreshes == [False]  # one repaint, no layout
