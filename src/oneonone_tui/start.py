"""The `oneonone` entry point. Opening the app (`oneonone [--team F] [--db D] [--read-only] [--week W]`)
does not import click: ~6 ms of the cold start, on top of Textual's own. Anything else — a command,
`--help`, `--version`, a misspelt or repeated option, a value that looks like an option — goes to the
click command line (`cli.main`), which parses it, explains it and answers as it always has. The fast
path accepts only what click would parse the same way, so the two never disagree on a command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The app's own options (`cli.main` declares them for click, with their help): name -> parameter.
VALUE_OPTIONS = {"--team": "team_file", "--db": "db", "--week": "week"}
FLAGS = {"--read-only": "read_only"}


def app_arguments(args: list[str]) -> dict | None:
    """The app's parameters if `args` only opens the app, each option at most once, every value given
    and not starting with `-`; else None (click decides)."""
    found: dict = {"team_file": None, "db": None, "read_only": False, "week": None}
    seen: set[str] = set()
    index = 0
    while index < len(args):
        name, equals, value = args[index].partition("=")
        if name in seen:
            return None
        seen.add(name)
        if name in FLAGS and not equals:
            found[FLAGS[name]] = True
        elif name in VALUE_OPTIONS:
            if not equals:
                index += 1
                if index == len(args):
                    return None
                value = args[index]
            if not value or value.startswith("-"):
                return None
            found[VALUE_OPTIONS[name]] = value
        else:
            return None
        index += 1
    for key in ("team_file", "db"):
        if found[key] is not None:
            found[key] = Path(found[key])
    return found


def collect_seldom() -> None:
    """Start-up allocates objects that live to the end (modules, sessions read, an app's widgets): the
    collector's default (a young-generation scan every 700 allocations, a full one every 100 of
    those) ran hundreds of times over them. A command reads or writes thousands of sessions and
    exits (export of 260 weeks: 1.50 → 1.44 s); the app's start met a full collection (11 ms) just
    as its first frame was drawn. Cycles are still collected, less often; the app goes back to
    Python's default once its start-up work is done (`OneOnOneApp._settle_heap`)."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def keep_imported() -> None:
    """Set aside what has been imported so far (modules, classes, functions: they live to the end)
    from the collector's scans (`gc.freeze`). With the thresholds of `collect_seldom` nothing is
    collected while the command line is imported, so the first young-generation scans of a
    command's work went through every object the imports made, and through them again as they
    aged: 18-21 ms of an `export` of 260 weeks (five scans; 0.2 ms once set aside, measured with
    `gc.callbacks`). Nothing is lost: what is set aside still goes when its last reference does;
    only a cycle among those objects would wait for the end of the process."""
    import gc

    gc.freeze()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    collect_seldom()
    parsed = app_arguments(args)
    if parsed is None:
        from oneonone_tui.cli import main as cli

        keep_imported()
        try:
            cli.main(args, prog_name="oneonone")  # click's standalone mode ends with SystemExit
        except SystemExit as done:
            leave(done.code)
        leave(0)
    from oneonone_tui.launch import open_app

    sys.exit(open_app(**parsed))


def leave(code: int | str | None) -> None:
    """End a command once everything it wrote is out: stdout and stderr flushed, every file it wrote
    already closed (the store writes, fsyncs and closes each file before a command returns).

    Python's own exit then tears the interpreter down object by object — 7-14 ms after `report`
    or `export` has printed its last line, against ~4 for a bare click command — to free memory the
    operating system takes back at once. With no other thread running, the process ends here with
    the same exit code (`os._exit`); otherwise (a thread still working) Python exits as usual."""
    import os
    import threading

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # SystemExit("message"): Python prints it and exits 1
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: Python's exit would meet the same
        sys.exit(status)
    if threading.active_count() > 1:
        sys.exit(status)
    os._exit(status)
