"""
Dossier records from CSV or Parquet files, read with Polars in batches.

A CSV file is UTF-8 text; each column is parsed as its field needs:
dates as ``2023-02-01`` or ``01/02/2023``, datetimes with a time after
them (``2023-02-01 14:30``, a column of datetimes gives every value its
time), ``online`` as ``true``/``false`` (``1``/``0``, ``yes``/``no``,
``có``/``không``). Rows with no value at all (blank lines) are skipped. A
Parquet file or dataset keeps its types; time columns stored as text are
parsed the same way. A value that cannot be read is an error naming the
file, the row (records count from 1 after the headings) and the column.
"""

from __future__ import annotations

import bisect
import contextlib
import os

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from hcc_report._checks import import_optional
from hcc_report.errors import ArgumentError, Problem, ValidationError
from hcc_report.loaders._files import file_error
from hcc_report.records import FIELDS, TIME_FIELDS


__all__ = ["RecordFile", "open_records"]

#: Rows read at a time: enough to keep an engine busy, few enough that a
#: progress bar moves and memory stays small.
BATCH_ROWS = 250_000
_TRUE = ("true", "1", "yes", "có", "x")
_FALSE = ("false", "0", "no", "không")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
_DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
#: A time after a date, in text.
_HAS_TIME = r"\d[ T]\d"
#: Problems named at most, per column.
_EXAMPLES = 5


def _polars() -> Any:
    return import_optional(
        "polars",
        extra="records",
        purpose="reading records from CSV or Parquet",
    )


@attrs.define
class RecordFile:
    """
    A CSV or Parquet file (or a folder of Parquet files) of records, read
    in batches by `batches`.
    """

    #: The file's path, as given.
    path: str
    #: ``"csv"`` or ``"parquet"``.
    format: str
    #: The record fields' columns, where they are named otherwise.
    columns: Mapping[str, str] = attrs.field(factory=dict)
    # The positions of the rows skipped as empty so far, in order.
    _skipped: list[int] = attrs.field(factory=list, init=False, repr=False)

    def where(self, index: int) -> str:
        """
        Where the record at *index* (from 0, of the records `batches`
        gave) is in the file: ``"row 5"``, counting the rows after the
        headings from 1, empty rows included.
        """
        position = index
        for skipped in self._skipped:
            if skipped <= position:
                position += 1
        return f"row {position + 1}"

    def count(self) -> int:
        """
        How many rows the file holds (a quick pass, for progress).
        """
        pl = _polars()
        with self._reading():
            return int(self._scan().select(pl.len()).collect().item())

    def batches(self) -> Iterator[Any]:
        """
        The records as Polars dataframes of at most 250,000 rows,
        their columns named and typed as `hcc_report.records` reads them;
        empty rows are left out.

        Raises:
            ~hcc_report.errors.ValidationError: The file cannot be read, or
                a value cannot be; the problems name the row and column.
        """
        pl = _polars()
        with self._reading():
            scan = self._scan()
            renamed = self._renamed(scan.collect_schema().names())
            scan = scan.select(
                pl.col(column).alias(field)
                for field, column in renamed.items()
            )
            schema = scan.collect_schema()
            kinds = self._time_kinds(scan, schema)
            offset = 0
            for raw in scan.collect_batches(chunk_size=BATCH_ROWS):
                yield self._parsed(raw, schema, kinds, offset)
                offset += raw.height

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """
        Turn what Polars raises about the file into the library's errors.
        """
        pl = _polars()
        try:
            yield
        except OSError as error:
            raise file_error("read", self.path, error) from error
        except pl.exceptions.PolarsError as error:
            first = str(error).strip().splitlines()[0]
            problem = Problem("", f"cannot be read as {self.format}: {first}")
            raise ValidationError(
                [problem], subject="records", source=self.path
            ) from None

    def _scan(self) -> Any:
        pl = _polars()
        if self.format == "csv":
            return pl.scan_csv(self.path, infer_schema=False)
        return pl.scan_parquet(self.path)

    def _renamed(self, names: list[str]) -> dict[str, str]:
        """
        The columns to read, by field: those named after a field or mapped
        to one.
        """
        renamed = {}
        for field in FIELDS:
            column = self.columns.get(field, field)
            if column in names:
                renamed[field] = column
        needed = ["agency", *TIME_FIELDS]
        if "channel" not in renamed:
            needed.append("online")
        lacking = [
            repr(self.columns.get(field, field))
            for field in needed
            if field not in renamed
        ]
        if lacking:
            problem = Problem(
                "",
                f"has no column {', '.join(lacking)}; its columns are "
                f"{', '.join(map(repr, names))}",
            )
            raise ValidationError(
                [problem], subject="records", source=self.path
            )
        return renamed

    def _time_kinds(self, scan: Any, schema: Any) -> dict[str, bool]:
        """
        Whether each time column held as text holds datetimes (a value
        with a time) or dates; all must agree, with the typed ones too.
        """
        pl = _polars()
        text = [f for f in TIME_FIELDS if schema[f] == pl.String]
        kinds: dict[str, bool | None] = {
            f: schema[f] == pl.Datetime
            for f in TIME_FIELDS
            if f not in text and schema[f] in (pl.Date, pl.Datetime)
        }
        if text:
            found = scan.select(
                [
                    pl.col(f).str.contains(_HAS_TIME).any().alias(f)
                    for f in text
                ]
                + [pl.col(f).is_not_null().any().alias(f"_{f}") for f in text]
            ).collect()
            for f in text:
                if found[f"_{f}"].item():  # a column of no values has no kind
                    kinds[f] = bool(found[f].item())
        if len(set(kinds.values())) > 1:
            given = ", ".join(
                f"{f} holds {'datetimes' if kind else 'dates'}"
                for f, kind in kinds.items()
            )
            problem = Problem(
                "", f"must give all dates or all datetimes: {given}"
            )
            raise ValidationError(
                [problem], subject="records", source=self.path
            )
        datetimes = any(kinds.values())
        return dict.fromkeys(text, datetimes)

    def _parsed(
        self, raw: Any, schema: Any, kinds: Mapping[str, bool], offset: int
    ) -> Any:
        pl = _polars()
        columns = []
        for field in raw.columns:
            column = pl.col(field)
            if schema[field] == pl.String:
                column = column.str.strip_chars()
                column = pl.when(column == "").then(None).otherwise(column)
            if field in kinds:
                column = _parse_time(column, datetimes=kinds[field])
            elif field == "online" and schema[field] == pl.String:
                lowered = column.str.to_lowercase()
                column = (
                    pl.when(lowered.is_in(_TRUE))
                    .then(True)
                    .when(lowered.is_in(_FALSE))
                    .then(False)
                    .otherwise(None)
                )
            columns.append(column.alias(field))
        parsed = raw.select(columns)
        self._check_parsed(raw, parsed, kinds, offset)
        empty = parsed.select(pl.all_horizontal(pl.all().is_null()))
        empty = empty.to_series()
        if not empty.any():
            return parsed
        for index in empty.arg_true().to_list():
            bisect.insort(self._skipped, offset + index)
        return parsed.filter(~empty)

    def _check_parsed(
        self, raw: Any, parsed: Any, kinds: Mapping[str, bool], offset: int
    ) -> None:
        """
        Raise the values of a batch that were given but could not be read
        (*offset* rows come before it).
        """
        pl = _polars()
        problems: list[Problem] = []
        for field in parsed.columns:
            text = raw.schema[field] == pl.String
            if not text or parsed.schema[field] == pl.String:
                continue
            given = raw[field].str.strip_chars()
            bad = given.is_not_null() & (given != "") & parsed[field].is_null()
            indexes = bad.arg_true()
            if field == "online":
                what = "true or false"
            elif kinds.get(field):
                what = "a datetime (the column's values have a time)"
            else:
                what = "a date"
            problems.extend(
                Problem(
                    f"row {offset + index + 1}, column {field!r}",
                    f"cannot read {given[index]!r} as {what}",
                )
                for index in indexes[:_EXAMPLES].to_list()
            )
            if len(indexes) > _EXAMPLES:
                problems.append(
                    Problem(
                        f"column {field!r}",
                        f"{len(indexes) - _EXAMPLES} more values cannot be "
                        f"read as {what}",
                    )
                )
        if problems:
            raise ValidationError(
                problems, subject="records", source=self.path
            )


