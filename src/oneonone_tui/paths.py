"""Every path the app uses, in one place; directories are made (owner-only) when first asked for."""

from __future__ import annotations

import os
import stat
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
