"""The store's codec: what the store writes reads back unchanged; anything else is refused at its path."""

from __future__ import annotations

import copy
import json
import math
import random
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_tui.domain.records import Commitment, Diagnosis, Level, MetricEntry, Owner, Review, Session, SessionState, Verdict
from oneonone_tui.store import codec
from oneonone_tui.store.codec import CodecError, decode_session, decode_team, encode_session, encode_team


def a_session() -> Session:
    made = Commitment(id="c-1", text="re-engage 5 stalled opps", owner=Owner.MANAGER, due=date(2026, 11, 27),
                      number=5.0, metric_id="leads", stage="pipeline", made_week="2026-W48")
    old = Commitment(id="c-0", text="book 3 demos", due=date(2026, 11, 20), due_defaulted=True, made_week="2026-W47")
    return Session(rep_id="sam", week="2026-W48", state=SessionState.DONE,
                   entries={"calls": MetricEntry(metric_id="calls", actual=120.0, answer="sick", diagnosis=Diagnosis.EFFORT,
                                                 skill=""),
                            "revenue": MetricEntry(metric_id="revenue", actual=None)},
                   commitments=[made], to_review=[old],
                   reviews={"c-0": Review(commitment_id="c-0", verdict=Verdict.PARTLY, outcome="2 of 3", achieved=2.0,
                                          answer="two were on holiday", diagnosis=Diagnosis.EXTERNAL,
                                          carried_to=date(2026, 12, 4))},
                   shared_notes="line 1\nline 2", private_notes="[bold]x[/]",
                   started_at=datetime(2026, 11, 24, 10, 0), finished_at=datetime(2026, 11, 24, 10, 27),
                   seconds_spent=1620, activity_opened=True, level_override=Level.COACHING,
                   override_reason="new territory since W45")


def test_a_session_reads_back_equal_and_dumps_to_the_same_json():
    session = a_session()
    doc = encode_session(session)
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc
    assert decode_session(doc) == session
    assert encode_session(decode_session(doc)) == doc


def test_the_sample_team_reads_back_equal(team):
    assert decode_team(encode_team(team)) == team


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["entries"]["calls"].update(actual="12k"), 'sessions[3].entries.calls.actual: expected a finite'),
    (lambda d: d["entries"]["calls"].update(actual=-5), "sessions[3].entries.calls.actual: expected a finite"),
    (lambda d: d["entries"]["calls"].update(actual=math.nan), "entries.calls.actual: expected a finite number >= 0, "
                                                              "got NaN"),
    (lambda d: d["entries"]["calls"].update(actual=True), "entries.calls.actual"),
    (lambda d: d.update(state="finished"), "sessions[3].state: expected one of not_started, in_progress, done"),
    (lambda d: d.update(seconds_spent=1.5), "sessions[3].seconds_spent: expected a whole number"),
    (lambda d: d["commitments"][0].update(due="27/11/2026"), "sessions[3].commitments[0].due: expected a date"),
    (lambda d: d["to_review"][0].update(id="c-1"), 'sessions[3].to_review[0].id: commitment id "c-1" appears twice'),
    (lambda d: d["reviews"]["c-0"].update(verdict="maybe"), "sessions[3].reviews[\"c-0\"].verdict"),
    (lambda d: d.pop("rep_id"), "sessions[3].rep_id: is missing"),
    (lambda d: d["reviews"]["c-0"].update(carried_to="next friday"), 'reviews["c-0"].carried_to: expected a date'),
    (lambda d: d["reviews"]["c-0"].update(achieved=-1), 'reviews["c-0"].achieved: expected a finite'),
    (lambda d: d.update(level_override="fired"), "sessions[3].level_override: expected one of clear, coaching"),
    (lambda d: d.update(entries=[]), "sessions[3].entries: expected an object"),
])
def test_a_fault_names_its_path(change, where):
    doc = encode_session(a_session())
    change(doc)
    with pytest.raises(CodecError) as caught:
        decode_session(doc, "sessions[3]")
    assert where in str(caught.value)


def _mutations(doc, rng: random.Random):
    """A real document with one value somewhere replaced by something of another kind."""
    paths = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                paths.append((path, key))
                walk(value, path + [key])
        elif isinstance(node, list):
            for index, value in enumerate(node):
                paths.append((path, index))
                walk(value, path + [index])

    walk(doc, [])
    odd = [None, "", "x", "12k", 0, -1, 1.5, 2**60, True, False, [], {}, math.nan, math.inf, "2026-02-30",
           "not_kept", "effort", "2026-11-24T10:00:00", " c 1", "c-0"]
    for _ in range(400):
        mutated = copy.deepcopy(doc)
        parent_path, key = rng.choice(paths)
        node = mutated
        for part in parent_path:
            node = node[part]
        if rng.random() < 0.1 and isinstance(node, dict):
            del node[key]
        else:
            node[key] = rng.choice(odd)
        yield mutated


def test_the_fast_path_and_the_precise_reader_agree_on_every_mutation():
    """Whatever the fast path accepts, the precise reader accepts too, with the same record."""
    doc = encode_session(a_session())
    accepted = refused = 0
    for mutated in _mutations(doc, random.Random(4)):
        try:
            precise = codec._read_session(mutated, "s")
        except CodecError:
            precise = None
        got = None
        try:
            got = decode_session(mutated)
        except CodecError:
            pass
        assert got == precise
        accepted += precise is not None
        refused += precise is None
    assert accepted > 20 and refused > 100, (accepted, refused)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_decodes_or_raises_codec_error_never_anything_else(value):
    for decode in (decode_session, decode_team):
        try:
            decode(value)
        except CodecError:
            pass


def test_a_session_written_before_follow_through_fields_existed_still_reads():
    doc = encode_session(a_session())
    for review in doc["reviews"].values():
        for key in ("achieved", "answer", "diagnosis", "carried_to"):
            review.pop(key)
    doc.pop("level_override")
    doc.pop("override_reason")
    old = decode_session(doc)
    assert old.reviews["c-0"] == Review(commitment_id="c-0", verdict=Verdict.PARTLY, outcome="2 of 3")
    assert (old.level_override, old.override_reason) == (None, "")
    assert decode_session(encode_session(old)) == old


def test_the_follow_up_rung_round_trips_and_an_old_team_reads_with_the_methods_default(team):
    from dataclasses import replace

    from oneonone_tui.domain.team import Escalation

    doc = encode_team(team)
    assert "followup_after_misses" not in doc["escalation"]
    assert decode_team(doc).escalation.followup_at == 2
    stricter = replace(team, escalation=Escalation(coaching_after_misses=1, followup_after_misses=3,
                                                   pip_after_misses=4))
    assert decode_team(encode_team(stricter)) == stricter
    doc = encode_team(stricter)
    doc["escalation"]["followup_after_misses"] = 9
    with pytest.raises(CodecError, match="followup_after_misses is 9"):
        decode_team(doc)
