"""Nothing outside the database is touched, and nothing in it hangs or crashes the app.

Links inside a database are never followed (the lock, weeks/, backups/, meta.json, week files,
backups), FIFOs are never opened for a blocking read, modes are only set on what the app made,
stored sessions with numbers the screens cannot use are damage, and `oneonone restore` reports
what it could not do with exit code 2.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from oneonone_tui import cli
from oneonone_tui.domain.records import Commitment, MetricEntry, Session, SessionState
from oneonone_tui.store import CorruptDatabase, Store, StoreError, corrupt_files, restore_newest_backup
from oneonone_tui.store.codec import encode_commitment, encode_session

W3, W4 = "2026-W47", "2026-W48"
TIMEOUT = 60  # a FIFO read that blocks hits this and fails the test instead of hanging it


def session(rep: str = "ana", week: str = W4, notes: str = "", **extra) -> Session:
    return Session(rep_id=rep, week=week, shared_notes=notes, **extra)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database holding W4 and meta.json with two versions each (so backups/ has a good .1), and W3."""
    path = tmp_path / "sessions"
    with Store.open(path) as store:
        store._save_team_data({"name": "first"})
        store.save(session(notes="v1"))
        store.save(session(notes="v2"))
        store.save(session(week=W3, notes="older"))
    return path


def week_file(db: Path, week: str = W4) -> Path:
    return db / "weeks" / f"{week}.json"


def fingerprint(root: Path) -> dict[str, tuple[int, bytes | None]]:
    """Mode and bytes of `root` and everything under it (not following links)."""
    seen = {}
    for path in [root, *sorted(root.rglob("*"))]:
        st = path.lstat()
        seen[str(path)] = (stat.S_IMODE(st.st_mode), path.read_bytes() if stat.S_ISREG(st.st_mode) else None)
    return seen


def use_every_way(db: Path) -> None:
    """Open, read, save, verify and restore, as the app and `oneonone restore` would; errors are expected."""
    try:
        with Store.open(db) as store:
            for week in (W3, W4, "2026-W49"):
                for call in (lambda: store.week(week), lambda: store.save(session(week=week, notes="new")),
                             lambda: store.save(session("bo", week=week, notes="new"))):
                    try:
                        call()
                    except StoreError:
                        pass
            for problem in store.verify():
                try:
                    store.restore_backup(problem.file)
                except StoreError:
                    pass
    except StoreError:
        pass
    try:
        for problem in corrupt_files(db):
            try:
                restore_newest_backup(db, problem.file)
            except StoreError:
                pass
    except StoreError:
        pass


# ---------------------------------------------------------------------------- symbolic links


PARTS = ["lock", "weeks", "backups", "meta.json", "weeks/2026-W48.json", "backups/2026-W48.json.1"]


