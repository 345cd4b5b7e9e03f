"""Any stored text, control characters included, is shown without a single control byte reaching the terminal.

What is checked is what Textual would write: the compositor's full update of the 1:1 (every strip of
every widget, as the terminal gets them), both as Segments (no control character in any Segment's
text) and as the byte stream `render_segments` makes of them (once Textual's own cursor moves, SGR
styles and OSC 8 links are taken out, no ESC, BEL, C1 or other control byte is left). The stored
data must come back unchanged: showing a text safely must not rewrite it.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone_tui.domain.records import Commitment, Diagnosis, MetricEntry, Review, Session
from oneonone_tui.store import Store
from oneonone_tui.domain.team import Stage
from oneonone_tui.ui.app import make_app
from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.widgets import HowCome, MetricRow
from tests.conftest import TODAY

WEEK = "2026-W48"
SIZE = (150, 110)  # tall enough that every field of the pane is on screen at once
NASTY = [
    "\x1b]0;T\x07",  # OSC 0: set the terminal title
    "\x1b[2J",  # clear the screen
    "\x1b]52;c;aGVsbG8=\x07",  # OSC 52: write the clipboard
    "\x1b]52;c;aGVsbG8=\x1b\\",
    "\x1b[31m",
    "\x9b2J",  # C1 CSI
    "\x9d0;T\x9c",  # C1 OSC
    "\x07",
    "\r",
    "\t",
    "\n",
    "\x00",
    "\x7f",
    "[bold]x[/]",
]
_piece = st.one_of(st.sampled_from(NASTY),
                   st.text(st.characters(min_codepoint=0, max_codepoint=0x24F, exclude_categories=["Cs"]),
                           max_size=8))
stored_text = st.lists(_piece, min_size=1, max_size=4).map("".join)

# Textual's own sequences in the stream: cursor moves, SGR styles, OSC 8 hyperlinks.
_TEXTUAL_OWN = re.compile(r"\x1b\[\d+;\d+H|\x1b\[[0-9;:]*m|\x1b]8;[^\x07\x1b]*(?:\x1b\\|\x07)")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # a newline between lines is Textual's own
_CONTROL_IN_SEGMENT = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _session(team, texts: dict[str, str]) -> Session:
    metric = team.metrics_in(Stage.RESULTS)[0]
    reviewed = Commitment(id="c1", text=texts["review_text"], due=date(2026, 11, 19), made_week="2026-W47")
    made = Commitment(id="c2", text=texts["commitment_text"], due=date(2026, 11, 27), made_week=WEEK)
    entry = MetricEntry(metric_id=metric.id, actual=1.0, answer=texts["answer"], diagnosis=Diagnosis.EFFECTIVENESS,
                        skill=texts["skill"])
    return Session(rep_id=team.reps[0].id, week=WEEK, entries={metric.id: entry}, to_review=[reviewed],
                   commitments=[made], reviews={"c1": Review(commitment_id="c1", outcome=texts["outcome"])},
                   shared_notes=texts["shared_notes"], private_notes=texts["private_notes"])


async def _render_meeting(team, session: Session, db: Path) -> tuple[list[str], str, Session]:
    store = Store.open(db)
    try:
        store.save(session)
        app = make_app(team=team, store=store, today=TODAY, live_timer=False, autosave_delay=0.01,
                       now=lambda: datetime(2026, 11, 24, 10, 30), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            app.open_meeting(session.rep_id, WEEK)
            for _ in range(300):
                await pilot.pause(0.01)
                screen = app.screen
                blocks = screen.query(HowCome) if isinstance(screen, MeetingScreen) else []
                if blocks and blocks.first().query(".plan"):
                    break
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MeetingScreen)
            assert any(row.asks_how_come for row in screen.query(MetricRow))
            update = screen._compositor.render_full_update()
            texts = [segment.text for line in update.strips for strip in line for segment in strip]
            stream = update.render_segments(app.console)
            assert app.saver.flush(timeout=10)
        stored = store.get(session.rep_id, WEEK)
    finally:
        store.close()
    return texts, stream, stored


FIELDS = ["shared_notes", "private_notes", "answer", "skill", "outcome", "review_text", "commitment_text"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(texts=st.fixed_dictionaries({name: stored_text for name in FIELDS}))
def test_stored_text_of_every_field_reaches_the_terminal_without_a_control_byte_and_stays_stored(team, texts):
    session = _session(team, texts)
    with tempfile.TemporaryDirectory() as tmp:
        segments, stream, stored = asyncio.run(_render_meeting(team, session, Path(tmp) / "db"))
    bad = [text for text in segments if _CONTROL_IN_SEGMENT.search(text)]
    assert not bad, f"control characters in the Segments sent to the terminal: {bad[:5]!r}"
    rest = _TEXTUAL_OWN.sub("", stream)
    assert not _CONTROL.search(rest), f"stray control bytes in the output: {_CONTROL.findall(rest)[:10]!r}"
    for sequence in ("\x1b]0;", "\x1b]52;", "\x1b[2J", "\x07", "\x9b", "\x9d"):
        assert sequence not in stream
    # Shown safely, stored as it was: the manager did not edit anything.
    metric_id = team.metrics_in(Stage.RESULTS)[0].id
    assert stored.shared_notes == texts["shared_notes"] and stored.private_notes == texts["private_notes"]
    assert stored.entries[metric_id].answer == texts["answer"] and stored.entries[metric_id].skill == texts["skill"]
    assert stored.reviews["c1"].outcome == texts["outcome"]
    assert stored.to_review[0].text == texts["review_text"] and stored.commitments[0].text == texts["commitment_text"]
