"""Every path the app uses, in one place. Nothing here touches the disk: the store makes what it writes."""

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


EXPORT_ENV = "ONEONONE_EXPORT_DIR"


def default_export_dir() -> Path:
    """Where the app writes exports (`x`): $ONEONONE_EXPORT_DIR, else `exports/` in the user data directory."""
    override = os.environ.get(EXPORT_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / "exports"
