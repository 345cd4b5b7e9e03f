"""A valid team file is read without pydantic (issue 13): `teamfile.load` first tries the store's
strict codec (`store.codec.decode_team_file`) and asks the pydantic schema only when it refuses.

That is safe only if the codec is at least as strict as the schema, with the same result: whenever
the codec accepts a file, the schema accepts it too and makes an equal Team. Checked here on
mutations of sample files (changed values, removed and added keys, text with spaces, numbers of
every sort, duplicate ids), and through `parse_team` for the file's bytes as a whole.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_tui.store.codec import CodecError, decode_team_file
from oneonone_tui.teamfile import MAX_NUMBER, TeamFileError, parse_team
from oneonone_tui.teamfile import schema
from tests.conftest import SAMPLE_TEAM

BASE = json.loads(Path(SAMPLE_TEAM).read_text(encoding="utf-8"))


def _with_everything() -> dict[str, Any]:
    """The sample with every optional part filled: follow-up level, rep targets, CRM columns and deals."""
    doc = copy.deepcopy(BASE)
    doc["escalation"]["followup_after_misses"] = 2
    doc["reps"][0]["targets"] = {doc["metrics"][0]["id"]: 50000, doc["metrics"][1]["id"]: 4.5}
    doc["reps"][0]["role"] = "Senior AE"
    doc["crm_columns"] = {"Amount won": doc["metrics"][0]["id"]}
    doc["crm_deals"] = {"owner": ["Deal owner"], "amount": ["Amount"], "pipelines": ["New business"],
                        "amount_metric": doc["metrics"][0]["id"]}
    return doc


SAMPLES = [BASE, _with_everything()]


def by_codec(doc: Any):
    try:
        return decode_team_file(doc, MAX_NUMBER)
    except CodecError:
        return None


def by_schema(doc: Any):
    from pydantic import ValidationError

    try:
        return schema.to_team(schema.Team.model_validate(doc))
    except ValidationError:
        return None


def paths(doc: Any, at: tuple = ()) -> list[tuple]:
    """Every location in `doc` (the root too)."""
    found = [at]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths(value, at + (key,))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += paths(value, at + (index,))
    return found


def dig(doc: Any, at: tuple) -> Any:
    for part in at:
        doc = doc[part]
    return doc


TEXTS = st.sampled_from(["", " ", "x", " Sam", "Sam ", "Sam\u00a0", "\u3000Sam", "Sam Lee", "a" * 60, "a" * 61,
                         "a" * 64, "a" * 65, "a" * 80, "a" * 81, "a" * 200, "a" * 201, "sam lee", "sam.lee-2",
                         "_sam", "results", "pipeline", "activity", "Results", "lagging", "leading", "quality",
                         "week", "month", "quarter", "higher", "lower", "60000", "calls", "prospecting_calls",
                         "closed_won_revenue", "deals_won", "é", "Sam\u2028"])
NUMBERS = st.sampled_from([0, 1, 2, 3, 5, 6, 52, 53, 240, 241, 4, -1, -0.0, 0.5, 1.5, 2.0, 3.0, 1e15, 1e15 + 2,
                           1e16, 2**53, 2**53 + 1, 10**15, 10**15 + 1, float("inf"), float("nan"), True, False])
VALUES = st.one_of(TEXTS, NUMBERS, st.none(), st.builds(list), st.builds(dict), st.lists(TEXTS, max_size=3),
                   st.dictionaries(TEXTS, NUMBERS, max_size=2))
KEYS = st.one_of(TEXTS, st.sampled_from(["id", "name", "role", "targets", "label", "unit", "target", "period",
                                         "direction", "followup_after_misses", "window_weeks", "crm_deals",
                                         "crm_columns", "escalation", "owner", "pipelines", "amount_metric",
                                         "count_metric", "won_stages", "deal_id"]))


@st.composite
def mutated(draw) -> Any:
    doc = copy.deepcopy(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["replace", "replace", "delete", "add", "copy"]))
        places = paths(doc)
        if kind == "add":  # into an object or a list: the root, the escalation, a metric, a rep, ...
            places = [at for at in places if isinstance(dig(doc, at), (dict, list))]
        at = draw(st.sampled_from(places))
        if kind == "replace" and at:
            dig(doc, at[:-1])[at[-1]] = draw(VALUES)
        elif kind == "delete" and at:
            parent = dig(doc, at[:-1])
            del parent[at[-1]]
        elif kind == "add":
            target = dig(doc, at)
            if isinstance(target, dict):
                target[draw(KEYS)] = draw(VALUES)
            elif isinstance(target, list):
                target.append(copy.deepcopy(target[0]) if target and draw(st.booleans()) else draw(VALUES))
        elif kind == "copy" and at:  # another item's value here: duplicate ids, a rep's id as a metric's
            source = draw(st.sampled_from(paths(doc)))
            if source[:len(at)] != at:
                dig(doc, at[:-1])[at[-1]] = copy.deepcopy(dig(doc, source))
    return doc


def test_the_codec_reads_the_samples_as_the_schema_does():
    for doc in SAMPLES:
        fast = by_codec(doc)
        assert fast is not None
        assert fast == by_schema(doc)
        assert parse_team(json.dumps(doc).encode(), Path("team.json")) == fast


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_whenever_the_codec_accepts_a_file_the_schema_accepts_it_with_the_same_team(doc):
    fast = by_codec(doc)
    if fast is not None:
        assert by_schema(doc) == fast


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_parse_team_gives_what_the_schema_gives_whichever_path_it_takes(doc):
    data = json.dumps(doc).encode()
    try:
        team = parse_team(data, Path("team.json"))
    except (TeamFileError, ValueError):
        team = None
    if team is not None:  # a file parse_team accepts (fast or not) is one the schema accepts, equally
        assert by_schema(json.loads(data)) == team


@pytest.mark.parametrize(("where", "value"), [
    (("reps", 0, "name"), " Sam Lee"), (("name",), "Team "), (("metrics", 0, "target"), 1e16),
    (("colour",), "red"), (("reps", 0, "nickname"), "Sam"), (("escalation", "extra"), 1), (("metrics", 0, "colour"), "red"),
    (("crm_deals",), {"owner": []}), (("crm_deals",), {"owner": ["x" * 201]}),
    (("crm_deals",), {"pipelines": ["p"] * 51}), (("reps", 0, "targets"), {" calls": 3}),
])
def test_the_codec_refuses_what_the_schema_would_change_or_refuse(where, value):
    doc = copy.deepcopy(BASE)
    dig(doc, where[:-1])[where[-1]] = value
    assert by_codec(doc) is None


def test_a_refused_file_still_gets_the_schemas_located_problems():
    doc = copy.deepcopy(BASE)
    doc["reps"][0]["nickname"] = "Sam"
    with pytest.raises(TeamFileError) as caught:
        parse_team(json.dumps(doc, indent=2).encode(), Path("team.json"))
    assert "reps[0].nickname" in str(caught.value) and "unknown field" in str(caught.value)
    doc = copy.deepcopy(BASE)
    doc["reps"][0]["name"] = "  Sam Lee  "  # the schema strips it: valid, and the same as without spaces
    assert parse_team(json.dumps(doc).encode(), Path("team.json")).reps[0].name == "Sam Lee"


def test_checking_a_valid_team_file_imports_no_pydantic(tmp_path):
    probe = f"""
import sys
from pathlib import Path
from oneonone_tui.teamfile import load_team
team = load_team(Path({str(SAMPLE_TEAM)!r}))
print(len(team.reps), sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
"""
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, text=True, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(" ", 1)[1].strip() == "[]"
