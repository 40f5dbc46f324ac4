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
import warnings

from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from hcc_report import Counts, Period, render
from hcc_report.cli import main
from hcc_report.errors import (
    ArgumentError,
    ArgumentTypeError,
    ValidationError,
)
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.loaders import dumps_counts, dumps_report, load_report
from hcc_report.records import RULES, Dossier, aggregate, fill_report
from record_strategies import (
    PERIOD,
    dossiers,
    polars_frame,
    record_lists,
)


day = dt.date


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


# The rules -------------------------------------------------------------------


@given(record_lists())
def test_the_rules_count_as_the_oracle(records: list[Dossier]) -> None:
    counted = aggregate(records, period=PERIOD)
    expected = oracle(records, PERIOD)
    assert set(counted) == set(expected)
    for agency, counts in counted.items():
        _agrees(counts, expected[agency])


@given(record_lists())
def test_what_is_handled_is_processed_ended_or_pending(
    records: list[Dossier],
) -> None:
    for counts in aggregate(records, period=PERIOD).values():
        assert counts.received is not None
        assert counts.carried_over is not None
        assert counts.received + counts.carried_over == (
            (counts.processed or 0)
            + (counts.withdrawn or 0)
            + (counts.returned or 0)
            + (counts.pending or 0)
        )
        # The catalogue's own wholes: handled, and the splits.
        assert counts.handled == counts.received + counts.carried_over
        assert counts.on_time == (counts.early or 0) + (
            counts.on_due_date or 0
        )


@given(record_lists(datetimes=False))
def test_dates_count_as_midnight_datetimes(records: list[Dossier]) -> None:
    # pandas stores dates as datetimes at midnight: the period compares
    # them by their day, so the counts are the same.
    def at_midnight(value: dt.date | None) -> dt.datetime | None:
        return None if value is None else dt.datetime.combine(value, dt.time())

    moved = [
        attrs.evolve(
            r,
            received=at_midnight(r.received),
            due=at_midnight(r.due),
            finished=at_midnight(r.finished),
        )
        for r in records
    ]
    assert aggregate(moved, period=PERIOD) == aggregate(records, period=PERIOD)


@given(record_lists(), st.randoms(use_true_random=False))
def test_counts_of_any_split_add_up_to_the_whole(
    records: list[Dossier], rng: random.Random
) -> None:
    whole = aggregate(records, period=PERIOD)
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
    assert added == whole


@given(record_lists(max_size=20))
def test_cumulative_figures_are_the_year_to_date_period(
    records: list[Dossier],
) -> None:
    period = PERIOD.year_to_date()
    counted = aggregate(records, period=period)
    expected = oracle(records, period)
    for agency, counts in counted.items():
        _agrees(counts, expected[agency])


def test_records_by_several_fields() -> None:
    records = [
        Dossier(agency="Sở Y tế", level="tỉnh", received=day(2023, 2, 1),
                due=None, online=True),
        Dossier(agency="Sở Y tế", level=None, received=day(2023, 2, 2),
                due=None, online=False),
        Dossier(agency="Sở Tư pháp", level="tỉnh", received=day(2023, 2, 3),
                due=None, online=False),
    ]  # fmt: skip
    table = aggregate(records, period=PERIOD, by=("agency", "level"))
    assert list(table) == [
        ("Sở Tư pháp", "tỉnh"),
        ("Sở Y tế", "tỉnh"),
        ("Sở Y tế", None),  # a missing value last
    ]
    assert aggregate(records, period=PERIOD, by="online")[True].received == 1


def test_a_unit_without_a_channel_has_unknown_channel_counts() -> None:
    records = [
        Dossier(agency="A", received=day(2023, 2, 1), due=None,
                online=False, channel="postal"),
        Dossier(agency="A", received=day(2023, 2, 1), due=None,
                online=False),
        Dossier(agency="B", received=day(2023, 2, 1), due=None,
                online=False, channel="in_person"),
    ]  # fmt: skip
    table = aggregate(records, period=PERIOD)
    assert table["A"].received_postal is None
    assert table["A"].received_offline == 2
    assert table["B"].received_in_person == 1
    assert table["B"].received_postal == 0


