"""The database directory: its parts are real directories of ours, the single-writer lock, stale temp files."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

from oneonone_tui.paths import DIR_MODE, FILE_MODE
from oneonone_tui.domain.weeks import is_week
from oneonone_tui.store.names import (_DIRECTORY, _NOFOLLOW, _NONBLOCK, BACKUPS_DIR, LOCK_FILE, META_FILE, WEEKS_DIR,
                                      _PARTITION_NAME, _TMP_MARK)
from oneonone_tui.store.errors import DatabaseInUse, DatabaseMissing, NotADatabase, StoreError
from oneonone_tui.store.files import _unlink_quiet


# Nothing here follows a symbolic link or opens anything but a regular file: a database whose lock,
# weeks/, backups/ or files are links would otherwise have the app truncate, chmod or overwrite
# whatever they point at, and a FIFO would hang every read.


def _link_refused(path: Path) -> StoreError:
    return StoreError(f"{path} is a symbolic link; oneonone does not follow links inside a database, so it "
                      "was not opened and nothing was changed — replace the link with the real directory or "
                      "file, or move it aside.")


def _owner_refused(path: Path, uid: int) -> StoreError:
    return StoreError(f"{path} belongs to another user (uid {uid}), not to you (uid {os.geteuid()}), so it "
                      "was not opened and nothing was changed — open your own database with --db, or have "
                      "its owner give it to you (chown).")


def _check_dir(path: Path, *, link_ok: bool = False) -> os.stat_result | None:
    """The stat of the directory `path` (None when missing): a real directory of ours, or StoreError.

    `link_ok` is for the database directory itself (``--db`` may name a link to it); inside a
    database nothing may be a link.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"{path} cannot be opened ({error.strerror or error}); check its permissions.") from None
    if stat.S_ISLNK(st.st_mode):
        if not link_ok:
            raise _link_refused(path)
        try:
            st = os.stat(path)
        except OSError as error:
            raise StoreError(f"{path} is a symbolic link that cannot be followed ({error.strerror or error}); "
                             "point --db at the database directory itself.") from None
    if not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is not a directory, so the database was not opened and nothing was changed "
                         "— move it aside (a oneonone database keeps a directory there) and open it again.")
    if st.st_uid != os.geteuid():
        raise _owner_refused(path, st.st_uid)
    return st


def _check_writable_dir(path: Path, st: os.stat_result) -> None:
    """Refuse to write into a directory its owner made read-only (we never add permissions)."""
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o700 != 0o700:
        raise StoreError(f"{path} is not writable by you (mode {mode:04o}), so it was not opened for writing "
                         f"and nothing was changed — make it writable (chmod u+rwx), or open read-only with "
                         "--read-only.")


def _check_parts(db: Path) -> None:
    """StoreError when weeks/ or backups/ of `db` is a link, not a directory, or someone else's."""
    for name in (WEEKS_DIR, BACKUPS_DIR):
        _check_dir(db / name)


def _make_private_dir(path: Path) -> None:
    """Make `path` (0700) unless it exists; an existing one must be a real, writable directory of ours.

    Only a directory made here gets its mode set; an existing one is only tightened (group and
    other bits removed), never opened up, and never through a link.
    """
    try:
        os.mkdir(path, DIR_MODE)
    except FileExistsError:
        st = _check_dir(path)
        if st is None:  # removed meanwhile
            return _make_private_dir(path)
        _check_writable_dir(path, st)
        _tighten_dir(path, st)
        return
    fd = os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | os.O_CLOEXEC)
    try:
        os.fchmod(fd, DIR_MODE)  # mkdir's mode is filtered by the umask
    finally:
        os.close(fd)


def _tighten_dir(path: Path, st: os.stat_result) -> None:
    """Remove group and other permissions of our own real directory (through a no-follow descriptor)."""
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o077:
        return
    try:
        fd = os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return
    try:
        now = os.fstat(fd)
        if (now.st_ino, now.st_dev) == (st.st_ino, st.st_dev) and now.st_uid == os.geteuid():
            os.fchmod(fd, mode & 0o700)
    except OSError:
        pass
    finally:
        os.close(fd)



def _week_names(weeks_dir: Path) -> list[str]:
    """Sorted weeks that have a partition file in `weeks_dir` (temp, .corrupt-* and other files ignored)."""
    try:
        names = os.listdir(weeks_dir)
    except FileNotFoundError:
        return []
    return sorted(m[1] for name in names if (m := _PARTITION_NAME.match(name)) and is_week(m[1]))


def _partition_files(db: Path) -> list[tuple[str, Path]]:
    return [(week, db / WEEKS_DIR / f"{week}.json") for week in _week_names(db / WEEKS_DIR)]


def _has_history(db: Path) -> bool:
    if _partition_files(db):
        return True
    try:
        return any(name.startswith(META_FILE + ".") for name in os.listdir(db / BACKUPS_DIR))
    except OSError:
        return False