@pytest.mark.parametrize("part", PARTS)
def test_a_database_part_that_is_a_symlink_changes_nothing_outside_the_database(db: Path, tmp_path: Path,
                                                                                part: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir(mode=0o755)
    outside.chmod(0o755)
    precious = outside / "precious.txt"
    if part.startswith("backups/"):  # a link that reads as a good backup, so a restore would use it
        precious.write_bytes(week_file(db).read_bytes())
    else:
        precious.write_text("the owner's own file, nothing to do with oneonone\n")
    precious.chmod(0o644)
    target_dir = outside / "dir"
    target_dir.mkdir()
    target_dir.chmod(0o755)
    (target_dir / "theirs.txt").write_text("theirs\n")
    (target_dir / "theirs.txt").chmod(0o644)
    if part in ("weeks", "backups"):
        # the directory's contents moved to where the link points: what a user's `mv; ln -s` does
        for entry in (db / part).iterdir():
            entry.rename(target_dir / entry.name)
        for entry in target_dir.iterdir():
            entry.chmod(0o644)
        (db / part).rmdir()
        (db / part).symlink_to(target_dir, target_is_directory=True)
    else:
        (db / part).unlink()
        (db / part).symlink_to(precious)
    before = fingerprint(outside)

    use_every_way(db)

    assert fingerprint(outside) == before
    assert stat.S_IMODE(outside.stat().st_mode) == 0o755


@pytest.mark.parametrize("part", ["lock", "weeks", "backups"])
def test_a_symlinked_lock_weeks_or_backups_is_refused_naming_it(db: Path, tmp_path: Path, part: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    if part == "lock":
        elsewhere.write_text("x")
        (db / part).unlink()
    else:
        (db / part).rename(elsewhere)
    (db / part).symlink_to(elsewhere)
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    assert str(db / part) in str(caught.value) and "symbolic link" in str(caught.value)


def test_a_symlinked_week_file_is_damage_and_a_restore_replaces_only_the_link(db: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.json"
    original = week_file(db).read_bytes()
    precious.write_bytes(original)  # reads as a good week: still not followed
    precious.chmod(0o644)
    week_file(db).unlink()
    week_file(db).symlink_to(precious)
    with Store.open(db) as store:
        with pytest.raises(CorruptDatabase, match="symbolic link"):
            store.week(W4)
        with pytest.raises(CorruptDatabase):
            store.save(session(notes="over the link"))
        store.restore_backup(week_file(db))
        assert store.get("ana", W4).shared_notes == "v1"
    assert not week_file(db).is_symlink()
    assert precious.read_bytes() == original  # the link's target is untouched
    assert stat.S_IMODE(precious.stat().st_mode) == 0o644 and precious.stat().st_nlink == 1


def test_a_database_directory_its_owner_made_read_only_is_refused_and_not_chmodded(db: Path) -> None:
    before = fingerprint(db)
    db.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(db)
        assert stat.S_IMODE(db.stat().st_mode) == 0o500
        assert str(db) in str(caught.value) and "not writable" in str(caught.value)
        assert "--read-only" in str(caught.value)
        with Store.open(db, read_only=True) as viewer:  # reading it is fine
            assert viewer.get("ana", W4).shared_notes == "v2"
    finally:
        db.chmod(0o700)
    assert fingerprint(db) == before


def test_a_read_only_weeks_directory_is_refused_and_not_chmodded(db: Path) -> None:
    (db / "weeks").chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            Store.open(db)
        assert stat.S_IMODE((db / "weeks").stat().st_mode) == 0o500
    finally:
        (db / "weeks").chmod(0o700)


def test_a_lock_the_app_did_not_make_keeps_its_mode(db: Path) -> None:
    (db / "lock").chmod(0o640)
    Store.open(db).close()
    assert stat.S_IMODE((db / "lock").stat().st_mode) == 0o640


def test_a_database_part_owned_by_someone_else_is_refused(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:
        os.chown(db / "weeks", 65534, 65534)
        expected = db / "weeks"
    else:  # not root: pretend to be someone else, so the database itself is not ours
        real = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: real + 1)
        expected = db
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    assert str(expected) in str(caught.value) and "belongs to another user" in str(caught.value)


# ---------------------------------------------------------------------------- FIFOs


FIFO_PROBE = """
import sys
from datetime import date
from pathlib import Path
from oneonone_tui.store import CorruptDatabase, Store, StoreError
db = Path(sys.argv[1])
try:
    with Store.open(db) as store:
        store.week("2026-W48")
except CorruptDatabase as error:
    print("CORRUPT", error)
else:
    print("READ")
"""


@pytest.mark.parametrize("name", ["weeks/2026-W48.json", "meta.json"])
def test_a_fifo_in_place_of_a_file_is_reported_not_read(db: Path, name: str) -> None:
    (db / name).unlink()
    os.mkfifo(db / name, 0o600)
    probe = subprocess.run([sys.executable, "-c", FIFO_PROBE, str(db)], capture_output=True, text=True,
                           timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("CORRUPT") and "is not a regular file" in probe.stdout
    assert str(db / name) in probe.stdout
    restore = subprocess.run([sys.executable, "-m", "oneonone_tui", "restore", "--db", str(db), "--yes"],
                             capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert "not a regular file" in restore.stdout and "Traceback" not in restore.stderr
    assert restore.returncode == 0, restore.stderr  # each had a good backup: restored
    assert stat.S_ISREG((db / name).lstat().st_mode)
    with Store.open(db) as store:
        assert store.get("ana", W4) is not None


# ---------------------------------------------------------------------------- restore


def test_restore_with_weeks_as_a_regular_file_says_so_and_exits_2(db: Path, tmp_path: Path) -> None:
    (db / "weeks").rename(tmp_path / "weeks-aside")
    (db / "weeks").write_text("not a directory")
    result = CliRunner().invoke(cli.main, ["restore", "--db", str(db), "--yes"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(db / "weeks") in result.output and "not a directory" in result.output


def test_restore_exits_2_when_a_file_has_no_good_backup_after_restoring_the_others(db: Path) -> None:
    week_file(db).write_bytes(b"{")  # has good backups
    week_file(db, W3).write_bytes(b"")  # written once: no backup
    result = CliRunner().invoke(cli.main, ["restore", "--db", str(db), "--yes"])
    assert result.exit_code == 2, result.output
    assert "restored 2026-W48.json" in result.output
    assert "no good backup of 2026-W47.json" in result.output
    with Store.open(db, read_only=True) as viewer:
        assert viewer.get("ana", W4).shared_notes == "v1"


def test_restore_makes_escape_sequences_in_paths_visible(tmp_path: Path) -> None:
    db = tmp_path / "evil\x1b]0;owned\x07\x1b[2J"
    with Store.open(db) as store:
        store.save(session(notes="v1"))
        store.save(session(notes="v2"))
    week_file(db).write_bytes(b"{")
    for args in (["restore", "--db", str(db), "--yes"], ["restore", "--db", str(tmp_path / "gone\x1b[31m")]):
        result = CliRunner().invoke(cli.main, args)
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "\\x1b" in result.output


# ---------------------------------------------------------------------------- what a stored session may hold


def write_raw_week(db: Path, week: str, docs: list[dict]) -> None:
    tables = {"sessions": {str(i + 1): doc for i, doc in enumerate(docs)}}
    week_file(db, week).write_text(json.dumps(tables))  # json.dumps writes NaN and Infinity as such


def good_doc(rep: str = "ana", week: str = W4, **fields) -> dict:
    doc = encode_session(session(rep, week, entries={"calls": MetricEntry(metric_id="calls", actual=40.0)}))
    doc.update(fields)
    return doc


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")], ids=["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_actual_is_damage_naming_the_file_and_the_field(db: Path, value: float) -> None:
    bad = good_doc("bo")
    bad["entries"]["calls"]["actual"] = value
    write_raw_week(db, W4, [good_doc(), bad])
    with Store.open(db) as store:
        with pytest.raises(CorruptDatabase) as caught:
            store.week(W4)
        problems = store.verify()
    message = str(caught.value)
    assert str(week_file(db)) in message and "document 2" in message
    assert "entries.calls.actual: not a finite number" in message
    assert [p.file for p in problems] == [week_file(db)]
    result = CliRunner().invoke(cli.main, ["restore", "--db", str(db), "--yes"])
    assert "every file reads cleanly" not in result.output and "not a finite number" in result.output


def test_a_huge_number_that_reads_as_infinity_is_damage_too(db: Path) -> None:
    text = json.dumps({"sessions": {"1": good_doc()}}).replace('"actual": 40.0', '"actual": 1e999')
    week_file(db).write_text(text)
    with Store.open(db) as store, pytest.raises(CorruptDatabase, match="entries.calls.actual: not a finite"):
        store.week(W4)


def test_a_non_finite_commitment_number_is_damage(db: Path) -> None:
    commitment = Commitment(id="c1", text="call 5", due=date(2026, 11, 27), made_week=W4, number=5)
    doc = good_doc(commitments=[encode_commitment(commitment)])
    doc["commitments"][0]["number"] = float("nan")
    write_raw_week(db, W4, [doc])
    with Store.open(db) as store, pytest.raises(CorruptDatabase, match="commitments.0.number: not a finite"):
        store.week(W4)


def made(cid: str) -> Commitment:
    return Commitment(id=cid, text="call 5", due=date(2026, 11, 27), made_week=W4)


def commitment(cid: str) -> dict:
    return encode_commitment(made(cid))


@pytest.mark.parametrize("commitments,to_review,where", [
    (["c1", "c1"], [], 'commitments[1].id: commitment id "c1" appears twice'),
    (["c1"], ["c1"], 'to_review[0].id: commitment id "c1" appears twice'),
    (["c 1"], [], 'commitments[0].id: expected a plain id'),
    ([], ["#x[b]"], 'to_review[0].id: expected a plain id'),
    (["\x1b[31m"], [], "expected a plain id"),
])
def test_commitment_ids_must_be_plain_and_unique_within_a_session(db: Path, commitments, to_review, where) -> None:
    write_raw_week(db, W4, [good_doc(commitments=[commitment(c) for c in commitments],
                                     to_review=[commitment(c) for c in to_review])])
    with Store.open(db) as store:
        with pytest.raises(CorruptDatabase) as caught:
            store.week(W4)
    assert where in str(caught.value)


def test_sessions_as_the_app_and_the_demo_write_them_still_read(db: Path) -> None:
    with Store.open(db) as store:
        store.save(session("cy", state=SessionState.DONE, commitments=[made("fedcba987654")],
                           to_review=[made("rep-01-2026-W47-1"), made("0123456789ab")],
                           entries={"calls": MetricEntry(metric_id="calls", actual=-0.0)}))
    with Store.open(db) as store:
        assert [c.id for c in store.get("cy", W4).to_review] == ["rep-01-2026-W47-1", "0123456789ab"]
        assert store.verify() == []


# ---------------------------------------------------------------------------- a full disk at open


def test_a_full_disk_while_setting_up_says_so_not_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "new"
    real_mkdir = os.mkdir

    def full(path, *args, **kwargs):
        if str(path).endswith("weeks"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", full)
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    message = str(caught.value)
    assert str(db) in message and "the disk is full" in message and "free some disk space" in message
    assert "permission" not in message


def test_a_full_disk_while_writing_the_new_header_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "new"
    real_write = os.write

    def full(fd, data):
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(db)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StoreError) as caught:
        Store.open(db)
    message = str(caught.value)
    assert "the disk is full" in message and "free some disk space" in message
    assert "permission" not in message and "still on screen" not in message


def test_a_permission_problem_at_set_up_still_says_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "new"
    real_mkdir = os.mkdir

    def denied(path, *args, **kwargs):
        if str(path).endswith("backups"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", denied)
    with pytest.raises(StoreError, match="permission denied.*check that you own"):
        Store.open(db)