def test_aggregate_refuses_what_it_cannot_count() -> None:
    with pytest.raises(ArgumentError, match="by must name fields"):
        aggregate([], period=PERIOD, by="received")
    with pytest.raises(ArgumentTypeError, match="records must be"):
        aggregate(5, period=PERIOD)
    with pytest.raises(
        ArgumentTypeError, match=r"records\[1\] must be a Dossier"
    ):
        aggregate(
            [
                Dossier(agency="A", received=day(2023, 2, 1), due=None,
                        online=True),
                {"agency": "A"},
            ],
            period=PERIOD,
        )  # fmt: skip
    with pytest.raises(ArgumentTypeError, match="period must be a Period"):
        aggregate([], period="2023-02")


def test_the_rules_name_their_sources() -> None:
    keys = [rule.key for rule in RULES]
    assert keys[:3] == ["received", "received_online", "received_offline"]
    assert all(rule.source for rule in RULES)
    assert str(RULES[keys.index("carried_over")]) == (
        "carried_over: received < start and (finished is missing or "
        "finished ≥ start)"
    )


# Dossier records ---------------------------------------------------------------


def test_a_dossier_whose_dates_contradict_each_other_is_named() -> None:
    with pytest.raises(ValidationError) as caught:
        Dossier(id="H7", agency="A", received=day(2023, 2, 9),
                due=day(2023, 2, 1), finished=day(2023, 2, 8), online=True)  # fmt: skip
    assert str(caught.value) == (
        "invalid Dossier 'H7', 2 problems:\n"
        "  - finished: must not be before received (2023-02-09), got "
        "2023-02-08\n"
        "  - due: must not be before received (2023-02-09), got 2023-02-01"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"received": dt.datetime(2023, 2, 1, 8)},
            "all dates or all datetimes",
        ),
        (
            {
                "received": dt.datetime(2023, 2, 1, tzinfo=dt.timezone.utc),
                "finished": None,
            },
            "without a zone",
        ),
        ({"received": "2023-02-01"}, "must be a date or datetime"),
        ({"channel": "postal"}, "must agree with online=True"),
        ({"channel": "fax"}, "channel: must be one of"),
        ({"outcome": "withdrawn", "finished": None}, "day the dossier was"),
        ({"outcome": "lost"}, "outcome: must be one of"),
        ({"online": 1}, "online: must be True or False"),
        ({"agency": " "}, "agency: must not be blank"),
    ],
)
def test_a_wrong_dossier_is_refused(
    changes: dict[str, Any], message: str
) -> None:
    fields: dict[str, Any] = {
        "agency": "A",
        "received": day(2023, 2, 1),
        "due": None,
        "finished": day(2023, 2, 3),
        "online": True,
        **changes,
    }
    with pytest.raises(ValidationError, match=message):
        Dossier(**fields)


@given(dossiers())
def test_a_dossier_keeps_its_enums_by_value(record: Dossier) -> None:
    assert record.channel is None or record.channel.value in (
        "online",
        "in_person",
        "postal",
    )
    assert (record.outcome is not None) <= (record.finished is not None)


# Dataframe engines -------------------------------------------------------------


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


@needs_engines
@pytest.mark.parametrize(
    ("engine", "convert"), ENGINES, ids=[e for e, _ in ENGINES]
)
@settings(max_examples=40)
@given(
    records=record_lists(),
    by=st.sampled_from(["agency", ("agency", "level"), "online", "outcome"]),
)
def test_every_engine_counts_as_plain_python(
    engine: str, convert: Any, records: list[Dossier], by: Any
) -> None:
    frame = convert(polars_frame(records))
    expected = aggregate(records, period=PERIOD, by=by)
    assert aggregate(frame, period=PERIOD, by=by) == expected, engine


@needs_engines
@settings(max_examples=20)
@given(record_lists(max_size=60), st.integers(1, 7))
def test_a_stream_of_batches_counts_as_the_whole(
    records: list[Dossier], size: int
) -> None:
    frame = polars_frame(records)
    batches = [
        frame.slice(i, size) for i in range(0, max(len(frame), 1), size)
    ]
    expected = aggregate(records, period=PERIOD)
    assert aggregate(iter(batches), period=PERIOD) == expected