def _parse_time(column: Any, *, datetimes: bool) -> Any:
    pl = _polars()
    if not datetimes:
        return pl.coalesce(
            column.str.to_date(fmt, strict=False) for fmt in _DATE_FORMATS
        )
    return pl.coalesce(
        column.str.to_datetime(fmt, strict=False, time_unit="us")
        for fmt in _DATETIME_FORMATS
    )


def _check_utf8(path: str) -> None:
    """
    Refuse a CSV file saved as UTF-16 (spreadsheets offer it as "Unicode
    text"), which Polars would read as garbled headings.
    """
    try:
        with Path(path).open("rb") as file:
            start = file.read(2)
    except OSError as error:
        raise file_error("read", path, error) from error
    if start in (b"\xff\xfe", b"\xfe\xff"):
        problem = Problem("", "is UTF-16 text: save it as UTF-8")
        raise ValidationError([problem], subject="records", source=path)


def open_records(
    path: str | os.PathLike[str], *, columns: Mapping[str, str] | None = None
) -> RecordFile:
    """
    A file of dossier records to read in batches: CSV (``.csv``) or
    Parquet (``.parquet``, ``.pq``, or a folder of them), its columns
    named after the fields of `hcc_report.records.Dossier` or mapped to
    them by *columns* (``{"agency": "MaDonVi"}``).

    Raises:
        ~hcc_report.errors.ArgumentError: The path names another format,
            or *columns* a field records do not have.
        ~hcc_report.errors.FileError: The file does not exist.
        ~hcc_report.errors.ValidationError: A CSV file is UTF-16 text.
        ~hcc_report.errors.MissingDependencyError: Polars is not installed.
    """
    text = os.fspath(path)
    for field in columns or {}:
        if field not in FIELDS:
            names = ", ".join(map(repr, FIELDS))
            msg = f"columns must map fields among {names}, got {field!r}"
            raise ArgumentError(msg)
    target = Path(text)
    if not target.exists():
        raise file_error(
            "read", text, FileNotFoundError(2, "No such file or directory")
        )
    suffix = target.suffix.lower()
    if target.is_dir() or suffix in (".parquet", ".pq"):
        kind = "parquet"
    elif suffix == ".csv":
        kind = "csv"
        _check_utf8(text)
    else:
        msg = (
            f"cannot tell the format of {text!r}: records are read from "
            ".csv or .parquet files (or a folder of Parquet files)"
        )
        raise ArgumentError(msg)
    _polars()
    return RecordFile(text, kind, dict(columns or {}))
