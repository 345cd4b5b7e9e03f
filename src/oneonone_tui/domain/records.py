"""What a 1:1 records: actuals, how-come answers and their diagnosis, commitments and their verdicts.

Plain dataclasses, declared once. Nothing here reads or checks input: the store's codec
(`store/codec.py`) turns its own files into these records and back, strictly, and the UI builds
them from what the manager types. A record is mutable where the 1:1 edits it (a session, an entry,
a review) and frozen where it is a value (a commitment, once made, is not edited: it is judged).
"""

from __future__ import annotations

import copy
from dataclasses import field
from datetime import date, datetime
from enum import StrEnum

from oneonone_tui.domain._record import record


class Diagnosis(StrEnum):
    """Why a gap happened decides the plan (METHOD: effort or effectiveness, sometimes neither)."""

    EFFORT = "effort"  # discipline: distracted, other priorities, time management
    EFFECTIVENESS = "effectiveness"  # skill or strategy: prospects, messaging, discovery, objections
    EXTERNAL = "external"  # the territory, the target or the market was wrong


class Verdict(StrEnum):
    KEPT = "kept"
    PARTLY = "partly"
    NOT_KEPT = "not_kept"


class Level(StrEnum):
    """The ladder of consequences, in order (METHOD article 002); `escalation` decides which applies."""

    CLEAR = "clear"  # on track
    COACHING = "coaching"  # after a miss: extra coaching
    FOLLOWUP = "followup"  # repeated misses: a tighter follow-up plan (a mid-week check-in)
    PIP = "pip"  # the same misses over several weeks: a performance improvement process

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class Owner(StrEnum):
    REP = "rep"
    MANAGER = "manager"  # managers owe things too


class SessionState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@record(slots=True, kw_only=True)
class MetricEntry:
    """One metric in one 1:1: the actual, and when short, the rep's answer to the how-come."""

    metric_id: str
    actual: float | None = None  # finite and >= 0 when set
    answer: str = ""  # the rep's words, verbatim
    diagnosis: Diagnosis | None = None
    skill: str = ""  # for effectiveness: the skill to coach (discovery, objection handling, ...)


@record(slots=True, frozen=True, kw_only=True)
class Commitment:
    """A promise in plain language, confirmed at the next 1:1."""

    id: str
    text: str
    owner: Owner = Owner.REP
    due: date
    due_defaulted: bool = False  # no due date typed: due at the next 1:1
    number: float | None = None
    metric_id: str | None = None
    stage: str | None = None  # `#pipeline` style tag, when given
    made_week: str


@record(slots=True, kw_only=True)
class Review:
    """The verification of an earlier commitment at a later 1:1."""

    commitment_id: str
    verdict: Verdict | None = None  # None: the outcome is written, the verdict not yet picked
    outcome: str = ""  # what actually happened
    achieved: float | None = None  # for a commitment with a number: how many were done (finite, >= 0)
    answer: str = ""  # partly / not kept: the rep's answer to the how-come, verbatim
    diagnosis: Diagnosis | None = None  # ... and why: effort, effectiveness or external
    carried_to: date | None = None  # partly / not kept and carried forward: the new due date


@record(slots=True, kw_only=True)
class Session:
    """One rep's 1:1 in one ISO week."""

    rep_id: str
    week: str
    state: SessionState = SessionState.NOT_STARTED
    entries: dict[str, MetricEntry] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)
    # Commitments still open when this 1:1 began (from the rep's earlier 1:1s), and their verdicts.
    to_review: list[Commitment] = field(default_factory=list)
    reviews: dict[str, Review] = field(default_factory=dict)
    shared_notes: str = ""
    private_notes: str = ""
    started_at: datetime | None = None
    finished_at: datetime | None = None
    seconds_spent: int = 0
    activity_opened: bool = False  # the manager opened Activity by hand
    # The manager held or lowered the rep's level this week, never without a written reason.
    level_override: Level | None = None
    override_reason: str = ""

    def entry(self, metric_id: str) -> MetricEntry:
        """The entry for `metric_id`, made (empty) on first use."""
        if metric_id not in self.entries:
            self.entries[metric_id] = MetricEntry(metric_id=metric_id)
        return self.entries[metric_id]

    def verdict_for(self, commitment_id: str) -> Verdict | None:
        review = self.reviews.get(commitment_id)
        return review.verdict if review else None

    def open_commitments(self) -> list[Commitment]:
        """Commitments still owed after this 1:1: unreviewed carry-overs plus the ones made here."""
        def still_open(c: Commitment) -> bool:
            review = self.reviews.get(c.id)
            if review is None or review.verdict is None:
                return True
            return review.verdict is not Verdict.KEPT and review.carried_to is not None  # carried forward

        carried = [c for c in self.to_review if still_open(c)]
        return carried + list(self.commitments)

    def snapshot(self) -> Session:
        """A deep copy: what the autosaver is handed must never change under it."""
        return copy.deepcopy(self)