@needs_engines
def test_a_wrong_record_of_a_frame_is_named_by_position_and_id() -> None:
    import polars as pl  # noqa: PLC0415

    frame = pl.DataFrame(
        {
            "id": ["a", "b", "c"],
            "agency": ["A", "A", None],
            "received": [day(2023, 2, 1), day(2023, 2, 9), day(2023, 2, 1)],
            "due": [None, None, None],
            "finished": [None, day(2023, 2, 8), None],
            "online": [True, False, True],
            "channel": ["online", "fax", None],
        },
        schema_overrides={"due": pl.Date},
    )
    with pytest.raises(ValidationError) as caught:
        aggregate([frame.slice(0, 1), frame.slice(1)], period=PERIOD)
    assert str(caught.value) == (
        "invalid records, 3 problems:\n"
        "  - records[2].agency (id c): must not be missing, got missing\n"
        "  - records[1].finished (id b): must not be before received "
        "(2023-02-09), got 2023-02-08\n"
        "  - records[1].channel (id b): must be one of 'online', "
        "'in_person', 'postal', got fax"
    )


@needs_engines
def test_a_frame_is_read_through_a_column_mapping() -> None:
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
    assert (counts.received, counts.early) == (1, 1)
    with pytest.raises(
        ArgumentError, match=r"no column 'DonVi' \(for agency\)"
    ):
        aggregate(frame.drop("DonVi"), period=PERIOD, columns=columns)
    with pytest.raises(ArgumentError, match="columns must map fields"):
        aggregate(frame, period=PERIOD, columns={"agencies": "DonVi"})


@needs_engines
def test_frame_times_must_be_local_dates_or_datetimes() -> None:
    import polars as pl  # noqa: PLC0415

    base = {
        "agency": ["A"],
        "received": [dt.datetime(2023, 2, 1, 8)],
        "due": [day(2023, 2, 3)],
        "finished": [None],
        "online": [True],
    }
    with pytest.raises(ValidationError, match="all dates or all datetimes"):
        aggregate(pl.DataFrame(base), period=PERIOD)
    zoned = pl.DataFrame({**base, "due": [None]}).with_columns(
        pl.col("received").dt.replace_time_zone("Asia/Ho_Chi_Minh")
    )
    with pytest.raises(ValidationError, match="without a zone"):
        aggregate(zoned, period=PERIOD)
    texts = pl.DataFrame({**base, "received": ["2023-02-01"], "due": [None]})
    with pytest.raises(ValidationError, match="received: must hold dates"):
        aggregate(texts, period=PERIOD)


# Filling a report ----------------------------------------------------------------


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


def test_fill_report_counts_the_period_and_the_year() -> None:
    template = binh_thuan_2023_02()
    records = _generated(3000)
    report = fill_report(template, records)
    month = aggregate(records, period=template.period)
    year = aggregate(records, period=template.period.year_to_date())
    assert report.figures == Counts.sum(month.values())
    assert report.cumulative == Counts.sum(year.values())
    # The appendix is cumulative: its rows keep their order and names.
    assert [row.agency for row in report.appendix.rows] == [
        row.agency for row in template.appendix.rows
    ]
    for row in report.appendix.rows:
        assert row.counts == year.get(row.agency.name, Counts.zero())
    assert "BÁO CÁO" in render(report, "text")
    assert report.sections == template.sections


def test_fill_report_adds_units_no_row_names_and_zeroes_the_rest() -> None:
    template = binh_thuan_2023_02()
    records = [
        Dossier(agency="Sở Ngoại vụ", received=day(2023, 2, 1), due=None,
                online=True),
    ]  # fmt: skip
    report = fill_report(template, records)
    assert report.appendix.rows[-1].agency.name == "Sở Ngoại vụ"
    assert report.appendix.rows[-1].counts.received == 1
    assert report.appendix.rows[0].counts.received == 0
    assert len(report.appendix.rows) == len(template.appendix.rows) + 1


