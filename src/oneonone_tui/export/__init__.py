"""Notes out: a selection of 1:1s as markdown, JSON, CSV or iCalendar text.

Pure functions: records and the team in, text out. Nothing here reads or writes a file (the store's
`store/exports.py` does), nothing re-derives a rule: the progression, the fold of Activity, the
how-come question and the plan come from `domain.progression`; what is still owed from
`domain.one_on_one`. Private notes go out only when asked for (`include_private`).
"""

from oneonone_tui.export.selection import FORMATS, Selection, rep_file_name

__all__ = ["FORMATS", "Selection", "rep_file_name"]
