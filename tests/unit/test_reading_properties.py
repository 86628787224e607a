"""Properties of the key-result reader on any text: it never crashes, never invents a number.

"Invents" is checked precisely: every non-None baseline, target and change_by must equal
(within 1e-6 relative) a value *written* in the text, that is a run of digits (with "," and
"." read both as decimal and as grouping marks), a number word ("ten", "dozen", "two
hundred", "eleven and a half"), either of them times a magnitude the reader knows (k, M,
B, million, thousand, and 1/100 for basis points). change_by may also be the sum of some
of the numbers written with a leading "+" ("+2 backend, +1 design").
"""

from __future__ import annotations

import math
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcore.reading import read_key_result
from okrcore.reading.numbers_in_text import NUMBER_WORDS

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_DIGITS = re.compile(r"\+?\d+(?:[.,]\d+)*")
_SCALES = (1.0, 1e3, 1e6, 1e9, 0.01)

FRAGMENTS = [
    "Reduce", "Increase", "Keep", "Maintain", "Grow", "Launch", "Hire", "Double", "halve",
    "churn", "NPS", "p95 latency", "ARR", "Tier 1", "v2", "Q3", "M82", "2026", "RFC 42",
    "from", "to", "by", "at least", "at most", "under", "below", "above", "no more than",
    "or higher", "or less", "between", "and", "with", "within", "per", "a day", "in under",
    "$5M", "€1.2k", "10k", "1.5 million", "38 %", "5 pp", "5 percentage points", "3x",
    "by a factor of", "+2", "+1", "ten", "dozen", "eleven and a half", "0", "1", "1,234,567",
    "May 15", "end of March", "in Q1", "February/March", "this quarter", "EOQ", "June 1",
    "7 days", "2 hours", "per month", ";", ",", ".", "(currently 40)", "more", "additional",
    "**bold**", "<b>", "</b>", "# ", "- [ ]", "\n", "ü", "日本", "١٢٣", "½", "²", "%", "-",
]  # fmt: skip


def _written_values(text: str) -> set[float]:
    """Every value a reader could honestly take from the text (see the module docstring)."""
    found: set[float] = set()
    for raw in _DIGITS.findall(text):
        digits = raw.lstrip("+")
        for candidate in (digits.replace(",", ""), digits.replace(",", ".")):
            if candidate.count(".") <= 1:
                found.add(float(candidate))
            head, _, tail = candidate.partition(".")
            found.add(float(head))
            if tail:
                found.add(float(tail.replace(".", "")))
    words = re.findall(r"[a-z]+", text.lower())
    for word in words:
        if word in NUMBER_WORDS:
            found.update({NUMBER_WORDS[word], NUMBER_WORDS[word] + 0.5})
            found.update({NUMBER_WORDS[word] * 100, NUMBER_WORDS[word] * 1000})
    return {value * scale for value in found for scale in _SCALES}


def _signed_sums(text: str) -> set[float]:
    """Every sum of some of the numbers written with a leading "+", each at any scale."""
    signed = [raw[1:].replace(",", "") for raw in _DIGITS.findall(text) if raw.startswith("+")]
    sums = {0.0}
    for digits in signed[:6]:  # six at most keeps the set small (6 ** 6 sums)
        if digits.count(".") <= 1:
            sums |= {total + float(digits) * scale for total in sums for scale in _SCALES}
    return sums


def _is_written(value: float, written: set[float]) -> bool:
    return any(math.isclose(value, w, rel_tol=1e-6, abs_tol=1e-9) for w in written)


def _check(text: str, cycle_start: date | None = None, cycle_end: date | None = None) -> None:
    reading = read_key_result(text, cycle_start=cycle_start, cycle_end=cycle_end)
    reading.summary()
    written = _written_values(text)
    for name in ("baseline", "target", "range_low", "range_high"):
        value = getattr(reading, name)
        assert value is None or _is_written(value, written), (name, value, text)
    if reading.change_by is not None:
        sums = _signed_sums(text)
        assert _is_written(reading.change_by, written | sums), (reading.change_by, text)
    for start, end in reading.spans.values():
        assert 0 <= start <= end <= len(text)


@PROPERTY
@given(st.text(max_size=400))
def test_any_text(text):
    _check(text)


@PROPERTY
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 1)),
    st.integers(min_value=0, max_value=400),
)
def test_key_result_like_text(text, start, length):
    _check(text, start, date.fromordinal(start.toordinal() + length))


@PROPERTY
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40).map("".join))
def test_glued_fragments(text):
    _check(text)


def test_huge_text_reads():
    text = "Reduce churn from 5% to 3% by May 15 and keep +2 below 40 with 1,000 **x** " * 3000
    reading = read_key_result(text)
    assert (reading.baseline, reading.target) == (5, 3)
