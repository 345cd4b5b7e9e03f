"""The `oneonone` command line: the app is the default command; `check`, `demo` and `restore` beside it.

Everything printed that came from a file or a path goes through `domain.wording.visible`: a file named
with an escape sequence must not retitle (or restyle) the manager's terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import click

from oneonone_tui import __version__
from oneonone_tui.say import db_path as _db_path
from oneonone_tui.say import fail as _fail
from oneonone_tui.say import load_team as _load_team
from oneonone_tui.say import parse_week as _parse_week
from oneonone_tui.say import progress
from oneonone_tui.say import say as _say

_DB_HELP = "Session database directory (default: $ONEONONE_DB, else the user data directory)."

# A path, unchecked: click's own checks (exists, readable, dir_okay) answer with a usage block and
# stat a FIFO happily; the team file loader and the store check the path and say what to do in one line.
_PATH = click.Path(path_type=Path, readable=False)


def _version_option(command):
    """`--version` on every command, not only on the group: `oneonone check --version` answers too."""
    return click.version_option(__version__, "-V", "--version", prog_name="oneonone")(command)


def _quote(path: Path) -> str:
    """`path` as a shell word (shlex is imported only on the paths that print one)."""
    import shlex

    return shlex.quote(str(path))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="oneonone")
@click.option("--team", "team_file", type=_PATH,
              help="Team file (JSON). Default: the team last used with this database, else the bundled sample.")
@click.option("--db", type=_PATH, help=_DB_HELP)
@click.option("--read-only", is_flag=True, help="Open without writing anything (review only).")
@click.option("--week", help="Open on this ISO week, e.g. 2026-W48 (default: this week).")
@click.pass_context
def main(ctx: click.Context, team_file: Path | None, db: Path | None, read_only: bool, week: str | None) -> None:
    """Run the weekly 1:1s: Results, then Pipeline, then Activity when they are short."""
    if ctx.invoked_subcommand is not None:
        return
    from oneonone_tui.launch import open_app

    sys.exit(open_app(team_file=team_file, db=db, read_only=read_only, week=week))


@main.command()
@_version_option
@click.argument("file", type=_PATH)
def check(file: Path) -> None:
    """Validate a team file: a summary and exit 0, or one line per problem and exit 2."""
    from oneonone_tui.teamfile import summarize

    team = _load_team(file)
    _say(summarize(team, file))


@main.command()
@_version_option
@click.option("--weeks", type=click.IntRange(1, 1040), default=12, show_default=True, help="Weeks of history.")
@click.option("--reps", type=click.IntRange(1, 500), default=None, help="Reps (more than the team adds generated reps).")
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same history.")
@click.option("--team", "team_file", type=_PATH, help="Team file (default: the bundled sample).")
@click.option("--db", type=_PATH, help=_DB_HELP)
@click.option("--until", "until_week", help="Last week of history (default: last complete ISO week).")
def demo(weeks: int, reps: int | None, seed: int, team_file: Path | None, db: Path | None, until_week: str | None) -> None:
    """Write a deterministic, lived-in history into an empty database."""
    from oneonone_tui import demo as demo_history
    from oneonone_tui.paths import bundled_team_path
    from oneonone_tui.store import Store, StoreError
    from oneonone_tui.domain.weeks import shift, week_problem

    team = _load_team(team_file or bundled_team_path())
    last = demo_history.last_complete_week(date.today())
    until = _parse_week(until_week, "--until") or last
    if until > last:
        _fail(f"--until {until!r} is not over yet; the demo writes only complete weeks, so give {last} or earlier.")
    first = shift(until, -(weeks - 1))
    if week_problem(first) is not None:
        _fail(f"--until {until} with --weeks {weeks} would start in {first}, before the year 1900; "
              "give a later --until or fewer --weeks.")
    path = _db_path(db)
    try:
        with Store.open(path) as store:
            held = len(store.weeks())
            if held:
                _fail(f"{path}: already holds sessions ({held} week{'s' if held != 1 else ''}); demo only "
                      "writes into an empty database, so nothing was written. Pass --db with a new directory.")
            counted = progress("Writing demo history", weeks)
            used = demo_history.generate(team, store, weeks=weeks, reps=reps, seed=seed, until_week=until,
                                         progress=lambda done, _total: counted(done))
            store.save_team(used)
    except StoreError as error:
        _fail(str(error))
    _say(f"{path}: {weeks} weeks x {len(used.reps)} reps of demo history up to {until}. "
         f"Open it with: oneonone --db {_quote(path)}")


@main.command()
@_version_option
@click.option("--db", type=click.Path(path_type=Path), help=_DB_HELP)
@click.option("--yes", is_flag=True, help="Restore without asking.")
def restore(db: Path | None, yes: bool) -> None:
    """Find corrupt database files and put back the newest good backup of each."""
    from oneonone_tui.store import (DatabaseInUse, DatabaseMissing, StoreError, corrupt_files,
                                    restore_newest_backup)
    from oneonone_tui.domain.wording import visible  # paths and stored text reach the terminal only made visible

    path = _db_path(db)
    try:
        broken = corrupt_files(path)
    except DatabaseMissing:
        _fail(visible(f"{path} does not exist, so there is no database there to restore; check the --db path."))
    except StoreError as error:
        _fail(visible(str(error)))
    except OSError as error:
        _fail(visible(f"{path} cannot be read ({error.strerror or error}); check the --db path and its "
                      "permissions."))
    if not broken:
        click.echo(visible(f"{path}: every file reads cleanly; nothing to restore."))
        return
    left = []  # files with no good backup: reported, left as they are, and the exit code says so
    for problem in broken:
        click.echo(visible(f"{problem.file} cannot be read ({problem.detail})."))
        if not problem.backups:
            click.echo(visible(f"  no good backup of {problem.file.name}; it is left as it is (move it aside, "
                               "and that week starts empty, or repair it by hand)."), err=True)
            left.append(problem.file)
            continue
        if not yes:
            try:
                if not click.confirm(visible(f"  restore {problem.file.name} from {problem.backups[0].name}?"),
                                     default=True):
                    continue
            except click.Abort:  # no answer: stdin closed (a script) or ctrl+c
                click.echo("", err=True)
                _fail(visible(f"  {problem.file.name} was not restored: no answer. Run `oneonone restore --db "
                              f"{_quote(path)} --yes` to restore without asking."))
        try:
            used = restore_newest_backup(path, problem.file)
        except DatabaseInUse as error:
            who = f"process {error.pid}" if error.pid is not None else "another process"
            _fail(visible(f"{path} is in use by {who} (an open oneonone window), so {problem.file.name} was "
                          "not restored. Close that window, then run `oneonone restore` again."))
        except StoreError as error:
            _fail(visible(str(error)))
        click.echo(visible(f"  restored {problem.file.name} from {used.name}; the corrupt file is kept beside it."))
    if left:
        _fail(visible(f"{len(left)} file{'s' if len(left) != 1 else ''} of {path} could not be restored (no good "
                      f"backup): {', '.join(file.name for file in left)}."))


# ----- notes out: export and import-sessions ------------------------------------------------------


def _open_for_export(path: Path):
    from oneonone_tui.store import DatabaseMissing, Store, StoreError

    try:
        return Store.open(path, read_only=True)
    except DatabaseMissing:
        _fail(f"{path} does not exist, so there is nothing to export; check the --db path.")
    except StoreError as error:
        _fail(str(error))


def _export_team(store):
    from oneonone_tui.paths import bundled_team_path
    from oneonone_tui.store.codec import CodecError

    try:
        team = store.team()
    except CodecError as error:
        _fail(f"{store.path}: the team kept with the database does not read ({error}); open it once with "
              "`oneonone --team FILE` to store a good one.")
    return team if team is not None else _load_team(bundled_team_path())


def _select_weeks(held: list[str], week: str | None, since: str | None, until: str | None) -> list[str]:
    _parse_week(week)
    _parse_week(since, "--since")
    _parse_week(until, "--until")
    if week is not None and (since is not None or until is not None):
        _fail(f"--week {week} and --since/--until both given; give one week with --week, or a range with "
              "--since (and --until).")
    if since is not None and until is not None and since > until:
        _fail(f"--since {since} is after --until {until}; give the earlier week with --since.")
    if week is not None:
        return [w for w in held if w == week]
    return [w for w in held if (since is None or w >= since) and (until is None or w <= until)]


@main.command("import")
@_version_option
@click.argument("file", type=_PATH)
@click.option("--db", type=_PATH, help=_DB_HELP)
@click.option("--team", "team_file", type=_PATH, help="Team file with the CRM mapping (default: the team kept "
              "with the database).")
@click.option("--week", help="ISO week to fill, e.g. 2026-W48 (default: this week).")
@click.option("--dry-run", is_flag=True, help="Show what would change, rep by rep; write nothing.")
@click.option("--overwrite", is_flag=True, help="Replace actuals typed by hand when the CRM differs.")
@click.option("--wait", type=click.FloatRange(0, 3600), default=10, show_default=True,
              help="Seconds to wait for an open oneonone window to release the database.")
def import_(file: Path, db: Path | None, team_file: Path | None, week: str | None, dry_run: bool, overwrite: bool,
            wait: float) -> None:
    """Fill the week's actuals from a CRM export (CSV): a report with a row per rep, or a row per deal."""
    from datetime import datetime

    from oneonone_tui.crm_import import run_import
    from oneonone_tui.domain.weeks import week_of

    week = _parse_week(week) or week_of(date.today())
    team = _load_team(team_file) if team_file is not None else None
    run_import(file, _db_path(db), team, week, dry_run, overwrite, wait, datetime.now(), _say, _fail)


