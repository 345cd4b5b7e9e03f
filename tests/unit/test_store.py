"""The session store: partitions by ISO week, atomic writes, backups, the writer lock, schema versions."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from tinydb import TinyDB

from oneonone_tui.store import files as store_files
from oneonone_tui.store import store as store_module
from oneonone_tui.domain.records import Commitment, MetricEntry, Review, Session, SessionState, Verdict
from oneonone_tui.store import (
    CorruptDatabase,
    DatabaseInUse,
    DatabaseMissing,
    NewerSchema,
    NotADatabase,
    SaveFailed,
    Store,
    StoreError,
    corrupt_files,
    restore_newest_backup,
)

W1, W2, W3, W4 = "2026-W45", "2026-W46", "2026-W47", "2026-W48"


def session(rep: str = "ana", week: str = W4, notes: str = "", **extra) -> Session:
    return Session(rep_id=rep, week=week, shared_notes=notes, **extra)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def store(db: Path):
    with Store.open(db) as opened:
        yield opened


def week_file(db: Path, week: str) -> Path:
    return db / "weeks" / f"{week}.json"


def temp_files(db: Path) -> list[Path]:
    return [p for p in db.rglob("*") if ".tmp-" in p.name]


def write_meta(db: Path, schema: int) -> None:
    db.mkdir(parents=True, exist_ok=True)
    (db / "meta.json").write_text(json.dumps({"meta": {"1": {"schema": schema, "created_at": "2020-01-01T00:00:00+00:00",
                                                             "app_version": "0.0.1"}}}))


# ---------------------------------------------------------------------------- round trip, layout


def test_a_saved_session_reads_back_the_same_after_reopening(db: Path) -> None:
    original = Session(
        rep_id="ana", week=W4, state=SessionState.DONE,
        entries={"calls": MetricEntry(metric_id="calls", actual=41.5, answer="Zoë was out — «sick»", skill="discovery")},
        commitments=[Commitment(id="c1", text="re-engage 5 stalled opps", due=date(2026, 11, 27), made_week=W4, number=5)],
        reviews={"c0": Review(commitment_id="c0", verdict=Verdict.PARTLY, outcome="3 of 5")},
        shared_notes="emoji 🚀 and\nnewlines", private_notes="ñ", seconds_spent=1234,
        started_at=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc),
    )
    with Store.open(db) as store:
        store.save(original)
        assert store.get("ana", W4) == original
    with Store.open(db) as store:
        assert store.get("ana", W4) == original
        assert store.week(W4) == {"ana": original}
        assert store.get("bob", W4) is None
        assert store.week(W1) == {}


def test_the_files_are_plain_tinydb_databases(store: Store, db: Path) -> None:
    store.save(session("ana", notes="hello"))
    store.save(session("bob", notes="world"))
    stock = TinyDB(week_file(db, W4), access_mode="r")
    assert sorted(doc["rep_id"] for doc in stock.table("sessions").all()) == ["ana", "bob"]
    meta = TinyDB(db / "meta.json", access_mode="r").table("meta").all()
    assert meta[0]["schema"] == Store.SCHEMA_VERSION and meta[0]["app_version"] and meta[0]["created_at"]


def test_files_are_utf8_json(store: Store, db: Path) -> None:
    store.save(session(notes="Zoë 🚀"))
    raw = week_file(db, W4).read_bytes()
    assert "Zoë 🚀".encode() in raw
    json.loads(raw.decode("utf-8"))


def test_saving_a_session_rewrites_only_that_weeks_file(store: Store, db: Path) -> None:
    for week in (W1, W2, W3, W4):
        store.save(session("ana", week))
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (db / "weeks").iterdir()}
    meta_before = (db / "meta.json").stat()

    store.save(session("ana", W3, notes="typing..."))
    store.save(session("bob", W3))

    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (db / "weeks").iterdir()}
    changed = {p.name for p in after if after[p] != before[p]}
    assert changed == {f"{W3}.json"}
    assert (db / "meta.json").stat().st_ino == meta_before.st_ino
    assert (db / "meta.json").stat().st_mtime_ns == meta_before.st_mtime_ns


def test_weeks_follows_new_partitions_even_within_one_clock_tick(store: Store) -> None:
    for n, week in enumerate(("2025-W01", "2025-W02", "2025-W03", "2025-W04", "2025-W05")):
        assert len(store.weeks()) == n
        store.save(session("ana", week))
        assert len(store.weeks()) == n + 1


def test_weeks_lists_partitions_sorted_and_ignores_other_files(store: Store, db: Path) -> None:
    for week in (W3, "2025-W52", W1):
        store.save(session("ana", week))
    (db / "weeks" / f".{W4}.json.tmp-1-abcd").write_text("{}")
    (db / "weeks" / f"{W2}.json.corrupt-20260101T000000Z").write_text("x")
    (db / "weeks" / "notes.txt").write_text("x")
    assert store.weeks() == ["2025-W52", W1, W3]


def test_the_returned_sessions_are_copies(store: Store) -> None:
    store.save(session("ana", notes="saved"))
    got = store.get("ana", W4)
    got.shared_notes = "edited but not saved"
    got.entry("calls").actual = 3
    assert store.get("ana", W4).shared_notes == "saved"
    assert store.week(W4)["ana"].entries == {}


def test_save_week_writes_many_sessions_in_one_write_and_keeps_other_reps(store: Store, db: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(session("zed", notes="kept"))
    writes = []
    real = store_files._atomic_write
    monkeypatch.setattr(store_files, "_atomic_write", lambda *a: writes.append(a[0]) or real(*a))
    store.save_week(W4, [session(f"rep{i}", notes=str(i)) for i in range(16)])
    assert writes == [week_file(db, W4)]
    assert len(store.week(W4)) == 17 and store.get("zed", W4).shared_notes == "kept"
    with pytest.raises(ValueError):
        store.save_week(W4, [session("ana", W3)])


def test_an_invalid_week_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.get("ana", "../../etc/passwd")
    with pytest.raises(ValueError):
        store.save(session("ana", "2026-W99"))


def test_the_team_snapshot_round_trips_and_an_unchanged_team_is_not_rewritten(db: Path, team) -> None:
    with Store.open(db) as store:
        assert store.team() is None
        store.save_team(team)
        inode = (db / "meta.json").stat().st_ino
        store.save_team(team)
        assert (db / "meta.json").stat().st_ino == inode
    with Store.open(db) as store:
        assert store.team() == team


# ---------------------------------------------------------------------------- history lookups


def test_latest_before_is_the_most_recent_session_strictly_before_the_week(store: Store) -> None:
    store.save(session("ana", W1, notes="w1"))
    store.save(session("ana", W2, notes="w2"))
    store.save(session("bob", W3))
    store.save(session("ana", W4, notes="w4"))
    assert store.latest_before("ana", W4).shared_notes == "w2"
    assert store.latest_before("ana", W3).shared_notes == "w2"
    assert store.latest_before("ana", W1) is None
    assert store.latest_before("bob", W3) is None
    assert store.latest_before("ana", "2027-W10").shared_notes == "w4"


def test_history_is_most_recent_first_and_limited(store: Store) -> None:
    for week in (W1, W2, W3, W4):
        store.save(session("ana", week, notes=week))
    assert [s.week for s in store.history("ana", W4, 10)] == [W3, W2, W1]
    assert [s.week for s in store.history("ana", W4, 2)] == [W3, W2]
    assert store.history("ana", W4, 0) == []
    assert store.history("nobody", W4, 5) == []


def test_history_lookups_read_only_the_partitions_they_need(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db) as store:
        for week in (W1, W2, W3, W4):
            store.save(session("ana", week))
    week_file(db, W1).write_bytes(b"{damaged")  # an old week nobody needs to read
    reads = []
    real = store_module._read_partition
    monkeypatch.setattr(store_module, "_read_partition", lambda path, week: reads.append(week) or real(path, week))
    with Store.open(db) as store:
        assert store.latest_before("ana", W4).week == W3
        assert reads == [W3]
        assert [s.week for s in store.history("ana", W4, 2)] == [W3, W2]
        assert reads == [W3, W2]  # W3 came from the cache


# ---------------------------------------------------------------------------- modes


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_the_database_is_owner_only_whatever_the_umask(db: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        with Store.open(db) as store:
            store.save(session("ana", W4))
            store.save(session("ana", W4, notes="again"))
            store._save_team_data({"name": "East"})
    finally:
        os.umask(old)
    for path in [db, *db.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), path
    assert {p.name for p in db.iterdir()} == {"meta.json", "lock", "weeks", "backups"}


def test_an_existing_loose_directory_is_tightened(db: Path) -> None:
    db.mkdir(mode=0o755)
    db.chmod(0o755)
    Store.open(db).close()
    assert db.stat().st_mode & 0o777 == 0o700


# ---------------------------------------------------------------------------- backups


def test_backups_keep_the_previous_versions_newest_first_and_at_most_three(store: Store, db: Path) -> None:
    for n in range(6):
        store.save(session("ana", notes=f"v{n}"))
    backups = sorted(p.name for p in (db / "backups").iterdir() if p.name.startswith(W4))
    assert backups == [f"{W4}.json.1", f"{W4}.json.2", f"{W4}.json.3"]
    for number, expected in ((1, "v4"), (2, "v3"), (3, "v2")):
        data = json.loads((db / "backups" / f"{W4}.json.{number}").read_text())
        assert data["sessions"]["1"]["shared_notes"] == expected


def test_a_backup_is_the_previous_file_itself_not_a_copy(store: Store, db: Path) -> None:
    store.save(session("ana", notes="first"))
    inode = week_file(db, W4).stat().st_ino
    store.save(session("ana", notes="second"))
    assert (db / "backups" / f"{W4}.json.1").stat().st_ino == inode


# ---------------------------------------------------------------------------- damaged files

DAMAGE = {
    "empty": b"",
    "truncated": b'{"sessions": {"1": {"rep_id": "ana", "week": "2026-W48", "shared_no',
    "not utf-8": b'{"sessions": {"1": {"rep_id": "\xff\xfe"}}}',
    "not an object": b"[1, 2, 3]\n",
    "table not an object": b'{"sessions": [1]}',
    "not a session": b'{"sessions": {"1": {"rep_id": "ana", "week": "2026-W48", "state": "exploded"}}}',
    "wrong week inside": b'{"sessions": {"1": {"rep_id": "ana", "week": "2026-W01"}}}',
    "bad document id": b'{"sessions": {"one": {"rep_id": "ana", "week": "2026-W48"}}}',
    "rep twice": (b'{"sessions": {"1": {"rep_id": "ana", "week": "2026-W48"}, '
                  b'"2": {"rep_id": "ana", "week": "2026-W48"}}}'),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_week_is_reported_and_never_overwritten(db: Path, damage: bytes) -> None:
    with Store.open(db) as store:
        store.save(session("ana", W3, notes="other week"))
        for notes in ("good", "better", "best"):
            store.save(session("ana", W4, notes=notes))
    week_file(db, W4).write_bytes(damage)

    with Store.open(db) as store:
        with pytest.raises(CorruptDatabase) as caught:
            store.week(W4)
        error = caught.value
        assert error.file == week_file(db, W4)
        assert str(week_file(db, W4)) in str(error) and error.detail in str(error)
        assert "oneonone restore --db" in str(error) and str(db) in str(error)
        assert str(error) == error.message
        assert error.backups == [db / "backups" / f"{W4}.json.1", db / "backups" / f"{W4}.json.2"]
        with pytest.raises(CorruptDatabase):
            store.get("bob", W4)
        with pytest.raises(CorruptDatabase):
            store.save(session("ana", W4, notes="would clobber"))
        with pytest.raises(CorruptDatabase):
            store.save_week(W4, [session("bob", W4)])
        assert store.get("ana", W3).shared_notes == "other week"  # the rest of the database still works
        assert [p.file for p in store.verify()] == [week_file(db, W4)]
    assert week_file(db, W4).read_bytes() == damage


def test_the_error_lists_only_backups_that_read_newest_first(store: Store, db: Path) -> None:
    for n in range(4):
        store.save(session("ana", notes=f"v{n}"))
    (db / "backups" / f"{W4}.json.1").write_bytes(b"{")
    week_file(db, W4).write_bytes(b"")
    with pytest.raises(CorruptDatabase) as caught:
        store.get("ana", W4)
    assert caught.value.backups == [db / "backups" / f"{W4}.json.2", db / "backups" / f"{W4}.json.3"]
    assert "empty" in caught.value.detail


def test_a_damaged_file_without_good_backups_says_so(store: Store, db: Path) -> None:
    store.save(session("ana"))
    week_file(db, W4).write_bytes(b"\x00\x00")
    with pytest.raises(CorruptDatabase) as caught:
        store.get("ana", W4)
    assert caught.value.backups == []
    assert "no good backup" in str(caught.value)


def test_a_damaged_meta_file_stops_the_open(db: Path) -> None:
    with Store.open(db) as store:
        store._save_team_data({"name": "East"})
    (db / "meta.json").write_bytes(b'{"meta": {"1": {"schema": "one"}}}')
    with pytest.raises(CorruptDatabase) as caught:
        Store.open(db)
    assert caught.value.file == db / "meta.json"
    assert caught.value.backups == [db / "backups" / "meta.json.1"]
    with pytest.raises(CorruptDatabase):
        Store.open(db, read_only=True)
    restore_newest_backup(db, db / "meta.json")  # the failed opens let go of the lock
    Store.open(db).close()


def test_a_missing_meta_file_beside_sessions_is_damage_not_a_new_database(db: Path) -> None:
    with Store.open(db) as store:
        store.save(session())
    (db / "meta.json").unlink()
    with pytest.raises(CorruptDatabase) as caught:
        Store.open(db)
    assert caught.value.file == db / "meta.json" and "missing" in caught.value.detail
    assert not (db / "meta.json").exists()


def test_corrupt_files_finds_every_damaged_file(db: Path) -> None:
    with Store.open(db) as store:
        for week in (W1, W2, W3):
            store.save(session("ana", week))
            store.save(session("ana", week, notes="2"))
    week_file(db, W1).write_bytes(b"")
    week_file(db, W3).write_bytes(b"nope")
    found = corrupt_files(db)
    assert [p.file for p in found] == [week_file(db, W1), week_file(db, W3)]
    assert all(p.backups for p in found)
    with pytest.raises(DatabaseMissing):
        corrupt_files(db.parent / "nowhere")


def test_restore_puts_back_the_newest_good_backup_and_keeps_the_damaged_file_aside(db: Path) -> None:
    with Store.open(db) as store:
        store.save(session("ana", notes="old"))
        store.save(session("ana", notes="newest good"))
    week_file(db, W4).write_bytes(b'{"sessions": {"1": {"rep_id": "an')
    good = db / "backups" / f"{W4}.json.1"
    good_bytes = good.read_bytes()

    used = restore_newest_backup(db, week_file(db, W4))

    assert used == good
    assert week_file(db, W4).read_bytes() == good_bytes
    aside = [p for p in (db / "weeks").iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].name.startswith(f"{W4}.json.corrupt-")
    assert aside[0].read_bytes() == b'{"sessions": {"1": {"rep_id": "an'
    assert aside[0].stat().st_mode & 0o777 == 0o600
    assert week_file(db, W4).stat().st_mode & 0o777 == 0o600
    assert corrupt_files(db) == []
    with Store.open(db) as store:
        assert store.get("ana", W4).shared_notes == "old"  # .1 held the version before "newest good"
        assert store.weeks() == [W4]


def test_restore_refuses_a_file_that_reads_cleanly(store: Store, db: Path) -> None:
    store.save(session())
    store.save(session(notes="2"))
    store.close()
    with pytest.raises(StoreError, match="reads cleanly"):
        restore_newest_backup(db, week_file(db, W4))


def test_restore_without_a_good_backup_changes_nothing(store: Store, db: Path) -> None:
    store.save(session())
    store.close()
    week_file(db, W4).write_bytes(b"")
    with pytest.raises(StoreError, match="no good backup"):
        restore_newest_backup(db, week_file(db, W4))
    assert week_file(db, W4).read_bytes() == b""


def test_restore_waits_for_the_app_to_be_closed(store: Store, db: Path) -> None:
    store.save(session())
    store.save(session(notes="2"))
    week_file(db, W4).write_bytes(b"")
    with pytest.raises(DatabaseInUse):
        restore_newest_backup(db, week_file(db, W4))
    assert week_file(db, W4).read_bytes() == b""


def test_a_restored_week_is_read_again_by_an_open_viewer(store: Store, db: Path) -> None:
    store.save(session(notes="one"))
    store.save(session(notes="two"))
    store.close()
    week_file(db, W4).write_bytes(b"")
    with Store.open(db, read_only=True) as viewer:
        with pytest.raises(CorruptDatabase):
            viewer.get("ana", W4)
        restore_newest_backup(db, week_file(db, W4))
        assert viewer.get("ana", W4).shared_notes == "one"


# ---------------------------------------------------------------------------- failed writes


def _fd_in(fd: int, root: Path) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}").startswith(str(root))
    except OSError:
        return False


def _failing(step: str, code: int, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make one file-system step fail with `code` for files under `root` only."""
    name = step.replace("partial_", "").replace("_dir", "")
    real = getattr(os, name)
    boom = OSError(code, os.strerror(code))

    def fail_write(fd, data):
        if _fd_in(fd, root):
            raise boom
        return real(fd, data)

    def fail_partial_write(fd, data):
        if _fd_in(fd, root):
            if len(data) > 10:
                return real(fd, bytes(data[:10]))
            raise boom
        return real(fd, data)

    def fail_fsync(fd):
        if _fd_in(fd, root) and not os.path.isdir(os.readlink(f"/proc/self/fd/{fd}")):
            raise boom
        return real(fd)

    def fail_fsync_dir(fd):
        if _fd_in(fd, root) and os.path.isdir(os.readlink(f"/proc/self/fd/{fd}")):
            raise boom
        return real(fd)

    def fail_path(*args, **kwargs):
        if str(root) in str(args[0]) and ".tmp-" in str(args[0]):
            raise boom
        return real(*args, **kwargs)

    def fail_link(src, dst, *args, **kwargs):
        if str(root) in str(src):
            raise boom
        return real(src, dst, *args, **kwargs)

    fake = {"write": fail_write, "partial_write": fail_partial_write, "fsync": fail_fsync,
            "fsync_dir": fail_fsync_dir, "replace": fail_path, "open": fail_path, "link": fail_link}[step]
    monkeypatch.setattr(os, name, fake)


