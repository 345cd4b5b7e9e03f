"""Exports on disk: the folder they go to (0700 when we make it) and each file, written atomically as 0600.

The export formats themselves are pure text (`oneonone_tui.export`); this is the only place they
touch the disk, so the rule "only store/ writes files" holds for them too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from oneonone_tui.store.errors import StoreError, _Unreadable
from oneonone_tui.store.files import _atomic_write, _read_regular_bytes
from oneonone_tui.store.layout import ensure_private_dir


def make_export_dir(path: Path) -> Path:
    """`path` as a directory to export into: made (with its missing parents) 0700 when missing; an
    existing directory is left exactly as it is (it is the manager's). OSError when it cannot be made."""
    path = Path(path).expanduser()
    if path.is_dir():
        return path
    return ensure_private_dir(path)


def write_text_file(path: Path, text: str | Iterable[str]) -> Path:
    """Replace `path` with `text` (UTF-8; pieces are written as their concatenation, each encoded and
    written in turn), atomically, mode 0600; OSError when it cannot be written.

    A directory, FIFO or device at `path` is refused (StoreError): an export never writes through one.
    """
    path = Path(path).expanduser()
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise StoreError(f"{path} is not a regular file, so nothing was written there; give a file name with -o.")
    pieces = [text] if isinstance(text, str) else text
    _atomic_write(path, (piece.encode("utf-8") for piece in pieces), None)
    return path


def read_import_file(path: Path) -> bytes:
    """The bytes of the regular file `path` (never a FIFO or a link); StoreError saying what to do."""
    try:
        return _read_regular_bytes(Path(path))
    except FileNotFoundError:
        raise StoreError(f"{path} does not exist; give the path of a file written by `oneonone export "
                         "--format json`.") from None
    except _Unreadable as error:
        raise StoreError(f"{path} cannot be read: {error.detail}.") from None
    except OSError as error:
        raise StoreError(f"{path} cannot be read ({error.strerror or error}); check the path and its "
                         "permissions.") from None