@main.command()
@_version_option
@click.option("--db", type=_PATH, help=_DB_HELP)
@click.option("--rep", "reps", multiple=True, metavar="ID", help="Only this rep (repeat for several). Default: all.")
@click.option("--week", help="One ISO week, e.g. 2026-W48.")
@click.option("--since", help="First ISO week of a range.")
@click.option("--until", help="Last ISO week of a range (default: the last one held).")
@click.option("--format", "fmt", default="markdown", show_default=True, metavar="markdown|json|csv|ics",
              help="markdown: notes to read; json: lossless; csv: numbers; ics: open commitments.")
@click.option("--what", default="metrics", show_default=True, metavar="metrics|commitments",
              help="For csv: one row per metric per 1:1, or one row per commitment.")
@click.option("--ics-events", is_flag=True, help="For ics: all-day events instead of to-dos (Google Calendar).")
@click.option("-o", "--output", help="File, or folder (one markdown file per rep); - or none: stdout.")
@click.option("--include-private", is_flag=True, help="Include the manager's private notes (never by default).")
def export(db: Path | None, reps: tuple[str, ...], week: str | None, since: str | None, until: str | None,
           fmt: str, what: str, ics_events: bool, output: str | None, include_private: bool) -> None:
    """Export 1:1 notes: markdown, json (lossless), csv or ics. Private notes only with --include-private."""
    from oneonone_tui.export import FORMATS
    from oneonone_tui.export.selection import WHAT
    from oneonone_tui.store import StoreError

    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not a format; give one of {', '.join(FORMATS)}.")
    if what not in WHAT:
        _fail(f"--what {what!r} is not known; give one of {', '.join(WHAT)}.")
    path = _db_path(db)
    store = _open_for_export(path)
    try:
        with store:
            team = _export_team(store)
            valid = [rep.id for rep in team.reps]
            for rep_id in reps:
                if rep_id not in valid:
                    _fail(f"--rep {rep_id!r} is not a rep of {team.name}; rep ids: {', '.join(valid)}.")
            held = store.weeks()
            weeks = _select_weeks(held, week, since, until)
            wanted = set(reps) if reps else None
            sessions = [s for w in weeks for rep_id, s in store.week(w, keep=False).items()
                        if wanted is None or rep_id in wanted]
            if not sessions:
                who = f" for {', '.join(reps)}" if reps else ""
                when = (week or (f"{since or 'the start'} to {until or 'the end'}" if since or until else "any week"))
                span = f"it holds {held[0]} to {held[-1]}" if held else "it holds no 1:1s yet"
                _fail(f"{path}: no 1:1s{who} in {when} ({span}); give another --week, --since or --rep.")
            later = []
            if fmt == "csv" and what == "commitments":
                last = max(s.week for s in sessions)
                ids = {s.rep_id for s in sessions}
                later = [s for w in held if w > last for rep_id, s in store.week(w, keep=False).items() if rep_id in ids]
    except StoreError as error:
        _fail(str(error))
    _write_export(team, sessions, later, fmt=fmt, what=what, ics_events=ics_events, output=output,
                  include_private=include_private, week=week)


