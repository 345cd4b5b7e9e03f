"""The lossless export: everything the database holds for a selection, with the team, as JSON.

Format (documented in the README, "Exports"): an object with

- `format`: "oneonone-sessions"; `version`: 1 (this module's :data:`VERSION`);
- `private_notes`: whether the sessions carry their private notes (`--include-private`); without it
  every session's `private_notes` field is left out, never exported empty by mistake;
- `team`: the team, as the database keeps it (the store's codec);
- `sessions`: every 1:1 of the selection, ordered by week then by the team's rep order, each as the
  store writes it (`rep_id`, `week`, `state`, `entries`, `commitments`, `to_review`, `reviews`,
  `shared_notes`, `private_notes`, `started_at`, `finished_at`, `seconds_spent`, `activity_opened`).

Nothing in it depends on when it was written, so export → import → export is byte-identical.
"""

from __future__ import annotations

import json
import re
from typing import Any

from oneonone_tui.domain.records import Session
from oneonone_tui.domain.team import Team
from oneonone_tui.domain.weeks import is_week
from oneonone_tui.export.selection import Selection
from oneonone_tui.store.codec import CodecError, decode_session, decode_team, encode_session, encode_team

# JSON escapes C0 controls itself; DEL and the C1 controls (a terminal obeys \x9b as CSI) are escaped
# too, so the file is safe to print and still the same data.
_C1 = re.compile("[\x7f-\x9f]")

FORMAT = "oneonone-sessions"
VERSION = 1


class ImportProblem(ValueError):
    """A file that is not an export this program can load; the message names the field and what to do."""


def render(selection: Selection, *, include_private: bool = False) -> str:
    sessions = []
    for session in selection.sessions:
        doc = encode_session(session)
        if not include_private:
            del doc["private_notes"]
        sessions.append(doc)
    document = {"format": FORMAT, "version": VERSION, "private_notes": include_private,
                "team": encode_team(selection.team), "sessions": sessions}
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, indent=2) + "\n"
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def parse(raw: bytes) -> tuple[Team, list[Session], bool]:
    """The team, the sessions and whether private notes were included; ImportProblem naming the fault."""
    try:
        document: Any = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ImportProblem(f"not UTF-8 text (byte {error.start}); give a file written by "
                            "`oneonone export --format json`") from None
    except (ValueError, RecursionError) as error:
        raise ImportProblem(f"not valid JSON ({error}); give a file written by `oneonone export --format json`") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem(f"format: expected {FORMAT!r}; this is not a file written by "
                            "`oneonone export --format json`")
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise ImportProblem(f"version: expected a whole number, got {version!r}")
    if version > VERSION:
        raise ImportProblem(f"version: {version} was written by a newer oneonone (this one reads up to "
                            f"{VERSION}); import it with that version")
    include_private = document.get("private_notes")
    if type(include_private) is not bool:
        raise ImportProblem(f"private_notes: expected true or false, got {include_private!r}")
    try:
        team = decode_team(document.get("team"), "team")
    except CodecError as error:
        raise ImportProblem(str(error)) from None
    docs = document.get("sessions")
    if type(docs) is not list:
        raise ImportProblem("sessions: expected a list of 1:1s")
    rep_ids = {rep.id for rep in team.reps}
    sessions: list[Session] = []
    seen: dict[tuple[str, str], int] = {}
    for index, doc in enumerate(docs):
        where = f"sessions[{index}]"
        if type(doc) is dict and include_private is False and "private_notes" in doc:
            raise ImportProblem(f"{where}.private_notes: present, but the file says private_notes is false")
        try:
            session = decode_session(doc, where)
        except CodecError as error:
            raise ImportProblem(str(error)) from None
        if not is_week(session.week):
            raise ImportProblem(f"{where}.week: {session.week!r} is not an ISO week like 2026-W48")
        if session.rep_id not in rep_ids:
            raise ImportProblem(f"{where}.rep_id: {session.rep_id!r} is not a rep of the file's team")
        key = (session.week, session.rep_id)
        if key in seen:
            raise ImportProblem(f"{where}: {session.rep_id}'s 1:1 of {session.week} is already sessions[{seen[key]}]")
        seen[key] = index
        sessions.append(session)
    return team, sessions, include_private
