"""`make bench`: speed and memory of oneonone-tui against floors measured in the same run.

Every figure is a ratio to a floor measured alongside it (these machines are noisy), except the
absolute budgets the issue names (16 ms a key, 15 ms a save, 100 ms a screen). See
benchmarks/README.md for what each figure measures and how.

    .venv/bin/python benchmarks/bench.py [--pairs 7] [--keys 200] [--only 1,3] [--profile] [--quick]

Prints a table and writes benchmarks/results.json (raw numbers, machine, settings). Exit 0 when
it ran (PASS or MISS alike; --strict exits 1 on a MISS), 2 when it could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from pilot_bench import Frames, summary, timed_key, type_text  # noqa: E402
from report import importtime_report, profile_text  # noqa: E402
from terminal import TerminalError, Tmux, peak_rss_kib, require_tmux  # noqa: E402

PY = sys.executable
UNTIL = "2026-W47"  # last week of demo history
NEXT_WEEK = "2026-W48"  # the week after it: what `import` fills
WEEK = "2026-W48"  # the week the app is opened on: the 1:1s being held now
SIZE = (120, 40)
TYPED = ("two deals slipped to next quarter because legal review at both accounts took longer than we "
         "planned, and the pricing approval came late, so I will book the legal calls earlier and chase it")

# Targets (from the issue)
COLD_RATIO = 1.3
SAVE_RATIO = 1.5
SAVE_P99_MS = 15.0
KEY_P99_MS = 16.0
KEY_RATIO = 1.5
SCREEN_MS = 100.0
CMD_RATIO = 1.5  # a command's start-up (its wall time less its own work) against a bare click command
MEM_RATIO = 1.5


def oneonone_argv() -> list[str]:
    script = Path(PY).parent / "oneonone"
    return [str(script)] if script.exists() else [PY, "-m", "oneonone_tui"]


def compile_sources() -> None:
    """Measure the app as installed: pip writes every module's bytecode at install time, as it did for
    Textual, click and the rest in the floors. An editable checkout has none until Python writes it,
    and never under PYTHONDONTWRITEBYTECODE=1 (set on these machines): then every start compiled each
    of our modules from source again (~50 ms of the cold start; the floors compile nothing)."""
    import compileall

    log("compiling src/ to bytecode, as an install does")
    if not compileall.compile_dir(ROOT / "src", quiet=1, force=True):
        raise RuntimeError("compiling src/ failed")


def today() -> date:
    from oneonone_tui.domain.weeks import monday_of

    return monday_of(WEEK) + timedelta(days=1)  # the Tuesday of the week the app opens on


def ms(seconds: float) -> float:
    return seconds * 1000.0


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Row:
    figure: str
    label: str
    value: str
    floor: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None  # None: informational

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


def print_table(rows: list[Row]) -> None:
    headers = ("#", "figure", "value", "floor", "ratio", "target", "")
    cells = [headers] + [(r.figure, r.label, r.value, r.floor, r.ratio, r.target, r.verdict) for r in rows]
    widths = [max(len(str(c[i])) for c in cells) for i in range(len(headers))]
    line = "  ".join("-" * w for w in widths)
    print()
    for index, cell in enumerate(cells):
        print("  ".join(str(v).ljust(w) for v, w in zip(cell, widths, strict=True)).rstrip())
        if index == 0:
            print(line)
    print()


def machine_info() -> dict:
    info: dict = {
        "python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as handle:
            info["mem_total_kib"] = int(handle.readline().split()[1])
    except OSError:
        pass
    try:
        import textual

        info["textual"] = textual.__version__
    except Exception:  # noqa: BLE001
        pass
    try:
        info["tmux"] = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    try:
        info["git_commit"] = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                            text=True).stdout.strip()
        info["git_dirty"] = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                                cwd=ROOT, capture_output=True, text=True).stdout.strip())
    except OSError:
        pass
    return info


# --------------------------------------------------------------------------------------------
# Databases


def build_databases(tmp: Path, env: dict[str, str]) -> dict[str, Path]:
    dbs = {}
    for name, weeks in (("w260", 260), ("w4", 4)):
        path = tmp / name
        started = time.perf_counter()
        subprocess.run([*oneonone_argv(), "demo", "--weeks", str(weeks), "--reps", "16", "--db", str(path),
                        "--until", UNTIL], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        log(f"  built {weeks} weeks x 16 reps in {time.perf_counter() - started:.1f} s: {path}")
        dbs[name] = path
    return dbs


def crm_report(db: Path, scratch: Path) -> Path:
    """A CRM rep report (Salesforce's shape: a row per rep, the team's `crm_columns`) for `db`'s reps."""
    import csv

    from oneonone_tui.store import Store

    with Store.open(db, read_only=True) as store:
        team = store.team()
    path = scratch / "crm_report.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out, quoting=csv.QUOTE_ALL)
        rows.writerow(["Opportunity Owner", *team.crm_columns])
        for index, rep in enumerate(team.reps):
            rows.writerow([rep.name, *(f"{(index + 3) * (column + 2)}" for column in range(len(team.crm_columns)))])
    return path


