"""1:1 notes a person reads: CommonMark (with GitHub task lists), in the method's order.

Last week's commitments and what happened; Results, Pipeline, then Activity (or the sentence why it
stayed folded); each gap with its numbers, the how-come question, the rep's answer and the
diagnosis with its plan; the new commitments as task-list items; the shared notes. Private notes
only when asked for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator


from oneonone_tui.domain import progression
from oneonone_tui.domain.progression import ACTIVITY_FOLD_REASON, Band, Standing
from oneonone_tui.domain.records import Commitment, Owner, Session, SessionState, Verdict
from oneonone_tui.domain.team import Stage
from oneonone_tui.domain.weeks import monday_of
from oneonone_tui.domain.wording import visible, visible_line
from oneonone_tui.export.selection import Selection, day_text

STAGE_HEADINGS = {Stage.RESULTS: "1 · Results", Stage.PIPELINE: "2 · Pipeline", Stage.ACTIVITY: "3 · Activity"}
VERDICT_WORDS = {Verdict.KEPT: "Kept", Verdict.PARTLY: "Partly kept", Verdict.NOT_KEPT: "Not kept"}
BAND_WORDS = {Band.ON: "on target", Band.NEAR: "near target", Band.SHORT: "short"}
STATE_WORDS = {SessionState.NOT_STARTED: "not started", SessionState.IN_PROGRESS: "in progress",
               SessionState.DONE: "done"}

# Characters CommonMark gives a meaning inline; escaped so the rep's words show as typed.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&\x00-\x1f\x7f-\x9f]")
# What would open a block at the start of a line: a heading, a quote, a list item, a rule, a fence.
_BLOCK_START = re.compile(r"^( {0,3})(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|=+\s*$|(\d{1,9})([.)])(?=\s|$))")


def text(value: str) -> str:
    """One line of data as literal CommonMark inline text (control characters made visible)."""
    if not _SPECIAL.search(value):
        return value  # most text: nothing to escape (one search instead of three substitutions)
    return _ENTITY.sub("\\&", _INLINE.sub(r"\\\1", visible_line(value)))


def _line(value: str) -> str:
    """A line of a multi-line block: inline escapes, and nothing that would start a block."""
    escaped = text(value.strip())

    def block(match: re.Match[str]) -> str:
        if match.group(3):  # "1." -> "1\." : an ordered list marker
            return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"
        return f"{match.group(1)}\\{match.group(2)}"

    return _BLOCK_START.sub(block, escaped, count=1)


def paragraphs(value: str, prefix: str = "") -> list[str]:
    """Multi-line data as paragraphs: its line breaks kept (hard breaks), blank lines between paragraphs."""
    lines = visible(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").split("\n")
    out: list[str] = []
    block: list[str] = []
    for raw in [*lines, ""]:
        if raw.strip():
            block.append(_line(raw))
            continue
        if block:
            if out:
                out.append(prefix.rstrip())
            out.extend(prefix + line + ("\\" if index < len(block) - 1 else "") for index, line in enumerate(block))
            block = []
    return out


def _percent(ratio: float | None) -> str:
    if ratio is None or not math.isfinite(ratio):
        return ""
    return f"{math.floor(ratio * 100 + 0.5):d}%"


def _metric_line(s: Standing) -> str:
    label = text(s.metric.label)
    if s.actual is None:
        return f"- {label}: no actual recorded ({text(s.target_text())})"
    actual = text(progression.format_value(s.actual, s.metric.unit))
    words = BAND_WORDS[s.band] if s.band is not None else ""
    return f"- {label}: **{actual}** against {text(s.target_text())} — {_percent(s.attainment)}, {words}"


def _gap(session: Session, s: Standing) -> list[str]:
    question = progression.how_come(s)
    if question is None:
        return []
    entry = session.entries.get(s.metric.id)
    out = ["", f"**Gap: {text(s.metric.label)}** — {text(question)}", ""]
    answer = entry.answer if entry else ""
    if answer.strip():
        out.extend(paragraphs(answer, "> "))
    else:
        out.append("*No answer written down.*")
    if entry is not None and entry.diagnosis is not None:
        skill = f" ({text(' '.join(entry.skill.split()))})" if entry.skill.strip() else ""
        out += ["", f"Diagnosis: {entry.diagnosis.value}{skill}. "
                    f"Plan: {text(progression.plan_for(entry.diagnosis, entry.skill))}"]
    else:
        out += ["", "Diagnosis: not made yet."]
    return out


def _standings(selection: Selection, session: Session, stage: Stage) -> list[Standing]:
    return progression.standings(selection.team, selection.rep(session.rep_id), session, stage, session.week)


def _stage(selection: Selection, session: Session, stage: Stage, level: str,
           standings: list[Standing] | None = None) -> list[str]:
    if standings is None:
        standings = _standings(selection, session, stage)
    out = ["", f"{level} {STAGE_HEADINGS[stage]}", ""]
    if not standings:
        return out + ["No metrics at this stage."]
    out.extend(_metric_line(s) for s in standings)
    for s in standings:
        out.extend(_gap(session, s))
    return out


def _owner(selection: Selection, commitment: Commitment) -> str:
    if commitment.owner is Owner.MANAGER:
        return f" — **manager** ({text(selection.team.manager)})"
    return ""


def commitment_item(selection: Selection, commitment: Commitment) -> str:
    """`re-engage 5 stalled opps — due Fri 27 Nov`, and who owes it when it is the manager."""
    return f"{text(commitment.text)} — due {day_text(commitment.due)}{_owner(selection, commitment)}"


def _reviews(selection: Selection, session: Session, level: str) -> list[str]:
    if not session.to_review:
        return []
    out = ["", f"{level} Last week's commitments", ""]
    for commitment in session.to_review:
        review = session.reviews.get(commitment.id)
        verdict = VERDICT_WORDS[review.verdict] if review and review.verdict else "Not judged yet"
        line = f"- **{verdict}:** {commitment_item(selection, commitment)}"
        outcome = review.outcome.strip() if review else ""
        if outcome:
            line += f". What happened: {text(' '.join(outcome.split()))}"
        out.append(line)
    return out


def _activity(selection: Selection, session: Session, level: str, results: list[Standing],
              pipeline: list[Standing]) -> list[str]:
    if not progression.activity_folded(results, pipeline):
        return _stage(selection, session, Stage.ACTIVITY, level)
    if not session.activity_opened:
        return ["", f"{level} {STAGE_HEADINGS[Stage.ACTIVITY]}", "", text(ACTIVITY_FOLD_REASON)]
    out = _stage(selection, session, Stage.ACTIVITY, level)
    return [*out[:3], "Opened by the manager: results and pipeline were on target.", "", *out[3:]]


def _held(session: Session, with_week: bool) -> str:
    parts = [f"Week of Mon {_day(monday_of(session.week))}"] if with_week else []
    if session.started_at is not None:
        parts.append(f"held {day_text(session.started_at.date())} {session.started_at:%Y}")
    parts.append(STATE_WORDS[session.state])
    if session.seconds_spent:
        parts.append(f"{max(1, round(session.seconds_spent / 60))} min")
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}"


def session_lines(selection: Selection, session: Session, depth: int, *, include_private: bool,
                  with_week: bool = False) -> list[str]:
    """One 1:1's sections, headed at `depth` (2: `##`)."""
    level = "#" * depth
    out = [_held(session, with_week)]
    out += _reviews(selection, session, level)
    results = _standings(selection, session, Stage.RESULTS)
    pipeline = _standings(selection, session, Stage.PIPELINE)
    out += _stage(selection, session, Stage.RESULTS, level, results)
    out += _stage(selection, session, Stage.PIPELINE, level, pipeline)
    out += _activity(selection, session, level, results, pipeline)
    out += ["", f"{level} New commitments", ""]
    if session.commitments:
        out += [f"- [ ] {commitment_item(selection, c)}" for c in session.commitments]
    else:
        out.append("None made.")
    if session.shared_notes.strip():
        out += ["", f"{level} Notes", ""] + paragraphs(session.shared_notes)
    if include_private and session.private_notes.strip():
        out += ["", f"{level} Private notes (the manager's own: not for the rep)", ""]
        out += paragraphs(session.private_notes)
    return out


