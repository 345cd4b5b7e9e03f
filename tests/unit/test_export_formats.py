"""Notes out: markdown and csv against golden files, the json round trip, ics read back, privacy, bad selections.

Fixed data: the bundled team, `demo.generate(seed=7, until_week=2026-W47)`, 8 weeks. Set
ONEONONE_UPDATE_GOLDEN=1 to rewrite the golden files (then read the diff before committing).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from oneonone_tui import cli
from oneonone_tui.demo import generate
from oneonone_tui.domain.records import Commitment, Owner
from oneonone_tui.export import Selection
from oneonone_tui.export import csvfile, ics, jsonfile, markdown
from oneonone_tui.store import Store

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
UNTIL = "2026-W47"
SLIDER = "tomasz_kowalski"  # the demo's escalating rep with this team and seed
SECRET = "PRIVATE: thinking about a PIP <b>[red]"


@pytest.fixture
def demo_db(team, db_path):
    with Store.open(db_path) as store:
        generate(team, store, weeks=8, reps=None, seed=7, until_week=UNTIL)
        store.save_team(team)
        session = store.get(SLIDER, UNTIL)
        session.private_notes = SECRET
        store.save(session)
    return db_path


def run(*args: str | Path):
    result = CliRunner().invoke(cli.main, [str(a) for a in args], catch_exceptions=False)
    result.out = result.stdout_bytes.decode("utf-8")  # as written: click's .stdout turns CRLF into LF
    return result


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ONEONONE_UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs from the golden file"


def test_markdown_of_a_rep_over_eight_weeks_matches_the_golden_file(demo_db):
    result = run("export", "--db", demo_db, "--rep", SLIDER, "--since", "2026-W40")
    assert result.exit_code == 0, result.output
    golden("tomasz-8-weeks.md", result.stdout)
    text = result.stdout
    # The method's order inside the newest 1:1, and the newest 1:1 first.
    newest = text.split("## 2026-W46")[0]
    order = [newest.index(h) for h in ("### Last week's commitments", "### 1 · Results", "### 2 · Pipeline",
                                       "### 3 · Activity", "### New commitments")]
    assert order == sorted(order)
    assert text.index("## 2026-W47") < text.index("## 2026-W40")
    assert "- [ ] " in newest and "**manager** (Dana Whitfield)" in text
    assert "How come" in newest and "Diagnosis:" in newest


def test_markdown_of_the_team_week_folds_activity_with_the_reason(demo_db, team):
    result = run("export", "--db", demo_db, "--week", UNTIL)
    assert result.exit_code == 0
    golden("team-2026-W47.md", result.stdout)
    assert all(f"## {rep.name}" in result.stdout for rep in team.reps)


def test_csv_metrics_and_commitments_match_the_golden_files(demo_db, team):
    metrics = run("export", "--db", demo_db, "--week", UNTIL, "--format", "csv")
    golden("2026-W47-metrics.csv", metrics.out)
    rows = list(csv.DictReader(io.StringIO(metrics.out, newline="")))
    assert len(rows) == len(team.reps) * len(team.metrics)
    assert metrics.out.count("\r\n") == len(rows) + 1
    commitments = run("export", "--db", demo_db, "--since", "2026-W46", "--format", "csv", "--what", "commitments")
    golden("2026-W46-W47-commitments.csv", commitments.out)
    statuses = {row["status"] for row in csv.DictReader(io.StringIO(commitments.out, newline=""))}
    assert "open" in statuses and statuses & {"kept", "partly", "not_kept"}


def test_csv_quotes_per_rfc_4180_and_never_starts_a_formula():
    assert csvfile.cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    text = csvfile._write(["a", "b"], [['say "hi", then go', "two\nlines"]])
    assert text == 'a,b\r\n"say ""hi"", then go","two\nlines"\r\n'


def test_json_round_trip_is_byte_identical(demo_db, tmp_path):
    first = tmp_path / "all.json"
    assert run("export", "--db", demo_db, "--format", "json", "--include-private", "-o", first).exit_code == 0
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    imported = run("import-sessions", first, "--db", tmp_path / "copy")
    assert imported.exit_code == 0, imported.output
    second = tmp_path / "again.json"
    assert run("export", "--db", tmp_path / "copy", "--format", "json", "--include-private", "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    document = json.loads(first.read_text())
    assert document["format"] == "oneonone-sessions" and document["version"] == jsonfile.VERSION
    assert document["team"]["reps"] and len(document["sessions"]) == 8 * len(document["team"]["reps"])


def test_import_is_all_or_nothing_into_a_database_that_already_holds_those_weeks(demo_db, tmp_path):
    dump = tmp_path / "w47.json"
    run("export", "--db", demo_db, "--week", UNTIL, "--format", "json", "-o", dump)
    again = run("import-sessions", dump, "--db", demo_db)
    assert again.exit_code == 2
    assert "already holds 8 of these 1:1s" in again.stderr and "nothing was imported" in again.stderr
    broken = tmp_path / "broken.json"
    document = json.loads(dump.read_text())
    metric = next(iter(document["sessions"][3]["entries"]))
    document["sessions"][3]["entries"][metric]["actual"] = "12k"
    broken.write_text(json.dumps(document))
    result = run("import-sessions", broken, "--db", tmp_path / "new")
    assert result.exit_code == 2
    assert f"sessions[3].entries.{metric}.actual" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "new").exists() or not list((tmp_path / "new" / "weeks").iterdir())


def _ics(selection: Selection, **options) -> str:
    return ics.render(selection, stamp=datetime(2026, 11, 24, 10, 30, tzinfo=UTC), **options)


def test_ics_reads_back_folds_at_75_octets_escapes_and_keeps_uids_stable(demo_db, team):
    import icalendar

    with Store.open(demo_db, read_only=True) as store:
        session = store.get(SLIDER, UNTIL)
    long = Commitment(id="c-long", text="réengager " * 12 + "; a, b \\ c\nnext line", owner=Owner.MANAGER,
                      due=date(2026, 11, 27), made_week=UNTIL)
    session.commitments.append(long)
    selection = Selection.of(team, [session])
    first, second = _ics(selection), _ics(selection)
    assert first == second
    raw = first.encode("utf-8")
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never splits a character
    assert "\\;" in first and "\\," in first and "\\\\" in first and "\\n" in first
    calendar = icalendar.Calendar.from_ical(first)
    todos = calendar.walk("VTODO")
    owed = session.open_commitments()
    assert [str(t["UID"]) for t in todos] == [f"{c.id}@oneonone-tui" for c in owed]
    mine = next(t for t in todos if str(t["UID"]) == "c-long@oneonone-tui")
    assert str(mine["SUMMARY"]).startswith("Dana Whitfield (for Tomasz Kowalski): réengager")
    assert str(mine["SUMMARY"]).endswith("; a, b \\ c\\x0anext line"), "one line: the break shown, not obeyed"
    assert "; a, b \\ c\nnext line" in str(mine["DESCRIPTION"])
    assert mine["DUE"].dt == date(2026, 11, 27) and "VALUE=DATE" in mine.to_ical().decode()
    assert all(str(t["STATUS"]) == "NEEDS-ACTION" for t in todos)
    events = icalendar.Calendar.from_ical(_ics(selection, events=True)).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [str(t["UID"]) for t in todos]
    assert events[0]["DTSTART"].dt == owed[0].due


def test_ics_from_the_command_line_parses(demo_db):
    import icalendar

    result = run("export", "--db", demo_db, "--rep", SLIDER, "--format", "ics")
    assert result.exit_code == 0
    assert icalendar.Calendar.from_ical(result.stdout).walk("VTODO")


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv", "ics"])
def test_private_notes_never_leave_without_the_flag(demo_db, fmt, tmp_path):
    plain = run("export", "--db", demo_db, "--rep", SLIDER, "--format", fmt)
    assert plain.exit_code == 0
    assert "thinking about a PIP" not in plain.stdout
    flagged = run("export", "--db", demo_db, "--rep", SLIDER, "--format", fmt, "--include-private")
    if fmt in ("markdown", "json"):  # csv holds numbers and ics commitments: no notes at all
        assert "thinking about a PIP" in flagged.stdout
    if fmt == "markdown":
        assert "\\<b\\>\\[red\\]" in flagged.stdout  # markup in the notes shows literally


def test_markdown_escapes_what_commonmark_would_read_as_markup():
    assert markdown.text("*bold* [link](x) <b> a_b") == "\\*bold\\* \\[link\\](x) \\<b\\> a\\_b"
    assert markdown.paragraphs("# not a heading\n1. not a list\n- nor this\n\x1b[2J") == [
        "\\# not a heading\\", "1\\. not a list\\", "\\- nor this\\", "\\\\x1b\\[2J"]  # ESC shown as a literal \\x1b


@pytest.mark.parametrize(("args", "message"), [
    (["--rep", "nobody"], "--rep 'nobody' is not a rep of Northwind Inside Sales; rep ids: maya_okafor"),
    (["--week", "2026-W30"], "no 1:1s in 2026-W30"),
    (["--since", "2026-W47", "--until", "2026-W40"], "--since 2026-W47 is after --until 2026-W40"),
    (["--week", "2026-48"], "--week '2026-48' is not an ISO week"),
    (["--format", "pdf"], "--format 'pdf' is not a format"),
    (["--week", "2026-W47", "--since", "2026-W40"], "--week 2026-W47 and --since/--until both given"),
])
def test_bad_selections_exit_2_with_one_line(demo_db, args, message):
    result = run("export", "--db", demo_db, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not result.stdout


def test_a_folder_gets_one_markdown_file_per_rep_mode_0600(demo_db, tmp_path, team):
    out = tmp_path / "notes"
    result = run("export", "--db", demo_db, "--week", UNTIL, "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{UNTIL}-{rep.id}.md" for rep in team.reps)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())


def test_the_markdown_parses_as_commonmark_with_data_kept_literal(demo_db):
    from markdown_it import MarkdownIt  # rich's own CommonMark parser

    text = run("export", "--db", demo_db, "--rep", SLIDER, "--since", "2026-W40", "--include-private").stdout
    tokens = MarkdownIt("commonmark").parse(text)
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert h2 == [f"2026-W{w} · week of Mon {d}" for w, d in
                  zip(range(47, 39, -1), ["16 Nov 2026", "9 Nov 2026", "2 Nov 2026", "26 Oct 2026", "19 Oct 2026",
                                          "12 Oct 2026", "5 Oct 2026", "28 Sep 2026"])]
    html = MarkdownIt("commonmark").render(text)
    assert "&lt;b&gt;[red]" in html and "<b>" not in html
    tasks = [t.content for t in tokens if t.type == "inline" and t.content.startswith("[ ] ")]
    assert tasks and all(" — due " in task for task in tasks)


@given(st.lists(st.text(alphabet="ab\n—", max_size=6), max_size=6))
def test_the_markdown_document_in_pieces_is_the_document_joined(parts):
    from oneonone_tui.export.markdown import _document

    expected = "\n".join(parts).rstrip("\n") + "\n"
    assert "".join(_document(parts)) == expected
