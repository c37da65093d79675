"""Files broken byte by byte: truncated, flipped, invalid UTF-8, NUL, BOMs and line ends in
odd places, nesting and numbers no reader should choke on."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.oracle import fuzz_settings, run_case
from tests.fuzz.strategies import FORMATS, MUTATIONS, plans


@pytest.mark.parametrize("fmt", FORMATS)
@fuzz_settings(80)
@given(data=st.data())
def test_a_broken_file_is_refused_in_one_line_or_imported_correctly(seed, fmt, data):
    plan = data.draw(plans(fmt), label="plan")
    mutations = data.draw(MUTATIONS, label="mutations")
    target = data.draw(st.integers(0, 20), label="file")
    run_case(seed, plan, mutations, target)