def test_fill_report_matches_rows_by_agency_code() -> None:
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
        Dossier(agency="000.00.01.H10", received=day(2023, 2, 1), due=None,
                online=True),
    ]  # fmt: skip
    report = fill_report(template, records)
    assert report.appendix.rows[0].counts.received == 1
    assert len(report.appendix.rows) == len(template.appendix.rows)


# The command line --------------------------------------------------------------


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


needs_polars = pytest.mark.skipif(
    not ENGINES, reason="needs Polars and narwhals (hcc-report[records])"
)


@needs_polars
def test_the_command_fills_a_report_that_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _generated(2000)
    _write_csv(tmp_path / "records.csv", records)
    template = tmp_path / "template.toml"
    template.write_text(dumps_report(binh_thuan_2023_02(), "toml"), "utf-8")
    out = tmp_path / "report.toml"
    status = main(
        [
            "aggregate",
            str(tmp_path / "records.csv"),
            "--report",
            str(template),
            "-o",
            str(out),
        ]
    )
    assert status == 0
    report = load_report(out)
    assert report == fill_report(binh_thuan_2023_02(), records)
    assert main(["render", str(out), "-f", "html"]) == 0
    assert "Sở Tư pháp" in capsys.readouterr().out


@needs_polars
def test_the_command_writes_counts_by_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _generated(500)
    _write_csv(tmp_path / "r.csv", records)
    argv = ["aggregate", str(tmp_path / "r.csv"), "--period", "2023-02"]
    assert main([*argv, "-f", "json", "--cumulative"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = aggregate(records, period=PERIOD.year_to_date())
    assert data["period"] == {
        "kind": "first-months",
        "start": "2023-01-01",
        "end": "2023-02-28",
    }
    assert data["total"] == Counts.sum(expected.values()).known()
    assert [unit["agency"] for unit in data["units"]] == list(expected)
    assert main([*argv, "-f", "csv"]) == 0
    text = capsys.readouterr().out
    month = aggregate(records, period=PERIOD)
    assert text == dumps_counts(month, "csv", period=PERIOD)


@needs_polars
def test_the_command_reads_parquet(tmp_path: Path) -> None:
    records = _generated(300)
    polars_frame(records).write_parquet(tmp_path / "r.parquet")
    out = tmp_path / "counts.json"
    argv = ["aggregate", str(tmp_path / "r.parquet"), "--period", "2023-02"]
    assert main([*argv, "-o", str(out), "-f", "json"]) == 0
    data = json.loads(out.read_text("utf-8"))
    expected = aggregate(records, period=PERIOD)
    assert data["total"] == Counts.sum(expected.values()).known()


@needs_polars
@pytest.mark.parametrize(
    ("line", "cell", "value", "message"),
    [
        (
            5,
            2,
            "2023-13-45",
            "line 5, column 'received': cannot read '2023-13-45' as a date",
        ),
        (
            3,
            5,
            "maybe",
            "line 3, column 'online': cannot read 'maybe' as true or false",
        ),
        (
            7,
            4,
            "2022-01-01",
            "line 7, column 'finished' (id H5): must not be before received",
        ),
    ],
)
def test_a_malformed_record_is_named_by_line_and_column(  # noqa: PLR0917
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    line: int,
    cell: int,
    value: str,
    message: str,
) -> None:
    path = tmp_path / "r.csv"
    _write_csv(path, _generated(20))
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[line - 1][cell] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    status = main(["aggregate", str(path), "--period", "2023-02"])
    assert status == 2
    err = capsys.readouterr().err
    assert f"{path}: invalid records" in err
    assert message in err
    assert "Traceback" not in err


@needs_polars
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--period", "2023-02", "--by", "colour"], "by must name fields"),
        ([], "give the period to count"),
        (["--period", "2023-02", "--column", "agency"], "FIELD=COLUMN"),
    ],
)
def test_the_command_refuses_bad_options(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    _write_csv(tmp_path / "r.csv", _generated(5))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            status = main(["aggregate", str(tmp_path / "r.csv"), *argv])
        except SystemExit as stop:  # argparse
            status = stop.code  # type: ignore[assignment]
    assert status == 2
    assert message in capsys.readouterr().err
