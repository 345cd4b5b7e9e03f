"""The manager's own coaching work between 1:1s: pre-briefs, debriefs and ride-alongs, logged in one line.

METHOD measures the manager too: `ride-along with sam`, `debrief priya on Acme`, `pre-brief maya for the
Globex call`. The kind comes first (a few spellings each), then the rep, by id or first name (or full
name); what follows `on`/`for`/`about`/`re` is what it was about. Pure: text in, an `Activity` or one
plain reason out.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from enum import StrEnum

from oneonone_tui.domain._record import record
from oneonone_tui.domain.team import Rep, Team


class ActivityKind(StrEnum):
    PRE_BRIEF = "pre-brief"
    DEBRIEF = "debrief"
    RIDE_ALONG = "ride-along"


_KINDS = {
    ActivityKind.PRE_BRIEF: ("pre-brief", "prebrief", "pre brief", "pre-briefed", "prep", "pre-call"),
    ActivityKind.DEBRIEF: ("debrief", "debriefed", "de-brief", "post-call"),
    ActivityKind.RIDE_ALONG: ("ride-along", "ridealong", "ride along", "rode along", "shadow", "shadowed",
                              "joined call", "co-call"),
}
_FILLER = {"with", "for", "of", "to", "w/"}
_ABOUT = {"on", "for", "about", "re", "re:", "-", "—", "at"}
MAX_TEXT = 200


@record(frozen=True, slots=True, kw_only=True)
class Activity:
    """One logged coaching activity: a pre-brief, debrief or ride-along with a rep, in a week."""

    kind: ActivityKind
    rep_id: str
    about: str = ""
    week: str
    logged_at: datetime
    text: str  # the line as typed


class NotAnActivity(ValueError):
    pass


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _rep(team: Team, words: list[str]) -> tuple[Rep, int] | None:
    """The rep named by the first word(s) of `words` (id, first name, or full name) and how many words it took."""
    folded = [_fold(w).strip(",.;:") for w in words]
    for rep in team.reps:
        name = _fold(rep.name).split()
        if folded[: len(name)] == name:
            return rep, len(name)
    if not folded:
        return None
    first = folded[0]
    for rep in team.reps:
        if first == _fold(rep.id):
            return rep, 1
    matches = [rep for rep in team.reps if _fold(rep.name).split()[0] == first]
    if len(matches) == 1:
        return matches[0], 1
    return None


def parse_activity(team: Team, text: str, week: str, now: datetime) -> Activity:
    """`ride-along with sam` -> Activity; NotAnActivity with what to type when it is not one."""
    line = " ".join(text.split())
    if not line:
        raise NotAnActivity("type a pre-brief, debrief or ride-along and the rep, e.g. `debrief priya on Acme`")
    if len(line) > MAX_TEXT:
        raise NotAnActivity(f"keep it to one line of at most {MAX_TEXT} characters")
    folded = _fold(line)
    kind = None
    rest = ""
    for candidate, spellings in _KINDS.items():
        for spelling in sorted(spellings, key=len, reverse=True):
            if folded == spelling or folded.startswith(spelling + " "):
                kind, rest = candidate, line[len(spelling):].strip()
                break
        if kind:
            break
    if kind is None:
        raise NotAnActivity("start with pre-brief, debrief or ride-along, e.g. `ride-along with sam`")
    words = rest.split()
    while words and _fold(words[0]) in _FILLER:
        words = words[1:]
    found = _rep(team, words)
    if found is None:
        who = f"`{words[0]}`" if words else "no rep"
        raise NotAnActivity(f"{who} is not a rep on {team.name}; name them by first name or id, "
                            f"e.g. `{kind.value} {team.reps[0].name.split()[0].lower()}`")
    rep, used = found
    about_words = words[used:]
    if about_words and _fold(about_words[0]) in _ABOUT:
        about_words = about_words[1:]
    return Activity(kind=kind, rep_id=rep.id, about=" ".join(about_words), week=week, logged_at=now, text=line)


def counts_per_rep(team: Team, activities: list[Activity]) -> dict[str, dict[ActivityKind, int]]:
    """Activities per rep (every rep of the team, zeros included) and kind."""
    counts = {rep.id: {kind: 0 for kind in ActivityKind} for rep in team.reps}
    for activity in activities:
        if activity.rep_id in counts:
            counts[activity.rep_id][activity.kind] += 1
    return counts