def copy_db(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, symlinks=True)
    (dest / "lock").unlink(missing_ok=True)
    return dest


def rep_names(db: Path) -> list[str]:
    from oneonone_tui.store import Store

    with Store.open(db, read_only=True) as store:
        return [rep.name for rep in store.team().reps]


# --------------------------------------------------------------------------------------------
# 1 and 6: cold start and memory in a real terminal


# The dashboard's legend once the week is read in full (the first frame is a glance of this week).
FULL = "needs you most at the top"


def figure_cold_start(tm: Tmux, db: Path, pairs: int, env: dict[str, str]) -> tuple[dict, list[Row]]:
    names = rep_names(db)
    from bare_app import READY

    kinds = {
        "bare": ([PY, str(BENCH / "bare_app.py")], lambda screen: READY in screen),
        "app": ([*oneonone_argv(), "--db", str(db), "--week", WEEK],
                lambda screen: all(name in screen for name in names)),
    }
    raw: dict[str, list] = {"bare": [], "app": [], "bare_peak_rss_kib": [], "app_peak_rss_kib": [], "order": [],
                            "app_full": []}

    def once(kind: str) -> tuple[float, int | None]:
        argv, ready = kinds[kind]
        run = tm.start(argv, env=env)
        try:
            seen = tm.wait_for(run, ready, timeout=60)
            rss = peak_rss_kib(run.pid) if run.pid else None
            if kind == "app":  # the history columns filled and the rows in their order by need
                raw["app_full"].append(tm.wait_for(run, lambda screen: FULL in screen, timeout=60) - run.started)
        finally:
            tm.kill(run)
        time.sleep(0.15)
        return seen - run.started, rss

    once("bare"), once("app")  # warm the page cache and the bytecode caches; not counted
    for index in range(pairs):
        order = ("bare", "app") if index % 2 == 0 else ("app", "bare")
        for kind in order:
            seconds, rss = once(kind)
            raw[kind].append(seconds)
            raw[f"{kind}_peak_rss_kib"].append(rss)
        raw["order"].append(order)
        log(f"  pair {index + 1}/{pairs}: bare {ms(raw['bare'][-1]):.0f} ms, app {ms(raw['app'][-1]):.0f} ms")
    ratios = [a / b for a, b in zip(raw["app"], raw["bare"], strict=True)]
    raw["pair_ratios"] = ratios
    app_ms, bare_ms = ms(med(raw["app"])), ms(med(raw["bare"]))
    ratio = app_ms / bare_ms
    raw.update(app_median_ms=app_ms, bare_median_ms=bare_ms, ratio_of_medians=ratio,
               median_of_pair_ratios=med(ratios), command=kinds["app"][0], floor_command=kinds["bare"][0])
    full_ms = ms(med(raw["app_full"][1:] or raw["app_full"]))  # the warm-up run left out
    raw.update(app_full_median_ms=full_ms)
    rows = [Row("1", f"cold start to dashboard, 260 w x 16 reps (median of {pairs} pairs)", f"{app_ms:.0f} ms",
                f"{bare_ms:.0f} ms", f"{ratio:.2f}", f"<= {COLD_RATIO}", ratio <= COLD_RATIO),
            Row("1b", "  ... and to its history columns read (levels, open, kept; order by need)", f"{full_ms:.0f} ms",
                f"{bare_ms:.0f} ms", f"{full_ms / bare_ms:.2f}", "(info)")]
    return raw, rows


