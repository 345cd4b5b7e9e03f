"""What each command imports at start-up: only what it uses (issue 13, figure 5 of benchmarks/bench.py).

Names a command imports lazily (the store's package names, resolved on first use) must still resolve,
each to the object its submodule defines. Each probe runs in a fresh interpreter: in this one, other
tests have long since imported everything. No timings here: the figures belong to the benchmark.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import oneonone_tui.store as store_package


def _modules_after(code: str, *prefixes: str) -> list[str]:
    probe = code + f"\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))"
    result = subprocess.run([sys.executable, "-c", probe], text=True, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_name_of_the_store_package_resolves_to_its_submodules_object() -> None:
    for name in store_package.__all__:
        where = store_package._WHERE[name]
        assert getattr(store_package, name) is getattr(importlib.import_module(f"oneonone_tui.store.{where}"), name)
    assert set(store_package._WHERE) == set(store_package.__all__)
    assert set(store_package.__all__) <= set(dir(store_package))


def test_an_unknown_name_of_the_store_package_is_an_attribute_error() -> None:
    try:
        store_package.NoSuchThing  # noqa: B018
    except AttributeError as error:
        assert "NoSuchThing" in str(error)
    else:
        raise AssertionError("store.NoSuchThing resolved")


def test_star_import_of_the_store_package_gives_every_name() -> None:
    namespace: dict = {}
    exec("from oneonone_tui.store import *", namespace)  # noqa: S102
    assert set(store_package.__all__) <= set(namespace)


def test_reading_a_team_file_imports_no_tinydb_and_not_the_store() -> None:
    """`check` reads a team file through the store's codec: the codec alone, not the database."""
    code = "from oneonone_tui.teamfile import load_team, summarize"
    assert _modules_after(code, "tinydb", "oneonone_tui.store.store", "oneonone_tui.store.files",
                          "oneonone_tui.store.repair") == []
