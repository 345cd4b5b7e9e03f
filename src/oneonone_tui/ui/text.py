"""Text from a team file or a note is data: shown literally, never read as markup or escape codes.

`visible` and `visible_line` are the domain's (`domain/wording.py`): one copy for the app and the CLI.
"""

from __future__ import annotations

from rich.text import Text

from oneonone_tui.domain.wording import visible, visible_line

__all__ = ["literal", "visible", "visible_line"]


def literal(value: str, style: str = "") -> Text:
    return Text(visible(value), style=style, end="")
