"""Files: strict reads (regular files only, never through a link, never blocking), atomic writes, backups."""

from __future__ import annotations

import errno
import json
import math
import os
import stat
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from oneonone_tui.domain.records import Session
from oneonone_tui.store.codec import CodecError, decode_session
from oneonone_tui.paths import FILE_MODE
from oneonone_tui.store.names import (_NOFOLLOW, _NONBLOCK, _TMP_MARK, KEEP_BACKUPS, META_TABLE, SESSIONS_TABLE,
                                     Signature)
from oneonone_tui.store.errors import _Unreadable


def _open_regular(path: Path) -> int:
    """A read-only descriptor of the regular file `path`, never following a link and never blocking.

    FileNotFoundError when it is missing; _Unreadable when it is a link, a FIFO, a device, a
    directory or someone else's, or cannot be opened.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise _Unreadable(f"cannot be opened: {error.strerror or error}") from None
    if stat.S_ISLNK(st.st_mode):
        raise _Unreadable("it is a symbolic link, which oneonone does not follow inside a database")
    if not stat.S_ISREG(st.st_mode):
        raise _Unreadable("it is not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _Unreadable("it is a symbolic link, which oneonone does not follow inside a database") from None
        raise _Unreadable(f"cannot be opened: {error.strerror or error}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Unreadable("it is not a regular file")
        if st.st_uid != os.geteuid():
            raise _Unreadable(f"it belongs to another user (uid {st.st_uid})")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_regular_bytes(path: Path) -> bytes:
    """The bytes of the regular file `path` (no links, no FIFOs); OSError or _Unreadable otherwise."""
    fd = _open_regular(path)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)



def _unlink_quiet(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as error:  # some filesystems cannot fsync a directory; nothing more to do there
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _tmp_path(final: Path, directory: Path | None = None) -> Path:
    # os.urandom is what secrets.token_hex(4) reads; importing `secrets` (hmac, hashlib, random)
    # cost ~1.2 ms of the app's start-up for these 4 bytes.
    return (directory or final.parent) / f".{final.name}{_TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"


def _signature(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _stat_signature(path: Path) -> Signature | None:
    try:
        return _signature(os.stat(path))
    except FileNotFoundError:
        return None
    except OSError:
        return (-1, -1, -1)  # unreadable: never matches a cached version, so the read reports it


def _write_new_file(path: Path, data: bytes | Iterable[bytes]) -> Signature:
    """Create `path` (which must not exist) as 0600 holding `data` (bytes, or pieces of it written in
    turn: a large export is never one more copy in memory), fsynced; removed again on failure."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | _NOFOLLOW, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # whatever the umask
            for piece in (data,) if isinstance(data, bytes) else data:
                view = memoryview(piece)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
            return _signature(os.fstat(fd))
        finally:
            os.close(fd)
    except BaseException:
        _unlink_quiet(path)
        raise


def _stage_backup(final: Path, backups: Path) -> Path | None:
    """Hard-link the current `final` into backups/ under a temp name (a copy only if links fail)."""
    staged = _tmp_path(final.with_name(final.name + ".1"), backups)
    try:
        os.link(final, staged, follow_symlinks=False)  # the name itself, never what a link points at
    except FileNotFoundError:
        return None  # first write of this file: nothing to keep
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EOPNOTSUPP):
            raise
        try:
            data = _read_regular_bytes(final)
        except FileNotFoundError:
            return None
        except _Unreadable as unreadable:
            raise OSError(errno.EINVAL, f"{final} {unreadable.detail}", str(final)) from None
        _write_new_file(staged, data)
    return staged


def _rotate(staged: Path, backups: Path, name: str, keep: int) -> None:
    """.2 -> .3, .1 -> .2, staged -> .1 (the oldest falls off). Best effort: the save is already done."""
    try:
        for number in range(keep - 1, 0, -1):
            try:
                os.replace(backups / f"{name}.{number}", backups / f"{name}.{number + 1}")
            except FileNotFoundError:
                pass
        os.replace(staged, backups / f"{name}.1")
        _fsync_dir(backups)
    except OSError:
        _unlink_quiet(staged)


