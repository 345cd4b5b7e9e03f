"""The session store: the only module that opens the database.

Layout (``--db PATH`` names a directory; directories are 0700, every file 0600)::

    <db>/meta.json                  TinyDB: table "meta", one doc {schema, created_at, app_version};
                                    table "team", one doc: the team last used with this database
    <db>/lock                       single-writer lock (fcntl.flock LOCK_EX|LOCK_NB), holds the writer's PID
    <db>/weeks/2026-W48.json        one TinyDB file per ISO week: table "sessions", one doc per rep
    <db>/backups/2026-W48.json.1    the previous versions of each file (.1 newest, at most .3)

Why one file per ISO week: stock TinyDB rewrites the whole file on every update. Measured with
one file for everything, an update costs ~22 ms at 1,000 sessions and ~105 ms at 4,160 sessions
(16 reps x 5 years). The manager's session is saved every few hundred ms while they type, so a
single file would make saving slower every week the app is used. With one file per ISO week a
save rewrites only that week's file (<= ~16 sessions): it costs the same after 5 years as after
4 weeks, and start-up reads only the weeks it shows (partitions are loaded lazily and cached),
not the whole history. Measured with this module (realistic ~3.7 KB sessions, fsyncs included, on
the dev VM's ext4): Store.save median ~1.1-1.4 ms at 64 sessions (4 weeks) and the same at 4,160
sessions (260 weeks); opening 260 weeks and showing one week with each rep's history: ~20-35 ms.

TinyDB is used for the file format and reading (each file is a plain TinyDB JSON database that
stock TinyDB opens), through our own storage class, :class:`AtomicJSONStorage`:

* reads are strict: an empty, cut-short, non-UTF-8 or wrongly shaped file raises instead of
  reading as an empty database (stock ``JSONStorage`` reads a zero-byte file as "no data", and
  the next write would then replace a week of notes with one session);
* writes are atomic: a temp file in the same directory (``os.open`` O_CREAT|O_EXCL, mode 0600,
  UTF-8), flushed and fsynced; the current file is hard-linked into ``backups/`` (no copy);
  ``os.replace`` puts the new file in place; the directory is fsynced; then backups rotate
  ``.1 -> .2 -> .3``. A crash at any instant leaves the old or the new complete file.

Writes do not go through TinyDB's ``Table`` methods: each of those re-reads the file, mutates
the documents in place and writes; ``upsert`` of a new document writes twice (an update that
matches nothing still writes, then the insert). The store instead builds the whole partition
from its validated in-memory copy and writes it once through the same storage: one atomic write
per save, and the cache is replaced only after the write succeeded, so it never claims that a
failed save was saved.

A file that cannot be read is never overwritten: reading or saving that week raises
:class:`CorruptDatabase`, naming the file and its good backups (``oneonone restore``).

One writer at a time holds ``<db>/lock``; another window opens read-only. Saves come from the
UI's autosave thread while the screen reads, so the partition cache and writes are guarded by
locks (writes are serialized; reads wait only for the cache, not for a write's fsync).
"""

from __future__ import annotations

import bisect
import errno
import fcntl
import json
import math
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from oneonone_tui import __version__
from oneonone_tui.domain.records import Session
from oneonone_tui.domain.team import Team
from oneonone_tui.store.codec import CodecError, decode_session, decode_team, encode_session, encode_team
from oneonone_tui.paths import DIR_MODE, FILE_MODE
from oneonone_tui.domain.weeks import is_week

META_FILE = "meta.json"
LOCK_FILE = "lock"
WEEKS_DIR = "weeks"
BACKUPS_DIR = "backups"
KEEP_BACKUPS = 3

SESSIONS_TABLE = "sessions"
META_TABLE = "meta"
TEAM_TABLE = "team"

_PARTITION_NAME = re.compile(r"^(\d{4}-W\d{2})\.json$")
_TMP_MARK = ".tmp-"  # temp files are ".<final name>.tmp-<pid>-<random>"; any left at open are stale

Signature = tuple[int, int, int]  # (st_ino, st_size, st_mtime_ns): which version of a file we hold


# --------------------------------------------------------------------------------------------
# Errors: each carries one plain message naming the file and what to do; str(error) is it.


