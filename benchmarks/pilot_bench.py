"""In-process figures with Pilot: keystroke to screen, and opening a screen.

How "on screen" is timed. Pilot runs the app with Textual's headless driver, which skips turning
the compositor's update into terminal output. Here the driver is told it is not headless once the
app runs (`RenderingDriver`), so every frame goes the whole way: compositor update, terminal
escape sequences, a write (to nowhere). `App.post_display_hook` (Textual's hook "called
immediately after a display is done") stamps each frame with `perf_counter`.

A key is sent the way a real driver sends it (`driver.send_message(events.Key(...))`), so it
takes the app's own path: app -> focused widget -> messages -> handlers -> refresh -> frame.
The time of a key is from just before it is sent to the *last* frame it caused: the screen is
settled when no frame has come for `QUIET` seconds, every message queue of the app and of the
screen's widgets is empty and the screen has nothing dirty. The first frame after the key is
recorded too. Pilot's own `press()` is not used for timing: it sleeps in steps of 20 ms
(`wait_for_idle`), which would swamp a 16 ms budget.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from textual import events
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.keys import _character_to_key

QUIET = 0.025  # a frame comes at most one 60 fps period after the previous refresh: 25 ms of none = settled
TIMEOUT = 10.0


class RenderingDriver(HeadlessDriver):
    """Headless input and size, but the app renders every frame to terminal output (then dropped)."""

    written = 0

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        self.written += len(data)


class Frames:
    """Stamps every frame the app displays."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.times: list[float] = []
        self.event = asyncio.Event()
        app.post_display_hook = self._hook  # type: ignore[method-assign]
        if isinstance(app._driver, HeadlessDriver):
            app._driver.__class__ = RenderingDriver

    def _hook(self) -> None:
        self.times.append(time.perf_counter())
        self.event.set()


def app_idle(app: App) -> bool:
    """Nothing queued for the app or the current screen's widgets, and nothing left to paint."""
    screen = app.screen
    if (screen._layout_required or screen._scroll_required or screen._repaint_required
            or screen._recompose_required or screen._dirty_widgets):
        return False
    if not app._message_queue.empty():
        return False
    return all(node._message_queue.empty() for node in screen.walk_children(with_self=True))


@dataclass
class Timed:
    last_frame: float  # seconds from the key to the last frame it caused
    first_frame: float  # seconds from the key to the first frame after it
    frames: int


async def timed_key(app: App, frames: Frames, key: str, character: str | None = None,
                    until: Callable[[], bool] | None = None, profiler=None) -> Timed:
    """Send one key as a terminal would and wait until the screen has settled after it."""
    n0 = len(frames.times)
    event = events.Key(key, character)
    event.set_sender(app)
    if profiler is not None:
        profiler.start()
    started = time.perf_counter()
    app._driver.send_message(event)
    try:
        while True:
            frames.event.clear()
            try:
                await asyncio.wait_for(frames.event.wait(), QUIET)
                continue  # a frame came: wait for a quiet spell after it
            except TimeoutError:
                pass
            if len(frames.times) > n0 and (until is None or until()) and app_idle(app):
                break
            if time.perf_counter() - started > TIMEOUT:
                raise RuntimeError(f"key {key!r}: the screen did not settle within {TIMEOUT} s")
    finally:
        if profiler is not None:
            profiler.stop()
    return Timed(frames.times[-1] - started, frames.times[n0] - started, len(frames.times) - n0)


def key_for(character: str) -> tuple[str, str]:
    return (character if character.isalnum() else _character_to_key(character)), character


@dataclass
class Typing:
    per_key: list[Timed] = field(default_factory=list)
    value_ok: bool = False


async def type_text(app: App, frames: Frames, text: str, *, gap: float, pause_every: int, pause: float,
                    value: Callable[[], str], profiler=None) -> Typing:
    """Type `text` one key at a time; after every `pause_every` keys, stop for `pause` s (autosave fires)."""
    result = Typing()
    for index, character in enumerate(text):
        key, char = key_for(character)
        result.per_key.append(await timed_key(app, frames, key, char, profiler=profiler))
        await asyncio.sleep(pause if (index + 1) % pause_every == 0 else gap)
    result.value_ok = value().endswith(text)
    return result


def summary(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {"n": len(ms), "median_ms": statistics.median(ms), "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99), "max_ms": ms[-1], "min_ms": ms[0]}


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values (p99 of 200 = the 2nd largest)."""
    if not values:
        return float("nan")
    rank = max(1, min(len(values), -(-len(values) * pct // 100)))
    return values[int(rank) - 1]
