"""What an export covers: 1:1 sessions of some reps in some weeks, and the words every format shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date
from functools import lru_cache

from oneonone_tui.domain._record import record
from oneonone_tui.domain.records import Review, Session
from oneonone_tui.domain.team import Rep, Team

FORMATS = ("markdown", "json", "csv", "ics")
EXTENSIONS = {"markdown": "md", "json": "json", "csv": "csv", "ics": "ics"}
WHAT = ("metrics", "commitments")  # csv: one row per metric per 1:1, or one row per commitment


@record(frozen=True)
class Selection:
    """The 1:1s to export (ordered by week, then by the team's rep order) and the team they belong to.

    `later` holds the same reps' 1:1s after the selection (for the verdicts of the commitments made
    in it: a commitment made in W47 is judged in W48); it is never exported itself.
    """

    team: Team
    sessions: tuple[Session, ...]
    later: tuple[Session, ...] = field(default=())

    @classmethod
    def of(cls, team: Team, sessions: Iterable[Session], later: Iterable[Session] = ()) -> Selection:
        order = {rep.id: index for index, rep in enumerate(team.reps)}

        def key(session: Session) -> tuple[str, int, str]:
            return (session.week, order.get(session.rep_id, len(order)), session.rep_id)

        return cls(team, tuple(sorted(sessions, key=key)), tuple(sorted(later, key=key)))

    @property
    def weeks(self) -> list[str]:
        return sorted({s.week for s in self.sessions})

    @property
    def rep_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        order = {rep.id: index for index, rep in enumerate(self.team.reps)}
        for session in sorted(self.sessions, key=lambda s: (order.get(s.rep_id, len(order)), s.rep_id)):
            seen.setdefault(session.rep_id, None)
        return list(seen)

    def of_rep(self, rep_id: str) -> Selection:
        return Selection(self.team, tuple(s for s in self.sessions if s.rep_id == rep_id),
                         tuple(s for s in self.later if s.rep_id == rep_id))

    def rep(self, rep_id: str) -> Rep:
        try:
            return self.team.rep(rep_id)
        except KeyError:  # a 1:1 of a rep who has since left the team file: named by id
            return Rep(id=rep_id, name=rep_id)

    def verdicts(self) -> dict[str, tuple[str, Review]]:
        """commitment id -> (the week it was judged in, the review), from every 1:1 known."""
        found: dict[str, tuple[str, Review]] = {}
        for session in (*self.sessions, *self.later):
            for commitment_id, review in session.reviews.items():
                if review.verdict is not None:
                    found.setdefault(commitment_id, (session.week, review))
        return found


@lru_cache(maxsize=1024)
def day_text(day: date) -> str:
    """`Fri 27 Nov`: a due date as a manager writes it."""
    return f"{day:%a} {day.day} {day:%b}"


def rep_file_name(week: str | None, rep_id: str, extension: str) -> str:
    """`2026-W48-sam-ortiz.md` for one week, `sam-ortiz.md` for a running file (rep ids are safe names)."""
    return f"{week}-{rep_id}.{extension}" if week else f"{rep_id}.{extension}"


def owner_names(team: Team) -> Mapping[str, str]:
    return {rep.id: rep.name for rep in team.reps}
