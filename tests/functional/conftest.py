"""Pilot fixtures: the real app on a temporary database, timer and cursor blink off."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import TODAY


def NOW() -> datetime:  # noqa: N802 - a clock that stands still, so screens are repeatable
    return datetime(2026, 11, 24, 10, 30)


SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _dashboard_read_in_full_at_once(monkeypatch):
    """The dashboard's first frame is a glance of this week alone, read in full a moment later
    (issue 13): a test that opens "the top rep" must not race that moment. The glance's own tests
    (test_dashboard_glance.py) turn it back on."""
    from oneonone_tui.ui.dashboard import DashboardScreen

    monkeypatch.setattr(DashboardScreen, "FIRST_GLANCE", False)


@pytest.fixture
def make(team, db_path):
    """Build the app the way the CLI does (make_app), on a fresh or reopened store."""
    from oneonone_tui.store import Store
    from oneonone_tui.ui.app import make_app

    opened: list[Store] = []

    def build(history_weeks: int = 0, **kwargs):
        store = Store.open(db_path, read_only=kwargs.pop("read_only", False))
        if history_weeks:
            from oneonone_tui.demo import generate

            generate(team, store, weeks=history_weeks, reps=None, seed=7, until_week="2026-W47")
        opened.append(store)
        options = dict(team=team, store=store, today=TODAY, live_timer=False, autosave_delay=0.01, now=NOW,
                       cursor_blink=False)
        options.update(kwargs)
        return make_app(**options)

    yield build
    for store in opened:
        store.close()
