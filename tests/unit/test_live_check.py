"""Issue 9, item 8: `check` on a team file with no metrics says so once, not 23 follow-on errors."""

import json
from importlib import resources

from click.testing import CliRunner

from oneonone_tui.cli import main


def test_a_team_file_with_an_empty_metrics_list_is_one_problem(tmp_path):
    sample = json.loads(resources.files("oneonone_tui").joinpath("sample_team.json").read_text())
    sample["metrics"] = []
    path = tmp_path / "team.json"
    path.write_text(json.dumps(sample, indent=1))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "metrics" in lines[0] and "at least one metric" in lines[0]
    assert "Traceback" not in result.output


def test_without_the_metrics_key_it_is_one_problem_too(tmp_path):
    sample = json.loads(resources.files("oneonone_tui").joinpath("sample_team.json").read_text())
    del sample["metrics"]
    path = tmp_path / "team.json"
    path.write_text(json.dumps(sample, indent=1))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1, result.output