class StoreError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DatabaseInUse(StoreError):
    """Another process (or another open Store in this one) holds the write lock."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = path
        self.pid = pid
        if pid is None:
            who = "another process (another oneonone window)"
        elif pid == os.getpid():
            who = f"process {pid} (this window already has it open)"
        else:
            who = f"process {pid} (another oneonone window)"
        super().__init__(f"{path} is in use by {who}. Close it, or open read-only with --read-only.")


class CorruptDatabase(StoreError):
    """A file cannot be read; it is left untouched. `backups` are the ones that read, newest first."""

    def __init__(self, file: Path, detail: str, backups: list[Path], db: Path | None = None) -> None:
        self.file = file
        self.detail = detail
        self.backups = backups
        self.db = db if db is not None else _db_of(file)
        if backups:
            import shlex  # only for this message: the start-up path does not need it

            todo = (f"restore the newest good backup ({backups[0].name}) with "
                    f"`oneonone restore --db {shlex.quote(str(self.db))}`.")
        else:
            todo = ("there is no good backup of it, so move it aside (that week then starts empty) "
                    "or repair it by hand.")
        super().__init__(f"{file} cannot be read ({detail}) and has been left untouched; {todo}")


class NewerSchema(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(f"{path} was written by a newer oneonone (database schema {found}; this version "
                         f"reads up to {supported}), so it was not opened; upgrade oneonone to open it.")


class NotADatabase(StoreError):
    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        super().__init__(f"{path} {why}, not a oneonone database; pass --db a new or empty directory, "
                         "or an existing oneonone database.")


class DatabaseMissing(StoreError):
    """Read-only open of a database that does not exist (nothing is created read-only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} does not exist, so there is nothing to open read-only; check the --db "
                         "path, or open it without --read-only to create it.")


class SaveFailed(StoreError):
    """A write failed; the file on disk is the previous good version and the caller still holds the text."""

    def __init__(self, message: str, *, file: Path | None = None, errno_: int | None = None) -> None:
        self.file = file
        self.errno = errno_
        super().__init__(message)


_REASONS = {
    errno.ENOSPC: ("the disk is full", "free some disk space and it is saved on the next try"),
    errno.EDQUOT: ("the disk quota is used up", "free some space and it is saved on the next try"),
    errno.EACCES: ("permission denied", "check that you own {dir} and can write to it"),
    errno.EPERM: ("operation not permitted", "check that you own {dir} and can write to it"),
    errno.EROFS: ("the disk is read-only", "make it writable, or open another database with --db"),
    errno.EIO: ("the disk reported an I/O error", "check the disk; it is retried on the next save"),
}


# What to do when setting up a database for writing fails (Store.open), by errno; default: permissions.
_SETUP_HINTS = {
    errno.ENOSPC: "free some disk space and open it again, or open read-only with --read-only",
    errno.EDQUOT: "free some space and open it again, or open read-only with --read-only",
    errno.EROFS: "make the disk writable, or open read-only with --read-only",
    errno.EIO: "check the disk, or open read-only with --read-only",
}


def _setup_failed(error: OSError, path: Path) -> StoreError:
    """A failed set-up of `path` for writing (directories, lock, header), worded by its cause."""
    reason = _REASONS.get(error.errno or 0, (None, ""))[0] or error.strerror or str(error)
    where = f" ({error.filename})" if error.filename and str(error.filename) != str(path) else ""
    hint = _SETUP_HINTS.get(error.errno or 0,
                            f"check that you own {path} and can write to it, or open read-only with --read-only")
    return StoreError(f"{path} cannot be set up for writing{where}: {reason}; nothing was saved — {hint}.")


def _save_failed(error: OSError, file: Path, what: str) -> SaveFailed:
    reason, hint = _REASONS.get(error.errno or 0, (None, "it is retried on the next save"))
    reason = reason or error.strerror or str(error)
    hint = hint.format(dir=file.parent)
    if getattr(error, "oneonone_replaced", False):
        state = "the new version is in place but may not be on disk yet"
    else:
        state = "the previous version of the file is intact"
    return SaveFailed(f"Could not save {what} to {file}: {reason}; {state} and the text is still on screen "
                      f"— {hint}.", file=file, errno_=error.errno)


