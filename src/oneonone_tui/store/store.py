"""The session store: the only module that opens the database.

Layout (``--db PATH`` names a directory; directories are 0700, every file 0600)::

    <db>/meta.json                  TinyDB: table "meta", one doc {schema, created_at, app_version};
                                    table "team", one doc: the team last used with this database
    <db>/lock                       single-writer lock (fcntl.flock LOCK_EX|LOCK_NB), holds the writer's PID
    <db>/weeks/2026-W48.json        one TinyDB file per ISO week: table "sessions", one doc per rep
    <db>/backups/2026-W48.json.1    the previous versions of each file (.1 newest, at most .3)

Why one file per ISO week: stock TinyDB rewrites the whole file on every update. Measured with
one file for everything, an update costs ~22 ms at 1,000 sessions and ~105 ms at 4,160 sessions
(16 reps x 5 years). The manager's session is saved every few hundred ms while they type, so a
single file would make saving slower every week the app is used. With one file per ISO week a
save rewrites only that week's file (<= ~16 sessions): it costs the same after 5 years as after
4 weeks, and start-up reads only the weeks it shows (partitions are loaded lazily and cached),
not the whole history. Measured with this module (realistic ~3.7 KB sessions, fsyncs included, on
the dev VM's ext4): Store.save median ~1.1-1.4 ms at 64 sessions (4 weeks) and the same at 4,160
sessions (260 weeks); opening 260 weeks and showing one week with each rep's history: ~20-35 ms.

TinyDB is used for the file format and reading (each file is a plain TinyDB JSON database that
stock TinyDB opens), through our own storage class, :class:`AtomicJSONStorage`:

* reads are strict: an empty, cut-short, non-UTF-8 or wrongly shaped file raises instead of
  reading as an empty database (stock ``JSONStorage`` reads a zero-byte file as "no data", and
  the next write would then replace a week of notes with one session);
* writes are atomic: a temp file in the same directory (``os.open`` O_CREAT|O_EXCL, mode 0600,
  UTF-8), flushed and fsynced; the current file is hard-linked into ``backups/`` (no copy);
  ``os.replace`` puts the new file in place; the directory is fsynced; then backups rotate
  ``.1 -> .2 -> .3``. A crash at any instant leaves the old or the new complete file.

Writes do not go through TinyDB's ``Table`` methods: each of those re-reads the file, mutates
the documents in place and writes; ``upsert`` of a new document writes twice (an update that
matches nothing still writes, then the insert). The store instead builds the whole partition
from its validated in-memory copy and writes it once through the same storage: one atomic write
per save, and the cache is replaced only after the write succeeded, so it never claims that a
failed save was saved.

A file that cannot be read is never overwritten: reading or saving that week raises
:class:`CorruptDatabase`, naming the file and its good backups (``oneonone restore``).

One writer at a time holds ``<db>/lock``; another window opens read-only. Saves come from the
UI's autosave thread while the screen reads, so the partition cache and writes are guarded by
locks (writes are serialized; reads wait only for the cache, not for a write's fsync).
"""

from __future__ import annotations

import bisect
import errno
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oneonone_tui import __version__
from oneonone_tui.domain.records import Session
from oneonone_tui.domain.team import Team
from oneonone_tui.store.codec import CodecError, decode_session, decode_team, encode_session, encode_team
from oneonone_tui.store.names import (BACKUPS_DIR, META_FILE, META_TABLE, SESSIONS_TABLE, Signature, TEAM_TABLE,
                                      WEEKS_DIR, _PARTITION_NAME)
from oneonone_tui.store.errors import (CorruptDatabase, NewerSchema, SaveFailed, StoreError, _Unreadable,
                                       _save_failed, _setup_failed)
from oneonone_tui.store.files import (AtomicJSONStorage, _Partition, _atomic_write, _encode, _fsync_dir, _meta_doc,
                                      _read_meta, _read_partition, _stat_signature)
from oneonone_tui.store.layout import (_acquire_lock, _check_dir, _check_is_ours, _check_parts, _check_week,
                                       _check_writable_dir, _has_history, _make_private_dir, _now,
                                       _remove_stale_temp_files, _week_names, ensure_private_dir)
from oneonone_tui.store.repair import _corrupt, _database_file, _restore_locked, _scan