def _week_heading(week: str) -> str:
    return f"{week} · week of Mon {_day(monday_of(week))}"


def render(selection: Selection, *, include_private: bool = False) -> str:
    """The selection as one markdown document (`render_pieces`, joined)."""
    return "".join(render_pieces(selection, include_private=include_private))


def render_pieces(selection: Selection, *, include_private: bool = False) -> Iterator[str]:
    """The selection as one markdown document, in pieces whose concatenation is the document, each
    made as the one before it is taken (an export writes a rep's notes before the next rep's are
    rendered: a year of a team is ~10 million characters, 20 MB as a str with any non-Latin-1
    character, held whole until written before).

    One 1:1: its notes. One rep over several weeks: a running file, newest week first. One week of
    several reps: the team's week. Otherwise each rep's running file, one after the other.
    """
    sessions = selection.sessions
    team = selection.team
    out: list[str]
    if len(sessions) == 1:
        session = sessions[0]
        rep = selection.rep(session.rep_id)
        out = [f"# {text(rep.name)} — 1:1 of {session.week}", ""]
        out += session_lines(selection, session, 2, include_private=include_private, with_week=True)
    elif len(selection.rep_ids) == 1:
        rep = selection.rep(selection.rep_ids[0])
        out = [f"# {text(rep.name)} — 1:1 notes", "", _scope(selection)]
        for session in reversed(sessions):
            out += ["", f"## {_week_heading(session.week)}", ""]
            out += session_lines(selection, session, 3, include_private=include_private)
    elif len(selection.weeks) == 1:
        out = [f"# {text(team.name)} — 1:1s of {_week_heading(selection.weeks[0])}", "",
               f"Manager: {text(team.manager)} · {len(sessions)} 1:1s"]
        for session in sessions:
            out += ["", f"## {text(selection.rep(session.rep_id).name)}", ""]
            out += session_lines(selection, session, 3, include_private=include_private)
    else:
        # A part per rep's heading and per 1:1, each made when the one before it has been taken
        # (a few KB: nothing large is ever allocated). Joining the joined parts with the same
        # separator gives the same text.
        def parts() -> Iterator[str]:
            head = [f"# {text(team.name)} — 1:1 notes", "", _scope(selection)]
            for rep_id in selection.rep_ids:
                yield "\n".join([*head, "", f"## {text(selection.rep(rep_id).name)}"])
                head = []
                for session in reversed(selection.of_rep(rep_id).sessions):
                    yield "\n".join(["", f"### {_week_heading(session.week)}", "",
                                     *session_lines(selection, session, 4, include_private=include_private)])
            if head:
                yield "\n".join(head)

        return _document(parts())
    return _document(iter(["\n".join(out)]))


def _document(parts: Iterator[str]) -> Iterator[str]:
    """`"\\n".join(parts).rstrip("\\n") + "\\n"`, as pieces: a part is held back only while
    it could be the last (its trailing line breaks are the document's to strip)."""
    held: list[str] = []  # parts that are only line breaks, and the part before them
    first = True
    for part in parts:
        if not first:
            held.append("\n")
        first = False
        if part.rstrip("\n"):
            yield from held
            held = [part]
        else:
            held.append(part)
    body = "".join(held).rstrip("\n")
    if body:
        yield body
    yield "\n"


def _scope(selection: Selection) -> str:
    weeks = selection.weeks
    span = weeks[0] if len(weeks) == 1 else f"{weeks[0]} to {weeks[-1]}"
    count = len(selection.sessions)
    return f"{count} 1:1{'s' if count != 1 else ''}, {span}, newest first · manager: {text(selection.team.manager)}"


