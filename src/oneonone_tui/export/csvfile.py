"""Numbers for a spreadsheet: one row per metric per 1:1, or one row per commitment (RFC 4180, UTF-8)."""

from __future__ import annotations

import csv
import io
import math

from oneonone_tui.domain import progression
from oneonone_tui.domain.records import Commitment, Session
from oneonone_tui.domain.team import Stage
from oneonone_tui.domain.wording import visible
from oneonone_tui.export.selection import Selection

METRIC_COLUMNS = ["week", "rep_id", "rep", "stage", "metric_id", "metric", "unit", "period", "target",
                  "target_to_date", "actual", "attainment", "band", "how_come", "answer", "diagnosis", "skill"]
COMMITMENT_COLUMNS = ["made_week", "rep_id", "rep", "owner", "commitment", "due", "number", "metric_id", "stage",
                      "status", "judged_week", "outcome", "id"]

# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): shown as text instead.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """Text for a cell: control characters made visible, and never read as a formula."""
    value = visible(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def number(value: float | None) -> str:
    """A number as a spreadsheet reads it: `40`, `9666.5`, `` for none."""
    if value is None or not math.isfinite(value):
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 2**53 else repr(float(value))


def _ratio(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return ""
    return number(round(value, 4))


def _write(columns: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: CRLF, quotes only where needed
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def _metric_rows(selection: Selection, session: Session) -> list[list[str]]:
    rep = selection.rep(session.rep_id)
    rows = []
    for stage in Stage:
        for s in progression.standings(selection.team, rep, session, stage, session.week):
            entry = session.entries.get(s.metric.id)
            metric = s.metric
            rows.append([session.week, rep.id, cell(rep.name), stage.value, metric.id, cell(metric.label),
                         cell(metric.unit), metric.period.value, number(s.full_target), number(s.target),
                         number(s.actual), _ratio(s.attainment), s.band.value if s.band else "",
                         cell(progression.how_come(s) or ""), cell(entry.answer if entry else ""),
                         entry.diagnosis.value if entry and entry.diagnosis else "", cell(entry.skill if entry else "")])
    return rows


def render(selection: Selection, *, what: str = "metrics") -> str:
    if what == "commitments":
        return _write(COMMITMENT_COLUMNS, commitment_rows(selection))
    rows = [row for session in selection.sessions for row in _metric_rows(selection, session)]
    return _write(METRIC_COLUMNS, rows)


def commitment_rows(selection: Selection) -> list[list[str]]:
    """Every commitment made in the selection, with its verdict from the 1:1 that judged it (`open` until then)."""
    verdicts = selection.verdicts()
    rows = []
    for session in selection.sessions:
        rep = selection.rep(session.rep_id)
        for c in session.commitments:
            judged = verdicts.get(c.id)
            status = judged[1].verdict.value if judged and judged[1].verdict else "open"
            rows.append(_commitment_row(rep.id, rep.name, c, status, judged[0] if judged else "",
                                        judged[1].outcome if judged else ""))
    return rows


def _commitment_row(rep_id: str, name: str, c: Commitment, status: str, week: str, outcome: str) -> list[str]:
    return [c.made_week, rep_id, cell(name), c.owner.value, cell(c.text), c.due.isoformat(), number(c.number),
            c.metric_id or "", cell(c.stage or ""), status, week, cell(outcome), c.id]
