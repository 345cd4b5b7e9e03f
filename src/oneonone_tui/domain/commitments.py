"""The commitment grammar: one typed line such as `re-engage 5 stalled opps due:fri #pipeline`.

METHOD (article 002): a commitment has words, an owner, a due date and, where it has one, a number.
The grammar takes those from one line the manager types while the rep is talking, so it never
refuses a line: anything it cannot read stays in the text, and a note says what happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field
from datetime import date, timedelta

from oneonone_tui.domain._record import record
from oneonone_tui.domain.records import Commitment, Owner
from oneonone_tui.domain.team import Stage

NO_DUE_NOTE = "no due date: due at the next 1:1"
NO_TEXT_NOTE = "write what will be done"

_WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}
_STAGES = {stage.value: stage.value for stage in Stage}
_MANAGER = {"@me", "@manager", "@mgr"}  # the manager types the line, so "me" is the manager
_REP = {"@rep"}

# Escape sequences a paste from a terminal can carry (CSI `ESC [ ... m`, OSC `ESC ] ... BEL`),
# removed whole so their parameters do not end up in the text as `[31m`.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_TRAILING = ".,;!?)"

_TAG_WORD = re.compile(r"^[a-z][\w.-]*$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_RELATIVE = re.compile(r"^\+(\d{1,4})([dw])$")

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100,
}
# A number standing on its own: not part of a word ("Q1", "24h"), a date or a time ("12-01", "3:30").
_NUMBER = re.compile(
    r"(?<![\w.,/:-])(?:(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([kKmM])?"
    r"|(" + "|".join(_WORD_NUMBERS) + r"))(?![\w-]|[.,/:]\d)",
    re.IGNORECASE,
)


@record(frozen=True)
class ParsedCommitment:
    """What a typed line says; `notes` are plain-language remarks on what was read or left out."""

    text: str
    due: date | None
    owner: Owner = Owner.REP
    number: float | None = None
    metric_id: str | None = None
    stage: str | None = None
    notes: list[str] = field(default_factory=list)


def clean(line: str) -> str:
    """Drop terminal escapes and control characters; tabs and newlines become spaces."""
    line = _ANSI.sub("", line)
    return "".join(" " if ch in "\t\n\r\v\f" else ch for ch in line if ch in "\t\n\r\v\f" or _printable(ch))


def _printable(ch: str) -> bool:
    code = ord(ch)
    return not (code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF)


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def parse_due(value: str, today: date) -> date | None:
    """`fri`, `today`, `tomorrow`, `eow`, `2026-12-01`, `12-01`, `+3d`, `+2w`; None if unreadable."""
    value = value.strip().lower()
    try:
        if value in _WEEKDAYS:
            # The next one after today, as calendars and taskwarrior read it: "due:wed" said on a
            # Wednesday means next Wednesday (`due:today` says today).
            return _next_weekday(today + timedelta(days=1), _WEEKDAYS[value])
        if value in ("today", "tod"):
            return today
        if value in ("tomorrow", "tmrw", "tmr"):
            return today + timedelta(days=1)
        if value == "eow":
            # End of the working week: this Friday, or the next one once Friday has passed.
            return _next_weekday(today, 4)
        if match := _ISO.match(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _MONTH_DAY.match(value):
            month, day = int(match[1]), int(match[2])
            this_year = date(today.year, month, day)
            # A month and day without a year is the next such date: in December, 01-15 is January.
            return this_year if this_year >= today else date(today.year + 1, month, day)
        if match := _RELATIVE.match(value):
            amount = int(match[1])
            return today + (timedelta(days=amount) if match[2] == "d" else timedelta(weeks=amount))
    except (ValueError, OverflowError):
        return None
    return None


def _number_in(text: str) -> float | None:
    match = _NUMBER.search(text)
    if not match:
        return None
    if match[4]:
        return float(_WORD_NUMBERS[match[4].lower()])
    value = float(match[1].replace(",", "") + (match[2] or ""))
    scale = {"k": 1_000, "m": 1_000_000}.get((match[3] or "").lower(), 1)
    return value * scale


def parse_commitment(line: str, today: date, metric_ids: Iterable[str] = ()) -> ParsedCommitment:
    """Read one typed line. Never raises: what it cannot read stays in the text, with a note."""
    known_metrics = {metric_id.lower(): metric_id for metric_id in metric_ids}
    tokens = clean(str(line)).split()
    words: list[str] = []
    notes: list[str] = []
    due: date | None = None
    due_seen = False
    owner = Owner.REP
    stage: str | None = None
    metric_id: str | None = None

    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        lowered = token.lower()
        if lowered.startswith("due:"):
            value = token[4:].rstrip(_TRAILING)
            if not value and index < len(tokens):
                value = tokens[index].rstrip(_TRAILING)  # "due: fri" with a space
                index += 1
            if due_seen:
                notes.append(f"more than one due date: due:{value} is the one kept")
            due_seen = True
            due = parse_due(value, today)
            if due is None:
                shown = value or "(nothing)"
                notes.append(f"due:{shown} not understood (try due:fri, due:2026-12-01 or due:+3d)")
            elif due < today:
                notes.append(f"due {due.isoformat()} is already past")
            continue
        bare = lowered.rstrip(_TRAILING)
        if bare in _MANAGER:
            owner = Owner.MANAGER
            continue
        if bare in _REP:
            owner = Owner.REP
            continue
        if bare.startswith("#") and len(bare) > 1:
            tag = bare[1:]
            if tag in _STAGES:
                stage = _STAGES[tag]
                continue
            if tag in known_metrics:
                metric_id = known_metrics[tag]
                continue
            if _TAG_WORD.match(tag):  # "#1 priority" is plain text, not a mistyped tag
                notes.append(f"unknown tag {token.rstrip(_TRAILING)} kept as text")
        words.append(token)

    text = " ".join(words)
    if not text:
        notes.append(NO_TEXT_NOTE)
    if due is None:
        notes.append(NO_DUE_NOTE)
    return ParsedCommitment(text=text, due=due, owner=owner, number=_number_in(text), metric_id=metric_id,
                            stage=stage, notes=notes)


def to_commitment(parsed: ParsedCommitment, *, id: str, made_week: str, next_one_on_one: date) -> Commitment:
    """The commitment to record; with no due date it is due at the next 1:1, and says so."""
    return Commitment(
        id=id,
        text=parsed.text,
        owner=parsed.owner,
        due=parsed.due or next_one_on_one,
        due_defaulted=parsed.due is None,
        number=parsed.number,
        metric_id=parsed.metric_id,
        stage=parsed.stage,
        made_week=made_week,
    )
