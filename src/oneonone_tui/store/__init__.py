"""The store: the only package that writes to disk (sessions, the team kept with them, backups).

`store.py` is the database (sessions by week, the cache, saving); `files.py` its strict reads and
atomic writes; `layout.py` the directory, its parts and the single-writer lock; `repair.py` finds
damage and restores backups; `errors.py` says what went wrong; `codec.py` reads and writes the
records, strictly; `autosave.py` and `live.py` are the write-behind pair the UI uses (a writer
thread, and a reader that shows what was typed before it lands).

The names below are imported on first use (PEP 562): importing one submodule (the team-file loader
uses `store.codec`) does not import the whole store (tinydb, the files, repair), and a command that
only reads a team file starts sooner.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oneonone_tui.store.errors import (CorruptDatabase, DatabaseInUse, DatabaseMissing, NewerSchema,
                                           NotADatabase, SaveFailed, StoreError)
    from oneonone_tui.store.files import AtomicJSONStorage
    from oneonone_tui.store.repair import corrupt_files, restore_newest_backup
    from oneonone_tui.store.store import MIGRATIONS, Store, write_database_file

# Each public name and the submodule that defines it.
_WHERE = {
    "CorruptDatabase": "errors", "DatabaseInUse": "errors", "DatabaseMissing": "errors", "NewerSchema": "errors",
    "NotADatabase": "errors", "SaveFailed": "errors", "StoreError": "errors",
    "AtomicJSONStorage": "files",
    "corrupt_files": "repair", "restore_newest_backup": "repair",
    "MIGRATIONS": "store", "Store": "store", "write_database_file": "store",
}

__all__ = [
    "MIGRATIONS", "AtomicJSONStorage", "CorruptDatabase", "DatabaseInUse", "DatabaseMissing", "NewerSchema",
    "NotADatabase", "SaveFailed", "Store", "StoreError", "corrupt_files", "restore_newest_backup",
    "write_database_file",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{where}"), name)
    globals()[name] = value  # found once; later look-ups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
