"""Autosave: a single writer thread that persists the newest snapshot of each session, in order.

Why not one Textual worker per keystroke: thread workers cannot be cancelled mid-write, so two
of them could race and an older snapshot land after a newer one. One thread with a latest-wins
slot per session keeps saves ordered, coalesces bursts of typing into one write, and never
blocks the screen. The UI is told of each outcome through callbacks (it marshals them onto its
own thread); nothing here touches a widget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from oneonone_tui.models import Session


class SessionWriter(Protocol):
    def save(self, session: Session) -> None: ...


class AutoSaver:
    def __init__(
        self,
        store: SessionWriter,
        *,
        delay: float = 0.25,
        on_saved: Callable[[Session], None] | None = None,
        on_failed: Callable[[Session, Exception], None] | None = None,
    ) -> None:
        self._store = store
        self._delay = delay
        self._on_saved = on_saved
        self._on_failed = on_failed
        self._pending: dict[tuple[str, str], Session] = {}
        self._due = 0.0
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="oneonone-autosave", daemon=True)
        self._thread.start()

    def submit(self, session: Session) -> None:
        """Queue a snapshot; the caller must not mutate it afterwards (pass a copy)."""
        with self._cond:
            self._pending[(session.rep_id, session.week)] = session
            self._due = time.monotonic() + self._delay
            self._cond.notify_all()

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._pending and not self._busy

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Write everything pending now; True when nothing is left unsaved."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._due = 0.0
            self._cond.notify_all()
            while self._pending or self._busy:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def close(self, timeout: float | None = 10.0) -> bool:
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed and (not self._pending or time.monotonic() < self._due):
                    wait = None if not self._pending else max(0.0, self._due - time.monotonic())
                    self._cond.wait(wait)
                if not self._pending:  # closed and drained
                    return
                key = next(iter(self._pending))
                session = self._pending.pop(key)
                self._busy = True
            failure: Exception | None = None
            try:
                self._store.save(session)
            except Exception as error:  # reported to the UI; the text stays on screen and is retried
                failure = error
            with self._cond:
                if failure is not None:
                    # Keep the unsaved snapshot unless a newer one arrived meanwhile.
                    self._pending.setdefault(key, session)
                    self._due = time.monotonic() + max(self._delay, 2.0)
                self._busy = False
                self._cond.notify_all()
            # Callbacks run after the state is settled, so `idle` is true in them when all is saved.
            if failure is not None:
                if self._on_failed:
                    self._on_failed(session, failure)
            elif self._on_saved:
                self._on_saved(session)
