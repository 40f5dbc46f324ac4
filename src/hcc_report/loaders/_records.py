"""
Dossier records from CSV or Parquet files, read with Polars in batches.

A CSV file is read as text and each column parsed as its field needs:
dates as ``2023-02-01`` or ``01/02/2023``, datetimes with a time after
them (``2023-02-01 14:30``), ``online`` as ``true``/``false`` (``1``/``0``,
``yes``/``no``, ``có``/``không``). A Parquet file or dataset keeps its
types; time columns stored as text are parsed the same way. A value that
cannot be read is an error naming the file, the line (CSV) or row
(Parquet) and the column.
"""

from __future__ import annotations

import os

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from hcc_report.errors import (
    ArgumentError,
    MissingDependencyError,
    Problem,
    ValidationError,
)
from hcc_report.loaders._files import file_error


__all__ = ["RecordFile", "open_records"]

#: Rows read at a time: enough to keep an engine busy, few enough that a
#: progress bar moves and memory stays small.
BATCH_ROWS = 250_000
_TIME_FIELDS = ("received", "due", "finished")
_TRUE = ("true", "1", "yes", "có", "x")
_FALSE = ("false", "0", "no", "không")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
_DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
#: Problems named at most, per column.
_EXAMPLES = 5


def _polars() -> Any:
    try:
        import polars as pl  # noqa: PLC0415
    except ImportError as error:
        msg = (
            "reading records from CSV or Parquet needs Polars: "
            'pip install "hcc-report[records]"'
        )
        raise MissingDependencyError(msg, name=error.name) from error
    return pl


