"""Shared fixtures: every test runs with its own data directory, never the user's home."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_TEAM = REPO / "sample_team.json"
TODAY = date(2026, 11, 24)  # a Tuesday in 2026-W48: fixed so screens and snapshots are repeatable


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("ONEONONE_DATA_DIR", str(home / "oneonone-data"))
    monkeypatch.delenv("ONEONONE_DB", raising=False)


@pytest.fixture
def team():
    from oneonone_tui.teamfile import load_team

    return load_team(SAMPLE_TEAM)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "db"


@pytest.fixture
def store(db_path):
    from oneonone_tui.store import Store

    with Store.open(db_path) as opened:
        yield opened
