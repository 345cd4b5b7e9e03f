"""`x` and `ctrl+y` on the meeting pane and the dashboard: the notes as markdown, to a file or the clipboard.

The text comes from `oneonone_tui.export.markdown` (the same as `oneonone export`), the file is written
by the store (`store/exports.py`, 0600 in a 0700 folder), the path is shown literally.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App

from oneonone_tui.domain.records import Session
from oneonone_tui.domain.team import Team
from oneonone_tui.ui.text import visible


def notes_markdown(team: Team, sessions: Iterable[Session]) -> str | None:
    """The shared notes of `sessions` as markdown (never the private notes); None when there are none."""
    from oneonone_tui.export import Selection
    from oneonone_tui.export import markdown

    selection = Selection.of(team, [s.snapshot() for s in sessions])
    return markdown.render(selection) if selection.sessions else None


def save_markdown(app: App, text: str | None, file_name: str, nothing: str) -> Path | None:
    """Write `text` to the export folder as `file_name` and say where; a notification when it fails."""
    from oneonone_tui.paths import default_export_dir
    from oneonone_tui.store import StoreError
    from oneonone_tui.store.exports import make_export_dir, write_text_file

    if text is None:
        app.notify(nothing, severity="warning", markup=False)
        return None
    try:
        path = write_text_file(make_export_dir(default_export_dir()) / file_name, text)
    except (OSError, StoreError) as error:
        detail = getattr(error, "strerror", None) or str(error)
        app.notify(visible(f"Not exported: {detail}. Set ONEONONE_EXPORT_DIR to a folder you can write to."),
                   title="Export failed", severity="error", timeout=10, markup=False)
        return None
    app.notify(visible(f"Exported to {path}"), title="Notes exported", timeout=8, markup=False)
    return path


def copy_markdown(app: App, text: str | None, nothing: str) -> None:
    if text is None:
        app.notify(nothing, severity="warning", markup=False)
        return
    app.copy_to_clipboard(text)
    app.notify("Notes copied to the clipboard as markdown.", timeout=4, markup=False)