def _atomic_write(final: Path, data: bytes | Iterable[bytes], backups: Path | None) -> Signature:
    """Replace `final` with `data`, keeping the previous version in `backups`.

    Raises OSError with `final` untouched and no temp file left, except when only the closing
    fsync of the directory fails (then the new file is in place but may not be durable yet).
    """
    tmp = _tmp_path(final)
    signature = _write_new_file(tmp, data)
    staged = None
    try:
        if backups is not None:
            staged = _stage_backup(final, backups)
        os.replace(tmp, final)
    except BaseException:
        _unlink_quiet(tmp)
        if staged is not None:
            _unlink_quiet(staged)
        raise
    if staged is not None:
        _rotate(staged, backups, final.name, KEEP_BACKUPS)
    try:
        _fsync_dir(final.parent)
    except OSError as error:
        error.oneonone_replaced = True  # type: ignore[attr-defined]
        raise
    return signature


def _encode(tables: dict[str, Any]) -> bytes:
    return (json.dumps(tables, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


class _NonFinite(Exception):
    """Internal: json.loads met NaN, Infinity or a number too large for a float (read as infinity)."""


def _refuse_constant(name: str) -> float:
    raise _NonFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if value - value != 0.0:  # inf - inf is NaN; a finite float minus itself is 0.0
        raise _NonFinite(text)
    return value


def _report_non_finite(data: Any) -> None:
    """_Unreadable naming the document and field of the first non-finite number in a file's tables."""
    if isinstance(data, dict):
        for name, table in data.items():
            if not isinstance(table, dict):
                continue
            for doc_id, doc in table.items():
                where = _non_finite(doc, "")
                if where:
                    what = "is not a valid session" if name == SESSIONS_TABLE else f"of table {name!r}"
                    raise _Unreadable(f"document {doc_id} {what}: {where}: not a finite number")
    where = _non_finite(data, "")
    if where:
        raise _Unreadable(f"{where}: not a finite number")


def _decode(raw: bytes) -> dict[str, dict[str, dict]]:
    """Bytes of a TinyDB file to its tables, or _Unreadable saying what is wrong."""
    if not raw:
        raise _Unreadable("the file is empty (0 bytes), probably cut short by a crash")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Unreadable(f"not UTF-8 text: byte {raw[error.start]:#04x} at offset {error.start}") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NonFinite:
        _report_non_finite(json.loads(text))
        raise _Unreadable("it holds a number that is not finite (NaN or infinity)") from None
    except json.JSONDecodeError as error:
        cut = " (the file ends early)" if error.pos >= len(text.rstrip()) else ""
        raise _Unreadable(f"not valid JSON at line {error.lineno} column {error.colno}: {error.msg}{cut}") from None
    except (ValueError, RecursionError) as error:
        raise _Unreadable(f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise _Unreadable(f"expected a JSON object of tables, found {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _Unreadable(f"table {name!r} is {type(table).__name__}, not an object of documents")
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise _Unreadable(f"table {name!r} has a document id {doc_id!r} that is not a number")
            if not isinstance(doc, dict):
                raise _Unreadable(f"document {doc_id} of table {name!r} is {type(doc).__name__}, not an object")
    return data


def _read_file(path: Path) -> tuple[dict[str, dict[str, dict]] | None, Signature | None]:
    """A file's tables and the signature of exactly the version read; (None, None) when it is missing."""
    try:
        fd = _open_regular(path)
    except FileNotFoundError:
        return None, None
    try:
        signature = _signature(os.fstat(fd))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError as error:
        raise _Unreadable(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    return _decode(b"".join(chunks)), signature


class AtomicJSONStorage(Storage):
    """TinyDB storage for one file: strict reads (damage raises, never reads as empty), atomic writes.

    Use: ``TinyDB(path, storage=AtomicJSONStorage, backups=<dir or None>)``. Unlike stock
    ``JSONStorage`` it does not create the file when opened. ``signature`` is that of the version
    last read or written.
    """

    def __init__(self, path: Path | str, *, backups: Path | None = None, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.backups = backups
        self.read_only = read_only
        self.signature: Signature | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        data, self.signature = _read_file(self.path)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise OSError(errno.EROFS, "opened read-only", str(self.path))
        self.signature = _atomic_write(self.path, _encode(data), self.backups)

    def close(self) -> None:
        pass



# --------------------------------------------------------------------------------------------
# What the files must hold.


class _Partition:
    """One week as stored: the documents (as written) by rep, their TinyDB ids, the file version.

    Never changed once made (a save makes a new one), but for `fresh`, which only empties. A plain
    class: `dataclasses` (with `inspect`) is not otherwise imported by `oneonone demo` or `restore`.
    """

    __slots__ = ("docs", "ids", "signature", "fresh")

    def __init__(self, docs: dict[str, dict[str, Any]], ids: dict[str, int], signature: Signature | None,
                 fresh: dict[str, Session] | None = None) -> None:
        self.docs = docs
        self.ids = ids
        self.signature = signature
        # The sessions decoded when the file was read (to prove it reads), each handed out once: the
        # first reader of a session gets that object instead of a second decode (the dashboard's
        # first frame read every session of 27 weeks twice).
        self.fresh = fresh or {}

    def session(self, rep_id: str) -> Session | None:
        """The rep's session in this week: a fresh object every time (nobody else holds it)."""
        found = self.fresh.pop(rep_id, None)
        if found is not None:
            return found
        doc = self.docs.get(rep_id)
        return None if doc is None else decode_session(doc)


def _read_partition(path: Path, week: str) -> _Partition:
    """Read one week's file (or a backup of it) through TinyDB; every document must be a Session of `week`."""
    database = TinyDB(path, storage=AtomicJSONStorage)
    try:
        documents = database.table(SESSIONS_TABLE, cache_size=0).all()
        signature = database.storage.signature  # type: ignore[attr-defined]
    finally:
        database.close()
    docs: dict[str, dict[str, Any]] = {}
    ids: dict[str, int] = {}
    fresh: dict[str, Session] = {}
    for document in documents:
        try:
            session = decode_session(dict(document), f"sessions[{document.doc_id}]")
        except CodecError as error:
            raise _Unreadable(f"document {document.doc_id} is not a valid session: {error}") from None
        if session.week != week:
            raise _Unreadable(f"document {document.doc_id} belongs to week {session.week}, not {week}")
        if session.rep_id in docs:
            raise _Unreadable(f"rep {session.rep_id!r} appears twice")
        docs[session.rep_id] = dict(document)
        ids[session.rep_id] = document.doc_id
        fresh[session.rep_id] = session
    return _Partition(docs, ids, signature, fresh)


def _non_finite(value: Any, where: str) -> str | None:
    """The path of the first NaN or infinity in `value` (JSON reads NaN, Infinity and 1e999 as floats)."""
    if isinstance(value, float):
        return None if math.isfinite(value) else where
    if isinstance(value, dict):
        for key, item in value.items():
            found = _non_finite(item, f"{where}.{key}" if where else str(key))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _non_finite(item, f"{where}.{index}" if where else str(index))
            if found:
                return found
    return None


def _meta_doc(tables: dict[str, dict[str, dict]]) -> dict[str, Any]:
    docs = tables.get(META_TABLE) or {}
    if not docs:
        raise _Unreadable(f"it has no {META_TABLE!r} document")
    doc = docs[min(docs, key=int)]
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise _Unreadable(f"the schema version is {schema!r}, not a number")
    return doc


def _read_meta(path: Path) -> tuple[dict[str, dict[str, dict]] | None, Signature | None]:
    tables, signature = _read_file(path)
    if tables is not None:
        _meta_doc(tables)
    return tables, signature
