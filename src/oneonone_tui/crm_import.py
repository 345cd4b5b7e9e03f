"""`oneonone import FILE.csv`: a CRM export into the week's actuals, all or nothing, hand-typed numbers kept.

The reading and the plan are in `imports/` (pure); this wires them to the store and the terminal.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from oneonone_tui.domain.progression import format_value
from oneonone_tui.domain.team import Team
from oneonone_tui.domain.wording import plural
from oneonone_tui.imports.crm import ImportRefused, NeedsMapping, Proposal, read_export, read_file
from oneonone_tui.imports.plan import Change, plan

Say = Callable[[str], None]


def proposal_text(file: Path, proposal: Proposal) -> list[str]:
    """The mapping proposed from the file's headers, as the JSON to paste into the team file."""
    lines = [f"{file}: the team file has no CRM mapping, so nothing was imported. Proposed from the headers on "
             f"line {proposal.header_line} ({'one row per deal' if proposal.shape == 'deals' else 'one row per rep'})"
             "; check it, add it to the team file, then import again:"]
    if proposal.shape == "deals":
        lines.extend(json.dumps({"crm_deals": proposal.crm_deals}, indent=2, ensure_ascii=False).splitlines())
    else:
        lines.append(f"(the rep is read from column {json.dumps(proposal.owner_column)})" if proposal.owner_column
                     else "(no column names the rep: add one called Rep, Owner or Email)")
        lines.extend(json.dumps({"crm_columns": proposal.crm_columns}, indent=2, ensure_ascii=False).splitlines())
    return lines


def open_for_import(db: Path, wait: float, say: Say, read_only: bool):
    """The store, waiting up to `wait` seconds for another window's lock (saying who holds it)."""
    from oneonone_tui.store import DatabaseInUse, Store

    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return Store.open(db, read_only=read_only)
        except DatabaseInUse as error:
            who = f"process {error.pid}" if error.pid is not None else "another process"
            if time.monotonic() >= deadline:
                raise DatabaseInUse(db, error.pid) from None
            if not told:
                say(f"{db} is in use by {who} (an open oneonone window); waiting up to {wait:g}s for it to close…")
                told = True
            time.sleep(0.2)


def run_import(file: Path, db: Path, team_override: Team | None, week: str, dry_run: bool, overwrite: bool,
               wait: float, now: datetime, say: Say, fail: Callable[[list[str]], None]) -> None:
    from oneonone_tui.store import DatabaseInUse, StoreError

    try:
        data = read_file(file)
    except ImportRefused as refused:
        fail([p.text(str(file)) for p in refused.problems])
        return
    try:
        store = open_for_import(db, wait, say, read_only=dry_run)
    except DatabaseInUse as error:
        who = f"process {error.pid}" if error.pid is not None else "another process"
        fail([f"{db} is in use by {who} (an open oneonone window), so nothing was imported; close it (q) and "
              "run the import again, or give --wait more seconds."])
        return
    except StoreError as error:
        fail([str(error)])
        return
    with store:
        try:
            team = team_override or store.team()
        except StoreError as error:
            fail([str(error)])
            return
        except ValueError as error:  # CodecError
            fail([f"{db}: the team stored with this database cannot be read ({error}); pass --team FILE."])
            return
        if team is None:
            fail([f"{db} has no team yet; pass --team FILE (the team file with crm_columns or crm_deals)."])
            return
        try:
            export = read_export(team, data, week)
        except NeedsMapping as needs:
            fail(proposal_text(file, needs.proposal))
            return
        except ImportRefused as refused:
            fail([p.text(str(file)) for p in refused.problems]
                 + [f"{file}: nothing was imported ({len(refused.problems)} problem"
                    f"{'s' if len(refused.problems) != 1 else ''}); correct the file and import again."])
            return
        try:
            current = store.week(week)
            previous = {rep.id: store.latest_before(rep.id, week) for rep in team.reps if rep.id not in current}
            sources = store.sources(week)
        except (StoreError, ValueError) as error:
            fail([f"nothing was imported: {error}"])
            return
        result = plan(team, week, export.values, current, previous, sources, overwrite)
        for line in _report(team, result):
            say(line)
        if dry_run:
            say(f"dry run: nothing was written ({len(result.written)} value"
                f"{'s' if len(result.written) != 1 else ''} would be).")
            return
        if not result.sessions:
            say(f"{week}: nothing to change.")
            return
        stamp = now.isoformat(timespec="seconds")
        entries: dict[str, dict[str, dict]] = {}
        for line in result.written:
            entries.setdefault(line.rep_id, {})[line.metric_id] = {"source": "crm", "file": file.name, "at": stamp,
                                                                  "value": line.new}
        try:
            if team_override is not None:
                store.save_team(team_override)
            store.save_week(week, result.sessions.values())
            store.set_sources(week, entries)
        except StoreError as error:
            fail([str(error)])
            return
        say(f"{week}: imported {len(result.written)} value{'s' if len(result.written) != 1 else ''} for "
            f"{len(result.sessions)} rep{'s' if len(result.sessions) != 1 else ''} from {file.name} "
            f"({'a row per deal' if export.shape == 'deals' else 'a row per rep'}).")


def _report(team: Team, result) -> list[str]:
    out = []
    words = {Change.NEW: "new", Change.UPDATED: "updated from the CRM", Change.SAME: "unchanged",
             Change.CONFLICT: "typed by hand, KEPT (--overwrite to replace)",
             Change.OVERWRITTEN: "typed by hand, overwritten"}
    by_rep: dict[str, list] = {}
    for line in result.lines:
        by_rep.setdefault(line.rep_id, []).append(line)
    for rep in team.reps:
        if rep.id not in by_rep:
            continue
        out.append(f"{rep.name}:")
        for line in by_rep[rep.id]:
            metric = team.metric(line.metric_id)
            old = "—" if line.old is None else format_value(line.old, metric.unit)
            out.append(f"  {metric.label}: {old} -> {format_value(line.new, metric.unit)}  ({words[line.change]})")
    conflicts = [line for line in result.lines if line.change is Change.CONFLICT]
    if conflicts:
        one = len(conflicts) == 1
        out.append(f"{plural(len(conflicts), 'hand-typed value')} "
                   f"{'differs from the CRM and was' if one else 'differ from the CRM and were'} kept; "
                   f"run again with --overwrite to replace {'it' if one else 'them'}.")
    return out
