"""The team's week at a glance: who is done, who is short, who needs the manager most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from oneonone_tui import escalation, progression
from oneonone_tui.escalation import EscalationState, Level
from oneonone_tui.models import Commitment, Session, SessionState
from oneonone_tui.team import Rep, Team


class SessionReader(Protocol):
    def get(self, rep_id: str, week: str) -> Session | None: ...
    def week(self, week: str) -> dict[str, Session]: ...
    def latest_before(self, rep_id: str, week: str) -> Session | None: ...
    def history(self, rep_id: str, before: str, limit: int) -> list[Session]: ...


@dataclass(frozen=True)
class RepWeek:
    """One dashboard row."""

    rep: Rep
    session: Session | None
    previous: Session | None  # the rep's last 1:1 before this week
    attainment: float | None  # mean results attainment this week (1.0 = on target)
    last_attainment: float | None  # the same at the last 1:1, for reps not yet seen this week
    open_commitments: list[Commitment]
    escalation: EscalationState

    @property
    def state(self) -> SessionState:
        return self.session.state if self.session else SessionState.NOT_STARTED

    @property
    def last_one_on_one(self) -> date | None:
        for session in (self.session, self.previous):
            if session and session.state is SessionState.DONE and session.finished_at:
                return session.finished_at.date()
        return None

    @property
    def seconds_spent(self) -> int:
        return self.session.seconds_spent if self.session else 0

    def need(self) -> tuple:
        """Sort key: 1:1s still to hold first; among them escalations, then the furthest short."""
        level_rank = {Level.PIP: 0, Level.COACHING: 1, Level.CLEAR: 2}[self.escalation.level]
        state_rank = {SessionState.IN_PROGRESS: 0, SessionState.NOT_STARTED: 1, SessionState.DONE: 2}[self.state]
        attainment = next((a for a in (self.attainment, self.last_attainment) if a is not None), 1.0)
        return (state_rank, level_rank, attainment, -len(self.open_commitments), self.rep.name.casefold())


@dataclass(frozen=True)
class WeekOverview:
    team: Team
    week: str
    rows: list[RepWeek]  # sorted by need

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.state is SessionState.DONE)

    @property
    def due(self) -> int:
        return len(self.rows)

    @property
    def seconds_spent(self) -> int:
        return sum(row.seconds_spent for row in self.rows)

    @property
    def seconds_budget(self) -> int:
        return self.team.timebox_minutes * 60 * len(self.rows)


def rep_week(team: Team, reader: SessionReader, rep: Rep, week: str, session: Session | None) -> RepWeek:
    history = reader.history(rep.id, week, team.escalation.window_weeks)
    previous = history[0] if history else None
    recent = ([session] if session else []) + history
    if session is not None:
        open_commitments = session.open_commitments()
    elif previous is not None:
        open_commitments = previous.open_commitments()
    else:
        open_commitments = []
    return RepWeek(
        rep=rep,
        session=session,
        previous=previous,
        attainment=progression.results_attainment(team, rep, session, week),
        last_attainment=progression.results_attainment(team, rep, previous, previous.week) if previous else None,
        open_commitments=open_commitments,
        escalation=escalation.assess(recent[: team.escalation.window_weeks], team.escalation),
    )


def week_overview(team: Team, reader: SessionReader, week: str) -> WeekOverview:
    sessions = reader.week(week)
    rows = [rep_week(team, reader, rep, week, sessions.get(rep.id)) for rep in team.reps]
    rows.sort(key=RepWeek.need)
    return WeekOverview(team=team, week=week, rows=rows)


class LiveReader:
    """The store as the manager last left it: sessions handed to the autosaver win over the disk.

    Saves are debounced in a thread, so right after a 1:1 is finished the disk may still hold the
    previous snapshot; the dashboard must show what was typed, not what has landed.
    """

    def __init__(self, store: SessionReader) -> None:
        self._store = store
        self._live: dict[tuple[str, str], Session] = {}

    def remember(self, session: Session) -> None:
        self._live[(session.rep_id, session.week)] = session

    def get(self, rep_id: str, week: str) -> Session | None:
        return self._live.get((rep_id, week)) or self._store.get(rep_id, week)

    def week(self, week: str) -> dict[str, Session]:
        sessions = dict(self._store.week(week))
        sessions.update({rep: s for (rep, w), s in self._live.items() if w == week})
        return sessions

    def history(self, rep_id: str, before: str, limit: int) -> list[Session]:
        by_week = {s.week: s for s in self._store.history(rep_id, before, limit)}
        by_week.update({w: s for (rep, w), s in self._live.items() if rep == rep_id and w < before})
        return [by_week[w] for w in sorted(by_week, reverse=True)[:limit]]

    def latest_before(self, rep_id: str, week: str) -> Session | None:
        live = [s for (rep, w), s in self._live.items() if rep == rep_id and w < week]
        stored = self._store.latest_before(rep_id, week)
        candidates = live + ([stored] if stored else [])
        return max(candidates, key=lambda s: s.week) if candidates else None
