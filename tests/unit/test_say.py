"""`say.progress`: what a long command shows while it works, on a terminal and in a log."""

from __future__ import annotations

import io

from oneonone_tui import say


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_pipe_or_a_log_the_label_is_one_line_and_the_counts_are_not_written(monkeypatch):
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    counted = say.progress("Writing demo history", 3)
    for done in (1, 2, 3):
        counted(done)
    assert stream.getvalue() == "Writing demo history\n"


def test_on_a_terminal_the_line_counts_up_and_ends_with_a_line_break_when_done(monkeypatch):
    stream = _Terminal()
    monkeypatch.setattr("sys.stderr", stream)
    counted = say.progress("Writing demo history", 3)
    assert stream.getvalue() == ""
    counted(1)
    counted(2)
    assert stream.getvalue() == "\rWriting demo history  1/3\rWriting demo history  2/3"
    counted(3)
    assert stream.getvalue().endswith("\rWriting demo history  3/3\n")
