"""Open commitments as calendar entries: iCalendar (RFC 5545) VTODOs, or all-day VEVENTs.

Written with the `icalendar` package (CRLF, 75-octet folding, escaping of `\\ ; , newline`), which is
imported only here, only when exporting. A commitment's UID is made from its id, so exporting
again and re-importing updates the entry instead of adding a second one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from oneonone_tui.domain import one_on_one
from oneonone_tui.domain.records import Commitment, Owner, Session
from oneonone_tui.domain.wording import visible_line, visible
from oneonone_tui.export.selection import Selection

PRODID = "-//oneonone-tui//1:1 commitments//EN"
UID_DOMAIN = "oneonone-tui"


def uid(commitment: Commitment) -> str:
    return f"{commitment.id}@{UID_DOMAIN}"


def open_commitments(selection: Selection) -> list[tuple[Session, Commitment]]:
    """What each rep still owes after their latest 1:1 in the selection (`one_on_one.open_commitments`)."""
    latest: dict[str, Session] = {}
    for session in selection.sessions:
        latest[session.rep_id] = session  # sessions are ordered by week: the last one wins
    owed = []
    for rep_id in selection.rep_ids:
        session = latest[rep_id]
        owed.extend((session, c) for c in one_on_one.open_commitments(session, None))
    return owed


def summary(selection: Selection, session: Session, commitment: Commitment) -> str:
    rep = selection.rep(session.rep_id)
    if commitment.owner is Owner.MANAGER:
        return visible_line(f"{selection.team.manager} (for {rep.name}): {commitment.text}")
    return visible_line(f"{rep.name}: {commitment.text}")


def render(selection: Selection, *, events: bool = False, stamp: datetime) -> str:
    """The calendar; `stamp` (UTC) is each entry's DTSTAMP. `events`: VEVENTs (Google Calendar ignores VTODOs)."""
    import icalendar  # only when exporting: not on the app's start-up path

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", visible_line(f"{selection.team.name}: 1:1 commitments"))
    for session, commitment in open_commitments(selection):
        component = icalendar.Event() if events else icalendar.Todo()
        component.add("uid", uid(commitment))
        component.add("dtstamp", stamp)
        component.add("summary", summary(selection, session, commitment))
        details = [commitment.text, "", f"Made in the 1:1 of {commitment.made_week} with {selection.rep(session.rep_id).name}."]
        if commitment.number is not None:
            details.append(f"Number: {commitment.number:g}.")
        if commitment.stage:
            details.append(f"Stage: {commitment.stage}.")
        component.add("description", visible("\n".join(details)))
        if events:
            component.add("dtstart", commitment.due)
            component.add("dtend", commitment.due + timedelta(days=1))
            component.add("transp", "TRANSPARENT")
        else:
            component.add("due", commitment.due)
            component.add("status", "NEEDS-ACTION")
        calendar.add_component(component)
    return calendar.to_ical().decode("utf-8")
