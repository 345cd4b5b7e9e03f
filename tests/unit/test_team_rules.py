"""The team's rules as the team-file schema applies them: targets, overrides, stage order, and what it refuses when built directly."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from oneonone_tui.domain.team import Direction, Escalation, Indicator, Metric, Period, Stage, Team, json_path, rule_issues
from oneonone_tui.store.codec import CodecError, decode_team
from oneonone_tui.teamfile import schema


def metric(id: str, stage: str = "activity", indicator: str = "leading", **extra: Any) -> dict[str, Any]:
    label = id.replace("_", " ").title()
    return {"id": id, "label": label, "stage": stage, "indicator": indicator, "target": 10, **extra}


def team_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Test Team",
        "manager": "Dana",
        "metrics": [
            metric("calls", target=200),
            metric("revenue", "results", "lagging", target=60000, period="month"),
            metric("leads", "pipeline", target=15, period="month"),
            metric("meetings"),
            metric("cycle_days", "pipeline", "quality", direction="lower", period="quarter", target=45),
            metric("deals", "results", "lagging"),
        ],
        "reps": [
            {"id": "sam", "name": "Sam Lee", "targets": {"revenue": 90000}},
            {"id": "ana", "name": "Ana Silva"},
        ],
    }
    data.update(changes)
    return data


def team(**changes: Any) -> Team:
    return schema.to_team(schema.Team.model_validate(team_data(**changes)))


# --- targets -------------------------------------------------------------------------------------


def test_target_for_honours_the_reps_override() -> None:
    t = team()
    assert t.target_for(t.rep("sam"), t.metric("revenue")) == 90000


def test_target_for_falls_back_to_the_metric_target_without_an_override() -> None:
    t = team()
    assert t.target_for(t.rep("ana"), t.metric("revenue")) == 60000
    assert t.target_for(t.rep("sam"), t.metric("calls")) == 200


def test_an_override_of_zero_is_honoured_not_treated_as_missing() -> None:
    t = team(reps=[{"id": "sdr", "name": "Kim", "targets": {"revenue": 0}}])
    assert t.target_for(t.rep("sdr"), t.metric("revenue")) == 0


# --- cumulative ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "unit", "cumulative"),
    [
        ("leading", "calls", True),
        ("lagging", "USD", True),
        ("leading", "", True),
        ("quality", "days", False),
        ("quality", "", False),
        ("leading", "%", False),
        ("lagging", " % ", False),
    ],
)
def test_counts_add_up_over_a_period_and_levels_do_not(indicator: str, unit: str, cumulative: bool) -> None:
    m = Metric(id="m", label="M", stage=Stage.ACTIVITY, indicator=Indicator(indicator), unit=unit, target=1)
    assert m.cumulative is cumulative


# --- order and lookup ----------------------------------------------------------------------------


def test_metrics_in_keeps_file_order_within_each_stage() -> None:
    t = team()
    assert [m.id for m in t.metrics_in(Stage.RESULTS)] == ["revenue", "deals"]
    assert [m.id for m in t.metrics_in(Stage.PIPELINE)] == ["leads", "cycle_days"]
    assert [m.id for m in t.metrics_in(Stage.ACTIVITY)] == ["calls", "meetings"]


def test_stages_are_walked_results_pipeline_activity() -> None:
    assert list(Stage) == [Stage.RESULTS, Stage.PIPELINE, Stage.ACTIVITY]


def test_metric_and_rep_are_found_by_id_and_unknown_ids_raise_key_error() -> None:
    t = team()
    assert t.metric("cycle_days").direction is Direction.LOWER
    assert t.rep("ana").name == "Ana Silva"
    with pytest.raises(KeyError):
        t.metric("nope")
    with pytest.raises(KeyError):
        t.rep("nope")


def test_defaults_fill_in_what_a_small_team_file_leaves_out() -> None:
    t = team()
    assert t.timebox_minutes == 30
    assert t.escalation == Escalation(coaching_after_misses=1, pip_after_misses=3, window_weeks=6)
    assert t.metric("calls").period is Period.WEEK
    assert t.metric("calls").direction is Direction.HIGHER
    assert t.crm_columns == {}


def test_names_and_labels_keep_rich_markup_verbatim() -> None:
    t = team(reps=[{"id": "sam", "name": "[bold]Sam[/]", "role": "[i]AE[/i]"}])
    assert t.rep("sam").name == "[bold]Sam[/]"
    assert t.rep("sam").role == "[i]AE[/i]"


# --- what a Team built directly still refuses ----------------------------------------------------


def _rejects(**changes: Any) -> str:
    """The team-file schema refuses it, and so does the store's codec for a stored team: one set of rules."""
    with pytest.raises(ValidationError) as caught:
        team(**changes)
    with pytest.raises(CodecError):
        decode_team(team_data(**changes))
    return str(caught.value)


