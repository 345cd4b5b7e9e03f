"""Start-up cost: the app's start-up path does not import pydantic, and the plain models agree with it.

The team and session classes are plain classes with a sound fast path; pydantic (their "twins")
decides whatever that path does not accept (see models.py). These tests hold that together:

* the core modules, and opening a database, reading its team and weeks and saving, import no
  pydantic (each in a fresh interpreter: in this one, other tests have long since imported it);
* each plain class has the same fields, in the same order, with the same defaults as its twin;
* whatever the fast path accepts, pydantic accepts too and produces the same values, of the same
  types, dumped the same way (seeded random mutations of a real team and of real sessions);
* what this program writes (a team's and a session's JSON dump) takes the fast path.

No timings here: the figures belong to the benchmark (benchmarks/bench.py).
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from oneonone_tui import models, team
from oneonone_tui.models import (REQUIRED, Commitment, Factory, MetricEntry, Owner, PlainModel, Review, Session,
                                 SessionState, Verdict, _to_twin)
from oneonone_tui.team import Escalation, Metric, Rep, Stage, Team
from tests.conftest import SAMPLE_TEAM

PLAIN = [MetricEntry, Commitment, Review, Session, Metric, Rep, Escalation, Team]


def run_probe(code: str, tmp_path: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, text=True, capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# --- what start-up imports ----------------------------------------------------------------------


def test_importing_the_core_data_modules_imports_no_pydantic(tmp_path):
    code = """
import sys
import oneonone_tui.store, oneonone_tui.team, oneonone_tui.models, oneonone_tui.weeks, oneonone_tui.paths
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
"""
    assert run_probe(code, tmp_path) == "[]"


def test_opening_a_database_reading_it_and_saving_imports_no_pydantic(tmp_path):
    """The app's start-up path and its autosave: the stored team, the weeks, each rep's history, a save."""
    from oneonone_tui.store import Store
    from oneonone_tui.teamfile import load_team

    sample = load_team(SAMPLE_TEAM)
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.save_team(sample.model_dump(mode="json"))
        for n, week in enumerate(["2026-W45", "2026-W46", "2026-W47"]):
            store.save_week(week, [_session(rep.id, week, n) for rep in sample.reps])
    code = """
import sys
from oneonone_tui.store import Store
from oneonone_tui.team import Team
from oneonone_tui.models import Session
with Store.open(sys.argv[1]) as store:
    team = Team.model_validate(store.team())
    store.save_team(team.model_dump(mode="json"))
    weeks = store.weeks()
    for rep in team.reps:
        history = store.history(rep.id, "2026-W48", team.escalation.window_weeks)
        assert len(history) == 3, history
        session = store.latest_before(rep.id, "2026-W48").model_copy(deep=True)
        session.shared_notes += "more"
        store.save(session)
        assert store.get(rep.id, session.week) == session
    store.week("2026-W48")
    Session(rep_id="x", week="2026-W48", to_review=history[0].open_commitments())
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
"""
    assert run_probe(code, tmp_path, str(db)) == "[]"


# --- the plain classes and their twins ------------------------------------------------------------


@pytest.mark.parametrize("cls", PLAIN, ids=lambda cls: cls.__name__)
def test_a_plain_class_has_its_twins_fields_in_order_with_the_same_defaults(cls):
    twin_fields = cls._twin().model_fields
    assert [name for name, _, _ in cls._spec] == list(twin_fields)
    for name, _, default in cls._spec:
        field = twin_fields[name]
        if default is REQUIRED:
            assert field.is_required(), name
        elif isinstance(default, Factory):
            assert field.default_factory is not None and default.make() == _plain(field.default_factory()), name
        else:
            assert not field.is_required() and field.default_factory is None and field.default == default, name
    assert cls._twin().__name__ == cls.__name__  # ValidationError titles stay "Team", "Session", ...
    assert cls._forbid_extra == (cls._twin().model_config.get("extra") == "forbid")
    assert cls._frozen == bool(cls._twin().model_config.get("frozen"))


def _plain(value: Any) -> Any:
    return models._from_twin(value, {})


def test_what_this_program_writes_takes_the_fast_path():
    from oneonone_tui.teamfile import load_team

    sample = load_team(SAMPLE_TEAM)
    dumped = sample.model_dump(mode="json")
    assert Team._fast(dumped) is not None
    assert Team._fast(json.loads(json.dumps(dumped))) is not None
    for n in range(4):
        session = _session(sample.reps[0].id, "2026-W47", n)
        assert Session._fast(json.loads(json.dumps(session.model_dump(mode="json")))) is not None


# --- the fast path agrees with pydantic -----------------------------------------------------------


def _typed(value: Any) -> Any:
    """`value` with every leaf tagged by its exact type (5 and 5.0 differ; NaN equals NaN)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_typed(item) for item in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value)
    if isinstance(value, datetime):
        return ("datetime", value, value.utcoffset(), type(value.tzinfo))
    return (type(value).__name__, value)


