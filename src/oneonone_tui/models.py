"""What a 1:1 records: actuals, how-come answers and their diagnosis, commitments and their verdicts.

Why these are plain classes with a pydantic *twin* rather than pydantic models
-----------------------------------------------------------------------------
Start-up cost. Importing pydantic and building the model schemas cost ~70 ms and ~12 MiB of
peak RSS on the dev VM (``python -X importtime``; ``/usr/bin/time -v``), about half of what the
app adds to a bare Textual app's start-up. The app's start-up only ever reads data this program
wrote itself (the sessions in the store, the team saved with the database), which is already in
the exact form the models produce. So:

* every class here (and the team classes in ``team.py``) is a plain Python class with the
  pydantic API the code uses (``Model(**data)``, ``model_validate``, ``model_dump``,
  ``model_copy``, ``==``, ``repr``; ``model_fields`` and the rest come from the twin);
* validation first tries a *sound fast path*: it accepts an input only when it is exactly in the
  form pydantic would produce (right types, enum values, ISO dates as written, no surrounding
  whitespace where the model strips it, limits met, rules met) and builds the same values
  pydantic would. Anything else, it does not decide;
* then the *pydantic twin* decides: the same model as before, defined in a function and built on
  first use (importing pydantic then, ~70 ms, once). It coerces what pydantic coerces and raises
  the very ``ValidationError`` it always did, so error messages, error locations and the set of
  accepted inputs are unchanged; its result is converted to the plain classes.

``tests/unit/test_startup_cost.py`` checks that each plain class and its twin have the same fields
and defaults, that the fast path agrees with pydantic on accepted inputs, and that importing the
store and the team does not import pydantic.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cache
from typing import Any, ClassVar

# --------------------------------------------------------------------------------------------
# The plain-model machinery (shared with team.py).

NOT_SURE: Any = object()  # a checker's answer when it cannot decide: pydantic (the twin) decides

Check = Callable[[Any], Any]  # value -> the value pydantic would produce, or NOT_SURE


_MISSING: Any = object()


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


class Factory:
    """A default made fresh for each instance (pydantic's ``default_factory``)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


# Which plain class each pydantic twin class stands for (filled when a module builds its twins).
_PLAIN_OF_TWIN: dict[type, type[PlainModel]] = {}


def register_twins(module_globals: dict[str, Any], twins: dict[str, type]) -> dict[str, type]:
    for name, twin in twins.items():
        _PLAIN_OF_TWIN[twin] = module_globals[name]
    return twins


class _FromTwin:
    """A class attribute read from the pydantic twin (e.g. ``Team.model_fields``); builds it on first use."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type[PlainModel]) -> Any:
        return getattr(owner._twin(), self.name)


class PlainModel:
    """A record with a pydantic model's API; validation is the sound fast path, else the twin.

    A subclass lists its fields in ``_spec`` as ``(name, check, default)`` in the twin's order;
    ``default`` is a value, a :class:`Factory` or ``REQUIRED``. ``_twins`` builds the module's
    pydantic models (by class name). ``_forbid_extra`` mirrors ``extra="forbid"`` (else
    "ignore"); ``_rules`` is the fast path's version of the model's after-validators.
    """

    _spec: ClassVar[tuple[tuple[str, Check, Any], ...]] = ()
    _names: ClassVar[frozenset[str]] = frozenset()
    _plan: ClassVar[tuple[tuple[str, Check, Any, type | None, bool, int], ...]] = ()
    _forbid_extra: ClassVar[bool] = False
    _frozen: ClassVar[bool] = False
    _rules: ClassVar[Callable[[dict[str, Any]], bool] | None] = None
    _twins: ClassVar[Callable[[], dict[str, type]]]

    model_fields = _FromTwin("model_fields")
    model_computed_fields = _FromTwin("model_computed_fields")
    model_config = _FromTwin("model_config")
    model_json_schema = _FromTwin("model_json_schema")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._names = frozenset(name for name, _, _ in cls._spec)
        # For _fast: exact-type checks are done in its loop (no call), and how each default is made.
        # (Writing _fast out per class with exec, as dataclasses does, was measured: ~17 instead of
        # ~20 us a session, but compiling the 8 functions costs ~2 ms at import, more than it saves
        # on the ~200 sessions read at start-up.)
        cls._plan = tuple(
            (name, getattr(check, "inner", check), default, getattr(check, "exact_type", None),
             getattr(check, "nullable", False), 0 if default is REQUIRED else 1 if type(default) is Factory else 2)
            for name, check, default in cls._spec)

    def __init__(self, **data: Any) -> None:
        values = self._fast(data)
        if values is None:
            values = self._slow(data, {})
        self.__dict__.update(values)

    # ---- validation

    @classmethod
    def _fast(cls, data: dict[str, Any]) -> dict[str, Any] | None:
        """The values pydantic would produce from `data`, or None when it has to decide."""
        if cls._forbid_extra and not cls._names.issuperset(data):
            return None
        values = {}
        get = data.get
        for name, check, default, exact_type, nullable, how in cls._plan:  # the store's hot loop: kept flat
            value = get(name, _MISSING)
            if value is _MISSING:
                if how == 0:
                    return None
                value = default.make() if how == 1 else default
            elif exact_type is not None:
                if type(value) is not exact_type and not (nullable and value is None):
                    return None
            elif not (nullable and value is None):
                value = check(value)
                if value is NOT_SURE:
                    return None
            values[name] = value
        rules = cls._rules
        if rules is not None and not rules(values):
            return None
        return values

    @classmethod
    def _twin(cls) -> Any:
        return cls._twins()[cls.__name__]

    @classmethod
    def _slow(cls, data: Any, options: dict[str, Any]) -> dict[str, Any]:
        """Validate through the pydantic twin (raises its ValidationError); the values as plain objects."""
        originals: dict[int, PlainModel] = {}
        validated = cls._twin().model_validate(_to_twin(data, originals), **options)
        if id(validated) in originals:  # model_validate of an instance returns it as it is
            return dict(originals[id(validated)].__dict__)
        return {name: _from_twin(value, originals) for name, value in validated.__dict__.items()}

    @classmethod
    def _build(cls, values: dict[str, Any]) -> Any:
        self = object.__new__(cls)
        self.__dict__.update(values)
        return self

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Any:
        if not options:
            if isinstance(obj, cls):
                return obj  # pydantic's revalidate_instances="never"
            if type(obj) is dict:
                values = cls._fast(obj)
                if values is not None:
                    return cls._build(values)
        if isinstance(obj, cls):
            obj = obj._as_twin({})
        return cls._build(cls._slow(obj, options))

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Any:
        """Build without validating (pydantic's `model_construct`): missing fields take their defaults."""
        made = {}
        for name, _, default in cls._spec:
            if name in values:
                made[name] = values[name]
            elif type(default) is Factory:
                made[name] = default.make()
            elif default is not REQUIRED:
                made[name] = default
        return cls._build(made)

    # ---- output

    def model_dump(self, *, mode: str = "python", **options: Any) -> dict[str, Any]:
        if options or mode not in ("python", "json"):
            return self._as_twin({}).model_dump(mode=mode, **options)
        json = mode == "json"
        return {name: _dump(value, json) for name, value in self.__dict__.items()}

    def model_dump_json(self, **options: Any) -> str:
        return self._as_twin({}).model_dump_json(**options)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        """Like pydantic's: a copy (deep or not) with `update` applied as it is, not validated."""
        copied = copy.deepcopy(self) if deep else copy.copy(self)
        if update:
            copied.__dict__.update(update)
        return copied

    def _as_twin(self, originals: dict[int, PlainModel]) -> Any:
        twin = type(self)._twin().model_construct(
            **{name: _to_twin(value, originals) for name, value in self.__dict__.items()})
        originals[id(twin)] = self
        return twin

    # ---- object protocol, as pydantic's BaseModel

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            from pydantic_core import ValidationError  # only on this error path

            raise ValidationError.from_exception_data(
                type(self).__name__, [{"type": "frozen_instance", "loc": (name,), "input": value}])
        if name not in self._names:
            raise ValueError(f'"{type(self).__name__}" object has no field "{name}"')
        self.__dict__[name] = value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PlainModel):
            return type(self) is type(other) and self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a pydantic model that is not frozen

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        yield from self.__dict__.items()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.__str__(', ')})"

    def __str__(self, separator: str = " ") -> str:  # pydantic's str() is the fields without the class name
        return separator.join(f"{name}={value!r}" for name, value in self.__dict__.items())


