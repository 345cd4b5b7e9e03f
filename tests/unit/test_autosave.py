"""The autosave thread: newest snapshot wins, order is kept, failures are retried and reported."""

from __future__ import annotations

import threading
import time

from oneonone_tui.store.autosave import AutoSaver
from oneonone_tui.domain.records import Session


class RecordingStore:
    def __init__(self, fail_times: int = 0) -> None:
        self.saved: list[Session] = []
        self.saved_at: list[float] = []  # time.monotonic() of each save that landed
        self.attempts: list[float] = []  # of every call, failed or not
        self.fail_times = fail_times
        self.lock = threading.Lock()

    def save(self, session: Session) -> None:
        with self.lock:
            self.attempts.append(time.monotonic())
            if self.fail_times:
                self.fail_times -= 1
                raise OSError(28, "No space left on device")
            self.saved.append(session)
            self.saved_at.append(time.monotonic())


def snapshot(rep: str, notes: str) -> Session:
    return Session(rep_id=rep, week="2026-W48", shared_notes=notes)


def test_a_burst_of_typing_is_coalesced_into_one_write_of_the_newest_text():
    store = RecordingStore()
    saver = AutoSaver(store, delay=0.2)
    for i in range(50):
        saver.submit(snapshot("sam", "x" * i))
    assert saver.flush()
    saver.close()
    assert [s.shared_notes for s in store.saved] == ["x" * 49]


def test_each_session_keeps_its_own_newest_snapshot():
    store = RecordingStore()
    saver = AutoSaver(store, delay=0.05)
    saver.submit(snapshot("sam", "one"))
    saver.submit(snapshot("ana", "two"))
    saver.submit(snapshot("sam", "three"))
    assert saver.flush()
    saver.close()
    assert {(s.rep_id, s.shared_notes) for s in store.saved} == {("sam", "three"), ("ana", "two")}


def test_a_failed_save_is_reported_and_retried_until_it_lands():
    store = RecordingStore(fail_times=1)
    failures: list[Exception] = []
    saver = AutoSaver(store, delay=0.01, on_failed=lambda s, e: failures.append(e))
    saver.submit(snapshot("sam", "keep me"))
    deadline = time.monotonic() + 10
    while not store.saved and time.monotonic() < deadline:
        time.sleep(0.05)
    saver.close()
    assert len(failures) == 1 and "No space" in str(failures[0])
    assert [s.shared_notes for s in store.saved] == ["keep me"]


def test_a_newer_snapshot_replaces_a_failed_one_instead_of_being_overwritten_by_it():
    store = RecordingStore(fail_times=1)
    failed = threading.Event()
    saver = AutoSaver(store, delay=0.01, on_failed=lambda s, e: failed.set())
    saver.submit(snapshot("sam", "old"))
    assert failed.wait(5)
    saver.submit(snapshot("sam", "new"))
    assert saver.flush()
    saver.close()
    assert store.saved[-1].shared_notes == "new"
    assert all(s.shared_notes != "old" for s in store.saved)


def test_flush_gives_up_after_its_timeout_when_the_disk_keeps_failing():
    store = RecordingStore(fail_times=10_000)
    saver = AutoSaver(store, delay=0.01)
    saver.submit(snapshot("sam", "text"))
    assert saver.flush(timeout=0.5) is False
    assert not saver.idle
    saver.close(timeout=0.2)


def type_steadily(saver: AutoSaver, rep: str, seconds: float, every: float = 0.05) -> tuple[float, float, str]:
    """Submit a growing text every `every` s for `seconds` s (no pause long enough for the debounce)."""
    began = time.monotonic()
    text = ""
    next_at = began
    while time.monotonic() - began < seconds:
        text += "x"
        saver.submit(snapshot(rep, text))
        next_at += every
        time.sleep(max(0.0, next_at - time.monotonic()))
    return began, time.monotonic(), text


# Scheduling slack on a loaded 2-core machine; the cap under test is 1.0 s.
SLACK = 0.6


def test_steady_typing_is_saved_at_least_every_max_wait_without_waiting_for_a_pause():
    store = RecordingStore()
    saver = AutoSaver(store, delay=0.25, max_wait=1.0)
    began, stopped, text = type_steadily(saver, "sam", 3.0)
    with store.lock:
        during = [t for t in store.saved_at if t <= stopped]
        lengths = [len(s.shared_notes) for s in store.saved]
    assert saver.flush()
    saver.close()
    # Without a cap the first save waits for the typing to stop: none would land during it.
    assert during, "no save landed while typing went on"
    gaps = [b - a for a, b in zip([began, *during], [*during, stopped])]
    assert max(gaps) <= 1.0 + SLACK, f"typing went {max(gaps):.2f} s without a save: {gaps}"
    assert len(during) >= 2
    assert lengths == sorted(lengths) and len(set(lengths)) == len(lengths)  # each save newer, in order
    assert store.saved[-1].shared_notes == text


def test_two_sessions_typed_in_turn_are_both_saved_within_the_cap():
    store = RecordingStore()
    saver = AutoSaver(store, delay=0.25, max_wait=0.5)
    began = time.monotonic()
    for i in range(40):  # 2 s, alternating reps every 0.05 s
        saver.submit(snapshot("sam" if i % 2 else "ana", "y" * i))
        time.sleep(0.05)
    stopped = time.monotonic()
    with store.lock:
        reps_saved = {s.rep_id for s, t in zip(store.saved, store.saved_at) if t <= stopped}
    assert saver.flush()
    saver.close()
    assert reps_saved == {"sam", "ana"}, f"saved while typing went on: {reps_saved} (after {stopped - began:.1f} s)"


def test_without_a_cap_steady_typing_waits_for_the_pause():
    store = RecordingStore()
    saver = AutoSaver(store, delay=0.25, max_wait=None)
    _, stopped, text = type_steadily(saver, "sam", 1.0)
    with store.lock:
        during = [t for t in store.saved_at if t <= stopped]
    assert saver.flush()
    saver.close()
    assert during == []
    assert [s.shared_notes for s in store.saved] == [text]


def test_a_failing_disk_is_retried_no_more_than_every_two_seconds_while_typing_goes_on():
    store = RecordingStore(fail_times=10_000)
    failures: list[Exception] = []
    saver = AutoSaver(store, delay=0.25, max_wait=1.0, on_failed=lambda s, e: failures.append(e))
    type_steadily(saver, "sam", 3.0)
    with store.lock:
        attempts = list(store.attempts)
    saver.close(timeout=0.2)
    # The cap does not override the back-off: the first try at ~1 s, the next no sooner than 2 s after.
    assert 1 <= len(attempts) <= 2, attempts
    assert all(b - a >= 2.0 for a, b in zip(attempts, attempts[1:]))
    assert len(failures) == len(store.attempts)  # each failure reported (close's flush tried once more)


def test_closing_with_a_failing_disk_stops_the_thread_instead_of_retrying_in_a_loop():
    store = RecordingStore(fail_times=10_000)
    saver = AutoSaver(store, delay=0.01)
    saver.submit(snapshot("sam", "text"))
    assert saver.close(timeout=0.5) is False
    assert not saver._thread.is_alive()
    with store.lock:
        assert len(store.attempts) <= 2, f"{len(store.attempts)} tries in 0.5 s"
    assert not saver.idle  # the text was not saved, and says so
