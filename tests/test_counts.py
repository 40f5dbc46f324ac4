"""
Tests for hcc_report.Counts: validation and the monoid of counts.
"""

from __future__ import annotations

import enum
import functools
import math
import operator
import pickle

import attrs
import pytest

from hypothesis import assume, given
from hypothesis import strategies as st

from hcc_report import Counts, ValidationError, figures, total
from hcc_report.model import split_mismatches, sum_figures
from strategies import counts, full_counts, valid_count_sets


COUNT_FIELDS = tuple(count.key for count in figures.counts())
SPLITS = [(split.whole, split.parts) for split in figures.splits()]


def is_valid(figures: dict[str, object]) -> bool:
    """
    Decide validity independently of the library: every figure is a
    non-negative int, and every split holds, where a whole counts as
    known when it or all its parts are (derived until nothing changes).
    """
    for value in figures.values():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        if value < 0:
            return False
    effective = dict(figures)
    changed = True
    while changed:
        changed = False
        for whole, parts in SPLITS:
            values = [effective.get(p) for p in parts]
            if effective.get(whole) is None and None not in values:
                effective[whole] = sum(values)
                changed = True
    for whole, parts in SPLITS:
        values = [effective.get(p) for p in parts]
        known = [v for v in values if v is not None]
        total_value = effective.get(whole)
        if total_value is None or not known:
            continue
        if len(known) == len(parts) and sum(known) != total_value:
            return False
        if sum(known) > total_value:
            return False
    return True


