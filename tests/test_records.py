"""
Counting figures from dossier records: the rules against an independent
oracle, their identity, the monoid, every dataframe engine against plain
Python, filling a report, and the command line.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import random
import unicodedata
import warnings

from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from hcc_report import Counts, Period, render, total
from hcc_report.cli import main
from hcc_report.errors import (
    ArgumentError,
    ArgumentTypeError,
    ValidationError,
)
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.loaders import dumps_counts, dumps_report, load_report
from hcc_report.records import RULES, Dossier, aggregate, fill_report
from strategies import (
    RECORDS_PERIOD,
    dossiers,
    polars_frame,
    record_lists,
)


day = dt.date
PERIOD = RECORDS_PERIOD


# The oracle ------------------------------------------------------------------


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def oracle(  # noqa: PLR0912  # one branch a rule, as the issue lists them
    records: list[Dossier], period: Period
) -> dict[str, Counter[str]]:
    """
    The counts of each agency, written straight from the rules as the
    issue states them: a time is compared with the period by its day,
    with another time of the record as given.
    """
    start, end = period.start, period.end
    table: dict[str, Counter[str]] = {}
    for r in records:
        c = table.setdefault(r.agency, Counter())
        received = _day(r.received)
        finished = None if r.finished is None else _day(r.finished)
        due_day = None if r.due is None else _day(r.due)
        if start <= received <= end:
            c["received"] += 1
            c["received_online" if r.online else "received_offline"] += 1
            if r.channel is not None and r.channel.value != "online":
                c[f"received_{r.channel.value}"] += 1
        if received < start and (finished is None or finished >= start):
            c["carried_over"] += 1
        if finished is not None and start <= finished <= end:
            if r.outcome is not None:
                c[r.outcome.value] += 1
            else:
                c["processed"] += 1
                if r.due is None or r.finished == r.due:
                    c["on_due_date"] += 1
                elif r.finished < r.due:
                    c["early"] += 1
                else:
                    c["late"] += 1
        if received <= end and (finished is None or finished > end):
            c["pending"] += 1
            if due_day is not None and due_day < end:
                c["pending_overdue"] += 1
            else:
                c["pending_in_time"] += 1
    return table


def _agrees(counts: Counts, expected: Counter[str]) -> None:
    for rule in RULES:
        value = getattr(counts, rule.key)
        if value is None:  # a channel unknown
            assert rule.key in ("received_in_person", "received_postal")
            continue
        assert value == expected[rule.key], rule.key


def _engines() -> list[tuple[str, Any]]:
    """
    The engines installed here, each as a function of a Polars frame.
    """

    def installed(*names: str) -> bool:
        return all(importlib.util.find_spec(name) for name in names)

    def duckdb_relation(frame: Any) -> Any:
        import duckdb  # noqa: PLC0415

        return duckdb.from_arrow(frame.to_arrow())

    found: list[tuple[str, Any]] = []
    if not installed("narwhals", "polars"):
        return found
    found += [("polars", lambda f: f), ("polars-lazy", lambda f: f.lazy())]
    if installed("pyarrow"):
        found.append(("pyarrow", lambda f: f.to_arrow()))
    if installed("pyarrow", "pandas"):
        found.append(("pandas", lambda f: f.to_pandas()))
    if installed("pyarrow", "duckdb"):
        found.append(("duckdb", duckdb_relation))
    return found


ENGINES = _engines()
needs_engines = pytest.mark.skipif(
    not ENGINES, reason="needs narwhals and Polars (hcc-report[records])"
)


def _dossier(**changes: Any) -> Dossier:
    fields: dict[str, Any] = {
        "agency": "A",
        "received": day(2023, 2, 1),
        "due": None,
        "finished": None,
        "online": True,
        **changes,
    }
    return Dossier(**fields)


class TestRules:
    """
    The counting rules, on generated records around the period's edges.
    """

    @given(record_lists())
    def test_the_rules_count_as_the_oracle(
        self, records: list[Dossier]
    ) -> None:
        """
        Every count is the oracle's, written straight from the issue.
        """
        expected = oracle(records, PERIOD)

        counted = aggregate(records, period=PERIOD)

        assert set(expected) == set(counted)
        for agency, counts in counted.items():
            _agrees(counts, expected[agency])

    @given(record_lists())
    def test_what_is_handled_is_processed_ended_or_pending(
        self, records: list[Dossier]
    ) -> None:
        """
        received + carried_over = processed + withdrawn + returned +
        pending, for every unit.
        """
        for counts in aggregate(records, period=PERIOD).values():
            assert counts.received is not None
            assert counts.carried_over is not None
            assert (
                (counts.processed or 0)
                + (counts.withdrawn or 0)
                + (counts.returned or 0)
                + (counts.pending or 0)
            ) == counts.received + counts.carried_over
            assert counts.received + counts.carried_over == counts.handled
            assert (counts.early or 0) + (
                counts.on_due_date or 0
            ) == counts.on_time

    @given(record_lists(datetimes=False))
    def test_dates_count_as_midnight_datetimes(
        self, records: list[Dossier]
    ) -> None:
        """
        Dates held as datetimes at midnight (as pandas holds them) count
        as the dates: the period compares times by their day.
        """

        def at_midnight(value: dt.date | None) -> dt.datetime | None:
            if value is None:
                return None
            return dt.datetime.combine(value, dt.time())

        moved = [
            attrs.evolve(
                r,
                received=at_midnight(r.received),
                due=at_midnight(r.due),
                finished=at_midnight(r.finished),
            )
            for r in records
        ]

        assert aggregate(records, period=PERIOD) == aggregate(
            moved, period=PERIOD
        )

    @given(record_lists(), st.randoms(use_true_random=False))
    def test_counts_of_any_split_add_up_to_the_whole(
        self, records: list[Dossier], rng: random.Random
    ) -> None:
        """
        Counting any split of the records, in any order, and adding the
        counts gives the counts of the whole (the monoid).
        """
        shuffled = list(records)
        rng.shuffle(shuffled)
        cuts = sorted(
            rng.sample(range(len(shuffled) + 1), k=min(3, len(shuffled) + 1))
        )
        parts = [
            shuffled[a:b]
            for a, b in zip([0, *cuts], [*cuts, len(shuffled)], strict=True)
        ]

        added: dict[str, Counts] = {}
        for part in parts:
            for agency, counts in aggregate(part, period=PERIOD).items():
                added[agency] = added.get(agency, Counts.zero()) + counts

        # A unit missing from a part counted zero there; the channels of a
        # unit are unknown in the sum where they are unknown in a part.
        assert aggregate(records, period=PERIOD) == added

    @given(record_lists(max_size=20))
    def test_cumulative_figures_are_the_year_to_date_period(
        self, records: list[Dossier]
    ) -> None:
        """
        Cumulative figures are the same rules from 1 January.
        """
        period = PERIOD.year_to_date()
        expected = oracle(records, period)

        for agency, counts in aggregate(records, period=period).items():
            _agrees(counts, expected[agency])

    def test_a_datetime_finished_before_a_deadline_on_the_same_day_is_early(
        self,
    ) -> None:
        """
        A record's own times are compared as given, to the minute.
        """
        record = _dossier(
            received=dt.datetime(2023, 2, 1, 8),
            due=dt.datetime(2023, 2, 3, 17),
            finished=dt.datetime(2023, 2, 3, 10),
        )

        counts = aggregate([record], period=PERIOD)["A"]

        assert (1, 0, 0) == (counts.early, counts.on_due_date, counts.late)

    def test_records_of_a_datetime_subclass_are_datetimes(self) -> None:
        """
        Records of pandas Timestamps (a datetime subclass) are counted as
        datetimes.
        """
        pd = pytest.importorskip("pandas")
        record = _dossier(
            received=pd.Timestamp("2023-02-01 10:00"),
            due=pd.Timestamp("2023-02-02 17:00"),
            finished=pd.Timestamp("2023-02-03 09:00"),
        )

        assert 1 == aggregate([record], period=PERIOD)["A"].late

    def test_the_rules_name_their_sources(self) -> None:
        """
        Each rule reads as a condition and names where it comes from.
        """
        keys = [rule.key for rule in RULES]

        assert ["received", "received_online", "received_offline"] == keys[:3]
        assert all(rule.source for rule in RULES)
        assert (
            "carried_over: received < start and (finished is missing or "
            "finished ≥ start)"
        ) == str(RULES[keys.index("carried_over")])


class TestAggregate:
    """
    aggregate's units, channels and refusals.
    """

    def test_records_by_several_fields(self) -> None:
        """
        Units of several fields are tuples, in order, missing values last.
        """
        records = [
            _dossier(agency="Sở Y tế", level="tỉnh"),
            _dossier(agency="Sở Y tế", online=False),
            _dossier(agency="Sở Tư pháp", level="tỉnh", online=False),
        ]

        table = aggregate(records, period=PERIOD, by=("agency", "level"))

        assert [
            ("Sở Tư pháp", "tỉnh"),
            ("Sở Y tế", "tỉnh"),
            ("Sở Y tế", None),
        ] == list(table)
        assert (
            1 == aggregate(records, period=PERIOD, by="online")[True].received
        )

    def test_a_unit_without_a_channel_has_unknown_channel_counts(self) -> None:
        """
        The counts by channel are unknown for a unit where a dossier
        received gives none.
        """
        records = [
            _dossier(online=False, channel="postal"),
            _dossier(online=False),
            _dossier(agency="B", online=False, channel="in_person"),
        ]

        table = aggregate(records, period=PERIOD)

        assert None is table["A"].received_postal
        assert 2 == table["A"].received_offline
        assert (1, 0) == (
            table["B"].received_in_person,
            table["B"].received_postal,
        )

    @pytest.mark.parametrize(
        ("source", "by", "error", "message"),
        [
            ([], "received", ArgumentError, "by must name fields"),
            ([], (), ArgumentError, "by must name at least one field"),
            ([], {"agency"}, ArgumentTypeError, "by must be a field's name"),
            (5, "agency", ArgumentTypeError, "records must be"),
            (
                [None, "x"],
                "agency",
                ArgumentTypeError,
                r"records\[0\] must be a Dossier",
            ),
        ],
    )
    def test_aggregate_refuses_what_it_cannot_count(
        self, source: Any, by: Any, error: type[Exception], message: str
    ) -> None:
        """
        Wrong arguments are refused with the library's errors, a wrong
        first record too.
        """
        with pytest.raises(error, match=message):
            aggregate(source, period=PERIOD, by=by)

    def test_a_wrong_later_record_is_named(self) -> None:
        """
        Any item that is not a Dossier is named by its position.
        """
        with pytest.raises(ArgumentTypeError, match=r"records\[1\]"):
            aggregate([_dossier(), {"agency": "A"}], period=PERIOD)
        with pytest.raises(ArgumentTypeError, match="period must be a Period"):
            aggregate([], period="2023-02")


class TestDossier:
    """
    A record is checked when it is built.
    """

    def test_a_dossier_whose_dates_contradict_each_other_is_named(
        self,
    ) -> None:
        """
        Every contradiction is listed, naming the record by its id.
        """
        with pytest.raises(ValidationError) as caught:
            _dossier(
                id="H7",
                received=day(2023, 2, 9),
                due=day(2023, 2, 1),
                finished=day(2023, 2, 8),
            )

        assert (
            "invalid Dossier 'H7', 2 problems:\n"
            "  - finished: must not be before received (2023-02-09), got "
            "2023-02-08\n"
            "  - due: must not be before received (2023-02-09), got "
            "2023-02-01"
        ) == str(caught.value)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {
                    "received": dt.datetime(2023, 2, 1, 8),
                    "due": day(2023, 2, 2),
                },
                "all dates or all datetimes",
            ),
            (
                {"received": dt.datetime(2023, 2, 1, tzinfo=dt.timezone.utc)},
                "without a zone",
            ),
            ({"received": "2023-02-01"}, "must be a date or datetime"),
            ({"channel": "postal"}, "must agree with online=True"),
            ({"channel": "fax"}, "channel: must be one of"),
            ({"outcome": "withdrawn"}, "day the dossier was"),
            (
                {"outcome": "lost", "finished": day(2023, 2, 3)},
                "outcome: must be one of",
            ),
            ({"online": 1}, "online: must be True or False"),
            ({"agency": " "}, "agency: must not be blank"),
        ],
    )
    def test_a_wrong_dossier_is_refused(
        self, changes: dict[str, Any], message: str
    ) -> None:
        """
        Each kind of wrong value is refused, naming its field.
        """
        with pytest.raises(ValidationError, match=message):
            _dossier(**changes)

    @given(dossiers())
    def test_a_dossier_keeps_its_enums(self, record: Dossier) -> None:
        """
        Channel and outcome are enums; an outcome has its day.
        """
        assert record.channel is None or record.channel.value in (
            "online",
            "in_person",
            "postal",
        )
        assert (record.outcome is not None) <= (record.finished is not None)

    def test_text_is_normalised_to_nfc(self) -> None:
        """
        Decomposed Vietnamese is the same agency as composed.
        """
        decomposed = unicodedata.normalize("NFD", "Sở Y tế")

        assert "Sở Y tế" == _dossier(agency=decomposed).agency


class TestFrames:
    """
    Every dataframe engine counts as plain Python, and a wrong frame is
    refused with the library's errors.
    """

    @needs_engines
    @pytest.mark.parametrize(
        ("engine", "convert"), ENGINES, ids=[e for e, _ in ENGINES]
    )
    @settings(max_examples=40)
    @given(
        records=record_lists(),
        by=st.sampled_from(
            ["agency", ("agency", "level"), "online", "outcome"]
        ),
    )
    def test_every_engine_counts_as_plain_python(
        self, engine: str, convert: Any, records: list[Dossier], by: Any
    ) -> None:
        """
        pandas, Polars, PyArrow and DuckDB give the counts plain Python
        gives, the empty frame included.
        """
        expected = aggregate(records, period=PERIOD, by=by)

        counted = aggregate(
            convert(polars_frame(records)), period=PERIOD, by=by
        )

        assert expected == counted, engine

    @needs_engines
    @settings(max_examples=20)
    @given(record_lists(max_size=60), st.integers(1, 7))
    def test_a_stream_of_batches_counts_as_the_whole(
        self, records: list[Dossier], size: int
    ) -> None:
        """
        An iterable of dataframes is counted batch by batch and added up.
        """
        frame = polars_frame(records)
        batches = [
            frame.slice(i, size) for i in range(0, max(len(frame), 1), size)
        ]

        assert aggregate(records, period=PERIOD) == aggregate(
            iter(batches), period=PERIOD
        )

    @needs_engines
    def test_a_wrong_record_is_named_by_position_and_id(self) -> None:
        """
        The first wrong records of each check are named by their position
        in the whole stream, and their id.
        """
        frame = _frame(
            id=["a", "b", "c"],
            agency=["A", "A", None],
            received=[day(2023, 2, 1), day(2023, 2, 9), day(2023, 2, 1)],
            finished=[None, day(2023, 2, 8), None],
            online=[True, False, True],
            channel=["online", "fax", None],
        )

        with pytest.raises(ValidationError) as caught:
            aggregate([frame.slice(0, 1), frame.slice(1)], period=PERIOD)

        assert (
            "invalid records, 3 problems:\n"
            "  - records[2].agency (id c): must not be missing, got missing\n"
            "  - records[1].finished (id b): must not be before received "
            "(2023-02-09), got 2023-02-08\n"
            "  - records[1].channel (id b): must be one of 'online', "
            "'in_person', 'postal', got fax"
        ) == str(caught.value)

    @needs_engines
    def test_after_a_lazy_batch_records_are_named_by_id(self) -> None:
        """
        A lazy batch has no length, so later records are named by id only.
        """
        frame = _frame(
            id=["a", "b"],
            received=[day(2023, 2, 1), day(2023, 2, 9)],
            finished=[None, day(2023, 2, 8)],
        )

        with pytest.raises(ValidationError) as caught:
            aggregate(
                [frame.slice(0, 1).lazy(), frame.slice(1)], period=PERIOD
            )

        assert "records.finished (id b): must not be before" in str(
            caught.value
        )

    @needs_engines
    def test_decomposed_text_is_one_unit_with_composed(self) -> None:
        """
        Units of a frame are keyed by their text in NFC, as records are.
        """
        name = "Sở Y tế"
        frame = _frame(
            agency=[name, unicodedata.normalize("NFD", name)],
            received=[day(2023, 2, 1), day(2023, 2, 2)],
        )

        table = aggregate(frame, period=PERIOD)

        assert [name] == list(table)
        assert 2 == table[name].received

    @needs_engines
    def test_a_frame_is_read_through_a_column_mapping(self) -> None:
        """
        Columns named otherwise are mapped to the fields; a missing one is
        named with the field it stands for.
        """
        import polars as pl  # noqa: PLC0415

        frame = pl.DataFrame(
            {
                "DonVi": ["A"],
                "NgayNhan": [day(2023, 2, 1)],
                "HanTra": [day(2023, 2, 3)],
                "NgayTra": [day(2023, 2, 2)],
                "TrucTuyen": [True],
            }
        )
        columns = {
            "agency": "DonVi",
            "received": "NgayNhan",
            "due": "HanTra",
            "finished": "NgayTra",
            "online": "TrucTuyen",
        }

        counts = aggregate(frame, period=PERIOD, columns=columns)["A"]

        assert (1, 1) == (counts.received, counts.early)
        with pytest.raises(
            ArgumentError, match=r"no column 'DonVi' \(for agency\)"
        ):
            aggregate(frame.drop("DonVi"), period=PERIOD, columns=columns)
        with pytest.raises(ArgumentError, match="columns must map fields"):
            aggregate(frame, period=PERIOD, columns={"agencies": "DonVi"})
        with pytest.raises(ArgumentError, match="no column 'level'"):
            aggregate(frame, period=PERIOD, columns=columns, by="level")

    @needs_engines
    def test_online_is_read_from_the_channel(self) -> None:
        """
        Without an online column, the channel says it.
        """
        frame = _frame(channel=["online", "postal"], online=None)

        counts = aggregate(frame, period=PERIOD)["A"]

        assert (1, 1) == (counts.received_online, counts.received_postal)

    @needs_engines
    def test_a_time_column_of_no_values_is_of_no_type(self) -> None:
        """
        A finished column that is all null, of no type, counts as pending.
        """
        import polars as pl  # noqa: PLC0415

        frame = _frame().with_columns(finished=pl.lit(None), due=pl.lit(None))

        assert 2 == aggregate(frame, period=PERIOD)["A"].pending

    @needs_engines
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ("mixed", "all dates or all datetimes"),
            ("zone", "without a zone, got times in 'Asia/Ho_Chi_Minh'"),
            ("text", "received: must hold dates or datetimes, got String"),
            ("integers", r"online: must hold true or false \(a Boolean"),
            ("numbers", "channel: must hold text, got Int"),
        ],
    )
    def test_a_frame_of_wrong_types_is_refused(
        self, change: str, message: str
    ) -> None:
        """
        Columns whose type their field cannot take are named, before any
        engine is asked to compare them.
        """
        import polars as pl  # noqa: PLC0415

        frame = _frame(due=[day(2023, 2, 3), None])
        changed = {
            "mixed": frame.with_columns(pl.col("received").cast(pl.Datetime)),
            "zone": frame.with_columns(
                pl.col("received")
                .cast(pl.Datetime)
                .dt.replace_time_zone("Asia/Ho_Chi_Minh"),
                pl.col("due").cast(pl.Datetime),
                pl.col("finished").cast(pl.Datetime),
            ),
            "text": frame.with_columns(pl.col("received").cast(pl.String)),
            "integers": frame.with_columns(pl.col("online").cast(pl.Int64)),
            "numbers": frame.with_columns(channel=pl.lit(1)),
        }[change]

        with pytest.raises(ValidationError, match=message):
            aggregate(changed, period=PERIOD)


def _frame(**columns: Any) -> Any:
    """
    A Polars frame of two records of agency A received in February,
    with *columns* replaced (``None`` leaves a column out).
    """
    import polars as pl  # noqa: PLC0415

    data: dict[str, Any] = {
        "agency": ["A", "A"],
        "received": [day(2023, 2, 1), day(2023, 2, 2)],
        "due": [None, None],
        "finished": [None, None],
        "online": [True, False],
    }
    data.update(columns)
    data = {k: v for k, v in data.items() if v is not None}
    rows = len(data["received"])
    dates = {"received", "due", "finished"}
    return pl.DataFrame(
        {k: v if len(v) == rows else v[:1] * rows for k, v in data.items()},
        schema_overrides={k: pl.Date for k in dates if k in data},
    )


class TestFillReport:
    """
    A report's figures and appendix rows counted from records.
    """

    def test_fill_report_counts_the_period_and_the_year(self) -> None:
        """
        The body's figures are the month's and the year's totals, the
        appendix rows the year's counts of their agencies.
        """
        template = binh_thuan_2023_02()
        records = _generated(3000)
        month = aggregate(records, period=template.period)
        year = aggregate(records, period=template.period.year_to_date())

        report = fill_report(template, records)

        assert Counts.sum(month.values()) == report.figures
        assert Counts.sum(year.values()) == report.cumulative
        assert [row.agency for row in template.appendix.rows] == [
            row.agency for row in report.appendix.rows
        ]
        for row in report.appendix.rows:
            assert year.get(row.agency.name, Counts.zero()) == row.counts
        assert "BÁO CÁO" in render(report, "text")
        assert template.sections == report.sections

    def test_a_period_appendix_gets_the_months_counts(self) -> None:
        """
        An appendix of the period's figures gets the month's counts.
        """
        template = binh_thuan_2023_02()
        template = attrs.evolve(
            template,
            figures=total(template.appendix.rows),
            cumulative=None,
            appendix=attrs.evolve(template.appendix, basis="period"),
        )
        records = _generated(500)
        month = aggregate(records, period=template.period)

        report = fill_report(template, records)

        assert month["Sở Tư pháp"] == report.appendix.rows[9].counts

    def test_units_no_row_names_get_rows_and_the_rest_count_zero(
        self,
    ) -> None:
        """
        A unit of the records no row names gets a row after the others.
        """
        template = binh_thuan_2023_02()

        report = fill_report(template, [_dossier(agency="Sở Ngoại vụ")])

        assert "Sở Ngoại vụ" == report.appendix.rows[-1].agency.name
        assert 1 == report.appendix.rows[-1].counts.received
        assert 0 == report.appendix.rows[0].counts.received
        assert len(template.appendix.rows) + 1 == len(report.appendix.rows)

    def test_rows_are_matched_by_code_name_and_short_name(self) -> None:
        """
        Records under a row's code, name or short name all count in it.
        """
        template = binh_thuan_2023_02()
        first = template.appendix.rows[0]
        coded = attrs.evolve(
            first, agency=attrs.evolve(first.agency, code="000.00.01.H10")
        )
        template = attrs.evolve(
            template,
            appendix=attrs.evolve(
                template.appendix, rows=(coded, *template.appendix.rows[1:])
            ),
        )
        records = [
            _dossier(agency="000.00.01.H10"),
            _dossier(agency=first.agency.name),
            _dossier(agency=first.agency.display_name),
        ]

        report = fill_report(template, records)

        expected = len({"000.00.01.H10", first.agency.name,
                        first.agency.display_name})  # fmt: skip
        assert expected == report.appendix.rows[0].counts.received
        assert len(template.appendix.rows) == len(report.appendix.rows)


def _generated(n: int, seed: int = 3) -> list[Dossier]:
    rng = random.Random(seed)  # noqa: S311
    names = [row.agency.name for row in binh_thuan_2023_02().appendix.rows]
    records = []
    for i in range(n):
        received = day(2022, 12, 1) + dt.timedelta(days=rng.randint(0, 89))
        finished = (
            None
            if rng.random() < 0.15
            else received + dt.timedelta(days=rng.randint(0, 18))
        )
        records.append(
            Dossier(
                id=f"H{i}",
                agency=rng.choice(names),
                received=received,
                due=received + dt.timedelta(days=rng.randint(1, 15)),
                finished=finished,
                online=rng.random() < 0.45,
            )
        )
    return records


def _write_csv(path: Path, records: list[Dossier]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(
            ["id", "agency", "received", "due", "finished", "online"]
        )
        for r in records:
            writer.writerow(
                [
                    r.id,
                    r.agency,
                    r.received,
                    r.due or "",
                    r.finished or "",
                    "true" if r.online else "false",
                ]
            )


def _edit_csv(path: Path, row: int, cell: int, value: str) -> None:
    """
    Put *value* in a cell of the CSV file: *row* counts the records from
    1 after the headings.
    """
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[row][cell] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


def _run(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as stop:  # argparse
        return int(stop.code or 0)


@needs_engines
class TestCommand:
    """
    hcc-report aggregate, in process.
    """

    def test_the_command_fills_a_report_that_renders(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """
        A generated CSV gives a report file that render renders.
        """
        records = _generated(2000)
        _write_csv(tmp_path / "records.csv", records)
        template = tmp_path / "template.toml"
        template.write_text(
            dumps_report(binh_thuan_2023_02(), "toml"), "utf-8"
        )
        out = tmp_path / "report.toml"

        status = _run(
            "aggregate",
            str(tmp_path / "records.csv"),
            "--report",
            str(template),
            "-o",
            str(out),
        )

        assert 0 == status
        assert fill_report(binh_thuan_2023_02(), records) == load_report(out)
        assert 0 == _run("render", str(out), "-f", "html")
        assert "Sở Tư pháp" in capsys.readouterr().out

    def test_the_command_writes_counts_by_unit(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """
        Without a report, the counts of each unit as JSON or CSV.
        """
        records = _generated(500)
        _write_csv(tmp_path / "r.csv", records)
        argv = ["aggregate", str(tmp_path / "r.csv"), "--period", "2023-02"]
        expected = aggregate(records, period=PERIOD.year_to_date())

        assert 0 == _run(*argv, "-f", "json", "--cumulative")

        data = json.loads(capsys.readouterr().out)
        assert {
            "kind": "first-months",
            "start": "2023-01-01",
            "end": "2023-02-28",
        } == data["period"]
        assert Counts.sum(expected.values()).known() == data["total"]
        assert list(expected) == [unit["agency"] for unit in data["units"]]
        assert 0 == _run(*argv, "-f", "csv", "--by", "agency, online")
        month = aggregate(records, period=PERIOD, by=("agency", "online"))
        assert (
            dumps_counts(month, "csv", period=PERIOD, by=("agency", "online"))
            == capsys.readouterr().out
        )

    def test_the_command_reads_parquet(self, tmp_path: Path) -> None:
        """
        A Parquet file is read with its types.
        """
        records = _generated(300)
        polars_frame(records).write_parquet(tmp_path / "r.parquet")
        out = tmp_path / "counts.json"
        expected = aggregate(records, period=PERIOD)

        status = _run(
            "aggregate",
            str(tmp_path / "r.parquet"),
            "--period",
            "2023-02",
            "-o",
            str(out),
            "-f",
            "json",
        )

        assert 0 == status
        data = json.loads(out.read_text("utf-8"))
        assert Counts.sum(expected.values()).known() == data["total"]

    def test_blank_rows_are_skipped_and_rows_still_named(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """
        Blank lines are left out; a wrong record after them is named by
        its own row.
        """
        path = tmp_path / "r.csv"
        _write_csv(path, _generated(6))
        lines = path.read_text("utf-8").splitlines()
        lines[2:2] = ["", ",,,,,"]  # rows 2 and 3
        path.write_text("\n".join(lines) + "\n", "utf-8")
        assert 0 == _run("aggregate", str(path), "--period", "2023-02")
        capsys.readouterr()
        _edit_csv(path, 7, 4, "2022-01-01")  # record H4, now row 7

        status = _run("aggregate", str(path), "--period", "2023-02")

        assert 2 == status
        assert (
            "row 7, column 'finished' (id H4): must not be before received"
            in capsys.readouterr().err
        )

    @pytest.mark.parametrize(
        ("row", "cell", "value", "message"),
        [
            (
                4,
                2,
                "2023-13-45",
                "row 4, column 'received': cannot read '2023-13-45' as a date",
            ),
            (
                2,
                5,
                "maybe",
                "row 2, column 'online': cannot read 'maybe' as true or false",
            ),
            (
                3,
                4,
                "2023-02-05 10:00",
                "must give all dates or all datetimes: received holds "
                "dates, due holds dates, finished holds datetimes",
            ),
        ],
    )
    def test_a_malformed_record_is_named_by_row_and_column(  # noqa: PLR0917
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        row: int,
        cell: int,
        value: str,
        message: str,
    ) -> None:
        """
        A value that cannot be read, or a file mixing dates and datetimes,
        exits 2 naming the file, the row and the column.
        """
        path = tmp_path / "r.csv"
        _write_csv(path, _generated(20))
        _edit_csv(path, row, cell, value)

        status = _run("aggregate", str(path), "--period", "2023-02")

        err = capsys.readouterr().err
        assert 2 == status
        assert f"{path}: invalid records" in err
        assert message in err
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--period", "2023-02", "--by", "colour"], "by must name fields"),
            (["--period", "2023-02", "--by", "level"], "no column 'level'"),
            ([], "give the period to count"),
            (["--period", "2023-02", "--column", "agency"], "FIELD=COLUMN"),
            (
                ["--period", "2023-02", "--column", "colour=agency"],
                "columns must map fields",
            ),
            (
                ["--period", "2023-02", "--report", "{template}"],
                "is not the period of",
            ),
            (["--report", "{template}", "--cumulative"], "--cumulative is"),
        ],
    )
    def test_the_command_refuses_bad_options(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        message: str,
    ) -> None:
        """
        Options that cannot be used exit 2 with a message.
        """
        _write_csv(tmp_path / "r.csv", _generated(5))
        template = tmp_path / "template.toml"
        march = attrs.evolve(
            binh_thuan_2023_02(), period=Period.month(2023, 3)
        )
        template.write_text(dumps_report(march, "toml"), "utf-8")
        argv = [a.replace("{template}", str(template)) for a in argv]

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            status = _run("aggregate", str(tmp_path / "r.csv"), *argv)

        assert 2 == status
        assert message in capsys.readouterr().err
