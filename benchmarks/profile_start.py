"""Profile the app's cold start, from the first line of Python to the first dashboard frame.

Run in a real terminal (bench.py starts it in tmux):

    python benchmarks/profile_start.py OUT_BASE -- [oneonone arguments...]

pyinstrument starts before anything is imported; when the first frame showing the dashboard
with its rows has been written, the profile stops, OUT_BASE.html and OUT_BASE.txt are written and
the app exits. The app itself is the real entry point (`oneonone_tui.start.main`), unchanged.
"""

from __future__ import annotations

import sys

from pyinstrument import Profiler

profiler = Profiler(interval=0.0005, async_mode="disabled")
profiler.start()

import textual.app  # noqa: E402 - imported under the profiler on purpose: it is start-up cost

OUT = sys.argv[1]
ARGS = sys.argv[sys.argv.index("--") + 1:]
_done = False


def _first_dashboard_frame(self: textual.app.App) -> None:
    global _done
    if _done:
        return
    try:
        screen = self.screen
        if type(screen).__name__ != "DashboardScreen" or not screen.query_one("#reps").row_count:
            return
    except Exception:
        return
    _done = True
    profiler.stop()
    from report import profile_text
    with open(OUT + ".txt", "w", encoding="utf-8") as handle:
        handle.write(profile_text(profiler))
    profiler.write_html(OUT + ".html")
    self.exit(0)


textual.app.App.post_display_hook = _first_dashboard_frame  # type: ignore[method-assign]

sys.argv = ["oneonone", *ARGS]
from oneonone_tui.start import main  # noqa: E402

main()