class TestValidation:
    @given(valid_count_sets())
    def test_accepts_every_valid_set(self, figures):
        """
        Any consistent set of figures, with any of them left out, is
        accepted and keeps every figure given.
        """
        built = Counts(**figures)

        for name, value in figures.items():
            if value is not None:
                assert value == getattr(built, name)

    @given(
        st.dictionaries(
            st.sampled_from(COUNT_FIELDS),
            st.none() | st.integers(min_value=-2, max_value=6),
        )
    )
    def test_accepts_exactly_the_valid_sets(self, figures):
        """
        Small random figures are accepted exactly when an independent
        check finds them valid.
        """
        if is_valid(figures):
            Counts(**figures)
        else:
            with pytest.raises(ValidationError):
                Counts(**figures)

    @given(
        valid_count_sets()
        | st.dictionaries(
            st.sampled_from(COUNT_FIELDS),
            st.none() | st.integers(min_value=-2, max_value=6),
        )
    )
    def test_the_careful_way_agrees_with_the_quick_one(self, figures):
        """
        Figures of an int subclass take the figure-by-figure way of
        building that reports every problem; plain ints the quick way.
        Both give the same counts, the same given fields and the same
        problems.
        """

        class Int(int):
            pass

        careful = {
            k: None if v is None else Int(v) for k, v in figures.items()
        }

        def outcome(given):
            try:
                built = Counts(**given)
            except ValidationError as error:
                return str(error)
            return built.known(), list(attrs.astuple(built))

        assert outcome(figures) == outcome(careful)

    bad_values = st.one_of(
        st.integers(max_value=-1),
        st.floats(allow_nan=True),
        st.just(math.nan),
        st.booleans(),
        st.text(max_size=3),
        st.decimals(allow_nan=False).map(lambda d: d),
    )

    @given(
        figures=valid_count_sets(),
        bad=st.dictionaries(
            st.sampled_from(COUNT_FIELDS), bad_values, min_size=1
        ),
    )
    def test_lists_every_bad_value(self, figures, bad):
        """
        Every field with a bad value is reported, each with its name and
        value, and nothing else is.
        """
        with pytest.raises(ValidationError) as info:
            Counts(**(figures | bad))

        reported = [problem.path for problem in info.value.problems]
        assert sorted(bad) == sorted(reported)
        for problem in info.value.problems:
            assert repr(bad[problem.path]) in problem.message

    @given(
        figures=full_counts(max_value=1000),
        broken=st.sets(
            st.sampled_from(["received", "on_time", "pending"]), min_size=1
        ),
        delta=st.integers(min_value=1, max_value=50),
    )
    def test_lists_every_broken_split(self, figures, broken, delta):
        """
        Every split that does not add up is reported at its whole.
        """
        for whole in broken:
            figures[whole] += delta

        with pytest.raises(ValidationError) as info:
            Counts(**figures)

        reported = {problem.path for problem in info.value.problems}
        assert broken <= reported
        assert reported <= {whole for whole, _ in SPLITS}

    @pytest.mark.parametrize(
        ("figures", "message"),
        [
            (
                {"processed": 10, "on_time": 8, "late": 1},
                "processed: must equal on_time + late = 8 + 1 = 9, got 10",
            ),
            (
                {"received": 5, "received_online": 6},
                "received: must be at least received_online = 6, got 5",
            ),
            (
                {"received": 5, "received_online": 3, "received_offline": 3},
                "received: must equal received_online + "
                "received_offline = 3 + 3 = 6, got 5",
            ),
            (
                {"late": -1},
                "late: must not be negative, got -1",
            ),
            (
                {"received": True},
                "received: must be a whole number of dossiers (int), got True",
            ),
        ],
    )
    def test_messages(self, figures, message):
        """
        Messages name the field, the rule and the values.
        """
        with pytest.raises(ValidationError) as info:
            Counts(**figures)

        assert [message] == [str(p) for p in info.value.problems]

    def test_processed_may_exceed_received(self):
        """
        Cumulative figures include carried-over dossiers: Sở Công thương
        processed 3807 of 3801 received in the seed.
        """
        counts = Counts(received=3801, processed=3807, on_time=3807, late=0)

        assert 3807 == counts.processed

    def test_wholes_are_computed_from_complete_parts(self):
        """
        A whole left out is the sum of its parts when all are given, and
        only then.
        """
        counts = Counts(
            received_online=2,
            received_in_person=3,
            received_postal=1,
            early=3,
            on_due_date=4,
            late=1,
            pending_in_time=5,
        )

        assert 6 == counts.received
        assert 7 == counts.on_time
        assert 8 == counts.processed
        assert counts.pending is None

    def test_repr_shows_known_figures(self):
        """
        The repr lists only known figures and can be evaluated back.
        """
        counts = Counts(received=8, processed=7, on_time=7, late=0)

        assert "Counts(received=8, processed=7, on_time=7, late=0)" == repr(
            counts
        )
        assert counts == eval(repr(counts))  # noqa: S307

    def test_immutable(self):
        """
        Counts cannot be changed after they are built.
        """
        counts = Counts(received=1)

        with pytest.raises(AttributeError):
            counts.received = 2  # type: ignore[misc]


class TestMonoid:
    @given(counts(), counts(), counts())
    def test_associative(self, a, b, c):
        """
        (a + b) + c == a + (b + c).
        """
        assert (a + b) + c == a + (b + c)

    @given(counts(), counts())
    def test_commutative(self, a, b):
        """
        a + b == b + a.
        """
        assert a + b == b + a

    @given(counts())
    def test_zero_is_the_identity(self, a):
        """
        a + 0 == 0 + a == a.
        """
        assert a == a + Counts.zero() == Counts.zero() + a

    @given(counts(), counts())
    def test_unknown_stays_unknown(self, a, b):
        """
        A figure is known in a sum exactly when it is known in both terms.
        """
        both = a + b

        for name in COUNT_FIELDS:
            left, right = getattr(a, name), getattr(b, name)
            if left is None or right is None:
                assert getattr(both, name) is None
            else:
                assert left + right == getattr(both, name)

    @given(
        rows=st.lists(counts(), max_size=12),
        data=st.data(),
    )
    def test_total_of_any_partition_in_any_order(self, rows, data):
        """
        Summing a table in any order, or by parts then the parts' totals,
        gives the same total.
        """
        shuffled = data.draw(st.permutations(rows))
        cuts = sorted(
            data.draw(st.lists(st.integers(0, len(rows)), max_size=4))
        )
        chunks = [
            shuffled[start:end]
            for start, end in zip([0, *cuts], [*cuts, len(rows)], strict=True)
        ]

        expected = total(rows)
        assert expected == total(shuffled)
        assert expected == total(total(chunk) for chunk in chunks)

    def test_total_of_nothing_is_zero(self):
        """
        An empty table totals to zero, every figure known.
        """
        assert Counts.zero() == total([])

    def test_adding_something_else_is_a_type_error(self):
        """
        Counts only add to counts.
        """
        with pytest.raises(TypeError):
            Counts(received=1) + 1  # type: ignore[operator]

    @given(counts(), counts())
    def test_sums_stay_valid(self, a, b):
        """
        The sum of valid counts is valid (re-building it raises nothing).
        """
        both = a + b

        assume(both.known())
        assert both == Counts(**both.known())


