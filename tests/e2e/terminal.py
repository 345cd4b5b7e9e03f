"""A real terminal for tests: the app runs in a detached tmux session; keys in, screen text out."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import shutil
import subprocess
import time
import uuid


class Terminal:
    def __init__(self, width: int = 120, height: int = 40) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed: `make test` installs it (apt-get install tmux)")
        self.width, self.height = width, height
        self.name = f"oneonone-test-{uuid.uuid4().hex[:8]}"
        # A server of its own (and no user config), so sizes and keys do not depend on other sessions.
        self.tmux = ["tmux", "-L", self.name, "-f", "/dev/null"]
        self.started = False

    def start(self, command: list[str], env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        shell = f"env -i {exports} " + " ".join(_quote(part) for part in command)
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(self.width), "-y",
                        str(self.height), shell + "; echo EXITED-$?; sleep 30"], check=True)
        self.started = True

    def send(self, *keys: str, literal: bool = False) -> None:
        args = [*self.tmux, "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        subprocess.run(args + list(keys), check=True)

    def type(self, text: str) -> None:
        self.send(text, literal=True)

    def screen(self) -> str:
        result = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True,
                                text=True, check=True)
        return result.stdout

    def cursor(self) -> tuple[int, int]:
        """Where the terminal cursor is: Textual keeps it on the focused input's caret."""
        out = subprocess.run([*self.tmux, "display", "-p", "-t", self.name, "#{cursor_x} #{cursor_y}"],
                             capture_output=True, text=True, check=True).stdout.split()
        return int(out[0]), int(out[1])

    def move_focus(self, key: str = "Tab", timeout: float = 20.0) -> tuple[int, int]:
        """Press a focus key and wait until the caret has moved, so the next keys land in the new field."""
        before = self.cursor()
        self.send(key)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = self.cursor()
            if now != before:
                return now
            time.sleep(0.02)
        raise AssertionError(f"the focus did not move after {key}; screen:\n{self.screen()}")

    def wait_caret_below(self, label: str, timeout: float = 20.0) -> tuple[int, int]:
        """Wait until the caret is on the row under the row showing `label` (a field's title), so the
        next keys land in that field. A caret that merely moved may still be on its way elsewhere
        (the screen's first field taking focus after the screen shows)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            x, y = self.cursor()
            screen = self.screen()
            rows = [i for i, line in enumerate(screen.splitlines()) if label in line]
            if rows and y == rows[0] + 1:
                return x, y
            time.sleep(0.02)
        raise AssertionError(f"the caret never reached the field under {label!r}; screen:\n{screen}")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Poll the screen until `text` shows (a condition, not a fixed sleep)."""
        return self._poll(lambda screen: text in screen, f"{text!r} never showed on screen", timeout)

    def wait_gone(self, text: str, timeout: float = 20.0) -> str:
        return self._poll(lambda screen: text not in screen, f"{text!r} is still on screen", timeout)

    def _poll(self, done, failure: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if done(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{failure}; last screen:\n{screen}")

    def close(self) -> None:
        if self.started:
            subprocess.run([*self.tmux, "kill-server"], capture_output=True)
            self.started = False


def _quote(value: str) -> str:
    import shlex

    return shlex.quote(value)


# ---- what every end-to-end test shares: the app's command, its environment, opening a rep's 1:1

ONEONONE = str(Path(sys.executable).with_name("oneonone"))  # the venv's console script


def app_env(tmp_path: Path) -> dict[str, str]:
    """A clean environment for the app: its own HOME and data directory, a UTF-8 colour terminal."""
    return {"HOME": str(tmp_path / "home"), "ONEONONE_DATA_DIR": str(tmp_path / "data"),
            "TERM": "xterm-256color", "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}


def open_rep(terminal: Terminal, name: str) -> str:
    """Filter the dashboard to one rep and open the 1:1, waiting on the screen at each step."""
    terminal.send("/")
    terminal.wait_for("Filter reps by name")
    terminal.type(name)
    terminal.send("Enter")
    terminal.wait_gone("Filter reps by name")
    terminal.send("Enter")
    return terminal.wait_for("1 · Results")