def render_export(selection, *, fmt: str, what: str = "metrics", ics_events: bool = False,
                  include_private: bool = False) -> str:
    """The selection in `fmt`, as text (the one place the CLI and the app pick a renderer)."""
    return "".join(render_export_pieces(selection, fmt=fmt, what=what, ics_events=ics_events,
                                        include_private=include_private))


def render_export_pieces(selection, *, fmt: str, what: str = "metrics", ics_events: bool = False,
                         include_private: bool = False) -> Iterable[str]:
    """`render_export` in pieces whose concatenation is the text (markdown: a piece per rep, each
    rendered as the one before it is written, so a large export is never whole in memory)."""
    if fmt == "markdown":
        from oneonone_tui.export import markdown

        return markdown.render_pieces(selection, include_private=include_private)
    return [_render_one(selection, fmt=fmt, what=what, ics_events=ics_events, include_private=include_private)]


def _render_one(selection, *, fmt: str, what: str, ics_events: bool, include_private: bool) -> str:
    if fmt == "json":
        from oneonone_tui.export import jsonfile

        return jsonfile.render(selection, include_private=include_private)
    if fmt == "csv":
        from oneonone_tui.export import csvfile

        return csvfile.render(selection, what=what)
    if fmt == "ics":
        from datetime import UTC, datetime

        from oneonone_tui.export import ics

        return ics.render(selection, events=ics_events, stamp=datetime.now(UTC).replace(microsecond=0))
    raise ValueError(f"no renderer for {fmt!r}")  # the export command checks --format against FORMATS


