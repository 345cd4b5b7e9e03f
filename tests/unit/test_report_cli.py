"""`oneonone report`: one manager's scorecard, and the roll-up over several databases (one damaged, one in use)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from oneonone_tui.cli import main

UNTIL = "2026-W47"


def _demo(path: Path, team, seed: int, manager: str) -> Path:
    from oneonone_tui.demo import generate
    from oneonone_tui.store import Store

    team = dataclasses.replace(team, manager=manager, name=f"{manager}'s team")
    with Store.open(path) as store:
        used = generate(team, store, weeks=13, reps=None, seed=seed, until_week=UNTIL)
        store.save_team(used)
    return path


def _files(db: Path) -> dict[str, bytes]:
    return {str(p.relative_to(db)): p.read_bytes() for p in sorted(db.rglob("*")) if p.is_file()}


def _report(*args: str):
    return CliRunner().invoke(main, ["report", "--week", UNTIL, *args], catch_exceptions=False)


@pytest.fixture
def three(tmp_path, team) -> list[Path]:
    dbs = [_demo(tmp_path / name, team, seed, manager)
           for name, seed, manager in (("a", 1, "Ada"), ("b", 2, "Ben"), ("c", 3, "Cy"))]
    (dbs[2] / "weeks" / "2026-W40.json").write_bytes(b'{"sessions": {"1": ')  # cut short: damaged
    return dbs


def test_the_rollup_counts_the_good_databases_names_the_damaged_one_and_exits_2(three):
    before = {db: _files(db) for db in three}
    result = _report(*(arg for db in three for arg in ("--db", str(db))), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [m["manager"] for m in data["managers"]] == ["Ada", "Ben"]  # Cy skipped whole, never half-counted
    held = [m["one_on_ones"]["period"] for m in data["managers"]]
    total_done = sum(h["done"] for h in held)
    assert data["total"]["Period"] == f"{total_done / sum(h['due'] for h in held):.0%}"
    assert data["total"]["Manager"] == "2 managers"
    assert f"{three[2]}: skipped, not counted: 2026-W40.json cannot be read" in result.stderr
    assert {db: _files(db) for db in three} == before  # read-only: nothing written, not even a lock


def test_the_rollup_table_has_a_row_per_manager_and_a_total(three):
    result = _report("--db", str(three[0]), "--db", str(three[1]))
    assert result.exit_code == 0
    assert "Ada" in result.output and "Ben" in result.output and "Total" in result.output
    markdown = _report("--db", str(three[0]), "--db", str(three[1]), "--format", "markdown").output
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[1] for row in rows[1:]] == ["Ada", "Ben", "2 managers"]


def test_a_database_in_use_is_named_and_skipped(three):
    from oneonone_tui.store import Store

    with Store.open(three[1]):
        result = _report("--db", str(three[0]), "--db", str(three[1]), "--format", "json")
    assert result.exit_code == 2
    assert [m["manager"] for m in json.loads(result.stdout)["managers"]] == ["Ada"]
    assert f"in use by process {os.getpid()}" in result.stderr


def test_one_scorecard_in_each_format(three):
    data = json.loads(_report("--db", str(three[0]), "--format", "json", "--weeks", "4").stdout)
    assert data["weeks"] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert set(data) >= {"one_on_ones", "results_at_target", "results_trend", "follow_through", "diagnoses",
                         "escalation_levels", "coaching_activities", "signals"}
    assert data["one_on_ones"]["completion_line"] == 0.79
    table = _report("--db", str(three[0])).output
    assert "1:1s held, last 13 weeks" in table and "Signals" in table
    markdown = _report("--db", str(three[0]), "--format", "markdown").output
    assert markdown.startswith("# Ada's team — Ada, 2026-W35 to 2026-W47")
