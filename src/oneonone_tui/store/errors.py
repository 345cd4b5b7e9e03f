"""The store's errors: each carries one plain message naming the file and what to do; `str(error)` is it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from oneonone_tui.store.names import BACKUPS_DIR, WEEKS_DIR


def _db_of(file: Path) -> Path:
    parent = file.parent
    return parent.parent if parent.name in (WEEKS_DIR, BACKUPS_DIR) else parent



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
