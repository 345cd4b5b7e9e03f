"""Reading a team file: bytes in, a `Team` out, or one located `Problem` per fault.

`oneonone check` prints `str(problem)` for each problem, one per line; the app refuses to start on
a broken team file with the same lines. Nothing here raises anything but `TeamFileError`, whatever
the bytes: a manager's hand-edited JSON must never end in a traceback.

The pipeline: bytes -> text (UTF-8, BOM accepted) -> a light scan that records the line of every
key and array element (`reps[3].targets.calls` -> line 41) -> `json.loads` with hooks that catch
duplicate keys, NaN/Infinity and absurd numbers -> when nothing was found, the store's strict codec
(`store.codec.decode_team_file`: a file it accepts is one the schema accepts, with the same Team) ->
otherwise the team rules on the raw data (duplicate ids, unknown metrics) -> pydantic, whose errors
are translated into plain words at their JSON path. pydantic is imported on that last path only.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
import stat
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from oneonone_tui.domain._record import record
from oneonone_tui.domain.team import Loc, Metric, Stage, Team, json_path, rule_issues
from oneonone_tui.domain.wording import plural, quoted
from oneonone_tui.store.codec import CodecError, decode_team_file

# pydantic (`schema`) is imported only when a file is not a valid team file as it stands: a valid
# file is read by the store's strict codec (`decode_team_file`), which accepts only what the schema
# accepts and makes the same Team of it (tests/unit/test_team_fast_path.py), in a fraction of the
# time pydantic's import and schema build take.

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NUMBER", "Problem", "TeamFileError", "json_path", "load_team",
           "parse_team", "summarize"]

MAX_BYTES = 2_000_000  # a team of 100 reps is ~30 kB; anything this big is the wrong file
MAX_DEPTH = 32  # a team file nests 4 levels (team > reps > rep > targets)
MAX_NUMBER = 1e15  # beyond any sales target, and every whole number below it is exact as a float
MAX_PROBLEMS = 20  # lines `check` prints at most: the last one says how many more there are
MAX_KEYS_NAMED = 3  # duplicate keys named in one object before "and N more"
MAX_LINES_NAMED = 5  # line numbers listed for one duplicate key before "and N more"
MAX_WHERE, MAX_MESSAGE = 120, 400  # characters: a problem is one readable line, whatever the file holds


@record(frozen=True)
class Problem:
    """One fault in a team file, where it is, and what to do about it."""

    file: Path
    where: str  # `reps[3].targets.calls`, `line 4, column 7`, `byte 118`, `top level` or `file`
    message: str  # what is wrong and what is expected
    line: int | None = None

    def __str__(self) -> str:
        where = self.where
        if self.line is not None and not where.startswith("line "):
            where = f"{where} (line {self.line})"
        return f"{self.file}: {_clip(where, MAX_WHERE)}: {_clip(self.message, MAX_MESSAGE)}"


def _clip(text: str, limit: int) -> str:
    """`text`, or its start and end around an ellipsis: a key of 10 kB must not make a 10 kB line."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[-(limit - 1 - half):]


