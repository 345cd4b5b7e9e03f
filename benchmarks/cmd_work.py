"""The work of one CLI command without the start-up: run it in-process once to warm up (imports,
caches), then time further runs. Prints a JSON list of seconds.

    python benchmarks/cmd_work.py RUNS SCRATCH_DIR -- ARGS...

An argument spelled `{new}` is replaced by a fresh directory under SCRATCH_DIR for each run (for
`demo --db {new}`, which refuses a database that already holds sessions).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import time


def main() -> None:
    runs = int(sys.argv[1])
    scratch = sys.argv[2]
    args = sys.argv[sys.argv.index("--") + 1:]

    from oneonone_tui.cli import main as cli
    from oneonone_tui.start import collect_seldom

    collect_seldom()  # as the entry point (`oneonone_tui.start.main`) does before any command

    def once() -> float:
        argv = [tempfile.mkdtemp(dir=scratch) + "/db" if a == "{new}" else a for a in args]
        sink = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                cli.main(argv, prog_name="oneonone", standalone_mode=False)
            except SystemExit as done:
                if done.code not in (0, None):
                    raise RuntimeError(f"oneonone {' '.join(argv)} exited {done.code}: {sink.getvalue()}") from None
        return time.perf_counter() - started

    once()  # warm-up: lazy imports and first-call caches are start-up cost, not work
    print(json.dumps([once() for _ in range(runs)]))


if __name__ == "__main__":
    main()
