"""The store's own codec: records to JSON-ready dicts and back, strictly.

The store reads only files it wrote, so decoding accepts exactly the form :func:`encode_session`
and :func:`encode_team` produce (fields may be missing, taking their defaults; unknown fields are
ignored) and rejects anything else with a :class:`CodecError` that names the path of the fault:
``sessions[3].entries.calls.actual: expected a finite number >= 0, got "12k"``. It never coerces
("12" is not 12) and never raises anything else, whatever the JSON.

Not pydantic: untrusted input (a team file, an import) is checked by pydantic under `teamfile/`;
this is a few direct type checks, fast enough for the ~200 sessions read at start-up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from oneonone_tui.domain.records import (Commitment, Diagnosis, Level, MetricEntry, Owner, Review, Session, SessionState,
                                         Verdict)
from oneonone_tui.domain.team import (ID_RE, LIMITS, Direction, Escalation, Indicator, Metric, Period, Rep, Stage,
                                      Team, escalation_order_issue, json_path, rule_issues)

E = TypeVar("E", bound=Enum)
_MISSING: Any = object()
MAX_EXACT = 2**53  # every whole number up to here is exactly a float
# A commitment id as this program makes them (uuid hex, or `<rep>-<week>-<n>` in the demo): a plain token.
COMMITMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


class CodecError(ValueError):
    """A stored document is not in the form this program writes; `path` says where."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _show(value: Any) -> str:
    import json

    try:
        text = json.dumps(value, ensure_ascii=True, allow_nan=True)
    except (TypeError, ValueError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


class _Reader:
    """Reads the fields of one JSON object at `path`; every fault names its path."""

    __slots__ = ("doc", "path")

    def __init__(self, doc: Any, path: str) -> None:
        if type(doc) is not dict:
            raise CodecError(path, f"expected an object, got {_show(doc)}")
        self.doc = doc
        self.path = path

    def at(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, expected: str, value: Any) -> CodecError:
        return CodecError(self.at(name), f"expected {expected}, got {_show(value)}")

    def _get(self, name: str, default: Any) -> Any:
        value = self.doc.get(name, _MISSING)
        if value is _MISSING:
            if default is _MISSING:
                raise CodecError(self.at(name), "is missing")
            return default
        return value

    def text(self, name: str, default: Any = _MISSING, limits: tuple[int | None, int | None] | None = None) -> str:
        value = self._get(name, default)
        if type(value) is not str:
            raise self.fail(name, "text", value)
        if limits is not None:
            low, high = limits
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                raise CodecError(self.at(name), f"expected text of {low}-{high} characters, got {len(value)}")
        return value

    def optional_text(self, name: str) -> str | None:
        value = self._get(name, None)
        return None if value is None else self.text(name)

    def ident(self, name: str) -> str:
        value = self.text(name)
        if not ID_RE.fullmatch(value):
            raise self.fail(name, "an id (letters, digits, _ . -; at most 64)", value)
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        value = self._get(name, default)
        if type(value) is not bool:
            raise self.fail(name, "true or false", value)
        return value

    def whole(self, name: str, default: Any = _MISSING, limits: tuple[int | None, int | None] = (0, None)) -> int:
        value = self._get(name, default)
        low, high = limits
        if type(value) is not int or (low is not None and value < low) or (high is not None and value > high):
            bounds = f"{low}" + (f"-{high}" if high is not None else " or more")
            raise self.fail(name, f"a whole number {bounds}", value)
        return value

    def number(self, name: str, default: Any = _MISSING) -> float:
        value = self._get(name, default)
        return _number(value, self.at(name))

    def optional_number(self, name: str) -> float | None:
        value = self._get(name, None)
        return None if value is None else _number(value, self.at(name))

    def member(self, name: str, enum: type[E], default: Any = _MISSING) -> E:
        value = self._get(name, default)
        if type(value) is enum:
            return value
        try:
            return enum(value) if type(value) is str else _raise()
        except ValueError:
            choices = ", ".join(member.value for member in enum)
            raise self.fail(name, f"one of {choices}", value) from None

    def optional_member(self, name: str, enum: type[E]) -> E | None:
        value = self._get(name, None)
        return None if value is None else self.member(name, enum)

    def day(self, name: str) -> date:
        value = self._get(name, _MISSING)
        if type(value) is str and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(name, "a date written YYYY-MM-DD", value)

    def optional_day(self, name: str) -> date | None:
        return None if self._get(name, None) is None else self.day(name)

    def moment(self, name: str) -> datetime | None:
        value = self._get(name, None)
        if value is None:
            return None
        if type(value) is str and len(value) >= 19:
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(name, "a date and time written YYYY-MM-DDTHH:MM:SS", value)

    def items(self, name: str, kind: type) -> Any:
        value = self._get(name, kind())
        if type(value) is not kind:
            raise self.fail(name, "a list" if kind is list else "an object", value)
        return value


def _sub(path: str, key: str) -> str:
    """`path` then `key` as json_path writes it: `.calls`, or `["odd key"]`."""
    step = json_path((key,))
    return path + (step if step.startswith("[") else "." + step)


def _raise() -> Any:
    raise ValueError


def _number(value: Any, path: str) -> float:
    kind = type(value)
    if kind is float and 0.0 <= value < math.inf:
        return value
    if kind is int and 0 <= value <= MAX_EXACT:
        return float(value)
    if kind is float and math.isnan(value):
        raise CodecError(path, "expected a finite number >= 0, got NaN")
    raise CodecError(path, f"expected a finite number >= 0, got {_show(value)}")


# --- sessions ---------------------------------------------------------------------------------


def _entry(doc: Any, path: str) -> MetricEntry:
    r = _Reader(doc, path)
    return MetricEntry(metric_id=r.text("metric_id"), actual=r.optional_number("actual"), answer=r.text("answer", ""),
                       diagnosis=r.optional_member("diagnosis", Diagnosis), skill=r.text("skill", ""))


def _commitment(doc: Any, path: str) -> Commitment:
    r = _Reader(doc, path)
    commitment_id = r.text("id")
    if not COMMITMENT_ID.fullmatch(commitment_id):
        raise r.fail("id", "a plain id (letters, digits, _ . -; at most 128)", commitment_id)
    return Commitment(id=commitment_id, text=r.text("text"), owner=r.member("owner", Owner, Owner.REP),
                      due=r.day("due"), due_defaulted=r.flag("due_defaulted"), number=r.optional_number("number"),
                      metric_id=r.optional_text("metric_id"), stage=r.optional_text("stage"),
                      made_week=r.text("made_week"))


def _review(doc: Any, path: str) -> Review:
    r = _Reader(doc, path)
    return Review(commitment_id=r.text("commitment_id"), verdict=r.optional_member("verdict", Verdict),
                  outcome=r.text("outcome", ""), achieved=r.optional_number("achieved"), answer=r.text("answer", ""),
                  diagnosis=r.optional_member("diagnosis", Diagnosis), carried_to=r.optional_day("carried_to"))


def _commitments(r: _Reader, name: str, seen: set[str]) -> list[Commitment]:
    """The commitments under `name`; an id already in `seen` (this session's ids so far) is a fault."""
    made = [_commitment(doc, f"{r.at(name)}[{index}]") for index, doc in enumerate(r.items(name, list))]
    for index, commitment in enumerate(made):
        if commitment.id in seen:
            raise CodecError(f"{r.at(name)}[{index}].id",
                             f"commitment id {_show(commitment.id)} appears twice in this session")
        seen.add(commitment.id)
    return made


def _mapping(r: _Reader, name: str, read: Callable[[Any, str], Any]) -> dict[str, Any]:
    return {key: read(doc, _sub(r.at(name), key)) for key, doc in r.items(name, dict).items()}


# --- the fast path: what this program writes, checked with plain type tests; any doubt goes to the
# precise reader above, which names the fault (the same rules, spelled once more only as checks).

_ENTRY_KEYS = frozenset(("metric_id", "actual", "answer", "diagnosis", "skill"))
_COMMITMENT_KEYS = frozenset(("id", "text", "owner", "due", "due_defaulted", "number", "metric_id", "stage",
                              "made_week"))
_REVIEW_KEYS = frozenset(("commitment_id", "verdict", "outcome", "achieved", "answer", "diagnosis", "carried_to"))
_LEVELS = {lv.value: lv for lv in Level}
_DIAGNOSES = {d.value: d for d in Diagnosis}
_VERDICTS = {v.value: v for v in Verdict}
_OWNERS = {o.value: o for o in Owner}
_STATES = {s.value: s for s in SessionState}


class _Doubt(Exception):
    """The fast path cannot vouch for a document: the precise reader decides (and names the fault)."""


def _fast_number(value: Any) -> float | None:
    if value is None:
        return None
    kind = type(value)
    if kind is float and 0.0 <= value < math.inf:
        return value
    if kind is int and 0 <= value <= MAX_EXACT:
        return float(value)
    raise _Doubt


def _fast_text(value: Any) -> str:
    if type(value) is not str:
        raise _Doubt
    return value


def _fast_entry(doc: Any) -> MetricEntry:
    if type(doc) is not dict or doc.keys() != _ENTRY_KEYS:
        raise _Doubt
    diagnosis = doc["diagnosis"]
    return MetricEntry(metric_id=_fast_text(doc["metric_id"]), actual=_fast_number(doc["actual"]),
                       answer=_fast_text(doc["answer"]),
                       diagnosis=None if diagnosis is None else _DIAGNOSES[diagnosis],
                       skill=_fast_text(doc["skill"]))


def _fast_commitment(doc: Any, seen: set[str]) -> Commitment:
    if type(doc) is not dict or doc.keys() != _COMMITMENT_KEYS:
        raise _Doubt
    cid, due, metric_id, stage = doc["id"], doc["due"], doc["metric_id"], doc["stage"]
    if (type(cid) is not str or cid in seen or not COMMITMENT_ID.fullmatch(cid) or type(due) is not str
            or len(due) != 10 or type(doc["due_defaulted"]) is not bool
            or (metric_id is not None and type(metric_id) is not str)
            or (stage is not None and type(stage) is not str)):
        raise _Doubt
    seen.add(cid)
    return Commitment(id=cid, text=_fast_text(doc["text"]), owner=_OWNERS[doc["owner"]], due=date.fromisoformat(due),
                      due_defaulted=doc["due_defaulted"], number=_fast_number(doc["number"]), metric_id=metric_id,
                      stage=stage, made_week=_fast_text(doc["made_week"]))


def _fast_review(doc: Any) -> Review:
    if type(doc) is not dict or doc.keys() != _REVIEW_KEYS:
        raise _Doubt
    verdict, diagnosis, carried = doc["verdict"], doc["diagnosis"], doc["carried_to"]
    if carried is not None and (type(carried) is not str or len(carried) != 10):
        raise _Doubt
    return Review(commitment_id=_fast_text(doc["commitment_id"]),
                  verdict=None if verdict is None else _VERDICTS[verdict], outcome=_fast_text(doc["outcome"]),
                  achieved=_fast_number(doc["achieved"]), answer=_fast_text(doc["answer"]),
                  diagnosis=None if diagnosis is None else _DIAGNOSES[diagnosis],
                  carried_to=None if carried is None else date.fromisoformat(carried))


def _fast_moment(value: Any) -> datetime | None:
    if value is None:
        return None
    if type(value) is not str or len(value) < 19:
        raise _Doubt
    return datetime.fromisoformat(value)


def _fast_session(doc: Any) -> Session:
    if type(doc) is not dict:
        raise _Doubt
    entries, commitments, to_review, reviews = doc["entries"], doc["commitments"], doc["to_review"], doc["reviews"]
    seconds, opened = doc["seconds_spent"], doc["activity_opened"]
    if (type(entries) is not dict or type(commitments) is not list or type(to_review) is not list
            or type(reviews) is not dict or type(seconds) is not int or seconds < 0 or type(opened) is not bool):
        raise _Doubt
    seen: set[str] = set()
    held = doc["level_override"]
    return Session(
        rep_id=_fast_text(doc["rep_id"]), week=_fast_text(doc["week"]), state=_STATES[doc["state"]],
        entries={_fast_text(key): _fast_entry(value) for key, value in entries.items()},
        commitments=[_fast_commitment(c, seen) for c in commitments],
        to_review=[_fast_commitment(c, seen) for c in to_review],
        reviews={_fast_text(key): _fast_review(value) for key, value in reviews.items()},
        shared_notes=_fast_text(doc["shared_notes"]), private_notes=_fast_text(doc["private_notes"]),
        started_at=_fast_moment(doc["started_at"]), finished_at=_fast_moment(doc["finished_at"]),
        seconds_spent=seconds, activity_opened=opened,
        level_override=None if held is None else _LEVELS[held], override_reason=_fast_text(doc["override_reason"]))


def decode_session(doc: Any, path: str = "session") -> Session:
    """A session as :func:`encode_session` wrote it; CodecError naming the path of any fault."""
    try:
        return _fast_session(doc)
    except (_Doubt, KeyError, ValueError, TypeError, AttributeError):
        return _read_session(doc, path)


def _read_session(doc: Any, path: str) -> Session:
    r = _Reader(doc, path)
    ids: set[str] = set()
    return Session(
        rep_id=r.text("rep_id"), week=r.text("week"), state=r.member("state", SessionState, SessionState.NOT_STARTED),
        entries=_mapping(r, "entries", _entry), commitments=_commitments(r, "commitments", ids),
        to_review=_commitments(r, "to_review", ids), reviews=_mapping(r, "reviews", _review),
        shared_notes=r.text("shared_notes", ""), private_notes=r.text("private_notes", ""),
        started_at=r.moment("started_at"), finished_at=r.moment("finished_at"),
        seconds_spent=r.whole("seconds_spent", 0), activity_opened=r.flag("activity_opened"),
        level_override=r.optional_member("level_override", Level), override_reason=r.text("override_reason", ""))


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def encode_commitment(c: Commitment) -> dict[str, Any]:
    return {"id": c.id, "text": c.text, "owner": c.owner.value, "due": c.due.isoformat(),
            "due_defaulted": c.due_defaulted, "number": None if c.number is None else float(c.number),
            "metric_id": c.metric_id, "stage": c.stage, "made_week": c.made_week}


def encode_session(s: Session) -> dict[str, Any]:
    """A session as JSON-ready data (the form :func:`decode_session` reads back unchanged)."""
    return {
        "rep_id": s.rep_id, "week": s.week, "state": s.state.value,
        "entries": {key: {"metric_id": e.metric_id, "actual": None if e.actual is None else float(e.actual),
                          "answer": e.answer, "diagnosis": _value(e.diagnosis), "skill": e.skill}
                    for key, e in s.entries.items()},
        "commitments": [encode_commitment(c) for c in s.commitments],
        "to_review": [encode_commitment(c) for c in s.to_review],
        "reviews": {key: {"commitment_id": v.commitment_id, "verdict": _value(v.verdict), "outcome": v.outcome,
                          "achieved": None if v.achieved is None else float(v.achieved), "answer": v.answer,
                          "diagnosis": _value(v.diagnosis), "carried_to": _value(v.carried_to)}
                    for key, v in s.reviews.items()},
        "shared_notes": s.shared_notes, "private_notes": s.private_notes,
        "started_at": _value(s.started_at), "finished_at": _value(s.finished_at),
        "seconds_spent": s.seconds_spent, "activity_opened": s.activity_opened,
        "level_override": _value(s.level_override), "override_reason": s.override_reason,
    }


# --- the team ---------------------------------------------------------------------------------


def _metric(doc: Any, path: str) -> Metric:
    r = _Reader(doc, path)
    return Metric(id=r.ident("id"), label=r.text("label", limits=LIMITS["metric.label"]),
                  stage=r.member("stage", Stage), indicator=r.member("indicator", Indicator),
                  unit=r.text("unit", "", limits=LIMITS["metric.unit"]), period=r.member("period", Period, Period.WEEK),
                  target=r.number("target"), direction=r.member("direction", Direction, Direction.HIGHER))


def _rep(doc: Any, path: str) -> Rep:
    r = _Reader(doc, path)
    targets = {}
    for key, value in r.items("targets", dict).items():
        targets[key] = _number(value, _sub(r.at('targets'), key))
    return Rep(id=r.ident("id"), name=r.text("name", limits=LIMITS["rep.name"]),
               role=r.text("role", "", limits=LIMITS["rep.role"]), targets=targets)


def _escalation(doc: Any, path: str) -> Escalation:
    r = _Reader(doc, path)
    made = Escalation(
        coaching_after_misses=r.whole("coaching_after_misses", 1, LIMITS["escalation.coaching_after_misses"]),
        pip_after_misses=r.whole("pip_after_misses", 3, LIMITS["escalation.pip_after_misses"]),
        window_weeks=r.whole("window_weeks", 6, LIMITS["escalation.window_weeks"]),
        followup_after_misses=(None if r.doc.get("followup_after_misses") is None else
                               r.whole("followup_after_misses", None, LIMITS["escalation.followup_after_misses"])))
    issue = escalation_order_issue(made.coaching_after_misses, made.pip_after_misses, made.followup_after_misses)
    if issue:
        field = "followup_after_misses" if made.pip_after_misses >= made.coaching_after_misses else "pip_after_misses"
        raise CodecError(r.at(field), issue)
    return made


def decode_team(doc: Any, path: str = "team") -> Team:
    """A team as :func:`encode_team` wrote it, meeting every limit a team file must meet."""
    r = _Reader(doc, path)
    metrics = tuple(_metric(m, f"{r.at('metrics')}[{i}]") for i, m in enumerate(r.items("metrics", list)))
    reps = tuple(_rep(m, f"{r.at('reps')}[{i}]") for i, m in enumerate(r.items("reps", list)))
    if not metrics:
        raise CodecError(r.at("metrics"), "expected at least one metric")
    if not reps:
        raise CodecError(r.at("reps"), "expected at least one rep")
    crm = {}
    for key, value in r.items("crm_columns", dict).items():
        if type(value) is not str:
            raise CodecError(_sub(r.at('crm_columns'), key), f"expected text, got {_show(value)}")
        crm[key] = value
    escalation = _escalation(doc.get("escalation", {}), r.at("escalation"))
    from oneonone_tui.store.crm_codec import decode_crm_deals  # the CRM import's mapping (issue 12)

    crm_deals = decode_crm_deals(doc.get("crm_deals"), r.at("crm_deals"))
    team = Team(name=r.text("name", limits=LIMITS["team.name"]),
                manager=r.text("manager", limits=LIMITS["team.manager"]),
                timebox_minutes=r.whole("timebox_minutes", 30, LIMITS["team.timebox_minutes"]),
                escalation=escalation, metrics=metrics, reps=reps, crm_columns=crm,
                crm_deals=crm_deals)
    issues = rule_issues(team)
    if issues:
        loc, message = issues[0]
        raise CodecError(f"{path}.{json_path(loc)}", message)
    return team


def encode_team(team: Team) -> dict[str, Any]:
    """The team as JSON-ready data, in the team file's own shape (so it can be saved as a team file)."""
    from oneonone_tui.store.crm_codec import encode_crm_deals  # the CRM import's mapping (issue 12)

    return {
        "name": team.name, "manager": team.manager, "timebox_minutes": team.timebox_minutes,
        "escalation": {"coaching_after_misses": team.escalation.coaching_after_misses,
                       "pip_after_misses": team.escalation.pip_after_misses,
                       "window_weeks": team.escalation.window_weeks,
                       **({} if team.escalation.followup_after_misses is None else
                          {"followup_after_misses": team.escalation.followup_after_misses})},
        "metrics": [{"id": m.id, "label": m.label, "stage": m.stage.value, "indicator": m.indicator.value,
                     "unit": m.unit, "period": m.period.value, "target": float(m.target),
                     "direction": m.direction.value} for m in team.metrics],
        "reps": [{"id": rep.id, "name": rep.name, "role": rep.role,
                  "targets": {key: float(value) for key, value in rep.targets.items()}} for rep in team.reps],
        "crm_columns": dict(team.crm_columns),
        **encode_crm_deals(team.crm_deals),
    }


# --- a team file, strictly: the fast path of `teamfile.load` ------------------------------------
# A team file the schema (teamfile/schema.py, pydantic) would accept, read without pydantic. Stored
# teams are read by `decode_team` as above (unknown fields ignored); a team *file* must also meet
# what the schema adds: no unknown keys, no text with spaces around it (the schema strips them, so
# the result would differ), no number beyond `max_number`, and the CRM header lists' sizes. Any
# doubt is a CodecError: the caller then asks the schema, which names the fault in plain words.

_TEAM_KEYS = frozenset(("name", "manager", "timebox_minutes", "escalation", "metrics", "reps", "crm_columns",
                        "crm_deals"))
_METRIC_KEYS = frozenset(("id", "label", "stage", "indicator", "unit", "period", "target", "direction"))
_REP_KEYS = frozenset(("id", "name", "role", "targets"))
_ESCALATION_KEYS = frozenset(("coaching_after_misses", "pip_after_misses", "window_weeks", "followup_after_misses"))
# The schema's CrmDeals: header lists as (least, most) items, each item 1-200 characters.
_CRM_LISTS = {"owner": (1, 20), "amount": (1, 20), "close_date": (1, 20), "stage": (1, 20), "won_stages": (1, 20),
              "deal_id": (0, 20), "pipeline": (0, 20), "pipelines": (0, 50)}
_CRM_KEYS = frozenset(_CRM_LISTS) | {"amount_metric", "count_metric"}
_CRM_ITEM_MOST = 200


def _only_keys(doc: Any, allowed: frozenset[str], path: str) -> None:
    if type(doc) is dict:
        unknown = [key for key in doc if key not in allowed]
        if unknown:
            raise CodecError(_sub(path, str(unknown[0])) if path else str(unknown[0]), "is not a field here")


def _plain(value: Any, path: str, max_number: float) -> None:
    """Every text (keys too) without surrounding whitespace; every number within `max_number`."""
    kind = type(value)
    if kind is str:
        if value != value.strip():
            raise CodecError(path, "text has spaces around it")
    elif kind is dict:
        for key, item in value.items():
            _plain(key, path, max_number)
            _plain(item, _sub(path, str(key)), max_number)
    elif kind is list:
        for index, item in enumerate(value):
            _plain(item, f"{path}[{index}]", max_number)
    elif kind is float or kind is int:
        if not abs(value) <= max_number:  # NaN too
            raise CodecError(path, f"expected a number of at most {max_number:g}, got {_show(value)}")


def decode_team_file(doc: Any, max_number: float, path: str = "team") -> Team:
    """A team file's parsed JSON as a Team, only if the team-file schema would accept it as it is
    and make the same Team of it; CodecError otherwise (never anything else)."""
    try:
        if type(doc) is not dict:
            raise CodecError(path, f"expected an object, got {_show(doc)}")
        _plain(doc, path, max_number)
        _only_keys(doc, _TEAM_KEYS, path)
        _only_keys(doc.get("escalation"), _ESCALATION_KEYS, f"{path}.escalation")
        for name, allowed in (("metrics", _METRIC_KEYS), ("reps", _REP_KEYS)):
            items = doc.get(name)
            if type(items) is list:
                for index, item in enumerate(items):
                    _only_keys(item, allowed, f"{path}.{name}[{index}]")
        deals = doc.get("crm_deals")
        if deals is not None:
            _only_keys(deals, _CRM_KEYS, f"{path}.crm_deals")
            if type(deals) is dict:
                for name, (least, most) in _CRM_LISTS.items():
                    items = deals.get(name, _MISSING)
                    if items is _MISSING:
                        continue
                    if (type(items) is not list or not least <= len(items) <= most
                            or any(type(item) is not str or not 1 <= len(item) <= _CRM_ITEM_MOST for item in items)):
                        raise CodecError(f"{path}.crm_deals.{name}",
                                         f"expected {least}-{most} header names of 1-{_CRM_ITEM_MOST} characters")
        return decode_team(doc, path)
    except CodecError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever the JSON: the schema's turn, not a traceback
        raise CodecError(path, f"not read ({type(exc).__name__})") from None
