"""The team's week at a glance: who is done, who is short, who needs the manager most."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Protocol

from oneonone_tui.domain import followthrough, one_on_one, progression
from oneonone_tui.domain.escalation import EscalationState, Level
from oneonone_tui.domain.records import Commitment, Session, SessionState
from oneonone_tui.domain.team import Rep, Team


class SessionReader(Protocol):
    def get(self, rep_id: str, week: str) -> Session | None: ...
    def week(self, week: str) -> dict[str, Session]: ...
    def latest_before(self, rep_id: str, week: str) -> Session | None: ...
    def history(self, rep_id: str, before: str, limit: int) -> list[Session]: ...
    def iter_history(self, rep_id: str, before: str) -> Iterator[Session]: ...


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
    follow_through: followthrough.Rate | None = None  # kept ÷ due over the last 4 weeks
    follow_trend: str = ""  # ↑ ↓ → against the 4 weeks before; "" with nothing to compare

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
        level_rank = {Level.PIP: 0, Level.FOLLOWUP: 1, Level.COACHING: 2, Level.CLEAR: 3}[self.escalation.level]
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


def rep_week(team: Team, reader: SessionReader, rep: Rep, week: str, session: Session | None,
             today: date | None = None) -> RepWeek:
    history = reader.iter_history(rep.id, week)
    previous = next(history, None)

    def held(s: Session | None, w: str) -> date | None:  # "to date" is to the day the 1:1 is held
        return one_on_one.held_on(s, w, today) if today is not None else None

    earlier = one_on_one.recent(chain([previous], history)) if previous is not None else []
    owed, rate, arrow = follow_through_of([session, *earlier] if session is not None else earlier, week)
    return RepWeek(
        rep=rep,
        session=session,
        previous=previous,
        attainment=progression.results_attainment(team, rep, session, week, held(session, week)),
        last_attainment=(progression.results_attainment(team, rep, previous, previous.week,
                                                        held(previous, previous.week)) if previous else None),
        open_commitments=owed,
        escalation=one_on_one.standing(session, earlier, team.escalation),
        follow_through=rate,
        follow_trend=arrow,
    )


def follow_through_of(sessions: list[Session], week: str
                      ) -> tuple[list[Commitment], followthrough.Rate, str]:
    """A rep's open commitments after `week`'s 1:1 (the rule the `c` list uses, the manager's own
    included), and their follow-through over the last 4 weeks with its trend."""
    owed = [o.commitment for o in followthrough.open_commitments(sessions, through=week)]
    return owed, followthrough.follow_through(sessions, until=week, weeks=4), followthrough.trend(sessions, until=week)


def week_overview(team: Team, reader: SessionReader, week: str, today: date | None = None) -> WeekOverview:
    sessions = reader.week(week)
    rows = [rep_week(team, reader, rep, week, sessions.get(rep.id), today) for rep in team.reps]
    rows.sort(key=RepWeek.need)
    return WeekOverview(team=team, week=week, rows=rows)
