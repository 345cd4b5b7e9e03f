"""ISO weeks: ASCII only, in a range where every neighbouring week and date exists; the CLI and the store agree."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from oneonone_tui.domain.records import Session
from oneonone_tui.store import Store
from oneonone_tui.domain import weeks
from oneonone_tui.domain.weeks import is_week, monday_of, shift

TIMEOUT = 30
FULL_WIDTH = "２０２６-W47"  # U+FF12 ...: `\d` matches these
NOT_WEEKS = [FULL_WIDTH, "2026-W47\n", "٢٠٢٦-W47", "2026-W４７", " 2026-W47", "2026-w47", "2026-W99", "2026-W00",
             "2025-W53", "", "banana"]


@pytest.mark.parametrize("text", NOT_WEEKS, ids=repr)
def test_only_a_canonical_ascii_week_is_a_week(text):
    assert not is_week(text)
    assert weeks.week_problem(text) is not None
    with pytest.raises(ValueError):
        monday_of(text)


@pytest.mark.parametrize("week", ["0001-W01", "0999-W52", "9999-W52", "9999-W01", "9998-W52"])
def test_weeks_at_the_edges_of_the_calendar_are_not_weeks(week):
    assert not is_week(week)


@pytest.mark.parametrize("week", ["1000-W01", "1900-W01", "2026-W53", "2999-W52", "9997-W52"])
def test_every_week_the_store_accepts_has_a_year_of_weeks_and_dates_on_either_side(week):
    assert is_week(week)
    assert shift(week, 53) and shift(week, -53)
    assert monday_of(shift(week, 53)) + timedelta(days=6) and monday_of(shift(week, -53))


@pytest.mark.parametrize(("week", "problem"), [
    ("1900-W01", None), ("2026-W48", None), ("2999-W52", None),
    ("1899-W52", "is outside the years 1900–2999"), ("3000-W01", "is outside the years 1900–2999"),
    ("9999-W52", "is outside the years"), ("0001-W01", "is outside the years"),
    (FULL_WIDTH, "is not an ISO week"),
])
def test_a_week_a_person_types_must_be_in_1900_to_2999(week, problem):
    found = weeks.week_problem(week)
    assert found is None if problem is None else found.startswith(problem)


def test_the_store_lists_no_week_file_named_with_full_width_digits(tmp_path):
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.save(Session(rep_id="sam", week="2026-W47", shared_notes="the real one"))
    real = db / "weeks" / "2026-W47.json"
    real.with_name(f"{FULL_WIDTH}.json").write_bytes(real.read_bytes())
    with Store.open(db) as store:
        assert store.weeks() == ["2026-W47"]


def test_the_store_refuses_to_save_a_full_width_week(tmp_path):
    with Store.open(tmp_path / "db") as store, pytest.raises(ValueError):
        store.save_week(FULL_WIDTH, [])
    assert not (tmp_path / "db" / "weeks" / f"{FULL_WIDTH}.json").exists()


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", FULL_WIDTH, "2026-W47\n"], ids=repr)
def test_the_app_refuses_an_out_of_range_or_non_ascii_week_in_one_line(tmp_path, week):
    """In a real terminal: before the fix these started the app (and crashed with OverflowError)."""
    environment = dict(os.environ, HOME=str(tmp_path), ONEONONE_DATA_DIR=str(tmp_path / "data"), TERM="dumb")
    db = tmp_path / "db"
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "oneonone_tui", "--db", str(db), "--week", week],
                                env=environment, text=True, stdin=follower, stdout=follower,
                                stderr=subprocess.PIPE, timeout=TIMEOUT, cwd=tmp_path)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("--week ") and "2026-W48" in line
    assert not Path(db).exists()
