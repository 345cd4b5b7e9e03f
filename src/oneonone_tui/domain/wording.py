"""Small words shared by every screen and command: one copy each."""

from __future__ import annotations

import json
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def visible(value: str) -> str:
    """Control characters (ESC and friends) become visible `\\x1b`: text from a file or the keyboard
    can neither hide, restyle nor command the terminal. Newline and tab are kept. The one function
    every screen and command passes stored or typed text through before it reaches a terminal."""
    return _CONTROL.sub(_escape, value)


def visible_line(value: str) -> str:
    """`visible`, and newline and tab too: for one-line fields and output lines, which either would break."""
    return _CONTROL_IN_LINE.sub(_escape, value)


def number_text(value: float) -> str:
    """`2`, `0.5`: a count as people write it."""
    return f"{value:g}"


def plural(count: float, word: str, many: str | None = None) -> str:
    """`1 rep`, `3 reps`, `0.5 missed weeks`."""
    return f"{number_text(count)} {word if count == 1 else (many or word + 's')}"


def quoted(text: str) -> str:
    """Text in double quotes, as JSON writes it (so a quote or a control character inside shows; a lone
    surrogate, which JSON can spell, shows as its escape)."""
    return json.dumps(text, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