def _write_export(team, sessions, later, *, fmt: str, what: str, ics_events: bool, output: str | None,
                  include_private: bool, week: str | None) -> None:
    from oneonone_tui.export import Selection, rep_file_name
    from oneonone_tui.export.selection import EXTENSIONS
    from oneonone_tui.store import StoreError
    from oneonone_tui.store.exports import make_export_dir, write_text_file

    selection = Selection.of(team, sessions, later)
    options = dict(fmt=fmt, what=what, ics_events=ics_events, include_private=include_private)
    if output is None or output == "-":
        for piece in render_export_pieces(selection, **options):
            sys.stdout.write(piece)
        sys.stdout.flush()
        return
    written: list[Path] = []
    try:
        as_dir = output.endswith("/") or Path(output).expanduser().is_dir()
        if as_dir:
            folder = make_export_dir(Path(output))
            extension = EXTENSIONS[fmt]
            if fmt == "markdown":
                one_week = selection.weeks[0] if len(selection.weeks) == 1 else None
                for rep_id in selection.rep_ids:
                    text = render_export_pieces(selection.of_rep(rep_id), **options)
                    written.append(write_text_file(folder / rep_file_name(one_week, rep_id, extension), text))
            else:
                name = f"oneonone-{what if fmt == 'csv' else 'sessions' if fmt == 'json' else 'commitments'}"
                written.append(write_text_file(folder / f"{name}.{extension}",
                                               render_export_pieces(selection, **options)))
        else:
            written.append(write_text_file(Path(output), render_export_pieces(selection, **options)))
    except StoreError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{output} cannot be written ({error.strerror or error}); nothing more was "
              "written. Check the -o path and its permissions.")
    for path in written:
        _say(f"wrote {path}")


