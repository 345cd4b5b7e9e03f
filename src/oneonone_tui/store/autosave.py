"""Autosave: a single writer thread that persists the newest snapshot of each session, in order.

Why not one Textual worker per keystroke: thread workers cannot be cancelled mid-write, so two
of them could race and an older snapshot land after a newer one. One thread with a latest-wins
slot per session keeps saves ordered, coalesces bursts of typing into one write, and never
blocks the screen. The UI is told of each outcome through callbacks (it marshals them onto its
own thread); nothing here touches a widget.

When a save happens: `delay` after the last change (a pause in typing), but never later than
`max_wait` after the first change that is not yet on disk. Without that cap, steady typing (a key
every 0.15 s against a 0.25 s pause) pushed the save back forever, and a kill -9 after 20 s of
typing lost all 20 s. With it, at most about `max_wait` of typing is ever only in memory.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from oneonone_tui.domain._record import record
from oneonone_tui.domain.records import Session

# A failed save is tried again no sooner than this (the disk is full or gone: do not spin on it).
RETRY_AFTER = 2.0


class SessionWriter(Protocol):
    def save(self, session: Session) -> None: ...


@record()
class _Slot:
    """The newest unsaved snapshot of one session and when it falls due."""

    session: Session
    first: float  # when the oldest change not yet on disk was submitted
    last: float  # when the newest change was submitted
    not_before: float = 0.0  # a failed save waits until then
    urgent: bool = False  # flush asked for it: write it now


class AutoSaver:
    def __init__(
        self,
        store: SessionWriter,
        *,
        delay: float = 0.25,
        max_wait: float | None = 1.0,
        on_saved: Callable[[Session], None] | None = None,
        on_failed: Callable[[Session, Exception], None] | None = None,
    ) -> None:
        """`delay`: the pause in typing that triggers a save; `max_wait`: the longest a change waits
        for one while typing goes on (None: no cap, a save only after a pause)."""
        self._store = store
        self._delay = delay
        self._max_wait = max_wait
        self._on_saved = on_saved
        self._on_failed = on_failed
        self._pending: dict[tuple[str, str], _Slot] = {}
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="oneonone-autosave", daemon=True)
        self._thread.start()

    def submit(self, session: Session) -> None:
        """Queue a snapshot; the caller must not mutate it afterwards (pass a copy)."""
        now = time.monotonic()
        key = (session.rep_id, session.week)
        with self._cond:
            slot = self._pending.get(key)
            if slot is None:
                self._pending[key] = _Slot(session, first=now, last=now)
            else:  # latest wins; the first unsaved change keeps its time, so the cap still holds
                slot.session = session
                slot.last = now
            self._cond.notify_all()

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._pending and not self._busy

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Write everything pending now; True when nothing is left unsaved."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            for slot in self._pending.values():
                slot.urgent = True
                slot.not_before = 0.0
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

    # ----- the writer thread (call with the lock held) -------------------------------------

    def _due(self, slot: _Slot) -> float:
        if slot.urgent or self._closed:
            return slot.not_before
        due = slot.last + self._delay
        if self._max_wait is not None:
            due = min(due, slot.first + self._max_wait)
        return max(due, slot.not_before)

    def _next(self) -> tuple[tuple[str, str], _Slot] | None:
        """The oldest-queued slot that is due, else wait for the next one; None when closed and done."""
        while True:
            now = time.monotonic()
            soonest: float | None = None
            for key, slot in self._pending.items():
                due = self._due(slot)
                if due <= now:
                    return key, slot
                soonest = due if soonest is None else min(soonest, due)
            if self._closed:
                # Drained, or only failing saves in their back-off: stop rather than spin on them.
                return None
            self._cond.wait(None if soonest is None else soonest - now)

    def _run(self) -> None:
        while True:
            with self._cond:
                found = self._next()
                if found is None:
                    return
                key, slot = found
                del self._pending[key]
                self._busy = True
            session = slot.session
            failure: Exception | None = None
            try:
                self._store.save(session)
            except Exception as error:  # reported to the UI; the text stays on screen and is retried
                failure = error
            with self._cond:
                if failure is not None:
                    retry_at = time.monotonic() + max(self._delay, RETRY_AFTER)
                    newer = self._pending.get(key)
                    if newer is None:  # keep the unsaved snapshot
                        slot.not_before, slot.urgent = retry_at, False
                        self._pending[key] = slot
                    else:  # a newer snapshot arrived meanwhile: it replaces the failed one
                        newer.first = min(newer.first, slot.first)
                        newer.not_before, newer.urgent = retry_at, False
                self._busy = False
                self._cond.notify_all()
            # Callbacks run after the state is settled, so `idle` is true in them when all is saved.
            if failure is not None:
                if self._on_failed:
                    self._on_failed(session, failure)
            elif self._on_saved:
                self._on_saved(session)