def figure_memory(tm: Tmux, db: Path, cold: dict | None, runs: int, env: dict[str, str]) -> tuple[dict, list[Row]]:
    names = rep_names(db)
    from bare_app import READY

    dashboard = lambda screen: all(name in screen for name in names)  # noqa: E731
    meeting = lambda screen: "Results" in screen and not dashboard(screen)  # noqa: E731
    raw: dict[str, list] = {"bare": [], "app": []}
    for _ in range(runs):
        run = tm.start([PY, str(BENCH / "bare_app.py")], env=env)
        try:
            tm.wait_for(run, lambda screen: READY in screen, timeout=60)
            time.sleep(0.5)
            raw["bare"].append(peak_rss_kib(run.pid))
        finally:
            tm.kill(run)
        run = tm.start([*oneonone_argv(), "--db", str(db), "--week", WEEK], env=env)
        try:  # dashboard -> a rep's 1:1 -> back to the dashboard: the peak of a real first minute
            tm.wait_for(run, dashboard, timeout=60)
            tm.send_keys(run, "Enter")
            tm.wait_for(run, meeting, timeout=30)
            time.sleep(0.3)
            tm.send_keys(run, "Escape")
            tm.wait_for(run, dashboard, timeout=30)
            time.sleep(0.5)
            raw["app"].append(peak_rss_kib(run.pid))
        finally:
            tm.kill(run)
    bare, app = med(raw["bare"]), med(raw["app"])
    ratio = app / bare
    raw.update(bare_median_kib=bare, app_median_kib=app, ratio=ratio)
    rows = []
    if cold and cold.get("app_peak_rss_kib") and all(cold["app_peak_rss_kib"]) and all(cold["bare_peak_rss_kib"]):
        first_app, first_bare = med(cold["app_peak_rss_kib"]), med(cold["bare_peak_rss_kib"])
        raw.update(first_screen_app_kib=first_app, first_screen_bare_kib=first_bare)
        rows.append(Row("6a", "peak RSS at the first screen", f"{first_app / 1024:.1f} MiB",
                        f"{first_bare / 1024:.1f} MiB", f"{first_app / first_bare:.2f}", "(info)"))
    rows.append(Row("6", f"peak RSS: dashboard, a 1:1, back (median of {runs})", f"{app / 1024:.1f} MiB",
                    f"{bare / 1024:.1f} MiB", f"{ratio:.2f}", f"<= {MEM_RATIO}", ratio <= MEM_RATIO))
    return raw, rows


# --------------------------------------------------------------------------------------------
# 2: save cost versus history size


def figure_save(w4: Path, w260: Path, saves: int) -> tuple[dict, list[Row]]:
    from oneonone_tui.store import Store

    stores = {"w4": Store.open(w4), "w260": Store.open(w260)}
    try:
        sessions = {}
        for name, store in stores.items():
            week = store.weeks()[-1]
            rep_id = store.team().reps[0].id
            session = store.get(rep_id, week)
            if session is None:
                raise RuntimeError(f"{name}: no session of {rep_id} in {week}")
            sessions[name] = session
        times: dict[str, list[float]] = {"w4": [], "w260": []}

        def save(name: str, count: int) -> float:
            session = sessions[name]
            session.shared_notes += "x" if count % 40 else "\n"  # the manager typing the notes
            started = time.perf_counter()
            stores[name].save(session)
            return time.perf_counter() - started

        for count in range(10):  # warm-up
            save("w4", count), save("w260", count)
        for count in range(saves):
            order = ("w4", "w260") if count % 2 == 0 else ("w260", "w4")
            for name in order:
                times[name].append(save(name, count))
    finally:
        for store in stores.values():
            store.close()
    small, big = summary(times["w4"]), summary(times["w260"])
    ratio = big["median_ms"] / small["median_ms"]
    raw = {"w4": small, "w260": big, "ratio_of_medians": ratio, "seconds": times,
           "session_week": str(sessions["w260"].week), "rep_id": sessions["w260"].rep_id}
    rows = [
        Row("2", f"save a session, 260 w vs 4 w (median of {saves})", f"{big['median_ms']:.2f} ms",
            f"{small['median_ms']:.2f} ms", f"{ratio:.2f}", f"<= {SAVE_RATIO}", ratio <= SAVE_RATIO),
        Row("2b", "save a session, 260 w: p99 (fsync included)", f"{big['p99_ms']:.2f} ms",
            f"{small['p99_ms']:.2f} ms", f"{big['p99_ms'] / small['p99_ms']:.2f}", f"< {SAVE_P99_MS:g} ms",
            big["p99_ms"] < SAVE_P99_MS),
    ]
    return raw, rows


# --------------------------------------------------------------------------------------------
# 3 and 4: Pilot


def make_real_app(db: Path):
    from oneonone_tui.store import Store
    from oneonone_tui.ui.app import make_app

    store = Store.open(db)
    team = store.team()
    return make_app(team=team, store=store, today=today(), live_timer=False, cursor_blink=False), store


async def _dashboard(app, pilot):
    from oneonone_tui.ui.dashboard import DashboardScreen

    for _ in range(200):
        if isinstance(app.screen, DashboardScreen) and app.screen.query_one("#reps").row_count:
            break
        await pilot.pause()
    else:
        raise RuntimeError("the dashboard never showed its rows")
    # The manager reads the dashboard before the first Enter: in that time (0.3-0.6 s after the first
    # frame) the app imports the screens and builds the 1:1 pane. Timing starts once it has.
    for _ in range(500):
        if getattr(app, "settled", True):
            return app.screen
        await asyncio.sleep(0.01)
    raise RuntimeError("the app's start-up work did not finish within 5 s")