def _check_is_ours(path: Path, *, read_only: bool) -> None:
    """NotADatabase unless `path` is missing (then created), empty, or looks like a database of ours."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if read_only:
            raise DatabaseMissing(path) from None
        return
    except NotADirectoryError:
        raise NotADatabase(path, "is inside a file") from None
    except OSError as error:
        raise StoreError(f"{path} cannot be opened ({error.strerror or error}); check its permissions.") from None
    if not stat.S_ISDIR(st.st_mode):
        raise NotADatabase(path, "is a file")
    if st.st_uid != os.geteuid():
        raise _owner_refused(path, st.st_uid)
    try:
        entries = os.listdir(path)
    except OSError as error:
        raise StoreError(f"{path} cannot be listed ({error.strerror or error}); check its permissions.") from None
    if META_FILE in entries:
        return
    known = {LOCK_FILE, WEEKS_DIR, BACKUPS_DIR}
    stray = sorted(e for e in entries if e not in known and not (e.startswith("." + META_FILE) and _TMP_MARK in e))
    if stray:
        shown = ", ".join(stray[:3]) + (", ..." if len(stray) > 3 else "")
        raise NotADatabase(path, f"is a directory holding other files ({shown})")


def _read_pid(fd: int) -> int | None:
    for _ in range(5):  # the holder may be between truncating and writing its PID
        try:
            text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
        except OSError:
            return None
        if text:
            return int(text) if text.isdigit() else None
        time.sleep(0.01)
    return None


def _acquire_lock(db: Path) -> int:
    """Take <db>/lock for writing (our PID goes in it); DatabaseInUse when someone else holds it."""
    lock = db / LOCK_FILE
    flags = os.O_RDWR | os.O_CLOEXEC | _NOFOLLOW | _NONBLOCK
    for _ in range(5):  # created, or opened as it is; a lock removed in between is made again
        try:
            fd = os.open(lock, flags | os.O_CREAT | os.O_EXCL, FILE_MODE)
            created = True
            break
        except FileExistsError:
            pass
        try:
            fd = os.open(lock, flags)
            created = False
            break
        except FileNotFoundError:
            continue
        except OSError as error:
            if error.errno == errno.ELOOP or os.path.islink(lock):
                raise _link_refused(lock) from None
            raise
    else:
        raise StoreError(f"{lock} keeps disappearing; is another program cleaning {db}?")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(f"{lock} is not a regular file, so {db} was not opened and nothing was changed — "
                             "move it aside and open the database again.")
        if st.st_uid != os.geteuid():
            raise _owner_refused(lock, st.st_uid)
        if created:
            os.fchmod(fd, FILE_MODE)  # whatever the umask; a lock we did not make keeps its mode
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise DatabaseInUse(db, _read_pid(fd)) from None
            raise StoreError(f"{lock} cannot be locked ({error.strerror or error}); open read-only with "
                             "--read-only.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _remove_stale_temp_files(db: Path) -> None:
    """Temp files left by a crash (we hold the lock, so no writer is using them)."""
    for directory in (db, db / WEEKS_DIR, db / BACKUPS_DIR):
        try:
            names = os.listdir(directory)
        except OSError:
            continue
        for name in names:
            if name.startswith(".") and _TMP_MARK in name:
                _unlink_quiet(directory / name)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")



def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) as owner-only; tighten it if it already exists and is ours.

    Every directory made here is 0700 whatever the umask: `mkdir(parents=True)` alone would make
    the missing parents (the data directory itself, above `sessions/`) with the umask's modes,
    0777 under `umask 000`. Parents that already exist are left as they are. An existing `path`
    is only ever tightened (group and other permissions removed), never opened up (a directory
    its owner made 0500 stays 0500), and never when it is a symbolic link or someone else's:
    nothing is changed through a link.
    """
    missing = []
    for directory in (path, *path.parents):
        if os.path.lexists(directory):
            break
        missing.append(directory)
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not directory.is_dir():
                raise
            # made by someone else meanwhile: not ours to change
            if directory == path:
                _tighten(path)
        else:
            _set_mode(directory, DIR_MODE)  # mkdir's mode is filtered by the umask
    if not missing:
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)  # raises the right error for a file in the way
        _tighten(path)
    return path


_NOFOLLOW_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC


def _set_mode(directory: Path, mode: int, *, only_if_ours: bool = False) -> None:
    """chmod through a descriptor that refuses a symbolic link (never the target of a link)."""
    try:
        fd = os.open(directory, _NOFOLLOW_DIR)
    except OSError:
        return  # a link, gone, or not ours to open: left as it is
    try:
        st = os.fstat(fd)
        if only_if_ours and st.st_uid != os.geteuid():
            return
        if st.st_mode & 0o777 != mode:
            os.fchmod(fd, mode)
    except PermissionError:
        pass
    finally:
        os.close(fd)


def _tighten(directory: Path) -> None:
    """Remove group and other permissions of an existing real directory of ours; add nothing."""
    try:
        st = os.lstat(directory)
    except OSError:
        return
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or not st.st_mode & 0o077:
        return
    _set_mode(directory, stat.S_IMODE(st.st_mode) & 0o700, only_if_ours=True)



def _check_week(week: str) -> None:
    if not is_week(week):
        raise ValueError(f"not an ISO week: {week!r} (expected e.g. 2026-W48)")
