"""The real `oneonone` command line, run as a subprocess: help, version, check, bad input, restore.

Every run gets its own HOME and data directory under tmp_path, stdin that is not a terminal and a
timeout, so a command that wrongly starts the app fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_tui import __version__, cli
from oneonone_tui.domain.records import Session
from oneonone_tui.store import Store
from tests.conftest import SAMPLE_TEAM

CONSOLE_SCRIPT = Path(sys.executable).with_name("oneonone")
TIMEOUT = 60  # generous; a command that starts the TUI instead of failing hits it


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
                       ONEONONE_DATA_DIR=str(tmp_path / "data"), TERM="dumb")
    environment.pop("ONEONONE_DB", None)
    (tmp_path / "home").mkdir()
    return environment


def oneonone(env: dict[str, str], *args: str | Path, stdin: str | None = None,
             script: bool = False) -> subprocess.CompletedProcess[str]:
    command = [str(CONSOLE_SCRIPT)] if script else [sys.executable, "-m", "oneonone_tui"]
    return subprocess.run([*command, *map(str, args)], env=env, text=True, capture_output=True, timeout=TIMEOUT,
                          input=stdin if stdin is not None else "", cwd=env["HOME"])


def in_a_terminal(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`oneonone ARGS` with a pseudo-terminal as stdin and stdout (the app refuses to run without one)."""
    import pty

    leader, follower = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "oneonone_tui", *map(str, args)], env=env, text=True,
                                stdin=follower, stdout=follower, stderr=subprocess.PIPE, timeout=TIMEOUT,
                                cwd=env["HOME"])
        result.stdout = ""  # what went to the terminal is not read: these runs fail before drawing anything
        return result
    finally:
        os.close(follower)
        os.close(leader)


def assert_clean_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip(), "a failure says why on stderr"


def sample() -> dict:
    return json.loads(SAMPLE_TEAM.read_text(encoding="utf-8"))


# ----- --help and --version ----------------------------------------------------------------------

HELP_SAYS = {
    (): ["Usage: oneonone [OPTIONS] [COMMAND]", "--team", "--db", "--week", "--read-only", "--version",
         "check", "demo", "restore", "Results, then Pipeline"],
    ("check",): ["Usage: oneonone check [OPTIONS] FILE", "Validate a team file", "exit 2"],
    ("demo",): ["Usage: oneonone demo [OPTIONS]", "--weeks", "--reps", "--seed", "--until", "--db",
                "empty database"],
    ("restore",): ["Usage: oneonone restore [OPTIONS]", "--db", "--yes", "backup"],
}


@pytest.mark.parametrize("command", list(HELP_SAYS), ids=lambda c: " ".join(c) or "group")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_of_the_group_and_every_command_exits_0_and_describes_it(env, command, flag):
    result = oneonone(env, *command, flag, script=True)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())  # help wraps to the terminal width
    for words in HELP_SAYS[command]:
        assert words in text
    assert result.stderr == ""