async def _open_screens(db: Path, reps: int, profiler=None) -> dict:
    """Open each rep's 1:1 from the dashboard and go back; then the other screens the dashboard and
    a 1:1 open: help (`?`), each rep's history (`h`), the open-commitments list (`c`), the scorecard
    (`s`) and the finish question (ctrl+f on a half-done 1:1). Each is timed like `enter`: from the
    key to the last frame it caused, the new screen on top."""
    from oneonone_tui.ui.dashboard import DashboardScreen
    from oneonone_tui.ui.history import HistoryScreen
    from oneonone_tui.ui.meeting import MeetingScreen
    from oneonone_tui.ui.modals import HelpScreen
    from oneonone_tui.ui.open_commitments import OpenCommitmentsScreen
    from oneonone_tui.ui.scorecard import ScorecardScreen

    app, store = make_real_app(db)
    raw: dict[str, list] = {"meeting_open": [], "meeting_open_first_frame": [], "dashboard_back": [],
                            "help_open": [], "help_close": [], "history_open": [], "commitments_open": [],
                            "scorecard_open": [], "finish_question_open": []}
    on = lambda kind: (lambda: isinstance(app.screen, kind))  # noqa: E731
    try:
        async with app.run_test(size=SIZE) as pilot:
            dashboard = await _dashboard(app, pilot)
            frames = Frames(app)
            rep_ids = [rep.id for rep in app.team.reps][:reps]
            count = len(rep_ids)

            async def select(rep_id: str) -> None:
                table = app.screen.query_one("#reps")
                table.move_cursor(row=table.get_row_index(rep_id))
                await pilot.pause()
                await asyncio.sleep(0.05)

            async def there_and_back(key: str, character: str, kind, into: str, back: str = "escape",
                                     back_char: str = "\x1b", home=DashboardScreen) -> None:
                shown = await timed_key(app, frames, key, character, until=on(kind))
                raw[into].append(shown.last_frame)
                await asyncio.sleep(0.05)
                await timed_key(app, frames, back, back_char, until=on(home))
                await asyncio.sleep(0.05)

            for rep_id in rep_ids:  # each rep once (the dashboard re-sorts rows after every 1:1)
                await select(rep_id)
                opened = await timed_key(app, frames, "enter", "\r", until=on(MeetingScreen), profiler=profiler)
                raw["meeting_open"].append(opened.last_frame)
                raw["meeting_open_first_frame"].append(opened.first_frame)
                await asyncio.sleep(0.35)  # the autosave of "in progress" lands, as it would
                back = await timed_key(app, frames, "escape", "\x1b", until=on(DashboardScreen))
                raw["dashboard_back"].append(back.last_frame)
                await asyncio.sleep(0.35)
            if profiler is None:
                for _ in range(min(5, count)):
                    shown = await timed_key(app, frames, "question_mark", "?", until=on(HelpScreen))
                    raw["help_open"].append(shown.last_frame)
                    await asyncio.sleep(0.05)
                    closed = await timed_key(app, frames, "escape", "\x1b", until=on(DashboardScreen))
                    raw["help_close"].append(closed.last_frame)
                    await asyncio.sleep(0.05)
                for rep_id in rep_ids:  # 12 weeks of each rep's history
                    await select(rep_id)
                    await there_and_back("h", "h", HistoryScreen, "history_open")
                for _ in range(min(5, count)):
                    await there_and_back("c", "c", OpenCommitmentsScreen, "commitments_open")
                    await there_and_back("s", "s", ScorecardScreen, "scorecard_open")
                for rep_id in rep_ids[: min(5, count)]:  # the 1:1s opened above are in progress, not done
                    await select(rep_id)
                    await timed_key(app, frames, "enter", "\r", until=on(MeetingScreen))
                    await asyncio.sleep(0.35)
                    shown = await timed_key(app, frames, "ctrl+f", "\x06",
                                            until=lambda: isinstance(app.screen, DashboardScreen)
                                            or app.screen.finish_question_shown)
                    if not (isinstance(app.screen, MeetingScreen) and app.screen.finish_question_shown):
                        raise RuntimeError(f"ctrl+f on {rep_id}'s half-done 1:1 did not ask the finish question")
                    raw["finish_question_open"].append(shown.last_frame)
                    await asyncio.sleep(0.05)
                    await timed_key(app, frames, "n", "n",  # back to the 1:1
                                    until=lambda: not app.screen.finish_question_shown)
                    await asyncio.sleep(0.05)
                    await timed_key(app, frames, "escape", "\x1b", until=on(DashboardScreen))
                    await asyncio.sleep(0.35)
            if app.saver is not None:
                app.saver.flush()
    finally:
        store.close()
    return raw


