"""A real terminal for the benchmarks: a private tmux server driven through one control-mode client.

Why control mode: polling the screen with a `tmux capture-pane` process every few milliseconds
costs a fork and an exec per poll, which competes for the CPU with the app being timed. One
long-lived `tmux -C` client takes commands on stdin and answers each between `%begin`/`%end`
lines, so a poll is a pipe round-trip (well under a millisecond).

The server runs on its own socket (`tmux -L oneonone-bench-<pid>`, no user config), so nothing
here touches the user's tmux or the e2e tests' sessions; `close()` kills that server only.
Commands are started as argv (not through a shell), so a pane's pid is the program's own pid.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


class TerminalError(RuntimeError):
    pass


def require_tmux() -> str:
    path = shutil.which("tmux")
    if path is None:
        raise TerminalError("tmux is not installed; the cold-start and memory figures run the app in a real "
                            "terminal. Install it (`make tmux`, or apt-get install tmux) and run again.")
    return path


def _tmux_word(value: str) -> str:
    """Quote one word for tmux's command parser (single quotes: no escapes inside)."""
    if "'" in value or "\n" in value:
        raise TerminalError(f"cannot pass {value!r} to tmux: it holds a quote or a newline")
    return f"'{value}'"


@dataclass
class Run:
    """One program started in its own tmux session."""

    name: str
    started: float  # perf_counter just before the session was asked for
    pid: int | None = None


class Tmux:
    def __init__(self, width: int = 120, height: int = 40, env: dict[str, str] | None = None) -> None:
        self.binary = require_tmux()
        self.width, self.height = width, height
        self.socket = f"oneonone-bench-{os.getpid()}"
        self.env = dict(os.environ)
        self.env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        self.env.update(env or {})
        self.env.pop("TMUX", None)  # we may be running inside the user's tmux
        self._counter = 0
        self._replies: queue.Queue[tuple[bool, list[str]]] = queue.Queue()
        self._lock = threading.Lock()
        self._client: subprocess.Popen[bytes] | None = None
        self._server_started = False
        self._start()

    # ---- server and client

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([self.binary, "-L", self.socket, "-f", "/dev/null", *args], env=self.env,
                              capture_output=True, text=True, check=check, timeout=20)

    def _start(self) -> None:
        # A session that idles for the whole run keeps the server up between measured sessions, so
        # no measured run pays for starting the tmux server. (An hour: should the bench be killed
        # outright, the server goes away by itself.)
        self._tmux("new-session", "-d", "-s", "keepalive", "-x", str(self.width), "-y", str(self.height),
                   "sleep", "3600")
        self._server_started = True
        for option, value in (("default-terminal", "tmux-256color"), ("history-limit", "0"),
                              ("escape-time", "0"), ("exit-empty", "off")):
            self._tmux("set-option", "-g" if option != "escape-time" else "-s", option, value, check=False)
        self._client = subprocess.Popen([self.binary, "-L", self.socket, "-f", "/dev/null", "-C", "attach",
                                         "-t", "keepalive"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=self.env)
        threading.Thread(target=self._read, name="tmux-control", daemon=True).start()
        self.command("display-message -p ok")  # wait until the client answers

    def _read(self) -> None:
        """Parse the control client's output: command replies in order; notifications are dropped."""
        assert self._client is not None and self._client.stdout is not None
        block: list[str] | None = None
        mine = False
        for raw in self._client.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if block is None:
                if line.startswith("%begin "):
                    block = []
                    parts = line.split()
                    mine = len(parts) >= 4 and parts[3] == "1"  # flags 1: a command this client sent
                continue
            if line.startswith("%end ") or line.startswith("%error "):
                if mine:
                    self._replies.put((line.startswith("%end "), block))
                block = None
                continue
            block.append(line)
        self._replies.put((False, ["tmux control client ended"]))

    def command(self, line: str, timeout: float = 10.0) -> list[str]:
        with self._lock:
            client = self._client
            if client is None or client.stdin is None or client.poll() is not None:
                raise TerminalError("the tmux control client is not running")
            client.stdin.write(line.encode("utf-8") + b"\n")
            client.stdin.flush()
            try:
                ok, lines = self._replies.get(timeout=timeout)
            except queue.Empty:
                raise TerminalError(f"tmux did not answer {line!r} within {timeout} s") from None
        if not ok:
            raise TerminalError(f"tmux refused {line!r}: {' '.join(lines)}")
        return lines

    def close(self) -> None:
        if self._client is not None:
            try:
                if self._client.stdin:
                    self._client.stdin.close()
            except OSError:
                pass
            try:
                self._client.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self._client.kill()
                self._client.wait()
            self._client = None
        if self._server_started:
            self._tmux("kill-server", check=False)
            self._server_started = False

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- sessions

    def start(self, argv: Sequence[str], env: dict[str, str] | None = None) -> Run:
        """Start `argv` (exec'd directly, no shell) in a new detached session of the bench size."""
        self._counter += 1
        name = f"run{self._counter}"
        words = ["new-session", "-d", "-s", name, "-x", str(self.width), "-y", str(self.height)]
        for key, value in (env or {}).items():
            words += ["-e", _tmux_word(f"{key}={value}")]
        words += ["--", *(_tmux_word(part) for part in argv)]
        line = " ".join(words)
        started = time.perf_counter()
        self.command(line)
        run = Run(name=name, started=started)
        run.pid = self.pane_pid(run)
        return run

    def pane_pid(self, run: Run) -> int | None:
        lines = self.command(f"list-panes -t {run.name} -F '#{{pane_pid}}'")
        try:
            return int(lines[0])
        except (IndexError, ValueError):
            return None

    def screen(self, run: Run) -> str:
        return "\n".join(self.command(f"capture-pane -p -t {run.name}"))

    def send_keys(self, run: Run, *keys: str) -> None:
        self.command(f"send-keys -t {run.name} " + " ".join(_tmux_word(k) for k in keys))

    def wait_for(self, run: Run, ready: Callable[[str], bool], timeout: float = 30.0,
                 interval: float = 0.005) -> float:
        """Poll the screen until `ready(screen)`; returns perf_counter at the poll that saw it."""
        deadline = time.perf_counter() + timeout
        screen = ""
        while True:
            screen = self.screen(run)
            now = time.perf_counter()
            if ready(screen):
                return now
            if now > deadline:
                raise TerminalError(f"the screen never got ready within {timeout} s; last screen:\n{screen}")
            if run.pid is not None and not _alive(run.pid):
                raise TerminalError(f"the program exited before its screen was ready; last screen:\n{screen}")
            time.sleep(interval)

    def kill(self, run: Run, timeout: float = 5.0) -> None:
        """End the session and make sure its process (which this run started) is gone."""
        try:
            self.command(f"kill-session -t {run.name}")
        except TerminalError:
            pass
        if run.pid is None:
            return
        deadline = time.monotonic() + timeout
        killed = False
        while _alive(run.pid):
            if time.monotonic() > deadline:
                if killed:
                    raise TerminalError(f"process {run.pid} of session {run.name} survived SIGKILL")
                try:
                    os.kill(run.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                killed = True
                deadline = time.monotonic() + timeout
            time.sleep(0.01)


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    except OSError:
        return False


def peak_rss_kib(pid: int) -> int | None:
    """VmHWM (peak resident set size) of a live process, in KiB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None
