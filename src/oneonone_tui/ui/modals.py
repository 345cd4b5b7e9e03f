"""Help (the keys and the method), and a corrupt file's way back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from oneonone_tui.ui.screens import StyledOnceScreen
from oneonone_tui.ui.text import visible

METHOD_LINES = [
    "1. Results first: did the rep hit the target? Outcomes, not effort.",
    "2. Pipeline next: enough qualified opportunities to keep hitting it?",
    "3. Activity only when results or pipeline are short; otherwise it is the rep's to manage.",
    "4. Ask 'how come…?', never 'why'; write the answer in the rep's words; diagnose effort or effectiveness.",
    "5. Commitments in plain words with a due date; next week opens by checking them: kept, partly, not kept.",
]

KEYS = [
    ("Dashboard", [("enter", "open the selected rep's 1:1"), ("/", "filter reps by name"),
                   ("[  ]", "previous / next week"), ("t", "this week"),
                   ("s", "your scorecard: 1:1s held, results, follow-through, signals (13 weeks)"),
                   ("l", "log coaching: `ride-along with sam`, `debrief priya on Acme`"), ("q", "quit")]),
    ("Meeting", [("tab / shift+tab", "next / previous field, in the order of the method"),
                 ("e f x", "diagnosis: effort, effectiveness, external (on the diagnosis line)"),
                 ("k p n", "verdict: kept, partly, not kept (on a verdict line)"),
                 ("c", "carry a partly / not kept commitment to a typed date (due:fri, +1w; empty: the next 1:1)"),
                 ("ctrl+n", "write a commitment: `re-engage 5 stalled opps due:fri #pipeline`, @me for yours"),
                 ("ctrl+o", "open or fold Activity"), ("ctrl+t", "notes"),
                 ("delete", "remove the selected commitment"),
                 ("ctrl+l", "hold or lower the rep's level, with a written reason (kept with the week)"),
                 ("ctrl+f", "finish the 1:1 (back to the dashboard, next rep selected)"),
                 ("escape", "back to the dashboard: everything is saved as you type")]),
    ("Anywhere", [("ctrl+p", "command palette"), ("f1", "this help"), ("ctrl+q", "quit")]),
]


class HelpScreen(StyledOnceScreen):
    """The keys and the method. A full screen, not a modal: a modal re-renders the screen behind it,
    tinted, on every frame (~45 ms each over the dashboard)."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        # One widget for the whole text: a modal of twenty-odd Statics took ~250 ms to open.
        lines: list[Content | str | tuple[str, str]] = [("The method, in five lines", "bold"), "\n"]
        lines += [line + "\n" for line in METHOD_LINES]
        for title, keys in KEYS:
            lines += ["\n", (title, "bold"), "\n"]
            for key, what in keys:
                lines += [(f"{key:>16}  ", "$accent bold"), what, "\n"]
        lines += ["\n", ("escape closes this help", "$text-muted")]
        with VerticalScroll(id="help"):
            yield Static(Content.assemble(*lines), id="help-text")


class RestoreScreen(ModalScreen[bool]):
    """A corrupt database file: never overwritten; offer the newest good backup, or quit."""

    BINDINGS = [Binding("r", "restore", "Restore backup"), Binding("q,escape", "quit", "Quit")]

    def __init__(self, message: str, has_backup: bool) -> None:
        super().__init__()
        self.message = message
        self.has_backup = has_backup

    def compose(self) -> ComposeResult:
        with Vertical(id="restore"):
            yield Static(Content.styled("A database file cannot be read", "bold $text-error"))
            yield Static(Content(visible(self.message)))
            if self.has_backup:
                yield Static(Content.assemble(("r", "bold $accent"), " restore the newest good backup "
                                              "(the unreadable file is kept beside it)   ",
                                              ("q", "bold $accent"), " quit"))
            else:
                yield Static(Content.assemble("No good backup exists. ", ("q", "bold $accent"), " quit"))

    def action_restore(self) -> None:
        if self.has_backup:
            self.dismiss(True)

    def action_quit(self) -> None:
        self.dismiss(False)