class _Unreadable(Exception):
    """Internal: a file does not read; `detail` says why (turned into CorruptDatabase with context)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# --------------------------------------------------------------------------------------------
# Files: strict reads, atomic writes, backups.


# Nothing here follows a symbolic link or opens anything but a regular file: a database whose lock,
# weeks/, backups/ or files are links would otherwise have the app truncate, chmod or overwrite
# whatever they point at, and a FIFO would hang every read.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


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


def _open_regular(path: Path) -> int:
    """A read-only descriptor of the regular file `path`, never following a link and never blocking.

    FileNotFoundError when it is missing; _Unreadable when it is a link, a FIFO, a device, a
    directory or someone else's, or cannot be opened.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise _Unreadable(f"cannot be opened: {error.strerror or error}") from None
    if stat.S_ISLNK(st.st_mode):
        raise _Unreadable("it is a symbolic link, which oneonone does not follow inside a database")
    if not stat.S_ISREG(st.st_mode):
        raise _Unreadable("it is not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _Unreadable("it is a symbolic link, which oneonone does not follow inside a database") from None
        raise _Unreadable(f"cannot be opened: {error.strerror or error}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Unreadable("it is not a regular file")
        if st.st_uid != os.geteuid():
            raise _Unreadable(f"it belongs to another user (uid {st.st_uid})")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_regular_bytes(path: Path) -> bytes:
    """The bytes of the regular file `path` (no links, no FIFOs); OSError or _Unreadable otherwise."""
    fd = _open_regular(path)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _db_of(file: Path) -> Path:
    parent = file.parent
    return parent.parent if parent.name in (WEEKS_DIR, BACKUPS_DIR) else parent


def _unlink_quiet(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as error:  # some filesystems cannot fsync a directory; nothing more to do there
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _tmp_path(final: Path, directory: Path | None = None) -> Path:
    # os.urandom is what secrets.token_hex(4) reads; importing `secrets` (hmac, hashlib, random)
    # cost ~1.2 ms of the app's start-up for these 4 bytes.
    return (directory or final.parent) / f".{final.name}{_TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"


def _signature(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _stat_signature(path: Path) -> Signature | None:
    try:
        return _signature(os.stat(path))
    except FileNotFoundError:
        return None
    except OSError:
        return (-1, -1, -1)  # unreadable: never matches a cached version, so the read reports it


def _write_new_file(path: Path, data: bytes) -> Signature:
    """Create `path` (which must not exist) as 0600 holding `data`, fsynced; removed again on failure."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | _NOFOLLOW, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # whatever the umask
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            return _signature(os.fstat(fd))
        finally:
            os.close(fd)
    except BaseException:
        _unlink_quiet(path)
        raise


def _stage_backup(final: Path, backups: Path) -> Path | None:
    """Hard-link the current `final` into backups/ under a temp name (a copy only if links fail)."""
    staged = _tmp_path(final.with_name(final.name + ".1"), backups)
    try:
        os.link(final, staged, follow_symlinks=False)  # the name itself, never what a link points at
    except FileNotFoundError:
        return None  # first write of this file: nothing to keep
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EOPNOTSUPP):
            raise
        try:
            data = _read_regular_bytes(final)
        except FileNotFoundError:
            return None
        except _Unreadable as unreadable:
            raise OSError(errno.EINVAL, f"{final} {unreadable.detail}", str(final)) from None
        _write_new_file(staged, data)
    return staged


def _rotate(staged: Path, backups: Path, name: str, keep: int) -> None:
    """.2 -> .3, .1 -> .2, staged -> .1 (the oldest falls off). Best effort: the save is already done."""
    try:
        for number in range(keep - 1, 0, -1):
            try:
                os.replace(backups / f"{name}.{number}", backups / f"{name}.{number + 1}")
            except FileNotFoundError:
                pass
        os.replace(staged, backups / f"{name}.1")
        _fsync_dir(backups)
    except OSError:
        _unlink_quiet(staged)


def _atomic_write(final: Path, data: bytes, backups: Path | None) -> Signature:
    """Replace `final` with `data`, keeping the previous version in `backups`.

    Raises OSError with `final` untouched and no temp file left, except when only the closing
    fsync of the directory fails (then the new file is in place but may not be durable yet).
    """
    tmp = _tmp_path(final)
    signature = _write_new_file(tmp, data)
    staged = None
    try:
        if backups is not None:
            staged = _stage_backup(final, backups)
        os.replace(tmp, final)
    except BaseException:
        _unlink_quiet(tmp)
        if staged is not None:
            _unlink_quiet(staged)
        raise
    if staged is not None:
        _rotate(staged, backups, final.name, KEEP_BACKUPS)
    try:
        _fsync_dir(final.parent)
    except OSError as error:
        error.oneonone_replaced = True  # type: ignore[attr-defined]
        raise
    return signature


def _encode(tables: dict[str, Any]) -> bytes:
    return (json.dumps(tables, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


class _NonFinite(Exception):
    """Internal: json.loads met NaN, Infinity or a number too large for a float (read as infinity)."""


def _refuse_constant(name: str) -> float:
    raise _NonFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if value - value != 0.0:  # inf - inf is NaN; a finite float minus itself is 0.0
        raise _NonFinite(text)
    return value


def _report_non_finite(data: Any) -> None:
    """_Unreadable naming the document and field of the first non-finite number in a file's tables."""
    if isinstance(data, dict):
        for name, table in data.items():
            if not isinstance(table, dict):
                continue
            for doc_id, doc in table.items():
                where = _non_finite(doc, "")
                if where:
                    what = "is not a valid session" if name == SESSIONS_TABLE else f"of table {name!r}"
                    raise _Unreadable(f"document {doc_id} {what}: {where}: not a finite number")
    where = _non_finite(data, "")
    if where:
        raise _Unreadable(f"{where}: not a finite number")


def _decode(raw: bytes) -> dict[str, dict[str, dict]]:
    """Bytes of a TinyDB file to its tables, or _Unreadable saying what is wrong."""
    if not raw:
        raise _Unreadable("the file is empty (0 bytes), probably cut short by a crash")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Unreadable(f"not UTF-8 text: byte {raw[error.start]:#04x} at offset {error.start}") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NonFinite:
        _report_non_finite(json.loads(text))
        raise _Unreadable("it holds a number that is not finite (NaN or infinity)") from None
    except json.JSONDecodeError as error:
        cut = " (the file ends early)" if error.pos >= len(text.rstrip()) else ""
        raise _Unreadable(f"not valid JSON at line {error.lineno} column {error.colno}: {error.msg}{cut}") from None
    except (ValueError, RecursionError) as error:
        raise _Unreadable(f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise _Unreadable(f"expected a JSON object of tables, found {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _Unreadable(f"table {name!r} is {type(table).__name__}, not an object of documents")
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise _Unreadable(f"table {name!r} has a document id {doc_id!r} that is not a number")
            if not isinstance(doc, dict):
                raise _Unreadable(f"document {doc_id} of table {name!r} is {type(doc).__name__}, not an object")
    return data


def _read_file(path: Path) -> tuple[dict[str, dict[str, dict]] | None, Signature | None]:
    """A file's tables and the signature of exactly the version read; (None, None) when it is missing."""
    try:
        fd = _open_regular(path)
    except FileNotFoundError:
        return None, None
    try:
        signature = _signature(os.fstat(fd))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError as error:
        raise _Unreadable(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    return _decode(b"".join(chunks)), signature


class AtomicJSONStorage(Storage):
    """TinyDB storage for one file: strict reads (damage raises, never reads as empty), atomic writes.

    Use: ``TinyDB(path, storage=AtomicJSONStorage, backups=<dir or None>)``. Unlike stock
    ``JSONStorage`` it does not create the file when opened. ``signature`` is that of the version
    last read or written.
    """

    def __init__(self, path: Path | str, *, backups: Path | None = None, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.backups = backups
        self.read_only = read_only
        self.signature: Signature | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        data, self.signature = _read_file(self.path)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise OSError(errno.EROFS, "opened read-only", str(self.path))
        self.signature = _atomic_write(self.path, _encode(data), self.backups)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------------------------
# What the files must hold.


class _Partition:
    """One week as stored: the documents (as written) by rep, their TinyDB ids, the file version.

    Never changed once made (a save makes a new one). A plain class: `dataclasses` (with `inspect`)
    is not otherwise imported by `oneonone demo` or `restore`.
    """

    __slots__ = ("docs", "ids", "signature")

    def __init__(self, docs: dict[str, dict[str, Any]], ids: dict[str, int], signature: Signature | None) -> None:
        self.docs = docs
        self.ids = ids
        self.signature = signature


def _read_partition(path: Path, week: str) -> _Partition:
    """Read one week's file (or a backup of it) through TinyDB; every document must be a Session of `week`."""
    database = TinyDB(path, storage=AtomicJSONStorage)
    try:
        documents = database.table(SESSIONS_TABLE, cache_size=0).all()
        signature = database.storage.signature  # type: ignore[attr-defined]
    finally:
        database.close()
    docs: dict[str, dict[str, Any]] = {}
    ids: dict[str, int] = {}
    for document in documents:
        try:
            session = decode_session(dict(document), f"sessions[{document.doc_id}]")
        except CodecError as error:
            raise _Unreadable(f"document {document.doc_id} is not a valid session: {error}") from None
        if session.week != week:
            raise _Unreadable(f"document {document.doc_id} belongs to week {session.week}, not {week}")
        if session.rep_id in docs:
            raise _Unreadable(f"rep {session.rep_id!r} appears twice")
        docs[session.rep_id] = dict(document)
        ids[session.rep_id] = document.doc_id
    return _Partition(docs, ids, signature)


def _non_finite(value: Any, where: str) -> str | None:
    """The path of the first NaN or infinity in `value` (JSON reads NaN, Infinity and 1e999 as floats)."""
    if isinstance(value, float):
        return None if math.isfinite(value) else where
    if isinstance(value, dict):
        for key, item in value.items():
            found = _non_finite(item, f"{where}.{key}" if where else str(key))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _non_finite(item, f"{where}.{index}" if where else str(index))
            if found:
                return found
    return None


def _meta_doc(tables: dict[str, dict[str, dict]]) -> dict[str, Any]:
    docs = tables.get(META_TABLE) or {}
    if not docs:
        raise _Unreadable(f"it has no {META_TABLE!r} document")
    doc = docs[min(docs, key=int)]
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise _Unreadable(f"the schema version is {schema!r}, not a number")
    return doc


def _read_meta(path: Path) -> tuple[dict[str, dict[str, dict]] | None, Signature | None]:
    tables, signature = _read_file(path)
    if tables is not None:
        _meta_doc(tables)
    return tables, signature


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


def write_database_file(db: Path, file: Path, tables: dict[str, dict[str, Any]]) -> None:
    """Atomically write a TinyDB file of `db` (keeping backups); for MIGRATIONS steps. Raises OSError."""
    _atomic_write(file, _encode(tables), db / BACKUPS_DIR)


# from_version -> function(db_path) upgrading the database directory one step (to from_version + 1).
# Applied in order by a writable open; meta's schema is bumped after each step, so a step must be
# safe to run again if the app dies before that bump. Version 1 is the first: nothing to do yet.
MIGRATIONS: dict[int, Callable[[Path], None]] = {}


# --------------------------------------------------------------------------------------------


class Store:
    """Sessions by ISO week and rep. Open with :meth:`open`; thread-safe; one writer per database."""

    SCHEMA_VERSION = 1

    def __init__(self, path: Path, read_only: bool) -> None:  # use Store.open
        self.path = path
        self.read_only = read_only
        self._weeks_dir = path / WEEKS_DIR
        self._backups_dir = path / BACKUPS_DIR
        self._meta_file = path / META_FILE
        self._lock_fd: int | None = None
        self._closed = False
        self._cache: dict[str, _Partition | CorruptDatabase] = {}
        self._cache_signatures: dict[str, Signature | None] = {}
        self._cache_lock = threading.Lock()  # the partition cache
        self._write_lock = threading.Lock()  # one write at a time (autosave thread, UI thread)
        self._meta: dict[str, dict[str, dict]] = {}
        self._weeks_listing: tuple[tuple[int, int] | None, bool, list[str]] = (None, False, [])

    # ---- opening and closing

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Store:
        """Open (creating it when missing and writable) the database directory `path`.

        Writable opens take the single-writer lock (DatabaseInUse when another process, or another
        Store in this one, holds it), remove stale temp files and run pending MIGRATIONS.
        `read_only` never takes the lock, never writes, and refuses saves.
        """
        path = Path(path).expanduser()
        _check_is_ours(path, read_only=read_only)
        _check_parts(path)
        store = cls(path, read_only)
        try:
            if not read_only:
                try:
                    ensure_private_dir(path)
                    st = _check_dir(path, link_ok=True)
                    if st is None:
                        raise FileNotFoundError(errno.ENOENT, "removed while opening", str(path))
                    _check_writable_dir(path, st)
                    store._lock_fd = _acquire_lock(path)
                    _make_private_dir(store._weeks_dir)
                    _make_private_dir(store._backups_dir)
                except OSError as error:
                    raise _setup_failed(error, path) from error
                _remove_stale_temp_files(path)
            store._open_meta()
        except BaseException:
            store.close()
            raise
        return store

    def _open_meta(self) -> None:
        try:
            tables, _ = _read_meta(self._meta_file)
            if tables is None and _has_history(self.path):
                raise _Unreadable("it is missing, but the database holds sessions")
        except _Unreadable as error:
            raise _corrupt(self.path, self._meta_file, error.detail) from None
        if tables is None:  # a new database
            tables = {META_TABLE: {"1": {"schema": self.SCHEMA_VERSION, "created_at": _now(),
                                         "app_version": __version__}}}
            if not self.read_only:
                try:
                    AtomicJSONStorage(self._meta_file, backups=self._backups_dir).write(tables)
                except OSError as error:
                    raise _setup_failed(error, self.path) from error
                try:
                    _fsync_dir(self.path.parent)
                except OSError:
                    pass
            self._meta = tables
            return
        self._meta = tables
        schema = _meta_doc(tables)["schema"]
        if schema > self.SCHEMA_VERSION:
            raise NewerSchema(self.path, schema, self.SCHEMA_VERSION)
        if schema < self.SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(f"{self.path} was written by an older oneonone (database schema {schema}) "
                                 "and needs upgrading, which a read-only open cannot do; open it once "
                                 "without --read-only.")
            self._migrate(schema)

    def _migrate(self, schema: int) -> None:
        while schema < self.SCHEMA_VERSION:
            step = MIGRATIONS.get(schema)
            if step is None:
                raise StoreError(f"{self.path} uses database schema {schema} and this oneonone has no upgrade "
                                 f"from it to {self.SCHEMA_VERSION}; open it with the version that wrote it.")
            try:
                step(self.path)
            except OSError as error:
                raise _save_failed(error, self.path, f"the upgrade from schema {schema}") from error
            schema += 1
            tables = dict(self._meta)
            meta = dict(_meta_doc(tables))
            meta.update(schema=schema, app_version=__version__, migrated_at=_now())
            tables[META_TABLE] = {"1": meta}
            self._write_meta(tables, f"the upgrade to schema {schema}")
            self._meta = tables

    def close(self) -> None:
        with self._write_lock, self._cache_lock:
            self._closed = True
            self._cache.clear()
            if self._lock_fd is not None:
                try:
                    os.ftruncate(self._lock_fd, 0)
                except OSError:
                    pass
                os.close(self._lock_fd)  # releases the flock
                self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, read_only={self.read_only})"

    # ---- reading

    def weeks(self) -> list[str]:
        """Weeks that have a partition, sorted (from the directory listing; no file is read)."""
        # Cached by the directory's identity and mtime (one stat instead of a listing of 260 names).
        # A directory's mtime is coarse (a clock tick), so a listing taken within 50 ms of the last
        # change is not trusted ("racy", as git calls it): the next call lists again.
        try:
            st = os.stat(self._weeks_dir)
            key: tuple[int, int] | None = (st.st_ino, st.st_mtime_ns)
        except OSError:
            key = None
        with self._cache_lock:
            cached_key, trusted, weeks = self._weeks_listing
            if key is None or key != cached_key or not trusted:
                listed_at = time.time_ns()
                weeks = _week_names(self._weeks_dir)
                trusted = key is not None and listed_at - key[1] > 50_000_000
                self._weeks_listing = (key, trusted, weeks)
            return list(weeks)

    def get(self, rep_id: str, week: str) -> Session | None:
        doc = self._partition(week).docs.get(rep_id)
        return None if doc is None else decode_session(doc)

    def week(self, week: str) -> dict[str, Session]:
        """Every session of `week`, by rep_id (fresh objects: mutating them changes nothing stored)."""
        return {rep_id: decode_session(doc) for rep_id, doc in self._partition(week).docs.items()}

    def latest_before(self, rep_id: str, week: str) -> Session | None:
        """The rep's most recent session strictly before `week` (reads partitions newest first, only as needed)."""
        found = self.history(rep_id, week, 1)
        return found[0] if found else None

    def history(self, rep_id: str, before: str, limit: int) -> list[Session]:
        """The rep's sessions strictly before week `before`, most recent first, at most `limit`."""
        if limit <= 0:
            _check_week(before)
            return []
        found: list[Session] = []
        for session in self.iter_history(rep_id, before):
            found.append(session)
            if len(found) >= limit:
                break
        return found

    def iter_history(self, rep_id: str, before: str) -> Iterator[Session]:
        """The rep's sessions strictly before week `before`, most recent first, read only as far as
        the caller goes (the kept streak reads back to the last miss, not the whole history)."""
        _check_week(before)
        weeks = self.weeks()
        for week in reversed(weeks[: bisect.bisect_left(weeks, before)]):
            doc = self._partition(week).docs.get(rep_id)
            if doc is not None:
                yield decode_session(doc)

    def team_data(self) -> dict[str, Any] | None:
        """The team last saved with this database, as stored (a JSON-ready dict), or None."""
        docs = self._meta.get(TEAM_TABLE) or {}
        if not docs:
            return None
        return json.loads(json.dumps(docs[min(docs, key=int)]))

    def team(self) -> Team | None:
        """The team last saved with this database, or None; CodecError (naming the field) when it
        does not meet this version's rules."""
        data = self.team_data()
        return None if data is None else decode_team(data)

    def verify(self) -> list[CorruptDatabase]:
        """Read every file from disk (not the cache); one CorruptDatabase per file that does not read."""
        self._check_open()
        return _scan(self.path)

    def _partition(self, week: str) -> _Partition:
        _check_week(week)
        file = self._weeks_dir / f"{week}.json"
        with self._cache_lock:
            self._check_open()
            signature = _stat_signature(file)
            cached = self._cache.get(week)
            if cached is None or self._cache_signatures.get(week) != signature:
                try:
                    cached = _read_partition(file, week)
                    signature = cached.signature
                except _Unreadable as error:
                    cached = _corrupt(self.path, file, error.detail)
                self._cache[week] = cached
                self._cache_signatures[week] = signature
            if isinstance(cached, CorruptDatabase):
                raise cached
            return cached

    # ---- writing

    def save(self, session: Session) -> None:
        """Write one session; durable when this returns. Rewrites only that week's partition."""
        what = f"{session.rep_id}'s 1:1 of {session.week}"
        self._check_writable(what)
        _check_week(session.week)
        doc = _checked_doc(session, self.path)
        with self._write_lock:
            current = self._partition(session.week)  # CorruptDatabase: never write over a damaged file
            docs = dict(current.docs)
            ids = dict(current.ids)
            docs[session.rep_id] = doc
            if session.rep_id not in ids:
                ids[session.rep_id] = max(ids.values(), default=0) + 1
            self._write_partition(session.week, docs, ids, what)

    def save_week(self, week: str, sessions: Iterable[Session]) -> None:
        """Write many sessions of one week with a single rewrite of its partition (other reps are kept)."""
        what = f"the 1:1s of {week}"
        self._check_writable(what)
        _check_week(week)
        new = {}
        for session in sessions:
            if session.week != week:
                raise ValueError(f"session of {session.rep_id} is for {session.week}, not {week}")
            new[session.rep_id] = _checked_doc(session, self.path)
        if not new:
            return
        with self._write_lock:
            current = self._partition(week)
            docs = dict(current.docs)
            ids = dict(current.ids)
            for rep_id, doc in new.items():
                docs[rep_id] = doc
                if rep_id not in ids:
                    ids[rep_id] = max(ids.values(), default=0) + 1
            self._write_partition(week, docs, ids, what)

    def save_team(self, team: Team) -> None:
        """Keep the team with the database; no write when it is unchanged."""
        self._save_team_data(encode_team(team))

    def _save_team_data(self, team: dict[str, Any]) -> None:
        """Keep JSON-ready team data as it is (tests use it to store what another version wrote)."""
        self._check_writable("the team")
        team = json.loads(json.dumps(team))
        with self._write_lock:
            if self.team_data() == team:
                return
            tables = dict(self._meta)
            tables[TEAM_TABLE] = {"1": team}
            self._write_meta(tables, "the team")
            self._meta = tables

    def restore_backup(self, file: Path) -> Path:
        """Put the newest good backup of the damaged `file` (meta.json or a week) in its place; returns it.

        The same repair as :func:`restore_newest_backup` (the damaged file is kept beside it),
        done under the lock this Store already holds, so the app can repair a week it has open.
        The week is read from disk again on its next use. StoreError when it cannot (read-only,
        the file reads cleanly, no good backup, a failed write: then nothing was changed).
        """
        self._check_writable(f"a restore of {Path(file).name}")
        file = _database_file(self.path, file)
        with self._write_lock:
            _check_parts(self.path)
            source = _restore_locked(self.path, file)
            with self._cache_lock:
                match = _PARTITION_NAME.match(file.name)
                if match:
                    self._cache.pop(match[1], None)
                    self._cache_signatures.pop(match[1], None)
                self._weeks_listing = (None, False, [])
            if file.name == META_FILE:
                try:
                    tables, _ = _read_meta(self._meta_file)
                except _Unreadable as error:
                    raise _corrupt(self.path, self._meta_file, error.detail) from None
                if tables is not None:
                    self._meta = tables
        return source

    def _write_partition(self, week: str, docs: dict[str, dict], ids: dict[str, int], what: str) -> None:
        file = self._weeks_dir / f"{week}.json"
        order = sorted(docs, key=ids.__getitem__)
        storage = AtomicJSONStorage(file, backups=self._backups_dir)
        try:
            storage.write({SESSIONS_TABLE: {str(ids[rep_id]): docs[rep_id] for rep_id in order}})
        except OSError as error:
            with self._cache_lock:  # the next read goes to disk; nothing claims the failed data was saved
                self._cache.pop(week, None)
                self._cache_signatures.pop(week, None)
                self._weeks_listing = (None, False, [])
            raise _save_failed(error, file, what) from error
        with self._cache_lock:
            self._cache[week] = _Partition(docs, ids, storage.signature)
            self._cache_signatures[week] = storage.signature
            self._weeks_listing = (None, False, [])

    def _write_meta(self, tables: dict[str, dict[str, dict]], what: str) -> None:
        try:
            AtomicJSONStorage(self._meta_file, backups=self._backups_dir).write(tables)
        except OSError as error:
            raise _save_failed(error, self._meta_file, what) from error

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.path} has been closed; open it again to read or save.")

    def _check_writable(self, what: str) -> None:
        self._check_open()
        if self.read_only:
            raise SaveFailed(f"{self.path} is open read-only, so {what} was not saved; the text is still on "
                             "screen — to edit, close any other oneonone window on it and reopen without "
                             "--read-only.")


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


def _checked_doc(session: Session, db: Path) -> dict[str, Any]:
    """The session as stored, after proving it reads back: the store never writes what it cannot read."""
    doc = encode_session(session)
    try:
        decode_session(doc)
    except CodecError as error:
        raise SaveFailed(f"{session.rep_id}'s 1:1 of {session.week} was not saved to {db}: {error}; the text is "
                         "still on screen — correct that value.") from None
    return doc


def _check_week(week: str) -> None:
    if not is_week(week):
        raise ValueError(f"not an ISO week: {week!r} (expected e.g. 2026-W48)")


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


__all__ = [
    "MIGRATIONS", "AtomicJSONStorage", "CorruptDatabase", "DatabaseInUse", "DatabaseMissing", "NewerSchema",
    "NotADatabase", "SaveFailed", "Store", "StoreError", "corrupt_files", "restore_newest_backup",
    "write_database_file",
]
