"""One field of a valid file given a hostile value: a negative, reversed or huge offset, NaN,
a number as a string, SQL, HTML or a bidi override in a label, a lone surrogate in a name.
Refused cleanly when it must be, never a crash, never part of the file stored."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.oracle import fuzz_settings, run_case
from tests.fuzz.strategies import CORRUPTIBLE, plans


@pytest.mark.parametrize("fmt", CORRUPTIBLE)
@fuzz_settings(100)
@given(data=st.data())
def test_a_hostile_value_in_one_field_is_refused_cleanly_or_imported_correctly(seed, fmt, data):
    run_case(seed, data.draw(plans(fmt, corrupt=True), label="plan"))
