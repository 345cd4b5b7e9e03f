"""`oneonone report`: the manager's scorecard from one database, or one row per manager from several.

Each database is opened read-only and read whole before anything of it is counted: one that is in
use by an open window, or has a file that does not read, is named and skipped (exit 2 at the end),
never half-counted. The numbers come from `domain.scorecard`; this only lays them out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from oneonone_tui.domain import scorecard
from oneonone_tui.domain._record import record
from oneonone_tui.domain.escalation import Level
from oneonone_tui.domain.records import Diagnosis
from oneonone_tui.domain.scorecard import COMPLETION_LINE, Ratio, Scorecard


@record(frozen=True)
class Skipped:
    """A database the report did not count, and why (named at the end, exit 2)."""

    db: Path
    reason: str


def load(db: Path, week: str, weeks: int) -> Scorecard | Skipped:
    from oneonone_tui.store import Store, StoreError
    from oneonone_tui.store.probe import lock_holder

    held, pid = lock_holder(db)
    if held:
        who = f"process {pid}" if pid is not None else "another process"
        return Skipped(db, f"in use by {who} (an open oneonone window); close it and run the report again")
    try:
        with Store.open(db, read_only=True) as store:
            broken = store.verify()
            if broken:
                return Skipped(db, f"{broken[0].file.name} cannot be read ({broken[0].detail}); run "
                               "`oneonone restore` on it")
            team = store.team()
            if team is None:
                return Skipped(db, "has no team yet (open it once with --team FILE)")
            return scorecard.build(team, store, week, weeks, store.activities())
    except StoreError as error:
        return Skipped(db, str(error))
    except ValueError as error:  # a stored record that does not decode (CodecError)
        return Skipped(db, f"cannot be read ({error})")


def _share(ratio: Ratio) -> float | None:
    return None if ratio.share is None else round(ratio.share, 4)


def to_json(card: Scorecard) -> dict[str, Any]:
    """The documented JSON form (README, `oneonone report --format json`)."""
    def ratio(r: Ratio) -> dict[str, Any]:
        return {"done": r.done, "due": r.due, "share": _share(r)}

    return {
        "team": card.team, "manager": card.manager, "week": card.week, "weeks": list(card.weeks), "reps": card.reps,
        "one_on_ones": {"this_week": ratio(card.held_this_week), "last_4_weeks": ratio(card.held_recent),
                        "period": ratio(card.held_period), "weeks_every_rep_had_one": card.full_weeks,
                        "completion_line": COMPLETION_LINE, "meets_completion_line": card.meets_completion_line},
        "results_at_target": [{"week": r.week, "at_target": r.at_target, "measured": r.measured,
                               "share": None if r.share is None else round(r.share, 4)} for r in card.results],
        "results_trend_per_week": None if card.results_trend is None else round(card.results_trend, 4),
        "results_trend": card.trend_word,
        "follow_through": {"reps": ratio(card.follow_through_reps), "manager": ratio(card.follow_through_manager)},
        "diagnoses": {d.value: n for d, n in card.diagnoses.items()},
        "escalation_levels": {level.value: n for level, n in card.levels.items()},
        "coaching_activities": {rep: {k.value: n for k, n in kinds.items()} for rep, kinds in card.activities.items()},
        "signals": [{"kind": s.kind, "rep_id": s.rep_id, "text": s.text} for s in card.signals],
    }


def _activity_total(card: Scorecard) -> int:
    return sum(sum(kinds.values()) for kinds in card.activities.values())


ROLLUP_COLUMNS = ("Team", "Manager", "Wk", "4 wk", "Period", "Full", "≥79%", "At target", "Kept", "@me",
                  "Eff/Skill/Ext", "Clr/Co/PIP", "Coach", "Signals")


def _pct(ratio: Ratio) -> str:
    return "—" if ratio.share is None else f"{ratio.share:.0%}"


def rollup_row(card: Scorecard) -> list[str]:
    line = card.meets_completion_line
    measured = [r for r in card.results if r.measured]
    at_target = f"{measured[-1].share:.0%} {card.trend_word}" if measured else "—"
    return [card.team, card.manager, f"{card.held_this_week.done:g}/{card.held_this_week.due:g}",
            _pct(card.held_recent), _pct(card.held_period), f"{card.full_weeks}/{len(card.weeks)}",
            "—" if line is None else ("yes" if line else "NO"), at_target, _pct(card.follow_through_reps),
            _pct(card.follow_through_manager), "/".join(str(card.diagnoses[d]) for d in Diagnosis),
            "/".join(str(card.levels[lv]) for lv in Level), str(_activity_total(card)), str(len(card.signals))]


def total_row(cards: list[Scorecard]) -> list[str]:
    def total(get: Callable[[Scorecard], Ratio]) -> Ratio:
        out = Ratio(0, 0)
        for card in cards:
            out = out + get(card)
        return out

    period = total(lambda c: c.held_period)
    latest = [next((r for r in reversed(c.results) if r.measured), None) for c in cards]
    at, measured = sum(r.at_target for r in latest if r), sum(r.measured for r in latest if r)
    this_week = total(lambda c: c.held_this_week)
    return ["Total", f"{len(cards)} managers", f"{this_week.done:g}/{this_week.due:g}",
            _pct(total(lambda c: c.held_recent)), _pct(period), f"{sum(c.full_weeks for c in cards)}",
            "—" if period.share is None else ("yes" if period.share >= COMPLETION_LINE else "NO"),
            f"{at / measured:.0%}" if measured else "—",
            _pct(total(lambda c: c.follow_through_reps)), _pct(total(lambda c: c.follow_through_manager)),
            "/".join(str(sum(c.diagnoses[d] for c in cards)) for d in Diagnosis),
            "/".join(str(sum(c.levels[lv] for c in cards)) for lv in Level),
            str(sum(_activity_total(c) for c in cards)), str(sum(len(c.signals) for c in cards))]


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def render(cards: list[Scorecard], fmt: str, names: dict[str, dict[str, str]], rollup: bool = False) -> str:
    """The report as text: `json` or `markdown` (`table` is `text_tables`)."""
    rollup = rollup or len(cards) > 1
    if fmt == "json":
        if not rollup:
            return json.dumps(to_json(cards[0]), indent=2, ensure_ascii=False)
        return json.dumps({"managers": [to_json(c) for c in cards],
                           "total": dict(zip(ROLLUP_COLUMNS, total_row(cards)))}, indent=2, ensure_ascii=False)
    if not rollup:
        card = cards[0]
        lines = [f"# {_md(card.team)} — {_md(card.manager)}, {card.weeks[0]} to {card.week}", "",
                 "| Measure | Value |", "|---|---|"]
        lines += [f"| {_md(a)} | {_md(b)} |" for a, b in scorecard.summary_lines(card, names.get(card.team))]
        lines += ["", "## Signals", ""]
        lines += [f"- {_md(s.text)}" for s in card.signals] or ["None: nothing in the data shows the system turning "
                                                                 "unhealthy."]
        return "\n".join(lines)
    head = "| " + " | ".join(ROLLUP_COLUMNS) + " |"
    lines = [head, "|" + "---|" * len(ROLLUP_COLUMNS)]
    for row in [rollup_row(c) for c in cards] + [total_row(cards)]:
        lines.append("| " + " | ".join(_md(cell) for cell in row) + " |")
    return "\n".join(lines)


def text_tables(cards: list[Scorecard], names: dict[str, dict[str, str]], rollup: bool = False,
                width: int | None = None) -> str:
    """`--format table`: the scorecard and its signals in boxes, or the roll-up with a total row, as
    plain text wrapped to `width` (default: the terminal's; see `textable`)."""
    from oneonone_tui import textable

    if not (rollup or len(cards) > 1):
        card = cards[0]
        summary = textable.boxed([[label, value] for label, value in scorecard.summary_lines(card, names.get(card.team))],
                                 title=f"{card.team} — {card.manager}, {card.weeks[0]} to {card.week}", width=width)
        signals = textable.boxed([[signal.text] for signal in card.signals]
                                 or [["None: nothing in the data shows the system turning unhealthy."]],
                                 title="Signals", width=width)
        return f"{summary}\n{signals}"

    def cells(row: list[str]) -> list[str]:
        line = {"yes": "≥79%", "NO": "<79%"}.get(row[6], "")
        effort, skill, external = row[10].split("/")
        clear, coach, followup, pip = row[11].split("/")
        return [f"{row[0]}\n{row[1]}\n{row[12]} coaching, {row[13]} signals",
                f"{row[2]} wk\n{row[3]} 4 wk\n{row[4]} all {line}\n{row[5]} full",
                f"{row[7]} at target\n{row[8]} kept, reps\n{row[9]} kept, @me",
                f"{effort} effort\n{skill} skill\n{external} ext", f"{clear} clear\n{coach} coach\n{followup} follow-up\n{pip} PIP"]

    return textable.headed(["Team / manager", "1:1s held", "Results / kept", "Diagnoses", "Escalation"],
                           [cells(rollup_row(card)) for card in cards], total=cells(total_row(cards)),
                           title=f"Scorecard by manager, {cards[0].weeks[0]} to {cards[0].week}", width=width)
