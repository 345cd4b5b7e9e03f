"""The core never imports textual, and importing anything never touches the disk.

Each check runs in a fresh interpreter: in this one, other tests have long since imported textual.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import oneonone_tui
from tests.conftest import SAMPLE_TEAM


def _modules() -> tuple[list[str], list[str]]:
    """(core modules, ui modules) of the installed package, found by walking it (nothing listed by hand)."""
    core, ui = ["oneonone_tui"], []
    for info in pkgutil.walk_packages(oneonone_tui.__path__, "oneonone_tui."):
        if info.name == "oneonone_tui.__main__":
            continue  # running it is the program; imported on its own below
        (ui if info.name == "oneonone_tui.ui" or info.name.startswith("oneonone_tui.ui.") else core).append(info.name)
    return sorted(core), sorted(ui)


CORE, UI = _modules()

DOMAIN = [name for name in CORE if name.startswith("oneonone_tui.domain")]
OUTSIDE_TEAMFILE = [name for name in CORE if not name.startswith("oneonone_tui.teamfile")] + UI

LAYER_PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "pydantic", "pydantic_core")
                        or m.startswith(("oneonone_tui.store", "oneonone_tui.teamfile", "oneonone_tui.ui")))))
"""


@pytest.mark.parametrize("module", DOMAIN)
def test_the_domain_imports_nothing_of_the_store_the_team_file_the_ui_textual_or_pydantic(module, tmp_path):
    (tmp_path / "home").mkdir()
    result = subprocess.run([sys.executable, "-c", LAYER_PROBE, module], env=isolated_env(tmp_path),
                            cwd=tmp_path / "home", text=True, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def _imported_names(path: Path) -> set[str]:
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_only_the_team_file_package_imports_pydantic():
    package = Path(oneonone_tui.__file__).parent
    importers = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                       if any(name.split(".")[0] in ("pydantic", "pydantic_core") for name in _imported_names(path)))
    assert importers and all(name.startswith("teamfile/") for name in importers), importers


def test_only_the_store_package_writes_files():
    """One module writes to disk: nothing outside store/ opens a file for writing, replaces or chmods one."""
    package = Path(oneonone_tui.__file__).parent
    writers = []
    for path in package.rglob("*.py"):
        if path.relative_to(package).parts[0] == "store":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("os.replace(", "os.rename(", "O_WRONLY", "O_CREAT", ".write_text(", ".write_bytes(",
                       "chmod(", "os.mkdir(", ".mkdir(", 'open("w', "open('w"):
            if needle in text:
                writers.append(f"{path.relative_to(package)}: {needle}")
    assert writers == []


PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))))
"""


def isolated_env(tmp: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "xdg-data"),
                       XDG_CONFIG_HOME=str(tmp / "xdg-config"), XDG_CACHE_HOME=str(tmp / "xdg-cache"),
                       XDG_STATE_HOME=str(tmp / "xdg-state"), ONEONONE_DATA_DIR=str(tmp / "data"),
                       ONEONONE_DB=str(tmp / "db"), PYTHONDONTWRITEBYTECODE="1")
    return environment


def textual_modules_after_importing(names: list[str], tmp: Path) -> list[str]:
    (tmp / "home").mkdir(exist_ok=True)
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(names)], env=isolated_env(tmp),
                            cwd=tmp / "home", text=True, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_discovery_finds_the_core_and_the_ui_modules():
    for name in ("cli", "launch", "store", "store.codec", "store.autosave", "store.live", "demo", "teamfile",
                 "teamfile.schema", "paths", "domain.team", "domain.records", "domain.escalation",
                 "domain.progression", "domain.one_on_one"):
        assert f"oneonone_tui.{name}" in CORE
    assert "oneonone_tui.ui.app" in UI
    assert not [name for name in CORE if ".ui" in name]


@pytest.mark.parametrize("module", CORE)
def test_a_core_module_imports_without_textual(module, tmp_path):
    assert textual_modules_after_importing([module], tmp_path) == []


def test_importing_every_core_module_together_pulls_in_no_textual(tmp_path):
    assert textual_modules_after_importing(CORE, tmp_path) == []


def test_the_ui_does_import_textual_so_the_probe_can_see_it(tmp_path):
    assert "textual" in textual_modules_after_importing(["oneonone_tui.ui.app"], tmp_path)


def test_the_cli_checks_a_team_file_without_loading_textual(tmp_path):
    probe = f"""
import sys
from oneonone_tui import cli
try:
    cli.main(["check", {str(SAMPLE_TEAM)!r}])
except SystemExit as end:
    assert end.code in (0, None), end.code
print("textual" in sys.modules, "pydantic" in sys.modules)
"""
    (tmp_path / "home").mkdir()
    result = subprocess.run([sys.executable, "-c", probe], env=isolated_env(tmp_path), cwd=tmp_path / "home",
                            text=True, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    *summary, flags = result.stdout.splitlines()
    assert summary[0].startswith(f"{SAMPLE_TEAM}: OK")
    # A valid team file is read by the store's strict codec: no pydantic (issue 13); no textual either.
    assert flags == "False False"


def test_running_the_package_with_version_imports_no_textual_and_writes_nothing(tmp_path):
    # A command ends with os._exit once its output is out (`start.leave`): the probe reads the modules then.
    probe = """
import os, runpy, sys
real_exit = os._exit
def _exit(code):
    print("textual" in sys.modules)
    sys.stdout.flush()
    real_exit(code)
os._exit = _exit
sys.argv = ["oneonone", "--version"]
try:
    runpy.run_module("oneonone_tui", run_name="__main__")
except SystemExit as end:
    assert end.code in (0, None), end.code
    print("textual" in sys.modules)
"""
    (tmp_path / "home").mkdir()
    result = subprocess.run([sys.executable, "-c", probe], env=isolated_env(tmp_path), cwd=tmp_path / "home",
                            text=True, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"oneonone, version {oneonone_tui.__version__}", "False"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    assert list((tmp_path / "home").iterdir()) == []


def test_importing_every_module_ui_included_touches_no_disk(tmp_path):
    """No database, data directory, config or cache appears from an import: only running something writes."""
    names = CORE + UI
    textual_modules_after_importing(names, tmp_path)  # from inside an empty HOME as the working directory
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"], "only the HOME the test made"
    assert list((tmp_path / "home").iterdir()) == []
