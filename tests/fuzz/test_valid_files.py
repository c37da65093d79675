"""Well-formed files full of hostile names and texts import exactly what they hold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.oracle import fuzz_settings, run_case
from tests.fuzz.strategies import FORMATS, plans


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz_settings(50)
@given(data=st.data())
def test_a_valid_file_imports_exactly_what_it_holds(seed, fmt, data):
    plan = data.draw(plans(fmt), label="plan")
    assert run_case(seed, plan) == "imported"
