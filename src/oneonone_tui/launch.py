"""Opening the app: resolve the team, open the store (read-only when another window writes), run."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from oneonone_tui.domain.team import Team

TERMINAL_NEEDED = ("oneonone needs a terminal: run it in a terminal window; "
                   "for scripts use `oneonone check|demo|restore`")


class StoredTeamRejected(ValueError):
    """The team saved in the database does not pass this version's checks; `str()` is one line to print."""


def has_terminal() -> bool:
    """stdin and stdout are both a terminal: without one the app would run invisibly, holding the lock."""
    try:
        return bool(sys.stdin and sys.stdin.isatty() and sys.stdout and sys.stdout.isatty())
    except (ValueError, OSError):  # a closed stream
        return False


def resolve_team(team_file: Path | None, stored: dict | None, load_team: Callable[[Path], Team], *,
                 db: Path | None = None) -> tuple[Team, Path | None]:
    """The team named on the command line, else the one last used with this database, else the sample.

    A stored team this version rejects raises `StoredTeamRejected`: falling back to the sample would
    show another team and then save the sample over the manager's own.
    """
    from oneonone_tui.paths import bundled_team_path

    if team_file is not None:
        return load_team(team_file), team_file
    if stored:
        from oneonone_tui.store.codec import CodecError, decode_team

        try:
            return decode_team(stored), None
        except CodecError as error:
            raise StoredTeamRejected(_stored_team_problem(db, error)) from None
    return load_team(bundled_team_path()), bundled_team_path()


def _stored_team_problem(db: Path | None, error: Exception) -> str:
    """One line: which database, which field, what to do."""
    from oneonone_tui.store.store import META_FILE

    where = Path(db) / META_FILE if db is not None else Path(META_FILE)
    return (f"{where}: the team stored in this database does not pass this version's checks ({error}); "
            "nothing was changed. Pass --team FILE to replace it with a team file, or open it with the "
            "oneonone version that saved it.")


def in_use_notice(db: Path, pid: int | None) -> str:
    """The notice of a window opened read-only because another one writes to `db`."""
    who = f"process {pid} (another oneonone window)" if pid is not None else "another oneonone window"
    return f"Read-only: {who} is writing to {db}; close it there to edit here."


def open_app(*, team_file: Path | None, db: Path | None, read_only: bool, week: str | None) -> int:
    """`oneonone [--team FILE] [--db DIR] [--read-only] [--week W]`: the app, or a line saying why not
    and exit 2. The arguments first (a typo is reported even from a script), then the terminal, and
    only then the database: nothing is created or locked on the way to an error."""
    from oneonone_tui.say import db_path, fail, load_team, parse_week

    parse_week(week)
    team = load_team(team_file) if team_file is not None else None
    if not has_terminal():
        fail(TERMINAL_NEEDED)
    return launch(team=team, db=db_path(db), read_only=read_only, week=week, load_team=load_team, fail=fail)


def launch(*, team: Team | None, db: Path, read_only: bool, week: str | None,
           load_team: Callable[[Path], Team], fail: Callable[[str], None]) -> int:
    """Open `db` and run the app. `team` is the one named on the command line (already loaded and
    checked, before the database is touched), or None for the one stored with the database."""
    from oneonone_tui.store import DatabaseInUse, Store, StoreError

    notice = ""
    try:
        try:
            store = Store.open(db, read_only=read_only)
        except DatabaseInUse as error:
            store = Store.open(db, read_only=True)
            notice = in_use_notice(db, error.pid)
    except StoreError as error:
        fail(str(error))
        return 2
    try:
        if team is None:
            try:
                team = resolve_team(None, store.team_data(), load_team, db=db)[0]
            except StoredTeamRejected as error:
                fail(str(error))
                return 2
        if not store.read_only:
            store.save_team(team)
        from oneonone_tui.ui.app import make_app

        app = make_app(team=team, store=store, week=week, notice=notice)
        _flush_on_hangup(app)
        app.run()
        return app.return_code or 0
    finally:
        store.close()


def _flush_on_hangup(app) -> None:
    """A closed terminal window or a `kill` still saves what was typed in the last moments."""
    import signal

    def handler(signum, _frame) -> None:
        if app.saver is not None:
            app.saver.flush(timeout=5.0)
        sys.exit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