@pytest.mark.parametrize("command", list(HELP_SAYS), ids=lambda c: " ".join(c) or "group")
@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_of_the_group_and_every_command_prints_the_version_and_exits_0(env, command, flag):
    result = oneonone(env, *command, flag, script=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"oneonone, version {__version__}\n"


def test_python_dash_m_runs_the_same_cli_as_the_console_script(env):
    assert oneonone(env, "--version").stdout == oneonone(env, "--version", script=True).stdout


# ----- check -------------------------------------------------------------------------------------


def test_check_of_the_sample_team_prints_its_summary_and_exits_0(env):
    result = oneonone(env, "check", SAMPLE_TEAM)
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    team = sample()
    assert first.startswith(f"{SAMPLE_TEAM}: OK")
    assert team["name"] in first and f"{len(team['reps'])} reps" in first
    assert any(line.strip().startswith("results:") for line in rest)
    assert any(line.strip().startswith("rules:") for line in rest)
    assert result.stderr == ""


def _with(change) -> bytes:
    team = sample()
    change(team)
    return json.dumps(team, indent=2, ensure_ascii=False).encode("utf-8")


def _duplicate_name() -> bytes:
    text = json.dumps(sample(), indent=2, ensure_ascii=False)
    return text.replace("{\n", '{\n  "name": "Another name",\n', 1).encode("utf-8")


def _latin1() -> bytes:
    team = sample()
    team["manager"] = "Renée Müller"
    return json.dumps(team, indent=2, ensure_ascii=False).encode("latin-1")


# (bytes of the file, what stderr must say about where)
BROKEN = {
    "syntax error": (b'{"name": "East",\n "manager": ,\n "reps": []}', "line 2, column"),
    "duplicate key": (_duplicate_name(), "name (line "),
    "negative target": (_with(lambda t: t["metrics"][0].update(target=-5)), "metrics[0].target (line "),
    "unknown override metric": (_with(lambda t: t["reps"][0]["targets"].update(no_such_metric=3)),
                                "reps[0].targets.no_such_metric (line "),
    "no reps": (_with(lambda t: t.update(reps=[])), "reps (line "),
    "non-UTF-8 bytes": (_latin1(), "byte "),
    "empty file": (b"", "line 1, column 1"),
    "random bytes": (random.Random(20261124).randbytes(400), "byte "),
    "text that is not an object": (b'["a", "list"]\n', "top level"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_check_of_a_broken_team_file_exits_2_naming_the_file_and_the_field_or_line(env, tmp_path, case):
    data, where = BROKEN[case]
    path = tmp_path / "team.json"
    path.write_bytes(data)
    result = oneonone(env, "check", path)
    assert_clean_failure(result)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines), lines
    assert any(where in line for line in lines), (where, lines)


def test_check_names_the_line_of_the_second_duplicate_key(env, tmp_path):
    path = tmp_path / "team.json"
    path.write_bytes(_duplicate_name())
    result = oneonone(env, "check", path)
    assert_clean_failure(result)
    assert f"{path}: name (line 3): key \"name\" appears more than once" in result.stderr


@pytest.mark.parametrize("case", ["missing file", "a directory"])
def test_check_of_a_path_that_is_not_a_readable_file_exits_2_and_says_so(env, tmp_path, case):
    path = tmp_path / ("nowhere.json" if case == "missing file" else "folder")
    if case == "a directory":
        path.mkdir()
    result = oneonone(env, "check", path)
    assert_clean_failure(result)
    expected = "there is no file at this path" if case == "missing file" else "this is a folder, not a file"
    assert result.stderr.startswith(f"{path}: file: {expected}")


def _mutated_sample(edits: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(SAMPLE_TEAM.read_bytes())
    for index, byte in edits:
        data[index % len(data)] = byte
    return bytes(data[:cut] if cut is not None else data)


FILE_BYTES = st.one_of(
    st.binary(max_size=600),
    st.builds(_mutated_sample, st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), max_size=4),
              st.none() | st.integers(0, 6000)),
    st.text(alphabet='{}[]":,0123456789-.eEtrufalsn \n\\', max_size=200).map(str.encode),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FILE_BYTES)
def test_check_of_any_bytes_in_process_exits_0_or_2_and_never_raises(tmp_path, data):
    path = tmp_path / "fuzzed.json"
    path.write_bytes(data)
    result = CliRunner().invoke(cli.main, ["check", str(path)])
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert all(line.startswith(f"{path}: ") for line in result.stderr.splitlines())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FILE_BYTES)
def test_check_of_any_bytes_as_a_real_process_exits_0_or_2_without_a_traceback(env, tmp_path, data):
    path = tmp_path / "fuzzed.json"
    path.write_bytes(data)
    result = oneonone(env, "check", path)
    assert result.returncode in (0, 2), (result.returncode, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr


# ----- bad input to the app: it must fail before starting -----------------------------------------


@pytest.mark.parametrize("week", ["2026-W99", "2026-W00", "banana", "2026-48", "W48", ""])
def test_a_bad_week_exits_2_with_a_message_and_the_app_does_not_start(env, tmp_path, week):
    db = tmp_path / "db"
    result = oneonone(env, "--db", db, "--week", week)
    assert_clean_failure(result)
    assert f"--week {week!r} is not an ISO week" in result.stderr
    assert "2026-W48" in result.stderr  # shows how to write one
    assert not db.exists(), "nothing is created on the way to the error"


def test_a_bad_until_week_for_the_demo_exits_2_with_a_message(env, tmp_path):
    db = tmp_path / "db"
    result = oneonone(env, "demo", "--db", db, "--until", "next week")
    assert_clean_failure(result)
    assert "'next week' is not an ISO week" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("case", ["syntax error", "negative target", "non-UTF-8 bytes"])
def test_the_app_with_a_broken_team_file_exits_2_naming_it_and_touches_no_database(env, tmp_path, case):
    data, where = BROKEN[case]
    team_file = tmp_path / "team.json"
    team_file.write_bytes(data)
    db = tmp_path / "db"
    result = oneonone(env, "--team", team_file, "--db", db)
    assert_clean_failure(result)
    assert result.stderr.startswith(f"{team_file}: ") and where in result.stderr
    assert not db.exists(), "a broken team file must not create the database"


def test_the_app_with_a_team_file_that_does_not_exist_exits_2_naming_it(env, tmp_path):
    missing = tmp_path / "tema.json"
    result = oneonone(env, "--team", missing, "--db", tmp_path / "db")
    assert_clean_failure(result)
    assert result.stderr.startswith(f"{missing}: file: there is no file at this path")


def test_the_app_with_a_directory_as_team_file_exits_2_naming_it(env, tmp_path):
    folder = tmp_path / "teams"
    folder.mkdir()
    result = oneonone(env, "--team", folder, "--db", tmp_path / "db")
    assert_clean_failure(result)
    assert result.stderr == f"{folder}: file: this is a folder, not a file; give the path of the team's .json file\n"
    assert not (tmp_path / "db").exists()


@pytest.mark.parametrize("command", [(), ("demo", "--weeks", "2"), ("restore",)], ids=["app", "demo", "restore"])
def test_db_pointing_at_a_regular_file_exits_2_with_a_clear_message_and_leaves_the_file(env, tmp_path, command):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("my own notes\n")
    run = in_a_terminal if command == () else oneonone  # the app needs a terminal before it opens a database
    result = run(env, *command, "--db", not_a_db)
    assert_clean_failure(result)
    assert f"{not_a_db} is a file, not a oneonone database" in result.stderr
    assert "--db" in result.stderr  # says what to pass instead
    assert not_a_db.read_text() == "my own notes\n"


def test_db_inside_a_regular_file_exits_2_with_a_clear_message(env, tmp_path):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("x")
    result = in_a_terminal(env, "--db", not_a_db / "db")
    assert_clean_failure(result)
    assert "is inside a file, not a oneonone database" in result.stderr


def test_db_pointing_at_a_folder_of_other_files_exits_2_and_names_them(env, tmp_path):
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "cv.pdf").write_bytes(b"%PDF")
    result = oneonone(env, "demo", "--db", folder)
    assert_clean_failure(result)
    assert "holding other files (cv.pdf)" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["cv.pdf"]


