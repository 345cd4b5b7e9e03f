"""Numbers as sales people type them: `5k`, `1.2m`, `12,345`, `$12,345`, `45%`, `12 345`.

One rule for every field that takes an actual. Pure: text in, a reading out; the pane shows the
message inline and builds no how-come from a number it could not read.
"""

from __future__ import annotations

import math
import re

from oneonone_tui.domain._record import record

# How many times its target a value may be before the pane asks whether it was meant.
IMPLAUSIBLE_MULTIPLE = 10

_SUFFIX = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
# Thousands grouped by commas (12,345), spaces (12 345, also the no-break and thin spaces) or
# apostrophes (12'345); one decimal point; then an optional k/m/b multiplier.
_NUMBER = re.compile(
    r"""\A(?P<int>\d{1,3}(?:(?P<sep>[,\u00a0\u202f '])\d{3})(?:(?P=sep)\d{3})*|\d+)?
        (?:\.(?P<frac>\d+))?
        \s*(?P<suffix>[kmb])?\Z""",
    re.VERBOSE | re.IGNORECASE,
)
_CURRENCY = "$€£¥₹"


@record(frozen=True)
class Reading:
    """What a typed value means: `value` (None for an empty field), or `problem` in plain words.

    `partial` marks text that is on its way to a number (`1.`, `$`): no message yet, no value.
    """

    value: float | None = None
    problem: str = ""
    partial: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem and not self.partial


def parse_number(text: str) -> Reading:
    """Read an actual as typed. Never raises."""
    raw = text.strip()
    if not raw:
        return Reading()
    if raw.startswith("-") or raw.startswith("−"):
        if raw in ("-", "−"):
            return Reading(partial=True, problem="no metric is below zero: type 0 or more")
        return Reading(problem="no metric is below zero: type 0 or more")
    body = raw
    for symbol in _CURRENCY:
        if body.startswith(symbol):
            body = body[1:].lstrip()
            break
    else:
        for code in ("USD", "EUR", "GBP"):
            if body.upper().startswith(code):
                body = body[len(code):].lstrip()
                break
    body = body.removesuffix("%").rstrip()
    if not body or body.endswith("."):
        head = body.rstrip(".")
        if not head or _NUMBER.match(head):
            return Reading(partial=True)
    match = _NUMBER.match(body)
    if match is None or (match["int"] is None and match["frac"] is None):
        return Reading(problem="not a number: type digits, e.g. 120, 5k, 1.2m or $12,345")
    digits = (match["int"] or "0")
    if match["sep"]:
        digits = digits.replace(match["sep"], "")
    value = float(f"{digits}.{match['frac'] or '0'}")
    if match["suffix"]:
        value *= _SUFFIX[match["suffix"].lower()]
    if not math.isfinite(value):
        return Reading(problem="too large to be an actual")
    return Reading(value=value)


def implausible(value: float | None, target: float) -> bool:
    """Whether `value` is so far past its target (more than 10×) that the manager should confirm it."""
    return value is not None and target > 0 and value > IMPLAUSIBLE_MULTIPLE * target