@attrs.frozen
class RecordFile:
    """
    A CSV or Parquet file (or a folder of Parquet files) of records.
    """

    #: The file's path, as given.
    path: str
    #: ``"csv"`` or ``"parquet"``.
    format: str
    #: The record fields' columns, where they are named otherwise.
    columns: Mapping[str, str] = attrs.field(factory=dict)

    def where(self, index: int) -> str:
        """
        Where the record at *index* (from 0) is: ``"line 6"`` of a CSV
        file (the headings are line 1), ``"row 5"`` of a Parquet file.
        """
        if self.format == "csv":
            return f"line {index + 2}"
        return f"row {index + 1}"

    def _scan(self) -> Any:
        pl = _polars()
        try:
            if self.format == "csv":
                return pl.scan_csv(
                    self.path, infer_schema=False, encoding="utf8-lossy"
                )
            return pl.scan_parquet(self.path)
        except OSError as error:
            raise file_error("read", self.path, error) from error

    def _run(self, query: Any) -> Any:
        """
        Collect *query*, turning Polars's errors about the file into ours.
        """
        pl = _polars()
        try:
            return query.collect()
        except OSError as error:
            raise file_error("read", self.path, error) from error
        except pl.exceptions.PolarsError as error:
            first = str(error).strip().splitlines()[0]
            problem = Problem("", f"cannot be read as {self.format}: {first}")
            raise ValidationError(
                [problem], subject="records", source=self.path
            ) from None

    def count(self) -> int:
        """
        How many records the file holds (a quick pass, for progress).
        """
        pl = _polars()
        return int(self._run(self._scan().select(pl.len())).item())

    def batches(self) -> Iterator[Any]:
        """
        The records as Polars dataframes of at most 250,000 rows,
        their columns named and typed as `hcc_report.records` reads them.

        Raises:
            ~hcc_report.errors.ValidationError: A value cannot be read; the
                problems name the line or row and the column.
        """
        pl = _polars()
        scan = self._scan()
        names = self._run(scan.head(0)).columns
        renamed = self._renamed(names)
        scan = scan.select(
            [pl.col(column).alias(field) for field, column in renamed.items()]
        )
        schema = scan.collect_schema()
        datetimes = self._holds_times(scan, schema)
        offset = 0
        try:
            batches = scan.collect_batches(chunk_size=BATCH_ROWS)
            for raw in batches:
                yield self._parsed(raw, schema, datetimes, offset)
                offset += raw.height
        except pl.exceptions.PolarsError as error:
            first = str(error).strip().splitlines()[0]
            problem = Problem("", f"cannot be read as {self.format}: {first}")
            raise ValidationError(
                [problem], subject="records", source=self.path
            ) from None

    def _renamed(self, names: list[str]) -> dict[str, str]:
        """
        The columns to read, by field: those named after a field or mapped
        to one.
        """
        fields = (
            "agency",
            *_TIME_FIELDS,
            "online",
            "channel",
            "level",
            "field",
            "procedure",
            "outcome",
            "id",
        )
        renamed = {}
        for field in fields:
            column = self.columns.get(field, field)
            if column in names:
                renamed[field] = column
        needed = ["agency", *_TIME_FIELDS]
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

    def _holds_times(self, scan: Any, schema: Any) -> bool:
        """
        Whether the time columns hold datetimes: typed so, or text with a
        time after any date.
        """
        pl = _polars()
        text = [f for f in _TIME_FIELDS if schema[f] == pl.String]
        typed = [f for f in _TIME_FIELDS if f not in text]
        if any(schema[f] == pl.Datetime for f in typed):
            return True
        if not text:
            return False
        found = self._run(
            scan.select(
                pl.any_horizontal(
                    pl.col(f).str.contains(r"\d[ T]\d").any() for f in text
                )
            )
        )
        return bool(found.item())

    def _parsed(
        self, raw: Any, schema: Any, datetimes: bool, offset: int
    ) -> Any:
        pl = _polars()
        columns = []
        for field in raw.columns:
            column = pl.col(field)
            if schema[field] == pl.String:
                column = column.str.strip_chars()
                column = pl.when(column == "").then(None).otherwise(column)
            if field in _TIME_FIELDS and schema[field] == pl.String:
                column = _parse_time(column, datetimes)
            elif field in _TIME_FIELDS and datetimes:
                column = column.cast(pl.Datetime("us"))
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
        if "online" not in raw.columns:
            columns.append((pl.col("channel") == "online").alias("online"))
        parsed = raw.select(columns)
        self._check_parsed(raw, parsed, offset)
        return parsed

    def _check_parsed(self, raw: Any, parsed: Any, offset: int) -> None:
        """
        Raise the values that were given but could not be read.
        """
        pl = _polars()
        problems: list[Problem] = []
        for field in parsed.columns:
            if field not in raw.columns or raw.schema[field] != pl.String:
                continue
            if parsed.schema[field] == pl.String:
                continue
            given = raw[field].str.strip_chars()
            bad = (given.is_not_null() & (given != "")) & parsed[
                field
            ].is_null()
            indexes = bad.arg_true()
            what = "true or false" if field == "online" else "a date"
            problems.extend(
                Problem(
                    f"{self.where(offset + index)}, column {field!r}",
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


def _parse_time(column: Any, datetimes: bool) -> Any:
    pl = _polars()
    if not datetimes:
        return pl.coalesce(
            column.str.to_date(fmt, strict=False) for fmt in _DATE_FORMATS
        )
    return pl.coalesce(
        *(
            column.str.to_datetime(fmt, strict=False, time_unit="us")
            for fmt in _DATETIME_FORMATS
        ),
        *(
            column.str.to_date(fmt, strict=False).cast(pl.Datetime("us"))
            for fmt in _DATE_FORMATS
        ),
    )


def open_records(
    path: str | os.PathLike[str], *, columns: Mapping[str, str] | None = None
) -> RecordFile:
    """
    A file of dossier records to read in batches: CSV (``.csv``) or
    Parquet (``.parquet``, ``.pq``, or a folder of them).

    Raises:
        ~hcc_report.errors.ArgumentError: The path names another format.
        ~hcc_report.errors.FileError: The file does not exist.
        ~hcc_report.errors.MissingDependencyError: Polars is not installed.
    """
    text = os.fspath(path)
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
    else:
        msg = (
            f"cannot tell the format of {text!r}: records are read from "
            ".csv or .parquet files (or a folder of Parquet files)"
        )
        raise ArgumentError(msg)
    _polars()
    return RecordFile(text, kind, dict(columns or {}))
