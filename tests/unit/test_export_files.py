"""Exports on disk: only through store/exports.py, files 0600 written atomically, folders 0700 when made."""

from __future__ import annotations

import os
import stat

import pytest

from oneonone_tui.paths import EXPORT_ENV, default_export_dir
from oneonone_tui.store import StoreError
from oneonone_tui.store.exports import make_export_dir, read_import_file, write_text_file


def test_a_text_file_is_written_0600_whatever_the_umask_and_replaced_whole(tmp_path):
    old = os.umask(0)
    try:
        target = write_text_file(tmp_path / "notes.md", "first\n")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        write_text_file(target, "ünïcode second\n")
    finally:
        os.umask(old)
    assert target.read_bytes() == "ünïcode second\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"], "no temp file left behind"


def test_a_folder_made_for_exports_is_0700_and_an_existing_one_is_left_as_it_is(tmp_path):
    made = make_export_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    mine = tmp_path / "shared"
    mine.mkdir(mode=0o755)
    os.chmod(mine, 0o755)
    make_export_dir(mine)
    assert stat.S_IMODE(mine.stat().st_mode) == 0o755


def test_a_fifo_or_a_folder_is_never_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="not a regular file"):
        write_text_file(fifo, "x")
    with pytest.raises(StoreError, match="not a regular file"):
        write_text_file(tmp_path, "x")
    with pytest.raises(StoreError, match="not a regular file"):
        read_import_file(fifo)
    with pytest.raises(StoreError, match="does not exist"):
        read_import_file(tmp_path / "missing.json")


def test_the_export_folder_is_settable_and_defaults_under_the_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("ONEONONE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv(EXPORT_ENV, raising=False)
    assert default_export_dir() == tmp_path / "data" / "exports"
    monkeypatch.setenv(EXPORT_ENV, str(tmp_path / "elsewhere"))
    assert default_export_dir() == tmp_path / "elsewhere"


def test_a_text_given_in_pieces_is_written_as_their_concatenation_0600(tmp_path):
    pieces = ["# notes\n", "", "ünïcode — ", "x" * 70_000, "\n"]
    target = write_text_file(tmp_path / "pieces.md", pieces)
    assert target.read_bytes() == "".join(pieces).encode("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_piece_that_cannot_be_encoded_leaves_the_old_file_and_no_temp_file(tmp_path):
    target = write_text_file(tmp_path / "notes.md", "kept\n")
    try:
        write_text_file(target, ["new ", "\udcff lone surrogate"])
    except UnicodeEncodeError:
        pass
    else:
        raise AssertionError("a lone surrogate was written")
    assert target.read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]
