"""The command line's plain-text tables (`oneonone report --format table`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_tui.textable import boxed, cell_width, headed, output_width, wrap

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc", "Mn", "Me")),
                min_size=1, max_size=12)
cells = st.lists(words, min_size=0, max_size=8).map(" ".join)


def _squeezed(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=2, max_size=2), min_size=1, max_size=6),
       width=st.integers(min_value=20, max_value=140))
def test_a_boxed_table_fits_the_width_and_keeps_every_character_in_order(rows, width):
    out = boxed(rows, title="Title", width=width).split("\n")
    assert all(cell_width(line) <= width for line in out), out
    body = [line for line in out if line.startswith("│")]
    for column in (0, 1):  # each column, read top to bottom, is its cells in order
        read = "".join(line.split("│")[column + 1] for line in body)
        assert _squeezed(read) == "".join(_squeezed(row[column]) for row in rows)


@given(text=cells, width=st.integers(min_value=1, max_value=40))
def test_wrap_keeps_every_word_and_no_line_is_wider_than_asked(text, width):
    lines = wrap(text, width)
    assert all(cell_width(line) <= max(width, 2) for line in lines)  # a wide character needs two
    assert _squeezed("".join(lines)) == _squeezed(text)


def test_wide_characters_take_two_columns_and_combining_marks_none():
    assert cell_width("田中") == 4 and cell_width("é") == 1 and cell_width("e\u0301") == 1
    table = boxed([["田中 花子", "1/2"], ["Ana", "12/12"]], width=80).split("\n")
    assert len({cell_width(line) for line in table}) == 1  # every line the same width: borders line up


def test_text_from_a_file_reaches_the_terminal_as_characters_never_as_commands():
    out = boxed([["\x1b]0;owned\x07[bold]Sam[/]", "1"]], title="\x1b[2Jteam", width=80)
    out += headed(["a\x1bb"], [["\x9bc\rd"]], total=["\x00"], width=80)
    assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) <= 0x9f for c in out)
    assert "\\x1b]0;owned\\x07[bold]Sam[/]" in out and "\\x1b[2Jteam" in out and "\\x9bc\\x0dd" in out


def test_a_line_break_in_a_cell_is_a_line_of_the_table():
    out = headed(["Team", "Held"], [["North\nDana", "3/4"]], total=["Total", "3/4"], width=40).split("\n")
    assert out[0].split() == ["Team", "Held"] and out[1].strip().startswith("─")
    assert out[2].split() == ["North", "3/4"] and out[3].split() == ["Dana"]
    assert out[4].strip().startswith("─") and out[5].split() == ["Total", "3/4"]


def test_the_width_is_columns_then_the_terminal_then_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "57")
    assert output_width() == 57
    monkeypatch.delenv("COLUMNS")
    assert output_width() == 80  # pytest's stdout is not a terminal
