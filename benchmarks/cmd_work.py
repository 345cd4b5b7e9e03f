"""The work of one CLI command without its start-up, in a fresh process. Prints a JSON object of
seconds: {"work": ..., "again": ...}.

    python benchmarks/cmd_work.py SCRATCH_DIR WARM_UP_ARGS... -- ARGS...

The command is first run on WARM_UP_ARGS (the same command on the smallest data: for a command on
the 260-week database, the 4-week one), so imports, first-call caches and the interpreter's own
warm-up are paid and not counted. Then ARGS are run once and timed: that is the work. What a
command does with its data — reading 260 weeks, touching the memory they decode into for the first
time — is work, not start-up, and a warm-up on the same data would have done part of it already
(the heap it grew is reused: ~8,000 fewer page faults for the export, 45 ms). The same run is
timed a second time as "again" (that warm-heap figure, for the record).

An argument spelled `{new}` is replaced by a fresh directory under SCRATCH_DIR for each run (for
`demo --db {new}`, which refuses a database that already holds sessions), and `{copy:DIR}` by a
fresh copy of the database DIR, made before the clock starts (for `import`, which writes into it).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    scratch = sys.argv[1]
    split = sys.argv.index("--")
    warm_up, args = sys.argv[2:split], sys.argv[split + 1:]

    from oneonone_tui.start import collect_seldom, keep_imported

    collect_seldom()  # as the entry point (`oneonone_tui.start.main`) does: before the imports,
    from oneonone_tui.cli import main as cli

    keep_imported()  # and once the command line is imported

    def fresh(argument: str) -> str:
        if argument == "{new}":
            return tempfile.mkdtemp(dir=scratch) + "/db"
        if argument.startswith("{copy:") and argument.endswith("}"):
            copy = Path(tempfile.mkdtemp(dir=scratch)) / "db"
            shutil.copytree(argument[6:-1], copy, symlinks=True)
            (copy / "lock").unlink(missing_ok=True)
            os.sync()  # written out now, not by the kernel while a command is timed
            return str(copy)
        return argument

    def once(arguments: list[str]) -> float:
        argv = [fresh(a) for a in arguments]
        sink = io.StringIO()
        os.sync()  # what the run before wrote (an export: 10 MB) goes out now, not while this one is timed
        started = time.perf_counter()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                cli.main(argv, prog_name="oneonone", standalone_mode=False)
            except SystemExit as done:
                if done.code not in (0, None):
                    raise RuntimeError(f"oneonone {' '.join(argv)} exited {done.code}: {sink.getvalue()}") from None
        return time.perf_counter() - started

    once(warm_up)
    work = once(args)
    print(json.dumps({"work": work, "again": once(args)}))


if __name__ == "__main__":
    main()