# ----- restore -----------------------------------------------------------------------------------

WEEK = "2026-W40"


def _db_with_a_backup(db: Path) -> Path:
    """A database whose WEEK was saved twice (so backups/ holds the first version); returns the week file."""
    with Store.open(db) as store:
        store.save(Session(rep_id="sam", week=WEEK, shared_notes="first version"))
        store.save(Session(rep_id="sam", week=WEEK, shared_notes="second version"))
    return db / "weeks" / f"{WEEK}.json"


CORRUPT = b'{"sessions": {"1": {"rep_id": "sam", "week": "2026-'  # cut short, as by a dying disk


def test_restore_of_a_clean_database_says_there_is_nothing_to_restore(env, tmp_path):
    db = tmp_path / "db"
    week_file = _db_with_a_backup(db)
    before = week_file.read_bytes()
    result = oneonone(env, "restore", "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{db}: every file reads cleanly; nothing to restore.\n"
    assert week_file.read_bytes() == before


def test_restore_yes_puts_back_the_newest_good_backup_and_keeps_the_corrupt_file_beside_it(env, tmp_path):
    db = tmp_path / "db"
    week_file = _db_with_a_backup(db)
    week_file.write_bytes(CORRUPT)
    result = oneonone(env, "restore", "--db", db, "--yes")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{week_file} cannot be read" in result.stdout
    assert f"restored {week_file.name} from {week_file.name}.1; the corrupt file is kept beside it" in result.stdout
    kept = [p for p in week_file.parent.iterdir() if p.name.startswith(f"{week_file.name}.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == CORRUPT
    assert kept[0].stat().st_mode & 0o777 == 0o600
    with Store.open(db, read_only=True) as store:
        assert store.verify() == []
        assert store.get("sam", WEEK).shared_notes == "first version"  # the newest good backup
    again = oneonone(env, "restore", "--db", db)
    assert again.returncode == 0 and "nothing to restore" in again.stdout


def test_restore_asks_first_and_a_yes_on_stdin_restores(env, tmp_path):
    db = tmp_path / "db"
    week_file = _db_with_a_backup(db)
    week_file.write_bytes(CORRUPT)
    result = oneonone(env, "restore", "--db", db, stdin="y\n")
    assert result.returncode == 0, result.stderr
    assert f"restore {week_file.name} from {week_file.name}.1? [Y/n]" in result.stdout
    assert "restored" in result.stdout
    with Store.open(db, read_only=True) as store:
        assert store.verify() == []


def test_restore_declined_on_stdin_changes_nothing(env, tmp_path):
    db = tmp_path / "db"
    week_file = _db_with_a_backup(db)
    week_file.write_bytes(CORRUPT)
    result = oneonone(env, "restore", "--db", db, stdin="n\n")
    assert result.returncode == 0, result.stderr
    assert "restored" not in result.stdout
    assert week_file.read_bytes() == CORRUPT


def test_restore_without_yes_and_no_answer_on_stdin_exits_2_saying_to_pass_yes(env, tmp_path):
    db = tmp_path / "db"
    week_file = _db_with_a_backup(db)
    week_file.write_bytes(CORRUPT)
    result = oneonone(env, "restore", "--db", db)  # stdin at end of file: a script, not a person
    assert_clean_failure(result)
    assert "Aborted" not in result.stderr
    assert f"{week_file.name} was not restored: no answer" in result.stderr and "--yes" in result.stderr
    assert week_file.read_bytes() == CORRUPT


def test_restore_without_a_good_backup_leaves_the_file_and_says_so(env, tmp_path):
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.save(Session(rep_id="sam", week=WEEK))  # saved once: no backup yet
    week_file = db / "weeks" / f"{WEEK}.json"
    week_file.write_bytes(CORRUPT)
    result = oneonone(env, "restore", "--db", db, "--yes")
    assert "Traceback" not in result.stdout + result.stderr
    assert f"no good backup of {week_file.name}" in result.stderr
    assert week_file.read_bytes() == CORRUPT


def test_restore_of_a_database_that_does_not_exist_exits_2_naming_it(env, tmp_path):
    db = tmp_path / "no-such-db"
    result = oneonone(env, "restore", "--db", db)
    assert_clean_failure(result)
    assert f"{db} does not exist" in result.stderr
    assert not db.exists()


HOLDER = """
import sys
from oneonone_tui.store import Store
store = Store.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
store.close()
"""


def test_restore_while_another_process_holds_the_database_exits_2_saying_it_is_in_use(env, tmp_path):
    db = tmp_path / "db"
    week_file = _db_with_a_backup(db)
    week_file.write_bytes(CORRUPT)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == "holding\n"  # waits until the lock is taken
        result = oneonone(env, "restore", "--db", db, "--yes")
        assert_clean_failure(result)
        assert f"{db} is in use by process {holder.pid}" in result.stderr
        assert f"{week_file.name} was not restored" in result.stderr
        assert week_file.read_bytes() == CORRUPT
        assert not [p for p in week_file.parent.iterdir() if ".corrupt-" in p.name]
    finally:
        holder.stdin.close()
        holder.wait(timeout=TIMEOUT)
    after = oneonone(env, "restore", "--db", db, "--yes")  # the lock is free again
    assert after.returncode == 0 and "restored" in after.stdout
