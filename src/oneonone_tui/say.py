"""What every command line path prints, and how it fails: without click, so the app opens without it.

Everything printed that came from a file, a path or the keyboard goes through `domain.wording.visible`
(`one_line`): a file named with an escape sequence must not retitle (or restyle) the manager's
terminal. A failure is one line per problem on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

EXIT_BAD_INPUT = 2


def one_line(text: str) -> str:
    """`text` safe for the terminal as one line: control characters (and line breaks) shown, not obeyed."""
    from oneonone_tui.domain.wording import visible

    return visible(text).replace("\n", "\\n")


def say(text: str) -> None:
    """Print to stdout; every line is data-safe."""
    sys.stdout.write("\n".join(one_line(line) for line in text.split("\n")) + "\n")
    sys.stdout.flush()


def fail(lines: str | list[str]) -> NoReturn:
    """Each line on stderr (data-safe), then exit 2."""
    for line in [lines] if isinstance(lines, str) else lines:
        sys.stderr.write(one_line(line) + "\n")
    sys.stderr.flush()
    sys.exit(EXIT_BAD_INPUT)


def progress(label: str, total: int) -> Callable[[int], None]:
    """`label` on stderr, and a function to call with the count done: on a terminal the line counts
    up (`Writing demo history  12/260`, finished with a line break at `total`); elsewhere (a pipe,
    a log) the label is the whole line. Without click's progress bar (its import was 1.5 ms of
    every `demo`)."""
    stream = sys.stderr
    live = stream.isatty()
    if not live:
        stream.write(label + "\n")
        stream.flush()

    def done(count: int) -> None:
        if live:
            stream.write(f"\r{label}  {count}/{total}" + ("\n" if count >= total else ""))
            stream.flush()

    return done


def load_team(path: Path):
    """The team file at `path`, checked; or one line per problem and exit 2."""
    from oneonone_tui.teamfile import TeamFileError, load_team as load

    try:
        return load(path)
    except TeamFileError as error:
        fail([str(problem) for problem in error.problems])


def db_path(db: Path | None) -> Path:
    """`--db`, else $ONEONONE_DB, else the user data directory."""
    from oneonone_tui.paths import default_db_path

    return db if db is not None else default_db_path()


def parse_week(value: str | None, option: str = "--week") -> str | None:
    """`value` if it is an ISO week (`2026-W48`); else a line saying what is wrong and exit 2."""
    from oneonone_tui.domain.weeks import week_problem

    if value is not None:
        problem = week_problem(value)
        if problem is not None:
            fail(f"{option} {value!r} {problem}.")
    return value
