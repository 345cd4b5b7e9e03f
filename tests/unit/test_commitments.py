"""The commitment grammar: words, owner, due date, number and tag from one typed line."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_tui.domain.commitments import NO_DUE_NOTE, NO_TEXT_NOTE, ParsedCommitment, parse_commitment, to_commitment
from oneonone_tui.domain.records import Owner

WEDNESDAY = date(2026, 11, 25)
METRICS = ["leads", "calls", "Revenue"]


def parse(line: str, today: date = WEDNESDAY) -> ParsedCommitment:
    return parse_commitment(line, today, METRICS)


def test_the_methods_own_example_reads_whole():
    parsed = parse("re-engage 5 stalled opps due:fri #pipeline")
    assert parsed == ParsedCommitment(text="re-engage 5 stalled opps", due=date(2026, 11, 27), owner=Owner.REP,
                                      number=5, metric_id=None, stage="pipeline", notes=[])


# ----- due ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "due"), [
    ("mon", date(2026, 11, 30)),
    ("Monday", date(2026, 11, 30)),
    ("TUE", date(2026, 12, 1)),
    ("wed", date(2026, 12, 2)),  # the same weekday is next week's, as calendars read it (issue 9)
    ("wednesday", date(2026, 12, 2)),
    ("thu", date(2026, 11, 26)),
    ("thurs", date(2026, 11, 26)),
    ("Fri", date(2026, 11, 27)),
    ("sat", date(2026, 11, 28)),
    ("sunday", date(2026, 11, 29)),
    ("today", WEDNESDAY),
    ("tomorrow", date(2026, 11, 26)),
    ("eow", date(2026, 11, 27)),
    ("2026-12-01", date(2026, 12, 1)),
    ("12-01", date(2026, 12, 1)),
    ("01-15", date(2027, 1, 15)),  # a month and day already past this year is next year's
    ("+3d", date(2026, 11, 28)),
    ("+2w", date(2026, 12, 9)),
    ("+0d", WEDNESDAY),
])
def test_due_dates(word, due):
    parsed = parse(f"send the deck due:{word}")
    assert parsed.due == due
    assert parsed.text == "send the deck"
    assert parsed.notes == []


def test_end_of_week_after_friday_is_next_friday():
    saturday = date(2026, 11, 28)
    assert parse("send recap due:eow", saturday).due == date(2026, 12, 4)


def test_due_with_a_space_and_trailing_punctuation():
    assert parse("send the deck due: fri.").due == date(2026, 11, 27)
    assert parse("send the deck, due:thu,").text == "send the deck,"


@pytest.mark.parametrize("word", ["2026-02-30", "someday", "13-01", "+3x", "2026-1-1-1", ""])
def test_a_bad_due_date_leaves_no_due_and_says_so(word):
    parsed = parse(f"send the deck due:{word}")
    assert parsed.due is None
    assert parsed.text == "send the deck"
    assert any("not understood" in note for note in parsed.notes)
    assert NO_DUE_NOTE in parsed.notes


def test_no_due_date_means_due_at_the_next_one_on_one():
    parsed = parse("send the deck")
    assert parsed.due is None
    assert parsed.notes == [NO_DUE_NOTE]


def test_a_due_date_in_the_past_is_kept_with_a_note():
    parsed = parse("send the deck due:2026-11-01")
    assert parsed.due == date(2026, 11, 1)
    assert parsed.notes == ["due 2026-11-01 is already past"]


def test_the_last_of_two_due_dates_counts():
    parsed = parse("send the deck due:thu due:fri")
    assert parsed.due == date(2026, 11, 27)
    assert any("more than one due date" in note for note in parsed.notes)


# ----- owner -------------------------------------------------------------------------------------


def test_the_rep_owns_a_commitment_by_default():
    assert parse("send the deck").owner is Owner.REP


@pytest.mark.parametrize("mark", ["@me", "@manager", "@Me", "@MANAGER,"])
def test_at_me_or_at_manager_is_the_managers_commitment(mark):
    parsed = parse(f"send pricing approval {mark} due:thu")
    assert parsed.owner is Owner.MANAGER
    assert parsed.text == "send pricing approval"


def test_another_mention_is_just_text():
    parsed = parse("call @acme procurement")
    assert (parsed.owner, parsed.text) == (Owner.REP, "call @acme procurement")


# ----- tags --------------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["pipeline", "results", "activity"])
def test_a_stage_tag_sets_the_stage(tag):
    parsed = parse(f"do the thing #{tag.upper()}")
    assert (parsed.stage, parsed.metric_id, parsed.text) == (tag, None, "do the thing")


def test_a_metric_tag_sets_the_metric_with_its_own_spelling():
    assert parse("book 3 calls #leads").metric_id == "leads"
    assert parse("close it #revenue").metric_id == "Revenue"


def test_an_unknown_tag_is_kept_as_text_with_a_note():
    parsed = parse("fix the deck #foo")
    assert parsed.text == "fix the deck #foo"
    assert "unknown tag #foo kept as text" in parsed.notes
    assert parse("call lead #1 first").notes == [NO_DUE_NOTE]


# ----- number ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "number"), [
    ("re-engage 5 stalled opps", 5),
    ("book 3 discovery calls with the Q1 list", 3),
    ("close 2.5 deals", 2.5),
    ("add 5k pipeline", 5000),
    ("close $1,200 upsell", 1200),
    ("re-engage five stalled opportunities", 5),
    ("follow up within 24h on 4 leads", 4),
    ("call the Q1 list", None),
    ("send the deck", None),
    ("prep for the 3:30 call", None),
])
def test_the_number_is_the_first_one_in_the_words(line, number):
    assert parse(line).number == number


def test_the_due_date_is_not_mistaken_for_the_number():
    assert parse("send deck due:2026-12-01").number is None


# ----- text --------------------------------------------------------------------------------------


def test_whitespace_is_normalised():
    assert parse("  send\tthe   deck \n due:fri  ").text == "send the deck"


def test_a_line_of_only_syntax_asks_for_words():
    parsed = parse("due:fri #pipeline @me")
    assert parsed.text == ""
    assert NO_TEXT_NOTE in parsed.notes
    assert parse("").notes == [NO_TEXT_NOTE, NO_DUE_NOTE]


def test_control_characters_and_terminal_escapes_are_dropped():
    parsed = parse("\x1b[31msend\x1b[0m the\x00 deck\x07 \x9b2J\x1b]0;title\x07 due:fri")
    assert parsed.text == "send the deck"
    assert parsed.due == date(2026, 11, 27)


# ----- to a commitment ---------------------------------------------------------------------------


def test_to_commitment_without_a_due_date_is_due_at_the_next_one_on_one():
    commitment = to_commitment(parse("send the deck"), id="c1", made_week="2026-W48", next_one_on_one=date(2026, 12, 2))
    assert (commitment.due, commitment.due_defaulted) == (date(2026, 12, 2), True)


def test_to_commitment_carries_every_part():
    commitment = to_commitment(parse("re-engage 5 stalled opps due:fri #leads @me"), id="c1", made_week="2026-W48",
                               next_one_on_one=date(2026, 12, 2))
    assert asdict(commitment) == {
        "id": "c1", "text": "re-engage 5 stalled opps", "owner": Owner.MANAGER, "due": date(2026, 11, 27),
        "due_defaulted": False, "number": 5, "metric_id": "leads", "stage": None, "made_week": "2026-W48",
    }


def test_to_commitment_of_an_empty_line_does_not_raise():
    # The meeting screen previews every keystroke, including a line that is only `due:fri`.
    assert to_commitment(parse("due:fri"), id="c", made_week="2026-W48", next_one_on_one=WEDNESDAY).text == ""


# ----- never raises ------------------------------------------------------------------------------


@settings(max_examples=300)
@given(line=st.text(), today=st.dates())
def test_parse_never_raises_on_any_text(line, today):
    parsed = parse_commitment(line, today, METRICS)
    assert isinstance(parsed.notes, list)
    assert parsed.text == parsed.text.strip()
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in parsed.text)


_GRAMMARISH = st.from_regex(
    r"\A([a-z0-9$,.k]{0,8} ){0,4}(due:(mon|fri|eow|today|tomorrow|[0-9+\-]{0,12}[dw]?|\S{0,6}) )?"
    r"(@(me|manager|rep|x) )?(#\S{0,10} )?[0-9.,km]{0,8}\Z",
)


@settings(max_examples=300)
@given(line=_GRAMMARISH, today=st.dates())
def test_parse_never_raises_on_grammar_like_lines(line, today):
    parse_commitment(line, today, METRICS)


@given(line=st.text(), today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_to_commitment_never_raises_either(line, today):
    to_commitment(parse_commitment(line, today), id="c", made_week="2026-W48", next_one_on_one=today)
