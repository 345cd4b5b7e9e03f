"""Text from a team file or a note is data: shown literally, never read as markup or escape codes."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(value: str) -> str:
    """Control bytes (ESC and friends) become visible `\\x1b` so they can neither hide nor restyle."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def visible_line(value: str) -> str:
    """`visible`, and newline and tab too: for one-line fields, where either would break the line."""
    return _CONTROL_IN_LINE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def literal(value: str, style: str = "") -> Text:
    return Text(visible(value), style=style, end="")
