"""Whether another process holds a database's writer lock, without taking it or writing anything."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from oneonone_tui.store.layout import _read_pid
from oneonone_tui.store.names import LOCK_FILE


def lock_holder(db: Path) -> tuple[bool, int | None]:
    """(held, pid): True when an open oneonone window holds `db`'s lock, with its PID when known.

    A shared lock is tried and released at once (never blocking): it fails only while a writer holds
    the exclusive one. No lock file: nobody holds it.
    """
    try:
        fd = os.open(Path(db) / LOCK_FILE, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False, None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return True, _read_pid(fd)
            return False, None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False, None
    finally:
        os.close(fd)
