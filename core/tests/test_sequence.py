"""Per-organisation counters: the next number follows the last, starts after what is already
used, and is separate per organisation and name."""

from core.services import next_in_sequence


def test_counter_starts_after_the_floor_and_counts_on(organisation):
    assert next_in_sequence(organisation, "case-code:2026", lambda: 16) == 17
    assert next_in_sequence(organisation, "case-code:2026", lambda: 99) == 18  # floor read once


def test_counters_are_separate_per_name_and_organisation(organisation, other_organisation):
    next_in_sequence(organisation, "case-code:2026", lambda: 0)

    assert next_in_sequence(organisation, "case-code:2027", lambda: 0) == 1
    assert next_in_sequence(other_organisation, "case-code:2026", lambda: 0) == 1
