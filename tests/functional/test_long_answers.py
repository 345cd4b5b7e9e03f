"""Long answers stay on screen in full (issue 9 item 5): the how-come answer wraps and grows."""

from __future__ import annotations

from textual.widgets import DataTable

from oneonone_tui.domain.records import MetricEntry, Session, SessionState, Verdict
from oneonone_tui.domain.team import Stage
from oneonone_tui.store import Store
from oneonone_tui.ui.fields import AnswerField
from oneonone_tui.ui.meeting import MeetingScreen
from oneonone_tui.ui.widgets import dom_id

from .conftest import SIZE
from .test_snapshots import LONG_ANSWER

WEEK = "2026-W48"


def _screen_text(app) -> str:
    """The screen as the terminal would show it (the compositor's full update)."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(segment.text for strip in line for segment in strip) for line in update.strips)


async def test_a_long_answer_typed_shows_every_word_once_the_focus_leaves_and_is_saved_whole(make, team):
    first = team.metrics_in(Stage.RESULTS)[0]
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        table.move_cursor(row=table.get_row_index(team.reps[0].id))
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        meeting.query_one("#" + dom_id("actual", first.id)).focus()
        await pilot.press("1")
        answer = meeting.query_one("#" + dom_id("answer", first.id), AnswerField)
        answer.focus()
        await pilot.press(*LONG_ANSWER)
        await pilot.press("tab")  # on to the diagnosis
        await pilot.pause()
        assert not answer.has_focus
        assert answer.region.height >= 3, "the field grew with the answer"
        # Every word is on screen (the field may wrap a word onto the next line, never hide one).
        words = _screen_text(app).replace(",", " ").split()
        assert all(word in words for word in LONG_ANSWER.replace(",", " ").split())
        assert app.saver.flush(timeout=10)
    assert app.store.get(team.reps[0].id, WEEK).entries[first.id].answer == LONG_ANSWER


async def test_a_stored_long_answer_to_a_missed_commitment_shows_in_full_when_the_one_on_one_opens(make, team, db_path):
    from datetime import date

    from oneonone_tui.domain.records import Commitment, Review

    rep = team.reps[0]
    made = Commitment(id="c1", text="book 5 discovery calls", due=date(2026, 11, 20), made_week="2026-W47",
                      number=5.0)
    with Store.open(db_path) as store:
        store.save(Session(rep_id=rep.id, week="2026-W47", state=SessionState.DONE, commitments=[made],
                           entries={"closed_won_revenue": MetricEntry(metric_id="closed_won_revenue", actual=1.0)}))
        store.save(Session(rep_id=rep.id, week=WEEK, state=SessionState.IN_PROGRESS, to_review=[made],
                           reviews={"c1": Review(commitment_id="c1", verdict=Verdict.NOT_KEPT, answer=LONG_ANSWER)}))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#reps", DataTable)
        table.move_cursor(row=table.get_row_index(rep.id))
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        row = meeting.review_rows()[0]
        assert row.asks_how_come
        field = row.query_one(".answer", AnswerField)
        assert field.value == LONG_ANSWER and field.region.height >= 2
        words = _screen_text(app).replace(",", " ").split()
        assert all(word in words for word in LONG_ANSWER.replace(",", " ").split())

