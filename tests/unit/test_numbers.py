"""Issue 9, item 3: numbers read as sales people type them; nothing a metric cannot be is kept."""

import pytest
from hypothesis import given, strategies as st

from oneonone_tui.domain.numbers import implausible, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("5000", 5000),
    ("5k", 5000),
    ("5K", 5000),
    ("1.2m", 1_200_000),
    ("2.5k", 2500),
    ("12,345", 12345),
    ("1,234,567", 1234567),
    ("$12,345", 12345),
    ("$ 12,345", 12345),
    ("€9,667.50", 9667.5),
    ("45%", 45),
    ("18.5 %", 18.5),
    ("12 345", 12345),
    ("12\u00a0345", 12345),
    (".5", 0.5),
    ("0", 0),
    ("  120  ", 120),
])
def test_what_sales_people_type_is_read(text, value):
    reading = parse_number(text)
    assert reading.ok and reading.problem == ""
    assert reading.value == pytest.approx(value)


def test_an_empty_field_is_no_value():
    assert parse_number("  ").value is None and parse_number("").ok


@pytest.mark.parametrize("text", ["-5", "-$5", "−3", "abc", "12abc", "1e6", "1e999", "12,34", "5kk", "inf",
                                  "nan", "1,2345", "12 34", "5 k k"])
def test_what_no_metric_can_be_is_rejected_with_words(text):
    reading = parse_number(text)
    assert reading.value is None
    assert not reading.ok
    assert reading.problem  # a message the pane shows inline


def test_negative_says_below_zero():
    assert "below zero" in parse_number("-5").problem


@pytest.mark.parametrize("text", ["1.", "$", "12,345."])
def test_half_typed_numbers_are_partial_not_errors(text):
    reading = parse_number(text)
    assert reading.partial and reading.value is None and not reading.problem


def test_more_than_ten_times_the_target_is_implausible():
    assert implausible(1001, 100)
    assert not implausible(1000, 100)
    assert not implausible(5, 0)  # no target: nothing to compare with
    assert not implausible(None, 100)


@given(st.text(max_size=30))
def test_never_raises(text):
    reading = parse_number(text)
    assert reading.value is None or reading.value >= 0
