"""The names of a database's parts (see `store.py` for the layout)."""

from __future__ import annotations

import os
import re





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

# Nothing in a database is opened through a link, or blocks opening a FIFO.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
