"""Key bar replacing Textual's Footer: one widget that never mounts children (Footer's recompose cost ~30 ms a screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen


class _Key(NamedTuple):
    """One binding as shown in the bar."""

    key_display: str
    description: str
    enabled: bool
    action: str
    namespace: DOMNode
    """The node whose bindings hold it: a click runs the action there, as the key would."""

    @property
    def look(self) -> tuple[str, str, bool]:
        """What decides how it is drawn (the action and namespace do not)."""
        return self.key_display, self.description, self.enabled


class KeyBar(Widget, can_focus=False):
    """The shown bindings of the screen (and of the focused widget), docked at the bottom.

    A drop-in for `textual.widgets.Footer` (`yield KeyBar()` last in `compose`),
    without the command-palette key, tooltips or binding groups. It draws each
    binding as ` key description ` from `render()`; clicking one runs its action.
    """

    ALLOW_SELECT = False

    COMPONENT_CLASSES = {
        "keybar--key",
        "keybar--description",
        "keybar--disabled",
        "keybar--hover",
    }

    # Colours are Footer's and FooterKey's (see textual/widgets/_footer.py).
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled {
            text-style: dim;
        }
        .keybar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._keys: list[_Key] = []
        # (start x, end x, key) of each binding drawn by the last render().
        self._spans: list[tuple[int, int, _Key]] = []
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        # The screen publishes when its focus settles; drawing now as well
        # saves a frame with an empty bar.
        self._update_keys(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Called (via the screen's `bindings_updated_signal`) when bindings may have changed."""
        # Like Footer: when the terminal loses focus the screen drops its
        # focused widget; keep showing its keys rather than flicker.
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._update_keys(screen)

    def _update_keys(self, screen: Screen) -> None:
        keys = self._active_keys(screen)
        changed = [key.look for key in keys] != [key.look for key in self._keys]
        self._keys = keys  # always: the namespaces may differ even if the look does not
        if changed:
            self._hover = None
            # Repaint only: the bar is one line whatever it shows.
            self.refresh()

    def _active_keys(self, screen: Screen) -> list[_Key]:
        """The bindings to show, in Footer's order, one per action as Footer does."""
        get_key_display = self.app.get_key_display
        keys: dict[str, _Key] = {}
        for namespace, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = _Key(
                    get_key_display(binding), binding.description, enabled, binding.action, namespace
                )
        return list(keys.values())

    def render(self) -> Content:
        key_style = self.get_visual_style("keybar--key", partial=True)
        description_style = self.get_visual_style("keybar--description", partial=True)
        disabled_style = self.get_visual_style("keybar--disabled", partial=True)
        # Not partial: a partial style blends the translucent hover colour
        # with nothing, and comes out darker than Footer's.
        hover_style = self.get_visual_style("keybar--hover")

        width = self.size.width
        parts: list[Content] = []
        spans: list[tuple[int, int, _Key]] = []
        x = 0
        for index, key in enumerate(self._keys):
            # Content.styled takes the text literally: a key or description
            # with "[" in it is never read as markup.
            part = Content.assemble(
                Content.styled(f" {key.key_display} ", key_style),
                Content.styled(f"{key.description} ", description_style) if key.description else "",
            )
            item_style = Style()
            if index == self._hover:
                item_style += hover_style
            if not key.enabled:
                item_style += disabled_style
            if item_style:
                part = part.stylize_before(item_style)
            end = x + part.cell_length
            if end > width:
                break  # a whole binding or nothing: never half a key
            parts.append(part)
            spans.append((x, end, key))
            x = end
        self._spans = spans
        return Content.assemble(*parts)

    def _key_at(self, x: int) -> int | None:
        """Index in the last render's spans of the binding drawn at column x."""
        for index, (start, end, _key) in enumerate(self._spans):
            if start <= x < end:
                return index
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        event.stop()
        key = self._spans[index][2]
        if not key.enabled:
            self.app.bell()  # as FooterKey does
            return
        # Run the action on the node that holds the binding, as a key press
        # does (App._check_bindings), rather than simulating the key: the
        # click runs exactly the binding it was drawn for. Done on the app's
        # queue, as a key press is: awaiting it in this handler would
        # deadlock if the action removes this screen (and so this widget).
        self.app.call_later(self.app.run_action, key.action, key.namespace)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()
