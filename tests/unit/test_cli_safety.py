"""The command line never loses the manager's data, never hangs on odd files, never lets file bytes drive the terminal.

Runs that could hang on a regression (a FIFO, the app without a terminal) are real processes with a
timeout: a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from oneonone_tui import cli, launch
from oneonone_tui.demo import last_complete_week
from oneonone_tui.store import Store
from oneonone_tui.teamfile import load_team
from tests.conftest import SAMPLE_TEAM

TIMEOUT = 30  # each of these fails (or should) in well under a second; a hang hits this
TERMINAL_NEEDED = "oneonone needs a terminal: run it in a terminal window; for scripts use `oneonone check|demo|restore`"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
                       ONEONONE_DATA_DIR=str(tmp_path / "data"), TERM="dumb")
    environment.pop("ONEONONE_DB", None)
    (tmp_path / "home").mkdir()
    return environment


def oneonone(env: dict[str, str], *args: str | Path, terminal: bool = False) -> subprocess.CompletedProcess[str]:
    """A real `oneonone` process; with `terminal`, stdin and stdout are a pseudo-terminal (stdout not read)."""
    command = [sys.executable, "-m", "oneonone_tui", *map(str, args)]
    if not terminal:
        return subprocess.run(command, env=env, text=True, capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=TIMEOUT, cwd=env["HOME"])
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(command, env=env, text=True, stdin=follower, stdout=follower,
                                stderr=subprocess.PIPE, timeout=TIMEOUT, cwd=env["HOME"])
        result.stdout = ""
        return result
    finally:
        os.close(follower)
        os.close(leader)


def assert_one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "Usage:" not in result.stderr, "a bad file is not a usage error: no usage block"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def sample() -> dict:
    return json.loads(SAMPLE_TEAM.read_text(encoding="utf-8"))


# ----- 1. a stored team this version rejects is reported, never replaced -------------------------------


def _db_with_stored_team(db: Path, **change) -> dict:
    team = sample() | change
    with Store.open(db) as store:
        store._save_team_data(team)  # as another version may have stored it
    return team


def test_a_stored_team_this_version_rejects_exits_2_naming_the_database_and_field_and_is_kept(env, tmp_path):
    db = tmp_path / "db"
    stored = _db_with_stored_team(db, timebox_minutes=999)
    meta_before = (db / "meta.json").read_bytes()
    line = assert_one_line_failure(oneonone(env, "--db", db, terminal=True))
    assert line.startswith(f"{db / 'meta.json'}: the team stored in this database")
    assert "timebox_minutes" in line and "--team FILE" in line
    assert (db / "meta.json").read_bytes() == meta_before, "the manager's team is not overwritten"
    with Store.open(db, read_only=True) as store:
        assert store.team_data() == stored


def test_resolve_team_raises_for_a_rejected_stored_team_instead_of_falling_back_to_the_sample(tmp_path):
    bad = sample() | {"timebox_minutes": 999}
    with pytest.raises(launch.StoredTeamRejected, match=r"meta\.json: .*timebox_minutes"):
        launch.resolve_team(None, bad, load_team, db=tmp_path / "db")


# ----- 3. a FIFO is refused, not read forever -------------------------------------------------------


@pytest.mark.parametrize("command", [("check",), ("--db", "DB", "--team"), ("demo", "--db", "DB", "--team")],
                         ids=["check", "app", "demo"])
def test_a_fifo_as_team_file_is_refused_at_once(env, tmp_path, command):
    fifo = tmp_path / "team.json"
    os.mkfifo(fifo)
    db = tmp_path / "db"
    args = [db if part == "DB" else part for part in command]
    line = assert_one_line_failure(oneonone(env, *args, fifo, terminal=command[0] == "--db"))
    assert line == f"{fifo}: file: this is not a regular file (a FIFO); pass the path of a JSON team file"
    assert not db.exists()


def test_load_team_refuses_a_character_device():
    with pytest.raises(Exception, match=r"not a regular file \(a character device\)"):
        load_team(Path("/dev/null"))


# ----- 4. an unreadable team file or a folder: one line, no usage block ------------------------------


@pytest.fixture
def unreadable(tmp_path, monkeypatch) -> Path:
    """A team file this account cannot read. Tests may run as root, whom chmod 000 does not stop: the
    refusal is simulated where both the loader (os.open) and click (os.access) would meet it."""
    path = tmp_path / "team.json"
    path.write_bytes(SAMPLE_TEAM.read_bytes())
    path.chmod(0)
    real_open, real_access = os.open, os.access

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    def refusing_access(file, mode, *args, **kwargs):
        return False if os.fspath(file) == str(path) else real_access(file, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(os, "access", refusing_access)
    return path


@pytest.mark.parametrize("args", [["check"], ["--db", "DB", "--team"], ["demo", "--db", "DB", "--team"]],
                         ids=["check", "app", "demo"])
def test_an_unreadable_team_file_exits_2_with_one_line_naming_it(unreadable, tmp_path, args):
    db = tmp_path / "db"
    result = CliRunner().invoke(cli.main, [str(db) if a == "DB" else a for a in args] + [str(unreadable)])
    assert result.exit_code == 2, result.output
    assert "Usage:" not in result.output
    assert result.stderr.splitlines() == [
        f"{unreadable}: file: permission denied: this account cannot read the file; check its permissions "
        "(ls -l), or pass a copy you can read"]
    assert not db.exists()


@pytest.mark.parametrize("args", [["--db", "DB", "--team"], ["demo", "--db", "DB", "--team"]], ids=["app", "demo"])
def test_a_folder_as_team_file_exits_2_with_one_line_naming_it(env, tmp_path, args):
    folder = tmp_path / "teams"
    folder.mkdir()
    db = tmp_path / "db"
    line = assert_one_line_failure(oneonone(env, *[db if a == "DB" else a for a in args], folder))
    assert line == f"{folder}: file: this is a folder, not a file; give the path of the team's .json file"
    assert not db.exists()


# ----- 5. thousands of problems: a few readable lines -------------------------------------------------


def _with_duplicates(keys: list[str]) -> bytes:
    text = json.dumps(sample())
    return ("{" + "".join(f'"{key}": 1, ' for key in keys) + text[1:]).encode()


@pytest.mark.parametrize("keys", [["name"] * 5000, [f"k{i}" for i in range(5000) for _ in (1, 2)]],
                         ids=["one key 5000 times", "5000 keys twice"])
def test_thousands_of_duplicate_keys_give_a_few_short_lines(tmp_path, keys):
    path = tmp_path / "team.json"
    path.write_bytes(_with_duplicates(keys))
    result = CliRunner().invoke(cli.main, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert 1 <= len(lines) <= 20
    assert max(map(len, lines)) <= 600, max(map(len, lines))
    assert all(line.startswith(f"{path}: ") for line in lines)
    if len(set(keys)) > 1:
        assert 'keys "k0", "k1", "k2" and 4,997 more appear more than once' in result.stderr
        assert lines[-1].endswith("more problems not shown; fix the ones above and check the file again")
    else:
        assert 'key "name" appears 5,001 times in this object (all on line 1)' in result.stderr


def test_a_huge_key_is_clipped_to_one_readable_line(tmp_path):
    path = tmp_path / "team.json"
    path.write_bytes(_with_duplicates(["x" * 20000] * 2))
    result = CliRunner().invoke(cli.main, ["check", str(path)])
    assert result.exit_code == 2
    assert max(map(len, result.stderr.splitlines())) <= 600


# ----- 6. no byte of a file name or a file drives the terminal -----------------------------------------

OSC_NAME = "t\x1b]0;T\x07.json"


def _no_control_bytes(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, repr(text)


def test_check_of_a_good_file_with_an_escape_sequence_in_its_name_prints_it_visibly(env, tmp_path):
    path = tmp_path / OSC_NAME
    path.write_bytes(SAMPLE_TEAM.read_bytes())
    result = oneonone(env, "check", path)
    assert result.returncode == 0, result.stderr
    _no_control_bytes(result.stdout + result.stderr)
    assert result.stdout.startswith(f"{tmp_path}/t\\x1b]0;T\\x07.json: OK")


@pytest.mark.parametrize("data", [b"{", b"", json.dumps(sample() | {"name": "x\u009b31m"}, ensure_ascii=False).encode()],
                         ids=["syntax error", "empty", "C1 control in text"])
def test_check_errors_about_a_file_with_an_escape_sequence_in_its_name_print_it_visibly(env, tmp_path, data):
    path = tmp_path / OSC_NAME
    path.write_bytes(data)
    result = oneonone(env, "check", path)
    assert result.returncode == 2
    _no_control_bytes(result.stdout + result.stderr)
    assert all(line.startswith(f"{tmp_path}/t\\x1b]0;T\\x07.json: ") for line in result.stderr.splitlines())


def test_check_of_a_missing_file_with_a_newline_and_escape_in_its_name_prints_one_visible_line(env, tmp_path):
    path = tmp_path / "a\nb\x1b[2J.json"
    line = assert_one_line_failure(oneonone(env, "check", path))
    _no_control_bytes(line)
    assert line.startswith(f"{tmp_path}/a\\nb\\x1b[2J.json: file: there is no file at this path")


def test_demo_messages_show_an_escape_sequence_in_the_db_path_visibly(env, tmp_path):
    db = tmp_path / "db\x1b]0;T\x07"
    result = oneonone(env, "demo", "--weeks", "1", "--db", db)
    assert result.returncode == 0, result.stderr
    _no_control_bytes(result.stdout + result.stderr)
    assert "db\\x1b]0;T\\x07: 1 weeks x" in result.stdout
    again = oneonone(env, "demo", "--weeks", "1", "--db", db)  # refused: the database holds sessions
    assert again.returncode == 2
    _no_control_bytes(again.stdout + again.stderr)
    assert "db\\x1b]0;T\\x07: already holds sessions" in again.stderr


def test_the_app_s_database_errors_show_an_escape_sequence_in_the_path_visibly(env, tmp_path):
    not_a_db = tmp_path / "notes\x1b]0;T\x07.txt"
    not_a_db.write_text("mine\n")
    line = assert_one_line_failure(oneonone(env, "--db", not_a_db, terminal=True))
    _no_control_bytes(line)
    assert "notes\\x1b]0;T\\x07.txt is a file, not a oneonone database" in line


# ----- 7. no terminal, no app -------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["stdin", "stdout"])
def test_the_app_without_a_terminal_refuses_in_one_line_before_opening_the_database(env, tmp_path, where):
    db = tmp_path / "db"
    command = [sys.executable, "-m", "oneonone_tui", "--db", str(db)]
    leader, follower = pty.openpty()
    try:
        tty = {"stdin": follower, "stdout": follower}
        tty[where] = subprocess.DEVNULL if where == "stdin" else subprocess.PIPE
        result = subprocess.run(command, env=env, text=True, stdin=tty["stdin"], stdout=tty["stdout"],
                                stderr=subprocess.PIPE, timeout=TIMEOUT, cwd=env["HOME"])
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2, result.stderr
    assert result.stderr == TERMINAL_NEEDED + "\n"
    assert not db.exists(), "nothing is created or locked by a run that cannot show anything"


def test_the_app_without_a_terminal_leaves_an_existing_database_unlocked(env, tmp_path):
    db = tmp_path / "db"
    _db_with_stored_team(db)
    result = oneonone(env, "--db", db)
    assert result.returncode == 2 and result.stderr == TERMINAL_NEEDED + "\n"
    with Store.open(db) as store:  # not DatabaseInUse
        assert store.team_data() == sample()


# ----- 8. the read-only notice of a second window -----------------------------------------------------

HOLDER = """
import sys
from oneonone_tui.store import Store
store = Store.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
store.close()
"""


def test_a_second_window_s_notice_names_the_writer_and_does_not_suggest_read_only(env, tmp_path, monkeypatch, team):
    db = tmp_path / "db"
    _db_with_stored_team(db)
    seen: dict[str, object] = {}

    class FakeApp:
        saver = None
        return_code = 0

        def run(self) -> None:
            pass

    def fake_make_app(*, team, store, week, notice):
        seen.update(notice=notice, read_only=store.read_only)
        return FakeApp()

    monkeypatch.setattr("oneonone_tui.ui.app.make_app", fake_make_app)
    monkeypatch.setattr(launch, "_flush_on_hangup", lambda app: None)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == "holding\n"
        code = launch.launch(team=None, db=db, read_only=False, week=None, load_team=load_team,
                             fail=lambda message: pytest.fail(message))
    finally:
        holder.stdin.close()
        holder.wait(timeout=TIMEOUT)
    assert code == 0 and seen["read_only"] is True
    assert seen["notice"] == (f"Read-only: process {holder.pid} (another oneonone window) is writing to {db}; "
                              "close it there to edit here.")
    assert "--read-only" not in seen["notice"]


def test_the_in_use_notice_without_a_pid_still_says_what_to_do(tmp_path):
    assert launch.in_use_notice(tmp_path, None) == (
        f"Read-only: another oneonone window is writing to {tmp_path}; close it there to edit here.")


# ----- 9. demo --until -------------------------------------------------------------------------------


def test_demo_until_garbage_names_the_until_option(env, tmp_path):
    db = tmp_path / "db"
    line = assert_one_line_failure(oneonone(env, "demo", "--db", db, "--until", "garbage"))
    assert line.startswith("--until 'garbage' is not an ISO week") and "--week" not in line
    assert not db.exists()


@pytest.mark.parametrize("until", ["2999-W01", "next"], ids=["far future", "this week"])
def test_demo_until_a_week_that_is_not_over_is_refused(env, tmp_path, until):
    from datetime import date

    from oneonone_tui.domain.weeks import shift

    last = last_complete_week(date.today())
    week = shift(last, 1) if until == "next" else until
    db = tmp_path / "db"
    line = assert_one_line_failure(oneonone(env, "demo", "--db", db, "--until", week))
    assert line.startswith(f"--until '{week}' is not over yet") and last in line
    assert not db.exists()


def test_demo_until_the_last_complete_week_is_accepted(env, tmp_path):
    from datetime import date

    last = last_complete_week(date.today())
    result = oneonone(env, "demo", "--weeks", "2", "--db", tmp_path / "db", "--until", last)
    assert result.returncode == 0, result.stderr
    assert f"up to {last}" in result.stdout


def test_demo_history_that_would_start_before_1900_is_refused(env, tmp_path):
    db = tmp_path / "db"
    line = assert_one_line_failure(oneonone(env, "demo", "--db", db, "--until", "1900-W05", "--weeks", "12"))
    assert "before the year 1900" in line and "--weeks" in line
    assert not db.exists()
