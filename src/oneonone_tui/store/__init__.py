"""The store: the only package that writes to disk (sessions, the team kept with them, backups).

`store.py` is the database (sessions by week, the cache, saving); `files.py` its strict reads and
atomic writes; `layout.py` the directory, its parts and the single-writer lock; `repair.py` finds
damage and restores backups; `errors.py` says what went wrong; `codec.py` reads and writes the
records, strictly; `autosave.py` and `live.py` are the write-behind pair the UI uses (a writer
thread, and a reader that shows what was typed before it lands).
"""

from oneonone_tui.store.errors import (CorruptDatabase, DatabaseInUse, DatabaseMissing, NewerSchema, NotADatabase,
                                       SaveFailed, StoreError)
from oneonone_tui.store.files import AtomicJSONStorage
from oneonone_tui.store.repair import corrupt_files, restore_newest_backup
from oneonone_tui.store.store import MIGRATIONS, Store, write_database_file

__all__ = [
    "MIGRATIONS", "AtomicJSONStorage", "CorruptDatabase", "DatabaseInUse", "DatabaseMissing", "NewerSchema",
    "NotADatabase", "SaveFailed", "Store", "StoreError", "corrupt_files", "restore_newest_backup",
    "write_database_file",
]
