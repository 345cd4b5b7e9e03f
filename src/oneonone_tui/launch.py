"""Opening the app: resolve the team, open the store (read-only when another window writes), run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from oneonone_tui.team import Team


def resolve_team(team_file: Path | None, stored: dict | None, load_team: Callable[[Path], Team]) -> tuple[Team, Path | None]:
    """The team named on the command line, else the one last used with this database, else the sample."""
    from oneonone_tui.paths import bundled_team_path

    if team_file is not None:
        return load_team(team_file), team_file
    if stored:
        try:
            return Team.model_validate(stored), None
        except ValueError:
            pass  # a snapshot written by another version: fall back to the sample
    return load_team(bundled_team_path()), bundled_team_path()


def launch(*, team_file: Path | None, db: Path, read_only: bool, week: str | None,
           load_team: Callable[[Path], Team], fail: Callable[[str], None]) -> int:
    from oneonone_tui.store import DatabaseInUse, Store, StoreError

    # A team file named on the command line is checked before the database is touched: a typo in
    # it must not create (or lock) a database on the way to the error.
    named = load_team(team_file) if team_file is not None else None
    notice = ""
    try:
        try:
            store = Store.open(db, read_only=read_only)
        except DatabaseInUse as error:
            store = Store.open(db, read_only=True)
            notice = f"Read-only: {error.message}"
    except StoreError as error:
        fail(str(error))
        return 2
    try:
        team = named if named is not None else resolve_team(None, store.team(), load_team)[0]
        if not store.read_only:
            store.save_team(team.model_dump(mode="json"))
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
    import sys

    def handler(signum, _frame) -> None:
        if app.saver is not None:
            app.saver.flush(timeout=5.0)
        sys.exit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
