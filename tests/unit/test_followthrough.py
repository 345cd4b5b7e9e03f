"""Follow-through: open commitments from a rep's whole history, verdicts from numbers, carrying
forward, rates and the urgency order."""

from __future__ import annotations

from datetime import date

from oneonone_tui.domain import followthrough, one_on_one
from oneonone_tui.domain.followthrough import by_urgency, follow_through, open_commitments, propose_verdict, trend
from oneonone_tui.domain.records import Commitment, Level, Owner, Review, Session, SessionState, Verdict

K, P, N = Verdict.KEPT, Verdict.PARTLY, Verdict.NOT_KEPT


def made(cid: str, week: str, due: date, *, owner: Owner = Owner.REP, number: float | None = None) -> Commitment:
    return Commitment(id=cid, text=f"re-engage {number or 5:g} stalled opps", owner=owner, due=due, number=number,
                      made_week=week)


def session(week: str, *, commitments=(), reviews=(), rep: str = "sam", earlier=()) -> Session:
    s = one_on_one.begin(rep, week, list(earlier))
    s.state = SessionState.DONE
    s.commitments = list(commitments)
    for review in reviews:
        s.reviews[review.commitment_id] = review
    return s


def test_the_verdict_proposed_from_the_numbers():
    assert propose_verdict(5, 5) is K
    assert propose_verdict(5, 7) is K
    assert propose_verdict(5, 3) is P
    assert propose_verdict(5, 0) is N
    assert propose_verdict(None, 3) is None and propose_verdict(5, None) is None


def test_a_skipped_fortnight_loses_nothing_w40_is_reviewed_in_w43():
    w40 = session("2026-W40", commitments=[made("a", "2026-W40", date(2026, 10, 2))])
    owed = open_commitments([w40], before="2026-W43")
    assert [o.id for o in owed] == ["a"]
    w43 = one_on_one.begin("sam", "2026-W43", [w40])
    assert [c.id for c in w43.to_review] == ["a"]
    assert owed[0].overdue(date(2026, 10, 20)) and owed[0].days_overdue(date(2026, 10, 20)) == 18
    assert not owed[0].overdue(date(2026, 10, 2))


def test_older_open_ones_come_first_and_kept_ones_close():
    w46 = session("2026-W46", commitments=[made("old", "2026-W46", date(2026, 11, 13))])
    w47 = session("2026-W47", commitments=[made("new", "2026-W47", date(2026, 11, 20))], earlier=[w46])
    assert [o.id for o in open_commitments([w47, w46], before="2026-W48")] == ["old", "new"]
    w48 = session("2026-W48", reviews=[Review(commitment_id="old", verdict=K)], earlier=[w46, w47])
    assert [o.id for o in open_commitments([w46, w47, w48], through="2026-W48")] == ["new"]


def test_a_commitment_added_to_an_earlier_week_after_the_next_1on1_began_is_still_reviewed():
    w47 = session("2026-W47", commitments=[made("a", "2026-W47", date(2026, 11, 20))])
    w48 = one_on_one.begin("sam", "2026-W48", [w47])
    w47.commitments.append(made("late", "2026-W47", date(2026, 11, 20)))
    owed = one_on_one.reviewing(w48, [w47])
    assert [o.id for o in owed] == ["a", "late"]
    assert [c.id for c in w48.to_review] == ["a", "late"]


def test_carried_forward_it_stays_one_commitment_with_its_dates_and_verdicts():
    first = made("a", "2026-W45", date(2026, 11, 6), number=5)
    w45 = session("2026-W45", commitments=[first])
    w46 = session("2026-W46", earlier=[w45], reviews=[Review(commitment_id="a", verdict=P, achieved=3,
                                                               carried_to=date(2026, 11, 20))])
    owed = open_commitments([w45, w46], before="2026-W47")
    assert len(owed) == 1 and owed[0].due == date(2026, 11, 20)
    assert owed[0].dates() == (date(2026, 11, 6), date(2026, 11, 20))
    assert [(s.week, s.verdict, s.achieved) for s in owed[0].steps] == [("2026-W46", P, 3)]
    w47 = session("2026-W47", earlier=[w45, w46], reviews=[Review(commitment_id="a", verdict=N,
                                                                   carried_to=date(2026, 11, 27))])
    again = open_commitments([w45, w46, w47], through="2026-W47")
    assert [s.verdict for s in again[0].steps] == [P, N]
    assert again[0].dates() == (date(2026, 11, 6), date(2026, 11, 20), date(2026, 11, 27))
    assert [c.id for c in w47.open_commitments()] == ["a"]  # not a copy: the same id
    w48 = session("2026-W48", earlier=[w45, w46, w47], reviews=[Review(commitment_id="a", verdict=K)])
    assert open_commitments([w45, w46, w47, w48], through="2026-W48") == []
    assert [s.verdict for s in followthrough.history_of("a", [w45, w46, w47, w48])] == [P, N, K]