STEPS = ["open", "write", "partial_write", "fsync", "link", "replace"]
CODES = {"ENOSPC": errno.ENOSPC, "EACCES": errno.EACCES, "EROFS": errno.EROFS, "EIO": errno.EIO}


@pytest.mark.parametrize("code", CODES.values(), ids=CODES.keys())
@pytest.mark.parametrize("step", STEPS)
def test_a_failed_save_leaves_the_previous_file_intact(db: Path, step: str, code: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db) as store:
        store.save(session("ana", notes="saved before"))
        store.save(session("bob", notes="saved before"))
        before = {p: p.read_bytes() for p in db.rglob("*") if p.is_file()}

        with monkeypatch.context() as patch:
            _failing(step, code, db, patch)
            with pytest.raises(SaveFailed) as caught:
                store.save(session("ana", notes="typed but not saved"))

        assert {p: p.read_bytes() for p in db.rglob("*") if p.is_file()} == before
        assert temp_files(db) == []
        error = caught.value
        assert str(week_file(db, W4)) in str(error) and "still on screen" in str(error)
        assert error.errno == code and error.file == week_file(db, W4)
        assert store.get("ana", W4).shared_notes == "saved before"  # nothing claims the failed text was saved

        store.save(session("ana", notes="typed, saved on retry"))
    with Store.open(db) as store:
        assert store.get("ana", W4).shared_notes == "typed, saved on retry"
        assert store.get("bob", W4).shared_notes == "saved before"


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "disk is full"), (errno.EACCES, "permission denied"),
                                        (errno.EROFS, "read-only")])
