"""The autosave thread: newest snapshot wins, order is kept, failures are retried and reported."""

from __future__ import annotations

import threading
import time

from oneonone_tui.autosave import AutoSaver
from oneonone_tui.models import Session


class RecordingStore:
    def __init__(self, fail_times: int = 0) -> None:
        self.saved: list[Session] = []
        self.fail_times = fail_times
        self.lock = threading.Lock()

    def save(self, session: Session) -> None:
        with self.lock:
            if self.fail_times:
                self.fail_times -= 1
                raise OSError(28, "No space left on device")
            self.saved.append(session)


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
