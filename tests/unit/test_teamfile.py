"""Reading team files: every fault comes back as one located Problem, and nothing else ever escapes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_tui import teamfile
from oneonone_tui.paths import bundled_team_path
from oneonone_tui.domain.team import Stage, Team, json_path
from oneonone_tui.teamfile import MAX_BYTES, Problem, TeamFileError, load_team, parse_team, summarize
from oneonone_tui.store.codec import encode_team

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_team.json"
PACKAGED = ROOT / "src" / "oneonone_tui" / "sample_team.json"
DATA = Path(__file__).resolve().parents[1] / "data"
FILE = Path("team.json")

# Modest by default to keep the suite fast; `TEAMFILE_FUZZ_EXAMPLES=20000 pytest ...` for a long hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("TEAMFILE_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# --- helpers -------------------------------------------------------------------------------------


def sample() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def problems_of(text: str | bytes) -> list[Problem]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(TeamFileError) as caught:
        parse_team(data, FILE)
    assert caught.value.file == FILE
    return caught.value.problems


def only_problem(text: str | bytes) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th `needle` in `text`, found without the parser."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1


def mutated(change: Callable[[dict[str, Any]], Any]) -> str:
    data = sample()
    change(data)
    return dump(data)


def assert_team_or_located_problems(data: bytes) -> None:
    """The contract for any bytes: a Team, or a TeamFileError whose problems are all located and worded."""
    try:
        team = parse_team(data, FILE)
    except TeamFileError as error:
        assert error.problems
        lines = data.count(b"\n") + 1
        for problem in error.problems:
            assert problem.file == FILE
            assert problem.where.strip() and problem.message.strip()
            assert "internal error" not in problem.message, problem
            assert problem.line is None or 1 <= problem.line <= lines
            assert str(problem).startswith("team.json: ")
        assert str(error) == "\n".join(str(p) for p in error.problems)
    else:
        assert isinstance(team, Team)


# --- the sample team -----------------------------------------------------------------------------


def test_the_sample_team_loads_with_eight_reps_and_metrics_in_every_stage() -> None:
    team = load_team(SAMPLE)
    assert team.name and team.manager
    assert team.timebox_minutes == 30
    assert len(team.reps) == 8
    assert 9 <= len(team.metrics) <= 11
    assert all(team.metrics_in(stage) for stage in Stage)


def test_the_packaged_sample_team_is_byte_identical_to_the_repo_copy() -> None:
    assert PACKAGED.read_bytes() == SAMPLE.read_bytes()
    assert bundled_team_path().read_bytes() == SAMPLE.read_bytes()


def test_the_sample_team_carries_the_methods_metrics_with_their_example_targets() -> None:
    team = load_team(SAMPLE)
    calls = team.metric("prospecting_calls")
    assert (calls.target, calls.period.value, calls.stage) == (200, "week", Stage.ACTIVITY)  # 40 a day
    leads = team.metric("qualified_leads")
    assert (leads.target, leads.period.value, leads.indicator.value) == (15, "month", "leading")
    cycle = team.metric("sales_cycle_days")
    assert (cycle.indicator.value, cycle.direction.value, cycle.cumulative) == ("quality", "lower", False)
    follow_up = team.metric("follow_up_24h")
    assert (follow_up.unit, follow_up.target, follow_up.cumulative) == ("%", 90, False)
    assert team.metric("closed_won_revenue").stage is Stage.RESULTS
    assert team.crm_columns["Closed Won Amount"] == "closed_won_revenue"


def test_the_sample_team_has_mixed_roles_and_a_few_own_targets() -> None:
    team = load_team(SAMPLE)
    roles = {rep.role for rep in team.reps}
    assert {"SDR", "Account Executive", "Senior Account Executive", "Account Manager"} <= roles
    revenue = team.metric("closed_won_revenue")
    senior = next(rep for rep in team.reps if rep.role == "Senior Account Executive")
    sdr = next(rep for rep in team.reps if rep.role == "SDR")
    assert team.target_for(senior, revenue) > revenue.target > team.target_for(sdr, revenue)
    assert team.target_for(sdr, team.metric("prospecting_calls")) > team.metric("prospecting_calls").target
    assert sum(1 for rep in team.reps if rep.targets) in range(2, 7)


def test_summarize_names_the_file_team_manager_reps_and_metrics_per_stage() -> None:
    team = load_team(SAMPLE)
    text = summarize(team, Path("sample_team.json"))
    first = text.splitlines()[0]
    assert first.startswith("sample_team.json: OK — ")
    assert f"{team.name} (manager {team.manager})" in first
    assert "8 reps" in first
    counts = ", ".join(f"{len(team.metrics_in(s))} {s.value}" for s in Stage)
    assert f"metrics: {counts}" in first
    assert all(rep.name in text for rep in team.reps)


def test_a_team_dumped_to_json_reads_back_equal() -> None:
    team = load_team(SAMPLE)
    again = parse_team(json.dumps(encode_team(team)).encode(), FILE)
    assert again == team


def test_load_team_reads_the_bundled_default_team() -> None:
    assert load_team(bundled_team_path()) == load_team(SAMPLE)


# --- encodings and empty files -------------------------------------------------------------------


def test_a_utf8_bom_is_accepted_silently() -> None:
    team = parse_team(b"\xef\xbb\xbf" + SAMPLE.read_bytes(), FILE)
    assert team == load_team(SAMPLE)


def test_bytes_that_are_not_utf8_are_reported_with_their_byte_offset_and_line() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    data = text.encode("latin-1")  # "Hernández": é becomes the single byte 0xE9
    offset = data.index(b"\xe1")
    problem = only_problem(data)
    assert problem.where == f"byte {offset}"
    assert problem.line == line_of(text, "Hernández")
    assert "not UTF-8" in problem.message and "save the file as UTF-8" in problem.message


def test_a_utf16_file_is_asked_to_be_saved_as_utf8() -> None:
    problem = only_problem(SAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    assert problem.where == "byte 0"
    assert "UTF-16" in problem.message and "UTF-8" in problem.message


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_reported_as_empty(data: bytes) -> None:
    problem = only_problem(data)
    assert problem.where == "line 1, column 1"
    assert problem.line == 1
    assert "empty" in problem.message


@pytest.mark.parametrize(("text", "kind"), [("[]", "a list"), ('"team"', "text"), ("42", "a number"), ("null", "null")])
def test_a_top_level_that_is_not_an_object_is_reported(text: str, kind: str) -> None:
    problem = only_problem(text)
    assert problem.where == "top level"
    assert problem.line == 1
    assert f"holds {kind}" in problem.message and "one JSON object" in problem.message


# --- JSON syntax ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "line", "column", "hint"),
    [
        ('{\n  "name": "A"\n  "manager": "B"\n}', 3, 3, "comma is missing"),
        ('{\n  "name": "A",\n}', 3, 1, "trailing comma"),
        ("{\n  'name': 'A'\n}", 2, 3, "double quotes"),
        ('{\n  "name": "A", // the team\n  "manager": "B"\n}', 2, 16, "no comments"),
        ('{\n  /* team */ "name": "A"\n}', 2, 3, "no comments"),
        ('{\n  "name": "A\n}', 2, 13, "close the quote"),
        ('{\n  "name": "A', 2, 11, "no closing double quote"),
        ('{\n  "name": "A"\n}\n{}', 4, 1, "exactly one JSON object"),
        ('{\n  "name": "C:\\data"\n}', 2, 14, "write \\\\ for a backslash"),
        ('{\n  "name": "C:\\users"\n}', 2, 15, "four hex digits"),
    ],
)
def test_a_syntax_error_gives_line_column_and_a_hint(broken: str, line: int, column: int, hint: str) -> None:
    problem = only_problem(broken)
    assert problem.where == f"line {line}, column {column}"
    assert problem.line == line
    assert "not valid JSON" in problem.message and hint in problem.message
    assert str(problem) == f"team.json: line {line}, column {column}: {problem.message}"


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_literals_are_rejected_at_their_path(literal: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('"target": 60000', f'"target": {literal}', 1)
    problem = only_problem(text)
    assert problem.where == "metrics[0].target"
    assert problem.line == line_of(text, literal)
    assert literal in problem.message and "not a number JSON allows" in problem.message


@pytest.mark.parametrize("literal", ["1e999", "-1e999", "9" * 5000, "1e16", "12345678901234567"])
def test_huge_numbers_are_rejected_at_their_path(literal: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('"timebox_minutes": 30', f'"timebox_minutes": {literal}')
    problem = only_problem(text)
    assert problem.where == "timebox_minutes"
    assert problem.line == line_of(text, '"timebox_minutes"')
    assert "too large" in problem.message
    assert len(problem.message) < 200


@pytest.mark.parametrize("text", ["[" * 100_000, '{"name": ' + "[" * 60 + "]" * 60 + "}", '{"a":' * 5000])
def test_deep_nesting_is_a_problem_not_a_recursion_error(text: str) -> None:
    problem = only_problem(text)
    assert problem.where.startswith("line 1, column ")
    assert "nests more than" in problem.message


def test_duplicate_json_keys_are_reported_at_the_second_one() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        '"manager": "Dana Whitfield",', '"manager": "Dana Whitfield",\n  "name": "Another Team",'
    )
    problem = only_problem(text)
    assert problem.where == "name"
    assert problem.line == line_of(text, '"name"', 2)
    first = line_of(text, '"name"')
    assert "more than once" in problem.message and f"lines {first}, {problem.line}" in problem.message


def test_duplicate_keys_inside_a_rep_are_reported_at_that_rep() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('"name": "Priya Raman",', '"name": "Priya Raman",\n"name": "P",')
    problem = only_problem(text)
    assert problem.where == "reps[2].name"
    assert problem.line == line_of(text, '"name": "P"')


# --- the team's rules, each at its own path ------------------------------------------------------


def test_a_negative_metric_target_is_reported_at_its_path() -> None:
    text = mutated(lambda d: d["metrics"][4].update(target=-5))
    problem = only_problem(text)
    assert problem.where == "metrics[4].target"
    assert problem.line == line_of(text, '"target": -5')
    assert problem.message == "target is -5; targets must be 0 or more"


def test_a_negative_override_is_reported_at_its_path() -> None:
    text = mutated(lambda d: d["reps"][3].update(targets={"prospecting_calls": -5}))
    problem = only_problem(text)
    assert problem.where == "reps[3].targets.prospecting_calls"
    assert problem.line == line_of(text, '"prospecting_calls": -5')
    assert "-5" in problem.message and "targets must be 0 or more" in problem.message
    assert str(problem) == f"team.json: reps[3].targets.prospecting_calls (line {problem.line}): {problem.message}"


def test_an_override_naming_an_unknown_metric_is_reported_at_its_path() -> None:
    text = mutated(lambda d: d["reps"][2].update(targets={"demos": 4}))
    problem = only_problem(text)
    assert problem.where == "reps[2].targets.demos"
    assert problem.line == line_of(text, '"demos"')
    assert '"demos"' in problem.message and "not in metrics" in problem.message
    assert "prospecting_calls" in problem.message  # the ids it could have named


def test_an_override_with_a_typo_in_the_metric_gets_a_close_match() -> None:
    text = mutated(lambda d: d["reps"][2].update(targets={"deals_wonn": 4}))
    assert 'did you mean "deals_won"' in only_problem(text).message


def test_a_duplicate_rep_id_is_reported_at_the_second_rep() -> None:
    text = mutated(lambda d: d["reps"][5].update(id="maya_okafor"))
    problem = only_problem(text)
    assert problem.where == "reps[5].id"
    assert problem.line == line_of(text, '"id": "maya_okafor"', 2)
    assert '"maya_okafor"' in problem.message and "reps[0]" in problem.message


def test_a_duplicate_metric_id_is_reported_at_the_second_metric() -> None:
    def change(d: dict[str, Any]) -> None:
        d["metrics"].append({**d["metrics"][1], "label": "Deals won again"})

    text = mutated(change)
    problem = only_problem(text)
    assert problem.where == "metrics[9].id"
    assert problem.line == line_of(text, '"id": "deals_won"', 2)
    assert '"deals_won"' in problem.message and "metrics[1]" in problem.message


def test_a_crm_column_mapping_to_an_unknown_metric_is_reported_at_the_column() -> None:
    text = mutated(lambda d: d["crm_columns"].update({"Demo Count": "demos"}))
    problem = only_problem(text)
    assert problem.where == 'crm_columns["Demo Count"]'
    assert problem.line == line_of(text, '"Demo Count"')
    assert '"demos"' in problem.message and "not in metrics" in problem.message


def test_a_team_without_reps_is_told_at_least_one_rep_is_needed() -> None:
    text = mutated(lambda d: d.update(reps=[]))
    problem = only_problem(text)
    assert problem.where == "reps"
    assert problem.line == line_of(text, '"reps"')
    assert problem.message.startswith("at least one rep is needed")


def test_a_team_without_metrics_is_told_at_least_one_metric_is_needed() -> None:
    def change(d: dict[str, Any]) -> None:
        d.update(metrics=[], crm_columns={})
        for rep in d["reps"]:
            rep.pop("targets", None)

    text = mutated(change)
    problem = only_problem(text)
    assert problem.where == "metrics"
    assert problem.message.startswith("at least one metric is needed")


def test_escalation_thresholds_out_of_order_are_reported_at_pip_after_misses() -> None:
    text = mutated(lambda d: d["escalation"].update(coaching_after_misses=4, pip_after_misses=2))
    problem = only_problem(text)
    assert problem.where == "escalation.pip_after_misses"
    assert problem.line == line_of(text, '"pip_after_misses"')
    assert "at least 4" in problem.message


# --- fields: unknown, missing, wrong type, wrong value -------------------------------------------


def test_an_unknown_field_is_named_with_the_allowed_fields() -> None:
    text = mutated(lambda d: d["metrics"][1].update(colour="red"))
    problem = only_problem(text)
    assert problem.where == "metrics[1].colour"
    assert problem.line == line_of(text, '"colour"')
    assert 'unknown field "colour" in this metric' in problem.message
    assert "id, label, stage, indicator, unit, period, target, direction" in problem.message


def test_a_misspelt_field_gets_a_close_match() -> None:
    text = mutated(lambda d: d["reps"][1].update(targts={}))
    problem = only_problem(text)
    assert problem.where == "reps[1].targts"
    assert 'did you mean "targets"' in problem.message


def test_an_unknown_top_level_field_is_reported_at_the_top() -> None:
    text = mutated(lambda d: d.update(team_name="x"))
    problem = only_problem(text)
    assert problem.where == "team_name"
    assert 'unknown field "team_name" in the team' in problem.message and "manager" in problem.message


def test_a_wrong_stage_lists_the_allowed_stages() -> None:
    text = mutated(lambda d: d["metrics"][0].update(stage="Result"))
    problem = only_problem(text)
    assert problem.where == "metrics[0].stage"
    assert problem.line == line_of(text, '"Result"')
    assert "stage must be one of results, pipeline, activity" in problem.message
    assert 'did you mean "results"' in problem.message


def test_a_missing_required_field_is_reported_at_its_path_on_the_line_of_its_object() -> None:
    text = mutated(lambda d: d["metrics"][2].pop("indicator"))
    problem = only_problem(text)
    assert problem.where == "metrics[2].indicator"
    assert problem.line == line_of(text, '"id": "qualified_leads"') - 1  # the metric's opening brace
    assert "indicator is missing" in problem.message and "lagging, leading, quality" in problem.message


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (
            lambda d: d.update(timebox_minutes="30"),
            "timebox_minutes",
            ['is text "30"', "whole number", "without quotes"],
        ),
        (lambda d: d.update(timebox_minutes=30.5), "timebox_minutes", ["is 30.5", "whole number"]),
        (lambda d: d["metrics"][0].update(target=True), "metrics[0].target", ["is true", "must be a number"]),
        (lambda d: d["metrics"][0].update(target="60000"), "metrics[0].target", ["must be a number", "without quotes"]),
        (lambda d: d["reps"][0].update(name=42), "reps[0].name", ["is 42", "text in double quotes"]),
        (lambda d: d.update(escalation=[1, 3]), "escalation", ["is a list", "must be an object"]),
        (lambda d: d.update(reps={"sam": "Sam"}), "reps", ["is an object", "must be a list"]),
        (lambda d: d["reps"].__setitem__(2, "Priya Raman"), "reps[2]", ["is text", "must be an object", "id, name"]),
        (lambda d: d["reps"][4].update(targets=[90000]), "reps[4].targets", ["is a list", "must be an object"]),
        (lambda d: d.update(crm_columns={"Amount": 7}), 'crm_columns.Amount', ["is 7", "text"]),
        (lambda d: d.update(name=None), "name", ["is null", "text"]),
    ],
)
def test_a_wrong_type_says_what_was_found_and_what_is_expected(
    change: Callable[[dict[str, Any]], Any], where: str, words: list[str]
) -> None:
    problem = only_problem(mutated(change))
    assert problem.where == where
    assert problem.line is not None
    for word in words:
        assert word in problem.message, problem.message


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d.update(timebox_minutes=500), "timebox_minutes", ["is 500", "at most 240"]),
        (lambda d: d.update(timebox_minutes=2), "timebox_minutes", ["is 2", "5 or more"]),
        (lambda d: d["escalation"].update(window_weeks=60), "escalation.window_weeks", ["at most 52"]),
        (lambda d: d["reps"][0].update(name="   "), "reps[0].name", ["empty"]),
        (lambda d: d["reps"][0].update(name="x" * 81), "reps[0].name", ["81 characters", "at most 80"]),
        (lambda d: d["metrics"][0].update(period="year"), "metrics[0].period", ["week, month, quarter"]),
        (lambda d: d["metrics"][5].update(direction="down"), "metrics[5].direction", ["higher, lower"]),
    ],
)
def test_a_value_out_of_range_says_what_is_allowed(
    change: Callable[[dict[str, Any]], Any], where: str, words: list[str]
) -> None:
    problem = only_problem(mutated(change))
    assert problem.where == where
    for word in words:
        assert word in problem.message, problem.message


def test_a_malformed_id_gets_a_suggested_id() -> None:
    text = mutated(lambda d: d["reps"][1].update(id="Luis Hernandez"))
    problem = only_problem(text)
    assert problem.where == "reps[1].id"
    assert "no spaces" in problem.message and '"luis_hernandez"' in problem.message


@pytest.mark.parametrize("name", ["Sam\u001b[31m", "Sam\nLee", "Sam\tLee"])
def test_control_characters_in_names_are_reported_once(name: str) -> None:
    problem = only_problem(mutated(lambda d: d["reps"][0].update(name=name)))
    assert problem.where == "reps[0].name"
    assert "control character" in problem.message


def test_half_a_surrogate_pair_is_reported_once() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('"Dana Whitfield"', '"Dana \\ud83d"')
    problem = only_problem(text)
    assert problem.where == "manager"
    assert "\\ud83d" in problem.message


@pytest.mark.parametrize("markup", ["[bold]Sam[/]", "[red]Ana[/red] [link=x]", "[/]", "Sam [b"])
def test_rich_markup_in_names_and_labels_is_kept_verbatim(markup: str) -> None:
    def change(d: dict[str, Any]) -> None:
        d["reps"][0]["name"] = markup
        d["metrics"][0]["label"] = markup
        d["reps"][0]["role"] = markup

    team = parse_team(mutated(change).encode(), FILE)
    assert team.reps[0].name == team.metrics[0].label == team.reps[0].role == markup


def test_several_faults_give_one_problem_each_in_line_order() -> None:
    file = DATA / "bad_team.json"
    with pytest.raises(TeamFileError) as caught:
        load_team(file)
    got = [(p.where, p.line) for p in caught.value.problems]
    assert got == [
        ("metrics[0].target", 6),
        ("metrics[1].stage", 7),
        ("reps[1].targets.demos", 11),
        ("reps[2].id", 12),
        ("reps[2].rol", 12),
    ]
    lines = str(caught.value).splitlines()
    assert len(lines) == 5
    assert all(line.startswith(f"{file}: ") for line in lines)


def test_problems_are_not_repeated_for_a_broken_object_of_the_same_fault() -> None:
    # A bad number inside an override is one fault, not also a type error.
    text = SAMPLE.read_text(encoding="utf-8").replace('"deals_won": 8', '"deals_won": NaN')
    assert [p.where for p in problems_of(text)] == ["reps[0].targets.deals_won"]


# --- Problem and TeamFileError as the CLI prints them ---------------------------------------------


def test_a_problem_prints_as_file_path_line_and_message() -> None:
    problem = Problem(Path("team.json"), "reps[3].targets.calls", "target is -5; targets must be 0 or more", 41)
    assert str(problem) == "team.json: reps[3].targets.calls (line 41): target is -5; targets must be 0 or more"
    assert str(Problem(Path("t.json"), "file", "no such file")) == "t.json: file: no such file"


def test_a_team_file_error_prints_one_line_per_problem() -> None:
    problems = [Problem(FILE, "name", "a", 2), Problem(FILE, "reps", "b", 9)]
    error = TeamFileError(FILE, problems)
    assert str(error) == "team.json: name (line 2): a\nteam.json: reps (line 9): b"
    assert error.problems == problems and error.file == FILE


# --- reading from disk ---------------------------------------------------------------------------


def test_load_team_reports_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(TeamFileError) as caught:
        load_team(missing)
    [problem] = caught.value.problems
    assert (problem.file, problem.where) == (missing, "file")
    assert "no file" in problem.message


def test_load_team_reports_a_directory(tmp_path: Path) -> None:
    with pytest.raises(TeamFileError) as caught:
        load_team(tmp_path)
    assert "folder" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), "Input/output"),
    ],
)
def test_load_team_reports_a_file_it_cannot_read(monkeypatch: pytest.MonkeyPatch, error: OSError, words: str) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(teamfile.load.os, "open", refuse)  # root reads everything: chmod cannot show it
    with pytest.raises(TeamFileError) as caught:
        load_team(SAMPLE)
    [problem] = caught.value.problems
    assert problem.where == "file" and words in problem.message


def test_load_team_refuses_a_file_far_too_big_to_be_a_team(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(TeamFileError) as caught:
        load_team(big)
    assert "right file" in caught.value.problems[0].message


def test_load_team_reports_a_path_with_a_nul_byte() -> None:
    with pytest.raises(TeamFileError) as caught:
        load_team(Path("te\x00am.json"))
    assert caught.value.problems[0].where == "file"


# --- whatever the bytes: a Team or located problems, never another exception ---------------------


@FUZZ
@given(st.binary(max_size=600))
def test_any_bytes_give_a_team_or_located_problems(data: bytes) -> None:
    assert_team_or_located_problems(data)


_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
_keys = st.sampled_from(
    ["name", "manager", "metrics", "reps", "id", "label", "stage", "target", "targets", "escalation",
     "crm_columns", "timebox_minutes", "indicator", "period", "role", "pip_after_misses"]
) | st.text(max_size=8)
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=5),
                     max_leaves=30)


@FUZZ
@given(_json)
def test_any_json_structure_gives_a_team_or_located_problems(value: Any) -> None:
    assert_team_or_located_problems(json.dumps(value).encode())


@FUZZ
@given(st.dictionaries(_keys, _json, max_size=8))
def test_any_team_shaped_object_gives_a_team_or_located_problems(value: dict[str, Any]) -> None:
    base = sample()
    base.update(value)
    assert_team_or_located_problems(json.dumps(base, indent=2).encode())


def _paths(value: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [loc]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, loc + (index,))
    return found


_SAMPLE_PATHS = [p for p in _paths(sample()) if p]


def _container(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc[:-1]:
        data = data[part]
    return data


@FUZZ
@given(st.sampled_from(_SAMPLE_PATHS), st.sampled_from(["delete", "retype"]), _scalars | st.just([]) | st.just({}))
def test_the_sample_with_a_key_deleted_or_retyped_gives_a_team_or_located_problems(
    loc: tuple[Any, ...], how: str, replacement: Any
) -> None:
    data = sample()
    parent = _container(data, loc)
    if how == "delete":
        del parent[loc[-1]]
    else:
        parent[loc[-1]] = replacement
    assert_team_or_located_problems(dump(data).encode())


_SAMPLE_BYTES = SAMPLE.read_bytes()


@FUZZ
@given(
    st.integers(0, len(_SAMPLE_BYTES)),
    st.sampled_from(["insert", "replace", "delete"]),
    st.binary(min_size=1, max_size=3),
)
def test_the_sample_with_bytes_inserted_replaced_or_deleted_gives_a_team_or_located_problems(
    at: int, how: str, chunk: bytes
) -> None:
    data = _SAMPLE_BYTES
    if how == "insert":
        data = data[:at] + chunk + data[at:]
    elif how == "replace":
        data = data[:at] + chunk + data[at + len(chunk):]
    else:
        data = data[:at] + data[at + len(chunk):]
    assert_team_or_located_problems(data)


_SAMPLE_LEAVES = [p for p in _SAMPLE_PATHS if not isinstance(_container(sample(), p)[p[-1]], (dict, list))]


@pytest.mark.parametrize("loc", _SAMPLE_LEAVES, ids=lambda loc: json_path(loc))
def test_every_field_of_the_sample_given_the_wrong_type_is_reported_at_its_path_and_line(loc: tuple[Any, ...]) -> None:
    data = sample()
    _container(data, loc)[loc[-1]] = []
    text = dump(data)
    problem = only_problem(text)
    assert problem.where == json_path(loc)
    if isinstance(loc[-1], int):  # an item of a list of names (crm_deals): the `[]` on its own line
        line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().rstrip(",") == "[]")
    else:
        line = line_of(text, f"{json.dumps(loc[-1], ensure_ascii=False)}: []")
    assert problem.line == line
    assert "a list" in problem.message
