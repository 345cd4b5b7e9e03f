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


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    collect_seldom()
    parsed = app_arguments(args)
    if parsed is None:
        from oneonone_tui.cli import main as cli

        cli.main(args, prog_name="oneonone")
        return
    from oneonone_tui.launch import open_app

    sys.exit(open_app(**parsed))
