"""A damaged week in the open app: `r` restores it under the window's own lock; `q` quits with code 2."""

from __future__ import annotations

from textual.widgets import DataTable

from oneonone_tui.domain.records import MetricEntry, Session, SessionState
from oneonone_tui.store import Store
from oneonone_tui.ui.dashboard import DashboardScreen
from oneonone_tui.ui.modals import RestoreScreen

from .conftest import SIZE

WEEK = "2026-W48"  # TODAY's week: the dashboard opens on it


def damaged_week_with_a_good_backup(db_path, team) -> str:
    rep = team.reps[0]
    metric = team.metrics[0]
    with Store.open(db_path) as store:
        for notes in ("kept in the backup", "the newest, then damaged"):
            store.save(Session(rep_id=rep.id, week=WEEK, state=SessionState.DONE, shared_notes=notes,
                               seconds_spent=600,
                               entries={metric.id: MetricEntry(metric_id=metric.id, actual=3.0)}))
    (db_path / "weeks" / f"{WEEK}.json").write_bytes(b'{"sessions": {"1": {"rep_id": ')  # cut short
    return rep.id


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def test_r_in_the_restore_dialog_restores_the_week_and_the_dashboard_shows_it(make, team, db_path):
    rep_id = damaged_week_with_a_good_backup(db_path, team)
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreScreen), "the restore dialog")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen)
                       and getattr(app.screen, "overview", None) is not None, "the dashboard")
        dashboard = app.screen
        row = next(r for r in dashboard.overview.rows if r.rep.id == rep_id)
        assert row.state is SessionState.DONE
        assert dashboard.query_one("#reps", DataTable).row_count == len(team.reps)
        assert app.return_code is None  # still running: no crash
        assert any(n.title == "Restored" for n in app._notifications)
        assert app.store.get(rep_id, WEEK).shared_notes == "kept in the backup"
    assert sorted(p.name for p in (db_path / "weeks").iterdir() if ".corrupt-" in p.name)  # damaged bytes kept


async def test_quitting_the_restore_dialog_exits_with_code_2(make, team, db_path):
    damaged_week_with_a_good_backup(db_path, team)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreScreen), "the restore dialog")
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to exit")
    assert app.return_code == 2


async def test_a_failed_in_app_restore_is_a_literal_notification_not_a_crash(make, team, db_path, monkeypatch):
    damaged_week_with_a_good_backup(db_path, team)
    app = make()
    from oneonone_tui.store import StoreError

    def fails(file):
        raise StoreError(f"Could not restore {file}: [bold]disk[/bold] \x1b[31m; nothing was changed.")

    monkeypatch.setattr(app.store, "restore_backup", fails)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreScreen), "the restore dialog")
        await pilot.press("r")
        await wait_for(pilot, lambda: any(n.title == "Could not restore" for n in app._notifications),
                       "the error notification")
        note = next(n for n in app._notifications if n.title == "Could not restore")
        assert "[bold]disk[/bold]" in note.message and "\\x1b" in note.message and "\x1b" not in note.message
        assert note.markup is False
        assert app.return_code is None


async def test_a_week_holding_nan_offers_the_restore_instead_of_crashing_start_up(make, team, db_path):
    rep_id = damaged_week_with_a_good_backup(db_path, team)
    week = db_path / "weeks" / f"{WEEK}.json"
    week.unlink()
    with Store.open(db_path) as store:  # a fresh, whole file, then NaN where the actual was
        store.save(Session(rep_id=rep_id, week=WEEK, state=SessionState.DONE,
                           entries={team.metrics[0].id: MetricEntry(metric_id=team.metrics[0].id, actual=3.0)}))
    week.write_text(week.read_text().replace('"actual": 3.0', '"actual": NaN'))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreScreen), "the restore dialog")
        assert "not a finite number" in app.screen.message and str(week) in app.screen.message
        assert app.return_code is None
