"""A full disk during a 1:1: the manager is told, the text stays, and it lands once the disk has room."""

from __future__ import annotations

import errno

from textual.widgets import Static

from oneonone_tui.store import SaveFailed
from oneonone_tui.ui.meeting import MeetingScreen

from .conftest import SIZE


async def test_a_full_disk_says_not_saved_keeps_the_text_and_saves_it_when_space_returns(make, team):
    app = make()
    store = app.store
    real_save = store.save
    disk_full = True

    def save(session):
        if disk_full:
            raise SaveFailed(f"{store.path}: no space left on device", file=store.path, errno_=errno.ENOSPC)
        real_save(session)

    store.save = save
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        meeting.query_one("#shared-notes").focus()
        await pilot.press(*"rep wants help with pricing")
        for _ in range(100):  # the autosave thread reports back; wait on the condition
            if "NOT SAVED" in str(meeting.query_one("#saved", Static).render()):
                break
            await pilot.pause(0.05)
        assert "NOT SAVED" in str(meeting.query_one("#saved", Static).render())
        assert meeting.session.shared_notes == "rep wants help with pricing"
        disk_full = False
        assert app.saver.flush(timeout=10)
        await pilot.pause()
        assert "saved" in str(meeting.query_one("#saved", Static).render())
    stored = store.get(meeting.rep.id, "2026-W48")
    assert stored is not None and stored.shared_notes == "rep wants help with pricing"