class TeamFileError(Exception):
    """The team file cannot be used; `problems` says why, one located fault each."""

    def __init__(self, file: Path, problems: list[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


# --- entry points --------------------------------------------------------------------------------


def load_team(path: Path) -> Team:
    """Read and validate the team file at `path`; raises `TeamFileError` and nothing else.

    Only a regular file is read: a FIFO, a terminal or a device would block the read (and
    `oneonone check` with it) forever. The path is stat-ed first, opened non-blocking, and
    fstat-ed again once open (it may have been swapped in between).
    """
    file = Path(path)

    def fail(message: str) -> TeamFileError:
        return TeamFileError(file, [Problem(file, "file", message)])

    try:
        kind = _file_kind(os.stat(file).st_mode)
        if kind is not None:
            raise fail(_not_regular(kind))
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            kind = _file_kind(os.fstat(fd).st_mode)
            if kind is not None:
                raise fail(_not_regular(kind))
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(MAX_BYTES + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise fail("there is no file at this path; check the spelling, or leave out --team to use the sample team") from None
    except IsADirectoryError:
        raise fail(_not_regular("a folder")) from None
    except PermissionError:
        raise fail("permission denied: this account cannot read the file; check its permissions "
                   "(ls -l), or pass a copy you can read") from None
    except (OSError, ValueError) as exc:  # ELOOP, EIO, a NUL in the path, ...
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise fail(f"the file cannot be read ({reason}); check the path") from None
    return parse_team(data, file)


def _file_kind(mode: int) -> str | None:
    """None for a regular file, else what it is, in words."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a file"


def _not_regular(kind: str) -> str:
    if kind == "a folder":
        return "this is a folder, not a file; give the path of the team's .json file"
    return f"this is not a regular file ({kind}); pass the path of a JSON team file"


def parse_team(data: bytes, file: Path) -> Team:
    """Validate a team file's bytes; `file` is only used to name the file in problems."""
    file = Path(file)
    try:
        team, problems = _parse(data, file)
    except Exception as exc:  # noqa: BLE001 - the promise is "TeamFileError, whatever the bytes"
        problems = [
            Problem(
                file, "file", f"internal error while reading this file ({type(exc).__name__}: {exc}); please report it"
            )
        ]
        team = None
    if problems or team is None:
        raise TeamFileError(file, problems or [Problem(file, "file", "this file is not a valid team file")])
    return team


def summarize(team: Team, file: Path) -> str:
    """What `oneonone check` prints when the file is fine: the team in a few lines."""
    counts = ", ".join(f"{len(team.metrics_in(stage))} {stage.value}" for stage in Stage)
    lines = [
        f"{file}: OK — {team.name} (manager {team.manager}): {plural(len(team.reps), 'rep')}; metrics: {counts}"
    ]
    for stage in Stage:
        metrics = team.metrics_in(stage)
        if metrics:
            lines.append(f"  {stage.value + ':':<10}" + " · ".join(_describe_metric(m) for m in metrics))
    for index, rep in enumerate(team.reps):
        text = rep.name + (f" — {rep.role}" if rep.role else "")
        if rep.targets:
            text += "; own targets: " + ", ".join(f"{k} {_num(v)}" for k, v in rep.targets.items())
        lines.append(f"  {'reps:' if index == 0 else '':<10}{text}")
    esc = team.escalation
    lines.append(
        f"  {'rules:':<10}{team.timebox_minutes}-minute 1:1s; within {plural(esc.window_weeks, 'week')}: "
        f"extra coaching after {plural(esc.coaching_after_misses, 'miss', 'misses')}, "
        f"a performance plan after {plural(esc.pip_after_misses, 'miss', 'misses')}"
        + (f"; {plural(len(team.crm_columns), 'CRM column')} mapped" if team.crm_columns else "")
    )
    return "\n".join(lines)


def _describe_metric(metric: Metric) -> str:
    unit = "%" if metric.unit == "%" else f" {metric.unit}" if metric.unit else ""
    better = ", lower is better" if metric.direction.value == "lower" else ""
    return f"{metric.label} {_num(metric.target)}{unit}/{metric.period.value}{better}"


def _num(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"


# --- the parse -----------------------------------------------------------------------------------


def _parse(data: bytes, file: Path) -> tuple[Team | None, list[Problem]]:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    data = bytes(data)

    def one(where: str, message: str, line: int | None = None) -> tuple[None, list[Problem]]:
        return None, [Problem(file, where, message, line)]

    if len(data) > MAX_BYTES:
        return one(
            "file", f"the file is over {MAX_BYTES:,} bytes; a team file is a few kilobytes — is this the right file?"
        )
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # a UTF-8 BOM: Windows editors write one
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return one(
            "byte 0", "the file is saved as UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", 1
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        return one(
            f"byte {nul}",
            f"byte {nul} is a NUL (0x00): this is not a text file, or it is saved as UTF-16; save it as UTF-8 JSON",
            data.count(b"\n", 0, nul) + 1,
        )
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        return one(
            f"byte {offset}",
            f"byte {offset} (0x{data[offset]:02X}) is not UTF-8; save the file as UTF-8 "
            "(it was probably saved as Latin-1 or Windows-1252)",
            data.count(b"\n", 0, offset) + 1,
        )
    if not text.strip(" \t\r\n"):
        return one(
            "line 1, column 1",
            "the file is empty; a team file is one JSON object with name, manager, metrics and reps "
            "(see sample_team.json)",
            1,
        )

    try:
        positions = _scan(text)
    except Exception:  # noqa: BLE001 - line numbers are a nicety; never let them cost the check
        positions = _Positions(text)
    if positions.too_deep is not None:
        line, column = positions.line_col(positions.too_deep)
        return one(
            f"line {line}, column {column}",
            f"the JSON nests more than {MAX_DEPTH} levels deep here; a team file nests 4 at most "
            "(team, reps, a rep, its targets)",
            line,
        )

    try:
        value = json.loads(
            text,
            object_pairs_hook=_object,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except json.JSONDecodeError as exc:
        message = _syntax_message(exc.msg, text[exc.pos : exc.pos + 2])
        return one(f"line {exc.lineno}, column {exc.colno}", message, exc.lineno)
    except RecursionError:
        return one("line 1, column 1", "the JSON nests too deeply to read; a team file nests 4 levels at most", 1)
    except ValueError as exc:
        return one("line 1, column 1", f"this is not valid JSON ({exc})", 1)

    if not isinstance(value, dict):
        kind = _kind(value)
        return one(
            "top level",
            f"the file holds {kind}; a team file is one JSON object {{…}} with name, manager, metrics and reps",
            positions.line_for(()),
        )

    found = _Found()
    clean = _clean(value, (), found)
    if not (found.duplicates or found.numbers or found.texts):
        try:
            return decode_team_file(clean, MAX_NUMBER), []
        except CodecError:
            pass  # the schema decides, and names every fault
    from pydantic import ValidationError

    from oneonone_tui.teamfile import schema

    problems: list[Problem] = []

    def add(loc: Loc, message: str, line: int | None = None) -> None:
        where = json_path(loc)
        problems.append(Problem(file, where, message, line if line is not None else positions.line_for(loc)))

    by_object: dict[Loc, list[str]] = {}
    for loc, key in found.duplicates:
        by_object.setdefault(loc[:-1], []).append(key)
    for parent, keys in by_object.items():
        if len(keys) > MAX_KEYS_NAMED:  # one line for the object, not one per key
            first = positions.lines.get(parent + (keys[0],), [])
            named = ", ".join(quoted(_short(key)) for key in keys[:MAX_KEYS_NAMED])
            add(
                parent,
                f"keys {named} and {len(keys) - MAX_KEYS_NAMED:,} more appear more than once in this object; "
                "JSON keeps only the last of each, so delete the others",
                first[1] if len(first) > 1 else None,
            )
            continue
        for key in keys:
            loc = parent + (key,)
            lines = positions.lines.get(loc, [])
            add(loc, _duplicate_key_message(key, lines), lines[1] if len(lines) > 1 else None)
    for loc, bad in found.numbers:
        add(loc, _bad_number_message(loc, bad))
    for loc, message in found.texts:
        add(loc, message)

    rules = rule_issues(clean)
    # With no metrics at all, every target override and CRM column "names a metric not in metrics":
    # follow-on errors of the one problem, which is said once (at `metrics`).
    metrics = clean.get("metrics") if isinstance(clean, dict) else None
    no_metrics = not (isinstance(metrics, list) and metrics)
    for loc, message in rules:
        if no_metrics and "which is not in metrics" in message:
            continue
        add(loc, message)

    team: Team | None = None
    try:
        team = schema.to_team(schema.Team.model_validate(clean))
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            if any(loc[: len(done)] == done for done in found.skip):
                continue  # already said: that number is NaN or too large, that text unusable
            if error["type"] == "team_rules":
                if not rules:  # the raw check should have found these; never lose one
                    add((), str(error["msg"]))
                continue
            loc, message = _translate(error, loc, clean)
            add(loc, message)

    if problems:
        problems = _dedupe(problems)
        problems.sort(key=lambda p: (p.line is None, p.line or 0))
        if len(problems) > MAX_PROBLEMS:
            hidden = len(problems) - (MAX_PROBLEMS - 1)
            problems = problems[: MAX_PROBLEMS - 1] + [
                Problem(file, "file", f"{hidden:,} more problems not shown; fix the ones above and check the file again")
            ]
        return None, problems
    return team, []


def _duplicate_key_message(key: str, lines: list[int]) -> str:
    times = "more than once" if len(lines) <= 2 else f"{len(lines):,} times"
    distinct = list(dict.fromkeys(lines))
    if len(distinct) > MAX_LINES_NAMED:
        at = f" (lines {', '.join(map(str, distinct[:MAX_LINES_NAMED]))} and {len(distinct) - MAX_LINES_NAMED:,} more)"
    elif len(distinct) > 1:
        at = f" (lines {', '.join(map(str, distinct))})"
    elif len(lines) > 1:
        at = f" (all on line {distinct[0]})"
    else:
        at = ""
    return f"key {quoted(_short(key))} appears {times} in this object{at}; JSON keeps only the last one, so delete the others"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for problem in problems:
        if (problem.where, problem.message) not in seen:
            seen.add((problem.where, problem.message))
            out.append(problem)
    return out


_SYNTAX_HINTS = [
    ("Expecting value", "a value is missing or is not JSON here; values are \"text\", numbers, true, false, null, "
     "{…} or […] — a trailing comma, a comment or 'single quotes' cause this too"),
    ("Expecting property name", "a key is expected here, in double quotes like \"name\"; a comma before } "
     "(a trailing comma) causes this too"),
    ("Expecting ':' delimiter", "a colon is missing after the key; write \"key\": value"),
    ("Expecting ',' delimiter", "a comma is missing between two items (look at the end of the line before), or a "
     "bracket or brace is not closed"),
    ("Unterminated string", "this text has no closing double quote"),
    ("Invalid control character", "text cannot hold a raw line break or tab; close the quote, or write \\n or \\t"),
    ("Invalid \\uXXXX escape", "a \\u escape needs four hex digits, like \\u00e9"),
    ("Invalid \\escape", "a backslash in text starts an escape; write \\\\ for a backslash (Windows paths too)"),
    ("Extra data", "there is more after the end of the team object; a team file holds exactly one JSON object"),
    ("Unexpected UTF-8 BOM", "the file starts with two byte order marks; save it as UTF-8 again"),
]


def _syntax_message(msg: str, here: str) -> str:
    if here.startswith(("//", "/*", "#")) and not msg.startswith("Unterminated"):
        return "not valid JSON: JSON has no comments; delete the comment"
    if here.startswith("'") and msg.startswith("Expecting"):
        return "not valid JSON: text and keys need double quotes, like \"name\", not 'single quotes'"
    for prefix, hint in _SYNTAX_HINTS:
        if msg.startswith(prefix):
            return f"not valid JSON: {hint}"
    return f"not valid JSON ({msg}); check the syntax near here"


# --- json.loads hooks ----------------------------------------------------------------------------


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that remembers the keys it saw more than once."""

    __slots__ = ("repeated",)

    def __init__(self) -> None:
        super().__init__()
        self.repeated: list[str] = []


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    for key, value in pairs:
        if key in obj and key not in obj.repeated:
            obj.repeated.append(key)
        obj[key] = value
    return obj


class _Bad:
    """A number the team file cannot hold: NaN, Infinity, or far too large.

    A plain class, not a dataclass (as `_Found`): only read here, and a dataclass costs the start-up
    of `check` the compiling of its methods.
    """

    __slots__ = ("constant", "literal")

    def __init__(self, literal: str, constant: bool = False) -> None:
        self.literal = literal
        self.constant = constant


def _constant(literal: str) -> _Bad:
    return _Bad(literal, constant=True)


def _float(literal: str) -> float | _Bad:
    value = float(literal)
    return value if math.isfinite(value) and abs(value) <= MAX_NUMBER else _Bad(literal)


def _int(literal: str) -> int | _Bad:
    if len(literal.lstrip("-")) > 16:  # also keeps int() clear of its 4300-digit limit
        return _Bad(literal)
    value = int(literal)
    return value if abs(value) <= MAX_NUMBER else _Bad(literal)


def _bad_number_message(loc: Loc, bad: _Bad) -> str:
    name = _name(loc)
    if bad.constant:
        return f"{name} is {bad.literal}, which is not a number JSON allows; write an ordinary number such as 0"
    literal = bad.literal if len(bad.literal) <= 24 else f"{bad.literal[:12]}… ({len(bad.literal)} characters)"
    return f"{name} is {literal}, which is far too large; numbers in a team file are at most 1e15"


class _Found:
    __slots__ = ("duplicates", "numbers", "skip", "texts")

    def __init__(self) -> None:
        self.duplicates: list[tuple[Loc, str]] = []
        self.numbers: list[tuple[Loc, _Bad]] = []
        self.texts: list[tuple[Loc, str]] = []
        self.skip: list[Loc] = []  # reported already: no second problem from pydantic


def _clean(value: Any, loc: Loc, found: _Found) -> Any:
    """Plain dicts and lists again, noting duplicate keys, bad numbers and unusable text on the way."""
    if isinstance(value, _Bad):
        found.numbers.append((loc, value))
        found.skip.append(loc)
        return None
    if isinstance(value, dict):
        for key in getattr(value, "repeated", ()):
            found.duplicates.append((loc + (key,), key))
        out = {}
        for key, item in value.items():
            _check_text(key, loc + (key,), found, is_key=True)
            out[key] = _clean(item, loc + (key,), found)
        return out
    if isinstance(value, list):
        return [_clean(item, loc + (index,), found) for index, item in enumerate(value)]
    if isinstance(value, str) and not _check_text(value, loc, found):
        return None
    return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _check_text(text: str, loc: Loc, found: _Found, is_key: bool = False) -> bool:
    """False (and a problem noted) when `text` holds what no name or id may: half a surrogate pair, a control."""
    what = f"key {quoted(text)}" if is_key else _name(loc)
    if match := _SURROGATE.search(text):
        found.texts.append(
            (loc, f"{what} holds \\u{ord(match.group()):04x}, half of a UTF-16 pair and not a character; "
                  "write the character itself")
        )
    elif match := _CONTROL.search(text):
        code = ord(match.group())
        found.texts.append(
            (loc, f"{what} holds a control character (U+{code:04X}{', a tab' if code == 9 else ''}"
                  f"{', a line break' if code in (10, 13) else ''}); names, labels and ids are one line of "
                  "plain text, so remove it")
        )
    else:
        return True
    found.skip.append(loc)
    return False


# --- where things are ----------------------------------------------------------------------------


_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\S', re.S)


class _Positions:
    """The line of each key and array element, by location: ("reps", 3, "targets", "calls") -> [41]."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.lines: dict[Loc, list[int]] = {}
        self.too_deep: int | None = None  # offset of the bracket that nests past MAX_DEPTH

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def add(self, loc: Loc, offset: int) -> None:
        self.lines.setdefault(loc, []).append(self.line_col(offset)[0])

    def line_for(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest enclosing location (a missing field: its object)."""
        for n in range(len(loc), -1, -1):
            lines = self.lines.get(tuple(loc[:n]))
            if lines:
                return lines[-1]  # JSON keeps the last of duplicate keys: that is what was checked
        return None


def _scan(text: str) -> _Positions:
    """A forgiving tokenizer: records where each key and element starts; never fails on junk."""
    positions = _Positions(text)
    # One frame per open container: [is_object, loc, current key or index, expecting a key]
    stack: list[list[Any]] = []
    for match in _TOKEN.finditer(text):
        token, start = match.group(), match.start()
        first = token[0]
        if first in "}]":
            if stack:
                stack.pop()
            continue
        if first == ",":
            if stack:
                top = stack[-1]
                if top[0]:
                    top[3] = True
                else:
                    top[2] += 1
            continue
        if first == ":":
            if stack and stack[-1][0]:
                stack[-1][3] = False
            continue
        if stack and stack[-1][0] and stack[-1][3]:
            top = stack[-1]
            top[2] = _key_text(token)
            top[3] = False
            positions.add(top[1] + (top[2],), start)
            continue
        if not stack:
            loc: Loc = ()
            positions.add(loc, start)
        else:
            top = stack[-1]
            loc = top[1] + (top[2],) if top[2] is not None else top[1]
            if not top[0]:
                positions.add(loc, start)
        if first in "{[":
            if len(stack) >= MAX_DEPTH:
                positions.too_deep = start
                break
            stack.append([first == "{", loc, None if first == "{" else 0, True])
    return positions


def _key_text(token: str) -> str:
    if token.startswith('"'):
        try:
            key = json.loads(token)
            if isinstance(key, str):
                return key
        except ValueError:
            pass
        return token[1:-1]
    return token


# --- pydantic errors in plain words --------------------------------------------------------------

# By model name: `_annotation_at` walks the schema's pydantic models.
_OWNER = {"Team": "the team", "Metric": "this metric", "Rep": "this rep", "Escalation": "escalation"}
_ITEM = {"metrics": "metric", "reps": "rep"}


def _owner(model: Any) -> str:
    return _OWNER.get(model.__name__, "this object") if _is_model(model) else "this object"


def _close_matches(word: str, allowed: list[str], cutoff: float = 0.6) -> list[str]:
    """The allowed word closest to `word`, if any (difflib is imported only for a file with a misspelling)."""
    import difflib

    return difflib.get_close_matches(word, allowed, n=1, cutoff=cutoff)


def _translate(error: Any, loc: Loc, data: Any) -> tuple[Loc, str]:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    name = _name(loc)
    annotation = _annotation_at(loc)

    if kind in ("missing", "extra_forbidden") and not loc:
        return loc, str(error.get("msg", "is not valid"))
    if kind == "missing":
        parent = _annotation_at(loc[:-1])
        owner = _owner(parent)
        return loc, f"{name} is missing from {owner}; add \"{loc[-1]}\": {_expected(annotation)}"
    if kind == "extra_forbidden":
        model = _annotation_at(loc[:-1])
        key = str(loc[-1])
        if _is_model(model):
            allowed = list(model.model_fields)
            close = _close_matches(key.lower(), allowed, cutoff=0.6)
            hint = f"did you mean {quoted(close[0])}? " if close else "remove it or fix its spelling; "
            owner = _owner(model)
            return loc, f"unknown field {quoted(key)} in {owner}; {hint}the fields are: {', '.join(allowed)}"
        return loc, f"unknown field {quoted(key)}; remove it"
    if kind == "enum":
        allowed = [member.value for member in annotation] if _is_enum(annotation) else []
        close = _close_matches(str(value).lower(), allowed) if isinstance(value, str) else []
        hint = f"; did you mean {quoted(close[0])}?" if close else ""
        return loc, f"{name} must be one of {', '.join(allowed)}, not {_show(value)}{hint}"
    if kind in ("string_type", "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing",
                "bool_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        return loc, f"{name} is {_show(value)}; it must be {_expected(annotation)}{_type_hint(annotation, value)}"
    if kind == "string_pattern_mismatch":
        suggestion = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(value).strip().lower()).strip("_.-")[:64] or "sam_lee"
        return loc, (
            f"{name} {_show(value)} is not a usable id: ids use letters, digits, _ . and - (no spaces), start with "
            f"a letter or digit and are at most 64 characters; for example {quoted(suggestion)}"
        )
    if kind == "string_too_short":
        return loc, f"{name} is empty; fill it in"
    if kind == "string_too_long":
        return loc, (
            f"{name} is {len(str(value))} characters long; it can be at most {ctx.get('max_length')}, so shorten it"
        )
    if kind == "too_short" and loc and loc[-1] in _ITEM:
        item = _ITEM[str(loc[-1])]
        return loc, f"at least one {item} is needed; add one: {_expected(_annotation_at(loc + (0,)))}"
    if kind in ("greater_than_equal", "greater_than"):
        bound = _num(ctx.get("ge", ctx.get("gt", 0)))
        bound_text = f"{bound} or more" if kind == "greater_than_equal" else f"more than {bound}"
        if _is_target(loc):
            return loc, f"{name} is {_show(value)}; targets must be {bound_text}"
        return loc, f"{name} is {_show(value)}; it must be {bound_text}"
    if kind in ("less_than_equal", "less_than"):
        bound = _num(ctx.get("le", ctx.get("lt", 0)))
        bound_text = f"at most {bound}" if kind == "less_than_equal" else f"less than {bound}"
        return loc, f"{name} is {_show(value)}; it must be {bound_text}"
    if kind == "finite_number":
        return loc, f"{name} is {_show(value)}; it must be an ordinary number"
    if kind == "escalation_order":
        given = _dig(data, loc)
        sub = "pip_after_misses" if isinstance(given, dict) and "pip_after_misses" in given else "coaching_after_misses"
        if "followup_after_misses is" in str(error["msg"]):
            sub = "followup_after_misses"
        if isinstance(given, dict) and sub in given:
            loc = loc + (sub,)
        return loc, str(error["msg"])
    message = str(error.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ")
    return loc, f"{name}: {message}"


def _name(loc: Loc) -> str:
    if not loc:
        return "the file"
    last = loc[-1]
    if isinstance(last, int):
        return json_path(loc[-2:]) if len(loc) >= 2 else f"item {last}"
    if len(loc) >= 2 and loc[-2] == "targets":
        return f"the target override for {quoted(str(last))}"
    if len(loc) >= 2 and loc[-2] == "crm_columns":
        return f"CRM column {quoted(str(last))}"
    return str(last)


def _is_target(loc: Loc) -> bool:
    return bool(loc) and (loc[-1] == "target" or (len(loc) >= 2 and loc[-2] == "targets"))


def _annotation_at(loc: Loc) -> Any:
    """The type the team file expects at `loc`, walking the pydantic models (None: unknown)."""
    from oneonone_tui.teamfile import schema

    current: Any = schema.Team
    for part in loc:
        current = _unwrap(current)
        if _is_model(current):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
            continue
        origin, args = get_origin(current), get_args(current)
        if origin is list and isinstance(part, int) and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        else:
            return None
    return _unwrap(current)


def _is_model(annotation: Any) -> bool:
    from pydantic import BaseModel

    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def _expected(annotation: Any) -> str:
    annotation = _unwrap(annotation)
    if _is_enum(annotation):
        return "one of " + ", ".join(member.value for member in annotation)
    if _is_model(annotation):
        required = [n for n, f in annotation.model_fields.items() if f.is_required()]
        optional = [n for n, f in annotation.model_fields.items() if not f.is_required()]
        if not required:
            return "an object {…} with any of " + ", ".join(optional)
        text = "an object {…} with " + ", ".join(required)
        return text + (f" (optional: {', '.join(optional)})" if optional else "")
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list:
        inner = _unwrap(args[0]) if args else None
        if _is_model(inner):
            required = [n for n, f in inner.model_fields.items() if f.is_required()]
            return f"a list […] of objects, each with {', '.join(required)}"
        return "a list […]"
    if origin is dict:
        inner = _unwrap(args[1]) if len(args) == 2 else None
        what = "a number" if inner in (float, int) else "text" if inner is str else "a value"
        return f"an object {{…}} whose values are each {what}"
    if annotation is str:
        return "text in double quotes"
    if annotation is int:
        return "a whole number"
    if annotation is float:
        return "a number"
    if annotation is bool:
        return "true or false"
    return "a valid value"


def _type_hint(annotation: Any, value: Any) -> str:
    annotation = _unwrap(annotation)
    if annotation in (int, float) and isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            return ""
        if math.isfinite(number) and (annotation is float or number.is_integer()):
            return f"; write it without quotes: {value.strip().replace(',', '')}"
    if annotation is int and isinstance(value, float) and value.is_integer():
        return f": write {int(value)}"
    return ""


def _dig(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "a number"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return "text " + quoted(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value) if len(repr(value)) <= 24 else f"{repr(value)[:12]}… ({len(repr(value))} digits)"
    if isinstance(value, dict):
        return "an object {…}"
    if isinstance(value, list):
        return "a list […]"
    return type(value).__name__
