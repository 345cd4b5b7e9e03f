"""The entry point opens the app without click, and reads its command line exactly as click would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_tui.cli import main as cli
from oneonone_tui.launch import TERMINAL_NEEDED
from oneonone_tui.start import app_arguments

WORDS = ["--team", "--db", "--week", "--read-only", "--read-only=1", "--team=t.json", "--db=/tmp/d", "--week=2026-W48",
         "t.json", "/tmp/d", "2026-W48", "-", "--", "-h", "--help", "--version", "check", "--bogus", "", "--db=",
         "-x", "=", "--week=--db", "report"]


def _click_reads(args: list[str]) -> dict | None:
    """What click makes of `args`: the app's parameters, or None for a command, an error or an exit."""
    try:
        with cli.make_context("oneonone", list(args)) as context:
            rest = [*getattr(context, "_protected_args", ()), *context.args]  # a command and its arguments
            if rest:
                return None
            return dict(context.params)
    except (click.exceptions.Exit, click.exceptions.ClickException, click.exceptions.Abort):
        return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_what_the_fast_path_takes_click_reads_the_same_way(args):
    fast = app_arguments(args)
    if fast is not None:
        assert _click_reads(args) == fast, args


def test_the_usual_command_lines_take_the_fast_path():
    assert app_arguments([]) == {"team_file": None, "db": None, "read_only": False, "week": None}
    assert app_arguments(["--team", "t.json", "--db=/d", "--read-only", "--week", "2026-W48"]) == {
        "team_file": Path("t.json"), "db": Path("/d"), "read_only": True, "week": "2026-W48"}


def test_anything_else_is_left_to_click():
    for args in (["check", "t.json"], ["--help"], ["-h"], ["--version"], ["--db"], ["--db", "--week", "x"],
                 ["--db", "a", "--db", "b"], ["--teem", "t"], ["--read-only=yes"], ["--db="], ["--", "x"]):
        assert app_arguments(args) is None, args


def test_opening_the_app_imports_no_click_and_fails_without_a_terminal_in_one_line(tmp_path):
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: sys.stdout.write('click loaded: %s' % ('click' in sys.modules)))\n"
             "from oneonone_tui.start import main\n"
             f"main(['--db', {str(tmp_path / 'db')!r}])\n")
    done = subprocess.run([sys.executable, "-c", probe], text=True, capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == TERMINAL_NEEDED
    assert done.stdout.strip() == "click loaded: False"
    assert not (tmp_path / "db").exists(), "nothing created on the way to an error"


def test_a_command_goes_through_click_as_before(tmp_path):
    done = subprocess.run([sys.executable, "-m", "oneonone_tui", "--week", "2026-W99", "--db", str(tmp_path / "db")],
                          text=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2 and "--week '2026-W99'" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "oneonone_tui", "--bogus"], text=True, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2 and "No such option" in done.stderr


def test_a_command_ends_with_everything_it_printed_delivered_and_its_exit_code(tmp_path):
    """`leave` ends a command with os._exit once stdout and stderr are flushed: a long export piped
    to another process arrives whole, and the exit codes are click's."""
    from click.testing import CliRunner

    from oneonone_tui.demo import generate
    from oneonone_tui.store import Store
    from oneonone_tui.teamfile import load_team

    db = tmp_path / "db"
    with Store.open(db) as store:
        generate(load_team(Path("sample_team.json")), store, weeks=12, reps=None, seed=7, until_week="2026-W47")
    expected = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "json"]).output
    assert len(expected) > 100_000  # more than a pipe holds: the reader must be waited for
    done = subprocess.run([sys.executable, "-m", "oneonone_tui", "export", "--db", str(db), "--format", "json"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0 and done.stdout == expected
    for args, code in ((["--version"], 0), (["check", str(tmp_path / "none.json")], 2), (["--bogus"], 2),
                       (["check", "sample_team.json"], 0)):
        done = subprocess.run([sys.executable, "-m", "oneonone_tui", *args], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=60)
        assert done.returncode == code, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_leave_exits_as_python_does_while_another_thread_works(monkeypatch):
    import threading

    from oneonone_tui import start

    ended = []
    monkeypatch.setattr("os._exit", lambda status: ended.append(("os._exit", status)))
    with monkeypatch.context() as alone:  # the test runner may have threads of its own
        alone.setattr(threading, "active_count", lambda: 1)
        start.leave(3)
    assert ended == [("os._exit", 3)]
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        for code, status in ((None, 0), (2, 2)):
            try:
                start.leave(code)
            except SystemExit as done:
                assert done.code == status
            else:
                raise AssertionError("leave() returned")
    finally:
        release.set()
        worker.join()
    assert ended == [("os._exit", 3)], "no os._exit while a thread still works"


def test_a_command_runs_with_what_was_imported_set_aside_from_the_collector(tmp_path):
    """`keep_imported`: by the time a command's own code runs, the objects the command line's imports
    made are frozen (`gc.freeze`), so the collector's scans during its work do not go through them
    again and again; the collector itself still runs (cycles the command makes are collected)."""
    probe = ("import gc, sys\n"
             "from oneonone_tui import start\n"
             "def leave(code):\n"
             "    sys.stdout.write('%d %s' % (gc.get_freeze_count(), gc.isenabled()))\n"
             "    sys.stdout.flush()\n"
             "    raise SystemExit(code)\n"
             "start.leave = leave\n"
             "start.main(['check', 'sample_team.json'])\n")
    done = subprocess.run([sys.executable, "-c", probe], text=True, capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    frozen, enabled = done.stdout.split()[-2:]
    assert int(frozen) > 10_000 and enabled == "True"