def test_a_team_built_directly_rejects_a_duplicate_rep_id() -> None:
    text = _rejects(reps=[{"id": "sam", "name": "Sam"}, {"id": "sam", "name": "Sam Two"}])
    assert 'reps[1].id: rep id "sam" is already used by reps[0]' in text


def test_a_team_built_directly_rejects_a_duplicate_metric_id() -> None:
    text = _rejects(metrics=[metric("calls"), metric("calls")])
    assert 'metrics[1].id: metric id "calls" is already used by metrics[0]' in text


def test_a_team_built_directly_rejects_an_override_of_an_unknown_metric() -> None:
    text = _rejects(reps=[{"id": "sam", "name": "Sam", "targets": {"demos": 3}}])
    assert "reps[0].targets.demos" in text and '"demos"' in text


def test_a_team_built_directly_rejects_a_crm_column_for_an_unknown_metric() -> None:
    text = _rejects(crm_columns={"Demo Count": "demos"})
    assert 'crm_columns["Demo Count"]' in text


def test_a_team_needs_at_least_one_rep_and_one_metric() -> None:
    _rejects(reps=[])
    _rejects(metrics=[])


def test_negative_targets_are_refused_for_metrics_and_overrides() -> None:
    with pytest.raises(ValidationError) as caught:
        schema.Rep(id="sam", name="Sam", targets={"calls": -5})
    assert caught.value.errors()[0]["loc"] == ("targets", "calls")
    _rejects(reps=[{"id": "sam", "name": "Sam", "targets": {"calls": -5}}])
    _rejects(metrics=[metric("calls", target=-1)])


@pytest.mark.parametrize("bad", [True, "60000", float("nan"), float("inf")])
def test_targets_are_finite_numbers_not_booleans_or_text(bad: Any) -> None:
    _rejects(metrics=[metric("calls", target=bad)])
    _rejects(reps=[{"id": "sam", "name": "Sam", "targets": {"calls": bad}}])


def test_escalation_refuses_a_performance_plan_before_coaching() -> None:
    assert "at least 3" in _rejects(escalation={"coaching_after_misses": 3, "pip_after_misses": 2})
    assert team(escalation={"coaching_after_misses": 2, "pip_after_misses": 2}).escalation.pip_after_misses == 2
    assert decode_team(team_data(escalation={"coaching_after_misses": 2, "pip_after_misses": 2}))


def test_ids_are_short_slugs_without_spaces() -> None:
    _rejects(reps=[{"id": "Sam Lee", "name": "Sam"}])
    _rejects(reps=[{"id": "_sam", "name": "Sam"}])
    assert team(reps=[{"id": "sam.lee-2_x", "name": "Sam"}]).rep("sam.lee-2_x").name == "Sam"


def test_the_store_reads_back_exactly_the_team_the_schema_made() -> None:
    from oneonone_tui.store.codec import encode_team

    made = team()
    assert decode_team(encode_team(made)) == made


# --- the shared rule check and the path format ---------------------------------------------------


def test_rule_issues_reports_each_fault_at_its_own_location_on_raw_data() -> None:
    raw = {
        "metrics": [{"id": "calls"}, {"id": "calls"}],
        "reps": [{"id": "a", "targets": {"demos": 1}}, {"id": "a"}],
        "crm_columns": {"Demos": "demos"},
    }
    assert [loc for loc, _ in rule_issues(raw)] == [
        ("metrics", 1, "id"),
        ("reps", 0, "targets", "demos"),
        ("reps", 1, "id"),
        ("crm_columns", "Demos"),
    ]


@pytest.mark.parametrize("raw", [None, [], "x", {"metrics": 5, "reps": "x"}, {"metrics": [1, None], "reps": [[], 3]}])
def test_rule_issues_skips_what_is_not_there_to_check(raw: Any) -> None:
    assert rule_issues(raw) == []


def test_rule_issues_does_not_guess_when_a_metric_id_is_unreadable() -> None:
    # metrics[0] has no usable id: an override naming it would be a second, misleading problem
    raw = {"metrics": [{"id": 5}, {"id": "calls"}], "reps": [{"id": "a", "targets": {"demos": 1}}]}
    assert rule_issues(raw) == []


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        ((), "top level"),
        (("reps",), "reps"),
        (("reps", 3, "targets", "calls"), "reps[3].targets.calls"),
        (("metrics", 0, "stage"), "metrics[0].stage"),
        (("crm_columns", "Closed Won Amount"), 'crm_columns["Closed Won Amount"]'),
        (("crm_columns", 'a"b'), 'crm_columns["a\\"b"]'),
        (("escalation", "pip_after_misses"), "escalation.pip_after_misses"),
    ],
)
def test_json_path_spells_locations_the_way_problems_print_them(loc: tuple[Any, ...], path: str) -> None:
    assert json_path(loc) == path