def agrees(cls: type[PlainModel], data: dict[str, Any]) -> bool:
    """Assert that an input the fast path accepts is accepted by pydantic with the same result; True if it took it."""
    try:
        expected = cls._twin().model_validate(_to_twin(data, {}))
    except ValidationError:
        expected = None
    values = cls._fast(data)
    if values is None:
        return False
    assert expected is not None, f"the fast path accepted what pydantic refuses: {cls.__name__} {data!r}"
    got = cls._build(values)
    assert _typed(got.model_dump()) == _typed(expected.model_dump()), data
    assert _typed(got.model_dump(mode="json")) == _typed(expected.model_dump(mode="json")), data
    assert got == cls.model_validate(data) if not _has_nan(data) else True
    return True


def _has_nan(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_nan(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_nan(item) for item in value)
    return isinstance(value, float) and math.isnan(value)


ODD_VALUES: list[Any] = [
    0, 1, -1, 5, 52, 53, 240, 241, 4, 2**53, 2**53 + 1, -(2**53) - 1, 10**30, 10**400, 1.5, 0.0, -0.0, -1.5, 1e308,
    float("inf"), float("-inf"), float("nan"), True, False, None, "", " ", "x", " x", "x ", "\u00a0x", "x\u3000",
    "x\x1f", "\x1cx", "a\ud800", "\ud800", "é", "results", "Results", "results ", "pipeline", "week", "month",
    "lagging", "quality", "lower", "rep", "manager", "done", "kept", "not_kept", "effort", "2026-01-02",
    "2026-1-2", "20260102", "2026-02-30", "2026-01-02T10:00:00", "2026-01-02T10:00:00Z", "2026-01-02 10:00:00",
    "2026-01-02T10:00:00.123", "2026-01-02T10:00:00.123456", "2026-01-02T25:00:00", "2026-01-02T10:00:00+02:00",
    "x" * 20, "x" * 21, "x" * 60, "x" * 61, "x" * 80, "x" * 81, "a" * 64, "a" * 65, "sam lee", "_sam", "sam.lee-2_x",
    "1.5", "60000", [], [{}], {}, {"x": 1}, {"x": "y"}, {" x": 1}, {"x": -1}, {"x": True}, ("a",), b"x",
    date(2026, 1, 2), datetime(2026, 1, 2, 10, 0), datetime(2026, 1, 2, 10, 0, tzinfo=UTC),
    datetime(2026, 1, 2, 10, 0, 0, 5, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
    Stage.RESULTS, Owner.MANAGER, Verdict.KEPT, SessionState.DONE,
]


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, prefix + (index,))
    return out


def _mutate(data: Any, rng: random.Random) -> Any:
    data = json.loads(json.dumps(data)) if _jsonable(data) else _copy(data)
    path = rng.choice(_paths(data)[1:])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = rng.random()
    if action < 0.1 and isinstance(parent, dict):
        del parent[last]
    elif action < 0.18 and isinstance(parent, dict):
        parent[rng.choice(["extra", "Name", last + " ", "metric_id"])] = rng.choice(ODD_VALUES)
    else:
        parent[last] = rng.choice(ODD_VALUES)
    return data


def _jsonable(data: Any) -> bool:
    try:
        return json.loads(json.dumps(data)) == data
    except (TypeError, ValueError):
        return False


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _session(rep_id: str, week: str, n: int) -> Session:
    when = datetime(2026, 11, 17, 14, 0) + timedelta(days=7 * n)
    commitment = Commitment(id=f"{rep_id}-{week}-1", text="call 5 stalled opps", due=date(2026, 11, 20),
                            number=5, metric_id="calls", stage="pipeline", made_week=week)
    return Session(
        rep_id=rep_id, week=week, state=SessionState.DONE,
        entries={"calls": MetricEntry(metric_id="calls", actual=180 + n, answer="Two sick days.",
                                      diagnosis="effort"),
                 "demos": MetricEntry(metric_id="demos", actual=None)},
        commitments=[commitment], to_review=[commitment.model_copy(update={"id": "old"})],
        reviews={"old": Review(commitment_id="old", verdict=Verdict.PARTLY, outcome="3 of 5")},
        shared_notes="ok", private_notes="", started_at=when,
        finished_at=when + timedelta(minutes=26, microseconds=n), seconds_spent=1590, activity_opened=bool(n % 2))


def _fuzz(cls: type[PlainModel], roots: list[dict[str, Any]], rounds: int, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    taken = 0
    for round_ in range(rounds):
        data = rng.choice(roots)
        for _ in range(1 + round_ % 3):
            data = _mutate(data, rng)
        taken += agrees(cls, data)
    return taken, rounds


def test_the_fast_path_agrees_with_pydantic_on_teams():
    from oneonone_tui.teamfile import load_team

    sample = load_team(SAMPLE_TEAM).model_dump(mode="json")
    python = load_team(SAMPLE_TEAM).model_dump()  # enum members, as code passes them
    assert agrees(Team, sample) and agrees(Team, python)
    taken, total = _fuzz(Team, [sample, python], 1500, seed=48)
    assert 0 < taken < total  # both paths were exercised
    for part, cls in (("escalation", Escalation), ("metrics", Metric), ("reps", Rep)):
        roots = sample[part] if isinstance(sample[part], list) else [sample[part]]
        _fuzz(cls, roots, 600, seed=len(part))


def test_the_fast_path_agrees_with_pydantic_on_sessions():
    sessions = [_session("sam", "2026-W47", n) for n in range(3)]
    roots = [s.model_dump(mode="json") for s in sessions] + [s.model_dump() for s in sessions]
    for root in roots:
        assert agrees(Session, root)
    taken, total = _fuzz(Session, roots, 1500, seed=47)
    assert 0 < taken < total
    for name, cls in (("entries", MetricEntry), ("commitments", Commitment), ("reviews", Review)):
        parts = [root[name] for root in roots]
        items = [item for part in parts for item in (part.values() if isinstance(part, dict) else part)]
        _fuzz(cls, items, 400, seed=len(name))


def test_constructing_with_plain_instances_keeps_them_and_falls_back_like_pydantic():
    entry = MetricEntry(metric_id="calls", actual=3)
    assert entry.actual == 3.0 and type(entry.actual) is float
    fast = Session(rep_id="sam", week="2026-W47", entries={"calls": entry})
    slow = Session(rep_id="sam", week="2026-W47", entries={"calls": entry}, seconds_spent=3.0)  # pydantic: 3.0 -> 3
    assert fast.entries["calls"] is entry and slow.entries["calls"] is entry
    assert slow.seconds_spent == 3 and type(slow.seconds_spent) is int
    with pytest.raises(ValidationError) as caught:
        Session(rep_id="sam", week="2026-W47", entries={"calls": entry}, seconds_spent="soon")
    assert caught.value.title == "Session" and caught.value.errors()[0]["loc"] == ("seconds_spent",)


def test_the_plain_classes_behave_like_the_pydantic_models_they_replace():
    rep = Rep(id="sam", name=" Sam ", targets={"calls": 5})
    assert rep.name == "Sam" and rep.targets == {"calls": 5.0}  # stripped and coerced by pydantic
    with pytest.raises(ValidationError):
        rep.name = "Ana"  # frozen
    assert rep == Rep(id="sam", name="Sam", targets={"calls": 5.0}) and rep != Rep(id="ana", name="Sam")
    metric = Metric(id="m", label="M", stage="results", indicator="lagging", target=1)
    assert hash(metric) == hash(Metric(id="m", label="M", stage=Stage.RESULTS, indicator="lagging", target=1.0))
    assert repr(metric).startswith("Metric(id='m', label='M', stage=<Stage.RESULTS: 'results'>")
    session = Session(rep_id="sam", week="2026-W47")
    session.shared_notes = "x"  # validate_assignment=False: set as it is
    with pytest.raises(ValueError, match='"Session" object has no field "note"'):
        session.note = "x"
    copied = session.model_copy(deep=True)
    copied.entry("calls").actual = 1.0
    assert session.entries == {} and copied.entries["calls"].actual == 1.0
    assert Session.model_validate(session) is session
    assert dict(session)["shared_notes"] == "x"
    assert list(Team.model_fields) == [name for name, _, _ in Team._spec]
    assert team.Team.model_validate(Team.model_validate(_sample_json())) == Team.model_validate(_sample_json())


def _sample_json() -> dict[str, Any]:
    return json.loads(SAMPLE_TEAM.read_text(encoding="utf-8"))
