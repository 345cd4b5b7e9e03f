"""Every path the app uses, in one place; directories are made (owner-only) when first asked for."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "oneonone-tui"
DB_ENV = "ONEONONE_DB"
DATA_ENV = "ONEONONE_DATA_DIR"  # points the whole data directory elsewhere (tests, portable installs)

# Notes about people's performance: nobody but the owner reads what we write.
FILE_MODE = 0o600
DIR_MODE = 0o700


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path  # deferred: only needed when no override is given

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The session database: `--db` wins, then $ONEONONE_DB, then the user data directory."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / "sessions"


def bundled_team_path() -> Path:
    return Path(__file__).with_name("sample_team.json")


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) as owner-only; tighten it if it already exists and is ours.

    Every directory made here is 0700 whatever the umask: `mkdir(parents=True)` alone would make
    the missing parents (the data directory itself, above `sessions/`) with the umask's modes,
    0777 under `umask 000`. Parents that already exist are left as they are.
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
            # made by someone else meanwhile; tightened below when it is `path`
        else:
            try:
                directory.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask
            except PermissionError:
                pass
    if not missing:
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)  # raises the right error for a file in the way
    try:
        if path.stat().st_mode & 0o777 != DIR_MODE:
            path.chmod(DIR_MODE)
    except PermissionError:
        pass
    return path