def test_the_failure_message_says_what_happened(store: Store, db: Path, code: int, words: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(session())
    _failing("write", code, db, monkeypatch)
    with pytest.raises(SaveFailed, match=words):
        store.save(session(notes="x"))


def test_a_failed_first_save_of_a_week_leaves_no_file(store: Store, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _failing("fsync", errno.ENOSPC, db, monkeypatch)
    with pytest.raises(SaveFailed):
        store.save(session("ana", W1))
    assert not week_file(db, W1).exists() and store.weeks() == [] and temp_files(db) == []
    assert store.get("ana", W1) is None


def test_a_failed_directory_sync_reports_failure_and_a_retry_saves(store: Store, db: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(session(notes="v1"))
    with monkeypatch.context() as patch:
        _failing("fsync_dir", errno.EIO, db, patch)
        with pytest.raises(SaveFailed, match="may not be on disk"):
            store.save(session(notes="v2"))
    store.save(session(notes="v3"))
    assert store.get("ana", W4).shared_notes == "v3"
    assert store.verify() == []


# ---------------------------------------------------------------------------- the writer lock

HOLDER = """
import sys
from pathlib import Path
from oneonone_tui.store import Store
store = Store.open(Path(sys.argv[1]))
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def holder(db: Path):
    """Another process holding the database open for writing."""
    with Store.open(db) as store:
        store.save(session("ana", notes="from before"))
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait()


def test_a_second_writer_is_refused_with_the_holders_pid(db: Path, holder: subprocess.Popen) -> None:
    with pytest.raises(DatabaseInUse) as caught:
        Store.open(db)
    assert caught.value.pid == holder.pid
    assert caught.value.path == db
    assert f"in use by process {holder.pid}" in str(caught.value) and "--read-only" in str(caught.value)
    assert (db / "lock").read_text().strip() == str(holder.pid)


def test_a_read_only_open_works_while_another_window_writes_and_refuses_saves(db: Path,
                                                                              holder: subprocess.Popen) -> None:
    with Store.open(db, read_only=True) as viewer:
        assert viewer.read_only
        assert viewer.get("ana", W4).shared_notes == "from before"
        with pytest.raises(SaveFailed, match="read-only"):
            viewer.save(session("ana", notes="x"))
        with pytest.raises(StoreError):
            viewer.save_week(W4, [session("ana")])
        with pytest.raises(StoreError):
            viewer._save_team_data({"name": "x"})
    assert json.loads(week_file(db, W4).read_text())["sessions"]["1"]["shared_notes"] == "from before"


def test_the_lock_is_released_when_the_holder_dies(db: Path, holder: subprocess.Popen) -> None:
    holder.kill()
    holder.wait()
    with Store.open(db) as store:
        assert store.get("ana", W4).shared_notes == "from before"


def test_a_second_open_in_the_same_process_is_refused_too(store: Store, db: Path) -> None:
    with pytest.raises(DatabaseInUse) as caught:
        Store.open(db)
    assert caught.value.pid == os.getpid()
    store.save(session())  # the first one still works
    store.close()
    Store.open(db).close()  # and closing released the lock


def test_a_closed_store_refuses_use(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError):
        store.get("ana", W4)
    with pytest.raises(StoreError):
        store.save(session())


def test_a_read_only_viewer_sees_later_saves_of_the_writer(store: Store, db: Path) -> None:
    store.save(session(notes="one"))
    with Store.open(db, read_only=True) as viewer:
        assert viewer.get("ana", W4).shared_notes == "one"
        assert viewer.weeks() == [W4]
        store.save(session(notes="two"))
        store.save(session("ana", W1))
        assert viewer.get("ana", W4).shared_notes == "two"
        assert viewer.weeks() == [W1, W4]


# ---------------------------------------------------------------------------- what --db points at


def test_a_regular_file_is_not_a_database(tmp_path: Path) -> None:
    file = tmp_path / "notes.json"
    file.write_text("{}")
    for read_only in (False, True):
        with pytest.raises(NotADatabase) as caught:
            Store.open(file, read_only=read_only)
        assert str(file) in str(caught.value)
    assert file.read_text() == "{}"


def test_a_directory_of_other_files_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"meow")
    with pytest.raises(NotADatabase, match="cat.jpg"):
        Store.open(tmp_path / "photos")
    assert sorted(p.name for p in (tmp_path / "photos").iterdir()) == ["cat.jpg"]


def test_an_empty_directory_becomes_a_database(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with Store.open(tmp_path / "empty") as store:
        store.save(session())
    assert (tmp_path / "empty" / "meta.json").exists()


def test_a_read_only_open_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        Store.open(tmp_path / "typo", read_only=True)
    assert not (tmp_path / "typo").exists()


# ---------------------------------------------------------------------------- schema versions


def test_a_database_from_a_newer_app_is_refused(db: Path) -> None:
    write_meta(db, Store.SCHEMA_VERSION + 1)
    for read_only in (False, True):
        with pytest.raises(NewerSchema, match="upgrade oneonone") as caught:
            Store.open(db, read_only=read_only)
        assert caught.value.found == Store.SCHEMA_VERSION + 1
    Path(db / "meta.json").read_text()  # untouched
    assert json.loads((db / "meta.json").read_text())["meta"]["1"]["schema"] == Store.SCHEMA_VERSION + 1
    # and the failed open let go of the lock
    write_meta(db, Store.SCHEMA_VERSION)
    Store.open(db).close()


def test_an_older_database_is_upgraded_one_step_at_a_time(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_meta(db, 0)
    (db / "weeks").mkdir()
    week_file(db, W4).write_text(json.dumps({"sessions": {"1": {"rep": "ana", "week": W4, "notes": "v0 shape"}}}))
    calls = []

    def v0_to_v1(path: Path) -> None:
        calls.append(path)
        for file in (path / "weeks").glob("*.json"):
            tables = json.loads(file.read_text())
            for doc in tables["sessions"].values():
                doc["rep_id"] = doc.pop("rep")
                doc["shared_notes"] = doc.pop("notes")
            store_module.write_database_file(path, file, tables)

    monkeypatch.setitem(store_module.MIGRATIONS, 0, v0_to_v1)
    with Store.open(db) as store:
        assert store.get("ana", W4).shared_notes == "v0 shape"
    assert calls == [db]
    meta = json.loads((db / "meta.json").read_text())["meta"]["1"]
    assert meta["schema"] == 1 and meta["created_at"].startswith("2020")
    with Store.open(db):
        pass
    assert calls == [db]  # not again


def test_migrations_run_in_order_up_to_the_current_schema(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_meta(db, 1)
    steps = []
    monkeypatch.setattr(Store, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(store_module.MIGRATIONS, 2, lambda path: steps.append(2))
    monkeypatch.setitem(store_module.MIGRATIONS, 1, lambda path: steps.append(1))
    Store.open(db).close()
    assert steps == [1, 2]
    assert json.loads((db / "meta.json").read_text())["meta"]["1"]["schema"] == 3


def test_an_older_database_without_an_upgrade_path_is_refused(db: Path) -> None:
    write_meta(db, 0)
    with pytest.raises(StoreError, match="no upgrade"):
        Store.open(db)


def test_a_read_only_open_does_not_upgrade(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_meta(db, 0)
    monkeypatch.setitem(store_module.MIGRATIONS, 0, lambda path: pytest.fail("migrated read-only"))
    with pytest.raises(StoreError, match="without --read-only"):
        Store.open(db, read_only=True)


def test_a_new_database_records_the_schema_version(store: Store, db: Path) -> None:
    meta = json.loads((db / "meta.json").read_text())["meta"]["1"]
    assert meta["schema"] == Store.SCHEMA_VERSION == 1
    assert store_module.MIGRATIONS == {}


# ---------------------------------------------------------------------------- crashes, threads


def test_temp_files_left_by_a_crash_are_ignored_and_removed_at_open(db: Path) -> None:
    with Store.open(db) as store:
        store.save(session(notes="real"))
    stale = [db / "weeks" / f".{W4}.json.tmp-999-dead", db / "weeks" / f".{W3}.json.tmp-999-beef",
             db / "backups" / f".{W4}.json.1.tmp-999-cafe", db / ".meta.json.tmp-999-f00d"]
    for path in stale:
        path.write_bytes(b"half a fi")
    with Store.open(db, read_only=True) as viewer:  # a reader never deletes anything
        assert viewer.weeks() == [W4] and viewer.get("ana", W4).shared_notes == "real"
        assert viewer.verify() == []
    assert all(path.exists() for path in stale)
    with Store.open(db) as store:
        assert store.get("ana", W4).shared_notes == "real"
    assert temp_files(db) == []


def test_concurrent_saves_from_threads_all_land(store: Store, db: Path) -> None:
    reps = [f"rep{i:02d}" for i in range(16)]
    errors = []

    def typist(rep: str) -> None:
        try:
            for n in range(15):
                store.save(session(rep, notes=f"{rep} {n}"))
                store.week(W4)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=typist, args=(rep,)) for rep in reps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert {rep: s.shared_notes for rep, s in store.week(W4).items()} == {rep: f"{rep} 14" for rep in reps}
    with Store.open(db, read_only=True) as viewer:
        assert len(viewer.week(W4)) == 16
        assert viewer.verify() == []


def test_rep_ids_names_whose_sessions_a_week_holds_without_decoding_them(store: Store, monkeypatch) -> None:
    store.save(Session(rep_id="maya", week="2026-W47"))
    store.save(Session(rep_id="tomasz", week="2026-W47"))
    store.save(Session(rep_id="maya", week="2026-W48"))

    def no_decoding(doc):
        raise AssertionError("rep_ids decoded a session")

    monkeypatch.setattr(store_module, "decode_session", no_decoding)
    assert store.rep_ids("2026-W47") == {"maya", "tomasz"}
    assert store.rep_ids("2026-W48") == {"maya"}
    assert store.rep_ids("2026-W40") == set()


def test_a_session_is_decoded_once_on_its_first_read_and_every_read_gives_an_unshared_object(db: Path, monkeypatch) -> None:
    with Store.open(db) as writer:
        writer.save(Session(rep_id="maya", week="2026-W47", shared_notes="first"))
    calls = []
    real = store_files.decode_session

    def counting(doc, path="session"):
        calls.append(path)
        return real(doc, path)

    monkeypatch.setattr(store_files, "decode_session", counting)
    with Store.open(db, read_only=True) as reader:
        first = reader.get("maya", "2026-W47")
        assert len(calls) == 1, "the read that proves the file reads gives the first reader its session"
        first.shared_notes = "changed by a caller"
        first.entry("calls").actual = 5
        second = reader.get("maya", "2026-W47")
        assert second is not first and second.shared_notes == "first" and not second.entries
        assert [s.shared_notes for s in reader.iter_history("maya", "2026-W48")] == ["first"]
        assert reader.week("2026-W47")["maya"].shared_notes == "first"


def test_a_week_read_without_keeping_gives_the_same_sessions_and_fills_no_cache(tmp_path):
    """`week(w, keep=False)`: what a one-pass reader (export) uses; the cache stays as it was."""
    from oneonone_tui.demo import generate
    from oneonone_tui.teamfile import load_team

    team = load_team(Path("sample_team.json"))
    with Store.open(tmp_path / "db") as store:
        generate(team, store, weeks=3, reps=None, seed=7, until_week="2026-W47")
    with Store.open(tmp_path / "db", read_only=True) as store:
        weeks = store.weeks()
        unkept = {week: store.week(week, keep=False) for week in weeks}
        assert store._cache == {}
        assert unkept == {week: store.week(week) for week in weeks}  # read again, kept this time
        assert set(store._cache) == set(weeks)
        assert store.week(weeks[0], keep=False) == unkept[weeks[0]]  # a kept week is used as it is
        assert set(store._cache) == set(weeks)
