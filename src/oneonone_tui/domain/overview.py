"""The team's week at a glance: who is done, who is short, who needs the manager most."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import field, replace
from datetime import date
from itertools import chain
from typing import Protocol

from oneonone_tui.domain import followthrough, one_on_one, progression
from oneonone_tui.domain._record import record
from oneonone_tui.domain.escalation import EscalationState, Level
from oneonone_tui.domain.records import Commitment, Session, SessionState
from oneonone_tui.domain.team import Rep, Team
from oneonone_tui.domain.weeks import week_of


class SessionReader(Protocol):
    def get(self, rep_id: str, week: str) -> Session | None: ...
    def week(self, week: str) -> dict[str, Session]: ...
    def rep_ids(self, week: str) -> set[str]: ...
    def latest_before(self, rep_id: str, week: str) -> Session | None: ...
    def history(self, rep_id: str, before: str, limit: int) -> list[Session]: ...
    def iter_history(self, rep_id: str, before: str) -> Iterator[Session]: ...


@record(frozen=True)
class RepWeek:
    """One dashboard row."""

    rep: Rep
    session: Session | None
    previous: Session | None  # the rep's last 1:1 before this week
    attainment: float | None  # mean results attainment this week (1.0 = on target)
    last_attainment: float | None  # the same at the last 1:1, for reps not yet seen this week
    owed: tuple[followthrough.OpenCommitment, ...]  # after this week's 1:1, oldest first
    escalation: EscalationState
    follow_through: followthrough.Rate | None = None  # kept ÷ due over the last 4 weeks
    follow_trend: str = ""  # ↑ ↓ → against the 4 weeks before; "" with nothing to compare
    # The rep's last finished 1:1 before this week (an in-progress one in between does not hide it).
    last_done: Session | None = None
    # The week is over (before today's week): no 1:1 then means it was skipped, not "not started".
    past: bool = False
    # The rep is no longer in the team file; kept on the dashboard while they owe or have a level.
    departed: bool = False
    # False in a first glance (`first_glance`): nothing before this week was read, so the level,
    # open commitments, follow-through and last 1:1 are not known yet (not "none").
    known: bool = True

    @property
    def open_commitments(self) -> list[Commitment]:
        return [item.commitment for item in self.owed]

    @property
    def state(self) -> SessionState:
        return self.session.state if self.session else SessionState.NOT_STARTED

    @property
    def skipped(self) -> bool:
        """A past week with no 1:1 held: nothing was ever typed for it."""
        return self.past and (self.session is None or one_on_one.is_untouched(self.session))

    @property
    def last_one_on_one(self) -> date | None:
        for session in (self.session, self.last_done, self.previous):
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
        return (state_rank, level_rank, attainment, -len(self.owed), self.rep.name.casefold())


@record(frozen=True)
class WeekOverview:
    team: Team
    week: str
    rows: list[RepWeek]  # sorted by need
    # Reps no longer in the team file who still owe commitments or have a level, by name.
    departed: list[RepWeek] = field(default_factory=list)
    # Read from this week's 1:1s alone (`first_glance`): the order by need waits for `week_overview`.
    glance: bool = False

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

    def open_commitments(self, today: date) -> tuple[list[followthrough.OpenCommitment], dict[str, Level]]:
        """The `c` list: every open commitment of the team's reps after the week's 1:1s, most urgent
        first, and each rep's level. Read from the rows (each already holds its rep's open commitments
        and level): reading every rep's 26 1:1s again took ~30 ms of the list's 100 ms."""
        by_rep = {row.rep.id: row for row in self.rows}
        rows = [by_rep[rep.id] for rep in self.team.reps if rep.id in by_rep]  # team order, as ties fall
        levels = {row.rep.id: row.escalation.level for row in rows}
        items = [item for row in rows for item in row.owed]
        return followthrough.by_urgency(items, today, levels), levels


def rep_week(team: Team, reader: SessionReader, rep: Rep, week: str, session: Session | None,
             today: date | None = None) -> RepWeek:
    history = reader.iter_history(rep.id, week)
    previous = next(history, None)

    def held(s: Session | None, w: str) -> date | None:  # "to date" is to the day the 1:1 is held
        return one_on_one.held_on(s, w, today) if today is not None else None

    # The rules read the last HISTORY_HORIZON 1:1s (one_on_one.recent); the last finished 1:1 may
    # lie behind an in-progress or empty one (e.g. last week's 1:1 opened and never finished).
    earlier = one_on_one.recent(chain([previous], history)) if previous is not None else []
    owed, rate, arrow = follow_through_of([session, *earlier] if session is not None else earlier, week)
    last_done = next((s for s in earlier if s.state is SessionState.DONE), None)
    latest = previous if previous is not None and not one_on_one.is_untouched(previous) else last_done
    if latest is not None and progression.results_attainment(
            team, rep, latest, latest.week, held(latest, latest.week)) is None:
        latest = last_done  # an in-progress 1:1 with no results yet says nothing: the last done one does
    return RepWeek(
        rep=rep,
        session=session,
        previous=previous,
        attainment=progression.results_attainment(team, rep, session, week, held(session, week)),
        last_attainment=(progression.results_attainment(team, rep, latest, latest.week,
                                                        held(latest, latest.week)) if latest else None),
        owed=owed,
        escalation=one_on_one.standing(session, earlier, team.escalation),
        follow_through=rate,
        follow_trend=arrow,
        last_done=last_done,
        past=today is not None and week < week_of(today),
    )


def follow_through_of(sessions: list[Session], week: str
                      ) -> tuple[tuple[followthrough.OpenCommitment, ...], followthrough.Rate, str]:
    """A rep's open commitments after `week`'s 1:1 (the manager's own included), and their
    follow-through over the last 4 weeks with its trend."""
    owed = tuple(followthrough.open_commitments(sessions, through=week))
    return owed, followthrough.follow_through(sessions, until=week, weeks=4), followthrough.trend(sessions, until=week)


def departed_rep(rep_id: str) -> Rep:
    """A stand-in for a rep no longer in the team file: their id as their name (no targets)."""
    return Rep(id=rep_id, name=rep_id, role="")


def former_rep_ids(team: Team, reader: SessionReader, weeks: Iterable[str]) -> set[str]:
    """Rep ids with a session in any of `weeks` that the team file no longer lists."""
    known = {rep.id for rep in team.reps}
    return {rep_id for w in weeks for rep_id in reader.rep_ids(w) if rep_id not in known}


def week_overview(team: Team, reader: SessionReader, week: str, today: date | None = None,
                  former: Iterable[str] = ()) -> WeekOverview:
    """The week's rows; `former` are rep ids with sessions in the store (any week) that the team
    file no longer lists: each is kept apart while they still owe commitments or have a level."""
    sessions = reader.week(week)
    rows = [rep_week(team, reader, rep, week, sessions.get(rep.id), today) for rep in team.reps]
    rows.sort(key=RepWeek.need)
    return WeekOverview(team=team, week=week, rows=rows, departed=departed_rows(team, reader, week, former, today))


def first_glance(team: Team, reader: SessionReader, week: str, today: date | None = None) -> WeekOverview:
    """The week as this week's 1:1s alone tell it, for the dashboard's first frame: who is done, in
    progress or not started, and this week's results. Nothing earlier is read (the 26 weeks the rules
    read were the largest part of start-up), so each row's level, open commitments, follow-through and
    last 1:1 are unknown (`known=False`) and the order is by state and results only; `week_overview`
    replaces it a frame later."""
    sessions = reader.week(week)
    unknown = EscalationState(level=Level.CLEAR, missed_weeks=0, kept_streak=0, reason="")
    past = today is not None and week < week_of(today)
    rows = []
    for rep in team.reps:
        session = sessions.get(rep.id)
        held = one_on_one.held_on(session, week, today) if today is not None else None
        rows.append(RepWeek(rep=rep, session=session, previous=None,
                            attainment=progression.results_attainment(team, rep, session, week, held),
                            last_attainment=None, owed=(), escalation=unknown, past=past, known=False))
    rows.sort(key=RepWeek.need)
    return WeekOverview(team=team, week=week, rows=rows, glance=True)


def departed_rows(team: Team, reader: SessionReader, week: str, former: Iterable[str],
                  today: date | None = None) -> list[RepWeek]:
    """The rows of `former` reps (no longer in the team file) who still owe commitments or have a level."""
    known = {rep.id for rep in team.reps}
    departed = []
    for rep_id in sorted(set(former) - known):
        row = rep_week(team, reader, departed_rep(rep_id), week, reader.get(rep_id, week), today)
        row = replace(row, departed=True)
        if row.owed or row.escalation.level is not Level.CLEAR:
            departed.append(row)
    return departed


def with_rep_read_again(overview: WeekOverview, reader: SessionReader, rep_id: str,
                        today: date | None = None) -> WeekOverview:
    """The same week with one rep's row read again, re-sorted: after that rep's 1:1 nothing else can
    have changed (a row reads only its own rep's sessions). Reading all 16 rows again cost ~50 ms
    each time the manager came back from a 1:1."""
    week, team = overview.week, overview.team

    def again(row: RepWeek) -> RepWeek:
        if row.rep.id != rep_id:
            return row
        fresh = rep_week(team, reader, row.rep, week, reader.get(rep_id, week), today)
        return replace(fresh, departed=True) if row.departed else fresh

    rows = sorted((again(row) for row in overview.rows), key=RepWeek.need)
    return replace(overview, rows=rows, departed=[again(row) for row in overview.departed])
