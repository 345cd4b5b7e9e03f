"""Notes about people's performance: every file 0600 and every directory 0700, whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from oneonone_tui import paths
from oneonone_tui.store import Store
from oneonone_tui.store import layout as store_module
from tests.conftest import TODAY

WEEK = "2026-W48"  # TODAY's week


@pytest.fixture
def permissive_umask():
    """umask 000: anything not made private on purpose comes out world-readable (and writable)."""
    previous = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(previous)


def modes_that_are_not_private(root: Path) -> list[str]:
    """Every path under root (root included) whose mode is not 0700 (directories) or 0600 (files)."""
    wrong = []
    for path in [root, *sorted(root.rglob("*"))]:
        st = path.lstat()
        mode = stat.S_IMODE(st.st_mode)
        if stat.S_ISDIR(st.st_mode):
            expected = paths.DIR_MODE
        elif stat.S_ISREG(st.st_mode):
            expected = paths.FILE_MODE
        else:
            wrong.append(f"{path}: neither a file nor a directory")
            continue
        if mode != expected:
            wrong.append(f"{path.relative_to(root.parent)}: {mode:o}, expected {expected:o}")
    return wrong


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)  # HOME and ONEONONE_DATA_DIR already point into tmp dirs (conftest)
    return subprocess.run([sys.executable, "-m", "oneonone_tui", *args], env=environment, cwd=tmp_path, text=True,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=120)


def test_the_permissive_umask_really_makes_world_readable_files(tmp_path, permissive_umask):
    (tmp_path / "plain").write_text("x")  # the control: without care, this is what a write gives
    assert stat.S_IMODE((tmp_path / "plain").stat().st_mode) == 0o666


def test_demo_writes_only_owner_only_files_and_directories(tmp_path, permissive_umask):
    db = tmp_path / "db"
    result = run_cli(tmp_path, "demo", "--weeks", "12", "--db", str(db), "--until", "2026-W47")
    assert result.returncode == 0, result.stderr
    assert len(list((db / "weeks").iterdir())) == 12 and any((db / "backups").iterdir())
    assert modes_that_are_not_private(db) == []


def test_demo_into_the_default_database_makes_the_data_directory_owner_only(tmp_path, permissive_umask):
    data = Path(os.environ[paths.DATA_ENV])
    assert not data.exists()
    result = run_cli(tmp_path, "demo", "--weeks", "3", "--until", "2026-W47")
    assert result.returncode == 0, result.stderr
    assert (data / "sessions" / "meta.json").is_file()
    assert modes_that_are_not_private(data) == []


@pytest.mark.parametrize("override", [True, False], ids=["ONEONONE_DATA_DIR", "platform default"])
def test_ensure_private_dir_makes_the_default_data_directory_and_its_new_parents_0700(
        tmp_path, monkeypatch, permissive_umask, override):
    if override:
        monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "portable" / "oneonone"))
    else:
        monkeypatch.delenv(paths.DATA_ENV)
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg" / "share"))
    db = paths.default_db_path()
    assert not db.exists() and not paths.data_dir().exists()
    assert store_module.ensure_private_dir(db) == db
    assert db.parent == paths.data_dir()
    created = tmp_path / ("portable" if override else "xdg")
    assert modes_that_are_not_private(created) == []  # every directory made on the way, not just the last


def test_ensure_private_dir_tightens_an_existing_directory_and_leaves_existing_parents(tmp_path, permissive_umask):
    parent = tmp_path / "shared"
    parent.mkdir(mode=0o755)
    parent.chmod(0o755)
    db = parent / "db"
    db.mkdir()
    db.chmod(0o777)
    store_module.ensure_private_dir(db)
    assert stat.S_IMODE(db.stat().st_mode) == 0o700
    assert stat.S_IMODE(parent.stat().st_mode) == 0o755  # not ours to change


def test_ensure_private_dir_refuses_a_file_in_the_way(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileExistsError):
        store_module.ensure_private_dir(tmp_path / "file")
    with pytest.raises(NotADirectoryError):
        store_module.ensure_private_dir(tmp_path / "file" / "db")


async def test_after_the_demo_and_typing_in_the_app_every_file_is_0600_and_every_directory_0700(
        tmp_path, permissive_umask, team):
    from textual.widgets import Input, TextArea

    from oneonone_tui.ui.app import make_app
    from oneonone_tui.ui.meeting import MeetingScreen
    from oneonone_tui.ui.widgets import Picker

    db = tmp_path / "db"
    result = run_cli(tmp_path, "demo", "--weeks", "6", "--db", str(db), "--until", "2026-W47")
    assert result.returncode == 0, result.stderr
    assert modes_that_are_not_private(db) == []

    store = Store.open(db)
    try:
        app = make_app(team=team, store=store, today=TODAY, live_timer=False, autosave_delay=0.01,
                       cursor_blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")  # open the selected rep's 1:1
            await pilot.wait_for_scheduled_animations()
            meeting = app.screen
            assert isinstance(meeting, MeetingScreen)
            # The demo left commitments to review, so the 1:1 opens on the first verdict: pick "kept".
            assert isinstance(app.focused, Picker), app.focused
            await pilot.press("k")
            await pilot.press("ctrl+t")  # then the notes: type into them
            await pilot.wait_for_scheduled_animations()
            assert isinstance(app.focused, (Input, TextArea)), app.focused
            await pilot.press(*"privacy check")
            await pilot.pause()
            assert app.saver.flush(timeout=10.0)
            rep_id = meeting.rep.id
        saved = store.get(rep_id, WEEK)
        assert saved is not None
        assert "privacy check" in saved.shared_notes + saved.private_notes
        assert any(review.verdict == "kept" for review in saved.reviews.values())
    finally:
        store.close()
    assert (db / "weeks" / f"{WEEK}.json").is_file()
    assert modes_that_are_not_private(db) == []