class FrozenPlainModel(PlainModel):
    """``frozen=True``: assignment raises pydantic's frozen_instance error, and instances hash."""

    _frozen = True

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.values()))


def _to_twin(value: Any, originals: dict[int, PlainModel]) -> Any:
    """`value` for the twin: plain instances become twin instances (kept as they are, like pydantic)."""
    if isinstance(value, PlainModel):
        return value._as_twin(originals)
    kind = type(value)
    if kind is dict:
        return {key: _to_twin(item, originals) for key, item in value.items()}
    if kind is list or kind is tuple:
        return kind(_to_twin(item, originals) for item in value)
    return value


def _from_twin(value: Any, originals: dict[int, PlainModel]) -> Any:
    """A value pydantic produced, with twin instances turned back into plain ones (the originals if passed in)."""
    original = originals.get(id(value))
    if original is not None:
        return original
    plain = _PLAIN_OF_TWIN.get(type(value))
    if plain is not None:
        return plain._build({name: _from_twin(item, originals) for name, item in value.__dict__.items()})
    kind = type(value)
    if kind is dict:
        return {key: _from_twin(item, originals) for key, item in value.items()}
    if kind is list or kind is tuple:
        return kind(_from_twin(item, originals) for item in value)
    return value


_SCALARS = (str, int, float, bool, type(None))


