"""What the screens read: the store as the manager last left it, typed changes first."""

from __future__ import annotations

from collections.abc import Iterator

from oneonone_tui.domain.overview import SessionReader
from oneonone_tui.domain.records import Session


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

    def rep_ids(self, week: str) -> set[str]:
        return self._store.rep_ids(week) | {rep for (rep, w) in self._live if w == week}

    def history(self, rep_id: str, before: str, limit: int) -> list[Session]:
        by_week = {s.week: s for s in self._store.history(rep_id, before, limit)}
        by_week.update({w: s for (rep, w), s in self._live.items() if rep == rep_id and w < before})
        return [by_week[w] for w in sorted(by_week, reverse=True)[:limit]]

    def iter_history(self, rep_id: str, before: str) -> Iterator[Session]:
        """Most recent first, lazily: typed sessions merged into the store's as they come."""
        live = sorted((s for (rep, w), s in self._live.items() if rep == rep_id and w < before),
                      key=lambda s: s.week, reverse=True)
        index = 0
        for stored in self._store.iter_history(rep_id, before):
            while index < len(live) and live[index].week > stored.week:
                yield live[index]
                index += 1
            if index < len(live) and live[index].week == stored.week:
                yield live[index]
                index += 1
            else:
                yield stored
        yield from live[index:]

    def latest_before(self, rep_id: str, week: str) -> Session | None:
        live = [s for (rep, w), s in self._live.items() if rep == rep_id and w < week]
        stored = self._store.latest_before(rep_id, week)
        candidates = live + ([stored] if stored else [])
        return max(candidates, key=lambda s: s.week) if candidates else None
