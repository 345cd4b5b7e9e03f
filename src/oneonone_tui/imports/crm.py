"""A CRM export read as it comes, into one week's actuals per rep, or every problem by line and column.

Two shapes, recognised from the header row (found below any title and filter lines):

* a **report** with a row per rep and a column per measure (a Salesforce report saved as CSV): the
  rep is in an owner column (`Opportunity Owner`, `Rep`, `Email`, ...); every other column is mapped
  by `crm_columns` (header -> metric id; `""` ignores a column). `Grand Total`/`Subtotal` rows and
  one-cell footer lines (`Confidential Information - Do Not Distribute`) are skipped.
* **deals**, a row per deal (HubSpot deals, Salesforce "details only"): won deals (`won_stages`) whose
  close date falls in a metric's period to date are summed per owner into `amount_metric` and counted
  into `count_metric`; reps with no such deal get 0.

Nothing is returned half-read: `read_export` gives the values or the problems, never both.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import field
from datetime import date, timedelta

from oneonone_tui.domain._record import record
from oneonone_tui.domain.team import CrmDeals, Metric, Period, Rep, Team
from oneonone_tui.domain.weeks import monday_of
from oneonone_tui.imports.values import Raw, _core, parse_dates, parse_numbers

# Headers that name the rep in a report with a row per rep (compared without case or accents).
OWNER_HEADERS = ("opportunity owner", "owner", "deal owner", "account owner", "rep", "sales rep", "rep id",
                 "owner email", "email", "full name", "user", "name", "owner name", "sales person", "salesperson")
_TOTAL = re.compile(r"^\s*(grand total|total|subtotal|sum)\b", re.IGNORECASE)
MAX_BYTES = 50 * 1024 * 1024


@record(frozen=True)
class Problem:
    line: int | None
    column: str | None  # `3 "Amount"`
    message: str

    def text(self, file: str) -> str:
        where = file
        if self.line is not None:
            where += f" line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        return f"{where}: {self.message}"


@record()
class Export:
    """What a file says, per rep: metric id -> value; the shape and the header row it was read by."""

    shape: str  # "report" or "deals"
    header_line: int
    values: dict[str, dict[str, float]] = field(default_factory=dict)
    rows: int = 0  # data rows read (deals: counted deals)


@record(frozen=True)
class Proposal:
    """A mapping proposed from the headers of a file read without one (nothing is written)."""

    shape: str
    header_line: int
    owner_column: str | None
    crm_columns: dict[str, str]
    crm_deals: dict[str, object] | None
    header_index: int = 0


class ImportRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class NeedsMapping(Exception):
    def __init__(self, proposal: Proposal) -> None:
        super().__init__("no CRM mapping in the team file")
        self.proposal = proposal


# --- text -----------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def decode(data: bytes) -> str:
    """UTF-8 (a BOM from Excel dropped), else UTF-16 with its BOM, else Windows-1252 as older exports are."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def rows_of(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, cells) per CSV record; `,`, `;` or tab, whichever the file uses."""
    sample = text[:8192]
    delimiter = max((",", ";", "\t"), key=lambda d: sample.count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    line = 1
    try:
        for record in reader:
            rows.append((line, [cell.strip() for cell in record]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportRefused([Problem(reader.line_num, None, f"the CSV cannot be read ({error}); "
                                     "export it from the CRM again")]) from None
    return rows


def _filled(cells: list[str]) -> list[str]:
    return [c for c in cells if c]


# --- reps -----------------------------------------------------------------------------------------


def match_rep(team: Team, text: str) -> Rep | None:
    """The rep `text` names: by id, full name, e-mail (`maya.okafor@…`, `Maya <maya@…>`) or unique first name."""
    candidates = [text]
    if m := re.match(r"^(.*?)[\s]*[<(]\s*([^<>()\s]+@[^<>()\s]+)\s*[>)]\s*$", text):
        candidates = [m[1], m[2]]
    for candidate in candidates:
        folded = _fold(candidate)
        if not folded:
            continue
        squeezed = re.sub(r"[^a-z0-9]", "", folded.split("@")[0]) if "@" in folded else None
        for rep in team.reps:
            if folded in (_fold(rep.id), _fold(rep.name)):
                return rep
            if squeezed and squeezed in (re.sub(r"[^a-z0-9]", "", _fold(rep.id)),
                                         re.sub(r"[^a-z0-9]", "", _fold(rep.name))):
                return rep
        firsts = [rep for rep in team.reps if _fold(rep.name).split(" ")[0] == folded]
        if len(firsts) == 1:
            return firsts[0]
    return None


# --- shapes ---------------------------------------------------------------------------------------


def _index(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [_fold(h) for h in header]
    for name in names:
        if _fold(name) in folded:
            return folded.index(_fold(name))
    return None


def _col(header: list[str], index: int) -> str:
    return f'{index + 1} "{header[index]}"' if index < len(header) else str(index + 1)


def _deals_header(cells: list[str], deals: CrmDeals) -> bool:
    return all(_index(cells, names) is not None for names in (deals.owner, deals.amount, deals.close_date,
                                                               deals.stage))


def _report_hits(cells: list[str], crm: dict[str, str]) -> int:
    keys = {_fold(k) for k in crm}
    return sum(1 for c in cells if _fold(c) in keys)


def read_export(team: Team, data: bytes, week: str) -> Export:
    """The week's actuals per rep from a CRM export; ImportRefused with every problem, or NeedsMapping."""
    rows = rows_of(decode(data))
    crm = dict(team.crm_columns)
    deals = team.crm_deals
    if not crm and deals is None:
        raise NeedsMapping(propose(team, rows))
    for number, (line, cells) in enumerate(rows[:60]):
        if deals is not None and _deals_header(cells, deals):
            return _read_deals(team, deals, rows, number, week)
        if crm and _report_hits(cells, crm) >= 1 and _index(cells, OWNER_HEADERS) is not None:
            return _read_report(team, crm, rows, number)
    proposal = propose(team, rows)
    wanted = []
    if crm:
        wanted.append("crm_columns (" + ", ".join(f'"{k}"' for k in list(crm)[:6]) + ") with an owner column")
    if deals is not None:
        wanted.append("crm_deals (" + ", ".join(f'"{names[0]}"' for names in
                                                (deals.owner, deals.amount, deals.close_date, deals.stage)) + ")")
    headers = ", ".join(f'"{h}"' for h in _filled(rows[proposal.header_index][1])[:12]) if rows else "none"
    raise ImportRefused([Problem(None, None, "no header row matches the team file's mapping: it expects "
                                 + " or ".join(wanted) + f"; the file's headers look like: {headers}. "
                                 "Add the file's column names to crm_columns or crm_deals in the team file")])


def _data_rows(rows: list[tuple[int, list[str]]], start: int) -> list[tuple[int, list[str]]]:
    out = []
    for line, cells in rows[start + 1:]:
        filled = _filled(cells)
        if not filled or _TOTAL.match(filled[0]) or len(filled) == 1:
            continue  # blank, Grand Total / Subtotal, a one-cell footer line ("Confidential Information ...")
        out.append((line, cells))
    return out


def _read_report(team: Team, crm: dict[str, str], rows: list[tuple[int, list[str]]], start: int) -> Export:
    header_line, header = rows[start]
    problems: list[Problem] = []
    owner = _index(header, OWNER_HEADERS)
    assert owner is not None
    mapped = {_fold(k): v.strip() for k, v in crm.items()}
    columns: dict[int, str] = {}
    for i, name in enumerate(header):
        if i == owner or not name:
            continue
        if _fold(name) not in mapped:
            import difflib  # only for a column the team file does not map

            close = difflib.get_close_matches(name, list(crm), n=1)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            problems.append(Problem(header_line, _col(header, i), f"unknown column; {hint}map it to a metric id "
                                    "in the team file's crm_columns, or to \"\" to leave it out"))
        elif mapped[_fold(name)]:
            columns[i] = mapped[_fold(name)]
    seen_metric: dict[str, int] = {}
    for i, metric_id in columns.items():
        if metric_id in seen_metric:
            problems.append(Problem(header_line, _col(header, i), f"maps to {metric_id}, as column "
                                    f"{_col(header, seen_metric[metric_id])} does; map one of them to \"\""))
        seen_metric.setdefault(metric_id, i)
    raws: list[Raw] = []
    cells_at: list[tuple[int, str, str, int]] = []  # (line, rep id, metric id, column index)
    rep_line: dict[str, int] = {}
    data = _data_rows(rows, start)
    for line, cells in data:
        name = cells[owner] if owner < len(cells) else ""
        rep = match_rep(team, name) if name else None
        if rep is None:
            shown = "an empty cell" if not name else f'"{name}"'
            problems.append(Problem(line, _col(header, owner), f"{shown} is not a rep of {team.name}; reps are "
                                    "matched by id, e-mail or name (" + ", ".join(r.name for r in team.reps[:8])
                                    + ")"))
            continue
        for i, metric_id in columns.items():
            raws.append(Raw(cells[i] if i < len(cells) else "", f"line {line}, column {_col(header, i)}"))
            cells_at.append((line, rep.id, metric_id, i))
        rep_line.setdefault(rep.id, line)
    numbers, number_problems = parse_numbers(raws)
    for where, message in number_problems:
        m = re.match(r"line (\d+), column (.*)$", where)
        problems.append(Problem(int(m[1]), m[2], message) if m else Problem(None, None, f"{where}: {message}"))
    export = Export(shape="report", header_line=header_line)
    first_line: dict[tuple[str, str], int] = {}
    for (line, rep_id, metric_id, i), value in zip(cells_at, numbers):
        if value is None:
            continue
        per_rep = export.values.setdefault(rep_id, {})
        if metric_id in per_rep and abs(per_rep[metric_id] - value) > 1e-9:
            problems.append(Problem(line, _col(header, i), f"{team.rep(rep_id).name} is also on line "
                                    f"{first_line[(rep_id, metric_id)]} with {per_rep[metric_id]:g}, here "
                                    f"{value:g}; keep one row per rep"))
            continue
        per_rep[metric_id] = value
        first_line.setdefault((rep_id, metric_id), line)
    export.rows = len(data)
    if not data:
        problems.append(Problem(header_line, None, "the header row has no rows of data under it"))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: (p.line or 0)))
    return export


def period_to_date(period: Period, week: str) -> tuple[date, date]:
    """The days a metric of `period` counts in `week`: the week, or its month/quarter up to the week's
    Sunday (the period that contains that Sunday, as the pro-rated target does)."""
    monday = monday_of(week)
    sunday = monday + timedelta(days=6)
    if period is Period.WEEK:
        return monday, sunday
    if period is Period.MONTH:
        return sunday.replace(day=1), sunday
    return date(sunday.year, 3 * ((sunday.month - 1) // 3) + 1, 1), sunday


def _read_deals(team: Team, deals: CrmDeals, rows: list[tuple[int, list[str]]], start: int, week: str) -> Export:
    header_line, header = rows[start]
    problems: list[Problem] = []
    owner = _index(header, deals.owner)
    amount = _index(header, deals.amount)
    close = _index(header, deals.close_date)
    stage = _index(header, deals.stage)
    deal_id = _index(header, deals.deal_id)
    pipeline = _index(header, deals.pipeline) if deals.pipelines else None
    assert owner is not None and amount is not None and close is not None and stage is not None
    if deals.pipelines and pipeline is None:
        problems.append(Problem(header_line, None, "crm_deals.pipelines names pipelines but no column is one of "
                                + ", ".join(f'"{h}"' for h in deals.pipeline)))
    metrics: list[tuple[Metric, str]] = []
    for metric_id, kind in ((deals.amount_metric, "amount"), (deals.count_metric, "count")):
        if metric_id:
            metrics.append((team.metric(metric_id), kind))
    if not metrics:
        problems.append(Problem(None, None, "crm_deals has neither amount_metric nor count_metric; name the "
                                "metric won deals add up to"))
    windows = {m.id: period_to_date(m.period, week) for m, _ in metrics}
    won = {_fold(s) for s in deals.won_stages}
    pipelines = {_fold(p) for p in deals.pipelines}
    candidates = []
    for line, cells in _data_rows(rows, start):
        def cell(i: int | None) -> str:
            return cells[i] if i is not None and i < len(cells) else ""

        if _fold(cell(stage)) not in won:
            continue
        if pipelines and _fold(cell(pipeline)) not in pipelines:
            continue
        candidates.append((line, cells))
    dates, date_problems = parse_dates([Raw(c[close] if close < len(c) else "", f"line {line}, column "
                                            f"{_col(header, close)}") for line, c in candidates])
    counted = []
    for (line, cells), when in zip(candidates, dates):
        if when is None:
            continue
        in_window = [m for m, _ in metrics if windows[m.id][0] <= when <= windows[m.id][1]]
        if in_window:
            counted.append((line, cells, in_window))
    numbers, number_problems = parse_numbers([Raw(c[amount] if amount < len(c) else "",
                                                  f"line {line}, column {_col(header, amount)}")
                                              for line, c, _ in counted])
    for where, message in date_problems + number_problems:
        m = re.match(r"line (\d+), column (.*)$", where)
        problems.append(Problem(int(m[1]), m[2], message))
    export = Export(shape="deals", header_line=header_line)
    for rep in team.reps:
        export.values[rep.id] = {m.id: 0.0 for m, _ in metrics}
    seen: dict[str, tuple[int, tuple[str, ...]]] = {}
    for (line, cells, in_window), value in zip(counted, numbers):
        name = cells[owner] if owner < len(cells) else ""
        rep = match_rep(team, name) if name else None
        if rep is None:
            shown = "an empty cell" if not name else f'"{name}"'
            problems.append(Problem(line, _col(header, owner), f"{shown} is not a rep of {team.name}; reps are "
                                    "matched by id, e-mail or name; export only this team's deals"))
            continue
        if deal_id is not None and deal_id < len(cells) and cells[deal_id]:
            key = tuple(cells)
            if cells[deal_id] in seen:
                first, first_cells = seen[cells[deal_id]]
                if first_cells != key:
                    problems.append(Problem(line, _col(header, deal_id), f"deal {cells[deal_id]} is also on line "
                                            f"{first} with different values; keep one row per deal"))
                continue  # the same row twice counts once
            seen[cells[deal_id]] = (line, key)
        if value is None:
            continue
        for metric, kind in metrics:
            if metric in in_window:
                export.values[rep.id][metric.id] += value if kind == "amount" else 1
        export.rows += 1
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: (p.line or 0)))
    return export


# --- proposing a mapping --------------------------------------------------------------------------


def _header_guess(rows: list[tuple[int, list[str]]]) -> int:
    for number, (_line, cells) in enumerate(rows[:60]):
        filled = _filled(cells)
        if len(filled) >= 2 and not any(_core(c) is not None for c in filled):
            return number  # the first row of two or more cells, none of them a number
    return 0


def propose(team: Team, rows: list[tuple[int, list[str]]]) -> Proposal:
    """A mapping from the headers: a deals mapping when the file has owner, amount, close date and stage
    columns; else each column matched to the closest metric label or id (`""` when none is close)."""
    number = _header_guess(rows)
    header = rows[number][1] if rows else []
    line = rows[number][0] if rows else 1
    defaults = CrmDeals()
    if _deals_header(header, defaults):
        money = next((m for m in team.metrics if m.stage.value == "results" and m.unit.strip().upper()
                      in ("USD", "EUR", "GBP", "$", "€", "£")), None)
        count = next((m for m in team.metrics if m.stage.value == "results" and m is not money), None)
        found = {name: [header[_index(header, getattr(defaults, name))]]
                 for name in ("owner", "amount", "close_date", "stage")}
        mapping: dict[str, object] = {**found, "won_stages": list(defaults.won_stages),
                                      "amount_metric": money.id if money else "",
                                      "count_metric": count.id if count else ""}
        return Proposal("deals", line, found["owner"][0], {}, mapping, number)
    owner = _index(header, OWNER_HEADERS)
    scored = []
    for i, name in enumerate(header):
        if not name or i == owner:
            continue
        for metric in team.metrics:
            scored.append((_likeness(name, metric), i, metric.id))
    columns = {name: "" for i, name in enumerate(header) if name and i != owner}
    taken: set[str] = set()
    for score, i, metric_id in sorted(scored, key=lambda t: -t[0]):
        if score < 0.2 or metric_id in taken or columns[header[i]]:
            continue
        columns[header[i]] = metric_id
        taken.add(metric_id)
    return Proposal("report", line, header[owner] if owner is not None else None, columns, None, number)


def read_file(path) -> bytes:
    """The bytes of the regular file `path` (never a FIFO or device; at most MAX_BYTES); ImportRefused otherwise."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ImportRefused([Problem(None, None, f"cannot be read ({error.strerror or error}); check the path")]) \
            from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ImportRefused([Problem(None, None, "is not a regular file; give the CSV file the CRM exported")])
        if st.st_size > MAX_BYTES:
            raise ImportRefused([Problem(None, None, f"is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                                         "export only this team and period")])
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise ImportRefused([Problem(None, None, f"cannot be read ({error.strerror or error})")]) from None
    finally:
        os.close(fd)


_SYNONYMS = {"amount": "revenue", "count": "deals", "number": "deals", "#": "deals", "opps": "opportunities",
             "opportunity": "opportunities", "meeting": "meetings", "call": "calls", "lead": "leads",
             "proposal": "proposals", "cycle": "days", "followup": "follow"}
_STOP = {"to", "of", "the", "avg", "average", "per", "in", "within", "logged", "total", "sum", "mtd", "qtd"}


def _tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", _fold(text).replace("_", " "))
    return {_SYNONYMS.get(w, w) for w in words if w not in _STOP}


def _likeness(header: str, metric: Metric) -> float:
    """How alike a header and a metric are: shared words over all words (label, id and unit)."""
    mine = _tokens(header)
    theirs = _tokens(f"{metric.label} {metric.id} {metric.unit}")
    return len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0