@main.command("import-sessions")
@_version_option
@click.argument("file", type=_PATH)
@click.option("--db", type=_PATH, help=_DB_HELP)
def import_sessions(file: Path, db: Path | None) -> None:
    """Load a `export --format json` file into an empty (or non-overlapping) database: all or nothing."""
    from oneonone_tui.export.jsonfile import ImportProblem, parse
    from oneonone_tui.store import DatabaseInUse, Store, StoreError
    from oneonone_tui.store.exports import read_import_file

    try:
        team, sessions, _private = parse(read_import_file(file))
    except StoreError as error:
        _fail(str(error))
    except ImportProblem as error:
        _fail(f"{file}: {error}; nothing was imported.")
    path = _db_path(db)
    try:
        with Store.open(path) as store:
            stored_team = store.team()
            if stored_team is not None and stored_team != team:
                known = {rep.id for rep in stored_team.reps}
                strangers = sorted({s.rep_id for s in sessions} - known)
                if strangers:
                    _fail(f"{file}: reps {', '.join(strangers)} are not in the team of {path}; nothing was "
                          "imported. Import into a new --db, or add them to that team first.")
            clashes = [s for s in sessions if store.get(s.rep_id, s.week) is not None]
            if clashes:
                first = clashes[0]
                _fail(f"{path} already holds {len(clashes)} of these 1:1s (the first: {first.rep_id}'s of "
                      f"{first.week}); import-sessions only adds 1:1s a database does not hold, so nothing was "
                      "imported. Give an empty --db.")
            if stored_team is None:
                store.save_team(team)
            by_week: dict[str, list] = {}
            for session in sessions:
                by_week.setdefault(session.week, []).append(session)
            for week_key in sorted(by_week):
                store.save_week(week_key, by_week[week_key])
    except DatabaseInUse as error:
        who = f"process {error.pid}" if error.pid is not None else "another process"
        _fail(f"{path} is in use by {who} (an open oneonone window); close it and import again. Nothing was "
              "imported.")
    except StoreError as error:
        _fail(str(error))
    _say(f"{path}: imported {len(sessions)} 1:1s over {len(by_week)} weeks from {file}.")


@main.command()
@_version_option
@click.option("--db", "dbs", type=_PATH, multiple=True,
              help="Database directory; repeat for one row per manager and a total (default: the usual one).")
@click.option("--weeks", type=click.IntRange(1, 260), default=13, show_default=True, help="Weeks in the period.")
@click.option("--week", help="Last week of the period, e.g. 2026-W48 (default: this week).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True, help="table (plain text), json (documented in the README) or markdown.")
def report(dbs: tuple[Path, ...], weeks: int, week: str | None, fmt: str) -> None:
    """The manager's scorecard: 1:1s held, results, follow-through, escalation, coaching, signals."""
    from oneonone_tui import report as scorecard_report
    from oneonone_tui.domain.weeks import week_of

    week = _parse_week(week) or week_of(date.today())
    paths = list(dbs) or [_db_path(None)]
    cards, skipped = [], []
    for path in paths:
        loaded = scorecard_report.load(path, week, weeks)
        (skipped if isinstance(loaded, scorecard_report.Skipped) else cards).append(loaded)
    if cards:
        if fmt == "table":
            click.echo(scorecard_report.text_tables(cards, {}, rollup=len(paths) > 1))
        else:
            _say(scorecard_report.render(cards, fmt, {}, rollup=len(paths) > 1))
    if skipped:
        _fail([f"{item.db}: skipped, not counted: {item.reason}" for item in skipped])