def test_partly_without_carrying_forward_closes_it_and_says_so():
    w47 = session("2026-W47", commitments=[made("a", "2026-W47", date(2026, 11, 20))])
    w48 = session("2026-W48", earlier=[w47], reviews=[Review(commitment_id="a", verdict=P)])
    assert open_commitments([w47, w48], through="2026-W48") == []
    assert followthrough.closing_note(P, None).startswith("closed as partly kept")
    assert followthrough.closing_note(N, date(2026, 12, 4)) == "carried forward to Fri 04 Dec: still open"


def test_the_managers_own_commitments_are_listed_and_marked():
    w47 = session("2026-W47", commitments=[made("mine", "2026-W47", date(2026, 11, 20), owner=Owner.MANAGER),
                                           made("theirs", "2026-W47", date(2026, 11, 20))])
    owed = open_commitments([w47], before="2026-W48")
    assert [(o.id, o.mine) for o in owed] == [("mine", True), ("theirs", False)]


def rated(*weeks: list[Verdict], last: int = 48) -> list[Session]:
    sessions = []
    for back, verdicts in enumerate(weeks):
        key = f"2026-W{last - back:02d}"
        to_review = [made(f"{key}-{i}", key, date(2026, 11, 1)) for i in range(len(verdicts))]
        s = Session(rep_id="sam", week=key, state=SessionState.DONE, to_review=to_review,
                    reviews={c.id: Review(commitment_id=c.id, verdict=v) for c, v in zip(to_review, verdicts)})
        sessions.append(s)
    return sessions


def test_follow_through_is_kept_over_due_in_4_and_12_weeks():
    sessions = rated([K, N], [K], [K], [P], *([[N]] * 8))
    four = follow_through(sessions, until="2026-W48", weeks=4)
    assert (four.kept, four.due, four.text()) == (3, 5, "60%")
    twelve = follow_through(sessions, until="2026-W48", weeks=12)
    assert (twelve.kept, twelve.due, twelve.text()) == (3, 13, "23%")
    assert follow_through([], until="2026-W48", weeks=4).text() == "—"
    assert trend(sessions, until="2026-W48") == "↑"
    assert trend(rated([N], [N], [N], [N], [K], [K], [K], [K]), until="2026-W48") == "↓"
    assert trend(rated([K]), until="2026-W48") == ""


def test_the_managers_misses_do_not_lower_the_reps_follow_through():
    w48 = rated([K])[0]
    mine = made("mine", "2026-W47", date(2026, 11, 20), owner=Owner.MANAGER)
    w48.to_review.append(mine)
    w48.reviews["mine"] = Review(commitment_id="mine", verdict=N)
    assert follow_through([w48], until="2026-W48", weeks=4).text() == "100%"


def test_urgency_overdue_first_weighted_by_days_and_the_reps_level():
    today = date(2026, 11, 24)
    items = [
        followthrough.OpenCommitment(rep_id="ann", commitment=made("soon", "W", date(2026, 11, 27)), due=date(2026, 11, 27)),
        followthrough.OpenCommitment(rep_id="ann", commitment=made("late", "W", date(2026, 11, 14)), due=date(2026, 11, 14)),
        followthrough.OpenCommitment(rep_id="bob", commitment=made("pip", "W", date(2026, 11, 18)), due=date(2026, 11, 18)),
        followthrough.OpenCommitment(rep_id="cat", commitment=made("later", "W", date(2026, 12, 4)), due=date(2026, 12, 4)),
    ]
    order = by_urgency(items, today, {"ann": Level.CLEAR, "bob": Level.PIP})
    # bob: 6 days x 3 (PIP) = 18 before ann: 10 days x 1; then the not yet due by date.
    assert [i.id for i in order] == ["pip", "late", "soon", "later"]