if TYPE_CHECKING:  # the coaching log's records: imported where they are read or written
    from oneonone_tui.domain.coaching import Activity


def write_database_file(db: Path, file: Path, tables: dict[str, dict[str, Any]]) -> None:
    """Atomically write a TinyDB file of `db` (keeping backups); for MIGRATIONS steps. Raises OSError."""
    _atomic_write(file, _encode(tables), db / BACKUPS_DIR)


# from_version -> function(db_path) upgrading the database directory one step (to from_version + 1).
# Applied in order by a writable open; meta's schema is bumped after each step, so a step must be
# safe to run again if the app dies before that bump. Version 1 is the first: nothing to do yet.
MIGRATIONS: dict[int, Callable[[Path], None]] = {}


# --------------------------------------------------------------------------------------------



class Store:
    """Sessions by ISO week and rep. Open with :meth:`open`; thread-safe; one writer per database."""

    SCHEMA_VERSION = 1

    def __init__(self, path: Path, read_only: bool) -> None:  # use Store.open
        self.path = path
        self.read_only = read_only
        self._weeks_dir = path / WEEKS_DIR
        self._backups_dir = path / BACKUPS_DIR
        self._meta_file = path / META_FILE
        self._lock_fd: int | None = None
        self._closed = False
        self._cache: dict[str, _Partition | CorruptDatabase] = {}
        self._cache_signatures: dict[str, Signature | None] = {}
        self._cache_lock = threading.Lock()  # the partition cache
        self._write_lock = threading.Lock()  # one write at a time (autosave thread, UI thread)
        self._meta: dict[str, dict[str, dict]] = {}
        self._weeks_listing: tuple[tuple[int, int] | None, bool, list[str]] = (None, False, [])

    # ---- opening and closing

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Store:
        """Open (creating it when missing and writable) the database directory `path`.

        Writable opens take the single-writer lock (DatabaseInUse when another process, or another
        Store in this one, holds it), remove stale temp files and run pending MIGRATIONS.
        `read_only` never takes the lock, never writes, and refuses saves.
        """
        path = Path(path).expanduser()
        _check_is_ours(path, read_only=read_only)
        _check_parts(path)
        store = cls(path, read_only)
        try:
            if not read_only:
                try:
                    ensure_private_dir(path)
                    st = _check_dir(path, link_ok=True)
                    if st is None:
                        raise FileNotFoundError(errno.ENOENT, "removed while opening", str(path))
                    _check_writable_dir(path, st)
                    store._lock_fd = _acquire_lock(path)
                    _make_private_dir(store._weeks_dir)
                    _make_private_dir(store._backups_dir)
                except OSError as error:
                    raise _setup_failed(error, path) from error
                _remove_stale_temp_files(path)
            store._open_meta()
        except BaseException:
            store.close()
            raise
        return store

    def _open_meta(self) -> None:
        try:
            tables, _ = _read_meta(self._meta_file)
            if tables is None and _has_history(self.path):
                raise _Unreadable("it is missing, but the database holds sessions")
        except _Unreadable as error:
            raise _corrupt(self.path, self._meta_file, error.detail) from None
        if tables is None:  # a new database
            tables = {META_TABLE: {"1": {"schema": self.SCHEMA_VERSION, "created_at": _now(),
                                         "app_version": __version__}}}
            if not self.read_only:
                try:
                    AtomicJSONStorage(self._meta_file, backups=self._backups_dir).write(tables)
                except OSError as error:
                    raise _setup_failed(error, self.path) from error
                try:
                    _fsync_dir(self.path.parent)
                except OSError:
                    pass
            self._meta = tables
            return
        self._meta = tables
        schema = _meta_doc(tables)["schema"]
        if schema > self.SCHEMA_VERSION:
            raise NewerSchema(self.path, schema, self.SCHEMA_VERSION)
        if schema < self.SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(f"{self.path} was written by an older oneonone (database schema {schema}) "
                                 "and needs upgrading, which a read-only open cannot do; open it once "
                                 "without --read-only.")
            self._migrate(schema)

    def _migrate(self, schema: int) -> None:
        while schema < self.SCHEMA_VERSION:
            step = MIGRATIONS.get(schema)
            if step is None:
                raise StoreError(f"{self.path} uses database schema {schema} and this oneonone has no upgrade "
                                 f"from it to {self.SCHEMA_VERSION}; open it with the version that wrote it.")
            try:
                step(self.path)
            except OSError as error:
                raise _save_failed(error, self.path, f"the upgrade from schema {schema}") from error
            schema += 1
            tables = dict(self._meta)
            meta = dict(_meta_doc(tables))
            meta.update(schema=schema, app_version=__version__, migrated_at=_now())
            tables[META_TABLE] = {"1": meta}
            self._write_meta(tables, f"the upgrade to schema {schema}")
            self._meta = tables

    def close(self) -> None:
        with self._write_lock, self._cache_lock:
            self._closed = True
            self._cache.clear()
            if self._lock_fd is not None:
                try:
                    os.ftruncate(self._lock_fd, 0)
                except OSError:
                    pass
                os.close(self._lock_fd)  # releases the flock
                self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, read_only={self.read_only})"

    # ---- reading

    def weeks(self) -> list[str]:
        """Weeks that have a partition, sorted (from the directory listing; no file is read)."""
        # Cached by the directory's identity and mtime (one stat instead of a listing of 260 names).
        # A directory's mtime is coarse (a clock tick), so a listing taken within 50 ms of the last
        # change is not trusted ("racy", as git calls it): the next call lists again.
        try:
            st = os.stat(self._weeks_dir)
            key: tuple[int, int] | None = (st.st_ino, st.st_mtime_ns)
        except OSError:
            key = None
        with self._cache_lock:
            cached_key, trusted, weeks = self._weeks_listing
            if key is None or key != cached_key or not trusted:
                listed_at = time.time_ns()
                weeks = _week_names(self._weeks_dir)
                trusted = key is not None and listed_at - key[1] > 50_000_000
                self._weeks_listing = (key, trusted, weeks)
            return list(weeks)

    def get(self, rep_id: str, week: str) -> Session | None:
        return self._partition(week).session(rep_id)

    def week(self, week: str, keep: bool = True) -> dict[str, Session]:
        """Every session of `week`, by rep_id (fresh objects: mutating them changes nothing stored).

        `keep=False` for a reader that goes through many weeks once (`export`): a week not already
        cached is read without being kept (the cache holds each week's documents as stored, beside
        the sessions handed out: an export of 260 weeks held 48 MB where the sessions need 24)."""
        partition = self._partition(week, keep)
        return {rep_id: partition.session(rep_id) for rep_id in list(partition.docs)}

    def rep_ids(self, week: str) -> set[str]:
        """Whose sessions `week` holds, without decoding them (the dashboard looks a year back for reps
        gone from the team file: decoding every session of 52 weeks was ~100 ms of start-up)."""
        return set(self._partition(week).docs)

    def latest_before(self, rep_id: str, week: str) -> Session | None:
        """The rep's most recent session strictly before `week` (reads partitions newest first, only as needed)."""
        found = self.history(rep_id, week, 1)
        return found[0] if found else None

    def history(self, rep_id: str, before: str, limit: int) -> list[Session]:
        """The rep's sessions strictly before week `before`, most recent first, at most `limit`."""
        if limit <= 0:
            _check_week(before)
            return []
        found: list[Session] = []
        for session in self.iter_history(rep_id, before):
            found.append(session)
            if len(found) >= limit:
                break
        return found

    def iter_history(self, rep_id: str, before: str) -> Iterator[Session]:
        """The rep's sessions strictly before week `before`, most recent first, read only as far as
        the caller goes (the kept streak reads back to the last miss, not the whole history)."""
        _check_week(before)
        weeks = self.weeks()
        for week in reversed(weeks[: bisect.bisect_left(weeks, before)]):
            session = self._partition(week).session(rep_id)
            if session is not None:
                yield session

    def team_data(self) -> dict[str, Any] | None:
        """The team last saved with this database, as stored (a JSON-ready dict), or None."""
        docs = self._meta.get(TEAM_TABLE) or {}
        if not docs:
            return None
        return json.loads(json.dumps(docs[min(docs, key=int)]))

    def team(self) -> Team | None:
        """The team last saved with this database, or None; CodecError (naming the field) when it
        does not meet this version's rules."""
        data = self.team_data()
        return None if data is None else decode_team(data)

    def verify(self) -> list[CorruptDatabase]:
        """Read every file from disk (not the cache); one CorruptDatabase per file that does not read."""
        self._check_open()
        return _scan(self.path)

    def _partition(self, week: str, keep: bool = True) -> _Partition:
        _check_week(week)
        file = self._weeks_dir / f"{week}.json"
        with self._cache_lock:
            self._check_open()
            signature = _stat_signature(file)
            cached = self._cache.get(week)
            if cached is None or self._cache_signatures.get(week) != signature:
                try:
                    cached = _read_partition(file, week)
                    signature = cached.signature
                except _Unreadable as error:
                    cached = _corrupt(self.path, file, error.detail)
                if keep:
                    self._cache[week] = cached
                    self._cache_signatures[week] = signature
                else:  # not kept: a version cached before is stale now
                    self._cache.pop(week, None)
                    self._cache_signatures.pop(week, None)
            if isinstance(cached, CorruptDatabase):
                raise cached
            return cached

    # ---- writing

    def save(self, session: Session) -> None:
        """Write one session; durable when this returns. Rewrites only that week's partition."""
        what = f"{session.rep_id}'s 1:1 of {session.week}"
        self._check_writable(what)
        _check_week(session.week)
        doc = _checked_doc(session, self.path)
        with self._write_lock:
            current = self._partition(session.week)  # CorruptDatabase: never write over a damaged file
            docs = dict(current.docs)
            ids = dict(current.ids)
            docs[session.rep_id] = doc
            if session.rep_id not in ids:
                ids[session.rep_id] = max(ids.values(), default=0) + 1
            self._write_partition(session.week, docs, ids, what)

    def save_week(self, week: str, sessions: Iterable[Session]) -> None:
        """Write many sessions of one week with a single rewrite of its partition (other reps are kept)."""
        what = f"the 1:1s of {week}"
        self._check_writable(what)
        _check_week(week)
        new = {}
        for session in sessions:
            if session.week != week:
                raise ValueError(f"session of {session.rep_id} is for {session.week}, not {week}")
            new[session.rep_id] = _checked_doc(session, self.path)
        if not new:
            return
        with self._write_lock:
            current = self._partition(week)
            docs = dict(current.docs)
            ids = dict(current.ids)
            for rep_id, doc in new.items():
                docs[rep_id] = doc
                if rep_id not in ids:
                    ids[rep_id] = max(ids.values(), default=0) + 1
            self._write_partition(week, docs, ids, what)

    def save_team(self, team: Team) -> None:
        """Keep the team with the database; no write when it is unchanged."""
        self._save_team_data(encode_team(team))

    def _save_team_data(self, team: dict[str, Any]) -> None:
        """Keep JSON-ready team data as it is (tests use it to store what another version wrote)."""
        self._check_writable("the team")
        team = json.loads(json.dumps(team))
        with self._write_lock:
            if self.team_data() == team:
                return
            tables = dict(self._meta)
            tables[TEAM_TABLE] = {"1": team}
            self._write_meta(tables, "the team")
            self._meta = tables

    def restore_backup(self, file: Path) -> Path:
        """Put the newest good backup of the damaged `file` (meta.json or a week) in its place; returns it.

        The same repair as :func:`restore_newest_backup` (the damaged file is kept beside it),
        done under the lock this Store already holds, so the app can repair a week it has open.
        The week is read from disk again on its next use. StoreError when it cannot (read-only,
        the file reads cleanly, no good backup, a failed write: then nothing was changed).
        """
        self._check_writable(f"a restore of {Path(file).name}")
        file = _database_file(self.path, file)
        with self._write_lock:
            _check_parts(self.path)
            source = _restore_locked(self.path, file)
            with self._cache_lock:
                match = _PARTITION_NAME.match(file.name)
                if match:
                    self._cache.pop(match[1], None)
                    self._cache_signatures.pop(match[1], None)
                self._weeks_listing = (None, False, [])
            if file.name == META_FILE:
                try:
                    tables, _ = _read_meta(self._meta_file)
                except _Unreadable as error:
                    raise _corrupt(self.path, self._meta_file, error.detail) from None
                if tables is not None:
                    self._meta = tables
        return source

    def _write_partition(self, week: str, docs: dict[str, dict], ids: dict[str, int], what: str) -> None:
        file = self._weeks_dir / f"{week}.json"
        order = sorted(docs, key=ids.__getitem__)
        storage = AtomicJSONStorage(file, backups=self._backups_dir)
        try:
            storage.write({SESSIONS_TABLE: {str(ids[rep_id]): docs[rep_id] for rep_id in order}})
        except OSError as error:
            with self._cache_lock:  # the next read goes to disk; nothing claims the failed data was saved
                self._cache.pop(week, None)
                self._cache_signatures.pop(week, None)
                self._weeks_listing = (None, False, [])
            raise _save_failed(error, file, what) from error
        with self._cache_lock:
            self._cache[week] = _Partition(docs, ids, storage.signature)
            self._cache_signatures[week] = storage.signature
            self._weeks_listing = (None, False, [])

    def _write_meta(self, tables: dict[str, dict[str, dict]], what: str) -> None:
        try:
            AtomicJSONStorage(self._meta_file, backups=self._backups_dir).write(tables)
        except OSError as error:
            raise _save_failed(error, self._meta_file, what) from error

    # ---- the coaching log and where actuals came from (issue 12): two small tables of meta.json

    def log_activity(self, activity: Activity) -> None:
        """Keep one coaching activity (a pre-brief, debrief or ride-along) with its week."""
        from oneonone_tui.store.activities_codec import ACTIVITIES_TABLE, decode_activity, encode_activity

        self._check_writable("the coaching activity")
        doc = encode_activity(activity)
        decode_activity(doc)  # never write what cannot be read back
        with self._write_lock:
            tables = dict(self._meta)
            docs = dict(tables.get(ACTIVITIES_TABLE) or {})
            docs[str(max((int(k) for k in docs), default=0) + 1)] = doc
            tables[ACTIVITIES_TABLE] = docs
            self._write_meta(tables, "the coaching activity")
            self._meta = tables

    def activities(self, week: str | None = None) -> list[Activity]:
        """The logged coaching activities (of `week`, or all), oldest first; CodecError when one is damaged."""
        from oneonone_tui.store.activities_codec import ACTIVITIES_TABLE, decode_activity

        docs = self._meta.get(ACTIVITIES_TABLE) or {}
        found = [decode_activity(docs[key], f"activities[{key}]") for key in sorted(docs, key=int)]
        return [a for a in found if week is None or a.week == week]

    def sources(self, week: str) -> dict[str, dict[str, dict[str, Any]]]:
        """Where `week`'s actuals came from: rep id -> metric id -> {source, file, at, value}."""
        from oneonone_tui.store.activities_codec import SOURCES_TABLE, decode_sources

        _check_week(week)
        for key, doc in (self._meta.get(SOURCES_TABLE) or {}).items():
            if isinstance(doc, dict) and doc.get("week") == week:
                return decode_sources(doc, f"sources[{key}]")[1]
        return {}

    def set_sources(self, week: str, entries: dict[str, dict[str, dict[str, Any]]]) -> None:
        """Record where actuals of `week` came from (merged over what is recorded; other weeks kept)."""
        from oneonone_tui.store.activities_codec import SOURCES_TABLE, encode_sources

        self._check_writable(f"the sources of {week}")
        _check_week(week)
        with self._write_lock:
            merged = self.sources(week)
            for rep_id, metrics in entries.items():
                merged.setdefault(rep_id, {}).update(metrics)
            doc = encode_sources(week, merged)
            tables = dict(self._meta)
            docs = dict(tables.get(SOURCES_TABLE) or {})
            key = next((k for k, d in docs.items() if isinstance(d, dict) and d.get("week") == week), None)
            docs[key or str(max((int(k) for k in docs), default=0) + 1)] = doc
            tables[SOURCES_TABLE] = docs
            self._write_meta(tables, f"the sources of {week}")
            self._meta = tables

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.path} has been closed; open it again to read or save.")

    def _check_writable(self, what: str) -> None:
        self._check_open()
        if self.read_only:
            raise SaveFailed(f"{self.path} is open read-only, so {what} was not saved; the text is still on "
                             "screen — to edit, close any other oneonone window on it and reopen without "
                             "--read-only.")



def _checked_doc(session: Session, db: Path) -> dict[str, Any]:
    """The session as stored, after proving it reads back: the store never writes what it cannot read."""
    doc = encode_session(session)
    try:
        decode_session(doc)
    except CodecError as error:
        raise SaveFailed(f"{session.rep_id}'s 1:1 of {session.week} was not saved to {db}: {error}; the text is "
                         "still on screen — correct that value.") from None
    return doc
