"""One command as a whole process, split into start-up and work by the process itself.

    python benchmarks/cmd_split.py STAMPS_FILE ARGS...

Runs the real entry point, `oneonone_tui.start.main(ARGS)` (what the `oneonone` console script
runs), and watches two of its seams:

- the command's callback (`oneonone export`'s function, once click has parsed the line): the time
  it runs is the work, less
- every module imported while it runs (the export's renderers, the report's scorecard: imported
  by the command when it needs them, and start-up all the same; timed around the import system's
  `_find_and_load`, which runs only for a module not yet imported — the outermost of nested ones).

Just before the process ends (`start.leave`, which flushes and `os._exit`s) it writes a JSON object of
seconds to STAMPS_FILE: {"callback": ..., "imports_in_callback": ..., "work": callback - imports,
"watched": 1 once the command's callback is found}.
The parent times the whole process; start-up = whole - work, from one process, with nothing paired
across runs. A command without a callback (`--version`, answered while parsing) has no work.

What a command does with its data — reading 260 weeks, touching for the first time the memory they
decode into, filling its first-call caches — is work. Writing the stamps is counted as start-up.
"""

from __future__ import annotations

import os
import sys
import time

STAMPS = sys.argv[1]
ARGS = sys.argv[2:]
clock = time.perf_counter
seen = {"callback": 0.0, "imports_in_callback": 0.0, "watched": 0}
state = {"in_callback": False, "importing": False}

bootstrap = sys.modules["_frozen_importlib"]  # importlib._bootstrap: the import statement calls it by name
find_and_load = bootstrap._find_and_load


def timed_find_and_load(name, import_):
    if not state["in_callback"] or state["importing"]:  # before the command, or nested in a timed import
        return find_and_load(name, import_)
    state["importing"] = True
    started = clock()
    try:
        return find_and_load(name, import_)
    finally:
        seen["imports_in_callback"] += clock() - started
        state["importing"] = False


bootstrap._find_and_load = timed_find_and_load

from oneonone_tui import start  # noqa: E402  (the entry point's module: what the console script imports)

keep_imported, leave = start.keep_imported, start.leave


def keep_imported_and_watch() -> None:
    """`start.main` calls this right after importing the command line: wrap the callback of the
    command the line names (the first word that is not an option)."""
    keep_imported()
    from oneonone_tui.cli import main as cli

    name = next((a for a in ARGS if not a.startswith("-")), None)
    command = cli.commands.get(name) if name else None
    if command is None or command.callback is None:
        return
    callback = command.callback

    def watched(*args, **kwargs):
        state["in_callback"] = True
        started = clock()
        try:
            return callback(*args, **kwargs)
        finally:
            seen["callback"] += clock() - started
            state["in_callback"] = False

    command.callback = watched
    seen["watched"] = 1


def leave_with_stamps(code) -> None:
    seen["work"] = max(0.0, seen["callback"] - seen["imports_in_callback"])
    descriptor = os.open(STAMPS, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(descriptor, ("{" + ", ".join(f'"{k}": {v!r}' for k, v in seen.items()) + "}").encode())  # JSON
    os.close(descriptor)
    leave(code)


start.keep_imported = keep_imported_and_watch
start.leave = leave_with_stamps
start.main(ARGS)
