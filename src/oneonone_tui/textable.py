"""Plain-text tables for the command line (`oneonone report`): box-drawn, words wrapped to the terminal.

Rich did this before, at ~20 ms of imports for each `report` (half a bare click command's whole
start-up). A table of words needs little of it: column widths, word wrapping and box lines. Every
cell is made visible first (`wording.visible_line`): a name from a file cannot command the terminal.
Widths are terminal cells: East Asian wide characters count two, combining marks none.
"""

from __future__ import annotations

import os
import sys
import unicodedata

from oneonone_tui.domain.wording import visible_line

DEFAULT_WIDTH = 80  # when stdout is not a terminal and $COLUMNS is unset (as Rich and most tools do)
MIN_COLUMN = 4  # a column never narrower than this: a table too wide for the terminal breaks words


def output_width() -> int:
    """`$COLUMNS` if set, else the terminal's width, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return DEFAULT_WIDTH


def cell_width(text: str) -> int:
    """Columns `text` takes in a terminal."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _cut(word: str, width: int) -> list[str]:
    """A word longer than `width`, in pieces that fit."""
    pieces, piece = [], ""
    for char in word:
        if piece and cell_width(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: int) -> list[str]:
    """`text`'s lines wrapped at spaces to `width` columns (a longer word is cut); at least one line."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if cell_width(candidate) <= width:
                line = candidate
                continue
            if line:
                out.append(line)
            pieces = _cut(word, width) if cell_width(word) > width else [word]
            out.extend(pieces[:-1])
            line = pieces[-1]
        out.append(line)
    return out


def _safe(row: list[str]) -> list[str]:
    """Each cell's lines made visible (a line break inside a cell is the table's, kept)."""
    return ["\n".join(visible_line(line) for line in cell.split("\n")) for cell in row]


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_width(text))


def _centred(text: str, width: int) -> list[str]:
    return [line.center(width + len(line) - cell_width(line)).rstrip() for line in wrap(text, width)]


def _widths(rows: list[list[str]], room: int) -> list[int]:
    """Each column as wide as its widest line; narrowed, widest first, until the columns fit `room`
    (not below its longest word, or its even share of `room`, while another column can give; never
    below MIN_COLUMN)."""
    count = max(len(row) for row in rows)
    natural = [max(cell_width(line) for row in rows for line in row[i].split("\n")) for i in range(count)]
    longest_word = [max((cell_width(word) for row in rows for word in row[i].split()), default=1)
                    for i in range(count)]
    widths = [max(1, n) for n in natural]
    fair = room // count  # one long word does not keep its column wider than its share
    for floor in ([min(word, fair) for word in longest_word], [MIN_COLUMN] * count):
        while sum(widths) > room:
            shrinkable = [i for i in range(count) if widths[i] > max(floor[i], MIN_COLUMN)]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def boxed(rows: list[list[str]], title: str = "", width: int | None = None) -> str:
    """`rows` in a box, a line between columns, the title centred above; every cell wrapped to fit."""
    rows = [_safe(row) for row in rows]
    width = width or output_width()
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    widths = _widths(rows, max(count * MIN_COLUMN, width - 3 * count - 1))
    table_width = sum(widths) + 3 * count + 1
    lines = _centred(visible_line(title), table_width) if title else []
    lines.append("┌" + "┬".join("─" * (w + 2) for w in widths) + "┐")
    for row in rows:
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths)]
        for index in range(max(len(cell) for cell in wrapped)):
            parts = [_pad(cell[index] if index < len(cell) else "", w) for cell, w in zip(wrapped, widths)]
            lines.append("│ " + " │ ".join(parts) + " │")
    lines.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return "\n".join(lines)


def headed(headers: list[str], rows: list[list[str]], title: str = "", total: list[str] | None = None,
           width: int | None = None) -> str:
    """Columns under a ruled header, no box; `total` (if any) below a second rule. Cells may hold
    line breaks: each line of a cell wraps on its own."""
    headers, rows = _safe(headers), [_safe(row) for row in rows]
    every = [headers, *rows, *([_safe(total)] if total else [])]
    width = width or output_width()
    count = len(headers)
    widths = _widths(every, max(count * MIN_COLUMN, width - 2 * count))
    table_width = sum(widths) + 2 * count
    rule = " " + "─" * (table_width - 1)

    def lines_of(row: list[str]) -> list[str]:
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths)]
        return [(" " + " ".join(" " + _pad(cell[i] if i < len(cell) else "", w) for cell, w in zip(wrapped, widths)))
                .rstrip() for i in range(max(len(cell) for cell in wrapped))]

    lines = _centred(visible_line(title), table_width) if title else []
    lines += lines_of(headers) + [rule]
    for row in rows:
        lines += lines_of(row)
    if total:
        lines += [rule] + lines_of(_safe(total))
    return "\n".join(lines)