def figure_screens(db: Path, reps: int) -> tuple[dict, list[Row]]:
    raw = asyncio.run(_open_screens(db, reps))
    stats = {name: summary(values) for name, values in raw.items() if values}
    rows = []
    labels = {
        "meeting_open": "open a rep's 1:1 (enter on the dashboard)",
        "dashboard_back": "back to the dashboard (escape from a 1:1)",
        "help_open": "open help (? on the dashboard)",
        "history_open": "open a rep's history (h on the dashboard)",
        "commitments_open": "open the open-commitments list (c on the dashboard)",
        "scorecard_open": "open the scorecard (s on the dashboard)",
        "finish_question_open": "the finish question (ctrl+f on a half-done 1:1)",
    }
    for name, label in labels.items():
        if name not in stats:
            continue
        s = stats[name]
        detail = f"median {s['median_ms']:.0f}"
        if name == "meeting_open":
            detail += f", first frame {stats['meeting_open_first_frame']['median_ms']:.0f}"
        rows.append(Row("4" if name == "meeting_open" else "4+", f"{label}: max of {s['n']} ({detail})",
                        f"{s['max_ms']:.0f} ms", "", "", f"< {SCREEN_MS:g} ms", s["max_ms"] < SCREEN_MS))
    return {"seconds": raw, "stats": stats}, rows


