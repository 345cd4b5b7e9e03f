"""The end-to-end tests' terminal: a private tmux server at 120x40, closed after each test."""

from __future__ import annotations

import pytest

from tests.e2e.terminal import Terminal


@pytest.fixture
def terminal():
    term = Terminal(120, 40)
    yield term
    term.close()
