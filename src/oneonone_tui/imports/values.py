"""Numbers and dates as CRM exports write them: `USD 78,450.00`, `$1,234.56`, `94.0%`, `12.345,00`, `11/20/2026`.

The decimal mark and the day/month order are decided per file, from all its values at once: a value
that could be read two ways (`1,234`, `03/04/2026`) is read the way the file's other values show, and
refused, with the reason, when nothing in the file says which.
"""

from __future__ import annotations

import re
from datetime import date

from oneonone_tui.domain._record import record

_CURRENCY = r"(?:[A-Z]{3}|[$€£¥])"
_AFFIX = re.compile(rf"^\s*(?:{_CURRENCY}\s*)?(?P<core>.*?)\s*(?:{_CURRENCY}|%)?\s*$")
_CORE = re.compile(r"^-?\d[\d.,'\u00a0\u202f ]*$|^-?[.,]\d+$")


@record(frozen=True)
class Raw:
    """One number as written, with where it was (for the problem report)."""

    text: str
    where: str  # `line 7, column 3 "Amount"`


def _core(text: str) -> str | None:
    match = _AFFIX.match(text)
    core = match["core"] if match else text
    core = core.replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace(" ", "")
    if core.startswith("(") and core.endswith(")"):
        core = "-" + core[1:-1]
    if not core or not _CORE.match(core):
        return None
    return core


def _evidence(core: str) -> str | None:
    """'.' or ',' when `core` shows which mark is the decimal one; 'ambiguous-.'/'ambiguous-,' when it could
    be either (one mark followed by exactly three digits); None when there is no mark."""
    digits = core.lstrip("-")
    dots, commas = digits.count("."), digits.count(",")
    if not dots and not commas:
        return None
    if dots and commas:
        return "." if digits.rfind(".") > digits.rfind(",") else ","
    mark = "." if dots else ","
    if dots + commas > 1:
        return "," if mark == "." else "."  # repeated: the mark groups thousands, so the other one is decimal
    after = len(digits) - digits.rfind(mark) - 1
    if after == 3 and digits.rfind(mark) > 0:
        return f"ambiguous-{mark}"
    return mark


def parse_numbers(raws: list[Raw]) -> tuple[list[float | None], list[tuple[str, str]]]:
    """Each raw as a number (None where it is not one) and the problems, each as (where, message)."""
    problems: list[tuple[str, str]] = []
    cores = [_core(raw.text) for raw in raws]
    evidence = [(_evidence(c) if c is not None else None) for c in cores]
    dot = [i for i, e in enumerate(evidence) if e == "."]
    comma = [i for i, e in enumerate(evidence) if e == ","]
    decimal: str | None = None
    refused: set[int] = set()
    if dot and comma:
        majority, minority = (dot, comma) if len(dot) >= len(comma) else (comma, dot)
        decimal = "." if majority is dot else ","
        example = raws[majority[0]]
        for i in minority:
            refused.add(i)
            mark = "," if decimal == "." else "."
            problems.append((raws[i].where, f"{raws[i].text!r} writes the decimal mark as {mark!r}, but other "
                             f"values in this file write it as {decimal!r} ({example.where}: {example.text!r}); "
                             "export the file again with one number format"))
    elif dot:
        decimal = "."
    elif comma:
        decimal = ","
    values: list[float | None] = []
    for i, (raw, core, ev) in enumerate(zip(raws, cores, evidence)):
        if i in refused:
            values.append(None)
            continue
        if core is None:
            shown = "an empty cell" if not raw.text.strip() else repr(raw.text)
            problems.append((raw.where, f"{shown} is not a number; put the number in the CRM export "
                             "(0 when there is none)"))
            values.append(None)
            continue
        mark = decimal
        if ev and ev.startswith("ambiguous-") and decimal is None:
            problems.append((raw.where, f"{raw.text!r} could be read two ways ({ev[-1]!r} as thousands separator "
                             "or as decimal mark) and no other value in this file says which; export the numbers "
                             "with two decimals (1,234.00) or without thousands separators"))
            values.append(None)
            continue
        if mark is None:
            mark = "."
        group = "," if mark == "." else "."
        number = float(core.replace(group, "").replace(mark, "."))
        if number < 0:
            problems.append((raw.where, f"{raw.text!r} is negative; actuals are counts and amounts of 0 or more"))
            values.append(None)
            continue
        values.append(number)
    return values, problems


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_SLASH = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{2}|\d{4})(?:[ ,T].*)?$")


def parse_dates(raws: list[Raw]) -> tuple[list[date | None], list[tuple[str, str]]]:
    """Each raw as a date: ISO `2026-11-20`, or `11/20/2026` / `20/11/2026` / `20.11.2026` with the
    day/month order decided from the file's other dates."""
    problems: list[tuple[str, str]] = []
    parts: list[tuple[int, int, int, str] | tuple[int, int, int] | None] = []
    day_first = month_first = False
    for raw in raws:
        text = raw.text.strip()
        if m := _ISO.match(text):
            parts.append((int(m[1]), int(m[2]), int(m[3])))
            continue
        if m := _SLASH.match(text):
            a, b, year = int(m[1]), int(m[3]), int(m[4])
            year += 2000 if year < 100 else 0
            if m[2] == ".":
                day_first = day_first or a <= 31
            if a > 12:
                day_first = True
            if b > 12:
                month_first = True
            parts.append((a, b, year, m[2]))
            continue
        parts.append(None)
    values: list[date | None] = []
    for raw, part in zip(raws, parts):
        if part is None:
            shown = "an empty cell" if not raw.text.strip() else repr(raw.text)
            problems.append((raw.where, f"{shown} is not a date; use 2026-11-20 or 11/20/2026"))
            values.append(None)
            continue
        if len(part) == 3:
            y, mo, d = part
        else:
            a, b, y, _sep = part
            if day_first and month_first:
                problems.append((raw.where, f"{raw.text!r}: this file writes dates both day-first and month-first; "
                                 "export it again with one date format"))
                values.append(None)
                continue
            if not day_first and not month_first and a != b and a <= 12 and b <= 12:
                problems.append((raw.where, f"{raw.text!r} could be {a}/{b} or {b}/{a} (month/day) and no other date "
                                 "in this file says which; export dates as 2026-11-20"))
                values.append(None)
                continue
            d, mo = (a, b) if day_first else (b, a)
        try:
            values.append(date(y, mo, d))
        except ValueError:
            problems.append((raw.where, f"{raw.text!r} is not a date on the calendar"))
            values.append(None)
    return values, problems