async def _type_real(db: Path, text: str, gap: float, pause_every: int, pause: float, profiler=None) -> dict:
    from textual.widgets import Input

    from oneonone_tui.domain.team import Stage
    from oneonone_tui.ui.meeting import MeetingScreen
    from oneonone_tui.ui.widgets import dom_id

    app, store = make_real_app(db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _dashboard(app, pilot)
            await pilot.press("enter")
            for _ in range(100):
                if isinstance(app.screen, MeetingScreen):
                    break
                await pilot.pause()
            meeting = app.screen
            metric = app.team.metrics_in(Stage.RESULTS)[0]
            actual = meeting.query_one("#" + dom_id("actual", metric.id), Input)
            actual.focus()
            await pilot.pause()
            actual.value = ""
            await pilot.press("1")  # far short of target: the how-come and its answer line show
            await pilot.pause()
            answer = meeting.query_one("#" + dom_id("answer", metric.id))
            if not answer.region.height:
                raise RuntimeError(f"the how-come answer of {metric.id} is not shown after an actual of 1")
            answer.focus()
            answer.value = ""
            await pilot.pause()
            await asyncio.sleep(0.4)
            frames = Frames(app)
            typing = await type_text(app, frames, text, gap=gap, pause_every=pause_every, pause=pause,
                                     value=lambda: answer.value, profiler=profiler)
            if app.saver is not None:
                app.saver.flush()
            saved = store.get(meeting.session.rep_id, meeting.session.week)
            saved_ok = saved is not None and saved.entries[metric.id].answer == text
    finally:
        store.close()
    return {"typing": typing, "saved_ok": saved_ok, "written_chars": app._driver.written
            if hasattr(app._driver, "written") else None}


async def _type_bare(text: str, gap: float, pause_every: int, pause: float) -> dict:
    from textual.widgets import Input

    from bare_app import BareInputApp

    app = BareInputApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.query_one(Input)
        await asyncio.sleep(0.4)
        frames = Frames(app)
        typing = await type_text(app, frames, text, gap=gap, pause_every=pause_every, pause=pause,
                                 value=lambda: field.value)
    return {"typing": typing}


def figure_keys(db: Path, keys: int) -> tuple[dict, list[Row]]:
    text = (TYPED * (keys // len(TYPED) + 1))[:keys]
    cadence = {"gap": 0.01, "pause_every": 40, "pause": 0.35}
    bare = asyncio.run(_type_bare(text, **cadence))
    real = asyncio.run(_type_real(db, text, **cadence))
    if not real["typing"].value_ok or not bare["typing"].value_ok:
        raise RuntimeError("typing did not land in the input: the keystroke figure is not valid")
    raw = {"cadence": cadence, "text_length": len(text), "saved_ok": real["saved_ok"]}
    stats = {}
    for name, result in (("bare", bare), ("app", real)):
        per_key = result["typing"].per_key
        raw[name] = {"last_frame_s": [t.last_frame for t in per_key], "first_frame_s": [t.first_frame for t in per_key],
                     "frames": [t.frames for t in per_key]}
        stats[name] = summary([t.last_frame for t in per_key])
        stats[name + "_first_frame"] = summary([t.first_frame for t in per_key])
    raw["stats"] = stats
    app_p99, bare_p99 = stats["app"]["p99_ms"], stats["bare"]["p99_ms"]
    ratio = app_p99 / bare_p99
    raw["ratio_p99"] = ratio
    rows = [
        Row("3", f"key to screen in a how-come answer, 260 w: p99 of {keys} (median {stats['app']['median_ms']:.1f})",
            f"{app_p99:.1f} ms", f"{bare_p99:.1f} ms", f"{ratio:.2f}", f"< {KEY_P99_MS:g} ms", app_p99 < KEY_P99_MS),
        Row("3b", "same, against a bare Textual Input", f"{app_p99:.1f} ms", f"{bare_p99:.1f} ms", f"{ratio:.2f}",
            f"<= {KEY_RATIO}", ratio <= KEY_RATIO),
    ]
    if not real["saved_ok"]:
        rows.append(Row("3!", "the typed answer was NOT found saved in the store afterwards", "", ok=False))
    return raw, rows


# --------------------------------------------------------------------------------------------
# 5: commands as whole processes


def figure_commands(dbs: dict[str, Path], scratch: Path, runs: int, env: dict[str, str]) -> tuple[dict, list[Row]]:
    cli = oneonone_argv()
    sample = ROOT / "sample_team.json"
    if not sample.exists():
        from oneonone_tui.paths import bundled_team_path

        sample = bundled_team_path()
    commands = {
        "check sample_team.json": ["check", str(sample)],
        "demo --weeks 4": ["demo", "--weeks", "4", "--until", UNTIL, "--db", "{new}"],
        "restore (260 w, nothing to restore)": ["restore", "--db", str(dbs["w260"])],
        "export (260 w, all 1:1s, markdown)": ["export", "--db", str(dbs["w260"]), "-o", "{new}"],
        "report (260 w, 13 weeks to 2026-W47)": ["report", "--db", str(dbs["w260"]), "--week", UNTIL],
        # A Monday morning: the CRM's rep report (a row per rep) into the week after the history.
        "import (CRM report, 16 reps, into 260 w)": ["import", str(crm_report(dbs["w260"], scratch)), "--db",
                                                     "{copy}", "--week", NEXT_WEEK],
        "--version": ["--version"],
    }
    floor_argv = [PY, str(BENCH / "bare_cli.py"), "version"]  # a bare click group + subcommand
    wall: dict[str, list[float]] = {"floor": [], **{name: [] for name in commands}}

    def fresh(args: list[str]) -> list[str]:
        """`{new}`: a new directory; `{copy}`: a copy of the 260-week database (13 MB, written out by
        `timed`'s `os.sync` before the clock starts: else the kernel writes it back while a later
        command is timed, and export's and report's runs spread over 300 ms)."""
        return [tempfile.mkdtemp(dir=scratch) + "/db" if a == "{new}"
                else str(copy_db(dbs["w260"], Path(tempfile.mkdtemp(dir=scratch)) / "db")) if a == "{copy}" else a
                for a in args]

    def timed(argv: list[str]) -> float:
        os.sync()  # what earlier runs wrote (an export: 10 MB) goes out now, not while this one is timed
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
        return seconds

    # The split: the same command, run again as a whole process by cmd_split.py, which runs the real
    # entry point and reports how long the command's own callback ran, less the modules it imported
    # meanwhile (start-up all the same). Start-up = that process's whole time less its work: one
    # process, nothing paired across runs (a 1-second export paired with a second process moved
    # 20-30 ms from run to run on these machines).
    stamps = scratch / "stamps.json"
    split: dict[str, list[dict]] = {name: [] for name in commands}

    def measure_split(name: str) -> None:
        argv = [PY, str(BENCH / "cmd_split.py"), str(stamps), *fresh(commands[name])]
        stamps.unlink(missing_ok=True)
        whole = timed(argv)
        if not stamps.exists():
            raise RuntimeError(f"{' '.join(argv)} wrote no stamps")
        seen = json.loads(stamps.read_text())
        if not seen["watched"] and not commands[name][0].startswith("-"):
            raise RuntimeError(f"cmd_split.py did not find the callback of {name}: has oneonone_tui.start.main changed?")
        split[name].append({"whole": whole, **seen})

    names = ["floor", *commands]
    timed(floor_argv), [timed(cli + fresh(args)) for args in commands.values()]  # warm-up
    for index in range(runs):
        for name in names[index % len(names):] + names[: index % len(names)]:  # rotate the order
            if name == "floor":
                wall[name].append(timed(floor_argv))
                continue
            wall[name].append(timed(cli + fresh(commands[name])))
            measure_split(name)
    floor = med(wall["floor"])
    raw: dict = {"wall_s": wall, "split_s": split, "floor_median_ms": ms(floor), "commands": {}}
    rows = [Row("5", "a bare click command (group + subcommand; the floor)", f"{ms(floor):.0f} ms", "", "", "", None)]
    for name in commands:
        whole = med(wall[name])
        itself = med([run["work"] for run in split[name]])
        imported = med([run["imports_in_callback"] for run in split[name]])
        overhead = med([run["whole"] - run["work"] for run in split[name]])
        ratio = overhead / floor
        raw["commands"][name] = {
            "wall_median_ms": ms(whole), "split_wall_median_ms": ms(med([run["whole"] for run in split[name]])),
            "work_median_ms": ms(itself), "imports_in_callback_median_ms": ms(imported),
            "startup_ms": ms(overhead), "startup_ratio": ratio, "raw_ratio": whole / floor}
        rows.append(Row("5", f"oneonone {name}: {ms(whole):.0f} ms = start-up + work {ms(itself):.0f} ms"
                             f" (imports in it: {ms(imported):.0f})",
                        f"{ms(overhead):.0f} ms", f"{ms(floor):.0f} ms", f"{ratio:.1f}", f"<= {CMD_RATIO}",
                        ratio <= CMD_RATIO))
    return raw, rows


# --------------------------------------------------------------------------------------------
# --profile


def run_profiles(tm: Tmux | None, dbs: dict[str, Path], tmp: Path, env: dict[str, str], keys: int) -> dict:
    from pyinstrument import Profiler

    out = BENCH / "profiles"
    out.mkdir(exist_ok=True)
    written: dict[str, str] = {}
    if tm is not None:
        base = out / "cold_start"
        for suffix in (".html", ".txt"):
            base.with_suffix(suffix).unlink(missing_ok=True)
        db = copy_db(dbs["w260"], tmp / "w260-profile-start")
        run = tm.start([PY, str(BENCH / "profile_start.py"), str(base), "--", "--db", str(db), "--week", WEEK], env=env)
        try:
            deadline = time.monotonic() + 60
            while not (base.with_suffix(".txt").exists() and base.with_suffix(".html").exists()):
                if time.monotonic() > deadline:
                    raise TerminalError("the cold-start profile was not written within 60 s:\n" + tm.screen(run))
                time.sleep(0.05)
            time.sleep(0.3)
        finally:
            tm.kill(run)
        written["cold_start"] = str(base.with_suffix(".html"))
    for name, job in (("pane_open", "screens"), ("keystrokes", "keys")):
        profiler = Profiler(interval=0.001, async_mode="disabled")
        db = copy_db(dbs["w260"], tmp / f"w260-profile-{name}")
        if job == "screens":
            asyncio.run(_open_screens(db, 16, profiler=profiler))
        else:
            text = (TYPED * (keys // len(TYPED) + 1))[:keys]
            asyncio.run(_type_real(db, text, 0.01, 40, 0.35, profiler=profiler))
        (out / f"{name}.txt").write_text(profile_text(profiler), encoding="utf-8")
        profiler.write_html(out / f"{name}.html")
        written[name] = str(out / f"{name}.html")
    for name, code in (("importtime_app", "import oneonone_tui.start, oneonone_tui.launch, oneonone_tui.ui.app, "
                                          "oneonone_tui.ui.dashboard, oneonone_tui.ui.meeting"),
                       ("importtime_cli", "import oneonone_tui.cli")):
        done = subprocess.run([PY, "-X", "importtime", "-c", code], env=env, capture_output=True, text=True)
        (out / f"{name}.txt").write_text(importtime_report(done.stderr), encoding="utf-8")
        written[name] = str(out / f"{name}.txt")
    return written


# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=7, help="cold-start pairs (bare, app), at least 5 (default 7)")
    parser.add_argument("--runs", type=int, default=11, help="runs of each command (default 11)")
    parser.add_argument("--keys", type=int, default=200, help="characters typed (default 200)")
    parser.add_argument("--saves", type=int, default=200, help="saves per database (default 200)")
    parser.add_argument("--reps", type=int, default=16, help="reps whose 1:1 is opened (default 16)")
    parser.add_argument("--memory-runs", type=int, default=3, help="memory runs of each app (default 3)")
    parser.add_argument("--only", help="comma-separated figures to run, e.g. 1,3 (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run; not for the record)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the cold start, the pane opening and typing into benchmarks/profiles/")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", type=Path, default=BENCH / "results.json", help="where to write the results")
    args = parser.parse_args(argv)
    if args.quick:
        args.pairs, args.runs, args.keys, args.saves, args.reps, args.memory_runs = 5, 5, 60, 60, 4, 1
    if args.pairs < 5 and not args.quick:
        parser.error("--pairs must be at least 5")
    return args


def _stop(signum: int, _frame) -> None:
    raise SystemExit(128 + signum)  # runs the `finally` below: tmux server and temp files go


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    only = {part.strip() for part in args.only.split(",")} if args.only else {"1", "2", "3", "4", "5", "6"}
    needs_tmux = bool(only & {"1", "6"}) or args.profile
    if needs_tmux:
        try:
            require_tmux()
        except TerminalError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 2
    results: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine_info(),
                     "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
                     "weeks": {"until": UNTIL, "opened": WEEK, "today": today().isoformat()},
                     "figures": {}}
    rows: list[Row] = []
    began = time.perf_counter()
    tm: Tmux | None = None
    tmp = Path(tempfile.mkdtemp(prefix="oneonone-bench-"))
    env = dict(os.environ)
    env.update({"ONEONONE_DATA_DIR": str(tmp / "data"), "COLORTERM": "truecolor"})
    env.pop("ONEONONE_DB", None)
    compile_sources()
    try:
        log("building the databases (oneonone demo)")
        dbs = build_databases(tmp, env)
        if "5" in only:
            log("5: commands as whole processes")
            raw, new = figure_commands(dbs, tmp, args.runs, env)
            results["figures"]["5_commands"], rows = raw, rows + new
        if needs_tmux:
            tm = Tmux(*SIZE, env={"ONEONONE_DATA_DIR": str(tmp / "data"), "COLORTERM": "truecolor"})
        cold = None
        if "1" in only:
            log("1: cold start in tmux")
            cold, new = figure_cold_start(tm, copy_db(dbs["w260"], tmp / "w260-cold"), args.pairs, env)
            results["figures"]["1_cold_start"], rows = cold, rows + new
        if "6" in only:
            log("6: peak memory in tmux")
            raw, new = figure_memory(tm, copy_db(dbs["w260"], tmp / "w260-memory"), cold, args.memory_runs, env)
            results["figures"]["6_memory"], rows = raw, rows + new
        if "2" in only:
            log("2: save cost")
            raw, new = figure_save(copy_db(dbs["w4"], tmp / "w4-save"), copy_db(dbs["w260"], tmp / "w260-save"),
                                   args.saves)
            results["figures"]["2_save"], rows = raw, rows + new
        if "4" in only:
            log("4: opening screens (Pilot)")
            raw, new = figure_screens(copy_db(dbs["w260"], tmp / "w260-screens"), args.reps)
            results["figures"]["4_screens"], rows = raw, rows + new
        if "3" in only:
            log("3: keystroke to screen (Pilot)")
            raw, new = figure_keys(copy_db(dbs["w260"], tmp / "w260-keys"), args.keys)
            results["figures"]["3_keystroke"], rows = raw, rows + new
        if args.profile:
            log("profiling (pyinstrument)")
            results["profiles"] = run_profiles(tm, dbs, tmp, env, args.keys)
    except (TerminalError, RuntimeError, subprocess.SubprocessError) as error:
        print(f"bench: {error}", file=sys.stderr)
        results["error"] = str(error)
        _write(args.json, results, rows, began)
        return 2
    finally:
        if tm is not None:
            tm.close()
        shutil.rmtree(tmp, ignore_errors=True)
    order = {"1": 0, "2": 1, "2b": 2, "3": 3, "3b": 4, "3!": 5, "4": 6, "4+": 7, "5": 8, "6a": 9, "6": 10}
    rows.sort(key=lambda r: order.get(r.figure, 99))
    print_table(rows)
    _write(args.json, results, rows, began)
    print(f"written: {args.json}" + (f"; profiles in {BENCH / 'profiles'}" if args.profile else ""))
    if args.strict and any(r.ok is False for r in rows):
        return 1
    return 0


def _write(path: Path, results: dict, rows: list[Row], began: float) -> None:
    results["table"] = [asdict(r) | {"verdict": r.verdict} for r in rows]
    results["elapsed_s"] = round(time.perf_counter() - began, 1)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    path.write_text(json.dumps(results, indent=2, default=_json_default) + "\n", encoding="utf-8")


def _json_default(value):
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


if __name__ == "__main__":
    sys.exit(main())
