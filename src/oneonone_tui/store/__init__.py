"""The store: the only package that writes to disk (sessions, the team kept with them, backups).

`store.py` holds the database (layout, lock, cache, repair) and its atomic files; `codec.py` is
its strict reader and writer of records; `autosave.py` and `live.py` are the write-behind pair the
UI uses (a writer thread, and a reader that shows what was typed before it lands).
"""

from oneonone_tui.store.store import (MIGRATIONS, AtomicJSONStorage, CorruptDatabase, DatabaseInUse, DatabaseMissing,
                                      NewerSchema, NotADatabase, SaveFailed, Store, StoreError, corrupt_files,
                                      restore_newest_backup, write_database_file)

__all__ = [
    "MIGRATIONS", "AtomicJSONStorage", "CorruptDatabase", "DatabaseInUse", "DatabaseMissing", "NewerSchema",
    "NotADatabase", "SaveFailed", "Store", "StoreError", "corrupt_files", "restore_newest_backup",
    "write_database_file",
]
