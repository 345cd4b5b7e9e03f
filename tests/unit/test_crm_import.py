"""`oneonone import`: each CRM shape from tests/data/crm, every bad input by line and column, all or nothing on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from oneonone_tui.cli import main
from oneonone_tui.imports.crm import ImportRefused, NeedsMapping, read_export
from oneonone_tui.imports.plan import Change, plan, source_label
from oneonone_tui.imports.values import Raw, parse_dates, parse_numbers
from tests.conftest import SAMPLE_TEAM

CRM = Path(__file__).resolve().parents[1] / "data" / "crm"
WEEK = "2026-W48"  # Mon 23 Nov - Sun 29 Nov 2026: November to date is 1-29 Nov


def _run(*args: str):
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


def _files(db: Path) -> dict[str, bytes]:
    return {str(p.relative_to(db)): p.read_bytes() for p in sorted(db.rglob("*")) if p.is_file() and p.name != "lock"}


@pytest.fixture
def seeded(db_path, team):
    from oneonone_tui.store import Store

    with Store.open(db_path) as store:
        store.save_team(team)
    return db_path


def _actuals(db: Path, week: str = WEEK) -> dict[str, dict[str, float | None]]:
    from oneonone_tui.store import Store

    with Store.open(db, read_only=True) as store:
        return {rep: {m: e.actual for m, e in s.entries.items()} for rep, s in store.week(week).items()}


# --- the three shapes ----------------------------------------------------------------------------


def test_a_salesforce_report_with_title_filters_total_footer_bom_and_crlf_fills_every_rep(seeded):
    raw = (CRM / "salesforce_report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    result = _run(str(CRM / "salesforce_report.csv"), "--db", str(seeded), "--week", WEEK)
    assert result.exit_code == 0, result.output
    actuals = _actuals(seeded)
    assert actuals["maya_okafor"]["closed_won_revenue"] == 78450.0  # USD 78,450.00
    assert actuals["priya_raman"]["closed_won_revenue"] == 1234.56  # $1,234.56
    assert actuals["maya_okafor"]["follow_up_24h"] == 94.0  # 94.0%
    assert actuals["luis_hernandez"]["prospecting_calls"] == 210  # accented name matched
    assert actuals["sofia_lindqvist"]["sales_cycle_days"] == 41
    assert len(actuals) == 8  # the Grand Total row is not a rep
    assert "imported 72 values for 8 reps" in result.output


@pytest.mark.parametrize("name", ["salesforce_details.csv", "hubspot_deals.csv"])
def test_deal_rows_are_summed_per_owner_for_november_to_date_won_only(seeded, name):
    result = _run(str(CRM / name), "--db", str(seeded), "--week", WEEK)
    assert result.exit_code == 0, result.output
    actuals = _actuals(seeded)
    # Maya: 30,000 + 12,500.50 won in November (the 40,000 in negotiation does not count)
    assert actuals["maya_okafor"] == {"closed_won_revenue": 42500.5, "deals_won": 2}
    # Priya: 8,000 on 24 Nov; the 30 Oct deal is last month's
    assert actuals["priya_raman"] == {"closed_won_revenue": 8000, "deals_won": 1}
    # Luis: lost, and (details) one closing 30 Nov, after this week's Sunday: nothing to date
    assert actuals["luis_hernandez"] == {"closed_won_revenue": 0, "deals_won": 0}
    # Sofia: the HubSpot row twice (same Record ID, same values) counts once
    assert actuals["sofia_lindqvist"] == {"closed_won_revenue": 21000, "deals_won": 1}


def test_the_sample_team_carries_both_mappings(team):
    assert team.crm_columns["Closed Won Amount"] == "closed_won_revenue"
    assert team.crm_deals is not None and team.crm_deals.amount_metric == "closed_won_revenue"
    bundled = Path(__file__).resolve().parents[2] / "src" / "oneonone_tui" / "sample_team.json"
    assert bundled.read_bytes() == SAMPLE_TEAM.read_bytes()


def test_a_team_file_without_crm_deals_still_loads_and_round_trips(tmp_path, team):
    from oneonone_tui.store.codec import decode_team, encode_team
    from oneonone_tui.teamfile import load_team

    data = json.loads(SAMPLE_TEAM.read_text())
    del data["crm_deals"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    old = load_team(path)
    assert old.crm_deals is None and "crm_deals" not in encode_team(old)
    assert decode_team(encode_team(team)) == team


# --- bad input: every problem by line and column, nothing written ---------------------------------


def test_every_bad_cell_is_reported_by_line_and_column_and_nothing_is_written(seeded):
    before = _files(seeded)
    result = _run(str(CRM / "bad_report.csv"), "--db", str(seeded), "--week", WEEK)
    assert result.exit_code == 2
    out = result.output
    assert 'line 3, column 5 "Region": unknown column' in out
    assert 'line 5, column 1 "Opportunity Owner": "Sam Nobody" is not a rep' in out
    assert "line 6, column 2 \"Closed Won Amount\": 'n/a' is not a number" in out
    assert 'line 6, column 4 "Calls Logged": an empty cell is not a number' in out
    assert "line 7, column 2 \"Closed Won Amount\": '12.345,00' writes the decimal mark as ','" in out
    assert 'line 8, column 2 "Closed Won Amount": Maya Okafor is also on line 4' in out
    assert "nothing was imported (6 problems)" in out
    assert "Traceback" not in out
    assert _files(seeded) == before  # all or nothing: not a byte changed


def _refused(team, text: str) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        read_export(team, text.encode(), WEEK)
    return [p.text("f.csv") for p in caught.value.problems]


def test_an_ambiguous_thousands_mark_with_nothing_to_decide_it_is_refused(team):
    problems = _refused(team, "Rep,Closed Won Count,Calls Logged\nMaya Okafor,7,\"1,200\"\n")
    assert problems == ["f.csv line 2, column 3 \"Calls Logged\": '1,200' could be read two ways (',' as thousands "
                        "separator or as decimal mark) and no other value in this file says which; export the "
                        "numbers with two decimals (1,234.00) or without thousands separators"]


def test_the_files_other_values_decide_the_decimal_mark():
    values, problems = parse_numbers([Raw("1.200", "a"), Raw("12.345,00", "b"), Raw("EUR 3,5", "c")])
    assert problems == [] and values == [1200.0, 12345.0, 3.5]
    values, problems = parse_numbers([Raw("1,200", "a"), Raw("$12,345.67", "b"), Raw("(5.00)", "c")])
    assert values[:2] == [1200.0, 12345.67] and "negative" in problems[0][1]


def test_dates_day_or_month_first_from_the_file_and_refused_when_nothing_decides():
    values, problems = parse_dates([Raw("03/11/2026", "a"), Raw("25/11/2026", "b")])
    assert problems == [] and [d.isoformat() for d in values] == ["2026-11-03", "2026-11-25"]
    values, problems = parse_dates([Raw("03/11/2026", "a")])
    assert values == [None] and "could be 3/11 or 11/3" in problems[0][1]


def test_deal_rows_report_unknown_owners_bad_amounts_dates_and_conflicting_duplicates(team):
    text = ("Record ID,Deal owner,Amount,Close Date,Deal Stage\n"
            "1,Maya Okafor,n/a,2026-11-03,Closed won\n"
            "2,Sam Nobody,100,2026-11-04,Closed won\n"
            "3,Priya Raman,100,yesterday,Closed won\n"
            "4,Priya Raman,200,2026-11-05,Closed won\n"
            "4,Priya Raman,300,2026-11-05,Closed won\n"
            "5,Nobody Else,999,2026-11-05,Closed lost\n")
    assert _refused(team, text) == [
        "f.csv line 2, column 3 \"Amount\": 'n/a' is not a number; put the number in the CRM export (0 when there is none)",
        'f.csv line 3, column 2 "Deal owner": "Sam Nobody" is not a rep of Northwind Inside Sales; reps are matched '
        "by id, e-mail or name; export only this team's deals",
        "f.csv line 4, column 4 \"Close Date\": 'yesterday' is not a date; use 2026-11-20 or 11/20/2026",
        'f.csv line 6, column 1 "Record ID": deal 4 is also on line 5 with different values; keep one row per deal',
    ]


def test_a_file_whose_headers_match_no_mapping_says_what_it_expected(team):
    problems = _refused(team, "Who,What\nMaya,3\n")
    assert len(problems) == 1 and "no header row matches the team file's mapping" in problems[0]


def test_a_first_import_without_a_mapping_proposes_one_and_writes_nothing(tmp_path, db_path):
    data = json.loads(SAMPLE_TEAM.read_text())
    del data["crm_columns"], data["crm_deals"]
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(data))
    result = _run(str(CRM / "salesforce_report.csv"), "--db", str(db_path), "--team", str(bare), "--week", WEEK)
    assert result.exit_code == 2
    assert "no CRM mapping, so nothing was imported" in result.output
    assert '"Closed Won Count": "deals_won"' in result.output
    assert '"Meetings Booked": "meetings_booked"' in result.output
    assert not (db_path / "weeks").exists() or not any((db_path / "weeks").iterdir())
    result = _run(str(CRM / "hubspot_deals.csv"), "--db", str(db_path), "--team", str(bare), "--week", WEEK)
    assert result.exit_code == 2 and '"amount_metric": "closed_won_revenue"' in result.output

    from oneonone_tui.teamfile import load_team

    with pytest.raises(NeedsMapping):
        read_export(load_team(bare), (CRM / "hubspot_deals.csv").read_bytes(), WEEK)


# --- hand-typed numbers, dry run, the lock ---------------------------------------------------------


def test_hand_typed_actuals_are_kept_and_listed_unless_overwrite(seeded):
    from oneonone_tui.domain.records import Session
    from oneonone_tui.store import Store

    with Store.open(seeded) as store:
        session = Session(rep_id="maya_okafor", week=WEEK)
        session.entry("closed_won_revenue").actual = 77000
        session.entry("deals_won").actual = 7  # the same as the CRM: no conflict
        store.save(session)
    result = _run(str(CRM / "salesforce_report.csv"), "--db", str(seeded), "--week", WEEK)
    assert result.exit_code == 0
    assert "Closed-won revenue: $77,000 -> $78,450  (typed by hand, KEPT (--overwrite to replace))" in result.output
    assert ("1 hand-typed value differs from the CRM and was kept; run again with --overwrite to replace it."
            in result.output)
    assert _actuals(seeded)["maya_okafor"]["closed_won_revenue"] == 77000
    assert _actuals(seeded)["maya_okafor"]["meetings_booked"] == 6  # the rest is filled in
    result = _run(str(CRM / "salesforce_report.csv"), "--db", str(seeded), "--week", WEEK, "--overwrite")
    assert "typed by hand, overwritten" in result.output
    assert _actuals(seeded)["maya_okafor"]["closed_won_revenue"] == 78450


def test_a_second_import_updates_what_the_first_one_put_there(seeded, team):
    _run(str(CRM / "hubspot_deals.csv"), "--db", str(seeded), "--week", WEEK)
    result = _run(str(CRM / "salesforce_report.csv"), "--db", str(seeded), "--week", WEEK)
    assert "Closed-won revenue: $42,500.50 -> $78,450  (updated from the CRM)" in result.output
    assert "KEPT" not in result.output


def test_dry_run_shows_rep_by_rep_and_writes_nothing(seeded):
    before = _files(seeded)
    result = _run(str(CRM / "hubspot_deals.csv"), "--db", str(seeded), "--week", WEEK, "--dry-run")
    assert result.exit_code == 0
    assert "Maya Okafor:\n  Closed-won revenue: — -> $42,500.50  (new)" in result.output
    assert "dry run: nothing was written (16 values would be)" in result.output
    assert _files(seeded) == before


def test_an_import_while_the_app_holds_the_database_says_who_holds_it(seeded):
    import os

    from oneonone_tui.store import Store

    before = _files(seeded)
    with Store.open(seeded):
        result = _run(str(CRM / "hubspot_deals.csv"), "--db", str(seeded), "--week", WEEK, "--wait", "0")
    assert result.exit_code == 2
    assert f"is in use by process {os.getpid()}" in result.output and "nothing was imported" in result.output
    assert _files(seeded) == before


def test_the_source_of_each_imported_number_is_kept_for_the_pane(seeded):
    from oneonone_tui.store import Store

    _run(str(CRM / "salesforce_report.csv"), "--db", str(seeded), "--week", WEEK)
    with Store.open(seeded, read_only=True) as store:
        source = store.sources(WEEK)["maya_okafor"]["closed_won_revenue"]
    assert source["file"] == "salesforce_report.csv" and source["value"] == 78450
    assert source_label(dict(source, at="2026-11-25T09:12:00"), 78450) == "from CRM, 25 Nov 09:12"
    assert source_label(source, 78000) is None  # typed over by hand: no longer the CRM's number


def test_plan_starts_a_new_session_with_the_carried_over_commitments(team):
    from datetime import date

    from oneonone_tui.domain.records import Commitment, Session

    previous = Session(rep_id="maya_okafor", week="2026-W47",
                       commitments=[Commitment(id="c1", text="call Acme", due=date(2026, 11, 24), made_week="2026-W47")])
    result = plan(team, WEEK, {"maya_okafor": {"deals_won": 3}}, {}, {"maya_okafor": previous}, {}, False)
    assert [line.change for line in result.lines] == [Change.NEW]
    assert [c.id for c in result.sessions["maya_okafor"].to_review] == ["c1"]


def test_a_deal_mapping_naming_an_unknown_metric_is_reported_at_its_path(tmp_path):
    from oneonone_tui.teamfile import TeamFileError, load_team

    data = json.loads(SAMPLE_TEAM.read_text())
    data["crm_deals"]["count_metric"] = "deals_wonn"
    path = tmp_path / "team.json"
    path.write_text(json.dumps(data, indent=2))
    with pytest.raises(TeamFileError) as caught:
        load_team(path)
    [problem] = caught.value.problems
    assert problem.where == "crm_deals.count_metric"
    assert 'did you mean "deals_won"?' in problem.message


def test_the_values_kept_are_counted_in_words_that_agree(team):
    from types import SimpleNamespace

    from oneonone_tui.crm_import import _report
    from oneonone_tui.imports.plan import Line

    rep = team.reps[0].id

    def said(count: int) -> str:
        lines = [Line(rep, metric.id, 1.0, 2.0, Change.CONFLICT) for metric in team.metrics[:count]]
        return _report(team, SimpleNamespace(lines=lines))[-1]

    assert said(1) == ("1 hand-typed value differs from the CRM and was kept; "
                       "run again with --overwrite to replace it.")
    assert said(2) == ("2 hand-typed values differ from the CRM and were kept; "
                       "run again with --overwrite to replace them.")