def _dump(value: Any, json: bool) -> Any:
    """pydantic's model_dump of one value (python or json mode)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if isinstance(value, PlainModel):
        return {name: _dump(item, json) for name, item in value.__dict__.items()}
    if kind is dict:
        return {key: _dump(item, json) for key, item in value.items()}
    if kind is list:
        return [_dump(item, json) for item in value]
    if not json:
        return value  # dates, datetimes, enum members stay as they are, as in pydantic's python mode
    if isinstance(value, Enum):
        return value.value
    if kind is date and value.year >= 1000:
        return value.isoformat()
    if kind is datetime and value.tzinfo is None and value.year >= 1000:
        return value.isoformat()
    from pydantic_core import to_jsonable_python  # anything rarer: exactly as pydantic writes it

    return to_jsonable_python(value)


# ---- checkers: each returns the value pydantic would produce, or NOT_SURE.


def exact(kind: type) -> Check:
    """Only this very type (no subclass, no coercion): str, bool, int; pydantic returns it as it is."""

    def check(value: Any) -> Any:
        return value if type(value) is kind else NOT_SURE

    check.exact_type = kind  # type: ignore[attr-defined]  # PlainModel._fast checks it without a call
    return check


def optional(inner: Check) -> Check:
    def check(value: Any) -> Any:
        return None if value is None else inner(value)

    check.exact_type = getattr(inner, "exact_type", None)  # type: ignore[attr-defined]
    check.nullable = True  # type: ignore[attr-defined]
    check.inner = inner  # type: ignore[attr-defined]
    return check


EXACT_INT = 2**53  # every int up to here is exactly a float, so float(value) is what pydantic gives


def number(value: Any) -> Any:
    """A float field: a float as it is, an int as the float of it (pydantic's lax and strict mode alike)."""
    kind = type(value)
    if kind is float:
        return value
    if kind is int and -EXACT_INT <= value <= EXACT_INT:
        return float(value)
    return NOT_SURE


def member_of(enum: type[Enum]) -> Check:
    """An enum field: a member, or the exact text of a value."""
    by_value = {member.value: member for member in enum}

    def check(value: Any) -> Any:
        kind = type(value)
        if kind is enum:
            return value
        if kind is str:
            return by_value.get(value, NOT_SURE)
        return NOT_SURE

    return check


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_NAIVE_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?")


def iso_date(value: Any) -> Any:
    """A date, or text exactly as a date is written (YYYY-MM-DD)."""
    kind = type(value)
    if kind is date:
        return value
    if kind is str and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return NOT_SURE
    return NOT_SURE


def iso_datetime(value: Any) -> Any:
    """A datetime, or text exactly as a naive datetime is written; with a time zone pydantic decides."""
    kind = type(value)
    if kind is datetime:
        return value
    if kind is str and _ISO_NAIVE_DATETIME.fullmatch(value):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return NOT_SURE
    return NOT_SURE


def model(cls: type[PlainModel]) -> Check:
    """A nested model: an instance as it is, or a dict the fast path accepts."""

    fast = cls._fast
    new = object.__new__

    def check(value: Any) -> Any:
        if type(value) is dict:
            values = fast(value)
            if values is None:
                return NOT_SURE
            built = new(cls)
            built.__dict__.update(values)
            return built
        return value if isinstance(value, cls) else NOT_SURE

    return check


def list_of(inner: Check, *, min_length: int = 0) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not list or len(value) < min_length:
            return NOT_SURE
        out = []
        for item in value:
            item = inner(item)
            if item is NOT_SURE:
                return NOT_SURE
            out.append(item)
        return out

    return check


def dict_of(key: Check, inner: Check) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not dict:
            return NOT_SURE
        out = {}
        for name, item in value.items():
            name = key(name)
            item = inner(item)
            if name is NOT_SURE or item is NOT_SURE:
                return NOT_SURE
            out[name] = item
        return out

    return check


# --------------------------------------------------------------------------------------------
# The records.


class Diagnosis(StrEnum):
    """Why a gap happened decides the plan (METHOD: effort or effectiveness, sometimes neither)."""

    EFFORT = "effort"  # discipline: distracted, other priorities, time management
    EFFECTIVENESS = "effectiveness"  # skill or strategy: prospects, messaging, discovery, objections
    EXTERNAL = "external"  # the territory, the target or the market was wrong


class Verdict(StrEnum):
    KEPT = "kept"
    PARTLY = "partly"
    NOT_KEPT = "not_kept"


class Owner(StrEnum):
    REP = "rep"
    MANAGER = "manager"  # managers owe things too


class SessionState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


_text = exact(str)
_flag = exact(bool)


class _Record(PlainModel):
    """extra="ignore", validate_assignment=False (see the twin below)."""

    _twins = staticmethod(lambda: _pydantic_twins())


class MetricEntry(_Record):
    """One metric in one 1:1: the actual, and when short, the rep's answer to the how-come."""

    metric_id: str
    actual: float | None
    answer: str  # the rep's words, verbatim
    diagnosis: Diagnosis | None
    skill: str  # for effectiveness: the skill to coach (discovery, objection handling, ...)

    _spec = (
        ("metric_id", _text, REQUIRED),
        ("actual", optional(number), None),
        ("answer", _text, ""),
        ("diagnosis", optional(member_of(Diagnosis)), None),
        ("skill", _text, ""),
    )


class Commitment(_Record):
    """A promise in plain language, confirmed at the next 1:1."""

    id: str
    text: str
    owner: Owner
    due: date
    due_defaulted: bool  # no due date typed: due at the next 1:1
    number: float | None
    metric_id: str | None
    stage: str | None  # `#pipeline` style tag, when given
    made_week: str

    _spec = (
        ("id", _text, REQUIRED),
        ("text", _text, REQUIRED),
        ("owner", member_of(Owner), Owner.REP),
        ("due", iso_date, REQUIRED),
        ("due_defaulted", _flag, False),
        ("number", optional(number), None),
        ("metric_id", optional(_text), None),
        ("stage", optional(_text), None),
        ("made_week", _text, REQUIRED),
    )


class Review(_Record):
    """The verification of an earlier commitment at a later 1:1."""

    commitment_id: str
    verdict: Verdict | None  # None: the outcome is written, the verdict not yet picked
    outcome: str  # what actually happened

    _spec = (
        ("commitment_id", _text, REQUIRED),
        ("verdict", optional(member_of(Verdict)), None),
        ("outcome", _text, ""),
    )


class Session(_Record):
    """One rep's 1:1 in one ISO week."""

    rep_id: str
    week: str
    state: SessionState
    entries: dict[str, MetricEntry]
    commitments: list[Commitment]
    # Commitments still open when this 1:1 began (copied from the previous 1:1), and their verdicts.
    to_review: list[Commitment]
    reviews: dict[str, Review]
    shared_notes: str
    private_notes: str
    started_at: datetime | None
    finished_at: datetime | None
    seconds_spent: int
    activity_opened: bool  # the manager opened Activity by hand

    _spec = (
        ("rep_id", _text, REQUIRED),
        ("week", _text, REQUIRED),
        ("state", member_of(SessionState), SessionState.NOT_STARTED),
        ("entries", dict_of(_text, model(MetricEntry)), Factory(dict)),
        ("commitments", list_of(model(Commitment)), Factory(list)),
        ("to_review", list_of(model(Commitment)), Factory(list)),
        ("reviews", dict_of(_text, model(Review)), Factory(dict)),
        ("shared_notes", _text, ""),
        ("private_notes", _text, ""),
        ("started_at", optional(iso_datetime), None),
        ("finished_at", optional(iso_datetime), None),
        ("seconds_spent", exact(int), 0),
        ("activity_opened", _flag, False),
    )

    def entry(self, metric_id: str) -> MetricEntry:
        if metric_id not in self.entries:
            self.entries[metric_id] = MetricEntry(metric_id=metric_id)
        return self.entries[metric_id]

    def verdict_for(self, commitment_id: str) -> Verdict | None:
        review = self.reviews.get(commitment_id)
        return review.verdict if review else None

    def open_commitments(self) -> list[Commitment]:
        """Commitments still owed after this 1:1: unreviewed carry-overs plus the ones made here."""
        carried = [c for c in self.to_review if self.verdict_for(c.id) is None]
        return carried + list(self.commitments)


# --------------------------------------------------------------------------------------------
# The pydantic twins: the models as they were, the validator of record; built on first use.


@cache
def _pydantic_twins() -> dict[str, type]:
    from pydantic import BaseModel, ConfigDict, Field

    class _Record(BaseModel):
        model_config = ConfigDict(extra="ignore", validate_assignment=False)

    class MetricEntry(_Record):
        metric_id: str
        actual: float | None = None
        answer: str = ""
        diagnosis: Diagnosis | None = None
        skill: str = ""

    class Commitment(_Record):
        id: str
        text: str
        owner: Owner = Owner.REP
        due: date
        due_defaulted: bool = False
        number: float | None = None
        metric_id: str | None = None
        stage: str | None = None
        made_week: str

    class Review(_Record):
        commitment_id: str
        verdict: Verdict | None = None
        outcome: str = ""

    class Session(_Record):
        rep_id: str
        week: str
        state: SessionState = SessionState.NOT_STARTED
        entries: dict[str, MetricEntry] = Field(default_factory=dict)
        commitments: list[Commitment] = Field(default_factory=list)
        to_review: list[Commitment] = Field(default_factory=list)
        reviews: dict[str, Review] = Field(default_factory=dict)
        shared_notes: str = ""
        private_notes: str = ""
        started_at: datetime | None = None
        finished_at: datetime | None = None
        seconds_spent: int = 0
        activity_opened: bool = False

    return register_twins(globals(), {"MetricEntry": MetricEntry, "Commitment": Commitment, "Review": Review,
                                      "Session": Session})
