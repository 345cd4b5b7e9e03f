"""Repair: find the files that do not read, and put back the newest good backup (`oneonone restore`)."""

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import UTC, datetime
from pathlib import Path

from oneonone_tui.store.names import _NOFOLLOW, _NONBLOCK, _PARTITION_NAME, BACKUPS_DIR, META_FILE, WEEKS_DIR
from oneonone_tui.store.errors import CorruptDatabase, StoreError, _Unreadable
from oneonone_tui.store.files import (_fsync_dir, _read_meta, _read_partition, _read_regular_bytes, _tmp_path,
                                      _unlink_quiet, _write_new_file)
from oneonone_tui.store.layout import _acquire_lock, _check_is_ours, _check_parts, _has_history, _partition_files


def _check_file(db: Path, file: Path, *, as_name: str | None = None) -> None:
    """Read `file` as what its name (or `as_name`, for backups) says it is; _Unreadable if it does not read."""
    name = as_name or file.name
    if name == META_FILE:
        tables, _ = _read_meta(file)
        if tables is None:
            raise _Unreadable("it is missing")
        return
    match = _PARTITION_NAME.match(name)
    if not match:
        raise ValueError(f"{file} is not a file of the database {db}")
    if not os.path.lexists(file):
        raise _Unreadable("it is missing")
    _read_partition(file, match[1])


def _backups_of(db: Path, file: Path) -> list[Path]:
    """Backups of `file` that read cleanly, newest first."""
    backups_dir = db / BACKUPS_DIR
    pattern = re.compile(re.escape(file.name) + r"\.(\d+)$")
    try:
        names = os.listdir(backups_dir)
    except OSError:
        return []
    numbered = sorted((int(m[1]), name) for name in names if (m := pattern.match(name)))
    good = []
    for _, name in numbered:
        candidate = backups_dir / name
        try:
            _check_file(db, candidate, as_name=file.name)
        except _Unreadable:
            continue
        good.append(candidate)
    return good


def _corrupt(db: Path, file: Path, detail: str) -> CorruptDatabase:
    return CorruptDatabase(file, detail, _backups_of(db, file), db)



def _scan(db: Path) -> list[CorruptDatabase]:
    """Read every file of `db` from disk; one CorruptDatabase per file that does not read."""
    problems = []
    meta = db / META_FILE
    try:
        tables, _ = _read_meta(meta)
        if tables is None and _has_history(db):
            raise _Unreadable("it is missing, but the database holds sessions")
    except _Unreadable as error:
        problems.append(_corrupt(db, meta, error.detail))
    for week, file in _partition_files(db):
        try:
            _read_partition(file, week)
        except _Unreadable as error:
            problems.append(_corrupt(db, file, error.detail))
    return problems



# --------------------------------------------------------------------------------------------
# Repair (`oneonone restore`).


def corrupt_files(db: Path) -> list[CorruptDatabase]:
    """Every file of the database `db` that does not read (each with its good backups). Takes no lock."""
    db = Path(db).expanduser()
    _check_is_ours(db, read_only=True)
    _check_parts(db)
    return _scan(db)


def _database_file(db: Path, file: Path) -> Path:
    """`file` as the path of a file of `db` (meta.json or a week); ValueError for anything else."""
    file = Path(file)
    if file.parent.resolve() not in ((db / WEEKS_DIR).resolve(), db.resolve()):
        raise ValueError(f"{file} is not a file of the database {db}")
    if _PARTITION_NAME.match(file.name):
        return db / WEEKS_DIR / file.name
    if file.name == META_FILE:
        return db / META_FILE
    raise ValueError(f"{file} is not a file of the database {db}")


def restore_newest_backup(db: Path, file: Path) -> Path:
    """Put the newest good backup of `file` in its place; returns the backup used.

    The damaged file is kept beside it as ``<name>.corrupt-<UTC timestamp>`` (never deleted).
    Takes the write lock, so the app must be closed (DatabaseInUse otherwise; the app itself uses
    :meth:`Store.restore_backup`). Refuses a file that reads cleanly: this repairs damage, it does
    not roll back.
    """
    db = Path(db).expanduser()
    file = _database_file(db, file)
    _check_is_ours(db, read_only=True)
    _check_parts(db)
    lock_fd = _acquire_lock(db)
    try:
        return _restore_locked(db, file)
    finally:
        os.close(lock_fd)


def _restore_locked(db: Path, file: Path) -> Path:
    """The restore itself; the caller holds the write lock of `db`."""
    try:
        _check_file(db, file)
    except _Unreadable:
        pass
    else:
        raise StoreError(f"{file} reads cleanly, so it was not replaced by a backup.")
    backups = _backups_of(db, file)
    if not backups:
        raise StoreError(f"{file} cannot be read and there is no good backup of it in {db / BACKUPS_DIR}; "
                         "move it aside (that week then starts empty) or repair it by hand.")
    source = backups[0]
    aside: Path | None = None
    try:
        try:
            data = _read_regular_bytes(source)
        except _Unreadable as error:
            raise OSError(errno.EINVAL, f"the backup {error.detail}", str(source)) from None
        tmp = _tmp_path(file)
        _write_new_file(tmp, data)
        try:
            if os.path.lexists(file):
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                aside = file.with_name(f"{file.name}.corrupt-{stamp}")
                counter = 1
                while os.path.lexists(aside):
                    aside = file.with_name(f"{file.name}.corrupt-{stamp}-{counter}")
                    counter += 1
                # The damaged name itself (a link stays a link): its bytes stay on disk under the new
                # name, and nothing a link points at is touched.
                os.link(file, aside, follow_symlinks=False)
                try:
                    st = os.lstat(aside)
                    if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_mode & 0o077:
                        fd = os.open(aside, os.O_RDONLY | os.O_CLOEXEC | _NOFOLLOW | _NONBLOCK)
                        try:
                            os.fchmod(fd, stat.S_IMODE(st.st_mode) & 0o700)
                        finally:
                            os.close(fd)
                except OSError:
                    pass
            else:
                aside = None
            os.replace(tmp, file)
        except BaseException:
            _unlink_quiet(tmp)
            if aside is not None and os.path.lexists(file):
                _unlink_quiet(aside)  # the damaged file is still at its own name
            raise
        _fsync_dir(file.parent)
    except OSError as error:
        raise StoreError(f"Could not restore {file} from {source}: {error.strerror or error}; "
                         "nothing was changed.") from error
    return source