class TestDerivedWholes:
    def test_evolve_derives_again(self):
        """
        A whole derived from its parts follows them through attrs.evolve.
        """
        counts = Counts(early=3, on_due_date=4, late=1)

        changed = attrs.evolve(counts, early=5)

        assert (7, 8) == (counts.on_time, counts.processed)
        assert (9, 10) == (changed.on_time, changed.processed)

    def test_a_whole_with_known_parts_follows_them(self):
        """
        A whole whose parts are all known follows them even when it was
        given: built, summed or read back from a file alike.
        """
        counts = Counts(on_time=7, early=3, on_due_date=4)

        assert 9 == attrs.evolve(counts, early=5).on_time
        assert 9 == attrs.evolve(counts + Counts.zero(), early=5).on_time

    def test_a_whole_with_unknown_parts_stays_given(self):
        """
        A whole given with only some parts is kept, so a part that no
        longer fits in it is an error.
        """
        counts = Counts(on_time=7, early=3)

        with pytest.raises(ValidationError, match="on_time: must be at least"):
            attrs.evolve(counts, early=8)

    def test_given_or_derived_compare_equal(self):
        """
        Counts are equal, and hash equal, when their figures are.
        """
        derived = Counts(early=3, on_due_date=4)
        given = Counts(early=3, on_due_date=4, on_time=7)

        assert derived == given
        assert hash(derived) == hash(given)
        assert {derived, given} == {given}

    @given(counts())
    def test_pickles(self, value):
        """
        Counts survive pickling (multiprocessing, caches).
        """
        assert value == pickle.loads(pickle.dumps(value))  # noqa: S301

    def test_int_subclasses_are_plain_ints(self):
        """
        An IntEnum (or any int subclass but bool) counts as its value.
        """

        class Seven(enum.IntEnum):
            SEVEN = 7

        counts = Counts(received=Seven.SEVEN)

        assert 7 == counts.received
        assert int is type(counts.received)


class TestSums:
    @given(st.lists(counts(), max_size=8))
    def test_sum_is_the_fold_of_add(self, rows):
        """
        Counts.sum adds up in one pass what + adds up pairwise.
        """
        assert functools.reduce(operator.add, rows, Counts.zero()) == (
            Counts.sum(rows)
        )

    @given(st.lists(counts(), min_size=1, max_size=8))
    def test_sum_figures_of_printed_rows(self, rows):
        """
        sum_figures adds up rows given as dicts as total() adds up counts.
        """
        assert total(rows).known() == sum_figures(row.known() for row in rows)

    @given(
        st.dictionaries(
            st.sampled_from(COUNT_FIELDS),
            st.integers(min_value=0, max_value=6),
        )
    )
    def test_split_mismatches_are_the_counts_problems(self, figures_given):
        """
        The splits that do not add up are what Counts refuses, whole by
        whole (the audit reads printed figures with the same function).
        """
        mismatches = split_mismatches(figures_given)

        if mismatches:
            with pytest.raises(ValidationError) as info:
                Counts(**figures_given)
            assert [m.whole for m in mismatches] == [
                p.path for p in info.value.problems
            ]
        else:
            Counts(**figures_given)
